//! Where the app reads the time: the computer's clock, or a fixed moment (tests). Every date
//! and time the app works with comes from here; only the audit chain and the crash file stamp
//! the moment they are written from the system clock directly, as a record of when.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, Utc};

/// The source of "now" and "today".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// This computer's clock, in its time zone (the school's).
    #[default]
    System,
    /// Always this local moment.
    Fixed(NaiveDateTime),
}

impl Clock {
    /// The local date and time, to the second.
    pub fn now(self) -> NaiveDateTime {
        match self {
            Clock::System => Local::now().naive_local(),
            Clock::Fixed(at) => at,
        }
    }

    /// Today's date.
    pub fn today(self) -> NaiveDate {
        self.now().date()
    }

    /// The moment in UTC, for records kept in UTC (backups); a fixed moment is taken as UTC.
    pub fn utc_now(self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => at.and_utc(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_always_says_the_same_and_the_system_clock_moves_on() {
        let at = NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(8, 45, 0)
            .unwrap();
        let fixed = Clock::Fixed(at);
        assert_eq!((fixed.now(), fixed.today()), (at, at.date()));
        assert_eq!(fixed.utc_now().naive_utc(), at);
        assert!(Clock::System.now() > at);
    }
}
