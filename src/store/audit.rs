//! The audit chain: every create or amendment of any record appends an entry holding a snapshot
//! of the new content, its digest, and a hash over the previous entry's hash. `verify` walks the
//! chain, then checks every record against its latest entry, so a change made behind the app's
//! back is named.

use std::collections::HashMap;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use crate::store::{StoreError, query};

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
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
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
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, entity, record_id, content, content_digest, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![seq, at, actor, change.as_str(), entity, record_id, content, digest, prev_hash, hash],
    )?;
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
    conn.execute(sql, params)?;
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
    if conn.execute(sql, params)? == 0 {
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

/// Walks the chain and checks every audited record; the first problem is named in the error.
pub fn verify(conn: &Connection) -> Result<ChainReport, StoreError> {
    verify_with_progress(conn, &mut |_| {})
}

/// How far a check of the chain has come: entries walked, then records checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainProgress {
    /// Entries of the chain walked, of all.
    Entries(u64, u64),
    /// Records checked against their latest entry, of all the chain names.
    Records(u64, u64),
}

/// How often, in rows, a check says how far it has come.
const EVERY: u64 = 2_000;

/// As [`verify`], telling `progress` how far it has come every few thousand rows.
pub fn verify_with_progress(
    conn: &Connection,
    progress: &mut dyn FnMut(ChainProgress),
) -> Result<ChainReport, StoreError> {
    let latest = walk_chain(conn, progress)?;
    let entries = latest.entries;
    let records = check_records(conn, latest.digests, progress)?;
    Ok(ChainReport { entries, records })
}

struct Walked {
    entries: i64,
    digests: HashMap<(String, i64), (i64, String)>,
}

fn walk_chain(
    conn: &Connection,
    progress: &mut dyn FnMut(ChainProgress),
) -> Result<Walked, StoreError> {
    let total: i64 = conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM audit_log", [], |row| {
        row.get(0)
    })?;
    let total = total.max(0) as u64;
    let mut statement = conn.prepare(
        "SELECT seq, at, actor, action, entity, record_id, content, content_digest, prev_hash, hash
         FROM audit_log ORDER BY seq",
    )?;
    let mut rows = statement.query([])?;
    let mut expected_prev = GENESIS.to_owned();
    let mut walked = Walked {
        entries: 0,
        digests: HashMap::new(),
    };
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let (at, actor, action, entity): (String, String, String, String) =
            (row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?);
        let record_id: i64 = row.get(5)?;
        let (content, digest, prev_hash, hash): (String, String, String, String) =
            (row.get(6)?, row.get(7)?, row.get(8)?, row.get(9)?);
        let bad = |what: &str| {
            StoreError::AuditMismatch(format!(
                "entry {seq} ({action} {entity} record {record_id} at {at}) {what}"
            ))
        };
        if seq != walked.entries + 1 {
            return Err(bad(&format!(
                "follows entry {}: entries are missing",
                walked.entries
            )));
        }
        if prev_hash != expected_prev {
            return Err(bad("does not follow the entry before it"));
        }
        if sha256_hex(content.as_bytes()) != digest {
            return Err(bad("holds content that does not match its digest"));
        }
        let link = Link {
            seq,
            at: &at,
            actor: &actor,
            action: &action,
            entity: &entity,
            record_id,
            digest: &digest,
        };
        if link.hash(&prev_hash) != hash {
            return Err(bad("does not match its hash"));
        }
        walked.entries = seq;
        walked.digests.insert((entity, record_id), (seq, digest));
        expected_prev = hash;
        if (seq as u64).is_multiple_of(EVERY) {
            progress(ChainProgress::Entries(seq as u64, total));
        }
    }
    progress(ChainProgress::Entries(walked.entries as u64, total));
    Ok(walked)
}

fn check_records(
    conn: &Connection,
    mut latest: HashMap<(String, i64), (i64, String)>,
    progress: &mut dyn FnMut(ChainProgress),
) -> Result<i64, StoreError> {
    let total = latest.len() as u64;
    let mut records = 0;
    for &table in AUDITED_TABLES {
        // One pass over the table, not a look-up a record: the same content `snapshot` gives.
        let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY id"))?;
        let names: Vec<String> = statement
            .column_names()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let id_column = names
            .iter()
            .position(|name| name == "id")
            .ok_or_else(|| StoreError::AuditMismatch(format!("{table} has no id column")))?;
        let mut rows = statement.query([])?;
        let mut key = (table.to_owned(), 0);
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(id_column)?;
            let content = row_content(row, &names)?;
            key.1 = id;
            match latest.remove(&key) {
                None => {
                    return Err(StoreError::AuditMismatch(format!(
                        "{table} record {id} has no audit entry: it was added outside the app"
                    )));
                }
                Some((seq, digest)) if digest != sha256_hex(content.as_bytes()) => {
                    return Err(StoreError::AuditMismatch(format!(
                        "{table} record {id} was changed outside the app after entry {seq}"
                    )));
                }
                Some(_) => records += 1,
            }
            if (records as u64).is_multiple_of(EVERY) {
                progress(ChainProgress::Records(records as u64, total));
            }
        }
    }
    progress(ChainProgress::Records(records as u64, total));
    if let Some(((table, id), (seq, _))) = latest.into_iter().min_by_key(|(_, (seq, _))| *seq) {
        return Err(StoreError::AuditMismatch(format!(
            "{table} record {id} of entry {seq} is missing: it was removed outside the app"
        )));
    }
    Ok(records)
}

/// A row as canonical JSON, its columns named by `names`.
fn row_content(row: &rusqlite::Row<'_>, names: &[String]) -> rusqlite::Result<String> {
    let mut object = serde_json::Map::new();
    for (index, name) in names.iter().enumerate() {
        object.insert(name.clone(), json_value(row.get_ref(index)?));
    }
    Ok(serde_json::Value::Object(object).to_string())
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
    let names: Vec<String> = statement
        .column_names()
        .into_iter()
        .map(str::to_owned)
        .collect();
    let content = statement
        .query_row([record_id], |row| row_content(row, &names))
        .optional()?;
    Ok(content)
}

fn json_value(value: ValueRef<'_>) -> serde_json::Value {
    match value {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => f.into(),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => format!("blob:{}", hex::encode(b)).into(),
    }
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
