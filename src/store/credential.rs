//! "Remember on this PC": the data key kept in the operating system's credential store
//! (Windows Credential Manager with local persistence, macOS Keychain, Secret Service).

use std::sync::Mutex;

use keyring_core::{Entry, Error as KeyringError};

use crate::store::envelope::KeyEnvelope;
use crate::store::{DataDir, DataKey, StoreError, Vault};

const SERVICE: &str = "E-Safety Desk";

/// Whether a credential store is in use, and why not when none is.
#[derive(Debug, Clone)]
enum StoreState {
    NotSetUp,
    Ready,
    Unavailable(String),
}

static STATE: Mutex<StoreState> = Mutex::new(StoreState::NotSetUp);

/// Installs this platform's credential store as the default, once; records why when none
/// answers (no D-Bus session, for instance). Never panics.
pub fn use_platform_store() {
    let mut state = lock_state();
    if matches!(*state, StoreState::NotSetUp) {
        *state = match platform_store() {
            Ok(store) => {
                keyring_core::set_default_store(store);
                StoreState::Ready
            }
            Err(reason) => StoreState::Unavailable(reason),
        };
    }
}

/// Installs an in-memory store: for tests, where no OS credential store exists.
pub fn use_memory_store() {
    let store = keyring_core::mock::Store::new().expect("the in-memory store always starts");
    keyring_core::set_default_store(store);
    *lock_state() = StoreState::Ready;
}

/// `Ok` when a credential store is in use, otherwise the reason none is.
pub fn availability() -> Result<(), String> {
    use_platform_store();
    match lock_state().clone() {
        StoreState::Ready => Ok(()),
        StoreState::NotSetUp => Err("No credential store has been set up on this PC".into()),
        StoreState::Unavailable(reason) => Err(reason),
    }
}

/// Keeps `vault`'s data key in the credential store.
pub fn remember(vault: &Vault) -> Result<(), StoreError> {
    entry(vault.vault_id())?
        .set_secret(vault.key().as_bytes())
        .map_err(failure)
}

/// Removes `vault_id`'s data key from the credential store; fine if it was not there.
pub fn forget(vault_id: &str) -> Result<(), StoreError> {
    match entry(vault_id)?.delete_credential() {
        Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
        Err(error) => Err(failure(error)),
    }
}

/// Whether this PC remembers `vault_id`'s key.
pub fn is_remembered(vault_id: &str) -> bool {
    entry(vault_id)
        .and_then(|e| e.get_secret().map_err(failure))
        .is_ok()
}

/// Opens the vault in `dir` with a remembered key; `Locked` when there is none.
pub fn unlock_remembered(dir: &DataDir) -> Result<Vault, StoreError> {
    availability().map_err(|_| StoreError::Locked)?;
    let envelope = KeyEnvelope::load(&dir.envelope()).map_err(|e| match dir.has_vault() {
        true => e,
        false => StoreError::NoVault(dir.root().to_path_buf()),
    })?;
    let secret = match entry(envelope.vault_id())?.get_secret() {
        Ok(secret) => secret,
        Err(KeyringError::NoEntry) => return Err(StoreError::Locked),
        Err(error) => return Err(failure(error)),
    };
    let key = DataKey::from_slice(&secret).ok_or(StoreError::Locked)?;
    Vault::open_with_key(dir, key)
}

fn entry(vault_id: &str) -> Result<Entry, StoreError> {
    availability().map_err(StoreError::CredentialStore)?;
    #[cfg(windows)]
    let entry = Entry::new_with_modifiers(
        SERVICE,
        vault_id,
        &[("persistence", "Local")].into_iter().collect(),
    );
    #[cfg(not(windows))]
    let entry = Entry::new(SERVICE, vault_id);
    entry.map_err(failure)
}

fn failure(error: KeyringError) -> StoreError {
    StoreError::CredentialStore(error.to_string())
}

fn lock_state() -> std::sync::MutexGuard<'static, StoreState> {
    STATE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(all(unix, not(target_os = "macos")))]
fn platform_store() -> Result<std::sync::Arc<keyring_core::CredentialStore>, String> {
    zbus_secret_service_keyring_store::Store::new()
        .map(|store| store as std::sync::Arc<keyring_core::CredentialStore>)
        .map_err(|e| format!("No credential store answered on this PC, so the key cannot be remembered here (Secret Service: {e})"))
}

#[cfg(target_os = "macos")]
fn platform_store() -> Result<std::sync::Arc<keyring_core::CredentialStore>, String> {
    apple_native_keyring_store::keychain::Store::new()
        .map(|store| store as std::sync::Arc<keyring_core::CredentialStore>)
        .map_err(|e| {
            format!("The macOS Keychain did not answer, so the key cannot be remembered here ({e})")
        })
}

#[cfg(windows)]
fn platform_store() -> Result<std::sync::Arc<keyring_core::CredentialStore>, String> {
    windows_native_keyring_store::Store::new()
        .map(|store| store as std::sync::Arc<keyring_core::CredentialStore>)
        .map_err(|e| format!("Windows Credential Manager did not answer, so the key cannot be remembered here ({e})"))
}
