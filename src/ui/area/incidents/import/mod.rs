//! Importing an existing incident log from CSV: choose the file, see how its columns,
//! categories and people were understood and every row's problems, confirm the school's
//! category words, then import its new rows.

mod preview;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::ui::keyed::button;
use iced::widget::{column, row, text, text_input};
use iced::{Element, Task};

use crate::domain::incident::category::Category;
use crate::domain::incident::import::{ListField, ReadChoices, Target};
use crate::store::import::{Going, ImportFile, ImportPreview, ImportReport, Importing, Skips};
use crate::ui::background::Report;
use crate::ui::files::{self, PickedFile};
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// The largest log read (a spreadsheet of 100,000 incidents is far smaller).
const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// The import page's state.
#[derive(Debug)]
pub struct Import {
    session: Session,
    path: String,
    file: Option<PickedFile>,
    preview: Option<Box<ImportPreview>>,
    choices: ReadChoices,
    skips: Skips,
    busy: bool,
    /// How far the import under way has come.
    importing: Option<Importing>,
    /// Set by "Stop the import": the import stops at its next row and imports nothing.
    stop: Arc<AtomicBool>,
    done: Option<ImportReport>,
    error: Option<String>,
}

/// How many times at most an import tells the page how far it has come: enough for a smooth
/// bar, few enough that 50,000 rows do not mean 50,000 redraws.
const PROGRESS_STEPS: u64 = 200;

/// Whether `step` is worth a redraw: the first and last rows, and each of the
/// [`PROGRESS_STEPS`] steps between.
fn worth_showing(step: Importing) -> bool {
    match step {
        Importing::Checking => true,
        Importing::Writing { done, total } => {
            let every = (total / PROGRESS_STEPS).max(1);
            done == 0 || done == total || done % every == 0
        }
    }
}

/// The chosen file and the choices for it, owned, for the vault's background work.
struct Job {
    name: String,
    content: Arc<Vec<u8>>,
    choices: ReadChoices,
}

impl Job {
    fn of(file: &PickedFile, choices: &ReadChoices) -> Self {
        Self {
            name: file.name.clone(),
            content: Arc::clone(&file.content),
            choices: choices.clone(),
        }
    }

    fn file(&self) -> ImportFile<'_> {
        ImportFile {
            name: &self.name,
            bytes: &self.content,
            choices: &self.choices,
        }
    }
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
    Previewed(Result<Box<ImportPreview>, SharedError>),
    /// "Leave out the rows with problems" was ticked or unticked.
    SkipProblemRows(bool),
    /// "…including the rows that may be about illegal content" was ticked or unticked.
    SkipIllegalRows(bool),
    /// The category the school means by a category cell's words.
    CategoryChosen(String, &'static Category),
    /// What a status, place or device word of the file means: the field, the words, the
    /// value's code.
    WordChosen(ListField, String, &'static str),
    /// Who a name several people share means: the name, the person's id.
    PersonChosen(String, i64),
    /// What one of the file's columns is used for.
    ColumnChosen(String, Target),
    /// The spreadsheet's sheet to read.
    SheetChosen(String),
    /// Import.
    Import,
    /// How far the import has come.
    Importing(Importing),
    /// Stop the import under way: nothing is imported.
    Stop,
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
            choices: ReadChoices::default(),
            skips: Skips::default(),
            busy: false,
            importing: None,
            stop: Arc::new(AtomicBool::new(false)),
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
                    "Choose the incident log (CSV, Excel or LibreOffice)",
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
                self.skips.problem_rows = skip;
                self.skips.illegal_rows &= skip;
                Action::None
            }
            Message::SkipIllegalRows(skip) => {
                self.skips.illegal_rows = skip && self.skips.problem_rows;
                Action::None
            }
            Message::SheetChosen(sheet) => {
                self.choices.sheet = Some(sheet);
                self.preview_again()
            }
            Message::ColumnChosen(column, target) => {
                self.choices.mapping.set(&column, target);
                self.preview_again()
            }
            Message::CategoryChosen(typed, category) => {
                let part = format!("{typed}={}", category.key);
                if self.choices.synonyms.add_part(&part).is_err() {
                    return Action::None;
                }
                self.preview_again()
            }
            Message::WordChosen(field, typed, code) => {
                if self
                    .choices
                    .words
                    .add_part(field, &format!("{typed}={code}"))
                    .is_err()
                {
                    return Action::None;
                }
                self.preview_again()
            }
            Message::PersonChosen(name, id) => {
                self.choices
                    .people
                    .insert(crate::domain::search::fold(&name), id);
                self.preview_again()
            }
            Message::Import => self.import(),
            Message::Importing(step) => {
                self.importing = Some(step);
                Action::None
            }
            Message::Stop => {
                self.stop.store(true, Ordering::Relaxed);
                Action::None
            }
            Message::Imported(result) => {
                self.busy = false;
                self.importing = None;
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
        let job = Job::of(&file, &self.choices);
        self.file = Some(file);
        self.preview = None;
        self.done = None;
        self.error = None;
        self.busy = true;
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                vault
                    .preview_import(job.file(), vault.clock().now())
                    .map(Box::new)
                    .map_err(Arc::new)
            }),
            Message::Previewed,
        ))
    }

    /// The preview again, after a choice about the same file.
    fn preview_again(&mut self) -> Action {
        match self.file.clone() {
            Some(file) => self.preview(file),
            None => Action::None,
        }
    }

    fn import(&mut self) -> Action {
        let Some(file) = &self.file else {
            return Action::None;
        };
        let job = Job::of(file, &self.choices);
        let skips = self.skips;
        self.busy = true;
        self.error = None;
        self.importing = Some(Importing::Checking);
        let stop = Arc::new(AtomicBool::new(false));
        self.stop = Arc::clone(&stop);
        let work = self.session.with_vault_progress(move |vault, progress| {
            let now = vault.clock().now();
            vault
                .import_incidents_with_progress(job.file(), skips, now, &mut |step| {
                    if worth_showing(step) {
                        progress(step);
                    }
                    match stop.load(Ordering::Relaxed) {
                        true => Going::Stop,
                        false => Going::On,
                    }
                })
                .map_err(Arc::new)
        });
        Action::Run(Task::run(work, |report| match report {
            Report::Progress(step) => Message::Importing(step),
            Report::Done(result) => Message::Imported(result),
        }))
    }

    /// Draws the page.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![
            button("Back to the list").on_press(Message::Back).style(button::text),
            text("Import an incident log (CSV, Excel or LibreOffice)").size(20),
            text("The log can stay as the school kept it: its columns are recognised by their names, anything else is kept in each record's notes, and the school's category words are matched to the policy's (confirm any it is unsure of). Every row is checked first; rows already in the vault are never imported twice. 'Importing an incident log' in the user guide (F1) has the details.")
                .style(style::muted),
            row![
                text_input("The file's full path, or leave empty to choose it in a window", &self.path)
                    .id("import-path")
                    .on_input(Message::Path)
                    .on_submit(Message::Choose)
                    .padding(8),
                button("Choose the file…").on_press_maybe((!self.busy).then_some(Message::Choose)).padding([8, 16]),
            ]
            .spacing(12)
            .align_y(iced::Center),
            text(self.file.as_ref().map_or(String::new(), |f| format!("Read {}", f.name))).style(style::muted),
            form::error_line(self.error.as_deref()),
        ]
        .spacing(14);
        if let Some(step) = self.importing {
            let stopping = self.stop.load(Ordering::Relaxed);
            page = page.push(
                row![
                    form::stage_line(Some(step.describe())),
                    button(if stopping {
                        "Stopping…"
                    } else {
                        "Stop the import"
                    })
                    .on_press_maybe((!stopping).then_some(Message::Stop))
                    .style(button::secondary),
                ]
                .spacing(16)
                .align_y(iced::Center),
            );
            page = page.push(
                text("Nothing is imported until every row is written: stopping leaves the vault as it was.")
                    .size(13)
                    .style(style::muted),
            );
            // The preview gives way to the progress, so the page is short enough to show it
            // wherever it was scrolled to for the Import button.
            return page.into();
        } else if self.busy {
            page = page.push(text("Working…").style(style::muted));
        }
        if let Some(done) = &self.done {
            return page.push(preview::done(done)).into();
        }
        if let Some(preview) = &self.preview {
            page = page.push(preview::view(preview, self.skips, self.busy));
        }
        page.into()
    }
}
