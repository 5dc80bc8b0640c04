//! The training audit in the vault: sessions recorded in bulk, and everyone's status for the
//! training that applies to their role.

use crate::common::new_vault;
use chrono::NaiveDate;
use esafety_desk::domain::person::{NewPerson, PersonFlags, PersonKind};
use esafety_desk::domain::training::{Audience, TrainingStatus, TrainingType};
use esafety_desk::store::training::NewSession;
use esafety_desk::store::{StoreError, Vault};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(
    vault: &mut Vault,
    kind: PersonKind,
    given: &str,
    family: &str,
    flags: PersonFlags,
) -> i64 {
    let mut new = NewPerson::named(kind, given, family);
    new.flags = flags;
    vault.add_person(&new).unwrap()
}

fn type_id(vault: &Vault, key: &str) -> i64 {
    vault
        .training_types()
        .unwrap()
        .iter()
        .find(|t| t.kind.key == key)
        .unwrap()
        .id
}

fn session(type_id: i64, held_on: NaiveDate, attendees: Vec<i64>) -> NewSession {
    NewSession {
        type_id,
        held_on,
        provider: "Local authority".into(),
        notes: String::new(),
        attendees,
    }
}

#[test]
fn each_person_gets_the_training_their_role_needs_with_its_status() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let dsl = PersonFlags {
        dsl: true,
        ..Default::default()
    };
    let priya = person(&mut vault, PersonKind::Staff, "Priya", "Shah", dsl);
    let tom = person(
        &mut vault,
        PersonKind::Staff,
        "Tom",
        "Bailey",
        PersonFlags::default(),
    );
    let governor = person(
        &mut vault,
        PersonKind::Governor,
        "Margaret",
        "Hughes",
        PersonFlags::default(),
    );
    let mut leaver = NewPerson::named(PersonKind::Staff, "Gone", "Away");
    leaver.leaving_date = Some(day(2026, 7, 20));
    vault.add_person(&leaver).unwrap();
    person(
        &mut vault,
        PersonKind::Pupil,
        "Ava",
        "Jones",
        PersonFlags::default(),
    );

    let today = day(2026, 9, 1);
    let annual = type_id(&vault, "annual-update");
    vault
        .record_training_session(&session(annual, day(2025, 9, 1), vec![priya, tom]), today)
        .unwrap();
    vault
        .record_training_session(&session(annual, day(2025, 10, 20), vec![tom]), today)
        .unwrap();
    vault
        .record_training_session(
            &session(type_id(&vault, "dsl"), day(2024, 8, 1), vec![priya]),
            today,
        )
        .unwrap();

    let statuses = vault.training_statuses(today).unwrap();
    let of = |person: i64, key: &str| {
        let id = type_id(&vault, key);
        statuses
            .iter()
            .find(|s| s.person_id == person && s.type_id == id)
            .map(|s| s.status)
    };
    assert_eq!(
        of(priya, "annual-update"),
        Some(TrainingStatus::DueSoon),
        "due today"
    );
    assert_eq!(
        of(tom, "annual-update"),
        Some(TrainingStatus::UpToDate),
        "the later session counts"
    );
    assert_eq!(of(priya, "dsl"), Some(TrainingStatus::Overdue));
    assert_eq!(of(tom, "dsl"), None, "not a DSL");
    assert_eq!(of(priya, "induction"), Some(TrainingStatus::NeverDone));
    assert_eq!(
        of(governor, "governor-awareness"),
        Some(TrainingStatus::NeverDone)
    );
    assert_eq!(
        of(governor, "annual-update"),
        None,
        "governors are not staff"
    );
    assert!(
        statuses.iter().all(|s| s.name != "Gone Away"),
        "leavers drop out"
    );
    assert!(
        statuses.iter().all(|s| s.name != "Ava Jones"),
        "pupils are not in the audit"
    );
    vault.verify().unwrap();
}

#[test]
fn a_session_in_the_future_or_with_nobody_ticked_is_refused_and_writes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let tom = person(
        &mut vault,
        PersonKind::Staff,
        "Tom",
        "Bailey",
        PersonFlags::default(),
    );
    let annual = type_id(&vault, "annual-update");
    let before = vault.verify().unwrap().chain.entries;
    let refusal = |error: StoreError| match error {
        StoreError::Rule(problem) => problem.to_string(),
        other => panic!("{other:?}"),
    };
    let today = day(2026, 9, 1);
    let future = vault
        .record_training_session(&session(annual, day(2026, 9, 2), vec![tom]), today)
        .unwrap_err();
    assert_eq!(
        refusal(future),
        "A session cannot be recorded before it is held"
    );
    let nobody = vault
        .record_training_session(&session(annual, today, vec![]), today)
        .unwrap_err();
    assert_eq!(refusal(nobody), "Tick who attended");
    let stranger = vault
        .record_training_session(&session(annual, today, vec![tom, 9999]), today)
        .unwrap_err();
    assert_eq!(
        refusal(stranger),
        "Someone ticked is not in the people list"
    );
    assert_eq!(vault.verify().unwrap().chain.entries, before);
}

#[test]
fn a_whole_staff_session_is_one_save_and_the_outstanding_list_exports() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let staff: Vec<i64> = (0..60)
        .map(|n| {
            person(
                &mut vault,
                PersonKind::Staff,
                &format!("Staff{n}"),
                "Member",
                PersonFlags::default(),
            )
        })
        .collect();
    let today = day(2026, 9, 1);
    let annual = type_id(&vault, "annual-update");
    vault
        .record_training_session(
            &session(annual, day(2026, 9, 1), staff[..55].to_vec()),
            today,
        )
        .unwrap();
    let outstanding: Vec<_> = vault
        .training_statuses(today)
        .unwrap()
        .into_iter()
        .filter(|s| s.type_id == annual && s.status.outstanding())
        .collect();
    assert_eq!(outstanding.len(), 5);
    let mut csv = Vec::new();
    let rows = vault.export_training_outstanding(today, &mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert_eq!(
        rows,
        60 + 5,
        "everyone's induction, and the five who missed the update"
    );
    assert!(text.starts_with("name,kind,training,status,last_done,due\n"));
    assert!(text.contains(
        "Staff59 Member,staff,Annual safeguarding and online-safety update,Never done,,"
    ));
}

#[test]
fn the_school_adds_types_changes_renewal_periods_and_retires_types_with_statuses_following() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let teacher = PersonFlags {
        teaching: true,
        ..Default::default()
    };
    let ann = person(&mut vault, PersonKind::Staff, "Ann", "Lee", teacher);
    let today = day(2026, 9, 1);
    let annual = type_id(&vault, "annual-update");
    vault
        .record_training_session(&session(annual, day(2025, 6, 1), vec![ann]), today)
        .unwrap();
    let status_of = |vault: &Vault, type_id: i64| {
        vault
            .training_statuses(today)
            .unwrap()
            .into_iter()
            .find(|r| r.person_id == ann && r.type_id == type_id)
            .map(|r| r.status)
    };
    assert_eq!(status_of(&vault, annual), Some(TrainingStatus::Overdue));

    // Every 24 months instead of 12: the June 2025 session now counts.
    let mut kind = vault
        .training_types()
        .unwrap()
        .into_iter()
        .find(|t| t.id == annual)
        .unwrap()
        .kind;
    kind.renewal_months = Some(24);
    vault.update_training_type(annual, &kind, true).unwrap();
    assert_eq!(status_of(&vault, annual), Some(TrainingStatus::UpToDate));
    let unchanged = vault.update_training_type(annual, &kind, true);
    assert!(
        matches!(unchanged, Err(StoreError::Rule(p)) if p.to_string() == "Nothing has changed")
    );

    // A type of the school's own applies at once; a clashing name is refused.
    let prevent = TrainingType {
        key: String::new(),
        name: "Prevent duty".into(),
        renewal_months: Some(36),
        audience: Audience::AllStaff,
    };
    let prevent_id = vault.add_training_type(&prevent).unwrap();
    assert_eq!(
        status_of(&vault, prevent_id),
        Some(TrainingStatus::NeverDone)
    );
    let again = vault.add_training_type(&TrainingType {
        name: "PREVENT DUTY".into(),
        ..prevent.clone()
    });
    assert!(
        matches!(again, Err(StoreError::Rule(p)) if p.to_string().contains("already a training type"))
    );
    let all = vault.all_training_types().unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(all.last().unwrap().0.kind.key, "prevent-duty");

    // Retired: off the audit, kept in the vault and its history.
    vault
        .update_training_type(prevent_id, &prevent, false)
        .unwrap();
    assert_eq!(status_of(&vault, prevent_id), None);
    assert!(
        vault
            .all_training_types()
            .unwrap()
            .iter()
            .any(|(t, active)| t.id == prevent_id && !active)
    );
    assert_eq!(
        vault.history("training_types", prevent_id).unwrap().len(),
        2
    );
    vault.verify().unwrap();
}
