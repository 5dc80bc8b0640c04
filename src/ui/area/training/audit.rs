//! The training audit: counts by type and status, and everyone's standing, filtered.

use crate::ui::keyed::{button, pick_list};
use iced::widget::{column, container, row, space, text, text_input};
use iced::{Element, Fill};

use super::Loaded;
use crate::domain::person::PersonKind;
use crate::domain::training::{StaffGroup, TrainingStatus};
use crate::store::training::StatusRow;
use crate::ui::{form, style};

/// Rows listed at once; the counts cover everyone.
const SHOWN: usize = 300;

/// A status filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Never done, overdue or due soon.
    #[default]
    Outstanding,
    /// Everything.
    All,
    /// Only this status.
    Only(TrainingStatus),
}

impl StatusFilter {
    fn all() -> Vec<StatusFilter> {
        [StatusFilter::Outstanding, StatusFilter::All]
            .into_iter()
            .chain(TrainingStatus::ALL.map(StatusFilter::Only))
            .collect()
    }

    fn keeps(self, status: TrainingStatus) -> bool {
        match self {
            StatusFilter::Outstanding => status.outstanding(),
            StatusFilter::All => true,
            StatusFilter::Only(only) => status == only,
        }
    }
}

impl std::fmt::Display for StatusFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatusFilter::Outstanding => f.write_str("Not up to date"),
            StatusFilter::All => f.write_str("Any status"),
            StatusFilter::Only(status) => f.write_str(status.title()),
        }
    }
}

/// A training type filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeFilter(pub Option<(i64, String)>);

impl std::fmt::Display for TypeFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some((_, name)) => f.write_str(name),
            None => f.write_str("Any training"),
        }
    }
}

/// A staff-group filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupFilter(pub Option<StaffGroup>);

impl GroupFilter {
    fn all() -> Vec<GroupFilter> {
        std::iter::once(GroupFilter(None))
            .chain(StaffGroup::ALL.map(|g| GroupFilter(Some(g))))
            .collect()
    }
}

impl std::fmt::Display for GroupFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.map_or("Everyone", StaffGroup::title))
    }
}

/// The audit page's state.
#[derive(Debug, Default)]
pub struct Audit {
    status: StatusFilter,
    kind: Option<TypeFilter>,
    group: GroupFilter,
    name: String,
    notice: Option<String>,
}

/// What the audit page can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// A status filter was chosen.
    Status(StatusFilter),
    /// A type filter was chosen.
    Type(TypeFilter),
    /// A staff-group filter was chosen.
    Group(GroupFilter),
    /// The name filter was edited.
    Name(String),
    /// "Training types…" was pressed.
    Types,
    /// "Record a session" was pressed.
    RecordSession,
    /// "People…" was pressed.
    People,
}

/// What the page asks of the area.
pub enum Action {
    /// Nothing.
    None,
    /// Open the session form.
    RecordSession,
    /// Open the people list.
    People,
    /// Open the training types.
    Types,
}

impl Audit {
    /// The page, saying what was just saved.
    pub fn with_notice(notice: String) -> Self {
        Self {
            notice: Some(notice),
            ..Self::default()
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Status(status) => self.status = status,
            Message::Type(kind) => self.kind = Some(kind),
            Message::Group(group) => self.group = group,
            Message::Name(name) => self.name = name,
            Message::Types => return Action::Types,
            Message::RecordSession => return Action::RecordSession,
            Message::People => return Action::People,
        }
        Action::None
    }

    /// Whether `row` passes the filters; `name` is the name filter, trimmed and lower-cased.
    fn keeps(&self, row: &StatusRow, name: &str) -> bool {
        let kind = self.kind.as_ref().and_then(|k| k.0.as_ref());
        self.status.keeps(row.status)
            && kind.is_none_or(|(id, _)| *id == row.type_id)
            && self.group.0.is_none_or(|g| g.includes(&row.roles))
            && (name.is_empty() || row.name.to_lowercase().contains(name))
    }

    /// Draws the page.
    pub fn view<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let types: Vec<TypeFilter> = std::iter::once(TypeFilter(None))
            .chain(
                loaded
                    .types
                    .iter()
                    .map(|t| TypeFilter(Some((t.id, t.kind.name.clone())))),
            )
            .collect();
        let actions = row![
            space().width(Fill),
            button("People…")
                .on_press(Message::People)
                .style(button::secondary)
                .padding([8, 16]),
            button("Training types…")
                .on_press(Message::Types)
                .style(button::secondary)
                .padding([8, 16]),
            button("Record a session")
                .on_press(Message::RecordSession)
                .padding([8, 16]),
        ]
        .spacing(10);
        let filters = row![
            text_input("Filter by name", &self.name)
                .id("training-name")
                .on_input(Message::Name)
                .padding(8),
            pick_list(
                types,
                Some(self.kind.clone().unwrap_or(TypeFilter(None))),
                Message::Type
            )
            .width(280),
            pick_list(GroupFilter::all(), Some(self.group), Message::Group).width(180),
            pick_list(StatusFilter::all(), Some(self.status), Message::Status).width(180),
        ]
        .spacing(10)
        .align_y(iced::Center);
        let mut page = column![actions, filters].spacing(14);
        if let Some(notice) = &self.notice {
            page = page.push(text(notice.clone()).style(style::success));
        }
        page.push(form::section("By training", counts(loaded, self.group)))
            .push(form::section("Who needs what", self.people(loaded)))
            .into()
    }

    fn people<'a>(&self, loaded: &'a Loaded) -> Element<'a, Message> {
        let name = self.name.trim().to_lowercase();
        let kept: Vec<&StatusRow> = loaded
            .statuses
            .iter()
            .filter(|r| self.keeps(r, &name))
            .collect();
        let mut list = column![header()].spacing(2);
        for row in kept.iter().take(SHOWN) {
            list = list.push(status_line(row));
        }
        if kept.is_empty() {
            list = list.push(text("Nobody matches these filters.").style(style::muted));
        } else if kept.len() > SHOWN {
            list = list.push(
                text(format!(
                    "Showing {SHOWN} of {}: filter to narrow the list.",
                    kept.len()
                ))
                .size(13)
                .style(style::muted),
            );
        }
        list.into()
    }
}

/// The counts by type and status, for the chosen staff group.
fn counts(loaded: &Loaded, group: GroupFilter) -> Element<'_, Message> {
    let cell = |value: String, width: f32| text(value).width(width);
    let mut table = column![row![
        text("Training").size(13).style(style::muted).width(Fill),
        text("Up to date").size(13).style(style::muted).width(100),
        text("Due soon").size(13).style(style::muted).width(100),
        text("Overdue").size(13).style(style::muted).width(100),
        text("Never done").size(13).style(style::muted).width(100),
    ]]
    .spacing(6);
    for kind in &loaded.types {
        let count = |status| {
            loaded
                .statuses
                .iter()
                .filter(|r| r.type_id == kind.id && r.status == status)
                .filter(|r| group.0.is_none_or(|g| g.includes(&r.roles)))
                .count()
                .to_string()
        };
        let renewal = super::types::renewal_words(kind.kind.renewal_months);
        let name = column![
            text(kind.kind.name.clone()),
            text(format!("{renewal}; {}", kind.kind.audience.title()))
                .size(12)
                .style(style::muted),
        ];
        table = table.push(
            row![
                name.width(Fill),
                cell(count(TrainingStatus::UpToDate), 100.0),
                cell(count(TrainingStatus::DueSoon), 100.0),
                cell(count(TrainingStatus::Overdue), 100.0),
                cell(count(TrainingStatus::NeverDone), 100.0),
            ]
            .align_y(iced::Center),
        );
    }
    table.into()
}

fn header<'a>() -> Element<'a, Message> {
    let label = |words: &'a str, width: f32| text(words).size(13).style(style::muted).width(width);
    row![
        label("Name", 190.0),
        label("Group", 90.0),
        text("Training").size(13).style(style::muted).width(Fill),
        label("Status", 150.0),
        label("Last done", 100.0),
        label("Due", 100.0),
    ]
    .padding([4, 10])
    .into()
}

fn status_line(row: &StatusRow) -> Element<'_, Message> {
    let status = text(row.status.title());
    let status = match row.status {
        TrainingStatus::Overdue | TrainingStatus::NeverDone => status.style(style::error),
        TrainingStatus::DueSoon => status,
        TrainingStatus::UpToDate => status.style(style::success),
    };
    let day = |d: Option<chrono::NaiveDate>| {
        d.map_or("—".to_owned(), |d| d.format("%d/%m/%Y").to_string())
    };
    let group = match row.kind {
        PersonKind::Governor => "Governor",
        PersonKind::Volunteer => "Volunteer",
        _ => "Staff",
    };
    container(
        row![
            text(row.name.clone()).width(190),
            text(group).width(90),
            text(row.type_name.clone()).width(Fill),
            status.width(150),
            text(day(row.last)).width(100),
            text(day(row.due)).width(100),
            space().width(0),
        ]
        .align_y(iced::Center),
    )
    .padding([4, 10])
    .into()
}
