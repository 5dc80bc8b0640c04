//! What can go wrong with the vault, in words a co-ordinator understands.

use std::path::PathBuf;

use thiserror::Error;

use crate::domain::problem::RuleProblem;
use crate::domain::{PassphraseProblem, SettingsProblem};

/// An error from the vault layer.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The passphrase did not unwrap the data key.
    #[error("That passphrase is not right")]
    WrongPassphrase,
    /// The recovery key did not unwrap the data key.
    #[error("That recovery key is not right: check each group of letters and digits")]
    WrongRecoveryKey,
    /// No passphrase was given and this PC does not remember the vault.
    #[error(
        "The vault is locked: give the passphrase, or turn on \"Remember on this PC\" in Settings"
    )]
    Locked,
    /// No vault in the data folder.
    #[error("There is no vault in {0}")]
    NoVault(PathBuf),
    /// A vault is already there and would be overwritten.
    #[error("A vault already exists in {0}; nothing was changed")]
    VaultExists(PathBuf),
    /// The database or its envelope cannot be read as a vault.
    #[error("The vault file is damaged ({0}). Restore the latest backup")]
    Damaged(String),
    /// The audit chain or a record does not match its history.
    #[error("The audit chain does not match: {0}")]
    AuditMismatch(String),
    /// A stored value this version cannot read: a newer version or a change outside the app
    /// wrote it. Never read as a default.
    #[error(
        "The vault holds a value this version cannot read: {0}. Nothing was changed; install the newest version or restore the latest backup"
    )]
    Unreadable(#[from] crate::store::stored::Unreadable),
    /// A backup file is not one this app wrote, or is incomplete.
    #[error("{path} is not a usable E-Safety Desk backup: {reason}")]
    BadBackup {
        /// The backup file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The new passphrase breaks the rule.
    #[error(transparent)]
    Passphrase(#[from] PassphraseProblem),
    /// The settings form has a problem.
    #[error(transparent)]
    Settings(#[from] SettingsProblem),
    /// A change the rules refuse: the domain's typed problem, which names the field or the
    /// record. Nothing was changed.
    #[error(transparent)]
    Rule(#[from] RuleProblem),
    /// A file the app writes for people to open (CSV, calendar) could not be made.
    #[error("The {what} could not be written: {reason}")]
    Write {
        /// What was being written, e.g. "CSV".
        what: &'static str,
        /// Why.
        reason: String,
    },
    /// The OS credential store refused or is missing.
    #[error("The credential store on this PC did not answer: {0}")]
    CredentialStore(String),
    /// A file could not be read or written.
    #[error("Could not {action} {}: {}", path.display(), io_words(source))]
    Io {
        /// What was being done, e.g. "write".
        action: &'static str,
        /// The file concerned.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The database refused an operation.
    #[error("The database reported a problem: {0}")]
    Database(rusqlite::Error),
    /// The disk holding the vault is full: the change was not made.
    #[error(
        "The disk holding the vault is full, so nothing was changed: free some space (or move \
         the data folder) and try again"
    )]
    DiskFull,
    /// The database is older than (or has left) the one this data folder last used.
    #[error(
        "This vault's database is not the one last used in this folder ({}): an older copy of \
         vault.db may have been put back, and what was recorded since would be lost. Nothing was \
         changed. Restore the latest backup; if you put this copy back on purpose, delete \
         vault.seen from the data folder and open it again.",
        rolled_back_words(*missing)
    )]
    RolledBack {
        /// How many audit entries it lacks (0: as many or more, but a different history).
        missing: i64,
    },
    /// Another copy of the app has this vault open.
    #[error(
        "This vault is already open in another copy of E-Safety Desk ({}). Close it there \
         first: two copies would each work on the same records without seeing the other's.",
        if .0.is_empty() { "on this PC, or on another sharing the folder" } else { .0.as_str() }
    )]
    OpenElsewhere(String),
    /// Another program kept the vault busy for longer than the app waits.
    #[error(
        "Another copy of E-Safety Desk, or a scheduled command such as the nightly backup, kept \
         the vault busy for {} seconds: nothing was changed. Try again when it has finished.",
        crate::store::connection::BUSY_WAIT.as_secs()
    )]
    Busy,
    /// The vault's schema is newer than this build knows: a newer version wrote it.
    #[error(
        "This vault was made by a newer version of E-Safety Desk (its tables are at version {found}; \
         this version knows up to {known}). Install the newest version to open it; nothing was changed"
    )]
    NewerVersion {
        /// The vault's schema version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// The schema could not be brought up to date.
    #[error("The vault's tables could not be updated: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

impl StoreError {
    /// A change the rules refuse, for any of the domain's typed problems.
    pub(crate) fn rule(problem: impl Into<RuleProblem>) -> Self {
        StoreError::Rule(problem.into())
    }

    /// The record asked for is not in the vault.
    pub(crate) fn no_such(record: crate::domain::problem::Record) -> Self {
        StoreError::Rule(RuleProblem::NoSuch(record))
    }

    /// A CSV or calendar file could not be made.
    pub(crate) fn write<E: std::fmt::Display>(what: &'static str) -> impl FnOnce(E) -> Self {
        move |reason| StoreError::Write {
            what,
            reason: reason.to_string(),
        }
    }

    /// Wraps an I/O error with what was being done and to which file.
    pub fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.into();
        move |source| StoreError::Io {
            action,
            path,
            source,
        }
    }

    /// Whether the error means the key was wrong or missing (CLI exit code 3).
    pub fn is_locked_out(&self) -> bool {
        matches!(
            self,
            StoreError::WrongPassphrase | StoreError::WrongRecoveryKey | StoreError::Locked
        )
    }

    /// Whether the error means damage or tampering (CLI exit code 4).
    pub fn is_integrity_failure(&self) -> bool {
        matches!(
            self,
            StoreError::Damaged(_)
                | StoreError::AuditMismatch(_)
                | StoreError::Unreadable(_)
                | StoreError::RolledBack { .. }
        )
    }
}

/// The operating system's reason in words, a full disk said plainly.
fn io_words(source: &std::io::Error) -> String {
    match source.kind() {
        std::io::ErrorKind::StorageFull => {
            "the disk is full: free some space or choose another drive".into()
        }
        _ => source.to_string(),
    }
}

fn rolled_back_words(missing: i64) -> String {
    match missing {
        0 => "its history differs from the one last seen".into(),
        1 => "1 change is missing".into(),
        n => format!("{n} changes are missing"),
    }
}

impl From<rusqlite::Error> for StoreError {
    /// Corruption and "not a database" mean a damaged file: the key was already proven right; a
    /// stored value this version cannot read names its record.
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseCorrupt, DatabaseLocked, NotADatabase};
        if let Some(unreadable) = crate::store::stored::unreadable(&error) {
            return StoreError::Unreadable(unreadable);
        }
        match error.sqlite_error_code() {
            Some(NotADatabase | DatabaseCorrupt) => {
                StoreError::Damaged("the database cannot be decrypted or read".into())
            }
            Some(DatabaseBusy | DatabaseLocked) => StoreError::Busy,
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull,
            _ => StoreError::Database(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_said_plainly_with_the_file_it_was_writing() {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        let error = StoreError::io("write", "E:\\backups\\nightly.esdbak")(full).to_string();
        assert!(
            error.contains("nightly.esdbak") && error.contains("the disk is full"),
            "{error}"
        );
        let sqlite = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        assert!(matches!(StoreError::from(sqlite), StoreError::DiskFull));
    }
}
