//! The incident form's draft: what was typed, kept in the vault through a lock or a move to
//! another screen and put back when the form is opened again.

use serde::{Deserialize, Serialize};

use super::{CategoryChoice, Form, OnIncident, RiskChoice};
use crate::domain::incident::category::{self, RiskArea};
use crate::domain::incident::{Device, Location, Part, PlannedAction, Role};

/// The form's typed content, by field. Codes, not words, for the chosen values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct IncidentDraft {
    occurred: String,
    reported: String,
    reported_by: String,
    location: String,
    device: String,
    category: Option<String>,
    risk: String,
    description: String,
    urls: String,
    /// Each person on the form: id and role.
    people: Vec<(i64, String)>,
    /// Each person's part, in the order of `people` (drafts written before parts have none).
    #[serde(default)]
    parts: Vec<Option<String>>,
    /// Each action: words, suggested, chosen.
    actions: Vec<(String, bool, bool)>,
    reason: String,
}

impl IncidentDraft {
    /// What `form` holds now.
    pub(super) fn of(form: &Form) -> Self {
        Self {
            occurred: form.occurred.clone(),
            reported: form.reported.clone(),
            reported_by: form.reported_by.clone(),
            location: form.location.code().to_owned(),
            device: form.device.code().to_owned(),
            category: form.category.map(|c| c.0.key.to_owned()),
            risk: form.risk.0.code().to_owned(),
            description: form.description.text(),
            urls: form.urls.clone(),
            people: form
                .involved
                .iter()
                .map(|on| (on.person.id, on.role.code().to_owned()))
                .collect(),
            parts: form
                .involved
                .iter()
                .map(|on| on.part.map(|part| part.code().to_owned()))
                .collect(),
            actions: form
                .actions
                .iter()
                .map(|a| (a.action.clone(), a.suggested, a.chosen))
                .collect(),
            reason: form.reason.clone(),
        }
    }

    /// The draft as stored text.
    pub(super) fn to_text(&self) -> String {
        serde_json::to_string(self).expect("a draft always serialises")
    }

    /// A stored draft, or `None` if it is not one this version can read.
    pub(super) fn from_text(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// Puts the draft back into `form`. A value this version does not know leaves the form's
    /// own; a person no longer in the people list is left off.
    pub(super) fn apply(self, form: &mut Form) {
        form.occurred = self.occurred;
        form.reported = self.reported;
        form.reported_by = self.reported_by;
        form.location = Location::from_code(&self.location).unwrap_or(form.location);
        form.device = Device::from_code(&self.device).unwrap_or(form.device);
        form.category = self
            .category
            .as_deref()
            .and_then(category::category)
            .map(CategoryChoice);
        form.risk = RiskArea::from_code(&self.risk).map_or(form.risk, RiskChoice);
        form.description = iced::widget::text_editor::Content::with_text(&self.description);
        form.urls = self.urls;
        let parts = self.parts.iter().map(Some).chain(std::iter::repeat(None));
        form.involved = self
            .people
            .iter()
            .zip(parts)
            .filter_map(|((id, role), part)| {
                let person = form.everyone.iter().find(|p| p.0.id == *id)?;
                Some(OnIncident {
                    person: person.0.clone(),
                    role: Role::from_code(role)?,
                    part: part.and_then(|code| Part::from_code(code.as_deref()?)),
                })
            })
            .collect();
        form.actions = self
            .actions
            .into_iter()
            .map(|(action, suggested, chosen)| PlannedAction {
                action,
                suggested,
                chosen,
            })
            .collect();
        form.reason = self.reason;
    }
}
