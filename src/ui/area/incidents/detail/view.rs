//! How the detail page is drawn: the record, actions, referrals and decisions, the timeline and
//! the next step.

use crate::ui::keyed::{button, pick_list};
use iced::widget::{column, container, row, space, text, text_input};
use iced::{Element, Fill};

use super::{
    AgencyChoice, DecisionChoice, Detail, Draft, JustSaved, Loaded, Message, ReferralChoice,
    sections,
};
use crate::domain::incident::rules::{ILLEGAL_INSTRUCTION, Referral};
use crate::domain::incident::timeline::TimelineEntry;
use crate::domain::incident::{Level, Outcome, Status};
use crate::store::incidents::{DecisionRow, IncidentDetail, InvolvedPerson};
use crate::ui::area::incidents::shown;
use crate::ui::{Ctx, form, style};

impl Detail {
    /// Draws the page.
    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        let back = button("Back to the list")
            .on_press(Message::Back)
            .style(button::text);
        let Some(loaded) = &self.loaded else {
            return column![back, form::error_line(self.error.as_deref())]
                .spacing(12)
                .into();
        };
        let incident = &loaded.incident;
        let illegal = incident.row.level() == Some(Level::Illegal);
        let mut page = column![
            row![
                back,
                space().width(Fill),
                button("Amend record")
                    .on_press(Message::Amend)
                    .style(button::secondary)
                    .padding([6, 14])
            ],
            text(heading(incident)).size(20),
            text(incident.row.category_title().to_owned())
        ]
        .spacing(14);
        if let Some(saved) = self.just_saved {
            let words = match saved {
                JustSaved::New => format!("Saved as {}.", incident.row.reference),
                JustSaved::Amendment => format!(
                    "Amendment saved to {}: the timeline shows what changed and why.",
                    incident.row.reference
                ),
            };
            page = page.push(text(words).size(16).style(style::success));
        }
        if illegal && incident.row.status != Status::Closed {
            page = page.push(illegal_steps());
        }
        page = page.push(form::error_line(self.error.as_deref()));
        if let Some(at) = self.restored {
            page = page.push(form::restored_draft(
                at,
                ctx.today,
                "what you typed on this page before is back.",
                Message::DiscardDraft,
            ));
        }
        if let Some(notice) = &self.notice {
            page = page.push(text(notice.clone()).style(style::success));
        }
        page = page
            .push(form::section("The record", record(loaded)))
            .push(form::section("Actions", self.actions(incident)))
            .push(form::section("Parents or carers", self.parents(incident)))
            .push(form::section(
                "Referrals and decisions",
                self.referrals(loaded),
            ))
            .push(form::section(
                "Investigation",
                self.investigation(loaded, illegal),
            ))
            .push(form::section("Evidence", self.evidence(loaded)))
            .push(form::section(
                "Summary for governors",
                self.summary(incident),
            ))
            .push(form::section("Timeline", timeline(&loaded.timeline)))
            .push(form::section("Print", self.print_section()))
            .push(self.closing(incident));
        page.into()
    }

    fn actions<'a>(&'a self, incident: &'a IncidentDetail) -> Element<'a, Message> {
        let mut list = column![].spacing(6);
        for action in &incident.actions {
            list = list.push(action_line(action, incident));
        }
        if incident.actions.is_empty() {
            list = list.push(text("No actions recorded.").style(style::muted));
        }
        let note = text_input(
            "Note saved with the next action you mark done (optional)",
            &self.drafts.action_note,
        )
        .on_input(|value| Message::Draft(Draft::ActionNote, value))
        .padding(6);
        let add = row![
            text_input(
                "Another action, e.g. \"Meeting with parents\"",
                &self.drafts.action
            )
            .id("incident-new-action")
            .on_input(|value| Message::Draft(Draft::Action, value))
            .padding(6),
            button("Add action")
                .on_press(Message::AddAction)
                .style(button::secondary)
                .padding([6, 14]),
        ]
        .spacing(8);
        if incident.row.status == Status::Closed {
            return list.into();
        }
        column![list, note, add].spacing(10).into()
    }

    fn referrals<'a>(&'a self, loaded: &'a Loaded) -> Element<'a, Message> {
        let mut list = column![].spacing(4);
        for referral in &loaded.referrals {
            let reference = if referral.reference.is_empty() {
                String::new()
            } else {
                format!(", ref. {}", referral.reference)
            };
            let outcome = if referral.outcome.is_empty() {
                String::new()
            } else {
                format!(" — outcome: {}", referral.outcome)
            };
            list = list.push(text(format!(
                "{} on {}{reference}{outcome}",
                referral.agency.title(),
                shown(&referral.referred_at)
            )));
        }
        if loaded.referrals.is_empty() {
            list = list.push(text("No referrals yet.").style(style::muted));
        }
        let refer = row![
            pick_list(
                Referral::ALL.map(AgencyChoice),
                Some(self.agency),
                Message::Agency
            )
            .width(280),
            text_input("Their reference number", &self.drafts.agency_reference)
                .on_input(|value| Message::Draft(Draft::AgencyReference, value))
                .padding(6),
            button("Record referral")
                .on_press(Message::Refer)
                .padding([6, 14]),
        ]
        .spacing(8);
        let awaiting: Vec<ReferralChoice> = loaded
            .referrals
            .iter()
            .filter(|r| r.outcome.is_empty())
            .map(|r| {
                ReferralChoice(
                    r.id,
                    format!("{}, {}", r.agency.title(), shown(&r.referred_at)),
                )
            })
            .collect();
        let outcome = (!awaiting.is_empty()).then(|| {
            row![
                pick_list(awaiting, self.referral.clone(), Message::PickReferral)
                    .placeholder("Referral awaiting its outcome")
                    .width(280),
                text_input("What came of it", &self.drafts.referral_outcome)
                    .on_input(|value| Message::Draft(Draft::ReferralOutcome, value))
                    .padding(6),
                button("Record outcome")
                    .on_press(Message::RecordReferralOutcome)
                    .style(button::secondary)
                    .padding([6, 14]),
            ]
            .spacing(8)
        });
        let mut decide = row![
            pick_list(
                DecisionChoice::all(),
                Some(self.decision_kind),
                Message::DecisionKind
            )
            .width(280)
        ]
        .spacing(8);
        if self.decision_kind.0.is_none() {
            decide = decide.push(
                text_input("The decision", &self.drafts.decision)
                    .on_input(|value| Message::Draft(Draft::Decision, value))
                    .padding(6),
            );
        }
        let decide = decide
            .push(
                text_input("The reason for it", &self.drafts.reason_not_to_refer)
                    .id("incident-reason-not-to-refer")
                    .on_input(|value| Message::Draft(Draft::ReasonNotToRefer, value))
                    .padding(6),
            )
            .push(
                button("Record decision")
                    .on_press(Message::RecordDecision)
                    .style(button::secondary)
                    .padding([6, 14]),
            );
        column![list, refer]
            .push(outcome)
            .push(decisions(&loaded.decisions))
            .push(decide)
            .spacing(10)
            .into()
    }

    fn closing(&self, incident: &IncidentDetail) -> Element<'_, Message> {
        let status = incident.row.status;
        if status == Status::Closed {
            return column![].into();
        }
        let close_label = if self.close_warning.is_some() {
            "Close anyway"
        } else {
            "Close incident"
        };
        let close = row![
            pick_list(Outcome::ALL, self.drafts.outcome, Message::Outcome)
                .placeholder("Outcome")
                .width(200),
            text_input(
                "The conclusion, in a sentence or two",
                &self.drafts.conclusion
            )
            .id("incident-conclusion")
            .on_input(|value| Message::Draft(Draft::Conclusion, value))
            .padding(6),
            button(close_label)
                .on_press(Message::Close)
                .padding([6, 14]),
        ]
        .spacing(8);
        let mut steps = column![].spacing(10);
        // An illegal incident is not investigated in school: the policy's instruction says so
        // in its own section, and no button here says otherwise.
        if status == Status::Open && incident.row.level() != Some(Level::Illegal) {
            steps = steps.push(
                row![
                    text("Not yet under investigation.").style(style::muted),
                    space().width(Fill),
                    button("Start investigating")
                        .on_press(Message::SetStatus(Status::UnderInvestigation))
                        .style(button::secondary),
                ]
                .align_y(iced::Center),
            );
        }
        if let Some(open) = &self.close_warning {
            let mut warning = column![
                text("Still open on this incident: close it anyway, or put these right first.")
                    .style(style::error)
            ]
            .spacing(2);
            for line in open {
                warning = warning.push(text(format!("• {line}")).size(14));
            }
            steps = steps.push(warning);
        }
        form::section("Next step", steps.push(close).into())
    }
}

fn heading(incident: &IncidentDetail) -> String {
    let level = incident
        .row
        .level()
        .map_or("Unknown category", Level::title);
    format!(
        "{} · {} · {level}",
        incident.row.reference,
        incident.row.status.title()
    )
}

fn record(loaded: &Loaded) -> Element<'_, Message> {
    let incident = &loaded.incident;
    let (location, device) = (incident.location, incident.device);
    let area = incident.risk_area.title();
    let outcome = incident.outcome.map_or("Not closed yet".into(), |o| {
        format!("{} — {}", o.title(), incident.conclusion)
    });
    let urls = if incident.urls.is_empty() {
        "None".into()
    } else {
        incident.urls.replace('\n', "  ")
    };
    let mut lines = column![
        sections::field("Happened", shown(&incident.occurred_at)),
        sections::field(
            "Reported",
            format!(
                "{} by {}",
                shown(&incident.row.reported_at),
                incident.reported_by
            )
        ),
        sections::field("Where", format!("{location} · {device}")),
        sections::field("Area of risk", area.to_owned()),
        people_row(&loaded.people),
        sections::field("What happened", incident.description.clone()),
        sections::field("Web addresses", urls),
        sections::field("Outcome", outcome),
    ]
    .spacing(6);
    if !incident.source_reference.is_empty() {
        lines = lines.push(sections::field(
            "Imported log's reference",
            incident.source_reference.clone(),
        ));
    }
    lines.into()
}

fn action_line<'a>(
    action: &'a crate::store::incidents::ActionRow,
    incident: &IncidentDetail,
) -> Element<'a, Message> {
    let origin = match (incident.imported, action.suggested, action.chosen) {
        (true, true, _) => "from the old log, as the policy suggests",
        (true, false, _) => "from the old log",
        (false, true, true) => "suggested by the policy",
        (false, true, false) => "suggested by the policy, not taken",
        (false, false, _) => "added by the co-ordinator",
    };
    let closed = incident.row.status == Status::Closed;
    let state: Element<'_, Message> = match (&action.done_at, action.chosen) {
        (Some(at), _) => {
            let note = if action.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", action.note)
            };
            text(format!("done {} by {}{note}", shown(at), action.done_by))
                .size(13)
                .style(style::success)
                .into()
        }
        (None, true) if closed && incident.imported => text("done: not recorded")
            .size(13)
            .style(style::muted)
            .into(),
        (None, true) => button(text("Mark done").size(13))
            .on_press(Message::ActionDone(action.id))
            .style(button::secondary)
            .padding([2, 10])
            .into(),
        (None, false) => text("").into(),
    };
    row![
        text(action.action.clone()).width(Fill),
        text(origin).size(13).style(style::muted),
        state
    ]
    .spacing(12)
    .align_y(iced::Center)
    .into()
}

/// The people involved, each with their part and opening their chronology.
fn people_row(people: &[InvolvedPerson]) -> Element<'_, Message> {
    let mut names = column![].spacing(2);
    if people.is_empty() {
        names = names.push(text("None recorded"));
    }
    for person in people {
        let part = person.part.map_or("part not recorded", |part| part.title());
        names = names.push(
            row![
                button(text(person.name.clone()))
                    .on_press(Message::OpenPerson(person.id, person.name.clone()))
                    .style(style::link)
                    .padding([0, 6]),
                text(format!("{} · {part}", person.role.title()))
                    .size(13)
                    .style(style::muted),
            ]
            .spacing(6)
            .align_y(iced::Center),
        );
    }
    row![text("People").width(160).style(style::muted), names]
        .spacing(4)
        .into()
}

fn illegal_steps<'a>() -> Element<'a, Message> {
    let mut steps =
        column![text("Illegal: what to do now").size(15).style(style::error)].spacing(4);
    for (number, step) in ILLEGAL_INSTRUCTION.iter().enumerate() {
        steps = steps.push(text(format!("{}. {step}", number + 1)));
    }
    let steps = steps.push(
        text(
            "It cannot be closed without a police referral or a recorded reason for not referring.",
        )
        .style(style::muted),
    );
    container(steps)
        .padding(16)
        .width(Fill)
        .style(style::notice)
        .into()
}

fn decisions(decisions: &[DecisionRow]) -> Element<'_, Message> {
    let mut list = column![].spacing(6);
    for decision in decisions {
        list = list.push(column![
            text(format!(
                "{} — {} ({})",
                decision.decision,
                decision.when(shown),
                decision.decided_by
            )),
            text(format!("Reason: {}", decision.reason)).style(style::muted),
        ]);
    }
    if decisions.is_empty() {
        list = list.push(text("No decisions recorded.").style(style::muted));
    }
    list.into()
}

fn timeline(entries: &[TimelineEntry]) -> Element<'_, Message> {
    let mut list = column![].spacing(6);
    for entry in entries {
        let by = if entry.by.is_empty() {
            String::new()
        } else {
            format!(" ({})", entry.by)
        };
        list = list.push(
            row![
                text(entry.when(shown)).width(140).style(style::muted),
                text(format!("{}{by}", entry.event)).width(Fill),
            ]
            .spacing(8),
        );
    }
    list.into()
}
