//! The term calendar and the review schedule in the vault: each school year's half-term dates,
//! the items with their owner, cadence and due date, and every time one was done.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::schedule::{self, ReviewItem};
use crate::domain::terms::{self, HalfTerm, HalfTermDates, SchoolYear, TermCalendar};
use crate::store::stored::Fields;
use crate::store::{StoreError, audit, query};

/// A schedule item as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredItem {
    /// The record's id.
    pub id: i64,
    /// The item.
    pub item: ReviewItem,
    /// Whether it is still on the schedule.
    pub active: bool,
    /// When it was last done, and by whom.
    pub last_done: Option<(NaiveDate, String)>,
}

/// One time an item was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The due date it met.
    pub due: Option<NaiveDate>,
    /// When it was done.
    pub done_on: NaiveDate,
    /// Who recorded it.
    pub done_by: String,
    /// What was noted.
    pub notes: String,
}

fn day_text(date: NaiveDate) -> String {
    date.format(query::DAY).to_string()
}

/// The school's term dates, with defaults for the years it has not entered.
pub(crate) fn terms(conn: &Connection) -> Result<TermCalendar, StoreError> {
    let rows = query::all(
        conn,
        "SELECT id, school_year, name, starts, ends FROM half_terms",
        [],
        |r| {
            let fields = Fields::of(r, "half_terms")?;
            Ok(HalfTermDates {
                half_term: HalfTerm {
                    year: SchoolYear(fields.get("school_year")?),
                    name: fields.get("name")?,
                },
                starts: fields.day("starts")?,
                ends: fields.day("ends")?,
            })
        },
    )?;
    Ok(TermCalendar::new(rows))
}

/// Saves a school year's six half-terms after checking them; earlier dates stay in the chain.
pub(crate) fn save_year(
    conn: &Connection,
    actor: &str,
    year: SchoolYear,
    dates: &[HalfTermDates],
) -> Result<(), StoreError> {
    terms::check_year(year, dates).map_err(StoreError::rule)?;
    for half_term in dates {
        let name = half_term.half_term.name.code();
        let existing: Option<(i64, String, String)> = conn
            .query_row(
                "SELECT id, starts, ends FROM half_terms WHERE school_year = ?1 AND name = ?2",
                params![year.0, name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (starts, ends) = (day_text(half_term.starts), day_text(half_term.ends));
        match existing {
            Some((_, old_starts, old_ends)) if old_starts == starts && old_ends == ends => {}
            Some((id, ..)) => {
                let sql = "UPDATE half_terms SET starts = ?2, ends = ?3 WHERE id = ?1";
                audit::amend(
                    conn,
                    actor,
                    "half_terms",
                    id,
                    sql,
                    params![id, starts, ends],
                )?;
            }
            None => {
                let sql = "INSERT INTO half_terms (school_year, name, starts, ends) VALUES (?1, ?2, ?3, ?4)";
                audit::insert(
                    conn,
                    actor,
                    "half_terms",
                    sql,
                    params![year.0, name, starts, ends],
                )?;
            }
        }
    }
    Ok(())
}

/// The school years the school has entered dates for.
pub(crate) fn years_entered(conn: &Connection) -> Result<Vec<SchoolYear>, StoreError> {
    query::all(
        conn,
        "SELECT DISTINCT school_year FROM half_terms ORDER BY school_year",
        [],
        |r| Ok(SchoolYear(r.get(0)?)),
    )
}

/// Adds the default schedule to a vault that has none, first due after `today`.
pub(crate) fn ensure_default_items(
    conn: &Connection,
    actor: &str,
    today: NaiveDate,
) -> Result<(), StoreError> {
    let count: i64 = conn.query_row("SELECT count(*) FROM review_items", [], |r| r.get(0))?;
    if count > 0 {
        return Ok(());
    }
    let calendar = terms(conn)?;
    for item in schedule::default_items(today, &calendar) {
        insert_item(conn, actor, &item)?;
    }
    Ok(())
}

fn insert_item(conn: &Connection, actor: &str, item: &ReviewItem) -> Result<i64, StoreError> {
    let sql =
        "INSERT INTO review_items (key, title, owner, cadence, due_on) VALUES (?1, ?2, ?3, ?4, ?5)";
    let values = params![
        item.key,
        item.title.trim(),
        item.owner.trim(),
        item.cadence.code(),
        item.due.map(day_text)
    ];
    audit::insert(conn, actor, "review_items", sql, values)
}

/// Every item, the active ones first, each by due date.
pub(crate) fn items(conn: &Connection) -> Result<Vec<StoredItem>, StoreError> {
    let sql = "SELECT i.id AS id, i.key AS key, i.title AS title, i.owner AS owner, i.cadence AS cadence,
                      i.due_on AS due_on, i.active AS active, c.done_on AS done_on, c.done_by AS done_by
               FROM review_items i
               LEFT JOIN review_completions c ON c.id = (
                   SELECT l.id FROM review_completions l WHERE l.item_id = i.id
                   ORDER BY l.done_on DESC, l.id DESC LIMIT 1)
               ORDER BY i.active DESC, i.due_on IS NULL, i.due_on, i.id";
    query::all(conn, sql, [], |r| {
        let fields = Fields::of(r, "review_items")?;
        let last_done = match fields.maybe_day("done_on")? {
            Some(day) => Some((day, fields.get("done_by")?)),
            None => None,
        };
        Ok(StoredItem {
            id: fields.get("id")?,
            item: ReviewItem {
                key: fields.get("key")?,
                title: fields.get("title")?,
                owner: fields.get("owner")?,
                cadence: fields.get("cadence")?,
                due: fields.maybe_day("due_on")?,
            },
            active: fields.get("active")?,
            last_done,
        })
    })
}

/// Adds an item of the school's own; returns its id. Its key comes from the title.
pub(crate) fn add_item(
    conn: &Connection,
    actor: &str,
    item: &ReviewItem,
) -> Result<i64, StoreError> {
    item.validate().map_err(StoreError::rule)?;
    let key = query::unique_key(conn, "review_items", &item.title)?;
    insert_item(
        conn,
        actor,
        &ReviewItem {
            key,
            ..item.clone()
        },
    )
}

/// Changes an item's title, owner, cadence or due date, or takes it off the schedule.
pub(crate) fn update_item(
    conn: &Connection,
    actor: &str,
    id: i64,
    item: &ReviewItem,
    active: bool,
) -> Result<(), StoreError> {
    item.validate().map_err(StoreError::rule)?;
    let sql = "UPDATE review_items SET title = ?2, owner = ?3, cadence = ?4, due_on = ?5, active = ?6 WHERE id = ?1";
    let values = params![
        id,
        item.title.trim(),
        item.owner.trim(),
        item.cadence.code(),
        item.due.map(day_text),
        active
    ];
    audit::amend(conn, actor, "review_items", id, sql, values).map_err(|error| match error {
        StoreError::AuditMismatch(_) => {
            StoreError::rule(crate::domain::problem::Refusal::ItemNotOnSchedule)
        }
        other => other,
    })
}

/// Records that an item was done on `done_on` and schedules the next one; returns the next
/// due date (none for a one-off item).
pub(crate) fn mark_done(
    conn: &Connection,
    actor: &str,
    id: i64,
    done_on: NaiveDate,
    notes: &str,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, StoreError> {
    if done_on > today {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::DoneInFuture,
        ));
    }
    let stored = items(conn)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| StoreError::rule(crate::domain::problem::Refusal::ItemNotOnSchedule))?;
    let Some(due) = stored.item.due.filter(|_| stored.active) else {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::ItemNotDue,
        ));
    };
    let sql = "INSERT INTO review_completions (item_id, due_on, done_on, done_by, notes) VALUES (?1, ?2, ?3, ?4, ?5)";
    let values = params![id, day_text(due), day_text(done_on), actor, notes.trim()];
    audit::insert(conn, actor, "review_completions", sql, values)?;
    let next = stored.item.cadence.next_due(due, done_on, &terms(conn)?);
    let sql = "UPDATE review_items SET due_on = ?2 WHERE id = ?1";
    audit::amend(
        conn,
        actor,
        "review_items",
        id,
        sql,
        params![id, next.map(day_text)],
    )?;
    Ok(next)
}

/// Every time an item was done, newest first.
pub(crate) fn completions(conn: &Connection, id: i64) -> Result<Vec<Completion>, StoreError> {
    let sql = "SELECT id, due_on, done_on, done_by, notes FROM review_completions
               WHERE item_id = ?1 ORDER BY done_on DESC, id DESC";
    query::all(conn, sql, [id], |r| {
        let f = Fields::of(r, "review_completions")?;
        Ok(Completion {
            due: f.maybe_day("due_on")?,
            done_on: f.day("done_on")?,
            done_by: f.get("done_by")?,
            notes: f.get("notes")?,
        })
    })
}

/// Writes the active items as an iCalendar file, each an all-day event on its due date with an
/// identifier per item, so a calendar that imports a later file moves the event to the new due
/// date rather than adding another; returns how many events.
pub(crate) fn export_ics(
    conn: &Connection,
    school: &str,
    mut out: impl std::io::Write,
) -> Result<usize, StoreError> {
    use icalendar::{Calendar, Component, Event, EventLike};
    let mut calendar = Calendar::new();
    calendar.name(&format!("{school}: E-Safety review schedule"));
    let mut count = 0;
    for stored in items(conn)?.into_iter().filter(|s| s.active) {
        let Some(due) = stored.item.due else {
            continue;
        };
        let event = Event::new()
            .uid(&format!("review-{}@esafety-desk", stored.item.key))
            .summary(&stored.item.title)
            .description(&format!(
                "Owner: {}. {}.",
                stored.item.owner,
                stored.item.cadence.title()
            ))
            .starts(due)
            .ends(due.succ_opt().unwrap_or(due))
            .done();
        calendar.push(event);
        count += 1;
    }
    write!(out, "{}", calendar.done()).map_err(|e| StoreError::write("calendar")(e))?;
    Ok(count)
}
