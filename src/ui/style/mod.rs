//! Named styles on top of `iced::Theme`: the only place colours are chosen.

use iced::theme::{Mode, Palette};
use iced::widget::{button, container, text};
use iced::{Background, Border, Color, Theme, border};

use crate::domain::ThemeChoice;

/// The calm light palette: white surfaces, a school-blue accent.
const LIGHT: Palette = Palette {
    background: Color::from_rgb(0.965, 0.969, 0.976),
    text: Color::from_rgb(0.12, 0.14, 0.17),
    primary: Color::from_rgb(0.09, 0.36, 0.62),
    success: Color::from_rgb(0.13, 0.50, 0.29),
    warning: Color::from_rgb(0.80, 0.52, 0.05),
    danger: Color::from_rgb(0.75, 0.16, 0.16),
};

/// The dark palette: slate surfaces, the same accent lightened for contrast.
const DARK: Palette = Palette {
    background: Color::from_rgb(0.11, 0.12, 0.14),
    text: Color::from_rgb(0.90, 0.91, 0.93),
    primary: Color::from_rgb(0.36, 0.60, 0.88),
    success: Color::from_rgb(0.35, 0.72, 0.48),
    warning: Color::from_rgb(0.93, 0.70, 0.30),
    danger: Color::from_rgb(0.93, 0.42, 0.42),
};

/// The theme for a choice, given the operating system's mode for "follow the system".
pub fn theme_for(choice: ThemeChoice, system: Mode) -> Theme {
    let dark = match choice {
        ThemeChoice::Light => false,
        ThemeChoice::Dark => true,
        ThemeChoice::System => system == Mode::Dark,
    };
    if dark {
        Theme::custom("E-Safety Desk Dark", DARK)
    } else {
        Theme::custom("E-Safety Desk Light", LIGHT)
    }
}

/// The sidebar: a slightly deeper surface than the page.
pub fn sidebar(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.weak.color.into()),
        text_color: Some(palette.background.weak.text),
        border: Border {
            color: palette.background.strong.color,
            width: 0.0,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

/// A card on the page: a raised surface with a soft border.
pub fn card(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    let surface = if palette.is_dark {
        palette.background.weak.color
    } else {
        Color::WHITE
    };
    container::Style {
        background: Some(surface.into()),
        border: Border {
            color: palette.background.strong.color,
            width: 1.0,
            radius: 8.0.into(),
        },
        ..container::Style::default()
    }
}

/// The recovery key's box: stands out so it is copied carefully.
pub fn key_box(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.primary.weak.color.scale_alpha(0.25).into()),
        border: Border {
            color: palette.primary.base.color,
            width: 1.0,
            radius: 6.0.into(),
        },
        ..container::Style::default()
    }
}

/// A warning banner, e.g. the wait after wrong passphrases.
pub fn notice(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.warning.weak.color.scale_alpha(0.35).into()),
        border: Border {
            color: palette.warning.base.color,
            width: 1.0,
            radius: 6.0.into(),
        },
        ..container::Style::default()
    }
}

/// The blank screen shown while hidden.
pub fn hidden_screen(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(theme.extended_palette().background.base.color.into()),
        ..container::Style::default()
    }
}

/// A sidebar entry; the current area is filled with the accent.
pub fn nav_item(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let palette = theme.extended_palette();
        let (background, text_color) = match (selected, status) {
            (true, _) => (
                Some(Background::Color(palette.primary.base.color)),
                palette.primary.base.text,
            ),
            (false, button::Status::Hovered | button::Status::Pressed) => (
                Some(Background::Color(palette.background.strong.color)),
                palette.background.weak.text,
            ),
            (false, _) => (None, palette.background.weak.text),
        };
        button::Style {
            background,
            text_color,
            border: border::rounded(6),
            ..button::Style::default()
        }
    }
}

/// A row of a table that opens a record: plain until hovered.
pub fn table_row(theme: &Theme, status: button::Status) -> button::Style {
    let palette = theme.extended_palette();
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => {
            Some(Background::Color(palette.background.weak.color))
        }
        _ => None,
    };
    button::Style {
        background,
        text_color: palette.background.base.text,
        border: border::rounded(4),
        ..button::Style::default()
    }
}

/// A button that reads as a link: the accent colour, no box.
pub fn link(theme: &Theme, status: button::Status) -> button::Style {
    let palette = theme.extended_palette();
    let text_color = match status {
        button::Status::Hovered | button::Status::Pressed => palette.primary.strong.color,
        _ => palette.primary.base.color,
    };
    button::Style {
        background: None,
        text_color,
        ..button::Style::default()
    }
}

/// Secondary text: hints, explanations, labels.
pub fn muted(theme: &Theme) -> text::Style {
    let palette = theme.extended_palette();
    text::Style {
        color: Some(palette.background.base.text.scale_alpha(0.68)),
    }
}

/// A problem the user must fix.
pub fn error(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.palette().danger),
    }
}

/// Something that went well.
pub fn success(theme: &Theme) -> text::Style {
    text::Style {
        color: Some(theme.palette().success),
    }
}

/// The strength meter's colour for a zxcvbn score.
pub fn strength_bar(score: u8) -> impl Fn(&Theme) -> iced::widget::progress_bar::Style {
    move |theme| {
        let palette = theme.palette();
        let bar = match score {
            0 | 1 => palette.danger,
            2 => palette.warning,
            _ => palette.success,
        };
        iced::widget::progress_bar::Style {
            background: theme.extended_palette().background.strong.color.into(),
            bar: bar.into(),
            border: border::rounded(3),
        }
    }
}

/// A match listed under a picker: the highlighted one in the accent colour.
pub fn match_line(theme: &Theme, status: button::Status, highlighted: bool) -> button::Style {
    let palette = theme.extended_palette();
    let (background, text_color) = if highlighted {
        (Some(palette.primary.weak.color), palette.primary.weak.text)
    } else if matches!(status, button::Status::Hovered | button::Status::Pressed) {
        (
            Some(palette.background.weak.color),
            palette.background.base.text,
        )
    } else {
        (None, palette.background.base.text)
    };
    button::Style {
        background: background.map(Background::Color),
        text_color,
        border: border::rounded(4),
        ..button::Style::default()
    }
}

/// The ring round a button, pick-list or checkbox that has the keyboard's focus: the accent
/// colour, thick enough to see at a glance in either theme.
pub fn focus_ring(theme: &Theme) -> Border {
    Border {
        color: theme.palette().primary,
        width: 2.0,
        radius: 5.0.into(),
    }
}
