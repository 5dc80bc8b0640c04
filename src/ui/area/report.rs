//! Governor report: choose the period, see the summary and the charts (the very SVGs the PDF
//! embeds), set the small-number rule, and save the PDF.

use std::path::PathBuf;
use std::sync::Arc;

use crate::ui::keyed::{button, pick_list};
use chrono::NaiveDate;
use iced::widget::{column, container, row, space, text, text_input};
use iced::{Element, Fill, Task};

use crate::domain::settings::MAX_SMALL_NUMBERS_BELOW;
use crate::domain::terms::{HalfTerm, TermCalendar};
use crate::report::governor::{self, GovernorReport};
use crate::report::{Period, Request, figures};
use crate::ui::chart::ChartView;
use crate::ui::session::{Session, SharedError};
use crate::ui::{Ctx, background, files, style};

/// Said when the save dialog was closed without a file, or could not open.
const NOTHING_CHOSEN: &str = "Nothing was saved: no file was chosen. If no save dialog opened, type where to save the PDF in the box (for example C:\\Reports\\autumn-2.pdf) and press Save PDF again.";
/// A period as the picker lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice(pub Period);

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Period::HalfTerm(_) => f.write_str(&self.0.title()),
            Period::Year(year) => write!(f, "The whole school year {year} (for the full board)"),
        }
    }
}

/// The small-number threshold as the picker lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold(pub u32);

impl std::fmt::Display for Threshold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            0 | 1 => f.write_str("Show every count"),
            n => write!(f, "Hide counts below {n}"),
        }
    }
}

/// Which file is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// The report, which names no one and can go to governors.
    Report,
    /// The confidential annex, for the safeguarding governor alone.
    Annex,
    /// The report's published figures as CSV, for the trust's own reporting.
    Figures,
}

impl Document {
    /// The save dialog's title and the file's suggested name.
    fn dialog(self, period_code: &str) -> (&'static str, String) {
        match self {
            Document::Report => (
                "Save the governor report",
                format!("Online safety report {period_code}.pdf"),
            ),
            Document::Annex => (
                "Save the confidential annex",
                format!("Confidential annex {period_code}.pdf"),
            ),
            Document::Figures => (
                "Save the report's figures",
                format!("Report figures {period_code}.csv"),
            ),
        }
    }

    /// Where a typed path saves this file: the report at the path, the others beside it.
    fn path(self, typed: &str) -> String {
        match self {
            Document::Report => typed.to_owned(),
            Document::Annex => beside(typed, "confidential annex.pdf"),
            Document::Figures => beside(typed, "figures.csv"),
        }
    }

    /// What is said once it is saved.
    fn told(self) -> &'static str {
        match self {
            Document::Report => "It names no one and can go to governors.",
            Document::Annex => {
                "It is for the safeguarding governor alone: keep it out of the governing body's papers."
            }
            Document::Figures => {
                "It holds only the figures the report publishes, hidden ones left blank, for the trust's own reporting."
            }
        }
    }
}

/// Where the work stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stage {
    Gathering,
    Ready,
    LayingOut,
    Failed(String),
}

/// The screen's state.
#[derive(Debug)]
pub struct Report {
    session: Session,
    choices: Vec<Choice>,
    chosen: Choice,
    stage: Stage,
    report: Option<Arc<GovernorReport>>,
    charts: Vec<ChartView>,
    typed_path: String,
    note: Option<Result<String, String>>,
}

/// What the screen can be told.
#[derive(Debug, Clone)]
pub enum Message {
    /// The terms arrived: the picker's choices can be made.
    Calendar(Result<TermCalendar, SharedError>),
    /// A period was chosen.
    Choose(Choice),
    /// The figures arrived, with their charts drawn.
    Gathered(Result<(Arc<GovernorReport>, Vec<ChartView>), String>),
    /// A small-number threshold was chosen.
    Threshold(Threshold),
    /// The threshold was saved with the settings.
    ThresholdSaved(Result<crate::domain::SchoolSettings, SharedError>),
    /// A path was typed for the PDF (for desktops where no file dialog opens).
    TypedPath(String),
    /// "Save PDF…" or "Save the confidential annex…".
    Save(Document),
    /// The PDF was written, or not (`None`: the dialog was cancelled).
    Saved(Document, Option<Result<PathBuf, String>>),
}

/// What the screen asks of the workspace.
pub enum Action {
    /// Run this task.
    Run(Task<Message>),
    /// The settings were saved (the small-number rule): everyone else should see them, and
    /// this task gathers the figures again.
    SettingsSaved(crate::domain::SchoolSettings, Task<Message>),
}

/// The half-terms offered: the one in progress, and the five before it; then this year and last.
pub fn choices(calendar: &TermCalendar, today: NaiveDate) -> Vec<Choice> {
    let current = calendar.place(today).reporting_half_term();
    let mut half_terms: Vec<HalfTerm> = vec![current];
    while half_terms.len() < 6 {
        let earliest = half_terms[half_terms.len() - 1];
        half_terms.push(earliest.previous());
    }
    let mut choices: Vec<Choice> = half_terms
        .into_iter()
        .map(|h| Choice(Period::HalfTerm(h)))
        .collect();
    choices.push(Choice(Period::Year(current.year)));
    choices.push(Choice(Period::Year(current.year.previous())));
    choices
}

impl Report {
    /// The screen, reading the term dates first; the period starts at the half-term just ended.
    pub fn new(session: Session, today: NaiveDate) -> (Self, Task<Message>) {
        let calendar = session.with_vault(|vault| vault.terms().map_err(Arc::new));
        let default = Choice(Period::HalfTerm(TermCalendar::default().just_ended(today)));
        let screen = Self {
            session,
            choices: vec![default],
            chosen: default,
            stage: Stage::Gathering,
            report: None,
            charts: Vec::new(),
            typed_path: String::new(),
            note: None,
        };
        (screen, Task::perform(calendar, Message::Calendar))
    }

    fn gather(&mut self) -> Task<Message> {
        self.stage = Stage::Gathering;
        self.note = None;
        let request = Request {
            period: self.chosen.0,
            prepared_on: self.session.today(),
        };
        let work = self.session.with_vault(move |vault| {
            let report = governor::gather(vault, &request).map_err(|e| e.to_string())?;
            let charts = report.charts.iter().map(ChartView::new).collect();
            Ok((Arc::new(report), charts))
        });
        Task::perform(work, Message::Gathered)
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        if let Message::ThresholdSaved(Ok(saved)) = message {
            self.session.set_settings(saved.clone());
            return Action::SettingsSaved(saved, self.gather());
        }
        Action::Run(self.handle(message))
    }

    fn handle(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Calendar(Ok(calendar)) => {
                let today = self.session.today();
                self.choices = choices(&calendar, today);
                self.chosen = Choice(Period::HalfTerm(calendar.just_ended(today)));
                return self.gather();
            }
            Message::Calendar(Err(error)) => self.stage = Stage::Failed(error.to_string()),
            Message::Choose(choice) => {
                self.chosen = choice;
                return self.gather();
            }
            Message::Gathered(Ok((report, charts))) => {
                if report.period_code == self.chosen.0.code() {
                    self.charts = charts;
                    self.report = Some(report);
                    self.stage = Stage::Ready;
                }
            }
            Message::Gathered(Err(error)) => self.stage = Stage::Failed(error),
            Message::Threshold(Threshold(below)) => {
                let mut settings = self.session.settings().clone();
                settings.small_numbers_below = below;
                let save = self
                    .session
                    .with_vault(move |vault| vault.save_settings(&settings).map_err(Arc::new));
                return Task::perform(save, Message::ThresholdSaved);
            }
            Message::ThresholdSaved(Ok(_)) => {}
            Message::ThresholdSaved(Err(error)) => self.note = Some(Err(error.to_string())),
            Message::TypedPath(path) => self.typed_path = path,
            Message::Save(document) => return self.save(document),
            Message::Saved(document, result) => {
                self.stage = Stage::Ready;
                self.note = Some(match result {
                    Some(saved) => {
                        saved.map(|path| format!("Saved {}. {}", path.display(), document.told()))
                    }
                    None => Err(NOTHING_CHOSEN.to_owned()),
                });
            }
        }
        Task::none()
    }

    fn save(&mut self, document: Document) -> Task<Message> {
        let Some(report) = self.report.clone() else {
            return Task::none();
        };
        self.stage = Stage::LayingOut;
        self.note = None;
        let (title, name) = document.dialog(&report.period_code);
        let typed = document.path(&self.typed_path);
        let work = async move {
            let pdf = background::run(move || match document {
                Document::Report => governor::pdf(&report),
                Document::Annex => governor::annex_pdf(&report),
                Document::Figures => figures::csv(&figures::of(&report))
                    .map(String::into_bytes)
                    .map_err(|e| crate::report::ReportError::Typeset(e.to_string())),
            })
            .await;
            match pdf {
                Ok(bytes) => files::save_or_write(title, name, typed, Arc::new(bytes)).await,
                Err(error) => Some(Err(error.to_string())),
            }
        };
        Task::perform(work, move |saved| Message::Saved(document, saved))
    }

    /// Draws the screen.
    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let below = Threshold(ctx.settings.small_numbers_below);
        let thresholds: Vec<Threshold> = [0, 2, 3, 4, 5, MAX_SMALL_NUMBERS_BELOW]
            .into_iter()
            .map(Threshold)
            .collect();
        let pickers = row![
            text("Period").size(15),
            pick_list(self.choices.clone(), Some(self.chosen), Message::Choose)
                .padding(8)
                .width(Fill),
            space().width(16),
            text("Small numbers").size(15),
            pick_list(thresholds, Some(below), Message::Threshold)
                .padding(8)
                .width(220),
        ]
        .spacing(10)
        .align_y(iced::Center);
        let mut page = column![pickers, self.status_line(), self.save_row()].spacing(16);
        if let (Some(report), Stage::Ready | Stage::LayingOut) = (&self.report, &self.stage) {
            page = page.push(summary_card(report));
            page = page.push(self.chart_grid(ctx.dark));
        }
        page.into()
    }

    fn status_line(&self) -> Element<'_, Message> {
        let line = match &self.stage {
            Stage::Gathering => text("Gathering the figures…").style(style::muted),
            Stage::LayingOut => text("Laying out the PDF: a few seconds…").style(style::muted),
            Stage::Failed(error) => text(error.clone()).style(style::error),
            Stage::Ready => match &self.note {
                Some(Ok(message)) => text(message.clone()).style(style::success),
                Some(Err(message)) => text(message.clone()).style(style::error),
                None => text("The figures below are what the PDF will say. It names no one.")
                    .style(style::muted),
            },
        };
        line.size(14).into()
    }

    fn save_row(&self) -> Element<'_, Message> {
        let ready = self.stage == Stage::Ready && self.report.is_some();
        let path = text_input(
            "Or type where to save it, e.g. C:\\Reports\\autumn-2.pdf",
            &self.typed_path,
        )
        .id("report-path")
        .on_input(Message::TypedPath)
        .padding(8)
        .width(Fill);
        let buttons = row![
            button("Save PDF…")
                .on_press_maybe(ready.then_some(Message::Save(Document::Report)))
                .padding([8, 20]),
            button("Save the confidential annex…")
                .on_press_maybe(ready.then_some(Message::Save(Document::Annex)))
                .style(button::secondary)
                .padding([8, 20]),
            button("Save the figures (CSV)…")
                .on_press_maybe(ready.then_some(Message::Save(Document::Figures)))
                .style(button::secondary)
                .padding([8, 20]),
        ]
        .spacing(10)
        .align_y(iced::Center);
        column![path, buttons].spacing(8).into()
    }

    fn chart_grid(&self, dark: bool) -> Element<'_, Message> {
        // One chart a row, as wide as the page allows: side by side, their words would be too
        // small to read on a laptop screen.
        let mut grid = column![].spacing(16).max_width(900);
        for chart in &self.charts {
            grid = grid.push(
                container(chart.view(15.0, false, dark))
                    .padding(12)
                    .width(Fill)
                    .style(style::card),
            );
        }
        grid.into()
    }
}

fn summary_card(report: &GovernorReport) -> Element<'_, Message> {
    let figures = &report.incidents;
    let figure = |label: String, value: &str| {
        column![
            text(label).size(13).style(style::muted),
            text(value.to_owned()).size(24)
        ]
        .spacing(2)
        .width(Fill)
    };
    container(
        column![
            text(format!("{} · {}", report.period_title, report.period_days)).size(17),
            text(report.summary.clone()).size(15),
            row![
                figure("Incidents reported".into(), &figures.total.shown),
                figure(
                    figures.previous_title.clone(),
                    &figures.previous_total.shown
                ),
                figure(
                    figures.year_earlier_title.clone(),
                    &figures.year_earlier_total.shown
                ),
                figure(
                    "Police step outstanding".into(),
                    &figures.serious.police_step_outstanding.shown
                ),
            ]
            .spacing(16),
            text(report.suppression_note.clone())
                .size(13)
                .style(style::muted),
        ]
        .spacing(10),
    )
    .padding(16)
    .width(Fill)
    .style(style::card)
    .into()
}

/// Where the annex goes when a path was typed for the report: beside it, never over it
/// ("C:\\Reports\\autumn-2.pdf" → "C:\\Reports\\autumn-2 confidential annex.pdf").
/// A file beside the typed report path: "<stem> <ending>".
fn beside(typed: &str, ending: &str) -> String {
    let typed = typed.trim();
    if typed.is_empty() {
        return String::new();
    }
    let stem = typed
        .strip_suffix(".pdf")
        .or_else(|| typed.strip_suffix(".PDF"))
        .unwrap_or(typed);
    format!("{stem} {ending}")
}

#[cfg(test)]
mod tests {
    use super::Document;

    #[test]
    fn a_typed_path_puts_the_annex_and_figures_beside_the_report_not_over_it() {
        assert_eq!(
            Document::Annex.path(" C:\\Reports\\autumn-2.pdf "),
            "C:\\Reports\\autumn-2 confidential annex.pdf"
        );
        assert_eq!(
            Document::Annex.path("report"),
            "report confidential annex.pdf"
        );
        assert_eq!(Document::Figures.path("a.pdf"), "a figures.csv");
        assert_eq!(Document::Annex.path("  "), "");
    }
}
