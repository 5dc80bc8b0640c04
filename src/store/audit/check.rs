//! `verify`'s checks of the chain, in three parts that can run on two connections at once:
//! walking every entry (each link, each content digest), reading every audited record's
//! current digest, and comparing the two. The walk and the reading share nothing, so on a PC
//! with two cores the second runs beside the first.

use std::collections::HashMap;

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::{AUDITED_TABLES, ChainProgress, GENESIS, Link, write_row_content};
use crate::store::StoreError;

/// How often, in rows, a check says how far it has come.
pub(super) const EVERY: u64 = 2_000;

/// A SHA-256 digest.
type Sha = [u8; 32];

/// A record the chain names: its table (an index into [`AUDITED_TABLES`]) and id.
type RecordKey = (usize, i64);

/// The chain, walked and found linked: each record's latest entry.
pub struct Walked {
    /// Entries in the chain.
    pub entries: i64,
    /// Each audited record's latest entry: its sequence number and content digest.
    latest: HashMap<RecordKey, (i64, Sha)>,
    /// Entries naming a table the chain does not cover: (table, id, latest entry).
    strays: HashMap<(String, i64), i64>,
}

impl Walked {
    /// How many records the chain names.
    pub fn records(&self) -> u64 {
        (self.latest.len() + self.strays.len()) as u64
    }
}

/// Every audited record's current content digest, table by table (as [`AUDITED_TABLES`]
/// lists them), in id order.
pub struct Current {
    tables: Vec<Vec<(i64, Sha)>>,
}

/// Walks the chain in order: each entry follows the one before, holds the content its digest
/// says, and hashes to its hash.
pub fn walk(
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
        latest: HashMap::new(),
        strays: HashMap::new(),
    };
    while let Some(row) = rows.next()? {
        let seq: i64 = row.get(0)?;
        let text = |index| text_at(row, index);
        let (at, actor, action, entity) = (text(1)?, text(2)?, text(3)?, text(4)?);
        let record_id: i64 = row.get(5)?;
        let content = row.get_ref(6)?.as_bytes().map_err(|error| {
            rusqlite::Error::FromSqlConversionFailure(6, rusqlite::types::Type::Text, error.into())
        })?;
        let (digest, prev_hash, hash) = (text(7)?, text(8)?, text(9)?);
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
        let content_digest: Sha = Sha256::digest(content).into();
        if decoded(digest) != Some(content_digest) {
            return Err(bad("holds content that does not match its digest"));
        }
        let link = Link {
            seq,
            at,
            actor,
            action,
            entity,
            record_id,
            digest,
        };
        if link.hash(prev_hash) != hash {
            return Err(bad("does not match its hash"));
        }
        walked.entries = seq;
        match AUDITED_TABLES.iter().position(|table| *table == entity) {
            Some(table) => {
                walked
                    .latest
                    .insert((table, record_id), (seq, content_digest));
            }
            None => {
                walked.strays.insert((entity.to_owned(), record_id), seq);
            }
        }
        expected_prev.clear();
        expected_prev.push_str(hash);
        if (seq as u64).is_multiple_of(EVERY) {
            progress(ChainProgress::Entries(seq as u64, total));
        }
    }
    progress(ChainProgress::Entries(walked.entries as u64, total));
    Ok(walked)
}

/// Reads every audited record as `snapshot` would and keeps its digest; `done` is told how
/// many so far every few thousand.
pub fn current(conn: &Connection, done: &(dyn Fn(u64) + Sync)) -> Result<Current, StoreError> {
    let mut tables = Vec::with_capacity(AUDITED_TABLES.len());
    let mut read = 0u64;
    let mut content = Vec::new();
    for &table in AUDITED_TABLES {
        // One pass over the table, not a look-up a record.
        let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\" ORDER BY id"))?;
        let names = super::sorted_columns(&statement);
        let id_column = names
            .iter()
            .find(|(_, name)| name == "id")
            .map(|(index, _)| *index)
            .ok_or_else(|| StoreError::AuditMismatch(format!("{table} has no id column")))?;
        let mut rows = statement.query([])?;
        let mut digests = Vec::new();
        while let Some(row) = rows.next()? {
            content.clear();
            write_row_content(row, &names, &mut content)?;
            digests.push((row.get(id_column)?, Sha256::digest(&content).into()));
            read += 1;
            if read.is_multiple_of(EVERY) {
                done(read);
            }
        }
        tables.push(digests);
    }
    done(read);
    Ok(Current { tables })
}

/// Checks every record against its latest entry: none added, changed or removed behind the
/// app's back. Returns how many records matched.
pub fn compare(walked: Walked, current: Current) -> Result<i64, StoreError> {
    let Walked {
        mut latest, strays, ..
    } = walked;
    let mut records = 0;
    for (table, digests) in current.tables.into_iter().enumerate() {
        let name = AUDITED_TABLES[table];
        for (id, digest) in digests {
            match latest.remove(&(table, id)) {
                None => {
                    return Err(StoreError::AuditMismatch(format!(
                        "{name} record {id} has no audit entry: it was added outside the app"
                    )));
                }
                Some((seq, recorded)) if recorded != digest => {
                    return Err(StoreError::AuditMismatch(format!(
                        "{name} record {id} was changed outside the app after entry {seq}"
                    )));
                }
                Some(_) => records += 1,
            }
        }
    }
    let missing = latest
        .into_iter()
        .map(|((table, id), (seq, _))| (seq, AUDITED_TABLES[table].to_owned(), id))
        .chain(
            strays
                .into_iter()
                .map(|((table, id), seq)| (seq, table, id)),
        )
        .min();
    if let Some((seq, table, id)) = missing {
        return Err(StoreError::AuditMismatch(format!(
            "{table} record {id} of entry {seq} is missing: it was removed outside the app"
        )));
    }
    Ok(records)
}

/// Column `index` of `row` as text, borrowed.
fn text_at<'r>(row: &'r rusqlite::Row<'_>, index: usize) -> rusqlite::Result<&'r str> {
    row.get_ref(index)?.as_str().map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, error.into())
    })
}

/// A digest written as 64 lower-case hexadecimal digits, as the chain writes them, read back;
/// `None` if it is not one.
fn decoded(hex_digest: &str) -> Option<Sha> {
    if hex_digest.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(hex_digest, &mut bytes).ok()?;
    Some(bytes)
}
