//! People & training: the training audit (everyone's status for the training their role
//! needs, with counts by type) and recording a session with its attendees in one go.

pub mod audit;
pub mod import;
pub mod people;
pub mod session;
pub mod types;

use std::sync::Arc;

use chrono::NaiveDate;
use iced::{Element, Task};

use crate::store::training::{StatusRow, StoredType};
use crate::store::{StoreError, Vault};
use crate::ui::Ctx;
use crate::ui::session::{Session, SharedError};

/// What the area shows, loaded together.
#[derive(Debug, Clone)]
pub struct Loaded {
    types: Vec<StoredType>,
    statuses: Vec<StatusRow>,
}

fn load(vault: &mut Vault, today: NaiveDate) -> Result<Loaded, StoreError> {
    Ok(Loaded {
        types: vault.training_types()?,
        statuses: vault.training_statuses(today)?,
    })
}

/// Which page is on show.
#[derive(Debug)]
enum Page {
    Audit(audit::Audit),
    Session(Box<session::RecordSession>),
    People(Box<people::People>),
    Types(Box<types::Types>),
    Import(Box<import::Import>),
}

/// The area's state.
#[derive(Debug)]
pub struct Training {
    session: Session,
    today: NaiveDate,
    loaded: Option<Arc<Loaded>>,
    page: Page,
    error: Option<String>,
}

/// What the area can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The types and statuses arrived.
    Loaded(Result<Arc<Loaded>, SharedError>),
    /// A message for the audit page.
    Audit(audit::Message),
    /// A message for the session form.
    Session(session::Message),
    /// A message for the people list.
    People(people::Message),
    /// A message for the training types page.
    Types(types::Message),
    /// A message for the MIS import page.
    Import(import::Message),
}

impl Training {
    /// The area, loading the audit as of `today`.
    pub fn new(session: Session, today: NaiveDate) -> (Self, Task<Message>) {
        let area = Self {
            session,
            today,
            loaded: None,
            page: Page::Audit(audit::Audit::default()),
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

    fn open_people(&mut self) -> Task<Message> {
        let (page, task) = people::People::new(self.session.clone());
        self.page = Page::People(Box::new(page));
        task.map(Message::People)
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match (&mut self.page, message) {
            (_, Message::Loaded(Ok(loaded))) => {
                self.loaded = Some(loaded);
                self.error = None;
                Task::none()
            }
            (_, Message::Loaded(Err(error))) => {
                self.error = Some(error.to_string());
                Task::none()
            }
            (Page::Audit(audit), Message::Audit(message)) => match audit.update(message) {
                audit::Action::None => Task::none(),
                audit::Action::RecordSession => {
                    let form = session::RecordSession::new(self.session.clone(), self.today);
                    self.page = Page::Session(Box::new(form));
                    Task::none()
                }
                audit::Action::People => self.open_people(),
                audit::Action::Types => {
                    let (page, task) = types::Types::new(self.session.clone());
                    self.page = Page::Types(Box::new(page));
                    task.map(Message::Types)
                }
            },
            (Page::Session(form), Message::Session(message)) => {
                let statuses = self.loaded.clone();
                match form.update(message, statuses.as_deref()) {
                    session::Action::None => Task::none(),
                    session::Action::Run(task) => task.map(Message::Session),
                    session::Action::Back => {
                        self.page = Page::Audit(audit::Audit::default());
                        Task::none()
                    }
                    session::Action::Saved(notice) => {
                        self.page = Page::Audit(audit::Audit::with_notice(notice));
                        self.reload()
                    }
                }
            }
            (Page::People(page), Message::People(message)) => match page.update(message) {
                people::Action::None => Task::none(),
                people::Action::Run(task) => task.map(Message::People),
                people::Action::Back => {
                    self.page = Page::Audit(audit::Audit::default());
                    self.reload()
                }
                people::Action::Import => {
                    let page = import::Import::new(self.session.clone(), self.today);
                    self.page = Page::Import(Box::new(page));
                    Task::none()
                }
            },
            (Page::Import(page), Message::Import(message)) => match page.update(message) {
                import::Action::None => Task::none(),
                import::Action::Run(task) => task.map(Message::Import),
                import::Action::Back => self.open_people(),
            },
            (Page::Types(page), Message::Types(message)) => match page.update(message) {
                types::Action::None => Task::none(),
                types::Action::Run(task) => task.map(Message::Types),
                types::Action::Back => {
                    self.page = Page::Audit(audit::Audit::default());
                    self.reload()
                }
            },
            _ => Task::none(),
        }
    }

    /// Draws the page on show.
    pub fn view<'a>(&'a self, _ctx: &Ctx<'a>) -> Element<'a, Message> {
        match &self.page {
            Page::People(page) => return page.view().map(Message::People),
            Page::Types(page) => return page.view().map(Message::Types),
            Page::Import(page) => return page.view().map(Message::Import),
            _ => {}
        }
        let Some(loaded) = self.loaded.as_deref() else {
            return crate::ui::form::error_line(self.error.as_deref());
        };
        match &self.page {
            Page::Audit(audit) => audit.view(loaded).map(Message::Audit),
            Page::Session(form) => form.view(loaded).map(Message::Session),
            Page::People(_) | Page::Types(_) | Page::Import(_) => crate::ui::form::error_line(None),
        }
    }
}
