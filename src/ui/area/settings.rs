//! Settings: school details, the passphrase, remember on this PC, auto-lock, backups and the
//! theme.

mod backup;
mod records;

use std::sync::Arc;

use crate::ui::keyed::{button, checkbox, pick_list};
use iced::widget::{column, row, space, text};
use iced::{Element, Fill, Task};
use zeroize::Zeroize;

use crate::domain::idle::{MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES};
use crate::domain::passphrase::{self, Strength};
use crate::domain::{SchoolSettings, ThemeChoice};
use crate::store::credential;
use crate::ui::form;
use crate::ui::session::{Session, SharedError};
use crate::ui::{Ctx, style};

/// The auto-lock choices offered, in minutes.
const AUTO_LOCK_CHOICES: [u32; 9] = [1, 2, 5, 10, 15, 20, 30, 45, 60];

/// A school-details field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The school's name.
    SchoolName,
    /// The co-ordinator.
    Coordinator,
    /// The Designated Safeguarding Lead.
    SafeguardingLead,
    /// The Headteacher.
    Headteacher,
    /// The Chair of Governors.
    ChairOfGovernors,
    /// The LADO contact.
    LadoContact,
}

/// Auto-lock minutes, shown as "10 minutes".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minutes(pub u32);

impl std::fmt::Display for Minutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0 == 1 {
            f.write_str("1 minute")
        } else {
            write!(f, "{} minutes", self.0)
        }
    }
}

/// Whether this PC remembers the key, as far as is known.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Remember {
    Checking,
    Available(bool),
    Unavailable(String),
}

/// The settings area's state.
#[derive(Debug)]
pub struct Settings {
    session: Session,
    draft: SchoolSettings,
    school_note: Option<Result<String, String>>,
    current: String,
    new: String,
    confirmation: String,
    strength: Strength,
    passphrase_note: Option<Result<String, String>>,
    remember: Remember,
    /// The credential store's own words for why it cannot be used are shown.
    store_details: bool,
    busy: bool,
    backups: backup::Backups,
    records: records::Records,
}

/// What the settings area can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// A school-details field was edited.
    Edit(Field, String),
    /// Save the school details.
    SaveSchool,
    /// Settings were saved, or not.
    Saved(Result<SchoolSettings, SharedError>),
    /// The current passphrase was edited.
    Current(String),
    /// The new passphrase was edited.
    New(String),
    /// The confirmation was edited.
    Confirmation(String),
    /// Change the passphrase.
    ChangePassphrase,
    /// The passphrase was changed, or not.
    PassphraseChanged(Result<(), SharedError>),
    /// Whether this PC remembers the key (or why it cannot).
    RememberChecked(Result<bool, String>),
    /// "Remember on this PC" was switched.
    SetRemember(bool),
    /// Show or hide the credential store's own words for why it cannot be used.
    StoreDetails(bool),
    /// The credential store was updated, or not.
    RememberSet(Result<bool, SharedError>),
    /// An auto-lock time was chosen.
    AutoLock(Minutes),
    /// A theme was chosen.
    Theme(ThemeChoice),
    /// The backups section.
    Backups(backup::Message),
    /// The exports and checks section.
    Records(records::Message),
}

/// What the settings area asks of the workspace.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// The settings were saved; the rest of the app should use them.
    SettingsSaved(SchoolSettings),
    /// The theme was chosen.
    ThemeChosen(ThemeChoice),
}

impl Settings {
    /// The area, with a task that finds out whether this PC remembers the key.
    pub fn new(session: Session) -> (Self, Task<Message>) {
        let vault_id = session.vault_id().to_owned();
        let check = Task::perform(
            crate::ui::background::run(move || {
                credential::availability().map(|()| credential::is_remembered(&vault_id))
            }),
            Message::RememberChecked,
        );
        let (backups, load) = backup::Backups::new(session.clone());
        let records = records::Records::new(session.clone());
        let settings = Self {
            draft: session.settings().clone(),
            session,
            school_note: None,
            current: String::new(),
            new: String::new(),
            confirmation: String::new(),
            strength: passphrase::assess("", &[]),
            passphrase_note: None,
            remember: Remember::Checking,
            store_details: false,
            busy: false,
            backups,
            records,
        };
        (settings, Task::batch([check, load.map(Message::Backups)]))
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Edit(field, value) => *self.field_mut(field) = value,
            Message::SaveSchool => return self.save(self.draft.clone()),
            Message::Saved(result) => return self.saved(result),
            Message::Current(value) => self.current = value,
            Message::New(value) => {
                let settings = self.session.settings();
                self.strength =
                    passphrase::assess(&value, &[&settings.school_name, &settings.coordinator]);
                self.new = value;
            }
            Message::Confirmation(value) => self.confirmation = value,
            Message::ChangePassphrase => return self.change_passphrase(),
            Message::PassphraseChanged(result) => self.passphrase_changed(result),
            Message::RememberChecked(result) => {
                self.remember = result.map_or_else(Remember::Unavailable, Remember::Available);
            }
            Message::SetRemember(on) => return self.set_remember(on),
            Message::StoreDetails(shown) => self.store_details = shown,
            Message::RememberSet(result) => self.remember_set(result),
            Message::AutoLock(Minutes(minutes)) => {
                let mut settings = self.session.settings().clone();
                settings.auto_lock_minutes = minutes;
                return self.save(settings);
            }
            Message::Theme(choice) => return Action::ThemeChosen(choice),
            Message::Backups(message) => {
                return Action::Run(self.backups.update(message).map(Message::Backups));
            }
            Message::Records(message) => {
                return Action::Run(self.records.update(message).map(Message::Records));
            }
        }
        Action::None
    }

    fn field_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::SchoolName => &mut self.draft.school_name,
            Field::Coordinator => &mut self.draft.coordinator,
            Field::SafeguardingLead => &mut self.draft.designated_safeguarding_lead,
            Field::Headteacher => &mut self.draft.headteacher,
            Field::ChairOfGovernors => &mut self.draft.chair_of_governors,
            Field::LadoContact => &mut self.draft.lado_contact,
        }
    }

    fn save(&mut self, settings: SchoolSettings) -> Action {
        if let Err(problem) = settings.validate() {
            self.school_note = Some(Err(problem.to_string()));
            return Action::None;
        }
        Action::Run(Task::perform(
            self.session
                .with_vault(move |vault| vault.save_settings(&settings).map_err(Arc::new)),
            Message::Saved,
        ))
    }

    fn saved(&mut self, result: Result<SchoolSettings, SharedError>) -> Action {
        match result {
            Ok(saved) => {
                self.session.set_settings(saved.clone());
                self.draft.auto_lock_minutes = saved.auto_lock_minutes;
                self.school_note = Some(Ok(
                    "Saved. The earlier details stay in the audit trail.".into()
                ));
                Action::SettingsSaved(saved)
            }
            Err(error) => {
                self.school_note = Some(Err(error.to_string()));
                Action::None
            }
        }
    }

    fn change_passphrase(&mut self) -> Action {
        let settings = self.session.settings();
        let context = [settings.school_name.as_str(), settings.coordinator.as_str()];
        if let Err(problem) = passphrase::check_new(&self.new, &self.confirmation, &context) {
            self.passphrase_note = Some(Err(problem.to_string()));
            return Action::None;
        }
        self.busy = true;
        let mut current = std::mem::take(&mut self.current);
        let mut new = std::mem::take(&mut self.new);
        self.confirmation.zeroize();
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                let changed = vault
                    .check_passphrase(&current)
                    .and_then(|()| vault.change_passphrase(&new, &new));
                current.zeroize();
                new.zeroize();
                changed.map_err(Arc::new)
            }),
            Message::PassphraseChanged,
        ))
    }

    fn passphrase_changed(&mut self, result: Result<(), SharedError>) {
        self.busy = false;
        self.strength = passphrase::assess("", &[]);
        self.passphrase_note = Some(match result {
            Ok(()) => Ok("The passphrase is changed. The recovery key stays the same.".into()),
            Err(error) => Err(error.to_string()),
        });
    }

    fn set_remember(&mut self, on: bool) -> Action {
        self.remember = Remember::Checking;
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                let outcome = if on {
                    credential::remember(vault)
                } else {
                    credential::forget(vault.vault_id())
                };
                outcome.map(|()| on).map_err(Arc::new)
            }),
            Message::RememberSet,
        ))
    }

    fn remember_set(&mut self, result: Result<bool, SharedError>) {
        self.remember = match result {
            Ok(on) => Remember::Available(on),
            Err(error) => Remember::Unavailable(error.to_string()),
        };
    }

    /// Draws the area.
    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        column![
            self.school_section(),
            self.security_section(),
            self.backups.view().map(Message::Backups),
            self.records.view().map(Message::Records),
            appearance_section(ctx)
        ]
        .spacing(16)
        .into()
    }

    fn school_section(&self) -> Element<'_, Message> {
        let edit = |field| move |value| Message::Edit(field, value);
        let draft = &self.draft;
        form::section(
            "School details",
            column![
                row![
                    form::field(
                        "School name",
                        "settings-school",
                        &draft.school_name,
                        edit(Field::SchoolName)
                    ),
                    form::field(
                        "E-Safety Co-ordinator",
                        "settings-coordinator",
                        &draft.coordinator,
                        edit(Field::Coordinator)
                    ),
                ]
                .spacing(16),
                row![
                    form::field(
                        "Designated Safeguarding Lead",
                        "settings-dsl",
                        &draft.designated_safeguarding_lead,
                        edit(Field::SafeguardingLead)
                    ),
                    form::field(
                        "Headteacher",
                        "settings-head",
                        &draft.headteacher,
                        edit(Field::Headteacher)
                    ),
                ]
                .spacing(16),
                row![
                    form::field(
                        "Chair of Governors",
                        "settings-chair",
                        &draft.chair_of_governors,
                        edit(Field::ChairOfGovernors)
                    ),
                    form::field(
                        "LADO contact (name, phone)",
                        "settings-lado",
                        &draft.lado_contact,
                        edit(Field::LadoContact)
                    ),
                ]
                .spacing(16),
                row![
                    form::outcome(self.school_note.as_ref()),
                    space().width(Fill),
                    button("Save details")
                        .on_press(Message::SaveSchool)
                        .padding([8, 20])
                ]
                .align_y(iced::Center),
            ]
            .spacing(12)
            .into(),
        )
    }

    fn security_section(&self) -> Element<'_, Message> {
        let change = (!self.busy).then_some(Message::ChangePassphrase);
        let minutes = Minutes(self.session.settings().auto_lock_minutes);
        let choices: Vec<Minutes> = AUTO_LOCK_CHOICES.iter().copied().map(Minutes).collect();
        form::section(
            "Security",
            column![
                text("Change passphrase").size(15),
                row![
                    form::secret_field("Current passphrase", "settings-current", &self.current, Message::Current, None),
                    form::secret_field("New passphrase", "settings-new", &self.new, Message::New, None),
                    form::secret_field("Type the new one again", "settings-confirm", &self.confirmation, Message::Confirmation, change.clone()),
                ]
                .spacing(16),
                form::strength_meter(&self.strength),
                row![form::outcome(self.passphrase_note.as_ref()), space().width(Fill), button("Change passphrase").on_press_maybe(change).padding([8, 20])]
                    .align_y(iced::Center),
                iced::widget::rule::horizontal(1),
                self.remember_row(),
                iced::widget::rule::horizontal(1),
                row![
                    column![
                        text("Lock after no input for").size(15),
                        text(format!("{MIN_AUTO_LOCK_MINUTES} to {MAX_AUTO_LOCK_MINUTES} minutes; the policy default is 10.")).size(13).style(style::muted),
                    ]
                    .spacing(2),
                    space().width(Fill),
                    pick_list(choices, Some(minutes), Message::AutoLock).padding(8),
                ]
                .align_y(iced::Center),
            ]
            .spacing(12)
            .into(),
        )
    }

    fn remember_row(&self) -> Element<'_, Message> {
        let (switch, explanation): (Element<'_, Message>, String) = match &self.remember {
            Remember::Checking => (checkbox(false).label("Remember on this PC").into(), "Checking this PC's credential store…".into()),
            Remember::Available(on) => (
                checkbox(*on).label("Remember on this PC").on_toggle(Message::SetRemember).into(),
                "Keeps the key in this PC's credential store: the app opens without typing and the command line can back up unattended. Locking after idle still asks for the passphrase.".into(),
            ),
            Remember::Unavailable(reason) => {
                return form::remember_unavailable(
                    reason,
                    self.store_details,
                    Message::StoreDetails(!self.store_details),
                );
            }
        };
        column![switch, text(explanation).size(13).style(style::muted)]
            .spacing(6)
            .into()
    }
}

fn appearance_section<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    form::section(
        "Appearance",
        row![
            text("Theme").size(15),
            space().width(Fill),
            pick_list(ThemeChoice::ALL, Some(ctx.theme), Message::Theme).padding(8),
        ]
        .align_y(iced::Center)
        .into(),
    )
}
