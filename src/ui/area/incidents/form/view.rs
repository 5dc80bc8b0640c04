//! How the form is drawn: the fields, the people and actions, and the guidance beside them.

use crate::ui::keyed::{button, checkbox, pick_list};
use iced::widget::{column, container, row, space, text, text_editor, text_input};
use iced::{Element, Fill};

use super::{CategoryChoice, Form, Message, PersonChoice, RiskChoice, YearChoice, pickers};
use crate::domain::incident::category::{CATEGORIES, Category, Level, RiskArea};
use crate::domain::incident::rules::{self, ILLEGAL_INSTRUCTION};
use crate::domain::incident::{Device, IncidentField, Location, Part, Role};
use crate::ui::{Ctx, form, style};

/// The Save button, which Tab reaches last.
pub const SAVE_BUTTON: &str = "incident-save";

impl Form {
    /// Draws the form and the guidance beside it.
    pub fn view<'a>(&'a self, ctx: &Ctx<'a>) -> Element<'a, Message> {
        row![
            self.fields().width(iced::FillPortion(3)),
            self.guidance(ctx).width(iced::FillPortion(2))
        ]
        .spacing(20)
        .into()
    }

    /// "Draft from 14:02 restored", with the way to throw it away; nothing when none was.
    fn restored_notice(&self) -> Option<Element<'_, Message>> {
        let at = self.restored_draft()?;
        Some(form::restored_draft(
            at,
            self.session.today(),
            "what you typed before is back.",
            Message::DiscardDraft,
        ))
    }

    fn fields(&self) -> iced::widget::Column<'_, Message> {
        let save = (!self.saving).then_some(Message::Save);
        let risks: Vec<RiskChoice> = RiskArea::ALL.into_iter().map(RiskChoice).collect();
        let title = match &self.editing {
            Some(editing) => format!("Amend {}", editing.reference),
            None => "New incident".to_owned(),
        };
        let save_label = if self.editing.is_some() {
            "Save amendment"
        } else {
            "Save incident"
        };
        let heading: Element<'_, Message> = match self.restored_notice() {
            Some(notice) => column![text(title).size(20), notice].spacing(8).into(),
            None => text(title).size(20).into(),
        };
        column![
            heading,
            row![
                self.at(
                    IncidentField::Occurred,
                    form::field(
                        "When it happened * (dd/mm/yyyy hh:mm)",
                        "incident-occurred",
                        &self.occurred,
                        Message::Occurred
                    )
                ),
                self.at(
                    IncidentField::Reported,
                    form::field(
                        "When it was reported *",
                        "incident-reported",
                        &self.reported,
                        Message::Reported
                    )
                ),
            ]
            .spacing(12),
            self.at(
                IncidentField::ReportedBy,
                form::field(
                    "Reported by *",
                    "incident-reported-by",
                    &self.reported_by,
                    Message::ReportedBy
                )
            ),
            self.at(IncidentField::Category, self.category_section()),
            self.at(
                IncidentField::Description,
                labelled(
                    "What happened *",
                    text_editor(&self.description)
                        .id("incident-description")
                        .on_action(Message::Description)
                        .height(120)
                )
            ),
            self.at(IncidentField::People, self.people_section()),
            row![
                labelled(
                    "Where",
                    pick_list(Location::ALL, Some(self.location), Message::Location).width(Fill)
                ),
                labelled(
                    "Device",
                    pick_list(Device::ALL, Some(self.device), Message::Device).width(Fill)
                ),
                labelled(
                    "Area of risk (KCSIE)",
                    pick_list(risks, Some(self.risk), Message::Risk).width(Fill)
                ),
            ]
            .spacing(12),
            self.at(
                IncidentField::Urls,
                form::field(
                    "Web addresses of the sites concerned (separate with spaces)",
                    "incident-urls",
                    &self.urls,
                    Message::Urls
                )
            ),
            self.actions_section(),
            self.reason_field(),
            self.problems_summary(),
            row![
                button("Cancel")
                    .on_press(Message::Cancel)
                    .style(button::secondary)
                    .padding([8, 20]),
                space().width(Fill),
                text("* must be filled in").size(13).style(style::muted),
                button(save_label)
                    .on_press_maybe(save)
                    .padding([8, 20])
                    .id(SAVE_BUTTON),
            ]
            .spacing(12)
            .align_y(iced::Center),
        ]
        .spacing(12)
    }

    /// `control` with the problem Save found at `field` under it, if any.
    fn at<'a>(
        &'a self,
        field: IncidentField,
        control: impl Into<Element<'a, Message>>,
    ) -> Element<'a, Message> {
        match self.problem(field) {
            Some(problem) => column![
                control.into(),
                text(problem.to_owned()).size(13).style(style::error)
            ]
            .spacing(4)
            .into(),
            None => control.into(),
        }
    }

    /// How many problems stop the save, said by the Save button where the eye is, and any
    /// other error.
    fn problems_summary(&self) -> Element<'_, Message> {
        let words = match self.problems.len() {
            0 => return form::error_line(self.error.as_deref()),
            1 => "1 thing to put right before saving: it is shown under its field.".to_owned(),
            n => format!("{n} things to put right before saving: each is shown under its field."),
        };
        column![
            text(words).size(14).style(style::error),
            form::error_line(self.error.as_deref())
        ]
        .spacing(4)
        .into()
    }

    /// When amending: the reason, which the record keeps with the change.
    fn reason_field(&self) -> Element<'_, Message> {
        if self.editing.is_none() {
            return column![].into();
        }
        form::field(
            "Reason for the change * (kept with the record)",
            "incident-reason",
            &self.reason,
            Message::Reason,
        )
        .into()
    }

    /// The category chosen, the box to find one by typing, and the whole list on request.
    fn category_section(&self) -> Element<'_, Message> {
        let chosen: Element<'_, Message> = match self.category {
            Some(CategoryChoice(category)) => column![
                text(category.short_title()).size(16),
                text(pickers::category_detail(category))
                    .size(13)
                    .style(style::muted),
            ]
            .spacing(2)
            .into(),
            None => text("None chosen yet").size(14).style(style::muted).into(),
        };
        let placeholder = if self.category.is_some() {
            "Type to find another category"
        } else {
            "Type a word to find it: gaming, phone, bullying, nudes…"
        };
        let search = self.category_search.view(
            "incident-category",
            placeholder,
            self.shown_categories(),
            format!(
                "No category has a word beginning \"{}\": try another word, or show them all.",
                self.category_search.query().trim()
            ),
            Message::CategorySearch,
        );
        let browse = button(text(if self.browsing {
            "Hide the list"
        } else {
            "Show all categories"
        }))
        .on_press(Message::BrowseCategories(!self.browsing))
        .style(style::link)
        .padding([2, 4]);
        // The box comes first, so Tab reaches it before the link to the whole list.
        let mut section = column![
            text("Category *").size(13).style(style::muted),
            search,
            row![chosen, space().width(Fill), browse].align_y(iced::Center),
        ]
        .spacing(4);
        if self.browsing {
            section = section.push(every_category());
        }
        section.into()
    }

    fn people_section(&self) -> Element<'_, Message> {
        let recorded = self.editing.as_ref().map_or(0, |e| e.recorded_people);
        let mut list = column![].spacing(4);
        for (index, on) in self.involved.iter().enumerate() {
            let who = row![
                text(on.person.name.clone()),
                text(pickers::person_detail(&on.person))
                    .size(13)
                    .style(style::muted),
            ]
            .spacing(8)
            .align_y(iced::Center)
            .width(Fill);
            let part = pick_list(Part::ALL, on.part, move |part| {
                Message::InvolvedPart(index, part)
            })
            .placeholder("Their part…")
            .text_size(14)
            .width(Fill);
            // Two lines, so the name keeps its room on a small screen.
            let (heading, kind): (Element<'_, Message>, Element<'_, Message>) = if index < recorded
            {
                (
                    row![who, text("on the record").size(13).style(style::muted)]
                        .spacing(8)
                        .into(),
                    text(on.role.title()).size(14).width(150).into(),
                )
            } else {
                (
                    row![
                        who,
                        button(text("Remove").size(13))
                            .on_press(Message::RemovePerson(index))
                            .style(button::text),
                    ]
                    .spacing(8)
                    .align_y(iced::Center)
                    .into(),
                    pick_list(Role::ALL, Some(on.role), move |role| {
                        Message::InvolvedRole(index, role)
                    })
                    .text_size(14)
                    .width(150)
                    .into(),
                )
            };
            let controls = row![kind, part].spacing(8).align_y(iced::Center);
            list = list.push(column![heading, controls].spacing(4));
        }
        let search = self.person_search.view(
            "incident-person",
            "Type a name or year group to add someone: ava, smith, year 8…",
            self.shown_people(),
            format!(
                "No one matches \"{}\". Check the spelling, or add them below as someone new.",
                self.person_search.query().trim()
            ),
            Message::PersonSearch,
        );
        labelled(
            "People involved",
            column![list, search, self.newcomer_row()].spacing(6),
        )
        .into()
    }

    /// Someone not yet in the people list: typed here, added with the role chosen above.
    fn newcomer_row(&self) -> Element<'_, Message> {
        let typed =
            !self.newcomer.given.trim().is_empty() && !self.newcomer.family.trim().is_empty();
        // The words on a line of their own, so the lists and name boxes keep their width on a
        // small screen.
        let mut kind = row![pick_list(Role::ALL, Some(self.role), Message::Role).width(Fill)]
            .spacing(8)
            .align_y(iced::Center);
        if self.role == Role::Pupil {
            kind = kind.push(
                pick_list(YearChoice::all(), self.newcomer.year, Message::NewYear)
                    .placeholder("Year group")
                    .width(Fill),
            );
        }
        let names = row![
            text_input("Given name", &self.newcomer.given)
                .id("incident-new-given")
                .on_input(Message::NewGiven)
                .padding(6),
            text_input("Family name", &self.newcomer.family)
                .id("incident-new-family")
                .on_input(Message::NewFamily)
                .padding(6),
            button("Add new")
                .on_press_maybe(typed.then_some(Message::AddNewPerson))
                .style(button::secondary)
                .padding([6, 14]),
        ]
        .spacing(8)
        .align_y(iced::Center);
        let line = column![
            text("Not listed? Add someone new:")
                .size(13)
                .style(style::muted),
            kind,
            names
        ]
        .spacing(6);
        let Some(PersonChoice(existing)) = self.look_alike() else {
            return line.into();
        };
        let warning = row![
            text(format!(
                "{} ({}) is already in the people list: adding them again would make a second record.",
                existing.name,
                pickers::person_detail(existing)
            ))
            .size(13)
            .style(style::error)
            .width(Fill),
            button(text(format!("Use {}", existing.name)).size(13))
                .on_press(Message::UseExisting(existing.id))
                .padding([4, 10]),
        ]
        .spacing(8)
        .align_y(iced::Center);
        column![line, warning].spacing(4).into()
    }

    fn actions_section(&self) -> Element<'_, Message> {
        if self.editing.is_some() {
            return labelled(
                "Actions",
                text("Actions are added and marked done on the incident's page.")
                    .style(style::muted),
            )
            .into();
        }
        if self.actions.is_empty() {
            return labelled(
                "Actions",
                text("Choose a category to see the actions the policy suggests.")
                    .style(style::muted),
            )
            .into();
        }
        let mut list = column![].spacing(4);
        for (index, action) in self.actions.iter().enumerate() {
            list = list.push(
                checkbox(action.chosen)
                    .label(action.action.clone())
                    .on_toggle(move |on| Message::ToggleAction(index, on)),
            );
        }
        labelled(
            "Actions (suggested by the sanctions table; untick what will not be done)",
            list,
        )
        .into()
    }

    fn guidance<'a>(&'a self, ctx: &Ctx<'a>) -> iced::widget::Container<'a, Message> {
        let Some(CategoryChoice(category)) = self.category else {
            return guidance_card(column![
                text("Guidance").size(17),
                text("The policy's guidance for the category appears here.").style(style::muted)
            ]);
        };
        let mut card = column![
            text("Guidance").size(17),
            text(category.short_title()).size(15),
            text(format!("The policy's words: {}", category.title))
                .size(13)
                .style(style::muted),
            level_line(category)
        ]
        .spacing(10);
        if category.level == Level::Illegal {
            let mut steps =
                column![text("Illegal: what to do now").size(15).style(style::error)].spacing(4);
            for (number, step) in ILLEGAL_INSTRUCTION.iter().enumerate() {
                steps = steps.push(text(format!("{}. {step}", number + 1)));
            }
            card = card.push(steps);
            card = card.push(text("It cannot be closed without a police referral or a recorded reason for not referring.").style(style::muted));
        }
        if category.may_be_illegal {
            card = card.push(text("The policy marks this as possibly illegal: consider whether the police should be involved.").style(style::muted));
        }
        if category.no_images {
            card = card.push(text("Never view, copy, print, share, store or save these images (UKCIS). Keep a written description only: the app will not accept any file for this incident.").style(style::error));
        }
        let involved: Vec<_> = self.involved.iter().map(|on| on.role.involved()).collect();
        if let Some(route) = rules::routing(&involved) {
            card = card.push(text(route.describe(ctx.settings)).style(style::error));
        }
        guidance_card(card)
    }
}

/// Every category, grouped by level (the most serious first), to choose by mouse.
fn every_category<'a>() -> Element<'a, Message> {
    let mut list = column![].spacing(2);
    for level in [Level::Illegal, Level::Unacceptable, Level::Inappropriate] {
        list = list.push(text(level.title()).size(14).style(style::muted));
        for category in CATEGORIES.iter().filter(|category| category.level == level) {
            let line = row![
                text(category.short_title()).size(14),
                text(category.whom()).size(13).style(style::muted),
            ]
            .spacing(10);
            list = list.push(
                button(line)
                    .on_press(Message::Category(CategoryChoice(category)))
                    .width(Fill)
                    .padding([3, 8])
                    .style(style::table_row),
            );
        }
    }
    container(list).padding(8).style(style::card).into()
}

fn level_line<'a>(category: &Category) -> Element<'a, Message> {
    let (label, styled): (&str, fn(&iced::Theme) -> text::Style) = match category.level {
        Level::Illegal => ("Level: illegal", style::error),
        Level::Unacceptable => ("Level: unacceptable", text::default),
        Level::Inappropriate => ("Level: inappropriate", style::muted),
    };
    text(label).style(styled).into()
}

fn guidance_card<'a>(
    content: iced::widget::Column<'a, Message>,
) -> iced::widget::Container<'a, Message> {
    container(content)
        .padding(16)
        .width(Fill)
        .style(style::card)
}

fn labelled<'a>(
    label: &'a str,
    control: impl Into<Element<'a, Message>>,
) -> iced::widget::Column<'a, Message> {
    column![text(label).size(13).style(style::muted), control.into()].spacing(4)
}
