//! Encrypted backups: one file holding the key envelope and an encrypted copy of the database,
//! so the same passphrase and recovery key open it.
//!
//! Layout: the line `ESAFETY-DESK-BACKUP`, one line of JSON (format, time, vault id, size and
//! SHA-256 of the database bytes, the envelope), then the database bytes.

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rusqlite::params;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::envelope::KeyEnvelope;
use crate::store::files::{check_writable, sync_parent, write_atomically};
use crate::store::{DataDir, StoreError, Vault};

const MAGIC: &str = "ESAFETY-DESK-BACKUP";
const FORMAT: u32 = 1;
/// The longest header line accepted, so a wrong file is not read whole into memory.
const MAX_HEADER: u64 = 64 * 1024;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    created_at: String,
    vault_id: String,
    database_bytes: u64,
    database_sha256: String,
    envelope: KeyEnvelope,
    /// The SHA-256 of the envelope as written, so a damaged envelope is refused at restore
    /// rather than taken for a wrong passphrase (absent in backups from earlier versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    envelope_sha256: Option<String>,
}

/// What a backup or a restore wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// The backup file.
    pub file: PathBuf,
    /// Bytes of encrypted database inside.
    pub database_bytes: u64,
    /// When the backup was taken (UTC, RFC 3339).
    pub created_at: String,
}

/// Writes an encrypted, self-contained backup of `vault` to `out`, replacing it atomically.
pub fn write(vault: &Vault, out: &Path) -> Result<BackupSummary, StoreError> {
    crate::store::files::refuse_vault_file(out)?;
    let folder = check_writable(out)?;
    crate::store::files::clear_leftovers(folder);
    // A name of its own beside the backup (removed when dropped), so no file of the user's is
    // touched; SQLCipher writes the copy into the empty file.
    let export = tempfile::Builder::new()
        .prefix(".esafety-desk-")
        .suffix(".export")
        .tempfile_in(folder)
        .map_err(StoreError::io("write the backup to", out))?
        .into_temp_path();
    let database = export_database(vault, &export)
        .map_err(|error| cannot_create(error, out))
        .and_then(|()| fs::read(&export).map_err(StoreError::io("write the backup to", out)))?;
    drop(export);
    let created_at = vault
        .clock()
        .utc_now()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let header = Header {
        format: FORMAT,
        created_at: created_at.clone(),
        vault_id: vault.vault_id().to_owned(),
        database_bytes: database.len() as u64,
        database_sha256: hex::encode(Sha256::digest(&database)),
        envelope: vault.envelope().clone(),
        envelope_sha256: Some(hex::encode(Sha256::digest(vault.envelope().to_json()))),
    };
    let mut bytes = format!(
        "{MAGIC}\n{}\n",
        serde_json::to_string(&header).expect("a header serialises")
    )
    .into_bytes();
    bytes.extend_from_slice(&database);
    crate::store::files::write_output(out, &bytes)?;
    Ok(BackupSummary {
        file: out.to_path_buf(),
        database_bytes: header.database_bytes,
        created_at,
    })
}

/// The database's "unable to open" for the export copy, said of the backup file asked for.
fn cannot_create(error: StoreError, out: &Path) -> StoreError {
    match &error {
        StoreError::Database(inner)
            if inner.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) =>
        {
            let reason = std::io::Error::other("a file cannot be created in that folder");
            StoreError::io("write the backup to", out)(reason)
        }
        _ => error,
    }
}

/// A backup the vault remembers taking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupRecord {
    /// When it was taken, UTC.
    pub taken_at: chrono::DateTime<chrono::Utc>,
    /// Where it was written, as given.
    pub file: String,
    /// Bytes of encrypted database inside.
    pub database_bytes: u64,
}

/// Notes a backup just written in the vault (audit-chained like every record).
pub(crate) fn record(
    conn: &rusqlite::Connection,
    actor: &str,
    summary: &BackupSummary,
) -> Result<i64, StoreError> {
    let sql = "INSERT INTO backups (taken_at, file, database_bytes) VALUES (?1, ?2, ?3)";
    let values = params![
        summary.created_at,
        summary.file.display().to_string(),
        summary.database_bytes as i64
    ];
    crate::store::audit::insert(conn, actor, "backups", sql, values)
}

/// The newest backup noted in the vault, if any.
pub(crate) fn latest(conn: &rusqlite::Connection) -> Result<Option<BackupRecord>, StoreError> {
    use rusqlite::OptionalExtension;
    let row = conn
        .query_row(
            "SELECT taken_at, file, database_bytes FROM backups ORDER BY id DESC LIMIT 1",
            [],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            },
        )
        .optional()?;
    let Some((taken_at, file, bytes)) = row else {
        return Ok(None);
    };
    let taken_at = chrono::DateTime::parse_from_rfc3339(&taken_at)
        .map_err(|e| StoreError::Damaged(format!("a backup's time cannot be read: {e}")))?
        .with_timezone(&chrono::Utc);
    Ok(Some(BackupRecord {
        taken_at,
        file,
        database_bytes: bytes.max(0) as u64,
    }))
}

/// Copies the database, still encrypted under the same data key, into a new file.
fn export_database(vault: &Vault, export: &Path) -> Result<(), StoreError> {
    let conn = vault.connection();
    let path = export
        .to_str()
        .ok_or_else(|| StoreError::Damaged("the backup path is not valid text".into()))?;
    conn.execute(
        "ATTACH DATABASE ?1 AS backup KEY ?2",
        params![path, vault.key().pragma_value().as_str()],
    )?;
    let copied = (|| {
        conn.query_row("SELECT sqlcipher_export('backup')", [], |_| Ok(()))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
        conn.pragma_update(Some("backup"), "user_version", version)
    })();
    conn.execute("DETACH DATABASE backup", [])?;
    copied?;
    Ok(())
}

/// Restores `file` into `dir`, which must not hold a vault. Checks the file whole before
/// writing anything. A restore of this same backup stopped before its key envelope was
/// written (the folder holds exactly the backup's database and no `vault.keys`) is finished.
pub fn restore(file: &Path, dir: &DataDir) -> Result<BackupSummary, StoreError> {
    let stopped_part_way = dir.database().exists() && !dir.envelope().exists();
    if dir.has_vault() && !stopped_part_way {
        return Err(StoreError::VaultExists(dir.root().to_path_buf()));
    }
    let (header, database) = read(file)?;
    if stopped_part_way {
        let lone = fs::read(dir.database()).map_err(StoreError::io("read", &dir.database()))?;
        // An empty stray vault.db is no vault at all.
        if !lone.is_empty() && lone != database {
            return Err(StoreError::VaultExists(dir.root().to_path_buf()));
        }
    }
    dir.create()?;
    crate::store::seen::forget(dir);
    write_atomically(&dir.database(), &database)?;
    header.envelope.save(&dir.envelope())?;
    sync_parent(&dir.envelope());
    Ok(BackupSummary {
        file: file.to_path_buf(),
        database_bytes: header.database_bytes,
        created_at: header.created_at,
    })
}

fn read(file: &Path) -> Result<(Header, Vec<u8>), StoreError> {
    let bad = |reason: &str| StoreError::BadBackup {
        path: file.to_path_buf(),
        reason: reason.to_owned(),
    };
    let handle = fs::File::open(file).map_err(StoreError::io("open", file))?;
    let mut reader = BufReader::new(handle);
    let mut magic = String::new();
    (&mut reader)
        .take(MAX_HEADER)
        .read_line(&mut magic)
        .map_err(StoreError::io("read", file))?;
    if magic.trim_end() != MAGIC {
        return Err(bad("it does not start like one"));
    }
    let mut line = String::new();
    (&mut reader)
        .take(MAX_HEADER)
        .read_line(&mut line)
        .map_err(StoreError::io("read", file))?;
    let header: Header =
        serde_json::from_str(line.trim_end()).map_err(|_| bad("its header cannot be read"))?;
    if header.format != FORMAT {
        return Err(bad(&format!(
            "it has format {}, which this version does not know",
            header.format
        )));
    }
    if header.envelope.vault_id() != header.vault_id {
        return Err(bad("its key envelope belongs to another vault"));
    }
    let envelope_digest = hex::encode(Sha256::digest(header.envelope.to_json()));
    if header
        .envelope_sha256
        .as_ref()
        .is_some_and(|digest| *digest != envelope_digest)
    {
        return Err(bad(
            "its key envelope is damaged, so no passphrase could open it: use another backup",
        ));
    }
    let mut database = Vec::new();
    reader
        .read_to_end(&mut database)
        .map_err(StoreError::io("read", file))?;
    if database.len() as u64 != header.database_bytes {
        return Err(bad("it is incomplete (cut short or padded)"));
    }
    if hex::encode(Sha256::digest(&database)) != header.database_sha256 {
        return Err(bad("its contents do not match their checksum"));
    }
    Ok((header, database))
}
