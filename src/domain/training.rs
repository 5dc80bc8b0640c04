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
}
