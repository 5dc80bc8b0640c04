//! The policy's matrices in the vault: every approved version kept, the newest in use.

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::policy::{SanctionsMatrices, SanctionsMatrix, SanctionsTable};
use crate::store::{StoreError, audit};

/// Who approved the shipped tables, as the first version records it.
const SHIPPED_BY: &str = "Policy defaults (Stonebridge E-Safety Policy 2018)";

/// Adds the shipped sanctions tables as version 1 of each, where a vault has none yet.
pub(crate) fn ensure_defaults(conn: &Connection, actor: &str) -> Result<(), StoreError> {
    for table in SanctionsTable::ALL {
        if latest(conn, table)?.is_none() {
            let at = chrono::Local::now().format("%Y-%m-%d").to_string();
            save(conn, actor, table, &table.default_matrix(), &at, SHIPPED_BY)?;
        }
    }
    Ok(())
}

/// Saves `matrix` as the next version of `table`, approved on `approved_at` by `approved_by`.
pub(crate) fn save(
    conn: &Connection,
    actor: &str,
    table: SanctionsTable,
    matrix: &SanctionsMatrix,
    approved_at: &str,
    approved_by: &str,
) -> Result<i64, StoreError> {
    matrix
        .validate()
        .map_err(|problem| StoreError::Invalid(problem.to_string()))?;
    let content = serde_json::to_string(matrix)
        .map_err(|e| StoreError::Invalid(format!("The table could not be stored: {e}")))?;
    let version: i64 = conn.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM policy_matrices WHERE matrix = ?1",
        [table.code()],
        |row| row.get(0),
    )?;
    let sql = "INSERT INTO policy_matrices (matrix, version, approved_at, approved_by, content)
               VALUES (?1, ?2, ?3, ?4, ?5)";
    let values = params![
        table.code(),
        version,
        approved_at,
        approved_by.trim(),
        content
    ];
    audit::insert(conn, actor, "policy_matrices", sql, values)?;
    Ok(version)
}

/// The newest version of `table`, if there is one.
fn latest(conn: &Connection, table: SanctionsTable) -> Result<Option<SanctionsMatrix>, StoreError> {
    let content: Option<String> = conn
        .query_row(
            "SELECT content FROM policy_matrices WHERE matrix = ?1 ORDER BY version DESC LIMIT 1",
            [table.code()],
            |row| row.get(0),
        )
        .optional()?;
    content
        .map(|json| {
            serde_json::from_str(&json).map_err(|e| {
                StoreError::Damaged(format!("the stored {} is unreadable: {e}", table.title()))
            })
        })
        .transpose()
}

/// Both sanctions tables as currently approved.
pub(crate) fn sanctions(conn: &Connection) -> Result<SanctionsMatrices, StoreError> {
    let read = |table| {
        latest(conn, table)?.ok_or_else(|| {
            StoreError::Damaged(format!("the vault has no {}", table.title().to_lowercase()))
        })
    };
    Ok(SanctionsMatrices {
        pupil: read(SanctionsTable::Pupil)?,
        staff: read(SanctionsTable::Staff)?,
    })
}
