//! The governors' report's themes: the policy's categories grouped into a handful a governor
//! can read. Each theme's words can be changed and each category moved to another theme; the
//! change is approved and saved as a new version, which the next report uses.

use std::sync::Arc;

use crate::ui::keyed::pick_list;
use iced::widget::{column, row, text, text_input};
use iced::{Element, Fill, Task};

use super::VersionChoice;
use crate::domain::incident::category;
use crate::domain::policy::ReportThemes;
use crate::store::policy::Version;
use crate::ui::form::{self, shown_date};
use crate::ui::session::{Session, SharedError};
use crate::ui::style;

/// The page's state.
#[derive(Debug)]
pub struct Themes {
    session: Session,
    current: Option<ReportThemes>,
    draft: Option<ReportThemes>,
    versions: Vec<Version>,
    past: Option<Past>,
    approved_on: String,
    approved_by: String,
    notice: Option<String>,
    error: Option<String>,
}

/// A past version on show: its number, the themes at it, and at the one before.
#[derive(Debug, Clone)]
pub struct Past {
    version: i64,
    at: ReportThemes,
    before: Option<ReportThemes>,
}

/// A theme in a category's pick-list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeItem {
    /// The theme's key.
    pub key: String,
    /// Its words.
    pub title: String,
}

impl std::fmt::Display for ThemeItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.title)
    }
}

/// What the page can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The themes in use and their versions arrived.
    Loaded(Result<(ReportThemes, Vec<Version>), SharedError>),
    /// A version was chosen to show.
    Version(VersionChoice),
    /// A past version arrived.
    Shown(Result<Past, SharedError>),
    /// A theme's words were edited (by its place).
    Title(usize, String),
    /// A category (by key) was moved to a theme.
    Move(String, ThemeItem),
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

impl Themes {
    /// The page on `today`, loading.
    pub fn new(session: Session, today: chrono::NaiveDate) -> (Self, Task<Message>) {
        let page = Self {
            session,
            current: None,
            draft: None,
            versions: Vec::new(),
            past: None,
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
            self.session.with_vault(|vault| {
                let current = vault.report_themes(None).map_err(Arc::new)?;
                let versions = vault.report_theme_versions().map_err(Arc::new)?;
                Ok((current, versions))
            }),
            Message::Loaded,
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Loaded(Ok((current, versions))) => {
                self.draft = Some(current.clone());
                self.current = Some(current);
                self.versions = versions;
            }
            Message::Loaded(Err(error))
            | Message::Saved(Err(error))
            | Message::Shown(Err(error)) => self.error = Some(error.to_string()),
            Message::Version(VersionChoice(None)) => self.past = None,
            Message::Version(VersionChoice(Some(version))) => return self.show(version.version),
            Message::Shown(Ok(past)) => self.past = Some(past),
            Message::Title(i, words) => {
                if let Some(theme) = self.draft.as_mut().and_then(|d| d.themes.get_mut(i)) {
                    theme.title = words;
                    self.notice = None;
                }
            }
            Message::Move(key, theme) => {
                if let Some(draft) = &mut self.draft {
                    draft.place(&key, &theme.key);
                    self.notice = None;
                }
            }
            Message::ApprovedOn(value) => self.approved_on = value,
            Message::ApprovedBy(value) => self.approved_by = value,
            Message::Save => return self.save(),
            Message::Saved(Ok(version)) => {
                self.notice = Some(format!(
                    "Saved as version {version}: the next governors' report uses these themes."
                ));
                self.error = None;
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
        Task::perform(
            self.session.with_vault(move |vault| {
                let at = vault.report_themes(Some(version)).map_err(Arc::new)?;
                let before = (version > 1)
                    .then(|| vault.report_themes(Some(version - 1)))
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
        let by = self.approved_by.clone();
        Task::perform(
            self.session.with_vault(move |vault| {
                vault
                    .save_report_themes(&draft, approved_on, &by)
                    .map_err(Arc::new)
            }),
            Message::Saved,
        )
    }

    /// Draws the page.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![
            text(
                "The governors' report counts incidents by these themes, and shows a category on \
                 its own only where it has enough incidents not to point to a child."
            )
            .style(style::muted),
            form::error_line(self.error.as_deref()),
        ]
        .spacing(14);
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
            return page.push(past_view(past)).into();
        }
        // The changes and their approval come first: the list below is long.
        page = page.push(self.save_bar(draft.changes(current)));
        let items: Vec<ThemeItem> = draft
            .themes
            .iter()
            .map(|t| ThemeItem {
                key: t.key.clone(),
                title: t.title.clone(),
            })
            .collect();
        for (i, theme) in draft.themes.iter().enumerate() {
            let words = row![
                text("Words in the report").style(style::muted).width(170),
                text_input("The theme's words", &theme.title)
                    .id(format!("theme-title-{i}"))
                    .on_input(move |words| Message::Title(i, words))
                    .padding(8),
            ]
            .spacing(12)
            .align_y(iced::Center);
            let mut rows = column![words].spacing(6);
            for key in &theme.categories {
                rows = rows.push(category_row(key, &theme.key, &items));
            }
            page = page.push(form::section(&theme.title, rows.into()));
        }
        page.into()
    }

    fn save_bar(&self, pending: Vec<String>) -> Element<'_, Message> {
        super::approval(
            pending,
            "Change a theme's words or move a category to make a new version.",
            [
                (
                    "Approved on (dd/mm/yyyy)",
                    "themes-approved-on",
                    &self.approved_on,
                    Message::ApprovedOn,
                ),
                (
                    "Approved by",
                    "themes-approved-by",
                    &self.approved_by,
                    Message::ApprovedBy,
                ),
            ],
            Message::Save,
            Message::Discard,
        )
    }
}

/// A category's few words, whom it is about, and the theme it is under, to move it.
fn category_row<'a>(key: &'a str, theme: &str, items: &[ThemeItem]) -> Element<'a, Message> {
    let (title, whom) = category::category(key).map_or((key, ""), |c| (c.short_title(), c.whom()));
    let chosen = items.iter().find(|item| item.key == theme).cloned();
    row![
        text(title).width(Fill),
        text(whom).size(13).style(style::muted).width(130),
        pick_list(items.to_vec(), chosen, move |item| Message::Move(
            key.to_owned(),
            item
        ))
        .padding(6)
        .width(360),
    ]
    .spacing(12)
    .align_y(iced::Center)
    .into()
}

/// A past version: what it changed, then each theme with its categories.
fn past_view(past: &Past) -> Element<'_, Message> {
    let mut themes = column![].spacing(10);
    for theme in &past.at.themes {
        let names: Vec<&str> = theme
            .categories
            .iter()
            .map(|k| category::category(k).map_or(k.as_str(), |c| c.short_title()))
            .collect();
        themes = themes.push(column![
            text(theme.title.clone()),
            text(names.join(" · ")).size(12).style(style::muted),
        ]);
    }
    column![
        super::version_changes(past.before.as_ref().map(|before| past.at.changes(before))),
        form::section("Report themes", themes.into()),
    ]
    .spacing(14)
    .into()
}
