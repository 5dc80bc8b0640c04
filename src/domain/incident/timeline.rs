//! An incident's timeline: what was recorded about it, as typed events the screens and the
//! printed record put into words.

use chrono::NaiveDateTime;

use crate::domain::incident::record::Outcome;
use crate::domain::incident::rules::Referral;

/// One thing recorded about an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// It was reported, by the person named.
    Reported {
        /// Who reported it.
        by: String,
    },
    /// The parents or carers were informed.
    ParentsInformed {
        /// Who informed them.
        by: String,
    },
    /// A chosen action was done.
    ActionDone {
        /// The action's words.
        action: String,
        /// The note written when it was done.
        note: String,
    },
    /// A referral was made.
    Referred {
        /// The agency.
        agency: Referral,
        /// Their reference, if given.
        reference: String,
    },
    /// A decision was recorded.
    Decided {
        /// What was decided.
        decision: String,
        /// Why.
        reason: String,
    },
    /// The investigation was started.
    InvestigationStarted {
        /// The two senior members of staff.
        seniors: [String; 2],
        /// The designated computer.
        computer: String,
    },
    /// A site was visited during the investigation.
    SiteVisited {
        /// The address.
        url: String,
        /// What it showed.
        description: String,
    },
    /// An evidence file was added.
    EvidenceAdded {
        /// The file's name.
        file_name: String,
        /// What it shows.
        description: String,
    },
    /// The incident was closed.
    Closed {
        /// The outcome.
        outcome: Option<Outcome>,
        /// The conclusion.
        conclusion: String,
    },
    /// The incident was imported from an old log.
    Imported {
        /// The file's name.
        file_name: String,
        /// The line of the file it came from.
        line: u64,
    },
    /// The record was amended.
    Amended {
        /// What changed.
        fields: String,
        /// Why.
        reason: String,
    },
}

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// When.
    pub at: NaiveDateTime,
    /// What happened.
    pub event: Event,
    /// Who recorded it, where known.
    pub by: String,
    /// Whether `at` is when it happened; an imported log's decisions and closures were never
    /// dated, and sit where the log's history ends.
    pub date_known: bool,
}

impl TimelineEntry {
    /// When, as the screens and the printed record show it: "12 November 2025, 09:30", or
    /// "Date not recorded".
    pub fn when(&self, shown: impl Fn(&NaiveDateTime) -> String) -> String {
        match self.date_known {
            true => shown(&self.at),
            false => DATE_NOT_RECORDED.to_owned(),
        }
    }
}

/// What an entry shows for a date an imported log did not record.
pub const DATE_NOT_RECORDED: &str = "Date not recorded";

impl std::fmt::Display for Event {
    /// The event in a sentence: "Referred to the police, their reference CR-1".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let with = |f: &mut std::fmt::Formatter<'_>, detail: &str| {
            if detail.is_empty() {
                Ok(())
            } else {
                write!(f, " — {detail}")
            }
        };
        match self {
            Event::Reported { by } => write!(f, "Reported by {by}"),
            Event::ParentsInformed { by } => write!(f, "Parents or carers informed by {by}"),
            Event::ActionDone { action, note } => {
                write!(f, "Done: {action}")?;
                with(f, note)
            }
            Event::Referred { agency, reference } if reference.is_empty() => {
                write!(f, "Referred to {}", agency.title())
            }
            Event::Referred { agency, reference } => {
                write!(
                    f,
                    "Referred to {}, their reference {reference}",
                    agency.title()
                )
            }
            Event::Decided { decision, reason } => {
                write!(f, "Decided: {decision}. Reason: {reason}")
            }
            Event::InvestigationStarted { seniors, computer } => write!(
                f,
                "Investigation started by {} and {}, on {computer}",
                seniors[0], seniors[1]
            ),
            Event::SiteVisited { url, description } => {
                write!(f, "Site visited: {url} — {description}")
            }
            Event::EvidenceAdded {
                file_name,
                description,
            } => {
                write!(f, "Evidence added: {file_name}")?;
                with(f, description)
            }
            Event::Closed {
                outcome,
                conclusion,
            } => {
                let imported = crate::domain::incident::import::NOT_RECORDED;
                match outcome {
                    Some(outcome) => write!(f, "Closed: {}", outcome.title())?,
                    None if conclusion == imported => {
                        return write!(f, "Closed: outcome and conclusion not recorded (imported)");
                    }
                    None => write!(f, "Closed: outcome not recorded (imported)")?,
                }
                with(f, conclusion)
            }
            Event::Imported { file_name, line } => {
                write!(f, "Imported from {file_name} row {line}")
            }
            Event::Amended { fields, reason } => {
                write!(f, "Record amended ({fields}). Reason: {reason}")
            }
        }
    }
}
