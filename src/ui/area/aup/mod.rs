//! AUP & consent: each register's current agreement and who has signed it, who must sign or
//! re-sign, new versions of an agreement, and signatures recorded a class at a time.

pub mod consent;
pub mod overview;
pub mod sign;

use std::sync::Arc;

use chrono::NaiveDate;
use iced::{Element, Task};

use crate::store::aup::{AupDocument, AupStatusRow};
use crate::store::{StoreError, Vault};
use crate::ui::Ctx;
use crate::ui::session::{Session, SharedError};

/// What the area shows, loaded together.
#[derive(Debug, Clone)]
pub struct Loaded {
    documents: Vec<AupDocument>,
    statuses: Vec<AupStatusRow>,
}

impl Loaded {
    /// The current (newest) agreement of each register that has one.
    fn current(&self) -> Vec<&AupDocument> {
        let mut seen = Vec::new();
        let mut current = Vec::new();
        for document in &self.documents {
            if !seen.contains(&document.register) {
                seen.push(document.register);
                current.push(document);
            }
        }
        current
    }
}

fn load(vault: &mut Vault, today: NaiveDate) -> Result<Loaded, StoreError> {
    Ok(Loaded {
        documents: vault.aup_documents()?,
        statuses: vault.aup_statuses(today)?,
    })
}

#[derive(Debug)]
enum Page {
    Overview(overview::Overview),
    Sign(Box<sign::Sign>),
    Consent(Box<consent::Consent>),
}

/// The area's state.
#[derive(Debug)]
pub struct Aup {
    session: Session,
    today: NaiveDate,
    loaded: Option<Arc<Loaded>>,
    page: Page,
    error: Option<String>,
}

/// What the area can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The agreements and statuses arrived.
    Loaded(Result<Arc<Loaded>, SharedError>),
    /// A message for the overview.
    Overview(overview::Message),
    /// A message for the signing form.
    Sign(sign::Message),
    /// A message for the photo-consent page.
    Consent(consent::Message),
}

impl Aup {
    /// The area as of `today`, loading.
    pub fn new(session: Session, today: NaiveDate) -> (Self, Task<Message>) {
        let area = Self {
            session,
            today,
            loaded: None,
            page: Page::Overview(overview::Overview::default()),
            error: None,
        };
        let task = area.reload();
        (area, task)
    }

    fn reload(&self) -> Task<Message> {
        let today = self.today;
        Task::perform(
            self.session
                .with_vault(move |vault| load(vault, today).map(Arc::new).map_err(Arc::new)),
            Message::Loaded,
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match (&mut self.page, message) {
            (_, Message::Loaded(result)) => {
                match result {
                    Ok(loaded) => self.loaded = Some(loaded),
                    Err(error) => self.error = Some(error.to_string()),
                }
                Task::none()
            }
            (Page::Overview(page), Message::Overview(message)) => {
                match page.update(message, &self.session, self.today) {
                    overview::Action::None => Task::none(),
                    overview::Action::Run(task) => task.map(Message::Overview),
                    overview::Action::Reload => self.reload(),
                    overview::Action::Sign => {
                        let form = sign::Sign::new(self.session.clone(), self.today);
                        self.page = Page::Sign(Box::new(form));
                        Task::none()
                    }
                    overview::Action::Consent => {
                        let (page, task) = consent::Consent::new(self.session.clone(), self.today);
                        self.page = Page::Consent(Box::new(page));
                        task.map(Message::Consent)
                    }
                }
            }
            (Page::Sign(form), Message::Sign(sign::Message::TickShown)) => {
                if let Some(loaded) = &self.loaded {
                    form.tick_shown(loaded);
                }
                Task::none()
            }
            (Page::Sign(form), Message::Sign(message)) => match form.update(message) {
                sign::Action::None => Task::none(),
                sign::Action::Run(task) => task.map(Message::Sign),
                sign::Action::Back => {
                    self.page = Page::Overview(overview::Overview::default());
                    Task::none()
                }
                sign::Action::Saved(notice) => {
                    self.page = Page::Overview(overview::Overview::with_notice(notice));
                    self.reload()
                }
            },
            (Page::Consent(page), Message::Consent(message)) => match page.update(message) {
                consent::Action::None => Task::none(),
                consent::Action::Run(task) => task.map(Message::Consent),
                consent::Action::Back => {
                    self.page = Page::Overview(overview::Overview::default());
                    self.reload()
                }
            },
            _ => Task::none(),
        }
    }

    /// Draws the page on show.
    pub fn view<'a>(&'a self, _ctx: &Ctx<'a>) -> Element<'a, Message> {
        if let Page::Consent(page) = &self.page {
            return page.view().map(Message::Consent);
        }
        let Some(loaded) = self.loaded.as_deref() else {
            return crate::ui::form::error_line(self.error.as_deref());
        };
        match &self.page {
            Page::Overview(page) => page.view(loaded).map(Message::Overview),
            Page::Sign(form) => form.view(loaded).map(Message::Sign),
            Page::Consent(page) => page.view().map(Message::Consent),
        }
    }
}
