//! The policy's usage tables in the GUI, headless: a cell of the mobile-devices table changed,
//! approved and saved as a new version; the earlier version shown with what changed.

use crate::common::gui::{click, settle, shows, type_in, unlock};
use crate::common::{PASSPHRASE, new_vault};
use esafety_desk::domain::clock::Clock;
use esafety_desk::domain::policy::usage::{DeviceAccess, DeviceOwner};
use esafety_desk::store::Vault;
use esafety_desk::store::policy::UsageTable;
use esafety_desk::ui::area::policy;
use esafety_desk::ui::screen::workspace;
use esafety_desk::ui::{App, Message};

fn send(app: &mut App, message: policy::Message) {
    let task = app.update(Message::Workspace(workspace::Message::Policy(message)));
    settle(app, task);
}

#[test]
fn a_cell_is_changed_approved_and_kept_as_a_new_version() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Devices & communications");
    assert!(shows(&app, "Allowed in school"));
    send(
        &mut app,
        policy::Message::Device(DeviceAccess::InternetOnly, DeviceOwner::VisitorOwned, false),
    );
    assert!(shows(
        &app,
        "• Visitor owned: internet only no longer ticked"
    ));
    click(&mut app, "Save as a new version");
    assert!(shows(
        &app,
        "Say who approved it, e.g. \"Governors' Curriculum & Standards Committee\""
    ));
    type_in(
        &mut app,
        "matrix-approved-by",
        "Governors' Curriculum & Standards Committee",
    );
    click(&mut app, "Save as a new version");
    assert!(shows(&app, "Saved the mobile devices table as version 2."));

    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let versions = vault.usage_versions(UsageTable::Devices).unwrap();
    assert_eq!(versions[0].version, 2);
    assert!(
        !vault
            .usage_matrices(None)
            .unwrap()
            .devices
            .allows(DeviceAccess::InternetOnly, DeviceOwner::VisitorOwned)
    );
    drop(vault);
    send(
        &mut app,
        policy::Message::Version(policy::VersionChoice(Some(versions[0].clone()))),
    );
    assert!(shows(&app, "What this version changed"));
    assert!(shows(
        &app,
        "• Visitor owned: internet only no longer ticked"
    ));
}

#[test]
fn the_table_in_use_is_saved_as_csv_for_the_policy_document() {
    use esafety_desk::domain::policy::usage::CommunicationsMatrix;
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let file = root.path().join("communications.csv");
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Devices & communications");
    click(&mut app, "Communication technologies");
    type_in(&mut app, "matrix-csv-path", file.to_str().unwrap());
    click(&mut app, "Save as CSV…");
    assert!(shows(
        &app,
        &format!(
            "Saved the communication technologies table to {}.",
            file.display()
        )
    ));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        CommunicationsMatrix::stonebridge().to_csv()
    );
}

#[test]
fn a_sanctions_row_is_changed_a_tick_at_a_time_and_the_incident_form_follows() {
    use esafety_desk::domain::policy::SanctionsTable;
    use esafety_desk::ui::area::policy::sanctions;
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    let before = vault.sanctions().unwrap().pupil;
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Devices & communications");
    click(&mut app, "Pupil sanctions");
    click(&mut app, &before.rows[0].title.clone());
    let was = before.rows[0].ticks[0];
    send(
        &mut app,
        policy::Message::Sanctions(sanctions::Message::Tick(0, 0, !was)),
    );
    assert!(shows(&app, "Changes to approve"));
    type_in(&mut app, "sanctions-approved-by", "Governors");
    click(&mut app, "Save as a new version");
    assert!(shows(
        &app,
        "Saved as version 2: the incident form suggests from it now."
    ));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let after = vault.sanctions().unwrap();
    assert_eq!(after.table(SanctionsTable::Pupil).rows[0].ticks[0], !was);
    let change = after.pupil.changes(&before);
    assert_eq!(change.len(), 1);
    let versions = vault.sanctions_versions(SanctionsTable::Pupil).unwrap();
    drop(vault);

    // Version 2 shown with what it changed, and saved as CSV.
    send(
        &mut app,
        policy::Message::Sanctions(sanctions::Message::Version(policy::VersionChoice(Some(
            versions[0].clone(),
        )))),
    );
    assert!(shows(&app, "What this version changed"));
    assert!(shows(&app, &format!("• {}", change[0])));
    let file = root.path().join("pupil sanctions.csv");
    type_in(&mut app, "sanctions-csv-path", file.to_str().unwrap());
    click(&mut app, "Save as CSV…");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        after.pupil.to_csv()
    );
}

#[test]
fn a_category_is_moved_to_another_theme_and_kept_as_a_new_version() {
    use esafety_desk::ui::area::policy::themes::{self, ThemeItem};
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "Devices & communications");
    click(&mut app, "Report themes");
    assert!(shows(&app, "Nudes and semi-nudes"));
    let bullying = ThemeItem {
        key: "bullying".into(),
        title: "Bullying, harassment and hate online".into(),
    };
    send(
        &mut app,
        policy::Message::Themes(themes::Message::Move("pupil.social-media".into(), bullying)),
    );
    let line = "• Social media, messaging or personal email: now under \"Bullying, harassment and hate online\"";
    assert!(shows(&app, line));
    type_in(&mut app, "themes-approved-by", "Governing board");
    click(&mut app, "Save as a new version");
    assert!(shows(
        &app,
        "Saved as version 2: the next governors' report uses these themes."
    ));
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let saved = vault.report_themes(None).unwrap();
    assert_eq!(
        saved.theme_of("pupil.social-media").map(|t| t.key.as_str()),
        Some("bullying")
    );
    assert_eq!(
        vault.report_theme_versions().unwrap()[0].approved_by,
        "Governing board"
    );
}
