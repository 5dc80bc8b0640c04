//! The vault's backups: taking one, and remembering when the last was taken.

use std::path::Path;

use super::Vault;
use crate::store::StoreError;
use crate::store::backup::{self, BackupRecord, BackupSummary};

impl Vault {
    /// Writes an encrypted backup to `out` (see [`backup::write`]) and notes it in the vault, so
    /// the app can say when the last one was made. The backup holds every record up to the
    /// moment it was taken; the note of it is the first record after.
    pub fn back_up(&mut self, out: &Path) -> Result<BackupSummary, StoreError> {
        self.back_up_with_progress(out, &mut |_| {})
    }

    /// As [`Vault::back_up`], telling `progress` how much of the database has been copied.
    pub fn back_up_with_progress(
        &mut self,
        out: &Path,
        progress: &mut dyn FnMut(backup::Progress),
    ) -> Result<BackupSummary, StoreError> {
        let summary = backup::write_with_progress(self, out, progress)?;
        self.in_transaction(|conn, actor| backup::record(conn, actor, &summary))?;
        Ok(summary)
    }

    /// The newest backup taken of this vault, by the app or the command line.
    pub fn last_backup(&self) -> Result<Option<BackupRecord>, StoreError> {
        backup::latest(&self.conn)
    }
}
