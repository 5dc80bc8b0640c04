//! Importing a people list from the school's MIS: choose the kind and the file, map its
//! columns to fields (SIMS and Arbor name them differently; the choice is remembered), see
//! what each row would do, then import, marking those missing from the list as leavers if the
//! co-ordinator says so.

use std::sync::Arc;

use crate::ui::keyed::{button, checkbox, pick_list};
use chrono::NaiveDate;
use iced::widget::{column, row, space, text, text_input};
use iced::{Element, Fill, Task};

use super::people::KindChoice;
use crate::domain::person::PersonKind;
use crate::domain::person_import::{self, Field, Mapping};
use crate::domain::staff_groups::{StaffGroup, TitleGroups};
use crate::domain::wording::counted;
use crate::store::person_import::{PeoplePreview, PeopleReport};
use crate::ui::files::{self, PickedFile};
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// The largest list read (a roll of 2,000 with parents is well under 1 MB).
const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Rows with problems listed; the rest are counted.
const SHOWN_PROBLEMS: usize = 100;

/// The kinds a list can hold.
const KINDS: [PersonKind; 6] = [
    PersonKind::Staff,
    PersonKind::Pupil,
    PersonKind::ParentOrCarer,
    PersonKind::Governor,
    PersonKind::Volunteer,
    PersonKind::CommunityUser,
];

/// A column of the file, or none, as a pick-list choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnChoice(pub Option<String>);

impl std::fmt::Display for ColumnChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_deref().unwrap_or("(not in this file)"))
    }
}

/// The import page's state.
#[derive(Debug)]
pub struct Import {
    session: Session,
    today: NaiveDate,
    kind: PersonKind,
    path: String,
    file: Option<PickedFile>,
    columns: Vec<String>,
    /// The user's own column choices (an empty column unmaps a field), on top of the
    /// remembered and detected ones.
    mapping: Mapping,
    preview: Option<PeoplePreview>,
    skip_problem_rows: bool,
    mark_leavers: bool,
    busy: bool,
    done: Option<PeopleReport>,
    error: Option<String>,
}

/// What the import page can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The kind of list was chosen.
    Kind(KindChoice),
    /// A file's path was typed (for desktops without a file dialog).
    Path(String),
    /// Choose the file: the typed path, or the file dialog.
    Choose,
    /// The file chosen (`None`: cancelled); tests send this directly.
    Picked(Option<Result<PickedFile, String>>),
    /// A field was mapped to a column, or to none.
    Map(Field, ColumnChoice),
    /// The preview arrived.
    Previewed(Result<PeoplePreview, SharedError>),
    /// The staff group a job title of the list means at this school (kept for every later
    /// import).
    StaffGroup(String, StaffGroup),
    /// The correction was kept, or not.
    StaffGroupKept(Result<(), SharedError>),
    /// "Leave out the rows with problems" was ticked or unticked.
    SkipProblemRows(bool),
    /// "Record those missing as leaving today" was ticked or unticked.
    MarkLeavers(bool),
    /// Import.
    Import,
    /// The import finished, or not.
    Imported(Result<PeopleReport, SharedError>),
    /// Back to the people list.
    Back,
}

/// What the page asks of the area.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Back to the people list.
    Back,
}

impl Import {
    /// An empty page for a staff list.
    pub fn new(session: Session, today: NaiveDate) -> Self {
        Self {
            session,
            today,
            kind: PersonKind::Staff,
            path: String::new(),
            file: None,
            columns: Vec::new(),
            mapping: Mapping::default(),
            preview: None,
            skip_problem_rows: false,
            mark_leavers: false,
            busy: false,
            done: None,
            error: None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Kind(choice) => {
                self.kind = choice.0.unwrap_or(PersonKind::Staff);
                self.mapping = Mapping::default();
                return self.preview();
            }
            Message::Path(path) => self.path = path,
            Message::Choose => {
                return Action::Run(Task::perform(
                    files::pick_or_read(
                        "Choose the people list (CSV or spreadsheet)",
                        self.path.clone(),
                        MAX_FILE_BYTES,
                    ),
                    Message::Picked,
                ));
            }
            Message::Picked(None) => {}
            Message::Picked(Some(Err(error))) => self.error = Some(error),
            Message::Picked(Some(Ok(file))) => return self.read(file),
            Message::Map(field, ColumnChoice(column)) => {
                self.mapping.0.insert(field, column.unwrap_or_default());
                return self.preview();
            }
            Message::Previewed(result) => {
                self.busy = false;
                match result {
                    Ok(preview) => self.preview = Some(preview),
                    Err(error) => self.error = Some(error.to_string()),
                }
            }
            Message::StaffGroup(title, group) => {
                let mut corrections = TitleGroups::default();
                if corrections
                    .add_part(&format!("{title}={}", group.code()))
                    .is_err()
                {
                    return Action::None;
                }
                self.busy = true;
                return Action::Run(Task::perform(
                    self.session.with_vault(move |vault| {
                        vault.correct_staff_groups(&corrections).map_err(Arc::new)
                    }),
                    Message::StaffGroupKept,
                ));
            }
            Message::StaffGroupKept(Ok(())) => return self.preview(),
            Message::StaffGroupKept(Err(error)) => {
                self.busy = false;
                self.error = Some(error.to_string());
            }
            Message::SkipProblemRows(skip) => self.skip_problem_rows = skip,
            Message::MarkLeavers(mark) => self.mark_leavers = mark,
            Message::Import => return self.import(),
            Message::Imported(result) => {
                self.busy = false;
                match result {
                    Ok(report) => self.done = Some(report),
                    Err(error) => self.error = Some(error.to_string()),
                }
            }
            Message::Back => return Action::Back,
        }
        Action::None
    }

    /// Takes the chosen file: its columns, then the preview with the remembered mapping.
    fn read(&mut self, mut file: PickedFile) -> Action {
        self.done = None;
        self.preview = None;
        self.mapping = Mapping::default();
        match crate::domain::spreadsheet::as_csv(&file.content, None) {
            Ok(std::borrow::Cow::Borrowed(_)) => {}
            Ok(std::borrow::Cow::Owned(text)) => file.content = std::sync::Arc::new(text),
            Err(problem) => {
                self.file = None;
                self.error = Some(format!("{}: {problem}", file.name));
                return Action::None;
            }
        }
        match person_import::columns(&file.content) {
            Ok(columns) => self.columns = columns,
            Err(problem) => {
                self.columns.clear();
                self.file = None;
                self.error = Some(format!("{}: {problem}", file.name));
                return Action::None;
            }
        }
        self.file = Some(file);
        self.preview()
    }

    /// Asks the vault what importing would do with the columns as mapped now.
    fn preview(&mut self) -> Action {
        let Some(file) = self.file.clone() else {
            return Action::None;
        };
        self.preview = None;
        self.error = None;
        self.busy = true;
        let (kind, mapping, today) = (self.kind, self.mapping.clone(), self.today);
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                vault
                    .preview_people_import(&file.content, kind, &mapping, today)
                    .map_err(Arc::new)
            }),
            Message::Previewed,
        ))
    }

    fn import(&mut self) -> Action {
        let Some(file) = self.file.clone() else {
            return Action::None;
        };
        self.busy = true;
        self.error = None;
        let (kind, mapping, today) = (self.kind, self.mapping.clone(), self.today);
        let choice = (self.skip_problem_rows, self.mark_leavers);
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                vault
                    .import_people(&file.content, kind, &mapping, choice.0, choice.1, today)
                    .map_err(Arc::new)
            }),
            Message::Imported,
        ))
    }

    /// Draws the page.
    pub fn view(&self) -> Element<'_, Message> {
        let kinds: Vec<KindChoice> = KINDS.into_iter().map(|k| KindChoice(Some(k))).collect();
        let choose = row![
            pick_list(kinds, Some(KindChoice(Some(self.kind))), Message::Kind).width(220),
            text_input(
                "The file's path, or leave empty for the file dialog",
                &self.path
            )
            .id("people-import-path")
            .on_input(Message::Path)
            .padding(8),
            button("Choose file…")
                .on_press_maybe((!self.busy).then_some(Message::Choose))
                .padding([8, 16]),
        ]
        .spacing(10)
        .align_y(iced::Center);
        let mut page = column![
            row![
                button("Back to people")
                    .on_press(Message::Back)
                    .style(button::text),
                space().width(Fill),
            ],
            text("Import a list from the MIS").size(20),
            text(
                "A CSV file or spreadsheet (its first sheet) exported from SIMS, Arbor or another MIS. Re-importing a list updates \
                 people (matched by MIS id, or by name and date of birth); nobody is deleted."
            )
            .style(style::muted),
            choose,
            form::error_line(self.error.as_deref()),
        ]
        .spacing(12);
        if let Some(done) = &self.done {
            return page.push(done_view(done)).into();
        }
        if let Some(file) = &self.file {
            page = page.push(form::section("Columns", self.mapping_view(&file.name)));
        }
        if self.busy {
            page = page.push(text("Reading the list…").style(style::muted));
        }
        if let Some(preview) = &self.preview {
            page = page.push(form::section(
                "What importing does",
                self.preview_view(preview),
            ));
        }
        page.into()
    }

    fn mapping_view(&self, name: &str) -> Element<'_, Message> {
        let choices: Vec<ColumnChoice> = std::iter::once(ColumnChoice(None))
            .chain(self.columns.iter().map(|c| ColumnChoice(Some(c.clone()))))
            .collect();
        let mut grid = column![
            text(format!(
                "{name}: which column holds each detail. Your choice is remembered for the next {} list.",
                KindChoice(Some(self.kind)).to_string().to_lowercase()
            ))
            .size(13)
            .style(style::muted)
        ]
        .spacing(6);
        let effective = match &self.preview {
            Some(preview) => preview.columns.clone(),
            None => Mapping::detect(&self.columns).with(&self.mapping).in_use(),
        };
        for field in Field::ALL.into_iter().filter(|f| f.applies_to(self.kind)) {
            let chosen = effective.0.get(&field).cloned();
            grid = grid.push(
                row![
                    text(field.title()).width(280),
                    pick_list(choices.clone(), Some(ColumnChoice(chosen)), move |c| {
                        Message::Map(field, c)
                    })
                    .width(320),
                ]
                .align_y(iced::Center),
            );
        }
        grid.into()
    }

    fn preview_view<'a>(&'a self, preview: &'a PeoplePreview) -> Element<'a, Message> {
        let (new, updates, same) = preview.changes();
        let problems = preview.problem_rows();
        let mut body = column![text(format!(
            "{} new, {updates} to update, {same} unchanged, {} with problems{}.",
            counted(new, "person", "people"),
            counted(problems, "row", "rows"),
            match preview.repeats.len() {
                0 => String::new(),
                n => format!(
                    "; {} repeated exactly, counted once",
                    counted(n, "line", "lines")
                ),
            }
        ))]
        .spacing(8);
        for row in preview
            .rows
            .iter()
            .filter(|r| !r.problems.is_empty())
            .take(SHOWN_PROBLEMS)
        {
            body = body.push(
                text(format!("Line {}: {}", row.line, row.problems.join("; ")))
                    .size(14)
                    .style(style::error),
            );
        }
        if problems > SHOWN_PROBLEMS {
            body = body.push(
                text(format!(
                    "…and {} more rows with problems.",
                    problems - SHOWN_PROBLEMS
                ))
                .size(13)
                .style(style::muted),
            );
        }
        if !preview.job_titles.is_empty() {
            body = body.push(job_titles(preview));
        }
        if !preview.leavers.is_empty() {
            body = body
                .push(text(leavers_line(&preview.leavers)))
                .push(
                    checkbox(self.mark_leavers)
                        .label("Record them as leaving today (they stay in the record, off the outstanding lists)")
                        .on_toggle(Message::MarkLeavers),
                );
        }
        if problems > 0 {
            body = body.push(
                checkbox(self.skip_problem_rows)
                    .label(format!(
                        "Leave out the {} with problems",
                        counted(problems, "row", "rows")
                    ))
                    .on_toggle(Message::SkipProblemRows),
            );
        }
        let ready = !self.busy && (problems == 0 || self.skip_problem_rows);
        let label = format!(
            "Import {}",
            counted(new + updates + same, "person", "people")
        );
        body.push(row![
            space().width(Fill),
            button(text(label))
                .on_press_maybe(ready.then_some(Message::Import))
                .padding([8, 20]),
        ])
        .into()
    }
}

/// Who is missing from the list, naming the first few.
fn leavers_line(leavers: &[(i64, String)]) -> String {
    const NAMED: usize = 12;
    let names: Vec<&str> = leavers
        .iter()
        .take(NAMED)
        .map(|(_, n)| n.as_str())
        .collect();
    let more = match leavers.len().saturating_sub(NAMED) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!(
        "{} not in this list: {}{more}. Check it is the whole list before recording them as leavers.",
        counted(leavers.len(), "person is", "people are"),
        names.join(", ")
    )
}

fn done_view(done: &PeopleReport) -> Element<'_, Message> {
    column![
        text(format!(
            "Added {}, updated {}, {} unchanged; {} left out; {} recorded as leaving; {}.",
            counted(done.added, "person", "people"),
            done.updated,
            done.unchanged,
            counted(done.skipped, "row", "rows"),
            done.leavers_marked,
            counted(
                done.links_added,
                "new link between parent and child",
                "new links between parents and children"
            ),
        ))
        .style(style::success),
        row![
            space().width(Fill),
            button("Back to people")
                .on_press(Message::Back)
                .padding([8, 20]),
        ],
    ]
    .spacing(12)
    .into()
}

/// Each job title of a staff list and the staff group it puts people in, to correct where the
/// title's words mislead (kept for every later import).
fn job_titles(preview: &PeoplePreview) -> Element<'_, Message> {
    let mut list = column![
        text("Job titles").size(15),
        text("The training audit's staff group each job title puts people in. Correct one where this school means something else; the correction is kept for every later import.")
            .size(13)
            .style(style::muted),
    ]
    .spacing(4);
    for (title, group, corrected) in &preview.job_titles {
        let owned = title.clone();
        let choice = pick_list(StaffGroup::ALL, Some(*group), move |chosen| {
            Message::StaffGroup(owned.clone(), chosen)
        })
        .text_size(13)
        .padding([3, 8])
        .width(200);
        let whose = if *corrected {
            "as this school said"
        } else {
            ""
        };
        list = list.push(
            row![
                text(title.clone()).size(13).width(280),
                choice,
                text(whose).size(12).style(style::muted),
            ]
            .spacing(10)
            .align_y(iced::Center),
        );
    }
    list.into()
}
