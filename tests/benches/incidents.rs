//! The incident log at scale: search as the user types, the list's first page and one save,
//! over a generated log (20,000 incidents; set ESAFETY_BENCH_INCIDENTS=100000 for the large one).

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use esafety_desk::cli::demo_data;
use esafety_desk::domain::SchoolSettings;
use esafety_desk::store::envelope::KdfParams;
use esafety_desk::store::{DataDir, Vault};

fn generated_log() -> (tempfile::TempDir, Vault) {
    let count: usize = std::env::var("ESAFETY_BENCH_INCIDENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::new(root.path().join("vault"));
    let quick = KdfParams {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };
    let (mut vault, _) = Vault::create_with(
        &dir,
        &SchoolSettings::new("Bench School", "Sam Lee"),
        "bench",
        quick,
    )
    .unwrap();
    let now = chrono::Local::now().naive_local();
    let started = Instant::now();
    demo_data::populate(&mut vault, now).unwrap();
    demo_data::generate(&mut vault, count, now).unwrap();
    eprintln!(
        "generated {count} incidents in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    (root, vault)
}

fn incidents(c: &mut Criterion) {
    let (_root, mut vault) = generated_log();
    c.bench_function("search as you type: 'prox' (common word)", |b| {
        b.iter(|| vault.search_incidents("prox", 100).unwrap())
    });
    c.bench_function("search as you type: 'zara hug' (a name)", |b| {
        b.iter(|| vault.search_incidents("zara hug", 100).unwrap())
    });
    c.bench_function("search with no match: 'qwertyuiop'", |b| {
        b.iter(|| vault.search_incidents("qwertyuiop", 100).unwrap())
    });
    c.bench_function("open the list's first page (100 newest)", |b| {
        b.iter(|| vault.newest_incidents(100, 0).unwrap())
    });
    let mut turn = 0usize;
    let now = chrono::Local::now().naive_local();
    c.bench_function(
        "save one incident (with people, actions, audit, index)",
        |b| {
            b.iter(|| {
                turn += 1;
                demo_data::generate(&mut vault, 1, now + chrono::Duration::seconds(turn as i64))
                    .unwrap();
            })
        },
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = incidents
}
criterion_main!(benches);
