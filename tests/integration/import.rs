//! Importing an existing incident log from CSV: a per-row preview, all or nothing, and a
//! round trip from the export.

use crate::common::new_vault;
use chrono::{NaiveDate, NaiveDateTime};
use esafety_desk::cli::demo_data;
use esafety_desk::domain::incident::Status;
use esafety_desk::store::import::{Going, ImportFile, Importing, ReadChoices, Skips};
use esafety_desk::store::{StoreError, Vault};

mod school_log;

const HEADER: &str =
    "occurred_at,reported_by,category,description,people,status,outcome,conclusion,reference";

pub(crate) fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 12, 1)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
}

fn good_row(n: usize) -> String {
    format!(
        "0{}/11/2025 09:30,Mr Reid,pupil.mobile-devices,Phone used in lesson {n},Pupil{n} Jones (pupil),open,,,OLD-{n}",
        1 + n % 9
    )
}

/// `bytes` as a file called "old log.csv" with `choices`.
pub(crate) fn file<'a>(bytes: &'a [u8], choices: &'a ReadChoices) -> ImportFile<'a> {
    ImportFile {
        name: "old log.csv",
        bytes,
        choices,
    }
}

/// Leave out rows with problems, but not those that may be about illegal content.
pub(crate) const SKIP: Skips = Skips {
    problem_rows: true,
    illegal_rows: false,
};

/// Leave nothing out.
pub(crate) const ALL: Skips = Skips {
    problem_rows: false,
    illegal_rows: false,
};

pub(crate) fn entries(vault: &Vault) -> i64 {
    vault.verify().unwrap().chain.entries
}

pub(crate) fn refusal(error: StoreError) -> String {
    match error {
        StoreError::Rule(problem) => problem.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn malformed_files_are_refused_whole_and_nothing_is_imported() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let before = entries(&vault);
    let choices = ReadChoices::default();
    let cases: [(&str, &str); 3] = [
        (
            "",
            "The file is empty: it needs a header row and at least one incident",
        ),
        (
            "reported_by,category,description\nMr Reid,pupil.mobile-devices,Phone\n",
            "No column gives occurred_at: map one with --mapping, e.g. --mapping \"occurred_at=Your column\" (the file's columns are: reported_by, category, description)",
        ),
        (
            "occurred_at,reported_by,category,description\n",
            "The file has a header row but no incidents",
        ),
    ];
    for (text, expected) in cases {
        let refused = vault
            .import_incidents(file(text.as_bytes(), &choices), SKIP, now())
            .unwrap_err();
        assert!(refusal(refused).starts_with(expected), "{expected}");
    }
    let bad = format!(
        "{HEADER}\n{}\n31/02/2025,Mr Reid,pupil.mobile-devices,Phone,,open,,,\n01/11/2025,Mr Reid,Gaming,Games,,open,,,\n",
        good_row(1)
    );
    let preview = vault
        .preview_import(file(bad.as_bytes(), &choices), now())
        .unwrap();
    assert_eq!((preview.ready_rows(), preview.problem_rows()), (1, 2));
    assert_eq!(preview.rows[1].line, 3);
    assert_eq!(
        preview.rows[1].problems,
        [
            "occurred_at: \"31/02/2025\" is not a date (write it like 10/11/2025 09:30, the year in full)"
        ]
    );
    assert!(
        preview.rows[2].problems[0]
            .starts_with("category: \"Gaming\" is not one of the policy's categories: confirm the closest (activity.gaming-")
    );
    let refused = vault
        .import_incidents(file(bad.as_bytes(), &choices), ALL, now())
        .unwrap_err();
    assert_eq!(
        refusal(refused),
        "Nothing was imported: 2 of 3 rows have problems"
    );
    assert_eq!(entries(&vault), before, "nothing was written");
    assert!(vault.newest_incidents(10, 0).unwrap().is_empty());

    let done = vault
        .import_incidents(file(bad.as_bytes(), &choices), SKIP, now())
        .unwrap();
    assert_eq!(
        (done.imported, done.left_out.as_slice(), done.people_added),
        (1, [3, 4].as_slice(), 1)
    );
    let imported = vault
        .incident(vault.newest_incidents(1, 0).unwrap()[0].id)
        .unwrap();
    assert_eq!(imported.source_reference, "OLD-1");
    assert_eq!(
        vault.search_incidents("OLD-1", 5).unwrap().len(),
        1,
        "the old reference is searchable"
    );
}

#[test]
fn ten_thousand_rows_with_one_bad_one_name_it_and_import_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let mut file = String::from(HEADER);
    for n in 0..10_000 {
        file.push('\n');
        file.push_str(&good_row(n));
    }
    file.push_str("\n01/11/2025,Mr Reid,pupil.mobile-devices,,,open,,,\n");
    let before = entries(&vault);
    let choices = ReadChoices::default();
    let preview = vault
        .preview_import(self::file(file.as_bytes(), &choices), now())
        .unwrap();
    assert_eq!(preview.rows.len(), 10_001);
    assert_eq!(preview.new_people.len(), 10_000);
    let bad: Vec<_> = preview
        .rows
        .iter()
        .filter(|r| !r.problems.is_empty())
        .collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(
        (bad[0].line, bad[0].problems.as_slice()),
        (10_002, ["Describe what happened".to_owned()].as_slice())
    );
    assert!(
        vault
            .import_incidents(self::file(file.as_bytes(), &choices), ALL, now())
            .is_err()
    );
    assert_eq!(entries(&vault), before);
}

#[test]
fn an_import_says_how_far_it_has_come_and_stopping_it_imports_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let mut file = String::from(HEADER);
    for n in 0..40 {
        file.push('\n');
        file.push_str(&good_row(n));
    }
    let choices = ReadChoices::default();
    let before = (entries(&vault), vault.people().unwrap().len());

    // Stopped after the tenth row is written: refused in words, and nothing is left behind.
    let mut steps = Vec::new();
    let stopped = vault.import_incidents_with_progress(
        self::file(file.as_bytes(), &choices),
        ALL,
        now(),
        &mut |step| {
            steps.push(step);
            match step {
                Importing::Writing { done: 10, .. } => Going::Stop,
                _ => Going::On,
            }
        },
    );
    assert_eq!(
        refusal(stopped.unwrap_err()),
        "The import was stopped before it finished: nothing was imported"
    );
    assert_eq!(steps.len(), 12, "checking, 0 to 10 written: {steps:?}");
    assert_eq!((entries(&vault), vault.people().unwrap().len()), before);
    assert!(vault.newest_incidents(1, 0).unwrap().is_empty());

    // Let run, it counts every row written, in order, and imports them all.
    let mut steps = Vec::new();
    let done = vault
        .import_incidents_with_progress(
            self::file(file.as_bytes(), &choices),
            ALL,
            now(),
            &mut |step| {
                steps.push(step);
                Going::On
            },
        )
        .unwrap();
    assert_eq!(done.imported, 40);
    assert_eq!(steps[0], Importing::Checking);
    let written: Vec<u64> = steps[1..]
        .iter()
        .map(|step| match step {
            Importing::Writing { done, total: 40 } => *done,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(written, (0..=40).collect::<Vec<u64>>());
}

#[test]
fn an_export_imports_into_another_vault_with_the_same_incidents() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut source, _) = new_vault(&root.path().join("a"));
    demo_data::populate(&mut source, now()).unwrap();
    let mut exported = Vec::new();
    let count = source.export_incidents(&mut exported).unwrap();

    let (_dir, mut target, _) = new_vault(&root.path().join("b"));
    let choices = ReadChoices::default();
    let preview = target
        .preview_import(file(&exported, &choices), now())
        .unwrap();
    assert_eq!(
        preview.problem_rows(),
        0,
        "{:?}",
        preview.rows.iter().find(|r| !r.problems.is_empty())
    );
    let done = target
        .import_incidents(file(&exported, &choices), ALL, now())
        .unwrap();
    assert_eq!(done.imported, count);
    let again = target
        .import_incidents(file(&exported, &choices), ALL, now())
        .unwrap();
    assert_eq!(
        (again.imported, again.already),
        (0, count),
        "nothing doubled"
    );
    let named: std::collections::BTreeSet<String> = source
        .newest_incidents(10_000, 0)
        .unwrap()
        .iter()
        .flat_map(|row| row.people.clone())
        .collect();
    assert_eq!(done.people_added, named.len(), "each person named once");

    let old = source.newest_incidents(10_000, 0).unwrap();
    let new = target.newest_incidents(10_000, 0).unwrap();
    let closed = |rows: &[esafety_desk::store::incidents::IncidentRow]| {
        rows.iter().filter(|r| r.status == Status::Closed).count()
    };
    assert_eq!(closed(&old), closed(&new));
    let first = target.incident(new.last().unwrap().id).unwrap();
    let original = source.incident(old.last().unwrap().id).unwrap();
    assert_eq!(first.description, original.description);
    assert_eq!(first.source_reference, original.row.reference);
    target.verify().unwrap();
}
