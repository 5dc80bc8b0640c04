//! A vault written by each earlier version opens in this one: the schema is brought up to
//! date, the audit chain records what the upgrade changed, every record reads back as the
//! types this version uses, and tampering from before is still caught. The fixtures are demo
//! vaults each version wrote (`tests/fixtures/vaults/schema-N`, passphrase `demo`).

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

/// A copy of the demo vault schema version `n` wrote, in a temporary folder.
fn copy_of_schema(root: &Path, n: u32) -> DataDir {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/vaults")
        .join(format!("schema-{n}"));
    let dir = DataDir::new(root.join(format!("vault-{n}")));
    std::fs::create_dir_all(dir.root()).unwrap();
    for file in ["vault.db", "vault.keys"] {
        std::fs::copy(fixture.join(file), dir.root().join(file)).unwrap();
    }
    dir
}

/// The schema versions earlier releases shipped, each with a demo vault kept as a fixture.
const SHIPPED: [u32; 5] = [2, 3, 4, 5, 6];

#[test]
fn every_shipped_schema_upgrades_verifies_and_reads_back_whole() {
    use esafety_desk::report::governor::{self, Request};
    use esafety_desk::report::period::Period;
    for n in SHIPPED {
        let root = tempfile::tempdir().unwrap();
        let dir = copy_of_schema(root.path(), n);
        let vault = Vault::unlock(&dir, "demo").unwrap_or_else(|e| panic!("schema {n}: {e}"));
        let chain = vault.verify().unwrap_or_else(|e| panic!("schema {n}: {e}"));
        let incidents = vault.newest_incidents(100_000, 0).unwrap();
        assert!(
            !incidents.is_empty(),
            "schema {n}: the demo's incidents are there"
        );
        for incident in &incidents {
            let read = |what: &str, result: Result<(), esafety_desk::store::StoreError>| {
                result.unwrap_or_else(|e| panic!("schema {n}, {}: {what}: {e}", incident.reference))
            };
            read("detail", vault.incident(incident.id).map(drop));
            read("timeline", vault.timeline(incident.id).map(drop));
            read("referrals", vault.incident_referrals(incident.id).map(drop));
            read("decisions", vault.incident_decisions(incident.id).map(drop));
            read(
                "amendments",
                vault.incident_amendments(incident.id).map(drop),
            );
            read("investigation", vault.investigation(incident.id).map(drop));
            read("evidence", vault.evidence(incident.id).map(drop));
        }
        for person in vault.people().unwrap() {
            vault.chronology(person.id).unwrap();
        }
        let year = incidents[0].reported_at.date();
        let school_year = vault
            .terms()
            .unwrap()
            .place(year)
            .reporting_half_term()
            .year;
        governor::gather(
            &vault,
            &Request {
                period: Period::Year(school_year),
                prepared_on: year,
            },
        )
        .unwrap_or_else(|e| panic!("schema {n}: the year's report: {e}"));
        drop(vault);
        let again = Vault::unlock(&dir, "demo").unwrap();
        assert_eq!(
            again.verify().unwrap().chain.entries,
            chain.chain.entries,
            "schema {n}: the upgrade is noted once"
        );
    }
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
