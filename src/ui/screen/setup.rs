//! First run: the school, the passphrase, the recovery key shown once, remember on this PC; or
//! a backup restored into the empty folder (a new PC).

use crate::ui::keyed::{button, checkbox};
use iced::widget::{column, container, operation, row, space, text, text_input};
use iced::{Center, Element, Fill, Font, Task};
use zeroize::Zeroize;

use crate::domain::SchoolSettings;
use crate::domain::clock::Clock;
use crate::domain::passphrase::{self, Strength};
use crate::store::{DataDir, RecoveryKey, Vault, backup, credential};
use crate::ui::session::{self, Session, SharedError};
use crate::ui::style;
use crate::ui::{background, files, form};

/// The field that has the cursor when the wizard opens.
pub const FIRST_FIELD: &str = "setup-school";

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    School,
    Passphrase,
    Creating,
    RecoveryKey,
    Remember,
}

/// The set-up wizard's state.
#[derive(Debug)]
pub struct Setup {
    dir: DataDir,
    /// Where "now" comes from (fixed in tests).
    clock: Clock,
    step: Step,
    school_name: String,
    coordinator: String,
    passphrase: String,
    confirmation: String,
    strength: Strength,
    error: Option<String>,
    created: Option<(Session, String)>,
    written_down: bool,
    remember: bool,
    remember_available: Result<(), String>,
    /// The credential store's own words for why it cannot be used are shown.
    store_details: bool,
    restore_path: String,
    restoring: bool,
    /// How far the restore under way has come.
    restore_progress: Option<backup::Progress>,
    /// Where to save the recovery key's sheet, typed (for desktops without a save dialog).
    sheet_path: String,
    /// What became of the last "Save as PDF to print".
    sheet_saved: Option<Result<String, String>>,
}

/// What the wizard can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The school name was edited.
    SchoolName(String),
    /// The co-ordinator's name was edited.
    Coordinator(String),
    /// The passphrase was edited.
    Passphrase(String),
    /// The confirmation was edited.
    Confirmation(String),
    /// Show or hide the credential store's own words for why it cannot be used.
    StoreDetails(bool),
    /// Go to the next step.
    Next,
    /// Go back a step.
    Back,
    /// The vault was created (or not), with the recovery key to show.
    Created(Result<(Session, String), SharedError>),
    /// "I have written it down or printed it" was ticked or unticked.
    WrittenDown(bool),
    /// "Remember on this PC" was switched.
    Remember(bool),
    /// Finish: remember the key if asked, then open the workspace.
    Finish,
    /// The key was stored in the credential store (or not).
    Remembered(Result<(), SharedError>),
    /// The path of a backup to restore was typed.
    RestorePath(String),
    /// "Restore a backup…".
    Restore,
    /// The backup to restore, or `None` when the dialog was cancelled.
    RestoreFrom(Option<std::path::PathBuf>),
    /// How far the restore has come.
    RestoreProgress(backup::Progress),
    /// The backup was restored (with the words to show on the unlock screen), or not.
    Restored(Result<String, SharedError>),
    /// Where to save the recovery key's sheet was typed.
    SheetPath(String),
    /// "Save as PDF to print": the recovery key's sheet.
    SaveSheet,
    /// Where the sheet was saved, or why not (`None`: no file chosen).
    SheetSaved(Option<Result<String, String>>),
}

/// What the wizard asks of the app.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Set-up is complete: open the workspace on this session.
    Finished(Session),
    /// A backup was restored into the folder: unlock it, showing these words.
    Restored(String),
}

impl Setup {
    /// A fresh wizard for an empty data folder, reading the time from `clock`.
    pub fn new(dir: DataDir, clock: Clock) -> Self {
        Self {
            dir,
            clock,
            step: Step::School,
            school_name: String::new(),
            coordinator: String::new(),
            passphrase: String::new(),
            confirmation: String::new(),
            strength: passphrase::assess("", &[]),
            error: None,
            created: None,
            written_down: false,
            remember: false,
            remember_available: credential::availability(),
            store_details: false,
            restore_path: String::new(),
            restoring: false,
            restore_progress: None,
            sheet_path: String::new(),
            sheet_saved: None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::SchoolName(value) => self.school_name = value,
            Message::Coordinator(value) => self.coordinator = value,
            Message::Passphrase(value) => self.set_passphrase(value),
            Message::Confirmation(value) => {
                self.error = None;
                self.confirmation = value;
            }
            Message::StoreDetails(shown) => self.store_details = shown,
            Message::Next => return self.next(),
            Message::Back => self.back(),
            Message::Created(result) => self.created(result),
            Message::WrittenDown(ticked) => self.written_down = ticked,
            Message::Remember(on) => self.remember = on,
            Message::Finish => return self.finish(),
            Message::Remembered(result) => return self.remembered(result),
            Message::RestorePath(path) => self.restore_path = path,
            Message::Restore => {
                self.error = None;
                self.restoring = true;
                let typed = self.restore_path.clone();
                let chosen = files::typed_or_picked("Restore a backup", typed);
                return Action::Run(Task::perform(chosen, Message::RestoreFrom));
            }
            Message::RestoreFrom(None) => self.restoring = false,
            Message::RestoreFrom(Some(file)) => return self.restore(file),
            Message::RestoreProgress(step) => self.restore_progress = Some(step),
            Message::Restored(Ok(words)) => return Action::Restored(words),
            Message::Restored(Err(error)) => {
                self.restoring = false;
                self.restore_progress = None;
                self.error = Some(error.to_string());
            }
            Message::SheetPath(path) => self.sheet_path = path,
            Message::SaveSheet => return self.save_sheet(),
            Message::SheetSaved(result) => self.sheet_saved(result),
        }
        Action::None
    }

    /// Lays out the recovery key's sheet off the UI thread and saves it where chosen.
    fn save_sheet(&mut self) -> Action {
        let Some((_, key)) = &self.created else {
            return Action::None;
        };
        self.sheet_saved = None;
        let (school, key) = (self.school_name.trim().to_owned(), key.clone());
        let typed = self.sheet_path.clone();
        let at = self.clock.now();
        Action::Run(Task::perform(
            async move {
                let sheet =
                    background::run(move || crate::report::recovery_sheet::pdf(&school, &key, at))
                        .await;
                let sheet = match sheet {
                    Ok(bytes) => std::sync::Arc::new(bytes),
                    Err(error) => return Some(Err(error.to_string())),
                };
                let name = "E-Safety Desk recovery key.pdf".to_owned();
                let saved = files::save_or_write("Save the recovery key", name, typed, sheet);
                Some(saved.await?.map(|path| path.display().to_string()))
            },
            Message::SheetSaved,
        ))
    }

    fn sheet_saved(&mut self, result: Option<Result<String, String>>) {
        self.sheet_saved = Some(match result {
            Some(Ok(path)) => Ok(format!(
                "Saved to {path}. Print it, then delete the file and empty the Recycle Bin: it holds the key unencrypted."
            )),
            Some(Err(error)) => Err(error),
            None => Err("Nothing was saved: no file was chosen. If no save dialog opened, type where to save the PDF in the box.".into()),
        });
    }

    fn restore(&mut self, file: std::path::PathBuf) -> Action {
        let dir = self.dir.clone();
        let restored = background::run_with_progress(move |progress| {
            (|| {
                let summary = backup::restore_with_progress(&file, &dir, progress)
                    .map_err(std::sync::Arc::new)?;
                let taken = chrono::DateTime::parse_from_rfc3339(&summary.created_at).map_or(
                    summary.created_at,
                    |at| {
                        let local = at.with_timezone(&chrono::Local);
                        local.format("on %-d %B %Y at %H:%M").to_string()
                    },
                );
                Ok(format!(
                    "Restored the backup taken {taken}. Unlock it with the passphrase (or \
                     recovery key) in force when it was taken."
                ))
            })()
        });
        Action::Run(Task::run(restored, |report| match report {
            background::Report::Progress(step) => Message::RestoreProgress(step),
            background::Report::Done(result) => Message::Restored(result),
        }))
    }

    fn set_passphrase(&mut self, value: String) {
        // A problem found with the last try no longer describes what is typed now.
        self.error = None;
        self.strength = passphrase::assess(&value, &[&self.school_name, &self.coordinator]);
        self.passphrase = value;
    }

    fn next(&mut self) -> Action {
        self.error = None;
        match self.step {
            Step::School => {
                match SchoolSettings::new(&self.school_name, &self.coordinator).validate() {
                    Ok(()) => {
                        self.step = Step::Passphrase;
                        return Action::Run(operation::focus("setup-passphrase"));
                    }
                    Err(problem) => self.error = Some(problem.to_string()),
                }
            }
            Step::Passphrase => return self.create(),
            Step::RecoveryKey if self.written_down => self.step = Step::Remember,
            _ => {}
        }
        Action::None
    }

    fn back(&mut self) {
        self.error = None;
        if self.step == Step::Passphrase {
            self.step = Step::School;
        }
    }

    fn create(&mut self) -> Action {
        let context = [self.school_name.as_str(), self.coordinator.as_str()];
        if let Err(problem) = passphrase::check_new(&self.passphrase, &self.confirmation, &context)
        {
            self.error = Some(problem.to_string());
            return Action::None;
        }
        self.step = Step::Creating;
        let dir = self.dir.clone();
        let settings = SchoolSettings::new(&self.school_name, &self.coordinator);
        let passphrase = std::mem::take(&mut self.passphrase);
        self.confirmation.zeroize();
        Action::Run(Task::perform(
            background::run(move || {
                let mut passphrase = passphrase;
                let created = Vault::create(&dir, &settings, &passphrase);
                passphrase.zeroize();
                let (vault, recovery): (Vault, RecoveryKey) =
                    created.map_err(std::sync::Arc::new)?;
                Ok((session::start(Ok(vault))?, recovery.display().to_string()))
            }),
            Message::Created,
        ))
    }

    fn created(&mut self, result: Result<(Session, String), SharedError>) {
        match result {
            Ok(created) => {
                self.created = Some(created);
                self.step = Step::RecoveryKey;
            }
            Err(error) => {
                self.error = Some(error.to_string());
                self.step = Step::Passphrase;
            }
        }
    }

    fn finish(&mut self) -> Action {
        let Some((session, _)) = &self.created else {
            return Action::None;
        };
        if !self.remember {
            return self.take_session();
        }
        Action::Run(Task::perform(
            session.with_vault(|vault| credential::remember(vault).map_err(std::sync::Arc::new)),
            Message::Remembered,
        ))
    }

    fn remembered(&mut self, result: Result<(), SharedError>) -> Action {
        match result {
            Ok(()) => self.take_session(),
            Err(error) => {
                self.remember = false;
                self.error = Some(format!("{error}. You can turn this on later in Settings."));
                Action::None
            }
        }
    }

    fn take_session(&mut self) -> Action {
        match self.created.take() {
            Some((session, mut key)) => {
                key.zeroize();
                Action::Finished(session)
            }
            None => Action::None,
        }
    }

    /// Draws the current step.
    pub fn view(&self) -> Element<'_, Message> {
        let (title, body) = match self.step {
            Step::School => ("Welcome to E-Safety Desk", self.school_step()),
            Step::Passphrase => ("Choose a passphrase", self.passphrase_step()),
            Step::Creating => ("Creating the encrypted vault…", creating_step()),
            Step::RecoveryKey => ("Your recovery key", self.recovery_step()),
            Step::Remember => ("Opening the vault on this PC", self.remember_step()),
        };
        let step_number = match self.step {
            Step::School => 1,
            Step::Passphrase | Step::Creating => 2,
            Step::RecoveryKey => 3,
            Step::Remember => 4,
        };
        let card = column![
            text(format!("Set-up · step {step_number} of 4"))
                .size(13)
                .style(style::muted),
            text(title).size(26),
            body,
            form::error_line(self.error.as_deref()),
        ]
        .spacing(16);
        form::dialog(card, 584.0)
    }

    fn school_step(&self) -> Element<'_, Message> {
        column![
            text("Everything you record stays on this PC, encrypted. Start with your school.")
                .style(style::muted),
            form::field(
                "School name",
                "setup-school",
                &self.school_name,
                Message::SchoolName
            ),
            form::field(
                "Your name (the E-Safety Co-ordinator)",
                "setup-coordinator",
                &self.coordinator,
                Message::Coordinator
            ),
            row![
                space().width(Fill),
                button("Next").on_press(Message::Next).padding([8, 20])
            ],
            iced::widget::rule::horizontal(1),
            self.restore_row(),
        ]
        .spacing(14)
        .into()
    }

    /// Moving to a new PC: restore a backup instead of starting an empty vault.
    fn restore_row(&self) -> Element<'_, Message> {
        let restore = (!self.restoring).then_some(Message::Restore);
        let section = column![
            text("Moving to a new PC? Restore a backup instead of starting again.")
                .size(14)
                .style(style::muted),
            row![
                text_input(
                    "The backup file, or leave empty to choose it",
                    &self.restore_path
                )
                .id("setup-restore-path")
                .on_input(Message::RestorePath)
                .padding(8)
                .width(Fill),
                button(if self.restoring {
                    "Restoring…"
                } else {
                    "Restore a backup…"
                })
                .on_press_maybe(restore)
                .style(button::secondary)
                .padding([8, 16]),
            ]
            .spacing(10)
            .align_y(Center),
        ]
        .spacing(8);
        match self.restore_progress {
            Some(step) => section.push(form::progress_line(Some(step))).into(),
            None => section.into(),
        }
    }

    fn passphrase_step(&self) -> Element<'_, Message> {
        column![
            text("The passphrase unlocks the vault. The school's password policy asks for a strong one; nobody can recover it for you, so the next step gives you a recovery key.").style(style::muted),
            form::secret_field("Passphrase", "setup-passphrase", &self.passphrase, Message::Passphrase, None),
            form::strength_meter(&self.strength),
            form::secret_field("Type it again", "setup-confirmation", &self.confirmation, Message::Confirmation, Some(Message::Next)),
            row![
                button("Back").on_press(Message::Back).style(button::secondary).padding([8, 20]),
                space().width(Fill),
                button("Create the vault").on_press(Message::Next).padding([8, 20]),
            ],
        ]
        .spacing(14)
        .into()
    }

    fn recovery_step(&self) -> Element<'_, Message> {
        let key = self
            .created
            .as_ref()
            .map(|(_, key)| key.as_str())
            .unwrap_or_default();
        let next = self.written_down.then_some(Message::Next);
        column![
            text("If the passphrase is forgotten, this key opens the vault. It is shown only now. Write it down or print it, and give it to the Headteacher to keep in the school safe, as the policy asks for administrator passwords.").style(style::muted),
            container(text(in_two_lines(key)).size(22).font(Font::MONOSPACE).align_x(Center)).padding(16).center_x(Fill).style(style::key_box),
            row![
                text_input("Where to save the PDF, or leave empty to choose", &self.sheet_path)
                    .id("setup-sheet-path")
                    .on_input(Message::SheetPath)
                    .padding(8),
                button("Save as PDF to print…").on_press(Message::SaveSheet).style(button::secondary).padding([8, 14]),
            ]
            .spacing(8)
            .align_y(Center),
            form::outcome(self.sheet_saved.as_ref()),
            checkbox(self.written_down).label("I have written it down or printed it").on_toggle(Message::WrittenDown),
            row![space().width(Fill), button("Continue").on_press_maybe(next).padding([8, 20])],
        ]
        .spacing(14)
        .into()
    }

    fn remember_step(&self) -> Element<'_, Message> {
        let switch: Element<'_, Message> = match &self.remember_available {
            Ok(()) => checkbox(self.remember)
                .label("Remember on this PC")
                .on_toggle(Message::Remember)
                .into(),
            Err(reason) => form::remember_unavailable(
                reason,
                self.store_details,
                Message::StoreDetails(!self.store_details),
            ),
        };
        column![
            text("Remembering keeps the vault's key in this PC's credential store, so the app opens without typing and scheduled backups can run. Only turn it on if this PC's Windows account is yours alone. After 10 minutes idle the app still locks and asks for the passphrase.").style(style::muted),
            switch,
            row![space().width(Fill), button("Open E-Safety Desk").on_press(Message::Finish).padding([8, 20])],
        ]
        .spacing(14)
        .into()
    }
}

fn creating_step<'a>() -> Element<'a, Message> {
    row![
        text(
            "Deriving the key from your passphrase and creating the database. This takes a moment."
        )
        .style(style::muted)
    ]
    .align_y(Center)
    .into()
}

/// The eight groups of the recovery key as two lines of four, easier to copy by hand.
fn in_two_lines(key: &str) -> String {
    let groups: Vec<&str> = key.split('-').collect();
    let middle = groups.len().div_ceil(2);
    format!(
        "{}\n{}",
        groups[..middle].join("-"),
        groups[middle..].join("-")
    )
}
