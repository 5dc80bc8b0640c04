//! The unlock screen: the passphrase, or the recovery key, with a growing wait after wrong tries.

use std::time::Instant;

use crate::ui::keyed::button;
use iced::widget::{column, container, operation, row, space, text};
use iced::{Element, Fill, Task};
use zeroize::Zeroize;

use crate::domain::UnlockThrottle;
use crate::store::{DataDir, RecoveryKey, StoreError, Vault};
use crate::ui::area::Area;
use crate::ui::background;
use crate::ui::form;
use crate::ui::session::{self, Session, SharedError};
use crate::ui::style;

/// The passphrase or recovery-key field, which has the cursor when the screen opens.
pub const SECRET_FIELD: &str = "unlock-secret";

/// Which secret the screen asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Passphrase,
    RecoveryKey,
}

/// The unlock screen's state.
#[derive(Debug)]
pub struct Unlock {
    dir: DataDir,
    mode: Mode,
    secret: String,
    error: Option<String>,
    busy: bool,
    throttle: UnlockThrottle,
    wait_seconds: Option<u64>,
    resume: Option<Area>,
    reason: Option<String>,
}

/// What the unlock screen can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The passphrase or recovery key field was edited.
    Secret(String),
    /// Try to unlock.
    Submit,
    /// Switch between the passphrase and the recovery key.
    SwitchMode,
    /// The vault opened, or did not.
    Opened(Result<Session, SharedError>),
    /// The clock moved on (for the wait after wrong tries).
    Tick(Instant),
}

/// What the unlock screen asks of the app.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Unlocked with the passphrase: open the workspace, at this area if locked from one.
    Unlocked(Session, Option<Area>),
    /// Unlocked with the recovery key: a new passphrase must be chosen first.
    Recovered(Session),
}

impl Unlock {
    /// The screen at start.
    pub fn new(dir: DataDir) -> Self {
        Self {
            dir,
            mode: Mode::Passphrase,
            secret: String::new(),
            error: None,
            busy: false,
            throttle: UnlockThrottle::default(),
            wait_seconds: None,
            resume: None,
            reason: None,
        }
    }

    /// The screen after the app locked itself or was locked, returning to `area` afterwards.
    pub fn after_lock(dir: DataDir, area: Area, reason: String) -> Self {
        Self {
            resume: Some(area),
            reason: Some(reason),
            ..Self::new(dir)
        }
    }

    /// The screen with a line above the passphrase saying what just happened (a restore).
    pub fn with_notice(dir: DataDir, notice: String) -> Self {
        Self {
            reason: Some(notice),
            ..Self::new(dir)
        }
    }

    /// Shows a problem found before the user typed anything (a damaged vault, say).
    pub fn show_error(&mut self, message: String) {
        self.error = Some(message);
    }

    /// Whether the screen is counting down a wait and needs the clock.
    pub fn is_waiting(&self) -> bool {
        self.wait_seconds.is_some()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Secret(value) => self.secret = value,
            Message::Submit => return self.submit(),
            Message::SwitchMode => {
                self.switch_mode();
                return Action::Run(operation::focus(SECRET_FIELD));
            }
            Message::Opened(result) => return self.opened(result, Instant::now()),
            Message::Tick(now) => self.tick(now),
        }
        Action::None
    }

    fn switch_mode(&mut self) {
        self.secret.zeroize();
        self.error = None;
        self.mode = match self.mode {
            Mode::Passphrase => Mode::RecoveryKey,
            Mode::RecoveryKey => Mode::Passphrase,
        };
    }

    /// Tries the secret, unless a wait is on: the wait ends with the `Tick` that finds it over.
    fn submit(&mut self) -> Action {
        if self.busy || self.wait_seconds.is_some() || self.secret.is_empty() {
            return Action::None;
        }
        self.busy = true;
        self.error = None;
        let dir = self.dir.clone();
        let mut secret = std::mem::take(&mut self.secret);
        let mode = self.mode;
        Action::Run(Task::perform(
            background::run(move || {
                let opened = match mode {
                    Mode::Passphrase => Vault::unlock(&dir, &secret),
                    Mode::RecoveryKey => RecoveryKey::parse(&secret)
                        .and_then(|key| Vault::unlock_with_recovery(&dir, &key)),
                };
                secret.zeroize();
                session::start(opened)
            }),
            Message::Opened,
        ))
    }

    fn opened(&mut self, result: Result<Session, SharedError>, now: Instant) -> Action {
        self.busy = false;
        match result {
            Ok(session) => {
                self.throttle.record_success();
                match self.mode {
                    Mode::Passphrase => Action::Unlocked(session, self.resume),
                    Mode::RecoveryKey => Action::Recovered(session),
                }
            }
            Err(error) => {
                if matches!(
                    *error,
                    StoreError::WrongPassphrase | StoreError::WrongRecoveryKey
                ) {
                    self.throttle.record_failure(now);
                    self.tick(now);
                }
                self.error = Some(error.to_string());
                Action::None
            }
        }
    }

    fn tick(&mut self, now: Instant) {
        self.wait_seconds = self
            .throttle
            .remaining(now)
            .map(|left| left.as_secs_f64().ceil() as u64);
    }

    /// Draws the screen.
    pub fn view(&self) -> Element<'_, Message> {
        let (title, label, switch) = match self.mode {
            Mode::Passphrase => ("Unlock E-Safety Desk", "Passphrase", "Use recovery key"),
            Mode::RecoveryKey => (
                "Unlock with the recovery key",
                "Recovery key (the groups of letters and digits)",
                "Use passphrase",
            ),
        };
        let can_submit = !self.busy && self.wait_seconds.is_none() && !self.secret.is_empty();
        let unlock_label = if self.busy { "Unlocking…" } else { "Unlock" };
        let mut card = column![text(title).size(26)].spacing(16);
        if let Some(reason) = &self.reason {
            card = card.push(text(reason.clone()).style(style::muted));
        }
        let field = if self.mode == Mode::Passphrase {
            form::secret_field(
                label,
                SECRET_FIELD,
                &self.secret,
                Message::Secret,
                Some(Message::Submit),
            )
        } else {
            form::field(label, SECRET_FIELD, &self.secret, Message::Secret)
        };
        card = card
            .push(field)
            .push(form::error_line(self.error.as_deref()));
        if let Some(seconds) = self.wait_seconds {
            let wait = format!(
                "{} wrong tries in a row: wait {seconds} s before trying again.",
                self.throttle.failures()
            );
            card = card.push(
                container(text(wait).size(14))
                    .padding(10)
                    .width(Fill)
                    .style(style::notice),
            );
        }
        card = card.push(row![
            button(text(switch))
                .on_press(Message::SwitchMode)
                .style(button::text),
            space().width(Fill),
            button(unlock_label)
                .on_press_maybe(can_submit.then_some(Message::Submit))
                .padding([8, 24]),
        ]);
        form::dialog(card, 504.0)
    }
}
