//! The one way the store reads a list of rows: a cached statement, mapped row by row.

use chrono::NaiveDate;
use rusqlite::{Connection, Params, Row};

use crate::store::StoreError;

/// Runs `sql` with `params` and maps every row with `map`.
pub(crate) fn all<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut statement = conn.prepare_cached(sql)?;
    let rows = statement.query_map(params, map)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How days are stored: `2025-09-01`, which sorts as it reads.
pub(crate) const DAY: &str = "%Y-%m-%d";

/// A stored day, or `None` if the text is not one.
pub(crate) fn day(stored: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(stored, DAY).ok()
}
