//! Shared set-up for the integration tests: temporary vaults and the raw key behind them.

#![allow(dead_code)]

pub mod gui;
pub mod keyboard;
pub mod pdf;

use esafety_desk::domain::incident::{
    Device, Involvement, Location, NewIncident, PlannedAction, Role,
};
use std::path::Path;

use esafety_desk::domain::SchoolSettings;
use esafety_desk::store::{DataDir, RecoveryKey, Vault, credential};

/// A strong passphrase that meets the rule.
pub const PASSPHRASE: &str = "kettle orbit marmalade fjord";
/// Another strong passphrase.
pub const OTHER_PASSPHRASE: &str = "lantern quarry sorbet tundra";

/// An example incident for a test: in `category_key`, happening at `when` and reported an
/// hour later by a class teacher, in a classroom on a shared school device, about nobody, with
/// no actions; a test changes only what it is about.
pub fn example_incident(category_key: &str, when: chrono::NaiveDateTime) -> ExampleIncident {
    use esafety_desk::domain::incident::{Device, Location, category};
    ExampleIncident(NewIncident {
        occurred_at: when,
        reported_at: when + chrono::Duration::hours(1),
        reported_by: "Class teacher".into(),
        location: Location::Classroom,
        device: Device::SchoolShared,
        category: category_key.into(),
        risk: category::category(category_key)
            .expect("a known category")
            .risk,
        description: "Used a proxy site in a lesson.".into(),
        urls: vec![],
        people: vec![],
        actions: vec![],
    })
}

/// An example incident being shaped for a test.
pub struct ExampleIncident(NewIncident);

impl ExampleIncident {
    /// About these people, in these roles, with no part given.
    pub fn about(mut self, people: Vec<(i64, Role)>) -> Self {
        self.0.people = people
            .into_iter()
            .map(|(person, role)| Involvement::new(person, role))
            .collect();
        self
    }

    /// Reported at `at` by `by`.
    pub fn reported(mut self, at: chrono::NaiveDateTime, by: &str) -> Self {
        self.0.reported_at = at;
        self.0.reported_by = by.into();
        self
    }

    /// What happened.
    pub fn described(mut self, description: &str) -> Self {
        self.0.description = description.into();
        self
    }

    /// Where, and on what.
    pub fn place(mut self, location: Location, device: Device) -> Self {
        self.0.location = location;
        self.0.device = device;
        self
    }

    /// With these web addresses.
    pub fn urls(mut self, urls: &[&str]) -> Self {
        self.0.urls = urls.iter().map(|url| (*url).to_owned()).collect();
        self
    }

    /// With these actions.
    pub fn actions(mut self, actions: Vec<PlannedAction>) -> Self {
        self.0.actions = actions;
        self
    }

    /// With the action `title`, suggested by the policy and chosen.
    pub fn chosen_action(self, title: &str) -> Self {
        self.actions(vec![PlannedAction {
            action: title.into(),
            suggested: true,
            chosen: true,
        }])
    }

    /// With every action the policy's pupil table suggests for its category, chosen.
    pub fn suggested_pupil_actions(self) -> Self {
        let category = esafety_desk::domain::incident::category::category(&self.0.category)
            .expect("a known category");
        let actions = esafety_desk::domain::incident::rules::suggested_pupil_actions(category)
            .iter()
            .map(|action| PlannedAction {
                action: action.title().into(),
                suggested: true,
                chosen: true,
            })
            .collect();
        self.actions(actions)
    }

    /// The incident.
    pub fn build(self) -> NewIncident {
        self.0
    }
}

/// An incident in `category_key` about one pupil, happening at `when` and reported an hour
/// later, with `actions` chosen.
pub fn pupil_incident(
    category_key: &str,
    pupil: i64,
    when: chrono::NaiveDateTime,
    actions: Vec<PlannedAction>,
) -> NewIncident {
    example_incident(category_key, when)
        .about(vec![(pupil, Role::Pupil)])
        .actions(actions)
        .build()
}

/// A new vault in `root/vault` for "Stonebridge Primary School".
pub fn new_vault(root: &Path) -> (DataDir, Vault, RecoveryKey) {
    let dir = DataDir::new(root.join("vault"));
    let settings = SchoolSettings::new("Stonebridge Primary School", "Alex Morgan");
    let (vault, recovery) = Vault::create(&dir, &settings, PASSPHRASE).expect("a new vault");
    (dir, vault, recovery)
}

/// Installs the in-memory credential store once for the whole test binary: tests run in
/// parallel, and replacing the store under one of them would lose its entries.
pub fn memory_credential_store() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(credential::use_memory_store);
}

/// The raw data key, read back the way "Remember on this PC" stores it (in-memory store).
pub fn raw_key_hex(vault: &Vault) -> String {
    memory_credential_store();
    credential::remember(vault).expect("the in-memory store keeps the key");
    let entry = keyring_core::Entry::new("E-Safety Desk", vault.vault_id()).unwrap();
    hex::encode(entry.get_secret().unwrap())
}

/// A plain SQLCipher connection to the vault, as someone with the key but not the app would open it.
pub fn behind_the_apps_back(dir: &DataDir, key_hex: &str) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(dir.database()).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA cipher_log_level = NONE; PRAGMA key = \"x'{key_hex}'\";"
    ))
    .unwrap();
    conn
}

/// Every file in the data folder with its bytes.
pub fn folder_files(dir: &DataDir) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.root())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| {
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// Runs the binary with `args`, feeding `stdin`, with no credential store reachable.
pub fn run_binary(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_esafety-desk"))
        .args(args)
        .env_remove("ESAFETY_DESK_DATA")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    std::io::Write::write_all(&mut input, stdin.as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}
