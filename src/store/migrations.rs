//! The schema, as numbered migrations applied in order (rusqlite_migration, `user_version`).

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::store::StoreError;

/// Version 1: vault metadata, the audit chain and the school settings.
const V1_FOUNDATION: &str = "
CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    seq            INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL CHECK (action IN ('create', 'amend')),
    entity         TEXT NOT NULL,
    record_id      INTEGER NOT NULL,
    content        TEXT NOT NULL,
    content_digest TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_record ON audit_log (entity, record_id, seq);

-- The chain is append-only: the app never rewrites or removes an entry.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries cannot be removed'); END;

CREATE TABLE school_settings (
    id                           INTEGER PRIMARY KEY CHECK (id = 1),
    school_name                  TEXT NOT NULL,
    coordinator                  TEXT NOT NULL,
    designated_safeguarding_lead TEXT NOT NULL DEFAULT '',
    headteacher                  TEXT NOT NULL DEFAULT '',
    chair_of_governors           TEXT NOT NULL DEFAULT '',
    lado_contact                 TEXT NOT NULL DEFAULT '',
    auto_lock_minutes            INTEGER NOT NULL DEFAULT 10 CHECK (auto_lock_minutes BETWEEN 1 AND 60)
) STRICT;
CREATE TRIGGER school_settings_no_delete BEFORE DELETE ON school_settings
BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
";

/// Version 2: people (shared by every area) and the incident log, with its search index.
const V2_INCIDENTS: &str = "
CREATE TABLE people (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('pupil', 'staff', 'governor', 'volunteer', 'parent', 'community', 'other')),
    given_name     TEXT NOT NULL,
    family_name    TEXT NOT NULL,
    year_group     INTEGER CHECK (year_group BETWEEN 0 AND 13),
    date_of_birth  TEXT,
    role           TEXT NOT NULL DEFAULT '',
    is_headteacher INTEGER NOT NULL DEFAULT 0 CHECK (is_headteacher IN (0, 1))
) STRICT;
CREATE INDEX people_name ON people (family_name, given_name);

CREATE TABLE incidents (
    id                  INTEGER PRIMARY KEY,
    reference           TEXT NOT NULL UNIQUE,
    reference_year      INTEGER NOT NULL,
    reference_number    INTEGER NOT NULL,
    occurred_at         TEXT NOT NULL,
    reported_at         TEXT NOT NULL,
    reported_by         TEXT NOT NULL,
    location            TEXT NOT NULL,
    device              TEXT NOT NULL,
    category            TEXT NOT NULL,
    risk_area           TEXT NOT NULL CHECK (risk_area IN ('content', 'contact', 'conduct', 'commerce')),
    description         TEXT NOT NULL,
    urls                TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'investigating', 'closed')),
    outcome             TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'substantiated', 'not-substantiated')),
    conclusion          TEXT NOT NULL DEFAULT '',
    parents_informed_at TEXT,
    parents_informed_by TEXT NOT NULL DEFAULT '',
    governor_summary    TEXT NOT NULL DEFAULT '',
    UNIQUE (reference_year, reference_number)
) STRICT;
CREATE INDEX incidents_newest ON incidents (reported_at DESC, id DESC);
CREATE INDEX incidents_status ON incidents (status, reported_at DESC);

CREATE TABLE incident_people (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    person_id   INTEGER NOT NULL REFERENCES people (id),
    role        TEXT NOT NULL CHECK (role IN ('pupil', 'staff', 'headteacher', 'parent', 'other')),
    UNIQUE (incident_id, person_id)
) STRICT;
CREATE INDEX incident_people_person ON incident_people (person_id);

CREATE TABLE incident_actions (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    action      TEXT NOT NULL,
    suggested   INTEGER NOT NULL CHECK (suggested IN (0, 1)),
    chosen      INTEGER NOT NULL CHECK (chosen IN (0, 1)),
    done_at     TEXT,
    done_by     TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX incident_actions_incident ON incident_actions (incident_id);

CREATE TABLE referrals (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    agency      TEXT NOT NULL,
    referred_at TEXT NOT NULL,
    reference   TEXT NOT NULL DEFAULT '',
    outcome     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX referrals_incident ON referrals (incident_id);

CREATE TABLE decisions (
    id           INTEGER PRIMARY KEY,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    decided_at   TEXT NOT NULL,
    decided_by   TEXT NOT NULL,
    decision     TEXT NOT NULL,
    reason       TEXT NOT NULL,
    not_to_refer TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX decisions_incident ON decisions (incident_id);

-- Records are amended, never removed.
CREATE TRIGGER people_no_delete BEFORE DELETE ON people BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER referrals_no_delete BEFORE DELETE ON referrals BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER incident_people_no_delete BEFORE DELETE ON incident_people BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER incident_actions_no_delete BEFORE DELETE ON incident_actions BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;

-- Full-text search over references, descriptions, URLs and the names of the people involved;
-- rowid is the incident's id. Kept in step by the store on every write.
CREATE VIRTUAL TABLE incident_search USING fts5 (reference, description, urls, people, tokenize = 'unicode61 remove_diacritics 2');
";

/// Version 3: the sanctions tables as versioned data, amendments with their reasons, evidence
/// files, the investigation record, and an imported log's own reference.
const V3_INVESTIGATION: &str = "
CREATE TABLE policy_matrices (
    id          INTEGER PRIMARY KEY,
    matrix      TEXT NOT NULL,
    version     INTEGER NOT NULL,
    approved_at TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    content     TEXT NOT NULL,
    UNIQUE (matrix, version)
) STRICT;

CREATE TABLE incident_amendments (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    amended_at  TEXT NOT NULL,
    amended_by  TEXT NOT NULL,
    fields      TEXT NOT NULL,
    reason      TEXT NOT NULL
) STRICT;
CREATE INDEX incident_amendments_incident ON incident_amendments (incident_id);

CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    added_at    TEXT NOT NULL,
    added_by    TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX evidence_incident ON evidence (incident_id);

-- The files themselves, inside the encrypted database; each is checked against the SHA-256
-- its audited evidence record holds.
CREATE TABLE evidence_content (
    evidence_id INTEGER PRIMARY KEY REFERENCES evidence (id),
    content     BLOB NOT NULL
) STRICT;

CREATE TABLE investigations (
    id                  INTEGER PRIMARY KEY,
    incident_id         INTEGER NOT NULL UNIQUE REFERENCES incidents (id),
    started_at          TEXT NOT NULL,
    first_senior        TEXT NOT NULL,
    second_senior       TEXT NOT NULL,
    designated_computer TEXT NOT NULL,
    conclusion          TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE investigation_sites (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    visited_at  TEXT NOT NULL,
    url         TEXT NOT NULL,
    description TEXT NOT NULL
) STRICT;
CREATE INDEX investigation_sites_incident ON investigation_sites (incident_id);

ALTER TABLE incidents ADD COLUMN source_reference TEXT NOT NULL DEFAULT '';

CREATE TRIGGER policy_matrices_no_delete BEFORE DELETE ON policy_matrices BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER incident_amendments_no_delete BEFORE DELETE ON incident_amendments BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER evidence_content_no_delete BEFORE DELETE ON evidence_content BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER evidence_content_no_update BEFORE UPDATE ON evidence_content BEGIN SELECT RAISE(ABORT, 'evidence files cannot be changed'); END;
CREATE TRIGGER investigations_no_delete BEFORE DELETE ON investigations BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER investigation_sites_no_delete BEFORE DELETE ON investigation_sites BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
";

/// Version 4: what the training audit needs of people (dates, roles, MIS ids, links between
/// parents and children), the training types, sessions and attendance, remembered import
/// mappings, the Acceptable Use Agreements with their signatures, and photo consent.
const V4_TRAINING: &str = "
ALTER TABLE people ADD COLUMN start_date TEXT;
ALTER TABLE people ADD COLUMN leaving_date TEXT;
ALTER TABLE people ADD COLUMN upn TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN is_dsl INTEGER NOT NULL DEFAULT 0 CHECK (is_dsl IN (0, 1));
ALTER TABLE people ADD COLUMN is_deputy_dsl INTEGER NOT NULL DEFAULT 0 CHECK (is_deputy_dsl IN (0, 1));
ALTER TABLE people ADD COLUMN in_esafety_group INTEGER NOT NULL DEFAULT 0 CHECK (in_esafety_group IN (0, 1));
ALTER TABLE people ADD COLUMN is_technical INTEGER NOT NULL DEFAULT 0 CHECK (is_technical IN (0, 1));
ALTER TABLE people ADD COLUMN is_teaching INTEGER NOT NULL DEFAULT 0 CHECK (is_teaching IN (0, 1));
CREATE INDEX people_external_id ON people (kind, external_id);

CREATE TABLE person_links (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER NOT NULL REFERENCES people (id),
    child_id  INTEGER NOT NULL REFERENCES people (id),
    UNIQUE (parent_id, child_id)
) STRICT;

CREATE TABLE import_mappings (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL UNIQUE,
    mapping TEXT NOT NULL
) STRICT;

CREATE TABLE training_types (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    renewal_months INTEGER CHECK (renewal_months IS NULL OR renewal_months BETWEEN 1 AND 120),
    audience       TEXT NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE training_sessions (
    id       INTEGER PRIMARY KEY,
    type_id  INTEGER NOT NULL REFERENCES training_types (id),
    held_on  TEXT NOT NULL,
    provider TEXT NOT NULL DEFAULT '',
    notes    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX training_sessions_type ON training_sessions (type_id, held_on);

CREATE TABLE training_attendance (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES training_sessions (id),
    person_id  INTEGER NOT NULL REFERENCES people (id),
    UNIQUE (session_id, person_id)
) STRICT;
CREATE INDEX training_attendance_person ON training_attendance (person_id);

CREATE TABLE aup_documents (
    id          INTEGER PRIMARY KEY,
    register    TEXT NOT NULL CHECK (register IN ('staff', 'pupils', 'parents', 'community', 'external')),
    title       TEXT NOT NULL,
    version     TEXT NOT NULL,
    approved_on TEXT NOT NULL,
    UNIQUE (register, version)
) STRICT;

CREATE TABLE aup_signatures (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES aup_documents (id),
    person_id   INTEGER NOT NULL REFERENCES people (id),
    signed_on   TEXT NOT NULL,
    method      TEXT NOT NULL CHECK (method IN ('paper', 'electronic')),
    recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX aup_signatures_person ON aup_signatures (person_id);

CREATE TABLE photo_consents (
    id          INTEGER PRIMARY KEY,
    pupil_id    INTEGER NOT NULL REFERENCES people (id),
    use         TEXT NOT NULL CHECK (use IN ('website', 'social-media', 'press', 'displays')),
    answer      TEXT NOT NULL CHECK (answer IN ('given', 'withheld')),
    recorded_on TEXT NOT NULL,
    given_by    TEXT NOT NULL,
    recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX photo_consents_pupil ON photo_consents (pupil_id, use);
CREATE TRIGGER photo_consents_no_delete BEFORE DELETE ON photo_consents BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;

ALTER TABLE school_settings ADD COLUMN photo_consent_yearly INTEGER NOT NULL DEFAULT 0 CHECK (photo_consent_yearly IN (0, 1));

CREATE TRIGGER aup_documents_no_delete BEFORE DELETE ON aup_documents BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER aup_signatures_no_delete BEFORE DELETE ON aup_signatures BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER person_links_no_delete BEFORE DELETE ON person_links BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER training_types_no_delete BEFORE DELETE ON training_types BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER training_sessions_no_delete BEFORE DELETE ON training_sessions BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER training_attendance_no_delete BEFORE DELETE ON training_attendance BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
";

/// Version 5: the term calendar, the review schedule, and the logs governors monitor
/// (filtering change control, filtering checks, confiscated devices).
const V5_SCHEDULE: &str = "
CREATE TABLE half_terms (
    id          INTEGER PRIMARY KEY,
    school_year INTEGER NOT NULL,
    name        TEXT NOT NULL CHECK (name IN ('autumn-1', 'autumn-2', 'spring-1', 'spring-2', 'summer-1', 'summer-2')),
    starts      TEXT NOT NULL,
    ends        TEXT NOT NULL,
    UNIQUE (school_year, name)
) STRICT;

CREATE TABLE review_items (
    id      INTEGER PRIMARY KEY,
    key     TEXT NOT NULL UNIQUE,
    title   TEXT NOT NULL,
    owner   TEXT NOT NULL,
    cadence TEXT NOT NULL,
    due_on  TEXT,
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE review_completions (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES review_items (id),
    due_on  TEXT,
    done_on TEXT NOT NULL,
    done_by TEXT NOT NULL,
    notes   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX review_completions_item ON review_completions (item_id, done_on);

CREATE TABLE filtering_changes (
    id           INTEGER PRIMARY KEY,
    requested_on TEXT NOT NULL,
    change       TEXT NOT NULL,
    requested_by TEXT NOT NULL,
    reason       TEXT NOT NULL,
    approved_by  TEXT NOT NULL DEFAULT '',
    applied_by   TEXT NOT NULL DEFAULT '',
    applied_on   TEXT
) STRICT;

CREATE TABLE filtering_checks (
    id         INTEGER PRIMARY KEY,
    checked_on TEXT NOT NULL,
    checked_by TEXT NOT NULL,
    what       TEXT NOT NULL,
    result     TEXT NOT NULL,
    follow_up  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE confiscations (
    id          INTEGER PRIMARY KEY,
    pupil_id    INTEGER NOT NULL REFERENCES people (id),
    device      TEXT NOT NULL,
    taken_at    TEXT NOT NULL,
    reason      TEXT NOT NULL,
    held_where  TEXT NOT NULL,
    returned_to TEXT NOT NULL DEFAULT '',
    returned_on TEXT
) STRICT;
CREATE INDEX confiscations_open ON confiscations (returned_on);

CREATE TRIGGER half_terms_no_delete BEFORE DELETE ON half_terms BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER review_items_no_delete BEFORE DELETE ON review_items BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER review_completions_no_delete BEFORE DELETE ON review_completions BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER filtering_changes_no_delete BEFORE DELETE ON filtering_changes BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER filtering_checks_no_delete BEFORE DELETE ON filtering_checks BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
CREATE TRIGGER confiscations_no_delete BEFORE DELETE ON confiscations BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
";

/// The governor report's small-number suppression threshold, a school setting.
const V6_REPORT: &str = "
ALTER TABLE school_settings ADD COLUMN small_numbers_below INTEGER NOT NULL DEFAULT 3
    CHECK (small_numbers_below BETWEEN 0 AND 10);
";

/// The backups taken of the vault, so the app can say when the last one was made.
const V7_BACKUPS: &str = "
CREATE TABLE backups (
    id INTEGER PRIMARY KEY,
    taken_at TEXT NOT NULL,
    file TEXT NOT NULL,
    database_bytes INTEGER NOT NULL CHECK (database_bytes >= 0)
) STRICT;
CREATE TRIGGER backups_no_delete BEFORE DELETE ON backups BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
";

/// Version 8: drafts of forms being typed, kept through a lock or a move to another screen.
/// Drafts are not records: not audit-chained, replaced as typing goes on, removed when the
/// record is saved or the draft discarded, read by no report or export.
const V8_DRAFTS: &str = "
CREATE TABLE drafts (
    form     TEXT PRIMARY KEY,
    content  TEXT NOT NULL,
    saved_at TEXT NOT NULL
) STRICT;
";

/// Version 9: where each imported incident came from (the file, its SHA-256, the line, who
/// imported it and when), its fingerprint so a re-import adds only new rows, and what the old
/// log did not record (the outcome; the police step of a row it called closed).
const V9_IMPORT_SOURCES: &str = "
CREATE TABLE incident_sources (
    id                   INTEGER PRIMARY KEY,
    incident_id          INTEGER NOT NULL UNIQUE REFERENCES incidents (id),
    file_name            TEXT NOT NULL,
    file_sha256          TEXT NOT NULL,
    line                 INTEGER NOT NULL,
    fingerprint          TEXT NOT NULL,
    imported_by          TEXT NOT NULL,
    imported_at          TEXT NOT NULL,
    outcome_recorded     INTEGER NOT NULL CHECK (outcome_recorded IN (0, 1)),
    police_step_recorded INTEGER NOT NULL CHECK (police_step_recorded IN (0, 1))
) STRICT;
CREATE INDEX incident_sources_fingerprint ON incident_sources (fingerprint);
CREATE TRIGGER incident_sources_no_delete BEFORE DELETE ON incident_sources BEGIN SELECT RAISE(ABORT, 'records are never deleted'); END;
";

/// Version 10: each person's part in an incident (affected, alleged to be responsible, witness,
/// other), as KCSIE speaks of them. Earlier records have none: nobody is credited with a part
/// the record does not give.
const V10_PARTS: &str = "
ALTER TABLE incident_people ADD COLUMN part TEXT
    CHECK (part IS NULL OR part IN ('affected', 'responsible', 'witness', 'other'));
";

/// Every migration's SQL, oldest first. Append only: never edit one that has shipped.
const SCHEMA: [&str; 10] = [
    V1_FOUNDATION,
    V2_INCIDENTS,
    V3_INVESTIGATION,
    V4_TRAINING,
    V5_SCHEDULE,
    V6_REPORT,
    V7_BACKUPS,
    V8_DRAFTS,
    V9_IMPORT_SOURCES,
    V10_PARTS,
];

/// The schema version this build writes.
pub(crate) const LATEST: i64 = SCHEMA.len() as i64;

fn migrations() -> Migrations<'static> {
    Migrations::new(SCHEMA.iter().map(|sql| M::up(sql)).collect())
}

/// Brings the schema of an open vault up to the newest version; returns the versions it went
/// from and to.
pub(crate) fn bring_up_to_date(conn: &mut Connection) -> Result<(i64, i64), StoreError> {
    let version = |conn: &Connection| -> Result<i64, StoreError> {
        Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    };
    let from = version(conn)?;
    if from > LATEST {
        return Err(StoreError::NewerVersion {
            found: from,
            known: LATEST,
        });
    }
    migrations().to_latest(conn)?;
    Ok((from, version(conn)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_are_valid_and_run_from_empty() {
        assert!(migrations().validate().is_ok());
        let mut conn = Connection::open_in_memory().unwrap();
        bring_up_to_date(&mut conn).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, LATEST);
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'incident_search_%' ORDER BY name")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let expected = [
            "audit_log",
            "aup_documents",
            "aup_signatures",
            "backups",
            "confiscations",
            "decisions",
            "drafts",
            "evidence",
            "evidence_content",
            "filtering_changes",
            "filtering_checks",
            "half_terms",
            "import_mappings",
            "incident_actions",
            "incident_amendments",
            "incident_people",
            "incident_search",
            "incident_sources",
            "incidents",
            "investigation_sites",
            "investigations",
            "people",
            "person_links",
            "photo_consents",
            "policy_matrices",
            "referrals",
            "review_completions",
            "review_items",
            "school_settings",
            "training_attendance",
            "training_sessions",
            "training_types",
            "vault_meta",
        ];
        assert_eq!(tables, expected);
    }

    #[test]
    fn a_vault_from_a_newer_version_is_refused_in_words_and_left_as_it_is() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST + 2)
            .unwrap();
        let error = bring_up_to_date(&mut conn).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "This vault was made by a newer version of E-Safety Desk (its tables are at version {}; \
                 this version knows up to {LATEST}). Install the newest version to open it; nothing was changed",
                LATEST + 2
            )
        );
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, LATEST + 2);
    }
}
