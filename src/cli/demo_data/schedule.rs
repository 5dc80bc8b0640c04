//! The demo school's calendar and accountability: two years of term dates, a review schedule
//! with a history (and one item overdue), filtering log entries and confiscated devices.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::school::Roll;
use crate::domain::logs::{Confiscation, FilteringChange, FilteringCheck};
use crate::domain::terms::{self, SchoolYear};
use crate::store::{StoreError, Vault};

/// Adds the demo's calendar, schedule history and logs as of `now`.
pub fn add_schedule(vault: &mut Vault, roll: &Roll, now: NaiveDateTime) -> Result<(), StoreError> {
    let today = now.date();
    let this_year = SchoolYear::of(today);
    for year in [this_year.previous(), this_year] {
        vault.save_term_dates(year, &terms::default_dates(year))?;
    }
    add_history(vault, today)?;
    add_filtering_log(vault, today)?;
    add_confiscations(vault, roll, now)
}

/// Each item done on time since the start of last school year, except the filtering review,
/// which is three weeks overdue.
fn add_history(vault: &mut Vault, today: NaiveDate) -> Result<(), StoreError> {
    let start = vault
        .terms()?
        .dates(terms::HalfTerm {
            year: SchoolYear::of(today).previous(),
            name: terms::HalfTermName::Autumn1,
        })
        .ends;
    for stored in vault.review_items()? {
        let mut item = stored.item.clone();
        let overdue = item.key == "filtering-review";
        item.due = Some(match (overdue, item.cadence) {
            (true, _) => today - Duration::days(21),
            (false, crate::domain::schedule::Cadence::EveryHalfTerm) => start,
            (false, _) => item.due.unwrap_or(today) - Duration::days(365),
        });
        vault.update_review_item(stored.id, &item, true)?;
        if overdue {
            continue;
        }
        let mut due = item.due;
        while let Some(day) = due.filter(|d| *d + Duration::days(3) < today) {
            let done_on = day + Duration::days(3);
            let notes = notes_for(&item.key);
            due = vault.mark_review_done(stored.id, done_on, notes, today)?;
        }
    }
    Ok(())
}

fn notes_for(key: &str) -> &'static str {
    match key {
        "policy-review" => "Reviewed by the E-Safety Group; mobile phone rules updated",
        "governor-report" => "Presented in the Head's safeguarding report",
        "esafety-group" => "Minutes filed; actions in the 360 degree safe plan",
        "360-safe" => "Self-review updated; three improvement actions",
        _ => "",
    }
}

fn add_filtering_log(vault: &mut Vault, today: NaiveDate) -> Result<(), StoreError> {
    let changes = [
        (
            200,
            "Allow a museum's video site for Year 6",
            "Year 6 teacher",
            "History topic on the Romans",
            true,
        ),
        (
            150,
            "Block a new proxy site found in the logs",
            "Network manager",
            "A pupil tried to bypass filtering",
            true,
        ),
        (
            90,
            "Allow a coding platform for the computing club",
            "Computing lead",
            "After-school club",
            true,
        ),
        (
            40,
            "Block a chat site seen on pupil devices",
            "DSL",
            "Strangers contacting pupils",
            true,
        ),
        (
            3,
            "Allow a video channel for a science lesson",
            "Year 5 teacher",
            "Lesson on habitats",
            false,
        ),
    ];
    for (days_ago, change, by, why, applied) in changes {
        let requested_on = today - Duration::days(days_ago);
        let entry = FilteringChange {
            requested_on,
            change: change.into(),
            requested_by: by.into(),
            reason: why.into(),
            approved_by: if applied { "DSL".into() } else { String::new() },
            applied_by: if applied {
                "Network manager".into()
            } else {
                String::new()
            },
            applied_on: applied.then(|| requested_on + Duration::days(1)),
        };
        vault.add_filtering_change(&entry, today)?;
    }
    for (days_ago, result, follow_up) in [
        (240, "All test sites blocked", ""),
        (
            120,
            "All blocked; one gambling test site reachable on the guest wireless",
            "Provider asked to apply the pupil policy to the guest network",
        ),
        (30, "All test sites blocked", ""),
    ] {
        vault.add_filtering_check(
            &FilteringCheck {
                checked_on: today - Duration::days(days_ago),
                checked_by: "Network manager".into(),
                what: "Test sites for each blocked category from a pupil login and a staff login"
                    .into(),
                result: result.into(),
                follow_up: follow_up.into(),
            },
            today,
        )?;
    }
    Ok(())
}

fn add_confiscations(vault: &mut Vault, roll: &Roll, now: NaiveDateTime) -> Result<(), StoreError> {
    let taken = [
        (
            120,
            "Phone in a black case",
            "Used to film another pupil",
            Some("Mother"),
        ),
        (
            60,
            "Smartwatch with a camera",
            "Photos taken in the changing room",
            Some("Father"),
        ),
        (
            25,
            "Phone",
            "Used in a lesson after a warning",
            Some("Carer"),
        ),
        (1, "Tablet", "Messaging during lessons", None),
    ];
    for (n, (days_ago, device, reason, returned)) in taken.into_iter().enumerate() {
        let Some(&(pupil_id, _)) = roll.pupils.get(n * 37 + 5) else {
            continue;
        };
        let taken_at = now - Duration::days(days_ago);
        let id = vault.add_confiscation(
            &Confiscation {
                pupil_id,
                device: device.into(),
                taken_at,
                reason: reason.into(),
                held_where: "School office safe".into(),
            },
            now,
        )?;
        if let Some(to) = returned {
            vault.return_device(id, to, taken_at.date() + Duration::days(1), now.date())?;
        }
    }
    Ok(())
}
