//! People records: created once, reused across incidents, never deleted.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::person::{NewPerson, PersonFlags, PersonKind};
use crate::store::stored::Fields;
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
    /// The day they left the school, if they have (they stay on the records they are part of).
    pub left_on: Option<NaiveDate>,
}

/// Adds a person after checking the details.
pub(crate) fn add(conn: &Connection, actor: &str, person: &NewPerson) -> Result<i64, StoreError> {
    person.validate().map_err(StoreError::rule)?;
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
        "SELECT id, kind, given_name || ' ' || family_name AS name, year_group, is_headteacher, role,
                leaving_date
         FROM people ORDER BY family_name, given_name, id",
        [],
        |row| {
            let fields = Fields::of(row, "people")?;
            Ok(Person {
                id: fields.get("id")?,
                kind: fields.get("kind")?,
                name: fields.get("name")?,
                year_group: fields.get("year_group")?,
                is_headteacher: fields.get("is_headteacher")?,
                role: fields.get("role")?,
                left_on: fields.maybe_day("leaving_date")?,
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
        let fields = Fields::of(row, "people")?;
        let mut person = NewPerson::named(
            fields.get("kind")?,
            &fields.get::<String>("given_name")?,
            &fields.get::<String>("family_name")?,
        );
        person.year_group = fields.get("year_group")?;
        person.date_of_birth = fields.maybe_day("date_of_birth")?;
        person.upn = fields.get("upn")?;
        person.role = fields.get("role")?;
        person.start_date = fields.maybe_day("start_date")?;
        person.leaving_date = fields.maybe_day("leaving_date")?;
        person.external_id = fields.get("external_id")?;
        person.is_headteacher = fields.get("is_headteacher")?;
        person.flags = PersonFlags {
            dsl: fields.get("is_dsl")?,
            deputy_dsl: fields.get("is_deputy_dsl")?,
            esafety_group: fields.get("in_esafety_group")?,
            technical: fields.get("is_technical")?,
            teaching: fields.get("is_teaching")?,
        };
        Ok((fields.get("id")?, person))
    })
}

/// Amends a person's details (not their kind); the earlier version stays in the audit chain.
pub(crate) fn update(
    conn: &Connection,
    actor: &str,
    id: i64,
    person: &NewPerson,
) -> Result<(), StoreError> {
    person.validate().map_err(StoreError::rule)?;
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
        StoreError::AuditMismatch(_) => StoreError::no_such(crate::domain::problem::Record::Person),
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
        Ok(conn
            .query_row("SELECT id, kind FROM people WHERE id = ?1", [id], |r| {
                Fields::of(r, "people")?.get("kind")
            })
            .optional()?)
    };
    if kind_of(parent)? != Some(PersonKind::ParentOrCarer) {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::LinkFromNonParent,
        ));
    }
    if kind_of(child)? != Some(PersonKind::Pupil) {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::LinkToNonPupil,
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
