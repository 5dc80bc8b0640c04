//! The unlocked vault as the GUI holds it: shared with background work, dropped on lock.

use std::sync::{Arc, Mutex, PoisonError};

use crate::domain::SchoolSettings;
use crate::domain::clock::Clock;
use crate::store::{StoreError, Vault};
use crate::ui::background;

/// A store error that can ride inside a `Clone` message.
pub type SharedError = Arc<StoreError>;

/// An unlocked vault and the settings read when it opened.
#[derive(Clone)]
pub struct Session {
    vault: Arc<Mutex<Vault>>,
    /// This copy's hold on the data folder, let go when the last clone of the session goes.
    _claim: Arc<crate::store::paths::AppClaim>,
    vault_id: Arc<str>,
    settings: SchoolSettings,
    clock: Clock,
}

impl Session {
    /// Wraps a freshly unlocked vault, reading its settings.
    pub fn open(vault: Vault) -> Result<Self, StoreError> {
        let claim = vault.dir().claim_for_app()?;
        let settings = vault.settings()?;
        let vault_id: Arc<str> = vault.vault_id().into();
        let clock = vault.clock();
        Ok(Self {
            vault: Arc::new(Mutex::new(vault)),
            _claim: Arc::new(claim),
            vault_id,
            settings,
            clock,
        })
    }

    /// The session reading the time from `clock`, the vault too.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self.vault
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .set_clock(clock);
        self
    }

    /// The app's clock.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The local date and time by the app's clock.
    pub fn now(&self) -> chrono::NaiveDateTime {
        self.clock.now()
    }

    /// Today's date by the app's clock.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// The school's settings as last saved.
    pub fn settings(&self) -> &SchoolSettings {
        &self.settings
    }

    /// Records settings that were just saved.
    pub fn set_settings(&mut self, settings: SchoolSettings) {
        self.settings = settings;
    }

    /// The vault's identifier (names its credential-store entry).
    pub fn vault_id(&self) -> &str {
        &self.vault_id
    }

    /// Runs `work` with the vault on a background thread.
    pub fn with_vault<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Vault) -> T + Send + 'static,
    ) -> impl Future<Output = T> + Send + 'static {
        let vault = Arc::clone(&self.vault);
        background::run(move || work(&mut vault.lock().unwrap_or_else(PoisonError::into_inner)))
    }
}

impl Session {
    /// As [`Session::with_vault`], for work that tells its progress through the callback it
    /// is given: the stream yields each step, then the result.
    pub fn with_vault_progress<P: Send + 'static, T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Vault, &mut dyn FnMut(P)) -> T + Send + 'static,
    ) -> impl iced::futures::Stream<Item = background::Report<P, T>> + Send + 'static {
        let vault = Arc::clone(&self.vault);
        background::run_with_progress(move |progress| {
            work(
                &mut vault.lock().unwrap_or_else(PoisonError::into_inner),
                progress,
            )
        })
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("vault_id", &self.vault_id)
            .finish_non_exhaustive()
    }
}

/// Opens `vault` into a session, sharing the error for messages.
pub fn start(vault: Result<Vault, StoreError>) -> Result<Session, SharedError> {
    vault.and_then(Session::open).map_err(Arc::new)
}
