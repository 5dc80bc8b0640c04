//! People lists from the MIS: messy files read, re-imports update rather than duplicate,
//! leavers offered and never deleted, the mapping remembered.

use crate::common::new_vault;
use chrono::NaiveDate;
use esafety_desk::domain::person::PersonKind;
use esafety_desk::domain::person_import::Mapping;
use esafety_desk::domain::staff_groups::{StaffGroup, TitleGroups};
use esafety_desk::store::StoreError;
use esafety_desk::store::person_import::RowChange;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()
}

const SIMS: &str = "\u{feff}Adno,Legal Surname,Legal Forename,Year,DOB\r\n\
                    001,Jones,Ava,Year 5,01/09/2015\r\n\
                    \r\n\
                    002,\"Smith, Jr\",Tom,R,2019-09-01\r\n\
                    002,\"Smith, Jr\",Tom,R,2019-09-01\r\n\
                    003,Ali,Hana,6,12/03/2014\r\n";

#[test]
fn a_re_import_updates_people_and_offers_the_missing_as_leavers() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let none = Mapping::default();
    let first = vault
        .import_people(
            SIMS.as_bytes(),
            PersonKind::Pupil,
            &none,
            false,
            false,
            today(),
        )
        .unwrap();
    assert_eq!(
        (first.added, first.updated, first.unchanged),
        (3, 0, 0),
        "the repeated line counts once"
    );

    let next_year = "Adno;Legal Surname;Legal Forename;Year;DOB\n\
                     001;Jones;Ava;Year 6;01/09/2015\n\
                     002;Smith, Jr;Tom;1;2019-09-01\n\
                     004;Begum;Esme;3;05/05/2017\n";
    let preview = vault
        .preview_people_import(next_year.as_bytes(), PersonKind::Pupil, &none, today())
        .unwrap();
    assert_eq!(
        preview.rows[0].change,
        Some(RowChange::Update(vec!["year group"]))
    );
    assert_eq!(preview.rows[2].change, Some(RowChange::New));
    assert_eq!(
        preview
            .leavers
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>(),
        ["Hana Ali"]
    );
    let second = vault
        .import_people(
            next_year.as_bytes(),
            PersonKind::Pupil,
            &none,
            false,
            false,
            today(),
        )
        .unwrap();
    assert_eq!(
        (second.added, second.updated, second.leavers_marked),
        (1, 2, 0)
    );
    let people = vault.people().unwrap();
    assert_eq!(people.len(), 4, "nobody duplicated, nobody deleted");
    assert_eq!(
        people
            .iter()
            .find(|p| p.name == "Ava Jones")
            .unwrap()
            .year_group,
        Some(6)
    );

    let marked = vault
        .import_people(
            next_year.as_bytes(),
            PersonKind::Pupil,
            &none,
            false,
            true,
            today(),
        )
        .unwrap();
    assert_eq!((marked.unchanged, marked.leavers_marked), (3, 1));
    let again = vault
        .preview_people_import(next_year.as_bytes(), PersonKind::Pupil, &none, today())
        .unwrap();
    assert!(again.leavers.is_empty(), "a leaver is not offered twice");
    assert_eq!(vault.people().unwrap().len(), 4);
    vault.verify().unwrap();
}

#[test]
fn a_row_with_problems_stops_the_import_and_the_mapping_is_remembered() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let arbor = "Arbor ID,Preferred Name,Family,Job Title,Employment Start Date\n\
                 A1,Priya,Shah,DSL,01/09/2015\n\
                 A2,Tom,,Teacher,31/02/2020\n";
    let none = Mapping::default();
    let unmapped = vault
        .preview_people_import(arbor.as_bytes(), PersonKind::Staff, &none, today())
        .unwrap_err();
    assert!(
        unmapped
            .to_string()
            .starts_with("No column gives the given name")
    );
    let mapping =
        Mapping::parse("given_name=Preferred Name,family_name=Family,external_id=Arbor ID")
            .unwrap();
    let refused = vault
        .import_people(
            arbor.as_bytes(),
            PersonKind::Staff,
            &mapping,
            false,
            false,
            today(),
        )
        .unwrap_err();
    assert!(
        matches!(refused, StoreError::Rule(ref p) if p.to_string() == "Nothing was imported: 1 of 2 rows have problems")
    );
    assert!(vault.people().unwrap().is_empty());
    let done = vault
        .import_people(
            arbor.as_bytes(),
            PersonKind::Staff,
            &mapping,
            true,
            false,
            today(),
        )
        .unwrap();
    assert_eq!((done.added, done.skipped), (1, 1));
    let remembered = vault
        .preview_people_import(arbor.as_bytes(), PersonKind::Staff, &none, today())
        .unwrap();
    assert!(
        remembered.mapping.contains("given_name=Preferred Name"),
        "{}",
        remembered.mapping
    );
    assert_eq!(remembered.rows[0].change, Some(RowChange::Same));
    let problems = &remembered.rows[1].problems;
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("start_date: \"31/02/2020\" is not a date")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p == "Enter both the given name and the family name")
    );
}

#[test]
fn parents_are_linked_to_their_children_by_the_childrens_mis_ids() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let none = Mapping::default();
    vault
        .import_people(
            SIMS.as_bytes(),
            PersonKind::Pupil,
            &none,
            false,
            false,
            today(),
        )
        .unwrap();
    let parents = "Surname,Forename,Child Adno\nJones,Sam,001\nAli,Amina,003 002\nKhan,Omar,999\n";
    let preview = vault
        .preview_people_import(
            parents.as_bytes(),
            PersonKind::ParentOrCarer,
            &none,
            today(),
        )
        .unwrap();
    assert_eq!(
        preview.rows[2].problems,
        ["children: no pupil has the MIS id 999 (import the pupils first)"]
    );
    let done = vault
        .import_people(
            parents.as_bytes(),
            PersonKind::ParentOrCarer,
            &none,
            true,
            false,
            today(),
        )
        .unwrap();
    assert_eq!((done.added, done.links_added), (2, 3));
    let amina = vault
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Amina Ali")
        .unwrap();
    assert_eq!(
        vault.linked_people(amina.id).unwrap(),
        ["Hana Ali", "Tom Smith, Jr"]
    );
    let again = vault
        .import_people(
            parents.as_bytes(),
            PersonKind::ParentOrCarer,
            &none,
            true,
            false,
            today(),
        )
        .unwrap();
    assert_eq!(
        (again.unchanged, again.links_added),
        (2, 0),
        "links are not doubled"
    );
    vault.verify().unwrap();
}

#[test]
fn job_titles_place_staff_in_the_training_groups_and_the_people_export_reads_back() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let arbor = "Staff Code,Surname,Forename,Job Title,Employment Start,Contract Type\n\
                 S1,Morgan,Alex,Headteacher,01/09/2010,Permanent\n\
                 S2,Shah,Priya,Deputy Head / DSL,01/09/2014,Permanent\n\
                 S3,Bailey,Tom,Class Teacher,01/09/2019,Fixed term\n\
                 S4,Okafor,Dan,Network Manager,01/01/2021,Permanent\n\
                 S5,Lin,Mei,Teaching Assistant,01/09/2022,Permanent\n";
    let none = Mapping::default();
    let done = vault
        .import_people(
            arbor.as_bytes(),
            PersonKind::Staff,
            &none,
            false,
            false,
            today(),
        )
        .unwrap();
    assert_eq!(done.added, 5);
    let mut exported = Vec::new();
    assert_eq!(
        vault
            .export_people(Some(PersonKind::Staff), &mut exported)
            .unwrap(),
        5
    );
    let text = String::from_utf8(exported.clone()).unwrap();
    let line = |name: &str| text.lines().find(|l| l.contains(name)).unwrap().to_owned();
    assert_eq!(
        line("Morgan"),
        "Staff,Alex,Morgan,,,Headteacher,Headteacher; Teaching staff,S1,,2010-09-01,"
    );
    assert!(line("Shah").contains("Teaching staff; DSL"));
    assert!(line("Okafor").contains(",Network Manager,Technical staff,"));
    assert!(
        line("Lin").contains(",Teaching Assistant,,S5,"),
        "support staff: no group"
    );
    let back = vault
        .preview_people_import(&exported, PersonKind::Staff, &none, today())
        .unwrap();
    assert_eq!(
        back.changes(),
        (0, 0, 5),
        "the export imports back as it is"
    );

    let pupils = "Adno,Surname,Forename,Year,DOB\n001,Jones,Ava,Year 5,01/09/2015\n";
    let refused = vault
        .import_people(
            pupils.as_bytes(),
            PersonKind::Staff,
            &none,
            false,
            false,
            today(),
        )
        .unwrap_err();
    assert!(matches!(refused, StoreError::Rule(_)));
    assert!(
        refused
            .to_string()
            .starts_with("This does not look like a list of staff")
    );
    assert_eq!(vault.people().unwrap().len(), 5, "nothing added");
}

/// A job title whose words mislead is corrected once, shown as the school's, and applied at
/// every later import, in both directions (a correction can take a group away).
#[test]
fn a_schools_correction_of_a_job_titles_group_is_kept_and_applied_at_each_import() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let list = "Staff Code,Surname,Forename,Job Title\n\
                S1,Bailey,Tom,Cover Supervisor\n\
                S2,Lin,Mei,Head of Year 9 (pastoral)\n";
    let none = Mapping::default();
    let before = vault
        .preview_people_import(list.as_bytes(), PersonKind::Staff, &none, today())
        .unwrap();
    assert_eq!(
        before.job_titles,
        [
            ("Cover Supervisor".to_owned(), StaffGroup::Support, false),
            (
                "Head of Year 9 (pastoral)".to_owned(),
                StaffGroup::Teaching,
                false
            ),
        ]
    );
    vault
        .import_people(
            list.as_bytes(),
            PersonKind::Staff,
            &none,
            false,
            false,
            today(),
        )
        .unwrap();

    let mut corrections = TitleGroups::default();
    corrections.add_part("cover supervisor=teaching").unwrap();
    corrections
        .add_part("Head of Year 9 (pastoral)=support")
        .unwrap();
    vault.correct_staff_groups(&corrections).unwrap();
    let after = vault
        .preview_people_import(list.as_bytes(), PersonKind::Staff, &none, today())
        .unwrap();
    assert_eq!(
        after.job_titles,
        [
            ("Cover Supervisor".to_owned(), StaffGroup::Teaching, true),
            (
                "Head of Year 9 (pastoral)".to_owned(),
                StaffGroup::Support,
                true
            ),
        ]
    );
    assert_eq!(after.changes(), (0, 2, 0), "both people's groups change");
    vault
        .import_people(
            list.as_bytes(),
            PersonKind::Staff,
            &none,
            false,
            false,
            today(),
        )
        .unwrap();
    let mut exported = Vec::new();
    vault
        .export_people(Some(PersonKind::Staff), &mut exported)
        .unwrap();
    let text = String::from_utf8(exported).unwrap();
    let line = |name: &str| text.lines().find(|l| l.contains(name)).unwrap().to_owned();
    assert!(
        line("Bailey").contains("Teaching staff"),
        "{}",
        line("Bailey")
    );
    assert!(
        !line("Lin").contains("Teaching staff"),
        "the correction takes the group away: {}",
        line("Lin")
    );
    assert_eq!(vault.staff_group_corrections().unwrap(), corrections);
    vault.verify().unwrap();
}
