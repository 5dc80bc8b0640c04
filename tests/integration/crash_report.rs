//! When the program stops unexpectedly: a test build panics on purpose, the crash file beside
//! the data folder says where in the code and leaves out the message's value (which stands for
//! record content), and the next start of the app says so until the notice is dismissed.

use esafety_desk::domain::clock::Clock;
use std::process::Command;

use crate::common::gui::{interact, shows};
use esafety_desk::crash::{CRASH_FILE, crash_file};
use esafety_desk::store::DataDir;
use esafety_desk::ui::App;

/// Stands for record content in the panic's message: it must not reach the crash file.
const CANARY: &str = "Zara Hughes (Year 6) told her tutor";

#[test]
fn a_panic_leaves_a_crash_file_without_record_content_and_the_next_start_says_so() {
    let root = tempfile::tempdir().unwrap();
    let school = root.path().join("school");
    let output = Command::new(env!("CARGO_BIN_EXE_esafety-desk"))
        .args(["--data-dir", school.to_str().unwrap(), "verify"])
        .env("ESAFETY_DESK_TEST_PANIC", CANARY)
        .output()
        .unwrap();
    assert!(
        !output.status.success(),
        "the deliberate panic stops the program"
    );

    let file = root.path().join(CRASH_FILE);
    assert_eq!(crash_file(&school), file);
    let report = std::fs::read_to_string(&file).expect("the crash file is written");
    assert!(report.contains("stopped unexpectedly"), "{report}");
    assert!(report.contains(env!("CARGO_PKG_VERSION")));
    assert!(
        report.contains("src/main.rs:"),
        "where in the code: {report}"
    );
    assert!(
        report.contains("a deliberate panic for the crash-file test"),
        "{report}"
    );
    for word in ["Zara", "Hughes", "Year 6", "tutor"] {
        assert!(
            !report.contains(word),
            "{word} is in the crash file: {report}"
        );
    }

    let mut app = App::new(DataDir::new(&school), Clock::System);
    assert!(app.shows_crash_notice());
    assert!(shows(&app, "E-Safety Desk stopped unexpectedly last time."));
    assert!(
        shows(&app, &file.display().to_string()),
        "the notice names the file"
    );
    interact(&mut app, |ui| {
        ui.click("Dismiss (Esc)").unwrap();
    });
    assert!(!app.shows_crash_notice());
    assert!(!file.exists(), "the report is set aside, not shown again");
    let kept: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("crash-"))
        .collect();
    assert_eq!(
        kept.len(),
        1,
        "the report is kept for whoever supports the app"
    );
    assert!(!App::new(DataDir::new(&school), Clock::System).shows_crash_notice());
}
