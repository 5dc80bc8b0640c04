//! The detail page's later sections: parents informed, the investigation record, evidence files
//! and the summary for governors.

use crate::ui::keyed::button;
use iced::widget::{column, row, text, text_input};
use iced::{Element, Fill};

use super::{Detail, Draft, Loaded, Message};
use crate::domain::incident::rules::EvidenceRefusal;
use crate::domain::incident::{Status, category};
use crate::store::incidents::IncidentDetail;
use crate::ui::area::incidents::shown;
use crate::ui::style;

impl Detail {
    pub(super) fn parents<'a>(&'a self, incident: &'a IncidentDetail) -> Element<'a, Message> {
        if let Some(at) = &incident.parents_informed_at {
            return field(
                "Informed",
                format!("{} by {}", shown(at), incident.parents_informed_by),
            );
        }
        column![
            text("Not recorded as informed yet.").style(style::muted),
            row![
                input(
                    "When (dd/mm/yyyy hh:mm; empty for now)",
                    &self.drafts.parents_at,
                    Draft::ParentsAt
                )
                .width(280),
                input(
                    "Who informed them",
                    &self.drafts.parents_by,
                    Draft::ParentsBy
                ),
                button("Record")
                    .on_press(Message::ParentsInformed)
                    .padding([6, 14]),
            ]
            .spacing(8),
        ]
        .spacing(8)
        .into()
    }

    pub(super) fn investigation<'a>(
        &'a self,
        loaded: &'a Loaded,
        illegal: bool,
    ) -> Element<'a, Message> {
        if illegal {
            return text("Illegal content is not investigated in school: the policy says to stop and refer it to the police.")
                .style(style::muted)
                .into();
        }
        let closed = loaded.incident.row.status == Status::Closed;
        let Some(record) = &loaded.investigation else {
            if closed {
                return text("No investigation record was kept.")
                    .style(style::muted)
                    .into();
            }
            return column![
                text("The policy asks for at least two senior members of staff and a computer set aside for the investigation.")
                    .style(style::muted),
                row![
                    input("First senior member of staff", &self.drafts.first_senior, Draft::FirstSenior),
                    input("Second senior member of staff", &self.drafts.second_senior, Draft::SecondSenior),
                ]
                .spacing(8),
                row![
                    input("Designated computer, e.g. ICT office laptop 3", &self.drafts.computer, Draft::Computer),
                    button("Start investigation record").on_press(Message::StartInvestigation).padding([6, 14]),
                ]
                .spacing(8),
            ]
            .spacing(8)
            .into();
        };
        let mut page = column![
            field("Started", shown(&record.started_at)),
            field("Senior staff", record.seniors.join(" and ")),
            field("Computer used", record.designated_computer.clone()),
        ]
        .spacing(6);
        for site in &record.sites {
            page = page.push(field(
                "Site visited",
                format!(
                    "{} — {} ({})",
                    site.url,
                    site.description,
                    shown(&site.visited_at)
                ),
            ));
        }
        if closed {
            return page
                .push(field("Conclusion", record.conclusion.clone()))
                .into();
        }
        page = page.push(
            row![
                input("Web address visited", &self.drafts.site_url, Draft::SiteUrl).width(280),
                input(
                    "What it showed",
                    &self.drafts.site_description,
                    Draft::SiteDescription
                ),
                button("Record site")
                    .on_press(Message::SiteVisited)
                    .style(button::secondary)
                    .padding([6, 14]),
            ]
            .spacing(8),
        );
        if record.conclusion.is_empty() {
            page = page.push(
                row![
                    input(
                        "The group's conclusion",
                        &self.drafts.group_conclusion,
                        Draft::GroupConclusion
                    ),
                    button("Record conclusion")
                        .on_press(Message::ConcludeInvestigation)
                        .padding([6, 14]),
                ]
                .spacing(8),
            );
        } else {
            page = page.push(field("Conclusion", record.conclusion.clone()));
        }
        page.into()
    }

    pub(super) fn evidence<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let category = category::category(&loaded.incident.row.category);
        if category.is_some_and(|c| c.no_images) {
            return text(EvidenceRefusal::NoImagesForCategory.to_string())
                .style(style::error)
                .into();
        }
        let mut list = column![].spacing(6);
        for file in &loaded.evidence {
            let about = if file.description.is_empty() {
                String::new()
            } else {
                format!(" — {}", file.description)
            };
            list = list.push(
                row![
                    column![
                        text(format!("{}{about}", file.file_name)),
                        text(format!(
                            "{} · added {} by {} · SHA-256 {}…",
                            size(file.size_bytes),
                            shown(&file.added_at),
                            file.added_by,
                            &file.sha256[..16.min(file.sha256.len())]
                        ))
                        .size(12)
                        .style(style::muted),
                    ]
                    .width(Fill),
                    button(text("Save a copy…").size(13))
                        .on_press(Message::SaveEvidence(file.id, file.file_name.clone()))
                        .style(button::secondary)
                        .padding([2, 10]),
                ]
                .align_y(iced::Center),
            );
        }
        if loaded.evidence.is_empty() {
            list = list.push(text("No evidence files.").style(style::muted));
        }
        column![
            list,
            row![
                input(
                    "What the file shows",
                    &self.drafts.evidence_description,
                    Draft::EvidenceDescription
                )
                .id("evidence-description"),
                input(
                    "Its full path, or leave empty to choose it",
                    &self.drafts.evidence_path,
                    Draft::EvidencePath
                )
                .id("evidence-path"),
                button("Add evidence file…")
                    .on_press(Message::ChooseEvidence)
                    .padding([6, 14]),
            ]
            .spacing(8),
            text("Files are kept inside the encrypted vault, up to 25 MB each.")
                .size(12)
                .style(style::muted),
        ]
        .spacing(10)
        .into()
    }

    pub(super) fn summary<'a>(&'a self, incident: &'a IncidentDetail) -> Element<'a, Message> {
        let value = self
            .drafts
            .summary
            .as_deref()
            .unwrap_or(&incident.governor_summary);
        column![
            text("Written for the governors' report: no names, nothing that identifies a child.").style(style::muted),
            row![
                text_input("e.g. A Year 6 pupil used a proxy site in a lesson; warned and parents informed.", value)
                    .id("incident-governor-summary")
                    .on_input(|value| Message::Draft(Draft::Summary, value))
                    .padding(6),
                button("Save summary").on_press(Message::SaveSummary).style(button::secondary).padding([6, 14]),
            ]
            .spacing(8),
        ]
        .spacing(8)
        .into()
    }
}

pub(super) fn input<'a>(
    placeholder: &'a str,
    value: &'a str,
    draft: Draft,
) -> iced::widget::TextInput<'a, Message> {
    text_input(placeholder, value)
        .on_input(move |value| Message::Draft(draft, value))
        .padding(6)
}

/// A label and its value on one line.
pub(super) fn field<'a>(label: &'a str, value: String) -> Element<'a, Message> {
    row![
        text(label).width(160).style(style::muted),
        text(value).width(Fill)
    ]
    .into()
}

fn size(bytes: i64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b / 1024),
        b => format!("{b} bytes"),
    }
}
