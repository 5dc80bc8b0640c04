//! An incident's timeline: everything recorded about it, in the order it happened.

use rusqlite::Connection;

use crate::domain::incident::rules::Referral;
use crate::store::{StoreError, query};

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// When (stored form, `YYYY-MM-DDTHH:MM`).
    pub at: String,
    /// What happened, in words.
    pub what: String,
    /// Who recorded it, where known.
    pub by: String,
}

const TIMELINE: &str = "
SELECT at, kind, what, detail, by FROM (
    SELECT reported_at AS at, 'reported' AS kind, reported_by AS what, '' AS detail, '' AS by, 0 AS tie
      FROM incidents WHERE id = ?1
    UNION ALL SELECT parents_informed_at, 'parents', parents_informed_by, '', '', 1
      FROM incidents WHERE id = ?1 AND parents_informed_at IS NOT NULL
    UNION ALL SELECT done_at, 'action', action, note, done_by, 2
      FROM incident_actions WHERE incident_id = ?1 AND done_at IS NOT NULL
    UNION ALL SELECT referred_at, 'referral', agency, reference, '', 3 FROM referrals WHERE incident_id = ?1
    UNION ALL SELECT decided_at, 'decision', decision, reason, decided_by, 4 FROM decisions WHERE incident_id = ?1
    UNION ALL SELECT started_at, 'investigation', first_senior || ' and ' || second_senior, designated_computer, '', 5
      FROM investigations WHERE incident_id = ?1
    UNION ALL SELECT visited_at, 'site', url, description, '', 6 FROM investigation_sites WHERE incident_id = ?1
    UNION ALL SELECT added_at, 'evidence', file_name, description, added_by, 7 FROM evidence WHERE incident_id = ?1
    UNION ALL SELECT amended_at, 'amendment', fields, reason, amended_by, 8
      FROM incident_amendments WHERE incident_id = ?1
) ORDER BY at, tie";

/// Everything recorded about incident `id`, oldest first.
pub(crate) fn timeline(conn: &Connection, id: i64) -> Result<Vec<TimelineEntry>, StoreError> {
    query::all(conn, TIMELINE, [id], |row| {
        let (kind, what, detail): (String, String, String) =
            (row.get(1)?, row.get(2)?, row.get(3)?);
        Ok(TimelineEntry {
            at: row.get(0)?,
            what: describe(&kind, &what, &detail),
            by: row.get(4)?,
        })
    })
}

fn describe(kind: &str, what: &str, detail: &str) -> String {
    let with = |text: String| {
        if detail.is_empty() {
            text
        } else {
            format!("{text} — {detail}")
        }
    };
    match kind {
        "reported" => format!("Reported by {what}"),
        "parents" => format!("Parents or carers informed by {what}"),
        "action" => with(format!("Done: {what}")),
        "referral" => {
            let agency = Referral::from_code(what).map_or(what, |agency| agency.title());
            if detail.is_empty() {
                format!("Referred to {agency}")
            } else {
                format!("Referred to {agency}, their reference {detail}")
            }
        }
        "decision" => format!("Decided: {what}. Reason: {detail}"),
        "investigation" => format!("Investigation started by {what}, on {detail}"),
        "site" => format!("Site visited: {what} — {detail}"),
        "evidence" => with(format!("Evidence added: {what}")),
        _ => format!("Record amended ({what}). Reason: {detail}"),
    }
}
