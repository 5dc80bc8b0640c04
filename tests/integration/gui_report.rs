//! The Governor report screen, headless: the half-term just ended is chosen by itself, small
//! counts read "fewer than 3" until the rule is turned off, and "Save PDF…" writes the PDF to a
//! typed path. The dashboard draws the half-term's charts.

use crate::common::gui::{click, settle, shows, type_in, unlock};
use crate::common::{PASSPHRASE, new_vault};
use chrono::{Duration, Local};
use esafety_desk::domain::clock::Clock;
use esafety_desk::domain::person::{NewPerson, PersonKind};
use esafety_desk::ui::area::report::{self, Threshold};
use esafety_desk::ui::screen::workspace;
use esafety_desk::ui::{App, Message};

fn send(app: &mut App, message: report::Message) {
    let task = app.update(Message::Workspace(workspace::Message::Report(message)));
    settle(app, task);
}

#[test]
fn the_report_screen_previews_hides_small_counts_and_saves_the_pdf() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let mut pupil = NewPerson::named(PersonKind::Pupil, "Ava", "Jones");
    pupil.year_group = Some(6);
    let ava = vault.add_person(&pupil).unwrap();
    let now = Local::now().naive_local();
    let calendar = vault.terms().unwrap();
    let ended = calendar.just_ended(now.date());
    let (first_day, _) = calendar.reporting_period(ended);
    let when = first_day.and_hms_opt(10, 0, 0).unwrap() + Duration::days(1);
    let incident = crate::common::pupil_incident("pupil.subverting-filtering", ava, when, vec![]);
    vault.record_incident(&incident, now).unwrap();
    drop(vault);

    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    assert!(shows(&app, "This half-term so far"));
    click(&mut app, "Governor report");
    assert!(shows(
        &app,
        &format!("{ended} · {}", period_days(&calendar, ended))
    ));
    assert!(shows(&app, "Incidents reported"));
    assert!(shows(&app, "fewer than 3"), "one incident is a small count");
    assert!(
        shows(&app, "Incidents by theme"),
        "the charts are previewed"
    );

    send(&mut app, report::Message::Threshold(Threshold(0)));
    assert!(
        !shows(&app, "fewer than 3"),
        "with the rule off every count shows"
    );

    let file = root.path().join("governors.pdf");
    type_in(&mut app, "report-path", file.to_str().unwrap());
    click(&mut app, "Save PDF…");
    let pdf = std::fs::read(&file).expect("the PDF was written");
    assert!(pdf.starts_with(b"%PDF"));
    assert!(shows(
        &app,
        &format!(
            "Saved {}. It names no one and can go to governors.",
            file.display()
        )
    ));

    // The annex, with the same typed path, goes beside the report, never over it.
    click(&mut app, "Save the confidential annex…");
    let annex = root.path().join("governors confidential annex.pdf");
    let annex_pdf = std::fs::read(&annex).expect("the annex was written beside the report");
    assert!(annex_pdf.starts_with(b"%PDF"));
    assert_eq!(
        std::fs::read(&file).unwrap(),
        pdf,
        "the report is untouched"
    );
    assert!(shows(
        &app,
        &format!(
            "Saved {}. It is for the safeguarding governor alone: keep it out of the governing body's papers.",
            annex.display()
        )
    ));
}

fn period_days(
    calendar: &esafety_desk::domain::terms::TermCalendar,
    half_term: esafety_desk::domain::terms::HalfTerm,
) -> String {
    let (from, to) = calendar.reporting_period(half_term);
    format!(
        "{} to {}",
        esafety_desk::report::shown_day(from),
        esafety_desk::report::shown_day(to)
    )
}
