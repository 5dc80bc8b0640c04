//! The incident log at scale: search as the user types, the list's first page and one save,
//! over a generated log (20,000 incidents; set ESAFETY_BENCH_INCIDENTS=100000 for the large one).

use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use esafety_desk::cli::demo_data;
use esafety_desk::domain::SchoolSettings;
use esafety_desk::domain::incident::import::{IncidentMapping, ReadChoices};
use esafety_desk::domain::incident::{IncidentFilter, Involving, Status};
use esafety_desk::store::envelope::KdfParams;
use esafety_desk::store::import::{Going, ImportFile, Importing, Skips};
use esafety_desk::store::{DataDir, Vault};

fn generated_log(count: usize) -> (tempfile::TempDir, Vault) {
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
    let count: usize = std::env::var("ESAFETY_BENCH_INCIDENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let (_root, mut vault) = generated_log(count);
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
    let open_pupils = IncidentFilter {
        status: Some(Status::Open),
        involving: Some(Involving::Pupils),
        ..Default::default()
    };
    c.bench_function("filtered list: open, involving pupils", |b| {
        b.iter(|| vault.filter_incidents("", &open_pupils, 100).unwrap())
    });
    c.bench_function("filtered list and search: open, pupils, 'phone'", |b| {
        b.iter(|| vault.filter_incidents("phone", &open_pupils, 100).unwrap())
    });
    let log = import_file(10_000, "a");
    let now = chrono::Local::now().naive_local();
    let choices = schools_choices();
    c.bench_function("preview an import of 10,000 rows", |b| {
        b.iter(|| vault.preview_import(file(&log, &choices), now).unwrap())
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

/// A school's own log of `rows` incidents (its column names and category words, an extra
/// column, names without roles) naming pupils already in the demo school; `tag` makes each
/// file's rows new incidents.
fn import_file(rows: usize, tag: &str) -> String {
    let mut file =
        String::from("Date,Pupil(s),Year,Type of incident,What happened,Staff,Status,Form\r\n");
    for n in 0..rows {
        file.push_str(&format!(
            "0{}/10/2025,Ava Jones,Year 8,Mobile phone,Phone used in lesson {tag}-{n},Mrs Shah,Closed,8B\r\n",
            1 + n % 9,
        ));
    }
    file
}

/// The mapping and category words the school confirmed.
fn schools_choices() -> ReadChoices {
    let mut choices = ReadChoices {
        mapping: IncidentMapping::parse("reported_by=Staff").unwrap(),
        ..ReadChoices::default()
    };
    choices
        .synonyms
        .add_part("Mobile phone=pupil.mobile-devices")
        .unwrap();
    choices
}

fn file<'a>(log: &'a str, choices: &'a ReadChoices) -> ImportFile<'a> {
    ImportFile {
        name: "incident-log.csv",
        bytes: log.as_bytes(),
        choices,
    }
}

const ALL: Skips = Skips {
    problem_rows: false,
    illegal_rows: false,
};

/// Importing into the demo school: 1,000 new rows sampled, then 10,000 timed once.
fn import_once(c: &mut Criterion) {
    let (_root, mut vault) = generated_log(0);
    let log = import_file(10_000, "big");
    let now = chrono::Local::now().naive_local();
    let choices = schools_choices();
    let mut turn = 0usize;
    c.bench_function("import 1,000 rows (one transaction)", |b| {
        b.iter(|| {
            turn += 1;
            let small = import_file(1_000, &turn.to_string());
            let done = vault
                .import_incidents(file(&small, &choices), ALL, now)
                .unwrap();
            assert_eq!(done.imported, 1_000);
        })
    });
    let started = Instant::now();
    let report = vault
        .import_incidents(file(&log, &choices), ALL, now)
        .unwrap();
    eprintln!(
        "imported {} rows in {:.2} s",
        report.imported,
        started.elapsed().as_secs_f64()
    );
}

/// The import's cost per row at 1,000, 10,000 and 50,000 rows, each into a new demo school,
/// split into checking the file (the preview) and writing the rows; printed once per size.
fn import_sizes(_c: &mut Criterion) {
    let choices = schools_choices();
    let now = chrono::Local::now().naive_local();
    for rows in [1_000, 10_000, 50_000] {
        let (_root, mut vault) = generated_log(0);
        let log = import_file(rows, "sized");
        let started = Instant::now();
        let mut writing_from = None;
        let mut tenths = Vec::new();
        let done = vault
            .import_incidents_with_progress(file(&log, &choices), ALL, now, &mut |step| {
                if let Importing::Writing { done, total } = step {
                    if done == 0 {
                        writing_from = Some(Instant::now());
                    } else if done % (total / 10).max(1) == 0 {
                        tenths.push(Instant::now());
                    }
                }
                Going::On
            })
            .unwrap();
        assert_eq!(done.imported, rows);
        let writing = writing_from.map_or(0.0, |from| from.elapsed().as_secs_f64());
        let total = started.elapsed().as_secs_f64();
        let per_row = |seconds: f64| seconds * 1000.0 / rows as f64;
        eprintln!(
            "import of {rows} rows: {total:.2} s, {:.3} ms a row (checking {:.3}, writing {:.3})",
            per_row(total),
            per_row(total - writing),
            per_row(writing)
        );
        let tenth_rows = (rows / 10) as f64;
        let each: Vec<String> = writing_from
            .into_iter()
            .chain(tenths.iter().copied())
            .collect::<Vec<_>>()
            .windows(2)
            .map(|w| format!("{:.3}", (w[1] - w[0]).as_secs_f64() * 1000.0 / tenth_rows))
            .collect();
        eprintln!(
            "  ms a row in each tenth of the writing: {}",
            each.join(" ")
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = incidents
}

criterion_group! {
    name = imports;
    config = Criterion::default().sample_size(10);
    targets = import_once, import_sizes
}
criterion_main!(benches, imports);
