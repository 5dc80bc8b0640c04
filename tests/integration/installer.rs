//! The Windows installer's source builds: `wixl` (Debian's WiX, installed by `.ci/run`) makes
//! the MSI from `wix/main.wxs` with a stand-in executable, and `msiinfo` / `msiextract` find the
//! executable, the licence, the Start-menu shortcut with its icon, the upgrade code and a
//! per-machine install in it. The real cross-compiled build is `wix/build-windows.sh`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The upgrade code every release keeps, so a new MSI replaces the old one.
const UPGRADE_CODE: &str = "{E4D45A26-553C-48B8-A54C-0A1F29C3074B}";

fn run(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("{program} runs ({e}): .ci/run installs wixl and msitools"));
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A folder under the build's own temporary folder, as a path relative to the package root
/// (wixl refuses absolute source paths).
fn work_folder() -> (PathBuf, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("msi-test");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    let relative = folder.strip_prefix(root).map_or_else(
        |_| panic!("the target folder is inside the package"),
        |p| p.to_string_lossy().into_owned(),
    );
    (folder, relative)
}

/// The rows of an MSI table, each split into its columns (the three header lines skipped).
fn table(msi: &str, name: &str) -> Vec<Vec<String>> {
    run("msiinfo", &["export", msi, name])
        .lines()
        .skip(3)
        .map(|line| {
            line.trim_end_matches('\r')
                .split('\t')
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[test]
fn wixl_builds_an_msi_with_the_executable_and_its_start_menu_shortcut() {
    let (folder, relative) = work_folder();
    std::fs::write(folder.join("esafety-desk.exe"), b"MZ stand-in executable").unwrap();
    let msi = format!("{relative}/esafety-desk.msi");
    let version = format!("Version={}", env!("CARGO_PKG_VERSION"));
    let bin_dir = format!("CargoTargetBinDir={relative}");
    run(
        "wixl",
        &[
            "-a",
            "x64",
            "-D",
            &version,
            "-D",
            &bin_dir,
            "-o",
            &msi,
            "wix/main.wxs",
        ],
    );

    let files: Vec<String> = table(&msi, "File")
        .into_iter()
        .map(|row| row[2].clone())
        .collect();
    assert_eq!(files, ["esafety-desk.exe", "License.rtf"]);
    let extracted = run("msiextract", &["-l", &msi]);
    assert!(
        extracted
            .lines()
            .any(|l| l.ends_with("E-Safety Desk/esafety-desk.exe")),
        "{extracted}"
    );

    let shortcuts = table(&msi, "Shortcut");
    assert_eq!(shortcuts.len(), 1);
    let shortcut = &shortcuts[0];
    assert_eq!(
        (shortcut[1].as_str(), shortcut[2].as_str()),
        ("ProgramMenuFolder", "E-Safety Desk")
    );
    assert_eq!(
        shortcut[8], "AppIcon.ico",
        "the shortcut has the app's icon"
    );

    let properties: Vec<(String, String)> = table(&msi, "Property")
        .into_iter()
        .map(|row| (row[0].clone(), row.get(1).cloned().unwrap_or_default()))
        .collect();
    let property = |name: &str| {
        properties
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or_else(|| panic!("no {name} property"))
    };
    assert_eq!(property("ProductName"), "E-Safety Desk");
    assert_eq!(property("ProductVersion"), env!("CARGO_PKG_VERSION"));
    assert_eq!(property("UpgradeCode"), UPGRADE_CODE);
    assert_eq!(property("ALLUSERS"), "1", "installed per machine");
    assert_eq!(property("ARPPRODUCTICON"), "AppIcon.ico");
    assert!(property("ARPHELPLINK").starts_with("https://"));

    let upgrades = table(&msi, "Upgrade");
    assert!(
        upgrades.iter().all(|row| row[0] == UPGRADE_CODE) && upgrades.len() == 2,
        "a major upgrade: older replaced, newer refused"
    );
    let icons: Vec<String> = table(&msi, "Icon")
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    assert_eq!(icons, ["AppIcon.ico"]);
}
