//! Reading an existing incident log as the school kept it: its columns mapped to fields (or
//! kept in the notes), its category words matched to the policy's, each row checked on its
//! own so the preview lists every row's problems at once.

mod categories;
mod columns;
mod people;
mod row;
mod words;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};
use thiserror::Error;

pub use categories::{CategoryMatch, Synonyms, match_category};
pub use columns::{
    COLUMNS, IMPORT_ONLY, IncidentMapping, MappingProblem, NOT_RECORDED, REQUIRED_COLUMNS, Target,
    WRITTEN_ONLY, optional_columns,
};
pub use people::{NamedPerson, parse_year_group};
pub use row::unsure_category;
use row::{Cells, read_row};
pub use words::{ListField, ValueWords, unknown_value};

use crate::domain::incident::record::{NewIncident, Outcome, Status};

/// What the user chose for this file: the mapping and the category words they confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReadChoices {
    /// Columns to fields, on top of the names recognised.
    pub mapping: IncidentMapping,
    /// The school's words for categories.
    pub synonyms: Synonyms,
    /// The school's words for statuses, places and devices.
    pub words: ValueWords,
    /// Who a name means where several people in the vault share it and the row cannot tell
    /// them apart: the folded name → the person's id (for this import, not remembered).
    pub people: BTreeMap<String, i64>,
    /// For a spreadsheet, the sheet to read (the first when `None`); never remembered.
    pub sheet: Option<String>,
}

impl ReadChoices {
    /// These choices with `newer` on top.
    pub fn with(self, newer: &ReadChoices) -> Self {
        Self {
            mapping: self.mapping.with(&newer.mapping),
            synonyms: self.synonyms.with(&newer.synonyms),
            words: self.words.with(&newer.words),
            people: newer.people.clone(),
            sheet: newer.sheet.clone().or(self.sheet),
        }
    }
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
    /// Where it stands once imported.
    pub status: Status,
    /// For a closed row: the outcome (`None`: not recorded) and the conclusion (perhaps empty).
    pub closed: Option<(Option<Outcome>, String)>,
    /// The log says closed, but the category may be illegal and no police step is recorded:
    /// the incident is imported open and flagged.
    pub police_step_missing: bool,
    /// When it was referred to the police, and their reference.
    pub police: Option<(NaiveDateTime, String)>,
    /// Why it was not referred to the police.
    pub reason_not_referred: String,
    /// When the parents or carers were informed, and by whom.
    pub parents: Option<(NaiveDateTime, String)>,
    /// What makes the row the same incident in a later copy of the file: see [`fingerprint`].
    pub fingerprint: String,
}

/// One data row of the file: its line number and what was read, or every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportRow {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// The incident, or the row's problems.
    pub read: Result<ImportedIncident, Vec<String>>,
    /// The people it names, read even when the row has problems, so the preview can say
    /// at once who is found and who is not.
    pub people: Vec<NamedPerson>,
    /// The category may be illegal: such a row is never left out without its own flag.
    pub may_be_illegal: bool,
}

/// A log, read.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportLog {
    /// The file's columns, as it names them, and what each is used for.
    pub columns: Vec<(String, Target)>,
    /// Each distinct category cell and how it was matched.
    pub categories: BTreeMap<String, CategoryMatch>,
    /// Each status, place or device cell that is none of its field's values nor a word the
    /// school confirmed.
    pub unknown_words: BTreeSet<(ListField, String)>,
    /// Every data row that is not blank; none are read while `missing` is not empty.
    pub rows: Vec<ImportRow>,
    /// The needed fields no column gives: the columns must be mapped before any row is read.
    pub missing: Vec<String>,
}

impl ImportLog {
    /// The file's problem while a needed field has no column, naming the file's columns.
    pub fn missing_columns(&self) -> Option<ImportFileProblem> {
        (!self.missing.is_empty()).then(|| {
            let columns = self.columns.iter().map(|(name, _)| name.clone()).collect();
            ImportFileProblem::MissingColumns(self.missing.clone(), columns)
        })
    }
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
    /// Fields no column gives (and the file's columns, to map one).
    #[error("No column gives {}: map one with --mapping, e.g. --mapping \"{}=Your column\" (the file's columns are: {})", .0.join(", "), .0[0], .1.join(", "))]
    MissingColumns(Vec<String>, Vec<String>),
    /// The mapping does not fit the file.
    #[error("{0}")]
    Mapping(#[from] MappingProblem),
    /// A spreadsheet that cannot be read, or has no such sheet.
    #[error(transparent)]
    Spreadsheet(#[from] crate::domain::spreadsheet::SpreadsheetProblem),
    /// Two columns with the same name: which one holds the field cannot be told.
    #[error(
        "The header row names \"{0}\" twice: rename one of the two columns so each says what it holds"
    )]
    RepeatedColumn(String),
}

/// What makes a row the same incident in another copy of the log: the day it happened, the
/// people (names folded, in any order), the category and the description (folded, spaces
/// tidied), hashed.
pub fn fingerprint(
    occurred: NaiveDateTime,
    people: &[NamedPerson],
    category: &str,
    description: &str,
) -> String {
    let mut names: Vec<String> = people
        .iter()
        .map(|p| crate::domain::search::fold(&p.name))
        .collect();
    names.sort();
    let description = crate::domain::search::fold(description);
    let description: Vec<&str> = description.split_whitespace().collect();
    let text = format!(
        "{}\u{1f}{}\u{1f}{category}\u{1f}{}",
        occurred.date(),
        names.join("\u{1e}"),
        description.join(" ")
    );
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// Reads `bytes` as an incident log with the user's `choices`, checking each row at `now`.
pub fn parse(
    bytes: &[u8],
    choices: &ReadChoices,
    now: NaiveDateTime,
) -> Result<ImportLog, ImportFileProblem> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportFileProblem::Empty);
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header = header_of(&mut reader)?;
    let targets = choices.mapping.targets(&header)?;
    let mut log = ImportLog {
        columns: header
            .iter()
            .cloned()
            .zip(targets.iter().copied())
            .collect(),
        categories: BTreeMap::new(),
        unknown_words: BTreeSet::new(),
        rows: Vec::new(),
        missing: missing_fields(&targets),
    };
    if !log.missing.is_empty() {
        return Ok(log);
    }
    let mut lines = crate::domain::csv_lines::LineCounter::new(bytes);
    for record in reader.records() {
        let row = match record {
            Ok(record) if record.iter().all(|cell| cell.trim().is_empty()) => continue,
            Ok(record) => {
                let line = lines.line_of(record.position());
                let cells = Cells {
                    header: &header,
                    targets: &targets,
                    record: &record,
                    problems: Vec::new(),
                    unknown: &mut log.unknown_words,
                };
                read_row(cells, line, choices, now, &mut log.categories)
            }
            Err(error) => ImportRow {
                line: lines.line_of(error.position()),
                read: Err(vec![format!("this line cannot be read: {error}")]),
                people: Vec::new(),
                may_be_illegal: false,
            },
        };
        log.rows.push(row);
    }
    if log.rows.is_empty() {
        return Err(ImportFileProblem::NoRows);
    }
    Ok(log)
}

/// Whether CSV `text` has a column for every needed field under `mapping`: the sheet of a
/// spreadsheet that holds the log, when no sheet is named.
pub fn has_needed_columns(text: &[u8], mapping: &IncidentMapping) -> bool {
    header(text)
        .ok()
        .and_then(|header| {
            Some((
                mapping.clone().fitted(&header).targets(&header).ok()?,
                header,
            ))
        })
        .is_some_and(|(targets, _)| missing_fields(&targets).is_empty())
}

/// The file's column names, as its header row gives them.
pub fn header(bytes: &[u8]) -> Result<Vec<String>, ImportFileProblem> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    header_of(&mut csv::ReaderBuilder::new().flexible(true).from_reader(bytes))
}

fn header_of(reader: &mut csv::Reader<&[u8]>) -> Result<Vec<String>, ImportFileProblem> {
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| ImportFileProblem::NotCsv(e.to_string()))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    match crate::domain::csv_lines::repeated_column(&names) {
        Some(name) => Err(ImportFileProblem::RepeatedColumn(name.clone())),
        None => Ok(names),
    }
}

/// The needed fields no column is used for.
fn missing_fields(targets: &[Target]) -> Vec<String> {
    REQUIRED_COLUMNS
        .iter()
        .filter(|field| !targets.contains(&Target::Field(field)))
        .map(|field| (*field).to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::incident::Role;
    use chrono::NaiveDate;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 12, 1)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    fn read(csv: &str) -> Vec<ImportRow> {
        parse(csv.as_bytes(), &ReadChoices::default(), now())
            .unwrap()
            .rows
    }

    fn problems(rows: &[ImportRow], index: usize) -> Vec<String> {
        rows[index].read.clone().err().unwrap_or_default()
    }

    #[test]
    fn a_cell_with_a_nul_or_a_direction_override_is_a_problem_of_its_row() {
        let csv = "occurred_at,category,description\n10/11/2025,pupil.mobile-devices,fine\n10/11/2025,pupil.mobile-devices,bad\u{0}\n10/11/2025,pupil.mobile-devices,shown\u{202E}reversed\n";
        let rows = read(csv);
        assert!(problems(&rows, 0).is_empty());
        assert!(
            problems(&rows, 1)
                .iter()
                .any(|p| p.starts_with("description: holds a control character"))
        );
        assert!(problems(&rows, 2).iter().any(|p| p.contains("U+202E")));
    }

    #[test]
    fn a_header_naming_a_column_twice_is_refused_by_its_name() {
        let csv =
            "occurred_at,category,description,Description\n10/11/2025,pupil.mobile-devices,a,b\n";
        let refused = parse(csv.as_bytes(), &ReadChoices::default(), now());
        assert!(
            matches!(&refused, Err(ImportFileProblem::RepeatedColumn(name)) if name == "Description"),
            "{:?}",
            refused.map(|p| p.rows.len())
        );
        let blank_columns =
            "occurred_at,,category,,description\n10/11/2025,,pupil.mobile-devices,,a\n";
        assert!(parse(blank_columns.as_bytes(), &ReadChoices::default(), now()).is_ok());
    }

    #[test]
    fn the_import_reads_every_column_the_export_writes() {
        let header: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        let targets = IncidentMapping::default().targets(&header).unwrap();
        for (column, target) in COLUMNS.iter().zip(targets) {
            let expected = if WRITTEN_ONLY.contains(column) {
                Target::LeaveOut
            } else {
                Target::Field(column)
            };
            assert_eq!(target, expected, "{column}");
        }
    }

    #[test]
    fn a_good_row_is_read_with_its_people_status_and_referral() {
        let csv = "Occurred at,Reported by,Category,Description,People,Status,Outcome,Conclusion,Police referred at,Police reference,Reference\n\
                   10/11/2025 09:30,Mr Reid,activity.grooming,A stranger asked for photos,Zara Hughes (pupil); Tom Reid (Member of staff),closed,Substantiated,Referred and handled by police,10/11/2025 10:00,CAD 123,LOG-17\n";
        let rows = read(csv);
        let row = rows[0].read.as_ref().unwrap();
        assert_eq!(rows[0].line, 2);
        assert!(rows[0].may_be_illegal);
        assert_eq!(row.incident.category, "activity.grooming");
        assert_eq!(row.people.len(), 2);
        assert_eq!(row.people[1].role, Some(Role::Staff));
        assert_eq!(row.status, Status::Closed);
        assert!(!row.police_step_missing);
        assert_eq!(row.police.as_ref().unwrap().1, "CAD 123");
        assert_eq!(row.source_reference, "LOG-17");
    }

    #[test]
    fn a_schools_own_log_is_read_with_its_extra_columns_in_the_notes() {
        let csv = "Date,Name,Year,Type,What happened,Status,Form\r\n\
                   03/10/2025,Zoë O'Brien,Year 8,Grooming,Messages from an adult,Closed,8B\r\n\
                   \r\n\
                   06/10/2025,Leo Park,9,Phones cameras or devices,Phone out in maths,Resolved,9C\r\n";
        let log = parse(csv.as_bytes(), &ReadChoices::default(), now()).unwrap();
        assert_eq!(log.rows.len(), 2);
        assert_eq!(log.rows[1].line, 4);
        let grooming = log.rows[0].read.as_ref().unwrap();
        assert_eq!(grooming.incident.reported_by, NOT_RECORDED);
        assert_eq!(grooming.people[0].year_group, Some(8));
        assert_eq!(
            grooming.incident.description,
            "Messages from an adult\n\nFrom the old log:\nForm: 8B\nYear: Year 8"
        );
        assert_eq!(
            grooming.status,
            Status::Open,
            "illegal, no police step: left open"
        );
        assert!(grooming.police_step_missing);
        let phone = log.rows[1].read.as_ref().unwrap();
        assert_eq!(phone.status, Status::Closed);
        assert_eq!(
            phone.closed,
            Some((None, String::new())),
            "outcome not recorded"
        );
        assert_eq!(log.columns[6], ("Form".to_owned(), Target::Notes));
    }

    #[test]
    fn every_problem_of_a_row_is_named_with_its_column_at_once() {
        let csv = "occurred_at,reported_by,category,description,status,people,device\n\
                   31/02/2025,Mr Reid,Cyberbullying,,closed,Zara,tablet\n";
        let rows = read(csv);
        let first = problems(&rows, 0);
        assert!(
            first.contains(&"category: \"Cyberbullying\" is not one of the policy's categories: confirm the closest (pupil.offensive-messages) or choose another, as the categories above say".to_owned()),
            "{first:?}"
        );
        let log = parse(csv.as_bytes(), &ReadChoices::default(), now()).unwrap();
        let CategoryMatch::Unsure(closest) = &log.categories["Cyberbullying"] else {
            panic!("no exact match for the school's word")
        };
        assert!(
            unsure_category("Cyberbullying", closest).ends_with(
                "confirm one with --category \"Cyberbullying=pupil.offensive-messages\""
            )
        );
        assert!(
            first.contains(
                &"occurred_at: \"31/02/2025\" is not a date (write it like 10/11/2025 09:30, the year in full)"
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
                .any(|p| p.starts_with("people: \"Zara\" needs a given name"))
        );
    }

    #[test]
    fn a_file_without_the_needed_columns_or_rows_is_refused_whole() {
        let parse = |csv: &[u8]| parse(csv, &ReadChoices::default(), now());
        assert_eq!(parse(b""), Err(ImportFileProblem::Empty));
        assert_eq!(
            parse(b"occurred_at,reported_by,category,description\n"),
            Err(ImportFileProblem::NoRows)
        );
        let unmapped = parse(b"when it was,reported_by,category\n1,2,3\n").unwrap();
        assert!(
            unmapped.rows.is_empty(),
            "no row is read until the columns are mapped"
        );
        assert_eq!(
            unmapped.missing_columns(),
            Some(ImportFileProblem::MissingColumns(
                vec!["occurred_at".into(), "description".into()],
                vec![
                    "when it was".into(),
                    "reported_by".into(),
                    "category".into()
                ]
            ))
        );
    }

    #[test]
    fn a_future_date_and_a_short_line_are_problems_of_their_row() {
        let csv = "occurred_at,reported_by,category,description\n\
                   01/01/2030,Mr Reid,pupil.mobile-devices,Phone in lesson\n\
                   01/11/2025,Mr Reid\n";
        let rows = read(csv);
        assert_eq!(
            problems(&rows, 0),
            ["When it happened cannot be in the future"]
        );
        assert!(
            problems(&rows, 1)[0].starts_with("this line has 2 cells but the header has 4 columns")
        );
    }

    #[test]
    fn the_fingerprint_ignores_case_order_time_and_spacing_but_not_the_facts() {
        let person = |name: &str| NamedPerson {
            name: name.into(),
            role: None,
            year_group: None,
        };
        let at = |h| {
            NaiveDate::from_ymd_opt(2025, 10, 3)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        let one = fingerprint(
            at(9),
            &[person("Zoë O'Brien"), person("Leo Park")],
            "activity.grooming",
            "Messages  from an adult",
        );
        let same = fingerprint(
            at(0),
            &[person("leo park"), person("Zoe OBrien")],
            "activity.grooming",
            "messages from an adult ",
        );
        assert_eq!(one, same);
        assert_ne!(
            one,
            fingerprint(
                at(9),
                &[person("Leo Park")],
                "activity.grooming",
                "Messages from an adult"
            )
        );
        assert_ne!(
            one,
            fingerprint(
                at(9),
                &[person("Zoë O'Brien"), person("Leo Park")],
                "pupil.mobile-devices",
                "Messages from an adult"
            )
        );
    }
}
