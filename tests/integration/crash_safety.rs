//! Crash safety: a child process saving audit-chained records in a loop is killed with SIGKILL
//! at random moments, many times. Every save it reported committed must be there, the vault must
//! open every time, and the audit chain must verify.
//!
//! The test runs its own binary again as the child, filtered to the ignored test
//! `child_saving_in_a_loop` (with `CRASH_CHILD_DIR` set).

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use esafety_desk::domain::SchoolSettings;
use esafety_desk::store::envelope::KdfParams;
use esafety_desk::store::{DataDir, Vault};

const PASSPHRASE: &str = "kettle orbit marmalade fjord";
/// A light key derivation: this test is about the database, not the envelope.
const QUICK: KdfParams = KdfParams {
    memory_kib: 1024,
    iterations: 1,
    parallelism: 1,
};
const ROUNDS: u32 = 30;

/// The test binary's name for the child, as the harness filters it.
const CHILD_TEST: &str = "crash_safety::child_saving_in_a_loop";

#[test]
fn a_killed_save_loses_nothing_it_reported() {
    let started = Instant::now();
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::new(root.path().join("vault"));
    let settings = SchoolSettings::new("Crash 0", "Alex Morgan");
    drop(Vault::create_with(&dir, &settings, PASSPHRASE, QUICK).unwrap());
    let mut next = 1;
    let mut seed = started.elapsed().subsec_nanos() as u64 | 1;
    let mut reported_total = 0;
    for round in 1..=ROUNDS {
        let delay = Duration::from_millis(20 + random(&mut seed) % 400);
        let reported = run_and_kill(&dir, next, delay);
        check_after_crash(&dir, round, &reported);
        reported_total += reported.len();
        next = reported.last().map_or(next, |n| n + 1) + 1000;
    }
    assert!(
        reported_total > ROUNDS as usize,
        "the children committed too little to test anything: {reported_total}"
    );
    println!(
        "crash safety: {ROUNDS} kills, {reported_total} reported saves all present, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// The child the test kills: run only by `a_killed_save_loses_nothing_it_reported`.
#[test]
#[ignore = "the crash test's child process, started and killed by the crash test"]
fn child_saving_in_a_loop() {
    let dir = std::env::var("CRASH_CHILD_DIR").expect("started by the crash test");
    let first: u64 = std::env::var("CRASH_CHILD_FIRST").unwrap().parse().unwrap();
    save_forever(&DataDir::new(dir), first);
}

/// The child: save the school name "Crash N" for N = first, first+1, … and report each commit.
fn save_forever(dir: &DataDir, first: u64) -> ! {
    let mut vault = Vault::unlock(dir, PASSPHRASE).unwrap();
    let mut settings = vault.settings().unwrap();
    let mut out = std::io::stdout().lock();
    for n in first.. {
        settings.school_name = format!("Crash {n}");
        vault.save_settings(&settings).unwrap();
        writeln!(out, "committed {n}").unwrap();
        out.flush().unwrap();
    }
    unreachable!()
}

/// Starts a child, kills it after `delay`, and returns the saves it reported.
fn run_and_kill(dir: &DataDir, first: u64, delay: Duration) -> Vec<u64> {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "--nocapture", CHILD_TEST])
        .env("CRASH_CHILD_DIR", dir.root())
        .env("CRASH_CHILD_FIRST", first.to_string())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(n) = line.strip_prefix("committed ") {
                let _ = sender.send(n.parse::<u64>().unwrap());
            }
        }
    });
    std::thread::sleep(delay);
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    reader.join().unwrap();
    receiver.try_iter().collect()
}

fn check_after_crash(dir: &DataDir, round: u32, reported: &[u64]) {
    let vault = Vault::unlock(dir, PASSPHRASE)
        .unwrap_or_else(|e| panic!("round {round}: the vault did not open: {e}"));
    let report = vault
        .verify()
        .unwrap_or_else(|e| panic!("round {round}: {e}"));
    let history = vault.history("school_settings", 1).unwrap();
    for n in reported {
        let needle = format!("\"school_name\":\"Crash {n}\"");
        assert!(
            history.iter().any(|entry| entry.content.contains(&needle)),
            "round {round}: save {n} was reported but is lost"
        );
    }
    if let Some(last) = reported.last() {
        let current: u64 = vault.settings().unwrap().school_name["Crash ".len()..]
            .parse()
            .unwrap();
        assert!(
            current >= *last,
            "round {round}: the record went back from {last} to {current}"
        );
    }
    // The settings, the two sanctions and three usage tables, the report's themes, the five
    // training types and the nine schedule items, and nothing else.
    assert_eq!(report.chain.records, 21);
}

fn random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// A restore killed at a random moment, many times: whatever it left, restoring the same
/// backup again gives a vault that opens and verifies (never a folder that `verify` calls
/// damaged and `restore` refuses).
#[test]
fn a_killed_restore_is_finished_by_restoring_again() {
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::new(root.path().join("vault"));
    let settings = SchoolSettings::new("Restore school", "Alex Morgan");
    let (mut vault, _) = Vault::create_with(&dir, &settings, PASSPHRASE, QUICK).unwrap();
    let now = chrono::Local::now().naive_local();
    esafety_desk::cli::demo_data::populate(&mut vault, now).unwrap();
    let backup = root.path().join("nightly.esdbak");
    vault.back_up(&backup).unwrap();
    drop(vault);
    let restore = |target: &DataDir| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_esafety-desk"));
        command
            .args(["--data-dir", target.root().to_str().unwrap(), "restore"])
            .arg(&backup)
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    };
    let mut seed = (Instant::now().elapsed().subsec_nanos() as u64) | 1;
    let mut cut_short = 0;
    for round in 0..ROUNDS {
        let target = DataDir::new(root.path().join(format!("restored-{round}")));
        let mut child = restore(&target).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(random(&mut seed) % 60));
        child.kill().unwrap(); // SIGKILL on Unix
        let killed = child.wait().unwrap();
        cut_short += usize::from(!killed.success());
        let again = restore(&target).status().unwrap();
        let opened = Vault::unlock(&target, PASSPHRASE)
            .unwrap_or_else(|e| panic!("round {round}: the restored vault did not open: {e}"));
        opened
            .verify()
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert!(
            again.success() || killed.success(),
            "round {round}: the second restore was refused though the first did not finish"
        );
    }
    assert!(cut_short > 0, "no restore was cut short");
}
