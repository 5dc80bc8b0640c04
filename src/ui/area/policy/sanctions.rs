//! The pupil and staff sanctions tables, edited a row at a time (a dozen long action headings
//! do not fit as tick-box columns): each kind of incident with the actions the policy suggests,
//! changed, approved and saved as a new version the incident form follows at once.

use std::sync::Arc;

use iced::widget::{button, checkbox, column, row, space, text};
use iced::{Element, Fill, Task};

use crate::domain::policy::{SanctionsMatrices, SanctionsMatrix, SanctionsTable};
use crate::ui::form::{self, shown_date};
use crate::ui::session::{Session, SharedError};
use crate::ui::style;

/// The page's state for one of the two tables.
#[derive(Debug)]
pub struct Sanctions {
    session: Session,
    table: SanctionsTable,
    current: Option<SanctionsMatrix>,
    draft: Option<SanctionsMatrix>,
    open_row: Option<usize>,
    approved_on: String,
    approved_by: String,
    notice: Option<String>,
    error: Option<String>,
}

/// What the page can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// Both tables arrived.
    Loaded(Result<SanctionsMatrices, SharedError>),
    /// A row was opened to change its ticks.
    Open(usize),
    /// An action was ticked or unticked on the open row.
    Tick(usize, usize, bool),
    /// The approval date was edited.
    ApprovedOn(String),
    /// Who approved it was edited.
    ApprovedBy(String),
    /// Save the changes as a new version.
    Save,
    /// Saved (the version's number), or not.
    Saved(Result<i64, SharedError>),
    /// Throw the changes away.
    Discard,
}

impl Sanctions {
    /// The page for `table`, loading it.
    pub fn new(
        session: Session,
        table: SanctionsTable,
        today: chrono::NaiveDate,
    ) -> (Self, Task<Message>) {
        let page = Self {
            session,
            table,
            current: None,
            draft: None,
            open_row: None,
            approved_on: shown_date(today),
            approved_by: String::new(),
            notice: None,
            error: None,
        };
        let task = page.reload();
        (page, task)
    }

    fn reload(&self) -> Task<Message> {
        Task::perform(
            self.session
                .with_vault(|vault| vault.sanctions().map_err(Arc::new)),
            Message::Loaded,
        )
    }

    /// Which table the page shows.
    pub fn table(&self) -> SanctionsTable {
        self.table
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Loaded(Ok(both)) => {
                let table = both.table(self.table).clone();
                self.draft = Some(table.clone());
                self.current = Some(table);
            }
            Message::Loaded(Err(error)) | Message::Saved(Err(error)) => {
                self.error = Some(error.to_string());
            }
            Message::Open(i) => self.open_row = (self.open_row != Some(i)).then_some(i),
            Message::Tick(row, column, on) => {
                if let Some(cell) = self
                    .draft
                    .as_mut()
                    .and_then(|d| d.rows.get_mut(row))
                    .and_then(|r| r.ticks.get_mut(column))
                {
                    *cell = on;
                    self.notice = None;
                }
            }
            Message::ApprovedOn(value) => self.approved_on = value,
            Message::ApprovedBy(value) => self.approved_by = value,
            Message::Save => return self.save(),
            Message::Saved(Ok(version)) => {
                self.notice = Some(format!(
                    "Saved as version {version}: the incident form suggests from it now."
                ));
                self.error = None;
                self.open_row = None;
                return self.reload();
            }
            Message::Discard => {
                self.draft = self.current.clone();
                self.error = None;
            }
        }
        Task::none()
    }

    fn save(&mut self) -> Task<Message> {
        let Some(draft) = self.draft.clone() else {
            return Task::none();
        };
        let approved_on = match form::required_date(&self.approved_on, "Approved on") {
            Ok(day) => day.format("%Y-%m-%d").to_string(),
            Err(problem) => {
                self.error = Some(problem);
                return Task::none();
            }
        };
        let (table, by) = (self.table, self.approved_by.clone());
        Task::perform(
            self.session.with_vault(move |vault| {
                vault
                    .save_sanctions(table, &draft, &approved_on, &by)
                    .map_err(Arc::new)
            }),
            Message::Saved,
        )
    }

    /// Draws the page.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![form::error_line(self.error.as_deref())].spacing(14);
        if let Some(notice) = &self.notice {
            page = page.push(text(notice.clone()).style(style::success));
        }
        let (Some(current), Some(draft)) = (&self.current, &self.draft) else {
            return page.into();
        };
        let mut rows = column![].spacing(4);
        for (i, line) in draft.rows.iter().enumerate() {
            let suggested: Vec<&str> = draft
                .columns
                .iter()
                .zip(&line.ticks)
                .filter(|(_, on)| **on)
                .map(|(c, _)| c.as_str())
                .collect();
            rows = rows.push(
                button(column![
                    text(line.title.clone()),
                    text(suggested.join(" · ")).size(12).style(style::muted),
                ])
                .on_press(Message::Open(i))
                .style(style::table_row)
                .width(Fill)
                .padding([6, 10]),
            );
            if self.open_row == Some(i) {
                let mut ticks = column![].spacing(6).padding([4, 24]);
                for (c, (column_title, on)) in draft.columns.iter().zip(&line.ticks).enumerate() {
                    ticks = ticks.push(
                        checkbox(*on)
                            .label(column_title.clone())
                            .on_toggle(move |value| Message::Tick(i, c, value)),
                    );
                }
                rows = rows.push(ticks);
            }
        }
        page = page.push(form::section(self.table.title(), rows.into()));
        page.push(self.save_bar(draft.changes(current))).into()
    }

    fn save_bar(&self, pending: Vec<String>) -> Element<'_, Message> {
        if pending.is_empty() {
            return text("Choose a kind of incident to change the actions it suggests.")
                .size(13)
                .style(style::muted)
                .into();
        }
        let mut list = column![].spacing(4);
        for line in pending {
            list = list.push(text(format!("• {line}")).size(14));
        }
        form::section(
            "Changes to approve",
            column![
                list,
                row![
                    form::field(
                        "Approved on (dd/mm/yyyy)",
                        "sanctions-approved-on",
                        &self.approved_on,
                        Message::ApprovedOn
                    )
                    .width(220),
                    form::field(
                        "Approved by",
                        "sanctions-approved-by",
                        &self.approved_by,
                        Message::ApprovedBy
                    ),
                ]
                .spacing(12),
                row![
                    button("Discard changes")
                        .on_press(Message::Discard)
                        .style(button::secondary)
                        .padding([6, 16]),
                    space().width(Fill),
                    button("Save as a new version")
                        .on_press(Message::Save)
                        .padding([6, 16]),
                ],
            ]
            .spacing(12)
            .into(),
        )
    }
}
