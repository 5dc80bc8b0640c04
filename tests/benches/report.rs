//! The governor report at scale: figures and all six charts, then the PDF, for the half-term
//! just ended over a generated log of 20,000 incidents (set ESAFETY_BENCH_INCIDENTS to change).

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use esafety_desk::cli::demo_data;
use esafety_desk::domain::SchoolSettings;
use esafety_desk::report::{Period, Request, governor};
use esafety_desk::store::envelope::KdfParams;
use esafety_desk::store::{DataDir, Vault};

fn generated_log(count: usize) -> (tempfile::TempDir, Vault) {
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::new(root.path().join("vault"));
    let quick = KdfParams { memory_kib: 1024, iterations: 1, parallelism: 1 };
    let settings = SchoolSettings::new("Bench School", "Sam Lee");
    let (mut vault, _) = Vault::create_with(&dir, &settings, "bench", quick).unwrap();
    let now = chrono::Local::now().naive_local();
    let started = Instant::now();
    demo_data::populate(&mut vault, now).unwrap();
    demo_data::generate(&mut vault, count, now).unwrap();
    eprintln!("generated {count} incidents in {:.1} s", started.elapsed().as_secs_f64());
    (root, vault)
}

fn report(c: &mut Criterion) {
    let count: usize = std::env::var("ESAFETY_BENCH_INCIDENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let (_root, vault) = generated_log(count);
    let today = chrono::Local::now().date_naive();
    let period = Period::HalfTerm(vault.terms().unwrap().just_ended(today));
    let request = Request { period, prepared_on: today };
    let report = governor::gather(&vault, &request).unwrap();
    eprintln!("{} holds {} incidents", period.title(), report.incidents.total.value);
    let mut group = c.benchmark_group("governor report");
    group.sample_size(10);
    group.bench_function("figures and the six charts", |b| {
        b.iter(|| governor::gather(&vault, &request).unwrap())
    });
    group.bench_function("figures, charts and the PDF", |b| {
        b.iter(|| governor::pdf(&governor::gather(&vault, &request).unwrap()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
