//! Where each imported incident came from, what makes a row one already imported, and the
//! choices the school made for its log (mapping, category words), remembered for next time.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

use super::ImportFile;
use crate::domain::incident::import::{
    ImportedIncident, IncidentMapping, NamedPerson, ReadChoices, Synonyms, ValueWords, fingerprint,
};
use crate::store::stored::{Fields, Moment};
use crate::store::{StoreError, audit, mappings, query};

/// The `import_mappings` kinds the incident import remembers its choices under.
const MAPPING_KIND: &str = "incidents";
const SYNONYMS_KIND: &str = "incident-categories";
/// The kind under which the school's words for statuses, places and devices are kept.
const WORDS_KIND: &str = "incident-values";

/// The fingerprints of the incidents the vault has: those imported, as their rows were, and
/// every incident as it now reads (so the vault's own export, brought back, is known).
#[derive(Debug, Default)]
pub(super) struct Known {
    fingerprints: HashSet<String>,
}

impl Known {
    /// Whether `read` is an incident the vault has.
    pub(super) fn has(&self, read: &ImportedIncident) -> bool {
        self.fingerprints.contains(&read.fingerprint)
    }
}

/// Every incident as its fingerprint needs it: when, the category, the description and the
/// names of the people, joined by a record separator.
const AS_RECORDED: &str = "
SELECT i.occurred_at, i.category, i.description,
       coalesce(group_concat(p.given_name || ' ' || p.family_name, char(30)), '') AS names
FROM incidents i
LEFT JOIN incident_people ip ON ip.incident_id = i.id
LEFT JOIN people p ON p.id = ip.person_id
GROUP BY i.id";

/// What the vault knows of incidents it already has.
pub(super) fn known(conn: &Connection) -> Result<Known, StoreError> {
    let mut fingerprints: HashSet<String> = query::all(
        conn,
        "SELECT fingerprint FROM incident_sources",
        [],
        |row| row.get(0),
    )?
    .into_iter()
    .collect();
    let recorded = query::all(conn, AS_RECORDED, [], |row| {
        let fields = Fields::new(row, "an incident's fingerprint".to_owned());
        let names: String = fields.get("names")?;
        let people: Vec<NamedPerson> = names
            .split('\u{1e}')
            .filter(|name| !name.is_empty())
            .map(|name| NamedPerson {
                name: name.to_owned(),
                role: None,
                year_group: None,
            })
            .collect();
        Ok(fingerprint(
            fields.moment("occurred_at")?,
            &people,
            &fields.get::<String>("category")?,
            &fields.get::<String>("description")?,
        ))
    })?;
    fingerprints.extend(recorded);
    Ok(Known { fingerprints })
}

/// One import's file, person and moment, recorded with every incident it adds.
#[derive(Debug)]
pub(super) struct Source<'a> {
    name: &'a str,
    sha256: String,
    actor: &'a str,
    at: NaiveDateTime,
}

impl<'a> Source<'a> {
    /// The source of an import of `file` by `actor` at `at`.
    pub(super) fn of(file: ImportFile<'a>, actor: &'a str, at: NaiveDateTime) -> Self {
        Self {
            name: file.name,
            sha256: format!("{:x}", Sha256::digest(file.bytes)),
            actor,
            at,
        }
    }

    /// Records that incident `id` came from `line` of the file (in the audit chain).
    pub(super) fn record(
        &self,
        conn: &Connection,
        id: i64,
        line: u64,
        read: &ImportedIncident,
    ) -> Result<(), StoreError> {
        let outcome_recorded = read
            .closed
            .as_ref()
            .is_some_and(|(outcome, _)| outcome.is_some());
        let sql = "INSERT INTO incident_sources (incident_id, file_name, file_sha256, line, fingerprint,
                                                imported_by, imported_at, outcome_recorded, police_step_recorded)
                   VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
        let values = params![
            id,
            self.name,
            self.sha256,
            i64::try_from(line).unwrap_or(i64::MAX),
            read.fingerprint,
            self.actor,
            Moment(self.at),
            outcome_recorded,
            !read.police_step_missing
        ];
        audit::insert(conn, self.actor, "incident_sources", sql, values).map(drop)
    }
}

/// The mapping, category words and status, place and device words remembered from the last
/// import.
pub(super) fn remembered(conn: &Connection) -> Result<ReadChoices, StoreError> {
    let mapping = mappings::saved(conn, MAPPING_KIND)?
        .and_then(|text| IncidentMapping::parse(&text).ok())
        .unwrap_or_default();
    let synonyms = mappings::saved(conn, SYNONYMS_KIND)?
        .and_then(|text| Synonyms::parse(&text).ok())
        .unwrap_or_default();
    let words = mappings::saved(conn, WORDS_KIND)?
        .and_then(|text| ValueWords::parse(&text).ok())
        .unwrap_or_default();
    Ok(ReadChoices {
        mapping,
        synonyms,
        words,
        sheet: None,
        people: Default::default(),
    })
}

/// Keeps `choices` for the next import.
pub(super) fn remember(
    conn: &Connection,
    actor: &str,
    choices: &ReadChoices,
) -> Result<(), StoreError> {
    mappings::save(conn, actor, MAPPING_KIND, &choices.mapping.to_text())?;
    mappings::save(conn, actor, SYNONYMS_KIND, &choices.synonyms.to_text())?;
    mappings::save(conn, actor, WORDS_KIND, &choices.words.to_text())
}
