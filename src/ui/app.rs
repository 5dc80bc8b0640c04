//! The root of the GUI: which screen is up, the idle lock, hiding, and the theme.

use std::time::{Duration, Instant};

use iced::theme::Mode;
use iced::widget::{column, container, operation, text};
use iced::{Element, Event, Fill, Subscription, Task, Theme, event, keyboard, mouse};

use crate::domain::clock::Clock;
use crate::domain::{IdleLock, Preferences, SchoolSettings, ThemeChoice};
use crate::store::{self, DataDir, StoreError, credential};
use crate::ui::area::Area;
use crate::ui::area::settings::Minutes;
use crate::ui::keyed::button;
use crate::ui::picker;
use crate::ui::screen::{new_passphrase, setup, unlock, workspace};
use crate::ui::session::{Session, SharedError};
use crate::ui::{Ctx, FormKey, background, keyed, style, window};
use crate::{crash, help};

/// How often the idle clock is checked while unlocked.
const IDLE_CHECK: Duration = Duration::from_secs(15);

/// How soon typing on a form reaches its draft in the vault.
const DRAFT_DELAY: Duration = Duration::from_secs(2);

/// The screen on show.
#[derive(Debug)]
enum Screen {
    Setup(setup::Setup),
    Unlock(unlock::Unlock),
    NewPassphrase(new_passphrase::NewPassphrase),
    Workspace(workspace::Workspace),
}

/// The application's state.
#[derive(Debug)]
pub struct App {
    dir: DataDir,
    clock: Clock,
    preferences: Preferences,
    /// Where the window is, kept in the preferences a moment after it moves.
    window: window::Tracker,
    system_mode: Mode,
    screen: Screen,
    idle: Option<IdleLock>,
    hidden: bool,
    /// The crash file the last run left, until the user has seen the notice of it.
    crash: Option<std::path::PathBuf>,
}

/// Everything the application reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A message for the set-up wizard.
    Setup(setup::Message),
    /// A message for the unlock screen.
    Unlock(unlock::Message),
    /// A message for the new-passphrase screen.
    NewPassphrase(new_passphrase::Message),
    /// A message for the workspace.
    Workspace(workspace::Message),
    /// The remembered key opened the vault at start, or did not.
    RememberedOpened(Result<Session, SharedError>),
    /// The operating system's light or dark mode.
    SystemTheme(Mode),
    /// A key press, click or scroll: the user is here.
    Input(Instant),
    /// The clock moved on: lock if idle too long, count down waits.
    Tick(Instant),
    /// Blank the window, or show it again (Ctrl+H).
    ToggleHidden,
    /// Lock now (Ctrl+L).
    LockNow,
    /// Move to the next field (Tab) or the previous one (Shift+Tab).
    MoveFocus {
        /// Backwards, with Shift.
        backwards: bool,
    },
    /// Esc: the notice that the program stopped unexpectedly last time has been read, or,
    /// with no notice, the search box typed into is emptied.
    DismissCrashNotice,
    /// Open the user guide (F1).
    OpenHelp,
    /// Write the draft of the form being typed.
    WriteDraft,
    /// A key for the form on show (arrows in a search box, Ctrl+Enter), pressed at this moment.
    FormKey(FormKey, Instant),
    /// The window opened, moved or was resized.
    Window(window::Event),
    /// Keep the window's place in the preferences.
    KeepWindowPlace,
}

impl App {
    /// The state for `dir` with no tasks: set-up when it holds no vault, else the unlock screen.
    /// Every screen reads "now" and "today" from `clock` (fixed in tests).
    pub fn new(dir: DataDir, clock: Clock) -> Self {
        let preferences = store::preferences::load(&dir);
        let screen = if dir.has_vault() {
            Screen::Unlock(unlock::Unlock::new(dir.clone()))
        } else {
            Screen::Setup(setup::Setup::new(dir.clone(), clock))
        };
        Self {
            window: window::Tracker::new(preferences.window),
            preferences,
            crash: crash::unreported(dir.root()),
            dir,
            clock,
            system_mode: Mode::None,
            screen,
            idle: None,
            hidden: false,
        }
    }

    /// The state plus start-up tasks: the system theme, and the remembered key if any.
    pub fn boot(dir: DataDir) -> (Self, Task<Message>) {
        let app = Self::new(dir.clone(), Clock::System);
        let theme = iced::system::theme().map(Message::SystemTheme);
        let remembered = match app.screen {
            Screen::Unlock(_) => Task::perform(
                background::run(move || {
                    crate::ui::session::start(credential::unlock_remembered(&dir))
                }),
                Message::RememberedOpened,
            ),
            _ => Task::none(),
        };
        let focus = app.focus_first_field();
        (app, Task::batch([theme, remembered, focus]))
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Setup(message) => self.update_setup(message),
            Message::Unlock(message) => self.update_unlock(message),
            Message::NewPassphrase(message) => self.update_new_passphrase(message),
            Message::Workspace(message) => self.update_workspace(message),
            Message::RememberedOpened(result) => self.remembered_opened(result),
            Message::SystemTheme(mode) => {
                self.system_mode = mode;
                Step::Done
            }
            Message::Input(now) => self.touch(now),
            Message::Tick(now) => self.tick(now),
            Message::ToggleHidden => {
                self.hidden = !self.hidden && self.is_unlocked();
                Step::Done
            }
            Message::LockNow => self.lock("Locked. Your work is saved.".into()),
            Message::MoveFocus { backwards } => {
                let moved = if backwards {
                    operation::focus_previous()
                } else {
                    operation::focus_next()
                };
                let shown = moved.chain(keyed::reveal_focus(workspace::PAGE_SCROLL));
                let told = self.form_key(FormKey::FocusMoved);
                Step::Run(Task::batch([shown, told]))
            }
            Message::Window(event) => Step::Run(self.window.update(event).map(Message::Window)),
            Message::KeepWindowPlace => self.keep_window_place(),
            Message::FormKey(key, now) => {
                self.touch(now);
                Step::Run(self.form_key(key))
            }
            Message::DismissCrashNotice => self.dismiss_crash_notice(),
            Message::OpenHelp => self.open_help(),
            Message::WriteDraft => match &mut self.screen {
                Screen::Workspace(workspace) => {
                    Step::Run(workspace.write_draft().map(Message::Workspace))
                }
                _ => Step::Done,
            },
        }
        .into_task()
    }

    fn update_setup(&mut self, message: setup::Message) -> Step {
        let Screen::Setup(setup) = &mut self.screen else {
            return Step::Done;
        };
        match setup.update(message) {
            setup::Action::None => Step::Done,
            setup::Action::Run(task) => Step::Run(task.map(Message::Setup)),
            setup::Action::Finished(session) => self.open_workspace(session, Area::Dashboard),
            setup::Action::Restored(notice) => {
                self.screen = Screen::Unlock(unlock::Unlock::with_notice(self.dir.clone(), notice));
                Step::Run(operation::focus(unlock::SECRET_FIELD))
            }
        }
    }

    fn update_unlock(&mut self, message: unlock::Message) -> Step {
        let Screen::Unlock(unlock) = &mut self.screen else {
            return Step::Done;
        };
        match unlock.update(message) {
            unlock::Action::None => Step::Done,
            unlock::Action::Run(task) => Step::Run(task.map(Message::Unlock)),
            unlock::Action::Unlocked(session, resume) => {
                self.open_workspace(session, resume.unwrap_or(Area::Dashboard))
            }
            unlock::Action::Recovered(session) => {
                self.start_idle(session.settings());
                self.screen = Screen::NewPassphrase(new_passphrase::NewPassphrase::new(session));
                Step::Run(self.focus_first_field())
            }
        }
    }

    fn update_new_passphrase(&mut self, message: new_passphrase::Message) -> Step {
        let Screen::NewPassphrase(screen) = &mut self.screen else {
            return Step::Done;
        };
        match screen.update(message) {
            new_passphrase::Action::None => Step::Done,
            new_passphrase::Action::Run(task) => Step::Run(task.map(Message::NewPassphrase)),
            new_passphrase::Action::Done(session) => self.open_workspace(session, Area::Dashboard),
        }
    }

    fn update_workspace(&mut self, message: workspace::Message) -> Step {
        let Screen::Workspace(workspace) = &mut self.screen else {
            return Step::Done;
        };
        match workspace.update(message) {
            workspace::Action::None => Step::Done,
            workspace::Action::Run(task) => Step::Run(task.map(Message::Workspace)),
            workspace::Action::Lock => self.lock("Locked. Your work is saved.".into()),
            workspace::Action::Hide => {
                self.hidden = true;
                Step::Done
            }
            workspace::Action::OpenHelp => self.open_help(),
            workspace::Action::SettingsSaved(settings) => {
                if let Some(idle) = &mut self.idle {
                    idle.set_minutes(settings.auto_lock_minutes);
                }
                Step::Done
            }
            workspace::Action::ThemeChosen(choice) => self.choose_theme(choice),
        }
    }

    fn remembered_opened(&mut self, result: Result<Session, SharedError>) -> Step {
        match (&mut self.screen, result) {
            (Screen::Unlock(_), Ok(session)) => self.open_workspace(session, Area::Dashboard),
            (Screen::Unlock(unlock), Err(error)) if !quietly_locked(&error) => {
                unlock.show_error(error.to_string());
                Step::Done
            }
            _ => Step::Done,
        }
    }

    fn open_workspace(&mut self, session: Session, area: Area) -> Step {
        self.start_idle(session.settings());
        let (workspace, task) = workspace::Workspace::new(session.with_clock(self.clock), area);
        self.screen = Screen::Workspace(workspace);
        Step::Run(task.map(Message::Workspace))
    }

    fn start_idle(&mut self, settings: &SchoolSettings) {
        self.idle = Some(IdleLock::new(settings.auto_lock_minutes, Instant::now()));
    }

    /// Passes `key` to the form on show, if the workspace is.
    fn form_key(&mut self, key: FormKey) -> Task<Message> {
        match &mut self.screen {
            Screen::Workspace(workspace) => match workspace.update(workspace::Message::Key(key)) {
                workspace::Action::Run(task) => task.map(Message::Workspace),
                _ => Task::none(),
            },
            _ => Task::none(),
        }
    }

    fn touch(&mut self, now: Instant) -> Step {
        if let Some(idle) = &mut self.idle {
            idle.touch(now);
        }
        Step::Done
    }

    fn tick(&mut self, now: Instant) -> Step {
        if self.idle.is_some_and(|idle| idle.is_due(now)) {
            let minutes = self
                .current_settings()
                .map_or(0, |settings| settings.auto_lock_minutes);
            return self.lock(format!(
                "Locked after {} with no input. Your work is saved.",
                Minutes(minutes)
            ));
        }
        match &mut self.screen {
            Screen::Unlock(unlock) => match unlock.update(unlock::Message::Tick(now)) {
                unlock::Action::Run(task) => Step::Run(task.map(Message::Unlock)),
                _ => Step::Done,
            },
            _ => Step::Done,
        }
    }

    /// Closes the vault (the key is wiped when the last handle drops) and asks for the passphrase.
    fn lock(&mut self, reason: String) -> Step {
        let area = match &self.screen {
            Screen::Workspace(workspace) => workspace.area(),
            Screen::NewPassphrase(_) => Area::Dashboard,
            Screen::Setup(_) | Screen::Unlock(_) => return Step::Done,
        };
        // What was typed goes into the vault before the key is let go: the write holds the
        // vault until it is done.
        let kept = match &mut self.screen {
            Screen::Workspace(workspace) => workspace.write_draft().map(Message::Workspace),
            _ => Task::none(),
        };
        self.idle = None;
        self.hidden = false;
        self.screen = Screen::Unlock(unlock::Unlock::after_lock(self.dir.clone(), area, reason));
        Step::Run(Task::batch([kept, self.focus_first_field()]))
    }

    /// Puts the cursor in the screen's first field, so the user can simply type.
    pub fn focus_first_field(&self) -> Task<Message> {
        match &self.screen {
            Screen::Setup(_) => operation::focus(setup::FIRST_FIELD),
            Screen::Unlock(_) => operation::focus(unlock::SECRET_FIELD),
            Screen::NewPassphrase(_) => operation::focus(new_passphrase::FIRST_FIELD),
            Screen::Workspace(_) => Task::none(),
        }
    }

    fn keep_window_place(&mut self) -> Step {
        if let Some(place) = self.window.take_unsaved() {
            self.preferences.window = Some(place);
            if let Err(error) = store::preferences::save(&self.dir, &self.preferences) {
                crate::to_stderr(format_args!(
                    "The window's place could not be kept: {error}"
                ));
            }
        }
        Step::Done
    }

    fn choose_theme(&mut self, choice: ThemeChoice) -> Step {
        self.preferences.theme = choice;
        if let Err(error) = store::preferences::save(&self.dir, &self.preferences) {
            crate::to_stderr(format_args!("The theme could not be saved: {error}"));
        }
        Step::Done
    }

    fn is_unlocked(&self) -> bool {
        matches!(self.screen, Screen::Workspace(_) | Screen::NewPassphrase(_))
    }

    fn current_settings(&self) -> Option<&SchoolSettings> {
        match &self.screen {
            Screen::Workspace(workspace) => Some(workspace.session().settings()),
            _ => None,
        }
    }

    /// The window title.
    pub fn title(&self) -> String {
        "E-Safety Desk".into()
    }

    /// The theme: the chosen one, or the one matching the operating system.
    pub fn theme(&self) -> Theme {
        style::theme_for(self.preferences.theme, self.system_mode)
    }

    /// Keyboard shortcuts and input always; the idle clock while unlocked or counting down.
    pub fn subscription(&self) -> Subscription<Message> {
        let mut subscriptions = vec![
            event::listen_with(input_event),
            iced::system::theme_changes().map(Message::SystemTheme),
        ];
        if self.is_unlocked() {
            subscriptions.push(iced::time::every(IDLE_CHECK).map(Message::Tick));
        }
        if matches!(&self.screen, Screen::Workspace(workspace) if workspace.has_unwritten_draft()) {
            subscriptions.push(iced::time::every(DRAFT_DELAY).map(|_| Message::WriteDraft));
        }
        if self.window.is_unsaved() {
            subscriptions.push(iced::time::every(DRAFT_DELAY).map(|_| Message::KeepWindowPlace));
        }
        if matches!(&self.screen, Screen::Unlock(unlock) if unlock.is_waiting()) {
            subscriptions.push(iced::time::every(Duration::from_secs(1)).map(Message::Tick));
        }
        Subscription::batch(subscriptions)
    }

    /// Draws the current screen, or a blank one while hidden.
    pub fn view(&self) -> Element<'_, Message> {
        if self.hidden {
            return hidden_view();
        }
        let screen = self.screen_view();
        match &self.crash {
            Some(file) => column![crash_notice(file), screen].into(),
            None => screen,
        }
    }

    fn screen_view(&self) -> Element<'_, Message> {
        match &self.screen {
            Screen::Setup(setup) => setup.view().map(Message::Setup),
            Screen::Unlock(unlock) => unlock.view().map(Message::Unlock),
            Screen::NewPassphrase(screen) => screen.view().map(Message::NewPassphrase),
            Screen::Workspace(workspace) => {
                let ctx = Ctx {
                    today: self.clock.today(),
                    settings: workspace.session().settings(),
                    theme: self.preferences.theme,
                    dark: self.theme().extended_palette().is_dark,
                };
                workspace.view(&ctx).map(Message::Workspace)
            }
        }
    }

    /// Whether the notice of last time's unexpected stop is on show.
    pub fn shows_crash_notice(&self) -> bool {
        self.crash.is_some()
    }

    /// Opens the user guide in the browser: the installed copy, or one written beside the
    /// data folder. The result is said under the Help button.
    fn open_help(&self) -> Step {
        let folder = self.dir.root().to_path_buf();
        let open = move || {
            help::open_user_guide(&folder)
                .map(|file| file.display().to_string())
                .map_err(|error| error.to_string())
        };
        Step::Run(Task::perform(background::run(open), |result| {
            Message::Workspace(workspace::Message::HelpOpened(result))
        }))
    }

    fn dismiss_crash_notice(&mut self) -> Step {
        self.touch(Instant::now());
        match self.crash.take() {
            // Renamed, not removed: whoever supports the app may still want it.
            Some(file) => {
                let _ = crash::mark_reported(&file);
                Step::Done
            }
            None => Step::Run(self.form_key(FormKey::Escape)),
        }
    }

    /// The name of the screen on show, for tests and diagnostics.
    pub fn screen_name(&self) -> &'static str {
        match (&self.screen, self.hidden) {
            (_, true) => "hidden",
            (Screen::Setup(_), _) => "setup",
            (Screen::Unlock(_), _) => "unlock",
            (Screen::NewPassphrase(_), _) => "new passphrase",
            (Screen::Workspace(_), _) => "workspace",
        }
    }

    /// The area on show in the workspace, if unlocked.
    pub fn area(&self) -> Option<Area> {
        match &self.screen {
            Screen::Workspace(workspace) => Some(workspace.area()),
            _ => None,
        }
    }
}

/// Says that the program stopped unexpectedly last time, where the report of it is, and that
/// it holds no record content, with a button to put the notice away.
fn crash_notice(file: &std::path::Path) -> Element<'_, Message> {
    let words = column![
        text("E-Safety Desk stopped unexpectedly last time.").size(16),
        text(
            "Nothing saved was lost. What happened is in this file, which holds no record \
             content: please send it to whoever supports the app."
        )
        .size(13),
        text(file.display().to_string())
            .size(13)
            .style(style::muted),
    ]
    .spacing(2)
    .width(Fill);
    container(
        iced::widget::row![
            words,
            button("Dismiss (Esc)").on_press(Message::DismissCrashNotice)
        ]
        .spacing(12)
        .align_y(iced::Center),
    )
    .padding(10)
    .width(Fill)
    .style(style::notice)
    .into()
}

/// The outcome of a handler: nothing more, or a task to run.
enum Step {
    Done,
    Run(Task<Message>),
}

impl Step {
    fn into_task(self) -> Task<Message> {
        match self {
            Step::Done => Task::none(),
            Step::Run(task) => task,
        }
    }
}

/// A missing remembered key or credential store is the normal case: no message for it.
fn quietly_locked(error: &StoreError) -> bool {
    matches!(error, StoreError::Locked | StoreError::CredentialStore(_))
}

fn input_event(event: Event, status: event::Status, id: iced::window::Id) -> Option<Message> {
    use iced::window::Event as Window;
    match event {
        Event::Window(Window::Opened { .. }) => Some(Message::Window(window::Event::Opened(id))),
        Event::Window(Window::Resized(size)) => {
            Some(Message::Window(window::Event::Resized(id, size)))
        }
        Event::Window(Window::Moved(corner)) => Some(Message::Window(window::Event::Moved(corner))),
        Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) => {
            let now = Instant::now();
            Some(shortcut(&key, modifiers, status, now).unwrap_or(Message::Input(now)))
        }
        Event::Mouse(mouse::Event::ButtonPressed(_) | mouse::Event::WheelScrolled { .. }) => {
            Some(Message::Input(Instant::now()))
        }
        _ => None,
    }
}

/// What a key pressed at `now` does across the app, if anything beyond what the widget with
/// the focus does: F1 help, Esc, Tab between controls, Ctrl+H/L/Enter, the arrows for the
/// search boxes, Ctrl+N for a new incident. `status` says whether the widget with the focus
/// used the key already: the arrows that changed a pick-list's choice move no highlight.
pub fn shortcut(
    key: &keyboard::Key,
    modifiers: keyboard::Modifiers,
    status: event::Status,
    now: Instant,
) -> Option<Message> {
    use keyboard::key::Named;
    let named = |name: Named| *key == keyboard::Key::Named(name);
    if modifiers.is_empty() && (named(Named::ArrowUp) || named(Named::ArrowDown)) {
        if status == event::Status::Captured {
            return None;
        }
        let step = if named(Named::ArrowUp) {
            picker::Step::Up
        } else {
            picker::Step::Down
        };
        return Some(Message::FormKey(FormKey::Step(step), now));
    }
    if modifiers.command() && named(Named::Enter) {
        return Some(Message::FormKey(FormKey::Submit, now));
    }
    if *key == keyboard::Key::Named(keyboard::key::Named::F1) {
        return Some(Message::OpenHelp);
    }
    if *key == keyboard::Key::Named(keyboard::key::Named::Escape) && modifiers.is_empty() {
        return Some(Message::DismissCrashNotice);
    }
    if *key == keyboard::Key::Named(keyboard::key::Named::Tab) {
        return Some(Message::MoveFocus {
            backwards: modifiers.shift(),
        });
    }
    if !modifiers.command() {
        return None;
    }
    match key.as_ref() {
        keyboard::Key::Character("h") => Some(Message::ToggleHidden),
        keyboard::Key::Character("l") => Some(Message::LockNow),
        keyboard::Key::Character("n") => Some(Message::FormKey(FormKey::NewIncident, now)),
        _ => None,
    }
}

fn hidden_view<'a>() -> Element<'a, Message> {
    container(
        column![
            text("E-Safety Desk").size(18).style(style::muted),
            button("Show")
                .on_press(Message::ToggleHidden)
                .style(button::secondary)
                .padding([6, 18]),
        ]
        .spacing(10)
        .align_x(iced::Center),
    )
    .center(Fill)
    .style(style::hidden_screen)
    .into()
}
