//! The vault's long jobs: backup, restore and verify over the demo plus a generated log (50,000
//! incidents; set ESAFETY_BENCH_INCIDENTS to change), each with its peak memory; and `demo`
//! against `init`, the two ways a vault is made.
//!
//! Criterion times the jobs. Peak memory is measured once per job, outside the timing, as the
//! rise in the process's resident high-water mark (Linux's VmHWM, reset through
//! /proc/self/clear_refs before the job) over what was resident when it began; it is printed as
//! "peak memory" lines. It counts SQLCipher's page cache as well as Rust's own allocations.

use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use esafety_desk::cli::demo_data;
use esafety_desk::domain::SchoolSettings;
use esafety_desk::store::{DataDir, Vault, backup};

const PASSPHRASE: &str = "kettle orbit marmalade fjord";

fn settings() -> SchoolSettings {
    SchoolSettings::new("Bench School", "Sam Lee")
}

fn generated_count() -> usize {
    std::env::var("ESAFETY_BENCH_INCIDENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50_000)
}

/// A vault holding the demo and `count` generated incidents, written in one commit.
fn big_vault(root: &Path, count: usize) -> Vault {
    let dir = DataDir::new(root.join("vault"));
    let (mut vault, _) = Vault::create(&dir, &settings(), PASSPHRASE).unwrap();
    let now = chrono::Local::now().naive_local();
    vault
        .in_one_commit(|vault| {
            demo_data::populate(vault, now)?;
            demo_data::generate(vault, count, now)
        })
        .unwrap();
    vault
}

/// A value from `/proc/self/status` in bytes, e.g. "VmHWM".
fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Runs `job` once and says how far memory rose above what was resident before it.
fn say_peak<T>(name: &str, job: impl FnOnce() -> T) -> T {
    let before = status_bytes("VmRSS");
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let value = job();
    match (before, status_bytes("VmHWM"), reset) {
        (Some(before), Some(peak), true) => println!(
            "peak memory: {name}: {:.1} MiB above the {:.1} MiB resident before it",
            peak.saturating_sub(before) as f64 / 1048576.0,
            before as f64 / 1048576.0
        ),
        _ => println!("peak memory: {name}: not measurable on this system"),
    }
    value
}

fn mebibytes(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / 1048576.0)
}

fn long_jobs(c: &mut Criterion) {
    let count = generated_count();
    let root = tempfile::tempdir().unwrap();
    let mut vault = big_vault(root.path(), count);
    let database = DataDir::new(root.path().join("vault")).database();
    println!(
        "the vault: the demo and {count} generated incidents, {:.1} MiB",
        mebibytes(&database)
    );
    let file = root.path().join("bench.esdbackup");
    say_peak("backup", || vault.back_up(&file).unwrap());
    say_peak("verify", || vault.verify().unwrap());
    let fresh = |n: &mut u32| {
        *n += 1;
        DataDir::new(root.path().join(format!("restored-{n}")))
    };
    let mut turn = 0;
    let target = fresh(&mut turn);
    say_peak("restore", || backup::restore(&file, &target).unwrap());

    let mut group = c.benchmark_group(format!("the demo and {count} incidents"));
    group.sample_size(10);
    group.bench_function("backup", |b| b.iter(|| vault.back_up(&file).unwrap()));
    group.bench_function("restore", |b| {
        b.iter_batched(
            || fresh(&mut turn),
            |target| {
                backup::restore(&file, &target).unwrap();
                std::fs::remove_dir_all(target.root()).unwrap();
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("verify", |b| b.iter(|| vault.verify().unwrap()));
    group.finish();
}

fn making_a_vault(c: &mut Criterion) {
    let root = tempfile::tempdir().unwrap();
    let mut turn = 0u32;
    let mut fresh = || {
        turn += 1;
        DataDir::new(root.path().join(format!("made-{turn}")))
    };
    let mut group = c.benchmark_group("making a vault");
    group.sample_size(10);
    group.bench_function("init", |b| {
        b.iter_batched(
            &mut fresh,
            |dir| drop(Vault::create(&dir, &settings(), PASSPHRASE).unwrap()),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("demo (the vault, then its data in one commit)", |b| {
        b.iter_batched(
            &mut fresh,
            |dir| {
                let (mut vault, _) = Vault::create_demo(&dir, &settings()).unwrap();
                let now = chrono::Local::now().naive_local();
                vault
                    .in_one_commit(|vault| demo_data::populate(vault, now))
                    .unwrap();
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, making_a_vault, long_jobs);
criterion_main!(benches);
