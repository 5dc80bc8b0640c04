//! One incident: the record, its people, actions, referrals and decisions, the investigation,
//! the evidence, the timeline, and the steps that follow.

mod draft;
mod print;
mod sections;
mod view;

use std::sync::Arc;

use iced::Task;

use crate::domain::incident::investigation::MAX_EVIDENCE_BYTES;
use crate::domain::incident::rules::Referral;
use crate::domain::incident::timeline::TimelineEntry;
use crate::domain::incident::{NewInvestigation, Outcome, Role, Status};
use crate::domain::when;
use crate::store::drafts::Draft as KeptDraft;
use crate::store::incidents::{DecisionRow, IncidentDetail, InvolvedPerson, ReferralRow};
use crate::store::investigation::{EvidenceRow, InvestigationRow};
use crate::store::{StoreError, Vault};
use crate::ui::files::{self, PickedFile};
use crate::ui::session::{Session, SharedError};

/// An agency in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgencyChoice(pub Referral);

impl std::fmt::Display for AgencyChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.title())
    }
}

/// What a decision is about: anything, or not referring to one agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionChoice(pub Option<Referral>);

impl DecisionChoice {
    /// "Not to refer to …" for each agency, then any other decision.
    pub fn all() -> Vec<DecisionChoice> {
        Referral::ALL
            .into_iter()
            .map(|agency| DecisionChoice(Some(agency)))
            .chain(std::iter::once(DecisionChoice(None)))
            .collect()
    }

    /// The decision's words as recorded.
    fn words(self) -> String {
        match self.0 {
            Some(agency) => format!("Not referred to {}", agency.title()),
            None => String::new(),
        }
    }
}

impl std::fmt::Display for DecisionChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(agency) => write!(f, "Not to refer to: {}", agency.title()),
            None => f.write_str("Another decision"),
        }
    }
}

/// A referral awaiting its outcome, in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralChoice(pub i64, pub String);

impl std::fmt::Display for ReferralChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// Everything the page shows, loaded together.
#[derive(Debug, Clone)]
pub struct Loaded {
    incident: IncidentDetail,
    people: Vec<InvolvedPerson>,
    referrals: Vec<ReferralRow>,
    decisions: Vec<DecisionRow>,
    investigation: Option<InvestigationRow>,
    evidence: Vec<EvidenceRow>,
    timeline: Vec<TimelineEntry>,
    /// What was typed on this page before and kept, if anything.
    draft: Option<KeptDraft>,
}

/// What the co-ordinator is typing into the page's small forms.
#[derive(Debug, Default)]
struct Drafts {
    agency_reference: String,
    reason_not_to_refer: String,
    decision: String,
    referral_outcome: String,
    outcome: Option<Outcome>,
    conclusion: String,
    action: String,
    action_note: String,
    parents_at: String,
    parents_by: String,
    summary: Option<String>,
    first_senior: String,
    second_senior: String,
    computer: String,
    site_url: String,
    site_description: String,
    group_conclusion: String,
    evidence_description: String,
    evidence_path: String,
    print_path: String,
}

/// The detail page's state.
#[derive(Debug)]
pub struct Detail {
    session: Session,
    id: i64,
    loaded: Option<Box<Loaded>>,
    agency: AgencyChoice,
    decision_kind: DecisionChoice,
    referral: Option<ReferralChoice>,
    drafts: Drafts,
    error: Option<String>,
    notice: Option<String>,
    /// The fields the change under way used, emptied once it is saved.
    used: Vec<Draft>,
    /// What is still open, shown once when Close is pressed; a second press closes.
    close_warning: Option<Vec<String>>,
    /// What became of the last "Print this incident".
    printed: Option<Result<String, String>>,
    /// The form was saved just before this page opened, until something else is done here.
    just_saved: Option<JustSaved>,
    /// Typing the kept draft does not hold yet.
    dirty: bool,
    /// The kept draft was looked for (on the first load only).
    draft_read: bool,
    /// When the draft put back on this page was written, while its notice shows.
    restored: Option<chrono::NaiveDateTime>,
}

/// What the form that opened this page had just saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JustSaved {
    /// A new incident.
    New,
    /// An amendment.
    Amendment,
}

/// What the detail page can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The incident arrived.
    Loaded(Result<Box<Loaded>, SharedError>),
    /// Back to the list.
    Back,
    /// Amend the record.
    Amend,
    /// Move to a status.
    SetStatus(Status),
    /// An agency was chosen.
    Agency(AgencyChoice),
    /// One of the page's text fields was edited.
    Draft(Draft, String),
    /// Record the referral.
    Refer,
    /// What the decision is about was chosen.
    DecisionKind(DecisionChoice),
    /// Record the decision and its reason.
    RecordDecision,
    /// A referral was chosen to record its outcome.
    PickReferral(ReferralChoice),
    /// Record what came of the chosen referral.
    RecordReferralOutcome,
    /// An outcome was chosen.
    Outcome(Outcome),
    /// Close the incident with the outcome and conclusion.
    Close,
    /// Show everything involving this person.
    OpenPerson(i64, String),
    /// Record an action as done now, with the note typed.
    ActionDone(i64),
    /// Add the typed action.
    AddAction,
    /// Record that the parents or carers were informed.
    ParentsInformed,
    /// Save the summary for governors.
    SaveSummary,
    /// Start the investigation record.
    StartInvestigation,
    /// Record the site typed as visited.
    SiteVisited,
    /// Record the investigating group's conclusion.
    ConcludeInvestigation,
    /// Choose an evidence file to add.
    ChooseEvidence,
    /// The file chosen (`None`: cancelled); tests send this directly.
    EvidencePicked(Option<Result<PickedFile, String>>),
    /// Save a copy of an evidence file.
    SaveEvidence(i64, String),
    /// A copy was saved, or not, or the dialog was cancelled.
    EvidenceSaved(Option<Result<String, String>>),
    /// A change was saved (then the page reloads), or not.
    Changed(Result<(), SharedError>),
    /// "Print this incident": save its record as PDF.
    Print,
    /// Where the PDF was saved, or why not (`None`: no file chosen).
    Printed(Option<Result<String, String>>),
    /// Throw away what the restored draft put back.
    DiscardDraft,
}

/// The page's text fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draft {
    /// The agency's reference number.
    AgencyReference,
    /// The reason for a decision.
    ReasonNotToRefer,
    /// A decision other than not referring.
    Decision,
    /// What came of a referral.
    ReferralOutcome,
    /// The incident's conclusion, for closing.
    Conclusion,
    /// An action to add.
    Action,
    /// The note saved with the next action marked done.
    ActionNote,
    /// When the parents or carers were informed.
    ParentsAt,
    /// Who informed them.
    ParentsBy,
    /// The summary for governors.
    Summary,
    /// The first senior member of staff investigating.
    FirstSenior,
    /// The second.
    SecondSenior,
    /// The designated computer.
    Computer,
    /// A site visited.
    SiteUrl,
    /// What it showed.
    SiteDescription,
    /// The investigating group's conclusion.
    GroupConclusion,
    /// What an evidence file shows.
    EvidenceDescription,
    /// A typed path to the evidence file (for desktops without a file dialog).
    EvidencePath,
    /// Where to save the printed record, typed.
    PrintPath,
}

/// What the page asks of the incident log.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Back to the list.
    Back,
    /// Open the amendment form for this incident.
    Amend(i64),
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
            decision_kind: DecisionChoice(Some(Referral::Police)),
            referral: None,
            drafts: Drafts::default(),
            error: None,
            notice: None,
            used: Vec::new(),
            close_warning: None,
            just_saved: None,
            printed: None,
            dirty: false,
            draft_read: false,
            restored: None,
        };
        let task = detail.load();
        (detail, task)
    }

    /// The page for incident `id`, which the form has just saved: it says so at the top.
    pub fn saved(session: Session, id: i64, what: JustSaved) -> (Self, Task<Message>) {
        let (mut detail, task) = Self::new(session, id);
        detail.just_saved = Some(what);
        (detail, task)
    }

    fn load(&self) -> Task<Message> {
        let id = self.id;
        Task::perform(
            self.session
                .with_vault(move |vault| load(vault, id).map(Box::new).map_err(Arc::new)),
            Message::Loaded,
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        let id = self.id;
        if !matches!(message, Message::Loaded(_)) {
            self.just_saved = None;
        }
        if matches!(message, Message::Draft(..) | Message::Outcome(_)) {
            self.dirty = true;
        }
        match message {
            Message::Loaded(Ok(loaded)) => {
                // What was open may have changed: Close warns afresh.
                self.close_warning = None;
                self.put_back_draft(&loaded);
                self.loaded = Some(loaded);
            }
            Message::DiscardDraft => {
                self.drafts = Drafts::default();
                self.restored = None;
                self.dirty = true;
            }
            Message::Loaded(Err(error)) | Message::Changed(Err(error)) => {
                self.error = Some(error.to_string())
            }
            Message::Back => return Action::Back,
            Message::Amend => return Action::Amend(id),
            Message::OpenPerson(person, name) => return Action::OpenPerson(person, name),
            Message::Agency(agency) => self.agency = agency,
            Message::Draft(which, value) => self.set_draft(which, value),
            Message::Outcome(outcome) => self.drafts.outcome = Some(outcome),
            Message::ActionDone(action) => {
                let note = self.drafts.action_note.clone();
                self.used = vec![Draft::ActionNote];
                return self
                    .change(move |vault| vault.action_done(action, vault.clock().now(), &note));
            }
            Message::AddAction => {
                let action = self.drafts.action.clone();
                self.used = vec![Draft::Action];
                return self.change(move |vault| vault.add_action(id, &action).map(drop));
            }
            Message::SetStatus(status) => {
                return self.change(move |vault| vault.set_incident_status(id, status));
            }
            Message::Refer => {
                let (agency, reference) = (self.agency.0, self.drafts.agency_reference.clone());
                self.used = vec![Draft::AgencyReference];
                return self.change(move |vault| {
                    vault.refer_incident(id, agency, vault.clock().now(), &reference)
                });
            }
            Message::DecisionKind(kind) => self.decision_kind = kind,
            Message::RecordDecision => {
                let reason = self.drafts.reason_not_to_refer.clone();
                let kind = self.decision_kind;
                let decision = match kind.0 {
                    Some(_) => kind.words(),
                    None => self.drafts.decision.clone(),
                };
                self.used = vec![Draft::ReasonNotToRefer, Draft::Decision];
                return self.change(move |vault| {
                    vault.record_decision(id, vault.clock().now(), &decision, &reason, kind.0)
                });
            }
            Message::PickReferral(choice) => self.referral = Some(choice),
            Message::RecordReferralOutcome => {
                let Some(ReferralChoice(referral, _)) = self.referral.clone() else {
                    self.error = Some("Choose the referral the outcome is for".into());
                    return Action::None;
                };
                let outcome = self.drafts.referral_outcome.clone();
                self.used = vec![Draft::ReferralOutcome];
                self.referral = None;
                return self.change(move |vault| vault.referral_outcome(referral, &outcome));
            }
            Message::Close => return self.close(),
            Message::ParentsInformed => return self.parents_informed(),
            Message::SaveSummary => {
                let summary = self.drafts.summary.clone().unwrap_or_default();
                self.used = vec![Draft::Summary];
                return self.change(move |vault| vault.set_governor_summary(id, &summary));
            }
            Message::StartInvestigation => {
                let new = NewInvestigation {
                    first_senior: self.drafts.first_senior.clone(),
                    second_senior: self.drafts.second_senior.clone(),
                    designated_computer: self.drafts.computer.clone(),
                };
                self.used = vec![Draft::FirstSenior, Draft::SecondSenior, Draft::Computer];
                return self
                    .change(move |vault| vault.start_investigation(id, &new, vault.clock().now()));
            }
            Message::SiteVisited => {
                let url = self.drafts.site_url.clone();
                let description = self.drafts.site_description.clone();
                self.used = vec![Draft::SiteUrl, Draft::SiteDescription];
                return self.change(move |vault| {
                    vault.site_visited(id, &url, &description, vault.clock().now())
                });
            }
            Message::ConcludeInvestigation => {
                let conclusion = self.drafts.group_conclusion.clone();
                self.used = vec![Draft::GroupConclusion];
                return self.change(move |vault| vault.conclude_investigation(id, &conclusion));
            }
            Message::ChooseEvidence => {
                return Action::Run(Task::perform(
                    files::pick_or_read(
                        "Choose the evidence file",
                        self.drafts.evidence_path.clone(),
                        MAX_EVIDENCE_BYTES,
                    ),
                    Message::EvidencePicked,
                ));
            }
            Message::EvidencePicked(picked) => return self.evidence_picked(picked),
            Message::SaveEvidence(evidence, name) => return self.save_evidence(evidence, name),
            Message::Print => return self.print(),
            Message::Printed(result) => self.printed(result),
            Message::EvidenceSaved(None) => {}
            Message::EvidenceSaved(Some(Ok(path))) => {
                self.notice = Some(format!(
                    "Saved a copy to {path}. It is not encrypted: delete it when done."
                ));
            }
            Message::EvidenceSaved(Some(Err(error))) => self.error = Some(error),
            Message::Changed(Ok(())) => {
                self.error = None;
                // The fields the change used are emptied: the draft follows.
                self.dirty = true;
                for draft in std::mem::take(&mut self.used) {
                    match draft {
                        // The saved summary shows from the record again.
                        Draft::Summary => self.drafts.summary = None,
                        other => self.set_draft(other, String::new()),
                    }
                }
                return Action::Run(self.load());
            }
        }
        Action::None
    }

    /// What was typed on this page since its draft was last written: where it is kept and the
    /// draft (empty once nothing is typed), or `None`.
    pub fn take_draft(&mut self) -> Option<(String, String)> {
        if !self.dirty {
            return None;
        }
        self.dirty = false;
        Some((draft::key(self.id), self.drafts.to_text()))
    }

    /// Whether something was typed that the draft does not hold yet.
    pub fn has_unwritten_draft(&self) -> bool {
        self.dirty
    }

    /// On the page's first load, puts back what was typed here before and kept.
    fn put_back_draft(&mut self, loaded: &Loaded) {
        if std::mem::replace(&mut self.draft_read, true) {
            return;
        }
        if let Some(kept) = &loaded.draft
            && self.drafts.restore(&kept.content)
        {
            self.restored = Some(kept.saved_at);
        }
    }

    fn set_draft(&mut self, which: Draft, value: String) {
        *self.drafts.field_mut(which) = value;
    }

    fn close(&mut self) -> Action {
        let Some(outcome) = self.drafts.outcome else {
            self.error = Some("Choose the outcome before closing the incident".into());
            return Action::None;
        };
        if self.close_warning.is_none() {
            let open = self.loaded.as_deref().map(still_open).unwrap_or_default();
            if !open.is_empty() {
                self.close_warning = Some(open);
                return Action::None;
            }
        }
        self.close_warning = None;
        let (id, conclusion) = (self.id, self.drafts.conclusion.clone());
        self.used = vec![Draft::Conclusion];
        self.change(move |vault| vault.close_incident(id, outcome, &conclusion))
    }

    fn parents_informed(&mut self) -> Action {
        let typed = self.drafts.parents_at.trim();
        let at = if typed.is_empty() {
            Some(self.session.now())
        } else {
            when::parse_date_time(typed)
        };
        let now = self.session.now();
        let Some(at) = at.filter(|at| *at <= now) else {
            self.error = Some("When they were informed: enter a date and time like 10/11/2025 09:30, not in the future".into());
            return Action::None;
        };
        let (id, by) = (self.id, self.drafts.parents_by.clone());
        self.used = vec![Draft::ParentsAt, Draft::ParentsBy];
        self.change(move |vault| vault.parents_informed(id, at, &by))
    }

    fn evidence_picked(&mut self, picked: Option<Result<PickedFile, String>>) -> Action {
        match picked {
            None => Action::None,
            Some(Err(error)) => {
                self.error = Some(error);
                Action::None
            }
            Some(Ok(file)) => {
                let (id, description) = (self.id, self.drafts.evidence_description.clone());
                self.used = vec![Draft::EvidenceDescription, Draft::EvidencePath];
                self.change(move |vault| {
                    vault
                        .add_evidence(
                            id,
                            &file.name,
                            &file.content,
                            &description,
                            vault.clock().now(),
                        )
                        .map(drop)
                })
            }
        }
    }

    fn save_evidence(&mut self, evidence: i64, name: String) -> Action {
        let read = self
            .session
            .with_vault(move |vault| vault.evidence_content(evidence));
        Action::Run(Task::perform(
            async move {
                let content = match read.await {
                    Ok(content) => Arc::new(content),
                    Err(error) => return Some(Err(error.to_string())),
                };
                let saved = files::save("Save a copy of the evidence", &name, content).await?;
                Some(saved.map(|path| path.display().to_string()))
            },
            Message::EvidenceSaved,
        ))
    }

    fn change(
        &mut self,
        work: impl FnOnce(&mut Vault) -> Result<(), StoreError> + Send + 'static,
    ) -> Action {
        self.notice = None;
        Action::Run(Task::perform(
            self.session
                .with_vault(move |vault| work(vault).map_err(Arc::new)),
            Message::Changed,
        ))
    }
}

fn load(vault: &mut Vault, id: i64) -> Result<Loaded, StoreError> {
    Ok(Loaded {
        incident: vault.incident(id)?,
        people: vault.incident_people(id)?,
        referrals: vault.incident_referrals(id)?,
        decisions: vault.incident_decisions(id)?,
        investigation: vault.investigation(id)?,
        evidence: vault.evidence(id)?,
        timeline: vault.timeline(id)?,
        draft: vault.draft(&draft::key(id))?,
    })
}

/// What is still open on an incident about to be closed, in words: chosen actions not done, and
/// parents or carers not recorded as informed of a pupil's incident.
fn still_open(loaded: &Loaded) -> Vec<String> {
    let incident = &loaded.incident;
    let mut open: Vec<String> = incident
        .actions
        .iter()
        .filter(|action| action.chosen && action.done_at.is_none())
        .map(|action| format!("Not done yet: {}", action.action))
        .collect();
    let pupil = loaded
        .people
        .iter()
        .any(|person| person.role == Role::Pupil);
    if pupil && incident.parents_informed_at.is_none() {
        open.push("The parents or carers are not recorded as informed".into());
    }
    open
}
