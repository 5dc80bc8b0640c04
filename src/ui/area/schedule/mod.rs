//! The review schedule area: the dates the co-ordinator is accountable for, the school's term
//! dates, and the logs governors monitor (filtering changes and checks, confiscated devices).

pub mod confiscations;
pub mod filtering;
pub mod items;
pub mod terms;

use std::sync::Arc;

use crate::ui::keyed::button;
use chrono::NaiveDate;
use iced::widget::{column, row};
use iced::{Element, Task};

use crate::domain::logs::{FilteringChange, FilteringCheck};
use crate::domain::person::PersonKind;
use crate::domain::terms::{SchoolYear, TermCalendar};
use crate::store::logs::{ConfiscationRow, Entry};
use crate::store::people::Person;
use crate::store::schedule::StoredItem;
use crate::store::{StoreError, Vault};
use crate::ui::Ctx;
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// Everything the area shows, loaded together.
#[derive(Debug, Clone)]
pub struct Loaded {
    items: Vec<StoredItem>,
    terms: TermCalendar,
    years_entered: Vec<SchoolYear>,
    changes: Vec<Entry<FilteringChange>>,
    checks: Vec<Entry<FilteringCheck>>,
    confiscations: Vec<ConfiscationRow>,
    pupils: Vec<Person>,
}

fn load(vault: &mut Vault) -> Result<Loaded, StoreError> {
    Ok(Loaded {
        items: vault.review_items()?,
        terms: vault.terms()?,
        years_entered: vault.term_years_entered()?,
        changes: vault.filtering_changes()?,
        checks: vault.filtering_checks()?,
        confiscations: vault.confiscations()?,
        pupils: vault
            .people()?
            .into_iter()
            .filter(|p| p.kind == PersonKind::Pupil)
            .collect(),
    })
}

/// The area's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The review schedule.
    Schedule,
    /// The term dates.
    Terms,
    /// The filtering change-control log and checks.
    Filtering,
    /// Confiscated devices.
    Confiscations,
}

impl Tab {
    const ALL: [Tab; 4] = [
        Tab::Schedule,
        Tab::Terms,
        Tab::Filtering,
        Tab::Confiscations,
    ];

    fn title(self) -> &'static str {
        match self {
            Tab::Schedule => "Schedule",
            Tab::Terms => "Term dates",
            Tab::Filtering => "Filtering log",
            Tab::Confiscations => "Confiscations",
        }
    }
}

/// What a tab asks of the area.
pub enum Action<M> {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<M>),
    /// Saved: reload, saying so.
    Saved(String),
}

/// Runs a save in the vault off the UI thread; the result says what was saved, or why not.
fn saving(
    session: &Session,
    work: impl FnOnce(&mut Vault) -> Result<String, StoreError> + Send + 'static,
) -> Task<Result<String, SharedError>> {
    Task::perform(
        session.with_vault(move |vault| work(vault).map_err(Arc::new)),
        std::convert::identity,
    )
}

/// The area's state.
#[derive(Debug)]
pub struct Schedule {
    session: Session,
    today: NaiveDate,
    loaded: Option<Arc<Loaded>>,
    tab: Tab,
    items: items::Items,
    terms: terms::Terms,
    filtering: filtering::Filtering,
    confiscations: confiscations::Confiscations,
    notice: Option<String>,
    error: Option<String>,
}

/// What the area can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// Everything arrived.
    Loaded(Result<Arc<Loaded>, SharedError>),
    /// A tab was chosen.
    Tab(Tab),
    /// For the schedule tab.
    Items(items::Message),
    /// For the term dates tab.
    Terms(terms::Message),
    /// For the filtering tab.
    Filtering(filtering::Message),
    /// For the confiscations tab.
    Confiscations(confiscations::Message),
}

impl Schedule {
    /// The area on `today`, loading.
    pub fn new(session: Session, today: NaiveDate) -> (Self, Task<Message>) {
        let area = Self {
            items: items::Items::new(session.clone(), today),
            terms: terms::Terms::new(session.clone(), today),
            filtering: filtering::Filtering::new(session.clone(), today),
            confiscations: confiscations::Confiscations::new(session.clone()),
            session,
            today,
            loaded: None,
            tab: Tab::Schedule,
            notice: None,
            error: None,
        };
        let task = area.reload();
        (area, task)
    }

    fn reload(&self) -> Task<Message> {
        Task::perform(
            self.session
                .with_vault(|vault| load(vault).map(Arc::new).map_err(Arc::new)),
            Message::Loaded,
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let loaded = self.loaded.clone();
        match message {
            Message::Loaded(Ok(loaded)) => {
                self.terms.loaded(&loaded);
                self.loaded = Some(loaded);
                self.error = None;
                Task::none()
            }
            Message::Loaded(Err(error)) => {
                self.error = Some(error.to_string());
                Task::none()
            }
            Message::Tab(tab) => {
                self.tab = tab;
                self.notice = None;
                Task::none()
            }
            Message::Items(message) => {
                let action = self.items.update(message, loaded.as_deref());
                self.act(action, Message::Items)
            }
            Message::Terms(message) => {
                let action = self.terms.update(message, loaded.as_deref());
                self.act(action, Message::Terms)
            }
            Message::Filtering(message) => {
                let action = self.filtering.update(message, loaded.as_deref());
                self.act(action, Message::Filtering)
            }
            Message::Confiscations(message) => {
                let action = self.confiscations.update(message, loaded.as_deref());
                self.act(action, Message::Confiscations)
            }
        }
    }

    fn act<M: Send + 'static>(
        &mut self,
        action: Action<M>,
        wrap: fn(M) -> Message,
    ) -> Task<Message> {
        match action {
            Action::None => Task::none(),
            Action::Run(task) => task.map(wrap),
            Action::Saved(notice) => {
                self.notice = Some(notice);
                self.reload()
            }
        }
    }

    /// Draws the tab on show.
    pub fn view<'a>(&'a self, _ctx: &Ctx<'a>) -> Element<'a, Message> {
        let mut tabs = row![].spacing(8);
        for tab in Tab::ALL {
            let style = if tab == self.tab {
                button::primary
            } else {
                button::secondary
            };
            tabs = tabs.push(
                button(tab.title())
                    .on_press(Message::Tab(tab))
                    .style(style)
                    .padding([8, 16]),
            );
        }
        let mut page = column![tabs, form::error_line(self.error.as_deref())].spacing(14);
        if let Some(notice) = &self.notice {
            page = page.push(iced::widget::text(notice.clone()).style(style::success));
        }
        let Some(loaded) = self.loaded.as_deref() else {
            return page.into();
        };
        let body = match self.tab {
            Tab::Schedule => self.items.view(loaded, self.today).map(Message::Items),
            Tab::Terms => self.terms.view(loaded).map(Message::Terms),
            Tab::Filtering => self.filtering.view(loaded).map(Message::Filtering),
            Tab::Confiscations => self.confiscations.view(loaded).map(Message::Confiscations),
        };
        page.push(body).into()
    }
}
