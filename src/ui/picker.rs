//! A search box that lists what matches as you type: the first match is highlighted, the
//! arrow keys move the highlight and Enter chooses it; a click chooses any match. The owner
//! keeps the options and works out the matches; the picker keeps what was typed.

use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Fill};

use crate::ui::style;

/// How many matches are listed at once; typing more narrows them.
pub const SHOWN: usize = 8;

/// What was typed and which match is highlighted.
#[derive(Debug, Clone, Default)]
pub struct Picker {
    query: String,
    highlighted: usize,
    /// Typed into since focus last moved: the arrow keys are its.
    active: bool,
}

/// What a picker can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The search text was edited.
    Typed(String),
    /// Enter: choose the highlighted match.
    Submit,
    /// A match was clicked (its place in the list).
    Choose(usize),
}

/// A key the app passes on to the picker being typed into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
}

/// One match as listed: its main words and the detail after them (year group, level…).
#[derive(Debug, Clone)]
pub struct Shown {
    /// The name or title.
    pub label: String,
    /// Muted words beside it.
    pub detail: String,
}

impl Picker {
    /// What was typed.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Handles a message; returns the place of the match chosen, if one was, and empties the
    /// box. `matches` is how many matches there are now.
    pub fn update(&mut self, message: Message, matches: usize) -> Option<usize> {
        let chosen = match message {
            Message::Typed(query) => {
                self.query = query;
                self.highlighted = 0;
                self.active = true;
                None
            }
            Message::Submit => (self.highlighted < matches).then_some(self.highlighted),
            Message::Choose(index) => (index < matches).then_some(index),
        };
        if chosen.is_some() {
            self.clear();
        }
        chosen
    }

    /// Moves the highlight, when this picker was typed into last; returns whether it did.
    pub fn step(&mut self, step: Step, matches: usize) -> bool {
        if !self.active || matches == 0 {
            return false;
        }
        let last = matches.min(SHOWN) - 1;
        self.highlighted = match step {
            Step::Up => self.highlighted.checked_sub(1).unwrap_or(last),
            Step::Down if self.highlighted >= last => 0,
            Step::Down => self.highlighted + 1,
        };
        true
    }

    /// Whether this picker was typed into since focus last moved.
    pub fn is_active(&self) -> bool {
        self.active
    }

    /// Focus moved elsewhere: the arrow keys are no longer this picker's.
    pub fn leave(&mut self) {
        self.active = false;
    }

    /// Empties the box.
    pub fn clear(&mut self) {
        self.query.clear();
        self.highlighted = 0;
        self.active = false;
    }

    /// The search box with the matches under it; `matches` are the first [`SHOWN`] matches,
    /// best first, and `none` is said when something was typed and nothing matches.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        id: &'static str,
        placeholder: &'a str,
        matches: Vec<Shown>,
        none: String,
        on: impl Fn(Message) -> M + Copy + 'a,
    ) -> Element<'a, M> {
        let input = text_input(placeholder, &self.query)
            .id(id)
            .on_input(move |typed| on(Message::Typed(typed)))
            .on_submit(on(Message::Submit))
            .padding(8)
            .size(15);
        // The box stays the first child whatever is listed, so it keeps the focus as the
        // matches come and go.
        let mut picker = column![input].spacing(4);
        if self.query.trim().is_empty() {
            return picker.into();
        }
        let mut list = column![].spacing(2);
        if matches.is_empty() {
            list = list.push(text(none).size(13).style(style::muted));
        }
        for (index, shown) in matches.into_iter().enumerate() {
            let highlighted = index == self.highlighted;
            let line = row![
                text(shown.label).size(14),
                text(shown.detail).size(13).style(style::muted),
            ]
            .spacing(10);
            list = list.push(
                button(line)
                    .on_press(on(Message::Choose(index)))
                    .width(Fill)
                    .padding([4, 8])
                    .style(move |theme, status| style::match_line(theme, status, highlighted)),
            );
        }
        let hint = text("↑ ↓ to move, Enter to choose")
            .size(12)
            .style(style::muted);
        picker = picker.push(container(list).padding(4).style(style::card));
        picker.push(hint).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_chooses_the_highlighted_match_and_empties_the_box() {
        let mut picker = Picker::default();
        assert_eq!(picker.update(Message::Typed("av".into()), 3), None);
        assert!(picker.step(Step::Down, 3));
        assert!(picker.step(Step::Down, 3));
        assert_eq!(picker.update(Message::Submit, 3), Some(2));
        assert_eq!(picker.query(), "");
    }

    #[test]
    fn the_highlight_wraps_and_stays_within_what_is_shown() {
        let mut picker = Picker::default();
        picker.update(Message::Typed("a".into()), 20);
        assert!(picker.step(Step::Up, 20));
        assert_eq!(picker.update(Message::Submit, 20), Some(SHOWN - 1));
    }

    #[test]
    fn enter_with_no_match_chooses_nothing_and_keeps_the_typing() {
        let mut picker = Picker::default();
        picker.update(Message::Typed("zz".into()), 0);
        assert_eq!(picker.update(Message::Submit, 0), None);
        assert_eq!(picker.query(), "zz");
    }

    #[test]
    fn arrows_belong_to_the_picker_typed_into_last() {
        let mut picker = Picker::default();
        assert!(!picker.step(Step::Down, 3));
        picker.update(Message::Typed("a".into()), 3);
        picker.leave();
        assert!(!picker.step(Step::Down, 3));
    }
}
