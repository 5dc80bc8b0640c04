//! The new-incident form: quick from the keyboard, with the policy's guidance for the chosen
//! category beside it and the actions the sanctions table suggests already ticked.

use std::sync::Arc;

use chrono::{NaiveDateTime, Timelike};
use iced::widget::{button, checkbox, column, container, pick_list, row, space, text, text_editor};
use iced::{Element, Fill, Task};

use crate::domain::incident::category::{CATEGORIES, Category, Level, RiskArea};
use crate::domain::incident::rules::{self, ILLEGAL_INSTRUCTION};
use crate::domain::incident::{Device, Location, NewIncident, PlannedAction, Role, Subject};
use crate::store::people::Person;
use crate::ui::session::{Session, SharedError};
use crate::ui::{Ctx, form, style};

/// A category in the picker: its words, shortened, with its level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryChoice(pub &'static Category);

impl std::fmt::Display for CategoryChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let title: String = self.0.title.chars().take(90).collect();
        let more = if self.0.title.chars().count() > 90 {
            "…"
        } else {
            ""
        };
        let who = match self.0.subject {
            Subject::Pupil => "Pupil: ",
            Subject::Staff => "Staff: ",
            Subject::Anyone => "",
        };
        write!(f, "{who}{title}{more}")
    }
}

/// A KCSIE area in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskChoice(pub RiskArea);

impl std::fmt::Display for RiskChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.title())
    }
}

/// A person in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonChoice(pub Person);

impl std::fmt::Display for PersonChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.year_group {
            Some(year) => write!(
                f,
                "{} ({})",
                self.0.name,
                crate::domain::person::year_group_name(year)
            ),
            None => write!(f, "{} ({})", self.0.name, self.0.kind.code()),
        }
    }
}

/// The form's state.
#[derive(Debug)]
pub struct Form {
    session: Session,
    occurred: String,
    reported: String,
    reported_by: String,
    location: Location,
    device: Device,
    category: Option<CategoryChoice>,
    risk: RiskChoice,
    description: text_editor::Content,
    urls: String,
    everyone: Vec<PersonChoice>,
    person: Option<PersonChoice>,
    role: Role,
    involved: Vec<(Person, Role)>,
    actions: Vec<PlannedAction>,
    error: Option<String>,
    saving: bool,
}

/// What the form can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// When it happened was edited.
    Occurred(String),
    /// When it was reported was edited.
    Reported(String),
    /// Who reported it was edited.
    ReportedBy(String),
    /// A location was chosen.
    Location(Location),
    /// A device was chosen.
    Device(Device),
    /// A category was chosen.
    Category(CategoryChoice),
    /// An area of risk was chosen.
    Risk(RiskChoice),
    /// The description was edited.
    Description(text_editor::Action),
    /// The web addresses were edited.
    Urls(String),
    /// The people list arrived.
    PeopleLoaded(Result<Vec<Person>, SharedError>),
    /// A person was chosen to add.
    Person(PersonChoice),
    /// A role was chosen for that person.
    Role(Role),
    /// Add the chosen person with the chosen role.
    AddPerson,
    /// Remove an added person from this form.
    RemovePerson(usize),
    /// An action was ticked or unticked.
    ToggleAction(usize, bool),
    /// Save the incident.
    Save,
    /// The incident was saved, or not.
    Saved(Result<i64, SharedError>),
    /// Leave without saving.
    Cancel,
}

/// What the form asks of the incident log.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Back to the list.
    Cancel,
    /// Saved: show this incident.
    Saved(i64),
}

/// Dates as the form shows and reads them: the UK's day/month/year.
const SHOWN: &str = "%d/%m/%Y %H:%M";

impl Form {
    /// An empty form, reported now, loading the people list.
    pub fn new(session: Session) -> (Self, Task<Message>) {
        let now = now();
        let load = Task::perform(
            session.with_vault(|vault| vault.people().map_err(Arc::new)),
            Message::PeopleLoaded,
        );
        let form = Self {
            session,
            occurred: now.format(SHOWN).to_string(),
            reported: now.format(SHOWN).to_string(),
            reported_by: String::new(),
            location: Location::Classroom,
            device: Device::NotKnown,
            category: None,
            risk: RiskChoice(RiskArea::Content),
            description: text_editor::Content::new(),
            urls: String::new(),
            everyone: Vec::new(),
            person: None,
            role: Role::Pupil,
            involved: Vec::new(),
            actions: Vec::new(),
            error: None,
            saving: false,
        };
        (
            form,
            Task::batch([load, iced::widget::operation::focus("incident-occurred")]),
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Occurred(value) => self.occurred = value,
            Message::Reported(value) => self.reported = value,
            Message::ReportedBy(value) => self.reported_by = value,
            Message::Location(location) => self.location = location,
            Message::Device(device) => self.device = device,
            Message::Category(choice) => {
                self.risk = RiskChoice(choice.0.risk);
                self.category = Some(choice);
                self.suggest_actions();
            }
            Message::Risk(risk) => self.risk = risk,
            Message::Description(action) => self.description.perform(action),
            Message::Urls(value) => self.urls = value,
            Message::PeopleLoaded(Ok(people)) => {
                self.everyone = people.into_iter().map(PersonChoice).collect()
            }
            Message::PeopleLoaded(Err(error)) => self.error = Some(error.to_string()),
            Message::Person(person) => {
                self.role = default_role(&person.0);
                self.person = Some(person);
            }
            Message::Role(role) => self.role = role,
            Message::AddPerson => self.add_person(),
            Message::RemovePerson(index) => {
                if index < self.involved.len() {
                    self.involved.remove(index);
                    self.suggest_actions();
                }
            }
            Message::ToggleAction(index, chosen) => {
                if let Some(action) = self.actions.get_mut(index) {
                    action.chosen = chosen;
                }
            }
            Message::Save => return self.save(),
            Message::Saved(Ok(id)) => return Action::Saved(id),
            Message::Saved(Err(error)) => {
                self.saving = false;
                self.error = Some(error.to_string());
            }
            Message::Cancel => return Action::Cancel,
        }
        Action::None
    }

    fn add_person(&mut self) {
        let Some(PersonChoice(person)) = self.person.take() else {
            return;
        };
        if self.involved.iter().any(|(p, _)| p.id == person.id) {
            self.error = Some(format!("{} is already on this incident", person.name));
            return;
        }
        self.involved.push((person, self.role));
        self.suggest_actions();
    }

    /// Ticks the sanctions table's actions for the category and the people involved, keeping
    /// the co-ordinator's choices for actions still suggested.
    fn suggest_actions(&mut self) {
        let Some(CategoryChoice(category)) = self.category else {
            return;
        };
        let roles: Vec<Role> = self.involved.iter().map(|(_, role)| *role).collect();
        let previous = std::mem::take(&mut self.actions);
        self.actions = rules::suggested_action_titles(category, &roles)
            .into_iter()
            .map(|title| {
                let chosen = previous
                    .iter()
                    .find(|a| a.action == title)
                    .is_none_or(|a| a.chosen);
                PlannedAction {
                    action: title.to_owned(),
                    suggested: true,
                    chosen,
                }
            })
            .collect();
    }

    fn save(&mut self) -> Action {
        match self.incident() {
            Ok(incident) => {
                if let Err(problem) = incident.validate(now()) {
                    self.error = Some(problem.to_string());
                    return Action::None;
                }
                self.saving = true;
                self.error = None;
                Action::Run(Task::perform(
                    self.session.with_vault(move |vault| {
                        vault
                            .record_incident(&incident, now())
                            .map(|recorded| recorded.id)
                            .map_err(Arc::new)
                    }),
                    Message::Saved,
                ))
            }
            Err(problem) => {
                self.error = Some(problem);
                Action::None
            }
        }
    }

    /// The incident as entered, or the first problem that stops it being read.
    fn incident(&self) -> Result<NewIncident, String> {
        let category = self.category.ok_or("Choose a category")?.0;
        Ok(NewIncident {
            occurred_at: parse_when(&self.occurred, "When it happened")?,
            reported_at: parse_when(&self.reported, "When it was reported")?,
            reported_by: self.reported_by.clone(),
            location: self.location,
            device: self.device,
            category: category.key.to_owned(),
            risk: self.risk.0,
            description: self.description.text(),
            urls: self
                .urls
                .split([' ', ',', '\n'])
                .filter(|url| !url.trim().is_empty())
                .map(str::to_owned)
                .collect(),
            people: self
                .involved
                .iter()
                .map(|(person, role)| (person.id, *role))
                .collect(),
            actions: self.actions.clone(),
        })
    }

    /// Draws the form and the guidance beside it.
    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        row![
            self.fields().width(iced::FillPortion(3)),
            self.guidance(ctx).width(iced::FillPortion(2))
        ]
        .spacing(20)
        .into()
    }

    fn fields(&self) -> iced::widget::Column<'_, Message> {
        let save = (!self.saving).then_some(Message::Save);
        let categories: Vec<CategoryChoice> = CATEGORIES.iter().map(CategoryChoice).collect();
        let risks: Vec<RiskChoice> = RiskArea::ALL.into_iter().map(RiskChoice).collect();
        column![
            text("New incident").size(20),
            row![
                form::field(
                    "When it happened (dd/mm/yyyy hh:mm)",
                    "incident-occurred",
                    &self.occurred,
                    Message::Occurred
                ),
                form::field(
                    "When it was reported",
                    "incident-reported",
                    &self.reported,
                    Message::Reported
                ),
            ]
            .spacing(12),
            form::field(
                "Reported by",
                "incident-reported-by",
                &self.reported_by,
                Message::ReportedBy
            ),
            row![
                labelled(
                    "Where",
                    pick_list(Location::ALL, Some(self.location), Message::Location).width(Fill)
                ),
                labelled(
                    "Device",
                    pick_list(Device::ALL, Some(self.device), Message::Device).width(Fill)
                ),
            ]
            .spacing(12),
            labelled(
                "Category",
                pick_list(categories, self.category, Message::Category)
                    .placeholder("Choose the policy's category")
                    .width(Fill)
            ),
            labelled(
                "Area of risk (KCSIE)",
                pick_list(risks, Some(self.risk), Message::Risk).width(200)
            ),
            labelled(
                "What happened",
                text_editor(&self.description)
                    .id("incident-description")
                    .on_action(Message::Description)
                    .height(120)
            ),
            form::field(
                "Web addresses of the sites concerned (separate with spaces)",
                "incident-urls",
                &self.urls,
                Message::Urls
            ),
            self.people_section(),
            self.actions_section(),
            form::error_line(self.error.as_deref()),
            row![
                button("Cancel")
                    .on_press(Message::Cancel)
                    .style(button::secondary)
                    .padding([8, 20]),
                space().width(Fill),
                button("Save incident")
                    .on_press_maybe(save)
                    .padding([8, 20]),
            ],
        ]
        .spacing(12)
    }

    fn people_section(&self) -> Element<'_, Message> {
        let mut list = column![].spacing(4);
        for (index, (person, role)) in self.involved.iter().enumerate() {
            list = list.push(
                row![
                    text(format!("{} — {}", person.name, role.title())).width(Fill),
                    button("Remove")
                        .on_press(Message::RemovePerson(index))
                        .style(button::text),
                ]
                .align_y(iced::Center),
            );
        }
        let add = row![
            pick_list(
                self.everyone.as_slice(),
                self.person.clone(),
                Message::Person
            )
            .placeholder("Choose a person")
            .width(Fill),
            pick_list(Role::ALL, Some(self.role), Message::Role).width(170),
            button("Add")
                .on_press_maybe(self.person.as_ref().map(|_| Message::AddPerson))
                .padding([6, 14]),
        ]
        .spacing(8);
        labelled("People involved", column![list, add].spacing(6)).into()
    }

    fn actions_section(&self) -> Element<'_, Message> {
        if self.actions.is_empty() {
            return labelled(
                "Actions",
                text("Choose a category to see the actions the policy suggests.")
                    .style(style::muted),
            )
            .into();
        }
        let mut list = column![].spacing(4);
        for (index, action) in self.actions.iter().enumerate() {
            list = list.push(
                checkbox(action.chosen)
                    .label(action.action.clone())
                    .on_toggle(move |on| Message::ToggleAction(index, on)),
            );
        }
        labelled(
            "Actions (suggested by the sanctions table; untick what will not be done)",
            list,
        )
        .into()
    }

    fn guidance<'a>(&'a self, ctx: &Ctx<'a>) -> iced::widget::Container<'a, Message> {
        let Some(CategoryChoice(category)) = self.category else {
            return guidance_card(column![
                text("Guidance").size(17),
                text("The policy's guidance for the category appears here.").style(style::muted)
            ]);
        };
        let mut card = column![text("Guidance").size(17), level_line(category)].spacing(10);
        if category.level == Level::Illegal {
            let mut steps =
                column![text("Illegal: what to do now").size(15).style(style::error)].spacing(4);
            for (number, step) in ILLEGAL_INSTRUCTION.iter().enumerate() {
                steps = steps.push(text(format!("{}. {step}", number + 1)));
            }
            card = card.push(steps);
            card = card.push(text("It cannot be closed without a police referral or a recorded reason for not referring.").style(style::muted));
        }
        if category.may_be_illegal {
            card = card.push(text("The policy marks this as possibly illegal: consider whether the police should be involved.").style(style::muted));
        }
        if category.no_images {
            card = card.push(text("Never view, copy, print, share, store or save these images (UKCIS). Keep a written description only: the app will not accept any file for this incident.").style(style::error));
        }
        let involved: Vec<_> = self
            .involved
            .iter()
            .map(|(_, role)| role.involved())
            .collect();
        if let Some(route) = rules::routing(&involved) {
            card = card.push(text(route.describe(ctx.settings)).style(style::error));
        }
        guidance_card(card)
    }
}

fn level_line<'a>(category: &Category) -> Element<'a, Message> {
    let (label, styled): (&str, fn(&iced::Theme) -> text::Style) = match category.level {
        Level::Illegal => ("Level: illegal", style::error),
        Level::Unacceptable => ("Level: unacceptable", text::default),
        Level::Inappropriate => ("Level: inappropriate", style::muted),
    };
    text(label).style(styled).into()
}

fn guidance_card<'a>(
    content: iced::widget::Column<'a, Message>,
) -> iced::widget::Container<'a, Message> {
    container(content)
        .padding(16)
        .width(Fill)
        .style(style::card)
}

fn labelled<'a>(
    label: &'a str,
    control: impl Into<Element<'a, Message>>,
) -> iced::widget::Column<'a, Message> {
    column![text(label).size(13).style(style::muted), control.into()].spacing(4)
}

fn default_role(person: &Person) -> Role {
    use crate::domain::person::PersonKind;
    match person.kind {
        PersonKind::Pupil => Role::Pupil,
        PersonKind::Staff if person.is_headteacher => Role::Headteacher,
        PersonKind::Staff => Role::Staff,
        PersonKind::ParentOrCarer => Role::ParentOrCarer,
        _ => Role::Other,
    }
}

/// Reads "10/11/2025 09:30" (or "2025-11-10 09:30"; a date alone means midnight).
fn parse_when(typed: &str, field: &str) -> Result<NaiveDateTime, String> {
    let typed = typed.trim();
    for format in [SHOWN, "%Y-%m-%d %H:%M"] {
        if let Ok(when) = NaiveDateTime::parse_from_str(typed, format) {
            return Ok(when);
        }
    }
    for format in ["%d/%m/%Y", "%Y-%m-%d"] {
        if let Ok(day) = chrono::NaiveDate::parse_from_str(typed, format) {
            return Ok(day.and_time(chrono::NaiveTime::MIN));
        }
    }
    Err(format!(
        "{field}: enter the date and time like 10/11/2025 09:30"
    ))
}

fn now() -> NaiveDateTime {
    let now = chrono::Local::now().naive_local();
    now.with_second(0)
        .and_then(|n| n.with_nanosecond(0))
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_the_uk_way_and_named_when_wrong() {
        let when = parse_when(" 10/11/2025 09:30 ", "When").unwrap();
        assert_eq!(when.to_string(), "2025-11-10 09:30:00");
        assert_eq!(
            parse_when("2025-11-10", "When").unwrap().to_string(),
            "2025-11-10 00:00:00"
        );
        assert_eq!(
            parse_when("31/02/2025 09:00", "When it happened").unwrap_err(),
            "When it happened: enter the date and time like 10/11/2025 09:30"
        );
    }
}
