//! Driving the app by keyboard alone, as the running app is driven: each key goes to the
//! widget with the focus and to the app's own shortcuts (as its event subscription passes
//! them on), and the widget operations the app's tasks ask for — the focus put in a form's first
//! field, Tab's move to the next field — are run on the interface, whose widget state (which
//! field has the focus, where the cursor is) is kept from one view to the next.

use std::time::Instant;

use futures::StreamExt;
use iced::keyboard::{self, Key, Modifiers, key::Named};
use iced::{Event, Size, Task};
use iced_runtime::core::clipboard;
use iced_runtime::core::mouse;
use iced_runtime::core::renderer::Headless;
use iced_runtime::core::widget::operation::Outcome;
use iced_runtime::user_interface::{Cache, UserInterface};

use esafety_desk::ui::{App, Message, shortcut};

/// The window the keys are pressed in.
const WINDOW: Size = Size::new(1366.0, 3000.0);

/// The interface's kept widget state and the renderer it is laid out with.
pub struct Keyboard {
    cache: Option<Cache>,
    renderer: iced::Renderer,
    /// How many keys were pressed, modifiers not counted.
    pub presses: usize,
}

impl Keyboard {
    /// A keyboard on a fresh interface.
    pub fn new() -> Self {
        let renderer = futures::executor::block_on(<iced::Renderer as Headless>::new(
            iced::Font::with_name("Fira Sans"),
            iced::Pixels(16.0),
            None,
        ))
        .expect("a headless renderer");
        Self {
            cache: Some(Cache::default()),
            renderer,
            presses: 0,
        }
    }

    /// Presses and releases `key` with `modifiers`, typing `text` if it types anything.
    pub fn press(&mut self, app: &mut App, key: Key, modifiers: Modifiers, text: Option<&str>) {
        self.presses += 1;
        let mut pressed = iced_test::simulator::press_key(key.clone(), text.map(Into::into));
        let mut released = iced_test::simulator::release_key(key.clone());
        for event in [&mut pressed, &mut released] {
            if let Event::Keyboard(
                keyboard::Event::KeyPressed {
                    modifiers: held, ..
                }
                | keyboard::Event::KeyReleased {
                    modifiers: held, ..
                },
            ) = event
            {
                *held = modifiers;
            }
        }
        let mut messages = Vec::new();
        let status = {
            let mut ui = self.build(app);
            let (_, statuses) = ui.update(
                &[pressed, released],
                mouse::Cursor::Unavailable,
                &mut self.renderer,
                &mut clipboard::Null,
                &mut messages,
            );
            self.cache = Some(ui.into_cache());
            statuses[0]
        };
        messages.extend(shortcut(&key, modifiers, status, Instant::now()));
        for message in messages {
            let task = app.update(message);
            self.settle(app, task);
        }
    }

    /// Types `text`, a key per character.
    pub fn type_text(&mut self, app: &mut App, text: &str) {
        for c in text.chars() {
            let typed = c.to_string();
            self.press(
                app,
                Key::Character(typed.as_str().into()),
                Modifiers::empty(),
                Some(&typed),
            );
        }
    }

    /// Presses a named key (Tab, Enter, an arrow) on its own.
    pub fn tap(&mut self, app: &mut App, named: Named) {
        self.press(app, Key::Named(named), Modifiers::empty(), None);
    }

    /// Presses Ctrl (the command key) with `key`.
    pub fn ctrl(&mut self, app: &mut App, key: Key) {
        self.press(app, key, Modifiers::CTRL, None);
    }

    fn build<'a>(
        &mut self,
        app: &'a App,
    ) -> UserInterface<'a, Message, iced::Theme, iced::Renderer> {
        let cache = self.cache.take().unwrap_or_default();
        UserInterface::build(app.view(), WINDOW, cache, &mut self.renderer)
    }

    /// Runs `task` and what its messages lead to, as the runtime would: messages go to the
    /// app, widget operations to the interface.
    pub fn settle(&mut self, app: &mut App, task: Task<Message>) {
        let mut pending = vec![task];
        while let Some(task) = pending.pop() {
            let Some(mut stream) = iced_runtime::task::into_stream(task) else {
                continue;
            };
            // One action at a time: an operation that answers through a channel must run
            // before the stream can say what it found.
            while let Some(action) = futures::executor::block_on(stream.next()) {
                match action {
                    iced_runtime::Action::Output(message) => pending.push(app.update(message)),
                    iced_runtime::Action::Widget(operation) => self.operate(app, operation),
                    _ => {}
                }
            }
        }
    }

    fn operate(&mut self, app: &App, operation: Box<dyn iced_runtime::core::widget::Operation>) {
        let mut ui = self.build(app);
        let mut next = Some(operation);
        while let Some(mut operation) = next.take() {
            ui.operate(&self.renderer, operation.as_mut());
            if let Outcome::Chain(chained) = operation.finish() {
                next = Some(chained);
            }
        }
        self.cache = Some(ui.into_cache());
    }
}

impl Keyboard {
    /// Whether the control named `id` has the focus now.
    pub fn has_focus(&mut self, app: &App, id: &'static str) -> bool {
        use iced_runtime::core::widget::{Id, Operation, operation::Focusable};
        use std::sync::{Arc, Mutex};
        struct Find {
            id: Id,
            found: Arc<Mutex<bool>>,
        }
        impl Operation for Find {
            fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
                operate(self);
            }
            fn focusable(
                &mut self,
                id: Option<&Id>,
                _bounds: iced::Rectangle,
                state: &mut dyn Focusable,
            ) {
                if id == Some(&self.id) && state.is_focused() {
                    *self.found.lock().unwrap() = true;
                }
            }
        }
        let found = Arc::new(Mutex::new(false));
        self.operate(
            app,
            Box::new(Find {
                id: Id::new(id),
                found: found.clone(),
            }),
        );
        *found.lock().unwrap()
    }
}
