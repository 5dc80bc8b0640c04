//! What the governor report reads from the incident log: the incidents reported in a period
//! with the facts it counts. Names, dates of birth and free text about people are not read; a
//! pupil's date of birth is used only to work out their year group on the day.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use crate::domain::incident::rules::Referral;
use crate::domain::incident::{Outcome, Role, Status};
use crate::domain::person::year_group_on;
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
    /// The KCSIE area, as a stored code.
    pub risk_area: String,
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
    let sql = "SELECT id, reference, reported_at, category, risk_area, status, outcome, governor_summary
               FROM incidents WHERE reported_at >= ?1 AND reported_at < ?2
               ORDER BY reported_at, id";
    let mut ids = Vec::new();
    let mut incidents = query::all(conn, sql, [&start, &end], |row| {
        ids.push(row.get::<_, i64>(0)?);
        let reported: String = row.get(2)?;
        Ok(ReportedIncident {
            reference: row.get(1)?,
            reported_on: query::day(reported.get(..10).unwrap_or_default()).unwrap_or(from),
            category: row.get(3)?,
            risk_area: row.get(4)?,
            status: Status::from_code(&row.get::<_, String>(5)?).unwrap_or(Status::Open),
            outcome: Outcome::from_code(&row.get::<_, String>(6)?),
            governor_summary: row.get(7)?,
            roles: Vec::new(),
            year_groups: Vec::new(),
            referrals: Vec::new(),
            police_not_referred_on: None,
            actions: Vec::new(),
        })
    })?;
    let index: HashMap<i64, usize> = ids.into_iter().enumerate().map(|(i, id)| (id, i)).collect();
    add_people(conn, &start, &end, &index, &mut incidents)?;
    add_referrals(conn, &start, &end, &index, &mut incidents)?;
    add_actions(conn, &start, &end, &index, &mut incidents)?;
    for incident in &mut incidents {
        incident.year_groups.sort_unstable();
        incident.year_groups.dedup();
    }
    Ok(incidents)
}

fn add_people(
    conn: &Connection,
    start: &str,
    end: &str,
    index: &HashMap<i64, usize>,
    incidents: &mut [ReportedIncident],
) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT ip.incident_id, ip.role, p.year_group, p.date_of_birth
         FROM incident_people ip JOIN people p ON p.id = ip.person_id
         WHERE ip.incident_id IN ({IN_PERIOD}) ORDER BY ip.id"
    );
    let rows = query::all(conn, &sql, [start, end], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<u8>>(2)?,
            row.get::<_, Option<String>>(3)?,
        ))
    })?;
    for (id, role, year_group, born) in rows {
        let (Some(&i), Some(role)) = (index.get(&id), Role::from_code(&role)) else {
            continue;
        };
        let incident = &mut incidents[i];
        incident.roles.push(role);
        if role == Role::Pupil {
            let born = born.as_deref().and_then(query::day);
            let year = born
                .and_then(|born| year_group_on(born, incident.reported_on))
                .or(year_group);
            incident.year_groups.extend(year);
        }
    }
    Ok(())
}

fn add_referrals(
    conn: &Connection,
    start: &str,
    end: &str,
    index: &HashMap<i64, usize>,
    incidents: &mut [ReportedIncident],
) -> Result<(), StoreError> {
    let day_of = |stored: String| query::day(stored.get(..10).unwrap_or_default());
    let sql = format!(
        "SELECT incident_id, agency, referred_at FROM referrals
         WHERE incident_id IN ({IN_PERIOD}) ORDER BY referred_at, id"
    );
    let rows = query::all(conn, &sql, [start, end], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?))
    })?;
    for (id, agency, at) in rows {
        if let (Some(&i), Some(agency), Some(day)) =
            (index.get(&id), Referral::from_code(&agency), day_of(at))
        {
            incidents[i].referrals.push((agency, day));
        }
    }
    let sql = format!(
        "SELECT incident_id, min(decided_at) FROM decisions
         WHERE not_to_refer = 'police' AND incident_id IN ({IN_PERIOD}) GROUP BY incident_id"
    );
    let rows = query::all(conn, &sql, [start, end], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    for (id, at) in rows {
        if let Some(&i) = index.get(&id) {
            incidents[i].police_not_referred_on = day_of(at);
        }
    }
    Ok(())
}

fn add_actions(
    conn: &Connection,
    start: &str,
    end: &str,
    index: &HashMap<i64, usize>,
    incidents: &mut [ReportedIncident],
) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT incident_id, action, done_at IS NOT NULL FROM incident_actions
         WHERE chosen = 1 AND incident_id IN ({IN_PERIOD}) ORDER BY id"
    );
    let rows = query::all(conn, &sql, [start, end], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?, row.get::<_, bool>(2)?))
    })?;
    for (id, action, done) in rows {
        if let Some(&i) = index.get(&id) {
            incidents[i].actions.push(ReportedAction { action, done });
        }
    }
    Ok(())
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
pub(crate) fn incident_by_reference(conn: &Connection, reference: &str) -> Result<Option<i64>, StoreError> {
    use rusqlite::OptionalExtension;
    let wanted = reference.trim().to_uppercase();
    Ok(conn
        .query_row("SELECT id FROM incidents WHERE upper(reference) = ?1", [wanted], |row| row.get(0))
        .optional()?)
}
