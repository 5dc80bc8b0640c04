//! `verify`: SQLCipher's page check, SQLite's structure check, the audit chain against every
//! record, and the evidence files. The structure check runs on a second connection beside the
//! others, so on a PC with two cores the whole takes about as long as its longer half.

use rusqlite::Connection;

use super::{Checking, Vault, VerifyReport};
use crate::store::connection::{self, OpenMode};
use crate::store::{StoreError, audit, investigation};

impl Vault {
    /// Runs SQLCipher's page check, SQLite's integrity check and the audit chain.
    pub fn verify(&self) -> Result<VerifyReport, StoreError> {
        self.verify_with_progress(&mut |_| {})
    }

    /// As [`Vault::verify`], telling `progress` which check is under way and how far the
    /// chain's have come. A damaged vault is reported by the first check that finds it, in the
    /// order pages, structure, chain, evidence, whichever finished first.
    pub fn verify_with_progress(
        &self,
        progress: &mut dyn FnMut(Checking),
    ) -> Result<VerifyReport, StoreError> {
        // A database too damaged for a second connection is checked on this one, in turn.
        let second = connection::open(&self.dir.database(), &self.key, OpenMode::Existing).ok();
        std::thread::scope(|scope| {
            let structure = scope.spawn(move || second.as_ref().map(check_structure));
            progress(Checking::Pages);
            let pages = check_pages(&self.conn);
            let chain = pages.as_ref().ok().map(|_| {
                audit::verify_with_progress(&self.conn, &mut |step| progress(Checking::Chain(step)))
            });
            if !structure.is_finished() {
                progress(Checking::Structure);
            }
            let structure = structure.join().unwrap_or_else(|_| {
                Some(Err(StoreError::Damaged(
                    "SQLite's structure check stopped before it finished".into(),
                )))
            });
            let pages = pages?;
            structure.unwrap_or_else(|| {
                progress(Checking::Structure);
                check_structure(&self.conn)
            })?;
            let chain = chain.expect("checked once the pages were")?;
            progress(Checking::Evidence);
            let evidence_files = investigation::verify_evidence(&self.conn)?;
            Ok(VerifyReport {
                pages,
                chain,
                evidence_files,
            })
        })
    }
}

/// SQLCipher's check of every page's authentication code; the number of pages.
fn check_pages(conn: &Connection) -> Result<i64, StoreError> {
    let mut statement = conn.prepare("PRAGMA cipher_integrity_check")?;
    let problems: Vec<String> = statement
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    if let Some(first) = problems.first() {
        return Err(StoreError::Damaged(format!(
            "{} damaged page(s), first: {first}",
            problems.len()
        )));
    }
    Ok(conn.query_row("PRAGMA page_count", [], |row| row.get(0))?)
}

/// SQLite's own check of the database's structure, its indexes against its tables.
fn check_structure(conn: &Connection) -> Result<(), StoreError> {
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
    if integrity != "ok" {
        return Err(StoreError::Damaged(integrity));
    }
    Ok(())
}
