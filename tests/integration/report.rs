//! The governor report over the demo school: every figure against an independent SQL count,
//! no name or date of birth in the PDF's text, small counts hidden, the same bytes for the same
//! data, and a sensible report for a half-term with no incidents.

use crate::common::pdf::Pdf;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use esafety_desk::cli::demo_data;
use esafety_desk::domain::SchoolSettings;
use esafety_desk::domain::incident::PlannedAction;
use esafety_desk::domain::logs::FilteringCheck;
use esafety_desk::domain::person::{NewPerson, PersonKind};
use esafety_desk::report::charts;
use esafety_desk::report::governor::{self, GovernorReport};
use esafety_desk::report::{Period, Request};
use esafety_desk::store::envelope::KdfParams;
use esafety_desk::store::{DataDir, Vault};
use rusqlite::Connection;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap()
}

/// The demo school, made on 24 November 2026, plus a pupil with a date of birth and an incident.
fn demo_school(root: &std::path::Path) -> (DataDir, Vault) {
    let dir = DataDir::new(root.join("vault"));
    let quick = KdfParams {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };
    let settings = SchoolSettings::new("Stonebridge Demo Primary School", "Alex Morgan");
    let (mut vault, _) =
        Vault::create_with(&dir, &settings, crate::common::PASSPHRASE, quick).unwrap();
    demo_data::populate(&mut vault, now()).unwrap();
    let mut pupil = NewPerson::named(PersonKind::Pupil, "Tobias", "Quennell");
    pupil.date_of_birth = NaiveDate::from_ymd_opt(2016, 3, 14);
    pupil.year_group = Some(9); // wrong on purpose: the date of birth decides
    let tobias = vault.add_person(&pupil).unwrap();
    let when = NaiveDate::from_ymd_opt(2026, 10, 6)
        .unwrap()
        .and_hms_opt(10, 15, 0)
        .unwrap();
    let warning = PlannedAction {
        action: "Warning".into(),
        suggested: true,
        chosen: true,
    };
    let mut incident =
        crate::common::pupil_incident("pupil.subverting-filtering", tobias, when, vec![warning]);
    // Free text naming the child: the report must never print it.
    incident.description = "Tobias Quennell used a proxy site.".into();
    vault.record_incident(&incident, now()).unwrap();
    (dir, vault)
}

fn raw(dir: &DataDir, vault: &Vault) -> Connection {
    crate::common::behind_the_apps_back(dir, &crate::common::raw_key_hex(vault))
}

fn autumn_1() -> Period {
    Period::parse("2026-27-autumn-1").unwrap()
}

fn report(vault: &Vault, period: Period) -> GovernorReport {
    governor::gather(
        vault,
        &Request {
            period,
            prepared_on: now().date(),
        },
    )
    .unwrap()
}

/// `[start, end)` of a period as stored text.
fn bounds(vault: &Vault, period: Period) -> (String, String) {
    let (from, to) = period.days(&vault.terms().unwrap());
    (from.to_string(), (to + Duration::days(1)).to_string())
}

fn count(conn: &Connection, sql: &str, (start, end): &(String, String)) -> usize {
    conn.query_row(sql, [start, end], |row| row.get::<_, i64>(0))
        .unwrap() as usize
}

const PERIOD: &str = "reported_at >= ?1 AND reported_at < ?2";

#[test]
fn every_figure_equals_an_independent_count() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault) = demo_school(root.path());
    let conn = raw(&dir, &vault);
    let period = autumn_1();
    let report = report(&vault, period);
    let figures = &report.incidents;
    let span = bounds(&vault, period);
    let total = count(
        &conn,
        &format!("SELECT count(*) FROM incidents WHERE {PERIOD}"),
        &span,
    );
    assert!(total > 5, "the demo has incidents in Autumn 1");
    assert_eq!(figures.total.value, total);
    let previous = bounds(&vault, period.previous());
    assert_eq!(
        figures.previous_total.value,
        count(
            &conn,
            &format!("SELECT count(*) FROM incidents WHERE {PERIOD}"),
            &previous
        )
    );
    let earlier = bounds(&vault, period.a_year_earlier());
    assert_eq!(
        figures.year_earlier_total.value,
        count(
            &conn,
            &format!("SELECT count(*) FROM incidents WHERE {PERIOD}"),
            &earlier
        )
    );

    for (row, half_term) in figures.trend.iter().zip(period.trend()) {
        let span = bounds(&vault, Period::HalfTerm(half_term));
        assert_eq!(
            row.count.value,
            count(
                &conn,
                &format!("SELECT count(*) FROM incidents WHERE {PERIOD}"),
                &span
            ),
            "{}",
            row.label
        );
    }
    let themes = vault.report_themes(None).unwrap();
    assert_eq!(figures.by_theme.len(), themes.themes.len());
    for (row, theme) in figures.by_theme.iter().zip(&themes.themes) {
        let keys: Vec<String> = theme.categories.iter().map(|k| format!("'{k}'")).collect();
        let sql = format!(
            "SELECT count(*) FROM incidents WHERE {PERIOD} AND category IN ({})",
            keys.join(", ")
        );
        assert_eq!(row.this.value, count(&conn, &sql, &span), "{}", row.label);
        assert_eq!(
            row.previous.value,
            count(&conn, &sql, &previous),
            "{}",
            row.label
        );
        assert_eq!(
            row.year_earlier.value,
            count(&conn, &sql, &earlier),
            "{}",
            row.label
        );
        for share in &row.categories {
            let sql = format!(
                "SELECT count(*) FROM incidents WHERE {PERIOD} AND category = '{}'",
                share.key
            );
            assert_eq!(
                share.count.value,
                count(&conn, &sql, &span),
                "{}",
                share.label
            );
            assert!(share.count.value >= 3 && theme.categories.contains(&share.key));
        }
    }
    for row in &figures.by_risk {
        let sql = format!(
            "SELECT count(*) FROM incidents WHERE {PERIOD} AND risk_area = '{}'",
            row.label.to_lowercase()
        );
        assert_eq!(row.count.value, count(&conn, &sql, &span), "{}", row.label);
    }
    // Open and under investigation are one row where either is a small count.
    for row in &figures.by_status {
        let codes = match row.label.as_str() {
            "Open" => "'open'",
            "Under investigation" => "'investigating'",
            "Closed" => "'closed'",
            "Open or under investigation" => "'open', 'investigating'",
            other => panic!("a status row {other:?}"),
        };
        let sql = format!("SELECT count(*) FROM incidents WHERE {PERIOD} AND status IN ({codes})");
        assert_eq!(row.count.value, count(&conn, &sql, &span), "{}", row.label);
    }
    let involving = |roles: &str| {
        format!(
            "SELECT count(*) FROM incidents i WHERE {PERIOD} AND EXISTS (SELECT 1 FROM incident_people ip WHERE ip.incident_id = i.id AND ip.role IN ({roles}))"
        )
    };
    assert_eq!(
        figures.by_involving[0].count.value,
        count(&conn, &involving("'pupil'"), &span)
    );
    assert_eq!(
        figures.by_involving[1].count.value,
        count(&conn, &involving("'staff', 'headteacher'"), &span)
    );

    // Year groups: the recorded one, or from the date of birth on the day (Tobias, born March 2016: Year 6 in 2026-27, not the Year 9 recorded).
    // A row is one year group, or the small ones of a phase together ("Years 3, 4 and 6").
    for row in &figures.by_year_group {
        let years: Vec<String> = row
            .label
            .replace("Reception", "0")
            .replace("Years ", "")
            .replace("Year ", "")
            .replace(" and ", ", ")
            .split(", ")
            .map(|n| n.trim().parse::<u8>().unwrap().to_string())
            .collect();
        let year = years.join(", ");
        let sql = format!(
            "SELECT count(DISTINCT i.id) FROM incidents i JOIN incident_people ip ON ip.incident_id = i.id
             JOIN people p ON p.id = ip.person_id
             WHERE i.{PERIOD} AND ip.role = 'pupil' AND
               (CASE WHEN p.date_of_birth IS NULL THEN p.year_group
                     ELSE (CAST(substr(i.reported_at, 1, 4) AS INTEGER) - (CAST(substr(i.reported_at, 6, 2) AS INTEGER) < 9))
                        - (CAST(substr(p.date_of_birth, 1, 4) AS INTEGER) - (CAST(substr(p.date_of_birth, 6, 2) AS INTEGER) < 9)) - 5
                END) IN ({year})"
        );
        assert_eq!(row.count.value, count(&conn, &sql, &span), "{}", row.label);
    }
    // The annex names a year group only where that year group's count is not hidden.
    assert!(
        report
            .annex
            .summaries
            .iter()
            .any(|s| s.theme == "Getting round the filtering and network security")
    );
    for summary in &report.annex.summaries {
        for row in &figures.by_year_group {
            if summary.involving.split(", ").any(|part| part == row.label) {
                assert!(!row.count.hidden, "{} named in the annex", row.label);
            }
        }
        assert!(
            summary.reported.starts_with("week of "),
            "{}",
            summary.reported
        );
    }

    for row in &figures.referrals {
        let agency = esafety_desk::domain::incident::Referral::ALL
            .into_iter()
            .find(|a| a.title() == row.label)
            .unwrap();
        let sql = format!(
            "SELECT count(DISTINCT r.incident_id) FROM referrals r JOIN incidents i ON i.id = r.incident_id WHERE i.{PERIOD} AND r.agency = '{}'",
            agency.code()
        );
        assert_eq!(row.count.value, count(&conn, &sql, &span), "{}", row.label);
    }
    for row in &figures.actions {
        let words = row.action.replace('\'', "''");
        let chosen = format!(
            "SELECT count(DISTINCT a.incident_id) FROM incident_actions a JOIN incidents i ON i.id = a.incident_id WHERE i.{PERIOD} AND a.chosen = 1 AND a.action = '{words}'"
        );
        assert_eq!(
            row.chosen.value,
            count(&conn, &chosen, &span),
            "{}",
            row.action
        );
    }
    assert_eq!(report.annex.summaries.len(), total);

    let taken = "SELECT count(*) FROM confiscations WHERE substr(taken_at, 1, 10) >= ?1 AND substr(taken_at, 1, 10) < ?2";
    assert_eq!(report.confiscations.taken.value, count(&conn, taken, &span));
    let changes =
        "SELECT count(*) FROM filtering_changes WHERE requested_on >= ?1 AND requested_on < ?2";
    assert_eq!(report.filtering_changes.len(), count(&conn, changes, &span));

    let today = (now().date().to_string(), String::new());
    let staff = conn
        .query_row("SELECT count(*) FROM people WHERE kind = 'staff' AND (leaving_date IS NULL OR leaving_date > ?1)", [&today.0], |r| r.get::<_, i64>(0))
        .unwrap() as usize;
    assert_eq!(
        report
            .training
            .iter()
            .find(|c| c.label == "All staff")
            .unwrap()
            .people
            .value,
        staff
    );
    let pupils = conn
        .query_row("SELECT count(*) FROM people WHERE kind = 'pupil' AND (leaving_date IS NULL OR leaving_date > ?1)", [&today.0], |r| r.get::<_, i64>(0))
        .unwrap() as usize;
    assert_eq!(
        report
            .aup
            .iter()
            .find(|c| c.label == "Pupils")
            .unwrap()
            .people
            .value,
        pupils
    );
}

/// Every count in the report, found by walking its data.
fn counts(value: &serde_json::Value, found: &mut Vec<(usize, bool, String)>) {
    match value {
        serde_json::Value::Object(map) if map.contains_key("hidden") => found.push((
            map["value"].as_u64().unwrap() as usize,
            map["hidden"].as_bool().unwrap(),
            map["shown"].as_str().unwrap().to_owned(),
        )),
        serde_json::Value::Object(map) => map.values().for_each(|v| counts(v, found)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| counts(v, found)),
        _ => {}
    }
}

fn pdf_text(pdf: &[u8]) -> String {
    Pdf::read(pdf).text()
}

#[test]
fn the_pdf_names_no_one_and_hides_small_counts() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault) = demo_school(root.path());
    // The filtering logs are free text nobody checks for names: one names Tobias by his first
    // name alone, one by his full name in lower case.
    let checked_on = NaiveDate::from_ymd_opt(2026, 10, 7).unwrap();
    let check = FilteringCheck {
        checked_on,
        checked_by: "Network manager".into(),
        what: "Proxy sites from Tobias's login".into(),
        result: "All blocked after tobias quennell found one".into(),
        follow_up: "Talk to Tobias".into(),
    };
    vault.add_filtering_check(&check, checked_on).unwrap();
    let report = report(&vault, autumn_1());
    let mut found = Vec::new();
    counts(&serde_json::to_value(&report).unwrap(), &mut found);
    assert!(found.len() > 50);
    for (value, hidden, shown) in &found {
        if (1..3).contains(value) && !shown.ends_with('%') {
            assert!(
                *hidden && (shown == "fewer than 3" || shown == "withheld"),
                "{value} shown as {shown}"
            );
        }
    }
    // A breakdown of the total never hides just one count: the total would give it away.
    for rows in [&report.incidents.by_risk, &report.incidents.by_status] {
        assert_ne!(
            rows.iter().filter(|r| r.count.hidden).count(),
            1,
            "{rows:?}"
        );
    }
    let text = pdf_text(&governor::pdf(&report).unwrap());
    assert!(text.contains("Online safety report to governors"));
    assert!(
        text.contains("fewer than 3"),
        "small counts are hidden in the tables and charts"
    );
    let chart = |report: &GovernorReport, name: &str| {
        let found = report.charts.iter().find(|c| c.name == name).unwrap();
        found.svg.clone()
    };
    // A theme chart whose every bar would be hidden says so instead.
    let all_hidden = report
        .incidents
        .by_theme
        .iter()
        .all(|row| row.this.hidden || row.this.value == 0);
    let themes = report.charts.iter().find(|c| c.name == "theme").unwrap();
    assert_ne!(themes.note, Some(charts::ALL_HIDDEN));
    assert!(!all_hidden, "the demo's Autumn 1 has themes of 3 or more");
    assert!(
        themes.svg.contains("fewer than 3")
            || report.incidents.by_theme.iter().all(|r| !r.this.hidden)
    );
    // A year has bars, each labelled with its count as the table shows it.
    let year = self::report(&vault, Period::parse("2025-26").unwrap());
    let svg = chart(&year, "theme");
    let most = year
        .incidents
        .by_theme
        .iter()
        .max_by_key(|r| r.this.value)
        .unwrap();
    assert!(!most.this.hidden && !svg.contains(charts::ALL_HIDDEN));
    assert!(
        svg.contains(&format!("\n{}\n</text>", most.this.shown)),
        "{svg}"
    );
    // No table of the half-term reads "fewer than 3" in more than half its rows.
    let tables: [Vec<&esafety_desk::report::Count>; 3] = [
        report.incidents.by_theme.iter().map(|r| &r.this).collect(),
        report.incidents.by_risk.iter().map(|r| &r.count).collect(),
        report
            .incidents
            .by_status
            .iter()
            .map(|r| &r.count)
            .collect(),
    ];
    for table in tables {
        let small = table.iter().filter(|c| c.shown == "fewer than 3").count();
        assert!(small * 2 <= table.len(), "{table:?}");
    }
    for person in vault.people().unwrap() {
        assert!(
            !text.contains(&person.name),
            "{} appears in the report",
            person.name
        );
    }
    let raw = raw(&dir, &vault);
    let births: Vec<String> = raw
        .prepare("SELECT date_of_birth FROM people WHERE date_of_birth IS NOT NULL")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(births.len() > 300, "the demo's pupils have dates of birth");
    for born in births {
        let day = NaiveDate::parse_from_str(&born, "%Y-%m-%d").unwrap();
        for shown in [
            born.clone(),
            day.format("%d/%m/%Y").to_string(),
            day.format("%-d %B %Y").to_string(),
        ] {
            assert!(!text.contains(&shown), "a date of birth appears: {shown}");
        }
    }
    for name in ["Tobias", "tobias", "Quennell", "quennell"] {
        assert!(!text.contains(name), "{name} appears in the report");
    }
    assert!(text.contains("Talk to [name removed]"), "{text}");

    // With the rule off, every count is shown as it is.
    let mut settings = vault.settings().unwrap();
    settings.small_numbers_below = 0;
    vault.save_settings(&settings).unwrap();
    let open = self::report(&vault, autumn_1());
    let mut found = Vec::new();
    counts(&serde_json::to_value(&open).unwrap(), &mut found);
    assert!(
        found
            .iter()
            .all(|(_, hidden, shown)| !hidden && !shown.contains("fewer"))
    );
    assert_eq!(open.incidents.total, report.incidents.total);
}

#[test]
fn the_same_data_gives_the_same_bytes_and_an_empty_half_term_is_a_report() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, vault) = demo_school(root.path());
    let first = governor::pdf(&report(&vault, autumn_1())).unwrap();
    let second = governor::pdf(&report(&vault, autumn_1())).unwrap();
    assert!(first.starts_with(b"%PDF"));
    assert_eq!(first, second);

    // The governors' summaries are the co-ordinator's words, set in italic in the annex; the
    // report itself lists no incident.
    let fonts = |pdf: &[u8]| Pdf::read(pdf).fonts().join("\n");
    let annex = governor::annex_pdf(&report(&vault, autumn_1())).unwrap();
    assert!(
        fonts(&annex).contains("DejaVuSans-Oblique"),
        "{}",
        fonts(&annex)
    );
    assert!(!fonts(&first).contains("Oblique"));

    let empty = report(&vault, Period::parse("2012-13-spring-2").unwrap());
    assert_eq!(empty.incidents.total.value, 0);
    let empty_pdf = governor::pdf(&empty).unwrap();
    assert!(!fonts(&empty_pdf).contains("Oblique"));
    let text = pdf_text(&empty_pdf);
    assert!(text.contains("No online-safety incidents were reported in Spring 2 2012-13."));
    let annex_text = pdf_text(&governor::annex_pdf(&empty).unwrap());
    assert!(annex_text.contains("No incidents were reported in this period."));

    let year = report(&vault, Period::parse("2025-26").unwrap());
    let text = pdf_text(&governor::pdf(&year).unwrap());
    assert!(text.contains("School year 2025-26"));
    assert!(year.incidents.total.value > report(&vault, autumn_1()).incidents.total.value);
}

/// The logical structure a screen reader follows in a tagged PDF.
fn pdf_structure(pdf: &[u8]) -> String {
    Pdf::read(pdf).structure()
}

#[test]
fn the_pdf_is_tagged_for_screen_readers_with_furniture_left_out() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, vault) = demo_school(root.path());
    let report = report(&vault, autumn_1());
    let structure = pdf_structure(&governor::pdf(&report).unwrap());
    assert!(structure.contains("H1 \"1 Incidents\""), "{structure}");
    assert!(structure.contains("H2 \"1.1 By theme\""));
    assert!(structure.contains("H1 \"3 Review schedule and filtering\""));
    // Each chart with bars is a figure; one with none is a line of text saying why.
    let drawn = report.charts.iter().filter(|c| c.note.is_none()).count();
    assert!(drawn >= 4, "{:?}", report.charts);
    assert_eq!(structure.matches("Figure").count(), drawn);
    for chart in report.charts.iter().filter(|c| c.note.is_some()) {
        assert!(structure.contains(chart.note.unwrap()), "{structure}");
    }
    // The four Cs have no table: their figures are in the chart's words.
    let risk = report.charts.iter().find(|c| c.name == "risk").unwrap();
    for row in &report.incidents.by_risk {
        assert!(
            risk.alt
                .contains(&format!("{} {}", row.label, row.count.shown))
        );
    }
    assert!(structure.contains("TH"));
    for summary in &report.annex.summaries {
        assert!(
            !structure.contains(&summary.reference),
            "{}",
            summary.reference
        );
    }
    // The running header and footer are artifacts: a screen reader does not read them on
    // every page.
    assert!(!structure.contains("Anonymised: no names"));
    assert!(!structure.contains("Page 2 of"));
}

/// The report lists no single incident, so no hidden count can be counted back from a list;
/// the annex lists them, for the safeguarding governor, marked confidential on every page.
#[test]
fn the_report_lists_no_incident_and_the_annex_is_confidential_on_every_page() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, vault) = demo_school(root.path());
    let report = report(&vault, autumn_1());
    assert!(report.annex.summaries.len() >= 3);
    let text = pdf_text(&governor::pdf(&report).unwrap());
    for summary in &report.annex.summaries {
        assert!(!text.contains(&summary.reference), "{}", summary.reference);
    }
    assert!(!text.contains("week of"));
    assert!(text.contains("involved possibly illegal"), "{text}");

    let annex = Pdf::read(&governor::annex_pdf(&report).unwrap()).pages();
    assert!(!annex.is_empty());
    for (number, page) in annex.iter().enumerate() {
        assert!(
            page.contains("CONFIDENTIAL: for the safeguarding governor only"),
            "page {}",
            number + 1
        );
    }
    let all = annex.join("\n");
    for summary in &report.annex.summaries {
        assert!(all.contains(&summary.reference), "{}", summary.reference);
    }
    for name in vault.people().unwrap().iter().map(|p| p.name.clone()) {
        assert!(!all.contains(&name), "{name} in the annex");
    }
}

#[test]
fn the_schools_own_themes_are_a_new_version_the_next_report_counts_by() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault) = demo_school(root.path());
    let period = autumn_1();
    let before = report(&vault, period);
    let theme = |report: &GovernorReport, key: &str| {
        let row = report.incidents.by_theme.iter().find(|r| r.key == key);
        row.map(|r| r.this.value).unwrap()
    };
    let mut themes = vault.report_themes(None).unwrap();
    let devices: Vec<String> = themes
        .themes
        .iter()
        .find(|t| t.key == "devices")
        .unwrap()
        .categories
        .clone();
    assert!(
        theme(&before, "devices") > 0,
        "the demo has device incidents"
    );
    let on = now().date();
    // A theme left without its words, or a category left out, is refused and nothing saved.
    let mut untitled = themes.clone();
    untitled.themes[0].title = "  ".into();
    let error = vault
        .save_report_themes(&untitled, on, "Governors")
        .unwrap_err();
    assert_eq!(error.to_string(), "Every theme needs its words");
    let mut missing = themes.clone();
    missing.themes[3].categories.pop();
    let error = vault
        .save_report_themes(&missing, on, "Governors")
        .unwrap_err();
    assert!(error.to_string().contains("is in no theme"), "{error}");
    assert_eq!(vault.report_theme_versions().unwrap().len(), 1);

    // Every device category moved under bullying, and the theme renamed.
    for key in &devices {
        themes.place(key, "bullying");
    }
    themes.themes[0].title = "Bullying and devices".into();
    let version = vault.save_report_themes(&themes, on, "Governors").unwrap();
    assert_eq!(version, 2);
    let after = report(&vault, period);
    assert_eq!(
        theme(&after, "bullying"),
        theme(&before, "bullying") + theme(&before, "devices")
    );
    assert_eq!(theme(&after, "devices"), 0);
    assert_eq!(after.incidents.total.value, before.incidents.total.value);
    let text = pdf_text(&governor::pdf(&after).unwrap());
    assert!(text.contains("Bullying and devices"));
    // The first version is still there as it was.
    assert_eq!(
        vault.report_themes(Some(1)).unwrap().themes[0].title,
        "Bullying, harassment and hate online"
    );
}
