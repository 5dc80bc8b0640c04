//! The registers at a glance, new versions of an agreement, and who must sign.

use std::sync::Arc;

use crate::ui::keyed::{button, pick_list};
use chrono::NaiveDate;
use iced::widget::{column, row, text, text_input};
use iced::{Element, Fill, Task};

use super::Loaded;
use crate::domain::aup::{Register, SignatureStatus};
use crate::ui::area::ClassFilter;
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// Rows of the outstanding list shown at once.
const SHOWN: usize = 300;

/// A register in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterChoice(pub Register);

impl std::fmt::Display for RegisterChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.title())
    }
}

/// The overview's state: the new-version form and a notice.
#[derive(Debug, Default)]
pub struct Overview {
    register: Option<RegisterChoice>,
    title: String,
    version: String,
    approved: String,
    notice: Option<String>,
    error: Option<String>,
    shown_register: Option<RegisterChoice>,
    shown_year: ClassFilter,
}

/// What the overview can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// A register was chosen for a new version.
    Register(RegisterChoice),
    /// The new version's title was edited.
    Title(String),
    /// Its version was edited.
    Version(String),
    /// Its approval date was edited.
    Approved(String),
    /// Add the new version.
    AddVersion,
    /// The version was added, or not.
    Added(Result<(), SharedError>),
    /// The outstanding list's register was chosen.
    ShowRegister(RegisterChoice),
    /// The outstanding list's year group was chosen.
    ShowYear(ClassFilter),
    /// Record signatures.
    Sign,
    /// Open photo consent.
    Consent,
}

/// What the overview asks of the area.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Load the registers again.
    Reload,
    /// Open the signing form.
    Sign,
    /// Open photo consent.
    Consent,
}

impl Overview {
    /// The overview, saying what was just saved.
    pub fn with_notice(notice: String) -> Self {
        Self {
            notice: Some(notice),
            ..Self::default()
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, session: &Session, today: NaiveDate) -> Action {
        match message {
            Message::Register(register) => self.register = Some(register),
            Message::Title(value) => self.title = value,
            Message::Version(value) => self.version = value,
            Message::Approved(value) => self.approved = value,
            Message::AddVersion => return self.add_version(session, today),
            Message::Added(Ok(())) => {
                self.notice = Some(format!(
                    "Version {} added: earlier signatures now need renewing.",
                    self.version.trim()
                ));
                (self.title, self.version, self.approved) = Default::default();
                self.error = None;
                return Action::Reload;
            }
            Message::Added(Err(error)) => self.error = Some(error.to_string()),
            Message::ShowRegister(register) => self.shown_register = Some(register),
            Message::ShowYear(year) => self.shown_year = year,
            Message::Sign => return Action::Sign,
            Message::Consent => return Action::Consent,
        }
        Action::None
    }

    fn add_version(&mut self, session: &Session, today: NaiveDate) -> Action {
        let Some(RegisterChoice(register)) = self.register else {
            self.error = Some("Choose the register the agreement is for".into());
            return Action::None;
        };
        let approved = match crate::ui::form::required_date(&self.approved, "Approved on") {
            Ok(day) if day <= today => day,
            _ => {
                self.error =
                    Some("Approved on: enter a date like 01/09/2025, not in the future".into());
                return Action::None;
            }
        };
        let (title, version) = (self.title.clone(), self.version.clone());
        Action::Run(Task::perform(
            session.with_vault(move |vault| {
                vault
                    .add_aup_document(register, &title, &version, approved)
                    .map(drop)
                    .map_err(Arc::new)
            }),
            Message::Added,
        ))
    }

    /// Draws the overview.
    pub fn view<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let mut page = column![
            row![
                text("Who has signed the school's Acceptable Use Agreements").width(Fill),
                button("Photo consent")
                    .on_press(Message::Consent)
                    .style(button::secondary)
                    .padding([8, 16]),
                button("Record signatures")
                    .on_press(Message::Sign)
                    .padding([8, 16]),
            ]
            .spacing(10)
            .align_y(iced::Center)
        ]
        .spacing(14);
        if let Some(notice) = &self.notice {
            page = page.push(text(notice.clone()).style(style::success));
        }
        page.push(form::section("Registers", registers(loaded)))
            .push(form::section(
                "A new version of an agreement",
                self.new_version(),
            ))
            .push(form::section("Who must sign", self.outstanding(loaded)))
            .into()
    }

    fn new_version(&self) -> Element<'_, Message> {
        let registers: Vec<RegisterChoice> = Register::ALL.map(RegisterChoice).to_vec();
        column![
            row![
                pick_list(registers, self.register, Message::Register)
                    .placeholder("Register")
                    .width(220),
                text_input(
                    "Title, e.g. Pupil Acceptable Use Agreement (KS2)",
                    &self.title
                )
                .on_input(Message::Title)
                .padding(6),
            ]
            .spacing(8),
            row![
                text_input("Version, e.g. 2025", &self.version)
                    .on_input(Message::Version)
                    .padding(6)
                    .width(220),
                text_input("Approved on (dd/mm/yyyy)", &self.approved)
                    .on_input(Message::Approved)
                    .padding(6),
                button("Add version")
                    .on_press(Message::AddVersion)
                    .style(button::secondary)
                    .padding([6, 14]),
            ]
            .spacing(8),
            form::error_line(self.error.as_deref()),
        ]
        .spacing(8)
        .into()
    }
}

fn registers(loaded: &Loaded) -> Element<'_, Message> {
    let mut table = column![row![
        text("Register").size(13).style(style::muted).width(200),
        text("Current agreement")
            .size(13)
            .style(style::muted)
            .width(Fill),
        text("Signed").size(13).style(style::muted).width(90),
        text("To sign").size(13).style(style::muted).width(90),
    ]]
    .spacing(8);
    let current = loaded.current();
    for register in Register::ALL {
        let on_register = loaded.statuses.iter().filter(|r| r.register == register);
        let signed = on_register
            .clone()
            .filter(|r| r.status == SignatureStatus::Signed)
            .count();
        let to_sign = on_register.filter(|r| r.status.outstanding()).count();
        let document = current.iter().find(|d| d.register == register).map_or_else(
            || "No agreement recorded yet".to_owned(),
            |d| {
                format!(
                    "{} — version {}, approved {}",
                    d.title,
                    d.version,
                    d.approved_on.format("%d/%m/%Y")
                )
            },
        );
        table = table.push(
            row![
                column![
                    text(register.title()),
                    text(register.rule()).size(12).style(style::muted)
                ]
                .width(200),
                text(document).width(Fill),
                text(signed.to_string()).width(90),
                text(to_sign.to_string()).width(90),
            ]
            .align_y(iced::Center),
        );
    }
    table.into()
}

impl Overview {
    fn outstanding<'a>(&self, loaded: &'a Loaded) -> Element<'a, Message> {
        let register = self.shown_register.map(|r| r.0);
        let rows: Vec<_> = loaded
            .statuses
            .iter()
            .filter(|r| r.status.outstanding())
            .filter(|r| register.is_none_or(|wanted| r.register == wanted))
            .filter(|r| r.in_class(self.shown_year.0))
            .collect();
        let registers: Vec<RegisterChoice> = Register::ALL.map(RegisterChoice).to_vec();
        let mut list = column![
            row![
                pick_list(registers, self.shown_register, Message::ShowRegister)
                    .placeholder("All registers")
                    .width(260),
                pick_list(ClassFilter::all(), Some(self.shown_year), Message::ShowYear).width(200),
            ]
            .spacing(8)
        ]
        .spacing(4);
        for row in rows.iter().take(SHOWN) {
            let year = row.classes_named();
            list = list.push(row![
                text(row.name.clone()).width(220),
                text(row.register.title()).width(200),
                text(year).width(120),
                text(row.status.title()).style(style::error).width(Fill),
            ]);
        }
        if rows.is_empty() {
            list = list.push(
                text("Everyone on a register with an agreement has signed it.")
                    .style(style::success),
            );
        } else if rows.len() > SHOWN {
            list = list.push(
                text(format!(
                    "Showing {SHOWN} of {}; the CLI's export aup-outstanding lists them all.",
                    rows.len()
                ))
                .size(13)
                .style(style::muted),
            );
        }
        list.into()
    }
}
