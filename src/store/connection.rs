//! Opening the SQLCipher database with the raw data key and the pragmas the vault relies on.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::store::{DataKey, StoreError};

/// Page cache per connection in KiB (128 MiB): scans then decrypt each page once, not every time.
const CACHE_KIB: i64 = 128 * 1024;

/// The page cache of a connection that scans, in KiB.
const SCAN_CACHE_KIB: i64 = 32 * 1024;

/// Prepared statements kept per connection (rusqlite's default is 16).
const STATEMENT_CACHE: usize = 128;

/// Whether opening may create the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpenMode {
    /// The file must not exist yet.
    Create,
    /// The file must exist.
    Existing,
}

/// Opens the database at `path` with `key`, proves the key reads it, and sets the pragmas.
/// How long a save waits for another program (a second copy of the app, the nightly backup)
/// to finish with the vault before giving up and saying so.
pub const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// How long each wait for a busy vault sleeps.
const BUSY_STEP: std::time::Duration = std::time::Duration::from_millis(50);

/// Said once as a wait for a busy vault begins (the command line prints a line); nothing by
/// default.
static ON_WAIT: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Sets what is said when a wait for a busy vault begins, once for the whole program.
pub fn on_busy_wait(notice: fn()) {
    let _ = ON_WAIT.set(notice);
}

/// SQLite's busy handler: says the wait has begun, then sleeps in steps up to [`BUSY_WAIT`].
fn wait_while_busy(attempt: i32) -> bool {
    if attempt == 0
        && let Some(notice) = ON_WAIT.get()
    {
        notice();
    }
    let waited = BUSY_STEP * u32::try_from(attempt).unwrap_or(u32::MAX / 64);
    if waited >= BUSY_WAIT {
        return false;
    }
    std::thread::sleep(BUSY_STEP);
    true
}

pub(crate) fn open(path: &Path, key: &DataKey, mode: OpenMode) -> Result<Connection, StoreError> {
    if mode == OpenMode::Existing && !path.exists() {
        return Err(StoreError::NoVault(
            path.parent().unwrap_or(path).to_path_buf(),
        ));
    }
    // An emptied database file would open as a new, empty database (and be written to):
    // it is damage, said so before SQLite touches it.
    if mode == OpenMode::Existing && std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
        return Err(StoreError::Damaged(
            "the database file (vault.db) is empty: restore the latest backup".into(),
        ));
    }
    // CREATE stays on even for an existing vault: attached backup files are created through it.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_handler(Some(wait_while_busy))?;
    apply_key(&conn, key)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })?;
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
    conn.execute_batch(&format!(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -{CACHE_KIB};"
    ))?;
    // An incident's save runs some twenty different statements; each is parsed once.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(conn)
}

/// Gives a connection that only reads each page once or twice (`verify`'s second one) a small
/// page cache: a bigger one holds memory and saves nothing.
pub(crate) fn scan_only(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(&format!("PRAGMA cache_size = -{SCAN_CACHE_KIB};"))?;
    Ok(())
}

/// Keys a connection with the raw data key; also used for attached backup databases.
pub(crate) fn apply_key(conn: &Connection, key: &DataKey) -> Result<(), StoreError> {
    // SQLCipher writes "hmac check failed" to stderr on a bad page; the vault reports it instead.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.execute_batch(&format!(
        "PRAGMA key = \"{}\";",
        key.pragma_value().as_str()
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vault_connection_is_durable_checked_and_cached() {
        let folder = tempfile::tempdir().unwrap();
        let key = DataKey::generate().unwrap();
        let conn = open(&folder.path().join("v.db"), &key, OpenMode::Create).unwrap();
        let pragma = |name: &str| -> String {
            conn.query_row(&format!("PRAGMA {name}"), [], |row| {
                row.get::<_, rusqlite::types::Value>(0)
            })
            .map(|value| format!("{value:?}"))
            .unwrap()
        };
        assert_eq!(pragma("journal_mode"), "Text(\"wal\")");
        assert_eq!(pragma("synchronous"), "Integer(2)", "FULL");
        assert_eq!(pragma("foreign_keys"), "Integer(1)");
        assert_eq!(
            pragma("temp_store"),
            "Integer(2)",
            "MEMORY: no plaintext temporary files"
        );
        assert_eq!(pragma("cache_size"), format!("Integer(-{CACHE_KIB})"));
    }

    #[test]
    fn opening_a_missing_vault_says_so_and_creates_nothing() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("v.db");
        let error = open(&path, &DataKey::generate().unwrap(), OpenMode::Existing).unwrap_err();
        assert!(matches!(error, StoreError::NoVault(_)));
        assert!(!path.exists());
    }
}
