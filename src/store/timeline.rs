//! An incident's timeline: everything recorded about it, in the order it happened, as typed
//! events (the screens and the printed record put them into words).

use chrono::NaiveDateTime;
use rusqlite::{Connection, Row};

use crate::domain::incident::Outcome;
use crate::domain::incident::import::NOT_RECORDED;
use crate::domain::incident::timeline::{Event, TimelineEntry};
use crate::store::stored::Fields;
use crate::store::{StoreError, query};

/// Each kind of record as `at, kind, one, two, three, by`, in the order a tie is shown.
const TIMELINE: &str = "
SELECT at, kind, one, two, three, by FROM (
    SELECT reported_at AS at, 'reported' AS kind, reported_by AS one, '' AS two, '' AS three, '' AS by, 0 AS tie
      FROM incidents WHERE id = ?1
    UNION ALL SELECT parents_informed_at, 'parents', parents_informed_by, '', '', '', 1
      FROM incidents WHERE id = ?1 AND parents_informed_at IS NOT NULL
    UNION ALL SELECT done_at, 'action', action, note, '', done_by, 2
      FROM incident_actions WHERE incident_id = ?1 AND done_at IS NOT NULL
    UNION ALL SELECT referred_at, 'referral', agency, reference, '', '', 3 FROM referrals WHERE incident_id = ?1
    UNION ALL SELECT decided_at, 'decision', decision, reason, '', decided_by, 4 FROM decisions WHERE incident_id = ?1
    UNION ALL SELECT started_at, 'investigation', first_senior, second_senior, designated_computer, '', 5
      FROM investigations WHERE incident_id = ?1
    UNION ALL SELECT visited_at, 'site', url, description, '', '', 6 FROM investigation_sites WHERE incident_id = ?1
    UNION ALL SELECT added_at, 'evidence', file_name, description, '', added_by, 7 FROM evidence WHERE incident_id = ?1
    UNION ALL SELECT amended_at, 'amendment', fields, reason, '', amended_by, 8
      FROM incident_amendments WHERE incident_id = ?1
    UNION ALL SELECT imported_at, 'imported', file_name, CAST(line AS TEXT), '', imported_by, 9
      FROM incident_sources WHERE incident_id = ?1
) ORDER BY at, tie";

/// The audit entry that first recorded the incident closed: when (UTC), by whom, the outcome
/// and conclusion it was closed with, and where in the chain.
const CLOSURE: &str = "
SELECT seq, at, actor, json_extract(content, '$.outcome') AS outcome,
       json_extract(content, '$.conclusion') AS conclusion
FROM audit_log
WHERE entity = 'incidents' AND record_id = ?1 AND action = 'amend'
  AND json_extract(content, '$.status') = 'closed'
ORDER BY seq LIMIT 1";

/// Where in the chain the incident's import was recorded; an import records the old log's
/// closure just before it.
const IMPORTED: &str = "
SELECT MIN(a.seq) FROM incident_sources s
JOIN audit_log a ON a.entity = 'incident_sources' AND a.record_id = s.id AND a.action = 'create'
WHERE s.incident_id = ?1";

/// Everything recorded about incident `id`, oldest first; its closure, kept only by the audit
/// chain, at the local time the chain gives, or, for an old log's closure, undated and
/// credited to no one, just before the import.
pub(crate) fn timeline(conn: &Connection, id: i64) -> Result<Vec<TimelineEntry>, StoreError> {
    let mut entries = query::all(conn, TIMELINE, [id], |row| entry(row, id))?;
    let imported: Option<i64> = conn.query_row(IMPORTED, [id], |row| row.get(0))?;
    for closure in query::all(conn, CLOSURE, [id], |row| closure(row, id))? {
        let from_log = imported.is_some_and(|seq| closure.seq < seq);
        let event = Event::Closed {
            outcome: closure.outcome,
            conclusion: closure.conclusion,
        };
        let entry = match from_log {
            true => TimelineEntry {
                at: entries.last().map_or(closure.at, |last| last.at),
                event,
                by: NOT_RECORDED.to_owned(),
                date_known: false,
            },
            false => TimelineEntry {
                at: closure.at,
                event,
                by: closure.by,
                date_known: true,
            },
        };
        let place = match from_log {
            true => entries
                .iter()
                .position(|e| matches!(e.event, Event::Imported { .. }))
                .unwrap_or(entries.len()),
            false => entries.partition_point(|e| e.at <= entry.at),
        };
        entries.insert(place, entry);
    }
    Ok(entries)
}

/// The audit chain's record of a closure.
struct Closure {
    seq: i64,
    at: NaiveDateTime,
    by: String,
    outcome: Option<Outcome>,
    conclusion: String,
}

fn closure(row: &Row<'_>, id: i64) -> rusqlite::Result<Closure> {
    let fields = Fields::new(row, format!("incidents record {id}'s closure"));
    let at: String = fields.get("at")?;
    let at = chrono::DateTime::parse_from_rfc3339(&at)
        .map_err(|_| fields.unreadable("at", &at))?
        .with_timezone(&chrono::Local)
        .naive_local();
    Ok(Closure {
        seq: fields.get("seq")?,
        at,
        by: fields.get("actor")?,
        outcome: fields.maybe("outcome")?,
        conclusion: fields
            .get::<Option<String>>("conclusion")?
            .unwrap_or_default(),
    })
}

fn entry(row: &Row<'_>, id: i64) -> rusqlite::Result<TimelineEntry> {
    let fields = Fields::new(row, format!("incidents record {id}'s timeline"));
    let kind: String = fields.get("kind")?;
    let by: String = fields.get("by")?;
    let (one, two): (String, String) = (fields.get("one")?, fields.get("two")?);
    let event = match kind.as_str() {
        "reported" => Event::Reported { by: one },
        "parents" => Event::ParentsInformed { by: one },
        "action" => Event::ActionDone {
            action: one,
            note: two,
        },
        "referral" => Event::Referred {
            agency: fields.get("one")?,
            reference: two,
        },
        "decision" => Event::Decided {
            decision: one,
            reason: two,
        },
        "investigation" => Event::InvestigationStarted {
            seniors: [one, two],
            computer: fields.get("three")?,
        },
        "site" => Event::SiteVisited {
            url: one,
            description: two,
        },
        "evidence" => Event::EvidenceAdded {
            file_name: one,
            description: two,
        },
        "imported" => Event::Imported {
            file_name: one,
            line: two.parse().unwrap_or_default(),
        },
        _ => Event::Amended {
            fields: one,
            reason: two,
        },
    };
    let date_known = !matches!(event, Event::Decided { .. }) || by != NOT_RECORDED;
    Ok(TimelineEntry {
        at: fields.moment("at")?,
        event,
        by,
        date_known,
    })
}
