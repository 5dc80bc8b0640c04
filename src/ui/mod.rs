//! The iced GUI: one module per screen, each with its own `Message`, an `update` returning an
//! `Action` to its parent, and a `view`.

mod app;
pub mod area;
pub mod background;
mod chart;
mod display;
pub mod files;
mod form;
pub mod keyed;
pub mod picker;
pub mod screen;
pub mod session;
pub mod style;
mod window;

use chrono::NaiveDate;

use crate::domain::{SchoolSettings, ThemeChoice};
use crate::store::DataDir;

pub use app::{App, Message, shortcut};

/// A key the app passes on to the workspace, for the form on show or a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    /// An arrow key: the highlight of the search box typed into last moves.
    Step(picker::Step),
    /// Ctrl+Enter: save the form from any field.
    Submit,
    /// Tab moved the focus to another field.
    FocusMoved,
    /// Esc: empty the search box typed into last.
    Escape,
    /// Ctrl+N: open a new incident form, from any area.
    NewIncident,
}
pub use display::{DisplayHold, hold_display};

/// What every view may need, passed down instead of globals.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// Today's date on this PC.
    pub today: NaiveDate,
    /// The school's settings.
    pub settings: &'a SchoolSettings,
    /// The chosen theme.
    pub theme: ThemeChoice,
    /// Whether the screen is dark (the chosen theme, or the system's).
    pub dark: bool,
}

/// The smallest window every screen is laid out for.
pub const MINIMUM_SIZE: iced::Size = iced::Size::new(1024.0, 640.0);

/// Opens the window on the vault in `dir` and runs until it is closed.
pub fn run(dir: DataDir) -> iced::Result {
    crate::store::credential::use_platform_store();
    let place = crate::store::preferences::load(&dir).window;
    iced::application(move || App::boot(dir.clone()), App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .subscription(App::subscription)
        .default_font(iced::Font::with_name("Fira Sans"))
        .window(iced::window::Settings {
            icon: window_icon(),
            ..window::settings(place)
        })
        .run()
}

/// The app's icon for the window and the taskbar: 64×64 RGBA, made from `assets/esafety-desk.svg`.
fn window_icon() -> Option<iced::window::Icon> {
    const ICON: &[u8] = include_bytes!("../../assets/esafety-desk-64.rgba");
    iced::window::icon::from_rgba(ICON.to_vec(), 64, 64).ok()
}
