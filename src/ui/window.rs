//! The window's place: it opens where it was last (maximised, or at its last size and corner,
//! never smaller than every screen is laid out for and never off the screen), and the place is
//! kept in the preferences a moment after the window is moved or resized.

use iced::window::{self, Id};
use iced::{Point, Size, Task};

use crate::domain::preferences::WindowPlace;
use crate::ui::MINIMUM_SIZE;

/// The size the window restores to when there is no remembered one.
const FIRST_SIZE: Size = Size::new(1280.0, 720.0);

/// What the window told the app, or what the app asked it.
#[derive(Debug, Clone, Copy)]
pub enum Event {
    /// It opened.
    Opened(Id),
    /// It was resized (maximising resizes it too).
    Resized(Id, Size),
    /// It was moved to this corner.
    Moved(Point),
    /// Whether it is maximised, asked after a resize.
    Maximized(bool, Size),
    /// The size of the screen it opened on, if the system says.
    Monitor(Id, Option<Size>),
}

/// The settings to open the window with, from the place remembered (if any).
pub fn settings(place: Option<WindowPlace>) -> window::Settings {
    let minimum = (MINIMUM_SIZE.width as u32, MINIMUM_SIZE.height as u32);
    let Some(place) = place else {
        // Maximised, so it fits whatever the screen (a 1366×768 laptop with Windows' taskbar
        // included); restored, 1280×720.
        return window::Settings {
            size: FIRST_SIZE,
            maximized: true,
            min_size: Some(MINIMUM_SIZE),
            ..window::Settings::default()
        };
    };
    let (width, height) = place.opening_size(minimum);
    let position = match place.opening_position() {
        Some((x, y)) => window::Position::Specific(Point::new(x as f32, y as f32)),
        None => window::Position::Centered,
    };
    window::Settings {
        size: Size::new(width as f32, height as f32),
        position,
        maximized: place.maximized,
        min_size: Some(MINIMUM_SIZE),
        ..window::Settings::default()
    }
}

/// The window's place as it changes, and whether the preferences have it yet.
#[derive(Debug, Default)]
pub struct Tracker {
    place: Option<WindowPlace>,
    unsaved: bool,
}

impl Tracker {
    /// Tracking from the place the window opened at.
    pub fn new(place: Option<WindowPlace>) -> Self {
        Self {
            place,
            unsaved: false,
        }
    }

    /// Handles what the window said; the task asks it more where needed.
    pub fn update(&mut self, event: Event) -> Task<Event> {
        match event {
            Event::Opened(id) => window::monitor_size(id).map(move |size| Event::Monitor(id, size)),
            Event::Resized(id, size) => {
                window::is_maximized(id).map(move |maximized| Event::Maximized(maximized, size))
            }
            Event::Maximized(maximized, size) => {
                let place = self.place_mut();
                place.maximized = maximized;
                // A maximised size is the screen's: the size to restore to stays.
                if !maximized {
                    place.width = size.width.round() as u32;
                    place.height = size.height.round() as u32;
                }
                self.unsaved = true;
                Task::none()
            }
            Event::Moved(corner) => {
                let place = self.place_mut();
                if !place.maximized {
                    place.position = Some((corner.x.round() as i32, corner.y.round() as i32));
                    self.unsaved = true;
                }
                Task::none()
            }
            Event::Monitor(id, Some(screen)) => self.keep_on(id, screen),
            Event::Monitor(_, None) => Task::none(),
        }
    }

    /// A window remembered on a bigger screen, or another monitor, is brought back onto this one.
    fn keep_on(&mut self, id: Id, screen: Size) -> Task<Event> {
        let Some(place) = self.place.as_mut() else {
            return Task::none();
        };
        if place.maximized || place.fits_on((screen.width as u32, screen.height as u32)) {
            return Task::none();
        }
        let width = screen.width.min(place.width as f32).max(MINIMUM_SIZE.width);
        let height = screen
            .height
            .min(place.height as f32)
            .max(MINIMUM_SIZE.height);
        place.position = Some((0, 0));
        Task::batch([
            window::resize(id, Size::new(width, height)),
            window::move_to(id, Point::ORIGIN),
        ])
    }

    /// The place to keep, once, after it changed.
    pub fn take_unsaved(&mut self) -> Option<WindowPlace> {
        if !std::mem::take(&mut self.unsaved) {
            return None;
        }
        self.place
    }

    /// Whether the place changed since it was last kept.
    pub fn is_unsaved(&self) -> bool {
        self.unsaved
    }

    fn place_mut(&mut self) -> &mut WindowPlace {
        self.place.get_or_insert(WindowPlace {
            width: FIRST_SIZE.width as u32,
            height: FIRST_SIZE.height as u32,
            position: None,
            maximized: true,
        })
    }
}
