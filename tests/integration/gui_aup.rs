//! The AUP registers in the GUI, headless: a class signs the pupil agreement in one go.

use crate::common::gui::{click, settle, shows, unlock};
use crate::common::{PASSPHRASE, new_vault};
use chrono::{Local, NaiveDate};
use esafety_desk::domain::aup::{Register, SignatureStatus};
use esafety_desk::domain::clock::Clock;
use esafety_desk::domain::person::{NewPerson, PersonKind};
use esafety_desk::store::Vault;
use esafety_desk::ui::area::aup::{self, sign};
use esafety_desk::ui::screen::workspace;
use esafety_desk::ui::{App, Message};

fn to_sign(message: sign::Message) -> Message {
    Message::Workspace(workspace::Message::Aup(aup::Message::Sign(message)))
}

#[test]
fn year_5_signs_the_pupil_agreement_in_one_go() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    for (given, family, year) in [
        ("Ava", "Jones", 5),
        ("Leo", "Ahmed", 5),
        ("Theo", "Clarke", 2),
    ] {
        let mut pupil = NewPerson::named(PersonKind::Pupil, given, family);
        pupil.year_group = Some(year);
        vault.add_person(&pupil).unwrap();
    }
    let approved = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap();
    let document = vault
        .add_aup_document(Register::Pupils, "Pupil AUP", "2024", approved)
        .unwrap();
    drop(vault);

    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "AUP & consent");
    assert!(shows(&app, "Pupil AUP — version 2024, approved 01/07/2024"));
    click(&mut app, "Record signatures");
    for message in [
        sign::Message::Document(sign::DocumentChoice(
            document,
            "Pupil AUP (version 2024)".into(),
        )),
        sign::Message::Class(sign::ClassChoice(Some(5), false)),
    ] {
        let task = app.update(to_sign(message));
        settle(&mut app, task);
    }
    assert!(shows(&app, "Ava Jones — Not signed"));
    assert!(
        !shows(&app, "Theo Clarke — Not signed"),
        "Year 2 is not listed"
    );
    click(&mut app, "Tick everyone listed");
    assert!(shows(&app, "2 people ticked"));
    click(&mut app, "Save signatures");
    let today = Local::now().date_naive();
    let notice = format!(
        "2 people signed Pupil AUP (version 2024) on {}.",
        today.format("%d/%m/%Y")
    );
    assert!(shows(&app, &notice));

    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let statuses: Vec<(String, SignatureStatus)> = vault
        .aup_statuses(today)
        .unwrap()
        .into_iter()
        .map(|r| (r.name, r.status))
        .collect();
    assert!(statuses.contains(&("Ava Jones".into(), SignatureStatus::Signed)));
    assert!(statuses.contains(&("Theo Clarke".into(), SignatureStatus::NotSigned)));
}

#[test]
fn the_parents_of_year_5_sign_the_parent_agreement_from_their_childrens_class() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let pupil = |vault: &mut Vault, given: &str, family: &str, year: u8| {
        let mut pupil = NewPerson::named(PersonKind::Pupil, given, family);
        pupil.year_group = Some(year);
        vault.add_person(&pupil).unwrap()
    };
    let ava = pupil(&mut vault, "Ava", "Jones", 5);
    let theo = pupil(&mut vault, "Theo", "Clarke", 2);
    let rosa = pupil(&mut vault, "Rosa", "Clarke", 5);
    let parent = |vault: &mut Vault, given: &str, family: &str, children: &[i64]| {
        let id = vault
            .add_person(&NewPerson::named(PersonKind::ParentOrCarer, given, family))
            .unwrap();
        for &child in children {
            vault.link_parent(id, child).unwrap();
        }
    };
    parent(&mut vault, "Mia", "Jones", &[ava]);
    parent(&mut vault, "Dan", "Clarke", &[theo, rosa]);
    parent(&mut vault, "Kit", "Lowe", &[theo]);
    let approved = NaiveDate::from_ymd_opt(2024, 7, 1).unwrap();
    let document = vault
        .add_aup_document(Register::Parents, "Parent AUP", "1", approved)
        .unwrap();
    drop(vault);

    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "AUP & consent");
    click(&mut app, "Record signatures");
    for message in [
        sign::Message::Document(sign::DocumentChoice(
            document,
            "Parent AUP (version 1)".into(),
        )),
        sign::Message::Class(sign::ClassChoice(Some(5), true)),
    ] {
        let task = app.update(to_sign(message));
        settle(&mut app, task);
    }
    assert!(shows(&app, "Mia Jones (Year 5) — Not signed"));
    assert!(
        shows(&app, "Dan Clarke (Year 2, Year 5) — Not signed"),
        "a parent with a child in Year 5 is listed"
    );
    assert!(
        !shows(&app, "Kit Lowe (Year 2) — Not signed"),
        "a Year 2 parent is not"
    );
    click(&mut app, "Tick everyone listed");
    click(&mut app, "Save signatures");
    let today = Local::now().date_naive();
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let signed: Vec<String> = vault
        .aup_statuses(today)
        .unwrap()
        .into_iter()
        .filter(|r| r.status == SignatureStatus::Signed)
        .map(|r| r.name)
        .collect();
    assert_eq!(signed, ["Dan Clarke", "Mia Jones"]);
}
