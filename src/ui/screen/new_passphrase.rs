//! After unlocking with the recovery key: a new passphrase must be chosen before going on.

use crate::ui::keyed::button;
use iced::widget::{column, row, space, text};
use iced::{Element, Fill, Task};
use zeroize::Zeroize;

use crate::domain::passphrase::{self, Strength};
use crate::ui::form;
use crate::ui::session::{Session, SharedError};
use crate::ui::style;

/// The field that has the cursor when the screen opens.
pub const FIRST_FIELD: &str = "recover-passphrase";

/// The new-passphrase screen's state.
#[derive(Debug)]
pub struct NewPassphrase {
    session: Session,
    passphrase: String,
    confirmation: String,
    strength: Strength,
    error: Option<String>,
    busy: bool,
}

/// What the screen can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The new passphrase was edited.
    Passphrase(String),
    /// The confirmation was edited.
    Confirmation(String),
    /// Save the new passphrase.
    Save,
    /// The passphrase was changed, or not.
    Saved(Result<(), SharedError>),
}

/// What the screen asks of the app.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// The passphrase is changed: open the workspace.
    Done(Session),
}

impl NewPassphrase {
    /// The screen for a vault just opened with the recovery key.
    pub fn new(session: Session) -> Self {
        Self {
            session,
            passphrase: String::new(),
            confirmation: String::new(),
            strength: passphrase::assess("", &[]),
            error: None,
            busy: false,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Passphrase(value) => {
                // A problem found with the last try no longer describes what is typed now.
                self.error = None;
                self.strength = passphrase::assess(&value, &self.context());
                self.passphrase = value;
            }
            Message::Confirmation(value) => {
                self.error = None;
                self.confirmation = value;
            }
            Message::Save => return self.save(),
            Message::Saved(Ok(())) => return Action::Done(self.session.clone()),
            Message::Saved(Err(error)) => {
                self.busy = false;
                self.error = Some(error.to_string());
            }
        }
        Action::None
    }

    fn context(&self) -> [&str; 2] {
        let settings = self.session.settings();
        [&settings.school_name, &settings.coordinator]
    }

    fn save(&mut self) -> Action {
        if let Err(problem) =
            passphrase::check_new(&self.passphrase, &self.confirmation, &self.context())
        {
            self.error = Some(problem.to_string());
            return Action::None;
        }
        self.busy = true;
        let mut new = std::mem::take(&mut self.passphrase);
        self.confirmation.zeroize();
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                let changed = vault.change_passphrase(&new, &new);
                new.zeroize();
                changed.map_err(std::sync::Arc::new)
            }),
            Message::Saved,
        ))
    }

    /// Draws the screen.
    pub fn view(&self) -> Element<'_, Message> {
        let save = (!self.busy).then_some(Message::Save);
        let card = column![
            text("Choose a new passphrase").size(26),
            text("The vault is open with the recovery key. Choose a new passphrase now; the recovery key stays the same.").style(style::muted),
            form::secret_field("New passphrase", FIRST_FIELD, &self.passphrase, Message::Passphrase, None),
            form::strength_meter(&self.strength),
            form::secret_field("Type it again", "recover-confirmation", &self.confirmation, Message::Confirmation, save.clone()),
            form::error_line(self.error.as_deref()),
            row![space().width(Fill), button("Save and continue").on_press_maybe(save).padding([8, 20])],
        ]
        .spacing(14);
        form::dialog(card, 544.0)
    }
}
