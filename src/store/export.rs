//! Exports to CSV for the spreadsheets schools already use. The file is not encrypted, so the
//! callers say so; cells that a spreadsheet would run as formulas are defused.

use std::io::Write;

use rusqlite::Connection;

use crate::domain::incident::category;
use crate::domain::person::{PersonKind, year_group_name};
use crate::store::StoreError;
use crate::store::stored::Fields;

/// The columns of the incident export, in order: the import's own list.
pub use crate::domain::incident::import::COLUMNS as INCIDENT_COLUMNS;

/// Every stored column of the export, named as its CSV column (the category's words and level
/// are worked out from its key).
const INCIDENT_EXPORT: &str = "
SELECT i.reference AS reference, i.occurred_at AS occurred_at, i.reported_at AS reported_at,
       i.reported_by AS reported_by, i.location AS location, i.device AS device,
       i.category AS category, i.risk_area AS risk_area, i.description AS description,
       replace(i.urls, char(10), ' ') AS urls, i.status AS status, i.outcome AS outcome,
       i.conclusion AS conclusion,
       coalesce((SELECT group_concat(p.given_name || ' ' || p.family_name || ' (' || ip.role || ')', '; ')
                 FROM incident_people ip JOIN people p ON p.id = ip.person_id WHERE ip.incident_id = i.id), '') AS people,
       coalesce((SELECT group_concat(a.action, '; ') FROM incident_actions a WHERE a.incident_id = i.id AND a.chosen = 1), '') AS actions_chosen,
       coalesce((SELECT r.referred_at FROM referrals r WHERE r.incident_id = i.id AND r.agency = 'police' ORDER BY r.id LIMIT 1), '') AS police_referred_at,
       coalesce((SELECT r.reference FROM referrals r WHERE r.incident_id = i.id AND r.agency = 'police' ORDER BY r.id LIMIT 1), '') AS police_reference,
       coalesce((SELECT d.reason FROM decisions d WHERE d.incident_id = i.id AND d.not_to_refer = 'police' ORDER BY d.id DESC LIMIT 1), '') AS reason_not_referred_to_police,
       coalesce(i.parents_informed_at, '') AS parents_informed_at, i.parents_informed_by AS parents_informed_by
FROM incidents i ORDER BY i.reported_at, i.id";

/// Writes every incident, oldest first, as CSV with a header row; returns how many.
pub(crate) fn incidents(conn: &Connection, out: impl Write) -> Result<usize, StoreError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(INCIDENT_COLUMNS).map_err(csv_error)?;
    let mut statement = conn.prepare(INCIDENT_EXPORT)?;
    let mut rows = statement.query([])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let key: String = row.get("category")?;
        let category = category::category(&key);
        let mut record = Vec::with_capacity(INCIDENT_COLUMNS.len());
        for column in INCIDENT_COLUMNS {
            record.push(match column {
                "category_title" => category.map_or(String::new(), |c| c.title.to_owned()),
                "level" => category.map_or("", |c| c.level.code()).to_owned(),
                stored => row.get::<_, String>(stored)?,
            });
        }
        writer
            .write_record(record.iter().map(|cell| spreadsheet_safe(cell)))
            .map_err(csv_error)?;
        count += 1;
    }
    writer.flush().map_err(|e| StoreError::write("CSV")(e))?;
    Ok(count)
}

/// The columns of the people export, named so that `import people` reads them back.
pub const PEOPLE_COLUMNS: [&str; 11] = [
    "kind",
    "given_name",
    "family_name",
    "year_group",
    "date_of_birth",
    "role",
    "staff_groups",
    "external_id",
    "upn",
    "start_date",
    "leaving_date",
];

const PEOPLE_EXPORT: &str = "
SELECT kind, given_name, family_name, year_group, coalesce(date_of_birth, '') AS date_of_birth, role,
       is_headteacher, is_dsl, is_deputy_dsl, in_esafety_group, is_technical, is_teaching,
       external_id, upn, coalesce(start_date, '') AS start_date, coalesce(leaving_date, '') AS leaving_date
FROM people WHERE ?1 = '' OR kind = ?1 ORDER BY kind, family_name, given_name, id";

/// Writes everyone of `kind` (everyone, with `None`) as CSV with a header row; returns how
/// many.
pub(crate) fn people(
    conn: &Connection,
    kind: Option<PersonKind>,
    out: impl Write,
) -> Result<usize, StoreError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(PEOPLE_COLUMNS).map_err(csv_error)?;
    let mut statement = conn.prepare(PEOPLE_EXPORT)?;
    let mut rows = statement.query([kind.map_or("", PersonKind::code)])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let fields = Fields::new(row, "a person");
        let kind: PersonKind = fields.get("kind")?;
        let year: Option<u8> = fields.get("year_group")?;
        let groups = staff_groups(&fields)?;
        let record = [
            kind.title().to_owned(),
            fields.get("given_name")?,
            fields.get("family_name")?,
            year.map(year_group_name).unwrap_or_default(),
            fields.get("date_of_birth")?,
            fields.get("role")?,
            groups.join("; "),
            fields.get("external_id")?,
            fields.get("upn")?,
            fields.get("start_date")?,
            fields.get("leaving_date")?,
        ];
        writer
            .write_record(record.iter().map(|cell| spreadsheet_safe(cell)))
            .map_err(csv_error)?;
        count += 1;
    }
    writer.flush().map_err(|e| StoreError::write("CSV")(e))?;
    Ok(count)
}

/// The staff groups a person's flags put them in, in words.
fn staff_groups(fields: &Fields<'_, '_>) -> rusqlite::Result<Vec<&'static str>> {
    let groups = [
        ("is_headteacher", "Headteacher"),
        ("is_teaching", "Teaching staff"),
        ("is_technical", "Technical staff"),
        ("is_dsl", "DSL"),
        ("is_deputy_dsl", "Deputy DSL"),
        ("in_esafety_group", "E-Safety Group"),
    ];
    let mut named = Vec::new();
    for (column, words) in groups {
        if fields.get::<bool>(column)? {
            named.push(words);
        }
    }
    Ok(named)
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
    StoreError::write("CSV")(error)
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
