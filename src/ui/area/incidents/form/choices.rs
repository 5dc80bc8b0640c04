//! What the form's pickers list.

use crate::domain::incident::Subject;
use crate::domain::incident::category::{Category, RiskArea};
use crate::store::people::Person;

/// A category in a pick-list: its short title, after whom it is about when only pupils or
/// only staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryChoice(pub &'static Category);

impl std::fmt::Display for CategoryChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let who = match self.0.subject {
            Subject::Pupil => "Pupil: ",
            Subject::Staff => "Staff: ",
            Subject::Anyone => "",
        };
        write!(f, "{who}{}", self.0.short_title())
    }
}

/// A KCSIE area in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskChoice(pub RiskArea);

impl std::fmt::Display for RiskChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.title())
    }
}

/// A person in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonChoice(pub Person);

impl std::fmt::Display for PersonChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.year_group {
            Some(year) => write!(
                f,
                "{} ({})",
                self.0.name,
                crate::domain::person::year_group_name(year)
            ),
            None => write!(f, "{} ({})", self.0.name, self.0.kind.code()),
        }
    }
}

/// A year group in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearChoice(pub u8);

impl YearChoice {
    /// Reception to Year 13.
    pub fn all() -> Vec<YearChoice> {
        (0..=13).map(YearChoice).collect()
    }
}

impl std::fmt::Display for YearChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::domain::person::year_group_name(self.0))
    }
}
