//! Reading the people lists a school's management information system exports (SIMS, Arbor
//! and others name their columns differently): columns mapped to fields by their usual names
//! or by the user, then each row checked on its own.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use thiserror::Error;

use crate::domain::person::{NewPerson, PersonFlags, PersonKind};
use crate::domain::when;

/// A field a people list can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The MIS's own id (admission number, staff code): what re-imports match on.
    ExternalId,
    /// Given name.
    GivenName,
    /// Family name.
    FamilyName,
    /// A pupil's year group.
    YearGroup,
    /// Date of birth.
    DateOfBirth,
    /// Unique Pupil Number.
    Upn,
    /// Job title or role.
    Role,
    /// Start date.
    StartDate,
    /// Leaving date.
    LeavingDate,
    /// For a parent or carer: their children's MIS ids.
    Children,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 10] = [
        Field::ExternalId,
        Field::GivenName,
        Field::FamilyName,
        Field::YearGroup,
        Field::DateOfBirth,
        Field::Upn,
        Field::Role,
        Field::StartDate,
        Field::LeavingDate,
        Field::Children,
    ];

    /// The name used in `--mapping` and the README.
    pub fn code(self) -> &'static str {
        match self {
            Field::ExternalId => "external_id",
            Field::GivenName => "given_name",
            Field::FamilyName => "family_name",
            Field::YearGroup => "year_group",
            Field::DateOfBirth => "date_of_birth",
            Field::Upn => "upn",
            Field::Role => "role",
            Field::StartDate => "start_date",
            Field::LeavingDate => "leaving_date",
            Field::Children => "children",
        }
    }

    /// Column names MIS exports use for the field (lower case, single spaces).
    fn usual_names(self) -> &'static [&'static str] {
        match self {
            Field::ExternalId => &[
                "external_id",
                "external id",
                "admission no",
                "admission number",
                "adno",
                "staff code",
                "employee number",
                "employee no",
                "mis id",
                "arbor id",
                "person id",
                "id",
            ],
            Field::GivenName => &[
                "given_name",
                "given name",
                "forename",
                "legal forename",
                "first name",
                "preferred forename",
                "firstname",
            ],
            Field::FamilyName => &[
                "family_name",
                "family name",
                "surname",
                "legal surname",
                "last name",
                "lastname",
                "preferred surname",
            ],
            Field::YearGroup => &[
                "year_group",
                "year group",
                "year",
                "nc year",
                "national curriculum year",
                "reg year",
                "curriculum year",
            ],
            Field::DateOfBirth => &["date_of_birth", "date of birth", "dob", "birth date"],
            Field::Upn => &["upn", "unique pupil number"],
            Field::Role => &["role", "staff role", "job title", "post", "position"],
            Field::StartDate => &[
                "start_date",
                "start date",
                "employment start date",
                "employment start",
                "contract start",
                "contract start date",
                "date of admission",
                "admission date",
                "start",
            ],
            Field::LeavingDate => &[
                "leaving_date",
                "leaving date",
                "end date",
                "date of leaving",
                "employment end date",
                "employment end",
                "contract end",
                "contract end date",
            ],
            Field::Children => &[
                "children",
                "child",
                "child adno",
                "pupil adno",
                "child admission no",
                "pupil admission no",
                "child id",
                "pupil id",
            ],
        }
    }

    /// The words the import screen shows.
    pub fn title(self) -> &'static str {
        match self {
            Field::ExternalId => "MIS id (re-imports match on it)",
            Field::GivenName => "Given name",
            Field::FamilyName => "Family name",
            Field::YearGroup => "Year group",
            Field::DateOfBirth => "Date of birth",
            Field::Upn => "UPN",
            Field::Role => "Role or job title",
            Field::StartDate => "Start date",
            Field::LeavingDate => "Leaving date",
            Field::Children => "Children's MIS ids",
        }
    }

    /// Whether a list of `kind` can fill the field.
    pub fn applies_to(self, kind: PersonKind) -> bool {
        match self {
            Field::YearGroup | Field::DateOfBirth | Field::Upn => kind == PersonKind::Pupil,
            Field::Role => kind != PersonKind::Pupil,
            Field::Children => kind == PersonKind::ParentOrCarer,
            _ => true,
        }
    }

    /// The field for a `--mapping` name.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code.trim())
    }
}

/// Which column fills which field, by the column's name as the file has it; an empty column
/// name means the field is deliberately not imported (even if a column's name suggests it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mapping(pub BTreeMap<Field, String>);

/// What is wrong with a people file as a whole, or with a mapping.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeopleFileProblem {
    /// Nothing in it.
    #[error("The file is empty: it needs a header row and at least one person")]
    Empty,
    /// Not readable.
    #[error("The file is not a CSV file that can be read: {0}")]
    NotCsv(String),
    /// A name column is not mapped.
    #[error("No column gives the {0}: map one with --mapping {1}=\"Column name\"")]
    Unmapped(&'static str, &'static str),
    /// A mapping line that cannot be read.
    #[error(
        "\"{0}\" is not a mapping: write field=Column name, e.g. given_name=Forename, or field= to leave a field out (fields: external_id, given_name, family_name, year_group, date_of_birth, upn, role, start_date, leaving_date, children)"
    )]
    BadMapping(String),
    /// The columns say the list is of another kind of person than the one asked for.
    #[error(
        "This does not look like a list of {kind}: it has {columns}, which a list of {other} has. Import it as {other}, or if it really is a list of {kind}, leave those columns out with --mapping {unmap}"
    )]
    LooksLikeOtherKind {
        /// The kind asked for.
        kind: String,
        /// The columns that give it away.
        columns: String,
        /// The kind it looks like.
        other: &'static str,
        /// The mapping that leaves the columns out.
        unmap: &'static str,
    },
    /// A mapping naming a column the file does not have.
    #[error("The file has no column \"{0}\"")]
    NoSuchColumn(String),
    /// Two columns with the same name.
    #[error(
        "The header row names \"{0}\" twice: rename one of the two columns so each says what it holds"
    )]
    RepeatedColumn(String),
}

impl Mapping {
    /// Reads `given_name=Forename,family_name=Surname`.
    pub fn parse(text: &str) -> Result<Self, PeopleFileProblem> {
        let mut mapping = Mapping::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (field, column) = part
                .split_once('=')
                .and_then(|(f, c)| Some((Field::from_code(f)?, c.trim().trim_matches('"'))))
                .ok_or_else(|| PeopleFileProblem::BadMapping(part.to_owned()))?;
            mapping.0.insert(field, column.to_owned());
        }
        Ok(mapping)
    }

    /// As `parse` reads it.
    pub fn to_text(&self) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(f, c)| format!("{}={c}", f.code()))
            .collect();
        parts.join(",")
    }

    /// The columns recognised by their usual names.
    pub fn detect(header: &[String]) -> Self {
        let mut mapping = Mapping::default();
        for field in Field::ALL {
            let found = header
                .iter()
                .find(|h| field.usual_names().contains(&simplified(h).as_str()));
            if let Some(column) = found {
                mapping.0.insert(field, column.clone());
            }
        }
        mapping
    }

    /// This mapping with `overrides` on top (an empty override stays, unmapping the field).
    pub fn with(mut self, overrides: &Mapping) -> Self {
        for (field, column) in &overrides.0 {
            self.0.insert(*field, column.clone());
        }
        self
    }

    /// The fields actually read: without those deliberately not imported.
    pub fn in_use(mut self) -> Self {
        self.0.retain(|_, column| !column.is_empty());
        self
    }
}

/// The staff groups a job title puts someone in (the training audit's teaching, technical,
/// DSL and deputy, E-Safety Group), and whether it is the Headteacher's. A title that says
/// none of these is support staff. Groups can be changed by hand on the person's page; a
/// re-import only ever adds a group, never takes one away.
pub fn staff_group_of(title: &str) -> (PersonFlags, bool) {
    let title = format!(
        " {} ",
        title.to_lowercase().replace(['-', '/', ',', '(', ')'], " ")
    );
    let says = |words: &[&str]| words.iter().any(|w| title.contains(&format!(" {w} ")));
    let senior_deputy = says(&[
        "deputy head",
        "deputy headteacher",
        "assistant head",
        "assistant headteacher",
        "deputy principal",
        "assistant principal",
    ]);
    let headteacher = !senior_deputy
        && says(&[
            "headteacher",
            "head teacher",
            "principal",
            "executive head",
            "head of school",
        ]);
    let assistant = says(&[
        "teaching assistant",
        "hlta",
        "higher level teaching assistant",
        "learning support assistant",
    ]);
    let deputy_dsl = says(&["deputy dsl", "deputy designated safeguarding lead", "ddsl"]);
    let flags = PersonFlags {
        dsl: !deputy_dsl && says(&["dsl", "designated safeguarding lead", "safeguarding lead"]),
        deputy_dsl,
        esafety_group: says(&["e safety", "esafety", "online safety"]),
        technical: says(&[
            "network manager",
            "technician",
            "ict technician",
            "it technician",
            "it manager",
            "it support",
            "systems manager",
        ]),
        teaching: headteacher
            || senior_deputy
            || (says(&["teaching"]) && !assistant)
            || says(&[
                "teacher",
                "senco",
                "head of",
                "lecturer",
                "class teacher",
                "subject leader",
                "nqt",
                "ect",
                "tutor",
            ]),
    };
    (flags, headteacher)
}

/// "  Legal  Surname " → "legal surname".
fn simplified(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One data row: its line, and the person or every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// The person, or the row's problems.
    pub read: Result<NewPerson, Vec<String>>,
    /// For a parent or carer: the MIS ids of their children on the roll.
    pub children: Vec<String>,
}

/// A people file, read: the mapping used and each row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleFile {
    /// The mapping in force (detected, with the user's on top).
    pub mapping: Mapping,
    /// Every data row that is not blank or a repeat of an earlier one.
    pub rows: Vec<PersonRow>,
    /// Lines that repeated an earlier line exactly and were counted once.
    pub repeats: Vec<u64>,
}

impl PeopleFile {
    /// Turns each row whose date of birth is not before `today` into a problem of that row:
    /// no one on a school's lists was born today or is yet to be.
    pub fn refuse_births_from(&mut self, today: NaiveDate) {
        for row in &mut self.rows {
            let Ok(person) = &row.read else { continue };
            if let Some(born) = person.date_of_birth.filter(|born| *born >= today) {
                row.read = Err(vec![format!(
                    "date_of_birth: {} is not before today: check the date and the year",
                    born.format("%d/%m/%Y")
                )]);
            }
        }
    }
}

/// The file as text, without a byte-order mark.
fn text_of(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    String::from_utf8_lossy(bytes)
}

/// A CSV reader for `text`, splitting on commas, semicolons or tabs, whichever the first line
/// uses most.
fn reader_for(text: &str) -> Result<csv::Reader<&[u8]>, PeopleFileProblem> {
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err(PeopleFileProblem::Empty);
    };
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    Ok(csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes()))
}

fn header_of(reader: &mut csv::Reader<&[u8]>) -> Result<Vec<String>, PeopleFileProblem> {
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| PeopleFileProblem::NotCsv(e.to_string()))?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    match crate::domain::csv_lines::repeated_column(&names) {
        Some(name) => Err(PeopleFileProblem::RepeatedColumn(name.clone())),
        None => Ok(names),
    }
}

/// The column names in a people file's header row, for mapping them to fields.
pub fn columns(bytes: &[u8]) -> Result<Vec<String>, PeopleFileProblem> {
    let text = text_of(bytes);
    header_of(&mut reader_for(&text)?)
}

/// Reads a people list of `kind`, with `overrides` on top of the detected mapping.
pub fn parse(
    bytes: &[u8],
    kind: PersonKind,
    overrides: &Mapping,
) -> Result<PeopleFile, PeopleFileProblem> {
    let text = text_of(bytes);
    let mut reader = reader_for(&text)?;
    let header = header_of(&mut reader)?;
    let mapping = Mapping::detect(&header).with(overrides).in_use();
    check_mapping(&mapping, &header)?;
    let mut filled: Vec<Field> = Vec::new();
    let mut file = PeopleFile {
        mapping,
        rows: Vec::new(),
        repeats: Vec::new(),
    };
    let mut seen: BTreeMap<Vec<String>, u64> = BTreeMap::new();
    let mut lines = crate::domain::csv_lines::LineCounter::new(text.as_bytes());
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = lines.line_of(error.position());
                file.rows.push(PersonRow {
                    line,
                    read: Err(vec![format!("this line cannot be read: {error}")]),
                    children: Vec::new(),
                });
                continue;
            }
        };
        let line = lines.line_of(record.position());
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        for (field, column) in &file.mapping.0 {
            let index = header.iter().position(|h| h == column);
            if index
                .and_then(|i| cells.get(i))
                .is_some_and(|cell| !cell.is_empty())
                && !filled.contains(field)
            {
                filled.push(*field);
            }
        }
        if seen.insert(cells.clone(), line).is_some() {
            file.repeats.push(line);
            continue;
        }
        let read = read_person(&file.mapping, &header, &cells, kind);
        let children = file
            .mapping
            .0
            .get(&Field::Children)
            .and_then(|column| header.iter().position(|h| h == column))
            .and_then(|index| cells.get(index))
            .map(|cell| {
                cell.split([';', '|', '/', ' ', ','])
                    .filter(|id| !id.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        file.rows.push(PersonRow {
            line,
            read,
            children,
        });
    }
    if file.rows.is_empty() {
        return Err(PeopleFileProblem::Empty);
    }
    check_kind(&file.mapping, &filled, kind)?;
    Ok(file)
}

/// A staff list has no year groups and dates of birth; a pupil list has no job titles. A
/// list whose recognised columns hold what the other kind has (`filled`: the fields some row
/// gives) is refused, unless the user
/// leaves those columns out with the mapping (`year_group=` …).
fn check_kind(
    mapping: &Mapping,
    filled: &[Field],
    kind: PersonKind,
) -> Result<(), PeopleFileProblem> {
    let has = |field| filled.contains(&field);
    if kind != PersonKind::Pupil && has(Field::YearGroup) && has(Field::DateOfBirth) {
        return Err(PeopleFileProblem::LooksLikeOtherKind {
            kind: kind.title().to_lowercase(),
            columns: format!(
                "\"{}\" and \"{}\"",
                mapping.0[&Field::YearGroup],
                mapping.0[&Field::DateOfBirth]
            ),
            other: "pupils",
            unmap: "year_group=,date_of_birth=",
        });
    }
    if kind == PersonKind::Pupil && has(Field::Role) {
        return Err(PeopleFileProblem::LooksLikeOtherKind {
            kind: "pupils".into(),
            columns: format!("\"{}\"", mapping.0[&Field::Role]),
            other: "staff",
            unmap: "role=",
        });
    }
    Ok(())
}

fn check_mapping(mapping: &Mapping, header: &[String]) -> Result<(), PeopleFileProblem> {
    for (field, words) in [
        (Field::GivenName, "given name"),
        (Field::FamilyName, "family name"),
    ] {
        if !mapping.0.contains_key(&field) {
            return Err(PeopleFileProblem::Unmapped(words, field.code()));
        }
    }
    match mapping.0.values().find(|column| !header.contains(column)) {
        Some(column) => Err(PeopleFileProblem::NoSuchColumn(column.clone())),
        None => Ok(()),
    }
}

fn read_person(
    mapping: &Mapping,
    header: &[String],
    cells: &[String],
    kind: PersonKind,
) -> Result<NewPerson, Vec<String>> {
    let cell = |field: Field| -> &str {
        mapping
            .0
            .get(&field)
            .and_then(|column| header.iter().position(|h| h == column))
            .and_then(|index| cells.get(index))
            .map_or("", String::as_str)
    };
    let mut problems = Vec::new();
    for (field, column) in &mapping.0 {
        let Some(typed) = header
            .iter()
            .position(|h| h == column)
            .and_then(|index| cells.get(index))
        else {
            continue;
        };
        let longest = match field {
            Field::GivenName | Field::FamilyName => crate::domain::typed_text::MAX_NAME,
            _ => crate::domain::typed_text::MAX_TEXT,
        };
        if let Some(problem) = crate::domain::typed_text::problem(typed, longest) {
            problems.push(format!("{}: {problem}", field.code()));
        }
    }
    let mut date = |field: Field| -> Option<NaiveDate> {
        let typed = cell(field);
        if typed.is_empty() {
            return None;
        }
        let read = when::parse_date_time(typed).map(|d| d.date());
        if read.is_none() {
            problems.push(format!(
                "{}: \"{typed}\" is not a date (write it like 01/09/2025)",
                field.code()
            ));
        }
        read
    };
    let (date_of_birth, start_date, leaving_date) = (
        date(Field::DateOfBirth),
        date(Field::StartDate),
        date(Field::LeavingDate),
    );
    let mut person = NewPerson::named(kind, cell(Field::GivenName), cell(Field::FamilyName));
    person.date_of_birth = date_of_birth;
    person.start_date = start_date;
    person.leaving_date = leaving_date;
    person.external_id = cell(Field::ExternalId).to_owned();
    person.upn = cell(Field::Upn).to_owned();
    person.role = cell(Field::Role).to_owned();
    if kind == PersonKind::Staff {
        let (flags, headteacher) = staff_group_of(&person.role);
        person.flags = flags;
        person.is_headteacher = headteacher;
    }
    if kind == PersonKind::Pupil {
        match year_group(cell(Field::YearGroup)) {
            Ok(year) => person.year_group = year,
            Err(problem) => problems.push(problem),
        }
    }
    if let Err(problem) = person.validate() {
        problems.push(problem.to_string());
    }
    if problems.is_empty() {
        Ok(person)
    } else {
        Err(problems)
    }
}

/// "R", "Reception", "Y5", "Year 5", "5" → the year group; empty → none.
pub fn year_group(typed: &str) -> Result<Option<u8>, String> {
    let simple = simplified(typed);
    if simple.is_empty() {
        return Ok(None);
    }
    if matches!(simple.as_str(), "r" | "rec" | "reception" | "yr" | "year r") {
        return Ok(Some(0));
    }
    let digits = simple
        .trim_start_matches("year")
        .trim_start_matches('y')
        .trim();
    match digits.parse::<u8>() {
        Ok(year) if year <= 13 => Ok(Some(year)),
        _ => Err(format!(
            "year_group: \"{typed}\" is not a year group (Reception, or Year 1 to Year 13)"
        )),
    }
}

#[cfg(test)]
mod tests;
