//! The Acceptable Use Agreement registers: versions, signatures in bulk, and who must sign.

use crate::common::new_vault;
use chrono::NaiveDate;
use esafety_desk::domain::aup::{Register, SignatureStatus, SigningMethod};
use esafety_desk::domain::person::{NewPerson, PersonKind};
use esafety_desk::domain::problem::{Refusal, RuleProblem};
use esafety_desk::store::StoreError;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_class_signs_in_one_go_and_a_new_version_makes_earlier_signatures_superseded() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let mut year5 = Vec::new();
    for (given, family) in [("Ava", "Jones"), ("Leo", "Ahmed"), ("Maya", "Kowalski")] {
        let mut pupil = NewPerson::named(PersonKind::Pupil, given, family);
        pupil.year_group = Some(5);
        year5.push(vault.add_person(&pupil).unwrap());
    }
    let parent = vault
        .add_person(&NewPerson::named(PersonKind::ParentOrCarer, "Sam", "Jones"))
        .unwrap();
    let today = day(2025, 9, 20);
    let v1 = vault
        .add_aup_document(Register::Pupils, "Pupil AUP (KS2)", "2024", day(2024, 7, 1))
        .unwrap();
    let signed = vault
        .record_aup_signatures(
            v1,
            &year5[..2],
            day(2025, 9, 12),
            SigningMethod::Paper,
            today,
        )
        .unwrap();
    assert_eq!(signed, 2);
    let status = |vault: &esafety_desk::store::Vault, person: i64| {
        vault
            .aup_statuses(today)
            .unwrap()
            .into_iter()
            .find(|r| r.person_id == person)
            .map(|r| r.status)
    };
    assert_eq!(status(&vault, year5[0]), Some(SignatureStatus::Signed));
    assert_eq!(status(&vault, year5[2]), Some(SignatureStatus::NotSigned));
    assert_eq!(status(&vault, parent), None, "no parent agreement yet");

    let wrong_register = vault
        .record_aup_signatures(v1, &[parent], today, SigningMethod::Paper, today)
        .unwrap_err();
    assert!(
        matches!(wrong_register, StoreError::Rule(ref p) if p.to_string() == "Someone ticked is not on the pupils register")
    );
    let twice = vault
        .add_aup_document(Register::Pupils, "Pupil AUP (KS2)", "2024", day(2025, 7, 1))
        .unwrap_err();
    assert!(
        matches!(twice, StoreError::Rule(ref p) if p.to_string() == "Pupils already has a version 2024")
    );

    vault
        .add_aup_document(
            Register::Pupils,
            "Pupil AUP (KS2)",
            "2025",
            day(2025, 9, 15),
        )
        .unwrap();
    assert_eq!(status(&vault, year5[0]), Some(SignatureStatus::Superseded));
    let mut csv = Vec::new();
    assert_eq!(vault.export_aup_outstanding(today, &mut csv).unwrap(), 3);
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("Pupils,Ava Jones,Year 5,Superseded — needs to re-sign,12/09/2025"));
    vault.verify().unwrap();
}

#[test]
fn photo_consent_lists_who_must_not_appear_and_yearly_schools_ask_again() {
    use esafety_desk::domain::consent::{Answer, ConsentStatus, PhotoUse};
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let mut pupils = Vec::new();
    for (given, family) in [("Ava", "Jones"), ("Leo", "Ahmed"), ("Maya", "Kowalski")] {
        let mut pupil = NewPerson::named(PersonKind::Pupil, given, family);
        pupil.year_group = Some(2);
        pupils.push(vault.add_person(&pupil).unwrap());
    }
    let teacher = vault
        .add_person(&NewPerson::named(PersonKind::Staff, "Tom", "Bailey"))
        .unwrap();
    let today = day(2026, 9, 20);
    let all_given: Vec<(PhotoUse, Answer)> =
        PhotoUse::ALL.iter().map(|u| (*u, Answer::Given)).collect();
    vault
        .record_photo_consent(
            pupils[0],
            &all_given,
            "Sam Jones (mother)",
            day(2025, 9, 5),
            today,
        )
        .unwrap();
    vault
        .record_photo_consent(
            pupils[1],
            &[
                (PhotoUse::Website, Answer::Withheld),
                (PhotoUse::Displays, Answer::Given),
            ],
            "Ali Ahmed (father)",
            day(2026, 9, 5),
            today,
        )
        .unwrap();
    let refused = vault
        .record_photo_consent(teacher, &all_given, "Himself", today, today)
        .unwrap_err();
    assert!(
        matches!(
            refused,
            StoreError::Rule(RuleProblem::Refused(Refusal::ConsentNotForPupil))
        ),
        "{refused}"
    );
    let nobody = vault
        .record_photo_consent(pupils[2], &all_given, " ", today, today)
        .unwrap_err();
    assert!(
        matches!(
            nobody,
            StoreError::Rule(RuleProblem::Refused(Refusal::ConsentGiverMissing))
        ),
        "{nobody}"
    );

    let website = |vault: &esafety_desk::store::Vault| -> Vec<(String, ConsentStatus)> {
        vault
            .photo_consents(today)
            .unwrap()
            .into_iter()
            .filter(|p| !p.uses[0].may_appear())
            .map(|p| (p.name, p.uses[0]))
            .collect()
    };
    assert_eq!(
        website(&vault),
        [
            ("Leo Ahmed".to_owned(), ConsentStatus::Withheld),
            ("Maya Kowalski".to_owned(), ConsentStatus::NotReturned)
        ]
    );
    vault.set_photo_consent_yearly(true).unwrap();
    assert_eq!(website(&vault).len(), 3, "Ava's form is over a year old");
    vault.verify().unwrap();
}
