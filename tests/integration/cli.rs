//! The command line as network managers script it: commands, messages and exit codes.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{PASSPHRASE, behind_the_apps_back, raw_key_hex, run_binary as run};
use esafety_desk::store::{DataDir, Vault};

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Makes the demo vault in `root/demo` and returns its folder as the command line takes it.
fn demo_folder(root: &Path) -> String {
    let demo = root.join("demo");
    let d = demo.to_str().unwrap().to_owned();
    assert_eq!(code(&run(&["--data-dir", &d, "demo"], "")), 0);
    d
}

/// `export WHAT --out FILE` on the vault in `d`, the passphrase given on standard input.
fn export(d: &str, what: &str, out: &Path, passphrase: &str) -> Output {
    let out = out.to_str().unwrap();
    let args = [
        "--data-dir",
        d,
        "export",
        what,
        "--out",
        out,
        "--passphrase-stdin",
    ];
    run(&args, &format!("{passphrase}\n"))
}

fn init(dir: &Path) -> Output {
    let dir = dir.to_str().unwrap();
    let args = [
        "--data-dir",
        dir,
        "init",
        "--school",
        "Stonebridge Primary School",
        "--coordinator",
        "Alex Morgan",
        "--passphrase-stdin",
    ];
    run(&args, &format!("{PASSPHRASE}\n"))
}

#[test]
fn init_prints_the_recovery_key_once_and_refuses_to_overwrite() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("vault");
    let first = init(&dir);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let key_line = stdout(&first).lines().last().unwrap().trim().to_owned();
    assert_eq!(
        key_line.split('-').count(),
        8,
        "the recovery key is printed last: {key_line}"
    );
    let recovery = esafety_desk::store::RecoveryKey::parse(&key_line).unwrap();
    assert!(Vault::unlock_with_recovery(&DataDir::new(&dir), &recovery).is_ok());
    let again = init(&dir);
    assert_eq!(code(&again), 1);
    assert!(
        stderr(&again).contains("A vault already exists"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn init_refuses_a_weak_passphrase_with_the_reason() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("vault");
    let args = [
        "--data-dir",
        dir.to_str().unwrap(),
        "init",
        "--school",
        "S",
        "--coordinator",
        "C",
        "--passphrase-stdin",
    ];
    let output = run(&args, "password\n");
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("at least 12 characters"),
        "{}",
        stderr(&output)
    );
    assert!(!DataDir::new(&dir).has_vault());
}

#[test]
fn verify_exits_0_when_sound_3_on_a_wrong_or_missing_passphrase_and_4_on_tampering() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("vault");
    assert_eq!(code(&init(&dir)), 0);
    let d = dir.to_str().unwrap();
    let sound = run(
        &["--data-dir", d, "verify", "--passphrase-stdin"],
        &format!("{PASSPHRASE}\n"),
    );
    assert_eq!(code(&sound), 0, "{}", stderr(&sound));
    assert!(stdout(&sound).contains("The vault is sound"));
    let wrong = run(
        &["--data-dir", d, "verify", "--passphrase-stdin"],
        "not it at all\n",
    );
    assert_eq!(code(&wrong), 3);
    assert_eq!(stderr(&wrong).trim(), "That passphrase is not right");
    let locked = run(&["--data-dir", d, "verify"], "");
    assert_eq!(
        code(&locked),
        3,
        "no passphrase and nothing remembered: {}",
        stderr(&locked)
    );

    let data = DataDir::new(&dir);
    let vault = Vault::unlock(&data, PASSPHRASE).unwrap();
    let key = raw_key_hex(&vault);
    drop(vault);
    behind_the_apps_back(&data, &key)
        .execute("UPDATE school_settings SET school_name = 'Elsewhere'", [])
        .unwrap();
    let tampered = run(
        &["--data-dir", d, "verify", "--passphrase-stdin"],
        &format!("{PASSPHRASE}\n"),
    );
    assert_eq!(code(&tampered), 4);
    assert!(
        stderr(&tampered).contains("school_settings record 1 was changed outside the app"),
        "{}",
        stderr(&tampered)
    );
}

#[test]
fn verify_exits_4_on_a_damaged_database() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("vault");
    assert_eq!(code(&init(&dir)), 0);
    let database = DataDir::new(&dir).database();
    let mut bytes = std::fs::read(&database).unwrap();
    bytes[4096 + 1500] ^= 0x40;
    std::fs::write(&database, bytes).unwrap();
    let output = run(
        &[
            "--data-dir",
            dir.to_str().unwrap(),
            "verify",
            "--passphrase-stdin",
        ],
        &format!("{PASSPHRASE}\n"),
    );
    assert_eq!(code(&output), 4, "{}", stderr(&output));
    assert!(stderr(&output).contains("damaged"), "{}", stderr(&output));
    assert!(
        !stderr(&output).contains("hmac"),
        "SQLCipher's own log is silenced: {}",
        stderr(&output)
    );
}

#[test]
fn backup_then_restore_into_an_empty_folder_and_never_over_a_vault() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("vault");
    assert_eq!(code(&init(&dir)), 0);
    let file = root.path().join("nightly.esdbak");
    let (d, f) = (dir.to_str().unwrap(), file.to_str().unwrap());
    let backed_up = run(
        &["--data-dir", d, "backup", "--out", f, "--passphrase-stdin"],
        &format!("{PASSPHRASE}\n"),
    );
    assert_eq!(code(&backed_up), 0, "{}", stderr(&backed_up));
    // Not a terminal: progress in plain lines for the log, the last at the whole.
    let told = stderr(&backed_up);
    assert!(
        told.lines()
            .any(|line| line.starts_with("Backing up: 100% (")),
        "{told}"
    );
    // The scheduled backup is noted in the vault, so the app can say when it last ran.
    let vault = Vault::unlock(&DataDir::new(&dir), PASSPHRASE).unwrap();
    assert_eq!(vault.last_backup().unwrap().unwrap().file, f);
    drop(vault);
    let target = root.path().join("restored");
    let t = target.to_str().unwrap();
    let restored = run(&["--data-dir", t, "restore", f], "");
    assert_eq!(code(&restored), 0, "{}", stderr(&restored));
    let told = stderr(&restored);
    assert!(
        told.lines()
            .any(|line| line.starts_with("Restoring (checked, then written): 50% (")),
        "the check is half the way: {told}"
    );
    let verified = run(
        &["--data-dir", t, "verify", "--passphrase-stdin"],
        &format!("{PASSPHRASE}\n"),
    );
    assert_eq!(code(&verified), 0, "{}", stderr(&verified));
    let told = stderr(&verified);
    for stage in [
        "Decrypting and checking every database page…",
        "Checking each record against the chain…",
        "Checking the evidence files…",
    ] {
        assert!(told.lines().any(|line| line == stage), "{stage}: {told}");
    }
    assert!(
        told.lines()
            .any(|line| line.starts_with("Walking the audit chain: 100% (")),
        "{told}"
    );
    let over = run(&["--data-dir", d, "restore", f], "");
    assert_eq!(code(&over), 1);
    assert!(stderr(&over).contains("A vault already exists"));
    let locked = run(&["--data-dir", d, "backup", "--out", f], "");
    assert_eq!(code(&locked), 3);
}

#[test]
fn change_passphrase_reads_the_old_then_the_new_one() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("vault");
    assert_eq!(code(&init(&dir)), 0);
    let d = dir.to_str().unwrap();
    let new = "lantern quarry sorbet tundra";
    let wrong = run(
        &["--data-dir", d, "change-passphrase"],
        &format!("nope nope nope\n{new}\n"),
    );
    assert_eq!(code(&wrong), 3);
    let changed = run(
        &["--data-dir", d, "change-passphrase"],
        &format!("{PASSPHRASE}\n{new}\n"),
    );
    assert_eq!(code(&changed), 0, "{}", stderr(&changed));
    assert!(Vault::unlock(&DataDir::new(&dir), new).is_ok());
}

#[test]
fn usage_errors_exit_2_and_help_lists_the_exit_codes() {
    let output = run(&["verify", "--passphrase", "secret"], "");
    assert_eq!(code(&output), 2);
    let output = run(&["init", "--school", "S", "--coordinator", "C"], "");
    assert_eq!(code(&output), 2, "init needs --passphrase-stdin");
    let help = run(&["--help"], "");
    assert_eq!(code(&help), 0);
    for line in [
        "0  success",
        "2  the command line was not understood",
        "3  wrong passphrase",
        "4  the database is damaged",
    ] {
        assert!(stdout(&help).contains(line), "help lacks {line:?}");
    }
}

#[test]
fn demo_creates_its_vault_asks_before_replacing_and_never_replaces_a_real_one() {
    let root = tempfile::tempdir().unwrap();
    let demo = root.path().join("demo");
    let d = demo.to_str().unwrap();
    let created = run(&["--data-dir", d, "demo"], "");
    assert_eq!(code(&created), 0, "{}", stderr(&created));
    assert!(Vault::unlock(&DataDir::new(&demo), "demo").is_ok());
    let declined = run(&["--data-dir", d, "demo"], "n\n");
    assert_eq!(code(&declined), 1);
    assert!(stderr(&declined).contains("Replace it?"));
    let replaced = run(&["--data-dir", d, "demo"], "y\n");
    assert_eq!(code(&replaced), 0, "{}", stderr(&replaced));
    let real = root.path().join("real");
    assert_eq!(code(&init(&real)), 0);
    let refused = run(&["--data-dir", real.to_str().unwrap(), "demo", "--yes"], "");
    assert_eq!(code(&refused), 1);
    assert!(
        stderr(&refused).contains("not the demo"),
        "{}",
        stderr(&refused)
    );
    assert!(Vault::unlock(&DataDir::new(&real), PASSPHRASE).is_ok());
}

#[test]
fn demo_and_report_say_how_far_they_have_come_unless_quiet() {
    let root = tempfile::tempdir().unwrap();
    let d = root.path().join("demo");
    let d = d.to_str().unwrap();
    let logged = run(&["--data-dir", d, "demo"], "");
    assert_eq!(code(&logged), 0, "{}", stderr(&logged));
    let lines = stderr(&logged);
    for stage in [
        "Adding the school's people…",
        "Adding the incidents: 10% (15 of 150)",
        "Adding the incidents: 100% (150 of 150)",
    ] {
        assert!(lines.lines().any(|l| l == stage), "no {stage:?} in {lines}");
    }
    assert!(!lines.contains('\r'), "a log gets lines, not a redrawn bar");
    let quiet = run(&["--data-dir", d, "demo", "--yes", "--quiet"], "");
    assert_eq!(code(&quiet), 0, "{}", stderr(&quiet));
    assert_eq!(stderr(&quiet), "", "--quiet after the command");
    assert!(
        stdout(&quiet).contains("Created the demo vault"),
        "results still print"
    );

    let pdf = root.path().join("report.pdf");
    let pdf = pdf.to_str().unwrap();
    let report = [
        "report",
        "--year",
        "2025-26",
        "--out",
        pdf,
        "--passphrase-stdin",
    ];
    let logged = run(&[&["--data-dir", d][..], &report].concat(), "demo\n");
    assert_eq!(code(&logged), 0, "{}", stderr(&logged));
    assert!(
        stderr(&logged).contains("Drawing the report's charts and pages…"),
        "{}",
        stderr(&logged)
    );
    let quiet = run(&[&["-q", "--data-dir", d][..], &report].concat(), "demo\n");
    assert_eq!(code(&quiet), 0, "{}", stderr(&quiet));
    assert_eq!(stderr(&quiet), "", "-q before the command");
}

#[test]
fn the_data_folder_can_come_from_the_environment() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("from-env");
    let output = Command::new(env!("CARGO_BIN_EXE_esafety-desk"))
        .args(["demo", "--yes"])
        .env("ESAFETY_DESK_DATA", &dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(DataDir::new(&dir).has_vault());
}

#[test]
fn export_incidents_writes_every_incident_as_csv_with_formulas_defused() {
    let root = tempfile::tempdir().unwrap();
    let d = &demo_folder(root.path());
    let file = root.path().join("incidents.csv");
    let locked = run(
        &[
            "--data-dir",
            d,
            "export",
            "incidents",
            "--out",
            file.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code(&locked), 3, "no passphrase, nothing remembered");
    let output = export(d, "incidents", &file, "demo");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains(&format!(
            "Exported {} incidents",
            esafety_desk::cli::demo_data::DEMO_INCIDENTS
        )),
        "{}",
        stdout(&output)
    );
    assert!(stdout(&output).contains("not encrypted"));
    let mut reader = csv::Reader::from_path(&file).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, esafety_desk::store::export::INCIDENT_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), esafety_desk::cli::demo_data::DEMO_INCIDENTS);
    assert!(
        rows.iter()
            .any(|row| &row[8] == "illegal" && &row[12] == "closed")
    );
    assert!(rows.iter().all(|row| row[0].starts_with("ES-")));
}

#[test]
fn import_incidents_reports_each_problem_row_exits_1_and_imports_nothing_unless_told_to_skip() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("vault");
    assert_eq!(code(&init(&dir)), 0);
    let file = root.path().join("log.csv");
    std::fs::write(
        &file,
        "occurred_at,reported_by,category,description,people\n\
         01/11/2025 09:30,Mr Reid,pupil.mobile-devices,Phone in lesson,Ava Jones (pupil)\n\
         31/02/2025,Mr Reid,pupil.mobile-devices,Phone again,\n",
    )
    .unwrap();
    let (d, f) = (dir.to_str().unwrap(), file.to_str().unwrap());
    let pass = format!("{PASSPHRASE}\n");
    let refused = run(
        &[
            "--data-dir",
            d,
            "import",
            "incidents",
            f,
            "--passphrase-stdin",
        ],
        &pass,
    );
    assert_eq!(code(&refused), 1);
    assert!(stderr(&refused).contains("line 3: occurred_at: \"31/02/2025\" is not a date"));
    assert!(stderr(&refused).contains("Nothing was imported"));
    let vault = Vault::unlock(&DataDir::new(&dir), PASSPHRASE).unwrap();
    assert!(vault.newest_incidents(10, 0).unwrap().is_empty());
    drop(vault);

    let skipped = run(
        &[
            "--data-dir",
            d,
            "import",
            "incidents",
            f,
            "--skip-problem-rows",
            "--passphrase-stdin",
        ],
        &pass,
    );
    assert_eq!(code(&skipped), 0, "{}", stderr(&skipped));
    assert!(stdout(&skipped).contains("Imported 1 incident from"));
    assert!(stdout(&skipped).contains("left out: line 3"));
    let vault = Vault::unlock(&DataDir::new(&dir), PASSPHRASE).unwrap();
    assert_eq!(
        vault.newest_incidents(10, 0).unwrap()[0].people,
        ["Ava Jones"]
    );
}

#[test]
fn import_people_reads_a_mis_list_and_export_training_outstanding_lists_who_needs_what() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("vault");
    assert_eq!(code(&init(&dir)), 0);
    let file = root.path().join("staff.csv");
    std::fs::write(
        &file,
        "Staff Code,Surname,Forename,Job Title\nS1,Shah,Priya,DSL\nS2,Bailey,Tom,Teacher\n",
    )
    .unwrap();
    let (d, f) = (dir.to_str().unwrap(), file.to_str().unwrap());
    let pass = format!("{PASSPHRASE}\n");
    let args = [
        "--data-dir",
        d,
        "import",
        "people",
        f,
        "--kind",
        "staff",
        "--passphrase-stdin",
    ];
    let imported = run(&args, &pass);
    assert_eq!(code(&imported), 0, "{}", stderr(&imported));
    assert!(stdout(&imported).contains("Added 2 people, updated 0, 0 unchanged"));
    let again = run(&args, &pass);
    assert!(
        stdout(&again).contains("Added 0 people, updated 0, 2 unchanged"),
        "{}",
        stdout(&again)
    );
    let bad_kind = run(
        &["--data-dir", d, "import", "people", f, "--kind", "aliens"],
        &pass,
    );
    assert_eq!(code(&bad_kind), 2);

    let out = root.path().join("outstanding.csv");
    let exported = export(d, "training-outstanding", &out, PASSPHRASE);
    assert_eq!(code(&exported), 0, "{}", stderr(&exported));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        text.lines().count(),
        1 + 2 * 2 + 1,
        "induction and the annual update, for both, and the DSL's own training for the DSL"
    );
    assert_eq!(text.matches("Priya Shah").count(), 3, "{text}");
    assert!(text.contains("Priya Shah,staff,Online-safety induction,Never done,,"));
}

#[test]
fn export_schedule_writes_an_ics_calendar_of_every_item_on_the_demo_schedule() {
    let root = tempfile::tempdir().unwrap();
    let d = &demo_folder(root.path());
    let file = root.path().join("schedule.ics");
    let output = export(d, "schedule", &file, "demo");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("Exported 9 review dates to"),
        "{}",
        stdout(&output)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let calendar: icalendar::Calendar = text.parse().unwrap();
    use icalendar::Component;
    let events: Vec<(String, String)> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => {
                Some((e.get_summary()?.to_owned(), e.get_uid()?.to_owned()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 9);
    assert!(events.iter().any(
        |(summary, uid)| summary == "Annual review of the E-Safety Policy"
            && uid == "review-policy-review@esafety-desk"
    ));
    let vault =
        esafety_desk::store::Vault::unlock(&esafety_desk::store::DataDir::new(d), "demo").unwrap();
    let overdue = vault
        .review_items()
        .unwrap()
        .into_iter()
        .filter(|s| {
            s.item
                .due
                .is_some_and(|d| d < chrono::Local::now().date_naive())
        })
        .count();
    assert_eq!(overdue, 1, "the demo has one overdue item");
}

fn pdf_pages(file: &std::path::Path) -> Vec<String> {
    crate::common::pdf::Pdf::open(file).pages()
}

#[test]
fn report_writes_the_governor_pdf_for_a_half_term_or_a_year_and_refuses_a_bad_period() {
    let root = tempfile::tempdir().unwrap();
    let d = &demo_folder(root.path());
    let file = root.path().join("autumn.pdf");
    let f = file.to_str().unwrap();
    let output = run(
        &[
            "--data-dir",
            d,
            "report",
            "--half-term",
            "2025-26-autumn-2",
            "--out",
            f,
            "--passphrase-stdin",
        ],
        "demo\n",
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("Wrote the governor report for Autumn 2 2025-26"),
        "{}",
        stdout(&output)
    );
    let pages = pdf_pages(&file);
    assert!(pages.len() >= 3, "cover, incidents, registers");
    assert!(
        pages[0].contains("Online safety report to governors")
            && pages[0].contains("Autumn 2 2025-26")
    );

    let year = root.path().join("year.pdf");
    let output = run(
        &[
            "--data-dir",
            d,
            "report",
            "--year",
            "2025-26",
            "--out",
            year.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        "demo\n",
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(pdf_pages(&year)[0].contains("School year 2025-26"));

    let bad = root.path().join("bad.pdf");
    let output = run(
        &[
            "--data-dir",
            d,
            "report",
            "--half-term",
            "2025-26-winter-1",
            "--out",
            bad.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        "demo\n",
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("is not a half-term"),
        "{}",
        stderr(&output)
    );
    assert!(!bad.exists());
}

#[test]
fn print_incident_marks_every_page_confidential_and_names_the_people() {
    let root = tempfile::tempdir().unwrap();
    let d = &demo_folder(root.path());
    let csv_file = root.path().join("incidents.csv");
    let output = export(d, "incidents", &csv_file, "demo");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let mut reader = csv::Reader::from_path(&csv_file).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (reference, people) = (column("reference"), column("people"));
    let first = reader
        .records()
        .map(Result::unwrap)
        .find(|r| !r[people].is_empty())
        .unwrap();
    let file = root.path().join("incident.pdf");
    let output = run(
        &[
            "--data-dir",
            d,
            "print-incident",
            &first[reference].to_lowercase(),
            "--out",
            file.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        "demo\n",
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let pages = pdf_pages(&file);
    assert!(!pages.is_empty());
    for page in &pages {
        assert!(
            page.contains("CONFIDENTIAL"),
            "a page without the mark: {page}"
        );
    }
    let whole = pages.join("\n");
    let someone = first[people]
        .split([';', ','])
        .next()
        .unwrap()
        .split(" (")
        .next()
        .unwrap()
        .trim();
    assert!(whole.contains(someone), "{someone} is named in the record");
    assert!(whole.contains(&first[reference]));
    let author = crate::common::pdf::Pdf::open(&file)
        .author()
        .expect("the PDF names its author");
    assert!(
        !author.is_empty() && !author.contains(|c: char| c.is_ascii_digit()),
        "the author is a person, not the print time: {author:?}"
    );
    assert!(whole.contains(&format!("by {author}.")), "{whole}");

    let missing = root.path().join("missing.pdf");
    let output = run(
        &[
            "--data-dir",
            d,
            "print-incident",
            "ES-1999-0001",
            "--out",
            missing.to_str().unwrap(),
            "--passphrase-stdin",
        ],
        "demo\n",
    );
    assert_eq!(code(&output), 1);
    assert!(stderr(&output).contains("There is no incident ES-1999-0001"));
    assert!(!missing.exists());
}

#[test]
fn remember_says_in_words_when_no_credential_store_answers_and_changes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let d = &demo_folder(root.path());
    let keys = std::fs::read(Path::new(d).join("vault.keys")).unwrap();
    // The tests reach no Secret Service (no D-Bus session): the command says so, exit 1.
    let output = run(
        &["--data-dir", d, "remember", "--passphrase-stdin"],
        "demo\n",
    );
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("This PC cannot remember the key"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read(Path::new(d).join("vault.keys")).unwrap(),
        keys
    );
    let wrong = run(
        &["--data-dir", d, "remember", "--passphrase-stdin"],
        "not the passphrase\n",
    );
    assert_eq!(code(&wrong), 3, "{}", stderr(&wrong));
    let empty = root.path().join("empty");
    let output = run(
        &[
            "--data-dir",
            empty.to_str().unwrap(),
            "remember",
            "--forget",
        ],
        "",
    );
    assert_eq!(code(&output), 1);
    assert!(!empty.join("vault.keys").exists());
}

#[test]
fn help_points_to_the_user_guide_and_lists_the_import_columns_and_categories() {
    let output = run(&["--help"], "");
    assert_eq!(code(&output), 0);
    for words in [
        "Exit codes:",
        "user guide",
        "import incidents --help",
        "remember",
    ] {
        assert!(
            stdout(&output).contains(words),
            "{words}: {}",
            stdout(&output)
        );
    }
    let output = run(&["import", "incidents", "--help"], "");
    assert_eq!(code(&output), 0);
    let help = stdout(&output);
    for words in [
        "occurred_at",
        "reason_not_referred_to_police",
        "activity.grooming",
        "staff.continued-infringements",
        "Importing an incident log",
    ] {
        assert!(help.contains(words), "{words}: {help}");
    }
}

#[test]
fn with_no_display_the_app_says_so_in_words_and_leaves_no_crash_file() {
    let root = tempfile::tempdir().unwrap();
    let school = root.path().join("school");
    let output = Command::new(env!("CARGO_BIN_EXE_esafety-desk"))
        .args(["--data-dir", school.to_str().unwrap()])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    assert_eq!(code(&output), 1);
    assert!(
        stderr(&output).contains("The window could not be opened: there is no display here"),
        "{}",
        stderr(&output)
    );
    assert!(!esafety_desk::crash::crash_file(&school).exists());
}

#[test]
fn a_script_that_stops_reading_gets_an_exit_code_not_a_crash_report() {
    let root = tempfile::tempdir().unwrap();
    let school = root.path().join("school");
    let (read_end, write_end) = std::io::pipe().unwrap();
    drop(read_end);
    let closed = || std::process::Stdio::from(write_end.try_clone().unwrap());
    let status = Command::new(env!("CARGO_BIN_EXE_esafety-desk"))
        .args([
            "--data-dir",
            school.to_str().unwrap(),
            "verify",
            "--passphrase-stdin",
        ])
        .stdin(std::process::Stdio::null())
        .stdout(closed())
        .stderr(closed())
        .status()
        .unwrap();
    assert_ne!(status.code(), Some(101), "no panic");
    assert!(status.code().is_some_and(|code| code > 0));
    assert!(!esafety_desk::crash::crash_file(&school).exists());
}

#[test]
fn guide_writes_the_user_guide_beside_the_data_folder_and_names_it() {
    let root = tempfile::tempdir().unwrap();
    let school = root.path().join("school");
    let output = run(&["--data-dir", school.to_str().unwrap(), "guide"], "");
    let guide = root.path().join(esafety_desk::help::USER_GUIDE_FILE);
    let html = std::fs::read_to_string(&guide).expect("the guide is written beside the folder");
    assert_eq!(html, esafety_desk::help::USER_GUIDE_HTML);
    // Where no browser can be started (CI has none) it says so and where the guide is.
    let said = format!("{}{}", stdout(&output), stderr(&output));
    match code(&output) {
        0 => assert!(said.contains("Opened the user guide"), "{said}"),
        1 => assert!(said.contains("No web browser could be started"), "{said}"),
        other => panic!("exit {other}: {said}"),
    }
    assert!(said.contains(guide.to_str().unwrap()), "{said}");
    assert!(!school.exists(), "no vault folder is made for the guide");
}

#[test]
fn export_report_figures_writes_what_the_report_publishes_as_json_or_csv() {
    let root = tempfile::tempdir().unwrap();
    let d = &demo_folder(root.path());
    let figures = |file: &Path| {
        run(
            &[
                "--data-dir",
                d,
                "export",
                "report-figures",
                "--half-term",
                "2025-26-autumn-2",
                "--out",
                file.to_str().unwrap(),
                "--passphrase-stdin",
            ],
            "demo\n",
        )
    };
    let json_file = root.path().join("figures.json");
    let output = figures(&json_file);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains("schema esafety-desk.report-figures version 1"));
    let written = std::fs::read_to_string(&json_file).unwrap();

    // Exactly the figures of the report the app would make today, hidden ones without a value.
    let vault = Vault::unlock(&DataDir::new(std::path::PathBuf::from(d)), "demo").unwrap();
    let request = esafety_desk::report::Request {
        period: esafety_desk::report::Period::parse("2025-26-autumn-2").unwrap(),
        prepared_on: chrono::Local::now().date_naive(),
    };
    let report = esafety_desk::report::governor::gather(&vault, &request).unwrap();
    let expected = esafety_desk::report::figures::of(&report);
    assert_eq!(written, esafety_desk::report::figures::json(&expected));
    let parsed: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(parsed["period"], "2025-26-autumn-2");
    let rows = parsed["figures"].as_array().unwrap();
    let themes = rows.iter().filter(|f| f["table"] == "themes").count();
    assert_eq!(themes, 3 * report.incidents.by_theme.len());
    for figure in rows {
        match figure["value"].as_u64() {
            Some(n) => assert!(
                n == 0 || n >= 3 || figure["shown"].as_str().unwrap().ends_with('%'),
                "{figure}"
            ),
            None => assert!(
                figure["shown"].as_str().unwrap().parse::<u64>().is_err(),
                "{figure}"
            ),
        }
    }
    assert!(
        rows.iter().any(|f| f["value"].is_null()),
        "the demo hides some counts"
    );

    let csv_file = root.path().join("figures.csv");
    assert_eq!(code(&figures(&csv_file)), 0);
    let mut reader = csv::Reader::from_path(&csv_file).unwrap();
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "schema", "version", "school", "period", "table", "row", "column", "value", "shown"
        ]
    );
    assert_eq!(reader.records().count(), rows.len());
    let csv_text = std::fs::read_to_string(&csv_file).unwrap();
    for person in vault.people().unwrap() {
        assert!(!written.contains(&person.name) && !csv_text.contains(&person.name));
    }
    assert!(
        !written.contains("ES-20") && !csv_text.contains("ES-20"),
        "no references"
    );

    let other = root.path().join("figures.txt");
    let output = figures(&other);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("should end in .json or .csv"),
        "{}",
        stderr(&output)
    );
    assert!(!other.exists());
}

#[test]
fn no_output_path_can_overwrite_the_vaults_own_files() {
    let root = tempfile::tempdir().unwrap();
    let d = &demo_folder(root.path());
    let data = Path::new(d);
    let before: Vec<(String, Vec<u8>)> = ["vault.db", "vault.keys"]
        .iter()
        .map(|name| (name.to_string(), std::fs::read(data.join(name)).unwrap()))
        .collect();
    for (args, target) in [
        (
            vec!["report", "--half-term", "2025-26-autumn-2", "--out"],
            "vault.keys",
        ),
        (vec!["export", "schedule", "--out"], "vault.keys"),
        (vec!["export", "incidents", "--out"], "vault.db"),
        (vec!["backup", "--out"], "vault.db"),
        (vec!["backup", "--out"], "vault.db-wal"),
        (vec!["export", "people", "--out"], "VAULT.KEYS"),
        (
            vec!["export", "training-outstanding", "--out"],
            "preferences.json",
        ),
    ] {
        let path = data.join(target);
        let mut full = vec!["--data-dir", d];
        full.extend(args.iter().copied());
        // Windows would take "VAULT.KEYS" for the envelope itself: refused on every system.
        let shown = path.to_str().unwrap().to_owned();
        full.push(&shown);
        full.push("--passphrase-stdin");
        let output = run(&full, "demo\n");
        assert_eq!(code(&output), 1, "{args:?} {target}: {}", stdout(&output));
        let said = stderr(&output);
        assert!(
            said.contains("the vault's data folder")
                || said.contains("belongs to the vault's own files"),
            "{args:?}: {said}"
        );
    }
    for (name, bytes) in &before {
        assert_eq!(
            &std::fs::read(data.join(name)).unwrap(),
            bytes,
            "{name} changed"
        );
    }
    let output = run(&["--data-dir", d, "verify", "--passphrase-stdin"], "demo\n");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
}

#[test]
fn a_backup_that_meets_a_save_in_progress_waits_for_it_and_says_so() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("vault");
    assert_eq!(code(&init(&dir)), 0);
    let data = DataDir::new(dir.clone());
    let vault = Vault::unlock(&data, PASSPHRASE).unwrap();
    let other = behind_the_apps_back(&data, &raw_key_hex(&vault));
    drop(vault);
    // Another program is in the middle of a save.
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(2500));
        other.execute_batch("COMMIT").unwrap();
    });
    let file = root.path().join("nightly.esdbak");
    let args = [
        "--data-dir",
        dir.to_str().unwrap(),
        "backup",
        "--out",
        file.to_str().unwrap(),
        "--passphrase-stdin",
    ];
    let output = run(&args, &format!("{PASSPHRASE}\n"));
    releaser.join().unwrap();
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is using the vault: waiting up to 30 seconds"),
        "{}",
        stderr(&output)
    );
    assert!(file.exists());
}
