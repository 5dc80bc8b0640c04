//! The report's published figures as data, for a multi-academy trust to load every school's
//! file into the tool it already runs: exactly what the PDF prints, already suppressed, one
//! figure a line, in a versioned schema (described in the README). No name, reference, date
//! of an incident or free text is in it.

use serde::Serialize;

use crate::report::counts::{Count, Labelled};
use crate::report::governor::GovernorReport;
use crate::report::registers::Compliance;
use crate::store::export::spreadsheet_safe as safe;

/// The schema's name, written in every file.
pub const SCHEMA: &str = "esafety-desk.report-figures";
/// The schema's version: raised whenever a field changes meaning or goes.
pub const VERSION: u32 = 1;

/// One published figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// The table it is in: `incidents`, `themes`, `categories`, `risk`, `involving`,
    /// `year-groups`, `status`, `outcomes`, `referrals`, `serious`, `actions`, `trend`,
    /// `training`, `aup`, `confiscations`.
    pub table: &'static str,
    /// The row, in the report's words.
    pub row: String,
    /// The column: `this period`, `period before`, `a year earlier`, `done`, `people`…
    pub column: &'static str,
    /// The number, or nothing when the report hides it.
    pub value: Option<usize>,
    /// The words the report prints: the number, "fewer than 3", "not shown" or "withheld".
    pub shown: String,
}

/// A whole file: what it is, which school and period, and the figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FiguresFile {
    /// [`SCHEMA`].
    pub schema: &'static str,
    /// [`VERSION`].
    pub version: u32,
    /// The school's name.
    pub school: String,
    /// `2025-26-autumn-2` or `2025-26`.
    pub period: String,
    /// "Autumn 2 2025-26".
    pub period_title: String,
    /// "3 November 2025 to 19 December 2025".
    pub period_days: String,
    /// The day the report was made.
    pub prepared_on: String,
    /// Counts from 1 to one below this are hidden (0: none are).
    pub small_numbers_below: u32,
    /// Every figure, in the report's order.
    pub figures: Vec<Figure>,
}

/// The figures `report` publishes.
pub fn of(report: &GovernorReport) -> FiguresFile {
    FiguresFile {
        schema: SCHEMA,
        version: VERSION,
        school: report.school.clone(),
        period: report.period_code.clone(),
        period_title: report.period_title.clone(),
        period_days: report.period_days.clone(),
        prepared_on: report.prepared_on.clone(),
        small_numbers_below: report.small_numbers_below,
        figures: figures(report),
    }
}

fn figure(table: &'static str, row: &str, column: &'static str, count: &Count) -> Figure {
    Figure {
        table,
        row: row.to_owned(),
        column,
        value: (!count.hidden).then_some(count.value),
        shown: count.shown.clone(),
    }
}

fn rows(found: &mut Vec<Figure>, table: &'static str, rows: &[Labelled]) {
    for row in rows {
        found.push(figure(table, &row.label, THIS, &row.count));
    }
}

const THIS: &str = "this period";

fn compliance(found: &mut Vec<Figure>, table: &'static str, rows: &[Compliance]) {
    for row in rows {
        found.push(figure(table, &row.label, "people", &row.people));
        found.push(figure(table, &row.label, "up to date", &row.complete));
        found.push(figure(
            table,
            &row.label,
            "not up to date",
            &row.outstanding,
        ));
        found.push(figure(
            table,
            &row.label,
            "percent up to date",
            &row.percent,
        ));
    }
}

fn figures(report: &GovernorReport) -> Vec<Figure> {
    let i = &report.incidents;
    let mut found = vec![
        figure("incidents", "Incidents reported", THIS, &i.total),
        figure(
            "incidents",
            "Incidents reported",
            "period before",
            &i.previous_total,
        ),
        figure(
            "incidents",
            "Incidents reported",
            "a year earlier",
            &i.year_earlier_total,
        ),
    ];
    for theme in &i.by_theme {
        found.push(figure("themes", &theme.label, THIS, &theme.this));
        found.push(figure(
            "themes",
            &theme.label,
            "period before",
            &theme.previous,
        ));
        found.push(figure(
            "themes",
            &theme.label,
            "a year earlier",
            &theme.year_earlier,
        ));
        for share in &theme.categories {
            let row = format!("{}: {}", theme.label, share.label);
            found.push(figure("categories", &row, THIS, &share.count));
        }
    }
    rows(&mut found, "risk", &i.by_risk);
    rows(&mut found, "involving", &i.by_involving);
    rows(&mut found, "year-groups", &i.by_year_group);
    rows(&mut found, "status", &i.by_status);
    rows(&mut found, "outcomes", &i.by_outcome);
    rows(&mut found, "referrals", &i.referrals);
    found.push(figure(
        "serious",
        "Police step still to be recorded",
        THIS,
        &i.serious.police_step_outstanding,
    ));
    for action in &i.actions {
        found.push(figure(
            "actions",
            &action.action,
            "chosen for",
            &action.chosen,
        ));
        found.push(figure("actions", &action.action, "done", &action.done));
    }
    rows(&mut found, "trend", &i.trend);
    compliance(&mut found, "training", &report.training);
    compliance(&mut found, "aup", &report.aup);
    let c = &report.confiscations;
    found.push(figure("confiscations", "Devices", "taken", &c.taken));
    found.push(figure("confiscations", "Devices", "returned", &c.returned));
    found.push(figure("confiscations", "Devices", "still held", &c.held));
    found
}

/// The file as JSON.
pub fn json(file: &FiguresFile) -> String {
    // Plain data of strings and numbers: serialising it cannot fail.
    serde_json::to_string_pretty(file).unwrap_or_default()
}

/// The file as CSV: one line a figure, with the school, period and schema on every line so
/// that many schools' files can be stacked into one table. Words a spreadsheet would run as
/// a formula are defused.
pub fn csv(file: &FiguresFile) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "schema", "version", "school", "period", "table", "row", "column", "value", "shown",
    ])?;
    let version = file.version.to_string();
    for f in &file.figures {
        let value = f.value.map(|v| v.to_string()).unwrap_or_default();
        out.write_record([
            file.schema,
            &version,
            &safe(&file.school),
            &file.period,
            f.table,
            &safe(&f.row),
            f.column,
            &value,
            &safe(&f.shown),
        ])?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
