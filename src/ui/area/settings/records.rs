//! Settings › Exports and checks: what the command line's `export` and `verify` do, from the
//! app — the incident log and the outstanding training and signatures as CSV (not encrypted,
//! said each time), and "Check the vault" with its result in words.

use std::path::PathBuf;

use crate::ui::keyed::button;
use iced::widget::{column, row, text, text_input};
use iced::{Element, Fill, Task};

use crate::domain::wording::counted;
use crate::store::vault::Checking;
use crate::store::{StoreError, Vault};
use crate::ui::background::Report;
use crate::ui::session::Session;
use crate::ui::{files, form, style};

/// What can be written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// Every incident, as `export incidents` writes it.
    Incidents,
    /// Training outstanding today, as `export training-outstanding`.
    Training,
    /// AUP signatures outstanding today, as `export aup-outstanding`.
    Signatures,
    /// Everyone in the people list, as `export people`.
    People,
}

impl Export {
    fn file_name(self) -> &'static str {
        match self {
            Export::Incidents => "incidents.csv",
            Export::Training => "training-outstanding.csv",
            Export::Signatures => "aup-outstanding.csv",
            Export::People => "people.csv",
        }
    }

    fn dialog_title(self) -> &'static str {
        match self {
            Export::Incidents => "Export the incident log",
            Export::Training => "Export the outstanding training",
            Export::Signatures => "Export the outstanding AUP signatures",
            Export::People => "Export the people list",
        }
    }

    /// Writes the CSV into `buffer`; says how many lines, in words.
    fn write(self, vault: &Vault, buffer: &mut Vec<u8>) -> Result<String, StoreError> {
        let today = vault.clock().today();
        Ok(match self {
            Export::Incidents => counted(vault.export_incidents(buffer)?, "incident", "incidents"),
            Export::People => counted(vault.export_people(None, buffer)?, "person", "people"),
            Export::Training => format!(
                "{} of outstanding training",
                counted(
                    vault.export_training_outstanding(today, buffer)?,
                    "line",
                    "lines"
                )
            ),
            Export::Signatures => format!(
                "{} of outstanding signatures",
                counted(
                    vault.export_aup_outstanding(today, buffer)?,
                    "line",
                    "lines"
                )
            ),
        })
    }
}

/// Said under every export.
const NOT_ENCRYPTED: &str = "The CSV is not encrypted and holds names: keep it on the school's secure storage and delete it when done.";

/// The section's state.
#[derive(Debug)]
pub struct Records {
    session: Session,
    typed_path: String,
    busy: bool,
    /// The check under way, and how far it has come where that is counted.
    checking: Option<Checking>,
    note: Option<Result<String, String>>,
}

/// What the section can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// A path was typed.
    TypedPath(String),
    /// One of the export buttons.
    Export(Export),
    /// Where to write it, or `None` when no file was chosen.
    Chosen(Export, Option<PathBuf>),
    /// "Check the vault".
    Check,
    /// Which check is under way.
    Checking(Checking),
    /// What the export or the check said.
    Done(Result<String, String>),
}

impl Records {
    /// The section.
    pub fn new(session: Session) -> Self {
        Self {
            session,
            typed_path: String::new(),
            busy: false,
            checking: None,
            note: None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::TypedPath(path) => self.typed_path = path,
            Message::Export(what) => {
                self.busy = true;
                self.note = None;
                let typed = self.typed_path.clone();
                let chosen =
                    files::typed_or_chosen(what.dialog_title(), what.file_name().into(), typed);
                return Task::perform(chosen, move |path| Message::Chosen(what, path));
            }
            Message::Chosen(_, None) => {
                self.busy = false;
                self.note = Some(Err("Nothing was exported: no file was chosen. If no save dialog opened, type where to save the CSV in the box.".into()));
            }
            Message::Chosen(what, Some(path)) => return self.export(what, path),
            Message::Check => {
                self.busy = true;
                self.note = None;
                let check = self.session.with_vault_progress(|vault, progress| {
                    vault
                        .verify_with_progress(progress)
                        .map(|report| report.to_string())
                });
                return Task::run(check, |report| {
                    match report {
                    Report::Progress(step) => Message::Checking(step),
                    Report::Done(result) => Message::Done(result.map_err(|error| {
                        format!("{error}. Nothing was changed; restore the latest backup if the vault is damaged.")
                    })),
                }
                });
            }
            Message::Checking(step) => self.checking = Some(step),
            Message::Done(result) => {
                self.busy = false;
                self.checking = None;
                self.note = Some(result);
            }
        }
        Task::none()
    }

    fn export(&mut self, what: Export, path: PathBuf) -> Task<Message> {
        let write = self.session.with_vault(move |vault| {
            let mut buffer = Vec::new();
            let words = what.write(vault, &mut buffer)?;
            crate::store::files::write_output(&path, &buffer)?;
            Ok::<_, StoreError>(format!(
                "Exported {words} to {}. {NOT_ENCRYPTED}",
                path.display()
            ))
        });
        Task::perform(write, |result| {
            Message::Done(result.map_err(|error: StoreError| error.to_string()))
        })
    }

    /// Draws the section.
    pub fn view(&self) -> Element<'_, Message> {
        let ready = |message: Message| (!self.busy).then_some(message);
        let export = |label, what| {
            button(text(label).size(14))
                .on_press_maybe(ready(Message::Export(what)))
                .style(button::secondary)
                .padding([6, 12])
        };
        form::section(
            "Exports and checks",
            column![
                text(format!("The same files as the command line's export. {NOT_ENCRYPTED}"))
                    .size(13)
                    .style(style::muted),
                text_input(
                    "Or type where to save the CSV, e.g. E:\\exports\\incidents.csv",
                    &self.typed_path
                )
                .id("export-path")
                .on_input(Message::TypedPath)
                .padding(8)
                .width(Fill),
                row![
                    export("Export the incident log…", Export::Incidents),
                    export("Outstanding training…", Export::Training),
                    export("Outstanding AUP signatures…", Export::Signatures),
                    export("The people list…", Export::People),
                ]
                .spacing(10),
                row![
                    button(if self.busy { "Working…" } else { "Check the vault" })
                        .on_press_maybe(ready(Message::Check))
                        .padding([6, 16]),
                    text("Decrypts every page, walks the audit chain and checks every evidence file, as verify does.")
                        .size(13)
                        .style(style::muted)
                        .width(Fill),
                ]
                .spacing(12)
                .align_y(iced::Center),
                form::stage_line(self.checking.map(Checking::describe)),
                form::outcome(self.note.as_ref()),
            ]
            .spacing(12)
            .into(),
        )
    }
}
