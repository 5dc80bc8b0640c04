//! A person's chronology: every incident involving them, in the order they happened.

use std::sync::Arc;

use crate::ui::keyed::button;
use iced::widget::{column, container, row, text};
use iced::{Element, Fill, Task};

use crate::store::incidents::ChronologyEntry;
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// The chronology's state.
#[derive(Debug)]
pub struct Chronology {
    name: String,
    entries: Option<Result<Vec<ChronologyEntry>, String>>,
}

/// What the chronology can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The entries arrived.
    Loaded(Result<Vec<ChronologyEntry>, SharedError>),
    /// Back to the list.
    Back,
    /// Open an incident.
    Open(i64),
}

/// What the chronology asks of the incident log.
pub enum Action {
    /// Nothing.
    None,
    /// Back to the list.
    Back,
    /// Open this incident.
    Open(i64),
}

impl Chronology {
    /// The chronology of person `id`, called `name`, loading it.
    pub fn new(session: Session, id: i64, name: String) -> (Self, Task<Message>) {
        let load = session.with_vault(move |vault| vault.chronology(id).map_err(Arc::new));
        (
            Self {
                name,
                entries: None,
            },
            Task::perform(load, Message::Loaded),
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Loaded(result) => {
                self.entries = Some(result.map_err(|error| error.to_string()));
                Action::None
            }
            Message::Back => Action::Back,
            Message::Open(id) => Action::Open(id),
        }
    }

    /// Draws the chronology.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![
            button("Back to the list")
                .on_press(Message::Back)
                .style(button::text),
            text(format!("Chronology: {}", self.name)).size(20),
        ]
        .spacing(12);
        match &self.entries {
            None => page = page.push(text("Loading…").style(style::muted)),
            Some(Err(error)) => page = page.push(form::error_line(Some(error))),
            Some(Ok(entries)) if entries.is_empty() => {
                page = page.push(text("No incidents involve this person.").style(style::muted))
            }
            Some(Ok(entries)) => {
                for entry in entries {
                    page = page.push(entry_card(entry));
                }
            }
        }
        page.into()
    }
}

fn entry_card(entry: &ChronologyEntry) -> Element<'_, Message> {
    let actions = if entry.actions.is_empty() {
        "No actions recorded".to_owned()
    } else {
        entry.actions.join("; ")
    };
    let part = entry.part.map_or("part not recorded", |part| part.title());
    let content = column![
        row![
            text(super::shown(&entry.occurred_at)).width(160),
            text(entry.row.reference.clone()).width(130),
            text(entry.row.status.title()),
        ],
        text(entry.row.category_title().to_owned()),
        text(format!("{} · {part}", entry.role.title())).size(14),
        text(actions).size(13).style(style::muted),
    ]
    .spacing(4);
    button(container(content).width(Fill))
        .on_press(Message::Open(entry.row.id))
        .style(style::table_row)
        .padding(10)
        .into()
}
