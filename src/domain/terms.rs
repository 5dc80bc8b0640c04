//! The school's term calendar: academic years of six half-terms, the dates the school enters
//! from its local authority's calendar, sensible defaults for a new year, and which half-term
//! any date falls in (holidays included).

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use thiserror::Error;

/// One of the six half-terms of a school year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HalfTermName {
    /// September to the October half-term holiday.
    Autumn1,
    /// November to Christmas.
    Autumn2,
    /// January to the February half-term holiday.
    Spring1,
    /// February to Easter.
    Spring2,
    /// Easter to the May half-term holiday.
    Summer1,
    /// June to the end of the year.
    Summer2,
}

impl HalfTermName {
    /// The six, in order.
    pub const ALL: [HalfTermName; 6] = [
        HalfTermName::Autumn1,
        HalfTermName::Autumn2,
        HalfTermName::Spring1,
        HalfTermName::Spring2,
        HalfTermName::Summer1,
        HalfTermName::Summer2,
    ];

    /// The code in identifiers such as `2025-26-autumn-2`.
    pub fn code(self) -> &'static str {
        match self {
            HalfTermName::Autumn1 => "autumn-1",
            HalfTermName::Autumn2 => "autumn-2",
            HalfTermName::Spring1 => "spring-1",
            HalfTermName::Spring2 => "spring-2",
            HalfTermName::Summer1 => "summer-1",
            HalfTermName::Summer2 => "summer-2",
        }
    }

    /// "Autumn 2".
    pub fn title(self) -> &'static str {
        match self {
            HalfTermName::Autumn1 => "Autumn 1",
            HalfTermName::Autumn2 => "Autumn 2",
            HalfTermName::Spring1 => "Spring 1",
            HalfTermName::Spring2 => "Spring 2",
            HalfTermName::Summer1 => "Summer 1",
            HalfTermName::Summer2 => "Summer 2",
        }
    }

    /// The half-term for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|h| h.code() == code)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A school year, named by the calendar year it starts in: 2025 is "2025-26".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear(pub i32);

impl SchoolYear {
    /// The school year `date` belongs to (a year runs from 1 August to 31 July).
    pub fn of(date: NaiveDate) -> Self {
        if date.month() >= 8 {
            SchoolYear(date.year())
        } else {
            SchoolYear(date.year() - 1)
        }
    }

    /// Reads "2025-26".
    pub fn parse(text: &str) -> Option<Self> {
        let (start, end) = text.trim().split_once('-')?;
        let start: i32 = start.parse().ok()?;
        let end: i32 = end.parse().ok()?;
        ((start + 1) % 100 == end && end < 100 && start > 1900).then_some(SchoolYear(start))
    }

    /// The year before.
    pub fn previous(self) -> Self {
        SchoolYear(self.0 - 1)
    }

    /// The year after.
    pub fn next(self) -> Self {
        SchoolYear(self.0 + 1)
    }
}

impl std::fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{:02}", self.0, (self.0 + 1) % 100)
    }
}

/// A half-term of a particular school year, e.g. Autumn 2 of 2025-26.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HalfTerm {
    /// The school year.
    pub year: SchoolYear,
    /// Which of its six.
    pub name: HalfTermName,
}

impl HalfTerm {
    /// Reads `2025-26-autumn-2`, as the CLI takes it.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().to_lowercase();
        let (year, name) = text.get(..7).zip(text.get(8..))?;
        Some(HalfTerm {
            year: SchoolYear::parse(year)?,
            name: HalfTermName::from_code(name)?,
        })
    }

    /// The half-term before this one.
    pub fn previous(self) -> Self {
        match self.name.index() {
            0 => HalfTerm {
                year: self.year.previous(),
                name: HalfTermName::Summer2,
            },
            i => HalfTerm {
                year: self.year,
                name: HalfTermName::ALL[i - 1],
            },
        }
    }

    /// The half-term after this one.
    pub fn next(self) -> Self {
        match self.name.index() {
            5 => HalfTerm {
                year: self.year.next(),
                name: HalfTermName::Autumn1,
            },
            i => HalfTerm {
                year: self.year,
                name: HalfTermName::ALL[i + 1],
            },
        }
    }

    /// The same half-term a year earlier.
    pub fn a_year_earlier(self) -> Self {
        HalfTerm {
            year: self.year.previous(),
            name: self.name,
        }
    }

    /// "2025-26-autumn-2".
    pub fn code(self) -> String {
        format!("{}-{}", self.year, self.name.code())
    }
}

impl std::fmt::Display for HalfTerm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.name.title(), self.year)
    }
}

/// A half-term's first and last day of teaching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HalfTermDates {
    /// Which half-term.
    pub half_term: HalfTerm,
    /// The first day.
    pub starts: NaiveDate,
    /// The last day.
    pub ends: NaiveDate,
}

/// Why a year's dates cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TermProblem {
    /// A half-term ends before it starts.
    #[error("{0} ends before it starts")]
    EndsBeforeStart(String),
    /// A half-term starts before the one before it ends.
    #[error("{0} starts before {1} ends")]
    Overlaps(String, String),
    /// A date outside the school year (1 August to 31 July).
    #[error("{0} is not within the school year {1} (1 August to 31 July)")]
    OutsideYear(String, SchoolYear),
    /// Not six half-terms.
    #[error("A school year has six half-terms")]
    NotSix,
}

/// Checks a year's six half-terms: in order, each ending after it starts, none overlapping,
/// all within the school year.
pub fn check_year(year: SchoolYear, dates: &[HalfTermDates]) -> Result<(), TermProblem> {
    if dates.len() != 6
        || dates
            .iter()
            .zip(HalfTermName::ALL)
            .any(|(d, name)| d.half_term != HalfTerm { year, name })
    {
        return Err(TermProblem::NotSix);
    }
    let first = NaiveDate::from_ymd_opt(year.0, 8, 1);
    let last = NaiveDate::from_ymd_opt(year.0 + 1, 7, 31);
    for (i, term) in dates.iter().enumerate() {
        let title = term.half_term.name.title().to_owned();
        if term.ends < term.starts {
            return Err(TermProblem::EndsBeforeStart(title));
        }
        if Some(term.starts) < first || Some(term.ends) > last {
            return Err(TermProblem::OutsideYear(title, year));
        }
        if let Some(before) = i.checked_sub(1).map(|j| &dates[j])
            && term.starts <= before.ends
        {
            let earlier = before.half_term.name.title().to_owned();
            return Err(TermProblem::Overlaps(title, earlier));
        }
    }
    Ok(())
}

/// The first `weekday` on or after `date`.
fn on_or_after(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date + Duration::days(i64::from(ahead))
}

/// The first weekday (Monday to Friday) on or after `date`.
fn school_day_from(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => date + Duration::days(2),
        Weekday::Sun => date + Duration::days(1),
        _ => date,
    }
}

/// The last `weekday` on or before `date`.
fn on_or_before(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    date - Duration::days(i64::from(back))
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// Typical English dates for a year, for the school to correct from its local authority's
/// calendar: the first weekday from 2 September and from 4 January, a week off at the end of October, two at Christmas, a week in mid-February, two at
/// Easter (taken as the start of April), a week at the end of May, and the summer from about
/// 21 July.
pub fn default_dates(year: SchoolYear) -> Vec<HalfTermDates> {
    let (y, next) = (year.0, year.0 + 1);
    let october_break = on_or_before(day(y, 10, 31), Weekday::Mon);
    let february_break = on_or_after(day(next, 2, 15), Weekday::Mon);
    let easter_break = on_or_before(day(next, 3, 31), Weekday::Fri) + Duration::days(3);
    let may_break = on_or_before(day(next, 5, 31), Weekday::Mon);
    let summer = on_or_before(day(next, 7, 21), Weekday::Fri);
    let spans = [
        (
            school_day_from(day(y, 9, 2)),
            october_break - Duration::days(3),
        ),
        (
            october_break + Duration::days(7),
            on_or_before(day(y, 12, 20), Weekday::Fri),
        ),
        (
            school_day_from(day(next, 1, 4)),
            february_break - Duration::days(3),
        ),
        (
            february_break + Duration::days(7),
            easter_break - Duration::days(3),
        ),
        (
            easter_break + Duration::days(14),
            may_break - Duration::days(3),
        ),
        (may_break + Duration::days(7), summer),
    ];
    HalfTermName::ALL
        .into_iter()
        .zip(spans)
        .map(|(name, (starts, ends))| HalfTermDates {
            half_term: HalfTerm { year, name },
            starts,
            ends,
        })
        .collect()
}

/// Where a date falls in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// During a half-term's teaching days.
    In(HalfTerm),
    /// In the holiday after a half-term, before the next one starts.
    HolidayAfter(HalfTerm),
}

impl Placed {
    /// The half-term whose reporting period holds the date: a holiday belongs to the
    /// half-term before it, so nothing falls between two reports.
    pub fn reporting_half_term(self) -> HalfTerm {
        match self {
            Placed::In(half_term) | Placed::HolidayAfter(half_term) => half_term,
        }
    }
}

/// Every half-term the school has dates for, with defaults standing in for years it has not
/// entered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TermCalendar {
    half_terms: Vec<HalfTermDates>,
}

impl TermCalendar {
    /// A calendar of the dates given (any order).
    pub fn new(mut half_terms: Vec<HalfTermDates>) -> Self {
        half_terms.sort_by_key(|d| d.half_term);
        Self { half_terms }
    }

    /// The dates of a half-term: the school's, or the default for a year it has not entered.
    pub fn dates(&self, half_term: HalfTerm) -> HalfTermDates {
        self.half_terms
            .iter()
            .find(|d| d.half_term == half_term)
            .copied()
            .unwrap_or_else(|| default_dates(half_term.year)[half_term.name.index()])
    }

    /// Whether the school has entered its own dates for `year`.
    pub fn has_year(&self, year: SchoolYear) -> bool {
        self.half_terms.iter().any(|d| d.half_term.year == year)
    }

    /// A year's six half-terms.
    pub fn year(&self, year: SchoolYear) -> Vec<HalfTermDates> {
        HalfTermName::ALL
            .into_iter()
            .map(|name| self.dates(HalfTerm { year, name }))
            .collect()
    }

    /// Where `date` falls: in a half-term, or in the holiday after one.
    pub fn place(&self, date: NaiveDate) -> Placed {
        let year = SchoolYear::of(date);
        let mut candidate = HalfTerm {
            year: year.previous(),
            name: HalfTermName::Summer2,
        };
        for dates in self.year(year) {
            if date < dates.starts {
                break;
            }
            candidate = dates.half_term;
            if date <= dates.ends {
                return Placed::In(candidate);
            }
        }
        Placed::HolidayAfter(candidate)
    }

    /// The first and last day of a half-term's reporting period: its first day to the day
    /// before the next half-term starts.
    pub fn reporting_period(&self, half_term: HalfTerm) -> (NaiveDate, NaiveDate) {
        let starts = self.dates(half_term).starts;
        let next = self.dates(half_term.next()).starts;
        (starts, next - Duration::days(1))
    }

    /// The last half-term to have ended by `today` (the one a governors' report is written
    /// for).
    pub fn just_ended(&self, today: NaiveDate) -> HalfTerm {
        match self.place(today) {
            Placed::In(current) => current.previous(),
            Placed::HolidayAfter(ended) => ended,
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
    fn defaults_follow_the_usual_english_pattern() {
        let dates = default_dates(SchoolYear(2025));
        let spans: Vec<(NaiveDate, NaiveDate)> = dates.iter().map(|d| (d.starts, d.ends)).collect();
        assert_eq!(
            spans,
            [
                (day(2025, 9, 2), day(2025, 10, 24)),
                (day(2025, 11, 3), day(2025, 12, 19)),
                (day(2026, 1, 5), day(2026, 2, 13)),
                (day(2026, 2, 23), day(2026, 3, 27)),
                (day(2026, 4, 13), day(2026, 5, 22)),
                (day(2026, 6, 1), day(2026, 7, 17)),
            ]
        );
        for year in 2020..2040 {
            assert_eq!(
                check_year(SchoolYear(year), &default_dates(SchoolYear(year))),
                Ok(())
            );
        }
    }

    #[test]
    fn any_date_is_placed_in_a_half_term_or_the_holiday_after_one() {
        let calendar = TermCalendar::default();
        let autumn = |name| HalfTerm {
            year: SchoolYear(2025),
            name,
        };
        assert_eq!(
            calendar.place(day(2025, 9, 2)),
            Placed::In(autumn(HalfTermName::Autumn1))
        );
        assert_eq!(
            calendar.place(day(2025, 10, 28)),
            Placed::HolidayAfter(autumn(HalfTermName::Autumn1)),
            "October half-term"
        );
        assert_eq!(
            calendar.place(day(2025, 12, 19)),
            Placed::In(autumn(HalfTermName::Autumn2))
        );
        assert_eq!(
            calendar.place(day(2026, 1, 1)),
            Placed::HolidayAfter(autumn(HalfTermName::Autumn2)),
            "New Year's Day belongs to 2025-26 although the calendar year changed"
        );
        assert_eq!(
            calendar.place(day(2025, 8, 10)),
            Placed::HolidayAfter(HalfTerm {
                year: SchoolYear(2024),
                name: HalfTermName::Summer2
            }),
            "the summer holiday follows the year before"
        );
        assert_eq!(
            calendar.just_ended(day(2025, 11, 24)),
            autumn(HalfTermName::Autumn1)
        );
        assert_eq!(
            calendar.just_ended(day(2025, 10, 27)),
            autumn(HalfTermName::Autumn1)
        );
        assert_eq!(
            calendar.reporting_period(autumn(HalfTermName::Autumn1)),
            (day(2025, 9, 2), day(2025, 11, 2)),
            "the holiday is reported with the half-term before it"
        );
    }

    #[test]
    fn the_schools_own_dates_win_and_are_checked() {
        let mut own = default_dates(SchoolYear(2025));
        own[0].starts = day(2025, 9, 3);
        let calendar = TermCalendar::new(own.clone());
        assert!(calendar.has_year(SchoolYear(2025)) && !calendar.has_year(SchoolYear(2026)));
        assert_eq!(
            calendar.place(day(2025, 9, 2)),
            Placed::HolidayAfter(HalfTerm {
                year: SchoolYear(2024),
                name: HalfTermName::Summer2
            })
        );
        own[1].starts = own[0].ends;
        assert_eq!(
            check_year(SchoolYear(2025), &own),
            Err(TermProblem::Overlaps("Autumn 2".into(), "Autumn 1".into()))
        );
        own[1].starts = day(2025, 11, 3);
        own[5].ends = day(2026, 8, 1);
        assert!(matches!(
            check_year(SchoolYear(2025), &own),
            Err(TermProblem::OutsideYear(..))
        ));
    }

    #[test]
    fn names_read_and_write_as_the_cli_takes_them() {
        let half_term = HalfTerm::parse("2025-26-autumn-2").unwrap();
        assert_eq!(half_term.code(), "2025-26-autumn-2");
        assert_eq!(half_term.to_string(), "Autumn 2 2025-26");
        assert_eq!(
            half_term.next().next().next().next().code(),
            "2025-26-summer-2"
        );
        assert_eq!(half_term.previous().previous().code(), "2024-25-summer-2");
        assert_eq!(SchoolYear::parse("1999-00"), Some(SchoolYear(1999)));
        assert_eq!(SchoolYear::parse("2025-27"), None);
        assert_eq!(HalfTerm::parse("2025-26-winter-1"), None);
    }
}
