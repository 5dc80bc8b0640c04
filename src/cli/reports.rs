//! `report`, `export report-figures` and `print-incident`: the governor report as PDF and as
//! figures, and one incident's record as PDF.

use crate::domain::clock::Clock;
use std::io::Write;
use std::path::Path;

use crate::cli::commands::say;
use crate::cli::progress::{Shown, Stages};
use crate::cli::{CliError, Outcome};
use crate::domain::terms::{HalfTerm, SchoolYear};
use crate::report::{self, Period, ReportError, Request};
use crate::store::Vault;
use crate::store::files::write_output;

/// The period the flags name; `None` for both means the half-term just ended.
pub(super) fn period(
    half_term: Option<&str>,
    year: Option<&str>,
) -> Result<Option<Period>, CliError> {
    match (half_term, year) {
        (Some(text), _) => HalfTerm::parse(text).map(|h| Some(Period::HalfTerm(h))).ok_or_else(|| {
            CliError::usage(format!(
                "“{text}” is not a half-term: write it like 2025-26-autumn-2 (autumn, spring or summer, then 1 or 2)"
            ))
        }),
        (None, Some(text)) => SchoolYear::parse(text).map(|y| Some(Period::Year(y))).ok_or_else(|| {
            CliError::usage(format!("“{text}” is not a school year: write it like 2025-26"))
        }),
        (None, None) => Ok(None),
    }
}

fn failed(error: ReportError) -> CliError {
    match error {
        ReportError::Store(error) => error.into(),
        other => CliError::other(other.to_string()),
    }
}

/// Where `report` writes: the report, and the confidential annex if asked for.
pub(super) struct Files<'a> {
    pub(super) report: &'a Path,
    pub(super) annex: Option<&'a Path>,
}

/// The report for `period`, or for the half-term just ended.
fn gathered(vault: &Vault, period: Option<Period>) -> Result<report::GovernorReport, CliError> {
    let today = Clock::System.today();
    let period = match period {
        Some(period) => period,
        None => Period::HalfTerm(vault.terms()?.just_ended(today)),
    };
    let request = Request {
        period,
        prepared_on: today,
    };
    report::governor::gather(vault, &request).map_err(failed)
}

/// How `export report-figures` writes, from the file's ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FiguresFormat {
    /// `.json`.
    Json,
    /// `.csv`.
    Csv,
}

impl FiguresFormat {
    /// The format `file`'s ending names.
    pub(super) fn of(file: &Path) -> Result<Self, CliError> {
        let ending = file
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase);
        match ending.as_deref() {
            Some("json") => Ok(FiguresFormat::Json),
            Some("csv") => Ok(FiguresFormat::Csv),
            _ => Err(CliError::usage(format!(
                "{} should end in .json or .csv: that is how the figures' format is chosen",
                file.display()
            ))),
        }
    }
}

/// Writes the figures the report for `period` publishes to `file`.
pub(super) fn figures(
    vault: &Vault,
    period: Option<Period>,
    format: FiguresFormat,
    file: &Path,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let report = gathered(vault, period)?;
    let figures = report::figures::of(&report);
    let text = match format {
        FiguresFormat::Json => report::figures::json(&figures),
        FiguresFormat::Csv => {
            report::figures::csv(&figures).map_err(|e| CliError::other(e.to_string()))?
        }
    };
    write_output(file, text.as_bytes())?;
    say(
        out,
        &format!(
            "Wrote the {} figures the governor report for {} publishes to {} (schema {} version {}).",
            figures.figures.len(),
            report.period_title,
            file.display(),
            report::figures::SCHEMA,
            report::figures::VERSION
        ),
    )?;
    Ok(Outcome::Done)
}

/// Writes the governor report for `period` (or the half-term just ended), and the annex if
/// asked for.
pub(super) fn governor(
    vault: &Vault,
    period: Option<Period>,
    files: Files<'_>,
    shown: Shown,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let file = files.report;
    if files.annex == Some(file) {
        return Err(CliError::usage(
            "--annex names the same file as --out: give the confidential annex a file of its own",
        ));
    }
    let mut stages = Stages::new(shown);
    let made = made(vault, period, files.annex.is_some(), &mut stages);
    stages.finish();
    let (report, pdf, annex_pdf) = made?;
    let annex = files.annex.zip(annex_pdf);
    write_output(file, &pdf)?;
    say(
        out,
        &format!(
            "Wrote the governor report for {} ({} incidents) to {}.",
            report.period_title,
            report.incidents.total.shown,
            file.display()
        ),
    )?;
    if let Some((path, bytes)) = annex {
        write_output(path, &bytes)?;
        say(
            out,
            &format!(
                "Wrote the confidential annex for the safeguarding governor to {}. It is for them alone: keep it out of the governing body's papers.",
                path.display()
            ),
        )?;
    }
    Ok(Outcome::Done)
}

/// A governor report made: its figures, its PDF and the annex's PDF if asked for.
type Made = (report::GovernorReport, Vec<u8>, Option<Vec<u8>>);

/// The report's figures, its PDF and, if `with_annex`, the annex's PDF, each stage shown.
fn made(
    vault: &Vault,
    period: Option<Period>,
    with_annex: bool,
    stages: &mut Stages,
) -> Result<Made, CliError> {
    stages.show("Counting the period's figures", None);
    let report = gathered(vault, period)?;
    stages.show("Drawing the report's charts and pages", None);
    let pdf = report::governor::pdf(&report).map_err(failed)?;
    let annex = if with_annex {
        stages.show("Drawing the confidential annex", None);
        Some(report::governor::annex_pdf(&report).map_err(failed)?)
    } else {
        None
    };
    Ok((report, pdf, annex))
}

/// Writes one incident's full record to `file`.
pub(super) fn incident(
    vault: &Vault,
    reference: &str,
    file: &Path,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let id = vault.incident_by_reference(reference)?.ok_or_else(|| {
        CliError::other(format!(
            "There is no incident {reference}; nothing was written"
        ))
    })?;
    let today = Clock::System.now();
    let record = report::incident_record::gather(vault, id, today).map_err(failed)?;
    let pdf = report::incident_record::pdf(&record).map_err(failed)?;
    write_output(file, &pdf)?;
    say(
        out,
        &format!(
            "Wrote the record of {} to {}. It names the people involved: keep it in the evidence file, not in email.",
            record.reference,
            file.display()
        ),
    )?;
    Ok(Outcome::Done)
}
