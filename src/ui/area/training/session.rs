//! Recording a training session: its type, date and provider, and who attended, ticked from
//! the people the training applies to (all of them, or those not up to date, in one click).

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::ui::keyed::{button, checkbox, pick_list};
use chrono::NaiveDate;
use iced::widget::{column, row, space, text};
use iced::{Element, Fill, Task};

use super::Loaded;
use crate::domain::wording::counted;
use crate::store::training::{NewSession, StatusRow};
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// A training type in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeChoice(pub i64, pub String);

impl std::fmt::Display for TypeChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// The form's state.
#[derive(Debug)]
pub struct RecordSession {
    session: Session,
    today: NaiveDate,
    kind: Option<TypeChoice>,
    held_on: String,
    provider: String,
    notes: String,
    ticked: BTreeSet<i64>,
    error: Option<String>,
    saving: bool,
}

/// What the form can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// A type was chosen.
    Type(TypeChoice),
    /// The date was edited.
    HeldOn(String),
    /// The provider was edited.
    Provider(String),
    /// The notes were edited.
    Notes(String),
    /// Someone was ticked or unticked.
    Tick(i64, bool),
    /// Tick everyone the training applies to.
    TickAll,
    /// Tick those not up to date.
    TickOutstanding,
    /// Untick everyone.
    UntickAll,
    /// Save the session.
    Save,
    /// Saved with this many attendees, or not.
    Saved(Result<usize, SharedError>),
    /// Back without saving.
    Cancel,
}

/// What the form asks of the area.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Back to the audit.
    Back,
    /// Saved: back to the audit, saying so.
    Saved(String),
}

impl RecordSession {
    /// An empty form, held today.
    pub fn new(session: Session, today: NaiveDate) -> Self {
        Self {
            session,
            today,
            kind: None,
            held_on: today.format("%d/%m/%Y").to_string(),
            provider: String::new(),
            notes: String::new(),
            ticked: BTreeSet::new(),
            error: None,
            saving: false,
        }
    }

    /// The people this type applies to, once each.
    fn applies_to<'a>(&self, loaded: &'a Loaded) -> Vec<&'a StatusRow> {
        let Some(TypeChoice(id, _)) = &self.kind else {
            return Vec::new();
        };
        loaded
            .statuses
            .iter()
            .filter(|r| r.type_id == *id)
            .collect()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, loaded: Option<&Loaded>) -> Action {
        let rows = loaded.map(|l| self.applies_to(l)).unwrap_or_default();
        let ids = |keep: fn(&StatusRow) -> bool| -> BTreeSet<i64> {
            rows.iter()
                .filter(|r| keep(r))
                .map(|r| r.person_id)
                .collect()
        };
        match message {
            Message::Type(kind) => {
                self.kind = Some(kind);
                self.ticked.clear();
            }
            Message::HeldOn(value) => self.held_on = value,
            Message::Provider(value) => self.provider = value,
            Message::Notes(value) => self.notes = value,
            Message::Tick(id, on) => {
                if on {
                    self.ticked.insert(id);
                } else {
                    self.ticked.remove(&id);
                }
            }
            Message::TickAll => self.ticked = ids(|_| true),
            Message::TickOutstanding => self.ticked = ids(|r| r.status.outstanding()),
            Message::UntickAll => self.ticked.clear(),
            Message::Save => return self.save(),
            Message::Saved(Ok(count)) => {
                let name = self.kind.as_ref().map_or(String::new(), |k| k.1.clone());
                return Action::Saved(format!(
                    "Recorded {name} on {}: {} attended.",
                    self.held_on.trim(),
                    counted(count, "person", "people")
                ));
            }
            Message::Saved(Err(error)) => {
                self.saving = false;
                self.error = Some(error.to_string());
            }
            Message::Cancel => return Action::Back,
        }
        Action::None
    }

    fn save(&mut self) -> Action {
        let Some(TypeChoice(type_id, _)) = self.kind.clone() else {
            self.error = Some("Choose the kind of training".into());
            return Action::None;
        };
        let held_on = match crate::ui::form::required_date(&self.held_on, "When it was held") {
            Ok(day) => day,
            Err(message) => {
                self.error = Some(message);
                return Action::None;
            }
        };
        let new = NewSession {
            type_id,
            held_on,
            provider: self.provider.clone(),
            notes: self.notes.clone(),
            attendees: self.ticked.iter().copied().collect(),
        };
        let (count, today) = (new.attendees.len(), self.today);
        self.saving = true;
        self.error = None;
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                vault
                    .record_training_session(&new, today)
                    .map(|_| count)
                    .map_err(Arc::new)
            }),
            Message::Saved,
        ))
    }

    /// Draws the form.
    pub fn view<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let types: Vec<TypeChoice> = loaded
            .types
            .iter()
            .map(|t| TypeChoice(t.id, t.kind.name.clone()))
            .collect();
        let details = column![
            text("Record a training session").size(20),
            column![
                text("Training").size(13).style(style::muted),
                pick_list(types, self.kind.clone(), Message::Type)
                    .placeholder("Choose the kind of training")
                    .width(Fill),
            ]
            .spacing(4),
            row![
                form::field(
                    "Held on (dd/mm/yyyy)",
                    "training-held-on",
                    &self.held_on,
                    Message::HeldOn
                ),
                form::field(
                    "Provider",
                    "training-provider",
                    &self.provider,
                    Message::Provider
                ),
            ]
            .spacing(12),
            form::field("Notes", "training-notes", &self.notes, Message::Notes),
        ]
        .spacing(12);
        let save = (!self.saving).then_some(Message::Save);
        column![
            details,
            form::section("Who attended", self.attendees(loaded)),
            form::error_line(self.error.as_deref()),
            row![
                button("Cancel")
                    .on_press(Message::Cancel)
                    .style(button::secondary)
                    .padding([8, 20]),
                space().width(Fill),
                text(format!(
                    "{} ticked",
                    counted(self.ticked.len(), "person", "people")
                ))
                .style(style::muted),
                button("Save session").on_press_maybe(save).padding([8, 20]),
            ]
            .spacing(12)
            .align_y(iced::Center),
        ]
        .spacing(14)
        .into()
    }

    fn attendees<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let rows = self.applies_to(loaded);
        if rows.is_empty() {
            return text("Choose the training to list the people it applies to.")
                .style(style::muted)
                .into();
        }
        let bulk = row![
            button("Tick everyone")
                .on_press(Message::TickAll)
                .style(button::secondary),
            button("Tick those not up to date")
                .on_press(Message::TickOutstanding)
                .style(button::secondary),
            button("Untick all")
                .on_press(Message::UntickAll)
                .style(button::text),
        ]
        .spacing(8);
        let mut list = column![].spacing(4);
        for row in rows {
            let id = row.person_id;
            list = list.push(
                checkbox(self.ticked.contains(&id))
                    .label(format!("{} — {}", row.name, row.status.title()))
                    .on_toggle(move |on| Message::Tick(id, on)),
            );
        }
        column![bulk, list].spacing(10).into()
    }
}
