//! One incident's full record as a PDF for the evidence file the E-Safety Group keeps: names
//! included, so every page is marked confidential.

use chrono::NaiveDateTime;

use crate::domain::incident::Status;
use crate::domain::incident::import::NOT_RECORDED;

use crate::report::ReportError;
use crate::report::incident_pages;
use crate::report::incidents::category_title;
use crate::report::pdf::{self, About};
use crate::store::Vault;

/// A labelled line of the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What the line is.
    pub label: String,
    /// Its value.
    pub value: String,
}

fn line(label: &str, value: impl Into<String>) -> Line {
    Line {
        label: label.to_owned(),
        value: value.into(),
    }
}

/// Rows of a small table: the cells of each row.
pub type Rows = Vec<Vec<String>>;

/// Everything recorded about one incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentRecord {
    /// The school.
    pub school: String,
    /// The reference.
    pub reference: String,
    /// When this copy was printed.
    pub printed_at: NaiveDateTime,
    /// Who printed it: the vault's user, the PDF's author.
    pub printed_by: String,
    /// The details: category, level, when, where, device, status…
    pub details: Vec<Line>,
    /// The people involved: name, role and part ("not recorded" where none was given).
    pub people: Rows,
    /// What happened.
    pub description: String,
    /// The web addresses.
    pub urls: Vec<String>,
    /// Actions: action, suggested/chosen, done on, by, note.
    pub actions: Rows,
    /// Referrals: agency, when, their reference, outcome.
    pub referrals: Rows,
    /// Decisions: when, by, decision, reason.
    pub decisions: Rows,
    /// The investigation's lines, if there was one.
    pub investigation: Vec<Line>,
    /// Sites visited in the investigation: when, address, what it showed.
    pub sites: Rows,
    /// Evidence files: added, name, size, SHA-256, description.
    pub evidence: Rows,
    /// Amendments: when, by, what, why.
    pub amendments: Rows,
    /// The chronology: when, what, by.
    pub timeline: Rows,
}

use crate::domain::when::long as shown_time;

/// Reads everything recorded about incident `id`, printed at `now`.
pub fn gather(vault: &Vault, id: i64, now: NaiveDateTime) -> Result<IncidentRecord, ReportError> {
    let settings = vault.settings()?;
    let incident = vault.incident(id)?;
    let row = &incident.row;
    let level = row
        .level()
        .map_or("Not known to this version", |l| match l {
            crate::domain::incident::Level::Inappropriate => "Inappropriate",
            crate::domain::incident::Level::Unacceptable => "Unacceptable",
            crate::domain::incident::Level::Illegal => "Illegal",
        });
    let mut details = vec![
        line("Category", category_title(&row.category)),
        line("Level", level),
        line("Area of risk", incident.risk_area.title()),
        line("Happened", shown_time(&incident.occurred_at)),
        line(
            "Reported",
            format!(
                "{} by {}",
                shown_time(&row.reported_at),
                incident.reported_by
            ),
        ),
        line("Where", incident.location.title()),
        line("Device", incident.device.title()),
        line("Status", row.status.title()),
    ];
    if let Some(at) = &incident.parents_informed_at {
        details.push(line(
            "Parents or carers informed",
            format!("{} by {}", shown_time(at), incident.parents_informed_by),
        ));
    }
    if row.status == Status::Closed {
        let outcome = incident
            .outcome
            .map_or(NOT_RECORDED, |outcome| outcome.title());
        details.push(line("Outcome", outcome));
        details.push(line("Conclusion", incident.conclusion.clone()));
    }
    if !incident.governor_summary.is_empty() {
        details.push(line(
            "Summary for governors",
            incident.governor_summary.clone(),
        ));
    }
    if !incident.source_reference.is_empty() {
        details.push(line(
            "Reference in the earlier log",
            incident.source_reference.clone(),
        ));
    }
    let investigation = vault.investigation(id)?;
    Ok(IncidentRecord {
        school: settings.school_name,
        reference: row.reference.clone(),
        printed_at: now,
        printed_by: vault.actor().to_owned(),
        details,
        people: vault
            .incident_people(id)?
            .into_iter()
            .map(|person| {
                let part = person.part.map_or("Not recorded", |part| part.title());
                vec![person.name, person.role.title().to_owned(), part.to_owned()]
            })
            .collect(),
        description: incident.description.clone(),
        urls: incident
            .urls
            .lines()
            .map(str::to_owned)
            .filter(|u| !u.trim().is_empty())
            .collect(),
        actions: incident
            .actions
            .iter()
            .map(|a| {
                let how = match (incident.imported, a.suggested, a.chosen) {
                    (true, true, _) => "From the old log, as the policy suggests",
                    (true, false, _) => "From the old log",
                    (false, true, true) => "Suggested by the policy, chosen",
                    (false, true, false) => "Suggested by the policy, not chosen",
                    (false, false, _) => "Chosen",
                };
                let not_done = match incident.imported {
                    true => NOT_RECORDED,
                    false => "Not yet",
                };
                vec![
                    a.action.clone(),
                    how.to_owned(),
                    a.done_at
                        .as_ref()
                        .map_or_else(|| not_done.to_owned(), shown_time),
                    a.done_by.clone(),
                    a.note.clone(),
                ]
            })
            .collect(),
        referrals: vault
            .incident_referrals(id)?
            .into_iter()
            .map(|r| {
                vec![
                    r.agency.title().to_owned(),
                    shown_time(&r.referred_at),
                    r.reference,
                    r.outcome,
                ]
            })
            .collect(),
        decisions: vault
            .incident_decisions(id)?
            .into_iter()
            .map(|d| vec![d.when(shown_time), d.decided_by, d.decision, d.reason])
            .collect(),
        investigation: investigation.as_ref().map_or_else(Vec::new, |i| {
            vec![
                line("Started", shown_time(&i.started_at)),
                line("Senior members of staff", i.seniors.join(" and ")),
                line("Designated computer", i.designated_computer.clone()),
                line(
                    "Conclusion",
                    if i.conclusion.is_empty() {
                        "Not yet written".into()
                    } else {
                        i.conclusion.clone()
                    },
                ),
            ]
        }),
        sites: investigation.map_or_else(Vec::new, |i| {
            i.sites
                .into_iter()
                .map(|s| vec![shown_time(&s.visited_at), s.url, s.description])
                .collect()
        }),
        evidence: vault
            .evidence(id)?
            .into_iter()
            .map(|e| {
                vec![
                    shown_time(&e.added_at),
                    e.file_name,
                    format!("{} bytes", e.size_bytes),
                    e.sha256,
                    e.description,
                ]
            })
            .collect(),
        amendments: vault
            .incident_amendments(id)?
            .into_iter()
            .map(|a| vec![shown_time(&a.amended_at), a.amended_by, a.fields, a.reason])
            .collect(),
        timeline: vault
            .timeline(id)?
            .into_iter()
            .map(|t| vec![t.when(shown_time), t.event.to_string(), t.by])
            .collect(),
    })
}

/// Lays the record out as a PDF.
pub fn pdf(record: &IncidentRecord) -> Result<Vec<u8>, ReportError> {
    pdf::pdf(
        &incident_pages::document(record)?,
        About {
            title: format!("Incident record {}", record.reference),
            author: record.printed_by.clone(),
            ident: format!("esafety-desk/incident/{}", record.reference),
        },
    )
}
