//! The real Windows executable, cross-built by `wix/build-windows.sh`, run under Wine as a
//! network manager would run it: the command line on the Windows data folder
//! (`%LOCALAPPDATA%\…`), paths with spaces and a drive letter, the exit codes the README gives,
//! "Remember on this PC" against Wine's Credential Manager, the set-up wizard's window, and the
//! MSI installed, run and removed. Ignored by `cargo test` (it needs Wine and the cross-build):
//! `wix/test-windows.sh`, which `.ci/run` calls, prepares a Wine prefix and runs these with
//! `--ignored`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::pdf::Pdf;

/// How long one Wine command may take before it counts as hung.
const TIMEOUT: Duration = Duration::from_secs(120);

/// A Wine prefix and the Windows executable to run in it, from the variables the script sets.
struct Wine {
    prefix: PathBuf,
    exe: PathBuf,
}

impl Wine {
    fn from_env() -> Wine {
        let var = |name: &str| {
            PathBuf::from(std::env::var(name).unwrap_or_else(|_| {
                panic!("{name} is set by wix/test-windows.sh, which runs these tests")
            }))
        };
        Wine {
            prefix: var("WINEPREFIX"),
            exe: var("ESAFETY_DESK_WINDOWS_EXE"),
        }
    }

    /// Where a `C:\…` path of the Windows side is on this side.
    fn c_drive(&self, windows: &str) -> PathBuf {
        let relative = windows
            .strip_prefix("C:\\")
            .expect("a path on C:")
            .replace('\\', "/");
        self.prefix.join("drive_c").join(relative)
    }

    /// The user's `%LOCALAPPDATA%` on this side: the one user folder Wine made.
    fn local_app_data(&self) -> PathBuf {
        let users = self.prefix.join("drive_c/users");
        let user = std::fs::read_dir(&users)
            .expect("the prefix has users")
            .map(|entry| entry.unwrap().path())
            .find(|path| path.file_name().is_some_and(|n| n != "Public"))
            .expect("the prefix has its user's folder");
        user.join("AppData/Local")
    }

    /// The Windows data folder of the school's vault (`demo` for the demo's).
    fn data_folder(&self, which: &str) -> PathBuf {
        self.local_app_data()
            .join("E-Safety Desk/E-Safety Desk/data")
            .join(which)
    }

    /// Runs the executable at `exe` (this side's path) under Wine.
    fn run_program(&self, exe: &Path, args: &[&str], stdin: &str) -> Output {
        let mut command = Command::new("wine");
        command.arg(exe).args(args);
        finish(command, stdin)
    }

    /// Runs the cross-built executable with `args`, feeding `stdin`.
    fn run(&self, args: &[&str], stdin: &str) -> Output {
        self.run_program(&self.exe, args, stdin)
    }
}

/// Runs `command` with `stdin` fed to it, killing it if it outlives [`TIMEOUT`].
fn finish(mut command: Command, stdin: &str) -> Output {
    let mut child = command
        .env_remove("ESAFETY_DESK_DATA")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wine runs (wix/test-windows.sh installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > TIMEOUT {
            child.kill().unwrap();
            panic!("{command:?} did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Asserts `output` ended with `expected`, showing what it said if not.
fn exits(output: &Output, expected: i32) {
    assert_eq!(code(output), expected, "{}", said(output));
}

#[test]
#[ignore = "needs Wine and the cross-built executable: wix/test-windows.sh runs it"]
fn the_command_line_works_on_the_windows_data_folder_with_its_exit_codes() {
    let wine = Wine::from_env();
    let version = wine.run(&["--version"], "");
    exits(&version, 0);
    assert!(said(&version).contains(env!("CARGO_PKG_VERSION")));

    let passphrase = "kettle orbit marmalade fjord\n";
    let school = wine.data_folder("school");
    let _ = std::fs::remove_dir_all(&school);
    let init = wine.run(
        &[
            "init",
            "--school",
            "Stonebridge Primary School",
            "--coordinator",
            "Alex Morgan",
            "--passphrase-stdin",
        ],
        passphrase,
    );
    exits(&init, 0);
    assert!(
        said(&init).contains("Recovery key")
            && said(&init).contains("AppData\\Local\\E-Safety Desk\\E-Safety Desk\\data\\school"),
        "{}",
        said(&init)
    );
    assert!(school.join("vault.keys").is_file() && school.join("vault.db").is_file());
    exits(
        &wine.run(
            &[
                "init",
                "--school",
                "Another",
                "--coordinator",
                "Someone",
                "--passphrase-stdin",
            ],
            passphrase,
        ),
        1,
    );
    exits(&wine.run(&["verify", "--passphrase-stdin"], passphrase), 0);
    exits(
        &wine.run(&["verify", "--passphrase-stdin"], "not the passphrase\n"),
        3,
    );
    exits(&wine.run(&["verify"], ""), 3);
    exits(
        &wine.run(
            &[
                "report",
                "--half-term",
                "2025-26-winter-1",
                "--out",
                "C:\\x.pdf",
                "--passphrase-stdin",
            ],
            passphrase,
        ),
        2,
    );

    let demo = wine.run(&["demo", "--yes"], "");
    exits(&demo, 0);
    assert!(
        wine.data_folder("demo").join("vault.keys").is_file(),
        "{}",
        said(&demo)
    );
    exits(
        &wine.run(
            &[
                "--data-dir",
                wine.data_folder("demo").to_str().unwrap(),
                "verify",
                "--passphrase-stdin",
            ],
            "demo\n",
        ),
        0,
    );
}

#[test]
#[ignore = "needs Wine and the cross-built executable: wix/test-windows.sh runs it"]
fn paths_with_spaces_and_a_drive_letter_export_import_report_back_up_and_restore() {
    let wine = Wine::from_env();
    let demo = "C:\\school files\\demo vault";
    let _ = std::fs::remove_dir_all(wine.c_drive("C:\\school files"));
    let _ = std::fs::remove_dir_all(wine.c_drive("C:\\restored here"));
    exits(&wine.run(&["--data-dir", demo, "demo", "--yes"], ""), 0);
    let with_demo = |args: &[&str]| {
        let mut all = vec!["--data-dir", demo];
        all.extend_from_slice(args);
        all.push("--passphrase-stdin");
        wine.run(&all, "demo\n")
    };

    let csv = "C:\\school files\\old log\\incidents export.csv";
    std::fs::create_dir_all(wine.c_drive("C:\\school files\\old log")).unwrap();
    let export = with_demo(&["export", "incidents", "--out", csv]);
    exits(&export, 0);
    let rows = std::fs::read_to_string(wine.c_drive(csv))
        .unwrap()
        .lines()
        .count();
    assert!(rows > 100, "{rows} lines");

    let other = "C:\\school files\\another school";
    exits(
        &wine.run(
            &[
                "--data-dir",
                other,
                "init",
                "--school",
                "Another School",
                "--coordinator",
                "Sam Lee",
                "--passphrase-stdin",
            ],
            "lantern quarry sorbet tundra\n",
        ),
        0,
    );
    let import = wine.run(
        &[
            "--data-dir",
            other,
            "import",
            "incidents",
            csv,
            "--passphrase-stdin",
        ],
        "lantern quarry sorbet tundra\n",
    );
    exits(&import, 0);
    assert!(said(&import).contains("150"), "{}", said(&import));

    let pdf = "C:\\school files\\governors report.pdf";
    exits(
        &with_demo(&["report", "--year", "2025-26", "--out", pdf]),
        0,
    );
    let pages = Pdf::open(&wine.c_drive(pdf)).pages();
    assert!(pages.len() >= 4);
    assert!(
        pages[0].contains("Online safety report to governors")
            && pages[0].contains("School year 2025-26")
    );
    let record = "C:\\school files\\one incident.pdf";
    exits(
        &with_demo(&["print-incident", "ES-2025-0001", "--out", record]),
        0,
    );
    assert!(
        Pdf::open(&wine.c_drive(record))
            .pages()
            .iter()
            .all(|p| p.contains("CONFIDENTIAL"))
    );

    let backup = "C:\\school files\\backups here\\demo backup.esdbak";
    std::fs::create_dir_all(wine.c_drive("C:\\school files\\backups here")).unwrap();
    exits(&with_demo(&["backup", "--out", backup]), 0);
    let restored = "C:\\restored here";
    exits(
        &wine.run(&["--data-dir", restored, "restore", backup], ""),
        0,
    );
    exits(
        &wine.run(&["--data-dir", restored, "restore", backup], ""),
        1,
    );
    exits(
        &wine.run(
            &["--data-dir", restored, "verify", "--passphrase-stdin"],
            "demo\n",
        ),
        0,
    );
}

#[test]
#[ignore = "needs Wine and the cross-built executable: wix/test-windows.sh runs it"]
fn remember_on_this_pc_keeps_the_key_in_the_credential_manager() {
    let wine = Wine::from_env();
    let folder = "C:\\remembered";
    let _ = std::fs::remove_dir_all(wine.c_drive(folder));
    exits(&wine.run(&["--data-dir", folder, "demo", "--yes"], ""), 0);
    exits(&wine.run(&["--data-dir", folder, "verify"], ""), 3);
    let remember = wine.run(
        &["--data-dir", folder, "remember", "--passphrase-stdin"],
        "demo\n",
    );
    exits(&remember, 0);
    assert!(
        said(&remember).contains("now remembers"),
        "{}",
        said(&remember)
    );
    exits(&wine.run(&["--data-dir", folder, "verify"], ""), 0);
    exits(
        &wine.run(&["--data-dir", folder, "remember", "--forget"], ""),
        0,
    );
    exits(&wine.run(&["--data-dir", folder, "verify"], ""), 3);
}

#[test]
#[ignore = "needs Wine, Xvfb and the cross-built executable: wix/test-windows.sh runs it"]
fn the_window_opens_on_the_set_up_wizard() {
    let wine = Wine::from_env();
    let folder = "C:\\new school";
    let _ = std::fs::remove_dir_all(wine.c_drive(folder));
    let mut app = Command::new("wine")
        .arg(&wine.exe)
        .args(["--data-dir", folder])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let window = loop {
        let found = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", "^E-Safety Desk"])
            .output()
            .expect("xdotool runs (wix/test-windows.sh installs it)");
        let id = String::from_utf8_lossy(&found.stdout)
            .lines()
            .next()
            .map(str::to_owned);
        if let Some(id) = id {
            break id;
        }
        assert!(
            app.try_wait().unwrap().is_none(),
            "the app ended without a window"
        );
        assert!(started.elapsed() < TIMEOUT, "no window within {TIMEOUT:?}");
        std::thread::sleep(Duration::from_millis(250));
    };
    println!("window after {:.1} s", started.elapsed().as_secs_f32());
    // Let the first frame draw.
    std::thread::sleep(Duration::from_secs(4));
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("windows-setup-wizard.png");
    let taken = Command::new("import")
        .args(["-window", &window])
        .arg(&shot)
        .status()
        .expect("ImageMagick's import runs");
    let _ = app.kill();
    let _ = Command::new("wineserver").arg("-k").status();
    assert!(taken.success(), "the screenshot is taken");
    let colours = Command::new("identify")
        .args(["-format", "%k"])
        .arg(&shot)
        .output()
        .unwrap();
    let colours: u32 = String::from_utf8_lossy(&colours.stdout)
        .trim()
        .parse()
        .unwrap();
    assert!(
        colours > 50,
        "the window is drawn, not blank ({colours} colours): {}",
        shot.display()
    );
    println!("screenshot: {}", shot.display());
}

#[test]
#[ignore = "needs Wine and the MSI: wix/test-windows.sh runs it"]
fn the_msi_installs_silently_runs_and_uninstalls_leaving_the_data() {
    let wine = Wine::from_env();
    let msi =
        PathBuf::from(std::env::var("ESAFETY_DESK_MSI").expect("ESAFETY_DESK_MSI names the MSI"));
    let data = wine.data_folder("msi-check");
    exits(
        &wine.run(&["--data-dir", data.to_str().unwrap(), "demo", "--yes"], ""),
        0,
    );
    let keys = std::fs::read(data.join("vault.keys")).unwrap();

    let mut install = Command::new("wine");
    install.args(["msiexec", "/i"]).arg(&msi).arg("/qn");
    exits(&finish(install, ""), 0);
    let installed = wine.c_drive("C:\\Program Files\\E-Safety Desk");
    for file in ["esafety-desk.exe", "user-guide.html", "License.rtf"] {
        assert!(installed.join(file).is_file(), "{file} is installed");
    }
    let guide = std::fs::read_to_string(installed.join("user-guide.html")).unwrap();
    assert!(guide.contains("id=\"importing-an-incident-log\""));
    let shortcuts: Vec<PathBuf> = ["ProgramData/Microsoft/Windows/Start Menu/Programs", "users"]
        .iter()
        .flat_map(|under| find_files(&wine.prefix.join("drive_c").join(under), ".lnk"))
        .filter(|path| path.to_string_lossy().contains("E-Safety Desk"))
        .collect();
    // Wine puts a per-machine MSI's shortcuts in the user's Start menu (its msi.dll resolves
    // ProgramMenuFolder to the user's Programs whatever ALLUSERS says); Windows puts them in
    // the all-users one. Either way there are exactly the two.
    println!("Start-menu shortcuts: {shortcuts:?}");
    assert_eq!(shortcuts.len(), 2, "the app and its guide: {shortcuts:?}");
    let run = wine.run_program(&installed.join("esafety-desk.exe"), &["--version"], "");
    exits(&run, 0);
    // The installed program opens the installed guide (as the app's Help does) with whatever
    // opens .html files: here a stand-in "browser" that writes down what it was given.
    let opened = wine.c_drive("C:\\guide-opened.txt");
    let _ = std::fs::remove_file(&opened);
    let browser = "C:\\windows\\system32\\cmd.exe /c echo %1> C:\\guide-opened.txt";
    for (key, value) in [
        ("HKCR\\.html", "guidetest"),
        ("HKCR\\guidetest\\shell\\open\\command", browser),
    ] {
        let mut reg = Command::new("wine");
        reg.args(["reg", "add", key, "/ve", "/d", value, "/f"]);
        exits(&finish(reg, ""), 0);
    }
    let guide = wine.run_program(&installed.join("esafety-desk.exe"), &["guide"], "");
    exits(&guide, 0);
    let installed_guide = "C:\\Program Files\\E-Safety Desk\\user-guide.html";
    assert!(said(&guide).contains(installed_guide), "{}", said(&guide));
    let started = Instant::now();
    while !opened.exists() && started.elapsed() < TIMEOUT {
        std::thread::sleep(Duration::from_millis(200));
    }
    let given = std::fs::read_to_string(&opened).expect("the browser was started");
    assert!(given.contains(installed_guide), "the browser got {given}");
    let verify = wine.run_program(
        &installed.join("esafety-desk.exe"),
        &[
            "--data-dir",
            data.to_str().unwrap(),
            "verify",
            "--passphrase-stdin",
        ],
        "demo\n",
    );
    exits(&verify, 0);

    let mut uninstall = Command::new("wine");
    uninstall.args(["msiexec", "/x"]).arg(&msi).arg("/qn");
    exits(&finish(uninstall, ""), 0);
    assert!(
        !installed.join("esafety-desk.exe").exists(),
        "the program is removed"
    );
    assert_eq!(
        std::fs::read(data.join("vault.keys")).unwrap(),
        keys,
        "the data is untouched"
    );
    assert!(data.join("vault.db").is_file());
}

/// Every file under `folder` whose name ends with `ending`.
fn find_files(folder: &Path, ending: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .map(|entry| entry.unwrap().path())
        .flat_map(|path| match path.is_dir() {
            true => find_files(&path, ending),
            false if path.to_string_lossy().ends_with(ending) => vec![path],
            false => Vec::new(),
        })
        .collect()
}
