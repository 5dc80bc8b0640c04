//! The MIS import in the GUI, headless: an Arbor-style list whose columns are not all
//! recognised is mapped by hand, previewed, imported; the next import remembers the mapping
//! and offers the missing as leavers.

use crate::common::gui::{click, settle, shows, type_in, unlock};
use crate::common::{PASSPHRASE, new_vault};
use esafety_desk::domain::clock::Clock;
use esafety_desk::domain::person::PersonKind;
use esafety_desk::domain::person_import::Field;
use esafety_desk::store::Vault;
use esafety_desk::ui::area::training::{self, import};
use esafety_desk::ui::screen::workspace;
use esafety_desk::ui::{App, Message};

fn send(app: &mut App, message: import::Message) {
    let message = Message::Workspace(workspace::Message::Training(training::Message::Import(
        message,
    )));
    let task = app.update(message);
    settle(app, task);
}

#[test]
fn a_list_is_mapped_by_hand_imported_and_the_mapping_remembered() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let first = root.path().join("arbor staff.csv");
    std::fs::write(
        &first,
        "\u{feff}Arbor ID,First Name,Last Name,Job,Start Date\r\n\
         A1,Kwame,Asante,Teaching assistant,01/09/2019\r\n\
         A2,Jo,Reeve,\"Teacher, Year 3\",2025-09-01\r\n\
         \r\n\
         A3,Lee,Hart,Cook,31/02/2025\r\n",
    )
    .unwrap();

    let mut app = App::new(dir.clone(), Clock::System);
    unlock(&mut app, PASSPHRASE);
    click(&mut app, "People & training");
    click(&mut app, "People…");
    click(&mut app, "Import from the MIS…");
    type_in(&mut app, "people-import-path", first.to_str().unwrap());
    click(&mut app, "Choose file…");
    assert!(shows(
        &app,
        "arbor staff.csv: which column holds each detail. Your choice is remembered for the next staff list."
    ));
    assert!(
        shows(
            &app,
            "Line 5: start_date: \"31/02/2025\" is not a date (write it like 01/09/2025)"
        ),
        "the unrecognised Job column is not mapped yet, but the start date is checked"
    );
    send(
        &mut app,
        import::Message::Map(Field::Role, import::ColumnChoice(Some("Job".into()))),
    );
    send(
        &mut app,
        import::Message::Map(Field::StartDate, import::ColumnChoice(None)),
    );
    assert!(shows(
        &app,
        "3 people new, 0 to update, 0 unchanged, 0 rows with problems."
    ));
    click(&mut app, "Import 3 people");
    assert!(shows(
        &app,
        "Added 3 people, updated 0, 0 unchanged; 0 rows left out; 0 recorded as leaving; 0 new links between parents and children."
    ));

    // Next term's list: Jo has a new job title, Lee has gone.
    let second = root.path().join("arbor staff spring.csv");
    std::fs::write(
        &second,
        "Arbor ID,First Name,Last Name,Job,Start Date\n\
         A1,Kwame,Asante,Teaching assistant,01/09/2019\n\
         A2,Jo,Reeve,Year 3 teacher,2025-09-01\n",
    )
    .unwrap();
    click(&mut app, "Back to people");
    click(&mut app, "Import from the MIS…");
    type_in(&mut app, "people-import-path", second.to_str().unwrap());
    click(&mut app, "Choose file…");
    assert!(
        shows(
            &app,
            "0 people new, 1 to update, 1 unchanged, 0 rows with problems."
        ),
        "the role from Job and the start date left out are remembered: only Jo's role changed"
    );
    assert!(shows(
        &app,
        "1 person is not in this list: Lee Hart. Check it is the whole list before recording them as leavers."
    ));
    send(&mut app, import::Message::MarkLeavers(true));
    click(&mut app, "Import 2 people");
    assert!(shows(
        &app,
        "Added 0 people, updated 1, 1 unchanged; 0 rows left out; 1 recorded as leaving; 0 new links between parents and children."
    ));

    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let staff: Vec<(String, String, bool)> = vault
        .people()
        .unwrap()
        .into_iter()
        .filter(|p| p.kind == PersonKind::Staff)
        .map(|p| {
            let details = vault.person(p.id).unwrap();
            (p.name, details.role, details.leaving_date.is_some())
        })
        .collect();
    assert_eq!(
        staff,
        [
            ("Kwame Asante".into(), "Teaching assistant".into(), false),
            ("Lee Hart".into(), "Cook".into(), true),
            ("Jo Reeve".into(), "Year 3 teacher".into(), false),
        ],
        "nobody duplicated or deleted; the start date column was left out"
    );
    assert!(
        vault
            .person(vault.people().unwrap()[0].id)
            .unwrap()
            .start_date
            .is_none()
    );
    vault.verify().unwrap();
}
