//! The period a governor report covers: a half-term (with the holiday after it) or a whole
//! school year.

use chrono::NaiveDate;

use crate::domain::terms::{HalfTerm, HalfTermName, SchoolYear, TermCalendar};

/// What a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// One half-term and the holiday after it, for the Head's half-termly report.
    HalfTerm(HalfTerm),
    /// A whole school year, for the full governing board.
    Year(SchoolYear),
}

impl Period {
    /// "Autumn 2 2025-26" or "School year 2025-26".
    pub fn title(self) -> String {
        match self {
            Period::HalfTerm(half_term) => half_term.to_string(),
            Period::Year(year) => format!("School year {year}"),
        }
    }

    /// The name the CLI takes and files are named with: `2025-26-autumn-2` or `2025-26`.
    pub fn code(self) -> String {
        match self {
            Period::HalfTerm(half_term) => half_term.code(),
            Period::Year(year) => year.to_string(),
        }
    }

    /// The first and last day counted: a half-term runs to the day before the next one starts,
    /// so every day of the year falls in exactly one report.
    pub fn days(self, calendar: &TermCalendar) -> (NaiveDate, NaiveDate) {
        match self {
            Period::HalfTerm(half_term) => calendar.reporting_period(half_term),
            Period::Year(year) => {
                let first = HalfTerm {
                    year,
                    name: HalfTermName::Autumn1,
                };
                let last = HalfTerm {
                    year,
                    name: HalfTermName::Summer2,
                };
                (
                    calendar.reporting_period(first).0,
                    calendar.reporting_period(last).1,
                )
            }
        }
    }

    /// The period before: the previous half-term, or the previous year.
    pub fn previous(self) -> Self {
        match self {
            Period::HalfTerm(half_term) => Period::HalfTerm(half_term.previous()),
            Period::Year(year) => Period::Year(year.previous()),
        }
    }

    /// The same period a year earlier (for a year, the year before).
    pub fn a_year_earlier(self) -> Self {
        match self {
            Period::HalfTerm(half_term) => Period::HalfTerm(half_term.a_year_earlier()),
            Period::Year(year) => Period::Year(year.previous()),
        }
    }

    /// The school year the period is in.
    pub fn school_year(self) -> SchoolYear {
        match self {
            Period::HalfTerm(half_term) => half_term.year,
            Period::Year(year) => year,
        }
    }

    /// Whether `half_term` is this period or inside it.
    pub fn holds(self, half_term: HalfTerm) -> bool {
        match self {
            Period::HalfTerm(own) => own == half_term,
            Period::Year(year) => half_term.year == year,
        }
    }

    /// The half-terms the trend chart shows, oldest first: the six up to and including this
    /// half-term, or a year's own six.
    pub fn trend(self) -> Vec<HalfTerm> {
        let last = match self {
            Period::HalfTerm(half_term) => half_term,
            Period::Year(year) => HalfTerm {
                year,
                name: HalfTermName::Summer2,
            },
        };
        let mut half_terms = vec![last];
        while half_terms.len() < 6 {
            let earliest = half_terms[half_terms.len() - 1];
            half_terms.push(earliest.previous());
        }
        half_terms.reverse();
        half_terms
    }

    /// Reads `2025-26-autumn-2` or `2025-26`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.len() == 7 {
            SchoolYear::parse(text).map(Period::Year)
        } else {
            HalfTerm::parse(text).map(Period::HalfTerm)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_year_runs_from_autumn_to_the_day_before_the_next_autumn() {
        let calendar = TermCalendar::default();
        let year = Period::parse("2025-26").unwrap();
        assert_eq!(year.days(&calendar), (day(2025, 9, 2), day(2026, 9, 1)));
        let autumn2 = Period::parse("2025-26-autumn-2").unwrap();
        assert_eq!(autumn2.days(&calendar), (day(2025, 11, 3), day(2026, 1, 4)));
        assert_eq!(autumn2.previous().code(), "2025-26-autumn-1");
        assert_eq!(autumn2.a_year_earlier().code(), "2024-25-autumn-2");
        assert_eq!(year.previous().code(), "2024-25");
        assert_eq!(Period::parse("2025-26-winter-1"), None);
    }

    #[test]
    fn the_trend_is_six_half_terms_ending_with_the_period() {
        let trend = Period::parse("2025-26-autumn-2").unwrap().trend();
        let codes: Vec<String> = trend.iter().map(|h| h.code()).collect();
        assert_eq!(
            codes,
            [
                "2024-25-spring-1",
                "2024-25-spring-2",
                "2024-25-summer-1",
                "2024-25-summer-2",
                "2025-26-autumn-1",
                "2025-26-autumn-2"
            ]
        );
        let year = Period::parse("2025-26").unwrap().trend();
        assert_eq!(year[0].code(), "2025-26-autumn-1");
        assert_eq!(year[5].code(), "2025-26-summer-2");
    }
}
