//! Photo and video consent: who must not appear in photos for each use, class by class, the
//! school's renewal rule, and a parent's or carer's form recorded.

use std::sync::Arc;

use crate::ui::keyed::{button, pick_list};
use chrono::NaiveDate;
use iced::widget::{column, row, space, text};
use iced::{Element, Fill, Task};

use crate::domain::consent::{Answer, ConsentStatus, PhotoUse};
use crate::domain::person::year_group_name;
use crate::store::consent::PupilConsent;
use crate::store::{StoreError, Vault};
use crate::ui::session::{Session, SharedError};
use crate::ui::{form, style};

/// What the page shows.
#[derive(Debug, Clone)]
pub struct Loaded {
    pupils: Vec<PupilConsent>,
    yearly: bool,
}

fn load(vault: &mut Vault, today: NaiveDate) -> Result<Loaded, StoreError> {
    Ok(Loaded {
        pupils: vault.photo_consents(today)?,
        yearly: vault.photo_consent_yearly()?,
    })
}

/// The renewal rule in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renewal(pub bool);

impl std::fmt::Display for Renewal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0 {
            "Asked for again each year"
        } else {
            "Asked for once, on entry"
        })
    }
}

/// A pupil in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilChoice(pub i64, pub String);

impl std::fmt::Display for PupilChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.1)
    }
}

/// An answer on the form, or none for a use left blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerChoice(pub Option<Answer>);

impl std::fmt::Display for AnswerChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            Some(Answer::Given) => "Given",
            Some(Answer::Withheld) => "Withheld",
            None => "Not answered",
        })
    }
}

/// The page's state.
#[derive(Debug)]
pub struct Consent {
    session: Session,
    today: NaiveDate,
    loaded: Option<Loaded>,
    shown_use: PhotoUse,
    pupil: Option<PupilChoice>,
    answers: [AnswerChoice; 4],
    given_by: String,
    recorded_on: String,
    notice: Option<String>,
    error: Option<String>,
}

/// What the page can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The consents arrived.
    Loaded(Result<Arc<Loaded>, SharedError>),
    /// The use whose list is shown was chosen.
    ShowUse(PhotoUse),
    /// The renewal rule was chosen.
    Renewal(Renewal),
    /// A pupil was chosen for the form.
    Pupil(PupilChoice),
    /// An answer for one use was chosen.
    Answer(usize, AnswerChoice),
    /// Who gave the answers was edited.
    GivenBy(String),
    /// The date was edited.
    RecordedOn(String),
    /// Save the form.
    Save,
    /// A change was saved (then the page reloads), or not.
    Saved(Result<String, SharedError>),
    /// Back to the registers.
    Back,
}

/// What the page asks of the area.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Back to the registers.
    Back,
}

impl Consent {
    /// The page as of `today`, loading.
    pub fn new(session: Session, today: NaiveDate) -> (Self, Task<Message>) {
        let page = Self {
            session,
            today,
            loaded: None,
            shown_use: PhotoUse::Website,
            pupil: None,
            answers: [AnswerChoice(None); 4],
            given_by: String::new(),
            recorded_on: today.format("%d/%m/%Y").to_string(),
            notice: None,
            error: None,
        };
        let task = page.reload();
        (page, task)
    }

    fn reload(&self) -> Task<Message> {
        let today = self.today;
        Task::perform(
            self.session
                .with_vault(move |vault| load(vault, today).map(Arc::new).map_err(Arc::new)),
            Message::Loaded,
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Loaded(Ok(loaded)) => self.loaded = Some((*loaded).clone()),
            Message::Loaded(Err(error)) | Message::Saved(Err(error)) => {
                self.error = Some(error.to_string())
            }
            Message::ShowUse(photo_use) => self.shown_use = photo_use,
            Message::Renewal(Renewal(yearly)) => {
                let words = Renewal(yearly).to_string();
                return self.change(move |vault| {
                    vault
                        .set_photo_consent_yearly(yearly)
                        .map(|()| format!("Consent is now {}.", words.to_lowercase()))
                });
            }
            Message::Pupil(pupil) => self.pupil = Some(pupil),
            Message::Answer(index, answer) => {
                if let Some(slot) = self.answers.get_mut(index) {
                    *slot = answer;
                }
            }
            Message::GivenBy(value) => self.given_by = value,
            Message::RecordedOn(value) => self.recorded_on = value,
            Message::Save => return self.save(),
            Message::Saved(Ok(notice)) => {
                self.notice = Some(notice);
                self.error = None;
                self.answers = [AnswerChoice(None); 4];
                self.given_by.clear();
                return Action::Run(self.reload());
            }
            Message::Back => return Action::Back,
        }
        Action::None
    }

    fn save(&mut self) -> Action {
        let Some(PupilChoice(pupil, name)) = self.pupil.clone() else {
            self.error = Some("Choose the pupil the form is for".into());
            return Action::None;
        };
        let recorded_on = match crate::ui::form::required_date(&self.recorded_on, "Returned on") {
            Ok(day) => day,
            Err(message) => {
                self.error = Some(message);
                return Action::None;
            }
        };
        let answers: Vec<(PhotoUse, Answer)> = PhotoUse::ALL
            .into_iter()
            .zip(self.answers)
            .filter_map(|(photo_use, answer)| answer.0.map(|a| (photo_use, a)))
            .collect();
        let (given_by, today) = (self.given_by.clone(), self.today);
        self.change(move |vault| {
            vault
                .record_photo_consent(pupil, &answers, &given_by, recorded_on, today)
                .map(|()| format!("Recorded the consent form for {name}."))
        })
    }

    fn change(
        &mut self,
        work: impl FnOnce(&mut Vault) -> Result<String, StoreError> + Send + 'static,
    ) -> Action {
        Action::Run(Task::perform(
            self.session
                .with_vault(move |vault| work(vault).map_err(Arc::new)),
            Message::Saved,
        ))
    }

    /// Draws the page.
    pub fn view(&self) -> Element<'_, Message> {
        let back = button("Back to the registers")
            .on_press(Message::Back)
            .style(button::text);
        let Some(loaded) = &self.loaded else {
            return column![back, form::error_line(self.error.as_deref())].into();
        };
        let mut page = column![
            back,
            row![
                text("Photo and video consent").size(20).width(Fill),
                pick_list(
                    [Renewal(false), Renewal(true)],
                    Some(Renewal(loaded.yearly)),
                    Message::Renewal
                )
                .width(260),
            ]
            .align_y(iced::Center),
            form::error_line(self.error.as_deref()),
        ]
        .spacing(14);
        if let Some(notice) = &self.notice {
            page = page.push(text(notice.clone()).style(style::success));
        }
        page.push(form::section(
            "Who must not appear in photos",
            self.must_not_appear(loaded),
        ))
        .push(form::section("Record a consent form", self.form(loaded)))
        .into()
    }

    fn must_not_appear<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let index = PhotoUse::ALL
            .iter()
            .position(|u| *u == self.shown_use)
            .unwrap_or(0);
        let mut list = column![
            row![
                text("For").style(style::muted),
                pick_list(PhotoUse::ALL, Some(self.shown_use), Message::ShowUse).width(240),
                space().width(Fill),
            ]
            .spacing(8)
            .align_y(iced::Center)
        ]
        .spacing(6);
        let mut class: Option<Option<u8>> = None;
        let mut any = false;
        for pupil in loaded.pupils.iter().filter(|p| !p.uses[index].may_appear()) {
            if class != Some(pupil.year_group) {
                class = Some(pupil.year_group);
                let heading = pupil
                    .year_group
                    .map_or("No year group".to_owned(), year_group_name);
                list = list.push(text(heading).size(15));
            }
            let status = pupil.uses[index];
            let styled = if status == ConsentStatus::Withheld {
                style::error
            } else {
                style::muted
            };
            list = list.push(row![
                text(pupil.name.clone()).width(260),
                text(status.title()).style(styled)
            ]);
            any = true;
        }
        if !any {
            list = list.push(text("Every pupil has consent for this use.").style(style::success));
        }
        list.into()
    }

    fn form<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let pupils: Vec<PupilChoice> = loaded
            .pupils
            .iter()
            .map(|p| {
                let class = p
                    .year_group
                    .map_or(String::new(), |y| format!(" ({})", year_group_name(y)));
                PupilChoice(p.pupil_id, format!("{}{class}", p.name))
            })
            .collect();
        let choices = [
            AnswerChoice(Some(Answer::Given)),
            AnswerChoice(Some(Answer::Withheld)),
            AnswerChoice(None),
        ];
        let mut uses = row![].spacing(8);
        for (index, photo_use) in PhotoUse::ALL.into_iter().enumerate() {
            uses = uses.push(
                column![
                    text(photo_use.title()).size(13).style(style::muted),
                    pick_list(
                        choices,
                        Some(self.answers[index]),
                        move |a| Message::Answer(index, a)
                    )
                    .width(Fill),
                ]
                .spacing(4)
                .width(Fill),
            );
        }
        column![
            pick_list(pupils, self.pupil.clone(), Message::Pupil)
                .placeholder("Choose the pupil")
                .width(Fill),
            uses,
            row![
                form::field(
                    "Given by (parent or carer)",
                    "consent-given-by",
                    &self.given_by,
                    Message::GivenBy
                ),
                form::field(
                    "Returned on (dd/mm/yyyy)",
                    "consent-recorded-on",
                    &self.recorded_on,
                    Message::RecordedOn
                ),
            ]
            .spacing(12),
            row![
                space().width(Fill),
                button("Save consent form")
                    .on_press(Message::Save)
                    .padding([8, 20])
            ],
        ]
        .spacing(12)
        .into()
    }
}
