//! The incident page's draft: what was typed into its small forms (a referral's reference, a
//! decision's reason, the conclusion, the investigation's fields…), kept in the vault through
//! a lock or a move to another page and put back when the incident is opened again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Draft, Drafts};
use crate::domain::incident::Outcome;

/// Where the draft of incident `id`'s page is kept.
pub(super) fn key(id: i64) -> String {
    format!("incident-{id}")
}

/// The typed fields by name, and the outcome chosen, as kept.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Kept {
    #[serde(default)]
    fields: BTreeMap<String, String>,
    #[serde(default)]
    outcome: Option<String>,
}

impl Draft {
    /// Every field, in the page's order.
    const ALL: [Draft; 19] = [
        Draft::AgencyReference,
        Draft::ReasonNotToRefer,
        Draft::Decision,
        Draft::ReferralOutcome,
        Draft::Conclusion,
        Draft::Action,
        Draft::ActionNote,
        Draft::ParentsAt,
        Draft::ParentsBy,
        Draft::Summary,
        Draft::FirstSenior,
        Draft::SecondSenior,
        Draft::Computer,
        Draft::SiteUrl,
        Draft::SiteDescription,
        Draft::GroupConclusion,
        Draft::EvidenceDescription,
        Draft::EvidencePath,
        Draft::PrintPath,
    ];

    /// The field's name in the kept draft.
    fn name(self) -> &'static str {
        match self {
            Draft::AgencyReference => "agency-reference",
            Draft::ReasonNotToRefer => "reason-not-to-refer",
            Draft::Decision => "decision",
            Draft::ReferralOutcome => "referral-outcome",
            Draft::Conclusion => "conclusion",
            Draft::Action => "action",
            Draft::ActionNote => "action-note",
            Draft::ParentsAt => "parents-at",
            Draft::ParentsBy => "parents-by",
            Draft::Summary => "summary",
            Draft::FirstSenior => "first-senior",
            Draft::SecondSenior => "second-senior",
            Draft::Computer => "computer",
            Draft::SiteUrl => "site-url",
            Draft::SiteDescription => "site-description",
            Draft::GroupConclusion => "group-conclusion",
            Draft::EvidenceDescription => "evidence-description",
            Draft::EvidencePath => "evidence-path",
            Draft::PrintPath => "print-path",
        }
    }
}

impl Drafts {
    /// What is typed in `which`, if anything (the summary: only once edited here).
    fn typed(&self, which: Draft) -> Option<&str> {
        let text = match which {
            Draft::AgencyReference => &self.agency_reference,
            Draft::ReasonNotToRefer => &self.reason_not_to_refer,
            Draft::Decision => &self.decision,
            Draft::ReferralOutcome => &self.referral_outcome,
            Draft::Conclusion => &self.conclusion,
            Draft::Action => &self.action,
            Draft::ActionNote => &self.action_note,
            Draft::ParentsAt => &self.parents_at,
            Draft::ParentsBy => &self.parents_by,
            Draft::Summary => return self.summary.as_deref(),
            Draft::FirstSenior => &self.first_senior,
            Draft::SecondSenior => &self.second_senior,
            Draft::Computer => &self.computer,
            Draft::SiteUrl => &self.site_url,
            Draft::SiteDescription => &self.site_description,
            Draft::GroupConclusion => &self.group_conclusion,
            Draft::EvidenceDescription => &self.evidence_description,
            Draft::EvidencePath => &self.evidence_path,
            Draft::PrintPath => &self.print_path,
        };
        (!text.is_empty()).then_some(text.as_str())
    }

    /// The text of `which`, to type into (the summary starts empty once edited).
    pub(super) fn field_mut(&mut self, which: Draft) -> &mut String {
        match which {
            Draft::AgencyReference => &mut self.agency_reference,
            Draft::ReasonNotToRefer => &mut self.reason_not_to_refer,
            Draft::Decision => &mut self.decision,
            Draft::ReferralOutcome => &mut self.referral_outcome,
            Draft::Conclusion => &mut self.conclusion,
            Draft::Action => &mut self.action,
            Draft::ActionNote => &mut self.action_note,
            Draft::ParentsAt => &mut self.parents_at,
            Draft::ParentsBy => &mut self.parents_by,
            Draft::Summary => self.summary.get_or_insert_default(),
            Draft::FirstSenior => &mut self.first_senior,
            Draft::SecondSenior => &mut self.second_senior,
            Draft::Computer => &mut self.computer,
            Draft::SiteUrl => &mut self.site_url,
            Draft::SiteDescription => &mut self.site_description,
            Draft::GroupConclusion => &mut self.group_conclusion,
            Draft::EvidenceDescription => &mut self.evidence_description,
            Draft::EvidencePath => &mut self.evidence_path,
            Draft::PrintPath => &mut self.print_path,
        }
    }

    /// The draft as kept; empty when nothing is typed, which the vault keeps as no draft.
    pub(super) fn to_text(&self) -> String {
        let kept = Kept {
            fields: Draft::ALL
                .into_iter()
                .filter_map(|which| Some((which.name().to_owned(), self.typed(which)?.to_owned())))
                .collect(),
            outcome: self.outcome.map(|outcome| outcome.code().to_owned()),
        };
        if kept.fields.is_empty() && kept.outcome.is_none() {
            return String::new();
        }
        serde_json::to_string(&kept).unwrap_or_default()
    }

    /// Puts a kept draft back; false if this version cannot read it or it holds nothing.
    pub(super) fn restore(&mut self, text: &str) -> bool {
        let Ok(kept) = serde_json::from_str::<Kept>(text) else {
            return false;
        };
        let mut any = false;
        for which in Draft::ALL {
            if let Some(value) = kept.fields.get(which.name()) {
                *self.field_mut(which) = value.clone();
                any = true;
            }
        }
        if let Some(outcome) = kept.outcome.as_deref().and_then(Outcome::from_code) {
            self.outcome = Some(outcome);
            any = true;
        }
        any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_typed_field_and_the_outcome_come_back() {
        let mut typed = Drafts::default();
        for (number, which) in Draft::ALL.into_iter().enumerate() {
            *typed.field_mut(which) = format!("typed {number}");
        }
        typed.outcome = Some(Outcome::Substantiated);
        let mut back = Drafts::default();
        assert!(back.restore(&typed.to_text()));
        for which in Draft::ALL {
            assert_eq!(back.typed(which), typed.typed(which), "{}", which.name());
        }
        assert_eq!(back.outcome, Some(Outcome::Substantiated));
    }

    #[test]
    fn nothing_typed_is_no_draft_and_an_unreadable_one_changes_nothing() {
        assert_eq!(Drafts::default().to_text(), "");
        let mut drafts = Drafts {
            conclusion: "kept".into(),
            ..Drafts::default()
        };
        assert!(!drafts.restore("not a draft"));
        assert_eq!(drafts.conclusion, "kept");
    }

    #[test]
    fn each_field_has_a_name_of_its_own() {
        let mut names: Vec<_> = Draft::ALL.iter().map(|which| which.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Draft::ALL.len());
    }
}
