//! One incident: the record, its people, actions and referrals, and the steps that follow.

use std::sync::Arc;

use chrono::NaiveDateTime;
use iced::widget::{button, column, container, pick_list, row, space, text, text_input};
use iced::{Element, Fill, Task};

use crate::domain::incident::rules::{ILLEGAL_INSTRUCTION, Referral};
use crate::domain::incident::{Device, Location, Outcome, Role, Status};
use crate::domain::incident::{Level, RiskArea};
use crate::store::incidents::{DecisionRow, IncidentDetail, ReferralRow};
use crate::ui::session::{Session, SharedError};
use crate::ui::{Ctx, form, style};

/// An agency in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgencyChoice(pub Referral);

impl std::fmt::Display for AgencyChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.title())
    }
}

/// Everything the page shows, loaded together.
#[derive(Debug, Clone)]
pub struct Loaded {
    incident: IncidentDetail,
    people: Vec<(i64, String, Role)>,
    referrals: Vec<ReferralRow>,
    decisions: Vec<DecisionRow>,
}

/// The detail page's state.
#[derive(Debug)]
pub struct Detail {
    session: Session,
    id: i64,
    loaded: Option<Box<Loaded>>,
    agency: AgencyChoice,
    agency_reference: String,
    reason_not_to_refer: String,
    outcome: Option<Outcome>,
    conclusion: String,
    error: Option<String>,
}

/// What the detail page can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The incident arrived.
    Loaded(Result<Box<Loaded>, SharedError>),
    /// Back to the list.
    Back,
    /// Move to a status.
    SetStatus(Status),
    /// An agency was chosen.
    Agency(AgencyChoice),
    /// The agency's reference was edited.
    AgencyReference(String),
    /// Record the referral.
    Refer,
    /// The reason for not referring to the police was edited.
    ReasonNotToRefer(String),
    /// Record the decision not to refer to the police.
    DecideNotToRefer,
    /// An outcome was chosen.
    Outcome(Outcome),
    /// The conclusion was edited.
    Conclusion(String),
    /// Close the incident with the outcome and conclusion.
    Close,
    /// Show everything involving this person.
    OpenPerson(i64, String),
    /// Record an action as done now.
    ActionDone(i64),
    /// A change was saved (then the page reloads), or not.
    Changed(Result<(), SharedError>),
}

/// What the page asks of the incident log.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Back to the list.
    Back,
    /// Show this person's chronology.
    OpenPerson(i64, String),
}

impl Detail {
    /// The page for incident `id`, loading it.
    pub fn new(session: Session, id: i64) -> (Self, Task<Message>) {
        let detail = Self {
            session,
            id,
            loaded: None,
            agency: AgencyChoice(Referral::Police),
            agency_reference: String::new(),
            reason_not_to_refer: String::new(),
            outcome: None,
            conclusion: String::new(),
            error: None,
        };
        let task = detail.load();
        (detail, task)
    }

    fn load(&self) -> Task<Message> {
        let id = self.id;
        Task::perform(
            self.session.with_vault(move |vault| {
                let load = || -> Result<Loaded, crate::store::StoreError> {
                    Ok(Loaded {
                        incident: vault.incident(id)?,
                        people: vault.incident_people(id)?,
                        referrals: vault.incident_referrals(id)?,
                        decisions: vault.incident_decisions(id)?,
                    })
                };
                load().map(Box::new).map_err(Arc::new)
            }),
            Message::Loaded,
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Loaded(Ok(loaded)) => self.loaded = Some(loaded),
            Message::Loaded(Err(error)) | Message::Changed(Err(error)) => {
                self.error = Some(error.to_string())
            }
            Message::Back => return Action::Back,
            Message::OpenPerson(id, name) => return Action::OpenPerson(id, name),
            Message::ActionDone(action) => {
                return self.change(move |vault| vault.action_done(action, now()));
            }
            Message::SetStatus(status) => {
                let id = self.id;
                return self.change(move |vault| vault.set_incident_status(id, status));
            }
            Message::Agency(agency) => self.agency = agency,
            Message::AgencyReference(value) => self.agency_reference = value,
            Message::Refer => {
                let (id, agency, reference) = (
                    self.id,
                    self.agency.0,
                    std::mem::take(&mut self.agency_reference),
                );
                return self
                    .change(move |vault| vault.refer_incident(id, agency, now(), &reference));
            }
            Message::ReasonNotToRefer(value) => self.reason_not_to_refer = value,
            Message::DecideNotToRefer => {
                let (id, reason) = (self.id, self.reason_not_to_refer.clone());
                let decision = "Not referred to the police";
                return self.change(move |vault| {
                    vault.record_decision(id, now(), decision, &reason, Some(Referral::Police))
                });
            }
            Message::Outcome(outcome) => self.outcome = Some(outcome),
            Message::Conclusion(value) => self.conclusion = value,
            Message::Close => {
                let Some(outcome) = self.outcome else {
                    self.error = Some("Choose the outcome before closing the incident".into());
                    return Action::None;
                };
                let (id, conclusion) = (self.id, self.conclusion.clone());
                return self.change(move |vault| vault.close_incident(id, outcome, &conclusion));
            }
            Message::Changed(Ok(())) => {
                self.error = None;
                self.reason_not_to_refer.clear();
                return Action::Run(self.load());
            }
        }
        Action::None
    }

    fn change(
        &mut self,
        work: impl FnOnce(&mut crate::store::Vault) -> Result<(), crate::store::StoreError>
        + Send
        + 'static,
    ) -> Action {
        Action::Run(Task::perform(
            self.session
                .with_vault(move |vault| work(vault).map_err(Arc::new)),
            Message::Changed,
        ))
    }

    /// Draws the page.
    pub fn view<'a>(&'a self, _ctx: &Ctx<'a>) -> Element<'a, Message> {
        let back = button("Back to the list")
            .on_press(Message::Back)
            .style(button::text);
        let Some(loaded) = &self.loaded else {
            return column![back, form::error_line(self.error.as_deref())]
                .spacing(12)
                .into();
        };
        let incident = &loaded.incident;
        let level = match incident.row.level() {
            Some(Level::Illegal) => "Illegal",
            Some(Level::Unacceptable) => "Unacceptable",
            Some(Level::Inappropriate) => "Inappropriate",
            None => "Unknown category",
        };
        let heading = format!(
            "{} · {} · {level}",
            incident.row.reference,
            incident.row.status.title()
        );
        let mut page = column![
            back,
            text(heading).size(20),
            text(incident.row.category_title().to_owned())
        ]
        .spacing(14);
        if incident.row.level() == Some(Level::Illegal) && incident.row.status != Status::Closed {
            page = page.push(illegal_steps());
        }
        page = page.push(form::error_line(self.error.as_deref()));
        page = page.push(form::section("The record", self.record(loaded)));
        page = page.push(form::section("Actions", actions(incident)));
        page = page.push(form::section("Referrals", self.referrals(loaded)));
        page = page.push(form::section("Decisions", decisions(&loaded.decisions)));
        page = page.push(self.closing(incident.row.status));
        page.into()
    }

    fn record<'a>(&self, loaded: &'a Loaded) -> Element<'a, Message> {
        let incident = &loaded.incident;
        let location = Location::from_code(&incident.location)
            .map_or(incident.location.clone(), |l| l.title().to_owned());
        let device = Device::from_code(&incident.device)
            .map_or(incident.device.clone(), |d| d.title().to_owned());
        column![
            field("Happened", super::shown(&incident.occurred_at)),
            field(
                "Reported",
                format!(
                    "{} by {}",
                    super::shown(&incident.row.reported_at),
                    incident.reported_by
                )
            ),
            field("Where", format!("{location} · {device}")),
            field(
                "Area of risk",
                RiskArea::from_code(&incident.risk_area)
                    .map_or(incident.risk_area.clone(), |a| a.title().to_owned())
            ),
            people_row(&loaded.people),
            field("What happened", incident.description.clone()),
            field(
                "Outcome",
                incident
                    .outcome
                    .map_or("Not closed yet".into(), |o| format!(
                        "{} — {}",
                        o.title(),
                        incident.conclusion
                    ))
            ),
            field(
                "Web addresses",
                if incident.urls.is_empty() {
                    "None".into()
                } else {
                    incident.urls.replace('\n', "  ")
                }
            ),
        ]
        .spacing(6)
        .into()
    }

    fn referrals<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let mut list = column![].spacing(4);
        for referral in &loaded.referrals {
            let reference = if referral.reference.is_empty() {
                String::new()
            } else {
                format!(", ref. {}", referral.reference)
            };
            list = list.push(text(format!(
                "{} on {}{reference}",
                referral.agency.title(),
                super::shown(&referral.referred_at)
            )));
        }
        if loaded.referrals.is_empty() {
            list = list.push(text("No referrals yet.").style(style::muted));
        }
        let refer = row![
            pick_list(
                Referral::ALL.map(AgencyChoice),
                Some(self.agency),
                Message::Agency
            )
            .width(280),
            text_input("Their reference number", &self.agency_reference)
                .on_input(Message::AgencyReference)
                .padding(6),
            button("Record referral")
                .on_press(Message::Refer)
                .padding([6, 14]),
        ]
        .spacing(8);
        let decide = row![
            text_input(
                "Reason for deciding not to refer to the police",
                &self.reason_not_to_refer
            )
            .id("incident-reason-not-to-refer")
            .on_input(Message::ReasonNotToRefer)
            .padding(6),
            button("Record decision")
                .on_press(Message::DecideNotToRefer)
                .style(button::secondary)
                .padding([6, 14]),
        ]
        .spacing(8);
        column![list, refer, decide].spacing(10).into()
    }

    fn closing(&self, status: Status) -> Element<'_, Message> {
        if status == Status::Closed {
            return column![].into();
        }
        let investigate = (status == Status::Open).then(|| {
            button("Start investigating")
                .on_press(Message::SetStatus(Status::UnderInvestigation))
                .style(button::secondary)
        });
        let close = row![
            pick_list(Outcome::ALL, self.outcome, Message::Outcome)
                .placeholder("Outcome")
                .width(200),
            text_input("The conclusion, in a sentence or two", &self.conclusion)
                .id("incident-conclusion")
                .on_input(Message::Conclusion)
                .padding(6),
            button("Close incident")
                .on_press(Message::Close)
                .padding([6, 14]),
        ]
        .spacing(8);
        form::section(
            "Next step",
            column![row![space().width(Fill)].push(investigate), close]
                .spacing(10)
                .into(),
        )
    }
}

fn actions(incident: &IncidentDetail) -> Element<'_, Message> {
    let mut list = column![].spacing(6);
    for action in &incident.actions {
        let origin = match (action.suggested, action.chosen) {
            (true, true) => "suggested by the policy",
            (true, false) => "suggested by the policy, not taken",
            (false, _) => "added by the co-ordinator",
        };
        let state: Element<'_, Message> = match (&action.done_at, action.chosen) {
            (Some(at), _) => text(format!("done {} by {}", super::shown(at), action.done_by))
                .size(13)
                .style(style::success)
                .into(),
            (None, true) => button(text("Mark done").size(13))
                .on_press(Message::ActionDone(action.id))
                .style(button::secondary)
                .padding([2, 10])
                .into(),
            (None, false) => text("").into(),
        };
        list = list.push(
            row![
                text(action.action.clone()).width(Fill),
                text(origin).size(13).style(style::muted),
                state
            ]
            .spacing(12)
            .align_y(iced::Center),
        );
    }
    if incident.actions.is_empty() {
        list = list.push(text("No actions recorded.").style(style::muted));
    }
    list.into()
}

/// The people involved, each opening their chronology.
fn people_row(people: &[(i64, String, Role)]) -> Element<'_, Message> {
    let mut names = row![text("People").width(160).style(style::muted)].spacing(4);
    if people.is_empty() {
        names = names.push(text("None recorded"));
    }
    for (id, name, role) in people {
        let label = format!("{name} ({})", role.title());
        names = names.push(
            button(text(label))
                .on_press(Message::OpenPerson(*id, name.clone()))
                .style(style::link)
                .padding([0, 6]),
        );
    }
    names.wrap().into()
}

fn illegal_steps<'a>() -> Element<'a, Message> {
    let mut steps =
        column![text("Illegal: what to do now").size(15).style(style::error)].spacing(4);
    for (number, step) in ILLEGAL_INSTRUCTION.iter().enumerate() {
        steps = steps.push(text(format!("{}. {step}", number + 1)));
    }
    let steps = steps.push(
        text(
            "It cannot be closed without a police referral or a recorded reason for not referring.",
        )
        .style(style::muted),
    );
    container(steps)
        .padding(16)
        .width(Fill)
        .style(style::notice)
        .into()
}

fn decisions(decisions: &[DecisionRow]) -> Element<'_, Message> {
    let mut list = column![].spacing(6);
    for decision in decisions {
        list = list.push(column![
            text(format!(
                "{} — {} ({})",
                decision.decision,
                super::shown(&decision.decided_at),
                decision.decided_by
            )),
            text(format!("Reason: {}", decision.reason)).style(style::muted),
        ]);
    }
    if decisions.is_empty() {
        list = list.push(text("No decisions recorded.").style(style::muted));
    }
    list.into()
}

fn field<'a>(label: &'a str, value: String) -> Element<'a, Message> {
    row![
        text(label).width(160).style(style::muted),
        text(value).width(Fill)
    ]
    .into()
}

fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}
