//! How typed values are kept in the database and read back: coded enums as their codes,
//! moments as `YYYY-MM-DDTHH:MM` (local school time, which sorts as it reads), and a stored
//! value this version cannot read as an error that names its record, never a default.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, Value, ValueRef};
use thiserror::Error;

use crate::domain::aup::Register;
use crate::domain::consent::{Answer, PhotoUse};
use crate::domain::incident::category::RiskArea;
use crate::domain::incident::record::{Device, Location};
use crate::domain::incident::rules::Referral;
use crate::domain::incident::{Outcome, Part, Role, Status};
use crate::domain::person::PersonKind;
use crate::domain::schedule::Cadence;
use crate::domain::terms::HalfTermName;
use crate::domain::training::Audience;

/// How moments are stored: sortable, minutes precision, local school time.
pub(crate) const MOMENT: &str = "%Y-%m-%dT%H:%M";

/// A stored code or moment that is none this version knows.
#[derive(Debug, Error)]
#[error("{value:?} is not {what} this version knows")]
pub(crate) struct NotKnown {
    what: &'static str,
    value: String,
}

/// A stored value that cannot be read, with the record it belongs to.
#[derive(Debug, Clone, Error)]
#[error("{record}: its {column} cannot be read ({reason})")]
pub struct Unreadable {
    /// The record, e.g. "incident ES-2025-0042" or "referrals record 7".
    pub record: String,
    /// The column.
    pub column: String,
    /// What is wrong with the value.
    pub reason: String,
}

/// A moment as the database keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Moment(pub NaiveDateTime);

impl ToSql for Moment {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Owned(Value::Text(
            self.0.format(MOMENT).to_string(),
        )))
    }
}

impl FromSql for Moment {
    /// Reads the stored form; seconds and a day alone (midnight), which imports of the
    /// first release wrote, are read too.
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        [MOMENT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
            .or_else(|| {
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .ok()
                    .map(|day| day.and_time(NaiveTime::MIN))
            })
            .map(Moment)
            .ok_or_else(|| not_known("a date and time", text))
    }
}

/// A day as the database keeps it: `2025-09-01`, which sorts as it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Day(pub NaiveDate);

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Owned(Value::Text(
            self.0.format(crate::store::query::DAY).to_string(),
        )))
    }
}

impl FromSql for Day {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        NaiveDate::parse_from_str(text, crate::store::query::DAY)
            .map(Day)
            .map_err(|_| not_known("a date", text))
    }
}

fn not_known(what: &'static str, value: &str) -> FromSqlError {
    FromSqlError::Other(Box::new(NotKnown {
        what,
        value: value.to_owned(),
    }))
}

/// Stores each coded enum as its code and reads it back, refusing a code it does not know.
macro_rules! stored_as_code {
    ($($kind:ty => $what:literal),+ $(,)?) => {$(
        impl ToSql for $kind {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::Owned(Value::Text(self.code().to_string())))
            }
        }

        impl FromSql for $kind {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                <$kind>::from_code(text).ok_or_else(|| not_known($what, text))
            }
        }
    )+};
}

stored_as_code!(
    Status => "a status",
    Outcome => "an outcome",
    Role => "a role in an incident",
    Part => "a part in an incident",
    Location => "a place",
    Device => "a device",
    RiskArea => "an area of risk",
    Referral => "an agency",
    PersonKind => "a kind of person",
    Register => "a register",
    Audience => "an audience",
    Cadence => "a cadence",
    HalfTermName => "a half-term",
    PhotoUse => "a use of photographs",
    Answer => "an answer",
);

/// One result row read by column name, for the record it belongs to: a value that cannot be
/// read becomes an [`Unreadable`] naming the record and the column.
pub(crate) struct Fields<'r, 's> {
    row: &'r Row<'s>,
    record: String,
}

impl<'r, 's> Fields<'r, 's> {
    /// The row of `record` (e.g. "incident ES-2025-0042").
    pub(crate) fn new(row: &'r Row<'s>, record: impl Into<String>) -> Self {
        Fields {
            row,
            record: record.into(),
        }
    }

    /// The row of `table`'s record whose id is in the `id` column.
    pub(crate) fn of(row: &'r Row<'s>, table: &str) -> rusqlite::Result<Self> {
        let id: i64 = row.get("id")?;
        Ok(Fields::new(row, format!("{table} record {id}")))
    }

    /// The value in `column`.
    pub(crate) fn get<T: FromSql>(&self, column: &str) -> rusqlite::Result<T> {
        self.row
            .get(column)
            .map_err(|error| self.named(column, error))
    }

    /// The moment in `column`.
    pub(crate) fn moment(&self, column: &str) -> rusqlite::Result<NaiveDateTime> {
        self.get::<Moment>(column).map(|moment| moment.0)
    }

    /// The moment in `column`, `None` where none is stored (NULL or empty).
    pub(crate) fn maybe_moment(&self, column: &str) -> rusqlite::Result<Option<NaiveDateTime>> {
        Ok(self.maybe::<Moment>(column)?.map(|moment| moment.0))
    }

    /// The day in `column`.
    pub(crate) fn day(&self, column: &str) -> rusqlite::Result<NaiveDate> {
        self.get::<Day>(column).map(|day| day.0)
    }

    /// The day in `column`, `None` where none is stored (NULL or empty).
    pub(crate) fn maybe_day(&self, column: &str) -> rusqlite::Result<Option<NaiveDate>> {
        Ok(self.maybe::<Day>(column)?.map(|day| day.0))
    }

    /// The value in `column`, `None` where none is stored (NULL or empty text).
    pub(crate) fn maybe<T: FromSql>(&self, column: &str) -> rusqlite::Result<Option<T>> {
        let value = self
            .row
            .get_ref(column)
            .map_err(|error| self.named(column, error))?;
        match value {
            ValueRef::Null => Ok(None),
            ValueRef::Text(b"") => Ok(None),
            _ => self.get(column).map(Some),
        }
    }

    /// The error for `column`'s text `value`, read but not what the column holds.
    pub(crate) fn unreadable(&self, column: &str, value: &str) -> rusqlite::Error {
        let index = self.row.as_ref().column_index(column).unwrap_or_default();
        let reason = format!("\"{value}\" is not what this column holds");
        let error = rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            reason.into(),
        );
        self.named(column, error)
    }

    fn named(&self, column: &str, error: rusqlite::Error) -> rusqlite::Error {
        let (index, kind, reason) = match error {
            rusqlite::Error::FromSqlConversionFailure(index, kind, reason) => {
                (index, kind, reason.to_string())
            }
            rusqlite::Error::InvalidColumnType(index, _, kind) => (
                index,
                kind,
                format!("a {kind} value where text or a number belongs"),
            ),
            other => return other,
        };
        let unreadable = Unreadable {
            record: self.record.clone(),
            column: column.to_owned(),
            reason,
        };
        rusqlite::Error::FromSqlConversionFailure(index, kind, Box::new(unreadable))
    }
}

/// The [`Unreadable`] inside a conversion failure, if that is what `error` is.
pub(crate) fn unreadable(error: &rusqlite::Error) -> Option<Unreadable> {
    let rusqlite::Error::FromSqlConversionFailure(_, _, reason) = error else {
        return None;
    };
    let named = reason.downcast_ref::<Unreadable>().cloned();
    Some(named.unwrap_or_else(|| Unreadable {
        record: "a record".into(),
        column: "value".into(),
        reason: reason.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn codes_and_moments_go_in_and_come_back_as_they_were() {
        let conn = Connection::open_in_memory().unwrap();
        let at = NaiveDate::from_ymd_opt(2025, 11, 10)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let (status, moment, text): (Status, Moment, String) = conn
            .query_row(
                "SELECT ?1, ?2, ?2",
                rusqlite::params![Status::UnderInvestigation, Moment(at)],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .unwrap();
        assert_eq!((status, moment.0), (Status::UnderInvestigation, at));
        assert_eq!(text, "2025-11-10T09:30");
        let day: Moment = conn
            .query_row("SELECT '2025-11-10'", [], |row| row.get(0))
            .unwrap();
        assert_eq!(day.0, at.date().and_time(NaiveTime::MIN));
    }

    #[test]
    fn a_value_this_version_cannot_read_names_its_record_and_column() {
        let conn = Connection::open_in_memory().unwrap();
        let error = conn
            .query_row(
                "SELECT 'pending' AS status, 'soon' AS reported_at",
                [],
                |row| {
                    let fields = Fields::new(row, "incident ES-2025-0042");
                    fields.get::<Status>("status")
                },
            )
            .unwrap_err();
        let named = unreadable(&error).unwrap();
        assert_eq!(
            named.to_string(),
            "incident ES-2025-0042: its status cannot be read (\"pending\" is not a status this version knows)"
        );
        let error = conn
            .query_row("SELECT 'soon' AS reported_at", [], |row| {
                Fields::new(row, "incident ES-2025-0042").moment("reported_at")
            })
            .unwrap_err();
        assert!(
            unreadable(&error)
                .unwrap()
                .to_string()
                .contains("reported_at")
        );
        let empty: Option<Outcome> = conn
            .query_row("SELECT '' AS outcome", [], |row| {
                Fields::new(row, "x").maybe("outcome")
            })
            .unwrap();
        assert_eq!(empty, None);
    }
}
