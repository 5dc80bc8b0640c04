//! The confiscations tab: devices taken from pupils, where each is held, and to whom and when
//! it went back (Matlock Bath: released to parents or carers).

use crate::ui::keyed::button;
use iced::widget::{column, row, space, text};
use iced::{Element, Fill};

use super::{Action, Loaded};
use crate::domain::logs::Confiscation;
use crate::domain::person::year_group_name;
use crate::domain::when;
use crate::store::logs::ConfiscationRow;
use crate::ui::form::{self, shown_date};
use crate::ui::session::{Session, SharedError};
use crate::ui::style;

/// A field of the forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The pupil's name, typed to find them.
    Pupil,
    /// The device.
    Device,
    /// When it was taken.
    TakenAt,
    /// Why.
    Reason,
    /// Where it is held.
    HeldWhere,
    /// Who it went back to.
    ReturnedTo,
    /// When it went back.
    ReturnedOn,
}

/// The confiscation form as typed.
#[derive(Debug, Clone)]
struct TakenDraft {
    /// The pupil's name as typed (or as chosen).
    pupil: String,
    device: String,
    taken_at: String,
    reason: String,
    held_where: String,
}

impl TakenDraft {
    /// A device taken at `now`, held in the school office unless the form says otherwise.
    fn new(now: chrono::NaiveDateTime) -> Self {
        Self {
            pupil: String::new(),
            device: String::new(),
            taken_at: now.format(when::UK_DATE_TIME).to_string(),
            reason: String::new(),
            held_where: "School office".into(),
        }
    }

    /// The typed text of `field`; `None` for the return form's fields.
    fn field_mut(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::Pupil => Some(&mut self.pupil),
            Field::Device => Some(&mut self.device),
            Field::TakenAt => Some(&mut self.taken_at),
            Field::Reason => Some(&mut self.reason),
            Field::HeldWhere => Some(&mut self.held_where),
            Field::ReturnedTo | Field::ReturnedOn => None,
        }
    }
}

/// The form open on the tab.
#[derive(Debug, Clone)]
enum Open {
    /// Recording a device taken: the pupil chosen, and the fields as typed.
    Taken(Option<(i64, String)>, TakenDraft),
    /// Recording a return.
    Returned(i64, String, String),
}

/// The tab's state.
#[derive(Debug)]
pub struct Confiscations {
    session: Session,
    open: Option<Open>,
    error: Option<String>,
}

/// What the tab can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// "Record a confiscation".
    New,
    /// "Returned" on a held device.
    Return(i64),
    /// A field was edited.
    Edit(Field, String),
    /// A pupil was chosen from the matches.
    Pupil(i64, String),
    /// Save the open form.
    Save,
    /// Saved, or not.
    Saved(Result<String, SharedError>),
    /// Close the form.
    Close,
}

impl Confiscations {
    /// The tab.
    pub fn new(session: Session) -> Self {
        Self {
            session,
            open: None,
            error: None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, _loaded: Option<&Loaded>) -> Action<Message> {
        let now = self.session.now();
        match message {
            Message::New => {
                self.open = Some(Open::Taken(None, TakenDraft::new(now)));
                self.error = None;
            }
            Message::Return(id) => {
                self.open = Some(Open::Returned(id, String::new(), shown_date(now.date())));
                self.error = None;
            }
            Message::Edit(field, value) => self.edit(field, value),
            Message::Pupil(id, name) => {
                if let Some(Open::Taken(pupil, draft)) = &mut self.open {
                    draft.pupil = name.clone();
                    *pupil = Some((id, name));
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

    fn edit(&mut self, field: Field, value: String) {
        match (&mut self.open, field) {
            (Some(Open::Taken(pupil, draft)), field) => {
                if field == Field::Pupil {
                    *pupil = None;
                }
                if let Some(typed) = draft.field_mut(field) {
                    *typed = value;
                }
            }
            (Some(Open::Returned(_, to, _)), Field::ReturnedTo) => *to = value,
            (Some(Open::Returned(_, _, on)), Field::ReturnedOn) => *on = value,
            _ => {}
        }
    }

    fn save(&mut self) -> Action<Message> {
        let now = self.session.now();
        let task = match self.open.clone() {
            Some(Open::Taken(pupil, f)) => {
                let Some((pupil_id, name)) = pupil else {
                    return self.refuse("Choose the pupil from the names listed".into());
                };
                let Some(taken_at) = when::parse_date_time(&f.taken_at) else {
                    return self
                        .refuse("Taken at: enter a date and time like 24/11/2026 10:15".into());
                };
                let taken = Confiscation {
                    pupil_id,
                    device: f.device.clone(),
                    taken_at,
                    reason: f.reason.clone(),
                    held_where: f.held_where.clone(),
                };
                super::saving(&self.session, move |vault| {
                    vault
                        .add_confiscation(&taken, now)
                        .map(|_| format!("Recorded the device taken from {name}."))
                })
                .map(Message::Saved)
            }
            Some(Open::Returned(id, to, on)) => {
                let returned_on = match form::required_date(&on, "Returned on") {
                    Ok(day) => day,
                    Err(problem) => return self.refuse(problem),
                };
                super::saving(&self.session, move |vault| {
                    vault
                        .return_device(id, &to, returned_on, now.date())
                        .map(|()| format!("Recorded the return to {}.", to.trim()))
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
            page = page.push(open_view(open, loaded, self.error.as_deref()));
        }
        let held: Vec<&ConfiscationRow> = loaded
            .confiscations
            .iter()
            .filter(|c| c.returned.is_none())
            .collect();
        let mut list = column![
            row![
                text(format!("{} held now", held.len())).width(Fill),
                button("Record a confiscation")
                    .on_press(Message::New)
                    .padding([6, 14]),
            ]
            .align_y(iced::Center)
        ]
        .spacing(8);
        for row_data in &loaded.confiscations {
            list = list.push(confiscation_row(row_data));
        }
        if loaded.confiscations.is_empty() {
            list = list.push(text("No devices have been confiscated.").style(style::muted));
        }
        page.push(form::section("Confiscated devices", list.into()))
            .into()
    }
}

fn confiscation_row(row_data: &ConfiscationRow) -> Element<'_, Message> {
    let taken = &row_data.entry;
    let state: Element<'_, Message> = match &row_data.returned {
        Some((to, on)) => text(format!("Returned to {to} on {}", shown_date(*on)))
            .size(13)
            .style(style::muted)
            .into(),
        None => button("Returned…")
            .on_press(Message::Return(row_data.id))
            .padding([4, 10])
            .into(),
    };
    row![
        column![
            text(format!("{}: {}", row_data.pupil, taken.device)),
            text(format!(
                "Taken {} · {} · held in {}",
                taken.taken_at.format(when::UK_DATE_TIME),
                taken.reason,
                taken.held_where
            ))
            .size(13)
            .style(style::muted),
        ]
        .width(Fill),
        state,
    ]
    .align_y(iced::Center)
    .into()
}

fn input<'a>(
    label: &'a str,
    id: &'static str,
    value: &'a str,
    field: Field,
) -> iced::widget::Column<'a, Message> {
    form::field(label, id, value, move |v| Message::Edit(field, v))
}

fn open_view<'a>(
    open: &'a Open,
    loaded: &'a Loaded,
    error: Option<&'a str>,
) -> Element<'a, Message> {
    let buttons = row![
        button("Close")
            .on_press(Message::Close)
            .style(button::secondary)
            .padding([6, 16]),
        space().width(Fill),
        button("Save").on_press(Message::Save).padding([6, 16]),
    ];
    match open {
        Open::Taken(pupil, f) => {
            let mut body = column![input(
                "Pupil (type to find)",
                "taken-pupil",
                &f.pupil,
                Field::Pupil
            )]
            .spacing(12);
            if pupil.is_none() {
                body = body.push(matches(loaded, &f.pupil));
            }
            body = body
                .push(
                    row![
                        input("Device", "taken-device", &f.device, Field::Device),
                        input(
                            "Taken at (dd/mm/yyyy hh:mm)",
                            "taken-at",
                            &f.taken_at,
                            Field::TakenAt
                        )
                        .width(240),
                    ]
                    .spacing(12),
                )
                .push(
                    row![
                        input("Why", "taken-reason", &f.reason, Field::Reason),
                        input("Held in", "taken-held", &f.held_where, Field::HeldWhere),
                    ]
                    .spacing(12),
                );
            form::section(
                "Record a confiscation",
                body.push(form::error_line(error)).push(buttons).into(),
            )
        }
        Open::Returned(_, to, on) => form::section(
            "Record the return",
            column![
                row![
                    input(
                        "Returned to (a parent or carer, or the pupil)",
                        "returned-to",
                        to,
                        Field::ReturnedTo
                    ),
                    input(
                        "Returned on (dd/mm/yyyy)",
                        "returned-on",
                        on,
                        Field::ReturnedOn
                    )
                    .width(220),
                ]
                .spacing(12),
                form::error_line(error),
                buttons,
            ]
            .spacing(12)
            .into(),
        ),
    }
}

/// Pupils whose name contains what was typed, a few at a time.
fn matches<'a>(loaded: &'a Loaded, typed: &str) -> Element<'a, Message> {
    let typed = typed.trim().to_lowercase();
    let mut list = column![].spacing(2);
    if typed.chars().count() < 2 {
        return list.into();
    }
    for pupil in loaded
        .pupils
        .iter()
        .filter(|p| p.name.to_lowercase().contains(&typed))
        .take(6)
    {
        let class = pupil.year_group.map_or(String::new(), year_group_name);
        list = list.push(
            button(row![
                text(pupil.name.clone()).width(Fill),
                text(class).style(style::muted)
            ])
            .on_press(Message::Pupil(pupil.id, pupil.name.clone()))
            .style(style::table_row)
            .padding([4, 10]),
        );
    }
    list.into()
}
