//! The areas of the product, as the sidebar lists them.

pub mod aup;
pub mod dashboard;
pub mod incidents;
pub mod policy;
pub mod report;
pub mod schedule;
pub mod settings;
pub mod training;

/// A year-group filter: any, or one year group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClassFilter(pub Option<u8>);

impl ClassFilter {
    /// Any, then Reception to Year 13.
    pub fn all() -> Vec<ClassFilter> {
        std::iter::once(ClassFilter(None))
            .chain((0..=13).map(|year| ClassFilter(Some(year))))
            .collect()
    }
}

impl std::fmt::Display for ClassFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(year) => f.write_str(&crate::domain::person::year_group_name(year)),
            None => f.write_str("Any year group"),
        }
    }
}

/// One area of the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// The co-ordinator's overview.
    Dashboard,
    /// The incident log.
    Incidents,
    /// Staff, pupils and governors, and the training audit.
    PeopleAndTraining,
    /// Acceptable Use Policy signatures and photo consent.
    AupAndConsent,
    /// The mobile-device and communications matrices.
    DevicesAndCommunications,
    /// Policy review dates, governor reports and checks.
    ReviewSchedule,
    /// The half-termly report for governors.
    GovernorReport,
    /// School details, security and appearance.
    Settings,
}

impl Area {
    /// Every area in sidebar order.
    pub const ALL: [Area; 8] = [
        Area::Dashboard,
        Area::Incidents,
        Area::PeopleAndTraining,
        Area::AupAndConsent,
        Area::DevicesAndCommunications,
        Area::ReviewSchedule,
        Area::GovernorReport,
        Area::Settings,
    ];

    /// The name in the sidebar and the page heading.
    pub fn title(self) -> &'static str {
        match self {
            Area::Dashboard => "Dashboard",
            Area::Incidents => "Incidents",
            Area::PeopleAndTraining => "People & training",
            Area::AupAndConsent => "AUP & consent",
            Area::DevicesAndCommunications => "Devices & communications",
            Area::ReviewSchedule => "Review schedule",
            Area::GovernorReport => "Governor report",
            Area::Settings => "Settings",
        }
    }
}
