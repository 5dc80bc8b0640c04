//! The dashboard: who and where, what still needs filling in, and what is coming.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Fill};

use crate::ui::Ctx;
use crate::ui::style;

/// What the dashboard can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open Settings to fill in the school details.
    OpenSettings,
}

/// Draws the dashboard.
pub fn view<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    let settings = ctx.settings;
    let greeting = column![
        text(settings.school_name.clone()).size(22),
        text(format!(
            "{} · E-Safety Co-ordinator: {}",
            ctx.today.format("%A %-d %B %Y"),
            settings.coordinator
        ))
        .style(style::muted),
    ]
    .spacing(4);
    let mut page = column![card(greeting.into())].spacing(16);
    let missing = missing_contacts(ctx);
    if !missing.is_empty() {
        let list = missing.join(", ");
        page = page.push(card(
            column![
                text("School contacts to fill in").size(17),
                text(format!(
                    "Not yet recorded: {list}. Referrals and incident flags name them."
                ))
                .style(style::muted),
                button("Open Settings")
                    .on_press(Message::OpenSettings)
                    .padding([6, 16]),
            ]
            .spacing(8)
            .into(),
        ));
    }
    page = page.push(card(
        column![
            text("The vault").size(17),
            text(format!(
                "Encrypted on this PC. It locks after {} minutes with no input; Hide (Ctrl+H) blanks the window at once.",
                settings.auto_lock_minutes
            ))
            .style(style::muted),
            text("Counts of open incidents, overdue training, outstanding signatures and due reviews will appear here as those areas arrive.")
                .style(style::muted),
        ]
        .spacing(8)
        .into(),
    ));
    page.into()
}

fn card(content: Element<'_, Message>) -> Element<'_, Message> {
    container(row![content])
        .padding(20)
        .width(Fill)
        .style(style::card)
        .into()
}

fn missing_contacts(ctx: &Ctx<'_>) -> Vec<&'static str> {
    let settings = ctx.settings;
    [
        (
            "the Designated Safeguarding Lead",
            &settings.designated_safeguarding_lead,
        ),
        ("the Headteacher", &settings.headteacher),
        ("the Chair of Governors", &settings.chair_of_governors),
        ("the LADO contact", &settings.lado_contact),
    ]
    .into_iter()
    .filter(|(_, value)| value.trim().is_empty())
    .map(|(label, _)| label)
    .collect()
}
