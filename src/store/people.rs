//! People records: created once, reused across incidents, never deleted.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::person::{NewPerson, PersonFlags, PersonKind};
use crate::store::{StoreError, audit, query};

/// A person as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The record's id.
    pub id: i64,
    /// Pupil, staff…
    pub kind: PersonKind,
    /// "Given Family".
    pub name: String,
    /// A pupil's year group (0 = Reception).
    pub year_group: Option<u8>,
    /// Whether this is the Headteacher.
    pub is_headteacher: bool,
    /// Their role as recorded ("Class teacher"), often blank.
    pub role: String,
}

/// Adds a person after checking the details.
pub(crate) fn add(conn: &Connection, actor: &str, person: &NewPerson) -> Result<i64, StoreError> {
    person
        .validate()
        .map_err(|problem| StoreError::Invalid(problem.to_string()))?;
    audit::insert(
        conn,
        actor,
        "people",
        "INSERT INTO people (kind, given_name, family_name, year_group, date_of_birth, role, is_headteacher,
                             is_dsl, is_deputy_dsl, in_esafety_group, is_technical, is_teaching,
                             start_date, leaving_date, upn, external_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        params![
            person.kind.code(),
            person.given_name.trim(),
            person.family_name.trim(),
            person.year_group,
            person.date_of_birth.map(|date| date.to_string()),
            person.role.trim(),
            person.is_headteacher,
            person.flags.dsl,
            person.flags.deputy_dsl,
            person.flags.esafety_group,
            person.flags.technical,
            person.flags.teaching,
            person.start_date.map(|date| date.to_string()),
            person.leaving_date.map(|date| date.to_string()),
            person.upn.trim(),
            person.external_id.trim(),
        ],
    )
}

/// Everyone, by family name then given name.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Person>, StoreError> {
    query::all(
        conn,
        "SELECT id, kind, given_name || ' ' || family_name, year_group, is_headteacher, role
         FROM people ORDER BY family_name, given_name, id",
        [],
        |row| {
            let kind: String = row.get(1)?;
            Ok(Person {
                id: row.get(0)?,
                kind: PersonKind::from_code(&kind).unwrap_or(PersonKind::Other),
                name: row.get(2)?,
                year_group: row.get(3)?,
                is_headteacher: row.get(4)?,
                role: row.get(5)?,
            })
        },
    )
}

/// Whose details to read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DetailsOf {
    /// Everyone of a kind.
    Kind(PersonKind),
    /// One person.
    One(i64),
}

/// Everything stored about people, as the forms and imports edit it, with their ids.
pub(crate) fn details(
    conn: &Connection,
    of: DetailsOf,
) -> Result<Vec<(i64, NewPerson)>, StoreError> {
    let day = |text: Option<String>| text.and_then(|t| query::day(&t));
    let (condition, value) = match of {
        DetailsOf::Kind(kind) => (
            "kind = ?1",
            rusqlite::types::Value::Text(kind.code().into()),
        ),
        DetailsOf::One(id) => ("id = ?1", rusqlite::types::Value::Integer(id)),
    };
    let sql = format!(
        "SELECT id, kind, given_name, family_name, year_group, date_of_birth, upn, role, start_date, leaving_date,
                external_id, is_headteacher, is_dsl, is_deputy_dsl, in_esafety_group, is_technical, is_teaching
         FROM people WHERE {condition} ORDER BY id"
    );
    query::all(conn, &sql, [value], |row| {
        let kind: String = row.get(1)?;
        let kind = PersonKind::from_code(&kind).unwrap_or(PersonKind::Other);
        let mut person =
            NewPerson::named(kind, &row.get::<_, String>(2)?, &row.get::<_, String>(3)?);
        person.year_group = row.get(4)?;
        person.date_of_birth = day(row.get(5)?);
        person.upn = row.get(6)?;
        person.role = row.get(7)?;
        person.start_date = day(row.get(8)?);
        person.leaving_date = day(row.get(9)?);
        person.external_id = row.get(10)?;
        person.is_headteacher = row.get(11)?;
        person.flags = PersonFlags {
            dsl: row.get(12)?,
            deputy_dsl: row.get(13)?,
            esafety_group: row.get(14)?,
            technical: row.get(15)?,
            teaching: row.get(16)?,
        };
        Ok((row.get(0)?, person))
    })
}

/// Amends a person's details (not their kind); the earlier version stays in the audit chain.
pub(crate) fn update(
    conn: &Connection,
    actor: &str,
    id: i64,
    person: &NewPerson,
) -> Result<(), StoreError> {
    person
        .validate()
        .map_err(|problem| StoreError::Invalid(problem.to_string()))?;
    let sql = "UPDATE people SET given_name = ?2, family_name = ?3, year_group = ?4, date_of_birth = ?5, upn = ?6,
               role = ?7, start_date = ?8, leaving_date = ?9, external_id = ?10, is_headteacher = ?11, is_dsl = ?12,
               is_deputy_dsl = ?13, in_esafety_group = ?14, is_technical = ?15, is_teaching = ?16 WHERE id = ?1";
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    let values = params![
        id,
        person.given_name.trim(),
        person.family_name.trim(),
        person.year_group,
        day(person.date_of_birth),
        person.upn.trim(),
        person.role.trim(),
        day(person.start_date),
        day(person.leaving_date),
        person.external_id.trim(),
        person.is_headteacher,
        person.flags.dsl,
        person.flags.deputy_dsl,
        person.flags.esafety_group,
        person.flags.technical,
        person.flags.teaching
    ];
    audit::amend(conn, actor, "people", id, sql, values).map_err(|error| match error {
        StoreError::AuditMismatch(_) => StoreError::Invalid("There is no such person".into()),
        other => other,
    })
}

/// Links a parent or carer to a pupil after checking who each is; returns whether it is new.
pub(crate) fn link_checked(
    conn: &Connection,
    actor: &str,
    parent: i64,
    child: i64,
) -> Result<bool, StoreError> {
    let kind_of = |id: i64| -> Result<Option<PersonKind>, StoreError> {
        let code: Option<String> = conn
            .query_row("SELECT kind FROM people WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        Ok(code.and_then(|c| PersonKind::from_code(&c)))
    };
    if kind_of(parent)? != Some(PersonKind::ParentOrCarer) {
        return Err(StoreError::invalid(
            "Only a parent or carer can be linked to a child",
        ));
    }
    if kind_of(child)? != Some(PersonKind::Pupil) {
        return Err(StoreError::invalid(
            "A parent or carer is linked to a pupil",
        ));
    }
    link(conn, actor, parent, child)
}

/// Links a parent or carer to a child; returns whether the link is new.
pub(crate) fn link(
    conn: &Connection,
    actor: &str,
    parent: i64,
    child: i64,
) -> Result<bool, StoreError> {
    let known: Option<i64> = conn
        .query_row(
            "SELECT id FROM person_links WHERE parent_id = ?1 AND child_id = ?2",
            [parent, child],
            |row| row.get(0),
        )
        .optional()?;
    if known.is_some() {
        return Ok(false);
    }
    let sql = "INSERT INTO person_links (parent_id, child_id) VALUES (?1, ?2)";
    audit::insert(conn, actor, "person_links", sql, params![parent, child])?;
    Ok(true)
}

/// The names of the people linked to `person`: a parent's children, or a child's parents.
pub(crate) fn linked(conn: &Connection, person: i64) -> Result<Vec<String>, StoreError> {
    query::all(
        conn,
        "SELECT p.given_name || ' ' || p.family_name FROM person_links l
         JOIN people p ON p.id = CASE WHEN l.parent_id = ?1 THEN l.child_id ELSE l.parent_id END
         WHERE l.parent_id = ?1 OR l.child_id = ?1 ORDER BY p.family_name, p.given_name",
        [person],
        |row| row.get(0),
    )
}
