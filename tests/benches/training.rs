//! The training audit at scale: every status for 2,000 people over ten years of sessions
//! (goal: 50 ms or less).

use chrono::{Datelike, Duration, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use esafety_desk::domain::SchoolSettings;
use esafety_desk::domain::person::{NewPerson, PersonFlags, PersonKind};
use esafety_desk::store::envelope::KdfParams;
use esafety_desk::store::training::NewSession;
use esafety_desk::store::{DataDir, Vault};

const PEOPLE: usize = 2_000;

fn ten_years_of_training() -> (tempfile::TempDir, Vault, NaiveDate) {
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::new(root.path().join("vault"));
    let quick = KdfParams {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };
    let settings = SchoolSettings::new("Bench School", "Sam Lee");
    let (mut vault, _) = Vault::create_with(&dir, &settings, "bench", quick).unwrap();
    let today = chrono::Local::now().date_naive();
    let mut staff = Vec::new();
    for n in 0..PEOPLE {
        let kind = if n % 10 == 0 {
            PersonKind::Governor
        } else {
            PersonKind::Staff
        };
        let mut person = NewPerson::named(kind, &format!("Given{n}"), &format!("Family{n}"));
        person.flags = PersonFlags {
            dsl: n % 100 == 1,
            esafety_group: n % 50 == 2,
            ..Default::default()
        };
        staff.push(vault.add_person(&person).unwrap());
    }
    let types = vault.training_types().unwrap();
    for years_ago in 0..10 {
        let held_on = NaiveDate::from_ymd_opt(today.year() - years_ago, 9, 2)
            .unwrap()
            .min(today);
        for kind in &types {
            // A different nine in ten of everyone each time.
            let attendees = staff
                .iter()
                .enumerate()
                .filter(|(n, _)| !(n + years_ago as usize).is_multiple_of(10))
                .map(|(_, id)| *id)
                .collect();
            let session = NewSession {
                type_id: kind.id,
                held_on: held_on - Duration::days(kind.id),
                provider: "Bench".into(),
                notes: String::new(),
                attendees,
            };
            vault.record_training_session(&session, today).unwrap();
        }
    }
    (root, vault, today)
}

fn training(c: &mut Criterion) {
    let (_root, vault, today) = ten_years_of_training();
    let rows = vault.training_statuses(today).unwrap().len();
    eprintln!("{rows} statuses for {PEOPLE} people");
    c.bench_function("every training status: 2,000 people, ten years", |b| {
        b.iter(|| vault.training_statuses(today).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = training
}
criterion_main!(benches);
