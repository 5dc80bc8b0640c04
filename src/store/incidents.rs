//! The incident log in the vault: recording, listing, searching, referrals, decisions and
//! closing, every write audit-chained and the search index kept in step.

use chrono::{Datelike, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::incident::category::{self, Level};
use crate::domain::incident::rules::{self, Referral};
use crate::domain::incident::{
    IncidentFilter, Involvement, Involving, ListOrder, NewIncident, Outcome, Status, record,
};
use crate::store::stored::{Fields, Moment};
use crate::store::{StoreError, audit, query};

mod rows;

pub use rows::{
    ActionRow, ChronologyEntry, DecisionRow, IncidentCounts, IncidentDetail, IncidentRow,
    InvolvedPerson, Recorded, ReferralRow,
};
use rows::{DETAIL_COLUMNS, ROW_COLUMNS, people_of, with_people};

/// Records a new incident with its people and actions.
pub(crate) fn record(
    conn: &Connection,
    actor: &str,
    incident: &NewIncident,
    now: NaiveDateTime,
) -> Result<Recorded, StoreError> {
    record_from(conn, actor, incident, "", now)
}

/// Records an incident, keeping the reference it had in a log it was imported from.
pub(crate) fn record_from(
    conn: &Connection,
    actor: &str,
    incident: &NewIncident,
    source_reference: &str,
    now: NaiveDateTime,
) -> Result<Recorded, StoreError> {
    incident.validate(now).map_err(StoreError::rule)?;
    let number = next_number(conn, incident.reported_at)?;
    let reference = record::reference(incident.reported_at, number);
    let id = audit::insert(
        conn,
        actor,
        "incidents",
        "INSERT INTO incidents (reference, reference_year, reference_number, occurred_at, reported_at, reported_by,
                                location, device, category, risk_area, description, urls, source_reference)
         VALUES (?1, ?11, ?12, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?13)",
        params![
            reference,
            Moment(incident.occurred_at),
            Moment(incident.reported_at),
            incident.reported_by.trim(),
            incident.location.code(),
            incident.device.code(),
            incident.category,
            incident.risk.code(),
            incident.description.trim(),
            incident.urls.iter().map(|url| url.trim()).collect::<Vec<_>>().join("\n"),
            incident.reported_at.year(),
            number,
            source_reference.trim(),
        ],
    )?;
    for involvement in &incident.people {
        add_person(conn, actor, id, *involvement)?;
    }
    for action in incident.actions.iter().filter(|a| a.suggested || a.chosen) {
        let sql = "INSERT INTO incident_actions (incident_id, action, suggested, chosen) VALUES (?1, ?2, ?3, ?4)";
        audit::insert(
            conn,
            actor,
            "incident_actions",
            sql,
            params![id, action.action, action.suggested, action.chosen],
        )?;
    }
    refresh_search(conn, id)?;
    Ok(Recorded { id, reference })
}

/// Puts a person on incident `id`, in their role and part.
pub(crate) fn add_person(
    conn: &Connection,
    actor: &str,
    id: i64,
    involvement: Involvement,
) -> Result<(), StoreError> {
    let known = conn
        .prepare_cached("SELECT 1 FROM people WHERE id = ?1")?
        .query_row([involvement.person], |_| Ok(()))
        .optional()?;
    known.ok_or_else(|| StoreError::rule(crate::domain::problem::Refusal::PersonNotListed))?;
    let sql =
        "INSERT INTO incident_people (incident_id, person_id, role, part) VALUES (?1, ?2, ?3, ?4)";
    audit::insert(
        conn,
        actor,
        "incident_people",
        sql,
        params![id, involvement.person, involvement.role, involvement.part],
    )
    .map(drop)
}

/// The next number in the reporting year, found through the (year, number) index: saving
/// stays fast however long the log grows.
fn next_number(conn: &Connection, reported_at: NaiveDateTime) -> Result<u32, StoreError> {
    let last: Option<i64> = conn
        .prepare_cached("SELECT max(reference_number) FROM incidents WHERE reference_year = ?1")?
        .query_row([reported_at.year()], |row| row.get(0))?;
    Ok(u32::try_from(last.unwrap_or(0) + 1).unwrap_or(u32::MAX))
}

/// Rewrites the incident's entry in the search index from the stored record.
pub(crate) fn refresh_search(conn: &Connection, id: i64) -> Result<(), StoreError> {
    conn.prepare_cached("DELETE FROM incident_search WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached(
        "INSERT INTO incident_search (rowid, reference, description, urls, people)
         SELECT i.id, trim(i.reference || ' ' || i.source_reference), i.description, i.urls,
                coalesce((SELECT group_concat(p.given_name || ' ' || p.family_name, ' ')
                          FROM incident_people ip JOIN people p ON p.id = ip.person_id WHERE ip.incident_id = i.id), '')
         FROM incidents i WHERE i.id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

/// The newest incidents first, a page at a time.
pub(crate) fn newest(
    conn: &Connection,
    limit: u32,
    offset: u32,
) -> Result<Vec<IncidentRow>, StoreError> {
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM incidents i ORDER BY i.reported_at DESC, i.id DESC LIMIT ?1 OFFSET ?2"
    );
    rows(conn, &sql, params![limit, offset])
}

/// Incidents matching `filter` whose reference, description, URLs or people's names contain
/// every word of `text` (as word beginnings), in the filter's order.
pub(crate) fn search(
    conn: &Connection,
    text: &str,
    filter: &IncidentFilter,
    limit: u32,
) -> Result<Vec<IncidentRow>, StoreError> {
    let (mut conditions, mut values) = filter_conditions(filter, "j");
    let order_inner = order_by(filter.order, "j");
    let order_outer = order_by(filter.order, "i");
    let sql = match match_query(text) {
        // Pick the page's ids first, so the names are gathered for 100 rows, not every match;
        // CROSS JOIN keeps the index's matches as the outer loop, so a filter on an indexed
        // column never makes SQLite run the full-text match once per row.
        Some(query) => {
            conditions.insert(0, "incident_search MATCH ?".into());
            values.insert(0, Value::Text(query));
            format!(
                "SELECT {ROW_COLUMNS} FROM incidents i
                 WHERE i.id IN (SELECT j.id FROM incident_search s CROSS JOIN incidents j ON j.id = s.rowid
                                WHERE {} ORDER BY {order_inner} LIMIT ?)
                 ORDER BY {order_outer}",
                conditions.join(" AND ")
            )
        }
        None if conditions.is_empty() => {
            format!("SELECT {ROW_COLUMNS} FROM incidents i ORDER BY {order_outer} LIMIT ?")
        }
        None => format!(
            "SELECT {ROW_COLUMNS} FROM incidents i
             WHERE i.id IN (SELECT j.id FROM incidents j WHERE {} ORDER BY {order_inner} LIMIT ?)
             ORDER BY {order_outer}",
            conditions.join(" AND ")
        ),
    };
    values.push(Value::Integer(i64::from(limit)));
    rows(conn, &sql, rusqlite::params_from_iter(values))
}

/// The filter as SQL conditions on the incidents table aliased `t`, with their values.
fn filter_conditions(filter: &IncidentFilter, t: &str) -> (Vec<String>, Vec<Value>) {
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    if let Some(status) = filter.status {
        conditions.push(format!("{t}.status = ?"));
        values.push(Value::Text(status.code().into()));
    }
    if let Some(category) = &filter.category {
        conditions.push(format!("{t}.category = ?"));
        values.push(Value::Text(category.clone()));
    }
    if let Some(from) = filter.from {
        conditions.push(format!("{t}.reported_at >= ?"));
        values.push(Value::Text(from.format("%Y-%m-%d").to_string()));
    }
    if let Some(to) = filter.to {
        // Stored times sort after their day, so compare with the next day.
        conditions.push(format!("{t}.reported_at < ?"));
        let next = to.succ_opt().unwrap_or(to);
        values.push(Value::Text(next.format("%Y-%m-%d").to_string()));
    }
    if let Some(involving) = filter.involving {
        let roles = match involving {
            Involving::Pupils => "'pupil'",
            Involving::Staff => "'staff', 'headteacher'",
        };
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM incident_people ip WHERE ip.incident_id = {t}.id AND ip.role IN ({roles}))"
        ));
    }
    (conditions, values)
}

fn order_by(order: ListOrder, t: &str) -> String {
    match order {
        ListOrder::NewestFirst => format!("{t}.reported_at DESC, {t}.id DESC"),
        ListOrder::OldestFirst => format!("{t}.reported_at, {t}.id"),
        ListOrder::ByStatus => format!(
            "CASE {t}.status WHEN 'open' THEN 0 WHEN 'investigating' THEN 1 ELSE 2 END, {t}.reported_at DESC, {t}.id DESC"
        ),
    }
}

/// Typed words as an FTS5 query: each word quoted (so no operator can be injected) and
/// matched as a prefix; `None` when there is no word.
fn match_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn rows(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<IncidentRow>, StoreError> {
    let mut rows = query::all(conn, sql, params, IncidentRow::from_row)?;
    with_people(conn, &mut rows)?;
    Ok(rows)
}

/// Every incident involving `person`, in the order they happened.
pub(crate) fn chronology(
    conn: &Connection,
    person: i64,
) -> Result<Vec<ChronologyEntry>, StoreError> {
    let sql = format!(
        "SELECT {ROW_COLUMNS}, i.occurred_at AS occurred_at, ip.role AS role, ip.part AS part
         FROM incident_people ip JOIN incidents i ON i.id = ip.incident_id
         WHERE ip.person_id = ?1 ORDER BY i.occurred_at, i.id"
    );
    let mut entries = query::all(conn, &sql, [person], |row| {
        let summary = IncidentRow::from_row(row)?;
        let fields = Fields::new(row, format!("incident {}", summary.reference));
        Ok(ChronologyEntry {
            occurred_at: fields.moment("occurred_at")?,
            role: fields.get("role")?,
            part: fields.get("part")?,
            actions: Vec::new(),
            row: summary,
        })
    })?;
    let sql =
        "SELECT action FROM incident_actions WHERE incident_id = ?1 AND chosen = 1 ORDER BY id";
    for entry in &mut entries {
        entry.actions = query::all(conn, sql, [entry.row.id], |row| row.get("action"))?;
    }
    let ids: Vec<i64> = entries.iter().map(|entry| entry.row.id).collect();
    let people = people_of(conn, &ids)?;
    for entry in &mut entries {
        entry.row.people = people.get(&entry.row.id).cloned().unwrap_or_default();
    }
    Ok(entries)
}

/// Counts of incidents not yet closed.
pub(crate) fn counts(conn: &Connection) -> Result<IncidentCounts, StoreError> {
    let mut counts = IncidentCounts::default();
    let mut statement = conn.prepare_cached(COUNTS)?;
    let mut rows = statement.query([])?;
    while let Some(row) = rows.next()? {
        let reference: String = row.get("reference")?;
        let fields = Fields::new(row, format!("incident {reference}"));
        let (key, status): (String, Status) = (fields.get("category")?, fields.get("status")?);
        match status {
            Status::UnderInvestigation => counts.investigating += 1,
            _ => counts.open += 1,
        }
        if category::category(&key).is_some_and(|c| c.level == Level::Illegal) {
            counts.illegal_not_closed += 1;
        }
        if fields.get::<bool>("police_step_missing")? {
            counts.police_step_not_recorded += 1;
        }
    }
    Ok(counts)
}

/// Every incident not closed, for the dashboard. "Not closed" is written as two ranges either
/// side of it, which the status index answers (`!=` would read every incident the school ever
/// recorded, most of them closed, at each unlock).
const COUNTS: &str = "SELECT reference, category, status,
        EXISTS (SELECT 1 FROM incident_sources s WHERE s.incident_id = incidents.id
                  AND s.police_step_recorded = 0)
        AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.incident_id = incidents.id AND r.agency = 'police')
        AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.incident_id = incidents.id AND d.not_to_refer = 'police')
        AS police_step_missing
 FROM incidents WHERE status < 'closed' OR status > 'closed'";

/// One incident in full.
pub(crate) fn detail(conn: &Connection, id: i64) -> Result<IncidentDetail, StoreError> {
    let sql = format!("SELECT {ROW_COLUMNS}, {DETAIL_COLUMNS} FROM incidents i WHERE i.id = ?1");
    let mut found = query::all(conn, &sql, [id], IncidentDetail::from_row)?;
    if let Some(detail) = found.first_mut() {
        with_people(conn, std::slice::from_mut(&mut detail.row))?;
    }
    let mut detail = found
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::no_such(crate::domain::problem::Record::Incident))?;
    let sql = "SELECT id, action, suggested, chosen, done_at, done_by, note FROM incident_actions WHERE incident_id = ?1 ORDER BY id";
    detail.actions = query::all(conn, sql, [id], ActionRow::from_row)?;
    Ok(detail)
}

/// Adds an action the co-ordinator chose that the policy's table did not suggest.
pub(crate) fn add_action(
    conn: &Connection,
    actor: &str,
    incident: i64,
    action: &str,
) -> Result<i64, StoreError> {
    if action.trim().is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::ActionMissing,
        ));
    }
    category_of(conn, incident)?;
    let sql = "INSERT INTO incident_actions (incident_id, action, suggested, chosen) VALUES (?1, ?2, 0, 1)";
    audit::insert(
        conn,
        actor,
        "incident_actions",
        sql,
        params![incident, action.trim()],
    )
}

/// Records that a chosen action was done at `at`, by the current actor, with a note.
pub(crate) fn action_done(
    conn: &Connection,
    actor: &str,
    action: i64,
    at: NaiveDateTime,
    note: &str,
) -> Result<(), StoreError> {
    let done: Option<Option<String>> = conn
        .query_row(
            "SELECT done_at FROM incident_actions WHERE id = ?1",
            [action],
            |row| row.get(0),
        )
        .optional()?;
    match done {
        None => Err(StoreError::no_such(crate::domain::problem::Record::Action)),
        Some(Some(_)) => Err(StoreError::rule(
            crate::domain::problem::Refusal::ActionAlreadyDone,
        )),
        Some(None) => {
            let sql =
                "UPDATE incident_actions SET done_at = ?2, done_by = ?3, note = ?4 WHERE id = ?1";
            audit::amend(
                conn,
                actor,
                "incident_actions",
                action,
                sql,
                params![action, Moment(at), actor, note.trim()],
            )
        }
    }
}

/// Records a referral to `agency`.
pub(crate) fn refer(
    conn: &Connection,
    actor: &str,
    incident: i64,
    agency: Referral,
    referred_at: NaiveDateTime,
    reference: &str,
) -> Result<(), StoreError> {
    let sql = "INSERT INTO referrals (incident_id, agency, referred_at, reference) VALUES (?1, ?2, ?3, ?4)";
    let values = params![
        incident,
        agency.code(),
        Moment(referred_at),
        reference.trim()
    ];
    audit::insert(conn, actor, "referrals", sql, values)?;
    let note = format!("Done by recording the referral to {}", agency.title());
    complete_actions(
        conn,
        actor,
        incident,
        &agency.completes(),
        referred_at,
        &note,
    )
}

/// Marks done, at `at` with `note`, the chosen actions of `incident` named in `titles` that
/// are not done yet: the record of the step itself (a referral, parents informed) carries
/// them out.
pub(crate) fn complete_actions(
    conn: &Connection,
    actor: &str,
    incident: i64,
    titles: &[&str],
    at: NaiveDateTime,
    note: &str,
) -> Result<(), StoreError> {
    if titles.is_empty() {
        return Ok(());
    }
    let open = query::all(
        conn,
        "SELECT id, action FROM incident_actions WHERE incident_id = ?1 AND chosen = 1 AND done_at IS NULL",
        [incident],
        |row| Ok((row.get::<_, i64>("id")?, row.get::<_, String>("action")?)),
    )?;
    for (id, action) in open {
        if titles.contains(&action.as_str()) {
            action_done(conn, actor, id, at, note)?;
        }
    }
    Ok(())
}

/// The referrals made for an incident, oldest first.
pub(crate) fn referrals(conn: &Connection, incident: i64) -> Result<Vec<ReferralRow>, StoreError> {
    query::all(
        conn,
        "SELECT id, agency, referred_at, reference, outcome FROM referrals WHERE incident_id = ?1 ORDER BY referred_at, id",
        [incident],
        ReferralRow::from_row,
    )
}

/// Records what came of a referral.
pub(crate) fn referral_outcome(
    conn: &Connection,
    actor: &str,
    referral: i64,
    outcome: &str,
) -> Result<(), StoreError> {
    if outcome.trim().is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::ReferralOutcomeMissing,
        ));
    }
    let sql = "UPDATE referrals SET outcome = ?2 WHERE id = ?1";
    audit::amend(
        conn,
        actor,
        "referrals",
        referral,
        sql,
        params![referral, outcome.trim()],
    )
    .map_err(|error| match error {
        StoreError::AuditMismatch(_) => {
            StoreError::no_such(crate::domain::problem::Record::Referral)
        }
        other => other,
    })
}

/// A decision as recorded: when, by whom, what and why, and the agency it decides not to
/// refer to, if any.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decision<'a> {
    pub(crate) at: NaiveDateTime,
    pub(crate) by: &'a str,
    pub(crate) decision: &'a str,
    pub(crate) reason: &'a str,
    pub(crate) not_to_refer: Option<Referral>,
}

/// Records a decision and why, made by `actor` at `decided_at`.
pub(crate) fn decide(
    conn: &Connection,
    actor: &str,
    incident: i64,
    decided_at: NaiveDateTime,
    decision: &str,
    reason: &str,
    not_to_refer: Option<Referral>,
) -> Result<(), StoreError> {
    let decision = Decision {
        at: decided_at,
        by: actor,
        decision,
        reason,
        not_to_refer,
    };
    record_decision(conn, actor, incident, &decision)
}

/// Records `decision`, credited to whom it names (an imported log's decisions are credited
/// to no one: the log does not say).
pub(crate) fn record_decision(
    conn: &Connection,
    actor: &str,
    incident: i64,
    decision: &Decision<'_>,
) -> Result<(), StoreError> {
    if decision.decision.trim().is_empty() || decision.reason.trim().is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::DecisionMissing,
        ));
    }
    let sql = "INSERT INTO decisions (incident_id, decided_at, decided_by, decision, reason, not_to_refer)
               VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    let agency = decision.not_to_refer.map_or("", Referral::code);
    let values = params![
        incident,
        Moment(decision.at),
        decision.by,
        decision.decision.trim(),
        decision.reason.trim(),
        agency
    ];
    audit::insert(conn, actor, "decisions", sql, values).map(drop)
}

/// The decisions recorded for an incident, oldest first.
pub(crate) fn decisions(conn: &Connection, incident: i64) -> Result<Vec<DecisionRow>, StoreError> {
    query::all(
        conn,
        "SELECT id, decided_at, decided_by, decision, reason FROM decisions WHERE incident_id = ?1 ORDER BY decided_at, id",
        [incident],
        DecisionRow::from_row,
    )
}

/// Moves an open incident to "under investigation" or back to "open"; closing goes through
/// [`close`], which needs the outcome and the conclusion.
pub(crate) fn set_status(
    conn: &Connection,
    actor: &str,
    incident: i64,
    status: Status,
) -> Result<(), StoreError> {
    if status == Status::Closed {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::CloseWithOutcome,
        ));
    }
    category_of(conn, incident)?;
    let sql = "UPDATE incidents SET status = ?2 WHERE id = ?1";
    audit::amend(
        conn,
        actor,
        "incidents",
        incident,
        sql,
        params![incident, status.code()],
    )
}

/// Closes an incident with its outcome and conclusion, as the policy allows.
pub(crate) fn close(
    conn: &Connection,
    actor: &str,
    incident: i64,
    outcome: Outcome,
    conclusion: &str,
) -> Result<(), StoreError> {
    record::check_conclusion(conclusion).map_err(StoreError::rule)?;
    write_closure(conn, actor, incident, outcome.code(), conclusion.trim())
}

/// Closes an imported incident as the old log had it: its outcome, or none when the log did
/// not record one, and its conclusion, or "Not recorded (imported)".
pub(crate) fn close_imported(
    conn: &Connection,
    actor: &str,
    incident: i64,
    outcome: Option<Outcome>,
    conclusion: &str,
) -> Result<(), StoreError> {
    let conclusion = match conclusion.trim() {
        "" => crate::domain::incident::import::NOT_RECORDED,
        written => written,
    };
    write_closure(
        conn,
        actor,
        incident,
        outcome.map_or("", Outcome::code),
        conclusion,
    )
}

/// Closes incident `incident` with the stored outcome code and conclusion, once the policy's
/// referral rules allow it.
fn write_closure(
    conn: &Connection,
    actor: &str,
    incident: i64,
    outcome: &str,
    conclusion: &str,
) -> Result<(), StoreError> {
    let category_key = category_of(conn, incident)?;
    check_closable(conn, incident, &category_key)?;
    let sql = "UPDATE incidents SET status = 'closed', outcome = ?2, conclusion = ?3 WHERE id = ?1";
    audit::amend(
        conn,
        actor,
        "incidents",
        incident,
        sql,
        params![incident, outcome, conclusion],
    )
}

/// The category key of incident `incident`.
pub(crate) fn category_of(conn: &Connection, incident: i64) -> Result<String, StoreError> {
    conn.query_row(
        "SELECT category FROM incidents WHERE id = ?1",
        [incident],
        |row| row.get(0),
    )
    .optional()?
    .ok_or_else(|| StoreError::no_such(crate::domain::problem::Record::Incident))
}

/// The policy's rule for closing: an illegal incident needs a police referral or a recorded
/// decision not to refer to the police, with its reason.
fn check_closable(conn: &Connection, incident: i64, category_key: &str) -> Result<(), StoreError> {
    let Some(category) = category::category(category_key) else {
        return Ok(());
    };
    let referred = referrals(conn, incident)?
        .iter()
        .any(|r| r.agency == Referral::Police);
    let reason: Option<String> = conn
        .query_row(
            "SELECT reason FROM decisions WHERE incident_id = ?1 AND not_to_refer = 'police' ORDER BY id DESC LIMIT 1",
            [incident],
            |row| row.get(0),
        )
        .optional()?;
    rules::check_close(category, referred, reason.as_deref()).map_err(StoreError::rule)
}

/// The people involved in an incident, in the order they were added.
pub(crate) fn people(conn: &Connection, incident: i64) -> Result<Vec<InvolvedPerson>, StoreError> {
    let sql = "SELECT ip.id AS id, p.id AS person, p.given_name || ' ' || p.family_name AS name,
                      ip.role AS role, ip.part AS part
               FROM incident_people ip JOIN people p ON p.id = ip.person_id
               WHERE ip.incident_id = ?1 ORDER BY ip.id";
    query::all(conn, sql, [incident], |row| {
        let fields = Fields::of(row, "incident_people")?;
        Ok(InvolvedPerson {
            id: fields.get("person")?,
            name: fields.get("name")?,
            role: fields.get("role")?,
            part: fields.get("part")?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::{COUNTS, match_query};

    #[test]
    fn the_dashboards_count_of_incidents_not_closed_reads_only_them_through_the_index() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::store::migrations::bring_up_to_date(&mut conn).unwrap();
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {COUNTS}"))
            .unwrap()
            .query_map([], |row| row.get(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let incidents: Vec<&String> = plan.iter().filter(|l| l.contains("incidents")).collect();
        assert!(
            !incidents.is_empty()
                && incidents
                    .iter()
                    .all(|l| l.contains("USING INDEX incidents_status")),
            "{plan:#?}"
        );
    }

    #[test]
    fn typed_words_become_quoted_prefix_terms_and_operators_are_inert() {
        assert_eq!(
            match_query("proxy  games"),
            Some("\"proxy\"* \"games\"*".into())
        );
        assert_eq!(
            match_query("NEAR(a b) OR \"x"),
            Some("\"NEAR\"* \"a\"* \"b\"* \"OR\"* \"x\"*".into())
        );
        assert_eq!(match_query(" -*- "), None);
    }
}
