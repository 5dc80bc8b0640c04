//! Spreadsheets as the school keeps them (Excel `.xlsx`/`.xls`, LibreOffice `.ods`), read
//! with calamine into the CSV text the imports already read: one sheet, dates written as
//! `14/09/2023 09:30` (or the day alone when the cell has no time), whole numbers without
//! a decimal point.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use thiserror::Error;

/// What is wrong with a spreadsheet as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SpreadsheetProblem {
    /// Looks like a spreadsheet but cannot be opened.
    #[error(
        "The spreadsheet cannot be read ({0}); save it again from Excel or LibreOffice, or as CSV"
    )]
    NotReadable(String),
    /// The sheet asked for is not in it.
    #[error("The spreadsheet has no sheet \"{0}\" (its sheets are: {1})")]
    NoSuchSheet(String, String),
    /// No sheets at all.
    #[error("The spreadsheet has no sheets")]
    NoSheets,
}

/// Whether `bytes` are a spreadsheet rather than text: a zip (`.xlsx`, `.ods`) or an OLE
/// compound file (`.xls`).
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
}

/// The names of the spreadsheet's sheets, in order.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, SpreadsheetProblem> {
    let workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|error| SpreadsheetProblem::NotReadable(error.to_string()))?;
    Ok(workbook.sheet_names())
}

/// `bytes` as CSV text: unchanged when they are text already; otherwise the sheet named
/// `sheet` (the first sheet when `None`) written out as CSV.
pub fn as_csv<'a>(
    bytes: &'a [u8],
    sheet: Option<&str>,
) -> Result<Cow<'a, [u8]>, SpreadsheetProblem> {
    if !is_spreadsheet(bytes) {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|error| SpreadsheetProblem::NotReadable(error.to_string()))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|name| name.trim().eq_ignore_ascii_case(wanted.trim()))
            .cloned()
            .ok_or_else(|| SpreadsheetProblem::NoSuchSheet(wanted.to_owned(), names.join(", ")))?,
        None => names.first().cloned().ok_or(SpreadsheetProblem::NoSheets)?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|error| SpreadsheetProblem::NotReadable(error.to_string()))?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in range.rows() {
        writer
            .write_record(row.iter().map(cell_text))
            .map_err(|error| SpreadsheetProblem::NotReadable(error.to_string()))?;
    }
    writer
        .into_inner()
        .map(Cow::Owned)
        .map_err(|error| SpreadsheetProblem::NotReadable(error.to_string()))
}

/// One cell as the CSV import reads it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(true) => "TRUE".to_owned(),
        Data::Bool(false) => "FALSE".to_owned(),
        Data::DateTime(when) => match when.as_datetime() {
            Some(at) if at.time() == chrono::NaiveTime::MIN => at.format("%d/%m/%Y").to_string(),
            Some(at) => at.format("%d/%m/%Y %H:%M").to_string(),
            None => when.as_f64().to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_passed_through_and_a_broken_spreadsheet_named() {
        assert!(matches!(as_csv(b"Date,Type\n", None), Ok(Cow::Borrowed(_))));
        assert!(matches!(
            as_csv(b"PK\x03\x04 not really a zip", None),
            Err(SpreadsheetProblem::NotReadable(_))
        ));
    }
}
