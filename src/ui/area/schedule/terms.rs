//! The term dates tab: a school year's six half-terms as the local authority publishes them,
//! starting from sensible defaults, checked and saved.

use crate::ui::keyed::{button, pick_list};
use chrono::NaiveDate;
use iced::widget::{column, row, space, text, text_input};
use iced::{Element, Fill};

use super::{Action, Loaded};
use crate::domain::terms::{HalfTermDates, SchoolYear};
use crate::ui::form::{self, shown_date};
use crate::ui::session::{Session, SharedError};
use crate::ui::style;

/// A school year in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearChoice(pub SchoolYear);

impl std::fmt::Display for YearChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "School year {}", self.0)
    }
}

/// The tab's state: the year shown and its dates as typed.
#[derive(Debug)]
pub struct Terms {
    session: Session,
    year: SchoolYear,
    typed: Vec<(String, String)>,
    error: Option<String>,
}

/// What the tab can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// A year was chosen.
    Year(YearChoice),
    /// A half-term's first day was edited.
    Starts(usize, String),
    /// A half-term's last day was edited.
    Ends(usize, String),
    /// Save the year's dates.
    Save,
    /// Saved, or not.
    Saved(Result<String, SharedError>),
}

impl Terms {
    /// The tab, showing the current school year.
    pub fn new(session: Session, today: NaiveDate) -> Self {
        Self {
            session,
            year: SchoolYear::of(today),
            typed: Vec::new(),
            error: None,
        }
    }

    /// Fills the fields from what the vault holds.
    pub fn loaded(&mut self, loaded: &Loaded) {
        self.fill(loaded);
    }

    fn fill(&mut self, loaded: &Loaded) {
        self.typed = loaded
            .terms
            .year(self.year)
            .iter()
            .map(|d| (shown_date(d.starts), shown_date(d.ends)))
            .collect();
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, loaded: Option<&Loaded>) -> Action<Message> {
        match message {
            Message::Year(choice) => {
                self.year = choice.0;
                self.error = None;
                if let Some(loaded) = loaded {
                    self.fill(loaded);
                }
            }
            Message::Starts(i, value) => {
                if let Some(pair) = self.typed.get_mut(i) {
                    pair.0 = value;
                }
            }
            Message::Ends(i, value) => {
                if let Some(pair) = self.typed.get_mut(i) {
                    pair.1 = value;
                }
            }
            Message::Save => return self.save(loaded),
            Message::Saved(Ok(notice)) => {
                self.error = None;
                return Action::Saved(notice);
            }
            Message::Saved(Err(error)) => self.error = Some(error.to_string()),
        }
        Action::None
    }

    fn save(&mut self, loaded: Option<&Loaded>) -> Action<Message> {
        let Some(loaded) = loaded else {
            return Action::None;
        };
        let mut dates = Vec::new();
        for (defaults, (starts, ends)) in loaded.terms.year(self.year).into_iter().zip(&self.typed)
        {
            let title = defaults.half_term.name.title();
            let read = form::required_date(starts, &format!("{title} starts"))
                .and_then(|s| Ok((s, form::required_date(ends, &format!("{title} ends"))?)));
            match read {
                Ok((starts, ends)) => dates.push(HalfTermDates {
                    half_term: defaults.half_term,
                    starts,
                    ends,
                }),
                Err(problem) => {
                    self.error = Some(problem);
                    return Action::None;
                }
            }
        }
        let year = self.year;
        Action::Run(
            super::saving(&self.session, move |vault| {
                vault
                    .save_term_dates(year, &dates)
                    .map(|()| format!("Saved the term dates for {year}."))
            })
            .map(Message::Saved),
        )
    }

    /// Draws the tab.
    pub fn view<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let mut years: Vec<SchoolYear> = loaded.years_entered.clone();
        for around in [self.year.previous(), self.year, self.year.next()] {
            if !years.contains(&around) {
                years.push(around);
            }
        }
        years.sort();
        let choices: Vec<YearChoice> = years.into_iter().map(YearChoice).collect();
        let note = if loaded.terms.has_year(self.year) {
            text("The school's own dates.").style(style::muted)
        } else {
            text("Typical dates, not yet confirmed: correct them from your local authority's calendar and save.")
                .style(style::error)
        };
        let mut grid = column![row![
            text("Half-term").size(13).style(style::muted).width(160),
            text("First day").size(13).style(style::muted).width(180),
            text("Last day").size(13).style(style::muted).width(180),
        ]]
        .spacing(6);
        for (i, (dates, (starts, ends))) in loaded
            .terms
            .year(self.year)
            .into_iter()
            .zip(&self.typed)
            .enumerate()
        {
            grid = grid.push(
                row![
                    text(dates.half_term.name.title()).width(160),
                    text_input("dd/mm/yyyy", starts)
                        .on_input(move |v| Message::Starts(i, v))
                        .padding(8)
                        .width(170),
                    text_input("dd/mm/yyyy", ends)
                        .on_input(move |v| Message::Ends(i, v))
                        .padding(8)
                        .width(170),
                ]
                .spacing(10)
                .align_y(iced::Center),
            );
        }
        let body = column![
            pick_list(choices, Some(YearChoice(self.year)), Message::Year).width(260),
            note,
            grid,
            text("Dates in a holiday count with the half-term before it, so every incident falls in one governors' report.")
                .size(13)
                .style(style::muted),
            form::error_line(self.error.as_deref()),
            row![
                space().width(Fill),
                button("Save term dates").on_press(Message::Save).padding([8, 16])
            ],
        ]
        .spacing(12);
        form::section("Term dates", body.into())
    }
}
