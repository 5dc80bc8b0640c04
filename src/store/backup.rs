//! Encrypted backups: one file holding the key envelope and an encrypted copy of the database,
//! so the same passphrase and recovery key open it.
//!
//! Layout: the line `ESAFETY-DESK-BACKUP`, one line of JSON (format, time, vault id, size and
//! SHA-256 of the database bytes, the envelope), then the database bytes.

use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rusqlite::params;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::store::envelope::KeyEnvelope;
use crate::store::files::{check_writable, partial_in, sync_parent};
use crate::store::{DataDir, StoreError, Vault};

const MAGIC: &str = "ESAFETY-DESK-BACKUP";
const FORMAT: u32 = 1;
/// The longest header line accepted, so a wrong file is not read whole into memory.
const MAX_HEADER: u64 = 64 * 1024;
/// How much of the database is read or written at a time: a backup or restore holds this much
/// in memory whatever the vault's size.
const CHUNK: usize = 1 << 20;
/// Stands in the header for the database's SHA-256 until the copy has computed it; as long as
/// the hex digest, so the digest is written over it in place.
const DIGEST_TO_COME: &str = "????????????????????????????????????????????????????????????????";

/// How far a backup or a restore has come, in bytes of the database read or written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes done so far.
    pub done: u64,
    /// Bytes to do in all (a restore reads the database twice: once to check it, once to
    /// write it).
    pub total: u64,
}

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
    write_with_progress(vault, out, &mut |_| {})
}

/// As [`write`], telling `progress` how much of the database has been copied. The database
/// is copied a chunk at a time and its digest computed as it goes, so memory stays bounded
/// whatever the vault's size.
pub fn write_with_progress(
    vault: &Vault,
    out: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupSummary, StoreError> {
    crate::store::files::refuse_vault_file(out)?;
    let folder = check_writable(out)?;
    crate::store::files::clear_leftovers(folder);
    let failed = |error| StoreError::io("write the backup to", out)(error);
    // A name of its own beside the backup (removed when dropped), so no file of the user's is
    // touched; SQLCipher writes the copy into the empty file.
    let export = tempfile::Builder::new()
        .prefix(".esafety-desk-")
        .suffix(".export")
        .tempfile_in(folder)
        .map_err(failed)?
        .into_temp_path();
    export_database(vault, &export).map_err(|error| cannot_create(error, out))?;
    let database_bytes = fs::metadata(&export).map_err(failed)?.len();
    let created_at = vault
        .clock()
        .utc_now()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let header = Header {
        format: FORMAT,
        created_at: created_at.clone(),
        vault_id: vault.vault_id().to_owned(),
        database_bytes,
        database_sha256: DIGEST_TO_COME.to_owned(),
        envelope: vault.envelope().clone(),
        envelope_sha256: Some(hex::encode(Sha256::digest(vault.envelope().to_json()))),
    };
    let head = format!(
        "{MAGIC}\n{}\n",
        serde_json::to_string(&header).expect("a header serialises")
    );
    let digest_at = head
        .find(DIGEST_TO_COME)
        .expect("the header holds the mark") as u64;
    let mut temporary = partial_in(folder).map_err(failed)?;
    let copied = (|| {
        let file = temporary.as_file_mut();
        let mut writer = BufWriter::with_capacity(CHUNK, &mut *file);
        writer.write_all(head.as_bytes())?;
        let source = fs::File::open(&export)?;
        let whole = Progress {
            done: 0,
            total: database_bytes,
        };
        let (bytes, digest) = copy_hashing(source, &mut writer, whole, progress)?;
        writer.flush()?;
        drop(writer);
        if bytes != database_bytes {
            return Err(std::io::Error::other(
                "the database changed size while it was copied",
            ));
        }
        file.seek(SeekFrom::Start(digest_at))?;
        file.write_all(digest.as_bytes())?;
        file.sync_all()
    })();
    copied.map_err(failed)?;
    drop(export);
    temporary
        .persist(out)
        .map_err(|error| StoreError::io("replace", out)(error.error))?;
    sync_parent(out);
    Ok(BackupSummary {
        file: out.to_path_buf(),
        database_bytes,
        created_at,
    })
}

/// Copies all of `source` to `sink` a chunk at a time, returning how many bytes it copied and
/// their SHA-256; `progress` hears `done` bytes before this copy plus those copied, out of
/// `total`.
fn copy_hashing(
    mut source: impl Read,
    sink: &mut impl Write,
    Progress {
        done: before,
        total,
    }: Progress,
    progress: &mut dyn FnMut(Progress),
) -> std::io::Result<(u64, String)> {
    let mut buffer = vec![0; CHUNK];
    let mut hasher = Sha256::new();
    let mut done = 0u64;
    loop {
        let read = match source.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        hasher.update(&buffer[..read]);
        sink.write_all(&buffer[..read])?;
        done += read as u64;
        progress(Progress {
            done: before + done,
            total,
        });
    }
    Ok((done, hex::encode(hasher.finalize())))
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
    restore_with_progress(file, dir, &mut |_| {})
}

/// As [`restore`], telling `progress` how far it has come. The database is read twice, a
/// chunk at a time: once to check its size and digest before anything is written, then to
/// copy it beside the vault's place, checked again, and only then put in place.
pub fn restore_with_progress(
    file: &Path,
    dir: &DataDir,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupSummary, StoreError> {
    let stopped_part_way = dir.database().exists() && !dir.envelope().exists();
    if dir.has_vault() && !stopped_part_way {
        return Err(StoreError::VaultExists(dir.root().to_path_buf()));
    }
    let (header, start) = read_header(file)?;
    check_database(file, start, &header, progress)?;
    if stopped_part_way && !holds_this_database(&dir.database(), &header)? {
        return Err(StoreError::VaultExists(dir.root().to_path_buf()));
    }
    dir.create()?;
    crate::store::seen::forget(dir);
    write_database(file, start, &header, &dir.database(), progress)?;
    header.envelope.save(&dir.envelope())?;
    sync_parent(&dir.envelope());
    Ok(BackupSummary {
        file: file.to_path_buf(),
        database_bytes: header.database_bytes,
        created_at: header.created_at,
    })
}

/// Whether the lone `vault.db` a stopped restore left is this backup's database (an empty one
/// is no vault at all, so it may be replaced).
fn holds_this_database(path: &Path, header: &Header) -> Result<bool, StoreError> {
    let length = fs::metadata(path)
        .map_err(StoreError::io("read", path))?
        .len();
    if length == 0 {
        return Ok(true);
    }
    if length != header.database_bytes {
        return Ok(false);
    }
    let lone = fs::File::open(path).map_err(StoreError::io("read", path))?;
    let whole = Progress {
        done: 0,
        total: length,
    };
    let (_, digest) = copy_hashing(lone, &mut std::io::sink(), whole, &mut |_| {})
        .map_err(StoreError::io("read", path))?;
    Ok(digest == header.database_sha256)
}

/// Copies the backup's database to a new file beside `target`, checking its digest again as it
/// goes (the backup may have changed since it was checked), then puts it in place.
fn write_database(
    file: &Path,
    start: u64,
    header: &Header,
    target: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let bad = |reason: &str| bad_backup(file, reason);
    let folder = check_writable(target)?;
    let failed = |error| StoreError::io("write", target)(error);
    let mut temporary = partial_in(folder).map_err(failed)?;
    let source = database_part(file, start, header)?;
    let (bytes, digest) = {
        let mut writer = BufWriter::with_capacity(CHUNK, temporary.as_file_mut());
        let second_pass = Progress {
            done: header.database_bytes,
            total: 2 * header.database_bytes,
        };
        let copied = copy_hashing(source, &mut writer, second_pass, progress)
            .and_then(|copied| writer.flush().map(|()| copied));
        copied.map_err(failed)?
    };
    if bytes != header.database_bytes || digest != header.database_sha256 {
        return Err(bad(
            "it changed while it was being restored: nothing was put in place",
        ));
    }
    temporary.as_file().sync_all().map_err(failed)?;
    temporary
        .persist(target)
        .map_err(|error| StoreError::io("replace", target)(error.error))?;
    sync_parent(target);
    Ok(())
}

/// The refusal of `file` as a backup, saying why.
fn bad_backup(file: &Path, reason: &str) -> StoreError {
    StoreError::BadBackup {
        path: file.to_path_buf(),
        reason: reason.to_owned(),
    }
}

/// The backup's database bytes, and one more if the file is padded.
fn database_part(file: &Path, start: u64, header: &Header) -> Result<impl Read, StoreError> {
    let mut handle = fs::File::open(file).map_err(StoreError::io("open", file))?;
    handle
        .seek(SeekFrom::Start(start))
        .map_err(StoreError::io("read", file))?;
    Ok(BufReader::with_capacity(CHUNK, handle).take(header.database_bytes + 1))
}

/// Reads the database part of the backup through, checking its length and digest; `progress`
/// hears the bytes read, as the first half of the restore. Nothing is held but a chunk.
fn check_database(
    file: &Path,
    start: u64,
    header: &Header,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StoreError> {
    let bad = |reason: &str| bad_backup(file, reason);
    let source = database_part(file, start, header)?;
    let first_pass = Progress {
        done: 0,
        total: 2 * header.database_bytes,
    };
    let (bytes, digest) = copy_hashing(source, &mut std::io::sink(), first_pass, progress)
        .map_err(StoreError::io("read", file))?;
    if bytes != header.database_bytes {
        return Err(bad("it is incomplete (cut short or padded)"));
    }
    if digest != header.database_sha256 {
        return Err(bad("its contents do not match their checksum"));
    }
    Ok(())
}

/// The backup's header, checked, and where its database bytes begin.
fn read_header(file: &Path) -> Result<(Header, u64), StoreError> {
    let bad = |reason: &str| bad_backup(file, reason);
    let handle = fs::File::open(file).map_err(StoreError::io("open", file))?;
    let mut reader = BufReader::new(handle);
    let mut magic = String::new();
    let magic_bytes = (&mut reader)
        .take(MAX_HEADER)
        .read_line(&mut magic)
        .map_err(StoreError::io("read", file))?;
    if magic.trim_end() != MAGIC {
        return Err(bad("it does not start like one"));
    }
    let mut line = String::new();
    let line_bytes = (&mut reader)
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
    Ok((header, (magic_bytes + line_bytes) as u64))
}
