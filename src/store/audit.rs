//! The audit chain: every create or amendment of any record appends an entry holding a snapshot
//! of the new content, its digest, and a hash over the previous entry's hash. `verify` walks the
//! chain, then checks every record against its latest entry, so a change made behind the app's
//! back is named.

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::store::{StoreError, query};

pub(crate) mod check;

/// Tables whose every row is covered by the chain. Later migrations add theirs here.
pub const AUDITED_TABLES: &[&str] = &[
    "school_settings",
    "people",
    "incidents",
    "incident_people",
    "incident_actions",
    "referrals",
    "decisions",
    "policy_matrices",
    "incident_amendments",
    "evidence",
    "investigations",
    "investigation_sites",
    "person_links",
    "import_mappings",
    "training_types",
    "training_sessions",
    "training_attendance",
    "aup_documents",
    "aup_signatures",
    "photo_consents",
    "half_terms",
    "review_items",
    "review_completions",
    "filtering_changes",
    "filtering_checks",
    "confiscations",
    "backups",
    "incident_sources",
];

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Whether an entry records a new record or an amendment of an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The record was created.
    Create,
    /// The record was amended; its earlier content stays in the chain.
    Amend,
}

impl Change {
    fn as_str(self) -> &'static str {
        match self {
            Change::Create => "create",
            Change::Amend => "amend",
        }
    }
}

/// One entry of the chain, as shown in a record's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When, in UTC (RFC 3339).
    pub at: String,
    /// Who made the change.
    pub actor: String,
    /// "create" or "amend".
    pub action: String,
    /// The table of the record.
    pub entity: String,
    /// The record's id in that table.
    pub record_id: i64,
    /// The record's content after the change, as canonical JSON.
    pub content: String,
}

/// The outcome of a successful walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainReport {
    /// Entries in the chain.
    pub entries: i64,
    /// Records checked against their latest entry.
    pub records: i64,
}

/// Appends an entry for the record `entity`/`record_id` as it now stands. Call inside the
/// transaction that wrote the record, so both commit or neither does.
pub fn append(
    conn: &Connection,
    actor: &str,
    change: Change,
    entity: &str,
    record_id: i64,
) -> Result<i64, StoreError> {
    let content = snapshot(conn, entity, record_id)?.ok_or_else(|| {
        StoreError::AuditMismatch(format!("{entity} record {record_id} is not there to audit"))
    })?;
    let digest = sha256_hex(content.as_bytes());
    let (last_seq, prev_hash): (i64, String) = conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_owned()));
    let seq = last_seq + 1;
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let link = Link {
        seq,
        at: &at,
        actor,
        action: change.as_str(),
        entity,
        record_id,
        digest: &digest,
    };
    let hash = link.hash(&prev_hash);
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, at, actor, action, entity, record_id, content, content_digest, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![seq, at, actor, change.as_str(), entity, record_id, content, digest, prev_hash, hash])?;
    Ok(seq)
}

/// Inserts a record with `sql` and `params` and appends its "create" entry; returns its id.
pub(crate) fn insert(
    conn: &Connection,
    actor: &str,
    entity: &str,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<i64, StoreError> {
    // Cached: an import or the demo runs the same few statements thousands of times.
    conn.prepare_cached(sql)?.execute(params)?;
    let id = conn.last_insert_rowid();
    append(conn, actor, Change::Create, entity, id)?;
    Ok(id)
}

/// Amends record `id` with `sql` and `params` and appends its "amend" entry.
pub(crate) fn amend(
    conn: &Connection,
    actor: &str,
    entity: &str,
    id: i64,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<(), StoreError> {
    if conn.prepare_cached(sql)?.execute(params)? == 0 {
        return Err(StoreError::AuditMismatch(format!(
            "{entity} record {id} is not there to amend"
        )));
    }
    append(conn, actor, Change::Amend, entity, id)?;
    Ok(())
}

/// After a schema upgrade added columns to audited tables, appends an "amend" entry for each
/// record whose content differs from its latest entry only by the added columns, so the chain
/// keeps matching what is stored and says why it changed. Any other difference is left for
/// `verify` to name. Returns how many records were noted.
pub(crate) fn record_schema_upgrade(conn: &Connection, actor: &str) -> Result<usize, StoreError> {
    let mut latest: HashMap<(String, i64), String> = HashMap::new();
    let mut statement =
        conn.prepare("SELECT entity, record_id, content FROM audit_log ORDER BY seq")?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        latest.insert((row.get(0)?, row.get(1)?), row.get(2)?);
    }
    let mut noted = 0;
    for &table in AUDITED_TABLES {
        let ids: Vec<i64> = query::all(
            conn,
            &format!("SELECT id FROM \"{table}\" ORDER BY id"),
            [],
            |row| row.get(0),
        )?;
        for id in ids {
            let (Some(current), Some(recorded)) = (
                snapshot(conn, table, id)?,
                latest.get(&(table.to_owned(), id)),
            ) else {
                continue;
            };
            if current != *recorded && only_columns_added(recorded, &current) {
                append(conn, actor, Change::Amend, table, id)?;
                noted += 1;
            }
        }
    }
    Ok(noted)
}

/// Whether `current` is `recorded` with new keys and nothing else changed.
fn only_columns_added(recorded: &str, current: &str) -> bool {
    let parse =
        |text: &str| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(text).ok();
    let (Some(recorded), Some(current)) = (parse(recorded), parse(current)) else {
        return false;
    };
    current.len() > recorded.len()
        && recorded
            .iter()
            .all(|(key, value)| current.get(key) == Some(value))
}

/// The history of one record, oldest first.
pub fn history(
    conn: &Connection,
    entity: &str,
    record_id: i64,
) -> Result<Vec<AuditEntry>, StoreError> {
    query::all(
        conn,
        "SELECT seq, at, actor, action, entity, record_id, content FROM audit_log
         WHERE entity = ?1 AND record_id = ?2 ORDER BY seq",
        params![entity, record_id],
        |row| {
            Ok(AuditEntry {
                seq: row.get(0)?,
                at: row.get(1)?,
                actor: row.get(2)?,
                action: row.get(3)?,
                entity: row.get(4)?,
                record_id: row.get(5)?,
                content: row.get(6)?,
            })
        },
    )
}

/// How far a check of the chain has come: entries walked, then records checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainProgress {
    /// Entries of the chain walked, of all.
    Entries(u64, u64),
    /// Records checked against their latest entry, of all the chain names.
    Records(u64, u64),
}

/// A statement's columns sorted by name, each with its index: the order of the canonical JSON.
fn sorted_columns(statement: &rusqlite::Statement<'_>) -> Vec<(usize, String)> {
    let mut names: Vec<(usize, String)> = statement
        .column_names()
        .into_iter()
        .map(str::to_owned)
        .enumerate()
        .collect();
    names.sort_by(|a, b| a.1.cmp(&b.1));
    names
}

/// Writes a row as canonical JSON into `out`: an object of its columns (`names`, sorted) in
/// name order, written as `serde_json` writes a map of the same values, byte for byte.
fn write_row_content(
    row: &rusqlite::Row<'_>,
    names: &[(usize, String)],
    out: &mut Vec<u8>,
) -> rusqlite::Result<()> {
    let json = |result: serde_json::Result<()>| {
        result.map_err(|error| rusqlite::Error::ToSqlConversionFailure(Box::new(error)))
    };
    out.push(b'{');
    for (n, (index, name)) in names.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        json(serde_json::to_writer(&mut *out, name))?;
        out.push(b':');
        match row.get_ref(*index)? {
            ValueRef::Null => out.extend_from_slice(b"null"),
            ValueRef::Integer(i) => json(serde_json::to_writer(&mut *out, &i))?,
            // serde_json writes a real that is not finite as `null`, as its `Value` does.
            ValueRef::Real(f) => json(serde_json::to_writer(&mut *out, &f))?,
            ValueRef::Text(t) => {
                json(serde_json::to_writer(
                    &mut *out,
                    &String::from_utf8_lossy(t),
                ))?;
            }
            ValueRef::Blob(b) => {
                json(serde_json::to_writer(
                    &mut *out,
                    &format!("blob:{}", hex::encode(b)),
                ))?;
            }
        }
    }
    out.push(b'}');
    Ok(())
}

/// A row as canonical JSON, its columns `names` (sorted).
fn row_content(row: &rusqlite::Row<'_>, names: &[(usize, String)]) -> rusqlite::Result<String> {
    let mut out = Vec::new();
    write_row_content(row, names, &mut out)?;
    // serde_json writes only UTF-8.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// The record's current content as canonical JSON (columns sorted by name), or `None` if absent.
pub fn snapshot(
    conn: &Connection,
    entity: &str,
    record_id: i64,
) -> Result<Option<String>, StoreError> {
    if !AUDITED_TABLES.contains(&entity) {
        return Err(StoreError::AuditMismatch(format!(
            "{entity} is not an audited table"
        )));
    }
    let mut statement =
        conn.prepare_cached(&format!("SELECT * FROM \"{entity}\" WHERE id = ?1"))?;
    let names = sorted_columns(&statement);
    let content = statement
        .query_row([record_id], |row| row_content(row, &names))
        .optional()?;
    Ok(content)
}

struct Link<'a> {
    seq: i64,
    at: &'a str,
    actor: &'a str,
    action: &'a str,
    entity: &'a str,
    record_id: i64,
    digest: &'a str,
}

impl Link<'_> {
    fn hash(&self, prev_hash: &str) -> String {
        let seq = self.seq.to_string();
        let record_id = self.record_id.to_string();
        let mut hasher = Sha256::new();
        for part in [
            prev_hash,
            &seq,
            self.at,
            self.actor,
            self.action,
            self.entity,
            &record_id,
            self.digest,
        ] {
            hasher.update(part.as_bytes());
            hasher.update([0x1f]);
        }
        hex::encode(hasher.finalize())
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value as the chain's first version made it, through `serde_json::Value`.
    fn as_value(value: ValueRef<'_>) -> serde_json::Value {
        match value {
            ValueRef::Null => serde_json::Value::Null,
            ValueRef::Integer(i) => i.into(),
            ValueRef::Real(f) => f.into(),
            ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
            ValueRef::Blob(b) => format!("blob:{}", hex::encode(b)).into(),
        }
    }

    #[test]
    fn a_row_is_written_byte_for_byte_as_a_json_map_of_its_values_would_be() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (zeta TEXT, id INTEGER PRIMARY KEY, alpha REAL, \"qu\"\"ote\" BLOB,
                             Beta INTEGER, none TEXT, big REAL, tiny REAL);
             INSERT INTO t VALUES ('سارة \"أحمد\"\\ 明\n\t\u{1}', 7, 0.1, x'00ff10', -9007199254740993,
                                   NULL, 1e999, 5e-324);
             INSERT INTO t VALUES ('', 8, -0.0, x'', 0, 'x', 1.5e300, 100.0);",
        )
        .unwrap();
        let mut statement = conn.prepare("SELECT * FROM t ORDER BY id").unwrap();
        let names = sorted_columns(&statement);
        let mut rows = statement.query([]).unwrap();
        let mut seen = 0;
        while let Some(row) = rows.next().unwrap() {
            let mut map = serde_json::Map::new();
            for (index, name) in &names {
                map.insert(name.clone(), as_value(row.get_ref(*index).unwrap()));
            }
            let expected = serde_json::Value::Object(map).to_string();
            assert_eq!(row_content(row, &names).unwrap(), expected);
            seen += 1;
        }
        assert_eq!(seen, 2);
    }
}
