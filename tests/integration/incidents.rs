//! The incident log in the vault: recording, search, referrals, decisions and closing.

use crate::common::example_incident;
use crate::common::{behind_the_apps_back, new_vault, raw_key_hex};
use chrono::{NaiveDate, NaiveDateTime};
use esafety_desk::domain::incident::rules::{self, Referral};
use esafety_desk::domain::incident::{NewIncident, Outcome, PlannedAction, Role, Status};
use esafety_desk::domain::person::{NewPerson, PersonKind};
use esafety_desk::store::{StoreError, Vault};

fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 11, day)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

fn now() -> NaiveDateTime {
    at(28, 17)
}

fn pupil(vault: &mut Vault, given: &str, family: &str, year: u8) -> i64 {
    let mut person = NewPerson::named(PersonKind::Pupil, given, family);
    person.year_group = Some(year);
    vault.add_person(&person).unwrap()
}

/// An incident in `category_key` about `people`, with the policy's suggested pupil actions chosen.
fn incident(category_key: &str, description: &str, people: Vec<(i64, Role)>) -> NewIncident {
    example_incident(category_key, at(10, 9))
        .reported(at(10, 11), "Class teacher, 5B")
        .described(description)
        .urls(&["https://proxy.example.net/browse"])
        .about(people)
        .suggested_pupil_actions()
        .build()
}

#[test]
fn incidents_get_yearly_references_and_every_write_is_audit_chained() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let ava = pupil(&mut vault, "Ava", "Jones", 5);
    let first = vault
        .record_incident(
            &incident(
                "pupil.subverting-filtering",
                "Used a proxy site in computing.",
                vec![(ava, Role::Pupil)],
            ),
            now(),
        )
        .unwrap();
    let second = vault
        .record_incident(
            &incident(
                "pupil.mobile-devices",
                "Filmed a lesson on a phone.",
                vec![],
            ),
            now(),
        )
        .unwrap();
    assert_eq!(
        (first.reference.as_str(), second.reference.as_str()),
        ("ES-2025-0001", "ES-2025-0002")
    );
    let report = vault.verify().unwrap();
    // settings, the two sanctions and three usage tables, the report's themes, five training
    // types, nine schedule items, Ava, 2 incidents, 1 person link, 8 + 2 suggested actions
    assert_eq!(
        report.chain.entries,
        1 + 2 + 3 + 1 + 5 + 9 + 1 + 2 + 1 + 8 + 2
    );
    assert_eq!(report.chain.records, report.chain.entries);
    let history = vault.history("incidents", first.id).unwrap();
    assert_eq!(history.len(), 1);
    assert!(
        history[0]
            .content
            .contains("\"reference\":\"ES-2025-0001\"")
    );
}

#[test]
fn search_finds_incidents_by_words_of_the_description_names_urls_and_reference() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let ava = pupil(&mut vault, "Ava", "Jones", 5);
    let leo = pupil(&mut vault, "Leo", "Ahmed", 6);
    let proxy = incident(
        "pupil.subverting-filtering",
        "Used a proxy site in computing.",
        vec![(ava, Role::Pupil)],
    );
    let mut bullying = incident(
        "pupil.offensive-messages",
        "Unkind messages in the class group chat.",
        vec![(leo, Role::Pupil)],
    );
    bullying.urls.clear();
    bullying.reported_at = at(11, 9);
    vault.record_incident(&proxy, now()).unwrap();
    vault.record_incident(&bullying, now()).unwrap();
    let found = |text: &str| {
        vault
            .search_incidents(text, 50)
            .unwrap()
            .iter()
            .map(|row| row.reference.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        found("prox"),
        ["ES-2025-0001"],
        "a word beginning finds it as the user types"
    );
    assert_eq!(found("group chat"), ["ES-2025-0002"]);
    assert_eq!(
        found("ahmed"),
        ["ES-2025-0002"],
        "people's names are searched"
    );
    assert_eq!(found("example"), ["ES-2025-0001"], "URLs are searched");
    assert_eq!(found("ES-2025-0001"), ["ES-2025-0001"]);
    assert_eq!(
        found(""),
        ["ES-2025-0002", "ES-2025-0001"],
        "no words: newest first"
    );
    assert!(found("proxy chat").is_empty(), "every word must match");
    assert!(
        found("\"OR NEAR(").is_empty(),
        "operators typed by the user are inert"
    );
}

#[test]
fn a_refused_incident_changes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let before = vault.verify().unwrap().chain.entries;
    let mut future = incident("pupil.downloading", "Downloaded a game installer.", vec![]);
    future.occurred_at = at(29, 9);
    future.reported_at = at(29, 10);
    let error = vault.record_incident(&future, now()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "When it happened cannot be in the future"
    );
    let unknown_person = incident(
        "pupil.downloading",
        "Downloaded a game installer.",
        vec![(999, Role::Pupil)],
    );
    let error = vault.record_incident(&unknown_person, now()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "A person on this incident is not in the people list"
    );
    assert_eq!(vault.verify().unwrap().chain.entries, before);
    assert!(vault.newest_incidents(10, 0).unwrap().is_empty());
}

#[test]
fn an_illegal_incident_closes_only_after_a_police_referral_or_a_recorded_reason() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let grooming = vault
        .record_incident(
            &incident(
                "activity.grooming",
                "Adult stranger asked a pupil to meet.",
                vec![],
            ),
            now(),
        )
        .unwrap();
    let refused = vault
        .close_incident(
            grooming.id,
            Outcome::Substantiated,
            "Referred and dealt with",
        )
        .unwrap_err();
    assert!(matches!(refused, StoreError::Rule(_)));
    assert!(
        refused
            .to_string()
            .starts_with("This incident is in an illegal category")
    );
    vault
        .refer_incident(grooming.id, Referral::Ceop, at(10, 12), "CEOP-123")
        .unwrap();
    assert!(
        vault
            .close_incident(
                grooming.id,
                Outcome::Substantiated,
                "Referred and dealt with"
            )
            .is_err(),
        "CEOP alone is not the police"
    );
    vault
        .refer_incident(grooming.id, Referral::Police, at(10, 12), "CAD 4411")
        .unwrap();
    vault
        .close_incident(
            grooming.id,
            Outcome::Substantiated,
            "Referred and dealt with",
        )
        .unwrap();
    assert_eq!(
        vault.newest_incidents(1, 0).unwrap()[0].status,
        Status::Closed
    );

    let nudes = vault
        .record_incident(
            &incident(
                "activity.nudes-semi-nudes",
                "Image shared between two Year 6 pupils.",
                vec![],
            ),
            now(),
        )
        .unwrap();
    let error = vault
        .record_decision(
            nudes.id,
            at(10, 13),
            "Handle in school",
            " ",
            Some(Referral::Police),
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "Write the decision and the reason for it"
    );
    vault
        .record_decision(
            nudes.id,
            at(10, 13),
            "Handle in school",
            "UKCIS criteria met: no adult, no coercion; DSL agreed",
            Some(Referral::Police),
        )
        .unwrap();
    vault
        .close_incident(nudes.id, Outcome::Substantiated, "Referred and dealt with")
        .unwrap();
    assert!(vault.verify().is_ok());
}

#[test]
fn an_incident_changed_or_removed_behind_the_apps_back_is_caught() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let recorded = vault
        .record_incident(
            &incident("pupil.downloading", "Downloaded a game installer.", vec![]),
            now(),
        )
        .unwrap();
    let key = raw_key_hex(&vault);
    drop(vault);
    let conn = behind_the_apps_back(&dir, &key);
    let removed = conn.execute("DELETE FROM incidents WHERE id = ?1", [recorded.id]);
    assert!(removed.is_err(), "records cannot be deleted");
    conn.execute(
        "UPDATE incidents SET status = 'closed' WHERE id = ?1",
        [recorded.id],
    )
    .unwrap();
    drop(conn);
    let error = Vault::unlock(&dir, crate::common::PASSPHRASE)
        .unwrap()
        .verify()
        .unwrap_err();
    assert!(
        error.to_string().contains(&format!(
            "incidents record {} was changed outside the app",
            recorded.id
        )),
        "{error}"
    );
}

#[test]
fn the_people_involved_are_kept_with_their_roles() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let ava = pupil(&mut vault, "Ava", "Jones", 5);
    let mut head = NewPerson::named(PersonKind::Staff, "Daniel", "Okafor");
    head.is_headteacher = true;
    let head = vault.add_person(&head).unwrap();
    let recorded = vault
        .record_incident(
            &incident(
                "pupil.offensive-messages",
                "Messages to a pupil from a personal account.",
                vec![(ava, Role::Pupil), (head, Role::Headteacher)],
            ),
            now(),
        )
        .unwrap();
    let people = vault.incident_people(recorded.id).unwrap();
    let listed: Vec<_> = people
        .iter()
        .map(|p| (p.id, p.name.as_str(), p.role, p.part))
        .collect();
    assert_eq!(
        listed,
        [
            (ava, "Ava Jones", Role::Pupil, None),
            (head, "Daniel Okafor", Role::Headteacher, None)
        ],
        "no part is given when none was chosen"
    );
    let involved: Vec<_> = people.iter().map(|p| p.role.involved()).collect();
    assert_eq!(
        rules::routing(&involved),
        Some(rules::RouteTo::ChairOfGovernorsAndLado)
    );
    assert_eq!(vault.people().unwrap().len(), 2);
    let later = example_incident("pupil.mobile-devices", at(20, 9))
        .described("Filmed a lesson on a phone.")
        .about(vec![(ava, Role::Pupil)])
        .suggested_pupil_actions()
        .build();
    vault.record_incident(&later, now()).unwrap();
    let chronology = vault.chronology(ava).unwrap();
    let references: Vec<&str> = chronology
        .iter()
        .map(|entry| entry.row.reference.as_str())
        .collect();
    assert_eq!(
        references,
        ["ES-2025-0001", "ES-2025-0002"],
        "in the order they happened"
    );
    assert!(
        chronology[0]
            .actions
            .contains(&"Inform parent / carers".to_owned())
    );
    assert_eq!(vault.chronology(head).unwrap().len(), 1);
}

#[test]
fn closing_needs_the_outcome_and_a_written_conclusion() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let recorded = vault
        .record_incident(
            &incident("pupil.downloading", "Downloaded a game installer.", vec![]),
            now(),
        )
        .unwrap();
    let shortcut = vault
        .set_incident_status(recorded.id, Status::Closed)
        .unwrap_err();
    assert_eq!(
        shortcut.to_string(),
        "Close an incident with its outcome and conclusion"
    );
    let blank = vault
        .close_incident(recorded.id, Outcome::Substantiated, "  ")
        .unwrap_err();
    assert_eq!(
        blank.to_string(),
        "Write the conclusion before closing the incident"
    );
    vault
        .set_incident_status(recorded.id, Status::UnderInvestigation)
        .unwrap();
    vault
        .close_incident(
            recorded.id,
            Outcome::NotSubstantiated,
            "The file was a school resource.",
        )
        .unwrap();
    let detail = vault.incident(recorded.id).unwrap();
    assert_eq!(
        (detail.row.status, detail.outcome),
        (Status::Closed, Some(Outcome::NotSubstantiated))
    );
    assert_eq!(detail.conclusion, "The file was a school resource.");
    let history = vault.history("incidents", recorded.id).unwrap();
    assert_eq!(
        history
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["create", "amend", "amend"]
    );
    let timeline = vault.timeline(recorded.id).unwrap();
    let closed = timeline.last().unwrap();
    assert_eq!(
        (closed.event.to_string(), closed.by.as_str()),
        (
            "Closed: Not substantiated — The file was a school resource.".to_owned(),
            "Alex Morgan"
        ),
        "the closure, who and when, is in the timeline"
    );
    assert_eq!(
        timeline
            .iter()
            .filter(|e| e.event.to_string().starts_with("Closed"))
            .count(),
        1
    );
}

#[test]
fn a_chosen_action_is_marked_done_once_with_who_and_when() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let recorded = vault
        .record_incident(
            &incident(
                "pupil.mobile-devices",
                "Filmed a lesson on a phone.",
                vec![],
            ),
            now(),
        )
        .unwrap();
    let actions = vault.incident(recorded.id).unwrap().actions;
    assert_eq!(
        actions
            .iter()
            .map(|a| a.action.as_str())
            .collect::<Vec<_>>(),
        ["Inform parent / carers", "Warning"]
    );
    assert!(
        actions
            .iter()
            .all(|a| a.suggested && a.chosen && a.done_at.is_none())
    );
    vault
        .action_done(actions[0].id, at(11, 8), "Spoke to her after registration")
        .unwrap();
    let again = vault.action_done(actions[0].id, at(12, 8), "").unwrap_err();
    assert_eq!(again.to_string(), "That action is already recorded as done");
    let done = &vault.incident(recorded.id).unwrap().actions[0];
    assert_eq!(
        (done.done_at, done.done_by.as_str()),
        (Some(at(11, 8)), "Alex Morgan")
    );
    assert_eq!(
        vault
            .history("incident_actions", actions[0].id)
            .unwrap()
            .len(),
        2
    );
    assert!(vault.verify().is_ok());
}

#[test]
fn the_list_filters_by_status_category_who_and_dates_and_sorts() {
    use esafety_desk::domain::incident::{IncidentFilter, Involving, ListOrder};
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let ava = pupil(&mut vault, "Ava", "Jones", 5);
    let teacher = vault
        .add_person(&NewPerson::named(PersonKind::Staff, "Tom", "Reid"))
        .unwrap();
    let mut phone = incident(
        "pupil.mobile-devices",
        "Phone in a lesson",
        vec![(ava, Role::Pupil)],
    );
    phone.occurred_at = at(3, 9);
    phone.reported_at = at(3, 10);
    let first = vault.record_incident(&phone, now()).unwrap();
    let mut staff = incident(
        "staff.careless-personal-data",
        "Left a register on a bus",
        vec![(teacher, Role::Staff)],
    );
    staff.actions.clear();
    let second = vault.record_incident(&staff, now()).unwrap();
    vault
        .set_incident_status(second.id, Status::UnderInvestigation)
        .unwrap();

    let ids = |filter: &IncidentFilter, text: &str| -> Vec<i64> {
        vault
            .filter_incidents(text, filter, 100)
            .unwrap()
            .iter()
            .map(|row| row.id)
            .collect()
    };
    let everything = IncidentFilter::default();
    assert_eq!(ids(&everything, ""), [second.id, first.id]);
    let oldest = IncidentFilter {
        order: ListOrder::OldestFirst,
        ..Default::default()
    };
    assert_eq!(ids(&oldest, ""), [first.id, second.id]);
    let open = IncidentFilter {
        status: Some(Status::Open),
        ..Default::default()
    };
    assert_eq!(ids(&open, ""), [first.id]);
    let staff_only = IncidentFilter {
        involving: Some(Involving::Staff),
        ..Default::default()
    };
    assert_eq!(ids(&staff_only, ""), [second.id]);
    let category = IncidentFilter {
        category: Some("pupil.mobile-devices".into()),
        ..Default::default()
    };
    assert_eq!(ids(&category, ""), [first.id]);
    let day = |d| NaiveDate::from_ymd_opt(2025, 11, d).unwrap();
    let third_only = IncidentFilter {
        from: Some(day(3)),
        to: Some(day(3)),
        ..Default::default()
    };
    assert_eq!(ids(&third_only, ""), [first.id], "the 'to' day is included");
    let later = IncidentFilter {
        from: Some(day(4)),
        ..Default::default()
    };
    assert_eq!(ids(&later, ""), [second.id]);
    assert_eq!(ids(&staff_only, "register"), [second.id]);
    assert!(
        ids(&staff_only, "phone").is_empty(),
        "search and filters combine"
    );
    let by_status = IncidentFilter {
        order: ListOrder::ByStatus,
        ..Default::default()
    };
    assert_eq!(
        ids(&by_status, ""),
        [first.id, second.id],
        "open before under investigation"
    );
}

#[test]
fn a_stored_value_this_version_cannot_read_names_its_record_and_is_never_read_as_a_default() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let ava = pupil(&mut vault, "Ava", "Jones", 5);
    let recorded = vault
        .record_incident(
            &incident(
                "pupil.mobile-devices",
                "Phone out in a lesson",
                vec![(ava, Role::Pupil)],
            ),
            now(),
        )
        .unwrap();
    let conn = behind_the_apps_back(&dir, &raw_key_hex(&vault));
    conn.execute(
        "UPDATE incidents SET reported_at = 'last Tuesday', location = 'garden' WHERE id = ?1",
        [recorded.id],
    )
    .unwrap();
    drop(conn);
    let error = vault.newest_incidents(10, 0).unwrap_err();
    assert!(error.is_integrity_failure());
    assert_eq!(
        error.to_string(),
        format!(
            "The vault holds a value this version cannot read: incident {}: its reported_at cannot be read \
             (\"last Tuesday\" is not a date and time this version knows). Nothing was changed; install \
             the newest version or restore the latest backup",
            recorded.reference
        )
    );
    let detail = vault.incident(recorded.id).unwrap_err().to_string();
    assert!(
        detail.contains(&format!("incident {}: its reported_at", recorded.reference)),
        "{detail}"
    );
    let conn = behind_the_apps_back(&dir, &raw_key_hex(&vault));
    conn.execute(
        "UPDATE incidents SET reported_at = '2025-11-10T11:00' WHERE id = ?1",
        [recorded.id],
    )
    .unwrap();
    drop(conn);
    let detail = vault.incident(recorded.id).unwrap_err().to_string();
    assert!(
        detail
            .contains("its location cannot be read (\"garden\" is not a place this version knows)"),
        "never read as Other: {detail}"
    );
}

#[test]
fn recording_the_referral_or_the_parents_informed_completes_the_matching_action() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let ava = pupil(&mut vault, "Ava", "Jones", 5);
    let recorded = vault
        .record_incident(
            &example_incident("activity.grooming", at(10, 9))
                .about(vec![(ava, Role::Pupil)])
                .actions(
                    [
                        "Refer to the Police",
                        "Inform parent / carers",
                        "Refer to Headteacher",
                    ]
                    .into_iter()
                    .map(|action| PlannedAction {
                        action: action.into(),
                        suggested: true,
                        chosen: true,
                    })
                    .collect(),
                )
                .build(),
            now(),
        )
        .unwrap();
    let open = |vault: &Vault| -> Vec<String> {
        let detail = vault.incident(recorded.id).unwrap();
        detail
            .actions
            .iter()
            .filter(|a| a.chosen && a.done_at.is_none())
            .map(|a| a.action.clone())
            .collect()
    };
    let before = open(&vault);
    assert!(
        before.contains(&"Refer to the Police".to_owned()),
        "{before:?}"
    );
    assert!(
        before.contains(&"Inform parent / carers".to_owned()),
        "{before:?}"
    );

    vault
        .refer_incident(recorded.id, Referral::Police, at(11, 9), "CR-2025-118")
        .unwrap();
    vault
        .parents_informed(recorded.id, at(11, 10), "Mrs Shah (DSL)")
        .unwrap();
    assert_eq!(
        open(&vault),
        ["Refer to Headteacher"],
        "the other two are done"
    );
    let detail = vault.incident(recorded.id).unwrap();
    let police = detail
        .actions
        .iter()
        .find(|a| a.action == "Refer to the Police")
        .unwrap();
    assert_eq!(police.done_at, Some(at(11, 9)));
    assert_eq!(police.note, "Done by recording the referral to Police");
    vault.verify().unwrap();
}
