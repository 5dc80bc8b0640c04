//! The filtering tab: the change-control log (requested, approved, applied) and the checks
//! that filtering works, which governors review.

use crate::ui::keyed::button;
use chrono::NaiveDate;
use iced::widget::{column, row, space, text};
use iced::{Element, Fill};

use super::{Action, Loaded};
use crate::domain::logs::{FilteringChange, FilteringCheck};
use crate::store::logs::Entry;
use crate::ui::form::{self, shown_date};
use crate::ui::session::{Session, SharedError};
use crate::ui::style;

/// A field of the change form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeField {
    /// Date requested.
    RequestedOn,
    /// The change.
    Change,
    /// Who asked.
    RequestedBy,
    /// Why.
    Reason,
    /// Who approved.
    ApprovedBy,
    /// Who applied.
    AppliedBy,
    /// Date applied.
    AppliedOn,
}

/// A field of the check form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckField {
    /// Date checked.
    CheckedOn,
    /// Who checked.
    CheckedBy,
    /// What was checked.
    What,
    /// The result.
    Result,
    /// The follow-up.
    FollowUp,
}

/// The change form as typed.
#[derive(Debug, Clone, Default)]
struct ChangeDraft {
    requested_on: String,
    change: String,
    requested_by: String,
    reason: String,
    approved_by: String,
    applied_by: String,
    applied_on: String,
}

impl ChangeDraft {
    /// A new request, asked for on `today`.
    fn new(today: NaiveDate) -> Self {
        Self {
            requested_on: shown_date(today),
            ..Self::default()
        }
    }

    /// The form filled from a logged change.
    fn of(entry: &FilteringChange) -> Self {
        Self {
            requested_on: shown_date(entry.requested_on),
            change: entry.change.clone(),
            requested_by: entry.requested_by.clone(),
            reason: entry.reason.clone(),
            approved_by: entry.approved_by.clone(),
            applied_by: entry.applied_by.clone(),
            applied_on: entry.applied_on.map(shown_date).unwrap_or_default(),
        }
    }

    fn field_mut(&mut self, field: ChangeField) -> &mut String {
        match field {
            ChangeField::RequestedOn => &mut self.requested_on,
            ChangeField::Change => &mut self.change,
            ChangeField::RequestedBy => &mut self.requested_by,
            ChangeField::Reason => &mut self.reason,
            ChangeField::ApprovedBy => &mut self.approved_by,
            ChangeField::AppliedBy => &mut self.applied_by,
            ChangeField::AppliedOn => &mut self.applied_on,
        }
    }

    /// The change as the log keeps it, or the problem with a date, in words.
    fn read(&self) -> Result<FilteringChange, String> {
        Ok(FilteringChange {
            requested_on: form::required_date(&self.requested_on, "Requested on")?,
            change: self.change.clone(),
            requested_by: self.requested_by.clone(),
            reason: self.reason.clone(),
            approved_by: self.approved_by.clone(),
            applied_by: self.applied_by.clone(),
            applied_on: form::typed_date(&self.applied_on, "Applied on")?,
        })
    }
}

/// The check form as typed.
#[derive(Debug, Clone, Default)]
struct CheckDraft {
    checked_on: String,
    checked_by: String,
    what: String,
    result: String,
    follow_up: String,
}

impl CheckDraft {
    fn field_mut(&mut self, field: CheckField) -> &mut String {
        match field {
            CheckField::CheckedOn => &mut self.checked_on,
            CheckField::CheckedBy => &mut self.checked_by,
            CheckField::What => &mut self.what,
            CheckField::Result => &mut self.result,
            CheckField::FollowUp => &mut self.follow_up,
        }
    }

    /// The check as the log keeps it, or the problem with its date, in words.
    fn read(&self) -> Result<FilteringCheck, String> {
        Ok(FilteringCheck {
            checked_on: form::required_date(&self.checked_on, "Checked on")?,
            checked_by: self.checked_by.clone(),
            what: self.what.clone(),
            result: self.result.clone(),
            follow_up: self.follow_up.clone(),
        })
    }
}

/// The form open on the tab, its fields as typed.
#[derive(Debug, Clone)]
enum Open {
    Change(Option<i64>, ChangeDraft),
    Check(CheckDraft),
}

/// The tab's state.
#[derive(Debug)]
pub struct Filtering {
    session: Session,
    today: NaiveDate,
    open: Option<Open>,
    error: Option<String>,
}

/// What the tab can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// "Log a change request".
    NewChange,
    /// Bring a logged change up to date.
    OpenChange(i64),
    /// "Record a check".
    NewCheck,
    /// A change field was edited.
    EditChange(ChangeField, String),
    /// A check field was edited.
    EditCheck(CheckField, String),
    /// Save the open form.
    Save,
    /// Saved, or not.
    Saved(Result<String, SharedError>),
    /// Close the form.
    Close,
}

impl Filtering {
    /// The tab on `today`.
    pub fn new(session: Session, today: NaiveDate) -> Self {
        Self {
            session,
            today,
            open: None,
            error: None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, loaded: Option<&Loaded>) -> Action<Message> {
        match message {
            Message::NewChange => {
                self.open = Some(Open::Change(None, ChangeDraft::new(self.today)))
            }
            Message::OpenChange(id) => {
                let entry = loaded.and_then(|l| l.changes.iter().find(|e| e.id == id));
                if let Some(entry) = entry {
                    self.open = Some(Open::Change(Some(id), ChangeDraft::of(&entry.entry)));
                    self.error = None;
                }
            }
            Message::NewCheck => {
                self.open = Some(Open::Check(CheckDraft {
                    checked_on: shown_date(self.today),
                    ..CheckDraft::default()
                }));
            }
            Message::EditChange(field, value) => {
                if let Some(Open::Change(_, draft)) = &mut self.open {
                    *draft.field_mut(field) = value;
                }
            }
            Message::EditCheck(field, value) => {
                if let Some(Open::Check(draft)) = &mut self.open {
                    *draft.field_mut(field) = value;
                }
            }
            Message::Save => return self.save(),
            Message::Saved(Ok(notice)) => {
                self.open = None;
                self.error = None;
                return Action::Saved(notice);
            }
            Message::Saved(Err(error)) => self.error = Some(error.to_string()),
            Message::Close => {
                self.open = None;
                self.error = None;
            }
        }
        Action::None
    }

    fn save(&mut self) -> Action<Message> {
        let today = self.today;
        let task = match self.open.clone() {
            Some(Open::Change(id, draft)) => {
                let change = match draft.read() {
                    Ok(change) => change,
                    Err(problem) => return self.refuse(problem),
                };
                super::saving(&self.session, move |vault| {
                    match id {
                        Some(id) => vault.update_filtering_change(id, &change, today),
                        None => vault.add_filtering_change(&change, today).map(|_| ()),
                    }
                    .map(|()| "Saved the change in the filtering log.".to_owned())
                })
                .map(Message::Saved)
            }
            Some(Open::Check(draft)) => {
                let check = match draft.read() {
                    Ok(check) => check,
                    Err(problem) => return self.refuse(problem),
                };
                super::saving(&self.session, move |vault| {
                    vault
                        .add_filtering_check(&check, today)
                        .map(|_| "Saved the filtering check.".to_owned())
                })
                .map(Message::Saved)
            }
            None => return Action::None,
        };
        Action::Run(task)
    }

    fn refuse(&mut self, problem: String) -> Action<Message> {
        self.error = Some(problem);
        Action::None
    }

    /// Draws the tab.
    pub fn view<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let mut page = column![].spacing(14);
        if let Some(open) = &self.open {
            page = page.push(open_view(open, self.error.as_deref()));
        }
        page.push(form::section(
            "Change-control log",
            changes(&loaded.changes),
        ))
        .push(form::section(
            "Checks that filtering works",
            checks(&loaded.checks),
        ))
        .into()
    }
}

fn changes(log: &[Entry<FilteringChange>]) -> Element<'_, Message> {
    let mut list = column![row![
        space().width(Fill),
        button("Log a change request")
            .on_press(Message::NewChange)
            .padding([6, 14])
    ]]
    .spacing(6);
    if log.is_empty() {
        list = list.push(text("No changes logged yet.").style(style::muted));
    }
    for entry in log {
        let change = &entry.entry;
        let state = match (&change.applied_on, change.approved_by.is_empty()) {
            (Some(day), _) => format!(
                "Approved by {}; applied by {} on {}",
                change.approved_by,
                change.applied_by,
                shown_date(*day)
            ),
            (None, false) => format!("Approved by {}; not applied yet", change.approved_by),
            (None, true) => "Waiting for approval".to_owned(),
        };
        list = list.push(
            row![
                column![
                    text(change.change.clone()),
                    text(format!(
                        "{} · asked by {} · {}",
                        shown_date(change.requested_on),
                        change.requested_by,
                        change.reason
                    ))
                    .size(13)
                    .style(style::muted),
                    text(state).size(13),
                ]
                .width(Fill),
                button("Change")
                    .on_press(Message::OpenChange(entry.id))
                    .style(button::secondary)
                    .padding([4, 10]),
            ]
            .align_y(iced::Center),
        );
    }
    list.into()
}

fn checks(log: &[Entry<FilteringCheck>]) -> Element<'_, Message> {
    let mut list = column![row![
        space().width(Fill),
        button("Record a check")
            .on_press(Message::NewCheck)
            .padding([6, 14])
    ]]
    .spacing(6);
    if log.is_empty() {
        list = list.push(text("No checks recorded yet.").style(style::muted));
    }
    for entry in log {
        let check = &entry.entry;
        let follow = if check.follow_up.is_empty() {
            String::new()
        } else {
            format!(" · follow-up: {}", check.follow_up)
        };
        list = list.push(column![
            text(format!("{}: {}", shown_date(check.checked_on), check.what)),
            text(format!(
                "{} (by {}){follow}",
                check.result, check.checked_by
            ))
            .size(13)
            .style(style::muted),
        ]);
    }
    list.into()
}

fn open_view<'a>(open: &'a Open, error: Option<&'a str>) -> Element<'a, Message> {
    let buttons = row![
        button("Close")
            .on_press(Message::Close)
            .style(button::secondary)
            .padding([6, 16]),
        space().width(Fill),
        button("Save").on_press(Message::Save).padding([6, 16]),
    ];
    let error = form::error_line(error);
    match open {
        Open::Change(id, f) => {
            let input =
                |label: &'static str, id: &'static str, which: ChangeField, value: &'a String| {
                    form::field(label, id, value, move |v| Message::EditChange(which, v))
                };
            let title = if id.is_some() {
                "Bring the change up to date"
            } else {
                "Log a change request"
            };
            form::section(
                title,
                column![
                    row![
                        input(
                            "Requested on (dd/mm/yyyy)",
                            "change-requested-on",
                            ChangeField::RequestedOn,
                            &f.requested_on
                        )
                        .width(220),
                        input(
                            "The change (site or category, allow or block)",
                            "change-what",
                            ChangeField::Change,
                            &f.change
                        ),
                    ]
                    .spacing(12),
                    row![
                        input(
                            "Asked for by",
                            "change-requested-by",
                            ChangeField::RequestedBy,
                            &f.requested_by
                        ),
                        input("Why", "change-reason", ChangeField::Reason, &f.reason),
                    ]
                    .spacing(12),
                    row![
                        input(
                            "Approved by",
                            "change-approved-by",
                            ChangeField::ApprovedBy,
                            &f.approved_by
                        ),
                        input(
                            "Applied by",
                            "change-applied-by",
                            ChangeField::AppliedBy,
                            &f.applied_by
                        ),
                        input(
                            "Applied on (dd/mm/yyyy)",
                            "change-applied-on",
                            ChangeField::AppliedOn,
                            &f.applied_on
                        )
                        .width(220),
                    ]
                    .spacing(12),
                    error,
                    buttons,
                ]
                .spacing(12)
                .into(),
            )
        }
        Open::Check(f) => {
            let input =
                |label: &'static str, id: &'static str, which: CheckField, value: &'a String| {
                    form::field(label, id, value, move |v| Message::EditCheck(which, v))
                };
            form::section(
                "Record a check",
                column![
                    row![
                        input(
                            "Checked on (dd/mm/yyyy)",
                            "check-on",
                            CheckField::CheckedOn,
                            &f.checked_on
                        )
                        .width(220),
                        input(
                            "Checked by",
                            "check-by",
                            CheckField::CheckedBy,
                            &f.checked_by
                        ),
                    ]
                    .spacing(12),
                    input("What was checked", "check-what", CheckField::What, &f.what),
                    row![
                        input("Result", "check-result", CheckField::Result, &f.result),
                        input(
                            "Follow-up",
                            "check-follow-up",
                            CheckField::FollowUp,
                            &f.follow_up
                        ),
                    ]
                    .spacing(12),
                    error,
                    buttons,
                ]
                .spacing(12)
                .into(),
            )
        }
    }
}
