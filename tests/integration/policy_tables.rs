//! The default sanctions tables against the policy document itself: every row, every tick.
//! The fixture is the Stonebridge E-Safety Policy (2018) as supplied by the school.

use esafety_desk::domain::policy::{
    PUPIL_SANCTIONS, PupilAction, STAFF_SANCTIONS, SanctionRow, StaffAction,
};

const POLICY: &str = include_str!("../fixtures/policy/stonebridge-esafety-policy-2018.txt");

/// The rows of the tab-separated table under `heading`: each title with its ticked column headings.
fn table(heading: &str) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let mut lines = POLICY
        .lines()
        .skip_while(|line| line.trim() != heading)
        .skip(1)
        .skip_while(|line| line.trim().is_empty());
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split('\t')
        .skip(1)
        .map(|h| h.trim().to_owned())
        .collect();
    let rows = lines
        .take_while(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let ticks = cells
                .iter()
                .enumerate()
                .skip(1)
                .filter(|(_, c)| c.trim() == "✓")
                .map(|(i, _)| header[i - 1].clone())
                .collect();
            (cells[0].trim().to_owned(), ticks)
        })
        .collect();
    (header, rows)
}

fn check<A: Copy + PartialEq>(
    heading: &str,
    columns: &[A],
    title: fn(A) -> &'static str,
    rows: &[SanctionRow<A>],
) {
    let (header, policy_rows) = table(heading);
    assert_eq!(
        header,
        columns.iter().map(|&c| title(c)).collect::<Vec<_>>(),
        "{heading}: the columns"
    );
    assert_eq!(
        policy_rows.len(),
        rows.len(),
        "{heading}: the number of rows"
    );
    for (row, (policy_title, policy_ticks)) in rows.iter().zip(&policy_rows) {
        assert_eq!(row.title, policy_title, "{heading}: row {}", row.key);
        let ours: Vec<&str> = row.actions.iter().map(|&a| title(a)).collect();
        assert_eq!(ours, *policy_ticks, "{heading}: the ticks of {}", row.key);
    }
}

#[test]
fn the_pupil_sanctions_match_the_policy_row_by_row() {
    check(
        "## Student / Pupil Incidents",
        &PupilAction::ALL,
        PupilAction::title,
        &PUPIL_SANCTIONS,
    );
}

#[test]
fn the_staff_sanctions_match_the_policy_row_by_row() {
    check(
        "## Staff Incidents",
        &StaffAction::ALL,
        StaffAction::title,
        &STAFF_SANCTIONS,
    );
}

/// The user-actions table: each activity's title with the columns ticked (1 = acceptable … 5 =
/// unacceptable and illegal). Rows under the "Users shall not…" group have the group cell first.
fn user_actions() -> Vec<(String, Vec<usize>)> {
    POLICY
        .lines()
        .skip_while(|line| line.trim() != "### User Action")
        .take_while(|line| !line.starts_with("## "))
        .filter(|line| line.contains('\t'))
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let grouped = cells[0].is_empty() || cells[0].starts_with("Users shall not");
            let (title, ticks) = if grouped {
                (cells[1], &cells[2..])
            } else {
                (cells[0], &cells[1..])
            };
            let ticked = ticks
                .iter()
                .enumerate()
                .filter(|(_, c)| c.trim() == "✓")
                .map(|(i, _)| i + 1)
                .collect();
            (title.trim().to_owned(), ticked)
        })
        .collect()
}

#[test]
fn every_unacceptable_activity_is_a_category_at_the_policys_level() {
    use esafety_desk::domain::incident::category::{Level, category_titled};
    let activities = user_actions();
    assert_eq!(activities.len(), 23, "the table's rows");
    let mut checked = 0;
    for (title, ticks) in activities
        .iter()
        .filter(|(_, ticks)| ticks.iter().any(|&t| t >= 4))
    {
        let found = category_titled(title).unwrap_or_else(|| panic!("no category for {title:?}"));
        match ticks.as_slice() {
            [5] => assert_eq!(found.level, Level::Illegal, "{title}"),
            [4] => assert_eq!(found.level, Level::Unacceptable, "{title}"),
            [4, 5] => assert!(
                found.level == Level::Illegal || found.may_be_illegal,
                "{title}"
            ),
            other => panic!("unexpected ticks {other:?} for {title}"),
        }
        checked += 1;
    }
    assert_eq!(checked, 18);
}

#[test]
fn the_readme_lists_every_category_key_with_its_level() {
    use esafety_desk::domain::incident::category::{CATEGORIES, Level};
    let readme = include_str!("../../README.md");
    for category in CATEGORIES {
        let level = match category.level {
            Level::Illegal => "illegal",
            Level::Unacceptable => "unacceptable",
            Level::Inappropriate => "inappropriate",
        };
        let line = format!("| `{}` | {level} |", category.key);
        assert!(readme.contains(&line), "the README lacks {line}");
    }
}

#[test]
fn usage_tables_are_versioned_with_their_approval_and_any_version_can_be_read() {
    use esafety_desk::domain::policy::usage::{DeviceAccess, DeviceOwner, StaffUse};
    use esafety_desk::store::policy::{UsageMatrices, UsageTable};
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = crate::common::new_vault(root.path());
    let shipped = vault.usage_matrices(None).unwrap();
    assert_eq!(shipped, UsageMatrices::stonebridge());
    let today = chrono::Local::now().date_naive();

    let mut changed = shipped.clone();
    changed
        .devices
        .set(DeviceAccess::InternetOnly, DeviceOwner::VisitorOwned, false);
    let nobody = vault.save_usage_matrix(UsageTable::Devices, &changed, today, " ");
    assert!(
        nobody
            .unwrap_err()
            .to_string()
            .starts_with("Say who approved it")
    );
    let version = vault
        .save_usage_matrix(
            UsageTable::Devices,
            &changed,
            today,
            "Governors' Curriculum & Standards Committee",
        )
        .unwrap();
    assert_eq!(version, 2);
    let same = vault.save_usage_matrix(UsageTable::Devices, &changed, today, "Governors");
    assert_eq!(same.unwrap_err().to_string(), "Nothing has changed");

    changed.communications.rows[9].staff = StaffUse::SelectedStaff;
    vault
        .save_usage_matrix(UsageTable::Communications, &changed, today, "Governors")
        .unwrap();
    let versions = vault.usage_versions(UsageTable::Devices).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(
        versions[0].approved_by,
        "Governors' Curriculum & Standards Committee"
    );
    let current = vault.usage_matrices(None).unwrap();
    assert_eq!(current, changed);
    let first = vault
        .usage_matrices(Some((UsageTable::Devices, 1)))
        .unwrap();
    assert_eq!(
        current.devices.changes(&first.devices),
        ["Visitor owned: internet only no longer ticked"]
    );
    assert_eq!(
        first.communications, changed.communications,
        "the others stay current"
    );
    let missing = vault.usage_matrices(Some((UsageTable::Devices, 9)));
    assert_eq!(
        missing.unwrap_err().to_string(),
        "There is no version 9 of the mobile devices"
    );
    vault.verify().unwrap();
}

/// The cells after the first of the policy line starting `line_start`, ticked or not.
fn ticks_of(line_start: &str) -> Vec<bool> {
    let line = POLICY
        .lines()
        .find(|line| line.starts_with(line_start))
        .unwrap_or_else(|| panic!("no line starting {line_start:?}"));
    line.split('\t').skip(1).map(|c| c.trim() == "✓").collect()
}

#[test]
fn the_default_usage_tables_match_the_policy_cell_by_cell() {
    use esafety_desk::domain::policy::usage::{
        CommunicationsMatrix, DeviceAccess, DeviceMatrix, PupilUse, StaffUse,
    };
    let devices = DeviceMatrix::stonebridge();
    for (access, row) in DeviceAccess::ALL.into_iter().zip(&devices.ticks) {
        let printed = ticks_of(&format!("<b>{}</b>", access.title()));
        assert_eq!(&printed[..6], row.as_slice(), "{}", access.title());
    }
    let comms = CommunicationsMatrix::stonebridge();
    let printed_rows: Vec<&str> = POLICY
        .lines()
        .skip_while(|l| !l.starts_with("Mobile phones may be brought"))
        .take(11)
        .collect();
    for (row, printed) in comms.rows.iter().zip(printed_rows) {
        let cells: Vec<bool> = printed
            .split('\t')
            .skip(1)
            .map(|c| c.trim() == "✓")
            .collect();
        let staff = StaffUse::ALL.iter().position(|s| *s == row.staff).unwrap();
        let pupils = PupilUse::ALL.iter().position(|p| *p == row.pupils).unwrap();
        let mut expected = vec![false; 8];
        expected[staff] = true;
        expected[4 + pupils] = true;
        assert_eq!(cells, expected, "{}", row.title);
        let words = printed.split('\t').next().unwrap().to_lowercase();
        assert_eq!(words, row.title.to_lowercase(), "the policy's words");
    }
}
