//! Vault speed: unlocking with the passphrase (Argon2id + open), opening with a remembered raw
//! key, and one audit-chained save.

use criterion::{Criterion, criterion_group, criterion_main};
use esafety_desk::domain::SchoolSettings;
use esafety_desk::store::{DataDir, Vault, credential};

const PASSPHRASE: &str = "kettle orbit marmalade fjord";

fn new_vault(root: &std::path::Path) -> (DataDir, Vault) {
    let dir = DataDir::new(root.join("vault"));
    let (vault, _) = Vault::create(
        &dir,
        &SchoolSettings::new("Bench School", "Sam Lee"),
        PASSPHRASE,
    )
    .unwrap();
    (dir, vault)
}

fn unlock(c: &mut Criterion) {
    let root = tempfile::tempdir().unwrap();
    let (dir, vault) = new_vault(root.path());
    drop(vault);
    let mut group = c.benchmark_group("unlock");
    group.sample_size(10);
    group.bench_function("passphrase (Argon2id + open)", |b| {
        b.iter(|| Vault::unlock(&dir, PASSPHRASE).unwrap())
    });
    group.finish();
}

fn raw_open(c: &mut Criterion) {
    credential::use_memory_store();
    let root = tempfile::tempdir().unwrap();
    let (dir, vault) = new_vault(root.path());
    credential::remember(&vault).unwrap();
    drop(vault);
    c.bench_function("open with remembered raw key", |b| {
        b.iter(|| credential::unlock_remembered(&dir).unwrap())
    });
}

fn audited_save(c: &mut Criterion) {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault) = new_vault(root.path());
    let mut settings = vault.settings().unwrap();
    let mut turn = 0u64;
    c.bench_function("one audit-chained save", |b| {
        b.iter(|| {
            turn += 1;
            settings.school_name = format!("Bench School {turn}");
            vault.save_settings(&settings).unwrap();
        })
    });
}

criterion_group!(benches, unlock, raw_open, audited_save);
criterion_main!(benches);
