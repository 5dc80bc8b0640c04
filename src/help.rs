//! The user guide that travels with the program: the README's sections for co-ordinators and
//! network managers as one HTML page, made at build time (`wix/guide.rs`). The MSI installs it
//! beside the executable; elsewhere (a development build, Linux, macOS) the program writes its
//! own copy next to the data folder before opening it.

use std::path::{Path, PathBuf};

/// The guide's HTML, as built from this version's README.
pub const USER_GUIDE_HTML: &str = include_str!(concat!(env!("OUT_DIR"), "/user-guide.html"));

/// The guide's file name, beside the executable and beside the data folder.
pub const USER_GUIDE_FILE: &str = "user-guide.html";

/// Where the guide is: the installed copy beside the executable when there is one, otherwise
/// a copy written (or refreshed) in `beside`, the data folder's parent.
pub fn user_guide_file(beside: &Path) -> std::io::Result<PathBuf> {
    if let Some(installed) = installed_guide() {
        return Ok(installed);
    }
    std::fs::create_dir_all(beside)?;
    let copy = beside.join(USER_GUIDE_FILE);
    if std::fs::read_to_string(&copy).ok().as_deref() != Some(USER_GUIDE_HTML) {
        std::fs::write(&copy, USER_GUIDE_HTML)?;
    }
    Ok(copy)
}

/// The guide the installer put beside the executable, if it is there.
fn installed_guide() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let guide = exe.parent()?.join(USER_GUIDE_FILE);
    guide.is_file().then_some(guide)
}

/// Why the user guide could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum GuideError {
    /// The copy beside the data folder could not be written.
    #[error("The user guide could not be written in {}: {source}", .folder.display())]
    Write {
        /// The folder it was to go in.
        folder: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// No web browser could be started; the guide is there to open by hand.
    #[error("No web browser could be started ({source}); the user guide is {}", .file.display())]
    Browser {
        /// The guide's file.
        file: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// Opens the user guide for the vault in `data_folder` in the web browser: the installed copy,
/// or one written beside the folder. Returns the file opened.
pub fn open_user_guide(data_folder: &Path) -> Result<PathBuf, GuideError> {
    let beside = data_folder.parent().unwrap_or(data_folder);
    let file = user_guide_file(beside).map_err(|source| GuideError::Write {
        folder: beside.to_path_buf(),
        source,
    })?;
    open_in_browser(&file).map_err(|source| GuideError::Browser {
        file: file.clone(),
        source,
    })?;
    Ok(file)
}

/// Opens `file` with the program the system uses for web pages, as a double-click does.
#[cfg(windows)]
pub fn open_in_browser(file: &Path) -> std::io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::UI::Shell::ShellExecuteW;
    use windows_sys::Win32::UI::WindowsAndMessaging::SW_SHOWNORMAL;
    let wide = |text: &std::ffi::OsStr| text.encode_wide().chain([0]).collect::<Vec<u16>>();
    let (verb, path) = (wide("open".as_ref()), wide(file.as_os_str()));
    // SAFETY: both strings are NUL-terminated UTF-16 that outlive the call; the null window,
    // parameters and directory are allowed. ShellExecuteW returns a value above 32 on success.
    let result = unsafe {
        ShellExecuteW(
            std::ptr::null_mut(),
            verb.as_ptr(),
            path.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            SW_SHOWNORMAL,
        )
    };
    match result as isize {
        code if code > 32 => Ok(()),
        // SE_ERR_NOASSOC and SE_ERR_ASSOCINCOMPLETE: nothing is set to open .html files.
        31 | 27 => Err(std::io::Error::other(
            "no program is set to open web pages (.html files) on this PC",
        )),
        code => Err(std::io::Error::other(format!(
            "Windows could not open it (ShellExecute error {code})"
        ))),
    }
}

/// Opens `file` with the program the system uses for web pages.
#[cfg(not(windows))]
pub fn open_in_browser(file: &Path) -> std::io::Result<()> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(file)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
}

/// Where the user guide is, in words for a message: in the app and beside the program.
pub const WHERE_THE_GUIDE_IS: &str = "the user guide (Help in the app's sidebar, F1, or \
    \"E-Safety Desk user guide\" in the Start menu)";

/// What `import incidents --help` says after its options: the columns and the category keys,
/// from the same lists the import checks against.
pub fn incident_import_help() -> String {
    use crate::domain::incident::category::CATEGORIES;
    use crate::domain::incident::import::{
        NOT_RECORDED, REQUIRED_COLUMNS, WRITTEN_ONLY, optional_columns,
    };
    let mut help = format!(
        "Fields (a column's name is recognised in any case, or map it with --mapping field=Column):\n  \
         needed:   {}\n  optional: {}\n  not read: {} (worked out again from the category)\n\n\
         Any other column is kept in each record's notes (--mapping notes=Column says so, \
         leave_out=Column leaves it out). With no reported_by column, the record says \
         \"{NOT_RECORDED}\".\n\n\
         Categories: a key below, the policy's words or its short title; any other words get \
         the closest categories, to confirm with --category \"Words=key\" (remembered). \
         A status, location or device is its code or words, or a common word for one \
         (resolved, library, mobile phone); say what any other means with --status, \
         --location or --device \"Words=code\" (remembered).\n",
        REQUIRED_COLUMNS.join(", "),
        optional_columns().join(", "),
        WRITTEN_ONLY.join(", ")
    );
    for category in CATEGORIES {
        let level = category.level.code();
        help.push_str(&format!(
            "  {:<44} {level:<14} {}\n",
            category.key,
            category.short_title()
        ));
    }
    help.push_str(&format!(
        "\nWhat each column holds, the matching of names and categories, and how a re-import \
         adds only new rows: 'Importing an incident log' in {WHERE_THE_GUIDE_IS}."
    ));
    help
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_has_the_users_sections_and_not_the_developers() {
        for section in [
            "id=\"data-folder\"",
            "id=\"for-network-managers-installing-on-windows\"",
            "id=\"command-line\"",
            "id=\"importing-an-incident-log\"",
            "activity.grooming",
            "Exit codes",
        ] {
            assert!(
                USER_GUIDE_HTML.contains(section),
                "{section} is in the guide"
            );
        }
        for developers in ["For developers", "cargo test", "screenshot-incidents.png"] {
            assert!(
                !USER_GUIDE_HTML.contains(developers),
                "{developers} is left out"
            );
        }
        assert!(USER_GUIDE_HTML.contains("<table>"), "tables are tables");
    }

    #[test]
    fn the_import_help_lists_every_column_and_category_key() {
        let help = incident_import_help();
        for column in crate::domain::incident::import::COLUMNS {
            assert!(help.contains(column), "{column}");
        }
        for category in crate::domain::incident::category::CATEGORIES {
            assert!(help.contains(category.key), "{}", category.key);
        }
    }

    #[test]
    fn a_copy_is_written_beside_the_data_folder_and_refreshed_when_it_differs() {
        let dir = tempfile::tempdir().unwrap();
        let file = user_guide_file(dir.path()).unwrap();
        assert_eq!(file, dir.path().join(USER_GUIDE_FILE));
        std::fs::write(&file, "an older guide").unwrap();
        user_guide_file(dir.path()).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), USER_GUIDE_HTML);
    }
}
