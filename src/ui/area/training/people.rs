//! The people list: filtered by name and kind, and one person's details edited — their roles
//! (DSL, E-Safety Group…) decide which training applies, and MIS exports do not carry them.

use std::sync::Arc;

use chrono::NaiveDate;
use iced::widget::{button, checkbox, column, container, pick_list, row, space, text, text_input};
use iced::{Element, Fill, Task};

use crate::domain::person::{NewPerson, PersonKind, year_group_name};
use crate::store::people::Person;
use crate::ui::area::ClassFilter;
use crate::ui::area::incidents::form::YearChoice;
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// Rows listed at once.
const SHOWN: usize = 200;

/// A kind filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindChoice(pub Option<PersonKind>);

impl std::fmt::Display for KindChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            None => "Everyone",
            Some(PersonKind::Pupil) => "Pupils",
            Some(PersonKind::Staff) => "Staff",
            Some(PersonKind::Governor) => "Governors",
            Some(PersonKind::Volunteer) => "Volunteers",
            Some(PersonKind::ParentOrCarer) => "Parents and carers",
            Some(PersonKind::CommunityUser) => "Community users",
            Some(PersonKind::Other) => "Others",
        })
    }
}

/// A role flag on the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// The Headteacher.
    Headteacher,
    /// The DSL.
    Dsl,
    /// A deputy DSL.
    DeputyDsl,
    /// E-Safety Group member.
    ESafetyGroup,
    /// Technical staff.
    Technical,
    /// Teaching staff.
    Teaching,
}

/// The person being edited, with dates as typed.
#[derive(Debug)]
struct Editor {
    id: i64,
    person: NewPerson,
    linked: Vec<String>,
    start: String,
    leaving: String,
}

/// The page's state.
#[derive(Debug)]
pub struct People {
    session: Session,
    everyone: Vec<Person>,
    name: String,
    kind: KindChoice,
    year: ClassFilter,
    editor: Option<Editor>,
    notice: Option<String>,
    error: Option<String>,
}

/// What the page can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The people list arrived.
    Loaded(Result<Vec<Person>, SharedError>),
    /// The name filter was edited.
    Name(String),
    /// A year group was chosen.
    Class(ClassFilter),
    /// A kind was chosen.
    Kind(KindChoice),
    /// A person was chosen.
    Open(i64),
    /// Their details arrived.
    Opened(Result<(i64, Box<NewPerson>, Vec<String>), SharedError>),
    /// The given name was edited.
    Given(String),
    /// The family name was edited.
    Family(String),
    /// The role was edited.
    Role(String),
    /// A flag was ticked or unticked.
    Flag(Flag, bool),
    /// A year group was chosen.
    Year(YearChoice),
    /// The start date was edited.
    Start(String),
    /// The leaving date was edited.
    Leaving(String),
    /// Save the details.
    Save,
    /// Saved, or not.
    Saved(Result<(), SharedError>),
    /// Close the editor.
    Close,
    /// Back to the audit.
    Back,
}

/// What the page asks of the area.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Back to the audit (reloading it: roles decide what applies).
    Back,
}

impl People {
    /// The page, loading everyone.
    pub fn new(session: Session) -> (Self, Task<Message>) {
        let page = Self {
            session,
            everyone: Vec::new(),
            name: String::new(),
            kind: KindChoice(Some(PersonKind::Staff)),
            year: ClassFilter(None),
            editor: None,
            notice: None,
            error: None,
        };
        let task = page.reload();
        (page, task)
    }

    fn reload(&self) -> Task<Message> {
        Task::perform(
            self.session
                .with_vault(|vault| vault.people().map_err(Arc::new)),
            Message::Loaded,
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Loaded(Ok(people)) => self.everyone = people,
            Message::Loaded(Err(error))
            | Message::Opened(Err(error))
            | Message::Saved(Err(error)) => self.error = Some(error.to_string()),
            Message::Name(value) => self.name = value,
            Message::Kind(kind) => self.kind = kind,
            Message::Class(year) => self.year = year,
            Message::Open(id) => {
                return Action::Run(Task::perform(
                    self.session.with_vault(move |vault| {
                        let person = vault.person(id).map_err(Arc::new)?;
                        let linked = vault.linked_people(id).map_err(Arc::new)?;
                        Ok((id, Box::new(person), linked))
                    }),
                    Message::Opened,
                ));
            }
            Message::Opened(Ok((id, person, linked))) => {
                let shown = |d: Option<NaiveDate>| {
                    d.map_or(String::new(), |d| d.format("%d/%m/%Y").to_string())
                };
                self.editor = Some(Editor {
                    id,
                    start: shown(person.start_date),
                    leaving: shown(person.leaving_date),
                    person: *person,
                    linked,
                });
                self.error = None;
            }
            Message::Save => return self.save(),
            Message::Saved(Ok(())) => {
                let name = self
                    .editor
                    .take()
                    .map(|e| format!("{} {}", e.person.given_name, e.person.family_name));
                self.notice = name.map(|n| format!("Saved {n}."));
                self.error = None;
                return Action::Run(self.reload());
            }
            Message::Close => self.editor = None,
            Message::Back => return Action::Back,
            edit => self.edit(edit),
        }
        Action::None
    }

    fn edit(&mut self, message: Message) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        let person = &mut editor.person;
        match message {
            Message::Given(value) => person.given_name = value,
            Message::Family(value) => person.family_name = value,
            Message::Role(value) => person.role = value,
            Message::Year(year) => person.year_group = Some(year.0),
            Message::Start(value) => editor.start = value,
            Message::Leaving(value) => editor.leaving = value,
            Message::Flag(flag, on) => match flag {
                Flag::Headteacher => person.is_headteacher = on,
                Flag::Dsl => person.flags.dsl = on,
                Flag::DeputyDsl => person.flags.deputy_dsl = on,
                Flag::ESafetyGroup => person.flags.esafety_group = on,
                Flag::Technical => person.flags.technical = on,
                Flag::Teaching => person.flags.teaching = on,
            },
            _ => {}
        }
    }

    fn save(&mut self) -> Action {
        let Some(editor) = &self.editor else {
            return Action::None;
        };
        let read = |typed: &str, field: &str| -> Result<Option<NaiveDate>, String> {
            if typed.trim().is_empty() {
                return Ok(None);
            }
            NaiveDate::parse_from_str(typed.trim(), "%d/%m/%Y")
                .map(Some)
                .map_err(|_| format!("{field}: enter a date like 01/09/2025"))
        };
        let mut person = editor.person.clone();
        match (
            read(&editor.start, "Started"),
            read(&editor.leaving, "Leaves"),
        ) {
            (Ok(start), Ok(leaving)) => (person.start_date, person.leaving_date) = (start, leaving),
            (Err(problem), _) | (_, Err(problem)) => {
                self.error = Some(problem);
                return Action::None;
            }
        }
        let id = editor.id;
        Action::Run(Task::perform(
            self.session
                .with_vault(move |vault| vault.update_person(id, &person).map_err(Arc::new)),
            Message::Saved,
        ))
    }

    /// Draws the page.
    pub fn view(&self) -> Element<'_, Message> {
        let kinds = std::iter::once(KindChoice(None))
            .chain(PersonKind::ALL.into_iter().map(|k| KindChoice(Some(k))))
            .collect::<Vec<_>>();
        let toolbar = row![
            button("Back to the training audit")
                .on_press(Message::Back)
                .style(button::text),
            text_input("Filter by name", &self.name)
                .id("people-name")
                .on_input(Message::Name)
                .padding(8),
            pick_list(kinds, Some(self.kind), Message::Kind).width(220),
            pick_list(ClassFilter::all(), Some(self.year), Message::Class).width(170),
        ]
        .spacing(10)
        .align_y(iced::Center);
        let mut page = column![toolbar, form::error_line(self.error.as_deref())].spacing(14);
        if let Some(notice) = &self.notice {
            page = page.push(text(notice.clone()).style(style::success));
        }
        if let Some(editor) = &self.editor {
            page = page.push(form::section("Details", editor_view(editor)));
        }
        page.push(form::section("People", self.list())).into()
    }

    fn list(&self) -> Element<'_, Message> {
        let name = self.name.trim().to_lowercase();
        let kept: Vec<&Person> = self
            .everyone
            .iter()
            .filter(|p| self.kind.0.is_none_or(|k| p.kind == k))
            .filter(|p| self.year.0.is_none() || p.year_group == self.year.0)
            .filter(|p| name.is_empty() || p.name.to_lowercase().contains(&name))
            .collect();
        let mut list = column![].spacing(2);
        for person in kept.iter().take(SHOWN) {
            let detail = person.year_group.map_or_else(
                || KindChoice(Some(person.kind)).to_string(),
                year_group_name,
            );
            list = list.push(
                button(row![
                    text(person.name.clone()).width(Fill),
                    text(detail).style(style::muted)
                ])
                .on_press(Message::Open(person.id))
                .style(style::table_row)
                .padding([6, 10]),
            );
        }
        if kept.len() > SHOWN {
            list = list.push(
                text(format!(
                    "Showing {SHOWN} of {}: filter by name to narrow.",
                    kept.len()
                ))
                .size(13)
                .style(style::muted),
            );
        }
        list.into()
    }
}

fn editor_view(editor: &Editor) -> Element<'_, Message> {
    let person = &editor.person;
    let mut details = column![
        row![
            form::field(
                "Given name",
                "person-given",
                &person.given_name,
                Message::Given
            ),
            form::field(
                "Family name",
                "person-family",
                &person.family_name,
                Message::Family
            ),
        ]
        .spacing(12),
    ]
    .spacing(12);
    if person.kind == PersonKind::Pupil {
        details = details.push(
            pick_list(
                YearChoice::all(),
                person.year_group.map(YearChoice),
                Message::Year,
            )
            .width(200),
        );
    } else {
        details = details.push(form::field(
            "Role",
            "person-role",
            &person.role,
            Message::Role,
        ));
    }
    if person.kind == PersonKind::Staff {
        let flag = |label: &'static str, on: bool, which: Flag| {
            checkbox(on)
                .label(label)
                .on_toggle(move |value| Message::Flag(which, value))
        };
        details = details.push(
            row![
                flag("Headteacher", person.is_headteacher, Flag::Headteacher),
                flag("DSL", person.flags.dsl, Flag::Dsl),
                flag("Deputy DSL", person.flags.deputy_dsl, Flag::DeputyDsl),
                flag(
                    "E-Safety Group",
                    person.flags.esafety_group,
                    Flag::ESafetyGroup
                ),
                flag("Technical staff", person.flags.technical, Flag::Technical),
                flag("Teaching", person.flags.teaching, Flag::Teaching),
            ]
            .spacing(18),
        );
    }
    let linked = match person.kind {
        PersonKind::Pupil => Some("Parents and carers"),
        PersonKind::ParentOrCarer => Some("Children"),
        _ => None,
    };
    if let Some(label) = linked {
        let names = if editor.linked.is_empty() {
            "None linked".to_owned()
        } else {
            editor.linked.join(", ")
        };
        details = details.push(row![
            text(label).width(160).style(style::muted),
            text(names)
        ]);
    }
    details = details.push(
        row![
            form::field(
                "Started (dd/mm/yyyy)",
                "person-start",
                &editor.start,
                Message::Start
            ),
            form::field(
                "Leaves or left (dd/mm/yyyy)",
                "person-leaving",
                &editor.leaving,
                Message::Leaving
            ),
        ]
        .spacing(12),
    );
    container(details.push(row![
                button("Close").on_press(Message::Close).style(button::secondary).padding([6, 16]),
                space().width(Fill),
                button("Save details").on_press(Message::Save).padding([6, 16]),
            ]))
    .into()
}
