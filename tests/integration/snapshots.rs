//! Snapshot tests of key screens: each is drawn headless by iced's own renderer at the laptop
//! size the product is built for (1366×768) and compared with the hash kept in
//! `tests/fixtures/snapshots`. A screen that changes on purpose gets its hash removed and the
//! test run again, which writes the new one; a mismatch leaves the drawn screen as a PNG under
//! `target/snapshots` to look at. The app's clock is pinned, so no screen shows today's date.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use esafety_desk::domain::clock::Clock;
use esafety_desk::domain::person::{NewPerson, PersonKind};
use esafety_desk::store::DataDir;
use esafety_desk::ui::App;

use crate::common::gui::{click, unlock};
use crate::common::{PASSPHRASE, new_vault};

fn clock() -> Clock {
    Clock::Fixed(
        NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(8, 45, 0)
            .unwrap(),
    )
}

/// Draws the app as it stands and compares it with the kept hash named `name`.
fn assert_looks_as_kept(app: &App, name: &str) {
    let kept = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/snapshots")
        .join(name);
    let mut ui =
        iced_test::Simulator::with_size(iced::Settings::default(), (1366.0, 768.0), app.view());
    let snapshot = ui.snapshot(&app.theme()).expect("the screen draws");
    if !snapshot.matches_hash(&kept).expect("the hash file reads") {
        let drawn = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("target/snapshots")
            .join(name);
        std::fs::create_dir_all(drawn.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(drawn.with_extension("png"));
        snapshot.matches_image(&drawn).expect("the PNG writes");
        panic!(
            "the {name} screen no longer looks as kept: see {} (delete the kept hash if the change is meant)",
            drawn.display()
        );
    }
}

/// A data folder at a path that is the same on every run (the screens may show it).
fn fixed_folder(root: &Path) -> DataDir {
    DataDir::new(root.join("E-Safety Desk"))
}

#[test]
fn the_set_up_wizard_looks_as_kept() {
    let root = tempfile::tempdir().unwrap();
    let app = App::new(fixed_folder(root.path()), clock());
    assert_looks_as_kept(&app, "set-up");
}

#[test]
fn the_unlock_screen_looks_as_kept() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let app = App::new(dir, clock());
    assert_looks_as_kept(&app, "unlock");
}

#[test]
fn the_new_incident_form_looks_as_kept() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let mut pupil = NewPerson::named(PersonKind::Pupil, "Ava", "Jones");
    pupil.year_group = Some(6);
    vault.add_person(&pupil).unwrap();
    drop(vault);
    let mut app = App::new(dir, clock());
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Incidents");
    click(&mut app, "New incident");
    assert_looks_as_kept(&app, "new-incident");
}
