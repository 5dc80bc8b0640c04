//! The governor report at scale, over a generated log of 20,000 incidents (set
//! ESAFETY_BENCH_INCIDENTS to change): the half-term just ended, with the figures and all six
//! charts, then the PDF. Two spreads: ten years of incidents (a few hundred a half-term, a very
//! busy school), and the incident bench's one every ten minutes (thousands in one half-term).

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use esafety_desk::cli::demo_data;
use esafety_desk::domain::SchoolSettings;
use esafety_desk::report::{Period, Request, governor};
use esafety_desk::store::envelope::KdfParams;
use esafety_desk::store::{DataDir, Vault};

fn generated_log(count: usize, every: chrono::Duration) -> (tempfile::TempDir, Vault) {
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::new(root.path().join("vault"));
    let quick = KdfParams {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };
    let settings = SchoolSettings::new("Bench School", "Sam Lee");
    let (mut vault, _) = Vault::create_with(&dir, &settings, "bench", quick).unwrap();
    let now = chrono::Local::now().naive_local();
    let started = Instant::now();
    demo_data::populate(&mut vault, now).unwrap();
    demo_data::generate_every(&mut vault, count, now, every).unwrap();
    eprintln!(
        "generated {count} incidents in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    (root, vault)
}

fn report(c: &mut Criterion) {
    let count: usize = std::env::var("ESAFETY_BENCH_INCIDENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let ten_years = chrono::Duration::minutes(10 * 365 * 24 * 60 / count.max(1) as i64);
    for (spread, every) in [
        ("ten years", ten_years),
        ("every ten minutes", chrono::Duration::minutes(10)),
    ] {
        let (_root, vault) = generated_log(count, every);
        let today = chrono::Local::now().date_naive();
        let period = Period::HalfTerm(vault.terms().unwrap().just_ended(today));
        let request = Request {
            period,
            prepared_on: today,
        };
        let report = governor::gather(&vault, &request).unwrap();
        let pages = governor::pdf(&report).unwrap();
        eprintln!(
            "{spread}: {} holds {} incidents; the PDF is {} KB",
            period.title(),
            report.incidents.total.value,
            pages.len() / 1024
        );
        let mut group = c.benchmark_group(format!("governor report, {spread}"));
        group.sample_size(10);
        group.bench_function("figures and the six charts", |b| {
            b.iter(|| governor::gather(&vault, &request).unwrap())
        });
        group.bench_function("figures, charts and the PDF", |b| {
            b.iter(|| governor::pdf(&governor::gather(&vault, &request).unwrap()).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, report);
criterion_main!(benches);
