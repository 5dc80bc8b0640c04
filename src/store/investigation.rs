//! What happens to an incident after it is recorded: amendments with their reasons, parents
//! informed, the governors' summary, the investigation record, and evidence files kept inside
//! the encrypted database with their SHA-256.

use chrono::{NaiveDateTime, Timelike};
use rusqlite::{Connection, OptionalExtension, Row, params};
use sha2::{Digest, Sha256};

use crate::domain::incident::category::{self, Category};
use crate::domain::incident::investigation::{self, InvestigationProblem, NewInvestigation};
use crate::domain::incident::{NewIncident, Part, Status};
use crate::store::incidents;
use crate::store::stored::{Fields, Moment};
use crate::store::{StoreError, audit, query};

/// An amendment as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmendmentRow {
    /// When.
    pub amended_at: NaiveDateTime,
    /// By whom.
    pub amended_by: String,
    /// What changed, e.g. "description, web addresses".
    pub fields: String,
    /// Why.
    pub reason: String,
}

/// The investigation record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvestigationRow {
    /// When it started.
    pub started_at: NaiveDateTime,
    /// The two senior members of staff.
    pub seniors: [String; 2],
    /// The designated computer.
    pub designated_computer: String,
    /// The group's conclusion, once written.
    pub conclusion: String,
    /// The sites visited, oldest first.
    pub sites: Vec<SiteRow>,
}

/// A site visited during an investigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteRow {
    /// When.
    pub visited_at: NaiveDateTime,
    /// The address.
    pub url: String,
    /// What it showed.
    pub description: String,
}

/// An evidence file as listed (the content is read separately).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRow {
    /// The record's id.
    pub id: i64,
    /// When it was added.
    pub added_at: NaiveDateTime,
    /// Who added it.
    pub added_by: String,
    /// The file's name when added.
    pub file_name: String,
    /// Its size in bytes.
    pub size_bytes: i64,
    /// Its SHA-256, hex.
    pub sha256: String,
    /// What it shows.
    pub description: String,
}

impl InvestigationRow {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let fields = Fields::of(row, "investigations")?;
        Ok(InvestigationRow {
            started_at: fields.moment("started_at")?,
            seniors: [fields.get("first_senior")?, fields.get("second_senior")?],
            designated_computer: fields.get("designated_computer")?,
            conclusion: fields.get("conclusion")?,
            sites: Vec::new(),
        })
    }
}

impl SiteRow {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let fields = Fields::of(row, "investigation_sites")?;
        Ok(SiteRow {
            visited_at: fields.moment("visited_at")?,
            url: fields.get("url")?,
            description: fields.get("description")?,
        })
    }
}

impl EvidenceRow {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let fields = Fields::of(row, "evidence")?;
        Ok(EvidenceRow {
            id: fields.get("id")?,
            added_at: fields.moment("added_at")?,
            added_by: fields.get("added_by")?,
            file_name: fields.get("file_name")?,
            size_bytes: fields.get("size_bytes")?,
            sha256: fields.get("sha256")?,
            description: fields.get("description")?,
        })
    }
}

/// `at` as it is stored: to the minute.
fn to_the_minute(at: NaiveDateTime) -> NaiveDateTime {
    at.with_second(0)
        .and_then(|at| at.with_nanosecond(0))
        .unwrap_or(at)
}

fn category_of(conn: &Connection, incident: i64) -> Result<&'static Category, StoreError> {
    let key = incidents::category_of(conn, incident)?;
    category::category(&key)
        .ok_or_else(|| StoreError::rule(crate::domain::problem::Refusal::CategoryUnknown))
}

/// Amends an incident's record, keeping the reason; the earlier version stays in the audit
/// chain. People in `edited.people` not yet on the incident are added, and a changed part is
/// amended; nobody is removed.
pub(crate) fn amend(
    conn: &Connection,
    actor: &str,
    id: i64,
    edited: &NewIncident,
    reason: &str,
    now: NaiveDateTime,
) -> Result<Vec<&'static str>, StoreError> {
    investigation::check_reason(reason).map_err(StoreError::rule)?;
    edited.validate(now).map_err(StoreError::rule)?;
    let before = incidents::detail(conn, id)?;
    let on_it = people_on(conn, id)?;
    let urls = edited
        .urls
        .iter()
        .map(|url| url.trim())
        .collect::<Vec<_>>()
        .join("\n");
    let occurred = to_the_minute(edited.occurred_at);
    let reported = to_the_minute(edited.reported_at);
    let new_people: Vec<_> = edited
        .people
        .iter()
        .filter(|p| !on_it.iter().any(|(_, person, _)| *person == p.person))
        .collect();
    let new_parts: Vec<(i64, Option<Part>)> = on_it
        .iter()
        .filter_map(|(line, person, part)| {
            let edited = edited.people.iter().find(|p| p.person == *person)?;
            (edited.part != *part).then_some((*line, edited.part))
        })
        .collect();
    let fields: Vec<&'static str> = [
        ("when it happened", before.occurred_at != occurred),
        ("when it was reported", before.row.reported_at != reported),
        (
            "who reported it",
            before.reported_by != edited.reported_by.trim(),
        ),
        ("where", before.location != edited.location),
        ("device", before.device != edited.device),
        ("category", before.row.category != edited.category),
        ("area of risk", before.risk_area != edited.risk),
        (
            "description",
            before.description != edited.description.trim(),
        ),
        ("web addresses", before.urls != urls),
        ("people", !new_people.is_empty()),
        ("people's parts", !new_parts.is_empty()),
    ]
    .into_iter()
    .filter_map(|(name, changed)| changed.then_some(name))
    .collect();
    if fields.is_empty() {
        return Err(StoreError::rule(InvestigationProblem::NothingChanged));
    }
    let sql = "UPDATE incidents SET occurred_at = ?2, reported_at = ?3, reported_by = ?4, location = ?5,
               device = ?6, category = ?7, risk_area = ?8, description = ?9, urls = ?10 WHERE id = ?1";
    let values = params![
        id,
        Moment(occurred),
        Moment(reported),
        edited.reported_by.trim(),
        edited.location.code(),
        edited.device.code(),
        edited.category,
        edited.risk.code(),
        edited.description.trim(),
        urls
    ];
    audit::amend(conn, actor, "incidents", id, sql, values)?;
    for involvement in new_people {
        incidents::add_person(conn, actor, id, *involvement)?;
    }
    for (line, part) in new_parts {
        let sql = "UPDATE incident_people SET part = ?2 WHERE id = ?1";
        audit::amend(
            conn,
            actor,
            "incident_people",
            line,
            sql,
            params![line, part],
        )?;
    }
    let sql =
        "INSERT INTO incident_amendments (incident_id, amended_at, amended_by, fields, reason)
               VALUES (?1, ?2, ?3, ?4, ?5)";
    let values = params![id, Moment(now), actor, fields.join(", "), reason.trim()];
    audit::insert(conn, actor, "incident_amendments", sql, values)?;
    incidents::refresh_search(conn, id)?;
    Ok(fields)
}

/// The amendments of an incident, oldest first.
pub(crate) fn amendments(conn: &Connection, id: i64) -> Result<Vec<AmendmentRow>, StoreError> {
    let sql = "SELECT id, amended_at, amended_by, fields, reason FROM incident_amendments
               WHERE incident_id = ?1 ORDER BY id";
    query::all(conn, sql, [id], |row| {
        let fields = Fields::of(row, "incident_amendments")?;
        Ok(AmendmentRow {
            amended_at: fields.moment("amended_at")?,
            amended_by: fields.get("amended_by")?,
            fields: fields.get("fields")?,
            reason: fields.get("reason")?,
        })
    })
}

/// Records when, and by whom, the parents or carers were informed.
pub(crate) fn parents_informed(
    conn: &Connection,
    actor: &str,
    id: i64,
    at: NaiveDateTime,
    by: &str,
) -> Result<(), StoreError> {
    if by.trim().is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::InformerMissing,
        ));
    }
    category_of(conn, id)?;
    let sql =
        "UPDATE incidents SET parents_informed_at = ?2, parents_informed_by = ?3 WHERE id = ?1";
    let values = params![id, Moment(at), by.trim()];
    audit::amend(conn, actor, "incidents", id, sql, values)?;
    let note = format!("Done by recording that {} informed them", by.trim());
    let inform = crate::domain::policy::sanctions::PupilAction::InformParentsOrCarers.title();
    incidents::complete_actions(conn, actor, id, &[inform], at, &note)
}

/// Sets the summary written for governors, refusing one that names anyone on the incident.
pub(crate) fn governor_summary(
    conn: &Connection,
    actor: &str,
    id: i64,
    summary: &str,
) -> Result<(), StoreError> {
    category_of(conn, id)?;
    let names: Vec<String> = incidents::people(conn, id)?
        .into_iter()
        .map(|person| person.name)
        .collect();
    investigation::check_governor_summary(summary, &names).map_err(StoreError::rule)?;
    let sql = "UPDATE incidents SET governor_summary = ?2 WHERE id = ?1";
    audit::amend(
        conn,
        actor,
        "incidents",
        id,
        sql,
        params![id, summary.trim()],
    )
}

/// Starts the investigation record and moves an open incident to "under investigation".
pub(crate) fn start(
    conn: &Connection,
    actor: &str,
    id: i64,
    new: &NewInvestigation,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    new.validate(category_of(conn, id)?)
        .map_err(StoreError::rule)?;
    if investigation(conn, id)?.is_some() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::InvestigationAlreadyRecorded,
        ));
    }
    let sql = "INSERT INTO investigations (incident_id, started_at, first_senior, second_senior, designated_computer)
               VALUES (?1, ?2, ?3, ?4, ?5)";
    let values = params![
        id,
        Moment(at),
        new.first_senior.trim(),
        new.second_senior.trim(),
        new.designated_computer.trim()
    ];
    audit::insert(conn, actor, "investigations", sql, values)?;
    let status: Status =
        conn.query_row("SELECT status FROM incidents WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    if status == Status::Open {
        incidents::set_status(conn, actor, id, Status::UnderInvestigation)?;
    }
    Ok(())
}

/// Records a site visited during the investigation, with what it showed.
pub(crate) fn site_visited(
    conn: &Connection,
    actor: &str,
    id: i64,
    url: &str,
    description: &str,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    investigation::check_site(description).map_err(StoreError::rule)?;
    let probe = NewIncident::web_address_problem(url);
    if let Some(problem) = probe {
        return Err(StoreError::rule(problem));
    }
    if investigation(conn, id)?.is_none() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::InvestigationNotStarted,
        ));
    }
    let sql = "INSERT INTO investigation_sites (incident_id, visited_at, url, description) VALUES (?1, ?2, ?3, ?4)";
    let values = params![id, Moment(at), url.trim(), description.trim()];
    audit::insert(conn, actor, "investigation_sites", sql, values).map(drop)
}

/// Records the investigating group's conclusion.
pub(crate) fn conclude(
    conn: &Connection,
    actor: &str,
    id: i64,
    conclusion: &str,
) -> Result<(), StoreError> {
    crate::domain::incident::record::check_conclusion(conclusion).map_err(StoreError::rule)?;
    let record: i64 = conn
        .query_row(
            "SELECT id FROM investigations WHERE incident_id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or_else(|| {
            StoreError::rule(crate::domain::problem::Refusal::InvestigationNotStarted)
        })?;
    let sql = "UPDATE investigations SET conclusion = ?2 WHERE id = ?1";
    audit::amend(
        conn,
        actor,
        "investigations",
        record,
        sql,
        params![record, conclusion.trim()],
    )
}

/// The investigation record, if one was started.
pub(crate) fn investigation(
    conn: &Connection,
    id: i64,
) -> Result<Option<InvestigationRow>, StoreError> {
    let sql = "SELECT id, started_at, first_senior, second_senior, designated_computer, conclusion
               FROM investigations WHERE incident_id = ?1";
    let found = query::all(conn, sql, [id], InvestigationRow::from_row)?;
    let Some(mut record) = found.into_iter().next() else {
        return Ok(None);
    };
    let sql = "SELECT id, visited_at, url, description FROM investigation_sites WHERE incident_id = ?1 ORDER BY visited_at, id";
    record.sites = query::all(conn, sql, [id], SiteRow::from_row)?;
    Ok(Some(record))
}

/// Keeps an evidence file inside the vault; refused for categories whose images must never be
/// stored. Returns the new record's id.
pub(crate) fn add_evidence(
    conn: &Connection,
    actor: &str,
    id: i64,
    file_name: &str,
    content: &[u8],
    description: &str,
    at: NaiveDateTime,
) -> Result<i64, StoreError> {
    investigation::check_evidence_file(category_of(conn, id)?, content.len())
        .map_err(StoreError::rule)?;
    let name = file_name.trim();
    if name.is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::FileNameMissing,
        ));
    }
    let sha256 = hex::encode(Sha256::digest(content));
    let sql = "INSERT INTO evidence (incident_id, added_at, added_by, file_name, size_bytes, sha256, description)
               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
    let size = i64::try_from(content.len()).unwrap_or(i64::MAX);
    let values = params![
        id,
        Moment(at),
        actor,
        name,
        size,
        sha256,
        description.trim()
    ];
    let evidence = audit::insert(conn, actor, "evidence", sql, values)?;
    conn.execute(
        "INSERT INTO evidence_content (evidence_id, content) VALUES (?1, ?2)",
        params![evidence, content],
    )?;
    Ok(evidence)
}

/// The evidence files of an incident, oldest first.
pub(crate) fn evidence(conn: &Connection, id: i64) -> Result<Vec<EvidenceRow>, StoreError> {
    let sql = "SELECT id, added_at, added_by, file_name, size_bytes, sha256, description
               FROM evidence WHERE incident_id = ?1 ORDER BY id";
    query::all(conn, sql, [id], EvidenceRow::from_row)
}

/// An evidence file's content, checked against its recorded SHA-256.
pub(crate) fn evidence_content(conn: &Connection, evidence: i64) -> Result<Vec<u8>, StoreError> {
    let (content, expected): (Vec<u8>, String) = conn
        .query_row(
            "SELECT c.content, e.sha256 FROM evidence e JOIN evidence_content c ON c.evidence_id = e.id WHERE e.id = ?1",
            [evidence],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| StoreError::no_such(crate::domain::problem::Record::EvidenceFile))?;
    if hex::encode(Sha256::digest(&content)) != expected {
        return Err(StoreError::AuditMismatch(format!(
            "evidence file {evidence} does not match its recorded SHA-256"
        )));
    }
    Ok(content)
}

/// Checks every evidence file against its SHA-256; returns how many were checked.
pub(crate) fn verify_evidence(conn: &Connection) -> Result<i64, StoreError> {
    let ids: Vec<i64> = query::all(conn, "SELECT id FROM evidence ORDER BY id", [], |row| {
        row.get(0)
    })?;
    for &id in &ids {
        evidence_content(conn, id).map_err(|error| match error {
            StoreError::Rule(_) => {
                StoreError::AuditMismatch(format!("evidence file {id} is missing from the vault"))
            }
            other => other,
        })?;
    }
    Ok(ids.len() as i64)
}

/// Each line of incident `id`'s people: the line's id, the person and their part.
fn people_on(conn: &Connection, id: i64) -> Result<Vec<(i64, i64, Option<Part>)>, StoreError> {
    let sql = "SELECT id, person_id, part FROM incident_people WHERE incident_id = ?1 ORDER BY id";
    query::all(conn, sql, [id], |row| {
        let fields = Fields::of(row, "incident_people")?;
        Ok((
            fields.get("id")?,
            fields.get("person_id")?,
            fields.get("part")?,
        ))
    })
}
