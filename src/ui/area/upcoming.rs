//! An area whose feature has not arrived yet: one honest line, nothing that pretends to work.

use iced::widget::{column, container, text};
use iced::{Element, Fill};

use crate::ui::area::Area;
use crate::ui::style;

/// Draws the line for `area`.
pub fn view<'a, Message: 'a>(area: Area) -> Element<'a, Message> {
    let line = area.still_to_come().unwrap_or_default();
    container(
        column![
            text("Coming in a later release")
                .size(13)
                .style(style::muted),
            text(line).size(16)
        ]
        .spacing(6),
    )
    .padding(20)
    .width(Fill)
    .style(style::card)
    .into()
}
