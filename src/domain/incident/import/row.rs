//! One row of an old log read into an incident: its cells by field, the words old logs use
//! for statuses, places and devices, and every problem of the row at once.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;

use super::people;
use super::{
    CategoryMatch, IMPORT_ONLY, ImportRow, ImportedIncident, ListField, NOT_RECORDED, ReadChoices,
    Synonyms, Target, ValueWords, fingerprint, match_category,
};
use crate::domain::incident::category::{Category, RiskArea};
use crate::domain::incident::record::{
    Device, Location, NewIncident, Outcome, PlannedAction, Role, Status,
};
use crate::domain::incident::rules;
use crate::domain::when;

/// One row's cells by field, collecting problems as they are found.
pub(super) struct Cells<'a> {
    pub(super) header: &'a [String],
    pub(super) targets: &'a [Target],
    pub(super) record: &'a csv::StringRecord,
    pub(super) problems: Vec<String>,
    /// Status, place and device cells none of the words know, for the preview to ask about.
    pub(super) unknown: &'a mut BTreeSet<(ListField, String)>,
}

impl Cells<'_> {
    /// The cells of the columns with `target`, trimmed, with the apostrophe the export puts
    /// before formula-like text removed.
    fn all(&self, target: Target) -> impl Iterator<Item = (usize, &str)> {
        self.targets
            .iter()
            .enumerate()
            .filter(move |(_, t)| **t == target)
            .filter_map(|(index, _)| Some((index, self.record.get(index)?.trim())))
            .map(|(index, cell)| match cell.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@']) => (index, rest),
                _ => (index, cell),
            })
    }

    /// The cell of the column filling `field`; empty when none does.
    fn get(&self, field: &'static str) -> &str {
        self.all(Target::Field(field))
            .next()
            .map_or("", |(_, cell)| cell)
    }

    /// The kept columns' text, one "Column: text" line each, for the notes.
    fn notes(&self) -> Vec<String> {
        let kept = self.all(Target::Notes).chain(
            IMPORT_ONLY
                .into_iter()
                .flat_map(|field| self.all(Target::Field(field))),
        );
        kept.filter(|(_, cell)| !cell.is_empty())
            .map(|(index, cell)| format!("{}: {cell}", self.header[index]))
            .collect()
    }

    fn problem(&mut self, column: &str, message: String) {
        self.problems.push(format!("{column}: {message}"));
    }

    fn date(&mut self, field: &'static str) -> Option<NaiveDateTime> {
        let typed = self.get(field).to_owned();
        if typed.is_empty() {
            return None;
        }
        let parsed = when::parse_date_time(&typed);
        if parsed.is_none() {
            self.problem(
                field,
                format!(
                    "\"{typed}\" is not a date (write it like 10/11/2025 09:30, the year in full)"
                ),
            );
        }
        parsed
    }

    /// A value from a fixed list, by its code, its words or `also` in any case; `default`
    /// when empty.
    fn choice<T: Copy>(
        &mut self,
        field: &'static str,
        all: &[T],
        describe: fn(T) -> [&'static str; 2],
        also: &[(&str, T)],
        default: T,
    ) -> T {
        let typed = self.get(field).to_owned();
        if typed.is_empty() {
            return default;
        }
        let found = all
            .iter()
            .copied()
            .find(|value| {
                describe(*value)
                    .iter()
                    .any(|name| name.eq_ignore_ascii_case(&typed))
            })
            .or_else(|| {
                also.iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(&typed))
                    .map(|(_, value)| *value)
            });
        found.unwrap_or_else(|| {
            let names: Vec<&str> = all.iter().map(|value| describe(*value)[0]).collect();
            self.problem(
                field,
                format!("\"{typed}\" is not one of: {}", names.join(", ")),
            );
            default
        })
    }
    /// A status, place or device: the school's confirmed words first, then as
    /// [`Cells::choice`]; a cell that is none of them is noted for the preview to ask about.
    fn listed<T: Copy>(
        &mut self,
        list: ListField,
        words: &ValueWords,
        all: &[T],
        describe: fn(T) -> [&'static str; 2],
        also: &[(&str, T)],
        default: T,
    ) -> T {
        let typed = self.get(list.column()).to_owned();
        let confirmed = words
            .get(list, &typed)
            .and_then(|code| all.iter().copied().find(|v| describe(*v)[0] == code));
        if let Some(value) = confirmed {
            return value;
        }
        let before = self.problems.len();
        let value = self.choice(list.column(), all, describe, also, default);
        if self.problems.len() > before {
            self.unknown.insert((list, typed));
        }
        value
    }
}

/// Words old logs use for a status.
const STATUS_WORDS: &[(&str, Status)] = &[
    ("resolved", Status::Closed),
    ("complete", Status::Closed),
    ("completed", Status::Closed),
    ("done", Status::Closed),
    ("ongoing", Status::UnderInvestigation),
    ("in progress", Status::UnderInvestigation),
    ("investigating", Status::UnderInvestigation),
    ("new", Status::Open),
];

/// Words old logs use for a place.
const LOCATION_WORDS: &[(&str, Location)] = &[
    ("class", Location::Classroom),
    ("lesson", Location::Classroom),
    ("ict suite", Location::Classroom),
    ("computer room", Location::Classroom),
    ("library", Location::ElsewhereInSchool),
    ("playground", Location::ElsewhereInSchool),
    ("corridor", Location::ElsewhereInSchool),
    ("in school", Location::ElsewhereInSchool),
    ("out of school", Location::Home),
];

/// Words old logs use for a device.
const DEVICE_WORDS: &[(&str, Device)] = &[
    ("own phone", Device::PupilOwned),
    ("mobile phone", Device::PupilOwned),
    ("personal device", Device::PupilOwned),
    ("school laptop", Device::SchoolShared),
    ("school ipad", Device::SchoolShared),
    ("school computer", Device::SchoolShared),
    ("not known", Device::NotKnown),
    ("n/a", Device::NotKnown),
];

pub(super) fn read_row(
    mut cells: Cells<'_>,
    line: u64,
    choices: &ReadChoices,
    now: NaiveDateTime,
    categories: &mut BTreeMap<String, CategoryMatch>,
) -> ImportRow {
    if cells.record.len() != cells.header.len() {
        cells.problems.push(format!(
            "this line has {} cells but the header has {} columns",
            cells.record.len(),
            cells.header.len()
        ));
    }
    let odd: Vec<String> = cells
        .record
        .iter()
        .enumerate()
        .filter_map(|(i, cell)| {
            let problem =
                crate::domain::typed_text::problem(cell, crate::domain::typed_text::MAX_TEXT)?;
            let column = cells.header.get(i).map_or("a column", String::as_str);
            Some(format!("{column}: {problem}"))
        })
        .collect();
    cells.problems.extend(odd);
    let people_cell: Vec<&str> = cells.all(Target::Field("people")).map(|(_, c)| c).collect();
    let people_cell = people_cell.join(";");
    let (year_group, kind) = (
        cells.get("year_group").to_owned(),
        cells.get("people_kind").to_owned(),
    );
    let people = people::read_people(&people_cell, &year_group, &kind, &mut cells.problems);
    let staff_only = !people.is_empty()
        && people
            .iter()
            .all(|p| matches!(p.role, Some(Role::Staff | Role::Headteacher)));
    let category = read_category(&mut cells, &choices.synonyms, staff_only, categories);
    let may_be_illegal = category.is_some_and(|c| {
        c.may_be_illegal || c.level == crate::domain::incident::category::Level::Illegal
    });
    let occurred = cells.date("occurred_at");
    if occurred.is_none() && cells.get("occurred_at").is_empty() {
        cells.problem("occurred_at", "enter when it happened".into());
    }
    let reported = cells.date("reported_at").or(occurred);
    let words = &choices.words;
    let location = cells.listed(
        ListField::Location,
        words,
        Location::ALL,
        |l| [l.code(), l.title()],
        LOCATION_WORDS,
        Location::Other,
    );
    let device = cells.listed(
        ListField::Device,
        words,
        Device::ALL,
        |d| [d.code(), d.title()],
        DEVICE_WORDS,
        Device::NotKnown,
    );
    let risk_default = category.map_or(RiskArea::Content, |c| c.risk);
    let risk = cells.choice(
        "risk_area",
        &RiskArea::ALL,
        |r| [r.code(), r.title()],
        &[],
        risk_default,
    );
    let mut status = cells.listed(
        ListField::Status,
        words,
        Status::ALL,
        |s| [s.code(), s.title()],
        STATUS_WORDS,
        Status::Open,
    );
    let closed = read_closing(&mut cells, status);
    let police = cells
        .date("police_referred_at")
        .map(|at| (at, cells.get("police_reference").to_owned()));
    let reason_not_referred = cells.get("reason_not_referred_to_police").to_owned();
    let parents = read_parents(&mut cells);
    let (Some(category), Some(occurred), Some(reported)) = (category, occurred, reported) else {
        return ImportRow {
            line,
            read: Err(cells.problems),
            people,
            may_be_illegal,
        };
    };
    let closable = rules::check_close(category, police.is_some(), Some(&reason_not_referred));
    let police_step_missing = status == Status::Closed && closable.is_err();
    if police_step_missing {
        status = Status::Open;
    }
    let description = cells.get("description").to_owned();
    let notes = cells.notes();
    let reported_by = match cells.get("reported_by") {
        "" => NOT_RECORDED.to_owned(),
        by => by.to_owned(),
    };
    let incident = NewIncident {
        occurred_at: occurred,
        reported_at: reported,
        reported_by,
        location,
        device,
        category: category.key.to_owned(),
        risk,
        description: with_notes(&description, &notes),
        urls: cells
            .get("urls")
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        people: Vec::new(),
        actions: chosen_actions(cells.get("actions_chosen")),
    };
    let reported_given = !cells.get("reported_at").is_empty();
    let problems = incident.problems(now).into_iter().filter(|problem| {
        reported_given
            || *problem != crate::domain::incident::record::IncidentProblem::ReportedInFuture
    });
    cells
        .problems
        .extend(problems.map(|problem| problem.to_string()));
    if !cells.problems.is_empty() {
        return ImportRow {
            line,
            read: Err(cells.problems),
            people,
            may_be_illegal,
        };
    }
    let fingerprint = fingerprint(occurred, &people, category.key, &description);
    let read = ImportedIncident {
        incident,
        source_reference: cells.get("reference").to_owned(),
        people,
        status,
        closed: closed.filter(|_| !police_step_missing),
        police_step_missing,
        police,
        reason_not_referred,
        parents,
        fingerprint,
    };
    ImportRow {
        line,
        people: read.people.clone(),
        read: Ok(read),
        may_be_illegal,
    }
}

/// The description, then the kept columns under it.
fn with_notes(description: &str, notes: &[String]) -> String {
    if notes.is_empty() {
        return description.to_owned();
    }
    let heading = if description.is_empty() { "" } else { "\n\n" };
    format!(
        "{description}{heading}From the old log:\n{}",
        notes.join("\n")
    )
}

/// "Inform parent / carers; Removal of device".
fn chosen_actions(cell: &str) -> Vec<PlannedAction> {
    cell.split(';')
        .map(str::trim)
        .filter(|action| !action.is_empty())
        .map(|action| PlannedAction {
            action: action.to_owned(),
            suggested: false,
            chosen: true,
        })
        .collect()
}

fn read_category(
    cells: &mut Cells<'_>,
    synonyms: &Synonyms,
    staff_only: bool,
    seen: &mut BTreeMap<String, CategoryMatch>,
) -> Option<&'static Category> {
    let typed = cells.get("category").to_owned();
    if typed.is_empty() {
        cells.problem("category", "choose one of the policy's categories".into());
        return None;
    }
    let matched = match_category(&typed, synonyms, staff_only);
    seen.entry(typed.clone()).or_insert_with(|| matched.clone());
    match matched {
        CategoryMatch::Found(category) => Some(category),
        CategoryMatch::Unsure(candidates) => {
            let message = match candidates.first() {
                Some(closest) => format!(
                    "\"{typed}\" is not one of the policy's categories: confirm the closest ({}) or choose another, as the categories above say",
                    closest.key
                ),
                None => format!(
                    "\"{typed}\" is not one of the policy's categories: choose one, as the categories above say"
                ),
            };
            cells.problem("category", message);
            None
        }
    }
}

/// What to do about a category cell that matched nothing exactly.
pub fn unsure_category(typed: &str, candidates: &[&Category]) -> String {
    let Some(first) = candidates.first() else {
        return format!(
            "\"{typed}\" is not one of the policy's categories and is like none of them: choose one with --category \"{typed}=KEY\" ('esafety-desk import incidents --help' lists the keys)"
        );
    };
    let listed: Vec<String> = candidates
        .iter()
        .map(|c| format!("{} ({})", c.key, c.short_title()))
        .collect();
    format!(
        "\"{typed}\" is not one of the policy's categories; the closest are {}: confirm one with --category \"{typed}={}\"",
        listed.join(", "),
        first.key
    )
}

fn read_closing(cells: &mut Cells<'_>, status: Status) -> Option<(Option<Outcome>, String)> {
    let outcome_typed = cells.get("outcome").to_owned();
    let not_recorded = ["", "not recorded", "unknown", "n/a"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(&outcome_typed));
    let outcome = match not_recorded {
        true => None,
        false => Some(cells.choice(
            "outcome",
            Outcome::ALL,
            |o| [o.code(), o.title()],
            &[
                ("upheld", Outcome::Substantiated),
                ("not upheld", Outcome::NotSubstantiated),
                ("unfounded", Outcome::NotSubstantiated),
            ],
            Outcome::NotSubstantiated,
        )),
    };
    let conclusion = cells.get("conclusion").to_owned();
    (status == Status::Closed).then_some((outcome, conclusion))
}

fn read_parents(cells: &mut Cells<'_>) -> Option<(NaiveDateTime, String)> {
    let at = cells.date("parents_informed_at")?;
    let by = match cells.get("parents_informed_by") {
        "" => NOT_RECORDED.to_owned(),
        by => by.to_owned(),
    };
    Some((at, by))
}
