//! The training audit in the GUI, headless: the counts, and a session recorded for everyone
//! not up to date in one go.

use crate::common::gui::{click, settle, shows, unlock};
use crate::common::{PASSPHRASE, new_vault};
use chrono::Local;
use esafety_desk::domain::clock::Clock;
use esafety_desk::domain::person::{NewPerson, PersonKind};
use esafety_desk::domain::training::TrainingStatus;
use esafety_desk::store::Vault;
use esafety_desk::store::training::NewSession;
use esafety_desk::ui::area::training::{self, session};
use esafety_desk::ui::screen::workspace;
use esafety_desk::ui::{App, Message};

#[test]
fn a_session_is_recorded_for_everyone_not_up_to_date_in_one_go() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let today = Local::now().date_naive();
    let staff: Vec<i64> = ["Tom Bailey", "Sarah Lin", "Helen Moore"]
        .iter()
        .map(|name| {
            let (given, family) = name.split_once(' ').unwrap();
            vault
                .add_person(&NewPerson::named(PersonKind::Staff, given, family))
                .unwrap()
        })
        .collect();
    let annual = vault
        .training_types()
        .unwrap()
        .into_iter()
        .find(|t| t.kind.key == "annual-update")
        .unwrap();
    let session_today = NewSession {
        type_id: annual.id,
        held_on: today,
        provider: "DSL".into(),
        notes: String::new(),
        attendees: vec![staff[0]],
    };
    vault
        .record_training_session(&session_today, today)
        .unwrap();
    drop(vault);

    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "People & training");
    assert!(shows(&app, "Annual safeguarding and online-safety update"));
    assert!(shows(&app, "Sarah Lin"), "not up to date, so listed");
    click(&mut app, "Record a session");
    let choose = Message::Workspace(workspace::Message::Training(training::Message::Session(
        session::Message::Type(session::TypeChoice(annual.id, annual.kind.name.clone())),
    )));
    let task = app.update(choose);
    settle(&mut app, task);
    click(&mut app, "Tick those not up to date");
    assert!(shows(&app, "2 people ticked"));
    click(&mut app, "Save session");
    let notice = format!(
        "Recorded Annual safeguarding and online-safety update on {}: 2 people attended.",
        today.format("%d/%m/%Y")
    );
    assert!(shows(&app, &notice), "back on the audit, saying so");

    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let annual_statuses: Vec<TrainingStatus> = vault
        .training_statuses(today)
        .unwrap()
        .into_iter()
        .filter(|s| s.type_id == annual.id)
        .map(|s| s.status)
        .collect();
    assert_eq!(annual_statuses, [TrainingStatus::UpToDate; 3]);
}

#[test]
fn making_someone_the_dsl_adds_the_dsl_training_to_what_they_need() {
    use esafety_desk::ui::area::training::people;
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let priya = vault
        .add_person(&NewPerson::named(PersonKind::Staff, "Priya", "Shah"))
        .unwrap();
    let dsl_needed = |vault: &Vault| {
        vault
            .training_statuses(Local::now().date_naive())
            .unwrap()
            .iter()
            .any(|s| s.type_name == "DSL and deputy DSL training")
    };
    assert!(!dsl_needed(&vault), "not the DSL yet");
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "People & training");
    click(&mut app, "People…");
    click(&mut app, "Priya Shah");
    let tick = Message::Workspace(workspace::Message::Training(training::Message::People(
        people::Message::Flag(people::Flag::Dsl, true),
    )));
    let task = app.update(tick);
    settle(&mut app, task);
    click(&mut app, "Save details");
    assert!(shows(&app, "Saved Priya Shah."));
    click(&mut app, "Back to the training audit");
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert!(vault.person(priya).unwrap().flags.dsl);
    assert_eq!(
        vault.history("people", priya).unwrap().len(),
        2,
        "the change is audited"
    );
    assert!(dsl_needed(&vault));
}

fn send(app: &mut App, message: training::Message) {
    let task = app.update(Message::Workspace(workspace::Message::Training(message)));
    settle(app, task);
}

#[test]
fn a_parent_is_added_by_hand_and_linked_to_their_child() {
    use crate::common::gui::type_in;
    use esafety_desk::ui::area::training::people::{self, KindChoice};
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let mut ava = NewPerson::named(PersonKind::Pupil, "Ava", "Khan");
    ava.year_group = Some(5);
    let ava = vault.add_person(&ava).unwrap();
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "People & training");
    click(&mut app, "People…");
    click(&mut app, "Add a person");
    send(
        &mut app,
        training::Message::People(people::Message::NewKind(KindChoice(Some(
            PersonKind::ParentOrCarer,
        )))),
    );
    click(&mut app, "Add this person");
    assert!(
        shows(&app, "Enter both the given name and the family name"),
        "a blank name is refused"
    );
    type_in(&mut app, "person-given", "Sam");
    type_in(&mut app, "person-family", "Khan");
    click(&mut app, "Add this person");
    assert!(shows(&app, "Added Sam Khan."));
    type_in(&mut app, "person-child", "ava");
    click(&mut app, "Link Ava Khan");
    assert!(shows(&app, "Ava Khan"), "the link is listed");

    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let sam = vault
        .people()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Sam Khan")
        .unwrap();
    assert_eq!(sam.kind, PersonKind::ParentOrCarer);
    assert_eq!(vault.linked_people(ava).unwrap(), ["Sam Khan"]);
    vault.verify().unwrap();
}

#[test]
fn a_training_type_of_the_schools_own_is_added_and_its_renewal_checked() {
    use crate::common::gui::{retype_in, type_in};
    use esafety_desk::ui::area::training::types;
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    vault
        .add_person(&NewPerson::named(PersonKind::Staff, "Tom", "Bailey"))
        .unwrap();
    drop(vault);
    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "People & training");
    click(&mut app, "Training types…");
    click(&mut app, "Add a training type");
    type_in(&mut app, "type-name", "Prevent duty");
    retype_in(&mut app, "type-renewal", 2, "yearly");
    click(&mut app, "Save training type");
    assert!(shows(
        &app,
        "Renewal must be between 1 and 120 months, or left blank for once only"
    ));
    retype_in(&mut app, "type-renewal", 6, "36");
    send(
        &mut app,
        training::Message::Types(types::Message::Audience(types::AudienceChoice(
            esafety_desk::domain::training::Audience::AllStaff,
        ))),
    );
    click(&mut app, "Save training type");
    assert!(shows(&app, "Saved \u{201c}Prevent duty\u{201d}."));
    assert!(shows(&app, "Every 36 months"));
    click(&mut app, "Back to the training audit");
    assert!(shows(&app, "Prevent duty"), "the audit counts it at once");
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let prevent = vault
        .training_types()
        .unwrap()
        .into_iter()
        .find(|t| t.kind.name == "Prevent duty")
        .unwrap();
    assert_eq!(prevent.kind.renewal_months, Some(36));
}
