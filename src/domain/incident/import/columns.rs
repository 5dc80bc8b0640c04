//! Which column of an old incident log fills which field: the documented names, the names
//! schools' own logs use, and the user's mapping on top. A column nobody maps is kept in the
//! record's notes, never dropped unnoticed and never a reason to refuse the file.

use std::collections::BTreeMap;

use thiserror::Error;

/// The incident log's CSV columns, in the order the export writes them: the one list the
/// export and the import share (documented in the user guide).
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

/// Fields only an import reads: they tell the people named on a row apart, or say what kind
/// of person someone new is. Their text is kept in the notes too.
pub const IMPORT_ONLY: [&str; 2] = ["year_group", "people_kind"];

/// Columns every imported file must give (mapped or by name); `reported_by` may instead take
/// the default [`NOT_RECORDED`].
pub const REQUIRED_COLUMNS: [&str; 3] = ["occurred_at", "category", "description"];

/// Columns the export writes for people to read, which the import leaves out: the category's
/// words and level, worked out again from its key.
pub const WRITTEN_ONLY: [&str; 2] = ["category_title", "level"];

/// What the record says for anything the old log never recorded.
pub const NOT_RECORDED: &str = "Not recorded (imported)";

/// The columns an imported file may have besides the required ones, in the export's order.
pub fn optional_columns() -> Vec<&'static str> {
    COLUMNS
        .into_iter()
        .filter(|column| !REQUIRED_COLUMNS.contains(column) && !WRITTEN_ONLY.contains(column))
        .chain(IMPORT_ONLY)
        .collect()
}

/// What one column of the file is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// It fills a field: one of [`COLUMNS`] or [`IMPORT_ONLY`].
    Field(&'static str),
    /// Its text is kept in the record's notes, labelled with the column's name.
    Notes,
    /// It is not imported.
    LeaveOut,
}

impl Target {
    /// The name used in `--mapping`.
    pub fn code(self) -> &'static str {
        match self {
            Target::Field(field) => field,
            Target::Notes => "notes",
            Target::LeaveOut => "leave_out",
        }
    }

    /// The target for a `--mapping` name.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "notes" => Some(Target::Notes),
            "leave_out" => Some(Target::LeaveOut),
            code => COLUMNS
                .into_iter()
                .chain(IMPORT_ONLY)
                .filter(|field| !WRITTEN_ONLY.contains(field))
                .find(|field| *field == code)
                .map(Target::Field),
        }
    }
}

/// What is wrong with a mapping the user typed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MappingProblem {
    /// A part that is not `field=Column`.
    #[error(
        "\"{0}\" is not a mapping: write field=Column name, e.g. occurred_at=Date of incident, notes=Form or leave_out=UPN ('Importing an incident log' in the user guide lists the fields)"
    )]
    BadPart(String),
    /// A column the file does not have.
    #[error("The file has no column \"{0}\" (its columns are: {1})")]
    NoSuchColumn(String, String),
}

/// The user's choices, by the column's name as the file has it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IncidentMapping(pub BTreeMap<String, Target>);

impl IncidentMapping {
    /// Reads `occurred_at=Date,notes=Year,leave_out=UPN` (commas or new lines between).
    pub fn parse(text: &str) -> Result<Self, MappingProblem> {
        let mut mapping = IncidentMapping::default();
        for part in text
            .split([',', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (target, column) = part
                .split_once('=')
                .and_then(|(t, c)| Some((Target::from_code(t)?, c.trim().trim_matches('"'))))
                .filter(|(_, column)| !column.is_empty())
                .ok_or_else(|| MappingProblem::BadPart(part.to_owned()))?;
            mapping.0.insert(simplified(column), target);
        }
        Ok(mapping)
    }

    /// Says what the file's column `column` (as the file names it) is used for.
    pub fn set(&mut self, column: &str, target: Target) {
        self.0.insert(simplified(column), target);
    }

    /// Every target a column can have: each field, the notes, left out.
    pub fn targets_offered() -> Vec<Target> {
        COLUMNS
            .into_iter()
            .chain(IMPORT_ONLY)
            .filter(|field| !WRITTEN_ONLY.contains(field))
            .map(Target::Field)
            .chain([Target::Notes, Target::LeaveOut])
            .collect()
    }

    /// As [`IncidentMapping::parse`] reads it.
    pub fn to_text(&self) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(column, target)| format!("{}={column}", target.code()))
            .collect();
        parts.join(",")
    }

    /// This mapping with `overrides` on top.
    pub fn with(mut self, overrides: &IncidentMapping) -> Self {
        self.0
            .extend(overrides.0.iter().map(|(c, t)| (c.clone(), *t)));
        self
    }

    /// This mapping without the columns `header` does not have: a mapping remembered from
    /// another copy of the log applies where it can.
    pub fn fitted(mut self, header: &[String]) -> Self {
        let simple: Vec<String> = header.iter().map(|h| simplified(h)).collect();
        self.0.retain(|column, _| simple.contains(column));
        self
    }

    /// Each of `header`'s columns' target: the user's choice, else the field its name
    /// suggests (a field's second column goes to the notes, except for people, which may come
    /// from several columns), else the notes.
    pub fn targets(&self, header: &[String]) -> Result<Vec<Target>, MappingProblem> {
        let simple: Vec<String> = header.iter().map(|h| simplified(h)).collect();
        if let Some(missing) = self.0.keys().find(|column| !simple.contains(column)) {
            return Err(MappingProblem::NoSuchColumn(
                missing.clone(),
                header.join(", "),
            ));
        }
        let mut targets: Vec<Target> = Vec::with_capacity(header.len());
        for column in &simple {
            let target = self
                .0
                .get(column)
                .copied()
                .or_else(|| usual_field(column).map(Target::Field))
                .unwrap_or(if written_only(column) {
                    Target::LeaveOut
                } else {
                    Target::Notes
                });
            let taken = |field| field != "people" && targets.contains(&Target::Field(field));
            targets.push(match target {
                Target::Field(field) if taken(field) && !self.0.contains_key(column) => {
                    Target::Notes
                }
                other => other,
            });
        }
        Ok(targets)
    }
}

/// The field a column's name suggests: the documented name in any case, or a name schools'
/// own logs use.
fn usual_field(column: &str) -> Option<&'static str> {
    let documented = column.replace([' ', '-'], "_");
    COLUMNS
        .into_iter()
        .chain(IMPORT_ONLY)
        .filter(|field| !WRITTEN_ONLY.contains(field))
        .find(|field| *field == documented)
        .or_else(|| {
            USUAL_NAMES
                .iter()
                .find(|(_, names)| names.contains(&column))
                .map(|(field, _)| *field)
        })
}

/// Whether the column is one the export writes only for people to read.
fn written_only(column: &str) -> bool {
    WRITTEN_ONLY.contains(&column.replace([' ', '-'], "_").as_str())
}

/// Column names schools' own logs use for each field (lower case, single spaces).
const USUAL_NAMES: &[(&str, &[&str])] = &[
    (
        "reference",
        &[
            "ref",
            "ref no",
            "log no",
            "log number",
            "incident no",
            "incident number",
            "id",
        ],
    ),
    (
        "occurred_at",
        &[
            "date",
            "date of incident",
            "incident date",
            "when",
            "date and time",
            "date/time",
            "occurred",
            "date occurred",
        ],
    ),
    (
        "reported_at",
        &[
            "date reported",
            "reported on",
            "reported",
            "date logged",
            "logged on",
        ],
    ),
    (
        "reported_by",
        &[
            "reporter",
            "reported by",
            "logged by",
            "recorded by",
            "staff member",
            "member of staff reporting",
        ],
    ),
    ("location", &["where", "place", "location of incident"]),
    ("device", &["device used", "equipment"]),
    (
        "category",
        &[
            "type",
            "incident type",
            "type of incident",
            "nature of incident",
            "concern",
            "issue",
            "category of incident",
        ],
    ),
    (
        "description",
        &[
            "details",
            "what happened",
            "summary",
            "incident details",
            "description of incident",
            "notes of incident",
        ],
    ),
    (
        "urls",
        &["url", "website", "websites", "site", "sites", "web address"],
    ),
    ("status", &["state", "open/closed", "case status"]),
    ("outcome", &["result", "finding"]),
    (
        "conclusion",
        &[
            "conclusions",
            "resolution",
            "how resolved",
            "final comments",
        ],
    ),
    (
        "people",
        &[
            "name",
            "names",
            "pupil",
            "pupils",
            "pupil name",
            "pupils involved",
            "pupil(s)",
            "pupil(s) involved",
            "name(s)",
            "person(s) involved",
            "people involved",
            "who was involved",
            "involved",
            "student",
            "students",
            "staff involved",
            "person involved",
        ],
    ),
    (
        "actions_chosen",
        &[
            "action",
            "actions",
            "action taken",
            "actions taken",
            "sanction",
            "sanctions",
        ],
    ),
    (
        "police_referred_at",
        &[
            "police informed",
            "date police informed",
            "referred to police",
        ],
    ),
    (
        "police_reference",
        &[
            "police ref",
            "crime reference",
            "crime number",
            "cad number",
        ],
    ),
    (
        "reason_not_referred_to_police",
        &[
            "reason not referred",
            "why not referred",
            "police not informed because",
        ],
    ),
    (
        "parents_informed_at",
        &[
            "parents informed",
            "parents contacted",
            "date parents informed",
            "parents informed on",
        ],
    ),
    (
        "parents_informed_by",
        &["parents informed by", "parents contacted by"],
    ),
    (
        "year_group",
        &[
            "year",
            "yr",
            "year group",
            "nc year",
            "pupil year",
            "form year",
        ],
    ),
    (
        "people_kind",
        &[
            "pupil/staff",
            "pupil or staff",
            "staff/pupil",
            "person type",
            "kind",
        ],
    ),
];

/// "  Date  of Incident " → "date of incident".
pub(super) fn simplified(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn a_schools_own_names_are_recognised_and_unknown_columns_kept_in_the_notes() {
        let file = header(&[
            "Date",
            "Pupil(s) Involved",
            "Type",
            "Details",
            "Form",
            "Date",
            "Staff involved",
        ]);
        let targets = IncidentMapping::default().targets(&file).unwrap();
        assert_eq!(
            targets,
            [
                Target::Field("occurred_at"),
                Target::Field("people"),
                Target::Field("category"),
                Target::Field("description"),
                Target::Notes,
                Target::Notes,
                Target::Field("people"),
            ]
        );
    }

    #[test]
    fn the_users_mapping_wins_and_reads_back_as_written() {
        let mapping = IncidentMapping::parse(
            "people=Pupil(s) Involved, leave_out=Form,\nreported_by=\"Who logged it\"",
        )
        .unwrap();
        let file = header(&[
            "Pupil(s) involved",
            "FORM",
            "Who logged it",
            "category_title",
        ]);
        assert_eq!(
            mapping.targets(&file).unwrap(),
            [
                Target::Field("people"),
                Target::LeaveOut,
                Target::Field("reported_by"),
                Target::LeaveOut,
            ]
        );
        assert_eq!(
            IncidentMapping::parse(&mapping.to_text()),
            Ok(mapping.clone())
        );
        assert_eq!(
            IncidentMapping::parse("when=Date"),
            Err(MappingProblem::BadPart("when=Date".into()))
        );
        assert!(matches!(
            mapping.targets(&header(&["Date"])),
            Err(MappingProblem::NoSuchColumn(column, _)) if column == "form"
        ));
        let fitted = mapping.fitted(&header(&["Form", "Date"]));
        assert_eq!(
            fitted.targets(&header(&["Form", "Date"])).unwrap(),
            [Target::LeaveOut, Target::Field("occurred_at")]
        );
    }
}
