//! Reading an existing incident log from a spreadsheet's CSV: the documented columns, each
//! row checked on its own so the preview can list every row's problems.

use chrono::NaiveDateTime;
use thiserror::Error;

use crate::domain::incident::category::{self, Category, RiskArea};
use crate::domain::incident::record::{
    Device, Location, NewIncident, Outcome, PlannedAction, Role, Status,
};
use crate::domain::incident::rules;
use crate::domain::when;

/// The incident log's CSV columns, in the order the export writes them: the one list the
/// export and the import share (documented in the user guide). The import needs
/// [`REQUIRED_COLUMNS`], reads the others where a file has them and ignores [`WRITTEN_ONLY`],
/// so an export can be imported into another vault.
pub const COLUMNS: [&str; 22] = [
    "reference",
    "occurred_at",
    "reported_at",
    "reported_by",
    "location",
    "device",
    "category",
    "category_title",
    "level",
    "risk_area",
    "description",
    "urls",
    "status",
    "outcome",
    "conclusion",
    "people",
    "actions_chosen",
    "police_referred_at",
    "police_reference",
    "reason_not_referred_to_police",
    "parents_informed_at",
    "parents_informed_by",
];

/// Columns every imported file must have.
pub const REQUIRED_COLUMNS: [&str; 4] = ["occurred_at", "reported_by", "category", "description"];

/// Columns the export writes for people to read, which the import ignores: the category's
/// words and level, worked out again from its key.
pub const WRITTEN_ONLY: [&str; 2] = ["category_title", "level"];

/// The columns an imported file may have besides the required ones, in the export's order.
pub fn optional_columns() -> Vec<&'static str> {
    COLUMNS
        .into_iter()
        .filter(|column| !REQUIRED_COLUMNS.contains(column))
        .collect()
}

/// Someone named on an imported row, found or added by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPerson {
    /// "Given Family".
    pub name: String,
    /// Their part in the incident.
    pub role: Role,
}

/// One row read without problems.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedIncident {
    /// The incident as the form would have made it: people are attached by name later, and
    /// the chosen actions are marked as suggested once the current tables are known.
    pub incident: NewIncident,
    /// The reference the row had in the old log.
    pub source_reference: String,
    /// The people named.
    pub people: Vec<NamedPerson>,
    /// Where it stands.
    pub status: Status,
    /// For a closed row: the outcome and the conclusion.
    pub closed: Option<(Outcome, String)>,
    /// When it was referred to the police, and their reference.
    pub police: Option<(NaiveDateTime, String)>,
    /// Why it was not referred to the police.
    pub reason_not_referred: String,
    /// When the parents or carers were informed, and by whom.
    pub parents: Option<(NaiveDateTime, String)>,
}

/// One data row of the file: its line number and what was read, or every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// The incident, or the row's problems.
    pub read: Result<ImportedIncident, Vec<String>>,
}

/// Why the file as a whole cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportFileProblem {
    /// Nothing in it.
    #[error("The file is empty: it needs a header row and at least one incident")]
    Empty,
    /// A header but no rows.
    #[error("The file has a header row but no incidents")]
    NoRows,
    /// Not readable as CSV text.
    #[error("The file is not a CSV file that can be read: {0}")]
    NotCsv(String),
    /// Required columns missing (and the columns there that the import does not know).
    #[error("The file has no {} column{}: 'Importing an incident log' in the user guide lists the columns an import needs", .0.join(", "), unknown_hint(.1))]
    MissingColumns(Vec<String>, Vec<String>),
    /// Columns the import does not know (their data would be lost).
    #[error("The file has columns the import does not know: {}. Rename them to the user guide's column names ('Importing an incident log') or remove them, so nothing is left out unnoticed", .0.join(", "))]
    UnknownColumns(Vec<String>),
}

fn unknown_hint(unknown: &[String]) -> String {
    if unknown.is_empty() {
        String::new()
    } else {
        format!(
            " (it has {}, which the import does not know)",
            unknown.join(", ")
        )
    }
}

/// Reads `bytes` as an incident log, checking each row at `now`.
pub fn parse(bytes: &[u8], now: NaiveDateTime) -> Result<Vec<ImportRow>, ImportFileProblem> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportFileProblem::Empty);
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| ImportFileProblem::NotCsv(e.to_string()))?
        .iter()
        .map(column_name)
        .collect();
    check_header(&header)?;
    let mut rows = Vec::new();
    let mut lines = crate::domain::csv_lines::LineCounter::new(bytes);
    for record in reader.records() {
        let (line, read) = match record {
            Ok(record) => {
                let line = lines.line_of(record.position());
                (line, read_row(&header, &record, now))
            }
            Err(error) => {
                let line = lines.line_of(error.position());
                (
                    line,
                    Err(vec![format!("this line cannot be read: {error}")]),
                )
            }
        };
        rows.push(ImportRow { line, read });
    }
    if rows.is_empty() {
        return Err(ImportFileProblem::NoRows);
    }
    Ok(rows)
}

/// "Occurred at " → "occurred_at".
fn column_name(raw: &str) -> String {
    raw.trim().to_lowercase().replace([' ', '-'], "_")
}

fn check_header(header: &[String]) -> Result<(), ImportFileProblem> {
    let missing: Vec<String> = REQUIRED_COLUMNS
        .iter()
        .filter(|column| !header.iter().any(|h| h == *column))
        .map(|column| (*column).to_owned())
        .collect();
    let unknown: Vec<String> = header
        .iter()
        .filter(|h| !COLUMNS.contains(&h.as_str()))
        .cloned()
        .collect();
    match (missing.is_empty(), unknown.is_empty()) {
        (true, true) => Ok(()),
        (true, false) => Err(ImportFileProblem::UnknownColumns(unknown)),
        (false, _) => Err(ImportFileProblem::MissingColumns(missing, unknown)),
    }
}

/// One row's cells by column name, collecting problems as they are found.
struct Cells<'a> {
    header: &'a [String],
    record: &'a csv::StringRecord,
    problems: Vec<String>,
}

impl Cells<'_> {
    /// The cell, trimmed, with the apostrophe the export puts before formula-like text removed.
    fn get(&self, column: &str) -> &str {
        let cell = self
            .header
            .iter()
            .position(|h| h == column)
            .and_then(|index| self.record.get(index))
            .map_or("", str::trim);
        match cell.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
            _ => cell,
        }
    }

    fn problem(&mut self, column: &str, message: String) {
        self.problems.push(format!("{column}: {message}"));
    }

    fn date(&mut self, column: &str) -> Option<NaiveDateTime> {
        let typed = self.get(column).to_owned();
        if typed.is_empty() {
            return None;
        }
        let parsed = when::parse_date_time(&typed);
        if parsed.is_none() {
            self.problem(
                column,
                format!("\"{typed}\" is not a date (write it like 10/11/2025 09:30)"),
            );
        }
        parsed
    }

    /// A value from a fixed list, by its code or its words in any case; `default` when empty.
    fn choice<T: Copy>(
        &mut self,
        column: &str,
        all: &[T],
        describe: fn(T) -> [&'static str; 2],
        default: T,
    ) -> T {
        let typed = self.get(column).to_owned();
        if typed.is_empty() {
            return default;
        }
        let found = all.iter().copied().find(|value| {
            describe(*value)
                .iter()
                .any(|name| name.eq_ignore_ascii_case(&typed))
        });
        found.unwrap_or_else(|| {
            let names: Vec<&str> = all.iter().map(|value| describe(*value)[0]).collect();
            self.problem(
                column,
                format!("\"{typed}\" is not one of: {}", names.join(", ")),
            );
            default
        })
    }
}

fn read_row(
    header: &[String],
    record: &csv::StringRecord,
    now: NaiveDateTime,
) -> Result<ImportedIncident, Vec<String>> {
    let mut cells = Cells {
        header,
        record,
        problems: Vec::new(),
    };
    if record.len() != header.len() {
        cells.problems.push(format!(
            "this line has {} cells but the header has {} columns",
            record.len(),
            header.len()
        ));
    }
    let category = read_category(&mut cells);
    let occurred = cells.date("occurred_at");
    if occurred.is_none() && cells.get("occurred_at").is_empty() {
        cells.problem("occurred_at", "enter when it happened".into());
    }
    let reported = cells.date("reported_at").or(occurred);
    let location = cells.choice(
        "location",
        Location::ALL,
        |l| [l.code(), l.title()],
        Location::Other,
    );
    let device = cells.choice(
        "device",
        Device::ALL,
        |d| [d.code(), d.title()],
        Device::NotKnown,
    );
    let risk_default = category.map_or(RiskArea::Content, |c| c.risk);
    let risk = cells.choice(
        "risk_area",
        &RiskArea::ALL,
        |r| [r.code(), r.title()],
        risk_default,
    );
    let status = cells.choice(
        "status",
        Status::ALL,
        |s| [s.code(), s.title()],
        Status::Open,
    );
    let people = read_people(&mut cells);
    let closed = read_closing(&mut cells, status);
    let police = cells
        .date("police_referred_at")
        .map(|at| (at, cells.get("police_reference").to_owned()));
    let reason_not_referred = cells.get("reason_not_referred_to_police").to_owned();
    let parents = read_parents(&mut cells);
    let (Some(category), Some(occurred), Some(reported)) = (category, occurred, reported) else {
        return Err(cells.problems);
    };
    let closable = rules::check_close(category, police.is_some(), Some(&reason_not_referred));
    if let (Status::Closed, Err(problem)) = (status, closable) {
        cells.problem(
            "status",
            format!("{problem} (police_referred_at or reason_not_referred_to_police)"),
        );
    }
    let incident = NewIncident {
        occurred_at: occurred,
        reported_at: reported,
        reported_by: cells.get("reported_by").to_owned(),
        location,
        device,
        category: category.key.to_owned(),
        risk,
        description: cells.get("description").to_owned(),
        urls: cells
            .get("urls")
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        people: Vec::new(),
        actions: cells
            .get("actions_chosen")
            .split(';')
            .map(str::trim)
            .filter(|action| !action.is_empty())
            .map(|action| PlannedAction {
                action: action.to_owned(),
                suggested: false,
                chosen: true,
            })
            .collect(),
    };
    if let Err(problem) = incident.validate(now) {
        cells.problems.push(problem.to_string());
    }
    if !cells.problems.is_empty() {
        return Err(cells.problems);
    }
    Ok(ImportedIncident {
        incident,
        source_reference: cells.get("reference").to_owned(),
        people,
        status,
        closed,
        police,
        reason_not_referred,
        parents,
    })
}

fn read_category(cells: &mut Cells<'_>) -> Option<&'static Category> {
    let typed = cells.get("category").to_owned();
    let found = category::category(&typed).or_else(|| category::category_titled(&typed));
    if found.is_none() {
        let message = if typed.is_empty() {
            "choose one of the policy's categories".to_owned()
        } else {
            format!(
                "\"{typed}\" is not one of the policy's categories (use the key or the exact words from the user guide's list, under 'Importing an incident log')"
            )
        };
        cells.problem("category", message);
    }
    found
}

/// "Zara Hughes (pupil); Tom Reid (Member of staff)".
fn read_people(cells: &mut Cells<'_>) -> Vec<NamedPerson> {
    let typed = cells.get("people").to_owned();
    let mut people: Vec<NamedPerson> = Vec::new();
    for entry in typed.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let parsed = entry
            .strip_suffix(')')
            .and_then(|rest| rest.rsplit_once('('))
            .map(|(name, role)| (name.trim(), role.trim()));
        let Some((name, role_text)) = parsed.filter(|(name, _)| !name.is_empty()) else {
            cells.problem(
                "people",
                format!("\"{entry}\" needs a role in brackets, e.g. Zara Hughes (pupil)"),
            );
            continue;
        };
        let role = Role::ALL.iter().copied().find(|r| {
            r.code().eq_ignore_ascii_case(role_text) || r.title().eq_ignore_ascii_case(role_text)
        });
        let Some(role) = role else {
            cells.problem(
                "people",
                format!("\"{role_text}\" is not a role (pupil, staff, headteacher, parent, other)"),
            );
            continue;
        };
        if name.split_whitespace().count() < 2 {
            cells.problem(
                "people",
                format!("\"{name}\" needs a given name and a family name"),
            );
            continue;
        }
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if people.iter().any(|p| p.name.eq_ignore_ascii_case(&name)) {
            cells.problem("people", format!("{name} is listed twice"));
            continue;
        }
        people.push(NamedPerson { name, role });
    }
    people
}

fn read_closing(cells: &mut Cells<'_>, status: Status) -> Option<(Outcome, String)> {
    let outcome_typed = cells.get("outcome").to_owned();
    let outcome = (!outcome_typed.is_empty()).then(|| {
        cells.choice(
            "outcome",
            Outcome::ALL,
            |o| [o.code(), o.title()],
            Outcome::NotSubstantiated,
        )
    });
    let conclusion = cells.get("conclusion").to_owned();
    if status != Status::Closed {
        return None;
    }
    match outcome {
        None => {
            cells.problem(
                "outcome",
                "a closed incident needs its outcome (substantiated or not-substantiated)".into(),
            );
            None
        }
        Some(_) if conclusion.is_empty() => {
            cells.problem(
                "conclusion",
                "a closed incident needs its conclusion".into(),
            );
            None
        }
        Some(outcome) => Some((outcome, conclusion)),
    }
}

fn read_parents(cells: &mut Cells<'_>) -> Option<(NaiveDateTime, String)> {
    let at = cells.date("parents_informed_at")?;
    let by = cells.get("parents_informed_by").to_owned();
    if by.is_empty() {
        cells.problem(
            "parents_informed_by",
            "say who informed the parents or carers".into(),
        );
        return None;
    }
    Some((at, by))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_import_reads_every_column_the_export_writes() {
        for column in REQUIRED_COLUMNS.iter().chain(&WRITTEN_ONLY) {
            assert!(COLUMNS.contains(column), "{column}");
        }
        let optional = optional_columns();
        assert_eq!(optional.len() + REQUIRED_COLUMNS.len(), COLUMNS.len());
        let header: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        assert_eq!(check_header(&header), Ok(()));
    }

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 12, 1)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    fn problems(rows: &[ImportRow], index: usize) -> Vec<String> {
        rows[index].read.clone().err().unwrap_or_default()
    }

    #[test]
    fn a_good_row_is_read_with_its_people_status_and_referral() {
        let csv = "Occurred at,Reported by,Category,Description,People,Status,Outcome,Conclusion,Police referred at,Police reference,Reference\n\
                   10/11/2025 09:30,Mr Reid,activity.grooming,A stranger asked for photos,Zara Hughes (pupil); Tom Reid (Member of staff),closed,Substantiated,Referred and handled by police,10/11/2025 10:00,CAD 123,LOG-17\n";
        let rows = parse(csv.as_bytes(), now()).unwrap();
        let row = rows[0].read.as_ref().unwrap();
        assert_eq!(rows[0].line, 2);
        assert_eq!(row.incident.category, "activity.grooming");
        assert_eq!(row.people.len(), 2);
        assert_eq!(row.people[1].role, Role::Staff);
        assert_eq!(row.status, Status::Closed);
        assert_eq!(row.police.as_ref().unwrap().1, "CAD 123");
        assert_eq!(row.source_reference, "LOG-17");
    }

    #[test]
    fn every_problem_of_a_row_is_named_with_its_column() {
        let csv = "occurred_at,reported_by,category,description,status,people,device\n\
                   31/02/2025,Mr Reid,Gaming,,closed,Zara,tablet\n\
                   01/11/2025,Mrs Shah,activity.grooming,Asked for photos,closed,,\n";
        let rows = parse(csv.as_bytes(), now()).unwrap();
        let first = problems(&rows, 0);
        assert!(first.contains(&"category: \"Gaming\" is not one of the policy's categories (use the key or the exact words from the user guide's list, under 'Importing an incident log')".to_owned()), "{first:?}");
        assert!(
            first.contains(
                &"occurred_at: \"31/02/2025\" is not a date (write it like 10/11/2025 09:30)"
                    .to_owned()
            )
        );
        assert!(
            first
                .iter()
                .any(|p| p.starts_with("device: \"tablet\" is not one of:"))
        );
        assert!(
            first
                .iter()
                .any(|p| p.starts_with("people: \"Zara\" needs a role"))
        );
        assert!(
            first
                .iter()
                .any(|p| p.starts_with("outcome: a closed incident needs its outcome"))
        );
        let second = problems(&rows, 1);
        assert!(
            second.iter().any(|p| p.contains("illegal category")),
            "{second:?}"
        );
    }

    #[test]
    fn a_file_without_the_needed_columns_or_rows_is_refused_whole() {
        assert_eq!(parse(b"", now()), Err(ImportFileProblem::Empty));
        assert_eq!(
            parse(b"occurred_at,reported_by,category,description\n", now()),
            Err(ImportFileProblem::NoRows)
        );
        assert_eq!(
            parse(b"date,reported_by,category\n1,2,3\n", now()),
            Err(ImportFileProblem::MissingColumns(
                vec!["occurred_at".into(), "description".into()],
                vec!["date".into()]
            ))
        );
        assert_eq!(
            parse(
                b"occurred_at,reported_by,category,description,notes\n1,2,3,4,5\n",
                now()
            ),
            Err(ImportFileProblem::UnknownColumns(vec!["notes".into()]))
        );
    }

    #[test]
    fn a_future_date_and_a_short_line_are_problems_of_their_row() {
        let csv = "occurred_at,reported_by,category,description\n\
                   01/01/2030,Mr Reid,pupil.mobile-devices,Phone in lesson\n\
                   01/11/2025,Mr Reid\n";
        let rows = parse(csv.as_bytes(), now()).unwrap();
        assert_eq!(
            problems(&rows, 0),
            ["When it happened cannot be in the future"]
        );
        assert!(
            problems(&rows, 1)[0].starts_with("this line has 2 cells but the header has 4 columns")
        );
    }
}
