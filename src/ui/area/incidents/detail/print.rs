//! "Print this incident": the same PDF record as `print-incident`, saved where the
//! co-ordinator chooses (or types), to print or keep in the evidence file.

use std::sync::Arc;

use crate::ui::keyed::button;
use iced::widget::{column, row, text};
use iced::{Element, Task};

use super::{Action, Detail, Draft, Message};
use crate::report::incident_record;
use crate::ui::{background, files, form, style};

/// Said with every saved record: it names the people involved.
const NAMES_PEOPLE: &str =
    "It names the people involved: keep it in the evidence file, not in email.";

impl Detail {
    /// Gathers the record, lays it out as PDF off the UI thread and saves it.
    pub(super) fn print(&mut self) -> Action {
        self.printed = None;
        let id = self.id;
        let gathered = self.session.with_vault(move |vault| {
            incident_record::gather(vault, id, vault.clock().now()).map_err(|e| e.to_string())
        });
        let typed = self.drafts.print_path.clone();
        Action::Run(Task::perform(
            async move {
                let record = match gathered.await {
                    Ok(record) => record,
                    Err(error) => return Some(Err(error)),
                };
                let name = format!("{}.pdf", record.reference);
                let pdf = background::run(move || incident_record::pdf(&record)).await;
                let pdf = match pdf {
                    Ok(bytes) => Arc::new(bytes),
                    Err(error) => return Some(Err(error.to_string())),
                };
                let saved = files::save_or_write("Save the incident record", name, typed, pdf);
                Some(saved.await?.map(|path| path.display().to_string()))
            },
            Message::Printed,
        ))
    }

    /// What became of the PDF.
    pub(super) fn printed(&mut self, result: Option<Result<String, String>>) {
        self.printed = Some(match result {
            Some(Ok(path)) => Ok(format!("Saved the record to {path}. {NAMES_PEOPLE}")),
            Some(Err(error)) => Err(error),
            None => Err("Nothing was saved: no file was chosen. If no save dialog opened, type where to save the PDF in the box.".into()),
        });
    }

    /// The section near the foot of the page, with what became of the last PDF under it.
    pub(super) fn print_section(&self) -> Element<'_, Message> {
        column![
            row![
                super::sections::input(
                    "Where to save the PDF, or leave empty to choose",
                    &self.drafts.print_path,
                    Draft::PrintPath
                )
                .id("print-path"),
                button("Print this incident (PDF)…")
                    .on_press(Message::Print)
                    .padding([6, 14]),
            ]
            .spacing(8),
            form::outcome(self.printed.as_ref()),
            text(format!(
                "The same record as the command line's print-incident. {NAMES_PEOPLE}"
            ))
            .size(12)
            .style(style::muted),
        ]
        .spacing(6)
        .into()
    }
}
