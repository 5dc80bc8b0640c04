//! The one way the store reads a list of rows: a cached statement, mapped row by row.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Params, Row};

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

/// A key for a new record of `table` made from its `title` ("Prevent duty" → `prevent-duty`),
/// with `-2`, `-3`… added while another record has it. `table` is one of the store's own names.
pub(crate) fn unique_key(
    conn: &Connection,
    table: &str,
    title: &str,
) -> Result<String, StoreError> {
    let slug = title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let sql = format!("SELECT 1 FROM \"{table}\" WHERE key = ?1");
    let taken = |key: &str| -> Result<bool, StoreError> {
        Ok(conn
            .query_row(&sql, [key], |_| Ok(()))
            .optional()?
            .is_some())
    };
    let mut key = slug.clone();
    let mut n = 2;
    while taken(&key)? {
        key = format!("{slug}-{n}");
        n += 1;
    }
    Ok(key)
}
