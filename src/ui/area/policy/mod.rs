//! Devices & communications: the policy's mobile-devices, communications and user actions
//! tables, shown as the policy prints them and edited in place. Saving makes a new version with
//! who approved it and when; any past version can be shown with what it changed.

pub mod grids;
pub mod sanctions;
pub mod themes;

use std::sync::Arc;

use crate::ui::keyed::{button, pick_list};
use chrono::NaiveDate;
use iced::widget::{column, row, space, text};
use iced::{Element, Fill, Task};

use crate::domain::policy::SanctionsTable;
use crate::domain::policy::usage::{DeviceAccess, DeviceOwner, UsageLevel};
use crate::store::policy::{UsageMatrices, UsageTable, Version};
use crate::store::{StoreError, Vault};
use crate::ui::Ctx;
use crate::ui::form::{self, shown_date};
use crate::ui::session::{Session, SharedError};
use crate::ui::style;
use grids::{PupilChoice, StaffChoice};

/// The current tables and each one's versions.
#[derive(Debug, Clone)]
pub struct Loaded {
    current: UsageMatrices,
    versions: Vec<(UsageTable, Vec<Version>)>,
}

fn load(vault: &mut Vault) -> Result<Loaded, StoreError> {
    let mut versions = Vec::new();
    for table in UsageTable::ALL {
        versions.push((table, vault.usage_versions(table)?));
    }
    Ok(Loaded {
        current: vault.usage_matrices(None)?,
        versions,
    })
}

/// A past version on show: its number, the tables at it, and at the one before.
#[derive(Debug, Clone)]
pub struct Past {
    version: i64,
    at: UsageMatrices,
    before: Option<UsageMatrices>,
}

/// A version in the picker; `None` is the current one, being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionChoice(pub Option<Version>);

impl std::fmt::Display for VersionChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            None => f.write_str("Current version (edit)"),
            Some(v) => write!(
                f,
                "Version {}: {}, {}",
                v.version,
                uk_date(&v.approved_at),
                v.approved_by
            ),
        }
    }
}

/// The area's state.
#[derive(Debug)]
pub struct Policy {
    session: Session,
    loaded: Option<Arc<Loaded>>,
    table: UsageTable,
    draft: Option<UsageMatrices>,
    past: Option<Past>,
    approved_on: String,
    approved_by: String,
    csv_path: String,
    sanctions: Option<Box<sanctions::Sanctions>>,
    themes: Option<Box<themes::Themes>>,
    notice: Option<String>,
    error: Option<String>,
}

/// What the area can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The tables arrived.
    Loaded(Result<Arc<Loaded>, SharedError>),
    /// A table was chosen.
    Table(UsageTable),
    /// A sanctions table was chosen.
    SanctionsTable(SanctionsTable),
    /// A message for the sanctions page.
    Sanctions(sanctions::Message),
    /// The report themes were chosen.
    ThemesTab,
    /// A message for the report themes page.
    Themes(themes::Message),
    /// A device cell was ticked or unticked.
    Device(DeviceAccess, DeviceOwner, bool),
    /// A communication row's staff choice.
    Staff(usize, StaffChoice),
    /// A communication row's pupil choice.
    Pupils(usize, PupilChoice),
    /// A user action's level was ticked or unticked.
    Level(usize, UsageLevel, bool),
    /// A version was chosen to show.
    Version(VersionChoice),
    /// A past version arrived.
    Shown(Result<Past, SharedError>),
    /// The approval date was edited.
    ApprovedOn(String),
    /// Who approved it was edited.
    ApprovedBy(String),
    /// Save the changes as a new version.
    Save,
    /// Saved (with the version's number), or not.
    Saved(Result<i64, SharedError>),
    /// Throw the changes away.
    Discard,
    /// The path to save the CSV to was edited (for desktops without a file dialog).
    CsvPath(String),
    /// Save the table on show as CSV.
    SaveCsv,
    /// The CSV was written (`None`: the dialog was cancelled).
    CsvSaved(Option<Result<std::path::PathBuf, String>>),
}

impl Policy {
    /// The area on `today`, loading.
    pub fn new(session: Session, today: NaiveDate) -> (Self, Task<Message>) {
        let area = Self {
            session,
            loaded: None,
            table: UsageTable::Devices,
            draft: None,
            past: None,
            approved_on: shown_date(today),
            approved_by: String::new(),
            csv_path: String::new(),
            sanctions: None,
            themes: None,
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
        match message {
            Message::Loaded(Ok(loaded)) => {
                self.draft = Some(loaded.current.clone());
                self.loaded = Some(loaded);
            }
            Message::Loaded(Err(error)) | Message::Shown(Err(error)) => {
                self.error = Some(error.to_string());
            }
            Message::SanctionsTable(table) => {
                let today = self.session.today();
                let (page, task) = sanctions::Sanctions::new(self.session.clone(), table, today);
                self.sanctions = Some(Box::new(page));
                self.themes = None;
                return task.map(Message::Sanctions);
            }
            Message::ThemesTab => {
                let today = self.session.today();
                let (page, task) = themes::Themes::new(self.session.clone(), today);
                self.themes = Some(Box::new(page));
                self.sanctions = None;
                return task.map(Message::Themes);
            }
            Message::Themes(message) => {
                if let Some(page) = &mut self.themes {
                    return page.update(message).map(Message::Themes);
                }
            }
            Message::Sanctions(message) => {
                if let Some(page) = &mut self.sanctions {
                    return page.update(message).map(Message::Sanctions);
                }
            }
            Message::Table(table) => {
                self.sanctions = None;
                self.themes = None;
                self.table = table;
                self.past = None;
                self.notice = None;
            }
            Message::Version(VersionChoice(None)) => self.past = None,
            Message::Version(VersionChoice(Some(version))) => return self.show(version.version),
            Message::Shown(Ok(past)) => self.past = Some(past),
            Message::ApprovedOn(value) => self.approved_on = value,
            Message::ApprovedBy(value) => self.approved_by = value,
            Message::Save => return self.save(),
            Message::Saved(Ok(version)) => {
                self.notice = Some(format!(
                    "Saved the {} table as version {version}.",
                    self.table.title().to_lowercase()
                ));
                self.error = None;
                return self.reload();
            }
            Message::Saved(Err(error)) => self.error = Some(error.to_string()),
            Message::CsvPath(path) => self.csv_path = path,
            Message::SaveCsv => return self.save_csv(),
            Message::CsvSaved(None) => {}
            Message::CsvSaved(Some(Ok(path))) => {
                self.notice = Some(format!(
                    "Saved the {} table to {}.",
                    self.table.title().to_lowercase(),
                    path.display()
                ));
                self.error = None;
            }
            Message::CsvSaved(Some(Err(error))) => self.error = Some(error),
            Message::Discard => {
                self.draft = self.loaded.as_ref().map(|l| l.current.clone());
                self.error = None;
            }
            edit => self.edit(edit),
        }
        Task::none()
    }

    fn edit(&mut self, message: Message) {
        let Some(draft) = &mut self.draft else {
            return;
        };
        match message {
            Message::Device(access, owner, on) => draft.devices.set(access, owner, on),
            Message::Staff(i, choice) => {
                if let Some(row) = draft.communications.rows.get_mut(i) {
                    row.staff = choice.0;
                }
            }
            Message::Pupils(i, choice) => {
                if let Some(row) = draft.communications.rows.get_mut(i) {
                    row.pupils = choice.0;
                }
            }
            Message::Level(i, level, on) => {
                if let Some(row) = draft.user_actions.rows.get_mut(i) {
                    row.levels.retain(|l| *l != level);
                    if on {
                        row.levels.push(level);
                        row.levels.sort();
                    }
                }
            }
            _ => {}
        }
        self.notice = None;
    }

    fn show(&self, version: i64) -> Task<Message> {
        let table = self.table;
        Task::perform(
            self.session.with_vault(move |vault| {
                let at = vault.usage_matrices(Some((table, version)))?;
                let before = (version > 1)
                    .then(|| vault.usage_matrices(Some((table, version - 1))))
                    .transpose()?;
                Ok(Past {
                    version,
                    at,
                    before,
                })
            }),
            |result: Result<Past, StoreError>| Message::Shown(result.map_err(Arc::new)),
        )
    }

    fn save(&mut self) -> Task<Message> {
        let Some(draft) = self.draft.clone() else {
            return Task::none();
        };
        let approved_on = match form::required_date(&self.approved_on, "Approved on") {
            Ok(day) => day,
            Err(problem) => {
                self.error = Some(problem);
                return Task::none();
            }
        };
        let (table, by) = (self.table, self.approved_by.clone());
        Task::perform(
            self.session.with_vault(move |vault| {
                vault
                    .save_usage_matrix(table, &draft, approved_on, &by)
                    .map_err(Arc::new)
            }),
            Message::Saved,
        )
    }

    /// Writes the table on show (a past version, or the one in use) as CSV.
    fn save_csv(&self) -> Task<Message> {
        let shown = match (&self.past, &self.loaded) {
            (Some(past), _) => &past.at,
            (None, Some(loaded)) => &loaded.current,
            (None, None) => return Task::none(),
        };
        let csv = match self.table {
            UsageTable::Devices => shown.devices.to_csv(),
            UsageTable::Communications => shown.communications.to_csv(),
            UsageTable::UserActions => shown.user_actions.to_csv(),
        };
        let name = format!("{}.csv", self.table.code());
        Task::perform(
            crate::ui::files::save_or_write(
                "Save the table as CSV",
                name,
                self.csv_path.clone(),
                Arc::new(csv.into_bytes()),
            ),
            Message::CsvSaved,
        )
    }

    /// What the draft changes in the chosen table, one line a change.
    fn pending(&self) -> Vec<String> {
        match (&self.draft, &self.loaded) {
            (Some(draft), Some(loaded)) => changes(self.table, draft, &loaded.current),
            _ => Vec::new(),
        }
    }

    /// Draws the area.
    pub fn view<'a>(&'a self, _ctx: &Ctx<'a>) -> Element<'a, Message> {
        let mut tabs = row![].spacing(8);
        let shown = self.sanctions.as_ref().map(|p| p.table());
        let other_page = shown.is_some() || self.themes.is_some();
        for table in UsageTable::ALL {
            let chosen = !other_page && table == self.table;
            tabs = tabs.push(tab(table.title(), chosen, Message::Table(table)));
        }
        for table in SanctionsTable::ALL {
            let title = match table {
                SanctionsTable::Pupil => "Pupil sanctions",
                SanctionsTable::Staff => "Staff sanctions",
            };
            tabs = tabs.push(tab(
                title,
                shown == Some(table),
                Message::SanctionsTable(table),
            ));
        }
        tabs = tabs.push(tab(
            "Report themes",
            self.themes.is_some(),
            Message::ThemesTab,
        ));
        // Six tabs do not fit a 1024-pixel window in one line: they wrap onto a second.
        let tabs = tabs.wrap().vertical_spacing(8);
        if let Some(page) = &self.sanctions {
            return column![tabs, page.view().map(Message::Sanctions)]
                .spacing(14)
                .into();
        }
        if let Some(page) = &self.themes {
            return column![tabs, page.view().map(Message::Themes)]
                .spacing(14)
                .into();
        }
        let mut page = column![tabs, form::error_line(self.error.as_deref())].spacing(14);
        if let Some(notice) = &self.notice {
            page = page.push(text(notice.clone()).style(style::success));
        }
        let (Some(loaded), Some(draft)) = (self.loaded.as_deref(), &self.draft) else {
            return page.into();
        };
        let versions = loaded
            .versions
            .iter()
            .find(|(t, _)| *t == self.table)
            .map(|(_, v)| v.as_slice())
            .unwrap_or_default();
        page = page.push(version_picker(
            versions,
            self.past.as_ref().map(|p| p.version),
            Message::Version,
        ));
        let page = match &self.past {
            Some(past) => page.push(past_view(self.table, past)),
            None => page
                .push(form::section(
                    self.table.title(),
                    grid(self.table, draft, true),
                ))
                .push(self.save_bar()),
        };
        page.push(csv_bar(
            &self.csv_path,
            "matrix-csv-path",
            Message::CsvPath,
            Message::SaveCsv,
        ))
        .into()
    }

    fn save_bar(&self) -> Element<'_, Message> {
        approval(
            self.pending(),
            "Change a cell to make a new version; the incident form and reports always use the version in use.",
            [
                (
                    "Approved on (dd/mm/yyyy)",
                    "matrix-approved-on",
                    &self.approved_on,
                    Message::ApprovedOn,
                ),
                (
                    "Approved by (e.g. Governors' Curriculum & Standards Committee)",
                    "matrix-approved-by",
                    &self.approved_by,
                    Message::ApprovedBy,
                ),
            ],
            Message::Save,
            Message::Discard,
        )
    }
}

/// A labelled text field: its label, widget id, value and message.
type Field<'a, M> = (&'a str, &'static str, &'a str, fn(String) -> M);

/// The changes waiting for approval with the approval's date and approver, or `idle` while
/// nothing has changed.
fn approval<'a, M: Clone + 'a>(
    pending: Vec<String>,
    idle: &'a str,
    [on, by]: [Field<'a, M>; 2],
    save: M,
    discard: M,
) -> Element<'a, M> {
    if pending.is_empty() {
        return text(idle).size(13).style(style::muted).into();
    }
    form::section(
        "Changes to approve",
        column![
            bullets(pending),
            row![
                form::field(on.0, on.1, on.2, on.3).width(220),
                form::field(by.0, by.1, by.2, by.3),
            ]
            .spacing(12),
            row![
                button("Discard changes")
                    .on_press(discard)
                    .style(button::secondary)
                    .padding([6, 16]),
                space().width(Fill),
                button("Save as a new version")
                    .on_press(save)
                    .padding([6, 16]),
            ],
        ]
        .spacing(12)
        .into(),
    )
}

/// What a past version changed from the one before (`None`: it is the shipped table).
fn version_changes<'a, M: 'a>(changes: Option<Vec<String>>) -> Element<'a, M> {
    let body = match changes {
        None => text("The policy's table as shipped.")
            .style(style::muted)
            .into(),
        Some(lines) => bullets(lines),
    };
    form::section("What this version changed", body)
}

/// One line a change, bulleted.
fn bullets<'a, M: 'a>(lines: Vec<String>) -> Element<'a, M> {
    let mut list = column![].spacing(4);
    for line in lines {
        list = list.push(text(format!("• {line}")).size(14));
    }
    list.into()
}

/// Which version is in use, and a list to show any version (none chosen: the one in use).
fn version_picker<'a, M: Clone + 'a>(
    versions: &'a [Version],
    shown: Option<i64>,
    on_pick: fn(VersionChoice) -> M,
) -> Element<'a, M> {
    let choices: Vec<VersionChoice> = std::iter::once(VersionChoice(None))
        .chain(versions.iter().cloned().map(|v| VersionChoice(Some(v))))
        .collect();
    let chosen = shown
        .and_then(|n| versions.iter().find(|v| v.version == n).cloned())
        .map(|v| VersionChoice(Some(v)))
        .unwrap_or(VersionChoice(None));
    let approved = versions.first().map_or(String::new(), |v| {
        format!(
            "In use: version {}, approved {} by {}",
            v.version,
            uk_date(&v.approved_at),
            v.approved_by
        )
    });
    row![
        text(approved).style(style::muted).width(Fill),
        pick_list(choices, Some(chosen), on_pick).width(420),
    ]
    .spacing(10)
    .align_y(iced::Center)
    .into()
}

/// A path to save the table on show as CSV (the file dialog when left empty) and the button.
fn csv_bar<'a, M: Clone + 'a>(
    path: &'a str,
    id: &'static str,
    on_path: fn(String) -> M,
    save: M,
) -> Element<'a, M> {
    row![
        iced::widget::text_input(
            "Save the table on show as CSV to this path, or leave empty for the file dialog",
            path
        )
        .id(id)
        .on_input(on_path)
        .padding(8),
        button("Save as CSV…")
            .on_press(save)
            .style(button::secondary)
            .padding([8, 16]),
    ]
    .spacing(10)
    .align_y(iced::Center)
    .into()
}

/// A tab's button, filled when it is the one on show.
fn tab(title: &str, chosen: bool, message: Message) -> Element<'_, Message> {
    let style = if chosen {
        button::primary
    } else {
        button::secondary
    };
    button(title)
        .on_press(message)
        .style(style)
        .padding([8, 14])
        .into()
}

/// A stored `2026-02-12` as 12/02/2026.
fn uk_date(stored: &str) -> String {
    NaiveDate::parse_from_str(stored, "%Y-%m-%d").map_or_else(|_| stored.to_owned(), shown_date)
}

/// What `after` changes from `before` in `table`.
fn changes(table: UsageTable, after: &UsageMatrices, before: &UsageMatrices) -> Vec<String> {
    match table {
        UsageTable::Devices => after.devices.changes(&before.devices),
        UsageTable::Communications => after.communications.changes(&before.communications),
        UsageTable::UserActions => after.user_actions.changes(&before.user_actions),
    }
}

fn grid(table: UsageTable, matrices: &UsageMatrices, editable: bool) -> Element<'_, Message> {
    match table {
        UsageTable::Devices => grids::devices(&matrices.devices, editable),
        UsageTable::Communications => grids::communications(&matrices.communications, editable),
        UsageTable::UserActions => grids::user_actions(&matrices.user_actions, editable),
    }
}

fn past_view(table: UsageTable, past: &Past) -> Element<'_, Message> {
    let changed = past
        .before
        .as_ref()
        .map(|before| changes(table, &past.at, before));
    column![
        version_changes(changed),
        form::section(table.title(), grid(table, &past.at, false)),
    ]
    .spacing(14)
    .into()
}
