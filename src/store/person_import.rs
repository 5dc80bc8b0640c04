//! Importing people lists from the school's MIS: each row matched to the person it updates
//! (by the MIS id, or by name and date of birth), new people added, nobody duplicated, and
//! people missing from a new list offered as leavers, never deleted.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::person::{NewPerson, PersonKind};
use crate::domain::person_import::{self, Mapping, PeopleFile};
use crate::domain::staff_groups::{StaffGroup, TitleGroups};
use crate::store::{StoreError, audit, mappings, people};

/// The kind under which the school's staff-group corrections for job titles are kept.
const STAFF_GROUPS_KIND: &str = "staff-groups";

/// The school's corrections of the staff group a job title means.
pub(crate) fn staff_groups(conn: &Connection) -> Result<TitleGroups, StoreError> {
    Ok(mappings::saved(conn, STAFF_GROUPS_KIND)?
        .and_then(|text| TitleGroups::parse(&text).ok())
        .unwrap_or_default())
}

/// Keeps `corrections` on top of those kept before (audited).
pub(crate) fn correct_staff_groups(
    conn: &Connection,
    actor: &str,
    corrections: &TitleGroups,
) -> Result<(), StoreError> {
    let kept = staff_groups(conn)?.with(corrections);
    mappings::save(conn, actor, STAFF_GROUPS_KIND, &kept.to_text())
}

/// What importing a row would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowChange {
    /// Add a new person.
    New,
    /// Update these fields of an existing person.
    Update(Vec<&'static str>),
    /// Nothing: the person is already recorded so.
    Same,
}

/// One row as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleRow {
    /// The line in the file.
    pub line: u64,
    /// The person's name as the row gives it.
    pub name: String,
    /// What importing it would do; `None` when it has problems.
    pub change: Option<RowChange>,
    /// What is wrong with it.
    pub problems: Vec<String>,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeoplePreview {
    /// The mapping in force, as `--mapping` takes it.
    pub mapping: String,
    /// The same mapping, for the import screen's column choices.
    pub columns: Mapping,
    /// Every row.
    pub rows: Vec<PeopleRow>,
    /// Lines repeating an earlier line exactly, counted once.
    pub repeats: Vec<u64>,
    /// People of this kind still here but missing from the file: id and name.
    pub leavers: Vec<(i64, String)>,
    /// For a staff list, each job title in it, the staff group it puts people in, and
    /// whether that is the school's correction rather than the title's words.
    pub job_titles: Vec<(String, StaffGroup, bool)>,
}

impl PeoplePreview {
    /// Rows with problems.
    pub fn problem_rows(&self) -> usize {
        self.rows.iter().filter(|r| !r.problems.is_empty()).count()
    }

    /// How many rows would add someone, update someone, or change nothing.
    pub fn changes(&self) -> (usize, usize, usize) {
        let count = |wanted: fn(&RowChange) -> bool| {
            self.rows
                .iter()
                .filter(|r| r.change.as_ref().is_some_and(wanted))
                .count()
        };
        (
            count(|c| *c == RowChange::New),
            count(|c| matches!(c, RowChange::Update(_))),
            count(|c| *c == RowChange::Same),
        )
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PeopleReport {
    /// People added.
    pub added: usize,
    /// People updated.
    pub updated: usize,
    /// Rows that changed nothing.
    pub unchanged: usize,
    /// Rows left out for their problems.
    pub skipped: usize,
    /// People given today as their leaving date.
    pub leavers_marked: usize,
    /// Parents newly linked to a child.
    pub links_added: usize,
}

/// A person of the imported kind as stored.
#[derive(Debug, Clone)]
struct Existing {
    id: i64,
    person: NewPerson,
}

fn existing(conn: &Connection, kind: PersonKind) -> Result<Vec<Existing>, StoreError> {
    Ok(people::details(conn, people::DetailsOf::Kind(kind))?
        .into_iter()
        .map(|(id, person)| Existing { id, person })
        .collect())
}

/// The stored person a row is about: the same MIS id, or else the same name and birth date.
fn matching(row: &NewPerson, stored: &[Existing]) -> Option<i64> {
    let by_id = (!row.external_id.is_empty())
        .then(|| {
            stored
                .iter()
                .find(|e| e.person.external_id == row.external_id)
        })
        .flatten();
    by_id
        .or_else(|| {
            stored.iter().find(|e| {
                e.person.given_name.eq_ignore_ascii_case(&row.given_name)
                    && e.person.family_name.eq_ignore_ascii_case(&row.family_name)
                    && e.person.date_of_birth == row.date_of_birth
            })
        })
        .map(|e| e.id)
}

/// `stored` with what the row gives on top; a value the row leaves empty is kept. Staff groups
/// are only ever added, except where the school corrected the row's job title: then its
/// teaching, technical and Headteacher groups are as the correction says.
fn merged(
    stored: &NewPerson,
    row: &NewPerson,
    groups: &TitleGroups,
) -> (NewPerson, Vec<&'static str>) {
    let mut merged = stored.clone();
    let mut changed = Vec::new();
    let mut text = |name, from: &str, into: &mut String| {
        if !from.is_empty() && from != into.as_str() {
            *into = from.to_owned();
            changed.push(name);
        }
    };
    text("given name", &row.given_name, &mut merged.given_name);
    text("family name", &row.family_name, &mut merged.family_name);
    text("MIS id", &row.external_id, &mut merged.external_id);
    text("UPN", &row.upn, &mut merged.upn);
    text("role", &row.role, &mut merged.role);
    let mut value = |name, from: Option<NaiveDate>, into: &mut Option<NaiveDate>| {
        if from.is_some() && from != *into {
            *into = from;
            changed.push(name);
        }
    };
    value(
        "date of birth",
        row.date_of_birth,
        &mut merged.date_of_birth,
    );
    value("start date", row.start_date, &mut merged.start_date);
    value("leaving date", row.leaving_date, &mut merged.leaving_date);
    if row.year_group.is_some() && row.year_group != merged.year_group {
        merged.year_group = row.year_group;
        changed.push("year group");
    }
    let mut group = |from: bool, into: &mut bool| {
        if from && !*into {
            *into = true;
            changed.push("staff group");
        }
    };
    group(row.flags.teaching, &mut merged.flags.teaching);
    group(row.flags.technical, &mut merged.flags.technical);
    group(row.flags.dsl, &mut merged.flags.dsl);
    group(row.flags.deputy_dsl, &mut merged.flags.deputy_dsl);
    group(row.flags.esafety_group, &mut merged.flags.esafety_group);
    group(row.is_headteacher, &mut merged.is_headteacher);
    if groups.corrected(&row.role).is_some() {
        let exact = [
            (row.flags.teaching, &mut merged.flags.teaching),
            (row.flags.technical, &mut merged.flags.technical),
            (row.is_headteacher, &mut merged.is_headteacher),
        ];
        for (from, into) in exact {
            if *into != from {
                *into = from;
                changed.push("staff group");
            }
        }
    }
    changed.dedup();
    (merged, changed)
}

/// Reads the file and says what importing it would do.
pub(crate) fn preview(
    conn: &Connection,
    bytes: &[u8],
    kind: PersonKind,
    overrides: &Mapping,
    today: NaiveDate,
) -> Result<(PeoplePreview, PeopleFile, Vec<Option<i64>>), StoreError> {
    let saved = saved_mapping(conn, kind)?;
    let mut file =
        person_import::parse(bytes, kind, &saved.with(overrides)).map_err(StoreError::rule)?;
    file.refuse_births_from(today);
    let groups = staff_groups(conn)?;
    let mut job_titles = std::collections::BTreeMap::new();
    for person in file
        .rows
        .iter_mut()
        .filter_map(|row| row.read.as_mut().ok())
    {
        if kind != PersonKind::Staff || person.role.trim().is_empty() {
            continue;
        }
        (person.flags, person.is_headteacher) = groups.groups_of(&person.role);
        let group = StaffGroup::of(person.flags, person.is_headteacher);
        let corrected = groups.corrected(&person.role).is_some();
        job_titles.insert(person.role.trim().to_owned(), (group, corrected));
    }
    let stored = existing(conn, kind)?;
    let mut preview = PeoplePreview {
        mapping: file.mapping.to_text(),
        columns: file.mapping.clone(),
        rows: Vec::new(),
        repeats: file.repeats.clone(),
        leavers: Vec::new(),
        job_titles: job_titles
            .into_iter()
            .map(|(title, (group, corrected))| (title, group, corrected))
            .collect(),
    };
    let mut matches = Vec::new();
    let mut ids_seen: Vec<&str> = Vec::new();
    for row in &file.rows {
        let (name, mut problems, found, change) = match &row.read {
            Ok(person) => {
                let found = matching(person, &stored);
                let change = match found.and_then(|id| stored.iter().find(|e| e.id == id)) {
                    None => RowChange::New,
                    Some(existing) => match merged(&existing.person, person, &groups).1 {
                        changed if changed.is_empty() => RowChange::Same,
                        changed => RowChange::Update(changed),
                    },
                };
                let name = format!("{} {}", person.given_name, person.family_name);
                (name, Vec::new(), found, Some(change))
            }
            Err(problems) => (String::new(), problems.clone(), None, None),
        };
        if let Ok(person) = &row.read
            && !person.external_id.is_empty()
        {
            if ids_seen.contains(&person.external_id.as_str()) {
                problems.push(format!(
                    "external_id: {} is on an earlier line too",
                    person.external_id
                ));
            }
            ids_seen.push(&person.external_id);
        }
        for child in &row.children {
            if kind != PersonKind::ParentOrCarer {
                problems.push("children: only parents and carers are linked to children".into());
                break;
            }
            if pupil_with(conn, child)?.is_none() {
                problems.push(format!(
                    "children: no pupil has the MIS id {child} (import the pupils first)"
                ));
            }
        }
        let change = change.filter(|_| problems.is_empty());
        preview.rows.push(PeopleRow {
            line: row.line,
            name,
            change,
            problems,
        });
        matches.push(found);
    }
    preview.leavers = stored
        .iter()
        .filter(|e| crate::domain::training::still_here(e.person.leaving_date, today))
        .filter(|e| !matches.contains(&Some(e.id)))
        .map(|e| {
            (
                e.id,
                format!("{} {}", e.person.given_name, e.person.family_name),
            )
        })
        .collect();
    Ok((preview, file, matches))
}

/// Imports the file in the caller's transaction: every row, or with `skip` every row without
/// problems; with `mark_leavers`, people missing from it get today as their leaving date.
pub(crate) fn import(
    conn: &Connection,
    actor: &str,
    bytes: &[u8],
    kind: PersonKind,
    overrides: &Mapping,
    choice: (bool, bool),
    today: NaiveDate,
) -> Result<PeopleReport, StoreError> {
    let (skip, mark_leavers) = choice;
    let (preview, file, matches) = preview(conn, bytes, kind, overrides, today)?;
    let groups = staff_groups(conn)?;
    let problems = preview.problem_rows();
    if problems > 0 && !skip {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::RowsHaveProblems {
                problems,
                rows: preview.rows.len(),
            },
        ));
    }
    let stored = existing(conn, kind)?;
    let mut report = PeopleReport {
        skipped: problems,
        ..Default::default()
    };
    for ((row, shown), found) in file.rows.iter().zip(&preview.rows).zip(matches) {
        let (Ok(person), Some(change)) = (&row.read, &shown.change) else {
            continue;
        };
        let id = match (
            change,
            found.and_then(|id| stored.iter().find(|e| e.id == id)),
        ) {
            (RowChange::New, _) | (_, None) => {
                report.added += 1;
                people::add(conn, actor, person)?
            }
            (RowChange::Same, Some(existing)) => {
                report.unchanged += 1;
                existing.id
            }
            (RowChange::Update(_), Some(existing)) => {
                people::update(
                    conn,
                    actor,
                    existing.id,
                    &merged(&existing.person, person, &groups).0,
                )?;
                report.updated += 1;
                existing.id
            }
        };
        for child in &row.children {
            if let Some(child) = pupil_with(conn, child)? {
                report.links_added += usize::from(people::link(conn, actor, id, child)?);
            }
        }
    }
    if mark_leavers {
        for (id, _) in &preview.leavers {
            let sql = "UPDATE people SET leaving_date = ?2 WHERE id = ?1";
            audit::amend(
                conn,
                actor,
                "people",
                *id,
                sql,
                params![id, today.to_string()],
            )?;
            report.leavers_marked += 1;
        }
    }
    if !overrides.0.is_empty() {
        let kept = saved_mapping(conn, kind)?
            .with(&file.mapping)
            .with(overrides);
        remember_mapping(conn, actor, kind, &kept)?;
    }
    Ok(report)
}

/// The pupil whose MIS id is `external_id`, if there is one.
fn pupil_with(conn: &Connection, external_id: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id FROM people WHERE kind = 'pupil' AND external_id = ?1 ORDER BY id LIMIT 1",
            [external_id],
            |row| row.get(0),
        )
        .optional()?)
}

/// The mapping last used for `kind`, if the user gave one.
fn saved_mapping(conn: &Connection, kind: PersonKind) -> Result<Mapping, StoreError> {
    Ok(crate::store::mappings::saved(conn, kind.code())?
        .and_then(|t| Mapping::parse(&t).ok())
        .unwrap_or_default())
}

fn remember_mapping(
    conn: &Connection,
    actor: &str,
    kind: PersonKind,
    mapping: &Mapping,
) -> Result<(), StoreError> {
    crate::store::mappings::save(conn, actor, kind.code(), &mapping.to_text())
}
