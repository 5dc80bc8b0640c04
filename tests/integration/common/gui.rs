//! Driving the GUI headless for the flow tests: `iced_test` simulators over the real views,
//! messages fed to the real `update`, and the background tasks it returns run to completion.

use futures::StreamExt;
use iced::Task;
use iced::widget::Id;

use esafety_desk::ui::{App, Message};

/// Runs `task` and every task its messages lead to, feeding each message to `app`.
pub fn settle(app: &mut App, task: Task<Message>) {
    let mut pending = vec![task];
    while let Some(task) = pending.pop() {
        let Some(mut stream) = iced_runtime::task::into_stream(task) else {
            continue;
        };
        let outputs: Vec<Message> = futures::executor::block_on(async {
            let mut outputs = Vec::new();
            while let Some(action) = stream.next().await {
                if let iced_runtime::Action::Output(message) = action {
                    outputs.push(message);
                }
            }
            outputs
        });
        for message in outputs {
            pending.push(app.update(message));
        }
    }
}

/// Lets the user act on the current view, then feeds what they did to `update`.
pub fn interact(app: &mut App, act: impl FnOnce(&mut iced_test::Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = tall(app);
        act(&mut ui);
        ui.into_messages().collect()
    };
    for message in messages {
        let task = app.update(message);
        settle(app, task);
    }
}

/// Whether `text` is on screen now.
pub fn shows(app: &App, text: &str) -> bool {
    tall(app).find(text).is_ok()
}

/// A simulator as wide as the real window and tall enough for the longest form.
pub fn tall(app: &App) -> iced_test::Simulator<'_, Message> {
    iced_test::Simulator::with_size(iced::Settings::default(), (1280.0, 3200.0), app.view())
}

pub fn type_into(ui: &mut iced_test::Simulator<'_, Message>, field: &'static str, text: &str) {
    ui.click(Id::new(field))
        .unwrap_or_else(|e| panic!("no field {field}: {e:?}"));
    ui.typewrite(text);
}

/// Types into a field, as its own interaction (the view is rebuilt afterwards).
pub fn type_in(app: &mut App, field: &'static str, text: &str) {
    interact(app, |ui| type_into(ui, field, text));
}

/// Replaces the `old_len` characters in a field with `text`.
pub fn retype_in(app: &mut App, field: &'static str, old_len: usize, text: &str) {
    interact(app, |ui| {
        ui.click(Id::new(field)).unwrap();
        ui.tap_key(iced::keyboard::key::Named::End);
        for _ in 0..old_len {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite(text);
    });
}

/// Clicks the widget showing `label`, as its own interaction.
pub fn click(app: &mut App, label: &str) {
    interact(app, |ui| {
        ui.click(label)
            .unwrap_or_else(|e| panic!("cannot click {label:?}: {e:?}"));
    });
}

/// Types the passphrase and presses Unlock.
pub fn unlock(app: &mut App, passphrase: &str) {
    type_in(app, "unlock-secret", passphrase);
    click(app, "Unlock");
}
