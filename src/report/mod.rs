//! The half-termly (or annual) online-safety report for governors, anonymised, and a single
//! incident's full record for the evidence file. Figures come from the store; plotters draws
//! the charts as SVG; `pdf` lays the pages out and krilla writes them.

pub mod charts;
pub mod counts;
pub mod disclosure;
pub mod figures;
pub mod governance;
pub mod governor;
mod governor_pages;
mod incident_pages;
pub mod incident_record;
pub mod incidents;
pub mod pdf;
pub mod period;
pub mod recovery_sheet;
mod redact;
pub mod registers;
pub mod summary;

use chrono::NaiveDate;
use thiserror::Error;

use crate::store::StoreError;

pub use counts::{Count, Labelled, Suppression};
pub use governor::{GovernorReport, Request};
pub use period::Period;

/// Why a report could not be made.
#[derive(Debug, Error)]
pub enum ReportError {
    /// The vault could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The PDF could not be made (a fault in the app, not in the data).
    #[error("The report could not be laid out: {0}")]
    Typeset(String),
}

/// A day as the report prints it: "3 November 2025".
pub fn shown_day(day: NaiveDate) -> String {
    day.format("%-d %B %Y").to_string()
}
