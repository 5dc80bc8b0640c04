//! The report's themes: the policy's forty-odd incident categories grouped into a handful a
//! governor can read at a glance. The groups are data the school adjusts and approves in
//! versions, like the policy's other tables; the defaults follow the two policies' wording and
//! UKCIS's and KCSIE's.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::incident::category::CATEGORIES;

/// One theme: its words and the categories it gathers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// A stable identifier: `bullying`.
    pub key: String,
    /// The words the report prints: "Bullying, harassment and hate online".
    pub title: String,
    /// The keys of its categories, in the order the report lists them.
    pub categories: Vec<String>,
}

/// Every theme, in the order the report prints them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportThemes {
    /// The themes.
    pub themes: Vec<Theme>,
}

/// Why a themes table cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ThemeProblem {
    /// A theme with no words.
    #[error("Every theme needs its words")]
    Untitled,
    /// Two themes with the same words.
    #[error("Two themes say \"{0}\"")]
    Repeated(String),
    /// A category in no theme: its incidents would be left out of the report.
    #[error("\"{0}\" is in no theme: put it in one, or its incidents are left out of the report")]
    Unplaced(String),
    /// A category in two themes: its incidents would be counted twice.
    #[error("\"{0}\" is in two themes: a category belongs to one")]
    Twice(String),
    /// A key that is no category of the policy.
    #[error("\"{0}\" is not one of the policy's categories")]
    Unknown(String),
}

/// What the report calls incidents whose category no theme of this version holds (a category
/// from a later version of the product): counted, never dropped.
pub const OTHER_THEME: &str = "Other incidents";

/// The shipped themes: (key, words, categories).
const STONEBRIDGE: &[(&str, &str, &[&str])] = &[
    (
        "bullying",
        "Bullying, harassment and hate online",
        &[
            "pupil.offensive-messages",
            "activity.threatening-behaviour",
            "activity.discrimination",
            "activity.criminally-racist-material",
        ],
    ),
    (
        "harmful-content",
        "Harmful or inappropriate content",
        &[
            "pupil.deliberate-offensive",
            "pupil.accidental-offensive-unreported",
            "activity.pornography",
            "activity.offensive-or-disrepute",
            "pupil.illegal-material",
            "activity.child-sexual-abuse-images",
            "activity.extreme-pornography",
            "activity.extremism-terrorism",
        ],
    ),
    (
        "filtering",
        "Getting round the filtering and network security",
        &[
            "pupil.subverting-filtering",
            "activity.bypassing-filtering",
            "pupil.corrupting-data",
            "activity.viruses",
            "pupil.downloading",
            "activity.unfair-usage",
        ],
    ),
    (
        "devices",
        "Phones, cameras, apps and games against the rules",
        &[
            "pupil.mobile-devices",
            "pupil.social-media",
            "pupil.non-educational-sites",
            "activity.gaming-educational",
            "activity.gaming-non-educational",
            "activity.gambling",
        ],
    ),
    (
        "accounts",
        "Accounts, passwords and personal data",
        &[
            "pupil.sharing-passwords",
            "pupil.another-pupils-account",
            "pupil.staff-account",
            "activity.revealing-confidential",
            "pupil.copyright-data-protection",
            "activity.infringing-copyright",
        ],
    ),
    (
        "contact",
        "Contact and exploitation (grooming)",
        &["activity.grooming"],
    ),
    (
        "nudes",
        "Nudes and semi-nudes",
        &["activity.nudes-semi-nudes"],
    ),
    (
        "repeated",
        "Repeated breaches and bringing the school into disrepute",
        &["pupil.continued-infringements", "pupil.disrepute"],
    ),
    (
        "staff",
        "Staff conduct",
        &[
            "staff.illegal-material",
            "staff.inappropriate-internet-use",
            "staff.downloading",
            "staff.sharing-accounts",
            "staff.careless-personal-data",
            "staff.breaching-security",
            "staff.corrupting-data",
            "staff.offensive-messages",
            "staff.personal-communication-with-pupils",
            "staff.professional-standing",
            "staff.disrepute",
            "staff.accidental-offensive-unreported",
            "staff.deliberate-offensive",
            "staff.copyright-licensing",
            "staff.continued-infringements",
            "activity.private-business",
        ],
    ),
];

impl ReportThemes {
    /// The shipped themes: every category of the policy in exactly one.
    pub fn stonebridge() -> Self {
        let themes = STONEBRIDGE
            .iter()
            .map(|(key, title, categories)| Theme {
                key: (*key).to_owned(),
                title: (*title).to_owned(),
                categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            })
            .collect();
        ReportThemes { themes }
    }

    /// The theme holding `category`, if one does.
    pub fn theme_of(&self, category: &str) -> Option<&Theme> {
        self.themes
            .iter()
            .find(|theme| theme.categories.iter().any(|c| c == category))
    }

    /// Moves `category` into the theme with `key` (out of the one it was in).
    pub fn place(&mut self, category: &str, key: &str) {
        for theme in &mut self.themes {
            theme.categories.retain(|c| c != category);
        }
        if let Some(theme) = self.themes.iter_mut().find(|t| t.key == key) {
            theme.categories.push(category.to_owned());
        }
    }

    /// Checks that every theme has words of its own and every category of the policy is in
    /// exactly one theme.
    pub fn validate(&self) -> Result<(), ThemeProblem> {
        let mut titles: Vec<String> = Vec::new();
        for theme in &self.themes {
            let title = theme.title.trim().to_lowercase();
            if title.is_empty() {
                return Err(ThemeProblem::Untitled);
            }
            if titles.contains(&title) {
                return Err(ThemeProblem::Repeated(theme.title.trim().to_owned()));
            }
            titles.push(title);
        }
        let placed: Vec<&String> = self.themes.iter().flat_map(|t| &t.categories).collect();
        if let Some(unknown) = placed
            .iter()
            .find(|key| crate::domain::incident::category::category(key).is_none())
        {
            return Err(ThemeProblem::Unknown((*unknown).clone()));
        }
        for category in CATEGORIES {
            match placed.iter().filter(|key| **key == category.key).count() {
                0 => return Err(ThemeProblem::Unplaced(category.short_title().to_owned())),
                1 => {}
                _ => return Err(ThemeProblem::Twice(category.short_title().to_owned())),
            }
        }
        Ok(())
    }

    /// What `self` changes from `before`, one line a change.
    pub fn changes(&self, before: &ReportThemes) -> Vec<String> {
        let mut lines = Vec::new();
        for theme in &self.themes {
            let was = before.themes.iter().find(|t| t.key == theme.key);
            if let Some(was) = was.filter(|was| was.title != theme.title) {
                lines.push(format!("\"{}\" now reads \"{}\"", was.title, theme.title));
            }
        }
        for category in CATEGORIES {
            let now = self.theme_of(category.key).map(|t| t.title.as_str());
            let then = before.theme_of(category.key).map(|t| t.title.as_str());
            if now != then {
                lines.push(format!(
                    "{}: now under \"{}\"",
                    category.short_title(),
                    now.unwrap_or(OTHER_THEME)
                ));
            }
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_themes_hold_every_category_once() {
        let themes = ReportThemes::stonebridge();
        assert_eq!(themes.validate(), Ok(()));
        assert!(themes.themes.len() <= 10, "a handful, not forty");
        assert_eq!(
            themes
                .theme_of("activity.nudes-semi-nudes")
                .map(|t| t.key.as_str()),
            Some("nudes")
        );
    }

    #[test]
    fn a_category_left_out_or_placed_twice_is_refused_by_name() {
        let mut themes = ReportThemes::stonebridge();
        themes.themes[0]
            .categories
            .push("pupil.mobile-devices".into());
        assert!(matches!(themes.validate(), Err(ThemeProblem::Twice(_))));
        themes.place("pupil.mobile-devices", "bullying");
        assert_eq!(themes.validate(), Ok(()));
        assert_eq!(
            themes
                .theme_of("pupil.mobile-devices")
                .map(|t| t.key.as_str()),
            Some("bullying")
        );
        themes.themes[0]
            .categories
            .retain(|c| c != "pupil.mobile-devices");
        assert!(matches!(themes.validate(), Err(ThemeProblem::Unplaced(_))));
        let mut renamed = ReportThemes::stonebridge();
        renamed.themes[1].title = renamed.themes[0].title.to_uppercase();
        assert!(matches!(renamed.validate(), Err(ThemeProblem::Repeated(_))));
    }

    #[test]
    fn changes_name_the_moved_category_and_its_new_theme() {
        let before = ReportThemes::stonebridge();
        let mut after = before.clone();
        after.place("pupil.social-media", "bullying");
        let lines = after.changes(&before);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("Bullying, harassment"), "{lines:?}");
    }
}
