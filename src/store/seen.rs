//! The audit chain's head as this data folder last saw it, kept beside the vault in
//! `vault.seen`: an older `vault.db` put back beside the current `vault.keys` is whole and
//! verifies, and would quietly lose every record made since; the head it is compared with
//! says so. It holds the vault's id, a count and a hash: nothing typed.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::store::StoreError;
use crate::store::paths::DataDir;

/// The chain's length and last hash, for one vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Seen {
    vault_id: String,
    entries: i64,
    head: String,
}

fn head(conn: &Connection, vault_id: &str) -> Result<Seen, StoreError> {
    let (entries, head): (i64, String) = conn
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, String::new()));
    Ok(Seen {
        vault_id: vault_id.to_owned(),
        entries,
        head,
    })
}

fn read(path: &Path) -> Option<Seen> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Refuses a database whose chain is shorter than, or has left, the one this folder last saw.
/// A missing or unreadable note, or one of another vault, is no evidence and passes.
pub(crate) fn check(dir: &DataDir, conn: &Connection, vault_id: &str) -> Result<(), StoreError> {
    let Some(seen) = read(&dir.seen()).filter(|s| s.vault_id == vault_id) else {
        return Ok(());
    };
    let now = head(conn, vault_id)?;
    let same_entry: Option<String> = conn
        .query_row(
            "SELECT hash FROM audit_log WHERE seq = ?1",
            [seen.entries],
            |row| row.get(0),
        )
        .optional()?;
    match same_entry {
        Some(hash) if hash == seen.head => Ok(()),
        _ if now.entries < seen.entries => Err(StoreError::RolledBack {
            missing: seen.entries - now.entries,
        }),
        _ => Err(StoreError::RolledBack { missing: 0 }),
    }
}

/// Notes the chain's head as it is now. Best effort: a note not written only weakens the next
/// check, and never stops work.
pub(crate) fn note(dir: &DataDir, conn: &Connection, vault_id: &str) {
    if let Ok(seen) = head(conn, vault_id)
        && let Ok(text) = serde_json::to_string(&seen)
    {
        let _ = std::fs::write(dir.seen(), text);
    }
}

/// Forgets the note, for a restore: the restored database is the one to trust.
pub(crate) fn forget(dir: &DataDir) {
    let _ = std::fs::remove_file(dir.seen());
}
