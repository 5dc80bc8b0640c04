//! The incident list: searched as the user types, filtered by status, category, who is
//! involved and dates, and sorted.

use std::sync::Arc;

use crate::ui::keyed::{button, pick_list};
use chrono::NaiveDate;
use iced::widget::{column, container, row, space, text, text_input};
use iced::{Element, Fill, Task};

use crate::domain::incident::category::CATEGORIES;
use crate::domain::incident::{IncidentFilter, Involving, Level, ListOrder, Status};
use crate::domain::terms::{HalfTerm, TermCalendar};
use crate::store::incidents::IncidentRow;
use crate::ui::area::incidents::form::CategoryChoice;
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// A choice in one of the filter pickers: "any", or one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick<T> {
    /// No narrowing.
    Any(&'static str),
    /// Only this.
    Only(T),
}

impl<T: Copy> Pick<T> {
    fn value(self) -> Option<T> {
        match self {
            Pick::Any(_) => None,
            Pick::Only(value) => Some(value),
        }
    }

    fn list(any: &'static str, values: impl IntoIterator<Item = T>) -> Vec<Pick<T>> {
        std::iter::once(Pick::Any(any))
            .chain(values.into_iter().map(Pick::Only))
            .collect()
    }
}

impl std::fmt::Display for Pick<Status> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pick::Any(words) => f.write_str(words),
            Pick::Only(status) => f.write_str(status.title()),
        }
    }
}

impl std::fmt::Display for Pick<Involving> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pick::Any(words) => f.write_str(words),
            Pick::Only(involving) => f.write_str(involving.title()),
        }
    }
}

impl std::fmt::Display for Pick<CategoryChoice> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Pick::Any(words) => f.write_str(words),
            Pick::Only(choice) => choice.fmt(f),
        }
    }
}

/// An order in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderChoice(pub ListOrder);

impl std::fmt::Display for OrderChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.title())
    }
}

/// The filter controls as the user set them; the dates as typed.
#[derive(Debug, Clone)]
struct Filters {
    status: Pick<Status>,
    category: Pick<CategoryChoice>,
    involving: Pick<Involving>,
    from: String,
    to: String,
    order: OrderChoice,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            status: Pick::Any("Any status"),
            category: Pick::Any("Any category"),
            involving: Pick::Any("Pupils or staff"),
            from: String::new(),
            to: String::new(),
            order: OrderChoice(ListOrder::NewestFirst),
        }
    }
}

impl Filters {
    /// The filter for the store, or what is wrong with a typed date.
    fn read(&self) -> Result<IncidentFilter, String> {
        Ok(IncidentFilter {
            status: self.status.value(),
            category: self.category.value().map(|c| c.0.key.to_owned()),
            involving: self.involving.value(),
            from: day(&self.from, "From")?,
            to: day(&self.to, "To")?,
            order: self.order.0,
        })
    }
}

/// A typed day, or nothing when the field is empty.
fn day(typed: &str, field: &str) -> Result<Option<NaiveDate>, String> {
    crate::ui::form::typed_date(typed, field)
}

/// Rows shown at once.
const PAGE: u32 = 100;

/// A half-term in the picker, with its reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HalfTermChoice(pub HalfTerm, pub NaiveDate, pub NaiveDate);

impl std::fmt::Display for HalfTermChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The current half-term and the five before it, newest first.
fn recent_half_terms(terms: &TermCalendar, today: NaiveDate) -> Vec<HalfTermChoice> {
    let mut half_term = terms.place(today).reporting_half_term();
    let mut choices = Vec::new();
    for _ in 0..6 {
        let (from, to) = terms.reporting_period(half_term);
        choices.push(HalfTermChoice(half_term, from, to));
        half_term = half_term.previous();
    }
    choices
}

/// The list's state.
#[derive(Debug)]
pub struct List {
    session: Session,
    query: String,
    filters: Filters,
    half_terms: Vec<HalfTermChoice>,
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
    /// A status was chosen.
    Status(Pick<Status>),
    /// A category was chosen.
    Category(Pick<CategoryChoice>),
    /// Pupils or staff was chosen.
    Involving(Pick<Involving>),
    /// The school's term dates arrived.
    Terms(Result<TermCalendar, SharedError>),
    /// A half-term was chosen: its reporting period fills the dates.
    HalfTerm(HalfTermChoice),
    /// The "from" date was edited.
    From(String),
    /// The "to" date was edited.
    To(String),
    /// An order was chosen.
    Order(OrderChoice),
    /// Clear every filter.
    ClearFilters,
    /// "New incident" was pressed.
    New,
    /// "Import an old log…" was pressed.
    Import,
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
    /// Open the import page.
    Import,
    /// Open this incident.
    Open(i64),
}

impl List {
    /// The list, loading the newest incidents.
    pub fn new(session: Session) -> (Self, Task<Message>) {
        let mut list = Self {
            session,
            query: String::new(),
            filters: Filters::default(),
            half_terms: Vec::new(),
            generation: 0,
            rows: Vec::new(),
            error: None,
        };
        let terms = Task::perform(
            list.session
                .with_vault(|vault| vault.terms().map_err(Arc::new)),
            Message::Terms,
        );
        let task = Task::batch([list.load(), terms]);
        (list, task)
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Query(query) => {
                self.query = query;
                self.reload()
            }
            Message::Status(status) => {
                self.filters.status = status;
                self.reload()
            }
            Message::Category(category) => {
                self.filters.category = category;
                self.reload()
            }
            Message::Involving(involving) => {
                self.filters.involving = involving;
                self.reload()
            }
            Message::Terms(Ok(terms)) => {
                self.half_terms = recent_half_terms(&terms, self.session.today());
                Action::None
            }
            Message::Terms(Err(error)) => {
                self.error = Some(error.to_string());
                Action::None
            }
            Message::HalfTerm(HalfTermChoice(_, from, to)) => {
                self.filters.from = form::shown_date(from);
                self.filters.to = form::shown_date(to);
                self.reload()
            }
            Message::From(typed) => {
                self.filters.from = typed;
                self.reload()
            }
            Message::To(typed) => {
                self.filters.to = typed;
                self.reload()
            }
            Message::Order(order) => {
                self.filters.order = order;
                self.reload()
            }
            Message::ClearFilters => {
                self.filters = Filters::default();
                self.reload()
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
            Message::Import => Action::Import,
            Message::Open(id) => Action::Open(id),
        }
    }

    /// Loads again for the changed search or filters; a date still being typed waits.
    fn reload(&mut self) -> Action {
        match self.filters.read() {
            Ok(_) => Action::Run(self.load()),
            Err(problem) => {
                // A date half typed is not yet an error worth loading for.
                self.error = Some(problem);
                Action::None
            }
        }
    }

    fn load(&mut self) -> Task<Message> {
        self.generation += 1;
        let generation = self.generation;
        let query = self.query.clone();
        let filter = self.filters.read().unwrap_or_default();
        Task::perform(
            self.session.with_vault(move |vault| {
                vault
                    .filter_incidents(&query, &filter, PAGE)
                    .map_err(Arc::new)
            }),
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
            button("Import an old log…")
                .on_press(Message::Import)
                .style(button::secondary)
                .padding([8, 16]),
            button("New incident")
                .on_press(Message::New)
                .padding([8, 16]),
        ]
        .spacing(12);
        let filters = self.filter_row();
        let mut table = column![header()].spacing(2);
        for incident in &self.rows {
            table = table.push(incident_row(incident));
        }
        let narrowed = self.filters.read().is_ok_and(|f| f.narrows());
        let empty = if self.rows.is_empty() && self.error.is_none() {
            let line = if !self.query.trim().is_empty() {
                "No incident matches every word."
            } else if narrowed {
                "No incident matches these filters."
            } else {
                "No incidents recorded yet."
            };
            Some(text(line).style(style::muted))
        } else {
            None
        };
        let more = (self.rows.len() == PAGE as usize).then(|| {
            text(format!(
                "Showing the first {PAGE}: search or filter to narrow the list."
            ))
            .size(13)
            .style(style::muted)
        });
        column![
            toolbar,
            filters,
            crate::ui::form::error_line(self.error.as_deref()),
            table
        ]
        .push(empty)
        .push(more)
        .spacing(12)
        .into()
    }

    /// The half-term whose reporting period the dates are, if they are one.
    fn chosen_half_term(&self) -> Option<HalfTermChoice> {
        self.half_terms
            .iter()
            .find(|c| {
                form::shown_date(c.1) == self.filters.from.trim()
                    && form::shown_date(c.2) == self.filters.to.trim()
            })
            .copied()
    }

    fn filter_row(&self) -> Element<'_, Message> {
        let f = &self.filters;
        let categories = Pick::list("Any category", CATEGORIES.iter().map(CategoryChoice));
        let statuses = Pick::list("Any status", Status::ALL.iter().copied());
        let whom = Pick::list("Pupils or staff", Involving::ALL);
        let what = row![
            pick_list(categories, Some(f.category), Message::Category).width(Fill),
            pick_list(statuses, Some(f.status), Message::Status).width(180),
            pick_list(whom, Some(f.involving), Message::Involving).width(180),
            pick_list(
                self.half_terms.clone(),
                self.chosen_half_term(),
                Message::HalfTerm
            )
            .placeholder("Half-term…")
            .width(200),
        ]
        .spacing(8);
        let when = row![
            text("Reported between").size(14).style(style::muted),
            text_input("dd/mm/yyyy", &f.from)
                .id("incident-from")
                .on_input(Message::From)
                .padding(6)
                .width(130),
            text("and").size(14).style(style::muted),
            text_input("dd/mm/yyyy", &f.to)
                .id("incident-to")
                .on_input(Message::To)
                .padding(6)
                .width(130),
            space().width(Fill),
            text("Order").size(14).style(style::muted),
            pick_list(
                ListOrder::ALL.map(OrderChoice),
                Some(f.order),
                Message::Order
            )
            .width(160),
            button("Clear filters")
                .on_press(Message::ClearFilters)
                .style(button::text),
        ]
        .spacing(8)
        .align_y(iced::Center);
        column![what, when].spacing(8).into()
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
        (!incident.people.is_empty()).then(|| {
            text(incident.people.join(", "))
                .size(13)
                .style(style::muted)
        }),
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
