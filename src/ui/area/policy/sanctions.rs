//! The pupil and staff sanctions tables, edited a row at a time (a dozen long action headings
//! do not fit as tick-box columns): each kind of incident with the actions the policy suggests,
//! changed, approved and saved as a new version the incident form follows at once.

use std::sync::Arc;

use crate::ui::keyed::{button, checkbox};
use iced::widget::{column, text};
use iced::{Element, Fill, Task};

use super::VersionChoice;
use crate::domain::policy::{SanctionsMatrix, SanctionsTable};
use crate::store::policy::Version;
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
    versions: Vec<Version>,
    past: Option<Past>,
    csv_path: String,
    open_row: Option<usize>,
    approved_on: String,
    approved_by: String,
    notice: Option<String>,
    error: Option<String>,
}

/// A past version on show: its number, the table at it, and at the one before.
#[derive(Debug, Clone)]
pub struct Past {
    version: i64,
    at: SanctionsMatrix,
    before: Option<SanctionsMatrix>,
}

/// What the page can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The table in use and its versions arrived.
    Loaded(Result<(SanctionsMatrix, Vec<Version>), SharedError>),
    /// A version was chosen to show.
    Version(VersionChoice),
    /// A past version arrived.
    Shown(Result<Past, SharedError>),
    /// The path to save the CSV to was edited.
    CsvPath(String),
    /// Save the table on show as CSV.
    SaveCsv,
    /// The CSV was written (`None`: the dialog was cancelled).
    CsvSaved(Option<Result<std::path::PathBuf, String>>),
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
            versions: Vec::new(),
            past: None,
            csv_path: String::new(),
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
        let table = self.table;
        Task::perform(
            self.session.with_vault(move |vault| {
                let current = vault.sanctions().map_err(Arc::new)?.table(table).clone();
                let versions = vault.sanctions_versions(table).map_err(Arc::new)?;
                Ok((current, versions))
            }),
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
            Message::Loaded(Ok((current, versions))) => {
                self.draft = Some(current.clone());
                self.current = Some(current);
                self.versions = versions;
            }
            Message::Version(VersionChoice(None)) => self.past = None,
            Message::Version(VersionChoice(Some(version))) => return self.show(version.version),
            Message::Shown(Ok(past)) => self.past = Some(past),
            Message::CsvPath(path) => self.csv_path = path,
            Message::SaveCsv => return self.save_csv(),
            Message::CsvSaved(None) => {}
            Message::CsvSaved(Some(Ok(path))) => {
                self.notice = Some(format!("Saved the table to {}.", path.display()));
                self.error = None;
            }
            Message::CsvSaved(Some(Err(error))) => self.error = Some(error),
            Message::Loaded(Err(error))
            | Message::Saved(Err(error))
            | Message::Shown(Err(error)) => {
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

    fn show(&self, version: i64) -> Task<Message> {
        let table = self.table;
        Task::perform(
            self.session.with_vault(move |vault| {
                let at = vault.sanctions_at(table, version).map_err(Arc::new)?;
                let before = (version > 1)
                    .then(|| vault.sanctions_at(table, version - 1))
                    .transpose()
                    .map_err(Arc::new)?;
                Ok(Past {
                    version,
                    at,
                    before,
                })
            }),
            Message::Shown,
        )
    }

    fn save_csv(&self) -> Task<Message> {
        let shown = match (&self.past, &self.current) {
            (Some(past), _) => &past.at,
            (None, Some(current)) => current,
            (None, None) => return Task::none(),
        };
        Task::perform(
            crate::ui::files::save_or_write(
                "Save the table as CSV",
                format!("{}.csv", self.table.code()),
                self.csv_path.clone(),
                Arc::new(shown.to_csv().into_bytes()),
            ),
            Message::CsvSaved,
        )
    }

    fn csv(&self) -> Element<'_, Message> {
        super::csv_bar(
            &self.csv_path,
            "sanctions-csv-path",
            Message::CsvPath,
            Message::SaveCsv,
        )
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
        page = page.push(super::version_picker(
            &self.versions,
            self.past.as_ref().map(|p| p.version),
            Message::Version,
        ));
        if let Some(past) = &self.past {
            return page
                .push(past_view(self.table, past))
                .push(self.csv())
                .into();
        }
        let mut rows = column![].spacing(4);
        for (i, line) in draft.rows.iter().enumerate() {
            let suggested = draft.actions_for(&line.key);
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
        page.push(self.save_bar(draft.changes(current)))
            .push(self.csv())
            .into()
    }

    fn save_bar(&self, pending: Vec<String>) -> Element<'_, Message> {
        super::approval(
            pending,
            "Choose a kind of incident to change the actions it suggests.",
            [
                (
                    "Approved on (dd/mm/yyyy)",
                    "sanctions-approved-on",
                    &self.approved_on,
                    Message::ApprovedOn,
                ),
                (
                    "Approved by",
                    "sanctions-approved-by",
                    &self.approved_by,
                    Message::ApprovedBy,
                ),
            ],
            Message::Save,
            Message::Discard,
        )
    }
}

/// A past version: what it changed, then each kind of incident with the actions it suggested.
fn past_view(table: SanctionsTable, past: &Past) -> Element<'_, Message> {
    let mut rows = column![].spacing(6);
    for line in &past.at.rows {
        rows = rows.push(column![
            text(line.title.clone()),
            text(past.at.actions_for(&line.key).join(" · "))
                .size(12)
                .style(style::muted),
        ]);
    }
    column![
        super::version_changes(past.before.as_ref().map(|before| past.at.changes(before))),
        form::section(table.title(), rows.into()),
    ]
    .spacing(14)
    .into()
}
