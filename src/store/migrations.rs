//! The schema, as numbered migrations applied in order (rusqlite_migration, `user_version`).

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::store::StoreError;

/// Version 1: vault metadata, the audit chain and the school settings.
const V1_FOUNDATION: &str = "
CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('create', 'amend')),
    entity         TEXT NOT NULL,
    record_id      INTEGER NOT NULL,
    content        TEXT NOT NULL,
    content_digest TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_record ON audit_log (entity, record_id, seq);

-- The chain is append-only: the app never rewrites or removes an entry.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries cannot be removed'); END;

CREATE TABLE school_settings (
    id                           INTEGER PRIMARY KEY CHECK (id = 1),
    school_name                  TEXT NOT NULL,
    coordinator                  TEXT NOT NULL,
    designated_safeguarding_lead TEXT NOT NULL DEFAULT '',
    headteacher                  TEXT NOT NULL DEFAULT '',
    chair_of_governors           TEXT NOT NULL DEFAULT '',
    lado_contact                 TEXT NOT NULL DEFAULT '',
    auto_lock_minutes            INTEGER NOT NULL DEFAULT 10 CHECK (auto_lock_minutes BETWEEN 1 AND 60)
) STRICT;
CREATE TRIGGER school_settings_no_delete BEFORE DELETE ON school_settings
BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
";

/// Every migration, oldest first. Append only: never edit one that has shipped.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1_FOUNDATION)])
}

/// Brings the schema of an open vault up to the newest version.
pub(crate) fn bring_up_to_date(conn: &mut Connection) -> Result<(), StoreError> {
    migrations().to_latest(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_are_valid_and_run_from_empty() {
        assert!(migrations().validate().is_ok());
        let mut conn = Connection::open_in_memory().unwrap();
        bring_up_to_date(&mut conn).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, 1);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(tables, 3);
    }
}
