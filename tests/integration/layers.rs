//! The layers hold: the domain, the store and the report never name the GUI toolkit, and the
//! domain never names the database. Read from the source, so a wrong-way `use` fails here.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/<layer>`.
fn sources(layer: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src")
            .join(layer),
    ];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    assert!(!found.is_empty(), "src/{layer} has sources");
    found
}

/// Code lines (not comments, not string literals' words) naming `krate` as a path: `krate::`,
/// `use krate`, `krate_something::` or `extern crate krate`.
fn naming(file: &Path, krate: &str) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("//"))
        .filter(|line| names_crate(line, krate))
        .map(|line| format!("{}: {line}", file.display()))
        .collect()
}

fn names_crate(line: &str, krate: &str) -> bool {
    let code = line.split("//").next().unwrap_or(line);
    code.match_indices(krate).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let starts_word = !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '"');
        let after = &code[at + krate.len()..];
        let as_path = after.starts_with("::")
            || (after.starts_with('_')
                && after
                    .trim_start_matches(|c: char| c.is_alphanumeric() || c == '_')
                    .starts_with("::"));
        let as_use = code[..at].trim_end().ends_with("use") || code[..at].ends_with("crate ");
        starts_word && (as_path || as_use)
    })
}

#[test]
fn the_domain_store_and_report_never_name_iced_and_the_domain_never_names_rusqlite() {
    let mut wrong = Vec::new();
    for layer in ["domain", "store", "report"] {
        for file in sources(layer) {
            wrong.extend(naming(&file, "iced"));
        }
    }
    for file in sources("domain") {
        wrong.extend(naming(&file, "rusqlite"));
    }
    assert!(
        wrong.is_empty(),
        "a layer reaches the wrong way:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_a_wrong_way_use() {
    assert!(names_crate("use iced::widget::text;", "iced"));
    assert!(names_crate("let x = iced_core::Color::BLACK;", "iced"));
    assert!(names_crate("fn f(c: &rusqlite::Connection) {}", "rusqlite"));
    assert!(names_crate("use rusqlite;", "rusqlite"));
    assert!(!names_crate("let sliced = 1; // not iced::x", "iced"));
    assert!(!names_crate("let spliced::x = 1;", "iced"));
}
