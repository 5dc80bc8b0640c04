//! What is left when the program stops unexpectedly. A release build aborts on a panic, and a
//! GUI program on Windows has no console, so without this the reason is lost. The hook writes
//! the panic's place in the code, the part of its message the code wrote, the version and the
//! time to a crash file beside the data folder; the next start of the app says so.
//!
//! Never any record content: a message formatted at run time (`expect("…: {error}")`, an
//! `unwrap` of an error) is cut at its first ": ", where the code's own words end and a value
//! (which could hold a name or a typed note) begins.

use std::path::{Path, PathBuf};

/// The crash file's name, in the data folder's parent.
pub const CRASH_FILE: &str = "last-crash.txt";

/// What stands in for the part of a message that may hold a value.
const LEFT_OUT: &str = "[the rest is left out: it may hold record content]";

/// The crash file for the vault in `data_folder`: beside it, so a crash of the demo and of the
/// school's vault land in one place, and removing a vault's folder leaves the report.
pub fn crash_file(data_folder: &Path) -> PathBuf {
    data_folder.parent().unwrap_or(data_folder).join(CRASH_FILE)
}

/// Installs the hook that writes `file` on a panic, then runs the default hook (which prints
/// to standard error where there is one).
pub fn install_hook(file: PathBuf) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let report = report(info, &chrono::Local::now().to_rfc3339());
        if let Some(folder) = file.parent() {
            let _ = std::fs::create_dir_all(folder);
        }
        let _ = std::fs::write(&file, report);
        default(info);
    }));
}

/// The crash file's text for one panic.
fn report(info: &std::panic::PanicHookInfo<'_>, when: &str) -> String {
    let location = info.location().map_or_else(
        || "an unknown place".to_owned(),
        |l| format!("{}:{}:{}", l.file(), l.line(), l.column()),
    );
    let message = match (
        info.payload().downcast_ref::<&'static str>(),
        info.payload().downcast_ref::<String>(),
    ) {
        (Some(written), _) => (*written).to_owned(),
        (None, Some(formatted)) => code_words(formatted),
        (None, None) => "(no message)".to_owned(),
    };
    let thread = std::thread::current()
        .name()
        .unwrap_or("unnamed")
        .to_owned();
    format!(
        "E-Safety Desk {version} stopped unexpectedly.\n\
         When: {when}\n\
         Where in the code: {location} (thread {thread})\n\
         Message: {message}\n\n\
         This file holds no record content. Send it to whoever supports E-Safety Desk at your \
         school; it is replaced if the program stops unexpectedly again.\n",
        version = env!("CARGO_PKG_VERSION"),
    )
}

/// The words the code wrote at the start of a formatted message, up to where a value begins.
fn code_words(formatted: &str) -> String {
    match formatted.split_once(": ") {
        Some((words, _)) => format!("{words}: {LEFT_OUT}"),
        None if formatted.len() <= 120 && !formatted.contains('"') => formatted.to_owned(),
        None => LEFT_OUT.to_owned(),
    }
}

/// The crash file left by the last run, if the app has not yet said so.
pub fn unreported(data_folder: &Path) -> Option<PathBuf> {
    let file = crash_file(data_folder);
    file.is_file().then_some(file)
}

/// Marks the crash file as reported: renamed with the time it was written, so the next start
/// does not say so again and earlier reports are kept for whoever supports the app.
pub fn mark_reported(file: &Path) -> std::io::Result<PathBuf> {
    let written: chrono::DateTime<chrono::Local> = std::fs::metadata(file)?.modified()?.into();
    let kept = file.with_file_name(format!("crash-{}.txt", written.format("%Y-%m-%d-%H%M%S")));
    std::fs::rename(file, &kept)?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formatted_message_keeps_only_the_codes_words() {
        assert_eq!(
            code_words("the report is written: Zara Hughes (pupil) said …"),
            format!("the report is written: {LEFT_OUT}")
        );
        assert_eq!(
            code_words("index out of bounds: the len is 3 but the index is 5"),
            format!("index out of bounds: {LEFT_OUT}")
        );
        assert_eq!(
            code_words("attempt to subtract with overflow"),
            "attempt to subtract with overflow"
        );
        assert_eq!(code_words("quoted \"Zara\" text"), LEFT_OUT);
    }

    #[test]
    fn the_crash_file_is_beside_the_data_folder_and_reported_once() {
        let root = tempfile::tempdir().unwrap();
        let folder = root.path().join("school");
        assert_eq!(unreported(&folder), None);
        std::fs::write(crash_file(&folder), "E-Safety Desk stopped").unwrap();
        let file = unreported(&folder).expect("the crash file is found");
        assert_eq!(file, root.path().join(CRASH_FILE));
        let kept = mark_reported(&file).unwrap();
        assert!(kept.is_file() && !file.exists());
        assert_eq!(unreported(&folder), None);
    }
}
