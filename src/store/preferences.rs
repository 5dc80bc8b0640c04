//! The display preferences file beside the vault (nothing typed, nothing sensitive).

use crate::domain::Preferences;
use crate::store::files::write_atomically;
use crate::store::{DataDir, StoreError};

/// Reads the preferences; a missing or unreadable file gives the defaults.
pub fn load(dir: &DataDir) -> Preferences {
    std::fs::read_to_string(dir.preferences())
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Writes the preferences.
pub fn save(dir: &DataDir, preferences: &Preferences) -> Result<(), StoreError> {
    dir.create()?;
    let text = serde_json::to_string_pretty(preferences).expect("preferences always serialise");
    write_atomically(&dir.preferences(), text.as_bytes())
}
