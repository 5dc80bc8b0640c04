//! Scrolling the page so the control Tab has just reached is in sight: a keyboard user on a
//! small screen must see where the focus went.

use iced::Task;
use iced::advanced::widget::operation::{self, Focusable, Operation, Outcome, Scrollable};
use iced::advanced::widget::{self, Id};
use iced::{Rectangle, Vector};

/// How much of the page is kept in sight above and below the control.
const MARGIN: f32 = 24.0;

/// A task that scrolls the scrollable `page` just enough to show the control with the focus,
/// if that control is inside it and out of sight; otherwise it does nothing.
pub fn reveal_focus<T: Send + 'static>(page: impl Into<Id>) -> Task<T> {
    widget::operate(Reveal {
        page: page.into(),
        entering: false,
        inside: false,
        view: None,
        focused: None,
    })
}

/// The page's place on screen and how far it has scrolled.
#[derive(Debug, Clone, Copy)]
struct View {
    bounds: Rectangle,
    content_top: f32,
    translation: Vector,
}

struct Reveal {
    page: Id,
    /// The page was just met: the next traversal is of its content.
    entering: bool,
    /// The traversal is inside the page.
    inside: bool,
    view: Option<View>,
    focused: Option<Rectangle>,
}

impl<T: 'static> Operation<T> for Reveal {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<T>)) {
        if std::mem::take(&mut self.entering) {
            self.inside = true;
            operate(self);
            self.inside = false;
        } else {
            operate(self);
        }
    }

    fn scrollable(
        &mut self,
        id: Option<&Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        _state: &mut dyn Scrollable,
    ) {
        if id == Some(&self.page) {
            self.entering = true;
            self.view = Some(View {
                bounds,
                content_top: content_bounds.y,
                translation,
            });
        }
    }

    fn focusable(&mut self, _id: Option<&Id>, bounds: Rectangle, state: &mut dyn Focusable) {
        if self.inside && state.is_focused() {
            self.focused = Some(bounds);
        }
    }

    fn finish(&self) -> Outcome<T> {
        let (Some(view), Some(focused)) = (self.view, self.focused) else {
            return Outcome::None;
        };
        match offset_showing(view, focused) {
            Some(y) => Outcome::Chain(Box::new(operation::scrollable::scroll_to(
                self.page.clone(),
                operation::scrollable::AbsoluteOffset {
                    x: None,
                    y: Some(y),
                },
            ))),
            None => Outcome::None,
        }
    }
}

/// The page's new scroll offset that brings `focused` into sight, or none if it is in sight.
fn offset_showing(view: View, focused: Rectangle) -> Option<f32> {
    let top = view.bounds.y + view.translation.y;
    let bottom = top + view.bounds.height;
    if focused.y - MARGIN < top {
        Some((focused.y - MARGIN - view.content_top).max(0.0))
    } else if focused.y + focused.height + MARGIN > bottom {
        Some(focused.y + focused.height + MARGIN - view.content_top - view.bounds.height)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::{Point, Size};

    fn view_scrolled_by(y: f32) -> View {
        View {
            bounds: Rectangle::new(Point::new(0.0, 100.0), Size::new(800.0, 500.0)),
            content_top: 100.0,
            translation: Vector::new(0.0, y),
        }
    }

    fn control_at(y: f32) -> Rectangle {
        Rectangle::new(Point::new(10.0, y), Size::new(200.0, 30.0))
    }

    #[test]
    fn a_control_in_sight_does_not_scroll() {
        assert_eq!(
            offset_showing(view_scrolled_by(0.0), control_at(300.0)),
            None
        );
    }

    #[test]
    fn a_control_below_the_page_scrolls_it_up_just_enough() {
        // The page shows 100..600; the control's foot is at 730 (+24 margin).
        let y = offset_showing(view_scrolled_by(0.0), control_at(700.0)).unwrap();
        assert_eq!(y, 730.0 + MARGIN - 100.0 - 500.0);
    }

    #[test]
    fn a_control_above_the_page_scrolls_it_down_to_it() {
        // Scrolled by 400, the page shows content from 500; the control is at 200.
        let y = offset_showing(view_scrolled_by(400.0), control_at(200.0)).unwrap();
        assert_eq!(y, 200.0 - MARGIN - 100.0);
    }
}
