//! The training types: the school adds its own, changes how often each is renewed and who it
//! applies to, and retires types it no longer tracks (their sessions stay in the record).

use std::sync::Arc;

use crate::ui::keyed::{button, checkbox, pick_list};
use iced::widget::{column, row, space, text};
use iced::{Element, Fill, Task};

use crate::domain::training::{self, Audience, TrainingType};
use crate::store::training::StoredType;
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// An audience as a pick-list choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AudienceChoice(pub Audience);

impl std::fmt::Display for AudienceChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.title())
    }
}

/// The type being edited, its renewal as typed; `id` is `None` for a new type.
#[derive(Debug, Clone)]
struct Editor {
    id: Option<i64>,
    name: String,
    renewal: String,
    audience: Audience,
    active: bool,
}

/// The page's state.
#[derive(Debug)]
pub struct Types {
    session: Session,
    types: Vec<(StoredType, bool)>,
    editor: Option<Editor>,
    notice: Option<String>,
    error: Option<String>,
}

/// What the page can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The types arrived.
    Loaded(Result<Vec<(StoredType, bool)>, SharedError>),
    /// A type was chosen for editing.
    Open(i64),
    /// "Add a training type" was pressed.
    New,
    /// The name was edited.
    Name(String),
    /// The renewal period was edited.
    Renewal(String),
    /// An audience was chosen.
    Audience(AudienceChoice),
    /// "Still tracked" was ticked or unticked.
    Active(bool),
    /// Save the type.
    Save,
    /// Saved, or not.
    Saved(Result<String, SharedError>),
    /// Close the editor.
    Close,
    /// Back to the audit.
    Back,
}

/// What the page asks of the area.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Back to the audit, reloading it: the types decide every status.
    Back,
}

impl Types {
    /// The page, loading the types.
    pub fn new(session: Session) -> (Self, Task<Message>) {
        let page = Self {
            session,
            types: Vec::new(),
            editor: None,
            notice: None,
            error: None,
        };
        let task = page.reload();
        (page, task)
    }

    fn reload(&self) -> Task<Message> {
        Task::perform(
            self.session
                .with_vault(|vault| vault.all_training_types().map_err(Arc::new)),
            Message::Loaded,
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Loaded(Ok(types)) => self.types = types,
            Message::Loaded(Err(error)) | Message::Saved(Err(error)) => {
                self.error = Some(error.to_string());
            }
            Message::Open(id) => self.open(id),
            Message::New => {
                self.editor = Some(Editor {
                    id: None,
                    name: String::new(),
                    renewal: "12".into(),
                    audience: Audience::AllStaff,
                    active: true,
                });
                self.error = None;
            }
            Message::Save => return self.save(),
            Message::Saved(Ok(notice)) => {
                self.editor = None;
                self.notice = Some(notice);
                self.error = None;
                return Action::Run(self.reload());
            }
            Message::Close => self.editor = None,
            Message::Back => return Action::Back,
            edit => self.edit(edit),
        }
        Action::None
    }

    fn open(&mut self, id: i64) {
        let Some((stored, active)) = self.types.iter().find(|(t, _)| t.id == id) else {
            return;
        };
        self.editor = Some(Editor {
            id: Some(id),
            name: stored.kind.name.clone(),
            renewal: stored
                .kind
                .renewal_months
                .map_or(String::new(), |m| m.to_string()),
            audience: stored.kind.audience,
            active: *active,
        });
        self.error = None;
    }

    fn edit(&mut self, message: Message) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        match message {
            Message::Name(value) => editor.name = value,
            Message::Renewal(value) => editor.renewal = value,
            Message::Audience(choice) => editor.audience = choice.0,
            Message::Active(on) => editor.active = on,
            _ => {}
        }
    }

    fn save(&mut self) -> Action {
        let Some(editor) = self.editor.clone() else {
            return Action::None;
        };
        let renewal_months = match training::parse_renewal(&editor.renewal) {
            Ok(months) => months,
            Err(problem) => {
                self.error = Some(problem.to_string());
                return Action::None;
            }
        };
        let kind = TrainingType {
            key: String::new(),
            name: editor.name.trim().to_owned(),
            renewal_months,
            audience: editor.audience,
        };
        Action::Run(Task::perform(
            self.session.with_vault(move |vault| {
                let saved = match editor.id {
                    Some(id) => vault.update_training_type(id, &kind, editor.active),
                    None => vault.add_training_type(&kind).map(|_| ()),
                };
                saved
                    .map(|()| format!("Saved \u{201c}{}\u{201d}.", kind.name))
                    .map_err(Arc::new)
            }),
            Message::Saved,
        ))
    }

    /// Draws the page.
    pub fn view(&self) -> Element<'_, Message> {
        let toolbar = row![
            button("Back to the training audit")
                .on_press(Message::Back)
                .style(button::text),
            space().width(Fill),
            button("Add a training type")
                .on_press(Message::New)
                .padding([8, 16]),
        ]
        .align_y(iced::Center);
        let mut page = column![toolbar, form::error_line(self.error.as_deref())].spacing(14);
        if let Some(notice) = &self.notice {
            page = page.push(text(notice.clone()).style(style::success));
        }
        if let Some(editor) = &self.editor {
            let title = if editor.id.is_some() {
                "Change the training type"
            } else {
                "A new training type"
            };
            page = page.push(form::section(title, editor_view(editor)));
        }
        page.push(form::section("Training types", self.list()))
            .into()
    }

    fn list(&self) -> Element<'_, Message> {
        let label =
            |words: &'static str, width: f32| text(words).size(13).style(style::muted).width(width);
        let mut list = column![
            row![
                text("Training").size(13).style(style::muted).width(Fill),
                label("Renewed", 160.0),
                label("Applies to", 200.0),
                label("", 90.0),
            ]
            .padding([4, 10])
        ]
        .spacing(2);
        for (stored, active) in &self.types {
            let renewal = renewal_words(stored.kind.renewal_months);
            let state = if *active { "" } else { "Retired" };
            list = list.push(
                button(row![
                    text(stored.kind.name.clone()).width(Fill),
                    text(renewal).width(160),
                    text(stored.kind.audience.title()).width(200),
                    text(state).width(90).style(style::muted),
                ])
                .on_press(Message::Open(stored.id))
                .style(style::table_row)
                .padding([6, 10]),
            );
        }
        list.into()
    }
}

/// "Every 12 months", or "Once" for training never renewed.
pub fn renewal_words(months: Option<u32>) -> String {
    months.map_or("Once".to_owned(), |m| format!("Every {m} months"))
}

fn editor_view(editor: &Editor) -> Element<'_, Message> {
    let audiences: Vec<AudienceChoice> = Audience::ALL.into_iter().map(AudienceChoice).collect();
    let mut details = column![
        form::field("Name", "type-name", &editor.name, Message::Name),
        row![
            form::field(
                "Renew every … months (blank: once only)",
                "type-renewal",
                &editor.renewal,
                Message::Renewal
            ),
            column![
                text("Applies to").size(13).style(style::muted),
                pick_list(
                    audiences,
                    Some(AudienceChoice(editor.audience)),
                    Message::Audience
                )
                .width(Fill),
            ]
            .spacing(6),
        ]
        .spacing(12),
    ]
    .spacing(12);
    if editor.id.is_some() {
        details = details.push(
            checkbox(editor.active)
                .label("Still tracked (untick to retire it: its sessions stay in the record)")
                .on_toggle(Message::Active),
        );
    }
    details
        .push(row![
            button("Close")
                .on_press(Message::Close)
                .style(button::secondary)
                .padding([6, 16]),
            space().width(Fill),
            button("Save training type")
                .on_press(Message::Save)
                .padding([6, 16]),
        ])
        .into()
}
