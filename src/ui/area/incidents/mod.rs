//! The incident log: the list with search, the new-incident form and an incident's detail.

pub mod chronology;
pub mod detail;
pub mod form;
pub mod import;
pub mod list;

use iced::{Element, Task};

use crate::ui::session::Session;
use crate::ui::{Ctx, FormKey};

/// Which page of the incident log is on show.
#[derive(Debug)]
enum Page {
    List(Box<list::List>),
    New(Box<form::Form>),
    Detail(Box<detail::Detail>),
    Chronology(Box<chronology::Chronology>),
    Import(Box<import::Import>),
}

/// The incident log's state.
#[derive(Debug)]
pub struct Incidents {
    session: Session,
    page: Page,
}

/// What the incident log can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// A message for the list.
    List(list::Message),
    /// A message for the form.
    Form(form::Message),
    /// A message for the detail page.
    Detail(detail::Message),
    /// A message for a person's chronology.
    Chronology(chronology::Message),
    /// A message for the import page.
    Import(import::Message),
    /// Whether a new incident's draft is kept in the vault.
    DraftKept(bool),
}

impl Incidents {
    /// The log, opening on the list, or on the new incident left unfinished (its draft put
    /// back) when there is one.
    pub fn new(session: Session) -> (Self, Task<Message>) {
        let (list, task) = list::List::new(session.clone());
        let kept = session.with_vault(|vault| {
            vault
                .draft(form::NEW_INCIDENT_DRAFT)
                .is_ok_and(|draft| draft.is_some())
        });
        (
            Self {
                session,
                page: Page::List(Box::new(list)),
            },
            Task::batch([
                task.map(Message::List),
                Task::perform(kept, Message::DraftKept),
            ]),
        )
    }

    /// What was typed on the form since its draft was last written: where it is kept and the
    /// draft, or `None`.
    pub fn take_draft(&mut self) -> Option<(String, String)> {
        match &mut self.page {
            Page::New(form) => form.take_draft(),
            Page::Detail(detail) => detail.take_draft(),
            _ => None,
        }
    }

    /// Which page is on show, so the workspace can open a new one at its top.
    pub fn page_name(&self) -> &'static str {
        match &self.page {
            Page::List(_) => "list",
            Page::New(_) => "form",
            Page::Detail(_) => "detail",
            Page::Chronology(_) => "chronology",
            Page::Import(_) => "import",
        }
    }

    /// Whether the form on show holds typing its draft does not have yet.
    pub fn has_unwritten_draft(&self) -> bool {
        match &self.page {
            Page::New(form) => form.has_unwritten_draft(),
            Page::Detail(detail) => detail.has_unwritten_draft(),
            _ => false,
        }
    }

    /// Opens the new incident form, unless one is open already.
    pub fn new_incident(&mut self) -> Task<Message> {
        match &self.page {
            Page::New(form) if form.editing().is_none() => Task::none(),
            _ => self.show_form(),
        }
    }

    /// A key the app passed on, for the form when it is on show.
    pub fn key(&mut self, key: FormKey) -> Task<Message> {
        match &self.page {
            Page::New(_) => self.update(Message::Form(form::Message::Key(key))),
            _ => Task::none(),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match (&mut self.page, message) {
            (Page::List(list), Message::List(message)) => match list.update(message) {
                list::Action::None => Task::none(),
                list::Action::Run(task) => task.map(Message::List),
                list::Action::NewIncident => self.show_form(),
                list::Action::Import => {
                    self.page = Page::Import(Box::new(import::Import::new(self.session.clone())));
                    iced::widget::operation::focus("import-path")
                }
                list::Action::Open(id) => self.show_detail(id),
            },
            (Page::New(form), Message::Form(message)) => match form.update(message) {
                form::Action::None => Task::none(),
                form::Action::Run(task) => task.map(Message::Form),
                form::Action::Cancel(forget) => {
                    let back = match form.editing() {
                        Some(id) => self.show_detail(id),
                        None => self.show_list(),
                    };
                    Task::batch([forget.map(Message::Form), back])
                }
                form::Action::Saved(id) => {
                    let what = match form.editing() {
                        Some(_) => detail::JustSaved::Amendment,
                        None => detail::JustSaved::New,
                    };
                    let (detail, task) = detail::Detail::saved(self.session.clone(), id, what);
                    self.page = Page::Detail(Box::new(detail));
                    task.map(Message::Detail)
                }
                form::Action::Reopen(opened) => {
                    let (form, task) = *opened;
                    self.page = Page::New(Box::new(form));
                    task.map(Message::Form)
                }
            },
            (Page::Detail(detail), Message::Detail(message)) => match detail.update(message) {
                detail::Action::None => Task::none(),
                detail::Action::Run(task) => task.map(Message::Detail),
                detail::Action::Back => self.show_list(),
                detail::Action::Amend(id) => {
                    let (form, task) = form::Form::edit(self.session.clone(), id);
                    self.page = Page::New(Box::new(form));
                    task.map(Message::Form)
                }
                detail::Action::OpenPerson(id, name) => {
                    let (page, task) = chronology::Chronology::new(self.session.clone(), id, name);
                    self.page = Page::Chronology(Box::new(page));
                    task.map(Message::Chronology)
                }
            },
            (Page::Chronology(page), Message::Chronology(message)) => match page.update(message) {
                chronology::Action::None => Task::none(),
                chronology::Action::Back => self.show_list(),
                chronology::Action::Open(id) => self.show_detail(id),
            },
            (Page::Import(page), Message::Import(message)) => match page.update(message) {
                import::Action::None => Task::none(),
                import::Action::Run(task) => task.map(Message::Import),
                import::Action::Back => self.show_list(),
            },
            (Page::List(_), Message::DraftKept(true)) => self.show_form(),
            _ => Task::none(),
        }
    }

    fn show_list(&mut self) -> Task<Message> {
        let (list, task) = list::List::new(self.session.clone());
        self.page = Page::List(Box::new(list));
        task.map(Message::List)
    }

    fn show_form(&mut self) -> Task<Message> {
        let (form, task) = form::Form::new(self.session.clone());
        self.page = Page::New(Box::new(form));
        task.map(Message::Form)
    }

    fn show_detail(&mut self, id: i64) -> Task<Message> {
        let (detail, task) = detail::Detail::new(self.session.clone(), id);
        self.page = Page::Detail(Box::new(detail));
        task.map(Message::Detail)
    }

    /// Draws the page on show.
    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        match &self.page {
            Page::List(list) => list.view().map(Message::List),
            Page::New(form) => form.view(ctx).map(Message::Form),
            Page::Detail(detail) => detail.view(ctx).map(Message::Detail),
            Page::Chronology(page) => page.view().map(Message::Chronology),
            Page::Import(page) => page.view().map(Message::Import),
        }
    }
}

pub use crate::domain::when::short as shown;
