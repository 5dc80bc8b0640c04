//! Exports to CSV for the spreadsheets schools already use. The file is not encrypted, so the
//! callers say so; cells that a spreadsheet would run as formulas are defused.

use std::io::Write;

use rusqlite::Connection;

use crate::domain::incident::category::{self, Level};
use crate::store::StoreError;

/// The columns of the incident export, in order (documented in the README).
pub const INCIDENT_COLUMNS: [&str; 22] = [
    "reference",
    "occurred_at",
    "reported_at",
    "reported_by",
    "location",
    "device",
    "category",
    "category_title",
    "level",
    "risk_area",
    "description",
    "urls",
    "status",
    "outcome",
    "conclusion",
    "people",
    "actions_chosen",
    "police_referred_at",
    "police_reference",
    "reason_not_referred_to_police",
    "parents_informed_at",
    "parents_informed_by",
];

/// Writes every incident, oldest first, as CSV with a header row; returns how many.
pub(crate) fn incidents(conn: &Connection, out: impl Write) -> Result<usize, StoreError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(INCIDENT_COLUMNS).map_err(csv_error)?;
    let mut statement = conn.prepare(
        "SELECT i.reference, i.occurred_at, i.reported_at, i.reported_by, i.location, i.device, i.category,
                i.risk_area, i.description, replace(i.urls, char(10), ' '), i.status, i.outcome, i.conclusion,
                coalesce((SELECT group_concat(p.given_name || ' ' || p.family_name || ' (' || ip.role || ')', '; ')
                          FROM incident_people ip JOIN people p ON p.id = ip.person_id WHERE ip.incident_id = i.id), ''),
                coalesce((SELECT group_concat(a.action, '; ') FROM incident_actions a WHERE a.incident_id = i.id AND a.chosen = 1), ''),
                coalesce((SELECT r.referred_at FROM referrals r WHERE r.incident_id = i.id AND r.agency = 'police' ORDER BY r.id LIMIT 1), ''),
                coalesce((SELECT r.reference FROM referrals r WHERE r.incident_id = i.id AND r.agency = 'police' ORDER BY r.id LIMIT 1), ''),
                coalesce((SELECT d.reason FROM decisions d WHERE d.incident_id = i.id AND d.not_to_refer = 'police' ORDER BY d.id DESC LIMIT 1), ''),
                coalesce(i.parents_informed_at, ''), i.parents_informed_by
         FROM incidents i ORDER BY i.reported_at, i.id",
    )?;
    let mut rows = statement.query([])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let text = |index: usize| row.get::<_, String>(index);
        let key = text(6)?;
        let category = category::category(&key);
        let level = match category.map(|c| c.level) {
            Some(Level::Illegal) => "illegal",
            Some(Level::Unacceptable) => "unacceptable",
            Some(Level::Inappropriate) => "inappropriate",
            None => "",
        };
        let record = [
            text(0)?,
            text(1)?,
            text(2)?,
            text(3)?,
            text(4)?,
            text(5)?,
            key.clone(),
            category.map_or(String::new(), |c| c.title.to_owned()),
            level.to_owned(),
            text(7)?,
            text(8)?,
            text(9)?,
            text(10)?,
            text(11)?,
            text(12)?,
            text(13)?,
            text(14)?,
            text(15)?,
            text(16)?,
            text(17)?,
            text(18)?,
            text(19)?,
        ];
        writer
            .write_record(record.iter().map(|cell| spreadsheet_safe(cell)))
            .map_err(csv_error)?;
        count += 1;
    }
    writer
        .flush()
        .map_err(|e| StoreError::Invalid(format!("The CSV could not be written: {e}")))?;
    Ok(count)
}

/// A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, carriage return)
/// gets a leading apostrophe, so opening the export never runs anything.
pub(crate) fn spreadsheet_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

fn csv_error(error: csv::Error) -> StoreError {
    StoreError::Invalid(format!("The CSV could not be written: {error}"))
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_are_defused_and_plain_text_kept() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("-1+2"), "'-1+2");
        assert_eq!(spreadsheet_safe("Used a proxy"), "Used a proxy");
        assert_eq!(spreadsheet_safe(""), "");
    }
}
