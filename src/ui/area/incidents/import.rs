//! Importing an existing incident log from CSV: choose the file, see every row's problems,
//! then import all of it, or the rows without problems if the co-ordinator says so.

use std::sync::Arc;

use iced::widget::{button, checkbox, column, row, space, text, text_input};
use iced::{Element, Fill, Task};

use crate::domain::wording::counted;
use crate::store::import::{ImportPreview, ImportReport};
use crate::ui::files::{self, PickedFile};
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// The largest log read (a spreadsheet of 100,000 incidents is far smaller).
const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// Rows with problems listed on the page; the rest are counted.
const SHOWN_PROBLEMS: usize = 200;

/// The import page's state.
#[derive(Debug)]
pub struct Import {
    session: Session,
    path: String,
    file: Option<PickedFile>,
    preview: Option<ImportPreview>,
    skip_problem_rows: bool,
    busy: bool,
    done: Option<ImportReport>,
    error: Option<String>,
}

/// What the import page can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// A file's path was typed (for desktops without a file dialog).
    Path(String),
    /// Choose the CSV file: the typed path, or the file dialog.
    Choose,
    /// The file chosen (`None`: cancelled); tests send this directly.
    Picked(Option<Result<PickedFile, String>>),
    /// The preview arrived.
    Previewed(Result<ImportPreview, SharedError>),
    /// "Leave out the rows with problems" was ticked or unticked.
    SkipProblemRows(bool),
    /// Import.
    Import,
    /// The import finished, or not.
    Imported(Result<ImportReport, SharedError>),
    /// Back to the list.
    Back,
}

/// What the page asks of the incident log.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Back to the list.
    Back,
}

impl Import {
    /// An empty page.
    pub fn new(session: Session) -> Self {
        Self {
            session,
            path: String::new(),
            file: None,
            preview: None,
            skip_problem_rows: false,
            busy: false,
            done: None,
            error: None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Path(path) => {
                self.path = path;
                Action::None
            }
            Message::Choose => Action::Run(Task::perform(
                files::pick_or_read(
                    "Choose the incident log (CSV)",
                    self.path.clone(),
                    MAX_FILE_BYTES,
                ),
                Message::Picked,
            )),
            Message::Picked(None) => Action::None,
            Message::Picked(Some(Err(error))) => {
                self.error = Some(error);
                Action::None
            }
            Message::Picked(Some(Ok(file))) => self.preview(file),
            Message::Previewed(result) => {
                self.busy = false;
                match result {
                    Ok(preview) => self.preview = Some(preview),
                    Err(error) => self.error = Some(error.to_string()),
                }
                Action::None
            }
            Message::SkipProblemRows(skip) => {
                self.skip_problem_rows = skip;
                Action::None
            }
            Message::Import => self.import(),
            Message::Imported(result) => {
                self.busy = false;
                match result {
                    Ok(report) => self.done = Some(report),
                    Err(error) => self.error = Some(error.to_string()),
                }
                Action::None
            }
            Message::Back => Action::Back,
        }
    }

    fn preview(&mut self, file: PickedFile) -> Action {
        let content = Arc::clone(&file.content);
        self.file = Some(file);
        self.preview = None;
        self.done = None;
        self.error = None;
        self.busy = true;
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                vault
                    .preview_import(&content, vault.clock().now())
                    .map_err(Arc::new)
            }),
            Message::Previewed,
        ))
    }

    fn import(&mut self) -> Action {
        let Some(file) = &self.file else {
            return Action::None;
        };
        let content = Arc::clone(&file.content);
        let skip = self.skip_problem_rows;
        self.busy = true;
        self.error = None;
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                vault
                    .import_incidents(&content, skip, vault.clock().now())
                    .map_err(Arc::new)
            }),
            Message::Imported,
        ))
    }

    /// Draws the page.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![
            button("Back to the list").on_press(Message::Back).style(button::text),
            text("Import an incident log (CSV)").size(20),
            text("Each row is checked first. If any row has a problem nothing is imported, unless you choose to leave those rows out. The columns and category keys are under 'Importing an incident log' in the user guide (F1); an export from E-Safety Desk imports as it is.")
                .style(style::muted),
            row![
                text_input("The file's full path, or leave empty to choose it in a window", &self.path)
                    .id("import-path")
                    .on_input(Message::Path)
                    .on_submit(Message::Choose)
                    .padding(8),
                button("Choose CSV file…").on_press_maybe((!self.busy).then_some(Message::Choose)).padding([8, 16]),
            ]
            .spacing(12)
            .align_y(iced::Center),
            text(self.file.as_ref().map_or(String::new(), |f| format!("Read {}", f.name))).style(style::muted),
            form::error_line(self.error.as_deref()),
        ]
        .spacing(14);
        if self.busy {
            page = page.push(text("Working…").style(style::muted));
        }
        if let Some(done) = &self.done {
            return page
                .push(
                    text(format!(
                        "Imported {}; left out {} with problems; added {}.",
                        counted(done.imported, "incident", "incidents"),
                        counted(done.skipped, "row", "rows"),
                        counted(done.people_added, "person", "people")
                    ))
                    .style(style::success),
                )
                .into();
        }
        if let Some(preview) = &self.preview {
            page = page.push(self.preview_view(preview));
        }
        page.into()
    }

    fn preview_view<'a>(&'a self, preview: &'a ImportPreview) -> Element<'a, Message> {
        let problems = preview.problem_rows();
        let mut summary = format!(
            "{}: {} ready, {problems} with problems.",
            counted(preview.rows.len(), "row", "rows"),
            preview.ready_rows()
        );
        if !preview.new_people.is_empty() {
            summary.push_str(&format!(
                " {} named in the file not in the people list yet will be added.",
                counted(preview.new_people.len(), "person", "people")
            ));
        }
        let mut list = column![].spacing(8);
        for row in preview
            .rows
            .iter()
            .filter(|r| !r.problems.is_empty())
            .take(SHOWN_PROBLEMS)
        {
            let mut entry = column![text(format!("Line {}", row.line)).size(14)].spacing(2);
            for problem in &row.problems {
                entry = entry.push(text(problem.clone()).size(13).style(style::error));
            }
            list = list.push(entry);
        }
        if problems > SHOWN_PROBLEMS {
            list = list.push(
                text(format!(
                    "…and {} more rows with problems.",
                    problems - SHOWN_PROBLEMS
                ))
                .style(style::muted),
            );
        }
        let can_import =
            !self.busy && preview.ready_rows() > 0 && (problems == 0 || self.skip_problem_rows);
        let skip = (problems > 0).then(|| {
            checkbox(self.skip_problem_rows)
                .label(format!(
                    "Leave out the {} with problems",
                    counted(problems, "row", "rows")
                ))
                .on_toggle(Message::SkipProblemRows)
        });
        let action = row![
            space().width(Fill),
            button(text(format!(
                "Import {}",
                counted(preview.ready_rows(), "incident", "incidents")
            )))
            .on_press_maybe(can_import.then_some(Message::Import))
            .padding([8, 20]),
        ];
        form::section(
            "Preview",
            column![text(summary), list]
                .push(skip)
                .push(action)
                .spacing(12)
                .into(),
        )
    }
}
