//! Dates and times as a UK school types them: day/month/year, 24-hour clock.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// How forms show a date and time: `10/11/2025 09:30`.
pub const UK_DATE_TIME: &str = "%d/%m/%Y %H:%M";

/// The years a record can be of: a year outside them was typed short ("10/11/25" would be
/// the year 25) or is nonsense (0000).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Reads `10/11/2025 09:30`, `10/11/2025`, `2025-11-10 09:30`, `2025-11-10T09:30` or
/// `2025-11-10`; a date alone means midnight. `None` when it is none of these, or its year
/// is not written in full (outside [`YEARS`]).
pub fn parse_date_time(typed: &str) -> Option<NaiveDateTime> {
    use chrono::Datelike;
    parse_any_year(typed).filter(|at| YEARS.contains(&at.year()))
}

fn parse_any_year(typed: &str) -> Option<NaiveDateTime> {
    let typed = typed.trim();
    let with_time = [
        UK_DATE_TIME,
        "%d/%m/%Y %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ];
    with_time
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(typed, format).ok())
        .or_else(|| {
            ["%d/%m/%Y", "%Y-%m-%d"]
                .iter()
                .find_map(|format| NaiveDate::parse_from_str(typed, format).ok())
                .map(|day| day.and_time(NaiveTime::MIN))
        })
}

/// A moment as forms and lists show it: `10/11/2025 09:30`, or `10/11/2025` for a day
/// given without a time (kept as midnight, which the form reads back the same).
pub fn short(at: &NaiveDateTime) -> String {
    match is_day_only(at) {
        true => at.format("%d/%m/%Y").to_string(),
        false => at.format(UK_DATE_TIME).to_string(),
    }
}

/// A moment as a printed record writes it: `10 November 2025, 09:30`, or `10 November 2025`
/// for a day given without a time.
pub fn long(at: &NaiveDateTime) -> String {
    match is_day_only(at) {
        true => at.format("%-d %B %Y").to_string(),
        false => at.format("%-d %B %Y, %H:%M").to_string(),
    }
}

/// Whether `at` is a day without a time: a date alone is read as midnight, and a time of
/// exactly 00:00 says nothing a reader needs.
fn is_day_only(at: &NaiveDateTime) -> bool {
    at.time() == NaiveTime::MIN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_not_written_in_full_is_not_a_date() {
        for typed in ["10/11/25", "01/01/0000", "10/11/0025 09:30", "0001-01-01"] {
            assert_eq!(parse_date_time(typed), None, "{typed}");
        }
        assert!(parse_date_time("10/11/1999").is_some());
    }

    #[test]
    fn uk_and_iso_dates_are_read_and_nonsense_is_not() {
        let expected = NaiveDate::from_ymd_opt(2025, 11, 10)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        for typed in [" 10/11/2025 09:30 ", "2025-11-10 09:30", "2025-11-10T09:30"] {
            assert_eq!(parse_date_time(typed), Some(expected), "{typed}");
        }
        assert_eq!(
            parse_date_time("10/11/2025").map(|d| d.to_string()),
            Some("2025-11-10 00:00:00".into())
        );
        for typed in ["31/02/2025 09:00", "11/31/2025", "yesterday", ""] {
            assert_eq!(parse_date_time(typed), None, "{typed}");
        }
        assert_eq!(short(&expected), "10/11/2025 09:30");
        assert_eq!(long(&expected), "10 November 2025, 09:30");
        assert_eq!(parse_date_time(&short(&expected)), Some(expected));
        let day_only = parse_date_time("10/11/2025").unwrap();
        assert_eq!(short(&day_only), "10/11/2025");
        assert_eq!(long(&day_only), "10 November 2025");
        assert_eq!(parse_date_time(&short(&day_only)), Some(day_only));
    }
}
