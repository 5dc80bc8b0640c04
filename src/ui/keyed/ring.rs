//! A wrapper that lets Tab reach a control iced does not focus itself (a button, a pick-list,
//! a checkbox): it takes part in `focus_next`/`focus_previous`, draws a ring while it has the
//! focus, and turns Space, Enter and the arrows into the control's own messages.

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{Operation, Tree, Widget, operation, tree};
use iced::advanced::{Clipboard, Shell, mouse, overlay, renderer};
use iced::keyboard::{self, key::Named};
use iced::{Element, Event, Length, Rectangle, Size, Theme, Vector};

use crate::ui::style;

/// What the keys do to a control that has the focus.
pub struct Keys<Message> {
    /// Space or Enter: press the button, tick the box.
    pub activate: Option<Message>,
    /// Up or Left: the choice before the current one.
    pub previous: Option<Message>,
    /// Down or Right: the choice after the current one.
    pub next: Option<Message>,
}

impl<Message> Default for Keys<Message> {
    fn default() -> Self {
        Self {
            activate: None,
            previous: None,
            next: None,
        }
    }
}

/// A control that Tab can reach, with what its keys do.
pub struct Ring<'a, Message> {
    content: Element<'a, Message>,
    keys: Keys<Message>,
    id: Option<iced::widget::Id>,
}

impl<'a, Message> Ring<'a, Message> {
    /// Wraps `content`, whose keys do what `keys` says.
    pub fn new(content: impl Into<Element<'a, Message>>, keys: Keys<Message>) -> Self {
        Self {
            content: content.into(),
            keys,
            id: None,
        }
    }

    /// Names the control, so that a task can put the focus on it.
    pub fn id(mut self, id: impl Into<iced::widget::Id>) -> Self {
        self.id = Some(id.into());
        self
    }
}

/// Whether the wrapped control has the focus, and whether its ring shows: only when the
/// keyboard moved the focus there, as Windows shows it, not after a click.
#[derive(Debug, Default)]
struct State {
    focused: bool,
    ringed: bool,
}

impl operation::Focusable for State {
    fn is_focused(&self) -> bool {
        self.focused
    }

    fn focus(&mut self) {
        self.focused = true;
        self.ringed = true;
    }

    fn unfocus(&mut self) {
        self.focused = false;
        self.ringed = false;
    }
}

impl<Message: Clone> Ring<'_, Message> {
    /// The message a key pressed with no modifier stands for, if any.
    fn message_for(&self, key: &keyboard::Key) -> Option<Message> {
        let keyboard::Key::Named(named) = key else {
            return None;
        };
        match named {
            Named::Space | Named::Enter => self.keys.activate.clone(),
            Named::ArrowUp | Named::ArrowLeft => self.keys.previous.clone(),
            Named::ArrowDown | Named::ArrowRight => self.keys.next.clone(),
            _ => None,
        }
    }
}

impl<Message: Clone> Widget<Message, Theme, iced::Renderer> for Ring<'_, Message> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &iced::Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        let state = tree.state.downcast_mut::<State>();
        operation.focusable(self.id.as_ref(), layout.bounds(), state);
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        let focused = tree.state.downcast_ref::<State>().focused;
        if let Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, .. }) = event
            && focused
            && modifiers.is_empty()
            && let Some(message) = self.message_for(key)
        {
            shell.publish(message);
            shell.capture_event();
            return;
        }
        if let Event::Mouse(mouse::Event::ButtonPressed(_)) = event {
            // A click moves the focus as it does in any window: here if on this control,
            // away from it otherwise; the ring is for the keyboard's focus.
            let state = tree.state.downcast_mut::<State>();
            let on_it = cursor.is_over(layout.bounds());
            if state.focused != on_it || state.ringed {
                state.focused = on_it;
                state.ringed = false;
                shell.request_redraw();
            }
        }
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &Theme,
        renderer_style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            renderer_style,
            layout,
            cursor,
            viewport,
        );
        if tree.state.downcast_ref::<State>().ringed {
            use iced::advanced::Renderer as _;
            renderer.fill_quad(
                renderer::Quad {
                    bounds: layout.bounds().expand(3.0),
                    border: style::focus_ring(theme),
                    ..renderer::Quad::default()
                },
                iced::Color::TRANSPARENT,
            );
        }
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &iced::Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, iced::Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

impl<'a, Message: Clone + 'a> From<Ring<'a, Message>> for Element<'a, Message> {
    fn from(ring: Ring<'a, Message>) -> Self {
        Element::new(ring)
    }
}
