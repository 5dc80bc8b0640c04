//! `verify`: SQLCipher's page check, SQLite's structure check, the audit chain against every
//! record, and the evidence files. The structure check runs on a second connection beside the
//! others, so on a PC with two cores the whole takes about as long as its longer half.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

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
    /// order pages, structure, chain, records, evidence, whichever finished first.
    pub fn verify_with_progress(
        &self,
        progress: &mut dyn FnMut(Checking),
    ) -> Result<VerifyReport, StoreError> {
        // A database too damaged for a second connection is checked on this one, in turn.
        let second = connection::open(&self.dir.database(), &self.key, OpenMode::Existing)
            .ok()
            .filter(|conn| connection::scan_only(conn).is_ok());
        let beside = Beside::default();
        std::thread::scope(|scope| {
            // The second core: the structure, then every record's current digest.
            let beside_ref = &beside;
            let other = scope.spawn(move || second.map(|conn| beside_ref.run(&conn)));
            progress(Checking::Pages);
            let pages = check_pages(&self.conn);
            let walked = pages.as_ref().ok().map(|_| {
                audit::check::walk(&self.conn, &mut |step| progress(Checking::Chain(step)))
            });
            let total = walked
                .as_ref()
                .and_then(|w| w.as_ref().ok())
                .map_or(0, audit::check::Walked::records);
            while !other.is_finished() {
                progress(beside.under_way(total));
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            let other = other.join().unwrap_or_else(|_| {
                Some((
                    Err(StoreError::Damaged(
                        "SQLite's structure check stopped before it finished".into(),
                    )),
                    None,
                ))
            });
            let pages = pages?;
            let (structure, current) = other.unwrap_or_else(|| beside.run(&self.conn));
            structure?;
            let walked = walked.expect("walked once the pages were checked")?;
            let current = current.expect("read once the structure was checked")?;
            progress(Checking::Chain(audit::ChainProgress::Records(total, total)));
            let entries = walked.entries;
            let records = audit::check::compare(walked, current)?;
            progress(Checking::Evidence);
            let evidence_files = investigation::verify_evidence(&self.conn)?;
            Ok(VerifyReport {
                pages,
                chain: audit::ChainReport { entries, records },
                evidence_files,
            })
        })
    }
}

/// The checks run beside the page check and the chain's walk, and how far they have come.
#[derive(Default)]
struct Beside {
    /// Whether SQLite's structure check is over.
    structure_done: AtomicBool,
    /// Records read since.
    records_read: AtomicU64,
}

/// What the checks beside gave: the structure check, then, if it passed, the records.
type BesideResult = (
    Result<(), StoreError>,
    Option<Result<audit::check::Current, StoreError>>,
);

impl Beside {
    /// The structure check, then, if it passed, every record's current digest, on `conn`.
    fn run(&self, conn: &Connection) -> BesideResult {
        let structure = check_structure(conn);
        self.structure_done.store(true, Ordering::Relaxed);
        let current = structure.is_ok().then(|| {
            audit::check::current(conn, &|read| {
                self.records_read.store(read, Ordering::Relaxed)
            })
        });
        (structure, current)
    }

    /// Which of them is under way, for `progress`.
    fn under_way(&self, records: u64) -> Checking {
        if !self.structure_done.load(Ordering::Relaxed) {
            return Checking::Structure;
        }
        let read = self.records_read.load(Ordering::Relaxed).min(records);
        Checking::Chain(audit::ChainProgress::Records(read, records))
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
