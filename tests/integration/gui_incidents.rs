//! The incident log's later flows in the GUI, headless: importing a log from CSV through the
//! preview, amending a record with its reason, and evidence files kept or refused.

use crate::common::example_incident;
use crate::common::gui::{click, shows, type_in, unlock};
use crate::common::{PASSPHRASE, new_vault};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use esafety_desk::domain::clock::Clock;
use esafety_desk::domain::incident::Role;
use esafety_desk::domain::person::{NewPerson, PersonKind};
use esafety_desk::store::{DataDir, Vault};
use esafety_desk::ui::App;
use iced::Task;

/// The moment these tests run at, whatever the computer's date: the app's clock is pinned.
fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 11, 12)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

/// A vault with one pupil and one incident in `category_key`; returns its folder.
fn vault_with_incident(root: &std::path::Path, category_key: &str) -> DataDir {
    let (dir, mut vault, _) = new_vault(root);
    let mut pupil = NewPerson::named(PersonKind::Pupil, "Ava", "Jones");
    pupil.year_group = Some(6);
    let ava = vault.add_person(&pupil).unwrap();
    let now = now();
    let happened = now - Duration::days(2);
    let incident = example_incident(category_key, happened)
        .reported(happened + Duration::hours(1), "Mr Bailey")
        .described("Played a game in a lesson.")
        .about(vec![(ava, Role::Pupil)])
        .build();
    vault.record_incident(&incident, now).unwrap();
    dir
}

/// Unlocks and opens the only incident.
fn open_the_incident(dir: &DataDir) -> App {
    let mut app = App::new(dir.clone(), Clock::Fixed(now()));
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Incidents");
    click(&mut app, "Ava Jones");
    assert!(shows(&app, "Amend record"));
    app
}

#[test]
fn a_log_is_imported_from_csv_after_a_preview_that_lists_each_rows_problems() {
    let root = tempfile::tempdir().unwrap();
    let (dir, _file, mut app) = import_page_with(
        root.path(),
        "old log.csv",
        "occurred_at,reported_by,category,description,people\n\
         01/11/2025 09:30,Mr Reid,pupil.mobile-devices,Phone used in a lesson,Zara Hughes (pupil)\n\
         01/11/2025 09:30,Mr Reid,Gaming,Played games,\n",
    );
    assert!(shows(
        &app,
        "2 rows: 1 new, 0 already in the vault, 1 with problems."
    ));
    assert!(shows(
        &app,
        "People: 0 people found in the people list; 1 will be added: Zara Hughes (pupil)."
    ));
    assert!(shows(&app, "Line 3"));
    assert!(shows(
        &app,
        "category: \"Gaming\" is not one of the policy's categories: confirm the closest (activity.gaming-educational) or choose another, as the categories above say"
    ));
    assert!(shows(&app, "\"Gaming\""));
    click(&mut app, "Import 1 new incident");
    assert!(
        Vault::unlock(&dir, PASSPHRASE)
            .unwrap()
            .newest_incidents(5, 0)
            .unwrap()
            .is_empty(),
        "nothing is imported while a row has a problem"
    );
    click(&mut app, "Leave out the 1 row with problems");
    click(&mut app, "Import 1 new incident");
    assert!(shows(
        &app,
        "Imported 1 incident; 0 rows already in the vault; left out 1 row with problems; added 1 person."
    ));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert_eq!(
        vault.newest_incidents(5, 0).unwrap()[0].people,
        ["Zara Hughes"]
    );
}

#[test]
fn the_schools_category_words_and_columns_are_chosen_from_lists() {
    use esafety_desk::domain::incident::category::category;
    use esafety_desk::domain::incident::import::{ListField, Target};
    use esafety_desk::ui::area::incidents::import::Message;
    let root = tempfile::tempdir().unwrap();
    let (dir, file, mut app) = import_page_with(
        root.path(),
        "old log.csv",
        "Date,Pupil(s),Year,Type,What happened,Who logged it,Where\r\n\
         01/11/2025,Zara Hughes,Year 8,Gaming,Played games in a lesson,Mrs Shah,Sports hall\r\n",
    );
    assert!(shows(
        &app,
        "1 row: 0 new, 0 already in the vault, 1 with problems."
    ));
    assert!(shows(&app, "\"Who logged it\""));
    // What the category and column pick-lists send when a choice is made in them.
    let gaming = category("activity.gaming-non-educational").unwrap();
    to_import(&mut app, Message::CategoryChosen("Gaming".into(), gaming));
    let reporter = Target::Field("reported_by");
    to_import(
        &mut app,
        Message::ColumnChosen("Who logged it".into(), reporter),
    );
    assert!(
        shows(&app, "location: \"Sports hall\""),
        "asked what the word means"
    );
    to_import(
        &mut app,
        Message::WordChosen(ListField::Location, "Sports hall".into(), "school"),
    );
    assert!(shows(
        &app,
        "1 row: 1 new, 0 already in the vault, 0 with problems."
    ));
    assert!(shows(
        &app,
        "Online gaming (non-educational) (activity.gaming-non-educational)"
    ));
    click(&mut app, "Import 1 new incident");
    assert!(shows(
        &app,
        "Imported 1 incident; 0 rows already in the vault; left out 0 rows with problems; added 1 person."
    ));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let row = &vault.newest_incidents(1, 0).unwrap()[0];
    let imported = vault.incident(row.id).unwrap();
    assert_eq!(imported.row.category, "activity.gaming-non-educational");
    assert_eq!(imported.reported_by, "Mrs Shah");
    assert_eq!(
        imported.location,
        esafety_desk::domain::incident::record::Location::ElsewhereInSchool
    );
    let again = root.path().join("again.csv");
    std::fs::copy(&file, &again).unwrap();
    drop(vault);
    click(&mut app, "Back to the list");
    click(&mut app, "Import an old log…");
    type_in(&mut app, "import-path", again.to_str().unwrap());
    click(&mut app, "Choose the file…");
    assert!(
        shows(
            &app,
            "1 row: 0 new, 1 already in the vault, 0 with problems."
        ),
        "the choices are remembered and the row is known"
    );
}

#[test]
fn an_import_under_way_shows_its_stage_and_stopping_it_imports_nothing() {
    use esafety_desk::ui::area::incidents::import;
    let mut log = String::from("occurred_at,reported_by,category,description,people");
    for n in 0..3_000 {
        log.push_str(&format!(
            "\n01/11/2025 09:30,Mr Reid,pupil.mobile-devices,Phone used in lesson {n},Pupil{n} Jones (pupil)"
        ));
    }
    let root = tempfile::tempdir().unwrap();
    let (dir, _file, mut app) = import_page_with(root.path(), "long log.csv", log);
    assert!(shows(&app, "Import 3000 new incidents"));

    // The import starts on its own thread; the page shows its stage and a way to stop it.
    let running = app.update(import_message(import::Message::Import));
    assert!(shows(&app, "Reading and checking every row…"));
    assert!(shows(&app, "Stop the import"));
    let stopping = app.update(import_message(import::Message::Stop));
    assert!(shows(&app, "Stopping…"));
    crate::common::gui::settle(&mut app, Task::batch([running, stopping]));
    assert!(shows(
        &app,
        "The import was stopped before it finished: nothing was imported"
    ));
    assert!(!shows(&app, "Stopping…"));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert!(vault.newest_incidents(1, 0).unwrap().is_empty());
    assert!(vault.people().unwrap().is_empty());
}

/// A new vault with `log` written to `name` beside it, unlocked in the app on the import page
/// with the file chosen: the vault's folder, the file and the app.
fn import_page_with(
    root: &std::path::Path,
    name: &str,
    log: impl AsRef<[u8]>,
) -> (DataDir, std::path::PathBuf, App) {
    let (dir, vault, _) = new_vault(root);
    drop(vault);
    let file = root.join(name);
    std::fs::write(&file, log).unwrap();
    let mut app = App::new(dir.clone(), Clock::Fixed(now()));
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Incidents");
    click(&mut app, "Import an old log…");
    type_in(&mut app, "import-path", file.to_str().unwrap());
    click(&mut app, "Choose the file…");
    (dir, file, app)
}

/// `message` addressed to the import page.
fn import_message(
    message: esafety_desk::ui::area::incidents::import::Message,
) -> esafety_desk::ui::Message {
    use esafety_desk::ui::Message;
    use esafety_desk::ui::area::incidents;
    use esafety_desk::ui::screen::workspace;
    Message::Workspace(workspace::Message::Incidents(incidents::Message::Import(
        message,
    )))
}

/// Sends `message` to the import page, as its pick-lists do.
fn to_import(app: &mut App, message: esafety_desk::ui::area::incidents::import::Message) {
    let task = app.update(import_message(message));
    crate::common::gui::settle(app, task);
}

#[test]
fn an_amendment_needs_its_reason_and_shows_in_the_timeline() {
    let root = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(root.path(), "activity.gaming-non-educational");
    let mut app = open_the_incident(&dir);
    click(&mut app, "Amend record");
    assert!(shows(
        &app,
        "Reason for the change * (kept with the record)"
    ));
    type_in(&mut app, "incident-reported-by", " and Mrs Lin");
    click(&mut app, "Save amendment");
    assert!(shows(&app, "Give the reason for the change"));
    type_in(&mut app, "incident-reason", "Mrs Lin saw it too");
    click(&mut app, "Save amendment");
    assert!(shows(
        &app,
        "Record amended (who reported it). Reason: Mrs Lin saw it too (Alex Morgan)"
    ));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let id = vault.newest_incidents(1, 0).unwrap()[0].id;
    assert_eq!(
        vault.incident(id).unwrap().reported_by,
        "Mr Bailey and Mrs Lin"
    );
    assert_eq!(vault.history("incidents", id).unwrap().len(), 2);
}

#[test]
fn an_evidence_file_is_kept_in_the_vault_but_never_for_nudes() {
    let root = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(root.path(), "activity.gaming-non-educational");
    let file = root.path().join("history.txt");
    std::fs::write(&file, "09:41 games.example.org\n").unwrap();
    let mut app = open_the_incident(&dir);
    type_in(&mut app, "evidence-description", "Browser history");
    type_in(&mut app, "evidence-path", file.to_str().unwrap());
    click(&mut app, "Add evidence file…");
    assert!(shows(&app, "history.txt — Browser history"));
    assert!(shows(
        &app,
        "Evidence added: history.txt — Browser history (Alex Morgan)"
    ));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let id = vault.newest_incidents(1, 0).unwrap()[0].id;
    let kept = vault.evidence(id).unwrap();
    assert_eq!(
        vault.evidence_content(kept[0].id).unwrap(),
        b"09:41 games.example.org\n"
    );
    drop(vault);

    let other = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(other.path(), "activity.nudes-semi-nudes");
    let app = open_the_incident(&dir);
    assert!(shows(
        &app,
        "No image, screenshot or file can be kept for this category: such images must never be viewed, copied, printed, shared, stored or saved (UKCIS guidance). Keep a written description only"
    ));
    assert!(!shows(&app, "Add evidence file…"));
}

#[test]
fn choosing_a_half_term_filters_the_log_to_its_reporting_period() {
    use esafety_desk::domain::terms::TermCalendar;
    use esafety_desk::ui::Message;
    use esafety_desk::ui::area::incidents::{self, list};
    use esafety_desk::ui::screen::workspace;
    let root = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(root.path(), "activity.gaming-non-educational");
    let mut app = App::new(dir.clone(), Clock::Fixed(now()));
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Incidents");
    assert!(shows(&app, "Ava Jones"));
    let terms = TermCalendar::default();
    let when = now().date() - Duration::days(2);
    let choose = |app: &mut App, half_term: esafety_desk::domain::terms::HalfTerm| {
        let (from, to) = terms.reporting_period(half_term);
        let message = Message::Workspace(workspace::Message::Incidents(incidents::Message::List(
            list::Message::HalfTerm(list::HalfTermChoice(half_term, from, to)),
        )));
        let task = app.update(message);
        crate::common::gui::settle(app, task);
    };
    let holding = terms.place(when).reporting_half_term();
    choose(&mut app, holding.a_year_earlier());
    assert!(
        !shows(&app, "Ava Jones"),
        "not in the same half-term a year earlier"
    );
    choose(&mut app, holding);
    assert!(
        shows(&app, "Ava Jones"),
        "in the half-term that holds its date"
    );
}

#[test]
fn the_new_incident_form_starts_at_the_apps_clock_not_the_computers() {
    let root = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(root.path(), "activity.gaming-non-educational");
    let mut app = App::new(dir, Clock::Fixed(now()));
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Incidents");
    click(&mut app, "New incident");
    assert!(
        shows(&app, "12/11/2025 10:00"),
        "the pinned moment is the default"
    );
}

/// Types a half-finished incident into a new form.
fn start_typing_an_incident(app: &mut App) {
    click(app, "Incidents");
    click(app, "New incident");
    type_in(app, "incident-reported-by", "Mrs Okafor, Year 6");
    type_in(
        app,
        "incident-description",
        "Screenshots of a group chat shared at lunch",
    );
}

#[test]
fn a_half_typed_incident_survives_the_lock_and_comes_back_when_unlocked() {
    use esafety_desk::ui::Message;
    let root = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(root.path(), "activity.gaming-non-educational");
    let mut app = App::new(dir.clone(), Clock::Fixed(now()));
    unlock(&mut app, PASSPHRASE);
    start_typing_an_incident(&mut app);
    // Eleven minutes with no key pressed: the idle lock (ten minutes by default) fires.
    let idle = std::time::Instant::now() + std::time::Duration::from_secs(11 * 60);
    let task = app.update(Message::Tick(idle));
    crate::common::gui::settle(&mut app, task);
    assert_eq!(app.screen_name(), "unlock", "the idle lock fired");
    assert!(
        shows(
            &app,
            "Locked after 10 minutes with no input. Your work is saved."
        ),
        "the lock screen says so, and the draft below shows it is true"
    );
    let kept = Vault::unlock(&dir, PASSPHRASE)
        .unwrap()
        .draft("incident-new")
        .unwrap()
        .expect("the lock wrote the draft into the vault");
    assert!(
        kept.content
            .contains("Screenshots of a group chat shared at lunch")
    );

    unlock(&mut app, PASSPHRASE);
    assert!(shows(
        &app,
        "Draft from 10:00 restored: what you typed before is back."
    ));
    assert!(shows(&app, "Mrs Okafor, Year 6"));

    click(&mut app, "Discard draft");
    assert!(!shows(&app, "Mrs Okafor, Year 6"), "the form is as new");
    assert!(shows(&app, "New incident"));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert_eq!(vault.draft("incident-new").unwrap(), None);
}

#[test]
fn a_draft_is_kept_on_moving_to_another_area_and_goes_when_the_incident_is_saved() {
    let root = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(root.path(), "activity.gaming-non-educational");
    let mut app = App::new(dir.clone(), Clock::Fixed(now()));
    unlock(&mut app, PASSPHRASE);
    start_typing_an_incident(&mut app);
    click(&mut app, "Dashboard");
    {
        let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
        let kept = vault
            .draft("incident-new")
            .unwrap()
            .expect("a draft is kept");
        assert!(kept.content.contains("Screenshots of a group chat"));
        assert_eq!(kept.saved_at, now());
        vault
            .verify()
            .expect("a draft is not a record: the chain still verifies");
        let csv = root.path().join("log.csv");
        let mut out = std::fs::File::create(&csv).unwrap();
        vault.export_incidents(&mut out).unwrap();
        assert!(
            !std::fs::read_to_string(&csv)
                .unwrap()
                .contains("group chat")
        );
    }

    click(&mut app, "Incidents");
    assert!(
        shows(&app, "Mrs Okafor, Year 6"),
        "the form is back, its draft restored"
    );
    interact_choose_category(&mut app);
    click(&mut app, "Save incident");
    assert!(shows(&app, "Amend record"), "saved and shown");
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert_eq!(
        vault.draft("incident-new").unwrap(),
        None,
        "saved: no draft left"
    );
    let newest = &vault.newest_incidents(1, 0).unwrap()[0];
    assert_eq!(
        vault.incident(newest.id).unwrap().description,
        "Screenshots of a group chat shared at lunch",
        "what was typed before moving away is what was saved"
    );
}

/// Chooses the gaming category on the form on show, as the pick-list does.
fn interact_choose_category(app: &mut App) {
    use esafety_desk::ui::Message;
    use esafety_desk::ui::area::incidents::{self, form};
    use esafety_desk::ui::screen::workspace;
    let gaming =
        esafety_desk::domain::incident::category::category("activity.gaming-non-educational");
    let choice = form::CategoryChoice(gaming.unwrap());
    let message = Message::Workspace(workspace::Message::Incidents(incidents::Message::Form(
        form::Message::Category(choice),
    )));
    let task = app.update(message);
    crate::common::gui::settle(app, task);
}

#[test]
fn saving_an_unfinished_incident_lists_every_problem_each_at_its_field() {
    let root = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(root.path(), "activity.gaming-non-educational");
    let mut app = App::new(dir.clone(), Clock::Fixed(now()));
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Incidents");
    click(&mut app, "New incident");
    type_in(&mut app, "incident-urls", "not-a-site");
    click(&mut app, "Save incident");
    for problem in [
        "4 things to put right before saving: each is shown under its field.",
        "Enter who reported it",
        "Choose the policy's category",
        "Describe what happened",
        "\"not-a-site\" is not a web address (it should start with http:// or https://, or be a site name like example.com)",
    ] {
        assert!(shows(&app, problem), "shows {problem}");
    }
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert_eq!(
        vault.newest_incidents(10, 0).unwrap().len(),
        1,
        "nothing was saved"
    );
}

#[test]
fn an_incident_is_recorded_with_the_keyboard_alone_the_pupil_and_category_found_by_typing() {
    use crate::common::keyboard::Keyboard;
    use esafety_desk::domain::incident::{Location, Part};
    use esafety_desk::ui::area::incidents::form::SAVE_BUTTON;
    use iced::keyboard::{Key, Modifiers, key::Named};
    let root = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(root.path(), "activity.gaming-non-educational");
    let mut app = App::new(dir.clone(), Clock::Fixed(now()));
    let mut keys = Keyboard::new();
    let focus = app.focus_first_field();
    keys.settle(&mut app, focus);
    keys.type_text(&mut app, PASSPHRASE);
    keys.tap(&mut app, Named::Enter);
    assert_eq!(app.screen_name(), "workspace", "Enter unlocked");
    keys.presses = 0;

    keys.ctrl(&mut app, Key::Character("n".into()));
    assert!(shows(&app, "New incident"), "Ctrl+N opened the form");
    keys.tap(&mut app, Named::Tab);
    keys.tap(&mut app, Named::Tab);
    keys.type_text(&mut app, "Mr Reid");
    keys.tap(&mut app, Named::Tab);
    keys.type_text(&mut app, "gam");
    assert!(shows(&app, "Online gaming (non-educational)"));
    assert!(shows(&app, "Online gaming (educational)"));
    keys.tap(&mut app, Named::ArrowDown);
    keys.tap(&mut app, Named::Enter);
    // "Show all categories", then what happened.
    keys.tap(&mut app, Named::Tab);
    keys.tap(&mut app, Named::Tab);
    keys.type_text(&mut app, "Played a racing game in ICT");
    keys.tap(&mut app, Named::Tab);
    keys.type_text(&mut app, "ava");
    assert!(shows(&app, "Year 6"), "the match shows the year group");
    keys.tap(&mut app, Named::Enter);
    assert!(shows(&app, "Ava Jones"), "Enter added the pupil");
    let quickest = keys.presses + 1;
    // Back to Ava's part, just above the box; Down gives the first, Affected; then back.
    keys.press(&mut app, Key::Named(Named::Tab), Modifiers::SHIFT, None);
    keys.tap(&mut app, Named::ArrowDown);
    keys.tap(&mut app, Named::Tab);
    // Where: a pick-list Tab reaches after the search box, the newcomer's kind, given and
    // family names and year group (Add new cannot be pressed yet, so Tab passes it over);
    // Down takes the option after Classroom.
    for _ in 0..5 {
        keys.tap(&mut app, Named::Tab);
    }
    keys.tap(&mut app, Named::ArrowDown);
    // Device, the area of risk, the web addresses, then the first suggested action, which
    // Space unticks.
    for _ in 0..4 {
        keys.tap(&mut app, Named::Tab);
    }
    keys.press(
        &mut app,
        Key::Named(Named::Space),
        Modifiers::empty(),
        Some(" "),
    );
    // On through the other actions and Cancel to Save, which Enter presses.
    let mut tabs = 0;
    while !keys.has_focus(&app, SAVE_BUTTON) {
        keys.tap(&mut app, Named::Tab);
        tabs += 1;
        assert!(tabs < 20, "Tab reaches the Save button");
    }
    keys.tap(&mut app, Named::Enter);

    assert!(
        shows(&app, "Saved as ES-2025-0002."),
        "the new reference shows"
    );
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let newest = &vault.newest_incidents(1, 0).unwrap()[0];
    let saved = vault.incident(newest.id).unwrap();
    assert_eq!(saved.reported_by, "Mr Reid");
    assert_eq!(saved.description, "Played a racing game in ICT");
    assert_eq!(
        saved.location,
        Location::ElsewhereInSchool,
        "Down on Where chose the place after Classroom"
    );
    let chosen = esafety_desk::domain::incident::category::CATEGORIES
        .iter()
        .find(|c| c.key == newest.category)
        .unwrap();
    assert_eq!(
        chosen.short_title(),
        "Online gaming (non-educational)",
        "the arrow moved to the second match"
    );
    assert_eq!(newest.people, ["Ava Jones"]);
    assert_eq!(
        vault.incident_people(newest.id).unwrap()[0].part,
        Some(Part::Affected),
        "Down on Ava's part chose it"
    );
    let first = &saved.actions[0];
    assert!(
        first.suggested && !first.chosen,
        "Space unticked the first suggested action: {first:?}"
    );
    assert!(
        saved.actions[1..].iter().all(|action| action.chosen),
        "the others stay ticked"
    );
    assert_eq!(
        vault.draft("incident-new").unwrap(),
        None,
        "no draft is left"
    );
    eprintln!(
        "keys pressed from Ctrl+N to saved: {quickest} with Ctrl+Enter once Ava is added, {} on this longer path",
        keys.presses
    );
}

/// Every file under `folder`, however deep.
fn files_under(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn a_canary_typed_into_a_draft_is_in_no_file_of_the_data_folder() {
    use esafety_desk::ui::Message;
    let canary = "CANARY-draft-Kx93Qw-pupil";
    let root = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(root.path(), "activity.gaming-non-educational");
    let mut app = App::new(dir.clone(), Clock::Fixed(now()));
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Incidents");
    click(&mut app, "New incident");
    type_in(&mut app, "incident-description", canary);
    type_in(&mut app, "incident-reported-by", canary);
    for message in [Message::WriteDraft, Message::LockNow] {
        let task = app.update(message);
        crate::common::gui::settle(&mut app, task);
    }
    let kept = Vault::unlock(&dir, PASSPHRASE)
        .unwrap()
        .draft("incident-new")
        .unwrap()
        .expect("the draft was written");
    assert!(kept.content.contains(canary), "the draft holds the canary");
    let files = files_under(dir.root());
    assert!(files.len() >= 2, "the vault's files are there: {files:?}");
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let found = bytes.windows(canary.len()).any(|w| w == canary.as_bytes());
        assert!(
            !found,
            "{} holds the draft's words in the clear",
            file.display()
        );
    }
}

#[test]
fn the_incident_page_prints_the_same_record_as_print_incident() {
    let root = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(root.path(), "activity.gaming-non-educational");
    let mut app = open_the_incident(&dir);
    let file = root.path().join("record.pdf");
    type_in(&mut app, "print-path", file.to_str().unwrap());
    click(&mut app, "Print this incident (PDF)…");
    assert!(shows(
        &app,
        &format!(
            "Saved the record to {}. It names the people involved: keep it in the evidence file, not in email.",
            file.display()
        )
    ));
    let words = crate::common::pdf::Pdf::open(&file).text();
    assert!(words.contains("ES-2025-0001"), "{words}");
    assert!(words.contains("Ava Jones"), "the record names its people");
}

#[test]
fn an_excel_log_is_read_from_the_sheet_that_holds_it_and_another_can_be_chosen() {
    use esafety_desk::ui::area::incidents::import::Message;
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let file = root.path().join("incident log.xlsx");
    std::fs::write(
        &file,
        include_bytes!("../fixtures/import/old-incident-log.xlsx"),
    )
    .unwrap();
    let mut app = App::new(dir, Clock::Fixed(now()));
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Incidents");
    click(&mut app, "Import an old log…");
    type_in(&mut app, "import-path", file.to_str().unwrap());
    click(&mut app, "Choose the file…");
    assert!(shows(
        &app,
        "Sheet \"Incident log\". 10 rows: 2 new, 0 already in the vault, 8 with problems."
    ));
    assert!(shows(&app, "Read the sheet"));
    to_import(&mut app, Message::SheetChosen("Lists".into()));
    assert!(shows(
        &app,
        "No column gives occurred at, category, description yet: choose the column for each in the list below. No row is read until then."
    ));
    assert!(
        shows(&app, "\"Types we use\""),
        "the column is there to choose"
    );
}

#[test]
fn what_was_typed_on_an_incidents_page_survives_the_lock_and_can_be_discarded() {
    use esafety_desk::ui::Message;
    let root = tempfile::tempdir().unwrap();
    let dir = vault_with_incident(root.path(), "activity.gaming-non-educational");
    let mut app = open_the_incident(&dir);
    type_in(
        &mut app,
        "incident-conclusion",
        "Warned; parents told at pick-up",
    );
    type_in(
        &mut app,
        "incident-new-action",
        "Check the Chromebook history",
    );
    let task = app.update(Message::LockNow);
    crate::common::gui::settle(&mut app, task);
    assert_eq!(app.screen_name(), "unlock");
    let id = {
        let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
        let id = vault.newest_incidents(1, 0).unwrap()[0].id;
        let kept = vault
            .draft(&format!("incident-{id}"))
            .unwrap()
            .expect("the lock wrote the page's draft into the vault");
        assert!(kept.content.contains("Warned; parents told at pick-up"));
        assert!(kept.content.contains("Check the Chromebook history"));
        id
    };
    for file in files_under(dir.root()) {
        let bytes = std::fs::read(&file).unwrap();
        let typed = b"Check the Chromebook history";
        assert!(
            !bytes.windows(typed.len()).any(|w| w == typed),
            "{} holds the page's draft in the clear",
            file.display()
        );
    }

    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Incidents");
    click(&mut app, "Ava Jones");
    assert!(shows(
        &app,
        "Draft from 10:00 restored: what you typed on this page before is back."
    ));
    assert!(shows(&app, "Warned; parents told at pick-up"));
    assert!(shows(&app, "Check the Chromebook history"));

    click(&mut app, "Discard draft");
    assert!(!shows(&app, "Warned; parents told at pick-up"));
    let task = app.update(Message::WriteDraft);
    crate::common::gui::settle(&mut app, task);
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert_eq!(
        vault.draft(&format!("incident-{id}")).unwrap(),
        None,
        "a discarded draft is not kept"
    );
}
