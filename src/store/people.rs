//! People records: created once, reused across incidents, never deleted.

use rusqlite::{Connection, params};

use crate::domain::person::{NewPerson, PersonKind};
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
        "SELECT id, kind, given_name || ' ' || family_name, year_group, is_headteacher
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
            })
        },
    )
}
