//! The training audit in the vault: the types, the sessions and who attended, and everyone's
//! status for each type that applies to them.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::person::PersonKind;
use crate::domain::training::{self, StaffRoles, TrainingStatus, TrainingType};
use crate::store::export::spreadsheet_safe;
use crate::store::stored::Fields;
use crate::store::{StoreError, audit, query};

/// A training type as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredType {
    /// The record's id.
    pub id: i64,
    /// The type.
    pub kind: TrainingType,
}

impl StoredType {
    fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        let fields = Fields::of(row, "training_types")?;
        Ok(StoredType {
            id: fields.get("id")?,
            kind: TrainingType {
                key: fields.get("key")?,
                name: fields.get("name")?,
                renewal_months: fields.get("renewal_months")?,
                audience: fields.get("audience")?,
            },
        })
    }
}

/// A training session to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The type's id.
    pub type_id: i64,
    /// When it was held.
    pub held_on: NaiveDate,
    /// Who ran it.
    pub provider: String,
    /// Anything worth keeping.
    pub notes: String,
    /// Who attended.
    pub attendees: Vec<i64>,
}

/// One person's standing for one training type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    /// The person.
    pub person_id: i64,
    /// Their name.
    pub name: String,
    /// Staff, governor or volunteer.
    pub kind: PersonKind,
    /// Their roles, for the group filters.
    pub roles: StaffRoles,
    /// The type.
    pub type_id: i64,
    /// The type's name.
    pub type_name: String,
    /// When they last attended.
    pub last: Option<NaiveDate>,
    /// When it is due again.
    pub due: Option<NaiveDate>,
    /// Where they stand.
    pub status: TrainingStatus,
}

/// Adds the default training types to a vault that has none.
pub(crate) fn ensure_default_types(conn: &Connection, actor: &str) -> Result<(), StoreError> {
    let count: i64 = conn.query_row("SELECT count(*) FROM training_types", [], |row| row.get(0))?;
    if count > 0 {
        return Ok(());
    }
    for kind in training::default_types() {
        let sql = "INSERT INTO training_types (key, name, renewal_months, audience) VALUES (?1, ?2, ?3, ?4)";
        let values = params![
            kind.key,
            kind.name,
            kind.renewal_months,
            kind.audience.code()
        ];
        audit::insert(conn, actor, "training_types", sql, values)?;
    }
    Ok(())
}

/// The active training types, in the order they were added.
pub(crate) fn types(conn: &Connection) -> Result<Vec<StoredType>, StoreError> {
    let sql = "SELECT id, key, name, renewal_months, audience FROM training_types WHERE active = 1 ORDER BY id";
    query::all(conn, sql, [], StoredType::from_row)
}

/// Every type, retired ones too, with whether each is in use.
pub(crate) fn all_types(conn: &Connection) -> Result<Vec<(StoredType, bool)>, StoreError> {
    let sql =
        "SELECT id, key, name, renewal_months, audience, active FROM training_types ORDER BY id";
    query::all(conn, sql, [], |row| {
        Ok((StoredType::from_row(row)?, row.get("active")?))
    })
}

/// Checks `kind` against every other type's name.
fn check_type(conn: &Connection, kind: &TrainingType, id: Option<i64>) -> Result<(), StoreError> {
    let others: Vec<String> = query::all(
        conn,
        "SELECT name FROM training_types WHERE id IS NOT ?1",
        [id],
        |row| row.get(0),
    )?;
    kind.validate(others.iter().map(String::as_str))
        .map_err(StoreError::rule)
}

/// Adds a training type of the school's own; returns its id. Its key comes from the name.
pub(crate) fn add_type(
    conn: &Connection,
    actor: &str,
    kind: &TrainingType,
) -> Result<i64, StoreError> {
    check_type(conn, kind, None)?;
    let key = query::unique_key(conn, "training_types", &kind.name)?;
    let sql =
        "INSERT INTO training_types (key, name, renewal_months, audience) VALUES (?1, ?2, ?3, ?4)";
    let values = params![
        key,
        kind.name.trim(),
        kind.renewal_months,
        kind.audience.code()
    ];
    audit::insert(conn, actor, "training_types", sql, values)
}

/// Changes a type's name, renewal period, audience, or whether it is still in use (a type is
/// retired, never deleted: its sessions stay in the record).
pub(crate) fn update_type(
    conn: &Connection,
    actor: &str,
    id: i64,
    kind: &TrainingType,
    active: bool,
) -> Result<(), StoreError> {
    check_type(conn, kind, Some(id))?;
    let before: Option<(String, Option<u32>, String, bool)> = conn
        .query_row(
            "SELECT name, renewal_months, audience, active FROM training_types WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let before = before
        .ok_or_else(|| StoreError::rule(crate::domain::problem::Refusal::TrainingTypeUnknown))?;
    let after = (
        kind.name.trim().to_owned(),
        kind.renewal_months,
        kind.audience.code().to_owned(),
        active,
    );
    if before == after {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::NothingChanged,
        ));
    }
    let sql = "UPDATE training_types SET name = ?2, renewal_months = ?3, audience = ?4, active = ?5 WHERE id = ?1";
    let values = params![id, after.0, after.1, after.2, after.3];
    audit::amend(conn, actor, "training_types", id, sql, values)
}

/// Records a session and its attendees; returns the session's id.
pub(crate) fn record_session(
    conn: &Connection,
    actor: &str,
    session: &NewSession,
    today: NaiveDate,
) -> Result<i64, StoreError> {
    if session.held_on > today {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::SessionInFuture,
        ));
    }
    if session.attendees.is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::AttendeesMissing,
        ));
    }
    let known: Option<i64> = conn
        .query_row(
            "SELECT id FROM training_types WHERE id = ?1",
            [session.type_id],
            |r| r.get(0),
        )
        .optional()?;
    known
        .ok_or_else(|| StoreError::rule(crate::domain::problem::Refusal::TrainingTypeNotChosen))?;
    let sql =
        "INSERT INTO training_sessions (type_id, held_on, provider, notes) VALUES (?1, ?2, ?3, ?4)";
    let values = params![
        session.type_id,
        session.held_on.format(query::DAY).to_string(),
        session.provider.trim(),
        session.notes.trim()
    ];
    let id = audit::insert(conn, actor, "training_sessions", sql, values)?;
    let mut attendees = session.attendees.clone();
    attendees.sort_unstable();
    attendees.dedup();
    for person in attendees {
        let exists: Option<i64> = conn
            .query_row("SELECT id FROM people WHERE id = ?1", [person], |r| {
                r.get(0)
            })
            .optional()?;
        exists.ok_or_else(|| StoreError::rule(crate::domain::problem::Refusal::TickedNotListed))?;
        let sql = "INSERT INTO training_attendance (session_id, person_id) VALUES (?1, ?2)";
        audit::insert(conn, actor, "training_attendance", sql, params![id, person])?;
    }
    Ok(id)
}

/// Everyone still here, for each active type that applies to them, with their status on `today`.
pub(crate) fn statuses(conn: &Connection, today: NaiveDate) -> Result<Vec<StatusRow>, StoreError> {
    let types = types(conn)?;
    let last = last_attended(conn, today)?;
    // Someone who started after `today` was not yet on the staff then.
    let sql = "SELECT id, kind, given_name || ' ' || family_name, leaving_date,
                      is_dsl, is_deputy_dsl, in_esafety_group, is_technical, is_teaching
               FROM people WHERE kind IN ('staff', 'governor', 'volunteer')
                 AND (start_date IS NULL OR start_date <= ?1)
               ORDER BY family_name, given_name, id";
    let mut statement = conn.prepare_cached(sql)?;
    let mut rows = statement.query([today.to_string()])?;
    let mut statuses = Vec::new();
    while let Some(row) = rows.next()? {
        let fields = Fields::of(row, "people")?;
        if !training::still_here(fields.maybe_day("leaving_date")?, today) {
            continue;
        }
        let kind: PersonKind = fields.get("kind")?;
        let roles = StaffRoles {
            staff: kind == PersonKind::Staff,
            volunteer: kind == PersonKind::Volunteer,
            governor: kind == PersonKind::Governor,
            dsl: row.get(4)?,
            deputy_dsl: row.get(5)?,
            esafety_group: row.get(6)?,
            technical: row.get(7)?,
            teaching: row.get(8)?,
        };
        let (person_id, name): (i64, String) = (row.get(0)?, row.get(2)?);
        for stored in types.iter().filter(|t| t.kind.audience.includes(&roles)) {
            let done = last.get(&(person_id, stored.id)).copied();
            statuses.push(StatusRow {
                person_id,
                name: name.clone(),
                kind,
                roles,
                type_id: stored.id,
                type_name: stored.kind.name.clone(),
                last: done,
                due: done.and_then(|d| training::due_date(d, stored.kind.renewal_months)),
                status: training::status(done, stored.kind.renewal_months, today),
            });
        }
    }
    Ok(statuses)
}

/// How much training is outstanding, for the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TrainingCounts {
    /// Past their due date.
    pub overdue: usize,
    /// Never done.
    pub never_done: usize,
    /// Due within 30 days.
    pub due_soon: usize,
    /// Every training a person needs, up to date or not: none when nobody is in the audit.
    pub needed: usize,
}

/// Counts the outstanding statuses on `today`.
pub(crate) fn counts(conn: &Connection, today: NaiveDate) -> Result<TrainingCounts, StoreError> {
    let mut counts = TrainingCounts::default();
    for row in statuses(conn, today)? {
        counts.needed += 1;
        match row.status {
            TrainingStatus::Overdue => counts.overdue += 1,
            TrainingStatus::NeverDone => counts.never_done += 1,
            TrainingStatus::DueSoon => counts.due_soon += 1,
            TrainingStatus::UpToDate => {}
        }
    }
    Ok(counts)
}

/// The last day each person attended each type. Folded here rather than grouped in SQL: the
/// dates are ISO text, so the latest is the greatest string, and no sort is needed.
/// Each person's last session of each training type held on or before `on`: a session
/// after it was not yet done then.
fn last_attended(
    conn: &Connection,
    on: NaiveDate,
) -> Result<HashMap<(i64, i64), NaiveDate>, StoreError> {
    let sql = "SELECT a.person_id, s.type_id, s.held_on FROM training_sessions s
               JOIN training_attendance a ON a.session_id = s.id WHERE s.held_on <= ?1";
    let mut statement = conn.prepare_cached(sql)?;
    let mut rows = statement.query([on.to_string()])?;
    let mut latest: HashMap<(i64, i64), String> = HashMap::new();
    while let Some(row) = rows.next()? {
        let key = (row.get(0)?, row.get(1)?);
        let held_on = row.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
        match latest.get_mut(&key) {
            Some(seen) if seen.as_str() >= held_on => {}
            Some(seen) => *seen = held_on.to_owned(),
            None => {
                latest.insert(key, held_on.to_owned());
            }
        }
    }
    latest
        .into_iter()
        .map(|(key, day)| {
            let read = query::day(&day).ok_or_else(|| {
                StoreError::Unreadable(crate::store::stored::Unreadable {
                    record: format!("training_sessions held on {day:?}"),
                    column: "held_on".into(),
                    reason: "it is not a date this version knows".into(),
                })
            });
            read.map(|day| (key, day))
        })
        .collect()
}

/// Writes the outstanding training (everything not up to date) as CSV; returns how many rows.
pub(crate) fn export_outstanding(
    conn: &Connection,
    today: NaiveDate,
    out: impl std::io::Write,
) -> Result<usize, StoreError> {
    let mut writer = csv::Writer::from_writer(out);
    let fail = |e: csv::Error| StoreError::write("CSV")(e);
    writer
        .write_record(["name", "kind", "training", "status", "last_done", "due"])
        .map_err(fail)?;
    let mut count = 0;
    for row in statuses(conn, today)?
        .into_iter()
        .filter(|r| r.status.outstanding())
    {
        let day =
            |d: Option<NaiveDate>| d.map_or(String::new(), |d| d.format("%d/%m/%Y").to_string());
        let record = [
            row.name.as_str(),
            row.kind.code(),
            row.type_name.as_str(),
            row.status.title(),
            &day(row.last),
            &day(row.due),
        ];
        writer
            .write_record(record.map(spreadsheet_safe))
            .map_err(fail)?;
        count += 1;
    }
    writer.flush().map_err(|e| StoreError::write("CSV")(e))?;
    Ok(count)
}
