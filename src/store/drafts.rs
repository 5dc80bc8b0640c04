//! Drafts of forms being typed, inside the encrypted vault: kept through a lock or a move to
//! another screen, removed when the record is saved or the draft discarded. Not records: not
//! audit-chained, and no report or export reads them.

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension, params};

use crate::store::StoreError;
use crate::store::stored::{Fields, Moment};

/// A draft as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The form's own text for what was typed.
    pub content: String,
    /// When it was last written.
    pub saved_at: NaiveDateTime,
}

/// Keeps `content` as the draft of `form`, replacing any earlier one. An empty draft is no
/// draft: what was kept is removed.
pub(crate) fn save(
    conn: &Connection,
    form: &str,
    content: &str,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    if content.is_empty() {
        return discard(conn, form);
    }
    conn.execute(
        "INSERT INTO drafts (form, content, saved_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (form) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at",
        params![form, content, Moment(at)],
    )?;
    Ok(())
}

/// The draft of `form`, if one is kept.
pub(crate) fn load(conn: &Connection, form: &str) -> Result<Option<Draft>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT content, saved_at FROM drafts WHERE form = ?1",
            [form],
            |row| {
                let fields = Fields::new(row, format!("the draft of {form}"));
                Ok(Draft {
                    content: fields.get("content")?,
                    saved_at: fields.moment("saved_at")?,
                })
            },
        )
        .optional()?)
}

/// Removes the draft of `form`, if there is one.
pub(crate) fn discard(conn: &Connection, form: &str) -> Result<(), StoreError> {
    conn.execute("DELETE FROM drafts WHERE form = ?1", [form])?;
    Ok(())
}
