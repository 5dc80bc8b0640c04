//! An attack on the governors' report: from the report's own data (not the PDF), every figure
//! it publishes is read as a reader reads it ("fewer than 3" is 1 or 2; "not shown" is 3 or
//! more; "withheld" is anything), every sum a reader knows holds between them is written down,
//! and for each hidden small count every other value it could have is tried: if none fits
//! with the rest, the count has been recovered. Run over the demo's periods and over a few
//! hundred generated half-terms with 0, 1, 2, 3 and many incidents per theme.
//!
//! This is its own reasoning, written apart from the report's `disclosure` module, so that a
//! mistake there is not repeated here.

use std::collections::HashMap;

use chrono::NaiveDate;
use esafety_desk::domain::incident::category::{self};
use esafety_desk::domain::incident::rules::Referral;
use esafety_desk::domain::incident::{Outcome, Role, Status};
use esafety_desk::domain::policy::ReportThemes;
use esafety_desk::report::governor::{self, GovernorReport};
use esafety_desk::report::incidents::{self, IncidentFigures, Inputs, TrendPlace};
use esafety_desk::report::registers::Compliance;
use esafety_desk::report::{Count, Period, Request, Suppression};
use esafety_desk::store::report::{ReportedAction, ReportedIncident};

const ANY: i64 = 1 << 40;

/// How a breakdown stands to its total, from the true figures: the attacker is told.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fit {
    Exact,
    Overlapping,
    Partial,
}

/// What the reader knows: a range per figure and the sums between them.
struct Model {
    below: i64,
    names: Vec<String>,
    truth: Vec<i64>,
    given: Vec<(i64, i64)>,
    hidden: Vec<bool>,
    sums: Vec<(usize, Vec<usize>, Fit)>,
}

impl Model {
    fn new(rule: Suppression) -> Self {
        Model {
            below: i64::from(rule.below),
            names: Vec::new(),
            truth: Vec::new(),
            given: Vec::new(),
            hidden: Vec::new(),
            sums: Vec::new(),
        }
    }

    /// A figure as the page prints it.
    fn read(&mut self, name: impl Into<String>, count: &Count) -> usize {
        let range = if !count.hidden {
            let n: i64 = count.shown.parse().expect("a shown count is a number");
            assert_eq!(n as usize, count.value, "a shown count is the true one");
            (n, n)
        } else if count.shown.starts_with("fewer than ") {
            (1, self.below - 1)
        } else if count.shown == "not shown" {
            (self.below, ANY)
        } else if count.shown == "withheld" {
            (0, ANY)
        } else {
            panic!("a hidden count reads {:?}", count.shown)
        };
        self.push(name.into(), count.value as i64, range, count.hidden)
    }

    /// A figure a reader can name but the page does not print.
    fn unknown(&mut self, name: String, truth: usize) -> usize {
        self.push(name, truth as i64, (0, ANY), true)
    }

    fn push(&mut self, name: String, truth: i64, range: (i64, i64), hidden: bool) -> usize {
        assert!(
            range.0 <= truth && truth <= range.1,
            "{name}: {truth} read as {range:?}"
        );
        self.names.push(name);
        self.truth.push(truth);
        self.given.push(range);
        self.hidden.push(hidden);
        self.truth.len() - 1
    }

    fn sum(&mut self, total: usize, parts: Vec<usize>) {
        if parts.is_empty() {
            return;
        }
        let added: i64 = parts.iter().map(|p| self.truth[*p]).sum();
        let fit = match added.cmp(&self.truth[total]) {
            std::cmp::Ordering::Equal => Fit::Exact,
            std::cmp::Ordering::Greater => Fit::Overlapping,
            std::cmp::Ordering::Less => Fit::Partial,
        };
        self.sums.push((total, parts, fit));
    }

    /// The ranges left once every sum is applied until nothing changes; `None` when they
    /// contradict each other.
    fn settle(&self, mut ranges: Vec<(i64, i64)>) -> Option<Vec<(i64, i64)>> {
        loop {
            let before = ranges.clone();
            for (total, parts, fit) in &self.sums {
                let low: i64 = parts.iter().map(|p| ranges[*p].0).sum();
                let high: i64 = parts.iter().map(|p| ranges[*p].1.min(ANY)).sum();
                let t = &mut ranges[*total];
                match fit {
                    Fit::Exact => *t = (t.0.max(low), t.1.min(high)),
                    Fit::Overlapping => {
                        let largest = parts.iter().map(|p| before[*p].0).max().unwrap_or(0);
                        *t = (t.0.max(largest), t.1.min(high));
                    }
                    Fit::Partial => t.0 = t.0.max(low),
                }
                let t = ranges[*total];
                for p in parts {
                    let (own_low, own_high) = ranges[*p];
                    let others_low = low - own_low;
                    let others_high = (high - own_high.min(ANY)).min(ANY);
                    let r = &mut ranges[*p];
                    match fit {
                        Fit::Exact => {
                            *r = (r.0.max(t.0 - others_high), r.1.min(t.1 - others_low));
                        }
                        Fit::Overlapping => *r = (r.0.max(t.0 - others_high), r.1.min(t.1)),
                        Fit::Partial => r.1 = r.1.min(t.1 - others_low),
                    }
                }
            }
            if ranges.iter().any(|(low, high)| low > high) {
                return None;
            }
            if ranges == before {
                return Some(ranges);
            }
        }
    }

    /// Each hidden small count whose every other possible value contradicts the rest.
    fn recovered(&self) -> Vec<String> {
        let settled = self.settle(self.given.clone()).expect("the truth fits");
        let mut found = Vec::new();
        for i in 0..self.truth.len() {
            let truth = self.truth[i];
            if !self.hidden[i] || truth == 0 || truth >= self.below {
                continue;
            }
            let (low, high) = settled[i];
            let other = (low..=high.min(low + 60)).filter(|v| *v != truth).any(|v| {
                let mut tried = settled.clone();
                tried[i] = (v, v);
                self.settle(tried).is_some()
            });
            if !other {
                found.push(format!("{} = {truth}", self.names[i]));
            }
        }
        found
    }
}

/// Writes down every figure of the incident section and the sums between them.
fn incident_model(model: &mut Model, figures: &IncidentFigures, trend: &[TrendPlace]) {
    let total = model.read("total", &figures.total);
    let previous = model.read("previous total", &figures.previous_total);
    let earlier = model.read("year-earlier total", &figures.year_earlier_total);
    let mut columns = (Vec::new(), Vec::new(), Vec::new());
    for theme in &figures.by_theme {
        let this = model.read(format!("{} (this)", theme.label), &theme.this);
        columns.0.push(this);
        columns
            .1
            .push(model.read(format!("{} (before)", theme.label), &theme.previous));
        columns
            .2
            .push(model.read(format!("{} (earlier)", theme.label), &theme.year_earlier));
        if !theme.categories.is_empty() {
            let mut parts: Vec<usize> = theme
                .categories
                .iter()
                .map(|c| model.read(format!("{} / {}", theme.label, c.label), &c.count))
                .collect();
            let shown: usize = theme.categories.iter().map(|c| c.count.value).sum();
            let rest = model.unknown(format!("rest of {}", theme.label), theme.this.value - shown);
            parts.push(rest);
            model.sum(this, parts);
        }
    }
    model.sum(total, columns.0);
    model.sum(previous, columns.1);
    model.sum(earlier, columns.2);
    let breakdown = |model: &mut Model, rows: &[esafety_desk::report::Labelled]| -> Vec<usize> {
        rows.iter()
            .map(|r| model.read(r.label.clone(), &r.count))
            .collect()
    };
    let risk = breakdown(model, &figures.by_risk);
    model.sum(total, risk);
    let status = breakdown(model, &figures.by_status);
    let outcomes = breakdown(model, &figures.by_outcome);
    let closed = figures.by_status.iter().position(|s| s.label == "Closed");
    model.sum(status[closed.expect("a Closed row")], outcomes);
    model.sum(total, status);
    let involving = breakdown(model, &figures.by_involving);
    let years = breakdown(model, &figures.by_year_group);
    model.sum(involving[0], years);
    model.sum(total, involving);
    for referral in breakdown(model, &figures.referrals) {
        model.sum(total, vec![referral]);
    }
    let outstanding = model.read(
        "police step outstanding",
        &figures.serious.police_step_outstanding,
    );
    model.sum(total, vec![outstanding]);
    for action in &figures.actions {
        let chosen = model.read(format!("{} chosen", action.action), &action.chosen);
        let done = model.read(format!("{} done", action.action), &action.done);
        model.sum(chosen, vec![done]);
        model.sum(total, vec![chosen]);
    }
    let points = breakdown(model, &figures.trend);
    for (place, whole) in [(TrendPlace::This, total), (TrendPlace::Previous, previous)] {
        let within = points
            .iter()
            .zip(trend)
            .filter(|(_, p)| **p == place)
            .map(|(cell, _)| *cell)
            .collect();
        model.sum(whole, within);
    }
}

/// A register's or staff group's figures: people = up to date + not, and the share.
fn compliance_model(model: &mut Model, rows: &[Compliance]) {
    for row in rows {
        let people = model.read(format!("{} people", row.label), &row.people);
        let complete = model.read(format!("{} up to date", row.label), &row.complete);
        let outstanding = model.read(format!("{} not", row.label), &row.outstanding);
        model.sum(people, vec![complete, outstanding]);
        if let (false, false, Some(percent)) = (
            row.percent.hidden,
            row.people.hidden,
            row.percent.shown.strip_suffix('%'),
        ) {
            let percent: usize = percent.parse().unwrap();
            let n = row.people.value;
            let fits: Vec<i64> = (0..=n)
                .filter(|c| (c * 100 + n / 2) / n == percent)
                .map(|c| c as i64)
                .collect();
            let range = (fits[0], fits[fits.len() - 1]);
            let own = model.given[complete];
            model.given[complete] = (own.0.max(range.0), own.1.min(range.1));
        }
    }
}

fn report_model(report: &GovernorReport, period: Period, rule: Suppression) -> Model {
    let mut model = Model::new(rule);
    incident_model(&mut model, &report.incidents, &places(period));
    compliance_model(&mut model, &report.training);
    compliance_model(&mut model, &report.aup);
    let c = &report.confiscations;
    let taken = model.read("devices taken", &c.taken);
    let returned = model.read("devices returned", &c.returned);
    let held = model.read("devices held", &c.held);
    model.sum(taken, vec![returned, held]);
    model
}

fn places(period: Period) -> Vec<TrendPlace> {
    period
        .trend()
        .into_iter()
        .map(|h| {
            if period.holds(h) {
                TrendPlace::This
            } else if period.previous().holds(h) {
                TrendPlace::Previous
            } else {
                TrendPlace::Neither
            }
        })
        .collect()
}

#[test]
fn no_hidden_count_of_the_demos_reports_can_be_worked_out() {
    let root = tempfile::tempdir().unwrap();
    let dir = esafety_desk::store::DataDir::new(root.path().join("vault"));
    let quick = esafety_desk::store::envelope::KdfParams {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };
    let settings = esafety_desk::domain::SchoolSettings::new("Demo", "Alex Morgan");
    let (mut vault, _) =
        esafety_desk::store::Vault::create_with(&dir, &settings, crate::common::PASSPHRASE, quick)
            .unwrap();
    let now = NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    esafety_desk::cli::demo_data::populate(&mut vault, now).unwrap();
    let mut periods: Vec<Period> = ["2024-25", "2025-26", "2026-27"]
        .iter()
        .flat_map(|year| Period::parse(year).unwrap().trend())
        .map(Period::HalfTerm)
        .collect();
    periods.push(Period::parse("2025-26").unwrap());
    periods.push(Period::parse("2024-25").unwrap());
    let mut attacked = 0;
    for period in periods {
        let request = Request {
            period,
            prepared_on: now.date(),
        };
        let report = governor::gather(&vault, &request).unwrap();
        let model = report_model(&report, period, Suppression { below: 3 });
        attacked += model.truth.len();
        let recovered = model.recovered();
        assert!(recovered.is_empty(), "{}: {recovered:?}", period.title());
    }
    assert!(attacked > 500, "{attacked} figures attacked");
}

/// A small, fixed pseudo-random sequence: the same half-terms every run.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % sides as u64) as usize
    }
}

/// A half-term whose themes hold 0, 1, 2, 3 or many incidents each, the rest of each
/// incident drawn at random.
fn half_term(dice: &mut Dice, themes: &ReportThemes) -> Vec<ReportedIncident> {
    let mut incidents = Vec::new();
    for theme in &themes.themes {
        let n = [0, 0, 1, 2, 3, 4, 7, 12][dice.roll(8)];
        for _ in 0..n {
            let key = &theme.categories[dice.roll(theme.categories.len().min(3))];
            let found = category::category(key).unwrap();
            let status = Status::ALL[dice.roll(3)];
            let roles = match dice.roll(6) {
                0 => vec![Role::Staff],
                1 => vec![Role::Pupil, Role::Staff],
                2 => vec![],
                _ => vec![Role::Pupil],
            };
            let year_groups = if roles.contains(&Role::Pupil) {
                let first = 3 + dice.roll(4) as u8;
                if dice.roll(5) == 0 {
                    vec![first, first + 1]
                } else {
                    vec![first]
                }
            } else {
                Vec::new()
            };
            let referrals = match dice.roll(10) {
                0 => vec![(
                    Referral::Police,
                    NaiveDate::from_ymd_opt(2025, 10, 2).unwrap(),
                )],
                1 => vec![(
                    Referral::Ceop,
                    NaiveDate::from_ymd_opt(2025, 10, 2).unwrap(),
                )],
                _ => Vec::new(),
            };
            incidents.push(ReportedIncident {
                reference: format!("ES-2025-{:04}", incidents.len() + 1),
                reported_on: NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
                category: key.clone(),
                risk_area: found.risk,
                status,
                outcome: (status == Status::Closed && dice.roll(4) > 0)
                    .then(|| Outcome::ALL[dice.roll(2)]),
                governor_summary: String::new(),
                roles,
                year_groups,
                referrals,
                police_not_referred_on: None,
                actions: (0..dice.roll(3))
                    .map(|i| ReportedAction {
                        action: ["Warning", "Inform parents/carers"][i].into(),
                        done: dice.roll(2) == 0,
                    })
                    .collect(),
            });
        }
    }
    incidents
}

fn categories_of(incidents: &[ReportedIncident]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for incident in incidents {
        *counts.entry(incident.category.clone()).or_default() += 1;
    }
    counts
}

#[test]
fn no_hidden_count_of_generated_half_terms_can_be_worked_out() {
    let themes = ReportThemes::stonebridge();
    let period = Period::parse("2025-26-autumn-1").unwrap();
    let mut dice = Dice(2026);
    let mut seen_small = 0;
    for case in 0..300 {
        let this = half_term(&mut dice, &themes);
        let previous = categories_of(&half_term(&mut dice, &themes));
        let earlier = categories_of(&half_term(&mut dice, &themes));
        let trend: Vec<(String, usize)> = places(period)
            .iter()
            .map(|place| match place {
                TrendPlace::This => this.len(),
                TrendPlace::Previous => previous.values().sum(),
                TrendPlace::Neither => dice.roll(6),
            })
            .enumerate()
            .map(|(i, n)| (format!("H{i}"), n))
            .collect();
        let inputs = Inputs {
            incidents: &this,
            previous: ("Before".into(), &previous),
            year_earlier: ("Earlier".into(), &earlier),
            trend,
            trend_within: places(period),
            themes: &themes,
        };
        for below in [3, 5] {
            let rule = Suppression { below };
            let figures = incidents::figures(&inputs, rule);
            let mut model = Model::new(rule);
            incident_model(&mut model, &figures, &places(period));
            seen_small += model
                .hidden
                .iter()
                .zip(&model.truth)
                .filter(|(h, t)| **h && **t > 0 && **t < i64::from(below))
                .count();
            let recovered = model.recovered();
            assert!(
                recovered.is_empty(),
                "case {case}, below {below}: {recovered:?}\n{figures:#?}"
            );
        }
    }
    assert!(
        seen_small > 1000,
        "the cases hide {seen_small} small counts"
    );
}

#[test]
fn the_attack_finds_a_count_given_away_by_subtraction_or_by_a_share() {
    let rule = Suppression { below: 3 };
    // 20 = 18 + "fewer than 3": the hidden one is 2.
    let mut model = Model::new(rule);
    let total = model.read("total", &rule.count(20));
    let parts = vec![
        model.read("shown", &rule.count(18)),
        model.read("hidden", &rule.count(2)),
    ];
    model.sum(total, parts);
    assert_eq!(model.recovered(), ["hidden = 2"]);
    // Two "fewer than 3" that add up to a "fewer than 3": 1 and 1.
    let mut model = Model::new(rule);
    let total = model.read("total", &rule.count(2));
    let parts = vec![
        model.read("a", &rule.count(1)),
        model.read("b", &rule.count(1)),
    ];
    model.sum(total, parts);
    assert_eq!(model.recovered().len(), 3, "{:?}", model.recovered());
    // 20 people, 90% up to date, "fewer than 3" not: 2.
    let mut model = Model::new(rule);
    let row = Compliance {
        label: "Teaching".into(),
        people: rule.count(20),
        complete: Count {
            value: 18,
            hidden: true,
            shown: "not shown".into(),
        },
        percent: rule.percent(18, 20),
        outstanding: rule.count(2),
    };
    compliance_model(&mut model, &[row]);
    assert_eq!(model.recovered(), ["Teaching not = 2"]);
}
