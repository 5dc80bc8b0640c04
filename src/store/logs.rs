//! The filtering change-control log, the filtering checks and confiscated devices in the
//! vault: entries are added and brought up to date (applied, returned), never deleted.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::logs::{self, Confiscation, FilteringChange, FilteringCheck};
use crate::domain::person::PersonKind;
use crate::store::stored::Fields;
use crate::store::{StoreError, audit, query};

/// A stored entry with its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry<T> {
    /// The record's id.
    pub id: i64,
    /// The entry.
    pub entry: T,
}

/// A confiscation as stored, with the pupil's name and its return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfiscationRow {
    /// The record's id.
    pub id: i64,
    /// The confiscation.
    pub entry: Confiscation,
    /// The pupil's name.
    pub pupil: String,
    /// Who it went back to, and when; `None` while it is held.
    pub returned: Option<(String, NaiveDate)>,
}

const TIME: &str = "%Y-%m-%d %H:%M";

fn day_text(date: NaiveDate) -> String {
    date.format(query::DAY).to_string()
}

fn invalid(problem: logs::LogProblem) -> StoreError {
    StoreError::rule(problem)
}

/// Adds a filtering change; returns its id.
pub(crate) fn add_change(
    conn: &Connection,
    actor: &str,
    change: &FilteringChange,
    today: NaiveDate,
) -> Result<i64, StoreError> {
    change.validate(today).map_err(invalid)?;
    let sql = "INSERT INTO filtering_changes (requested_on, change, requested_by, reason, approved_by, applied_by, applied_on)
               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
    let values = params![
        day_text(change.requested_on),
        change.change.trim(),
        change.requested_by.trim(),
        change.reason.trim(),
        change.approved_by.trim(),
        change.applied_by.trim(),
        change.applied_on.map(day_text)
    ];
    audit::insert(conn, actor, "filtering_changes", sql, values)
}

/// Brings a change up to date (approved, applied); the earlier state stays in the chain.
pub(crate) fn update_change(
    conn: &Connection,
    actor: &str,
    id: i64,
    change: &FilteringChange,
    today: NaiveDate,
) -> Result<(), StoreError> {
    change.validate(today).map_err(invalid)?;
    let sql = "UPDATE filtering_changes SET requested_on = ?2, change = ?3, requested_by = ?4, reason = ?5,
               approved_by = ?6, applied_by = ?7, applied_on = ?8 WHERE id = ?1";
    let values = params![
        id,
        day_text(change.requested_on),
        change.change.trim(),
        change.requested_by.trim(),
        change.reason.trim(),
        change.approved_by.trim(),
        change.applied_by.trim(),
        change.applied_on.map(day_text)
    ];
    audit::amend(conn, actor, "filtering_changes", id, sql, values)
}

/// Every filtering change, newest first.
pub(crate) fn changes(conn: &Connection) -> Result<Vec<Entry<FilteringChange>>, StoreError> {
    let sql =
        "SELECT id, requested_on, change, requested_by, reason, approved_by, applied_by, applied_on
               FROM filtering_changes ORDER BY requested_on DESC, id DESC";
    query::all(conn, sql, [], |r| {
        let f = Fields::of(r, "filtering_changes")?;
        Ok(Entry {
            id: f.get("id")?,
            entry: FilteringChange {
                requested_on: f.day("requested_on")?,
                change: f.get("change")?,
                requested_by: f.get("requested_by")?,
                reason: f.get("reason")?,
                approved_by: f.get("approved_by")?,
                applied_by: f.get("applied_by")?,
                applied_on: f.maybe_day("applied_on")?,
            },
        })
    })
}

/// Adds a filtering check; returns its id.
pub(crate) fn add_check(
    conn: &Connection,
    actor: &str,
    check: &FilteringCheck,
    today: NaiveDate,
) -> Result<i64, StoreError> {
    check.validate(today).map_err(invalid)?;
    let sql = "INSERT INTO filtering_checks (checked_on, checked_by, what, result, follow_up) VALUES (?1, ?2, ?3, ?4, ?5)";
    let values = params![
        day_text(check.checked_on),
        check.checked_by.trim(),
        check.what.trim(),
        check.result.trim(),
        check.follow_up.trim()
    ];
    audit::insert(conn, actor, "filtering_checks", sql, values)
}

/// Every filtering check, newest first.
pub(crate) fn checks(conn: &Connection) -> Result<Vec<Entry<FilteringCheck>>, StoreError> {
    let sql = "SELECT id, checked_on, checked_by, what, result, follow_up
               FROM filtering_checks ORDER BY checked_on DESC, id DESC";
    query::all(conn, sql, [], |r| {
        let f = Fields::of(r, "filtering_checks")?;
        Ok(Entry {
            id: f.get("id")?,
            entry: FilteringCheck {
                checked_on: f.day("checked_on")?,
                checked_by: f.get("checked_by")?,
                what: f.get("what")?,
                result: f.get("result")?,
                follow_up: f.get("follow_up")?,
            },
        })
    })
}

/// Records a device taken from a pupil; returns its id.
pub(crate) fn add_confiscation(
    conn: &Connection,
    actor: &str,
    taken: &Confiscation,
    now: NaiveDateTime,
) -> Result<i64, StoreError> {
    taken.validate(now).map_err(invalid)?;
    let kind: Option<String> = conn
        .query_row(
            "SELECT kind FROM people WHERE id = ?1",
            [taken.pupil_id],
            |r| r.get(0),
        )
        .optional()?;
    if kind.as_deref() != Some(PersonKind::Pupil.code()) {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::PupilNotChosen,
        ));
    }
    let sql = "INSERT INTO confiscations (pupil_id, device, taken_at, reason, held_where) VALUES (?1, ?2, ?3, ?4, ?5)";
    let values = params![
        taken.pupil_id,
        taken.device.trim(),
        taken.taken_at.format(TIME).to_string(),
        taken.reason.trim(),
        taken.held_where.trim()
    ];
    audit::insert(conn, actor, "confiscations", sql, values)
}

/// Records that a held device was returned.
pub(crate) fn return_device(
    conn: &Connection,
    actor: &str,
    id: i64,
    returned_to: &str,
    returned_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), StoreError> {
    let row = confiscations(conn)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| StoreError::no_such(crate::domain::problem::Record::Confiscation))?;
    if row.returned.is_some() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::AlreadyReturned,
        ));
    }
    logs::check_return(returned_to, returned_on, row.entry.taken_at, today).map_err(invalid)?;
    let sql = "UPDATE confiscations SET returned_to = ?2, returned_on = ?3 WHERE id = ?1";
    let values = params![id, returned_to.trim(), day_text(returned_on)];
    audit::amend(conn, actor, "confiscations", id, sql, values)
}

/// Every confiscation, those still held first, newest first.
pub(crate) fn confiscations(conn: &Connection) -> Result<Vec<ConfiscationRow>, StoreError> {
    let sql =
        "SELECT c.id AS id, c.pupil_id AS pupil_id, c.device AS device, c.taken_at AS taken_at,
                      c.reason AS reason, c.held_where AS held_where, c.returned_to AS returned_to,
                      c.returned_on AS returned_on, p.given_name || ' ' || p.family_name AS pupil
               FROM confiscations c JOIN people p ON p.id = c.pupil_id
               ORDER BY c.returned_on IS NOT NULL, c.taken_at DESC, c.id DESC";
    query::all(conn, sql, [], |r| {
        let f = Fields::of(r, "confiscations")?;
        let returned_to: String = f.get("returned_to")?;
        Ok(ConfiscationRow {
            id: f.get("id")?,
            entry: Confiscation {
                pupil_id: f.get("pupil_id")?,
                device: f.get("device")?,
                taken_at: f.moment("taken_at")?,
                reason: f.get("reason")?,
                held_where: f.get("held_where")?,
            },
            pupil: f.get("pupil")?,
            returned: f.maybe_day("returned_on")?.map(|day| (returned_to, day)),
        })
    })
}
