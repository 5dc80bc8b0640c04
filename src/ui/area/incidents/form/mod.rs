//! The incident form: a new incident quick from the keyboard, with the policy's guidance for
//! the chosen category beside it and the actions the sanctions table suggests already ticked;
//! or an amendment of a recorded one, with the reason for the change.

mod choices;
mod draft;
mod pickers;
mod view;

use std::sync::Arc;

use chrono::{NaiveDateTime, Timelike};
use iced::Task;
use iced::widget::text_editor;

use crate::domain::incident::category::{self, RiskArea};
use crate::domain::incident::rules;
use crate::domain::incident::{
    Device, IncidentField, IncidentProblem, Involvement, Location, NewIncident, Part,
    PlannedAction, Role,
};
use crate::domain::person::{NewPerson, PersonKind};
use crate::domain::policy::SanctionsMatrices;
use crate::domain::problem::RuleProblem;
use crate::domain::when::{self, UK_DATE_TIME};
use crate::store::StoreError;
use crate::store::drafts::Draft;
use crate::store::incidents::{IncidentDetail, InvolvedPerson};
use crate::store::people::Person;
use crate::ui::FormKey;
use crate::ui::picker::{self, Picker};
use crate::ui::session::{Session, SharedError};

pub use choices::{CategoryChoice, PersonChoice, RiskChoice, YearChoice};
pub use view::SAVE_BUTTON;

/// The form's state.
#[derive(Debug)]
pub struct Form {
    session: Session,
    editing: Option<Editing>,
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
    /// Each person's words as the person search compares them, in the order of `everyone`.
    people_words: Vec<String>,
    person_search: Picker,
    category_search: Picker,
    /// Every category is listed, grouped by level, to choose from by mouse.
    browsing: bool,
    /// The part someone typed in as new will have.
    role: Role,
    involved: Vec<OnIncident>,
    actions: Vec<PlannedAction>,
    sanctions: SanctionsMatrices,
    newcomer: Newcomer,
    reason: String,
    error: Option<String>,
    /// The problems found when Save was pressed, each with its field, in the form's order.
    problems: Vec<(IncidentField, String)>,
    saving: bool,
    /// Where the draft is kept: `incident-new`, or `incident-amend-<id>`.
    draft_key: String,
    /// Typed since the draft was last written.
    dirty: bool,
    /// When the draft put back into the form was written, while its notice shows.
    restored: Option<NaiveDateTime>,
}

/// The incident being amended.
#[derive(Debug)]
struct Editing {
    id: i64,
    reference: String,
    /// The first this many people are already on the record and stay on it.
    recorded_people: usize,
}

/// A person typed in on the form, not yet in the people list.
#[derive(Debug, Default)]
struct Newcomer {
    given: String,
    family: String,
    year: Option<YearChoice>,
}

/// Someone on the form: who, as what kind of person, and their part if given.
#[derive(Debug, Clone)]
struct OnIncident {
    person: Person,
    role: Role,
    part: Option<Part>,
}

/// An incident being amended, with the people on it.
type Recorded = (IncidentDetail, Vec<InvolvedPerson>);

/// What the form needs from the vault before it can be used.
#[derive(Debug, Clone)]
pub struct Loaded {
    people: Vec<Person>,
    sanctions: SanctionsMatrices,
    incident: Option<Recorded>,
    draft: Option<Draft>,
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
    /// The category search box.
    CategorySearch(picker::Message),
    /// Show or hide every category, grouped by level.
    BrowseCategories(bool),
    /// An area of risk was chosen.
    Risk(RiskChoice),
    /// The description was edited.
    Description(text_editor::Action),
    /// The web addresses were edited.
    Urls(String),
    /// The people list, the sanctions tables and (when amending) the incident arrived.
    Loaded(Result<Box<Loaded>, SharedError>),
    /// The person search box: a person chosen there joins the incident.
    PersonSearch(picker::Message),
    /// The role of someone added on this form was changed.
    InvolvedRole(usize, Role),
    /// Someone's part in the incident was chosen.
    InvolvedPart(usize, Part),
    /// A part was chosen for someone typed in as new.
    Role(Role),
    /// Use this person, already in the people list, instead of adding them again.
    UseExisting(i64),
    /// A key the app passed on: an arrow for the search box typed into last, Tab moving the
    /// focus, Ctrl+Enter to save.
    Key(FormKey),
    /// Remove an added person from this form.
    RemovePerson(usize),
    /// A new person's given name was edited.
    NewGiven(String),
    /// A new person's family name was edited.
    NewFamily(String),
    /// A new pupil's year group was chosen.
    NewYear(YearChoice),
    /// Add the typed person to the people list and to this incident.
    AddNewPerson,
    /// The new person was added, or not.
    NewPersonAdded(Result<Person, SharedError>),
    /// An action was ticked or unticked.
    ToggleAction(usize, bool),
    /// The reason for an amendment was edited.
    Reason(String),
    /// Save the incident.
    Save,
    /// The incident was saved, or not.
    Saved(Result<i64, SharedError>),
    /// Leave without saving (the draft is thrown away).
    Cancel,
    /// Throw the restored draft away and start again.
    DiscardDraft,
    /// The draft was removed from the vault.
    DraftForgotten,
}

/// What the form asks of the incident log.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Back to where the form was opened from, running this task (forgetting the draft).
    Cancel(Task<Message>),
    /// Saved: show this incident.
    Saved(i64),
    /// Show this form instead (the draft thrown away), running its task.
    Reopen(Box<(Form, Task<Message>)>),
}

impl Form {
    /// An empty form, reported now.
    pub fn new(session: Session) -> (Self, Task<Message>) {
        Self::open(session, None)
    }

    /// The form for amending incident `id`, filled from the record.
    pub fn edit(session: Session, id: i64) -> (Self, Task<Message>) {
        Self::open(session, Some(id))
    }

    fn open(session: Session, editing: Option<i64>) -> (Self, Task<Message>) {
        let now = to_the_minute(session.now())
            .format(UK_DATE_TIME)
            .to_string();
        let draft_key = draft_key(editing);
        let key = draft_key.clone();
        let load = Task::perform(
            session.with_vault(move |vault| {
                let load = || -> Result<Loaded, StoreError> {
                    let incident = match editing {
                        Some(id) => Some((vault.incident(id)?, vault.incident_people(id)?)),
                        None => None,
                    };
                    Ok(Loaded {
                        people: vault.people()?,
                        sanctions: vault.sanctions()?,
                        incident,
                        draft: vault.draft(&key)?,
                    })
                };
                load().map(Box::new).map_err(Arc::new)
            }),
            Message::Loaded,
        );
        let form = Self {
            session,
            editing: None,
            occurred: now.clone(),
            reported: now,
            reported_by: String::new(),
            location: Location::Classroom,
            device: Device::NotKnown,
            category: None,
            risk: RiskChoice(RiskArea::Content),
            description: text_editor::Content::new(),
            urls: String::new(),
            everyone: Vec::new(),
            people_words: Vec::new(),
            person_search: Picker::default(),
            category_search: Picker::default(),
            browsing: false,
            role: Role::Pupil,
            involved: Vec::new(),
            actions: Vec::new(),
            sanctions: SanctionsMatrices::default(),
            newcomer: Newcomer::default(),
            reason: String::new(),
            error: None,
            problems: Vec::new(),
            saving: editing.is_some(),
            draft_key,
            dirty: false,
            restored: None,
        };
        let focus = iced::widget::operation::focus("incident-occurred");
        (form, Task::batch([load, focus]))
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        if changes_the_draft(&message) {
            self.dirty = true;
        }
        match message {
            Message::Occurred(value) => self.occurred = value,
            Message::Reported(value) => self.reported = value,
            Message::ReportedBy(value) => self.reported_by = value,
            Message::Location(location) => self.location = location,
            Message::Device(device) => self.device = device,
            Message::Category(choice) => self.choose_category(choice),
            Message::CategorySearch(message) => self.search_category(message),
            Message::BrowseCategories(open) => self.browsing = open,
            Message::Risk(risk) => self.risk = risk,
            Message::Description(action) => self.description.perform(action),
            Message::Urls(value) => self.urls = value,
            Message::Loaded(Ok(loaded)) => self.loaded(*loaded),
            Message::Loaded(Err(error)) => self.error = Some(error.to_string()),
            Message::PersonSearch(message) => self.search_person(message),
            Message::InvolvedRole(index, role) => self.change_role(index, role),
            Message::InvolvedPart(index, part) => {
                if let Some(on) = self.involved.get_mut(index) {
                    on.part = Some(part);
                }
            }
            Message::Role(role) => self.role = role,
            Message::UseExisting(id) => {
                if let Some(PersonChoice(person)) = self.everyone.iter().find(|p| p.0.id == id) {
                    let person = person.clone();
                    self.newcomer = Newcomer::default();
                    let role = default_role(&person);
                    self.involve(person, role);
                }
            }
            Message::Key(FormKey::Step(step)) => self.step(step),
            Message::Key(FormKey::FocusMoved) => self.focus_moved(),
            Message::Key(FormKey::Escape) => self.escape(),
            Message::Key(FormKey::Submit) if !self.saving => return self.save(),
            // Saving already, or the workspace's to handle.
            Message::Key(FormKey::Submit | FormKey::NewIncident) => {}
            Message::RemovePerson(index) => self.remove_person(index),
            Message::NewGiven(value) => self.newcomer.given = value,
            Message::NewFamily(value) => self.newcomer.family = value,
            Message::NewYear(year) => self.newcomer.year = Some(year),
            Message::AddNewPerson => return self.add_new_person(),
            Message::NewPersonAdded(Ok(person)) => {
                self.newcomer = Newcomer::default();
                self.people_words.push(pickers::person_words(&person));
                self.everyone.push(PersonChoice(person.clone()));
                self.involve(person, self.role);
            }
            Message::NewPersonAdded(Err(error)) => self.error = Some(error.to_string()),
            Message::ToggleAction(index, chosen) => {
                if let Some(action) = self.actions.get_mut(index) {
                    action.chosen = chosen;
                }
            }
            Message::Reason(value) => self.reason = value,
            Message::Save => return self.save(),
            Message::Saved(Ok(id)) => return Action::Saved(id),
            Message::Saved(Err(error)) => {
                self.saving = false;
                match error.as_ref() {
                    StoreError::Rule(RuleProblem::Incident(problem)) => {
                        self.problems = vec![(problem.field(), problem.to_string())];
                    }
                    other => self.error = Some(other.to_string()),
                }
            }
            Message::Cancel => return self.cancel(),
            Message::DiscardDraft => return self.discard_draft(),
            Message::DraftForgotten => {
                if self.restored.take().is_some() {
                    return Action::Reopen(Box::new(Form::open(
                        self.session.clone(),
                        self.editing(),
                    )));
                }
            }
        }
        Action::None
    }

    /// What was typed since the draft was last written, as (where it is kept, the draft), or
    /// `None` when there is nothing new; the form counts it as written.
    pub fn take_draft(&mut self) -> Option<(String, String)> {
        if !self.dirty || self.saving {
            return None;
        }
        self.dirty = false;
        let draft = draft::IncidentDraft::of(self);
        Some((self.draft_key.clone(), draft.to_text()))
    }

    /// Whether something was typed that the draft does not hold yet.
    pub fn has_unwritten_draft(&self) -> bool {
        self.dirty && !self.saving
    }

    /// Leaves the form: the co-ordinator chose not to keep what was typed.
    fn cancel(&mut self) -> Action {
        self.dirty = false;
        let key = self.draft_key.clone();
        let forget = self
            .session
            .with_vault(move |vault| vault.discard_draft(&key));
        Action::Cancel(Task::perform(forget, |_| Message::DraftForgotten))
    }

    /// Throws the restored draft away; once it is gone from the vault the form opens again
    /// as it was before anything was typed.
    fn discard_draft(&mut self) -> Action {
        if self.restored.is_none() {
            return Action::None;
        }
        self.dirty = false;
        self.saving = true;
        let key = self.draft_key.clone();
        let forget = self
            .session
            .with_vault(move |vault| vault.discard_draft(&key));
        Action::Run(Task::perform(forget, |_| Message::DraftForgotten))
    }

    /// When the draft now in the form was written, if one was put back.
    pub fn restored_draft(&self) -> Option<NaiveDateTime> {
        self.restored
    }

    /// The incident's id when amending, so Cancel can go back to it.
    pub fn editing(&self) -> Option<i64> {
        self.editing.as_ref().map(|editing| editing.id)
    }

    fn loaded(&mut self, loaded: Loaded) {
        self.people_words = loaded.people.iter().map(pickers::person_words).collect();
        self.everyone = loaded.people.into_iter().map(PersonChoice).collect();
        self.sanctions = loaded.sanctions;
        let Some((incident, people)) = loaded.incident else {
            self.restore(loaded.draft);
            return;
        };
        self.fill_from(&incident);
        self.involved = people
            .iter()
            .filter_map(|on| {
                let person = self.everyone.iter().find(|p| p.0.id == on.id)?;
                Some(OnIncident {
                    person: person.0.clone(),
                    role: on.role,
                    part: on.part,
                })
            })
            .collect();
        self.editing = Some(Editing {
            id: incident.row.id,
            reference: incident.row.reference.clone(),
            recorded_people: self.involved.len(),
        });
        self.saving = false;
        self.restore(loaded.draft);
    }

    /// Puts a kept draft back into the form, after the record (when amending) is filled in.
    fn restore(&mut self, draft: Option<Draft>) {
        let Some(draft) = draft else {
            return;
        };
        match draft::IncidentDraft::from_text(&draft.content) {
            Some(typed) => {
                typed.apply(self);
                self.restored = Some(draft.saved_at);
            }
            None => {
                self.error = Some(format!(
                    "A draft from {} could not be read by this version; it is kept until this form is saved",
                    draft.saved_at.format("%H:%M on %d/%m/%Y")
                ))
            }
        }
    }

    fn fill_from(&mut self, incident: &IncidentDetail) {
        self.occurred = super::shown(&incident.occurred_at);
        self.reported = super::shown(&incident.row.reported_at);
        self.reported_by = incident.reported_by.clone();
        self.location = incident.location;
        self.device = incident.device;
        self.category = category::category(&incident.row.category).map(CategoryChoice);
        self.risk = RiskChoice(incident.risk_area);
        self.description = text_editor::Content::with_text(&incident.description);
        self.urls = incident.urls.replace('\n', " ");
    }

    fn involve(&mut self, person: Person, role: Role) {
        if self.involved.iter().any(|on| on.person.id == person.id) {
            self.error = Some(format!("{} is already on this incident", person.name));
            return;
        }
        self.error = None;
        self.involved.push(OnIncident {
            person,
            role,
            part: None,
        });
        self.suggest_actions();
    }

    /// Changes the role of someone added on this form (those on the record keep theirs).
    fn change_role(&mut self, index: usize, role: Role) {
        let recorded = self.editing.as_ref().map_or(0, |e| e.recorded_people);
        if index >= recorded
            && let Some(on) = self.involved.get_mut(index)
        {
            on.role = role;
            self.suggest_actions();
        }
    }

    /// The category chosen, by search or from the whole list: its area of risk and the
    /// actions the sanctions table suggests follow it.
    fn choose_category(&mut self, choice: CategoryChoice) {
        self.risk = RiskChoice(choice.0.risk);
        self.category = Some(choice);
        self.browsing = false;
        self.suggest_actions();
    }

    fn remove_person(&mut self, index: usize) {
        let recorded = self.editing.as_ref().map_or(0, |e| e.recorded_people);
        if index >= recorded && index < self.involved.len() {
            self.involved.remove(index);
            self.suggest_actions();
        }
    }

    /// Adds the typed person to the people list, as the kind their role implies.
    fn add_new_person(&mut self) -> Action {
        let kind = match self.role {
            Role::Pupil => PersonKind::Pupil,
            Role::Staff | Role::Headteacher => PersonKind::Staff,
            Role::ParentOrCarer => PersonKind::ParentOrCarer,
            Role::Other => PersonKind::Other,
        };
        let mut person = NewPerson::named(kind, &self.newcomer.given, &self.newcomer.family);
        person.year_group = self
            .newcomer
            .year
            .filter(|_| kind == PersonKind::Pupil)
            .map(|y| y.0);
        person.is_headteacher = self.role == Role::Headteacher;
        if let Err(problem) = person.validate() {
            self.error = Some(problem.to_string());
            return Action::None;
        }
        self.error = None;
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                let id = vault.add_person(&person)?;
                let added = vault.people()?.into_iter().find(|p| p.id == id);
                added.ok_or_else(|| {
                    StoreError::rule(crate::domain::problem::Refusal::NewPersonNotSaved)
                })
            }),
            |result| Message::NewPersonAdded(result.map_err(Arc::new)),
        ))
    }

    /// Ticks the sanctions table's actions for the category and the people involved, keeping
    /// the co-ordinator's choices for actions still suggested. Amendments leave actions alone.
    fn suggest_actions(&mut self) {
        let Some(CategoryChoice(category)) = self.category else {
            return;
        };
        if self.editing.is_some() {
            return;
        }
        let roles: Vec<Role> = self.involved.iter().map(|on| on.role).collect();
        let previous = std::mem::take(&mut self.actions);
        self.actions = rules::suggested_action_titles(&self.sanctions, category, &roles)
            .into_iter()
            .map(|title| {
                let chosen = previous
                    .iter()
                    .find(|a| a.action == title)
                    .is_none_or(|a| a.chosen);
                PlannedAction {
                    action: title,
                    suggested: true,
                    chosen,
                }
            })
            .collect();
    }

    fn save(&mut self) -> Action {
        let (incident, problems) = self.checked();
        let editing = self.editing.as_ref().map(|e| e.id);
        let reason = self.reason.clone();
        let no_reason = editing.is_some() && reason.trim().is_empty();
        self.problems = problems;
        self.error = no_reason.then(|| "Give the reason for the change".to_owned());
        if let Some((field, _)) = self.problems.first() {
            return Action::Run(iced::widget::operation::focus(field_id(*field)));
        }
        if no_reason {
            return Action::Run(iced::widget::operation::focus("incident-reason"));
        }
        self.saving = true;
        let key = self.draft_key.clone();
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                let now = to_the_minute(vault.clock().now());
                let saved = match editing {
                    Some(id) => vault
                        .amend_incident(id, &incident, &reason, now)
                        .map(|_| id),
                    None => vault
                        .record_incident(&incident, now)
                        .map(|recorded| recorded.id),
                }?;
                // The record is saved: a draft left behind would only be offered again.
                if let Err(error) = vault.discard_draft(&key) {
                    crate::to_stderr(format_args!(
                        "The saved incident's draft could not be removed: {error}"
                    ));
                }
                Ok(saved)
            }),
            |result| Message::Saved(result.map_err(Arc::new)),
        ))
    }

    /// The problem shown under `field`, if Save found one there (the first, when several).
    pub(super) fn problem(&self, field: IncidentField) -> Option<&str> {
        self.problems
            .iter()
            .find(|(at, _)| *at == field)
            .map(|(_, problem)| problem.as_str())
    }

    /// The incident as entered, and every problem with it, each at its field: dates that
    /// cannot be read, then the domain's rules for everything else.
    fn checked(&self) -> (NewIncident, Vec<(IncidentField, String)>) {
        let now = to_the_minute(self.session.now());
        let occurred = parse_when(&self.occurred, "When it happened");
        let reported = parse_when(&self.reported, "When it was reported");
        let incident = self.incident(
            occurred.clone().unwrap_or(now),
            reported.clone().unwrap_or(now),
        );
        let unreadable = [
            (IncidentField::Occurred, occurred.err()),
            (IncidentField::Reported, reported.err()),
        ];
        let mut problems: Vec<(IncidentField, String)> = unreadable
            .iter()
            .filter_map(|(field, problem)| Some((*field, problem.clone()?)))
            .collect();
        // A date that cannot be read is its own problem; how the two dates compare waits.
        let dates_read = problems.is_empty();
        let is_date = |field: &IncidentField| {
            matches!(field, IncidentField::Occurred | IncidentField::Reported)
        };
        problems.extend(
            incident
                .problems(now)
                .iter()
                .map(|problem| (problem.field(), problem_words(problem)))
                .filter(|(field, _)| dates_read || !is_date(field)),
        );
        problems.sort_by_key(|(field, _)| FIELD_ORDER.iter().position(|f| f == field));
        (incident, problems)
    }

    /// The incident as entered, with the dates given.
    fn incident(&self, occurred_at: NaiveDateTime, reported_at: NaiveDateTime) -> NewIncident {
        NewIncident {
            occurred_at,
            reported_at,
            reported_by: self.reported_by.clone(),
            location: self.location,
            device: self.device,
            category: self
                .category
                .map_or_else(String::new, |c| c.0.key.to_owned()),
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
                .map(|on| Involvement {
                    person: on.person.id,
                    role: on.role,
                    part: on.part,
                })
                .collect(),
            actions: self.actions.clone(),
        }
    }
}

/// The form's fields top to bottom: the order its problems are listed and the first focused.
const FIELD_ORDER: [IncidentField; 7] = [
    IncidentField::Occurred,
    IncidentField::Reported,
    IncidentField::ReportedBy,
    IncidentField::Category,
    IncidentField::Description,
    IncidentField::People,
    IncidentField::Urls,
];

/// The widget that holds `field`, to put the cursor in it.
fn field_id(field: IncidentField) -> &'static str {
    match field {
        IncidentField::Occurred => "incident-occurred",
        IncidentField::Reported => "incident-reported",
        IncidentField::ReportedBy => "incident-reported-by",
        IncidentField::Description => "incident-description",
        IncidentField::Urls => "incident-urls",
        IncidentField::Category => "incident-category",
        IncidentField::People => "incident-person",
        IncidentField::Conclusion => "incident-description",
    }
}

/// A problem as the form words it under its field.
fn problem_words(problem: &IncidentProblem) -> String {
    match problem {
        IncidentProblem::UnknownCategory => "Choose the policy's category".to_owned(),
        other => other.to_string(),
    }
}

/// Where the new incident's draft is kept.
pub const NEW_INCIDENT_DRAFT: &str = "incident-new";

/// Where a form's draft is kept: one for a new incident, one for each incident amended.
fn draft_key(editing: Option<i64>) -> String {
    match editing {
        Some(id) => format!("incident-amend-{id}"),
        None => NEW_INCIDENT_DRAFT.to_owned(),
    }
}

/// Whether `message` changes what the draft holds.
fn changes_the_draft(message: &Message) -> bool {
    match message {
        Message::Description(action) => action.is_edit(),
        Message::Occurred(_)
        | Message::Reported(_)
        | Message::ReportedBy(_)
        | Message::Location(_)
        | Message::Device(_)
        | Message::Category(_)
        | Message::CategorySearch(picker::Message::Submit | picker::Message::Choose(_))
        | Message::Risk(_)
        | Message::Urls(_)
        | Message::PersonSearch(picker::Message::Submit | picker::Message::Choose(_))
        | Message::InvolvedRole(..)
        | Message::InvolvedPart(..)
        | Message::UseExisting(_)
        | Message::RemovePerson(_)
        | Message::NewPersonAdded(Ok(_))
        | Message::ToggleAction(..)
        | Message::Reason(_) => true,
        _ => false,
    }
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

/// Reads a typed date and time, naming the field when it cannot.
fn parse_when(typed: &str, field: &str) -> Result<NaiveDateTime, String> {
    when::parse_date_time(typed)
        .ok_or_else(|| format!("{field}: enter the date and time like 10/11/2025 09:30"))
}

/// `now` as forms record it: to the minute.
fn to_the_minute(now: NaiveDateTime) -> NaiveDateTime {
    now.with_second(0)
        .and_then(|n| n.with_nanosecond(0))
        .unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_that_cannot_be_read_names_its_field() {
        assert_eq!(
            parse_when("31/02/2025 09:00", "When it happened").unwrap_err(),
            "When it happened: enter the date and time like 10/11/2025 09:30"
        );
        assert!(parse_when("10/11/2025 09:30", "When").is_ok());
    }
}
