//! The training audit: the kinds of training the policies and KCSIE ask for, who each applies
//! to, how often it must be renewed, and where each person stands.

use chrono::{Months, NaiveDate};

/// Days before the due date from which training counts as "due soon".
pub const DUE_SOON_DAYS: i64 = 30;

/// Who a training type applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Every member of staff.
    AllStaff,
    /// Every member of staff, and volunteers.
    StaffAndVolunteers,
    /// The Designated Safeguarding Lead and deputies.
    SafeguardingLeads,
    /// Members of the E-Safety Group.
    ESafetyGroup,
    /// Technical staff.
    TechnicalStaff,
    /// Governors.
    Governors,
}

impl Audience {
    /// Every audience, in the order forms list them.
    pub const ALL: [Audience; 6] = [
        Audience::AllStaff,
        Audience::StaffAndVolunteers,
        Audience::SafeguardingLeads,
        Audience::ESafetyGroup,
        Audience::TechnicalStaff,
        Audience::Governors,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Audience::AllStaff => "all-staff",
            Audience::StaffAndVolunteers => "staff-and-volunteers",
            Audience::SafeguardingLeads => "safeguarding-leads",
            Audience::ESafetyGroup => "esafety-group",
            Audience::TechnicalStaff => "technical-staff",
            Audience::Governors => "governors",
        }
    }

    /// The audience for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The words forms show.
    pub fn title(self) -> &'static str {
        match self {
            Audience::AllStaff => "All staff",
            Audience::StaffAndVolunteers => "Staff and volunteers",
            Audience::SafeguardingLeads => "DSL and deputies",
            Audience::ESafetyGroup => "E-Safety Group",
            Audience::TechnicalStaff => "Technical staff",
            Audience::Governors => "Governors",
        }
    }

    /// Whether someone with `roles` is in this audience.
    pub fn includes(self, roles: &StaffRoles) -> bool {
        match self {
            Audience::AllStaff => roles.staff,
            Audience::StaffAndVolunteers => roles.staff || roles.volunteer,
            Audience::SafeguardingLeads => roles.staff && (roles.dsl || roles.deputy_dsl),
            Audience::ESafetyGroup => roles.esafety_group,
            Audience::TechnicalStaff => roles.staff && roles.technical,
            Audience::Governors => roles.governor,
        }
    }
}

/// What decides which training applies to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StaffRoles {
    /// A member of staff.
    pub staff: bool,
    /// A volunteer.
    pub volunteer: bool,
    /// A governor.
    pub governor: bool,
    /// The Designated Safeguarding Lead.
    pub dsl: bool,
    /// A deputy DSL.
    pub deputy_dsl: bool,
    /// A member of the E-Safety Group.
    pub esafety_group: bool,
    /// Technical staff.
    pub technical: bool,
    /// Teaching staff.
    pub teaching: bool,
}

/// A group of people the audit can be narrowed to (and the governor report counts by).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StaffGroup {
    /// Every member of staff.
    AllStaff,
    /// Teaching staff.
    Teaching,
    /// Staff who do not teach.
    Support,
    /// The DSL and deputies.
    SafeguardingLeads,
    /// The E-Safety Group.
    ESafetyGroup,
    /// Technical staff.
    Technical,
    /// Governors.
    Governors,
    /// Volunteers.
    Volunteers,
}

impl StaffGroup {
    /// Every group, in the order lists show them.
    pub const ALL: [StaffGroup; 8] = [
        StaffGroup::AllStaff,
        StaffGroup::Teaching,
        StaffGroup::Support,
        StaffGroup::SafeguardingLeads,
        StaffGroup::ESafetyGroup,
        StaffGroup::Technical,
        StaffGroup::Governors,
        StaffGroup::Volunteers,
    ];

    /// The words lists show.
    pub fn title(self) -> &'static str {
        match self {
            StaffGroup::AllStaff => "All staff",
            StaffGroup::Teaching => "Teaching staff",
            StaffGroup::Support => "Support staff",
            StaffGroup::SafeguardingLeads => "DSL and deputies",
            StaffGroup::ESafetyGroup => "E-Safety Group",
            StaffGroup::Technical => "Technical staff",
            StaffGroup::Governors => "Governors",
            StaffGroup::Volunteers => "Volunteers",
        }
    }

    /// Whether someone with `roles` belongs to the group.
    pub fn includes(self, roles: &StaffRoles) -> bool {
        match self {
            StaffGroup::AllStaff => roles.staff,
            StaffGroup::Teaching => roles.staff && roles.teaching,
            StaffGroup::Support => roles.staff && !roles.teaching,
            StaffGroup::SafeguardingLeads => roles.staff && (roles.dsl || roles.deputy_dsl),
            StaffGroup::ESafetyGroup => roles.esafety_group,
            StaffGroup::Technical => roles.staff && roles.technical,
            StaffGroup::Governors => roles.governor,
            StaffGroup::Volunteers => roles.volunteer,
        }
    }
}

/// The longest renewal period a type may have, in months (ten years).
pub const LONGEST_RENEWAL_MONTHS: u32 = 120;

/// Why a training type cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TypeProblem {
    /// No name.
    #[error("Give the training a name")]
    NoName,
    /// A name too long for lists.
    #[error("Keep the training's name under 100 characters")]
    NameTooLong,
    /// A renewal period out of range.
    #[error("Renewal must be between 1 and 120 months, or left blank for once only")]
    RenewalOutOfRange,
    /// Another type has the name.
    #[error("There is already a training type called \"{0}\"")]
    NameTaken(String),
}

/// Reads a renewal period as typed: blank means once only, otherwise a whole number of months.
pub fn parse_renewal(typed: &str) -> Result<Option<u32>, TypeProblem> {
    let typed = typed.trim().trim_end_matches("months").trim();
    if typed.is_empty() {
        return Ok(None);
    }
    match typed.parse::<u32>() {
        Ok(months) if (1..=LONGEST_RENEWAL_MONTHS).contains(&months) => Ok(Some(months)),
        _ => Err(TypeProblem::RenewalOutOfRange),
    }
}

/// A kind of training the school tracks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingType {
    /// A stable identifier.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Months after which it must be done again; `None` for once only (induction).
    pub renewal_months: Option<u32>,
    /// Who it applies to.
    pub audience: Audience,
}

impl TrainingType {
    /// Checks the type against the others the school has (`others` excludes this one).
    pub fn validate<'a>(
        &self,
        mut others: impl Iterator<Item = &'a str>,
    ) -> Result<(), TypeProblem> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(TypeProblem::NoName);
        }
        if name.chars().count() > 100 {
            return Err(TypeProblem::NameTooLong);
        }
        if self
            .renewal_months
            .is_some_and(|m| !(1..=LONGEST_RENEWAL_MONTHS).contains(&m))
        {
            return Err(TypeProblem::RenewalOutOfRange);
        }
        match others.find(|other| other.trim().eq_ignore_ascii_case(name)) {
            Some(other) => Err(TypeProblem::NameTaken(other.to_owned())),
            None => Ok(()),
        }
    }
}

/// The types a new vault starts with, from the two policies and KCSIE.
pub fn default_types() -> Vec<TrainingType> {
    let kind = |key: &str, name: &str, renewal_months, audience| TrainingType {
        key: key.into(),
        name: name.into(),
        renewal_months,
        audience,
    };
    vec![
        kind(
            "induction",
            "Online-safety induction",
            None,
            Audience::StaffAndVolunteers,
        ),
        kind(
            "annual-update",
            "Annual safeguarding and online-safety update",
            Some(12),
            Audience::AllStaff,
        ),
        kind(
            "dsl",
            "DSL and deputy DSL training",
            Some(24),
            Audience::SafeguardingLeads,
        ),
        kind(
            "esafety-group",
            "E-Safety Group training",
            Some(24),
            Audience::ESafetyGroup,
        ),
        kind(
            "governor-awareness",
            "Governor online-safety awareness",
            Some(24),
            Audience::Governors,
        ),
    ]
}

/// Where someone stands for one training type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TrainingStatus {
    /// Never attended.
    NeverDone,
    /// Past its due date.
    Overdue,
    /// Due within [`DUE_SOON_DAYS`] days (or today).
    DueSoon,
    /// Done and not due soon.
    UpToDate,
}

impl TrainingStatus {
    /// Every status, most urgent first.
    pub const ALL: [TrainingStatus; 4] = [
        TrainingStatus::NeverDone,
        TrainingStatus::Overdue,
        TrainingStatus::DueSoon,
        TrainingStatus::UpToDate,
    ];

    /// The words the audit shows.
    pub fn title(self) -> &'static str {
        match self {
            TrainingStatus::NeverDone => "Never done",
            TrainingStatus::Overdue => "Overdue",
            TrainingStatus::DueSoon => "Due within 30 days",
            TrainingStatus::UpToDate => "Up to date",
        }
    }

    /// Whether it belongs on the outstanding list.
    pub fn outstanding(self) -> bool {
        self != TrainingStatus::UpToDate
    }
}

/// When training last done on `last` falls due again, for a type renewed every
/// `renewal_months` (never, for once-only training).
pub fn due_date(last: NaiveDate, renewal_months: Option<u32>) -> Option<NaiveDate> {
    renewal_months.and_then(|months| last.checked_add_months(Months::new(months)))
}

/// Where someone stands on `today`, having last done the training on `last`.
pub fn status(
    last: Option<NaiveDate>,
    renewal_months: Option<u32>,
    today: NaiveDate,
) -> TrainingStatus {
    let Some(last) = last else {
        return TrainingStatus::NeverDone;
    };
    match due_date(last, renewal_months) {
        None => TrainingStatus::UpToDate,
        Some(due) if due < today => TrainingStatus::Overdue,
        Some(due) if (due - today).num_days() <= DUE_SOON_DAYS => TrainingStatus::DueSoon,
        Some(_) => TrainingStatus::UpToDate,
    }
}

/// Whether someone who leaves on `leaving` is still on the outstanding lists on `today`.
pub fn still_here(leaving: Option<NaiveDate>, today: NaiveDate) -> bool {
    leaving.is_none_or(|day| day > today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn statuses_at_the_boundaries() {
        let today = day(2026, 9, 1);
        assert_eq!(status(None, Some(12), today), TrainingStatus::NeverDone);
        assert_eq!(
            status(Some(day(2025, 9, 1)), Some(12), today),
            TrainingStatus::DueSoon,
            "due today"
        );
        assert_eq!(
            status(Some(day(2025, 8, 31)), Some(12), today),
            TrainingStatus::Overdue,
            "due yesterday"
        );
        assert_eq!(
            status(Some(day(2025, 10, 1)), Some(12), today),
            TrainingStatus::DueSoon,
            "due in 30 days"
        );
        assert_eq!(
            status(Some(day(2025, 10, 2)), Some(12), today),
            TrainingStatus::UpToDate,
            "due in 31 days"
        );
        assert_eq!(
            status(Some(day(2015, 1, 1)), None, today),
            TrainingStatus::UpToDate,
            "induction is once"
        );
        assert_eq!(
            due_date(day(2024, 2, 29), Some(12)),
            Some(day(2025, 2, 28)),
            "a leap day renews on the last of February"
        );
    }

    #[test]
    fn leavers_drop_off_the_day_they_leave_and_audiences_follow_roles() {
        let today = day(2026, 9, 1);
        assert!(still_here(None, today));
        assert!(still_here(Some(day(2026, 9, 2)), today));
        assert!(!still_here(Some(today), today));
        let dsl = StaffRoles {
            staff: true,
            dsl: true,
            ..Default::default()
        };
        let governor = StaffRoles {
            governor: true,
            ..Default::default()
        };
        let volunteer = StaffRoles {
            volunteer: true,
            ..Default::default()
        };
        assert!(Audience::SafeguardingLeads.includes(&dsl));
        assert!(!Audience::SafeguardingLeads.includes(&governor));
        assert!(Audience::Governors.includes(&governor) && !Audience::AllStaff.includes(&governor));
        assert!(
            Audience::StaffAndVolunteers.includes(&volunteer)
                && !Audience::AllStaff.includes(&volunteer)
        );
        assert_eq!(default_types().len(), 5);
    }

    #[test]
    fn groups_follow_roles() {
        let teacher = StaffRoles {
            staff: true,
            teaching: true,
            ..Default::default()
        };
        let technician = StaffRoles {
            staff: true,
            technical: true,
            ..Default::default()
        };
        assert!(StaffGroup::Teaching.includes(&teacher) && !StaffGroup::Support.includes(&teacher));
        assert!(
            StaffGroup::Support.includes(&technician)
                && StaffGroup::Technical.includes(&technician)
        );
        assert!(!StaffGroup::AllStaff.includes(&StaffRoles {
            governor: true,
            ..Default::default()
        }));
    }

    #[test]
    fn types_are_checked_and_renewals_read() {
        let mut kind = default_types().remove(1);
        assert_eq!(kind.validate(["Induction"].into_iter()), Ok(()));
        assert_eq!(
            kind.validate(["ANNUAL SAFEGUARDING AND ONLINE-SAFETY UPDATE"].into_iter()),
            Err(TypeProblem::NameTaken(
                "ANNUAL SAFEGUARDING AND ONLINE-SAFETY UPDATE".into()
            ))
        );
        kind.renewal_months = Some(121);
        assert_eq!(
            kind.validate([].into_iter()),
            Err(TypeProblem::RenewalOutOfRange)
        );
        kind.name = "  ".into();
        assert_eq!(kind.validate([].into_iter()), Err(TypeProblem::NoName));
        assert_eq!(parse_renewal(""), Ok(None));
        assert_eq!(parse_renewal(" 36 months"), Ok(Some(36)));
        assert_eq!(parse_renewal("0"), Err(TypeProblem::RenewalOutOfRange));
        assert_eq!(parse_renewal("yearly"), Err(TypeProblem::RenewalOutOfRange));
    }
}
