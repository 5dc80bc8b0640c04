//! Settings › Backups: when the last backup was taken, and "Back up now…" to a file the
//! co-ordinator chooses (a USB drive, the school's network share).

use std::path::PathBuf;
use std::sync::Arc;

use crate::ui::keyed::button;
use iced::widget::{column, row, text, text_input};
use iced::{Element, Fill, Task};

use crate::domain::backups::BackupStanding;
use crate::store::backup::{BackupRecord, BackupSummary, Progress};
use crate::ui::background::Report;
use crate::ui::session::{Session, SharedError};
use crate::ui::{files, form, style};

/// The backups section's state.
#[derive(Debug)]
pub struct Backups {
    session: Session,
    last: Option<Result<Option<BackupRecord>, String>>,
    typed_path: String,
    busy: bool,
    /// How far the backup under way has come.
    progress: Option<Progress>,
    note: Option<Result<String, String>>,
}

/// What the backups section can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The last backup was read from the vault.
    Loaded(Result<Option<BackupRecord>, SharedError>),
    /// A path was typed.
    TypedPath(String),
    /// "Back up now…".
    BackUp,
    /// Where to write it, or `None` when the dialog was cancelled.
    Chosen(Option<PathBuf>),
    /// How far the backup has come.
    Progress(Progress),
    /// The backup was written and noted, or not.
    Done(Result<BackupSummary, SharedError>),
}

impl Backups {
    /// The section, with a task reading when the last backup was taken.
    pub fn new(session: Session) -> (Self, Task<Message>) {
        let load = session.with_vault(|vault| vault.last_backup().map_err(Arc::new));
        let backups = Backups {
            session,
            last: None,
            typed_path: String::new(),
            busy: false,
            progress: None,
            note: None,
        };
        (backups, Task::perform(load, Message::Loaded))
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Loaded(result) => self.last = Some(result.map_err(|e| e.to_string())),
            Message::TypedPath(path) => self.typed_path = path,
            Message::BackUp => {
                self.busy = true;
                self.note = None;
                let today = self.session.today();
                let name = format!("esafety-desk-{}.esdbak", today.format("%Y-%m-%d"));
                let typed = self.typed_path.clone();
                let chosen = files::typed_or_chosen("Back up the vault", name, typed);
                return Task::perform(chosen, Message::Chosen);
            }
            Message::Chosen(None) => self.busy = false,
            Message::Chosen(Some(path)) => {
                let write = self.session.with_vault_progress(move |vault, progress| {
                    vault
                        .back_up_with_progress(&path, progress)
                        .map_err(Arc::new)
                });
                return Task::run(write, |report| match report {
                    Report::Progress(step) => Message::Progress(step),
                    Report::Done(result) => Message::Done(result),
                });
            }
            Message::Progress(step) => self.progress = Some(step),
            Message::Done(result) => return self.done(result),
        }
        Task::none()
    }

    fn done(&mut self, result: Result<BackupSummary, SharedError>) -> Task<Message> {
        self.busy = false;
        self.progress = None;
        match result {
            Ok(summary) => {
                self.note = Some(Ok(format!(
                    "Backed up to {} ({} KiB). The same passphrase and recovery key open it.",
                    summary.file.display(),
                    summary.database_bytes.div_ceil(1024)
                )));
                let load = self
                    .session
                    .with_vault(|vault| vault.last_backup().map_err(Arc::new));
                Task::perform(load, Message::Loaded)
            }
            Err(error) => {
                self.note = Some(Err(error.to_string()));
                Task::none()
            }
        }
    }

    /// Draws the section.
    pub fn view(&self) -> Element<'_, Message> {
        let back_up = (!self.busy).then_some(Message::BackUp);
        form::section(
            "Backups",
            column![
                self.standing(),
                text(
                    "A backup is one encrypted file: the same passphrase and recovery key open \
                     it. Keep it off this PC, as the policy asks (a USB drive in the school \
                     safe, the school's backed-up network share); \"esafety-desk restore FILE\" \
                     puts it back. The network manager can schedule one nightly (see 'For network managers' in the user guide, F1)."
                )
                .size(13)
                .style(style::muted),
                row![
                    text_input(
                        "Or type where to save it, e.g. E:\\esafety-desk.esdbak",
                        &self.typed_path
                    )
                    .id("backup-path")
                    .on_input(Message::TypedPath)
                    .padding(8)
                    .width(Fill),
                    button(if self.busy {
                        "Backing up…"
                    } else {
                        "Back up now…"
                    })
                    .on_press_maybe(back_up)
                    .padding([8, 20]),
                ]
                .spacing(10)
                .align_y(iced::Center),
                form::progress_line(self.progress),
                form::outcome(self.note.as_ref()),
            ]
            .spacing(12)
            .into(),
        )
    }

    fn standing(&self) -> Element<'_, Message> {
        let last = match &self.last {
            None => return text("Reading…").style(style::muted).into(),
            Some(Err(error)) => return text(error.clone()).style(style::error).into(),
            Some(Ok(last)) => last.as_ref(),
        };
        let standing = BackupStanding::of(last.map(|b| b.taken_at), self.session.clock().utc_now());
        let headline = text(format!("{}.", standing.words())).size(15);
        let headline = if standing.needs_one() {
            headline.style(style::error)
        } else {
            headline
        };
        let Some(last) = last else {
            return headline.into();
        };
        let local = last.taken_at.with_timezone(&chrono::Local);
        let detail = format!(
            "{} at {}, to {} ({} KiB).",
            local.format("%A %-d %B %Y"),
            local.format("%H:%M"),
            last.file,
            last.database_bytes.div_ceil(1024)
        );
        column![headline, text(detail).size(13).style(style::muted)]
            .spacing(2)
            .into()
    }
}
