//! The dashboard: who and where, what still needs filling in, and what is coming.

use std::sync::Arc;

use crate::ui::keyed::button;
use iced::widget::{column, container, row, text};
use iced::{Element, Fill, Task};

use crate::domain::backups::BackupStanding;
use crate::domain::schedule::{self, ItemStatus};
use crate::domain::wording::counted;
use crate::store::incidents::IncidentCounts;
use crate::store::schedule::StoredItem;
use crate::store::training::TrainingCounts;
use crate::ui::Ctx;
use crate::ui::area::Area;
use crate::ui::chart::ChartView;
use crate::ui::session::{Session, SharedError};
use crate::ui::style;

/// The dashboard's state: the figures it reads from the vault.
#[derive(Debug, Default)]
pub struct Dashboard {
    incidents: Option<Result<IncidentCounts, String>>,
    training: Option<Result<TrainingCounts, String>>,
    signatures: Option<Result<usize, String>>,
    schedule: Option<Result<(Vec<StoredItem>, usize), String>>,
    charts: Option<Result<Vec<ChartView>, String>>,
    last_backup: Option<Result<Option<chrono::DateTime<chrono::Utc>>, String>>,
    clock: crate::domain::clock::Clock,
}

/// What the dashboard asks of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Nothing.
    None,
    /// Open this area.
    Open(Area),
}

/// What the dashboard can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open an area: Settings for the school details, the incident log, the training audit,
    /// the AUP registers or the review schedule.
    Open(Area),
    /// The incident figures arrived.
    IncidentCounts(Result<IncidentCounts, SharedError>),
    /// The training figures arrived.
    TrainingCounts(Result<TrainingCounts, SharedError>),
    /// The count of outstanding signatures arrived.
    Signatures(Result<usize, SharedError>),
    /// The schedule and the count of devices held arrived.
    Schedule(Result<(Vec<StoredItem>, usize), SharedError>),
    /// The half-term's theme and trend charts arrived, drawn.
    Charts(Result<Vec<ChartView>, String>),
    /// When the last backup was taken arrived.
    LastBackup(Result<Option<chrono::DateTime<chrono::Utc>>, SharedError>),
}

impl Dashboard {
    /// The dashboard, loading its figures.
    pub fn new(session: &Session) -> (Self, Task<Message>) {
        let incidents = session.with_vault(|vault| vault.incident_counts().map_err(Arc::new));
        let today = session.today();
        let training =
            session.with_vault(move |vault| vault.training_counts(today).map_err(Arc::new));
        let signatures =
            session.with_vault(move |vault| vault.aup_outstanding_count(today).map_err(Arc::new));
        let schedule = session.with_vault(|vault| {
            let items = vault.review_items().map_err(Arc::new)?;
            let held = vault
                .confiscations()
                .map_err(Arc::new)?
                .iter()
                .filter(|c| c.returned.is_none())
                .count();
            Ok((items, held))
        });
        let charts = session.with_vault(move |vault| half_term_charts(vault, today));
        let last_backup = session.with_vault(|vault| {
            let last = vault.last_backup().map_err(Arc::new)?;
            Ok(last.map(|backup| backup.taken_at))
        });
        (
            Self {
                clock: session.clock(),
                ..Self::default()
            },
            Task::batch([
                Task::perform(charts, Message::Charts),
                Task::perform(incidents, Message::IncidentCounts),
                Task::perform(training, Message::TrainingCounts),
                Task::perform(signatures, Message::Signatures),
                Task::perform(schedule, Message::Schedule),
                Task::perform(last_backup, Message::LastBackup),
            ]),
        )
    }

    /// Keeps figures that arrived; asks the workspace to open an area.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::IncidentCounts(result) => {
                self.incidents = Some(result.map_err(|error| error.to_string()))
            }
            Message::TrainingCounts(result) => {
                self.training = Some(result.map_err(|error| error.to_string()))
            }
            Message::Signatures(result) => {
                self.signatures = Some(result.map_err(|error| error.to_string()))
            }
            Message::Schedule(result) => {
                self.schedule = Some(result.map_err(|error| error.to_string()))
            }
            Message::Charts(result) => {
                self.charts = Some(result);
            }
            Message::LastBackup(result) => {
                self.last_backup = Some(result.map_err(|error| error.to_string()))
            }
            Message::Open(area) => return Action::Open(area),
        }
        Action::None
    }

    /// Draws the dashboard.
    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let page = column![view(ctx)].spacing(16);
        page.push(card(self.schedule_card(ctx.today)))
            .push(card(self.incident_card()))
            .push(card(self.charts_card(ctx.dark)))
            .push(card(self.training_card()))
            .push(card(self.signatures_card()))
            .push(self.vault_card(ctx))
            .into()
    }

    fn vault_card<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let locking = format!(
            "Encrypted on this PC. It locks after {} minutes with no input; Hide (Ctrl+H) blanks the window at once.",
            ctx.settings.auto_lock_minutes
        );
        let body = column![
            text("The vault").size(17),
            text(locking).style(style::muted),
        ]
        .spacing(8);
        let body = match &self.last_backup {
            None => body,
            Some(Err(error)) => body.push(text(error.clone()).style(style::error)),
            Some(Ok(last)) => {
                let standing = BackupStanding::of(*last, self.clock.utc_now());
                let words = text(format!("{}.", standing.words()));
                if standing.needs_one() {
                    body.push(words.style(style::error)).push(
                        button("Back up in Settings")
                            .on_press(Message::Open(Area::Settings))
                            .padding([6, 16]),
                    )
                } else {
                    body.push(words)
                }
            }
        };
        card(body.into())
    }

    fn charts_card(&self, dark: bool) -> Element<'_, Message> {
        let body = column![
            text("This half-term so far").size(17),
            text("Your own figures, every count shown: the small-number rule applies to the governors' report.")
                .style(style::muted),
        ]
        .spacing(8);
        match &self.charts {
            None => body.push(text("Drawing…").style(style::muted)).into(),
            Some(Err(error)) => body.push(text(error.clone()).style(style::error)).into(),
            Some(Ok(charts)) => {
                // One above the other, each the card's width: side by side, their words
                // would be too small to read on a laptop screen.
                let mut stacked = column![].spacing(16).max_width(900);
                for chart in charts {
                    stacked = stacked.push(chart.view(13.0, true, dark));
                }
                body.push(stacked).into()
            }
        }
    }

    fn schedule_card(&self, today: chrono::NaiveDate) -> Element<'_, Message> {
        let mut body = column![text("Review schedule").size(17)].spacing(8);
        match &self.schedule {
            None => body = body.push(text("Counting…").style(style::muted)),
            Some(Err(error)) => body = body.push(text(error.clone()).style(style::error)),
            Some(Ok((items, held))) => {
                let active: Vec<&StoredItem> = items.iter().filter(|s| s.active).collect();
                let review = active
                    .iter()
                    .find(|s| s.item.key == schedule::POLICY_REVIEW)
                    .and_then(|s| s.item.due);
                body = body.push(match review {
                    Some(due) if due < today => text(format!(
                        "Policy review was due {} ({})",
                        crate::ui::form::shown_date(due),
                        schedule::days_left(due, today)
                    ))
                    .size(20)
                    .style(style::error),
                    Some(due) => text(format!(
                        "Next policy review {} ({})",
                        crate::ui::form::shown_date(due),
                        schedule::days_left(due, today)
                    ))
                    .size(20),
                    None => text("No policy review is scheduled").style(style::error),
                });
                for status in [ItemStatus::Overdue, ItemStatus::DueSoon] {
                    for stored in active
                        .iter()
                        .filter(|s| ItemStatus::on(s.item.due, today) == status)
                    {
                        let due = stored.item.due.unwrap_or(today);
                        let line = text(format!(
                            "{}: {} ({})",
                            stored.item.title,
                            crate::ui::form::shown_date(due),
                            schedule::days_left(due, today)
                        ));
                        body = body.push(if status == ItemStatus::Overdue {
                            line.style(style::error)
                        } else {
                            line
                        });
                    }
                }
                if *held > 0 {
                    body = body.push(text(format!(
                        "{} held after confiscation",
                        crate::domain::wording::counted(*held, "device", "devices")
                    )));
                }
            }
        }
        body.push(
            button("Open the review schedule")
                .on_press(Message::Open(Area::ReviewSchedule))
                .padding([6, 16]),
        )
        .into()
    }

    fn signatures_card(&self) -> Element<'_, Message> {
        let figures = match &self.signatures {
            None => text("Counting…").style(style::muted),
            Some(Err(error)) => text(error.clone()).style(style::error),
            Some(Ok(0)) => text("Everyone has signed their agreement.").style(style::success),
            Some(Ok(count)) => text(format!(
                "{} to sign or re-sign an Acceptable Use Agreement",
                crate::domain::wording::counted(*count, "person", "people")
            )),
        };
        column![
            text("Acceptable Use Agreements").size(17),
            figures,
            button("Open the registers")
                .on_press(Message::Open(Area::AupAndConsent))
                .padding([6, 16]),
        ]
        .spacing(8)
        .into()
    }

    fn training_card(&self) -> Element<'_, Message> {
        let figures = match &self.training {
            None => text("Counting…").style(style::muted),
            Some(Err(error)) => text(error.clone()).style(style::error),
            Some(Ok(counts)) if counts.needed == 0 => {
                text("No one is in the training audit yet: add staff and governors in People & training.")
                    .style(style::muted)
            }
            Some(Ok(counts)) if counts.overdue + counts.never_done + counts.due_soon == 0 => {
                text("Everyone's training is up to date.").style(style::success)
            }
            Some(Ok(counts)) => text(format!(
                "{} overdue · {} never done · {} due within 30 days",
                counts.overdue, counts.never_done, counts.due_soon
            )),
        };
        column![
            text("Training").size(17),
            figures,
            button("Open the training audit")
                .on_press(Message::Open(Area::PeopleAndTraining))
                .padding([6, 16]),
        ]
        .spacing(8)
        .into()
    }

    fn incident_card(&self) -> Element<'_, Message> {
        let figures = match &self.incidents {
            None => text("Counting…").style(style::muted),
            Some(Err(error)) => text(error.clone()).style(style::error),
            Some(Ok(counts)) => text(format!(
                "{} open · {} under investigation{}",
                counts.open,
                counts.investigating,
                match counts.illegal_not_closed {
                    0 => String::new(),
                    1 => " · 1 illegal incident not closed".into(),
                    n => format!(" · {n} illegal incidents not closed"),
                }
            )),
        };
        let flagged = match &self.incidents {
            Some(Ok(counts)) if counts.police_step_not_recorded > 0 => Some(
                text(format!(
                    "{} imported from the old log: closed there, but no police step is recorded. Record the referral or the decision not to refer.",
                    counted(counts.police_step_not_recorded as usize, "incident", "incidents")
                ))
                .style(style::error),
            ),
            _ => None,
        };
        column![text("Incidents").size(17), figures,]
            .push(flagged)
            .push(
                button("Open the incident log")
                    .on_press(Message::Open(Area::Incidents))
                    .padding([6, 16]),
            )
            .spacing(8)
            .into()
    }
}

/// The part of the dashboard drawn from the settings alone.
fn view<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    let settings = ctx.settings;
    let greeting = column![
        text(settings.school_name.clone()).size(22),
        text(format!(
            "{} · E-Safety Co-ordinator: {}",
            ctx.today.format("%A %-d %B %Y"),
            settings.coordinator
        ))
        .style(style::muted),
    ]
    .spacing(4);
    column![card(greeting.into()), card(contacts(ctx))]
        .spacing(16)
        .into()
}

/// How the vault is kept, at the foot of the dashboard.
fn card(content: Element<'_, Message>) -> Element<'_, Message> {
    container(row![content])
        .padding(20)
        .width(Fill)
        .style(style::card)
        .into()
}

/// Who to call: the contacts the policy names, or a prompt where one is not recorded yet.
fn contacts<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    let settings = ctx.settings;
    let people = [
        (
            "Designated Safeguarding Lead",
            &settings.designated_safeguarding_lead,
        ),
        ("Headteacher", &settings.headteacher),
        ("Chair of Governors", &settings.chair_of_governors),
        ("LADO", &settings.lado_contact),
    ];
    let mut list = column![text("Safeguarding contacts").size(17)].spacing(8);
    for (role, name) in people {
        let value = if name.trim().is_empty() {
            text("Not recorded yet").style(style::error)
        } else {
            text(name.clone())
        };
        list = list.push(row![text(role).width(260).style(style::muted), value]);
    }
    if people.iter().any(|(_, name)| name.trim().is_empty()) {
        list = list.push(
            button("Fill in the contacts in Settings")
                .on_press(Message::Open(Area::Settings))
                .padding([6, 16]),
        );
    }
    list.into()
}

/// The theme and trend charts of the half-term in progress, drawn by the governor report's
/// own code (so the dashboard and the PDF never disagree).
fn half_term_charts(
    vault: &mut crate::store::Vault,
    today: chrono::NaiveDate,
) -> Result<Vec<ChartView>, String> {
    use crate::report::{Period, governor};
    let calendar = vault.terms().map_err(|e| e.to_string())?;
    let period = Period::HalfTerm(calendar.place(today).reporting_half_term());
    let charts = governor::dashboard_charts(vault, period).map_err(|e| e.to_string())?;
    Ok(charts.iter().map(ChartView::new).collect())
}
