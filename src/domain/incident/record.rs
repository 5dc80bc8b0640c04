//! An incident as the co-ordinator records it, and the checks made before it is saved.

use chrono::{Datelike, NaiveDateTime};
use thiserror::Error;

use crate::domain::incident::category::{self, RiskArea};
use crate::domain::incident::rules::Involved;

/// The longest description kept, in characters (about ten pages).
pub const MAX_DESCRIPTION: usize = 20_000;

macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal, $title:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            /// Every value, in the order forms list them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The code stored in the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// The words a form shows.
            pub fn title(self) -> &'static str {
                match self { $($name::$variant => $title,)+ }
            }

            /// The value for a stored code.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|value| value.code() == code)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.title())
            }
        }
    };
}

coded_enum!(
    /// Where the incident happened.
    Location {
        /// In a classroom.
        Classroom => "classroom", "Classroom";
        /// Elsewhere on the school site.
        ElsewhereInSchool => "school", "Elsewhere in school";
        /// At home.
        Home => "home", "Home";
        /// Online, with no physical place that matters.
        Online => "online", "Online";
        /// Somewhere else.
        Other => "other", "Other";
    }
);

coded_enum!(
    /// The device used: the kinds of the policy's mobile-device matrix.
    Device {
        /// School-owned, for a single user.
        SchoolSingleUser => "school-single", "School-owned, single user";
        /// School-owned, shared.
        SchoolShared => "school-shared", "School-owned, shared";
        /// An authorised device.
        Authorised => "authorised", "Authorised device";
        /// Pupil-owned.
        PupilOwned => "pupil-owned", "Pupil-owned";
        /// Staff-owned.
        StaffOwned => "staff-owned", "Staff-owned";
        /// Visitor-owned.
        VisitorOwned => "visitor-owned", "Visitor-owned";
        /// Not known or no device.
        NotKnown => "unknown", "Not known";
    }
);

coded_enum!(
    /// Where the incident stands.
    Status {
        /// Recorded, not yet investigated.
        Open => "open", "Open";
        /// Being investigated.
        UnderInvestigation => "investigating", "Under investigation";
        /// Closed with an outcome.
        Closed => "closed", "Closed";
    }
);

coded_enum!(
    /// What the investigation concluded.
    Outcome {
        /// The concern had substance.
        Substantiated => "substantiated", "Substantiated";
        /// The concern did not have substance.
        NotSubstantiated => "not-substantiated", "Not substantiated";
    }
);

coded_enum!(
    /// A person's part in an incident.
    Role {
        /// A pupil.
        Pupil => "pupil", "Pupil";
        /// A member of staff.
        Staff => "staff", "Member of staff";
        /// The Headteacher.
        Headteacher => "headteacher", "Headteacher";
        /// A parent or carer.
        ParentOrCarer => "parent", "Parent or carer";
        /// A visitor or anyone else.
        Other => "other", "Visitor or other";
    }
);

impl Role {
    /// The role as routing sees it.
    pub fn involved(self) -> Involved {
        match self {
            Role::Pupil => Involved::Pupil,
            Role::Staff => Involved::Staff,
            Role::Headteacher => Involved::Headteacher,
            Role::ParentOrCarer => Involved::ParentOrCarer,
            Role::Other => Involved::Other,
        }
    }
}

coded_enum!(
    /// What a person did or suffered in an incident, in the words KCSIE and the UKCIS
    /// guidance use without labelling a child. Records made before this was asked, and logs
    /// imported without it, have none: the app never guesses it.
    Part {
        /// It happened to them: harmed, upset or put at risk.
        Affected => "affected", "Affected (harmed or at risk)";
        /// They are said to have done it; nothing is found until the investigation says so.
        Responsible => "responsible", "Alleged to be responsible";
        /// They saw or know of it.
        Witness => "witness", "Witness";
        /// Reported it, supported someone, or was told of it: a parent, a member of staff.
        Other => "other", "Other part (reported it, supporting)";
    }
);

/// One person on an incident: who, as what kind of person, and their part if it was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Involvement {
    /// The person's id.
    pub person: i64,
    /// What kind of person they are in it (pupil, member of staff…), which routes it.
    pub role: Role,
    /// What they did or suffered, if the co-ordinator said.
    pub part: Option<Part>,
}

impl Involvement {
    /// `person` as `role`, with no part given.
    pub fn new(person: i64, role: Role) -> Self {
        Self {
            person,
            role,
            part: None,
        }
    }

    /// The same, with `part` given.
    pub fn with_part(self, part: Part) -> Self {
        Self {
            part: Some(part),
            ..self
        }
    }
}

/// One action on a new incident: suggested by the sanctions table, chosen by the co-ordinator,
/// or both. The record keeps both facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedAction {
    /// The action's words, e.g. "Inform parent / carers".
    pub action: String,
    /// The policy's table ticks it for this category.
    pub suggested: bool,
    /// The co-ordinator kept or added it.
    pub chosen: bool,
}

/// A new incident as the form collects it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewIncident {
    /// When it happened.
    pub occurred_at: NaiveDateTime,
    /// When it was reported.
    pub reported_at: NaiveDateTime,
    /// Who reported it.
    pub reported_by: String,
    /// Where it happened.
    pub location: Location,
    /// The device used.
    pub device: Device,
    /// The category's key.
    pub category: String,
    /// The KCSIE area of risk (defaults to the category's).
    pub risk: RiskArea,
    /// What happened, in the co-ordinator's words.
    pub description: String,
    /// Addresses of the sites concerned, one each.
    pub urls: Vec<String>,
    /// The people involved, each with their role and part.
    pub people: Vec<Involvement>,
    /// The actions suggested and chosen.
    pub actions: Vec<PlannedAction>,
}

/// What is wrong with a new incident; each names the field to fix.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IncidentProblem {
    /// The date it happened is after now.
    #[error("When it happened cannot be in the future")]
    OccurredInFuture,
    /// The date it was reported is after now.
    #[error("When it was reported cannot be in the future")]
    ReportedInFuture,
    /// Reported before it happened.
    #[error("It cannot have been reported before it happened")]
    ReportedBeforeOccurred,
    /// No reporter.
    #[error("Enter who reported it")]
    ReporterMissing,
    /// No description.
    #[error("Describe what happened")]
    DescriptionMissing,
    /// Description too long.
    #[error("The description is too long: at most {MAX_DESCRIPTION} characters")]
    DescriptionTooLong,
    /// A category key that does not exist.
    #[error("Choose a category from the list")]
    UnknownCategory,
    /// A URL that is not a web address.
    #[error(
        "\"{0}\" is not a web address (it should start with http:// or https://, or be a site name like example.com)"
    )]
    NotAWebAddress(String),
    /// The same person twice.
    #[error("The same person is listed twice")]
    PersonTwice,
    /// Closing without saying what was concluded.
    #[error("Write the conclusion before closing the incident")]
    ConclusionMissing,
}

/// Checks what is needed to close an incident: the outcome is chosen by type; the conclusion
/// must be written.
pub fn check_conclusion(conclusion: &str) -> Result<(), IncidentProblem> {
    if conclusion.trim().is_empty() {
        Err(IncidentProblem::ConclusionMissing)
    } else {
        Ok(())
    }
}

impl NewIncident {
    /// Checks the incident against the form's rules at `now`: the first problem, if any.
    pub fn validate(&self, now: NaiveDateTime) -> Result<(), IncidentProblem> {
        self.problems(now).into_iter().next().map_or(Ok(()), Err)
    }

    /// Every problem with the incident at `now`, in the form's order, each naming its field.
    pub fn problems(&self, now: NaiveDateTime) -> Vec<IncidentProblem> {
        let mut problems = Vec::new();
        if self.occurred_at > now {
            problems.push(IncidentProblem::OccurredInFuture);
        }
        if self.reported_at > now {
            problems.push(IncidentProblem::ReportedInFuture);
        } else if self.reported_at < self.occurred_at {
            problems.push(IncidentProblem::ReportedBeforeOccurred);
        }
        if self.reported_by.trim().is_empty() {
            problems.push(IncidentProblem::ReporterMissing);
        }
        if category::category(&self.category).is_none() {
            problems.push(IncidentProblem::UnknownCategory);
        }
        if self.description.trim().is_empty() {
            problems.push(IncidentProblem::DescriptionMissing);
        } else if self.description.chars().count() > MAX_DESCRIPTION {
            problems.push(IncidentProblem::DescriptionTooLong);
        }
        problems.extend(
            self.urls
                .iter()
                .filter(|url| !looks_like_web_address(url))
                .map(|bad| IncidentProblem::NotAWebAddress(bad.clone())),
        );
        let mut ids: Vec<i64> = self.people.iter().map(|p| p.person).collect();
        ids.sort_unstable();
        if ids.windows(2).any(|pair| pair[0] == pair[1]) {
            problems.push(IncidentProblem::PersonTwice);
        }
        problems
    }
}

/// A field of the incident form, as a problem names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IncidentField {
    /// When it happened.
    Occurred,
    /// When it was reported.
    Reported,
    /// Who reported it.
    ReportedBy,
    /// The category.
    Category,
    /// What happened.
    Description,
    /// The web addresses.
    Urls,
    /// The people involved.
    People,
    /// The conclusion, when closing.
    Conclusion,
}

impl IncidentProblem {
    /// The field the problem is about, where the form shows it.
    pub fn field(&self) -> IncidentField {
        match self {
            IncidentProblem::OccurredInFuture => IncidentField::Occurred,
            IncidentProblem::ReportedInFuture | IncidentProblem::ReportedBeforeOccurred => {
                IncidentField::Reported
            }
            IncidentProblem::ReporterMissing => IncidentField::ReportedBy,
            IncidentProblem::DescriptionMissing | IncidentProblem::DescriptionTooLong => {
                IncidentField::Description
            }
            IncidentProblem::UnknownCategory => IncidentField::Category,
            IncidentProblem::NotAWebAddress(_) => IncidentField::Urls,
            IncidentProblem::PersonTwice => IncidentField::People,
            IncidentProblem::ConclusionMissing => IncidentField::Conclusion,
        }
    }
}

impl NewIncident {
    /// The problem with a typed web address, if it is not one.
    pub fn web_address_problem(text: &str) -> Option<IncidentProblem> {
        (!looks_like_web_address(text))
            .then(|| IncidentProblem::NotAWebAddress(text.trim().to_owned()))
    }
}

/// Whether `text` is a plausible web address: a scheme, or a dotted host name, and no spaces.
fn looks_like_web_address(text: &str) -> bool {
    let text = text.trim();
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .unwrap_or(text);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !text.is_empty()
        && !text.contains(char::is_whitespace)
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
}

/// The reference for the `number`-th incident reported in `year`, e.g. `ES-2025-0042`.
pub fn reference(reported_at: NaiveDateTime, number: u32) -> String {
    format!("ES-{}-{number:04}", reported_at.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2025, 11, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn incident() -> NewIncident {
        NewIncident {
            occurred_at: at(10, 9),
            reported_at: at(10, 11),
            reported_by: "Class teacher, 5B".into(),
            location: Location::Classroom,
            device: Device::SchoolShared,
            category: "pupil.subverting-filtering".into(),
            risk: RiskArea::Conduct,
            description: "Used a proxy site to reach a games site in a computing lesson.".into(),
            urls: vec![
                "https://proxy.example.net/browse".into(),
                "games.example.com".into(),
            ],
            people: vec![Involvement::new(1, Role::Pupil)],
            actions: vec![],
        }
    }

    #[test]
    fn a_complete_incident_passes() {
        assert_eq!(incident().validate(at(12, 0)), Ok(()));
    }

    #[test]
    fn every_problem_is_listed_at_once_each_at_its_field() {
        let mut bad = incident();
        bad.reported_by.clear();
        bad.description.clear();
        bad.category = "pupil.nonsense".into();
        bad.urls = vec!["not a site".into(), "ok.example.com".into(), "nope".into()];
        let problems = bad.problems(at(12, 0));
        let fields: Vec<IncidentField> = problems.iter().map(IncidentProblem::field).collect();
        assert_eq!(
            fields,
            [
                IncidentField::ReportedBy,
                IncidentField::Category,
                IncidentField::Description,
                IncidentField::Urls,
                IncidentField::Urls
            ]
        );
        assert_eq!(bad.validate(at(12, 0)), Err(problems[0].clone()));
        assert!(incident().problems(at(12, 0)).is_empty());
    }

    #[test]
    fn each_problem_is_named() {
        let now = at(12, 0);
        let check = |change: fn(&mut NewIncident), expected: IncidentProblem| {
            let mut bad = incident();
            change(&mut bad);
            assert_eq!(bad.validate(now), Err(expected));
        };
        check(
            |i| i.occurred_at = at(13, 0),
            IncidentProblem::OccurredInFuture,
        );
        check(
            |i| i.reported_at = at(13, 0),
            IncidentProblem::ReportedInFuture,
        );
        check(
            |i| i.reported_at = at(9, 0),
            IncidentProblem::ReportedBeforeOccurred,
        );
        check(
            |i| i.reported_by = "  ".into(),
            IncidentProblem::ReporterMissing,
        );
        check(
            |i| i.description.clear(),
            IncidentProblem::DescriptionMissing,
        );
        check(
            |i| i.description = "x".repeat(MAX_DESCRIPTION + 1),
            IncidentProblem::DescriptionTooLong,
        );
        check(
            |i| i.category = "pupil.nonsense".into(),
            IncidentProblem::UnknownCategory,
        );
        check(
            |i| i.urls.push("not a url".into()),
            IncidentProblem::NotAWebAddress("not a url".into()),
        );
        check(
            |i| i.people.push(Involvement::new(1, Role::Staff)),
            IncidentProblem::PersonTwice,
        );
    }

    #[test]
    fn references_count_within_the_year() {
        assert_eq!(reference(at(10, 9), 42), "ES-2025-0042");
        assert_eq!(
            Status::from_code("investigating"),
            Some(Status::UnderInvestigation)
        );
        assert_eq!(Device::ALL.len(), 7);
    }
}
