//! The review schedule's standing and the governors' logs for the period: filtering changes,
//! filtering checks and confiscations. Who asked, approved or applied a change, and whose
//! device was taken, are left out: the report names no one.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::logs::{FilteringChange, FilteringCheck};
use crate::domain::schedule::{self, ItemStatus, POLICY_REVIEW};
use crate::report::counts::{Count, Suppression};
use crate::report::disclosure::Sheet;
use crate::report::shown_day;
use crate::store::logs::{ConfiscationRow, Entry};
use crate::store::schedule::{Completion, StoredItem};

/// A schedule item's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemLine {
    /// What is to be done.
    pub title: String,
    /// When it is due, and how far off: "30/09/2026 (3 days overdue)".
    pub due: String,
    /// Whether it is overdue.
    pub overdue: bool,
}

/// The review schedule's standing on the day the report is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleStanding {
    /// The next policy review.
    pub policy_review: String,
    /// The next filtering and monitoring review.
    pub filtering_review: String,
    /// The items past their due date.
    pub overdue: Vec<ItemLine>,
    /// The items done during the period: title and day.
    pub done: Vec<ItemLine>,
}

/// A filtering change asked for in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeLine {
    /// When it was asked for.
    pub requested: String,
    /// What change.
    pub change: String,
    /// Applied, approved or waiting.
    pub standing: String,
}

/// A filtering check made in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckLine {
    /// When.
    pub checked: String,
    /// What was checked.
    pub what: String,
    /// What was found.
    pub result: String,
    /// What is to be done, if anything.
    pub follow_up: String,
}

/// Devices confiscated in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confiscations {
    /// Taken in the period.
    pub taken: Count,
    /// Of those, returned.
    pub returned: Count,
    /// Of those, still held on the day the report is made.
    pub held: Count,
}

/// Whether `day` falls within the period `(from, to)`, both days included.
fn within((from, to): (NaiveDate, NaiveDate), day: NaiveDate) -> bool {
    (from..=to).contains(&day)
}

fn due_words(item: &StoredItem, today: NaiveDate) -> String {
    match item.item.due {
        Some(due) => format!("{} ({})", shown_day(due), schedule::days_left(due, today)),
        None => "not scheduled".into(),
    }
}

/// The schedule's standing on `today`, with what was done from `from` to `to`.
pub fn schedule(
    items: &[(StoredItem, Vec<Completion>)],
    (from, to): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> ScheduleStanding {
    let active = || {
        items
            .iter()
            .map(|(item, _)| item)
            .filter(|item| item.active)
    };
    let keyed = |key: &str| {
        active().find(|item| item.item.key == key).map_or_else(
            || "Not on the schedule".to_owned(),
            |item| due_words(item, today),
        )
    };
    let mut done: Vec<(NaiveDate, ItemLine)> = items
        .iter()
        .flat_map(|(item, completions)| {
            completions
                .iter()
                .filter(|c| within((from, to), c.done_on))
                .map(|c| {
                    let line = ItemLine {
                        title: item.item.title.clone(),
                        due: shown_day(c.done_on),
                        overdue: c.due.is_some_and(|due| c.done_on > due),
                    };
                    (c.done_on, line)
                })
        })
        .collect();
    done.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.title.cmp(&b.1.title)));
    ScheduleStanding {
        policy_review: keyed(POLICY_REVIEW),
        filtering_review: keyed("filtering-review"),
        overdue: active()
            .filter(|item| ItemStatus::on(item.item.due, today) == ItemStatus::Overdue)
            .map(|item| ItemLine {
                title: item.item.title.clone(),
                due: due_words(item, today),
                overdue: true,
            })
            .collect(),
        done: done.into_iter().map(|(_, line)| line).collect(),
    }
}

/// The filtering changes asked for from `from` to `to`, oldest first.
pub fn changes(
    entries: &[Entry<FilteringChange>],
    (from, to): (NaiveDate, NaiveDate),
) -> Vec<ChangeLine> {
    let mut lines: Vec<&FilteringChange> = entries
        .iter()
        .map(|e| &e.entry)
        .filter(|c| within((from, to), c.requested_on))
        .collect();
    lines.sort_by_key(|c| c.requested_on);
    lines
        .into_iter()
        .map(|c| ChangeLine {
            requested: shown_day(c.requested_on),
            change: c.change.clone(),
            standing: match (c.applied_on, c.approved_by.trim().is_empty()) {
                (Some(day), _) => format!("Approved and applied on {}", shown_day(day)),
                (None, false) => "Approved, not yet applied".into(),
                (None, true) => "Awaiting approval".into(),
            },
        })
        .collect()
}

/// The filtering checks made from `from` to `to`, oldest first.
pub fn checks(
    entries: &[Entry<FilteringCheck>],
    (from, to): (NaiveDate, NaiveDate),
) -> Vec<CheckLine> {
    let mut lines: Vec<&FilteringCheck> = entries
        .iter()
        .map(|e| &e.entry)
        .filter(|c| within((from, to), c.checked_on))
        .collect();
    lines.sort_by_key(|c| c.checked_on);
    lines
        .into_iter()
        .map(|c| CheckLine {
            checked: shown_day(c.checked_on),
            what: c.what.clone(),
            result: c.result.clone(),
            follow_up: c.follow_up.clone(),
        })
        .collect()
}

/// The devices taken from `from` to `to`, counted.
pub fn confiscations(
    rows: &[ConfiscationRow],
    (from, to): (NaiveDate, NaiveDate),
    rule: Suppression,
) -> Confiscations {
    let taken: Vec<&ConfiscationRow> = rows
        .iter()
        .filter(|r| within((from, to), r.entry.taken_at.date()))
        .collect();
    let returned = taken.iter().filter(|r| r.returned.is_some()).count();
    let mut figures = Confiscations {
        taken: rule.count(taken.len()),
        returned: rule.count(returned),
        held: rule.count(taken.len() - returned),
    };
    let mut sheet = Sheet::new(rule);
    let whole = sheet.cell(&mut figures.taken);
    let parts = sheet.cells([&mut figures.returned, &mut figures.held]);
    sheet.sum(whole, parts);
    sheet.protect();
    figures
}
