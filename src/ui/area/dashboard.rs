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
    let page = column![card(greeting.into()), card(contacts(ctx))].spacing(16);
    let page = page.push(card(
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

/// Who to call: the contacts the policy names, or a prompt where one is not recorded yet.
fn contacts<'a>(ctx: &Ctx<'a>) -> Element<'a, Message> {
    let settings = ctx.settings;
    let people = [
        (
            "Designated Safeguarding Lead",
            &settings.designated_safeguarding_lead,
        ),
        ("Headteacher", &settings.headteacher),
        ("Chair of Governors", &settings.chair_of_governors),
        ("LADO", &settings.lado_contact),
    ];
    let mut list = column![text("Safeguarding contacts").size(17)].spacing(8);
    for (role, name) in people {
        let value = if name.trim().is_empty() {
            text("Not recorded yet").style(style::error)
        } else {
            text(name.clone())
        };
        list = list.push(row![text(role).width(260).style(style::muted), value]);
    }
    if people.iter().any(|(_, name)| name.trim().is_empty()) {
        list = list.push(
            button("Fill in the contacts in Settings")
                .on_press(Message::OpenSettings)
                .padding([6, 16]),
        );
    }
    list.into()
}
