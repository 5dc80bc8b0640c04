//! After the first record: amendments with their reasons, the investigation the policy
//! describes ("Other incidents": two senior members of staff, a designated computer, each site
//! visited described), evidence files, and the summary written for governors.

use thiserror::Error;

use crate::domain::incident::category::{Category, Level};
use crate::domain::incident::rules::{self, EvidenceRefusal};

/// The largest evidence file kept, in bytes (25 MiB: a long screen recording is too big; a
/// screenshot or a document is not).
pub const MAX_EVIDENCE_BYTES: usize = 25 * 1024 * 1024;

/// The longest summary for governors, in characters.
pub const MAX_GOVERNOR_SUMMARY: usize = 600;

/// Who investigates and on which computer, as the policy asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvestigation {
    /// The first senior member of staff.
    pub first_senior: String,
    /// The second senior member of staff.
    pub second_senior: String,
    /// The computer set aside for the investigation, e.g. "ICT office laptop 3 (asset 0417)".
    pub designated_computer: String,
}

/// What stops an investigation, an evidence file, an amendment or a summary being recorded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InvestigationProblem {
    /// Illegal content is for the police, not the school.
    #[error(
        "This incident is in an illegal category: the policy says not to investigate it in school. Refer it to the police"
    )]
    IllegalNotInvestigated,
    /// Fewer than two senior members of staff.
    #[error("Name two senior members of staff: the policy asks for at least two")]
    NeedsTwoSeniorStaff,
    /// The same person named twice.
    #[error("The two senior members of staff must be different people")]
    SameSeniorTwice,
    /// No computer.
    #[error("Name the computer set aside for the investigation")]
    NoDesignatedComputer,
    /// A site visited without a description of its content.
    #[error("Describe what the site showed")]
    SiteUndescribed,
    /// An empty file.
    #[error("The file is empty")]
    EmptyFile,
    /// A file over the limit.
    #[error("The file is too large to keep: at most 25 MB")]
    FileTooLarge,
    /// Evidence refused for the category.
    #[error(transparent)]
    Refused(#[from] EvidenceRefusal),
    /// An amendment without its reason.
    #[error("Give the reason for the change")]
    ReasonMissing,
    /// An amendment that changes nothing.
    #[error("Nothing has changed")]
    NothingChanged,
    /// A governors' summary that names someone on the incident.
    #[error(
        "The summary for governors names \"{0}\": it must not name anyone, so governors see it anonymised"
    )]
    SummaryNamesSomeone(String),
    /// A summary over the limit.
    #[error("The summary for governors is too long: at most {MAX_GOVERNOR_SUMMARY} characters")]
    SummaryTooLong,
}

impl NewInvestigation {
    /// Checks the investigation for an incident in `category`.
    pub fn validate(&self, category: &Category) -> Result<(), InvestigationProblem> {
        if category.level == Level::Illegal {
            return Err(InvestigationProblem::IllegalNotInvestigated);
        }
        let (first, second) = (self.first_senior.trim(), self.second_senior.trim());
        if first.is_empty() || second.is_empty() {
            return Err(InvestigationProblem::NeedsTwoSeniorStaff);
        }
        if first.eq_ignore_ascii_case(second) {
            return Err(InvestigationProblem::SameSeniorTwice);
        }
        if self.designated_computer.trim().is_empty() {
            return Err(InvestigationProblem::NoDesignatedComputer);
        }
        Ok(())
    }
}

/// Checks an evidence file of `size` bytes for an incident in `category`.
pub fn check_evidence_file(category: &Category, size: usize) -> Result<(), InvestigationProblem> {
    rules::check_evidence(category)?;
    match size {
        0 => Err(InvestigationProblem::EmptyFile),
        size if size > MAX_EVIDENCE_BYTES => Err(InvestigationProblem::FileTooLarge),
        _ => Ok(()),
    }
}

/// Checks a site visited during the investigation: its description is what the record is for.
pub fn check_site(description: &str) -> Result<(), InvestigationProblem> {
    if description.trim().is_empty() {
        Err(InvestigationProblem::SiteUndescribed)
    } else {
        Ok(())
    }
}

/// Checks an amendment's reason.
pub fn check_reason(reason: &str) -> Result<(), InvestigationProblem> {
    if reason.trim().is_empty() {
        Err(InvestigationProblem::ReasonMissing)
    } else {
        Ok(())
    }
}

/// Checks a summary written for governors against the names of the people on the incident:
/// no given or family name (as a whole word, any case) may appear.
pub fn check_governor_summary(summary: &str, names: &[String]) -> Result<(), InvestigationProblem> {
    if summary.chars().count() > MAX_GOVERNOR_SUMMARY {
        return Err(InvestigationProblem::SummaryTooLong);
    }
    let words: Vec<String> = summary
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .map(str::to_lowercase)
        .collect();
    let named = names
        .iter()
        .flat_map(|name| name.split_whitespace())
        .find(|part| part.chars().count() > 1 && words.contains(&part.to_lowercase()));
    match named {
        Some(part) => Err(InvestigationProblem::SummaryNamesSomeone(part.to_owned())),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::incident::category::category;

    fn investigation(first: &str, second: &str, computer: &str) -> NewInvestigation {
        NewInvestigation {
            first_senior: first.into(),
            second_senior: second.into(),
            designated_computer: computer.into(),
        }
    }

    #[test]
    fn an_investigation_needs_two_different_seniors_and_a_computer_and_never_illegal_content() {
        let gaming = category("pupil.non-educational-sites").unwrap();
        let good = investigation("Priya Shah", "Tom Reid", "ICT office laptop 3");
        assert_eq!(good.validate(gaming), Ok(()));
        assert_eq!(
            investigation("Priya Shah", " ", "Laptop").validate(gaming),
            Err(InvestigationProblem::NeedsTwoSeniorStaff)
        );
        assert_eq!(
            investigation("Priya Shah", "priya shah", "Laptop").validate(gaming),
            Err(InvestigationProblem::SameSeniorTwice)
        );
        assert_eq!(
            investigation("Priya Shah", "Tom Reid", "").validate(gaming),
            Err(InvestigationProblem::NoDesignatedComputer)
        );
        let grooming = category("activity.grooming").unwrap();
        assert_eq!(
            good.validate(grooming),
            Err(InvestigationProblem::IllegalNotInvestigated)
        );
    }

    #[test]
    fn evidence_files_are_refused_for_nudes_and_when_empty_or_too_large() {
        let nudes = category("activity.nudes-semi-nudes").unwrap();
        assert!(matches!(
            check_evidence_file(nudes, 10),
            Err(InvestigationProblem::Refused(_))
        ));
        let gaming = category("pupil.non-educational-sites").unwrap();
        assert_eq!(check_evidence_file(gaming, 1000), Ok(()));
        assert_eq!(
            check_evidence_file(gaming, 0),
            Err(InvestigationProblem::EmptyFile)
        );
        assert_eq!(
            check_evidence_file(gaming, MAX_EVIDENCE_BYTES + 1),
            Err(InvestigationProblem::FileTooLarge)
        );
    }

    #[test]
    fn a_summary_for_governors_may_not_name_anyone_on_the_incident() {
        let names = ["Zara Hughes".to_owned(), "Tom O'Neill".to_owned()];
        assert_eq!(
            check_governor_summary("A Year 6 pupil used a proxy; warned.", &names),
            Ok(())
        );
        assert_eq!(
            check_governor_summary("zara used a proxy", &names),
            Err(InvestigationProblem::SummaryNamesSomeone("Zara".into()))
        );
        assert_eq!(
            check_governor_summary("Reported by Mr O'Neill.", &names),
            Err(InvestigationProblem::SummaryNamesSomeone("O'Neill".into()))
        );
        assert_eq!(
            check_governor_summary("Hughesfield Road", &names),
            Ok(()),
            "only whole words count"
        );
        let long = "a".repeat(MAX_GOVERNOR_SUMMARY + 1);
        assert_eq!(
            check_governor_summary(&long, &names),
            Err(InvestigationProblem::SummaryTooLong)
        );
    }
}
