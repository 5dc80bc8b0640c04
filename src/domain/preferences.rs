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
    /// Where the window was when last moved or resized; none until it has been.
    pub window: Option<WindowPlace>,
}

/// The window's place on the screen, in logical pixels: its size when not maximised, its
/// top-left corner if the system gave it, and whether it was maximised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowPlace {
    /// Width when not maximised.
    pub width: u32,
    /// Height when not maximised.
    pub height: u32,
    /// The top-left corner, where the system reports it (Wayland does not).
    pub position: Option<(i32, i32)>,
    /// Maximised when last seen.
    pub maximized: bool,
}

impl WindowPlace {
    /// The size to open at: the one remembered, never below `minimum`.
    pub fn opening_size(&self, minimum: (u32, u32)) -> (u32, u32) {
        (self.width.max(minimum.0), self.height.max(minimum.1))
    }

    /// The corner to open at, if it is one a screen can show: a corner left or above the
    /// screen (a monitor since unplugged) is not used, and the system places the window.
    pub fn opening_position(&self) -> Option<(i32, i32)> {
        self.position.filter(|(x, y)| *x >= 0 && *y >= 0)
    }

    /// Whether the window, at its remembered place, lies wholly on a screen of `size`.
    pub fn fits_on(&self, size: (u32, u32)) -> bool {
        let (x, y) = self.opening_position().unwrap_or((0, 0));
        let right = i64::from(x) + i64::from(self.width);
        let bottom = i64::from(y) + i64::from(self.height);
        right <= i64::from(size.0) && bottom <= i64::from(size.1)
    }
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
        assert_eq!(prefs.window, None);
    }

    #[test]
    fn a_remembered_window_opens_no_smaller_than_the_minimum_and_never_off_screen() {
        let place = WindowPlace {
            width: 900,
            height: 1000,
            position: Some((-1600, 40)),
            maximized: false,
        };
        assert_eq!(place.opening_size((1024, 640)), (1024, 1000));
        assert_eq!(
            place.opening_position(),
            None,
            "left of the screen: not used"
        );
        let on_screen = WindowPlace {
            position: Some((100, 50)),
            width: 1200,
            height: 700,
            ..place
        };
        assert_eq!(on_screen.opening_position(), Some((100, 50)));
        assert!(on_screen.fits_on((1366, 768)));
        assert!(
            !on_screen.fits_on((1280, 720)),
            "a smaller screen than it was on"
        );
    }

    #[test]
    fn the_window_place_survives_the_file() {
        let prefs = Preferences {
            theme: ThemeChoice::Light,
            window: Some(WindowPlace {
                width: 1300,
                height: 700,
                position: Some((10, 20)),
                maximized: true,
            }),
        };
        let text = serde_json::to_string(&prefs).unwrap();
        assert_eq!(serde_json::from_str::<Preferences>(&text).unwrap(), prefs);
    }
}
