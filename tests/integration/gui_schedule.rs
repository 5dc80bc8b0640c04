//! The review schedule in the GUI, headless: the policy review marked done rolls a year on;
//! term dates are corrected and checked; a device is confiscated and returned.

use crate::common::gui::{click, settle, shows, type_in, unlock};
use crate::common::{PASSPHRASE, new_vault};
use chrono::{Local, Months};
use esafety_desk::domain::clock::Clock;
use esafety_desk::domain::person::{NewPerson, PersonKind};
use esafety_desk::domain::schedule::POLICY_REVIEW;
use esafety_desk::domain::terms::SchoolYear;
use esafety_desk::store::Vault;
use esafety_desk::ui::area::schedule::{self, items};

use esafety_desk::ui::screen::workspace;
use esafety_desk::ui::{App, Message};

fn send(app: &mut App, message: schedule::Message) {
    let task = app.update(Message::Workspace(workspace::Message::Schedule(message)));
    settle(app, task);
}

#[test]
fn marking_the_policy_review_done_schedules_the_next_one_a_year_later() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    let review = vault
        .review_items()
        .unwrap()
        .into_iter()
        .find(|s| s.item.key == POLICY_REVIEW)
        .unwrap();
    drop(vault);
    let today = Local::now().date_naive();
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Review schedule");
    let due = review.item.due.unwrap();
    assert!(shows(
        &app,
        &format!(
            "Next policy review: {} ({})",
            shown_date(due),
            esafety_desk::domain::schedule::days_left(due, today)
        )
    ));
    send(
        &mut app,
        schedule::Message::Items(items::Message::MarkDone(review.id)),
    );
    type_in(
        &mut app,
        "done-notes",
        "Approved by the Curriculum & Standards Committee",
    );
    click(&mut app, "Save: done");
    let next = today.checked_add_months(Months::new(12)).unwrap();
    assert!(shows(
        &app,
        &format!(
            "Annual review of the E-Safety Policy: done on {}; next due {}.",
            shown_date(today),
            shown_date(next)
        )
    ));
    assert!(shows(
        &app,
        &format!(
            "Next policy review: {} ({})",
            shown_date(next),
            esafety_desk::domain::schedule::days_left(next, today)
        )
    ));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let done = vault.review_completions(review.id).unwrap();
    assert_eq!(
        done[0].notes,
        "Approved by the Curriculum & Standards Committee"
    );
}

#[test]
fn term_dates_are_corrected_checked_and_saved() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let year = SchoolYear::of(Local::now().date_naive());
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Review schedule");
    click(&mut app, "Term dates");
    assert!(shows(
        &app,
        "Typical dates, not yet confirmed: correct them from your local authority's calendar and save."
    ));
    // Autumn 2 made to start before Autumn 1 ends.
    send(
        &mut app,
        schedule::Message::Terms(schedule::terms::Message::Starts(
            1,
            format!("01/10/{}", year.0),
        )),
    );
    click(&mut app, "Save term dates");
    assert!(shows(&app, "Autumn 2 starts before Autumn 1 ends"));
    send(
        &mut app,
        schedule::Message::Terms(schedule::terms::Message::Starts(
            1,
            format!("03/11/{}", year.0),
        )),
    );
    click(&mut app, "Save term dates");
    assert!(shows(&app, &format!("Saved the term dates for {year}.")));
    assert!(shows(&app, "The school's own dates."));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert_eq!(vault.term_years_entered().unwrap(), [year]);
    let autumn_2 = &vault.terms().unwrap().year(year)[1];
    assert_eq!(shown_date(autumn_2.starts), format!("03/11/{}", year.0));
}

#[test]
fn a_device_is_confiscated_from_a_pupil_and_returned_to_a_parent() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let mut pupil = NewPerson::named(PersonKind::Pupil, "Ava", "Khan");
    pupil.year_group = Some(6);
    vault.add_person(&pupil).unwrap();
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Review schedule");
    click(&mut app, "Confiscations");
    click(&mut app, "Record a confiscation");
    type_in(&mut app, "taken-pupil", "ava");
    click(&mut app, "Ava Khan");
    type_in(&mut app, "taken-device", "Phone in a blue case");
    click(&mut app, "Save");
    assert!(shows(&app, "Enter why it was taken"));
    type_in(&mut app, "taken-reason", "Used in a lesson");
    click(&mut app, "Save");
    assert!(shows(&app, "Recorded the device taken from Ava Khan."));
    assert!(shows(&app, "1 held now"));
    click(&mut app, "Returned…");
    type_in(&mut app, "returned-to", "Mother");
    click(&mut app, "Save");
    assert!(shows(&app, "Recorded the return to Mother."));
    assert!(shows(&app, "0 held now"));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let row = &vault.confiscations().unwrap()[0];
    assert_eq!(row.entry.held_where, "School office");
    assert_eq!(row.returned.as_ref().map(|r| r.0.as_str()), Some("Mother"));
}

fn shown_date(date: chrono::NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}
