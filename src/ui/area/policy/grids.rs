//! The three usage tables drawn as the policy prints them, editable in place or read-only when a
//! past version is shown.

use crate::ui::keyed::{checkbox, pick_list};
use iced::widget::{column, row, text};
use iced::{Element, Fill};

use super::Message;
use crate::domain::policy::usage::{
    CommunicationsMatrix, DeviceAccess, DeviceMatrix, DeviceOwner, PupilUse, StaffUse, UsageLevel,
    UserActionsMatrix,
};
use crate::ui::style;

/// A staff choice in a pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaffChoice(pub StaffUse);

impl std::fmt::Display for StaffChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.title())
    }
}

/// A pupil choice in a pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PupilChoice(pub PupilUse);

impl std::fmt::Display for PupilChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.title())
    }
}

fn heading<'a>(words: &'a str, width: impl Into<iced::Length>) -> Element<'a, Message> {
    text(words).size(12).style(style::muted).width(width).into()
}

/// A tick column's share of a grid's width, against the row label's [`LABEL_SHARE`]: fixed
/// widths left the labels no room in a 1024-pixel window.
const TICK_SHARE: iced::Length = iced::Length::FillPortion(1);
/// The row label's share.
const LABEL_SHARE: iced::Length = iced::Length::FillPortion(2);
/// A user action's share: its words are long.
const ACTION_SHARE: iced::Length = iced::Length::FillPortion(4);

/// The mobile-devices table; `editable` lets the ticks change.
pub fn devices(matrix: &DeviceMatrix, editable: bool) -> Element<'_, Message> {
    let mut header = row![text("").width(LABEL_SHARE)].spacing(6);
    for owner in DeviceOwner::ALL {
        header = header.push(heading(owner.title(), TICK_SHARE));
    }
    let mut grid = column![header].spacing(10);
    for access in DeviceAccess::ALL {
        let mut line = row![text(access.title()).width(LABEL_SHARE)].spacing(6);
        for owner in DeviceOwner::ALL {
            let mut tick = checkbox(matrix.allows(access, owner));
            if editable {
                tick = tick.on_toggle(move |on| Message::Device(access, owner, on));
            }
            line = line.push(iced::widget::container(tick).width(TICK_SHARE));
        }
        grid = grid.push(line.align_y(iced::Center));
    }
    grid.into()
}

/// The communications table: a choice for staff and one for pupils on each row.
pub fn communications(matrix: &CommunicationsMatrix, editable: bool) -> Element<'_, Message> {
    let mut grid = column![
        row![
            text("").width(Fill),
            heading("Staff and other adults", 240.0),
            heading("Pupils", 280.0),
        ]
        .spacing(10)
    ]
    .spacing(8);
    for (i, line) in matrix.rows.iter().enumerate() {
        let (staff, pupils): (Element<'_, Message>, Element<'_, Message>) = if editable {
            (
                pick_list(
                    StaffUse::ALL.map(StaffChoice),
                    Some(StaffChoice(line.staff)),
                    move |c| Message::Staff(i, c),
                )
                .width(240)
                .into(),
                pick_list(
                    PupilUse::ALL.map(PupilChoice),
                    Some(PupilChoice(line.pupils)),
                    move |c| Message::Pupils(i, c),
                )
                .width(280)
                .into(),
            )
        } else {
            (
                text(line.staff.title()).width(240).into(),
                text(line.pupils.title()).width(280).into(),
            )
        };
        grid = grid.push(
            row![text(line.title.clone()).width(Fill), staff, pupils]
                .spacing(10)
                .align_y(iced::Center),
        );
    }
    grid.into()
}

/// The user actions table: a tick per level on each row.
pub fn user_actions(matrix: &UserActionsMatrix, editable: bool) -> Element<'_, Message> {
    let mut header = row![text("").width(ACTION_SHARE)].spacing(6);
    for level in UsageLevel::ALL {
        header = header.push(heading(level.title(), TICK_SHARE));
    }
    let mut grid = column![header].spacing(8);
    for (i, line) in matrix.rows.iter().enumerate() {
        let mut cells = row![text(line.activity.clone()).size(14).width(ACTION_SHARE)].spacing(6);
        for level in UsageLevel::ALL {
            let mut tick = checkbox(line.levels.contains(&level));
            if editable {
                tick = tick.on_toggle(move |on| Message::Level(i, level, on));
            }
            cells = cells.push(iced::widget::container(tick).width(TICK_SHARE));
        }
        grid = grid.push(cells.align_y(iced::Center));
    }
    grid.into()
}
