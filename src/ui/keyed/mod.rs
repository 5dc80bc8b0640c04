//! The app's buttons, pick-lists and checkboxes, made so that Tab and Shift+Tab reach them in
//! reading order with a visible ring, Space or Enter presses a button or ticks a box, and the
//! arrows change a pick-list's choice (as a closed list does in Windows). Each is built like
//! the iced widget of the same name and becomes one through [`Ring`].

mod reveal;
mod ring;

use std::borrow::Borrow;

use iced::widget::text;
use iced::{Element, Length, Padding, Pixels, Theme};

pub use reveal::reveal_focus;
pub use ring::{Keys, Ring};

/// The styles of a button, as in `iced::widget::button`.
pub mod button {
    pub use iced::widget::button::*;
}

/// The styles of a checkbox, as in `iced::widget::checkbox`.
pub mod checkbox {
    pub use iced::widget::checkbox::*;
}

/// A button that Tab reaches and Space or Enter presses.
pub struct Button<'a, Message> {
    inner: iced::widget::Button<'a, Message>,
    on_press: Option<Message>,
    id: Option<iced::widget::Id>,
}

/// A button showing `content`; it does nothing until given [`Button::on_press`].
pub fn button<'a, Message: Clone + 'a>(
    content: impl Into<Element<'a, Message>>,
) -> Button<'a, Message> {
    Button {
        inner: iced::widget::button(content),
        on_press: None,
        id: None,
    }
}

impl<'a, Message: Clone + 'a> Button<'a, Message> {
    /// The message a click, Space or Enter sends.
    pub fn on_press(self, message: Message) -> Self {
        self.on_press_maybe(Some(message))
    }

    /// The message the button sends, or none while it is disabled.
    pub fn on_press_maybe(mut self, message: Option<Message>) -> Self {
        self.inner = self.inner.on_press_maybe(message.clone());
        self.on_press = message;
        self
    }

    /// The button's look.
    pub fn style(mut self, style: impl Fn(&Theme, button::Status) -> button::Style + 'a) -> Self {
        self.inner = self.inner.style(style);
        self
    }

    /// The space around the content.
    pub fn padding(mut self, padding: impl Into<Padding>) -> Self {
        self.inner = self.inner.padding(padding);
        self
    }

    /// The button's width.
    pub fn width(mut self, width: impl Into<Length>) -> Self {
        self.inner = self.inner.width(width);
        self
    }

    /// Names the button, so that a task can put the focus on it.
    pub fn id(mut self, id: impl Into<iced::widget::Id>) -> Self {
        self.id = Some(id.into());
        self
    }
}

impl<'a, Message: Clone + 'a> From<Button<'a, Message>> for Element<'a, Message> {
    /// A button that cannot be pressed now is passed over by Tab, as in any window.
    fn from(button: Button<'a, Message>) -> Self {
        let Some(on_press) = button.on_press else {
            return button.inner.into();
        };
        let keys = Keys {
            activate: Some(on_press),
            ..Keys::default()
        };
        let ring = Ring::new(button.inner, keys);
        match button.id {
            Some(id) => ring.id(id).into(),
            None => ring.into(),
        }
    }
}

/// A pick-list that Tab reaches; the arrows choose the option before or after.
pub struct PickList<'a, T, L, V, Message>
where
    T: ToString + PartialEq + Clone,
    L: Borrow<[T]>,
    V: Borrow<T>,
{
    inner: iced::widget::PickList<'a, T, L, V, Message>,
    keys: Keys<Message>,
}

/// A pick-list of `options` with `selected` chosen, sending `on_select` with the new choice.
pub fn pick_list<'a, T, L, V, Message>(
    options: L,
    selected: Option<V>,
    on_select: impl Fn(T) -> Message + 'a,
) -> PickList<'a, T, L, V, Message>
where
    T: ToString + PartialEq + Clone + 'a,
    L: Borrow<[T]> + 'a,
    V: Borrow<T> + 'a,
    Message: Clone + 'a,
{
    let list = options.borrow();
    let at = selected
        .as_ref()
        .and_then(|chosen| list.iter().position(|option| option == chosen.borrow()));
    let choose = |index: Option<usize>| index.and_then(|i| list.get(i)).cloned().map(&on_select);
    let keys = Keys {
        activate: None,
        previous: choose(match at {
            Some(i) => i.checked_sub(1),
            None => Some(0),
        }),
        next: choose(Some(at.map_or(0, |i| i + 1))),
    };
    PickList {
        inner: iced::widget::pick_list(options, selected, on_select),
        keys,
    }
}

impl<'a, T, L, V, Message> PickList<'a, T, L, V, Message>
where
    T: ToString + PartialEq + Clone + 'a,
    L: Borrow<[T]> + 'a,
    V: Borrow<T> + 'a,
    Message: Clone + 'a,
{
    /// The list's width.
    pub fn width(mut self, width: impl Into<Length>) -> Self {
        self.inner = self.inner.width(width);
        self
    }

    /// The words shown while nothing is chosen.
    pub fn placeholder(mut self, placeholder: impl Into<String>) -> Self {
        self.inner = self.inner.placeholder(placeholder);
        self
    }

    /// The size of the list's text.
    pub fn text_size(mut self, size: impl Into<Pixels>) -> Self {
        self.inner = self.inner.text_size(size);
        self
    }

    /// The space around the chosen option.
    pub fn padding(mut self, padding: impl Into<Padding>) -> Self {
        self.inner = self.inner.padding(padding);
        self
    }
}

impl<'a, T, L, V, Message> From<PickList<'a, T, L, V, Message>> for Element<'a, Message>
where
    T: ToString + PartialEq + Clone + 'a,
    L: Borrow<[T]> + 'a,
    V: Borrow<T> + 'a,
    Message: Clone + 'a,
{
    fn from(list: PickList<'a, T, L, V, Message>) -> Self {
        Ring::new(list.inner, list.keys).into()
    }
}

/// A checkbox that Tab reaches and Space ticks or unticks.
pub struct Checkbox<'a, Message> {
    inner: iced::widget::Checkbox<'a, Message>,
    checked: bool,
    on_toggle: Option<Message>,
}

/// A checkbox, ticked if `checked`; it cannot be changed until given [`Checkbox::on_toggle`].
pub fn checkbox<'a, Message: Clone + 'a>(checked: bool) -> Checkbox<'a, Message> {
    Checkbox {
        inner: iced::widget::checkbox(checked),
        checked,
        on_toggle: None,
    }
}

impl<'a, Message: Clone + 'a> Checkbox<'a, Message> {
    /// The words beside the box.
    pub fn label(mut self, label: impl text::IntoFragment<'a>) -> Self {
        self.inner = self.inner.label(label);
        self
    }

    /// The message sent with the box's new state when it is changed.
    pub fn on_toggle(self, on_toggle: impl Fn(bool) -> Message + 'a) -> Self {
        self.on_toggle_maybe(Some(on_toggle))
    }

    /// As [`Checkbox::on_toggle`], or a box that cannot be changed.
    pub fn on_toggle_maybe(mut self, on_toggle: Option<impl Fn(bool) -> Message + 'a>) -> Self {
        self.on_toggle = on_toggle.as_ref().map(|toggle| toggle(!self.checked));
        self.inner = self.inner.on_toggle_maybe(on_toggle);
        self
    }

    /// The size of the box.
    pub fn size(mut self, size: impl Into<Pixels>) -> Self {
        self.inner = self.inner.size(size);
        self
    }

    /// The space between the box and its words.
    pub fn spacing(mut self, spacing: impl Into<Pixels>) -> Self {
        self.inner = self.inner.spacing(spacing);
        self
    }

    /// The size of the words.
    pub fn text_size(mut self, size: impl Into<Pixels>) -> Self {
        self.inner = self.inner.text_size(size);
        self
    }

    /// The checkbox's width.
    pub fn width(mut self, width: impl Into<Length>) -> Self {
        self.inner = self.inner.width(width);
        self
    }

    /// The checkbox's look.
    pub fn style(
        mut self,
        style: impl Fn(&Theme, checkbox::Status) -> checkbox::Style + 'a,
    ) -> Self {
        self.inner = self.inner.style(style);
        self
    }
}

impl<'a, Message: Clone + 'a> From<Checkbox<'a, Message>> for Element<'a, Message> {
    fn from(checkbox: Checkbox<'a, Message>) -> Self {
        let keys = Keys {
            activate: checkbox.on_toggle,
            ..Keys::default()
        };
        Ring::new(checkbox.inner, keys).into()
    }
}
