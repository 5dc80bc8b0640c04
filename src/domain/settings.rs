//! The school's details that reports, referrals and the incident log use.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::idle::{
    DEFAULT_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES,
};

/// The longest text a settings field may hold.
pub const MAX_FIELD_LENGTH: usize = 200;

/// The school's details and the vault-wide options kept in the encrypted database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolSettings {
    /// The school's name as it appears on reports.
    pub school_name: String,
    /// The E-Safety (Online Safety) Co-ordinator.
    pub coordinator: String,
    /// The Designated Safeguarding Lead.
    pub designated_safeguarding_lead: String,
    /// The Headteacher: staff incidents are referred to them.
    pub headteacher: String,
    /// The Chair of Governors: incidents involving the Headteacher go to them and the LADO.
    pub chair_of_governors: String,
    /// How to reach the Local Authority Designated Officer.
    pub lado_contact: String,
    /// Minutes with no input before the app locks itself.
    pub auto_lock_minutes: u32,
    /// The governor report shows counts from 1 to one below this as "fewer than N", so that
    /// small numbers cannot identify a child; 0 turns it off.
    #[serde(default = "default_small_numbers")]
    pub small_numbers_below: u32,
}

/// The small-number threshold a new school starts with.
pub const DEFAULT_SMALL_NUMBERS_BELOW: u32 = 3;

/// The highest small-number threshold allowed.
pub const MAX_SMALL_NUMBERS_BELOW: u32 = 10;

fn default_small_numbers() -> u32 {
    DEFAULT_SMALL_NUMBERS_BELOW
}

/// What is wrong with a settings form, named by field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SettingsProblem {
    /// A field that must be filled in is empty.
    #[error("{0} must be filled in")]
    Required(&'static str),
    /// A field is longer than a settings field may be.
    #[error("{0} is too long: at most {MAX_FIELD_LENGTH} characters")]
    TooLong(&'static str),
    /// A field holds a line break or other control character.
    #[error("{0} must be a single line of text")]
    NotOneLine(&'static str),
    /// The auto-lock time is outside the allowed range.
    #[error(
        "Auto-lock must be between {MIN_AUTO_LOCK_MINUTES} and {MAX_AUTO_LOCK_MINUTES} minutes"
    )]
    AutoLockOutOfRange,
    /// The small-number threshold is above the highest allowed.
    #[error("Counts can be hidden below at most {MAX_SMALL_NUMBERS_BELOW} (0 shows every count)")]
    SmallNumbersOutOfRange,
}

impl SchoolSettings {
    /// New settings for a school at set-up, with the policy defaults.
    pub fn new(school_name: &str, coordinator: &str) -> Self {
        Self {
            school_name: school_name.trim().to_owned(),
            coordinator: coordinator.trim().to_owned(),
            designated_safeguarding_lead: String::new(),
            headteacher: String::new(),
            chair_of_governors: String::new(),
            lado_contact: String::new(),
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
            small_numbers_below: DEFAULT_SMALL_NUMBERS_BELOW,
        }
    }

    /// Checks every field; the first problem found is returned.
    pub fn validate(&self) -> Result<(), SettingsProblem> {
        for (label, value, required) in self.fields() {
            check_field(label, value, required)?;
        }
        if !(MIN_AUTO_LOCK_MINUTES..=MAX_AUTO_LOCK_MINUTES).contains(&self.auto_lock_minutes) {
            return Err(SettingsProblem::AutoLockOutOfRange);
        }
        if self.small_numbers_below > MAX_SMALL_NUMBERS_BELOW {
            return Err(SettingsProblem::SmallNumbersOutOfRange);
        }
        Ok(())
    }

    /// The same settings with surrounding spaces removed from every text field.
    pub fn trimmed(mut self) -> Self {
        for field in [
            &mut self.school_name,
            &mut self.coordinator,
            &mut self.designated_safeguarding_lead,
            &mut self.headteacher,
            &mut self.chair_of_governors,
            &mut self.lado_contact,
        ] {
            *field = field.trim().to_owned();
        }
        self
    }

    fn fields(&self) -> [(&'static str, &str, bool); 6] {
        [
            ("School name", &self.school_name, true),
            ("Co-ordinator", &self.coordinator, true),
            (
                "Designated Safeguarding Lead",
                &self.designated_safeguarding_lead,
                false,
            ),
            ("Headteacher", &self.headteacher, false),
            ("Chair of Governors", &self.chair_of_governors, false),
            ("LADO contact", &self.lado_contact, false),
        ]
    }
}

fn check_field(label: &'static str, value: &str, required: bool) -> Result<(), SettingsProblem> {
    if required && value.trim().is_empty() {
        return Err(SettingsProblem::Required(label));
    }
    if value.chars().count() > MAX_FIELD_LENGTH {
        return Err(SettingsProblem::TooLong(label));
    }
    if value.chars().any(char::is_control) {
        return Err(SettingsProblem::NotOneLine(label));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_settings_take_the_policy_default_lock_out() {
        let settings = SchoolSettings::new("  Stonebridge Primary ", "A. Khan");
        assert_eq!(settings.school_name, "Stonebridge Primary");
        assert_eq!(settings.auto_lock_minutes, 10);
        assert_eq!(settings.small_numbers_below, 3);
        assert_eq!(settings.validate(), Ok(()));
    }

    #[test]
    fn each_problem_names_its_field() {
        let mut settings = SchoolSettings::new("", "A. Khan");
        assert_eq!(
            settings.validate(),
            Err(SettingsProblem::Required("School name"))
        );
        settings.school_name = "School".into();
        settings.headteacher = "Line\nbreak".into();
        assert_eq!(
            settings.validate(),
            Err(SettingsProblem::NotOneLine("Headteacher"))
        );
        settings.headteacher = "x".repeat(201);
        assert_eq!(
            settings.validate(),
            Err(SettingsProblem::TooLong("Headteacher"))
        );
        settings.headteacher.clear();
        settings.auto_lock_minutes = 0;
        assert_eq!(
            settings.validate(),
            Err(SettingsProblem::AutoLockOutOfRange)
        );
        settings.auto_lock_minutes = 10;
        settings.small_numbers_below = 11;
        assert_eq!(
            settings.validate(),
            Err(SettingsProblem::SmallNumbersOutOfRange)
        );
    }
}
