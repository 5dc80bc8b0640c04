//! The incident figures of the governor report, worked out from the period's incidents. Nothing
//! here reads a name, a date of birth or free text about a person: only categories, roles,
//! year groups, referrals, actions, outcomes and the summaries written for governors.

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;

use serde::Serialize;

use crate::domain::incident::category::{self, Level, RiskArea};
use crate::domain::incident::rules::Referral;
use crate::domain::incident::{Role, Status};
use crate::domain::person::year_group_name;
use crate::domain::policy::ReportThemes;
use crate::domain::policy::themes::OTHER_THEME;
use crate::report::counts::{Count, Labelled, Suppression};
use crate::report::disclosure::{Cell, Sheet};
use crate::report::shown_day;
use crate::store::report::ReportedIncident;

/// One theme's incidents in this period and the two it is compared with, and the categories
/// whose own count this period is large enough to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeRow {
    /// The theme's key.
    pub key: String,
    /// The theme's words.
    pub label: String,
    /// This period.
    pub this: Count,
    /// The period before.
    pub previous: Count,
    /// The same period a year earlier.
    pub year_earlier: Count,
    /// Its categories counted at or above the threshold this period, in the theme's order;
    /// what the theme holds beyond them is never a small count.
    pub categories: Vec<CategoryShare>,
}

/// A category shown on its own under its theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryShare {
    /// The category's key.
    pub key: String,
    /// Its few words: "Mobile phones and cameras".
    pub label: String,
    /// Its incidents this period.
    pub count: Count,
}

/// An actions row: how often it was chosen and how often done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionTaken {
    /// The action's words.
    pub action: String,
    /// Incidents it was chosen for.
    pub chosen: Count,
    /// Of those, how many record it as done.
    pub done: Count,
}

/// How the policy's path was followed for one illegal incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IllegalPath {
    /// The reference.
    pub reference: String,
    /// The week it was reported: "week of 10 November 2025".
    pub reported: String,
    /// The category's words.
    pub category: String,
    /// Each step, in words: the police referral (or the decision not to), other agencies.
    pub steps: Vec<String>,
    /// Whether the police step is missing: neither a referral nor a recorded decision.
    pub police_missing: bool,
    /// Where it stands.
    pub status: String,
}

/// One incident as governors read it: no names, no dates of birth, no free text about a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The reference.
    pub reference: String,
    /// The week it was reported: "week of 10 November 2025".
    pub reported: String,
    /// The theme it counts under in the report.
    pub theme: String,
    /// "Year 5", "Year 5, Year 6", "Staff" or "Adults".
    pub involving: String,
    /// The actions chosen.
    pub actions: String,
    /// Where it stands, or its outcome.
    pub outcome: String,
    /// The summary written for governors, if any.
    pub summary: String,
}

/// What the report says of incidents that involved possibly illegal content or a police
/// referral: whether there were any, and for how many the police step (a referral, or a
/// decision not to refer with its reason) was still to be recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Serious {
    /// Whether any incident of the period did.
    pub any: bool,
    /// Those whose police step was still to be recorded when the report was made.
    pub police_step_outstanding: Count,
}

impl Serious {
    /// The report's words for them, hiding small counts: "Where an incident involved
    /// possibly illegal content or a police referral, the policy's steps were followed in
    /// each."
    pub fn sentence(&self) -> String {
        let outstanding = &self.police_step_outstanding;
        match (self.any, outstanding.value) {
            (false, _) => "No incident involved possibly illegal content or a police referral.".into(),
            (true, 0) => "Where an incident involved possibly illegal content or a police referral, the policy's steps were followed in each.".into(),
            (true, _) => format!(
                "Where an incident involved possibly illegal content or a police referral, the police step (a referral, or a recorded decision not to refer, with its reason) was still to be recorded for {} of them when this report was made.",
                outstanding.shown
            ),
        }
    }
}

/// The confidential annex for the safeguarding governor: one line per incident, by week, with
/// a year group only where that year group's count is at or above the threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Annex {
    /// The illegal and police-referred incidents and the path each followed.
    pub illegal: Vec<IllegalPath>,
    /// Every incident of the period.
    pub summaries: Vec<Summary>,
}

/// Works out the confidential annex under `rule`, each incident under its theme.
pub fn annex(incidents: &[ReportedIncident], rule: Suppression, themes: &ReportThemes) -> Annex {
    let years = year_counts(incidents);
    let shown = |year: &u8| years.get(year).is_some_and(|n| !rule.hides(*n));
    Annex {
        illegal: incidents
            .iter()
            .filter(|i| is_illegal(i))
            .map(illegal_path)
            .collect(),
        summaries: incidents
            .iter()
            .map(|i| summary(i, &shown, themes))
            .collect(),
    }
}

/// The incident section of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncidentFigures {
    /// Incidents reported this period.
    pub total: Count,
    /// In the period before.
    pub previous_total: Count,
    /// The period before, named.
    pub previous_title: String,
    /// In the same period a year earlier.
    pub year_earlier_total: Count,
    /// That period, named.
    pub year_earlier_title: String,
    /// By theme, against the other two periods, in the themes' own order (an order by size
    /// would rank the hidden counts).
    pub by_theme: Vec<ThemeRow>,
    /// The count from which a category is shown on its own under its theme.
    pub category_shown_from: usize,
    /// By KCSIE's four areas of risk.
    pub by_risk: Vec<Labelled>,
    /// Involving pupils, staff, other adults.
    pub by_involving: Vec<Labelled>,
    /// By the year groups of the pupils involved.
    pub by_year_group: Vec<Labelled>,
    /// Open, under investigation, closed.
    pub by_status: Vec<Labelled>,
    /// The outcomes of those closed.
    pub by_outcome: Vec<Labelled>,
    /// Incidents referred to each agency.
    pub referrals: Vec<Labelled>,
    /// Incidents that involved possibly illegal content or a police referral, in counts the
    /// rule allows (the report lists no single incident).
    pub serious: Serious,
    /// The actions taken.
    pub actions: Vec<ActionTaken>,
    /// Incidents per half-term over the trend's half-terms, oldest first.
    pub trend: Vec<Labelled>,
}

/// The incidents of the period, the counts of the two it is compared with, and the trend.
pub struct Inputs<'a> {
    /// This period's incidents.
    pub incidents: &'a [ReportedIncident],
    /// The period before: its name and counts by category.
    pub previous: (String, &'a HashMap<String, usize>),
    /// A year earlier: its name and counts by category.
    pub year_earlier: (String, &'a HashMap<String, usize>),
    /// Each trend half-term's short name and count.
    pub trend: Vec<(String, usize)>,
    /// Which of the trend's half-terms are this period, and which the period before, in
    /// the order of `trend`: a reader can add them up.
    pub trend_within: Vec<TrendPlace>,
    /// The school's themes.
    pub themes: &'a ReportThemes,
}

/// Where a trend half-term stands to the report's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendPlace {
    /// Inside this period.
    This,
    /// Inside the period before.
    Previous,
    /// Inside neither.
    Neither,
}

/// The closed incidents by outcome; those an old log closed without one are counted as not
/// recorded, never as either outcome.
fn by_outcome(incidents: &[ReportedIncident], rule: Suppression) -> Vec<Labelled> {
    let closed = incidents.iter().filter(|i| i.status == Status::Closed);
    let not_recorded = closed.filter(|i| i.outcome.is_none()).count();
    let mut rows: Vec<Labelled> = crate::domain::incident::Outcome::ALL
        .iter()
        .map(|outcome| {
            let n = incidents
                .iter()
                .filter(|i| i.outcome == Some(*outcome))
                .count();
            Labelled::new(outcome.title(), n, rule)
        })
        .collect();
    if not_recorded > 0 {
        rows.push(Labelled::new(OUTCOME_NOT_RECORDED, not_recorded, rule));
    }
    rows
}

/// Open, under investigation and closed; where open or under investigation is a small count,
/// the two are one row, "Open or under investigation", which governors read the same way.
fn by_status(incidents: &[ReportedIncident], rule: Suppression) -> Vec<Labelled> {
    let count = |status: Status| incidents.iter().filter(|i| i.status == status).count();
    let (open, investigating) = (count(Status::Open), count(Status::UnderInvestigation));
    let small = |n: usize| n > 0 && rule.hides(n);
    if small(open) || small(investigating) {
        return vec![
            Labelled::new(STILL_OPEN, open + investigating, rule),
            Labelled::new(Status::Closed.title(), count(Status::Closed), rule),
        ];
    }
    Status::ALL
        .iter()
        .map(|status| Labelled::new(status.title(), count(*status), rule))
        .collect()
}

/// The status row for open and under investigation together.
pub const STILL_OPEN: &str = "Open or under investigation";

/// The outcome row for incidents imported closed from a log that did not record it.
pub const OUTCOME_NOT_RECORDED: &str = "Outcome not recorded (imported)";

/// Works out the incident section under `rule`.
pub fn figures(inputs: &Inputs<'_>, rule: Suppression) -> IncidentFigures {
    let incidents = inputs.incidents;
    let total = |counts: &HashMap<String, usize>| counts.values().sum::<usize>();
    let mut figures = IncidentFigures {
        total: rule.count(incidents.len()),
        previous_total: rule.count(total(inputs.previous.1)),
        previous_title: inputs.previous.0.clone(),
        year_earlier_total: rule.count(total(inputs.year_earlier.1)),
        year_earlier_title: inputs.year_earlier.0.clone(),
        by_theme: by_theme(inputs, rule),
        category_shown_from: rule.below.max(1) as usize,
        by_risk: RiskArea::ALL
            .iter()
            .map(|area| {
                let n = incidents.iter().filter(|i| i.risk_area == *area).count();
                Labelled::new(area.title(), n, rule)
            })
            .collect(),
        by_involving: by_involving(incidents, rule),
        by_year_group: by_year_group(incidents, rule),
        by_status: by_status(incidents, rule),
        by_outcome: by_outcome(incidents, rule),
        referrals: Referral::ALL
            .iter()
            .filter_map(|agency| {
                let n = incidents
                    .iter()
                    .filter(|i| i.referrals.iter().any(|(a, _)| a == agency))
                    .count();
                (n > 0).then(|| Labelled::new(agency.title(), n, rule))
            })
            .collect(),
        serious: Serious {
            any: incidents.iter().any(is_illegal),
            police_step_outstanding: rule.count(
                incidents
                    .iter()
                    .filter(|i| is_illegal(i) && police_step_missing(i))
                    .count(),
            ),
        },
        actions: actions(incidents, rule),
        trend: inputs
            .trend
            .iter()
            .map(|(label, n)| Labelled::new(label.clone(), *n, rule))
            .collect(),
    };
    protect(&mut figures, inputs, rule);
    figures
}

/// Hides what would let a hidden count be worked out by adding or subtracting, across the
/// whole section at once: every breakdown of the period's total, the themes of the two
/// periods compared, the categories within each theme, the year groups within the pupils'
/// incidents, the outcomes within the closed ones, and the trend's half-terms within the
/// periods they make up.
fn protect(figures: &mut IncidentFigures, inputs: &Inputs<'_>, rule: Suppression) {
    let mut sheet = Sheet::new(rule);
    let total = sheet.cell(&mut figures.total);
    let previous = sheet.cell(&mut figures.previous_total);
    let year_earlier = sheet.cell(&mut figures.year_earlier_total);
    let risk = sheet.cells(figures.by_risk.iter_mut().map(|r| &mut r.count));
    sheet.sum(total, risk);
    let closed = figures
        .by_status
        .iter()
        .position(|s| s.label == Status::Closed.title());
    let status = sheet.cells(figures.by_status.iter_mut().map(|r| &mut r.count));
    let outcomes = sheet.cells(figures.by_outcome.iter_mut().map(|r| &mut r.count));
    if let Some(closed) = closed.and_then(|i| status.get(i)) {
        sheet.sum(*closed, outcomes);
    }
    sheet.sum(total, status);
    let involving = sheet.cells(figures.by_involving.iter_mut().map(|r| &mut r.count));
    let years = sheet.cells(figures.by_year_group.iter_mut().map(|r| &mut r.count));
    if let Some(pupils) = involving.first() {
        sheet.sum(*pupils, years);
    }
    sheet.sum(total, involving);
    let (mut this, mut before, mut earlier) = (Vec::new(), Vec::new(), Vec::new());
    for row in &mut figures.by_theme {
        let shown: usize = row.categories.iter().map(|c| c.count.value).sum();
        let rest = row.this.value - shown;
        let theme = sheet.cell(&mut row.this);
        let mut parts = sheet.cells(row.categories.iter_mut().map(|c| &mut c.count));
        if !parts.is_empty() {
            parts.push(sheet.unpublished(rest));
            sheet.sum(theme, parts);
        }
        this.push(theme);
        before.push(sheet.cell(&mut row.previous));
        earlier.push(sheet.cell(&mut row.year_earlier));
    }
    sheet.sum(total, this);
    sheet.sum(previous, before);
    sheet.sum(year_earlier, earlier);
    let trend = sheet.cells(figures.trend.iter_mut().map(|r| &mut r.count));
    for (place, whole) in [(TrendPlace::This, total), (TrendPlace::Previous, previous)] {
        let within: Vec<Cell> = trend
            .iter()
            .zip(&inputs.trend_within)
            .filter(|(_, p)| **p == place)
            .map(|(cell, _)| *cell)
            .collect();
        sheet.sum(whole, within);
    }
    sheet.protect();
}

/// The category's words, or its key if this version does not know it. Where the pupil and
/// staff tables use the same words, whose table it is follows in brackets.
pub fn category_title(key: &str) -> String {
    let Some(found) = category::category(key) else {
        return key.to_owned();
    };
    let shared = category::CATEGORIES
        .iter()
        .any(|other| other.key != found.key && other.title == found.title);
    match (shared, found.subject) {
        (true, category::Subject::Pupil) => format!("{} (pupils)", found.title),
        (true, category::Subject::Staff) => format!("{} (staff)", found.title),
        _ => found.title.to_owned(),
    }
}

fn by_theme(inputs: &Inputs<'_>, rule: Suppression) -> Vec<ThemeRow> {
    let mut this: HashMap<&str, usize> = HashMap::new();
    for incident in inputs.incidents {
        *this.entry(&incident.category).or_default() += 1;
    }
    let themes = inputs.themes;
    let theme_key = |category: &str| themes.theme_of(category).map_or(OTHER, |t| t.key.as_str());
    let add = |counts: &mut HashMap<String, usize>, category: &str, n: usize| {
        *counts.entry(theme_key(category).to_owned()).or_default() += n;
    };
    let (mut now, mut before, mut earlier) = (HashMap::new(), HashMap::new(), HashMap::new());
    this.iter().for_each(|(k, n)| add(&mut now, k, *n));
    inputs
        .previous
        .1
        .iter()
        .for_each(|(k, n)| add(&mut before, k, *n));
    inputs
        .year_earlier
        .1
        .iter()
        .for_each(|(k, n)| add(&mut earlier, k, *n));
    let of = |counts: &HashMap<String, usize>, key: &str| {
        rule.count(counts.get(key).copied().unwrap_or(0))
    };
    let mut rows: Vec<ThemeRow> = themes
        .themes
        .iter()
        .map(|theme| ThemeRow {
            key: theme.key.clone(),
            label: theme.title.clone(),
            this: of(&now, &theme.key),
            previous: of(&before, &theme.key),
            year_earlier: of(&earlier, &theme.key),
            categories: shares(&theme.categories, &this, rule),
        })
        .collect();
    let other = [&now, &before, &earlier]
        .iter()
        .any(|c| c.contains_key(OTHER));
    if other {
        rows.push(ThemeRow {
            key: OTHER.into(),
            label: OTHER_THEME.into(),
            this: of(&now, OTHER),
            previous: of(&before, OTHER),
            year_earlier: of(&earlier, OTHER),
            categories: Vec::new(),
        });
    }
    rows
}

/// The key of the row for categories no theme holds.
const OTHER: &str = "other";

/// The categories of a theme counted at or above the threshold this period. While what the
/// theme holds beyond them would be a small count, the smallest of them is left out again.
fn shares(
    categories: &[String],
    counts: &HashMap<&str, usize>,
    rule: Suppression,
) -> Vec<CategoryShare> {
    let count = |key: &str| counts.get(key).copied().unwrap_or(0);
    let whole: usize = categories.iter().map(|k| count(k)).sum();
    let mut shown: Vec<&String> = categories
        .iter()
        .filter(|k| count(k) > 0 && !rule.hides(count(k)))
        .collect();
    loop {
        let rest = whole - shown.iter().map(|k| count(k)).sum::<usize>();
        if !rule.hides(rest) || shown.is_empty() {
            break;
        }
        let smallest = (0..shown.len()).min_by_key(|i| (count(shown[*i]), *i));
        if let Some(i) = smallest {
            shown.remove(i);
        }
    }
    shown
        .into_iter()
        .map(|key| CategoryShare {
            key: key.clone(),
            label: category::category(key)
                .map_or_else(|| key.clone(), |c| c.short_title().to_owned()),
            count: rule.count(count(key)),
        })
        .collect()
}

fn involves_staff(incident: &ReportedIncident) -> bool {
    incident
        .roles
        .iter()
        .any(|r| matches!(r, Role::Staff | Role::Headteacher))
}

fn by_involving(incidents: &[ReportedIncident], rule: Suppression) -> Vec<Labelled> {
    let pupils = incidents
        .iter()
        .filter(|i| i.roles.contains(&Role::Pupil))
        .count();
    let staff = incidents.iter().filter(|i| involves_staff(i)).count();
    let neither = incidents
        .iter()
        .filter(|i| !i.roles.contains(&Role::Pupil) && !involves_staff(i))
        .count();
    vec![
        Labelled::new("Involving pupils", pupils, rule),
        Labelled::new("Involving staff", staff, rule),
        Labelled::new("Neither (other adults, or no one named)", neither, rule),
    ]
}

/// How many incidents involved pupils of each year group.
fn year_counts(incidents: &[ReportedIncident]) -> BTreeMap<u8, usize> {
    let mut years: BTreeMap<u8, usize> = BTreeMap::new();
    for year in incidents.iter().flat_map(|i| &i.year_groups) {
        *years.entry(*year).or_default() += 1;
    }
    years
}

/// The year groups of a school's phases: a year group's small count is shown with the others
/// of its phase rather than alone.
const PHASES: [std::ops::RangeInclusive<u8>; 5] = [0..=2, 3..=6, 7..=9, 10..=11, 12..=13];

/// Incidents by year group: a year group at or above the threshold has its own row; the others
/// of its phase share one ("Years 3, 4 and 6"), counting each incident that involved any of them
/// once.
fn by_year_group(incidents: &[ReportedIncident], rule: Suppression) -> Vec<Labelled> {
    let years = year_counts(incidents);
    let mut rows = Vec::new();
    let phase_of = |year: u8| PHASES.iter().position(|p| p.contains(&year));
    let phases: std::collections::BTreeSet<Option<usize>> =
        years.keys().map(|y| phase_of(*y)).collect();
    for phase in phases {
        let in_phase: Vec<(u8, usize)> = years
            .iter()
            .filter(|(y, _)| phase_of(**y) == phase)
            .map(|(y, n)| (*y, *n))
            .collect();
        let (alone, together): (Vec<_>, Vec<_>) =
            in_phase.into_iter().partition(|(_, n)| !rule.hides(*n));
        let mut phase_rows: Vec<(u8, Labelled)> = alone
            .iter()
            .map(|(y, n)| (*y, Labelled::new(year_group_name(*y), *n, rule)))
            .collect();
        if let Some((first, _)) = together.first() {
            let shared: Vec<u8> = together.iter().map(|(y, _)| *y).collect();
            let n = incidents
                .iter()
                .filter(|i| i.year_groups.iter().any(|y| shared.contains(y)))
                .count();
            phase_rows.push((*first, Labelled::new(years_named(&shared), n, rule)));
        }
        phase_rows.sort_by_key(|(year, _)| *year);
        rows.extend(phase_rows.into_iter().map(|(_, row)| row));
    }
    rows
}

/// "Year 3", "Years 3 and 4", "Years 3, 4 and 6", or with Reception "Reception and Year 1".
fn years_named(years: &[u8]) -> String {
    if let [one] = years {
        return year_group_name(*one);
    }
    let numbered = years.iter().all(|y| *y > 0);
    let names: Vec<String> = years
        .iter()
        .map(|y| {
            if numbered {
                y.to_string()
            } else {
                year_group_name(*y)
            }
        })
        .collect();
    let (last, rest) = names
        .split_last()
        .map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
    let prefix = if numbered { "Years " } else { "" };
    format!("{prefix}{} and {last}", rest.join(", "))
}

fn actions(incidents: &[ReportedIncident], rule: Suppression) -> Vec<ActionTaken> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for incident in incidents {
        let mut seen: Vec<&str> = Vec::new();
        for action in &incident.actions {
            if seen.contains(&action.action.as_str()) {
                continue;
            }
            seen.push(&action.action);
            let entry = counts.entry(&action.action).or_default();
            entry.0 += 1;
            entry.1 += usize::from(action.done);
        }
    }
    let mut rows: Vec<(&str, (usize, usize))> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));
    rows.into_iter()
        .map(|(action, (chosen, done))| ActionTaken {
            action: action.to_owned(),
            chosen: rule.count(chosen),
            done: rule.count(done),
        })
        .collect()
}

/// Illegal by category, or referred to the police whatever its category.
fn is_illegal(incident: &ReportedIncident) -> bool {
    category::category(&incident.category).is_some_and(|c| c.level == Level::Illegal)
        || incident
            .referrals
            .iter()
            .any(|(a, _)| *a == Referral::Police)
}

/// Neither a police referral nor a recorded decision not to refer.
fn police_step_missing(incident: &ReportedIncident) -> bool {
    let referred = incident
        .referrals
        .iter()
        .any(|(a, _)| *a == Referral::Police);
    !referred && incident.police_not_referred_on.is_none()
}

fn illegal_path(incident: &ReportedIncident) -> IllegalPath {
    let mut steps = Vec::new();
    let police = incident
        .referrals
        .iter()
        .find(|(a, _)| *a == Referral::Police);
    match (police, incident.police_not_referred_on) {
        (Some((_, day)), _) => steps.push(format!(
            "Referred to the police {}",
            days_after(incident.reported_on, *day)
        )),
        (None, Some(day)) => steps.push(format!(
            "Decision not to refer to the police recorded with its reason {}",
            days_after(incident.reported_on, day)
        )),
        (None, None) => steps.push("No police referral or decision recorded yet".into()),
    }
    for (agency, day) in incident
        .referrals
        .iter()
        .filter(|(a, _)| *a != Referral::Police)
    {
        steps.push(format!(
            "Referred to {} {}",
            agency.title(),
            days_after(incident.reported_on, *day)
        ));
    }
    IllegalPath {
        reference: incident.reference.clone(),
        reported: week_of(incident.reported_on),
        category: category_title(&incident.category),
        steps,
        police_missing: police_step_missing(incident),
        status: standing(incident),
    }
}

/// "week of 10 November 2025": the Monday of the week, so no day points to one child.
fn week_of(day: chrono::NaiveDate) -> String {
    let monday = day - chrono::Duration::days(i64::from(day.weekday().num_days_from_monday()));
    format!("week of {}", shown_day(monday))
}

fn days_after(reported: chrono::NaiveDate, day: chrono::NaiveDate) -> String {
    match (day - reported).num_days() {
        i64::MIN..=0 => "the day it was reported".into(),
        1 => "the day after it was reported".into(),
        n => format!("{n} days after it was reported"),
    }
}

fn standing(incident: &ReportedIncident) -> String {
    match incident.outcome {
        Some(outcome) if incident.status == Status::Closed => {
            format!("Closed: {}", outcome.title())
        }
        _ => incident.status.title().to_owned(),
    }
}

/// Who an incident involved, without naming anyone; a year group only where `year_shown`.
fn involving(incident: &ReportedIncident, year_shown: &dyn Fn(&u8) -> bool) -> String {
    let mut parts: Vec<String> = incident
        .year_groups
        .iter()
        .filter(|y| year_shown(y))
        .map(|y| year_group_name(*y))
        .collect();
    let pupils = incident.roles.contains(&Role::Pupil) || !incident.year_groups.is_empty();
    if pupils && parts.is_empty() {
        parts.push("Pupils".into());
    }
    if involves_staff(incident) {
        parts.push("Staff".into());
    }
    if parts.is_empty() && !incident.roles.is_empty() {
        parts.push("Other adults".into());
    }
    if parts.is_empty() {
        "No one named".into()
    } else {
        parts.join(", ")
    }
}

fn summary(
    incident: &ReportedIncident,
    year_shown: &dyn Fn(&u8) -> bool,
    themes: &ReportThemes,
) -> Summary {
    let actions: Vec<&str> = incident.actions.iter().map(|a| a.action.as_str()).collect();
    Summary {
        reference: incident.reference.clone(),
        reported: week_of(incident.reported_on),
        theme: themes
            .theme_of(&incident.category)
            .map_or(OTHER_THEME, |t| t.title.as_str())
            .to_owned(),
        involving: involving(incident, year_shown),
        actions: if actions.is_empty() {
            "None recorded".into()
        } else {
            actions.join("; ")
        },
        outcome: standing(incident),
        summary: incident.governor_summary.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::incident::Outcome;

    fn closed(outcome: Option<Outcome>) -> ReportedIncident {
        ReportedIncident {
            reference: "ES-2025-0001".into(),
            reported_on: chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
            category: "pupil.mobile-devices".into(),
            risk_area: RiskArea::Conduct,
            status: Status::Closed,
            outcome,
            governor_summary: String::new(),
            roles: Vec::new(),
            year_groups: Vec::new(),
            referrals: Vec::new(),
            police_not_referred_on: None,
            actions: Vec::new(),
        }
    }

    #[test]
    fn closed_incidents_an_old_log_gave_no_outcome_are_counted_as_not_recorded() {
        let mut incidents = vec![closed(Some(Outcome::Substantiated)); 3];
        incidents.extend(vec![closed(None); 6]);
        let rows = by_outcome(&incidents, Suppression::OFF);
        let count = |label: &str| {
            rows.iter()
                .find(|r| r.label == label)
                .map(|r| r.count.value)
        };
        assert_eq!(count(Outcome::Substantiated.title()), Some(3));
        assert_eq!(count(Outcome::NotSubstantiated.title()), Some(0));
        assert_eq!(count(OUTCOME_NOT_RECORDED), Some(6));
        let recorded_only = by_outcome(&incidents[..3], Suppression::OFF);
        assert!(
            recorded_only
                .iter()
                .all(|r| r.label != OUTCOME_NOT_RECORDED)
        );
    }
}
