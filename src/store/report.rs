//! What the governor report reads from the incident log: the incidents reported in a period
//! with the facts it counts. Names, dates of birth and free text about people are not read; a
//! pupil's date of birth is used only to work out their year group on the day.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, Row};

use crate::domain::incident::rules::Referral;
use crate::domain::incident::{Outcome, RiskArea, Role, Status};
use crate::domain::person::year_group_on;
use crate::store::stored::Fields;
use crate::store::{StoreError, query};

/// An incident as the governor report sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedIncident {
    /// E.g. `ES-2025-0042`.
    pub reference: String,
    /// The day it was reported.
    pub reported_on: NaiveDate,
    /// The category's key.
    pub category: String,
    /// The KCSIE area.
    pub risk_area: RiskArea,
    /// Where it stands.
    pub status: Status,
    /// The outcome, once closed.
    pub outcome: Option<Outcome>,
    /// The summary written for governors, if any.
    pub governor_summary: String,
    /// The parts people played in it (one entry per person).
    pub roles: Vec<Role>,
    /// The year groups of the pupils involved on the day it was reported, lowest first;
    /// a pupil with no year group recorded is left out.
    pub year_groups: Vec<u8>,
    /// Its referrals: agency and day.
    pub referrals: Vec<(Referral, NaiveDate)>,
    /// The day a decision not to refer it to the police was recorded, if one was.
    pub police_not_referred_on: Option<NaiveDate>,
    /// The actions chosen for it.
    pub actions: Vec<ReportedAction>,
}

/// One chosen action on an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedAction {
    /// The action's words.
    pub action: String,
    /// Whether it has been done.
    pub done: bool,
}

/// The bounds of `[from, to]` as stored text: `reported_at >= ?1 AND reported_at < ?2`.
fn bounds(from: NaiveDate, to: NaiveDate) -> (String, String) {
    let after = to + Duration::days(1);
    (
        from.format(query::DAY).to_string(),
        after.format(query::DAY).to_string(),
    )
}

const IN_PERIOD: &str = "SELECT id FROM incidents WHERE reported_at >= ?1 AND reported_at < ?2";

/// The incidents reported from `from` to `to` (both days included), oldest first.
pub(crate) fn reported_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ReportedIncident>, StoreError> {
    let (start, end) = bounds(from, to);
    let sql =
        "SELECT id, reference, reported_at, category, risk_area, status, outcome, governor_summary
               FROM incidents WHERE reported_at >= ?1 AND reported_at < ?2
               ORDER BY reported_at, id";
    let mut ids = Vec::new();
    let mut incidents = query::all(conn, sql, [&start, &end], |row| {
        ids.push(row.get::<_, i64>("id")?);
        let reference: String = row.get("reference")?;
        let fields = Fields::new(row, format!("incident {reference}"));
        Ok(ReportedIncident {
            reported_on: fields.moment("reported_at")?.date(),
            category: fields.get("category")?,
            risk_area: fields.get("risk_area")?,
            status: fields.get("status")?,
            outcome: fields.maybe("outcome")?,
            governor_summary: fields.get("governor_summary")?,
            reference,
            roles: Vec::new(),
            year_groups: Vec::new(),
            referrals: Vec::new(),
            police_not_referred_on: None,
            actions: Vec::new(),
        })
    })?;
    let index: HashMap<i64, usize> = ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect();
    let filling = Filling {
        conn,
        bounds: (start, end),
        index,
    };
    add_people(&filling, &mut incidents)?;
    add_referrals(&filling, &mut incidents)?;
    add_actions(&filling, &mut incidents)?;
    for incident in &mut incidents {
        incident.year_groups.sort_unstable();
        incident.year_groups.dedup();
    }
    Ok(incidents)
}

/// The period's incidents by id, for filling in what other tables hold about them.
struct Filling<'a> {
    conn: &'a Connection,
    bounds: (String, String),
    index: HashMap<i64, usize>,
}

impl Filling<'_> {
    /// Runs `sql` (first column an incident id, `?1`/`?2` the period's bounds), maps the rest
    /// of each row with `map` and hands it to `apply` with its incident.
    fn each<T>(
        &self,
        sql: &str,
        incidents: &mut [ReportedIncident],
        mut map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
        mut apply: impl FnMut(&mut ReportedIncident, T),
    ) -> Result<(), StoreError> {
        let (start, end) = &self.bounds;
        let rows = query::all(self.conn, sql, [start, end], |row| {
            Ok((row.get::<_, i64>(0)?, map(row)?))
        })?;
        for (id, value) in rows {
            if let Some(&i) = self.index.get(&id) {
                apply(&mut incidents[i], value);
            }
        }
        Ok(())
    }
}

fn add_people(filling: &Filling<'_>, incidents: &mut [ReportedIncident]) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT ip.incident_id, ip.id AS id, ip.role AS role, p.year_group AS year_group,
                p.date_of_birth AS date_of_birth
         FROM incident_people ip JOIN people p ON p.id = ip.person_id
         WHERE ip.incident_id IN ({IN_PERIOD}) ORDER BY ip.id"
    );
    let map = |row: &Row<'_>| {
        let fields = Fields::of(row, "incident_people")?;
        Ok((
            fields.get::<Role>("role")?,
            fields.get::<Option<u8>>("year_group")?,
            fields.maybe_day("date_of_birth")?,
        ))
    };
    filling.each(
        &sql,
        incidents,
        map,
        |incident, (role, year_group, born)| {
            incident.roles.push(role);
            if role == Role::Pupil {
                let on_the_day = born.and_then(|born| year_group_on(born, incident.reported_on));
                incident.year_groups.extend(on_the_day.or(year_group));
            }
        },
    )
}

fn add_referrals(
    filling: &Filling<'_>,
    incidents: &mut [ReportedIncident],
) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT incident_id, id, agency, referred_at FROM referrals
         WHERE incident_id IN ({IN_PERIOD}) ORDER BY referred_at, id"
    );
    let map = |row: &Row<'_>| {
        let fields = Fields::of(row, "referrals")?;
        Ok((
            fields.get::<Referral>("agency")?,
            fields.moment("referred_at")?.date(),
        ))
    };
    filling.each(&sql, incidents, map, |incident, referral| {
        incident.referrals.push(referral)
    })?;
    let sql = format!(
        "SELECT incident_id, min(id) AS id, min(decided_at) AS decided_at FROM decisions
         WHERE not_to_refer = 'police' AND incident_id IN ({IN_PERIOD}) GROUP BY incident_id"
    );
    let map = |row: &Row<'_>| Fields::of(row, "decisions")?.moment("decided_at");
    filling.each(&sql, incidents, map, |incident, at| {
        incident.police_not_referred_on = Some(at.date())
    })
}

fn add_actions(
    filling: &Filling<'_>,
    incidents: &mut [ReportedIncident],
) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT incident_id, action, done_at IS NOT NULL FROM incident_actions
         WHERE chosen = 1 AND incident_id IN ({IN_PERIOD}) ORDER BY id"
    );
    let map = |row: &Row<'_>| {
        Ok(ReportedAction {
            action: row.get(1)?,
            done: row.get(2)?,
        })
    };
    filling.each(&sql, incidents, map, |incident, action| {
        incident.actions.push(action)
    })
}

/// How many incidents were reported from `from` to `to` (both days included), by category key.
pub(crate) fn categories_between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<String, usize>, StoreError> {
    let (start, end) = bounds(from, to);
    let sql = "SELECT category, count(*) FROM incidents
               WHERE reported_at >= ?1 AND reported_at < ?2 GROUP BY category";
    let rows = query::all(conn, sql, [&start, &end], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)? as usize))
    })?;
    Ok(rows.into_iter().collect())
}

/// The id of the incident with `reference`, if there is one.
pub(crate) fn incident_by_reference(
    conn: &Connection,
    reference: &str,
) -> Result<Option<i64>, StoreError> {
    use rusqlite::OptionalExtension;
    let wanted = reference.trim().to_uppercase();
    Ok(conn
        .query_row(
            "SELECT id FROM incidents WHERE upper(reference) = ?1",
            [wanted],
            |row| row.get(0),
        )
        .optional()?)
}
