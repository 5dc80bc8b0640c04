//! Building blocks shared by the forms: labelled fields, the strength meter, message lines.

use iced::widget::{column, container, progress_bar, row, text, text_input};
use iced::{Element, Fill};

use crate::domain::passphrase::{self, Strength};
use crate::ui::style;

/// Said when no credential store answers on this PC; its own words are behind "Details".
pub const NO_CREDENTIAL_STORE: &str = "This PC has no credential store the app can use (on Windows it is the Credential Manager), so the vault cannot be remembered here. Unlock with the passphrase each time; nothing else changes.";

/// A label above a text field.
pub fn field<'a, Message: Clone + 'a>(
    label: &'a str,
    id: &'static str,
    value: &'a str,
    on_input: impl Fn(String) -> Message + 'a,
) -> iced::widget::Column<'a, Message> {
    column![
        text(label).size(13).style(style::muted),
        text_input("", value)
            .id(id)
            .on_input(on_input)
            .padding(8)
            .size(15),
    ]
    .spacing(4)
}

/// A label above a hidden passphrase field.
pub fn secret_field<'a, Message: Clone + 'a>(
    label: &'a str,
    id: &'static str,
    value: &'a str,
    on_input: impl Fn(String) -> Message + 'a,
    on_submit: Option<Message>,
) -> iced::widget::Column<'a, Message> {
    column![
        text(label).size(13).style(style::muted),
        text_input("", value)
            .id(id)
            .secure(true)
            .on_input(on_input)
            .on_submit_maybe(on_submit)
            .padding(8)
            .size(15),
    ]
    .spacing(4)
}

/// The strength meter under a new passphrase.
pub fn strength_meter<'a, Message: 'a>(strength: &Strength) -> Element<'a, Message> {
    let rule = format!(
        "At least {} characters and rated Strong. A few unrelated words work well.",
        passphrase::MIN_LENGTH
    );
    let advice = strength.advice.clone().unwrap_or(rule);
    column![
        row![
            progress_bar(0.0..=4.0, f32::from(strength.score))
                .girth(6)
                .style(style::strength_bar(strength.score)),
            text(strength.label).size(13).width(90),
        ]
        .spacing(10)
        .align_y(iced::Center),
        text(advice).size(13).style(style::muted),
    ]
    .spacing(4)
    .width(Fill)
    .into()
}

/// A line saying what went wrong, or nothing.
pub fn error_line<'a, Message: 'a>(error: Option<&str>) -> Element<'a, Message> {
    match error {
        Some(message) => text(message.to_owned()).size(14).style(style::error).into(),
        None => column![].into(),
    }
}

/// A centred card of at most `width` for the screens before the workspace.
pub fn dialog<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
    width: f32,
) -> Element<'a, Message> {
    container(
        container(content)
            .padding(32)
            .max_width(width)
            .style(style::card),
    )
    .center(Fill)
    .padding(24)
    .into()
}

/// A titled card: one section of a page.
pub fn section<'a, Message: 'a>(
    title: &'a str,
    body: Element<'a, Message>,
) -> Element<'a, Message> {
    container(column![text(title).size(18), body].spacing(12))
        .padding(18)
        .width(Fill)
        .style(style::card)
        .into()
}

/// A date typed as 01/09/2025 (or 2025-09-01); blank is none; anything else names `field`.
pub fn typed_date(typed: &str, field: &str) -> Result<Option<chrono::NaiveDate>, String> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    crate::domain::when::parse_date_time(typed)
        .map(|at| Some(at.date()))
        .ok_or_else(|| format!("{field}: enter a date like 01/09/2025"))
}

/// A date that must be given, typed as 01/09/2025.
pub fn required_date(typed: &str, field: &str) -> Result<chrono::NaiveDate, String> {
    typed_date(typed, field)?.ok_or_else(|| format!("{field}: enter a date like 01/09/2025"))
}

/// A date as the forms show it: 01/09/2025.
pub fn shown_date(date: chrono::NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// The outcome of the last action, in green or red; nothing before there is one.
pub fn outcome<'a, Message: 'a>(note: Option<&Result<String, String>>) -> Element<'a, Message> {
    match note {
        Some(Ok(message)) => text(message.clone()).size(14).style(style::success).into(),
        Some(Err(message)) => text(message.clone()).size(14).style(style::error).into(),
        None => column![].into(),
    }
}

/// A bar and the bytes done, while a backup or restore is under way; nothing otherwise.
pub fn progress_line<'a, Message: 'a>(
    progress: Option<crate::store::backup::Progress>,
) -> Element<'a, Message> {
    let Some(step) = progress else {
        return column![].into();
    };
    let mebibytes = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    row![
        progress_bar(0.0..=step.total.max(1) as f32, step.done as f32).girth(8),
        text(format!(
            "{:.1} of {:.1} MiB",
            mebibytes(step.done),
            mebibytes(step.total)
        ))
        .size(13)
        .width(150),
    ]
    .spacing(10)
    .align_y(iced::Center)
    .into()
}

/// The stage of a job under way in words, with a bar and "so many of so many" where it is
/// counted; nothing when no job is under way.
pub fn stage_line<'a, Message: 'a>(
    stage: Option<(&'static str, Option<(u64, u64)>)>,
) -> Element<'a, Message> {
    let Some((words, counted)) = stage else {
        return column![].into();
    };
    let mut line = row![text(format!("{words}…")).size(13)]
        .spacing(10)
        .align_y(iced::Center);
    if let Some((done, total)) = counted {
        line = line.push(progress_bar(0.0..=total.max(1) as f32, done as f32).girth(8));
        line = line.push(text(format!("{done} of {total}")).size(13));
    }
    line.into()
}

/// "Draft from 14:02 restored: {came_back}", the day added when it is not `today`, with the
/// Discard draft button sending `discard`.
pub fn restored_draft<'a, Message: Clone + 'a>(
    at: chrono::NaiveDateTime,
    today: chrono::NaiveDate,
    came_back: &str,
    discard: Message,
) -> Element<'a, Message> {
    let when = if at.date() == today {
        at.format("%H:%M").to_string()
    } else {
        at.format("%H:%M on %d/%m/%Y").to_string()
    };
    row![
        text(format!("Draft from {when} restored: {came_back}"))
            .style(style::success)
            .width(Fill),
        crate::ui::keyed::button(text("Discard draft").size(13))
            .on_press(discard)
            .style(iced::widget::button::secondary)
            .padding([4, 10]),
    ]
    .spacing(12)
    .align_y(iced::Center)
    .into()
}

/// "Remember on this PC (unavailable)" in words, the credential store's own (`reason`) shown
/// below when `details`; the Details button sends `toggle`.
pub fn remember_unavailable<'a, Message: Clone + 'a>(
    reason: &'a str,
    details: bool,
    toggle: Message,
) -> Element<'a, Message> {
    let button =
        crate::ui::keyed::button(text(if details { "Hide details" } else { "Details" }).size(13))
            .on_press(toggle)
            .style(style::link);
    let mut unavailable = column![
        crate::ui::keyed::checkbox(false).label("Remember on this PC (unavailable)"),
        row![
            text(NO_CREDENTIAL_STORE)
                .size(13)
                .style(style::muted)
                .width(Fill),
            button,
        ]
        .spacing(8),
    ]
    .spacing(6);
    if details {
        unavailable = unavailable.push(text(reason).size(12).style(style::muted));
    }
    unavailable.into()
}
