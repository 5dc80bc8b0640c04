//! The GUI's main flows, headless: `iced_test` simulators over the real views, messages fed to
//! the real `update`, and the background tasks it returns run to completion.

use esafety_desk::domain::clock::Clock;
use std::time::{Duration, Instant};

use crate::common::gui::{click, interact, retype_in, settle, shows, type_in, type_into, unlock};
use crate::common::{PASSPHRASE, memory_credential_store, new_vault};
use esafety_desk::store::{DataDir, Vault, credential};
use esafety_desk::ui::area::Area;
use esafety_desk::ui::{App, Message};

#[test]
fn set_up_walks_from_an_empty_folder_to_the_main_window() {
    memory_credential_store();
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::new(root.path().join("vault"));
    let mut app = App::new(dir.clone(), Clock::System);
    assert_eq!(app.screen_name(), "setup");

    interact(&mut app, |ui| {
        ui.click("Next").unwrap();
    });
    assert!(
        shows(&app, "School name must be filled in"),
        "an empty school name is refused"
    );

    interact(&mut app, |ui| {
        type_into(ui, "setup-school", "Stonebridge Primary School");
        type_into(ui, "setup-coordinator", "Alex Morgan");
        ui.click("Next").unwrap();
    });
    assert!(shows(&app, "Choose a passphrase"));

    interact(&mut app, |ui| {
        type_into(ui, "setup-passphrase", "password");
        type_into(ui, "setup-confirmation", "password");
        ui.click("Create the vault").unwrap();
    });
    assert!(shows(
        &app,
        "Use at least 12 characters: a few unrelated words make a good passphrase"
    ));
    assert!(
        !dir.has_vault(),
        "nothing is created for a refused passphrase"
    );

    retype_in(&mut app, "setup-passphrase", "password".len(), PASSPHRASE);
    retype_in(&mut app, "setup-confirmation", "password".len(), PASSPHRASE);
    click(&mut app, "Create the vault");
    assert!(shows(&app, "Your recovery key"));
    assert!(dir.has_vault());

    // The key's sheet, saved to print: the key read back from the PDF opens the vault.
    let sheet = root.path().join("recovery key.pdf");
    type_in(&mut app, "setup-sheet-path", sheet.to_str().unwrap());
    click(&mut app, "Save as PDF to print…");
    assert!(shows(
        &app,
        &format!(
            "Saved to {}. Print it, then delete the file and empty the Recycle Bin: it holds the key unencrypted.",
            sheet.display()
        )
    ));
    let text = crate::common::pdf::Pdf::open(&sheet).text();
    assert!(text.contains("The vault of Stonebridge Primary School"));
    assert!(text.contains("CONFIDENTIAL"));
    let printed: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| {
            let groups: Vec<&str> = line.split('-').collect();
            groups.len() == 4 && groups.iter().all(|group| group.len() == 4)
        })
        .collect();
    assert_eq!(printed.len(), 2, "the key on two lines: {text}");
    let key = esafety_desk::store::RecoveryKey::parse(&printed.join("-")).unwrap();
    assert!(
        Vault::unlock_with_recovery(&dir, &key).is_ok(),
        "the printed key opens the vault"
    );

    interact(&mut app, |ui| {
        let _ = ui.click("Continue");
    });
    assert!(
        shows(&app, "Your recovery key"),
        "Continue waits for the tick"
    );

    click(&mut app, "I have written it down or printed it");
    click(&mut app, "Continue");
    click(&mut app, "Remember on this PC");
    click(&mut app, "Open E-Safety Desk");
    assert_eq!(app.screen_name(), "workspace");
    assert_eq!(app.area(), Some(Area::Dashboard));
    for area in Area::ALL {
        assert!(
            shows(&app, area.title()),
            "the sidebar lists {}",
            area.title()
        );
    }
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert!(
        credential::is_remembered(vault.vault_id()),
        "remember on this PC was honoured"
    );
}

#[test]
fn a_wrong_then_the_right_passphrase_opens_the_main_window() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let mut app = App::new(dir, Clock::System);
    assert_eq!(app.screen_name(), "unlock");

    unlock(&mut app, "not the passphrase");
    assert!(shows(&app, "That passphrase is not right"));
    assert_eq!(app.screen_name(), "unlock");

    unlock(&mut app, PASSPHRASE);
    assert_eq!(app.screen_name(), "workspace");
    assert!(shows(&app, "Stonebridge Primary School"));
}

#[test]
fn five_wrong_passphrases_in_a_row_bring_a_wait() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let mut app = App::new(dir, Clock::System);
    for _ in 0..5 {
        unlock(&mut app, "wrong guess");
    }
    assert!(shows(
        &app,
        "5 wrong tries in a row: wait 5 s before trying again."
    ));
    unlock(&mut app, PASSPHRASE);
    assert_eq!(
        app.screen_name(),
        "unlock",
        "no try is taken during the wait"
    );
    let later = Instant::now() + Duration::from_secs(6);
    let task = app.update(Message::Tick(later));
    settle(&mut app, task);
    click(&mut app, "Unlock");
    assert_eq!(
        app.screen_name(),
        "workspace",
        "the typed passphrase is tried once the wait is over"
    );
}

#[test]
fn the_recovery_key_unlocks_then_requires_a_new_passphrase() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, recovery) = new_vault(root.path());
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    click(&mut app, "Use recovery key");
    unlock(&mut app, &recovery.display());
    assert_eq!(app.screen_name(), "new passphrase");
    let new = "lantern quarry sorbet tundra";
    type_in(&mut app, "recover-passphrase", new);
    type_in(&mut app, "recover-confirmation", new);
    click(&mut app, "Save and continue");
    assert_eq!(app.screen_name(), "workspace");
    assert!(Vault::unlock(&dir, new).is_ok());
}

#[test]
fn idle_time_locks_the_vault_and_unlocking_returns_to_the_same_area() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let mut app = App::new(dir, Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Settings");
    assert_eq!(app.area(), Some(Area::Settings));

    let start = Instant::now();
    let _ = app.update(Message::Input(start + Duration::from_secs(5 * 60)));
    let _ = app.update(Message::Tick(start + Duration::from_secs(14 * 60)));
    assert_eq!(
        app.screen_name(),
        "workspace",
        "input five minutes in restarts the ten minutes"
    );
    let _ = app.update(Message::Tick(start + Duration::from_secs(15 * 60 + 1)));
    assert_eq!(app.screen_name(), "unlock");
    assert!(shows(
        &app,
        "Locked after 10 minutes with no input. Your work is saved."
    ));

    unlock(&mut app, PASSPHRASE);
    assert_eq!(app.area(), Some(Area::Settings));
}

#[test]
fn hide_blanks_the_window_and_lock_asks_for_the_passphrase() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let mut app = App::new(dir, Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Hide");
    assert_eq!(app.screen_name(), "hidden");
    assert!(
        !shows(&app, "Stonebridge Primary School"),
        "nothing of the school shows while hidden"
    );
    let _ = app.update(Message::ToggleHidden);
    assert_eq!(app.screen_name(), "workspace");
    let _ = app.update(Message::LockNow);
    assert_eq!(app.screen_name(), "unlock");
}

#[test]
fn help_in_the_sidebar_opens_the_user_guide_and_says_where_it_is() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let mut app = App::new(dir, Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Help: the user guide");
    let guide = root.path().join(esafety_desk::help::USER_GUIDE_FILE);
    assert_eq!(
        std::fs::read_to_string(&guide).expect("the guide is written beside the data folder"),
        esafety_desk::help::USER_GUIDE_HTML
    );
    // Opened in a browser where there is one; where none starts (CI), it says so and where.
    let opened = format!("Opened in your web browser: {}", guide.display());
    let no_browser = esafety_desk::help::GuideError::Browser {
        file: guide.clone(),
        source: std::io::Error::from_raw_os_error(2),
    };
    assert!(
        shows(&app, &opened) || shows(&app, &no_browser.to_string()),
        "the sidebar says what became of it"
    );
}

#[test]
fn settings_saves_the_school_details_and_refuses_an_empty_name() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Settings");
    type_in(&mut app, "settings-head", "Mrs J. Patel");
    click(&mut app, "Save details");
    assert!(shows(
        &app,
        "Saved. The earlier details stay in the audit trail."
    ));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert_eq!(vault.settings().unwrap().headteacher, "Mrs J. Patel");
    drop(vault);

    retype_in(
        &mut app,
        "settings-school",
        "Stonebridge Primary School".len(),
        "",
    );
    click(&mut app, "Save details");
    assert!(shows(&app, "School name must be filled in"));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert_eq!(
        vault.settings().unwrap().school_name,
        "Stonebridge Primary School"
    );
}

#[test]
fn an_incident_is_recorded_from_the_list_found_by_search_and_closed_only_as_the_policy_allows() {
    use esafety_desk::domain::incident::category::category;
    use esafety_desk::ui::area::incidents::{self, form};
    use esafety_desk::ui::picker;
    use esafety_desk::ui::screen::workspace;

    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let mut pupil = esafety_desk::domain::person::NewPerson::named(
        esafety_desk::domain::person::PersonKind::Pupil,
        "Ava",
        "Jones",
    );
    pupil.year_group = Some(6);
    vault.add_person(&pupil).unwrap();
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Incidents");
    assert!(shows(&app, "No incidents recorded yet."));
    click(&mut app, "New incident");
    assert!(shows(&app, "New incident"));

    let to_form = |message| {
        Message::Workspace(workspace::Message::Incidents(incidents::Message::Form(
            message,
        )))
    };
    type_in(&mut app, "incident-reported-by", "Mr T. Bailey, Year 6");
    type_in(
        &mut app,
        "incident-description",
        "A stranger in an online game asked a pupil for photos.",
    );
    for message in [
        form::Message::Category(form::CategoryChoice(category("activity.grooming").unwrap())),
        form::Message::PersonSearch(picker::Message::Typed("ava jo".into())),
        form::Message::PersonSearch(picker::Message::Submit),
    ] {
        let task = app.update(to_form(message));
        settle(&mut app, task);
    }
    assert!(
        shows(&app, "Illegal: what to do now"),
        "the policy's instruction is shown for an illegal category"
    );
    assert!(
        shows(&app, "Refer to the Police"),
        "the sanctions table's actions are suggested"
    );
    click(&mut app, "Save incident");
    assert!(shows(&app, "Back to the list"), "saving opens the incident");
    assert!(
        !shows(&app, "Start investigating"),
        "illegal content is never offered an investigation in school"
    );

    click(&mut app, "Close incident");
    assert!(shows(
        &app,
        "Choose the outcome before closing the incident"
    ));
    let to_detail = |message| {
        Message::Workspace(workspace::Message::Incidents(incidents::Message::Detail(
            message,
        )))
    };
    let task = app.update(to_detail(incidents::detail::Message::Outcome(
        esafety_desk::domain::incident::Outcome::NotSubstantiated,
    )));
    settle(&mut app, task);
    type_in(
        &mut app,
        "incident-conclusion",
        "Disclosure made; no offence found by the police",
    );
    click(&mut app, "Close incident");
    assert!(
        shows(
            &app,
            "Still open on this incident: close it anyway, or put these right first."
        ),
        "closing lists what is still open first"
    );
    assert!(shows(
        &app,
        "• The parents or carers are not recorded as informed"
    ));
    assert!(shows(&app, "• Not done yet: Refer to the Police"));
    click(&mut app, "Close anyway");
    assert!(shows(
        &app,
        "This incident is in an illegal category: record the police referral, or the reason for deciding not to refer, before closing it"
    ));
    type_in(
        &mut app,
        "incident-reason-not-to-refer",
        "Police advised by phone: no offence disclosed",
    );
    click(&mut app, "Record decision");
    click(&mut app, "Close incident");
    click(&mut app, "Close anyway");
    assert!(!shows(&app, "Close anyway"), "closed now");

    click(&mut app, "Back to the list");
    type_in(&mut app, "incident-search", "strang phot");
    assert!(
        shows(&app, "Ava Jones"),
        "search finds it by words of the description"
    );
    type_in(&mut app, "incident-search", " zzz");
    assert!(shows(&app, "No incident matches every word."));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert_eq!(
        vault.newest_incidents(10, 0).unwrap()[0].status,
        esafety_desk::domain::incident::Status::Closed
    );
}

#[test]
fn the_dashboard_counts_incidents_not_yet_closed() {
    use esafety_desk::domain::incident::{Device, Location};

    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let now = chrono::Local::now().naive_local();
    let incident =
        crate::common::example_incident("activity.grooming", now - chrono::Duration::hours(3))
            .place(Location::Online, Device::PupilOwned)
            .described("Disclosure about an adult in an online game.")
            .build();
    vault.record_incident(&incident, now).unwrap();
    drop(vault);
    let mut app = App::new(dir, Clock::System);
    unlock(&mut app, PASSPHRASE);
    assert!(shows(
        &app,
        "1 open · 0 under investigation · 1 illegal incident not closed"
    ));
    click(&mut app, "Open the incident log");
    assert_eq!(app.area(), Some(Area::Incidents));
}

#[test]
fn the_dashboard_asks_for_a_backup_and_settings_takes_one_to_a_typed_file() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    assert!(shows(&app, "No backup has been taken of this vault."));
    click(&mut app, "Back up in Settings");
    assert_eq!(app.area(), Some(Area::Settings));

    // A folder that does not exist is refused in words, and nothing is noted.
    let nowhere = root.path().join("no such folder").join("vault.esdbak");
    type_in(&mut app, "backup-path", nowhere.to_str().unwrap());
    click(&mut app, "Back up now…");
    let refused = format!(
        "Could not write {}: that folder does not exist",
        nowhere.display()
    );
    assert!(shows(&app, &refused));
    assert!(shows(&app, "No backup has been taken of this vault."));

    let file = root.path().join("vault.esdbak");
    retype_in(
        &mut app,
        "backup-path",
        nowhere.to_str().unwrap().chars().count(),
        file.to_str().unwrap(),
    );
    click(&mut app, "Back up now…");
    let noted = Vault::unlock(&dir, PASSPHRASE)
        .unwrap()
        .last_backup()
        .unwrap()
        .expect("the backup is noted in the vault");
    assert_eq!(noted.file, file.display().to_string());
    assert!(noted.database_bytes > 10_000, "a real copy of the database");
    let done = format!(
        "Backed up to {} ({} KiB). The same passphrase and recovery key open it.",
        file.display(),
        noted.database_bytes.div_ceil(1024)
    );
    assert!(shows(&app, &done));
    assert!(shows(&app, "Last backup today."));
    assert!(file.is_file());
    click(&mut app, "Dashboard");
    assert!(shows(&app, "Last backup today."));
    assert!(!shows(&app, "Back up in Settings"));
}

#[test]
fn a_new_pc_restores_a_backup_from_set_up_and_unlocks_it() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let file = root.path().join("moving.esdbak");
    vault.back_up(&file).unwrap();
    drop(vault);
    let fresh = DataDir::new(root.path().join("new pc"));
    let mut app = App::new(fresh.clone(), Clock::System);
    assert_eq!(app.screen_name(), "setup");

    // Not a backup: refused in words, and the folder stays empty.
    let wrong = root.path().join("notes.txt");
    std::fs::write(&wrong, "shopping list").unwrap();
    type_in(&mut app, "setup-restore-path", wrong.to_str().unwrap());
    click(&mut app, "Restore a backup…");
    let refused = format!(
        "{} is not a usable E-Safety Desk backup: it does not start like one",
        wrong.display()
    );
    assert!(shows(&app, &refused));
    assert!(!fresh.has_vault());
    assert_eq!(app.screen_name(), "setup");

    retype_in(
        &mut app,
        "setup-restore-path",
        wrong.to_str().unwrap().chars().count(),
        file.to_str().unwrap(),
    );
    click(&mut app, "Restore a backup…");
    assert_eq!(app.screen_name(), "unlock");
    assert!(fresh.has_vault());
    unlock(&mut app, PASSPHRASE);
    assert_eq!(app.area(), Some(Area::Dashboard));
    assert!(shows(&app, "Stonebridge Primary School"));
}

#[test]
fn settings_exports_the_log_as_csv_and_checks_the_vault() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let happened = chrono::Local::now().naive_local() - chrono::Duration::days(1);
    let incident = crate::common::example_incident("pupil.mobile-devices", happened)
        .described("Phone used in a lesson.")
        .build();
    vault
        .record_incident(&incident, happened + chrono::Duration::hours(2))
        .unwrap();
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Settings");
    let file = root.path().join("log.csv");
    type_in(&mut app, "export-path", file.to_str().unwrap());
    click(&mut app, "Export the incident log…");
    assert!(shows(
        &app,
        &format!(
            "Exported 1 incident to {}. The CSV is not encrypted and holds names: keep it on the school's secure storage and delete it when done.",
            file.display()
        )
    ));
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(csv.starts_with("reference,"), "{csv}");
    assert!(csv.contains("Phone used in a lesson."));

    click(&mut app, "Check the vault");
    let report = esafety_desk::store::Vault::unlock(&dir, PASSPHRASE)
        .unwrap()
        .verify()
        .unwrap();
    let words = report.to_string();
    assert!(words.starts_with("The vault is sound: "), "{words}");
    assert!(
        shows(&app, &words),
        "the check's result in words, as verify says it"
    );
}

#[test]
fn a_second_copy_of_the_app_is_told_the_vault_is_open_in_the_first() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = crate::common::new_vault(root.path());
    drop(vault);
    let mut first = App::new(dir.clone(), Clock::System);
    unlock(&mut first, PASSPHRASE);
    assert!(shows(&first, "Dashboard"));
    let mut second = App::new(dir.clone(), Clock::System);
    unlock(&mut second, PASSPHRASE);
    let holder = std::fs::read_to_string(dir.root().join("vault.in-use")).unwrap();
    assert!(
        holder.starts_with("on ") && holder.contains(" since "),
        "{holder}"
    );
    let told = esafety_desk::store::StoreError::OpenElsewhere(holder).to_string();
    assert!(shows(&second, &told), "{told}");
    assert!(!shows(&second, "Dashboard"));
    // Once the first is closed, the second opens.
    drop(first);
    unlock(&mut second, PASSPHRASE);
    assert!(shows(&second, "Dashboard"));
}
