//! Pure types and rules of the product: no database, no GUI.

pub mod aup;
pub mod backups;
pub mod clock;
pub mod consent;
pub mod csv_lines;
pub mod idle;
pub mod incident;
pub mod logs;
pub mod passphrase;
pub mod person;
pub mod person_import;
pub mod policy;
pub mod preferences;
pub mod problem;
pub mod schedule;
pub mod search;
pub mod settings;
pub mod spreadsheet;
pub mod staff_groups;
pub mod terms;
pub mod throttle;
pub mod training;
pub mod typed_text;
pub mod when;
pub mod wording;

pub use idle::IdleLock;
pub use passphrase::{PassphraseProblem, Strength};
pub use preferences::{Preferences, ThemeChoice};
pub use settings::{SchoolSettings, SettingsProblem};
pub use throttle::UnlockThrottle;
