//! A vault written by the first release opens in this one: the schema is brought up to date,
//! the audit chain records what the upgrade changed, and tampering from before is still caught.

use std::path::Path;

use esafety_desk::store::envelope::KeyEnvelope;
use esafety_desk::store::{DataDir, Vault};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/vaults/schema-2"
);

/// A copy of the first release's demo vault in a temporary folder.
fn copy_of_the_first_release(root: &Path) -> DataDir {
    let dir = DataDir::new(root.join("vault"));
    std::fs::create_dir_all(dir.root()).unwrap();
    for file in ["vault.db", "vault.keys"] {
        std::fs::copy(Path::new(FIXTURE).join(file), dir.root().join(file)).unwrap();
    }
    dir
}

#[test]
fn a_first_release_vault_upgrades_and_still_verifies() {
    let root = tempfile::tempdir().unwrap();
    let dir = copy_of_the_first_release(root.path());
    let vault = Vault::unlock(&dir, "demo").unwrap();
    let report = vault.verify().unwrap();
    let history = vault.history("school_settings", 1).unwrap();
    let last = history.last().unwrap();
    assert!(
        last.actor.contains("upgrade from schema 2 to"),
        "{}",
        last.actor
    );
    assert!(last.content.contains("\"photo_consent_yearly\":0"));
    assert_eq!(vault.newest_incidents(1000, 0).unwrap().len(), 48);
    assert!(!vault.search_incidents("proxy", 10).unwrap().is_empty());
    assert_eq!(vault.training_types().unwrap().len(), 5, "defaults added");
    assert!(vault.sanctions().is_ok());
    drop(vault);

    let again = Vault::unlock(&dir, "demo").unwrap();
    assert_eq!(
        again.verify().unwrap().chain.entries,
        report.chain.entries,
        "the upgrade is noted once"
    );
}

#[test]
fn a_change_made_behind_the_apps_back_before_the_upgrade_is_still_caught() {
    let root = tempfile::tempdir().unwrap();
    let dir = copy_of_the_first_release(root.path());
    let key = KeyEnvelope::load(&dir.envelope())
        .unwrap()
        .open_with_passphrase("demo")
        .unwrap();
    let conn = crate::common::behind_the_apps_back(&dir, &hex::encode(key.as_bytes()));
    conn.execute("UPDATE people SET family_name = 'Changed' WHERE id = 1", [])
        .unwrap();
    drop(conn);
    let vault = Vault::unlock(&dir, "demo").unwrap();
    let caught = vault.verify().unwrap_err();
    assert!(caught.is_integrity_failure());
    assert_eq!(
        caught.to_string(),
        "The audit chain does not match: people record 1 was changed outside the app after entry 2"
    );
}

#[test]
fn a_vault_from_a_newer_version_is_refused_in_words_and_not_touched() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = crate::common::new_vault(root.path());
    let key = crate::common::raw_key_hex(&vault);
    drop(vault);
    let conn = crate::common::behind_the_apps_back(&dir, &key);
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    conn.pragma_update(None, "user_version", version + 1)
        .unwrap();
    drop(conn);
    let before = crate::common::folder_files(&dir);
    let Err(error) = Vault::unlock(&dir, crate::common::PASSPHRASE) else {
        panic!("a newer vault opened");
    };
    assert!(
        error
            .to_string()
            .starts_with("This vault was made by a newer version of E-Safety Desk"),
        "{error}"
    );
    assert!(!error.is_integrity_failure() && !error.is_locked_out());
    assert_eq!(
        crate::common::folder_files(&dir),
        before,
        "nothing was changed"
    );
}
