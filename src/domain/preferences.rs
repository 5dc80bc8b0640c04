//! Per-PC display preferences, kept outside the vault because the unlock screen needs them.

use serde::{Deserialize, Serialize};

/// Light, dark, or whatever the operating system uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Always light.
    Light,
    /// Always dark.
    Dark,
    /// Follow the operating system's setting.
    #[default]
    System,
}

impl ThemeChoice {
    /// Every choice, in the order the picker shows them.
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];
}

impl std::fmt::Display for ThemeChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
            ThemeChoice::System => "Follow the system",
        })
    }
}

/// Display preferences for this PC. Holds nothing the user types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The colour theme.
    pub theme: ThemeChoice,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_or_empty_preferences_file_still_loads() {
        let prefs: Preferences = serde_json::from_str("{}").unwrap();
        assert_eq!(prefs.theme, ThemeChoice::System);
        let prefs: Preferences = serde_json::from_str(r#"{"theme":"Dark","gone":1}"#).unwrap();
        assert_eq!(prefs.theme, ThemeChoice::Dark);
    }
}
