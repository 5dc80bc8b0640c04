//! The vault: the open, keyed database and the envelope that wraps its key.

use rusqlite::{Connection, params};

use chrono::NaiveDateTime;

use crate::domain::SchoolSettings;
use crate::domain::clock::Clock;
use crate::domain::incident::rules::Referral;
use crate::domain::incident::timeline::TimelineEntry;
use crate::domain::incident::{IncidentFilter, NewInvestigation};
use crate::domain::incident::{NewIncident, Outcome, Status};
use crate::domain::passphrase;
use crate::domain::person::PersonKind;
use crate::domain::policy::{SanctionsMatrices, SanctionsMatrix, SanctionsTable};
use crate::store::audit::{self, AuditEntry, ChainReport};
use crate::store::connection::{self, OpenMode};
use crate::store::envelope::{DEFAULT_KDF, KdfParams, KeyEnvelope};
use crate::store::import::{self, ImportFile, ImportPreview, ImportReport, Skips};
use crate::store::incidents::{
    self, ChronologyEntry, DecisionRow, IncidentCounts, IncidentDetail, IncidentRow,
    InvolvedPerson, Recorded, ReferralRow,
};
use crate::store::investigation::{self, AmendmentRow, EvidenceRow, InvestigationRow};
use crate::store::timeline;
use crate::store::training;
use crate::store::{
    DataDir, DataKey, RecoveryKey, StoreError, migrations, policy, schedule, settings,
};

mod backups;
mod calendar;
mod drafts;
mod registers;
mod reporting;
mod tables;
mod verify;

/// The passphrase of the demo vault, which is exempt from the strength rule.
pub const DEMO_PASSPHRASE: &str = "demo";

/// An unlocked vault. Dropping it closes the database and wipes the key from memory.
pub struct Vault {
    conn: Connection,
    key: DataKey,
    envelope: KeyEnvelope,
    dir: DataDir,
    actor: String,
    clock: Clock,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.dir)
            .field("vault_id", &self.vault_id())
            .finish_non_exhaustive()
    }
}

/// Which of `verify`'s checks is under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checking {
    /// Every database page decrypted and its authentication code checked.
    Pages,
    /// SQLite's own check of the database's structure, its indexes against its tables.
    Structure,
    /// The audit chain and the records, with how far.
    Chain(audit::ChainProgress),
    /// The evidence files against their SHA-256.
    Evidence,
}

impl Checking {
    /// What is being done, in words, and how far as (done, total) where it is counted.
    pub fn describe(self) -> (&'static str, Option<(u64, u64)>) {
        match self {
            Checking::Pages => ("Decrypting and checking every database page", None),
            Checking::Structure => ("Checking the database's structure and indexes", None),
            Checking::Chain(audit::ChainProgress::Entries(done, total)) => {
                ("Walking the audit chain", Some((done, total)))
            }
            Checking::Chain(audit::ChainProgress::Records(done, total)) => (
                "Checking each record against the chain",
                Some((done, total)),
            ),
            Checking::Evidence => ("Checking the evidence files", None),
        }
    }
}

/// What `verify` found when everything matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyReport {
    /// Database pages checked by SQLCipher's integrity check.
    pub pages: i64,
    /// The audit chain's figures.
    pub chain: ChainReport,
    /// Evidence files checked against their SHA-256.
    pub evidence_files: i64,
}

impl std::fmt::Display for VerifyReport {
    /// What the check found, in words: the command line's `verify` and the app say the same.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "The vault is sound: {} database pages decrypt and check out; the audit chain's {} entries link up; {} records match their latest entry; {} evidence files match their SHA-256.",
            self.pages, self.chain.entries, self.chain.records, self.evidence_files
        )
    }
}

impl Vault {
    /// Creates a vault in `dir` for `settings`, locked by `passphrase`, which must meet the rule.
    /// Returns the recovery key, to be shown once.
    pub fn create(
        dir: &DataDir,
        settings: &SchoolSettings,
        passphrase: &str,
    ) -> Result<(Self, RecoveryKey), StoreError> {
        let context = [settings.school_name.as_str(), settings.coordinator.as_str()];
        passphrase::check_new(passphrase, passphrase, &context)?;
        Self::create_with(dir, settings, passphrase, DEFAULT_KDF)
    }

    /// Creates the demo vault, whose passphrase is [`DEMO_PASSPHRASE`].
    pub fn create_demo(
        dir: &DataDir,
        settings: &SchoolSettings,
    ) -> Result<(Self, RecoveryKey), StoreError> {
        Self::create_with(dir, settings, DEMO_PASSPHRASE, DEFAULT_KDF)
    }

    /// Creates a vault with chosen key-derivation costs and no passphrase rule (benchmarks).
    #[doc(hidden)]
    pub fn create_with(
        dir: &DataDir,
        settings: &SchoolSettings,
        passphrase: &str,
        kdf: KdfParams,
    ) -> Result<(Self, RecoveryKey), StoreError> {
        if dir.has_vault() {
            return Err(StoreError::VaultExists(dir.root().to_path_buf()));
        }
        let settings = settings.clone().trimmed();
        settings.validate()?;
        dir.create()?;
        let key = DataKey::generate()?;
        let recovery = RecoveryKey::generate()?;
        let envelope = KeyEnvelope::seal(&key, passphrase, &recovery, kdf)?;
        let result = Self::initialise(dir, key, envelope, &settings);
        if result.is_err() {
            remove_partial_vault(dir);
        }
        Ok((result?, recovery))
    }

    fn initialise(
        dir: &DataDir,
        key: DataKey,
        envelope: KeyEnvelope,
        settings: &SchoolSettings,
    ) -> Result<Self, StoreError> {
        let mut conn = connection::open(&dir.database(), &key, OpenMode::Create)?;
        migrations::bring_up_to_date(&mut conn)?;
        let tx = conn.transaction()?;
        let created = Clock::System
            .utc_now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let today = Clock::System.today();
        for (name, value) in [
            ("vault_id", envelope.vault_id()),
            ("created_at", &created),
            ("created_by_version", env!("CARGO_PKG_VERSION")),
        ] {
            tx.execute(
                "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)",
                params![name, value],
            )?;
        }
        settings::create(&tx, &settings.coordinator, settings)?;
        policy::ensure_defaults(&tx, &settings.coordinator, today)?;
        policy::ensure_usage_defaults(&tx, &settings.coordinator, today)?;
        policy::ensure_theme_defaults(&tx, &settings.coordinator, today)?;
        training::ensure_default_types(&tx, &settings.coordinator)?;
        schedule::ensure_default_items(&tx, &settings.coordinator, today)?;
        tx.commit()?;
        envelope.save(&dir.envelope())?;
        Ok(Self {
            conn,
            key,
            envelope,
            dir: dir.clone(),
            actor: settings.coordinator.clone(),
            clock: Clock::System,
        })
    }

    /// Opens the vault with the co-ordinator's passphrase. A wrong one writes nothing.
    pub fn unlock(dir: &DataDir, passphrase: &str) -> Result<Self, StoreError> {
        let envelope = load_envelope(dir)?;
        let key = envelope.open_with_passphrase(passphrase)?;
        Self::open(dir, envelope, key)
    }

    /// Opens the vault with the recovery key; the caller must then ask for a new passphrase.
    pub fn unlock_with_recovery(dir: &DataDir, recovery: &RecoveryKey) -> Result<Self, StoreError> {
        let envelope = load_envelope(dir)?;
        let key = envelope.open_with_recovery(recovery)?;
        Self::open(dir, envelope, key)
    }

    /// Opens the vault with a data key already unwrapped (from the credential store).
    pub fn open_with_key(dir: &DataDir, key: DataKey) -> Result<Self, StoreError> {
        let envelope = load_envelope(dir)?;
        Self::open(dir, envelope, key)
    }

    fn open(dir: &DataDir, envelope: KeyEnvelope, key: DataKey) -> Result<Self, StoreError> {
        let mut conn = connection::open(&dir.database(), &key, OpenMode::Existing)?;
        let vault_id: String = conn.query_row(
            "SELECT value FROM vault_meta WHERE key = 'vault_id'",
            [],
            |row| row.get(0),
        )?;
        if vault_id != envelope.vault_id() {
            return Err(StoreError::Damaged(
                "the key envelope belongs to another vault".into(),
            ));
        }
        crate::store::seen::check(dir, &conn, &vault_id)?;
        let (from, to) = migrations::bring_up_to_date(&mut conn)?;
        let actor = settings::load(&conn)?.coordinator;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        if from < to {
            // Columns added by the upgrade change records' snapshots: the chain says so.
            let upgrade = format!(
                "E-Safety Desk {} (upgrade from schema {from} to {to})",
                env!("CARGO_PKG_VERSION")
            );
            audit::record_schema_upgrade(&tx, &upgrade)?;
        }
        let today = Clock::System.today();
        policy::ensure_defaults(&tx, &actor, today)?;
        policy::ensure_usage_defaults(&tx, &actor, today)?;
        policy::ensure_theme_defaults(&tx, &actor, today)?;
        training::ensure_default_types(&tx, &actor)?;
        schedule::ensure_default_items(&tx, &actor, today)?;
        tx.commit()?;
        let vault = Self {
            conn,
            key,
            envelope,
            dir: dir.clone(),
            actor,
            clock: Clock::System,
        };
        vault.note_seen();
        Ok(vault)
    }

    /// Notes the audit chain's head for the next open's check against a put-back copy.
    fn note_seen(&self) {
        crate::store::seen::note(&self.dir, &self.conn, self.envelope.vault_id());
    }

    /// Checks `passphrase` against the envelope without changing anything.
    pub fn check_passphrase(&self, passphrase: &str) -> Result<(), StoreError> {
        self.envelope.open_with_passphrase(passphrase).map(drop)
    }

    /// Re-wraps the data key under a new passphrase; the database is not re-encrypted.
    pub fn change_passphrase(&mut self, new: &str, confirmation: &str) -> Result<(), StoreError> {
        let settings = self.settings()?;
        passphrase::check_new(
            new,
            confirmation,
            &[&settings.school_name, &settings.coordinator],
        )?;
        let mut envelope = self.envelope.clone();
        envelope.rewrap_passphrase(&self.key, new)?;
        // The database's write lock keeps a second copy (or command) from changing the
        // envelope between the check and the write; one that changed it first wins.
        let lock = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let on_disk = KeyEnvelope::load(&self.dir.envelope())?;
        if on_disk.to_json() != self.envelope.to_json() {
            return Err(StoreError::rule(
                crate::domain::problem::Refusal::PassphraseChangedElsewhere,
            ));
        }
        envelope.save(&self.dir.envelope())?;
        lock.commit()?;
        self.envelope = envelope;
        Ok(())
    }

    /// The school's settings.
    pub fn settings(&self) -> Result<SchoolSettings, StoreError> {
        settings::load(&self.conn)
    }

    /// Amends the school's settings; the earlier version stays in the audit chain.
    pub fn save_settings(&mut self, new: &SchoolSettings) -> Result<SchoolSettings, StoreError> {
        let new = new.clone().trimmed();
        self.in_transaction(|conn, actor| settings::amend(conn, actor, &new))?;
        self.actor = new.coordinator.clone();
        Ok(new)
    }

    /// Records a new incident (checked against the form's rules at `now`).
    pub fn record_incident(
        &mut self,
        incident: &NewIncident,
        now: NaiveDateTime,
    ) -> Result<Recorded, StoreError> {
        self.in_transaction(|conn, actor| incidents::record(conn, actor, incident, now))
    }

    /// The newest incidents, a page at a time.
    pub fn newest_incidents(
        &self,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<IncidentRow>, StoreError> {
        incidents::newest(&self.conn, limit, offset)
    }

    /// Incidents matching every typed word, newest first.
    pub fn search_incidents(&self, text: &str, limit: u32) -> Result<Vec<IncidentRow>, StoreError> {
        incidents::search(&self.conn, text, &IncidentFilter::default(), limit)
    }

    /// Incidents matching `filter` and every typed word, in the filter's order.
    pub fn filter_incidents(
        &self,
        text: &str,
        filter: &IncidentFilter,
        limit: u32,
    ) -> Result<Vec<IncidentRow>, StoreError> {
        incidents::search(&self.conn, text, filter, limit)
    }

    /// How many incidents are open, under investigation, and illegal but not closed.
    pub fn incident_counts(&self) -> Result<IncidentCounts, StoreError> {
        incidents::counts(&self.conn)
    }

    /// One incident in full.
    pub fn incident(&self, id: i64) -> Result<IncidentDetail, StoreError> {
        incidents::detail(&self.conn, id)
    }

    /// Writes every incident to `out` as CSV (not encrypted); returns how many.
    pub fn export_incidents(&self, out: impl std::io::Write) -> Result<usize, StoreError> {
        crate::store::export::incidents(&self.conn, out)
    }

    /// Writes everyone of `kind` (everyone, with `None`) as CSV, with their kind, year group,
    /// role, staff groups, MIS id and dates; returns how many.
    pub fn export_people(
        &self,
        kind: Option<PersonKind>,
        out: impl std::io::Write,
    ) -> Result<usize, StoreError> {
        crate::store::export::people(&self.conn, kind, out)
    }

    /// Records that action `action` of an incident was done at `at`, with a note.
    pub fn action_done(
        &mut self,
        action: i64,
        at: NaiveDateTime,
        note: &str,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| incidents::action_done(conn, actor, action, at, note))
    }

    /// Adds an action the policy's table did not suggest; returns its id.
    pub fn add_action(&mut self, incident: i64, action: &str) -> Result<i64, StoreError> {
        self.in_transaction(|conn, actor| incidents::add_action(conn, actor, incident, action))
    }

    /// Amends an incident with the reason for the change; returns the fields that changed.
    pub fn amend_incident(
        &mut self,
        incident: i64,
        edited: &NewIncident,
        reason: &str,
        now: NaiveDateTime,
    ) -> Result<Vec<&'static str>, StoreError> {
        self.in_transaction(|conn, actor| {
            investigation::amend(conn, actor, incident, edited, reason, now)
        })
    }

    /// The amendments of an incident, with their reasons.
    pub fn incident_amendments(&self, incident: i64) -> Result<Vec<AmendmentRow>, StoreError> {
        investigation::amendments(&self.conn, incident)
    }

    /// Records when and by whom the parents or carers were informed.
    pub fn parents_informed(
        &mut self,
        incident: i64,
        at: NaiveDateTime,
        by: &str,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| {
            investigation::parents_informed(conn, actor, incident, at, by)
        })
    }

    /// Sets the anonymised summary written for governors.
    pub fn set_governor_summary(&mut self, incident: i64, summary: &str) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| {
            investigation::governor_summary(conn, actor, incident, summary)
        })
    }

    /// Starts the investigation record (two senior staff, the designated computer).
    pub fn start_investigation(
        &mut self,
        incident: i64,
        new: &NewInvestigation,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| investigation::start(conn, actor, incident, new, at))
    }

    /// Records a site visited during the investigation and what it showed.
    pub fn site_visited(
        &mut self,
        incident: i64,
        url: &str,
        description: &str,
        at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| {
            investigation::site_visited(conn, actor, incident, url, description, at)
        })
    }

    /// Records the investigating group's conclusion.
    pub fn conclude_investigation(
        &mut self,
        incident: i64,
        conclusion: &str,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| {
            investigation::conclude(conn, actor, incident, conclusion)
        })
    }

    /// The investigation record, if started.
    pub fn investigation(&self, incident: i64) -> Result<Option<InvestigationRow>, StoreError> {
        investigation::investigation(&self.conn, incident)
    }

    /// Keeps an evidence file in the vault; returns its id.
    pub fn add_evidence(
        &mut self,
        incident: i64,
        file_name: &str,
        content: &[u8],
        description: &str,
        at: NaiveDateTime,
    ) -> Result<i64, StoreError> {
        self.in_transaction(|conn, actor| {
            investigation::add_evidence(conn, actor, incident, file_name, content, description, at)
        })
    }

    /// The evidence files of an incident.
    pub fn evidence(&self, incident: i64) -> Result<Vec<EvidenceRow>, StoreError> {
        investigation::evidence(&self.conn, incident)
    }

    /// An evidence file's content, checked against its SHA-256.
    pub fn evidence_content(&self, evidence: i64) -> Result<Vec<u8>, StoreError> {
        investigation::evidence_content(&self.conn, evidence)
    }

    /// Everything recorded about an incident, in order.
    pub fn timeline(&self, incident: i64) -> Result<Vec<TimelineEntry>, StoreError> {
        timeline::timeline(&self.conn, incident)
    }

    /// What importing `file` would do: every row with its problems, the rows already in the
    /// vault, the people found and added, the categories matched.
    pub fn preview_import(
        &self,
        file: ImportFile<'_>,
        now: NaiveDateTime,
    ) -> Result<ImportPreview, StoreError> {
        import::preview(&self.conn, file, now).map(|(preview, _)| preview)
    }

    /// Imports `file`'s new rows in one transaction, leaving out rows with problems only as
    /// `skips` allows (otherwise nothing is imported), and remembers the file's choices.
    pub fn import_incidents(
        &mut self,
        file: ImportFile<'_>,
        skips: Skips,
        now: NaiveDateTime,
    ) -> Result<ImportReport, StoreError> {
        self.import_incidents_with_progress(file, skips, now, &mut |_| import::Going::On)
    }

    /// Imports as [`Vault::import_incidents`] does, telling `step` how far it has come; when
    /// `step` says stop, nothing is imported.
    pub fn import_incidents_with_progress(
        &mut self,
        file: ImportFile<'_>,
        skips: Skips,
        now: NaiveDateTime,
        step: &mut dyn FnMut(import::Importing) -> import::Going,
    ) -> Result<ImportReport, StoreError> {
        self.in_transaction(|conn, actor| import::import(conn, actor, file, skips, now, step))
    }

    /// Both sanctions tables as currently approved.
    pub fn sanctions(&self) -> Result<SanctionsMatrices, StoreError> {
        policy::sanctions(&self.conn)
    }

    /// Saves a new version of a sanctions table; returns its version number.
    pub fn save_sanctions(
        &mut self,
        table: SanctionsTable,
        matrix: &SanctionsMatrix,
        approved_at: &str,
        approved_by: &str,
    ) -> Result<i64, StoreError> {
        self.in_transaction(|conn, actor| {
            policy::save(conn, actor, table, matrix, approved_at, approved_by)
        })
    }

    /// Records a referral.
    pub fn refer_incident(
        &mut self,
        incident: i64,
        agency: Referral,
        at: NaiveDateTime,
        reference: &str,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| {
            incidents::refer(conn, actor, incident, agency, at, reference)
        })
    }

    /// Records what came of a referral.
    pub fn referral_outcome(&mut self, referral: i64, outcome: &str) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| {
            incidents::referral_outcome(conn, actor, referral, outcome)
        })
    }

    /// The referrals of an incident.
    pub fn incident_referrals(&self, incident: i64) -> Result<Vec<ReferralRow>, StoreError> {
        incidents::referrals(&self.conn, incident)
    }

    /// The decisions recorded for an incident.
    pub fn incident_decisions(&self, incident: i64) -> Result<Vec<DecisionRow>, StoreError> {
        incidents::decisions(&self.conn, incident)
    }

    /// Every incident involving `person`, in the order they happened.
    pub fn chronology(&self, person: i64) -> Result<Vec<ChronologyEntry>, StoreError> {
        incidents::chronology(&self.conn, person)
    }

    /// The people involved in an incident, each with their role and part.
    pub fn incident_people(&self, incident: i64) -> Result<Vec<InvolvedPerson>, StoreError> {
        incidents::people(&self.conn, incident)
    }

    /// Records a decision and its reason, e.g. not to refer to the police and why.
    pub fn record_decision(
        &mut self,
        incident: i64,
        at: NaiveDateTime,
        decision: &str,
        reason: &str,
        not_to_refer: Option<Referral>,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| {
            incidents::decide(conn, actor, incident, at, decision, reason, not_to_refer)
        })
    }

    /// Moves an incident to "open" or "under investigation".
    pub fn set_incident_status(&mut self, incident: i64, status: Status) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| incidents::set_status(conn, actor, incident, status))
    }

    /// Closes an incident with its outcome and conclusion; an illegal one only as the policy allows.
    pub fn close_incident(
        &mut self,
        incident: i64,
        outcome: Outcome,
        conclusion: &str,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| {
            incidents::close(conn, actor, incident, outcome, conclusion)
        })
    }

    /// Runs `work` in one transaction as the current actor: all of it commits, or none.
    fn in_transaction<T>(
        &mut self,
        work: impl FnOnce(&Connection, &str) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        // Inside a batch (see `in_one_commit`) a savepoint: the batch's one commit makes it
        // durable, or its rollback takes it back.
        if !self.conn.is_autocommit() {
            let savepoint = self.conn.savepoint()?;
            let value = work(&savepoint, &self.actor)?;
            savepoint.commit()?;
            return Ok(value);
        }
        // Immediate: the write lock is taken (waiting for another program if need be) before
        // anything is read, so a save never fails half-way because another one began.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = work(&tx, &self.actor)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `work` (any of the vault's saves, many of them) as one durable commit: all of it is
    /// kept, or, on an error or a crash, none. The audit chain is the same as if each save had
    /// committed alone; only the disk is asked to flush once instead of a thousand times.
    pub fn in_one_commit<T>(
        &mut self,
        work: impl FnOnce(&mut Vault) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match work(self) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Err(error) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(error)
            }
        }
    }

    /// Every change to one record, oldest first.
    pub fn history(&self, entity: &str, record_id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        audit::history(&self.conn, entity, record_id)
    }

    /// The vault's random identifier.
    pub fn vault_id(&self) -> &str {
        self.envelope.vault_id()
    }

    /// The data folder.
    pub fn dir(&self) -> &DataDir {
        &self.dir
    }

    /// Reads "today" from `clock` from now on (the app's clock; a fixed one in tests). The
    /// defaults a vault is given when it opens are dated by the computer's clock.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// The clock the vault reads "today" from.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Who changes are recorded as: the co-ordinator named in the settings.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub(crate) fn key(&self) -> &DataKey {
        &self.key
    }

    pub(crate) fn envelope(&self) -> &KeyEnvelope {
        &self.envelope
    }

    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }
}

fn load_envelope(dir: &DataDir) -> Result<KeyEnvelope, StoreError> {
    if !dir.envelope().exists() {
        return Err(if dir.database().exists() {
            StoreError::Damaged("the key envelope (vault.keys) is missing".into())
        } else {
            StoreError::NoVault(dir.root().to_path_buf())
        });
    }
    KeyEnvelope::load(&dir.envelope())
}

/// Removes what a failed set-up left, so set-up can be tried again.
fn remove_partial_vault(dir: &DataDir) {
    let _ = dir.remove_vault_files();
}

impl Drop for Vault {
    /// Notes the chain's head as the vault is closed (locked, or the program ends).
    fn drop(&mut self) {
        self.note_seen();
    }
}
