//! Photo and video consent: for each pupil and each use, whether a parent or carer gave it,
//! withheld it, or has not returned the form; and whether the school renews it yearly.

use chrono::{Months, NaiveDate};

/// Where a pupil's photo or video may appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PhotoUse {
    /// The school website.
    Website,
    /// The school's social media.
    SocialMedia,
    /// Newspapers and other press.
    Press,
    /// Displays inside school.
    Displays,
}

impl PhotoUse {
    /// Every use, in the order the form asks.
    pub const ALL: [PhotoUse; 4] = [
        PhotoUse::Website,
        PhotoUse::SocialMedia,
        PhotoUse::Press,
        PhotoUse::Displays,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            PhotoUse::Website => "website",
            PhotoUse::SocialMedia => "social-media",
            PhotoUse::Press => "press",
            PhotoUse::Displays => "displays",
        }
    }

    /// The use for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.code() == code)
    }

    /// The words forms show.
    pub fn title(self) -> &'static str {
        match self {
            PhotoUse::Website => "School website",
            PhotoUse::SocialMedia => "Social media",
            PhotoUse::Press => "The press",
            PhotoUse::Displays => "Displays in school",
        }
    }
}

impl std::fmt::Display for PhotoUse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.title())
    }
}

/// A parent's or carer's answer for one use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    /// Consent given.
    Given,
    /// Consent withheld.
    Withheld,
}

impl Answer {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Answer::Given => "given",
            Answer::Withheld => "withheld",
        }
    }

    /// The answer for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        [Answer::Given, Answer::Withheld]
            .into_iter()
            .find(|a| a.code() == code)
    }
}

/// Where a pupil stands for one use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentStatus {
    /// Given, and in date.
    Given,
    /// Withheld.
    Withheld,
    /// No form back (or, where consent is renewed yearly, none this year).
    NotReturned,
}

impl ConsentStatus {
    /// The words lists show.
    pub fn title(self) -> &'static str {
        match self {
            ConsentStatus::Given => "Given",
            ConsentStatus::Withheld => "Withheld",
            ConsentStatus::NotReturned => "Not returned",
        }
    }

    /// Whether the pupil may appear for this use.
    pub fn may_appear(self) -> bool {
        self == ConsentStatus::Given
    }
}

/// Where a pupil stands, from their latest answer for a use (and when it was recorded); a
/// yearly school counts answers older than a year as not returned.
pub fn status(
    latest: Option<(Answer, NaiveDate)>,
    yearly: bool,
    today: NaiveDate,
) -> ConsentStatus {
    match latest {
        None => ConsentStatus::NotReturned,
        Some((_, recorded))
            if yearly
                && recorded
                    .checked_add_months(Months::new(12))
                    .is_some_and(|by| by <= today) =>
        {
            ConsentStatus::NotReturned
        }
        Some((Answer::Given, _)) => ConsentStatus::Given,
        Some((Answer::Withheld, _)) => ConsentStatus::Withheld,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn no_form_means_no_consent_and_yearly_schools_ask_again_after_a_year() {
        let today = day(2026, 9, 10);
        assert_eq!(status(None, false, today), ConsentStatus::NotReturned);
        assert!(!status(None, false, today).may_appear());
        let given = Some((Answer::Given, day(2024, 9, 10)));
        assert_eq!(
            status(given, false, today),
            ConsentStatus::Given,
            "on entry: once is enough"
        );
        assert_eq!(
            status(given, true, today),
            ConsentStatus::NotReturned,
            "yearly: two years old"
        );
        let recent = Some((Answer::Given, day(2025, 9, 11)));
        assert_eq!(status(recent, true, today), ConsentStatus::Given);
        let withheld = Some((Answer::Withheld, day(2026, 9, 1)));
        assert_eq!(status(withheld, true, today), ConsentStatus::Withheld);
    }
}
