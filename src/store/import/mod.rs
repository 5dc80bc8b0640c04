//! Importing an existing incident log: a preview listing every row's problems and the rows
//! already in the vault, then the new rows in one transaction, or nothing. People are matched
//! by name or added; each imported incident keeps where it came from.

mod people;
mod sources;

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::Connection;

pub use crate::domain::incident::import::ReadChoices;
use crate::domain::incident::import::{
    self, CategoryMatch, ImportRow, ImportedIncident, IncidentMapping, NOT_RECORDED, Target,
};
use crate::domain::incident::rules::{self, Referral};
use crate::domain::incident::{Involvement, Role, Status, category};
use crate::domain::policy::SanctionsMatrices;
use crate::domain::problem::Refusal;
use crate::domain::spreadsheet;
use crate::store::{StoreError, incidents, investigation, policy};
use people::{Directory, Found};

/// A file to import: its name (kept with every incident it gives), its bytes and the user's
/// choices for it (the remembered ones are added underneath).
#[derive(Debug, Clone, Copy)]
pub struct ImportFile<'a> {
    /// The file's name, without its folder.
    pub name: &'a str,
    /// Its content: CSV text, or an Excel or LibreOffice spreadsheet.
    pub bytes: &'a [u8],
    /// The mapping and category words chosen for it.
    pub choices: &'a ReadChoices,
}

/// What happens to one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowState {
    /// It can be imported.
    Ready,
    /// It has problems.
    Problems,
    /// The same incident is in the vault already (imported before, or the vault's own).
    AlreadyInVault,
    /// It repeats an earlier line of the file.
    Repeats(u64),
}

/// One row as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewRow {
    /// The line in the file.
    pub line: u64,
    /// A short description: date, category, people.
    pub summary: String,
    /// What is wrong with it; empty when it can be imported.
    pub problems: Vec<String>,
    /// What happens to it.
    pub state: RowState,
    /// Its category may be illegal.
    pub may_be_illegal: bool,
    /// The log calls it closed but records no police step: it is imported open and flagged.
    pub police_step_missing: bool,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportPreview {
    /// Every data row.
    pub rows: Vec<PreviewRow>,
    /// The file's columns and what each is used for.
    pub columns: Vec<(String, Target)>,
    /// Each distinct category cell and the category it matched, or the closest ones.
    pub categories: Vec<(String, CategoryMatch)>,
    /// Each status, place or device cell that is none of its field's values nor a word the
    /// school confirmed: the user says which value it means.
    pub unknown_words: Vec<(import::ListField, String)>,
    /// Names several people in the vault share, where a row cannot tell which is meant: the
    /// name and each person it could be (id and "Year 7", "staff"), for the user to choose.
    pub ambiguous: Vec<(String, Vec<(i64, String)>)>,
    /// People named in the file who are not in the people list yet, and would be added.
    pub new_people: Vec<String>,
    /// How many distinct people named in the file were found in the people list.
    pub matched_people: usize,
    /// The choices in force: the remembered ones with this file's on top.
    pub choices: ReadChoices,
    /// For a spreadsheet, the sheet read.
    pub sheet: Option<String>,
    /// For a spreadsheet, every sheet it has.
    pub sheets: Vec<String>,
    /// The needed fields no column gives yet (then no row is read), and the file's columns.
    pub missing: Option<import::ImportFileProblem>,
}

impl ImportPreview {
    fn count(&self, state: RowState) -> usize {
        self.rows.iter().filter(|row| row.state == state).count()
    }

    /// Rows with at least one problem.
    pub fn problem_rows(&self) -> usize {
        self.count(RowState::Problems)
    }

    /// Rows that would be imported.
    pub fn ready_rows(&self) -> usize {
        self.count(RowState::Ready)
    }

    /// Rows already in the vault, or repeating an earlier line: never imported again.
    pub fn already_rows(&self) -> usize {
        self.rows.len() - self.problem_rows() - self.ready_rows()
    }

    /// The lines of rows with problems whose category may be illegal.
    pub fn illegal_problem_lines(&self) -> Vec<u64> {
        self.rows
            .iter()
            .filter(|row| row.state == RowState::Problems && row.may_be_illegal)
            .map(|row| row.line)
            .collect()
    }
}

/// Which rows with problems an import may leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Skips {
    /// Rows with problems whose category is not illegal.
    pub problem_rows: bool,
    /// Rows with problems whose category may be illegal: only ever with their own choice.
    pub illegal_rows: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// Incidents added.
    pub imported: usize,
    /// The lines left out because they had problems.
    pub left_out: Vec<u64>,
    /// Rows not imported because they were in the vault already or repeated a line.
    pub already: usize,
    /// People added to the people list.
    pub people_added: usize,
    /// References of the incidents imported open because no police step was recorded.
    pub police_step_missing: Vec<String>,
}

/// Reads the file and checks every row against the rules, the people list and the vault.
pub(crate) fn preview(
    conn: &Connection,
    file: ImportFile<'_>,
    now: NaiveDateTime,
) -> Result<(ImportPreview, Vec<ImportRow>), StoreError> {
    let mut remembered = sources::remembered(conn)?;
    let (text, sheet, sheets) = log_text(
        file,
        &remembered.mapping.clone().with(&file.choices.mapping),
    )?;
    let header = import::header(&text).map_err(StoreError::rule)?;
    remembered.mapping = remembered.mapping.fitted(&header);
    let choices = remembered.with(file.choices);
    let log = import::parse(&text, &choices, now).map_err(StoreError::rule)?;
    let mut directory = Directory::read(conn)?.with_chosen(&choices.people);
    let known = sources::known(conn)?;
    let missing = log.missing_columns();
    let mut preview = ImportPreview {
        columns: log.columns,
        categories: log.categories.into_iter().collect(),
        unknown_words: log.unknown_words.into_iter().collect(),
        sheet,
        sheets,
        missing,
        choices,
        ..ImportPreview::default()
    };
    let mut matched: Vec<i64> = Vec::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    for row in &log.rows {
        let (summary, mut problems) = match &row.read {
            Ok(read) => (summarise(read), Vec::new()),
            Err(problems) => (String::new(), problems.clone()),
        };
        for person in &row.people {
            match directory.find(person) {
                Ok(Found::Known(id, _)) if !matched.contains(&id) => matched.push(id),
                Ok(Found::Known(..) | Found::Adding) => {}
                Ok(Found::New(kind, year, role)) => {
                    directory.add(&person.name, None, kind, year, role);
                    preview
                        .new_people
                        .push(describe_new(&person.name, kind, year));
                }
                Err(problem) => {
                    let candidates = directory.candidates(person);
                    let folded = crate::domain::search::fold(&person.name);
                    let seen = preview
                        .ambiguous
                        .iter()
                        .any(|(n, _)| crate::domain::search::fold(n) == folded);
                    if candidates.len() > 1 && !seen {
                        preview.ambiguous.push((person.name.clone(), candidates));
                    }
                    problems.push(problem)
                }
            }
        }
        let state = match &row.read {
            _ if !problems.is_empty() => RowState::Problems,
            Ok(read) if known.has(read) => RowState::AlreadyInVault,
            Ok(read) => match first_line.get(&read.fingerprint) {
                Some(line) => RowState::Repeats(*line),
                None => {
                    first_line.insert(read.fingerprint.clone(), row.line);
                    RowState::Ready
                }
            },
            Err(_) => RowState::Problems,
        };
        preview.rows.push(PreviewRow {
            line: row.line,
            summary,
            problems,
            state,
            may_be_illegal: row.may_be_illegal,
            police_step_missing: row.read.as_ref().is_ok_and(|r| r.police_step_missing),
        });
    }
    preview.matched_people = matched.len();
    Ok((preview, log.rows))
}

/// The file as CSV text, and for a spreadsheet the sheet read and all its sheets: the sheet
/// named, or with none named the first sheet that has the log's needed columns (the first
/// sheet if none has).
/// A file's CSV text, the sheet it came from and the spreadsheet's sheets.
type SheetText<'a> = (std::borrow::Cow<'a, [u8]>, Option<String>, Vec<String>);

fn log_text<'a>(
    file: ImportFile<'a>,
    mapping: &IncidentMapping,
) -> Result<SheetText<'a>, StoreError> {
    let unreadable = |problem| StoreError::rule(import::ImportFileProblem::from(problem));
    if !spreadsheet::is_spreadsheet(file.bytes) {
        return Ok((std::borrow::Cow::Borrowed(file.bytes), None, Vec::new()));
    }
    let sheets = spreadsheet::sheet_names(file.bytes).map_err(unreadable)?;
    let read = |sheet: &str| spreadsheet::as_csv(file.bytes, Some(sheet)).map_err(unreadable);
    if let Some(named) = file.choices.sheet.as_deref() {
        let text = read(named)?;
        let name = sheets
            .iter()
            .find(|s| s.trim().eq_ignore_ascii_case(named.trim()));
        return Ok((text, name.cloned(), sheets.clone()));
    }
    for sheet in &sheets {
        let text = read(sheet)?;
        if import::has_needed_columns(&text, mapping) {
            return Ok((text, Some(sheet.clone()), sheets.clone()));
        }
    }
    let first = sheets.first().cloned();
    let text = spreadsheet::as_csv(file.bytes, None).map_err(unreadable)?;
    Ok((text, first, sheets))
}

fn describe_new(name: &str, kind: crate::domain::person::PersonKind, year: Option<u8>) -> String {
    let kind = kind.title().to_lowercase();
    match year {
        Some(year) => format!(
            "{name} ({kind}, {})",
            crate::domain::person::year_group_name(year)
        ),
        None => format!("{name} ({kind})"),
    }
}

fn summarise(read: &ImportedIncident) -> String {
    let title = category::category(&read.incident.category).map_or("", |c| c.short_title());
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

/// How far an import has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Importing {
    /// Every row is being read and checked.
    Checking,
    /// The rows found ready are being written: so many of so many.
    Writing {
        /// Rows written so far.
        done: u64,
        /// Rows to write.
        total: u64,
    },
}

impl Importing {
    /// The stage in words, with (done, total) where it is counted.
    pub fn describe(self) -> (&'static str, Option<(u64, u64)>) {
        match self {
            Importing::Checking => ("Reading and checking every row", None),
            Importing::Writing { done, total } => ("Importing the rows", Some((done, total))),
        }
    }
}

/// Whether an import goes on after telling how far it has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Going {
    /// Go on.
    On,
    /// Stop: nothing is imported.
    Stop,
}

/// Imports every new row, leaving out those with problems only as `skips` allows (with any
/// other problem, nothing is imported). Remembers the file's choices. Runs inside the
/// caller's transaction, telling `step` how far it has come after each row; when `step` says
/// stop, it stops with [`Refusal::ImportStopped`] and the caller's transaction is rolled back.
pub(crate) fn import(
    conn: &Connection,
    actor: &str,
    file: ImportFile<'_>,
    skips: Skips,
    now: NaiveDateTime,
    step: &mut dyn FnMut(Importing) -> Going,
) -> Result<ImportReport, StoreError> {
    let mut step = |now: Importing| match step(now) {
        Going::On => Ok(()),
        Going::Stop => Err(StoreError::rule(Refusal::ImportStopped)),
    };
    step(Importing::Checking)?;
    let (preview, rows) = preview(conn, file, now)?;
    if let Some(missing) = preview.missing.clone() {
        return Err(StoreError::rule(missing));
    }
    refuse_unskipped(&preview, skips)?;
    let matrices = policy::sanctions(conn)?;
    let mut directory = Directory::read(conn)?.with_chosen(&preview.choices.people);
    let source = sources::Source::of(file, actor, now);
    let mut report = ImportReport {
        already: preview.already_rows(),
        ..ImportReport::default()
    };
    let total = preview
        .rows
        .iter()
        .filter(|checked| checked.state == RowState::Ready)
        .count() as u64;
    step(Importing::Writing { done: 0, total })?;
    for (row, checked) in rows.into_iter().zip(&preview.rows) {
        if checked.state == RowState::Problems {
            report.left_out.push(checked.line);
        }
        let (Ok(read), RowState::Ready) = (row.read, checked.state) else {
            continue;
        };
        let (id, reference) =
            import_one(conn, actor, &read, &matrices, &mut directory, &mut report)?;
        source.record(conn, id, row.line, &read)?;
        if read.police_step_missing {
            report.police_step_missing.push(reference);
        }
        report.imported += 1;
        step(Importing::Writing {
            done: report.imported as u64,
            total,
        })?;
    }
    sources::remember(conn, actor, &preview.choices)?;
    Ok(report)
}

fn refuse_unskipped(preview: &ImportPreview, skips: Skips) -> Result<(), StoreError> {
    let problems = preview.problem_rows();
    let illegal = preview.illegal_problem_lines();
    if problems > 0 && !skips.problem_rows {
        return Err(StoreError::rule(Refusal::RowsHaveProblems {
            problems,
            rows: preview.rows.len(),
        }));
    }
    if !illegal.is_empty() && !skips.illegal_rows {
        return Err(StoreError::rule(Refusal::IllegalRowsHaveProblems(illegal)));
    }
    Ok(())
}

fn import_one(
    conn: &Connection,
    actor: &str,
    read: &ImportedIncident,
    matrices: &SanctionsMatrices,
    directory: &mut Directory,
    report: &mut ImportReport,
) -> Result<(i64, String), StoreError> {
    let mut incident = read.incident.clone();
    for person in &read.people {
        let found = directory
            .find(person)
            .map_err(|problem| StoreError::rule(Refusal::PersonNotClear(problem)))?;
        let (id, role) = directory.add_to_vault(conn, actor, person, found)?;
        report.people_added += usize::from(matches!(found, Found::New(..)));
        // An old log says who was involved, not their part: none is given.
        incident.people.push(Involvement::new(id, role));
    }
    let roles: Vec<Role> = incident.people.iter().map(|p| p.role).collect();
    let category = category::category(&incident.category)
        .ok_or_else(|| StoreError::rule(Refusal::CategoryNotChosen))?;
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
        let decision = incidents::Decision {
            at: when,
            by: NOT_RECORDED,
            decision: "Not referred to the police",
            reason: &read.reason_not_referred,
            not_to_refer: Some(Referral::Police),
        };
        incidents::record_decision(conn, actor, id, &decision)?;
    }
    if let Some((at, by)) = &read.parents {
        investigation::parents_informed(conn, actor, id, *at, by)?;
    }
    match (read.status, &read.closed) {
        (Status::UnderInvestigation, _) => {
            incidents::set_status(conn, actor, id, Status::UnderInvestigation)?
        }
        (Status::Closed, Some((outcome, conclusion))) => {
            incidents::close_imported(conn, actor, id, *outcome, conclusion)?
        }
        _ => {}
    }
    Ok((id, recorded.reference))
}
