//! The review schedule: what the co-ordinator is accountable for and when (the annual policy
//! review, the governors' report each half-term, the filtering and monitoring review…), how
//! often each recurs, and where each stands.

use chrono::{Months, NaiveDate};
use thiserror::Error;

use crate::domain::terms::TermCalendar;

/// Days ahead in which an item counts as "due soon".
pub const DUE_SOON_DAYS: i64 = 30;

/// How often an item recurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cadence {
    /// Once only.
    Once,
    /// At the end of every half-term.
    EveryHalfTerm,
    /// Every so many months after it was last done.
    Months(u32),
}

impl Cadence {
    /// The stored code: `once`, `half-term` or `months:12`.
    pub fn code(self) -> String {
        match self {
            Cadence::Once => "once".into(),
            Cadence::EveryHalfTerm => "half-term".into(),
            Cadence::Months(months) => format!("months:{months}"),
        }
    }

    /// The cadence for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "once" => Some(Cadence::Once),
            "half-term" => Some(Cadence::EveryHalfTerm),
            other => other
                .strip_prefix("months:")?
                .parse()
                .ok()
                .filter(|m| (1..=60).contains(m))
                .map(Cadence::Months),
        }
    }

    /// "Every 12 months", "Each half-term", "Once".
    pub fn title(self) -> String {
        match self {
            Cadence::Once => "Once".into(),
            Cadence::EveryHalfTerm => "Each half-term".into(),
            Cadence::Months(12) => "Every year".into(),
            Cadence::Months(1) => "Every month".into(),
            Cadence::Months(months) => format!("Every {months} months"),
        }
    }

    /// When the item is next due, once the occurrence due on `due` was done on `done`: a
    /// half-termly item falls due at the end of the next half-term after `due`; a yearly one so
    /// many months after it was done; a one-off item is finished.
    pub fn next_due(
        self,
        due: NaiveDate,
        done: NaiveDate,
        terms: &TermCalendar,
    ) -> Option<NaiveDate> {
        match self {
            Cadence::Once => None,
            Cadence::Months(months) => done.checked_add_months(Months::new(months)),
            Cadence::EveryHalfTerm => {
                let mut half_term = terms.place(due).reporting_half_term();
                loop {
                    let ends = terms.dates(half_term).ends;
                    if ends > due {
                        return Some(ends);
                    }
                    half_term = half_term.next();
                }
            }
        }
    }
}

/// Where an item stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemStatus {
    /// Past its due date.
    Overdue,
    /// Due within [`DUE_SOON_DAYS`] days, or today.
    DueSoon,
    /// Not due for a while.
    Later,
    /// A one-off item that was done.
    Finished,
}

impl ItemStatus {
    /// Where an item due on `due` (none: finished) stands on `today`.
    pub fn on(due: Option<NaiveDate>, today: NaiveDate) -> Self {
        match due {
            None => ItemStatus::Finished,
            Some(due) if due < today => ItemStatus::Overdue,
            Some(due) if (due - today).num_days() <= DUE_SOON_DAYS => ItemStatus::DueSoon,
            Some(_) => ItemStatus::Later,
        }
    }
}

/// "in 12 days", "today", "3 days overdue".
pub fn days_left(due: NaiveDate, today: NaiveDate) -> String {
    match (due - today).num_days() {
        0 => "due today".into(),
        1 => "due tomorrow".into(),
        -1 => "1 day overdue".into(),
        n if n > 1 => format!("in {n} days"),
        n => format!("{} days overdue", -n),
    }
}

/// A schedule item as the school keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    /// A stable identifier (the defaults' keys; the school's own items get one from the title).
    pub key: String,
    /// What is to be done.
    pub title: String,
    /// Who does it.
    pub owner: String,
    /// How often.
    pub cadence: Cadence,
    /// When it is next due; `None` once a one-off item is done.
    pub due: Option<NaiveDate>,
}

/// Why an item cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ItemProblem {
    /// No title.
    #[error("Say what is to be done")]
    NoTitle,
    /// No owner.
    #[error("Say who does it")]
    NoOwner,
    /// No due date for an item still to do.
    #[error("Give the date it is due")]
    NoDueDate,
}

impl ReviewItem {
    /// Checks the item.
    pub fn validate(&self) -> Result<(), ItemProblem> {
        if self.title.trim().is_empty() {
            return Err(ItemProblem::NoTitle);
        }
        if self.owner.trim().is_empty() {
            return Err(ItemProblem::NoOwner);
        }
        if self.due.is_none() {
            return Err(ItemProblem::NoDueDate);
        }
        Ok(())
    }
}

/// The key of the annual policy review, whose date is the dashboard's headline.
pub const POLICY_REVIEW: &str = "policy-review";

/// The schedule a new vault starts with, from the two policies and the DfE filtering and
/// monitoring standards, first due after `today`.
pub fn default_items(today: NaiveDate, terms: &TermCalendar) -> Vec<ReviewItem> {
    let next = |month: u32, day: u32| {
        let this_year = NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), month, day);
        match this_year {
            Some(date) if date > today => date,
            _ => NaiveDate::from_ymd_opt(chrono::Datelike::year(&today) + 1, month, day)
                .unwrap_or(today),
        }
    };
    let half_term_end = {
        let current = terms.place(today).reporting_half_term();
        let ends = terms.dates(current).ends;
        if ends >= today {
            ends
        } else {
            terms.dates(current.next()).ends
        }
    };
    let item = |key: &str, title: &str, owner: &str, cadence, due| ReviewItem {
        key: key.into(),
        title: title.into(),
        owner: owner.into(),
        cadence,
        due: Some(due),
    };
    vec![
        item(
            POLICY_REVIEW,
            "Annual review of the E-Safety Policy",
            "E-Safety Co-ordinator and E-Safety Group",
            Cadence::Months(12),
            next(2, 28),
        ),
        item(
            "governor-approval",
            "Policy approved by governors",
            "Governors' Curriculum & Standards Committee",
            Cadence::Months(12),
            next(3, 31),
        ),
        item(
            "staff-approval",
            "Policy approved by staff",
            "Headteacher",
            Cadence::Months(12),
            next(3, 31),
        ),
        item(
            "governor-report",
            "Safeguarding report to governors (Head's report)",
            "Headteacher and E-Safety Co-ordinator",
            Cadence::EveryHalfTerm,
            half_term_end,
        ),
        item(
            "board-report",
            "Annual report to the full governing board",
            "E-Safety Co-ordinator",
            Cadence::Months(12),
            next(7, 10),
        ),
        item(
            "esafety-group",
            "E-Safety Group meeting",
            "E-Safety Group",
            Cadence::EveryHalfTerm,
            half_term_end,
        ),
        item(
            "filtering-review",
            "Filtering and monitoring review (DfE standards)",
            "DSL and technical staff",
            Cadence::Months(12),
            next(9, 30),
        ),
        item(
            "aup-resigning",
            "Acceptable Use Agreements re-signed",
            "E-Safety Co-ordinator",
            Cadence::Months(12),
            next(9, 30),
        ),
        item(
            "360-safe",
            "360 degree safe self-review",
            "E-Safety Group",
            Cadence::Months(12),
            next(6, 30),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn recurring_items_roll_forward() {
        let terms = TermCalendar::default();
        let yearly = Cadence::Months(12);
        assert_eq!(
            yearly.next_due(day(2026, 2, 28), day(2026, 3, 10), &terms),
            Some(day(2027, 3, 10))
        );
        assert_eq!(
            Cadence::Once.next_due(day(2026, 2, 28), day(2026, 3, 1), &terms),
            None
        );
        let half_termly = Cadence::EveryHalfTerm;
        assert_eq!(
            half_termly.next_due(day(2025, 10, 24), day(2025, 11, 4), &terms),
            Some(day(2025, 12, 19)),
            "Autumn 1's report done late: next due at the end of Autumn 2"
        );
        assert_eq!(
            half_termly.next_due(day(2026, 7, 17), day(2026, 7, 17), &terms),
            Some(day(2026, 10, 23)),
            "Summer 2's: next due at the end of Autumn 1 of the next year"
        );
        assert_eq!(
            half_termly.next_due(day(2025, 10, 29), day(2025, 10, 29), &terms),
            Some(day(2025, 12, 19)),
            "a due date in a holiday rolls to the end of the next half-term"
        );
    }

    #[test]
    fn statuses_codes_and_words() {
        let today = day(2026, 11, 24);
        assert_eq!(
            ItemStatus::on(Some(day(2026, 11, 23)), today),
            ItemStatus::Overdue
        );
        assert_eq!(ItemStatus::on(Some(today), today), ItemStatus::DueSoon);
        assert_eq!(
            ItemStatus::on(Some(day(2026, 12, 24)), today),
            ItemStatus::DueSoon
        );
        assert_eq!(
            ItemStatus::on(Some(day(2026, 12, 25)), today),
            ItemStatus::Later
        );
        assert_eq!(ItemStatus::on(None, today), ItemStatus::Finished);
        for cadence in [Cadence::Once, Cadence::EveryHalfTerm, Cadence::Months(24)] {
            assert_eq!(Cadence::from_code(&cadence.code()), Some(cadence));
        }
        assert_eq!(Cadence::from_code("months:0"), None);
        assert_eq!(days_left(day(2026, 11, 20), today), "4 days overdue");
        assert_eq!(days_left(day(2027, 2, 28), today), "in 96 days");
    }

    #[test]
    fn the_default_schedule_starts_after_today() {
        let today = day(2026, 11, 24);
        let items = default_items(today, &TermCalendar::default());
        assert_eq!(items.len(), 9);
        assert!(
            items
                .iter()
                .all(|i| i.due.is_some_and(|d| d >= today) && i.validate().is_ok())
        );
        let review = items.iter().find(|i| i.key == POLICY_REVIEW).unwrap();
        assert_eq!(review.due, Some(day(2027, 2, 28)));
        let report = items.iter().find(|i| i.key == "governor-report").unwrap();
        assert_eq!(report.due, Some(day(2026, 12, 18)), "the end of Autumn 2");
    }
}
