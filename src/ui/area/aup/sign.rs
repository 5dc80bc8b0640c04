//! Recording signatures: an agreement, a date and how it was signed, and the people who
//! signed, ticked a class at a time ("Year 5 signed the pupil AUP on 12/09/2025").

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::ui::keyed::{button, checkbox, pick_list};
use chrono::NaiveDate;
use iced::widget::{column, row, space, text};
use iced::{Element, Fill, Task};

use super::Loaded;
use crate::domain::aup::{Register, SigningMethod};
use crate::domain::person::year_group_name;
use crate::domain::wording::counted;
use crate::store::aup::{AupDocument, AupStatusRow};
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// A current agreement in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentChoice(pub i64, pub String);

impl std::fmt::Display for DocumentChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// A year group in the picker (`None` is everyone on the register), and whether it stands for
/// the parents of that year group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassChoice(pub Option<u8>, pub bool);

impl std::fmt::Display for ClassChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClassChoice(Some(year), false) => f.write_str(&year_group_name(*year)),
            ClassChoice(Some(year), true) => write!(f, "Parents of {}", year_group_name(*year)),
            ClassChoice(None, _) => f.write_str("Everyone on the register"),
        }
    }
}

/// The form's state.
#[derive(Debug)]
pub struct Sign {
    session: Session,
    today: NaiveDate,
    document: Option<DocumentChoice>,
    class: ClassChoice,
    signed_on: String,
    method: SigningMethod,
    ticked: BTreeSet<i64>,
    error: Option<String>,
    saving: bool,
}

/// What the form can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// An agreement was chosen.
    Document(DocumentChoice),
    /// A year group was chosen.
    Class(ClassChoice),
    /// The date was edited.
    SignedOn(String),
    /// How it was signed was chosen.
    Method(SigningMethod),
    /// Someone was ticked or unticked.
    Tick(i64, bool),
    /// Tick everyone listed.
    TickShown,
    /// Save the signatures.
    Save,
    /// Saved, with how many, or not.
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
    /// Back to the overview.
    Back,
    /// Saved: back to the overview, saying so.
    Saved(String),
}

impl Sign {
    /// An empty form, signed today, on paper.
    pub fn new(session: Session, today: NaiveDate) -> Self {
        Self {
            session,
            today,
            document: None,
            class: ClassChoice(None, false),
            signed_on: today.format("%d/%m/%Y").to_string(),
            method: SigningMethod::Paper,
            ticked: BTreeSet::new(),
            error: None,
            saving: false,
        }
    }

    /// Handles a message; `TickShown` ticks those `listed` shows.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Document(document) => {
                self.document = Some(document);
                self.ticked.clear();
            }
            Message::Class(class) => self.class = class,
            Message::SignedOn(value) => self.signed_on = value,
            Message::Method(method) => self.method = method,
            Message::Tick(id, on) => {
                if on {
                    self.ticked.insert(id);
                } else {
                    self.ticked.remove(&id);
                }
            }
            Message::TickShown => {}
            Message::Save => return self.save(),
            Message::Saved(Ok(count)) => {
                let name = self
                    .document
                    .as_ref()
                    .map_or(String::new(), |d| d.1.clone());
                return Action::Saved(format!(
                    "{} signed {name} on {}.",
                    counted(count, "person", "people"),
                    self.signed_on.trim()
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

    /// Ticks everyone `loaded` lists for the chosen agreement and year group.
    pub fn tick_shown(&mut self, loaded: &Loaded) {
        let shown: Vec<i64> = self.listed(loaded).iter().map(|r| r.person_id).collect();
        self.ticked.extend(shown);
    }

    fn save(&mut self) -> Action {
        let Some(DocumentChoice(document, _)) = self.document.clone() else {
            self.error = Some("Choose the agreement that was signed".into());
            return Action::None;
        };
        let signed_on = match crate::ui::form::required_date(&self.signed_on, "Signed on") {
            Ok(day) => day,
            Err(message) => {
                self.error = Some(message);
                return Action::None;
            }
        };
        let (people, method, today): (Vec<i64>, _, _) = (
            self.ticked.iter().copied().collect(),
            self.method,
            self.today,
        );
        self.saving = true;
        self.error = None;
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                vault
                    .record_aup_signatures(document, &people, signed_on, method, today)
                    .map_err(Arc::new)
            }),
            Message::Saved,
        ))
    }

    fn chosen<'a>(&self, loaded: &'a Loaded) -> Option<&'a AupDocument> {
        let id = self.document.as_ref()?.0;
        loaded.documents.iter().find(|d| d.id == id)
    }

    /// The people on the chosen agreement's register, in the chosen year group.
    fn listed<'a>(&self, loaded: &'a Loaded) -> Vec<&'a AupStatusRow> {
        let Some(document) = self.chosen(loaded) else {
            return Vec::new();
        };
        loaded
            .statuses
            .iter()
            .filter(|r| r.register == document.register)
            .filter(|r| r.in_class(self.class.0))
            .collect()
    }

    /// Draws the form.
    pub fn view<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let documents: Vec<DocumentChoice> = loaded
            .current()
            .into_iter()
            .map(|d| DocumentChoice(d.id, format!("{} (version {})", d.title, d.version)))
            .collect();
        let register = self.chosen(loaded).map(|d| d.register);
        let parents = register == Some(Register::Parents);
        let by_class = parents || register == Some(Register::Pupils);
        let mut classes = vec![ClassChoice(None, parents)];
        classes.extend((0..=13).map(|year| ClassChoice(Some(year), parents)));
        let mut choose = row![
            pick_list(documents, self.document.clone(), Message::Document)
                .placeholder("Choose the agreement")
                .width(Fill),
        ]
        .spacing(8);
        if by_class {
            let shown = ClassChoice(self.class.0, parents);
            choose = choose.push(pick_list(classes, Some(shown), Message::Class).width(240));
        }
        let save = (!self.saving).then_some(Message::Save);
        column![
            text("Record signatures").size(20),
            choose,
            row![
                form::field(
                    "Signed on (dd/mm/yyyy)",
                    "aup-signed-on",
                    &self.signed_on,
                    Message::SignedOn
                ),
                column![
                    text("How").size(13).style(style::muted),
                    pick_list(
                        [SigningMethod::Paper, SigningMethod::Electronic],
                        Some(self.method),
                        Message::Method
                    )
                    .width(Fill),
                ]
                .spacing(4),
            ]
            .spacing(12),
            form::section("Who signed", self.people(loaded)),
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
                button("Save signatures")
                    .on_press_maybe(save)
                    .padding([8, 20]),
            ]
            .spacing(12)
            .align_y(iced::Center),
        ]
        .spacing(14)
        .into()
    }

    fn people<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let listed = self.listed(loaded);
        if self.document.is_none() {
            return text("Choose the agreement to list who signs it.")
                .style(style::muted)
                .into();
        }
        let mut list = column![
            button("Tick everyone listed")
                .on_press(Message::TickShown)
                .style(button::secondary)
        ]
        .spacing(4);
        for row in listed {
            let id = row.person_id;
            list = list.push(
                checkbox(self.ticked.contains(&id))
                    .label(match row.register {
                        Register::Parents if !row.classes.is_empty() => format!(
                            "{} ({}) — {}",
                            row.name,
                            row.classes_named(),
                            row.status.title()
                        ),
                        _ => format!("{} — {}", row.name, row.status.title()),
                    })
                    .on_toggle(move |on| Message::Tick(id, on)),
            );
        }
        list.into()
    }
}
