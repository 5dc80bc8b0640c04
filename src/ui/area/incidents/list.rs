//! The incident list: newest first, searched as the user types.

use std::sync::Arc;

use iced::widget::{button, column, container, row, space, text, text_input};
use iced::{Element, Fill, Task};

use crate::domain::incident::Level;
use crate::store::incidents::IncidentRow;
use crate::ui::session::{Session, SharedError};
use crate::ui::style;

/// Rows shown at once.
const PAGE: u32 = 100;

/// The list's state.
#[derive(Debug)]
pub struct List {
    session: Session,
    query: String,
    /// Counts searches so a slow, older answer never replaces a newer one.
    generation: u64,
    rows: Vec<IncidentRow>,
    error: Option<String>,
}

/// What the list can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The search box was edited.
    Query(String),
    /// Rows arrived for the search of this generation.
    Loaded(u64, Result<Vec<IncidentRow>, SharedError>),
    /// "New incident" was pressed.
    New,
    /// A row was chosen.
    Open(i64),
}

/// What the list asks of the incident log.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Open the new-incident form.
    NewIncident,
    /// Open this incident.
    Open(i64),
}

impl List {
    /// The list, loading the newest incidents.
    pub fn new(session: Session) -> (Self, Task<Message>) {
        let mut list = Self {
            session,
            query: String::new(),
            generation: 0,
            rows: Vec::new(),
            error: None,
        };
        let task = list.load();
        (list, task)
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Query(query) => {
                self.query = query;
                Action::Run(self.load())
            }
            Message::Loaded(generation, result) if generation == self.generation => {
                match result {
                    Ok(rows) => {
                        self.rows = rows;
                        self.error = None;
                    }
                    Err(error) => self.error = Some(error.to_string()),
                }
                Action::None
            }
            Message::Loaded(..) => Action::None,
            Message::New => Action::NewIncident,
            Message::Open(id) => Action::Open(id),
        }
    }

    fn load(&mut self) -> Task<Message> {
        self.generation += 1;
        let generation = self.generation;
        let query = self.query.clone();
        Task::perform(
            self.session
                .with_vault(move |vault| vault.search_incidents(&query, PAGE).map_err(Arc::new)),
            move |result| Message::Loaded(generation, result),
        )
    }

    /// Draws the list.
    pub fn view(&self) -> Element<'_, Message> {
        let toolbar = row![
            text_input(
                "Search references, descriptions, web addresses and names",
                &self.query
            )
            .id("incident-search")
            .on_input(Message::Query)
            .padding(8),
            button("New incident")
                .on_press(Message::New)
                .padding([8, 16]),
        ]
        .spacing(12);
        let mut table = column![header()].spacing(2);
        for incident in &self.rows {
            table = table.push(incident_row(incident));
        }
        let empty = if self.rows.is_empty() && self.error.is_none() {
            let line = if self.query.trim().is_empty() {
                "No incidents recorded yet."
            } else {
                "No incident matches every word."
            };
            Some(text(line).style(style::muted))
        } else {
            None
        };
        column![
            toolbar,
            crate::ui::form::error_line(self.error.as_deref()),
            table
        ]
        .push(empty)
        .spacing(12)
        .into()
    }
}

fn header<'a>() -> Element<'a, Message> {
    let cell = |label: &'a str, width: f32| text(label).size(13).style(style::muted).width(width);
    row![
        cell("Reference", 120.0),
        cell("Reported", 150.0),
        cell("Level", 110.0),
        cell("Status", 175.0),
        text("Category").size(13).style(style::muted)
    ]
    .padding([4, 10])
    .into()
}

fn incident_row(incident: &IncidentRow) -> Element<'_, Message> {
    let level = match incident.level() {
        Some(Level::Illegal) => text("Illegal").style(style::error),
        Some(Level::Unacceptable) => text("Unacceptable"),
        Some(Level::Inappropriate) => text("Inappropriate").style(style::muted),
        None => text("Unknown").style(style::muted),
    };
    let category = column![text(incident.category_title().to_owned()).size(14)].push(
        (!incident.people.is_empty())
            .then(|| text(incident.people.clone()).size(13).style(style::muted)),
    );
    let content = row![
        text(incident.reference.clone()).width(120),
        text(super::shown(&incident.reported_at)).width(150),
        level.width(110),
        text(incident.status.title()).width(175),
        category.width(Fill),
        space().width(8),
    ]
    .spacing(0);
    button(container(content).width(Fill))
        .on_press(Message::Open(incident.id))
        .style(style::table_row)
        .padding([8, 10])
        .into()
}
