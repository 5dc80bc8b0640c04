//! The choices an import remembers for next time (a people list's mapping per kind, the
//! incident log's mapping and category words), as text under a kind, audit-chained.

use rusqlite::{Connection, OptionalExtension, params};

use crate::store::{StoreError, audit};

/// The text kept under `kind`, if any.
pub(crate) fn saved(conn: &Connection, kind: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT mapping FROM import_mappings WHERE kind = ?1",
            [kind],
            |row| row.get(0),
        )
        .optional()?)
}

/// Keeps `text` under `kind` (audited), unless it is already what is kept.
pub(crate) fn save(
    conn: &Connection,
    actor: &str,
    kind: &str,
    text: &str,
) -> Result<(), StoreError> {
    let id: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, mapping FROM import_mappings WHERE kind = ?1",
            [kind],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    match id {
        Some((_, old)) if old == text => Ok(()),
        Some((id, _)) => {
            let sql = "UPDATE import_mappings SET mapping = ?2 WHERE id = ?1";
            audit::amend(conn, actor, "import_mappings", id, sql, params![id, text])
        }
        None if text.is_empty() => Ok(()),
        None => {
            let sql = "INSERT INTO import_mappings (kind, mapping) VALUES (?1, ?2)";
            audit::insert(conn, actor, "import_mappings", sql, params![kind, text]).map(drop)
        }
    }
}
