//! The main window: the sidebar of areas and the current area.

use crate::ui::keyed::button;
use iced::widget::{column, container, operation, row, scrollable, space, text};
use iced::{Element, Fill, Padding, Task};

use crate::domain::{SchoolSettings, ThemeChoice};
use crate::ui::area::{
    Area, aup, dashboard, incidents, policy, report, schedule, settings, training,
};
use crate::ui::session::Session;
use crate::ui::{Ctx, FormKey, style};

/// The page on show, rebuilt from the store when the user navigates to it.
#[derive(Debug)]
enum Page {
    Dashboard(dashboard::Dashboard),
    Settings(Box<settings::Settings>),
    Incidents(Box<incidents::Incidents>),
    Training(Box<training::Training>),
    Schedule(Box<schedule::Schedule>),
    Policy(Box<policy::Policy>),
    Aup(Box<aup::Aup>),
    Report(Box<report::Report>),
}

/// The workspace's state.
#[derive(Debug)]
pub struct Workspace {
    session: Session,
    area: Area,
    page: Page,
    /// What became of the last request for the user guide, shown under the Help button.
    help: Option<Result<String, String>>,
}

/// What the workspace can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// A sidebar entry was chosen.
    Navigate(Area),
    /// A message for the dashboard.
    Dashboard(dashboard::Message),
    /// A message for the settings area.
    Settings(settings::Message),
    /// A message for the incident log.
    Incidents(incidents::Message),
    /// A message for people and training.
    Training(training::Message),
    /// A message for the review schedule.
    Schedule(schedule::Message),
    /// A message for the policy's usage tables.
    Policy(policy::Message),
    /// A message for the AUP registers.
    Aup(aup::Message),
    /// A message for the governor report.
    Report(report::Message),
    /// The Lock button.
    Lock,
    /// The Hide button.
    Hide,
    /// The Help button: open the user guide.
    Help,
    /// The user guide was opened in the browser (its path), or could not be (why).
    HelpOpened(Result<String, String>),
    /// A form's draft was written to the vault, or could not be (why).
    DraftWritten(Result<(), String>),
    /// A key for the form on show.
    Key(FormKey),
}

/// The page's scrollable, snapped to the top when another page replaces it.
pub const PAGE_SCROLL: &str = "workspace-page";

/// What the workspace asks of the app.
pub enum Action {
    /// Nothing.
    None,
    /// Run this task.
    Run(Task<Message>),
    /// Lock now.
    Lock,
    /// Blank the window.
    Hide,
    /// Open the user guide.
    OpenHelp,
    /// New settings were saved.
    SettingsSaved(SchoolSettings),
    /// A theme was chosen.
    ThemeChosen(ThemeChoice),
}

impl Workspace {
    /// Opens the workspace at `area`.
    pub fn new(session: Session, area: Area) -> (Self, Task<Message>) {
        let mut workspace = Self {
            session,
            area: Area::Dashboard,
            page: Page::Dashboard(dashboard::Dashboard::default()),
            help: None,
        };
        let task = workspace.navigate(area);
        (workspace, task)
    }

    /// The area on show.
    pub fn area(&self) -> Area {
        self.area
    }

    /// The unlocked session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Handles a message; a page that replaces another opens at its top.
    pub fn update(&mut self, message: Message) -> Action {
        let before = self.page_key();
        let action = self.handle(message);
        if self.page_key() == before {
            return action;
        }
        let top = operation::snap_to(PAGE_SCROLL, operation::RelativeOffset::START);
        match action {
            Action::None => Action::Run(top),
            Action::Run(task) => Action::Run(Task::batch([task, top])),
            other => other,
        }
    }

    /// The area and, within it, the page on show.
    fn page_key(&self) -> (Area, &'static str) {
        let page = match &self.page {
            Page::Incidents(incidents) => incidents.page_name(),
            _ => "",
        };
        (self.area, page)
    }

    fn handle(&mut self, message: Message) -> Action {
        match message {
            Message::Navigate(area) => Action::Run(self.navigate(area)),
            Message::Dashboard(message) => match &mut self.page {
                Page::Dashboard(dashboard) => match dashboard.update(message) {
                    dashboard::Action::Open(area) => Action::Run(self.navigate(area)),
                    dashboard::Action::None => Action::None,
                },
                _ => Action::None,
            },
            Message::Settings(message) => self.update_settings(message),
            Message::Incidents(message) => match &mut self.page {
                Page::Incidents(incidents) => {
                    Action::Run(incidents.update(message).map(Message::Incidents))
                }
                _ => Action::None,
            },
            Message::Training(message) => match &mut self.page {
                Page::Training(training) => {
                    Action::Run(training.update(message).map(Message::Training))
                }
                _ => Action::None,
            },
            Message::Aup(message) => match &mut self.page {
                Page::Aup(page) => Action::Run(page.update(message).map(Message::Aup)),
                _ => Action::None,
            },
            Message::Policy(message) => match &mut self.page {
                Page::Policy(page) => Action::Run(page.update(message).map(Message::Policy)),
                _ => Action::None,
            },
            Message::Schedule(message) => match &mut self.page {
                Page::Schedule(page) => Action::Run(page.update(message).map(Message::Schedule)),
                _ => Action::None,
            },
            Message::Report(message) => match &mut self.page {
                Page::Report(page) => match page.update(message) {
                    report::Action::Run(task) => Action::Run(task.map(Message::Report)),
                    report::Action::SettingsSaved(saved, task) => {
                        // Only the small-number rule changed: nothing else needs telling.
                        self.session.set_settings(saved);
                        Action::Run(task.map(Message::Report))
                    }
                },
                _ => Action::None,
            },
            Message::Lock => Action::Lock,
            Message::Hide => Action::Hide,
            Message::Help => Action::OpenHelp,
            Message::HelpOpened(result) => {
                self.help = Some(result);
                Action::None
            }
            Message::Key(FormKey::NewIncident) => Action::Run(self.new_incident()),
            Message::Key(key) => match &mut self.page {
                Page::Incidents(incidents) => {
                    Action::Run(incidents.key(key).map(Message::Incidents))
                }
                _ => Action::None,
            },
            Message::DraftWritten(Ok(())) => Action::None,
            Message::DraftWritten(Err(error)) => {
                crate::to_stderr(format_args!("A draft could not be kept: {error}"));
                Action::None
            }
        }
    }

    /// Writes what was typed on the form on show since its draft was last written, off the UI
    /// thread: a moment after typing, on leaving the page and on lock.
    pub fn write_draft(&mut self) -> Task<Message> {
        let draft = match &mut self.page {
            Page::Incidents(incidents) => incidents.take_draft(),
            _ => None,
        };
        let Some((form, content)) = draft else {
            return Task::none();
        };
        let write = self.session.with_vault(move |vault| {
            vault
                .save_draft(&form, &content)
                .map_err(|error| error.to_string())
        });
        Task::perform(write, Message::DraftWritten)
    }

    /// Whether the form on show holds typing its draft does not have yet.
    pub fn has_unwritten_draft(&self) -> bool {
        matches!(&self.page, Page::Incidents(incidents) if incidents.has_unwritten_draft())
    }

    /// Ctrl+N: the new incident form, from wherever the co-ordinator is (a form already open
    /// there is left alone).
    fn new_incident(&mut self) -> Task<Message> {
        let kept = self.write_draft();
        let opened = if self.area == Area::Incidents {
            Task::none()
        } else {
            self.open_area(Area::Incidents)
        };
        let Page::Incidents(incidents) = &mut self.page else {
            return Task::batch([kept, opened]);
        };
        let form = incidents.new_incident().map(Message::Incidents);
        Task::batch([kept, opened, form])
    }

    fn navigate(&mut self, area: Area) -> Task<Message> {
        let kept = self.write_draft();
        Task::batch([kept, self.open_area(area)])
    }

    fn open_area(&mut self, area: Area) -> Task<Message> {
        self.area = area;
        let (page, task) = match area {
            Area::Dashboard => {
                let (dashboard, task) = dashboard::Dashboard::new(&self.session);
                (Page::Dashboard(dashboard), task.map(Message::Dashboard))
            }
            Area::Settings => {
                let (settings, task) = settings::Settings::new(self.session.clone());
                (
                    Page::Settings(Box::new(settings)),
                    task.map(Message::Settings),
                )
            }
            Area::Incidents => {
                let (incidents, task) = incidents::Incidents::new(self.session.clone());
                (
                    Page::Incidents(Box::new(incidents)),
                    task.map(Message::Incidents),
                )
            }
            Area::PeopleAndTraining => {
                let today = self.session.today();
                let (training, task) = training::Training::new(self.session.clone(), today);
                (
                    Page::Training(Box::new(training)),
                    task.map(Message::Training),
                )
            }
            Area::AupAndConsent => {
                let today = self.session.today();
                let (page, task) = aup::Aup::new(self.session.clone(), today);
                (Page::Aup(Box::new(page)), task.map(Message::Aup))
            }
            Area::DevicesAndCommunications => {
                let today = self.session.today();
                let (page, task) = policy::Policy::new(self.session.clone(), today);
                (Page::Policy(Box::new(page)), task.map(Message::Policy))
            }
            Area::ReviewSchedule => {
                let today = self.session.today();
                let (page, task) = schedule::Schedule::new(self.session.clone(), today);
                (Page::Schedule(Box::new(page)), task.map(Message::Schedule))
            }
            Area::GovernorReport => {
                let today = self.session.today();
                let (page, task) = report::Report::new(self.session.clone(), today);
                (Page::Report(Box::new(page)), task.map(Message::Report))
            }
        };
        self.page = page;
        task
    }

    fn update_settings(&mut self, message: settings::Message) -> Action {
        let Page::Settings(settings) = &mut self.page else {
            return Action::None;
        };
        match settings.update(message) {
            settings::Action::None => Action::None,
            settings::Action::Run(task) => Action::Run(task.map(Message::Settings)),
            settings::Action::SettingsSaved(saved) => {
                self.session.set_settings(saved.clone());
                Action::SettingsSaved(saved)
            }
            settings::Action::ThemeChosen(choice) => Action::ThemeChosen(choice),
        }
    }

    /// Draws the sidebar and the current area.
    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let body: Element<'a, Message> = match &self.page {
            Page::Dashboard(dashboard) => dashboard.view(ctx).map(Message::Dashboard),
            Page::Settings(settings) => settings.view(ctx).map(Message::Settings),
            Page::Incidents(incidents) => incidents.view(ctx).map(Message::Incidents),
            Page::Training(training) => training.view(ctx).map(Message::Training),
            Page::Aup(page) => page.view(ctx).map(Message::Aup),
            Page::Schedule(page) => page.view(ctx).map(Message::Schedule),
            Page::Policy(page) => page.view(ctx).map(Message::Policy),
            Page::Report(page) => page.view(ctx).map(Message::Report),
        };
        // The page scrolls to the window's edge, so nothing is drawn in a margin below it.
        let page = scrollable(column![body].padding(Padding {
            top: 0.0,
            right: 36.0,
            bottom: 28.0,
            left: 36.0,
        }))
        .id(PAGE_SCROLL)
        .height(Fill);
        let title = container(text(self.area.title()).size(28)).padding(Padding {
            top: 28.0,
            right: 36.0,
            bottom: 20.0,
            left: 36.0,
        });
        let content = column![title, page].width(Fill);
        row![self.sidebar(ctx), content].into()
    }

    fn sidebar<'a>(&self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let mut entries = column![].spacing(2);
        for area in Area::ALL {
            entries = entries.push(
                button(text(area.title()).size(15))
                    .on_press(Message::Navigate(area))
                    .width(Fill)
                    .padding([8, 12])
                    .style(style::nav_item(area == self.area)),
            );
        }
        let header = column![
            text("E-Safety Desk").size(20),
            text(ctx.settings.school_name.clone())
                .size(13)
                .style(style::muted),
        ]
        .spacing(2);
        let footer = row![
            button("Hide")
                .on_press(Message::Hide)
                .style(button::secondary)
                .padding([6, 14]),
            space().width(Fill),
            button("Lock")
                .on_press(Message::Lock)
                .style(button::secondary)
                .padding([6, 14]),
        ];
        let hint = text("Ctrl+N new incident · Ctrl+H hides · Ctrl+L locks · F1 help")
            .size(12)
            .style(style::muted);
        let help = column![
            button(text("Help: the user guide").size(15))
                .on_press(Message::Help)
                .width(Fill)
                .padding([8, 12])
                .style(style::nav_item(false))
        ]
        .push(self.help.as_ref().map(|result| {
            match result {
                Ok(path) => text(format!("Opened in your web browser: {path}"))
                    .size(12)
                    .style(style::muted),
                Err(why) => text(why.clone()).size(12).style(style::error),
            }
        }))
        .spacing(4);
        container(column![header, entries, help, space().height(Fill), hint, footer].spacing(18))
            .padding(16)
            .width(240)
            .height(Fill)
            .style(style::sidebar)
            .into()
    }
}
