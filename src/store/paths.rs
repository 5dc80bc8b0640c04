//! Where the vault's files live.

use std::path::{Path, PathBuf};

/// The environment variable that overrides the data folder, like `--data-dir`.
pub const DATA_DIR_ENV: &str = "ESAFETY_DESK_DATA";

const DATABASE_FILE: &str = "vault.db";
const ENVELOPE_FILE: &str = "vault.keys";
const PREFERENCES_FILE: &str = "preferences.json";

/// The names of the files a data folder keeps: the database and its journal files, the key
/// envelope and the preferences. A report, export or backup is never written over one.
pub(crate) const VAULT_FILE_NAMES: [&str; 7] = [
    DATABASE_FILE,
    "vault.db-wal",
    "vault.db-shm",
    ENVELOPE_FILE,
    PREFERENCES_FILE,
    SEEN_FILE,
    APP_CLAIM_FILE,
];

/// Held locked by the copy of the app that has the vault open.
const APP_CLAIM_FILE: &str = "vault.in-use";

/// A copy of the app's hold on a data folder while it has the vault open: a second copy is
/// told, rather than working on the same records unseen. Command-line work (the nightly
/// backup, an import) is not held up by it. Let go when dropped.
#[derive(Debug)]
pub struct AppClaim {
    _held: std::fs::File,
}

/// The audit chain's head as this folder last saw it (see `store::seen`).
const SEEN_FILE: &str = "vault.seen";

/// The folder that holds one vault: the database, its key envelope and display preferences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data folder at `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The school's vault in the user's local application data (not roaming: the key stays on this PC).
    pub fn default_school() -> Option<Self> {
        Some(Self::new(app_data_root()?.join("school")))
    }

    /// The demo vault's own folder, beside the school's.
    pub fn default_demo() -> Option<Self> {
        Some(Self::new(app_data_root()?.join("demo")))
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The SQLCipher database.
    pub fn database(&self) -> PathBuf {
        self.root.join(DATABASE_FILE)
    }

    /// The key envelope: salts, parameters and wrapped keys, nothing typed.
    pub fn envelope(&self) -> PathBuf {
        self.root.join(ENVELOPE_FILE)
    }

    /// The note of the audit chain's head this folder last saw.
    pub fn seen(&self) -> PathBuf {
        self.root.join(SEEN_FILE)
    }

    /// Claims the folder for this copy of the app, or says another copy has it open. Where the
    /// file system cannot lock (some network shares), the claim is granted unheld.
    pub fn claim_for_app(&self) -> Result<AppClaim, crate::store::StoreError> {
        let path = self.root.join(APP_CLAIM_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(crate::store::StoreError::io("open", &path))?;
        match file.try_lock() {
            Err(std::fs::TryLockError::WouldBlock) => {
                let holder = std::fs::read_to_string(&path).unwrap_or_default();
                Err(crate::store::StoreError::OpenElsewhere(
                    holder.trim().to_owned(),
                ))
            }
            Ok(()) | Err(std::fs::TryLockError::Error(_)) => {
                // Who holds it, for the next copy's message: a PC's name and a time, nothing typed.
                use std::io::Write;
                let pc = std::env::var("COMPUTERNAME")
                    .or_else(|_| std::env::var("HOSTNAME"))
                    .map_or_else(|_| "this PC".to_owned(), |name| format!("the PC {name}"));
                let since = chrono::Local::now().format("%H:%M on %-d %B");
                let mut held = &file;
                let _ = held.set_len(0);
                let _ = write!(held, "on {pc} since {since}");
                Ok(AppClaim { _held: file })
            }
        }
    }

    /// The display preferences file.
    pub fn preferences(&self) -> PathBuf {
        self.root.join(PREFERENCES_FILE)
    }

    /// Whether a vault (database or envelope) is already here.
    pub fn has_vault(&self) -> bool {
        self.database().exists() || self.envelope().exists()
    }

    /// Creates the folder if needed, readable by this user only where the OS has such modes.
    pub fn create(&self) -> Result<(), crate::store::StoreError> {
        let fail = crate::store::StoreError::io("create the folder", &self.root);
        std::fs::create_dir_all(&self.root).map_err(fail)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let private = std::fs::Permissions::from_mode(0o700);
            std::fs::set_permissions(&self.root, private).map_err(crate::store::StoreError::io(
                "protect the folder",
                &self.root,
            ))?;
        }
        Ok(())
    }

    /// Every file that makes up the vault: database, write-ahead log, shared memory, envelope.
    pub fn vault_files(&self) -> [PathBuf; 4] {
        let db = self.database().into_os_string();
        let with = |suffix: &str| {
            let mut name = db.clone();
            name.push(suffix);
            PathBuf::from(name)
        };
        [self.database(), with("-wal"), with("-shm"), self.envelope()]
    }

    /// Removes the vault's files (not the folder, nor the preferences).
    pub fn remove_vault_files(&self) -> Result<(), crate::store::StoreError> {
        let seen = self.seen();
        for file in self
            .vault_files()
            .iter()
            .chain([&seen])
            .filter(|file| file.exists())
        {
            std::fs::remove_file(file).map_err(crate::store::StoreError::io("remove", file))?;
        }
        Ok(())
    }
}

fn app_data_root() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("uk", "E-Safety Desk", "E-Safety Desk")?;
    Some(dirs.data_local_dir().to_path_buf())
}
