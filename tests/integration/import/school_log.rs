//! A school's own old log, as it was kept (its column names and category words, extra
//! columns, closed rows without outcomes, an illegal row closed without a police step, names
//! with accents and apostrophes, a blank line, Windows line endings), brought in through a
//! mapping alone, with the pupils and staff already in the vault from the MIS.

use super::{ALL, SKIP, entries, file, now, refusal};
use crate::common::new_vault;
use esafety_desk::domain::incident::Status;
use esafety_desk::domain::incident::import::{
    IncidentMapping, ListField, NOT_RECORDED, ReadChoices, Synonyms,
};
use esafety_desk::domain::incident::record::{Device, Location};
use esafety_desk::domain::incident::timeline::Event;
use esafety_desk::domain::person::PersonKind;
use esafety_desk::domain::person_import::Mapping;
use esafety_desk::store::Vault;
use esafety_desk::store::import::{RowState, Skips};

const LOG: &[u8] = include_bytes!("../../fixtures/import/old-incident-log.csv");
const LATER: &[u8] = include_bytes!("../../fixtures/import/old-incident-log-later.csv");

/// The school's choices: the one column whose name says nothing, and its category words.
fn the_schools_choices() -> ReadChoices {
    let mut synonyms = Synonyms::default();
    for part in [
        "Mobile phone=pupil.mobile-devices",
        "Cyberbullying=pupil.offensive-messages",
        "Social media=pupil.social-media",
        "Sharing passwords=pupil.sharing-passwords",
    ] {
        synonyms.add_part(part).unwrap();
    }
    ReadChoices {
        mapping: IncidentMapping::parse("reported_by=Staff").unwrap(),
        synonyms,
        ..ReadChoices::default()
    }
}

/// A vault with the school's pupils and staff imported from SIMS lists.
fn school(root: &std::path::Path) -> Vault {
    let (_dir, mut vault, _) = new_vault(root);
    let today = now().date();
    for (list, kind) in [
        (
            &include_bytes!("../../fixtures/import/sims-pupils.csv")[..],
            PersonKind::Pupil,
        ),
        (
            &include_bytes!("../../fixtures/import/sims-staff.csv")[..],
            PersonKind::Staff,
        ),
    ] {
        let done = vault
            .import_people(list, kind, &Mapping::default(), false, false, today)
            .unwrap();
        assert!(done.added > 0);
    }
    vault
}

#[test]
fn the_old_log_imports_through_a_mapping_alone_and_a_second_import_adds_nothing() {
    let root = tempfile::tempdir().unwrap();
    let mut vault = school(root.path());
    let people_before = vault.people().unwrap().len();

    let untold = ReadChoices::default();
    let first_look = vault.preview_import(file(LOG, &untold), now()).unwrap();
    assert_eq!(first_look.rows.len(), 10, "the blank line is no row");
    let unsure: Vec<&str> = first_look
        .rows
        .iter()
        .flat_map(|row| &row.problems)
        .filter(|p| p.starts_with("category: "))
        .map(String::as_str)
        .collect();
    assert_eq!(
        unsure.len(),
        8,
        "every unknown category word is named at once: {unsure:?}"
    );
    assert!(unsure[0].contains("confirm the closest (pupil.mobile-devices)"));

    let choices = the_schools_choices();
    let preview = vault.preview_import(file(LOG, &choices), now()).unwrap();
    let problems: Vec<_> = preview
        .rows
        .iter()
        .filter(|r| !r.problems.is_empty())
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!((preview.ready_rows(), preview.already_rows()), (10, 0));
    assert_eq!(
        preview.matched_people, 5,
        "Zoë, Connor, Siân, Leo and Tom from the MIS"
    );
    assert_eq!(
        preview.new_people,
        [
            "José Martín (pupil, Year 10)",
            "Amelia-Rose Kowalski (pupil, Year 11)",
            "Ivy Nwosu (pupil, Year 8)"
        ]
    );
    let flagged: Vec<u64> = preview
        .rows
        .iter()
        .filter(|r| r.police_step_missing)
        .map(|r| r.line)
        .collect();
    assert_eq!(
        flagged,
        [4],
        "the grooming row closed without a police step"
    );

    let done = vault
        .import_incidents(file(LOG, &choices), SKIP, now())
        .unwrap();
    assert_eq!((done.imported, done.already, done.people_added), (10, 0, 3));
    assert!(done.left_out.is_empty());
    assert_eq!(done.police_step_missing.len(), 1);
    assert_eq!(
        vault.people().unwrap().len(),
        people_before + 3,
        "no one doubled"
    );

    let rows = vault.newest_incidents(100, 0).unwrap();
    let by_old_reference = |old: &str| {
        let row = rows
            .iter()
            .find(|r| vault.incident(r.id).unwrap().source_reference == old)
            .unwrap();
        vault.incident(row.id).unwrap()
    };
    let phone = by_old_reference("2023/01");
    assert_eq!(phone.row.status, Status::Closed);
    assert_eq!(
        (phone.outcome, phone.conclusion.as_str()),
        (None, NOT_RECORDED),
        "never an invented outcome"
    );
    assert_eq!(phone.reported_by, "Mrs Shah");
    assert!(
        phone
            .description
            .ends_with("From the old log:\nForm: 8B\nYear: Year 8"),
        "{}",
        phone.description
    );
    assert_eq!(phone.row.people, ["Zoë O'Brien"]);
    let upheld = by_old_reference("2023/02");
    assert_eq!(
        upheld.outcome,
        Some(esafety_desk::domain::incident::Outcome::Substantiated)
    );
    let grooming = by_old_reference("2023/03");
    assert_eq!(
        grooming.row.status,
        Status::Open,
        "illegal and no police step: left open"
    );
    assert_eq!(vault.incident_counts().unwrap().police_step_not_recorded, 1);
    let timeline = vault.timeline(grooming.row.id).unwrap();
    let imported = timeline
        .iter()
        .find(|entry| matches!(entry.event, Event::Imported { .. }))
        .expect("the provenance is in the timeline");
    assert_eq!(
        imported.event.to_string(),
        "Imported from old log.csv row 4"
    );
    assert_eq!(imported.by, "Alex Morgan");
    assert_eq!(imported.at, now());

    let before = entries(&vault);
    let untold_again = ReadChoices::default();
    let again = vault
        .preview_import(file(LOG, &untold_again), now())
        .unwrap();
    assert!(
        again.rows.iter().all(|r| r.problems.is_empty()),
        "the mapping and words are remembered"
    );
    assert_eq!((again.ready_rows(), again.already_rows()), (0, 10));
    let done = vault
        .import_incidents(file(LOG, &untold_again), ALL, now())
        .unwrap();
    assert_eq!((done.imported, done.already, done.people_added), (0, 10, 0));
    assert_eq!(entries(&vault), before, "a second import writes nothing");

    let later = vault
        .import_incidents(file(LATER, &untold_again), ALL, now())
        .unwrap();
    assert_eq!(
        (later.imported, later.already),
        (3, 10),
        "only the three new rows"
    );
    assert_eq!(vault.newest_incidents(100, 0).unwrap().len(), 13);
    vault.verify().unwrap();
}

/// The school's own words for a status, a place and a device are asked about once, in one
/// preview, then remembered.
#[test]
fn a_schools_words_for_status_place_and_device_are_asked_once_and_remembered() {
    let root = tempfile::tempdir().unwrap();
    let mut vault = school(root.path());
    let text = "Date,Pupil(s),Type,Details,Status,Where,Device\r\n\
                12/03/2024,Leo Park,Mobile phone,Phone in maths,Finished,Sports hall,Chromebook\r\n\
                13/03/2024,Leo Park,Mobile phone,Phone in science,Finished,Sports hall,Chromebook\r\n";
    let mut choices = ReadChoices {
        mapping: IncidentMapping::parse("location=Where").unwrap(),
        ..the_schools_choices()
    };
    let preview = vault
        .preview_import(file(text.as_bytes(), &choices), now())
        .unwrap();
    assert_eq!(
        preview.unknown_words,
        [
            (ListField::Status, "Finished".to_owned()),
            (ListField::Location, "Sports hall".to_owned()),
            (ListField::Device, "Chromebook".to_owned()),
        ]
    );
    assert_eq!(
        preview.rows[0].problems.len(),
        3,
        "{:?}",
        preview.rows[0].problems
    );
    for (field, part) in [
        (ListField::Status, "Finished=closed"),
        (ListField::Location, "Sports hall=school"),
        (ListField::Device, "Chromebook=school-shared"),
    ] {
        choices.words.add_part(field, part).unwrap();
    }
    let done = vault
        .import_incidents(file(text.as_bytes(), &choices), ALL, now())
        .unwrap();
    assert_eq!(done.imported, 2);
    let id = vault.newest_incidents(1, 0).unwrap()[0].id;
    let incident = vault.incident(id).unwrap();
    assert_eq!(incident.row.status, Status::Closed);
    assert_eq!(incident.location, Location::ElsewhereInSchool);
    assert_eq!(incident.device, Device::SchoolShared);

    let later = "Date,Pupil(s),Type,Details,Status,Where,Device\r\n\
                 20/03/2024,Leo Park,Mobile phone,Phone in art,finished,SPORTS HALL,chromebook\r\n";
    let again = vault
        .preview_import(file(later.as_bytes(), &ReadChoices::default()), now())
        .unwrap();
    assert!(again.unknown_words.is_empty(), "{:?}", again.unknown_words);
    assert!(
        again.rows[0].problems.is_empty(),
        "{:?}",
        again.rows[0].problems
    );
}

/// A closed row's closure and decision, which the log never dated or credited, are shown as
/// such: never at the report time, never as the co-ordinator's who imported them.
#[test]
fn the_old_logs_undated_closure_and_decision_are_credited_to_no_one() {
    let root = tempfile::tempdir().unwrap();
    let mut vault = school(root.path());
    let text = "Date,Pupil(s),Type,Details,Status,Action taken,reason_not_referred_to_police\r\n\
                12/03/2024,Leo Park,Grooming,Messages from an adult,Closed,Inform parent / carers,Police said no crime\r\n";
    let choices = ReadChoices::default();
    let done = vault
        .import_incidents(file(text.as_bytes(), &choices), ALL, now())
        .unwrap();
    assert_eq!(done.imported, 1);
    let id = vault.newest_incidents(1, 0).unwrap()[0].id;
    let incident = vault.incident(id).unwrap();
    assert_eq!(incident.row.status, Status::Closed);
    assert!(incident.imported);
    let timeline = vault.timeline(id).unwrap();
    let lines: Vec<String> = timeline
        .iter()
        .map(|e| format!("{} | {} | {}", e.when(|_| "dated".into()), e.event, e.by))
        .collect();
    assert_eq!(
        lines,
        [
            format!("dated | Reported by {NOT_RECORDED} | "),
            format!(
                "Date not recorded | Decided: Not referred to the police. Reason: Police said no crime | {NOT_RECORDED}"
            ),
            format!(
                "Date not recorded | Closed: outcome and conclusion not recorded (imported) | {NOT_RECORDED}"
            ),
            "dated | Imported from old log.csv row 2 | Alex Morgan".to_owned(),
        ]
    );
    let decision = &vault.incident_decisions(id).unwrap()[0];
    assert_eq!(decision.when(|_| "dated".into()), "Date not recorded");
}

#[test]
fn an_illegal_row_with_a_problem_is_never_left_out_without_its_own_choice() {
    let root = tempfile::tempdir().unwrap();
    let mut vault = school(root.path());
    let text = "Date,Pupil(s),Type,Details\r\n\
                12/03/2024,Leo Park,Grooming,\r\n\
                13/03/2024,Leo Park,Mobile phone,Phone in maths\r\n\
                14/03/2024,Leo Park,Phones cameras or devices,Phone in science\r\n";
    let choices = ReadChoices::default();
    let preview = vault
        .preview_import(file(text.as_bytes(), &choices), now())
        .unwrap();
    assert_eq!(preview.illegal_problem_lines(), [2]);
    assert_eq!(preview.rows[2].state, RowState::Ready);
    let refused = vault
        .import_incidents(file(text.as_bytes(), &choices), SKIP, now())
        .unwrap_err();
    assert_eq!(
        refusal(refused),
        "Nothing was imported: 1 row may be about illegal content and has problems (line 2). Fix it, or leave them out with their own choice (--skip-illegal-rows)"
    );
    assert!(vault.newest_incidents(5, 0).unwrap().is_empty());
    let both = Skips {
        problem_rows: true,
        illegal_rows: true,
    };
    let done = vault
        .import_incidents(file(text.as_bytes(), &choices), both, now())
        .unwrap();
    assert_eq!(
        (done.imported, done.left_out.as_slice()),
        (1, [2, 3].as_slice())
    );
}

#[test]
fn two_people_of_one_name_are_told_apart_by_year_or_named_as_a_problem() {
    let root = tempfile::tempdir().unwrap();
    let mut vault = school(root.path());
    let twins = "Adno,Surname,Forename,Year\n009001,Smith,Ava,Year 7\n009002,Smith,Ava,Year 9\n";
    vault
        .import_people(
            twins.as_bytes(),
            PersonKind::Pupil,
            &Mapping::default(),
            false,
            false,
            now().date(),
        )
        .unwrap();
    let text = "Date,Name,Year,Type,Details\n\
                12/03/2024,ava smith,9,Mobile phone,Phone in maths\n\
                13/03/2024,Ava Smith,,Mobile phone,Phone in science\n\
                14/03/2024,Sam Newman,,Mobile phone,Phone at lunch\n\
                15/03/2024,Ruby Lane (pupil),,Mobile phone,Phone in art\n\
                16/03/2024,ruby lane,,Mobile phone,Phone in music\n";
    let mut choices = ReadChoices::default();
    choices
        .synonyms
        .add_part("Mobile phone=pupil.mobile-devices")
        .unwrap();
    let preview = vault
        .preview_import(file(text.as_bytes(), &choices), now())
        .unwrap();
    assert!(
        preview.rows[0].problems.is_empty(),
        "{:?}",
        preview.rows[0].problems
    );
    let ids: Vec<i64> = preview.ambiguous[0].1.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        preview.rows[1].problems,
        [format!(
            "people: 2 people are called Ava Smith (Year 7 #{}, Year 9 #{}): choose who is meant (on the command line, --person \"Ava Smith=NUMBER\"), or map a year_group column",
            ids[0], ids[1]
        )]
    );
    assert_eq!(preview.ambiguous.len(), 1);
    assert_eq!(preview.ambiguous[0].0, "Ava Smith");
    let abouts: Vec<&str> = preview.ambiguous[0]
        .1
        .iter()
        .map(|(_, a)| a.as_str())
        .collect();
    assert_eq!(abouts, ["Year 7", "Year 9"]);
    assert!(preview.rows[2].problems[0].starts_with(
        "people: Sam Newman is not in the people list and the row does not say who they are"
    ));
    assert_eq!(
        preview.new_people,
        ["Ruby Lane (pupil)"],
        "named twice, added once"
    );
    let done = vault
        .import_incidents(file(text.as_bytes(), &choices), SKIP, now())
        .unwrap();
    assert_eq!((done.imported, done.people_added), (3, 1));
    let rows = vault.newest_incidents(5, 0).unwrap();
    let row = rows.iter().find(|r| r.people == ["Ava Smith"]).unwrap();
    let year_nine = vault
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Ava Smith" && p.year_group == Some(9))
        .unwrap();
    let involved = vault.incident_people(row.id).unwrap();
    assert_eq!(involved.len(), 1);
    assert_eq!(
        involved[0].id, year_nine.id,
        "the Year 9 Ava Smith, as the row's year says"
    );

    // The user says the undated-year row means the Year 7 Ava: only that row is imported.
    let year_seven = ids[0];
    choices.people.insert("ava smith".into(), year_seven);
    let chosen = vault
        .preview_import(file(text.as_bytes(), &choices), now())
        .unwrap();
    assert!(chosen.ambiguous.is_empty());
    assert_eq!(chosen.rows[1].state, RowState::Ready);
    let done = vault
        .import_incidents(file(text.as_bytes(), &choices), SKIP, now())
        .unwrap();
    assert_eq!(done.imported, 1);
    let mut avas: Vec<i64> = vault
        .newest_incidents(10, 0)
        .unwrap()
        .iter()
        .filter(|r| r.people == ["Ava Smith"])
        .map(|r| vault.incident_people(r.id).unwrap()[0].id)
        .collect();
    avas.sort_unstable();
    assert_eq!(avas, [year_seven, year_nine.id], "one incident each");
}

#[test]
fn the_same_log_saved_from_excel_or_libreoffice_reads_as_its_csv() {
    let root = tempfile::tempdir().unwrap();
    let mut vault = school(&root.path().join("a"));
    let choices = the_schools_choices();
    let xlsx = include_bytes!("../../fixtures/import/old-incident-log.xlsx");
    let preview = vault.preview_import(file(xlsx, &choices), now()).unwrap();
    assert_eq!(
        (preview.ready_rows(), preview.problem_rows()),
        (10, 0),
        "the log's sheet is found though it is not the first"
    );
    assert_eq!(preview.sheet.as_deref(), Some("Incident log"));
    assert_eq!(preview.sheets, ["Lists", "Incident log"]);
    let done = vault
        .import_incidents(file(LOG, &choices), ALL, now())
        .unwrap();
    assert_eq!(done.imported, 10);
    let again = vault
        .import_incidents(file(xlsx, &choices), ALL, now())
        .unwrap();
    assert_eq!(
        (again.imported, again.already),
        (0, 10),
        "the Excel dates are the CSV's"
    );

    let mut other = school(&root.path().join("b"));
    let ods = include_bytes!("../../fixtures/import/old-incident-log.ods");
    let done = other
        .import_incidents(file(ods, &choices), ALL, now())
        .unwrap();
    assert_eq!(done.imported, 10);
    let again = other
        .import_incidents(file(LOG, &choices), ALL, now())
        .unwrap();
    assert_eq!((again.imported, again.already), (0, 10));

    let mut named = choices.clone();
    named.sheet = Some("Lists".into());
    let refused = vault.preview_import(file(xlsx, &named), now()).unwrap_err();
    assert_eq!(
        refusal(refused),
        "The file has no column \"staff\" (its columns are: Types we use)",
        "the sheet named is read, and the mapping checked against it"
    );
    named.sheet = Some("Summary".into());
    let refused = vault.preview_import(file(xlsx, &named), now()).unwrap_err();
    assert_eq!(
        refusal(refused),
        "The spreadsheet has no sheet \"Summary\" (its sheets are: Lists, Incident log)"
    );
}
