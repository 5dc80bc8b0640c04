//! Importing an existing incident log: a preview listing every row's problems, then all of
//! it in one transaction, or nothing. People are matched by name or added.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::Connection;

use crate::domain::incident::import::{self, ImportRow, ImportedIncident, NamedPerson};
use crate::domain::incident::rules::{self, Referral};
use crate::domain::incident::{Role, Status, category};
use crate::domain::person::{NewPerson, PersonKind};
use crate::domain::policy::SanctionsMatrices;
use crate::store::{StoreError, incidents, investigation, people, policy};

/// One row as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewRow {
    /// The line in the file.
    pub line: u64,
    /// A short description: date, category, people.
    pub summary: String,
    /// What is wrong with it; empty when it can be imported.
    pub problems: Vec<String>,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPreview {
    /// Every data row.
    pub rows: Vec<PreviewRow>,
    /// People named in the file who are not in the people list yet, and would be added.
    pub new_people: Vec<String>,
}

impl ImportPreview {
    /// Rows with at least one problem.
    pub fn problem_rows(&self) -> usize {
        self.rows
            .iter()
            .filter(|row| !row.problems.is_empty())
            .count()
    }

    /// Rows that can be imported.
    pub fn ready_rows(&self) -> usize {
        self.rows.len() - self.problem_rows()
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// Incidents added.
    pub imported: usize,
    /// Rows left out because they had problems.
    pub skipped: usize,
    /// People added to the people list.
    pub people_added: usize,
}

/// The people list by lower-case full name.
type Directory = HashMap<String, Vec<i64>>;

fn directory(conn: &Connection) -> Result<Directory, StoreError> {
    let mut names: Directory = HashMap::new();
    for person in people::all(conn)? {
        names
            .entry(person.name.to_lowercase())
            .or_default()
            .push(person.id);
    }
    Ok(names)
}

/// Reads the file and checks every row against the rules and the people list.
pub(crate) fn preview(
    conn: &Connection,
    bytes: &[u8],
    now: NaiveDateTime,
) -> Result<(ImportPreview, Vec<ImportRow>), StoreError> {
    let rows = import::parse(bytes, now).map_err(StoreError::rule)?;
    let names = directory(conn)?;
    let mut preview = ImportPreview::default();
    for row in &rows {
        let (summary, mut problems) = match &row.read {
            Ok(read) => (summarise(read), Vec::new()),
            Err(problems) => (String::new(), problems.clone()),
        };
        for person in row.read.iter().flat_map(|read| &read.people) {
            match names.get(&person.name.to_lowercase()).map(Vec::len) {
                Some(1) => {}
                Some(_) => problems.push(format!(
                    "people: more than one person is called {}; record this incident by hand",
                    person.name
                )),
                None if !preview.new_people.contains(&person.name) => {
                    preview.new_people.push(person.name.clone())
                }
                None => {}
            }
        }
        preview.rows.push(PreviewRow {
            line: row.line,
            summary,
            problems,
        });
    }
    Ok((preview, rows))
}

fn summarise(read: &ImportedIncident) -> String {
    let title = category::category(&read.incident.category).map_or("", |c| c.title);
    let title: String = title.chars().take(60).collect();
    let people: Vec<&str> = read.people.iter().map(|p| p.name.as_str()).collect();
    format!(
        "{} · {title} · {}",
        read.incident.occurred_at.format("%d/%m/%Y"),
        if people.is_empty() {
            "no one named".to_owned()
        } else {
            people.join(", ")
        }
    )
}

/// Imports every row, or — when `skip_problem_rows` — every row without problems. With any
/// problem and no skipping, nothing is imported. Runs inside the caller's transaction.
pub(crate) fn import(
    conn: &Connection,
    actor: &str,
    bytes: &[u8],
    skip_problem_rows: bool,
    now: NaiveDateTime,
) -> Result<ImportReport, StoreError> {
    let (preview, rows) = preview(conn, bytes, now)?;
    let problems = preview.problem_rows();
    if problems > 0 && !skip_problem_rows {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::RowsHaveProblems {
                problems,
                rows: preview.rows.len(),
            },
        ));
    }
    let matrices = policy::sanctions(conn)?;
    let mut names = directory(conn)?;
    let mut report = ImportReport {
        imported: 0,
        skipped: problems,
        people_added: 0,
    };
    for (row, checked) in rows.into_iter().zip(&preview.rows) {
        let Ok(read) = row.read else { continue };
        if !checked.problems.is_empty() {
            continue;
        }
        import_one(conn, actor, read, &matrices, &mut names, &mut report)?;
        report.imported += 1;
    }
    Ok(report)
}

fn import_one(
    conn: &Connection,
    actor: &str,
    read: ImportedIncident,
    matrices: &SanctionsMatrices,
    names: &mut Directory,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    let mut incident = read.incident;
    for person in &read.people {
        let id = person_id(conn, actor, person, names, report)?;
        incident.people.push((id, person.role));
    }
    let roles: Vec<Role> = read.people.iter().map(|p| p.role).collect();
    let category = category::category(&incident.category)
        .ok_or_else(|| StoreError::rule(crate::domain::problem::Refusal::CategoryNotChosen))?;
    let suggested = rules::suggested_action_titles(matrices, category, &roles);
    for action in &mut incident.actions {
        action.suggested = suggested
            .iter()
            .any(|s| s.eq_ignore_ascii_case(&action.action));
    }
    let when = incident.reported_at;
    let recorded = incidents::record_from(conn, actor, &incident, &read.source_reference, when)?;
    let id = recorded.id;
    if let Some((at, reference)) = &read.police {
        incidents::refer(conn, actor, id, Referral::Police, *at, reference)?;
    }
    if !read.reason_not_referred.is_empty() {
        let decision = "Not referred to the police";
        incidents::decide(
            conn,
            actor,
            id,
            when,
            decision,
            &read.reason_not_referred,
            Some(Referral::Police),
        )?;
    }
    if let Some((at, by)) = &read.parents {
        investigation::parents_informed(conn, actor, id, *at, by)?;
    }
    match (read.status, read.closed) {
        (Status::UnderInvestigation, _) => {
            incidents::set_status(conn, actor, id, Status::UnderInvestigation)?
        }
        (Status::Closed, Some((outcome, conclusion))) => {
            incidents::close(conn, actor, id, outcome, &conclusion)?
        }
        _ => {}
    }
    Ok(())
}

/// The person's id, adding them (as the kind their role implies) when nobody has the name.
fn person_id(
    conn: &Connection,
    actor: &str,
    person: &NamedPerson,
    names: &mut Directory,
    report: &mut ImportReport,
) -> Result<i64, StoreError> {
    let key = person.name.to_lowercase();
    if let Some([id]) = names.get(&key).map(Vec::as_slice) {
        return Ok(*id);
    }
    let (given, family) = person.name.rsplit_once(' ').unwrap_or((&person.name, ""));
    let kind = match person.role {
        Role::Pupil => PersonKind::Pupil,
        Role::Staff | Role::Headteacher => PersonKind::Staff,
        Role::ParentOrCarer => PersonKind::ParentOrCarer,
        Role::Other => PersonKind::Other,
    };
    let mut new = NewPerson::named(kind, given, family);
    new.is_headteacher = person.role == Role::Headteacher;
    let id = people::add(conn, actor, &new)?;
    names.insert(key, vec![id]);
    report.people_added += 1;
    Ok(id)
}
