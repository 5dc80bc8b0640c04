//! What the import would do, before it does it: the columns as understood, the category
//! words to confirm, the people found and added, the rows already in the vault, the problems.

use crate::ui::keyed::{checkbox, pick_list};
use iced::widget::{Column, column, row, space, text};
use iced::{Element, Fill};

use super::Message;
use crate::domain::incident::category::{CATEGORIES, Category};
use crate::domain::incident::import::{CategoryMatch, ImportFileProblem, IncidentMapping, Target};
use crate::domain::wording::counted;
use crate::store::import::{ImportPreview, ImportReport, RowState, Skips};
use crate::ui::{form, style};

/// Rows with problems listed on the page; the rest are counted.
const SHOWN_PROBLEMS: usize = 200;

/// A category offered for a word the school uses: its short title and key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Offered(&'static Category);

impl std::fmt::Display for Offered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({})",
            self.0.short_title(),
            self.0.whom().to_lowercase()
        )
    }
}

/// The preview, with the choices still open.
pub(super) fn view(preview: &ImportPreview, skips: Skips, busy: bool) -> Element<'_, Message> {
    let body = column![
        text(summary(preview)),
        unmapped(preview),
        sheets(preview),
        columns(preview),
        categories(preview),
        unknown_words(preview),
        ambiguous(preview),
        people(preview),
        flagged(preview),
        problems(preview),
    ]
    .push(skip_choices(preview, skips))
    .push(import_button(preview, skips, busy))
    .spacing(12);
    form::section("Preview", body.into())
}

/// What the import did.
pub(super) fn done(done: &ImportReport) -> Element<'_, Message> {
    let mut said = format!(
        "Imported {}; {} already in the vault; left out {} with problems; added {}.",
        counted(done.imported, "incident", "incidents"),
        counted(done.already, "row", "rows"),
        counted(done.left_out.len(), "row", "rows"),
        counted(done.people_added, "person", "people")
    );
    if !done.police_step_missing.is_empty() {
        said.push_str(&format!(
            " Imported open and flagged 'police step not recorded' (the log called them closed): {}.",
            done.police_step_missing.join(", ")
        ));
    }
    text(said).style(style::success).into()
}

fn summary(preview: &ImportPreview) -> String {
    let counts = format!(
        "{}: {} new, {} already in the vault, {} with problems.",
        counted(preview.rows.len(), "row", "rows"),
        preview.ready_rows(),
        preview.already_rows(),
        preview.problem_rows()
    );
    match &preview.sheet {
        Some(sheet) => format!("Sheet \"{sheet}\". {counts}"),
        None => counts,
    }
}

/// While a needed field has no column: which, and where to choose it.
fn unmapped(preview: &ImportPreview) -> Element<'_, Message> {
    let Some(ImportFileProblem::MissingColumns(fields, _)) = &preview.missing else {
        return column![].into();
    };
    let fields: Vec<String> = fields.iter().map(|f| f.replace('_', " ")).collect();
    text(format!(
        "No column gives {} yet: choose the column for {} in the list below. No row is read until then.",
        fields.join(", "),
        if fields.len() == 1 { "it" } else { "each" }
    ))
    .size(14)
    .style(style::error)
    .into()
}

/// For a spreadsheet of several sheets, a choice of the sheet to read.
fn sheets(preview: &ImportPreview) -> Element<'_, Message> {
    if preview.sheets.len() < 2 {
        return column![].into();
    }
    let choice = pick_list(
        preview.sheets.clone(),
        preview.sheet.clone(),
        Message::SheetChosen,
    )
    .text_size(13)
    .padding([3, 8])
    .width(240);
    line("Read the sheet".to_owned(), choice.into())
}

/// A column's use, as the pick-list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Use(Target);

impl std::fmt::Display for Use {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Target::Field(field) => f.write_str(&field.replace('_', " ")),
            Target::Notes => f.write_str("kept in the notes"),
            Target::LeaveOut => f.write_str("left out"),
        }
    }
}

/// Width of the left-hand words of the column and category lists.
const LABEL_WIDTH: f32 = 260.0;

/// One line of a two-column list: the file's words, then what they are taken as.
fn line<'a>(words: String, taken_as: Element<'a, Message>) -> Element<'a, Message> {
    row![text(words).size(13).width(LABEL_WIDTH), taken_as]
        .spacing(10)
        .align_y(iced::Center)
        .into()
}

/// Each of the file's columns and a choice of what it is used for.
fn columns(preview: &ImportPreview) -> Element<'_, Message> {
    let offered: Vec<Use> = IncidentMapping::targets_offered()
        .into_iter()
        .map(Use)
        .collect();
    let mut list = column![
        text("Columns").size(15),
        text("What each column of the file is used for; a column the import does not know is kept in each record's notes.")
            .size(13)
            .style(style::muted),
    ]
    .spacing(4);
    for (name, target) in &preview.columns {
        let name_owned = name.clone();
        let choice = pick_list(offered.clone(), Some(Use(*target)), move |chosen: Use| {
            Message::ColumnChosen(name_owned.clone(), chosen.0)
        })
        .text_size(13)
        .padding([3, 8])
        .width(240);
        list = list.push(line(format!("\"{name}\""), choice.into()));
    }
    list.into()
}

/// Each category word: the category it matched, or a choice of the closest (then all).
fn categories(preview: &ImportPreview) -> Element<'_, Message> {
    let mut list = column![
        text("Categories").size(15),
        text("The policy category each of the file's category words is taken as; choose one where the words are not the policy's.")
            .size(13)
            .style(style::muted),
    ]
    .spacing(4);
    for (typed, matched) in &preview.categories {
        let taken_as: Element<'_, Message> = match matched {
            CategoryMatch::Found(category) => {
                text(format!("{} ({})", category.short_title(), category.key))
                    .size(13)
                    .into()
            }
            CategoryMatch::Unsure(candidates) => {
                let offered: Vec<Offered> = candidates
                    .iter()
                    .copied()
                    .chain(CATEGORIES.iter().filter(|c| !candidates.contains(c)))
                    .map(Offered)
                    .collect();
                let typed_owned = typed.clone();
                pick_list(offered, None::<Offered>, move |chosen: Offered| {
                    Message::CategoryChosen(typed_owned.clone(), chosen.0)
                })
                .placeholder(match candidates.first() {
                    Some(_) => "Not a policy category: choose (closest first)…",
                    None => "Not a policy category: choose one…",
                })
                .text_size(13)
                .padding([3, 8])
                .width(480)
                .into()
            }
        };
        list = list.push(line(format!("\"{typed}\""), taken_as));
    }
    list.into()
}

/// A value a status, place or device word can mean, as the pick-list shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Meaning {
    code: &'static str,
    title: &'static str,
}

impl std::fmt::Display for Meaning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.title)
    }
}

/// Each status, place or device word the import does not know, with a choice of what it means.
fn unknown_words(preview: &ImportPreview) -> Element<'_, Message> {
    if preview.unknown_words.is_empty() {
        return column![].into();
    }
    let mut list = column![
        text("Words to say the meaning of").size(15),
        text("Status, place and device words that are none of the app's: choose what each means; the choice is remembered for the next import.")
            .size(13)
            .style(style::muted),
    ]
    .spacing(4);
    for (field, typed) in &preview.unknown_words {
        let offered: Vec<Meaning> = field
            .values()
            .into_iter()
            .map(|(code, title)| Meaning { code, title })
            .collect();
        let (field, typed_owned) = (*field, typed.clone());
        let choice = pick_list(offered, None::<Meaning>, move |chosen: Meaning| {
            Message::WordChosen(field, typed_owned.clone(), chosen.code)
        })
        .placeholder(format!("Which {} is this?…", field.column()))
        .text_size(13)
        .padding([3, 8])
        .width(240);
        list = list.push(line(
            format!("{}: \"{typed}\"", field.column()),
            choice.into(),
        ));
    }
    list.into()
}

/// One of the people a shared name could mean, as the pick-list shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    id: i64,
    about: String,
}

impl std::fmt::Display for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (#{})", self.about, self.id)
    }
}

/// Each name several people in the vault share, with a choice of who the log means.
fn ambiguous(preview: &ImportPreview) -> Element<'_, Message> {
    if preview.ambiguous.is_empty() {
        return column![].into();
    }
    let mut list = column![
        text("Names several people share").size(15),
        text("The rows do not say which of them is meant: choose who, for this import.")
            .size(13)
            .style(style::muted),
    ]
    .spacing(4);
    for (name, candidates) in &preview.ambiguous {
        let offered: Vec<Candidate> = candidates
            .iter()
            .map(|(id, about)| Candidate {
                id: *id,
                about: about.clone(),
            })
            .collect();
        let owned = name.clone();
        let choice = pick_list(offered, None::<Candidate>, move |chosen: Candidate| {
            Message::PersonChosen(owned.clone(), chosen.id)
        })
        .placeholder("Who is this?…")
        .text_size(13)
        .padding([3, 8])
        .width(240);
        list = list.push(line(name.clone(), choice.into()));
    }
    list.into()
}

fn people(preview: &ImportPreview) -> Element<'_, Message> {
    let mut said = format!(
        "People: {} found in the people list",
        counted(preview.matched_people, "person", "people")
    );
    if !preview.new_people.is_empty() {
        said.push_str(&format!(
            "; {} will be added: {}",
            preview.new_people.len(),
            crate::domain::wording::first_few(&preview.new_people, NAMES_SHOWN)
        ));
    }
    text(format!("{said}.")).size(13).into()
}

/// How many of the people a file adds the preview names; the count gives the rest.
const NAMES_SHOWN: usize = 30;

/// Rows imported open because the log closed them without a police step.
fn flagged(preview: &ImportPreview) -> Element<'_, Message> {
    let lines: Vec<String> = preview
        .rows
        .iter()
        .filter(|row| row.state == RowState::Ready && row.police_step_missing)
        .map(|row| format!("line {}", row.line))
        .collect();
    if lines.is_empty() {
        return column![].into();
    }
    text(format!(
        "Closed in the log but possibly illegal with no police step recorded, so imported open and flagged 'police step not recorded': {}.",
        lines.join(", ")
    ))
    .size(13)
    .style(style::error)
    .into()
}

fn problems(preview: &ImportPreview) -> Element<'_, Message> {
    let mut list: Column<'_, Message> = column![].spacing(8);
    let with_problems = preview
        .rows
        .iter()
        .filter(|r| r.state == RowState::Problems);
    for row in with_problems.take(SHOWN_PROBLEMS) {
        let mut entry = column![text(format!("Line {}", row.line)).size(14)].spacing(2);
        for problem in &row.problems {
            entry = entry.push(text(problem.clone()).size(13).style(style::error));
        }
        list = list.push(entry);
    }
    let problems = preview.problem_rows();
    if problems > SHOWN_PROBLEMS {
        list = list.push(
            text(format!(
                "…and {} more rows with problems.",
                problems - SHOWN_PROBLEMS
            ))
            .style(style::muted),
        );
    }
    list.into()
}

fn skip_choices(preview: &ImportPreview, skips: Skips) -> Element<'_, Message> {
    let problems = preview.problem_rows();
    let illegal = preview.illegal_problem_lines().len();
    let mut choices = column![].spacing(6);
    if problems > 0 {
        choices = choices.push(
            checkbox(skips.problem_rows)
                .label(format!(
                    "Leave out the {} with problems",
                    counted(problems, "row", "rows")
                ))
                .on_toggle(Message::SkipProblemRows),
        );
    }
    if illegal > 0 {
        choices = choices.push(
            checkbox(skips.illegal_rows)
                .label(format!(
                    "…including the {} that may be about illegal content",
                    counted(illegal, "row", "rows")
                ))
                .on_toggle_maybe(skips.problem_rows.then_some(Message::SkipIllegalRows)),
        );
    }
    choices.into()
}

fn import_button(preview: &ImportPreview, skips: Skips, busy: bool) -> Element<'_, Message> {
    let problems = preview.problem_rows();
    let illegal = !preview.illegal_problem_lines().is_empty();
    let allowed = (problems == 0 || skips.problem_rows) && (!illegal || skips.illegal_rows);
    let can_import = !busy && preview.ready_rows() > 0 && allowed;
    row![
        space().width(Fill),
        crate::ui::keyed::button(text(format!(
            "Import {}",
            counted(preview.ready_rows(), "new incident", "new incidents")
        )))
        .on_press_maybe(can_import.then_some(Message::Import))
        .padding([8, 20]),
    ]
    .into()
}
