//! The incident log's records as the store hands them out, and how each is read from a row by
//! column name.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{Connection, Row};

use crate::domain::incident::category::{self, Level, RiskArea};
use crate::domain::incident::record::{Device, Location};
use crate::domain::incident::rules::Referral;
use crate::domain::incident::{Outcome, Part, Role, Status};
use crate::store::stored::Fields;
use crate::store::{StoreError, query};

/// An incident as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentRow {
    /// The record's id.
    pub id: i64,
    /// E.g. `ES-2025-0042`.
    pub reference: String,
    /// When it was reported.
    pub reported_at: NaiveDateTime,
    /// The category's key.
    pub category: String,
    /// Where it stands.
    pub status: Status,
    /// The people involved, by name, in the order they were added.
    pub people: Vec<String>,
}

impl IncidentRow {
    /// The category's words, or the key if the category is unknown to this version.
    pub fn category_title(&self) -> &str {
        category::category(&self.category).map_or(&self.category, |c| c.title)
    }

    /// The category's level, if known.
    pub fn level(&self) -> Option<Level> {
        category::category(&self.category).map(|c| c.level)
    }
}

/// The whole of one incident, for its detail page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentDetail {
    /// The list's summary.
    pub row: IncidentRow,
    /// When it happened.
    pub occurred_at: NaiveDateTime,
    /// Who reported it.
    pub reported_by: String,
    /// Where.
    pub location: Location,
    /// The device.
    pub device: Device,
    /// The KCSIE area.
    pub risk_area: RiskArea,
    /// What happened.
    pub description: String,
    /// The web addresses, one per line.
    pub urls: String,
    /// The actions suggested or chosen, with when and by whom each was done.
    pub actions: Vec<ActionRow>,
    /// The outcome, once closed.
    pub outcome: Option<Outcome>,
    /// The conclusion, once closed.
    pub conclusion: String,
    /// When the parents or carers were informed, if they have been.
    pub parents_informed_at: Option<NaiveDateTime>,
    /// Who informed them.
    pub parents_informed_by: String,
    /// The summary written for governors (no names), if any.
    pub governor_summary: String,
    /// The reference the incident had in a log it was imported from.
    pub source_reference: String,
    /// It came from an old log: its actions are the log's, and whether they were done the
    /// log does not say.
    pub imported: bool,
}

/// A referral as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralRow {
    /// The record's id.
    pub id: i64,
    /// The agency.
    pub agency: Referral,
    /// When.
    pub referred_at: NaiveDateTime,
    /// The agency's reference number.
    pub reference: String,
    /// What came of it, once known.
    pub outcome: String,
}

/// A person on an incident, as its page shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvolvedPerson {
    /// The person's id.
    pub id: i64,
    /// Their name.
    pub name: String,
    /// What kind of person they are in it.
    pub role: Role,
    /// What they did or suffered, if it was given.
    pub part: Option<Part>,
}

/// One entry of a person's chronology: an incident, their part in it, and what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChronologyEntry {
    /// The incident.
    pub row: IncidentRow,
    /// When it happened.
    pub occurred_at: NaiveDateTime,
    /// What kind of person they were in it.
    pub role: Role,
    /// What they did or suffered, if it was given.
    pub part: Option<Part>,
    /// The actions chosen.
    pub actions: Vec<String>,
}

/// How many incidents stand where, for the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IncidentCounts {
    /// Recorded, not yet investigated.
    pub open: i64,
    /// Under investigation.
    pub investigating: i64,
    /// In an illegal category and not closed.
    pub illegal_not_closed: i64,
    /// Imported open because the old log closed them without the police step their category
    /// may need, and still without one.
    pub police_step_not_recorded: i64,
}

/// One action on an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    /// The record's id.
    pub id: i64,
    /// The action's words.
    pub action: String,
    /// The policy's table suggested it.
    pub suggested: bool,
    /// The co-ordinator chose it.
    pub chosen: bool,
    /// When it was done, if it has been.
    pub done_at: Option<NaiveDateTime>,
    /// Who recorded it as done.
    pub done_by: String,
    /// The note written when it was done.
    pub note: String,
}

/// A decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRow {
    /// When.
    pub decided_at: NaiveDateTime,
    /// By whom.
    pub decided_by: String,
    /// What was decided.
    pub decision: String,
    /// Why.
    pub reason: String,
}

impl DecisionRow {
    /// When it was decided, as `shown` writes it, or "Date not recorded" for an imported
    /// log's decision, which the log never dated or credited (kept at the report time).
    pub fn when(&self, shown: impl Fn(&NaiveDateTime) -> String) -> String {
        match self.decided_by == crate::domain::incident::import::NOT_RECORDED {
            true => crate::domain::incident::timeline::DATE_NOT_RECORDED.to_owned(),
            false => shown(&self.decided_at),
        }
    }
}

/// The reference and id of a newly recorded incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The record's id.
    pub id: i64,
    /// Its reference.
    pub reference: String,
}

/// The columns [`IncidentRow::from_row`] reads, from the incidents table aliased `i`; the
/// people are read after, by [`with_people`].
pub(super) const ROW_COLUMNS: &str =
    "i.id AS id, i.reference AS reference, i.reported_at AS reported_at,
    i.category AS category, i.status AS status";

/// Fills in the people of each row.
pub(super) fn with_people(conn: &Connection, rows: &mut [IncidentRow]) -> Result<(), StoreError> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let people = people_of(conn, &ids)?;
    for row in rows {
        row.people = people.get(&row.id).cloned().unwrap_or_default();
    }
    Ok(())
}

/// The names of the people on each of `incidents`, in the order they were added, a few hundred
/// incidents a query.
pub(super) fn people_of(
    conn: &Connection,
    incidents: &[i64],
) -> Result<HashMap<i64, Vec<String>>, StoreError> {
    let mut people: HashMap<i64, Vec<String>> = HashMap::new();
    for chunk in incidents.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!(
            "SELECT ip.incident_id AS incident, p.given_name || ' ' || p.family_name AS name
             FROM incident_people ip JOIN people p ON p.id = ip.person_id
             WHERE ip.incident_id IN ({marks}) ORDER BY ip.id"
        );
        let names = query::all(conn, &sql, rusqlite::params_from_iter(chunk), |row| {
            Ok((
                row.get::<_, i64>("incident")?,
                row.get::<_, String>("name")?,
            ))
        })?;
        for (incident, name) in names {
            people.entry(incident).or_default().push(name);
        }
    }
    Ok(people)
}

impl IncidentRow {
    /// Reads the [`ROW_COLUMNS`] of a result row.
    pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let reference: String = row.get("reference")?;
        let fields = Fields::new(row, format!("incident {reference}"));
        Ok(IncidentRow {
            id: fields.get("id")?,
            reported_at: fields.moment("reported_at")?,
            category: fields.get("category")?,
            status: fields.get("status")?,
            people: Vec::new(),
            reference,
        })
    }
}

impl IncidentDetail {
    /// Reads [`DETAIL_COLUMNS`]; the actions are read separately.
    pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let summary = IncidentRow::from_row(row)?;
        let fields = Fields::new(row, format!("incident {}", summary.reference));
        Ok(IncidentDetail {
            occurred_at: fields.moment("occurred_at")?,
            reported_by: fields.get("reported_by")?,
            location: fields.get("location")?,
            device: fields.get("device")?,
            risk_area: fields.get("risk_area")?,
            description: fields.get("description")?,
            urls: fields.get("urls")?,
            actions: Vec::new(),
            outcome: fields.maybe("outcome")?,
            conclusion: fields.get("conclusion")?,
            parents_informed_at: fields.maybe_moment("parents_informed_at")?,
            parents_informed_by: fields.get("parents_informed_by")?,
            governor_summary: fields.get("governor_summary")?,
            source_reference: fields.get("source_reference")?,
            imported: fields.get("imported")?,
            row: summary,
        })
    }
}

/// The columns [`IncidentDetail::from_row`] reads besides [`ROW_COLUMNS`].
pub(super) const DETAIL_COLUMNS: &str = "i.occurred_at AS occurred_at, i.reported_by AS reported_by,
    i.location AS location, i.device AS device, i.risk_area AS risk_area, i.description AS description,
    i.urls AS urls, i.outcome AS outcome, i.conclusion AS conclusion,
    i.parents_informed_at AS parents_informed_at, i.parents_informed_by AS parents_informed_by,
    i.governor_summary AS governor_summary, i.source_reference AS source_reference,
    EXISTS (SELECT 1 FROM incident_sources s WHERE s.incident_id = i.id) AS imported";

impl ActionRow {
    pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let fields = Fields::of(row, "incident_actions")?;
        Ok(ActionRow {
            id: fields.get("id")?,
            action: fields.get("action")?,
            suggested: fields.get("suggested")?,
            chosen: fields.get("chosen")?,
            done_at: fields.maybe_moment("done_at")?,
            done_by: fields.get("done_by")?,
            note: fields.get("note")?,
        })
    }
}

impl ReferralRow {
    pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let fields = Fields::of(row, "referrals")?;
        Ok(ReferralRow {
            id: fields.get("id")?,
            agency: fields.get("agency")?,
            referred_at: fields.moment("referred_at")?,
            reference: fields.get("reference")?,
            outcome: fields.get("outcome")?,
        })
    }
}

impl DecisionRow {
    pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let fields = Fields::of(row, "decisions")?;
        Ok(DecisionRow {
            decided_at: fields.moment("decided_at")?,
            decided_by: fields.get("decided_by")?,
            decision: fields.get("decision")?,
            reason: fields.get("reason")?,
        })
    }
}
