//! The governor report: figures gathered from the vault for a period, its charts, and the PDF.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::terms::{HalfTerm, TermCalendar};
use crate::report::counts::{Count, Labelled, Suppression};
use crate::report::governance::{self, ChangeLine, CheckLine, Confiscations, ScheduleStanding};
use crate::report::governor_pages;
use crate::report::incidents::{self, Annex, IncidentFigures, Inputs, TrendPlace};
use crate::report::pdf::{self, About};
use crate::report::period::Period;
use crate::report::redact::Redactor;
use crate::report::registers::{self, Compliance};
use crate::report::{ReportError, charts, shown_day, summary};
use crate::store::Vault;

/// What to make a report for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The period.
    pub period: Period,
    /// The day it is made: training, signatures and the schedule are as at this day.
    pub prepared_on: NaiveDate,
}

/// A chart: the name of its file in the PDF, its title, and its SVG.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chart {
    /// `theme`, `risk`, `trend`, `years`, `training`, `aup`.
    pub name: &'static str,
    /// What it shows.
    pub title: String,
    /// What it shows in words for a screen reader, with the figures no table beside it gives.
    #[serde(skip)]
    pub alt: String,
    /// The SVG, as the PDF embeds it and the app previews it.
    #[serde(skip)]
    pub svg: String,
    /// Why it draws no bars, when it draws none ("Every count here is hidden…"): the PDF and
    /// the app print this line in place of the picture.
    pub note: Option<&'static str>,
}

/// Everything the report says, already anonymised and with small numbers hidden.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GovernorReport {
    /// The school's name.
    pub school: String,
    /// "Autumn 2 2025-26".
    pub period_title: String,
    /// `2025-26-autumn-2`.
    pub period_code: String,
    /// Whether it covers a whole year.
    pub annual: bool,
    /// "3 November 2025 to 4 January 2026".
    pub period_days: String,
    /// The co-ordinator who prepared it.
    pub prepared_by: String,
    /// "24 November 2026".
    pub prepared_on: String,
    /// The small-number rule: counts from 1 to one below this are hidden (0: none are).
    pub small_numbers_below: u32,
    /// The small-number rule in words, or empty when it is off.
    pub suppression_note: String,
    /// "4 January 2026": the day the training and signature figures are as at (the period's
    /// last day, or the day it is made for a period not yet over).
    pub registers_as_at: String,
    /// Whether the period's dates are the usual ones standing in for term dates the school
    /// has not entered: the cover says so.
    pub term_dates_unconfirmed: bool,
    /// The opening paragraph.
    pub summary: String,
    /// The incident section.
    pub incidents: IncidentFigures,
    /// The confidential annex's incident lines: printed only in the separate annex, never in
    /// the report itself.
    pub annex: Annex,
    /// Training by staff group.
    pub training: Vec<Compliance>,
    /// Signatures by register.
    pub aup: Vec<Compliance>,
    /// The review schedule.
    pub schedule: ScheduleStanding,
    /// Filtering changes asked for in the period.
    pub filtering_changes: Vec<ChangeLine>,
    /// Filtering checks made in the period.
    pub filtering_checks: Vec<CheckLine>,
    /// Devices confiscated in the period.
    pub confiscations: Confiscations,
    /// The charts, in the order the report shows them.
    pub charts: Vec<Chart>,
}

/// "Aut 2 2025-26": short enough for six under a chart.
pub fn short_name(half_term: HalfTerm) -> String {
    let title = half_term.name.title();
    let (season, number) = title.split_once(' ').unwrap_or((title, ""));
    format!(
        "{} {number} {}",
        season.get(..3).unwrap_or(season),
        half_term.year
    )
}

/// The incident section for `period`: this period's incidents (governors' summaries cleaned
/// by `redactor`), the two comparisons and the trend.
fn incident_section(
    vault: &Vault,
    period: Period,
    calendar: &TermCalendar,
    rule: Suppression,
    redactor: &Redactor,
) -> Result<(IncidentFigures, Annex), ReportError> {
    let days = period.days(calendar);
    let mut reported = vault.reported_incidents(days.0, days.1)?;
    for incident in &mut reported {
        incident.governor_summary = redactor.clean(&incident.governor_summary);
    }
    let counts_for = |p: Period| {
        let (from, to) = p.days(calendar);
        vault.incident_categories(from, to)
    };
    let previous = counts_for(period.previous())?;
    let year_earlier = counts_for(period.a_year_earlier())?;
    let mut trend = Vec::new();
    for half_term in period.trend() {
        let n: usize = counts_for(Period::HalfTerm(half_term))?.values().sum();
        trend.push((short_name(half_term), n));
    }
    let trend_within = period
        .trend()
        .into_iter()
        .map(|half_term| {
            if period.holds(half_term) {
                TrendPlace::This
            } else if period.previous().holds(half_term) {
                TrendPlace::Previous
            } else {
                TrendPlace::Neither
            }
        })
        .collect();
    let themes = vault.report_themes(None)?;
    let inputs = Inputs {
        incidents: &reported,
        previous: (period.previous().title(), &previous),
        year_earlier: (period.a_year_earlier().title(), &year_earlier),
        trend,
        trend_within,
        themes: &themes,
    };
    Ok((
        incidents::figures(&inputs, rule),
        incidents::annex(&reported, rule, &themes),
    ))
}

/// The theme and trend charts of `period` alone, for the dashboard: the report's own code,
/// without the registers, schedule and logs the dashboard does not show. The counts are real:
/// it is the co-ordinator's own data, and the small-number rule is for what leaves the room.
pub fn dashboard_charts(vault: &Vault, period: Period) -> Result<Vec<Chart>, ReportError> {
    let rule = Suppression::OFF;
    let calendar = vault.terms()?;
    let (figures, _) = incident_section(vault, period, &calendar, rule, &Redactor::default())?;
    Ok(vec![
        theme_chart(&figures, rule),
        trend_chart(&figures, rule),
    ])
}

/// Reads the vault and works out the report for `request`.
pub fn gather(vault: &Vault, request: &Request) -> Result<GovernorReport, ReportError> {
    let settings = vault.settings()?;
    let rule = Suppression {
        below: settings.small_numbers_below,
    };
    let calendar = vault.terms()?;
    let period = request.period;
    let days = period.days(&calendar);
    let people = vault.people()?;
    let redactor = Redactor::new(people.iter().map(|p| p.name.as_str()));
    let (incident_figures, annex) = incident_section(vault, period, &calendar, rule, &redactor)?;
    let today = request.prepared_on;
    // Training and signatures as at the period's last day (or today, for one not yet over).
    let as_at = today.min(days.1);
    let training = registers::training(&vault.training_statuses(as_at)?, rule);
    let aup = registers::aup(&vault.aup_statuses(as_at)?, rule);
    let mut items = Vec::new();
    for item in vault.review_items()? {
        let done = vault.review_completions(item.id)?;
        items.push((item, done));
    }
    let mut changes = governance::changes(&vault.filtering_changes()?, days);
    for line in &mut changes {
        line.change = redactor.clean(&line.change);
    }
    let mut checks = governance::checks(&vault.filtering_checks()?, days);
    for line in &mut checks {
        for text in [&mut line.what, &mut line.result, &mut line.follow_up] {
            *text = redactor.clean(text);
        }
    }
    let mut report = GovernorReport {
        school: settings.school_name.clone(),
        period_title: period.title(),
        period_code: period.code(),
        annual: matches!(period, Period::Year(_)),
        period_days: format!("{} to {}", shown_day(days.0), shown_day(days.1)),
        prepared_by: settings.coordinator.clone(),
        prepared_on: shown_day(today),
        registers_as_at: shown_day(as_at),
        term_dates_unconfirmed: !calendar.has_year(period.school_year()),
        small_numbers_below: rule.below,
        suppression_note: if rule.below > 1 {
            format!(
                "To protect children's identities, counts from 1 to {} are shown as “{}”, in tables and charts alike.",
                rule.below - 1,
                rule.phrase()
            )
        } else {
            String::new()
        },
        summary: summary::paragraph(&period.title(), &incident_figures, &training, &aup),
        incidents: incident_figures,
        annex,
        training,
        aup,
        schedule: governance::schedule(&items, days, today),
        filtering_changes: changes,
        filtering_checks: checks,
        confiscations: governance::confiscations(&vault.confiscations()?, days, rule),
        charts: Vec::new(),
    };
    report.charts = draw_charts(&report, rule);
    Ok(report)
}

fn chart(name: &'static str, title: &str, svg: String) -> Chart {
    Chart {
        name,
        title: title.to_owned(),
        alt: title.to_owned(),
        svg,
        note: None,
    }
}

/// A chart of `counts`, whose alternative text says why it has no bars when it has none.
fn chart_of<'a>(
    name: &'static str,
    title: &str,
    svg: String,
    counts: impl Iterator<Item = &'a Count>,
) -> Chart {
    Chart {
        note: charts::no_bars(counts),
        ..chart(name, title, svg)
    }
}

/// Incidents by theme this period, every theme in its own order.
fn theme_chart(figures: &IncidentFigures, rule: Suppression) -> Chart {
    let themes: Vec<(String, Count)> = figures
        .by_theme
        .iter()
        .map(|row| (row.label.clone(), row.this.clone()))
        .collect();
    let any = themes.iter().any(|(_, c)| c.value > 0);
    let note = if any {
        charts::no_bars(themes.iter().map(|(_, c)| c))
    } else {
        charts::no_bars(std::iter::empty())
    };
    let title = "Incidents by theme";
    let rows: Vec<Labelled> = themes
        .iter()
        .map(|(label, count)| Labelled {
            label: label.clone(),
            count: count.clone(),
        })
        .collect();
    Chart {
        note,
        alt: described(title, &rows),
        ..chart("theme", title, charts::by_theme(&themes, rule))
    }
}

/// "Title: label figure, label figure", as the tables would print them.
fn described(title: &str, rows: &[Labelled]) -> String {
    let figures: Vec<String> = rows
        .iter()
        .map(|r| format!("{} {}", r.label, r.count.shown))
        .collect();
    format!("{title}: {}.", figures.join(", "))
}

fn trend_chart(figures: &IncidentFigures, rule: Suppression) -> Chart {
    let svg = charts::trend(&figures.trend, rule);
    let title = "Incidents over the last six half-terms";
    Chart {
        alt: described(title, &figures.trend),
        ..chart("trend", title, svg)
    }
}

fn draw_charts(report: &GovernorReport, rule: Suppression) -> Vec<Chart> {
    let figures = &report.incidents;
    vec![
        theme_chart(figures, rule),
        Chart {
            alt: described("Incidents by area of risk (the four Cs)", &figures.by_risk),
            ..chart(
                "risk",
                "Incidents by area of risk (the four Cs)",
                charts::by_risk(&figures.by_risk, rule),
            )
        },
        trend_chart(figures, rule),
        chart_of(
            "years",
            "Incidents by year group of the pupils involved",
            charts::by_year_group(&figures.by_year_group, rule),
            figures.by_year_group.iter().map(|r| &r.count),
        ),
        chart(
            "training",
            "Staff and governors up to date with training",
            charts::percentages(&report.training),
        ),
        chart(
            "aup",
            "Acceptable use agreements signed, by register",
            charts::percentages(&report.aup),
        ),
    ]
}

/// The confidential annex for the safeguarding governor, as a separate PDF marked
/// confidential on every page.
pub fn annex_pdf(report: &GovernorReport) -> Result<Vec<u8>, ReportError> {
    pdf::pdf(
        &governor_pages::annex_document(report),
        About {
            title: format!(
                "Confidential annex for the safeguarding governor: {}",
                report.period_title
            ),
            author: report.prepared_by.clone(),
            ident: format!("esafety-desk/governor-annex/{}", report.period_code),
        },
    )
}

/// Lays the report out as a PDF. The same report gives the same bytes.
pub fn pdf(report: &GovernorReport) -> Result<Vec<u8>, ReportError> {
    pdf::pdf(
        &governor_pages::document(report)?,
        About {
            title: format!("Online safety report to governors: {}", report.period_title),
            author: report.prepared_by.clone(),
            ident: format!("esafety-desk/governor-report/{}", report.period_code),
        },
    )
}
