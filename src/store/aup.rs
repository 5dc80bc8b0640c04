//! The Acceptable Use Agreement registers in the vault: each register's versions, the
//! signatures, and everyone's standing.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::aup::{self, Register, SignatureStatus, SigningMethod};
use crate::domain::person::PersonKind;
use crate::domain::problem::Refusal;
use crate::domain::training;
use crate::store::export::spreadsheet_safe;
use crate::store::stored::Fields;
use crate::store::{StoreError, audit, query};

/// A version of an agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AupDocument {
    /// The record's id.
    pub id: i64,
    /// Its register.
    pub register: Register,
    /// Its title, e.g. "Pupil Acceptable Use Agreement (KS2)".
    pub title: String,
    /// Its version, e.g. "2025".
    pub version: String,
    /// When the governors approved it.
    pub approved_on: NaiveDate,
}

/// Someone's standing on their register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AupStatusRow {
    /// The person.
    pub person_id: i64,
    /// Their name.
    pub name: String,
    /// A pupil's year group.
    pub year_group: Option<u8>,
    /// The year groups the row belongs to: a pupil's own, or a parent's children's.
    pub classes: Vec<u8>,
    /// Their register.
    pub register: Register,
    /// Where they stand.
    pub status: SignatureStatus,
    /// When they last signed anything on this register.
    pub last_signed: Option<NaiveDate>,
}

impl AupStatusRow {
    /// The year groups as words: "Year 5", or a parent's "Year 2, Year 5".
    pub fn classes_named(&self) -> String {
        let names: Vec<String> = self
            .classes
            .iter()
            .map(|&y| crate::domain::person::year_group_name(y))
            .collect();
        names.join(", ")
    }

    /// Whether the row belongs to `year` (no year: every row does).
    pub fn in_class(&self, year: Option<u8>) -> bool {
        year.is_none_or(|y| self.classes.contains(&y))
    }
}

/// Each parent's children's year groups, youngest first.
fn children_classes(conn: &Connection) -> Result<HashMap<i64, Vec<u8>>, StoreError> {
    let sql = "SELECT DISTINCT l.parent_id, c.year_group FROM person_links l
               JOIN people c ON c.id = l.child_id
               WHERE c.year_group IS NOT NULL ORDER BY l.parent_id, c.year_group";
    let mut classes: HashMap<i64, Vec<u8>> = HashMap::new();
    for (parent, year) in query::all(conn, sql, [], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, u8>(1)?))
    })? {
        classes.entry(parent).or_default().push(year);
    }
    Ok(classes)
}

/// Adds a version of a register's agreement; the newest approved is the current one.
pub(crate) fn add_document(
    conn: &Connection,
    actor: &str,
    register: Register,
    title: &str,
    version: &str,
    approved_on: NaiveDate,
) -> Result<i64, StoreError> {
    if title.trim().is_empty() || version.trim().is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::AgreementDetailsMissing,
        ));
    }
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM aup_documents WHERE register = ?1 AND version = ?2",
            params![register.code(), version.trim()],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(StoreError::rule(Refusal::AgreementVersionTaken {
            register: register.title(),
            version: version.trim().to_owned(),
        }));
    }
    let sql =
        "INSERT INTO aup_documents (register, title, version, approved_on) VALUES (?1, ?2, ?3, ?4)";
    let values = params![
        register.code(),
        title.trim(),
        version.trim(),
        approved_on.format(query::DAY).to_string()
    ];
    audit::insert(conn, actor, "aup_documents", sql, values)
}

/// Every version of every agreement, newest first within each register.
pub(crate) fn documents(conn: &Connection) -> Result<Vec<AupDocument>, StoreError> {
    let sql = "SELECT id, register, title, version, approved_on FROM aup_documents ORDER BY register, approved_on DESC, id DESC";
    query::all(conn, sql, [], |row| {
        let fields = Fields::of(row, "aup_documents")?;
        Ok(AupDocument {
            id: fields.get("id")?,
            register: fields.get("register")?,
            title: fields.get("title")?,
            version: fields.get("version")?,
            approved_on: fields.day("approved_on")?,
        })
    })
}

/// Records that `people` signed `document` on `signed_on`; each must be on its register.
pub(crate) fn sign(
    conn: &Connection,
    actor: &str,
    document: i64,
    people: &[i64],
    signed_on: NaiveDate,
    method: SigningMethod,
    today: NaiveDate,
) -> Result<usize, StoreError> {
    if signed_on > today {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::SignedInFuture,
        ));
    }
    if people.is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::SignersMissing,
        ));
    }
    let register = documents(conn)?
        .into_iter()
        .find(|d| d.id == document)
        .map(|d| d.register)
        .ok_or_else(|| StoreError::rule(crate::domain::problem::Refusal::AgreementNotChosen))?;
    for &person in people {
        let kind: Option<PersonKind> = conn
            .query_row("SELECT id, kind FROM people WHERE id = ?1", [person], |r| {
                Fields::of(r, "people")?.get("kind")
            })
            .optional()?;
        if kind.and_then(Register::for_kind) != Some(register) {
            return Err(StoreError::rule(Refusal::WrongRegister {
                register: register.title().to_lowercase(),
            }));
        }
        let sql = "INSERT INTO aup_signatures (document_id, person_id, signed_on, method, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5)";
        let values = params![
            document,
            person,
            signed_on.format(query::DAY).to_string(),
            method.code(),
            actor
        ];
        audit::insert(conn, actor, "aup_signatures", sql, values)?;
    }
    Ok(people.len())
}

/// Everyone still here on a register that has an agreement, with their standing on `today`.
pub(crate) fn statuses(
    conn: &Connection,
    today: NaiveDate,
) -> Result<Vec<AupStatusRow>, StoreError> {
    let current: HashMap<Register, i64> = {
        let mut current = HashMap::new();
        // The agreement in force on `today`: the newest approved by then (a later version
        // did not exist yet; with none approved by then, the first there is).
        for document in documents(conn)?.iter().rev() {
            if document.approved_on <= today || !current.contains_key(&document.register) {
                current.insert(document.register, document.id);
            }
        }
        current
    };
    let mut signed: HashMap<i64, Vec<(i64, NaiveDate)>> = HashMap::new();
    // A signature after `today` was not yet given then.
    let sql =
        "SELECT id, person_id, document_id, signed_on FROM aup_signatures WHERE signed_on <= ?1";
    for (person, document, day) in query::all(conn, sql, [today.to_string()], |r| {
        let fields = Fields::of(r, "aup_signatures")?;
        Ok((
            fields.get::<i64>("person_id")?,
            fields.get::<i64>("document_id")?,
            fields.day("signed_on")?,
        ))
    })? {
        signed.entry(person).or_default().push((document, day));
    }
    let sql =
        "SELECT id, kind, given_name || ' ' || family_name, year_group, leaving_date FROM people
               WHERE start_date IS NULL OR start_date <= ?1
               ORDER BY year_group, family_name, given_name, id";
    let people = query::all(conn, sql, [today.to_string()], |r| {
        let fields = Fields::of(r, "people")?;
        Ok((
            fields.get::<i64>("id")?,
            fields.get::<PersonKind>("kind")?,
            r.get::<_, String>(2)?,
            fields.get::<Option<u8>>("year_group")?,
            fields.maybe_day("leaving_date")?,
        ))
    })?;
    let mut children = children_classes(conn)?;
    let mut rows = Vec::new();
    for (id, kind, name, year_group, leaving) in people {
        let register = Register::for_kind(kind);
        let (Some(register), true) = (register, training::still_here(leaving, today)) else {
            continue;
        };
        let Some(&document) = current.get(&register) else {
            continue;
        };
        let mine = signed.get(&id).map(Vec::as_slice).unwrap_or_default();
        let on_register: Vec<(i64, NaiveDate)> = mine.to_vec();
        rows.push(AupStatusRow {
            person_id: id,
            name,
            year_group,
            classes: match year_group {
                Some(year) => vec![year],
                None => children.remove(&id).unwrap_or_default(),
            },
            register,
            status: aup::status(document, &on_register, register.renewal_months(), today),
            last_signed: on_register.iter().map(|(_, d)| *d).max(),
        });
    }
    Ok(rows)
}

/// Writes the outstanding signatures as CSV; returns how many rows.
pub(crate) fn export_outstanding(
    conn: &Connection,
    today: NaiveDate,
    out: impl std::io::Write,
) -> Result<usize, StoreError> {
    let mut writer = csv::Writer::from_writer(out);
    let fail = |e: csv::Error| StoreError::write("CSV")(e);
    writer
        .write_record(["register", "name", "year_group", "status", "last_signed"])
        .map_err(fail)?;
    let mut count = 0;
    for row in statuses(conn, today)?
        .into_iter()
        .filter(|r| r.status.outstanding())
    {
        let year = row.classes_named();
        let last = row
            .last_signed
            .map_or(String::new(), |d| d.format("%d/%m/%Y").to_string());
        let record = [
            row.register.title(),
            row.name.as_str(),
            &year,
            row.status.title(),
            &last,
        ];
        writer
            .write_record(record.map(spreadsheet_safe))
            .map_err(fail)?;
        count += 1;
    }
    writer.flush().map_err(|e| StoreError::write("CSV")(e))?;
    Ok(count)
}

/// How many people must sign or re-sign on `today`, for the dashboard.
pub(crate) fn outstanding_count(conn: &Connection, today: NaiveDate) -> Result<usize, StoreError> {
    Ok(statuses(conn, today)?
        .iter()
        .filter(|r| r.status.outstanding())
        .count())
}
