//! The Windows installer, read back in pure Rust (the `msi` crate): the executable, the user
//! guide and the licence, the Start-menu shortcuts with their icon, the upgrade code and a
//! per-machine install. Building an MSI needs WiX or Debian's `wixl`, so this test is ignored
//! by `cargo test`: `wix/test-windows.sh` (run by `.ci/run`) builds the real MSI and runs it
//! with `ESAFETY_DESK_MSI` naming the file.

use msi::{Package, Select};

/// The upgrade code every release keeps, so a new MSI replaces the old one.
const UPGRADE_CODE: &str = "{E4D45A26-553C-48B8-A54C-0A1F29C3074B}";

/// The environment variable naming the MSI to check.
const MSI_ENV: &str = "ESAFETY_DESK_MSI";

/// The text of column `column` in each row of `table`.
fn column(package: &mut Package<std::fs::File>, table: &str, column: &str) -> Vec<String> {
    package
        .select_rows(Select::table(table))
        .unwrap_or_else(|e| panic!("the MSI has a {table} table ({e})"))
        .map(|row| row[column].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The MSI's property `name`.
fn property(package: &mut Package<std::fs::File>, name: &str) -> String {
    package
        .select_rows(Select::table("Property"))
        .unwrap()
        .find(|row| row["Property"].as_str() == Some(name))
        .and_then(|row| row["Value"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("no {name} property"))
}

#[test]
#[ignore = "needs an MSI built with wixl or WiX: wix/test-windows.sh runs it"]
fn the_msi_installs_the_program_its_guide_and_start_menu_shortcuts_per_machine() {
    let path = std::env::var(MSI_ENV)
        .unwrap_or_else(|_| panic!("{MSI_ENV} names the MSI to check (wix/test-windows.sh)"));
    let mut package = msi::open(&path).unwrap_or_else(|e| panic!("{path} is an MSI ({e})"));

    let mut files = column(&mut package, "File", "FileName");
    files.sort();
    assert_eq!(
        files,
        ["License.rtf", "esafety-desk.exe", "user-guide.html"]
    );

    let mut shortcuts: Vec<(String, String, String)> = package
        .select_rows(Select::table("Shortcut"))
        .unwrap()
        .map(|row| {
            let text = |name: &str| row[name].as_str().unwrap_or_default().to_owned();
            (text("Directory_"), text("Name"), text("Icon_"))
        })
        .collect();
    shortcuts.sort();
    assert_eq!(
        shortcuts,
        [
            (
                "ProgramMenuFolder".into(),
                "E-Safety Desk".into(),
                "AppIcon.ico".into()
            ),
            (
                "ProgramMenuFolder".into(),
                "E-Safety Desk user guide".into(),
                String::new()
            ),
        ],
        "the app with its icon, and its guide"
    );

    assert_eq!(property(&mut package, "ProductName"), "E-Safety Desk");
    assert_eq!(
        property(&mut package, "ProductVersion"),
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(property(&mut package, "UpgradeCode"), UPGRADE_CODE);
    assert_eq!(
        property(&mut package, "ALLUSERS"),
        "1",
        "installed per machine"
    );
    assert_eq!(property(&mut package, "ARPPRODUCTICON"), "AppIcon.ico");
    assert!(property(&mut package, "ARPHELPLINK").starts_with("https://"));

    let upgrades = column(&mut package, "Upgrade", "UpgradeCode");
    assert!(
        upgrades.len() == 2 && upgrades.iter().all(|code| code == UPGRADE_CODE),
        "a major upgrade: older replaced, newer refused ({upgrades:?})"
    );
    assert_eq!(column(&mut package, "Icon", "Name"), ["AppIcon.ico"]);
}
