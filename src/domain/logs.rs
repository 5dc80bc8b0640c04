//! The logs governors monitor: the filtering change-control log and the checks that filtering
//! works (Stonebridge: governors review "filtering / change control logs"), and confiscated
//! devices (Matlock Bath: held in a secure place, released to parents or carers).

use chrono::{NaiveDate, NaiveDateTime};
use thiserror::Error;

/// Why a log entry cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LogProblem {
    /// A required detail is blank.
    #[error("Enter {0}")]
    Missing(&'static str),
    /// A date after today.
    #[error("{0} cannot be in the future")]
    InFuture(&'static str),
    /// Applied or returned before it was requested or taken.
    #[error("{0} cannot be before {1}")]
    OutOfOrder(&'static str, &'static str),
}

fn required(value: &str, what: &'static str) -> Result<(), LogProblem> {
    if value.trim().is_empty() {
        Err(LogProblem::Missing(what))
    } else {
        Ok(())
    }
}

/// A change to the filtering, requested and approved before it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilteringChange {
    /// When it was asked for.
    pub requested_on: NaiveDate,
    /// What change (a site unblocked, a category blocked…).
    pub change: String,
    /// Who asked.
    pub requested_by: String,
    /// Why.
    pub reason: String,
    /// Who approved it (blank until approved).
    pub approved_by: String,
    /// Who applied it (blank until applied).
    pub applied_by: String,
    /// When it was applied.
    pub applied_on: Option<NaiveDate>,
}

impl FilteringChange {
    /// Checks the entry on `today`: an applied change names who approved and applied it.
    pub fn validate(&self, today: NaiveDate) -> Result<(), LogProblem> {
        required(&self.change, "the change")?;
        required(&self.requested_by, "who asked for it")?;
        required(&self.reason, "why it is needed")?;
        if self.requested_on > today {
            return Err(LogProblem::InFuture("The date requested"));
        }
        if let Some(applied) = self.applied_on {
            required(&self.approved_by, "who approved it before it is applied")?;
            required(&self.applied_by, "who applied it")?;
            if applied > today {
                return Err(LogProblem::InFuture("The date applied"));
            }
            if applied < self.requested_on {
                return Err(LogProblem::OutOfOrder(
                    "The date applied",
                    "the date requested",
                ));
            }
        }
        Ok(())
    }
}

/// A check that the filtering works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilteringCheck {
    /// When.
    pub checked_on: NaiveDate,
    /// Who checked.
    pub checked_by: String,
    /// What was checked ("Test sites for each blocked category from a pupil login").
    pub what: String,
    /// What was found.
    pub result: String,
    /// What is to be done about it.
    pub follow_up: String,
}

impl FilteringCheck {
    /// Checks the entry on `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<(), LogProblem> {
        required(&self.checked_by, "who checked")?;
        required(&self.what, "what was checked")?;
        required(&self.result, "the result")?;
        if self.checked_on > today {
            return Err(LogProblem::InFuture("The date checked"));
        }
        Ok(())
    }
}

/// A device taken from a pupil.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confiscation {
    /// The pupil's record.
    pub pupil_id: i64,
    /// The device ("Black iPhone in a blue case").
    pub device: String,
    /// When it was taken.
    pub taken_at: NaiveDateTime,
    /// Why.
    pub reason: String,
    /// Where it is held.
    pub held_where: String,
}

impl Confiscation {
    /// Checks the entry at `now`.
    pub fn validate(&self, now: NaiveDateTime) -> Result<(), LogProblem> {
        required(&self.device, "the device")?;
        required(&self.reason, "why it was taken")?;
        required(&self.held_where, "where it is held")?;
        if self.taken_at > now {
            return Err(LogProblem::InFuture("The time it was taken"));
        }
        Ok(())
    }
}

/// Checks a return: to whom (a parent or carer, per the policy, or the pupil) and when.
pub fn check_return(
    returned_to: &str,
    returned_on: NaiveDate,
    taken_at: NaiveDateTime,
    today: NaiveDate,
) -> Result<(), LogProblem> {
    required(returned_to, "who it was returned to")?;
    if returned_on > today {
        return Err(LogProblem::InFuture("The date returned"));
    }
    if returned_on < taken_at.date() {
        return Err(LogProblem::OutOfOrder(
            "The date returned",
            "the day it was taken",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_applied_change_needs_its_approver_and_a_sensible_date() {
        let today = day(2026, 11, 24);
        let mut change = FilteringChange {
            requested_on: day(2026, 11, 20),
            change: "Unblock a museum's video site for Year 6".into(),
            requested_by: "Tom Bailey".into(),
            reason: "History topic".into(),
            approved_by: String::new(),
            applied_by: String::new(),
            applied_on: None,
        };
        assert_eq!(change.validate(today), Ok(()));
        change.applied_on = Some(day(2026, 11, 21));
        assert_eq!(
            change.validate(today),
            Err(LogProblem::Missing("who approved it before it is applied"))
        );
        change.approved_by = "Priya Shah (DSL)".into();
        change.applied_by = "Network manager".into();
        assert_eq!(change.validate(today), Ok(()));
        change.applied_on = Some(day(2026, 11, 19));
        assert_eq!(
            change.validate(today).unwrap_err().to_string(),
            "The date applied cannot be before the date requested"
        );
        assert_eq!(
            check_return(
                "Mrs Khan (mother)",
                day(2026, 11, 23),
                day(2026, 11, 24).and_hms_opt(9, 0, 0).unwrap(),
                today
            )
            .unwrap_err()
            .to_string(),
            "The date returned cannot be before the day it was taken"
        );
    }
}
