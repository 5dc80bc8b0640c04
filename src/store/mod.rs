//! The encrypted vault: one SQLCipher database, its key envelope, migrations, the audit chain
//! and backups. Never imports iced.

pub mod audit;
pub mod aup;
pub mod backup;
mod connection;
pub mod consent;
pub mod credential;
pub mod drafts;
pub mod envelope;
mod error;
pub mod export;
pub(crate) mod files;
pub mod import;
pub mod incidents;
pub mod investigation;
pub mod key;
pub mod logs;
mod mappings;
mod migrations;
pub mod paths;
pub mod people;
pub mod person_import;
pub mod policy;
pub mod preferences;
mod query;
pub mod report;
pub mod schedule;
mod seen;
pub mod settings;
pub mod stored;
pub mod timeline;
pub mod training;
pub mod vault;

pub use connection::{BUSY_WAIT, on_busy_wait};
pub use error::StoreError;
pub use key::{DataKey, RecoveryKey};
pub use paths::DataDir;
pub use vault::Vault;
