//! The term calendar, the review schedule and the governors' logs in the vault.

use crate::common::new_vault;
use chrono::{Local, NaiveDate};
use esafety_desk::domain::logs::{Confiscation, FilteringChange, FilteringCheck};
use esafety_desk::domain::person::{NewPerson, PersonKind};
use esafety_desk::domain::schedule::{Cadence, POLICY_REVIEW, ReviewItem};
use esafety_desk::domain::terms::{self, HalfTerm, HalfTermName, Placed, SchoolYear};
use esafety_desk::store::StoreError;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn term_dates_are_checked_saved_and_used_to_place_any_date() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let year = SchoolYear(2025);
    let mut dates = terms::default_dates(year);
    dates[0].starts = day(2025, 9, 3);
    dates[1].starts = day(2025, 10, 20);
    let before = vault.verify().unwrap().chain.entries;
    let refused = vault.save_term_dates(year, &dates).unwrap_err();
    assert_eq!(refused.to_string(), "Autumn 2 starts before Autumn 1 ends");
    assert_eq!(
        vault.verify().unwrap().chain.entries,
        before,
        "nothing written"
    );

    dates[1].starts = day(2025, 11, 3);
    vault.save_term_dates(year, &dates).unwrap();
    assert_eq!(vault.term_years_entered().unwrap(), [year]);
    let calendar = vault.terms().unwrap();
    let autumn_1 = HalfTerm {
        year,
        name: HalfTermName::Autumn1,
    };
    assert_eq!(
        calendar.place(day(2025, 9, 2)),
        Placed::HolidayAfter(autumn_1.previous()),
        "the school's own first day is used"
    );
    assert_eq!(calendar.place(day(2025, 9, 3)), Placed::In(autumn_1));
    // Saving the same dates again writes nothing; changing one amends only that half-term.
    vault.save_term_dates(year, &dates).unwrap();
    assert_eq!(vault.verify().unwrap().chain.entries, before + 6);
    dates[5].ends = day(2026, 7, 22);
    vault.save_term_dates(year, &dates).unwrap();
    assert_eq!(vault.verify().unwrap().chain.entries, before + 7);
}

#[test]
fn marking_items_done_rolls_them_forward_and_the_calendar_file_holds_every_item() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let today = Local::now().date_naive();
    let items = vault.review_items().unwrap();
    assert_eq!(items.len(), 9, "the default schedule");
    let review = items.iter().find(|i| i.item.key == POLICY_REVIEW).unwrap();
    let tomorrow = today.succ_opt().unwrap();
    let refused = vault.mark_review_done(review.id, tomorrow, "", today);
    assert!(matches!(refused, Err(StoreError::Rule(_))));

    let next = vault
        .mark_review_done(
            review.id,
            today,
            "Approved with changes to the mobile phone rules",
            today,
        )
        .unwrap();
    assert_eq!(
        next,
        Cadence::Months(12).next_due(review.item.due.unwrap(), today, &vault.terms().unwrap())
    );
    let done = vault.review_completions(review.id).unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(
        done[0].notes,
        "Approved with changes to the mobile phone rules"
    );
    assert_eq!(done[0].due, review.item.due);

    let report = items
        .iter()
        .find(|i| i.item.key == "governor-report")
        .unwrap();
    let due = report.item.due.unwrap();
    let next = vault
        .mark_review_done(report.id, today, "", today)
        .unwrap()
        .unwrap();
    let terms = vault.terms().unwrap();
    let ended = terms.place(due).reporting_half_term();
    assert_eq!(
        next,
        terms.dates(ended.next()).ends,
        "the end of the next half-term"
    );

    let one_off = ReviewItem {
        key: String::new(),
        title: "Move to the new filtering provider".into(),
        owner: "Network manager".into(),
        cadence: Cadence::Once,
        due: Some(today),
    };
    let id = vault.add_review_item(&one_off).unwrap();
    assert_eq!(vault.mark_review_done(id, today, "", today).unwrap(), None);
    let again = vault.mark_review_done(id, today, "", today).unwrap_err();
    assert_eq!(
        again.to_string(),
        "That item is not due: nothing to mark done"
    );

    let mut ics = Vec::new();
    let events = vault.export_schedule(&mut ics).unwrap();
    assert_eq!(
        events, 9,
        "the nine defaults; the finished one-off is not in it"
    );
    let parsed: icalendar::Calendar = String::from_utf8(ics).unwrap().parse().unwrap();
    use icalendar::Component;
    let summaries: Vec<String> = parsed
        .components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => e.get_summary().map(str::to_owned),
            _ => None,
        })
        .collect();
    for stored in vault
        .review_items()
        .unwrap()
        .iter()
        .filter(|s| s.item.due.is_some())
    {
        assert!(
            summaries.contains(&stored.item.title),
            "{} is in the file",
            stored.item.title
        );
    }
    assert_eq!(summaries.len(), 9);
    vault.verify().unwrap();
}

#[test]
fn the_governors_logs_keep_changes_checks_and_confiscations() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let now = Local::now().naive_local();
    let today = now.date();
    let mut change = FilteringChange {
        requested_on: today,
        change: "Allow a museum's video site for Year 6".into(),
        requested_by: "Tom Bailey".into(),
        reason: "History topic".into(),
        approved_by: String::new(),
        applied_by: "Network manager".into(),
        applied_on: Some(today),
    };
    let refused = vault.add_filtering_change(&change, today).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "Enter who approved it before it is applied"
    );
    change.approved_by = "Priya Shah (DSL)".into();
    let id = vault.add_filtering_change(&change, today).unwrap();
    change.reason = "History topic: the Romans".into();
    vault.update_filtering_change(id, &change, today).unwrap();
    assert_eq!(vault.filtering_changes().unwrap()[0].entry, change);
    assert_eq!(vault.history("filtering_changes", id).unwrap().len(), 2);

    vault
        .add_filtering_check(
            &FilteringCheck {
                checked_on: today,
                checked_by: "Network manager".into(),
                what: "Test sites for each blocked category from a pupil login".into(),
                result: "All blocked".into(),
                follow_up: String::new(),
            },
            today,
        )
        .unwrap();
    assert_eq!(vault.filtering_checks().unwrap().len(), 1);

    let teacher = vault
        .add_person(&NewPerson::named(PersonKind::Staff, "Tom", "Bailey"))
        .unwrap();
    let mut pupil = NewPerson::named(PersonKind::Pupil, "Ava", "Khan");
    pupil.year_group = Some(6);
    let ava = vault.add_person(&pupil).unwrap();
    let mut taken = Confiscation {
        pupil_id: teacher,
        device: "Black phone in a blue case".into(),
        taken_at: now,
        reason: "Used in a lesson".into(),
        held_where: "School office safe".into(),
    };
    assert_eq!(
        vault.add_confiscation(&taken, now).unwrap_err().to_string(),
        "Choose the pupil the device was taken from"
    );
    taken.pupil_id = ava;
    let id = vault.add_confiscation(&taken, now).unwrap();
    assert!(vault.confiscations().unwrap()[0].returned.is_none());
    vault
        .return_device(id, "Mrs Khan (mother)", today, today)
        .unwrap();
    let returned = &vault.confiscations().unwrap()[0];
    assert_eq!(returned.pupil, "Ava Khan");
    assert_eq!(returned.returned, Some(("Mrs Khan (mother)".into(), today)));
    assert_eq!(
        vault
            .return_device(id, "Ava", today, today)
            .unwrap_err()
            .to_string(),
        "That device has already been returned"
    );
    vault.verify().unwrap();
}
