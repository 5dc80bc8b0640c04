//! The people list: filtered by name and kind, and one person's details edited — their roles
//! (DSL, E-Safety Group…) decide which training applies, and MIS exports do not carry them.

use std::sync::Arc;

use crate::ui::keyed::{button, checkbox, pick_list};
use chrono::NaiveDate;
use iced::widget::{column, container, row, space, text, text_input};
use iced::{Element, Fill, Task};

use crate::domain::person::{NewPerson, PersonFlags, PersonKind, year_group_name};
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

/// The person being edited (`id` is `None` for someone new), with dates as typed.
#[derive(Debug)]
struct Editor {
    id: Option<i64>,
    person: NewPerson,
    linked: Vec<String>,
    start: String,
    leaving: String,
    born: String,
    child: String,
}

impl Editor {
    fn new(id: Option<i64>, person: NewPerson, linked: Vec<String>) -> Self {
        Self {
            id,
            start: shown(person.start_date),
            leaving: shown(person.leaving_date),
            born: shown(person.date_of_birth),
            child: String::new(),
            person,
            linked,
        }
    }
}

/// A date as the forms show it, or nothing.
fn shown(day: Option<NaiveDate>) -> String {
    day.map(form::shown_date).unwrap_or_default()
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
    /// "Add a person" was pressed.
    New,
    /// The new person's kind was chosen.
    NewKind(KindChoice),
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
    /// The date of birth was edited.
    Born(String),
    /// The UPN was edited.
    Upn(String),
    /// The child's name to link was edited.
    Child(String),
    /// Link this pupil to the parent being edited.
    LinkChild(i64),
    /// The links after linking, or why not.
    Linked(Result<Vec<String>, SharedError>),
    /// Save the details.
    Save,
    /// Saved (with the new record's id for someone added), or not.
    Saved(Result<Option<i64>, SharedError>),
    /// Close the editor.
    Close,
    /// "Import from the MIS…" was pressed.
    Import,
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
    /// Open the MIS import.
    Import,
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
            | Message::Saved(Err(error))
            | Message::Linked(Err(error)) => self.error = Some(error.to_string()),
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
                self.editor = Some(Editor::new(Some(id), *person, linked));
                self.error = None;
            }
            Message::New => {
                let kind = self.kind.0.unwrap_or(PersonKind::Staff);
                self.editor = Some(Editor::new(
                    None,
                    NewPerson::named(kind, "", ""),
                    Vec::new(),
                ));
                self.notice = None;
                self.error = None;
            }
            Message::LinkChild(child) => return self.link(child),
            Message::Linked(Ok(linked)) => {
                if let Some(editor) = &mut self.editor {
                    editor.linked = linked;
                    editor.child.clear();
                }
                self.error = None;
            }
            Message::Save => return self.save(),
            Message::Saved(Ok(added)) => return self.saved(added),
            Message::Close => self.editor = None,
            Message::Back => return Action::Back,
            Message::Import => return Action::Import,
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
            Message::Born(value) => editor.born = value,
            Message::Upn(value) => person.upn = value,
            Message::Child(value) => editor.child = value,
            Message::NewKind(choice) if editor.id.is_none() => {
                let kind = choice.0.unwrap_or(PersonKind::Staff);
                person.kind = kind;
                person.year_group = person.year_group.filter(|_| kind == PersonKind::Pupil);
                person.is_headteacher &= kind == PersonKind::Staff;
                if kind != PersonKind::Staff {
                    person.flags = PersonFlags::default();
                }
            }
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
        let read = crate::ui::form::typed_date;
        let mut person = editor.person.clone();
        match (
            read(&editor.start, "Started"),
            read(&editor.leaving, "Leaves"),
            read(&editor.born, "Date of birth"),
        ) {
            (Ok(start), Ok(leaving), Ok(born)) => {
                (person.start_date, person.leaving_date) = (start, leaving);
                person.date_of_birth = born;
            }
            (Err(problem), ..) | (_, Err(problem), _) | (.., Err(problem)) => {
                self.error = Some(problem);
                return Action::None;
            }
        }
        let id = editor.id;
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                match id {
                    Some(id) => vault.update_person(id, &person).map(|()| None),
                    None => vault.add_person(&person).map(Some),
                }
                .map_err(Arc::new)
            }),
            Message::Saved,
        ))
    }

    /// After saving: someone added stays open (a parent's children are linked next).
    fn saved(&mut self, added: Option<i64>) -> Action {
        let Some(editor) = self.editor.take() else {
            return Action::None;
        };
        let name = format!(
            "{} {}",
            editor.person.given_name.trim(),
            editor.person.family_name.trim()
        );
        self.error = None;
        if let Some(id) = added {
            self.notice = Some(format!("Added {name}."));
            self.editor = Some(Editor::new(Some(id), editor.person, Vec::new()));
        } else {
            self.notice = Some(format!("Saved {name}."));
        }
        Action::Run(self.reload())
    }

    fn link(&mut self, child: i64) -> Action {
        let Some(parent) = self.editor.as_ref().and_then(|e| e.id) else {
            return Action::None;
        };
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                vault.link_parent(parent, child).map_err(Arc::new)?;
                vault.linked_people(parent).map_err(Arc::new)
            }),
            Message::Linked,
        ))
    }

    /// Pupils whose name contains what was typed in the link field, a few at a time.
    fn children_matching<'a>(&'a self, typed: &str) -> Vec<&'a Person> {
        let typed = typed.trim().to_lowercase();
        if typed.chars().count() < 2 {
            return Vec::new();
        }
        self.everyone
            .iter()
            .filter(|p| p.kind == PersonKind::Pupil && p.name.to_lowercase().contains(&typed))
            .take(6)
            .collect()
    }

    /// Draws the page.
    pub fn view(&self) -> Element<'_, Message> {
        let kinds = std::iter::once(KindChoice(None))
            .chain(PersonKind::ALL.into_iter().map(|k| KindChoice(Some(k))))
            .collect::<Vec<_>>();
        let actions = row![
            button("Back to the training audit")
                .on_press(Message::Back)
                .style(button::text),
            space().width(Fill),
            button("Import from the MIS…")
                .on_press(Message::Import)
                .style(button::secondary)
                .padding([8, 16]),
            button("Add a person")
                .on_press(Message::New)
                .padding([8, 16]),
        ]
        .spacing(10)
        .align_y(iced::Center);
        let filters = row![
            text_input("Filter by name", &self.name)
                .id("people-name")
                .on_input(Message::Name)
                .padding(8),
            pick_list(kinds, Some(self.kind), Message::Kind).width(220),
            pick_list(ClassFilter::all(), Some(self.year), Message::Class).width(180),
        ]
        .spacing(10)
        .align_y(iced::Center);
        let mut page =
            column![actions, filters, form::error_line(self.error.as_deref())].spacing(14);
        if let Some(notice) = &self.notice {
            page = page.push(text(notice.clone()).style(style::success));
        }
        if let Some(editor) = &self.editor {
            let title = if editor.id.is_some() {
                "Details"
            } else {
                "Someone new"
            };
            let matches = self.children_matching(&editor.child);
            page = page.push(form::section(title, editor_view(editor, matches)));
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
            let detail = match (person.year_group, person.role.trim()) {
                (Some(year), _) => year_group_name(year),
                (None, "") => KindChoice(Some(person.kind)).to_string(),
                (None, role) => role.to_owned(),
            };
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

fn editor_view<'a>(editor: &'a Editor, matches: Vec<&'a Person>) -> Element<'a, Message> {
    let person = &editor.person;
    let mut names = row![
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
    .spacing(12);
    if editor.id.is_none() {
        let kinds: Vec<KindChoice> = PersonKind::ALL
            .into_iter()
            .map(|k| KindChoice(Some(k)))
            .collect();
        names = names.push(
            column![
                text("Who they are").size(13).style(style::muted),
                pick_list(kinds, Some(KindChoice(Some(person.kind))), Message::NewKind).width(220),
            ]
            .spacing(6),
        );
    }
    let mut details = column![names, about(editor)].spacing(12);
    if person.kind == PersonKind::Staff {
        details = details.push(flags(person));
    }
    if let Some(links) = links(editor, matches) {
        details = details.push(links);
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
    let save = if editor.id.is_some() {
        "Save details"
    } else {
        "Add this person"
    };
    container(details.push(row![
        button("Close").on_press(Message::Close).style(button::secondary).padding([6, 16]),
        space().width(Fill),
        button(save).on_press(Message::Save).padding([6, 16]),
    ]))
    .into()
}

/// A pupil's year group, date of birth and UPN, or anyone else's role.
fn about(editor: &Editor) -> Element<'_, Message> {
    let person = &editor.person;
    if person.kind != PersonKind::Pupil {
        return form::field("Role", "person-role", &person.role, Message::Role).into();
    }
    row![
        column![
            text("Year group").size(13).style(style::muted),
            pick_list(
                YearChoice::all(),
                person.year_group.map(YearChoice),
                Message::Year
            )
            .placeholder("Choose")
            .width(Fill),
        ]
        .spacing(6),
        form::field(
            "Date of birth (dd/mm/yyyy)",
            "person-born",
            &editor.born,
            Message::Born
        ),
        form::field("UPN (optional)", "person-upn", &person.upn, Message::Upn),
    ]
    .spacing(12)
    .into()
}

/// A member of staff's roles, which decide the training that applies.
fn flags(person: &NewPerson) -> Element<'_, Message> {
    let flag = |label: &'static str, on: bool, which: Flag| {
        checkbox(on)
            .label(label)
            .on_toggle(move |value| Message::Flag(which, value))
    };
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
    .spacing(18)
    .into()
}

/// A pupil's parents, or a parent's children with a field to link another child.
fn links<'a>(editor: &'a Editor, matches: Vec<&'a Person>) -> Option<Element<'a, Message>> {
    let label = match editor.person.kind {
        PersonKind::Pupil => "Parents and carers",
        PersonKind::ParentOrCarer => "Children",
        _ => return None,
    };
    if editor.id.is_none() {
        let later = match editor.person.kind {
            PersonKind::ParentOrCarer => "Their children are linked once they are added.",
            _ => "Parents are linked from their own record or the MIS import.",
        };
        return Some(text(later).size(13).style(style::muted).into());
    }
    let names = if editor.linked.is_empty() {
        "None linked".to_owned()
    } else {
        editor.linked.join(", ")
    };
    let mut links = column![row![
        text(label).width(160).style(style::muted),
        text(names)
    ]]
    .spacing(8);
    if editor.person.kind == PersonKind::ParentOrCarer {
        links = links.push(
            text_input("Type a pupil's name to link a child", &editor.child)
                .id("person-child")
                .on_input(Message::Child)
                .padding(8),
        );
        for pupil in matches {
            let class = pupil.year_group.map_or(String::new(), year_group_name);
            links = links.push(
                button(row![
                    text(format!("Link {}", pupil.name)).width(Fill),
                    text(class).style(style::muted)
                ])
                .on_press(Message::LinkChild(pupil.id))
                .style(style::table_row)
                .padding([4, 10]),
            );
        }
    }
    Some(links.into())
}
