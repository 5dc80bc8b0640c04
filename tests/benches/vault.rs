//! Vault speed: unlocking with the passphrase (Argon2id + open), opening with a remembered raw
//! key, the store work the dashboard needs once the key is known (open, every card's figures
//! and the two charts' SVG) on the demo and over a generated log (20,000 incidents; set
//! ESAFETY_BENCH_INCIDENTS to change), and one audit-chained save.

use criterion::{Criterion, criterion_group, criterion_main};
use esafety_desk::cli::demo_data;
use esafety_desk::domain::SchoolSettings;
use esafety_desk::report::{Period, governor};
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

/// What the dashboard asks of the vault after unlocking, as `ui::area::dashboard` asks it.
fn dashboard_figures(vault: &Vault) {
    let today = chrono::Local::now().date_naive();
    vault.incident_counts().unwrap();
    vault.training_counts(today).unwrap();
    vault.aup_outstanding_count(today).unwrap();
    vault.review_items().unwrap();
    vault.confiscations().unwrap();
    vault.last_backup().unwrap();
    let period = Period::HalfTerm(vault.terms().unwrap().place(today).reporting_half_term());
    governor::dashboard_charts(vault, period).unwrap();
}

fn first_screen(c: &mut Criterion) {
    credential::use_memory_store();
    let count: usize = std::env::var("ESAFETY_BENCH_INCIDENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let mut group = c.benchmark_group("after the key: open and the dashboard's figures");
    group.sample_size(10);
    for generated in [0, count] {
        let root = tempfile::tempdir().unwrap();
        let (dir, mut vault) = new_vault(root.path());
        let now = chrono::Local::now().naive_local();
        // One commit for the lot: 50,000 separate ones would take minutes to set up.
        vault
            .in_one_commit(|vault| {
                demo_data::populate(vault, now)?;
                demo_data::generate(vault, generated, now)
            })
            .unwrap();
        credential::remember(&vault).unwrap();
        drop(vault);
        let name = match generated {
            0 => "the demo".to_owned(),
            n => format!("the demo and {n} generated incidents"),
        };
        group.bench_function(name, |b| {
            b.iter(|| dashboard_figures(&credential::unlock_remembered(&dir).unwrap()))
        });
    }
    group.finish();
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

criterion_group!(benches, unlock, raw_open, first_screen, audited_save);
criterion_main!(benches);
