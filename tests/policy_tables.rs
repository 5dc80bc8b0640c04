//! The default sanctions tables against the policy document itself: every row, every tick.
//! The fixture is the Stonebridge E-Safety Policy (2018) as supplied by the school.

use esafety_desk::domain::policy::{
    PUPIL_SANCTIONS, PupilAction, STAFF_SANCTIONS, SanctionRow, StaffAction,
};

const POLICY: &str = include_str!("fixtures/policy/stonebridge-esafety-policy-2018.txt");

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
