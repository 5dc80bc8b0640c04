//! The vault from outside: create, unlock, recover, change passphrase, tampering and damage.

use crate::common::{
    OTHER_PASSPHRASE, PASSPHRASE, behind_the_apps_back, folder_files, new_vault, raw_key_hex,
};
use esafety_desk::domain::SchoolSettings;
use esafety_desk::store::{DataDir, StoreError, Vault, backup};

#[test]
fn a_new_vault_reopens_with_its_passphrase_and_keeps_the_settings() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let settings = vault.settings().unwrap();
    assert_eq!(settings.school_name, "Stonebridge Primary School");
    assert_eq!(settings.auto_lock_minutes, 10);
    // The settings, the two sanctions and three usage tables, the report's themes, the five
    // training types, the nine schedule items.
    assert_eq!(vault.verify().unwrap().chain.entries, 21);
}

#[test]
fn a_weak_passphrase_or_an_existing_vault_is_refused_and_nothing_is_created() {
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::new(root.path().join("weak"));
    let settings = SchoolSettings::new("Stonebridge Primary School", "Alex Morgan");
    let weak = Vault::create(&dir, &settings, "stonebridge1");
    assert!(matches!(weak, Err(StoreError::Passphrase(_))), "{weak:?}");
    assert!(!dir.has_vault());
    let (dir, _vault, _) = new_vault(root.path());
    let again = Vault::create(&dir, &settings, PASSPHRASE);
    assert!(matches!(again, Err(StoreError::VaultExists(_))));
}

#[test]
fn a_wrong_passphrase_is_named_and_writes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let before = folder_files(&dir);
    let error = Vault::unlock(&dir, "kettle orbit marmalade fjords").unwrap_err();
    assert!(matches!(error, StoreError::WrongPassphrase));
    assert_eq!(error.to_string(), "That passphrase is not right");
    assert_eq!(
        folder_files(&dir),
        before,
        "a wrong passphrase must leave every file as it was"
    );
}

#[test]
fn the_recovery_key_unlocks_and_a_changed_passphrase_rewraps_without_reencrypting() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, recovery) = new_vault(root.path());
    drop(vault);
    let database_before = std::fs::read(dir.database()).unwrap();
    let typed = recovery.display().to_lowercase().replace('-', " ");
    let mut vault = Vault::unlock_with_recovery(
        &dir,
        &esafety_desk::store::RecoveryKey::parse(&typed).unwrap(),
    )
    .unwrap();
    vault
        .change_passphrase(OTHER_PASSPHRASE, OTHER_PASSPHRASE)
        .unwrap();
    drop(vault);
    assert_eq!(
        std::fs::read(dir.database()).unwrap(),
        database_before,
        "the database is not re-encrypted"
    );
    assert!(matches!(
        Vault::unlock(&dir, PASSPHRASE),
        Err(StoreError::WrongPassphrase)
    ));
    assert!(Vault::unlock(&dir, OTHER_PASSPHRASE).is_ok());
    assert!(
        Vault::unlock_with_recovery(&dir, &recovery).is_ok(),
        "the recovery key still works"
    );
}

#[test]
fn a_new_passphrase_must_meet_the_rule_and_match() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    assert!(matches!(
        vault.change_passphrase("short", "short"),
        Err(StoreError::Passphrase(_))
    ));
    let mismatch = vault
        .change_passphrase(OTHER_PASSPHRASE, PASSPHRASE)
        .unwrap_err();
    assert_eq!(mismatch.to_string(), "The two passphrases do not match");
    assert!(matches!(
        vault.check_passphrase(OTHER_PASSPHRASE),
        Err(StoreError::WrongPassphrase)
    ));
}

#[test]
fn nothing_written_through_the_app_appears_in_any_file_of_the_data_folder() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, recovery) = new_vault(root.path());
    let canary = "CANARY-Zq7Wv3-Pupil-Name";
    let mut settings = vault.settings().unwrap();
    settings.headteacher = canary.into();
    vault.save_settings(&settings).unwrap();
    let check = |files: Vec<(String, Vec<u8>)>| {
        assert!(files.iter().any(|(name, _)| name == "vault.db"));
        for needle in [
            canary.as_bytes(),
            PASSPHRASE.as_bytes(),
            b"Stonebridge",
            recovery.display().as_bytes(),
        ] {
            for (name, bytes) in &files {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{name} holds {:?}",
                    String::from_utf8_lossy(needle)
                );
            }
        }
    };
    let open_files = folder_files(&dir);
    assert!(
        open_files.iter().any(|(name, _)| name == "vault.db-wal"),
        "the write-ahead log is checked too"
    );
    check(open_files);
    drop(vault);
    check(folder_files(&dir));
}

#[test]
fn a_flipped_byte_in_the_database_is_reported_as_damage_not_a_panic() {
    for offset in [100usize, 4096 + 2000, 3 * 4096 + 50] {
        let root = tempfile::tempdir().unwrap();
        let (dir, vault, _) = new_vault(root.path());
        drop(vault);
        let mut bytes = std::fs::read(dir.database()).unwrap();
        bytes[offset] ^= 0x01;
        std::fs::write(dir.database(), bytes).unwrap();
        let outcome = Vault::unlock(&dir, PASSPHRASE).and_then(|vault| vault.verify().map(drop));
        match outcome {
            Err(error @ StoreError::Damaged(_)) => {
                assert!(error.to_string().contains("damaged"), "{error}")
            }
            other => panic!("byte {offset}: expected the damaged-file error, got {other:?}"),
        }
    }
}

#[test]
fn the_audit_chain_names_a_record_changed_behind_the_apps_back() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let mut settings = vault.settings().unwrap();
    settings.headteacher = "Mrs J. Patel".into();
    vault.save_settings(&settings).unwrap();
    let key = raw_key_hex(&vault);
    drop(vault);
    behind_the_apps_back(&dir, &key)
        .execute("UPDATE school_settings SET headteacher = 'Mr X'", [])
        .unwrap();
    let error = Vault::unlock(&dir, PASSPHRASE)
        .unwrap()
        .verify()
        .unwrap_err();
    assert!(error.is_integrity_failure());
    assert_eq!(
        error.to_string(),
        "The audit chain does not match: school_settings record 1 was changed outside the app after entry 22"
    );
}

#[test]
fn the_audit_chain_names_a_record_added_or_removed_behind_the_apps_back() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    let key = raw_key_hex(&vault);
    drop(vault);
    let raw = behind_the_apps_back(&dir, &key);
    raw.execute(
        "INSERT INTO people (kind, given_name, family_name) VALUES ('staff', 'Ghost', 'Entry')",
        [],
    )
    .unwrap();
    let added = raw.last_insert_rowid();
    let check = || {
        Vault::unlock(&dir, PASSPHRASE)
            .unwrap()
            .verify()
            .unwrap_err()
    };
    assert_eq!(
        check().to_string(),
        format!(
            "The audit chain does not match: people record {added} has no audit entry: it was added outside the app"
        )
    );
    raw.execute("DROP TRIGGER IF EXISTS people_no_delete", [])
        .unwrap();
    raw.execute("DELETE FROM people", []).unwrap();
    raw.execute("DROP TRIGGER IF EXISTS review_items_no_delete", [])
        .unwrap();
    raw.execute(
        "DELETE FROM review_items WHERE id = (SELECT MIN(id) FROM review_items)",
        [],
    )
    .unwrap();
    let error = check();
    assert!(error.is_integrity_failure());
    assert!(
        error
            .to_string()
            .ends_with("is missing: it was removed outside the app"),
        "{error}"
    );
}

#[test]
fn the_audit_chain_names_the_first_entry_rewritten_behind_the_apps_back() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let mut settings = vault.settings().unwrap();
    for head in ["A", "B", "C"] {
        settings.headteacher = head.into();
        vault.save_settings(&settings).unwrap();
    }
    let key = raw_key_hex(&vault);
    drop(vault);
    let conn = behind_the_apps_back(&dir, &key);
    conn.execute_batch("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'Someone else' WHERE seq = 22;").unwrap();
    drop(conn);
    let error = Vault::unlock(&dir, PASSPHRASE)
        .unwrap()
        .verify()
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with(
            "The audit chain does not match: entry 22 (amend school_settings record 1"
        ),
        "{message}"
    );
    assert!(message.ends_with("does not match its hash"), "{message}");
}

#[test]
fn every_amendment_keeps_the_earlier_content_in_the_history() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let mut settings = vault.settings().unwrap();
    settings.designated_safeguarding_lead = "Ms R. Evans".into();
    vault.save_settings(&settings).unwrap();
    let history = vault.history("school_settings", 1).unwrap();
    assert_eq!(
        history
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["create", "amend"]
    );
    assert!(
        history[0]
            .content
            .contains("\"designated_safeguarding_lead\":\"\"")
    );
    assert!(history[1].content.contains("Ms R. Evans"));
    assert_eq!(history[1].actor, "Alex Morgan");
}

#[test]
fn invalid_settings_are_refused_and_change_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let mut settings = vault.settings().unwrap();
    settings.school_name = "   ".into();
    let error = vault.save_settings(&settings).unwrap_err();
    assert_eq!(error.to_string(), "School name must be filled in");
    assert_eq!(
        vault.settings().unwrap().school_name,
        "Stonebridge Primary School"
    );
    assert_eq!(vault.history("school_settings", 1).unwrap().len(), 1);
}

#[test]
fn a_backup_restores_into_an_empty_folder_and_opens_with_both_secrets() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, recovery) = new_vault(root.path());
    let mut settings = vault.settings().unwrap();
    settings.lado_contact = "LADO 01234 567890".into();
    vault.save_settings(&settings).unwrap();
    let file = root.path().join("nightly.esdbak");
    assert_eq!(vault.last_backup().unwrap(), None);
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    let summary = vault.back_up(&file).unwrap();
    // The vault notes the backup (audit-chained) after taking it.
    let noted = vault.last_backup().unwrap().expect("the backup is noted");
    assert_eq!(noted.file, file.display().to_string());
    assert_eq!(noted.database_bytes, summary.database_bytes);
    assert!(noted.taken_at >= before && noted.taken_at <= chrono::Utc::now());
    assert_eq!(vault.verify().unwrap().chain.entries, 23);
    let target = DataDir::new(root.path().join("restored"));
    backup::restore(&file, &target).unwrap();
    let restored = Vault::unlock(&target, PASSPHRASE).unwrap();
    assert_eq!(
        restored.settings().unwrap().lado_contact,
        "LADO 01234 567890"
    );
    // The backup holds everything up to the moment it was taken, not the note of itself.
    assert_eq!(restored.verify().unwrap().chain.entries, 22);
    assert_eq!(restored.last_backup().unwrap(), None);
    assert!(Vault::unlock_with_recovery(&target, &recovery).is_ok());
    let again = backup::restore(&file, &target);
    assert!(
        matches!(again, Err(StoreError::VaultExists(_))),
        "restore never overwrites a vault"
    );
}

#[test]
fn a_backup_whose_key_envelope_is_damaged_is_refused_not_blamed_on_the_passphrase() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let file = root.path().join("nightly.esdbak");
    vault.back_up(&file).unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let at = text.find("\"ciphertext\":\"").unwrap() + "\"ciphertext\":\"".len() + 4;
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    std::fs::write(&file, &bytes).unwrap();
    let target = DataDir::new(root.path().join("restored"));
    let refused = backup::restore(&file, &target).unwrap_err().to_string();
    assert!(refused.contains("key envelope is damaged"), "{refused}");
    assert!(!target.database().exists() && !target.envelope().exists());
}

#[test]
fn a_save_waits_for_another_program_using_the_vault_instead_of_failing_at_once() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let key = raw_key_hex(&vault);
    let other = behind_the_apps_back(&dir, &key);
    // Another program (a second copy, the nightly backup) holds the write lock for a while.
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let (held, release) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1500));
        other.execute_batch("COMMIT").unwrap();
        held.send(()).unwrap();
    });
    let mut settings = vault.settings().unwrap();
    settings.lado_contact = "LADO 01234 000111".into();
    vault.save_settings(&settings).unwrap();
    release.recv().unwrap();
    holder.join().unwrap();
    assert_eq!(vault.settings().unwrap().lado_contact, "LADO 01234 000111");
}

#[test]
fn of_two_copies_changing_the_passphrase_the_second_is_told_and_changes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut first, _) = new_vault(root.path());
    let mut second = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let (a, b) = ("tangerine meadow lantern 42", "cobalt harbour whistle 97");
    first.change_passphrase(a, a).unwrap();
    let refused = second.change_passphrase(b, b).unwrap_err().to_string();
    assert!(refused.contains("changed by another copy"), "{refused}");
    drop((first, second));
    assert!(Vault::unlock(&dir, a).is_ok());
    assert!(Vault::unlock(&dir, b).is_err());
}

#[test]
fn an_older_database_put_back_beside_the_keys_is_refused_until_the_school_says_so() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    let older = std::fs::read(dir.database()).unwrap();
    let mut vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    let mut settings = vault.settings().unwrap();
    for n in 0..3 {
        settings.lado_contact = format!("LADO {n}");
        vault.save_settings(&settings).unwrap();
    }
    drop(vault);
    for journal in ["vault.db-wal", "vault.db-shm"] {
        let _ = std::fs::remove_file(dir.root().join(journal));
    }
    std::fs::write(dir.database(), &older).unwrap();
    let refused = Vault::unlock(&dir, PASSPHRASE).unwrap_err();
    assert!(refused.is_integrity_failure());
    assert!(
        refused.to_string().contains("3 changes are missing"),
        "{refused}"
    );
    // Put back on purpose: the school deletes the note and the older copy opens.
    std::fs::remove_file(dir.seen()).unwrap();
    let vault = Vault::unlock(&dir, PASSPHRASE).unwrap();
    assert_eq!(vault.settings().unwrap().lado_contact, "");
    assert!(vault.verify().is_ok());
}

#[test]
fn many_saves_in_one_commit_are_kept_together_or_not_at_all() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let entries = vault.verify().unwrap().chain.entries;
    let mut settings = vault.settings().unwrap();
    let refused = vault.in_one_commit(|vault| {
        settings.lado_contact = "LADO 1".into();
        vault.save_settings(&settings)?;
        Err::<(), _>(StoreError::Busy)
    });
    assert!(refused.is_err());
    assert_eq!(vault.settings().unwrap().lado_contact, "");
    assert_eq!(vault.verify().unwrap().chain.entries, entries);
    vault
        .in_one_commit(|vault| {
            for n in 0..3 {
                settings.lado_contact = format!("LADO {n}");
                vault.save_settings(&settings)?;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(vault.settings().unwrap().lado_contact, "LADO 2");
    assert_eq!(vault.verify().unwrap().chain.entries, entries + 3);
}

#[test]
fn an_emptied_database_file_is_damage_and_is_left_as_it_is() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    drop(vault);
    std::fs::write(dir.database(), b"").unwrap();
    let error = Vault::unlock(&dir, PASSPHRASE).unwrap_err();
    assert!(error.to_string().contains("is empty"), "{error}");
    assert_eq!(std::fs::metadata(dir.database()).unwrap().len(), 0);
}

#[test]
fn a_restore_stopped_before_its_key_envelope_is_finished_by_restoring_again() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let file = root.path().join("nightly.esdbak");
    vault.back_up(&file).unwrap();
    let target = DataDir::new(root.path().join("restored"));
    backup::restore(&file, &target).unwrap();
    // Stopped between the database and the envelope: the folder holds the database alone.
    std::fs::remove_file(target.envelope()).unwrap();
    assert!(Vault::unlock(&target, PASSPHRASE).is_err());
    backup::restore(&file, &target).unwrap();
    assert!(Vault::unlock(&target, PASSPHRASE).unwrap().verify().is_ok());

    // A database of another vault without its envelope is not overwritten.
    let other = root.path().join("other.esdbak");
    let mut settings = vault.settings().unwrap();
    settings.school_name = "Another school".into();
    vault.save_settings(&settings).unwrap();
    vault.back_up(&other).unwrap();
    std::fs::remove_file(target.envelope()).unwrap();
    let lone = std::fs::read(target.database()).unwrap();
    let refused = backup::restore(&other, &target);
    assert!(
        matches!(refused, Err(StoreError::VaultExists(_))),
        "{refused:?}"
    );
    assert_eq!(std::fs::read(target.database()).unwrap(), lone);
    assert!(!target.envelope().exists());

    // An empty stray vault.db with no envelope is no vault: the restore goes ahead.
    let stray = DataDir::new(root.path().join("stray"));
    std::fs::create_dir_all(stray.root()).unwrap();
    std::fs::write(stray.database(), b"").unwrap();
    backup::restore(&file, &stray).unwrap();
    assert!(Vault::unlock(&stray, PASSPHRASE).is_ok());
}

#[test]
fn a_damaged_or_foreign_backup_is_refused_before_anything_is_written() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, vault, _) = new_vault(root.path());
    let file = root.path().join("b.esdbak");
    backup::write(&vault, &file).unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 10;
    bytes[last] ^= 0xff;
    std::fs::write(&file, &bytes).unwrap();
    let target = DataDir::new(root.path().join("restored"));
    let error = backup::restore(&file, &target).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("its contents do not match their checksum"),
        "{error}"
    );
    assert!(!target.has_vault());
    std::fs::write(&file, b"PK\x03\x04 a zip file").unwrap();
    let error = backup::restore(&file, &target).unwrap_err();
    assert!(
        error.to_string().ends_with("it does not start like one"),
        "{error}"
    );
}

#[test]
fn a_remembered_key_opens_the_vault_and_forgetting_it_locks_again() {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault, _) = new_vault(root.path());
    raw_key_hex(&vault);
    let id = vault.vault_id().to_owned();
    drop(vault);
    let reopened = esafety_desk::store::credential::unlock_remembered(&dir).unwrap();
    assert_eq!(reopened.vault_id(), id);
    esafety_desk::store::credential::forget(&id).unwrap();
    assert!(matches!(
        esafety_desk::store::credential::unlock_remembered(&dir),
        Err(StoreError::Locked)
    ));
}

#[test]
fn a_backup_into_a_missing_folder_or_a_truncated_backup_is_refused_plainly() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, vault, _) = new_vault(root.path());
    let nowhere = root.path().join("no such folder").join("b.esdbak");
    let error = backup::write(&vault, &nowhere).unwrap_err();
    assert!(
        error.to_string().ends_with("that folder does not exist"),
        "{error}"
    );
    let file = root.path().join("b.esdbak");
    backup::write(&vault, &file).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() - 4096]).unwrap();
    let target = DataDir::new(root.path().join("restored"));
    let error = backup::restore(&file, &target).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("it is incomplete (cut short or padded)"),
        "{error}"
    );
    assert!(!target.has_vault());
}

#[test]
fn a_backup_and_its_restore_tell_their_progress_in_bytes_up_to_the_whole() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, vault, _) = new_vault(root.path());
    let file = root.path().join("with progress.esdbak");
    let mut written = Vec::new();
    let summary =
        backup::write_with_progress(&vault, &file, &mut |step| written.push(step)).unwrap();
    let bytes = summary.database_bytes;
    assert!(bytes > 0);
    assert!(written.windows(2).all(|pair| pair[0].done < pair[1].done));
    assert_eq!(
        written.last().copied(),
        Some(backup::Progress {
            done: bytes,
            total: bytes
        })
    );

    // A restore reads the database twice: checked whole, then written.
    let mut restored = Vec::new();
    let target = DataDir::new(root.path().join("restored"));
    backup::restore_with_progress(&file, &target, &mut |step| restored.push(step)).unwrap();
    assert!(restored.iter().all(|step| step.total == 2 * bytes));
    assert!(restored.windows(2).all(|pair| pair[0].done < pair[1].done));
    assert_eq!(restored.last().map(|step| step.done), Some(2 * bytes));
    assert!(
        restored.iter().any(|step| step.done == bytes),
        "the check ends before the writing starts"
    );
    Vault::unlock(&target, PASSPHRASE)
        .unwrap()
        .verify()
        .unwrap();
}
