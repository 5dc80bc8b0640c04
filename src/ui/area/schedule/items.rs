//! The schedule tab: the next policy review as the headline, every item with its owner, how
//! often it recurs and when it is due, marked done (the next one is scheduled) or changed.

use crate::ui::keyed::{button, checkbox, pick_list};
use chrono::NaiveDate;
use iced::widget::{column, row, space, text};
use iced::{Element, Fill};

use super::{Action, Loaded};
use crate::domain::schedule::{self, Cadence, ItemStatus, ReviewItem};
use crate::store::schedule::StoredItem;
use crate::ui::form::{self, shown_date};
use crate::ui::session::{Session, SharedError};
use crate::ui::style;

/// A cadence in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CadenceChoice(pub Cadence);

impl CadenceChoice {
    fn all(current: Cadence) -> Vec<CadenceChoice> {
        let mut all = vec![
            Cadence::Once,
            Cadence::EveryHalfTerm,
            Cadence::Months(1),
            Cadence::Months(3),
            Cadence::Months(6),
            Cadence::Months(12),
            Cadence::Months(24),
        ];
        if !all.contains(&current) {
            all.push(current);
        }
        all.into_iter().map(CadenceChoice).collect()
    }
}

impl std::fmt::Display for CadenceChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.title())
    }
}

/// The form open on the tab.
#[derive(Debug, Clone)]
enum Open {
    /// Marking an item done.
    Done {
        id: i64,
        title: String,
        date: String,
        notes: String,
    },
    /// Changing an item, or adding one (`id` none).
    Edit {
        id: Option<i64>,
        key: String,
        title: String,
        owner: String,
        cadence: Cadence,
        due: String,
        active: bool,
    },
}

/// The tab's state.
#[derive(Debug)]
pub struct Items {
    session: Session,
    today: NaiveDate,
    open: Option<Open>,
    error: Option<String>,
}

/// What the tab can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// "Mark done" on an item.
    MarkDone(i64),
    /// "Change" on an item.
    Change(i64),
    /// "Add an item".
    New,
    /// The date done was edited.
    DoneDate(String),
    /// The notes were edited.
    DoneNotes(String),
    /// The title was edited.
    Title(String),
    /// The owner was edited.
    Owner(String),
    /// A cadence was chosen.
    Cadence(CadenceChoice),
    /// The due date was edited.
    Due(String),
    /// "Still on the schedule" was ticked or unticked.
    Active(bool),
    /// Save the open form.
    Save,
    /// Saved, with what to say, or not.
    Saved(Result<String, SharedError>),
    /// Close the form.
    Close,
}

impl Items {
    /// The tab on `today`.
    pub fn new(session: Session, today: NaiveDate) -> Self {
        Self {
            session,
            today,
            open: None,
            error: None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, loaded: Option<&Loaded>) -> Action<Message> {
        let find = |id: i64| {
            loaded
                .and_then(|l| l.items.iter().find(|s| s.id == id))
                .cloned()
        };
        match message {
            Message::MarkDone(id) => {
                if let Some(stored) = find(id) {
                    self.open = Some(Open::Done {
                        id,
                        title: stored.item.title,
                        date: shown_date(self.today),
                        notes: String::new(),
                    });
                    self.error = None;
                }
            }
            Message::Change(id) => {
                if let Some(stored) = find(id) {
                    self.open = Some(editor(&stored));
                    self.error = None;
                }
            }
            Message::New => {
                self.open = Some(Open::Edit {
                    id: None,
                    key: String::new(),
                    title: String::new(),
                    owner: String::new(),
                    cadence: Cadence::Months(12),
                    due: String::new(),
                    active: true,
                });
                self.error = None;
            }
            Message::Save => return self.save(),
            Message::Saved(Ok(notice)) => {
                self.open = None;
                self.error = None;
                return Action::Saved(notice);
            }
            Message::Saved(Err(error)) => self.error = Some(error.to_string()),
            Message::Close => self.open = None,
            edit => self.edit(edit),
        }
        Action::None
    }

    fn edit(&mut self, message: Message) {
        match (&mut self.open, message) {
            (Some(Open::Done { date, .. }), Message::DoneDate(value)) => *date = value,
            (Some(Open::Done { notes, .. }), Message::DoneNotes(value)) => *notes = value,
            (Some(Open::Edit { title, .. }), Message::Title(value)) => *title = value,
            (Some(Open::Edit { owner, .. }), Message::Owner(value)) => *owner = value,
            (Some(Open::Edit { cadence, .. }), Message::Cadence(choice)) => *cadence = choice.0,
            (Some(Open::Edit { due, .. }), Message::Due(value)) => *due = value,
            (Some(Open::Edit { active, .. }), Message::Active(value)) => *active = value,
            _ => {}
        }
    }

    fn save(&mut self) -> Action<Message> {
        let today = self.today;
        let task = match self.open.clone() {
            Some(Open::Done {
                id,
                title,
                date,
                notes,
            }) => {
                let done_on = match form::required_date(&date, "Done on") {
                    Ok(day) => day,
                    Err(problem) => return self.refuse(problem),
                };
                super::saving(&self.session, move |vault| {
                    let next = vault.mark_review_done(id, done_on, &notes, today)?;
                    Ok(match next {
                        Some(next) => format!(
                            "{title}: done on {}; next due {}.",
                            shown_date(done_on),
                            shown_date(next)
                        ),
                        None => format!("{title}: done on {}.", shown_date(done_on)),
                    })
                })
                .map(Message::Saved)
            }
            Some(Open::Edit {
                id,
                key,
                title,
                owner,
                cadence,
                due,
                active,
            }) => {
                let due = match form::typed_date(&due, "Due") {
                    Ok(day) => day,
                    Err(problem) => return self.refuse(problem),
                };
                let item = ReviewItem {
                    key,
                    title: title.trim().to_owned(),
                    owner,
                    cadence,
                    due,
                };
                super::saving(&self.session, move |vault| {
                    match id {
                        Some(id) => vault.update_review_item(id, &item, active),
                        None => vault.add_review_item(&item).map(|_| ()),
                    }
                    .map(|()| format!("Saved \u{201c}{}\u{201d}.", item.title))
                })
                .map(Message::Saved)
            }
            None => return Action::None,
        };
        Action::Run(task)
    }

    fn refuse(&mut self, problem: String) -> Action<Message> {
        self.error = Some(problem);
        Action::None
    }

    /// Draws the tab.
    pub fn view<'a>(&'a self, loaded: &'a Loaded, today: NaiveDate) -> Element<'a, Message> {
        let mut page = column![headline(loaded, today)].spacing(14);
        if let Some(open) = &self.open {
            page = page.push(open_view(open, self.error.as_deref()));
        }
        let mut list = column![
            row![
                text("What").size(13).style(style::muted).width(Fill),
                text("How often").size(13).style(style::muted).width(130),
                text("Due").size(13).style(style::muted).width(110),
                text("").width(140),
                text("").width(190),
            ]
            .padding([0, 10])
        ]
        .spacing(4);
        for stored in &loaded.items {
            list = list.push(item_row(stored, today));
        }
        let add = row![
            space().width(Fill),
            button("Add an item")
                .on_press(Message::New)
                .padding([8, 16])
        ];
        page.push(form::section("Review schedule", list.into()))
            .push(add)
            .into()
    }
}

fn editor(stored: &StoredItem) -> Open {
    Open::Edit {
        id: Some(stored.id),
        key: stored.item.key.clone(),
        title: stored.item.title.clone(),
        owner: stored.item.owner.clone(),
        cadence: stored.item.cadence,
        due: stored.item.due.map(shown_date).unwrap_or_default(),
        active: stored.active,
    }
}

/// The next policy review, in words, with the count of items overdue or due soon.
fn headline<'a>(loaded: &'a Loaded, today: NaiveDate) -> Element<'a, Message> {
    let active = || loaded.items.iter().filter(|s| s.active);
    let review = active()
        .find(|s| s.item.key == schedule::POLICY_REVIEW)
        .and_then(|s| s.item.due);
    let review_line = match review {
        Some(due) => {
            let words = format!(
                "Next policy review: {} ({})",
                shown_date(due),
                schedule::days_left(due, today)
            );
            if due < today {
                text(words).size(20).style(style::error)
            } else {
                text(words).size(20)
            }
        }
        None => text("No policy review is on the schedule")
            .size(20)
            .style(style::error),
    };
    let count = |wanted: ItemStatus| {
        active()
            .filter(|s| ItemStatus::on(s.item.due, today) == wanted)
            .count()
    };
    let summary = format!(
        "{} overdue · {} due in the next 30 days",
        count(ItemStatus::Overdue),
        count(ItemStatus::DueSoon)
    );
    form::section(
        "Accountability",
        column![review_line, text(summary).style(style::muted)]
            .spacing(6)
            .into(),
    )
}

fn item_row(stored: &StoredItem, today: NaiveDate) -> Element<'_, Message> {
    let status = ItemStatus::on(stored.item.due, today);
    let (words, overdue) = match (stored.active, stored.item.due, status) {
        (false, ..) => ("Not on the schedule".to_owned(), false),
        (true, None, _) => (
            stored
                .last_done
                .as_ref()
                .map_or("Done".to_owned(), |(d, _)| {
                    format!("Done {}", shown_date(*d))
                }),
            false,
        ),
        (true, Some(due), status) => (
            schedule::days_left(due, today),
            status == ItemStatus::Overdue,
        ),
    };
    let words = if overdue {
        text(words).style(style::error)
    } else if status == ItemStatus::DueSoon && stored.active {
        text(words)
    } else {
        text(words).style(style::muted)
    };
    let mut actions = row![].spacing(6);
    if stored.active && stored.item.due.is_some() {
        actions = actions.push(
            button("Mark done")
                .on_press(Message::MarkDone(stored.id))
                .padding([4, 10]),
        );
    }
    actions = actions.push(
        button("Change")
            .on_press(Message::Change(stored.id))
            .style(button::secondary)
            .padding([4, 10]),
    );
    row![
        column![
            text(stored.item.title.clone()),
            text(stored.item.owner.clone()).size(12).style(style::muted),
        ]
        .width(Fill),
        text(stored.item.cadence.title()).width(130),
        text(stored.item.due.map(shown_date).unwrap_or_default()).width(110),
        words.width(140),
        actions.width(190),
    ]
    .padding([4, 10])
    .align_y(iced::Center)
    .into()
}

fn open_view<'a>(open: &'a Open, error: Option<&'a str>) -> Element<'a, Message> {
    let buttons = |save: &'static str| {
        row![
            button("Close")
                .on_press(Message::Close)
                .style(button::secondary)
                .padding([6, 16]),
            space().width(Fill),
            button(save).on_press(Message::Save).padding([6, 16]),
        ]
    };
    match open {
        Open::Done {
            title, date, notes, ..
        } => form::section(
            "Mark done",
            column![
                text(title.clone()).size(17),
                row![
                    form::field("Done on (dd/mm/yyyy)", "done-on", date, Message::DoneDate)
                        .width(220),
                    form::field(
                        "Notes (what was decided)",
                        "done-notes",
                        notes,
                        Message::DoneNotes
                    ),
                ]
                .spacing(12),
                form::error_line(error),
                buttons("Save: done"),
            ]
            .spacing(12)
            .into(),
        ),
        Open::Edit {
            id,
            title,
            owner,
            cadence,
            due,
            active,
            ..
        } => {
            let mut body = column![
                form::field("What is to be done", "item-title", title, Message::Title),
                row![
                    form::field("Who does it", "item-owner", owner, Message::Owner),
                    column![
                        text("How often").size(13).style(style::muted),
                        pick_list(
                            CadenceChoice::all(*cadence),
                            Some(CadenceChoice(*cadence)),
                            Message::Cadence
                        )
                        .width(Fill),
                    ]
                    .spacing(4),
                    form::field("Next due (dd/mm/yyyy)", "item-due", due, Message::Due),
                ]
                .spacing(12),
            ]
            .spacing(12);
            if id.is_some() {
                body = body.push(
                    checkbox(*active)
                        .label("Still on the schedule (untick to take it off; its history stays)")
                        .on_toggle(Message::Active),
                );
            }
            let heading = if id.is_some() {
                "Change the item"
            } else {
                "A new item"
            };
            form::section(
                heading,
                body.push(form::error_line(error))
                    .push(buttons("Save item"))
                    .into(),
            )
        }
    }
}
