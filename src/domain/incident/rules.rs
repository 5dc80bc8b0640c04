//! What the policy makes the incident log enforce: suggested actions, the illegal-content path,
//! the refusal of images, and routing when staff or the Headteacher are involved.

use thiserror::Error;

use crate::domain::SchoolSettings;
use crate::domain::incident::category::{Category, Level, Subject};
use crate::domain::incident::record::Role;
use crate::domain::policy::{
    PUPIL_SANCTIONS, PupilAction, STAFF_SANCTIONS, SanctionsMatrices, StaffAction,
};

/// What the form shows for an illegal category, in the policy's order of steps.
pub const ILLEGAL_INSTRUCTION: [&str; 4] = [
    "Stop. Do not investigate further, and do not view, copy, print or share the content.",
    "Report to the police immediately.",
    "Isolate the computer as far as you reasonably can: do not switch it off or change it, as any change may hinder a police investigation.",
    "Write down what you know now: what was seen, by whom, when, and on which device.",
];

/// The agencies an incident can be referred to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Referral {
    /// The police.
    Police,
    /// The Internet Watch Foundation (reporting child sexual abuse images online).
    InternetWatchFoundation,
    /// CEOP, the National Crime Agency's child protection command.
    Ceop,
    /// The Local Authority Designated Officer (allegations against adults).
    Lado,
    /// The local authority's safeguarding officer.
    LocalAuthoritySafeguarding,
    /// Prevent (radicalisation and extremism).
    Prevent,
    /// Children's social care.
    ChildrensSocialCare,
    /// The UK Safer Internet Centre's Professionals Online Safety Helpline.
    SaferInternetHelpline,
}

impl Referral {
    /// Every agency, in the order the form lists them.
    pub const ALL: [Referral; 8] = [
        Referral::Police,
        Referral::InternetWatchFoundation,
        Referral::Ceop,
        Referral::Lado,
        Referral::LocalAuthoritySafeguarding,
        Referral::Prevent,
        Referral::ChildrensSocialCare,
        Referral::SaferInternetHelpline,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Referral::Police => "police",
            Referral::InternetWatchFoundation => "iwf",
            Referral::Ceop => "ceop",
            Referral::Lado => "lado",
            Referral::LocalAuthoritySafeguarding => "la-safeguarding",
            Referral::Prevent => "prevent",
            Referral::ChildrensSocialCare => "childrens-social-care",
            Referral::SaferInternetHelpline => "uksic-helpline",
        }
    }

    /// The agency for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|agency| agency.code() == code)
    }

    /// The sanctions tables' actions that a referral to this agency carries out, so recording
    /// the referral marks them done.
    pub fn completes(self) -> Vec<&'static str> {
        use crate::domain::policy::sanctions::{PupilAction, StaffAction};
        match self {
            Referral::Police => vec![
                PupilAction::ReferToPolice.title(),
                StaffAction::ReferToPolice.title(),
            ],
            Referral::LocalAuthoritySafeguarding => {
                vec![StaffAction::ReferToLocalAuthority.title()]
            }
            _ => Vec::new(),
        }
    }

    /// The agency's name.
    pub fn title(self) -> &'static str {
        match self {
            Referral::Police => "Police",
            Referral::InternetWatchFoundation => "Internet Watch Foundation (IWF)",
            Referral::Ceop => "CEOP",
            Referral::Lado => "LADO",
            Referral::LocalAuthoritySafeguarding => "Local authority safeguarding officer",
            Referral::Prevent => "Prevent",
            Referral::ChildrensSocialCare => "Children's social care",
            Referral::SaferInternetHelpline => "UK Safer Internet Centre helpline",
        }
    }
}

/// Someone's part in an incident, as far as routing is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Involved {
    /// A pupil.
    Pupil,
    /// A member of staff other than the Headteacher.
    Staff,
    /// The Headteacher.
    Headteacher,
    /// A parent or carer.
    ParentOrCarer,
    /// A visitor or anyone else.
    Other,
}

/// Where an incident involving adults in school must be referred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteTo {
    /// A member of staff is involved: the Headteacher.
    Headteacher,
    /// The Headteacher is involved: the Chair of Governors and the LADO.
    ChairOfGovernorsAndLado,
}

impl RouteTo {
    /// The flag the record shows, with the names from the school settings.
    pub fn describe(self, settings: &SchoolSettings) -> String {
        let name = |value: &str| {
            if value.trim().is_empty() {
                "not named in Settings".to_owned()
            } else {
                value.trim().to_owned()
            }
        };
        match self {
            RouteTo::Headteacher => {
                format!("Refer to the Headteacher ({})", name(&settings.headteacher))
            }
            RouteTo::ChairOfGovernorsAndLado => format!(
                "Refer to the Chair of Governors ({}) and the LADO ({})",
                name(&settings.chair_of_governors),
                name(&settings.lado_contact)
            ),
        }
    }
}

/// Any concern about staff goes to the Headteacher; about the Headteacher, to the Chair of
/// Governors and the LADO (Matlock Bath policy, "Incident Management").
pub fn routing(involved: &[Involved]) -> Option<RouteTo> {
    if involved.contains(&Involved::Headteacher) {
        Some(RouteTo::ChairOfGovernorsAndLado)
    } else if involved.contains(&Involved::Staff) {
        Some(RouteTo::Headteacher)
    } else {
        None
    }
}

/// The pupil sanctions row `category` is dealt with under; none for a staff category.
pub fn pupil_row_key(category: &Category) -> Option<&'static str> {
    match category.subject {
        Subject::Pupil => Some(category.key),
        Subject::Anyone => category.pupil_sanctions,
        Subject::Staff => None,
    }
}

/// The staff sanctions row `category` is dealt with under; none for a pupil category.
pub fn staff_row_key(category: &Category) -> Option<&'static str> {
    match category.subject {
        Subject::Staff => Some(category.key),
        Subject::Anyone => category.staff_sanctions,
        Subject::Pupil => None,
    }
}

/// The actions the policy's own pupil table ticks for `category` (the shipped defaults).
pub fn suggested_pupil_actions(category: &Category) -> &'static [PupilAction] {
    pupil_row_key(category)
        .and_then(|key| PUPIL_SANCTIONS.iter().find(|row| row.key == key))
        .map_or(&[], |row| row.actions)
}

/// The actions the policy's own staff table ticks for `category` (the shipped defaults).
pub fn suggested_staff_actions(category: &Category) -> &'static [StaffAction] {
    staff_row_key(category)
        .and_then(|key| STAFF_SANCTIONS.iter().find(|row| row.key == key))
        .map_or(&[], |row| row.actions)
}

/// The actions to tick for `category` given the school's current sanctions tables and the
/// roles of the people involved: a pupil or staff row draws on its own table; an activity on
/// the pupil table, the staff table or both, by who is involved (pupils when nobody is named
/// yet). Each action appears once.
pub fn suggested_action_titles(
    matrices: &SanctionsMatrices,
    category: &Category,
    roles: &[Role],
) -> Vec<String> {
    let has_staff = roles
        .iter()
        .any(|role| matches!(role, Role::Staff | Role::Headteacher));
    let has_pupil = roles.contains(&Role::Pupil);
    let (pupils, staff) = match category.subject {
        Subject::Pupil => (true, false),
        Subject::Staff => (false, true),
        Subject::Anyone => (has_pupil || !has_staff, has_staff),
    };
    let pupil_actions = pupil_row_key(category)
        .filter(|_| pupils)
        .map(|key| matrices.pupil.actions_for(key))
        .unwrap_or_default();
    let staff_actions = staff_row_key(category)
        .filter(|_| staff)
        .map(|key| matrices.staff.actions_for(key))
        .unwrap_or_default();
    let mut titles: Vec<String> = Vec::new();
    for title in pupil_actions.into_iter().chain(staff_actions) {
        // Both tables have "Refer to Headteacher", "Refer to the Police", "Warning"…
        if !titles.iter().any(|t| t == title) {
            titles.push(title.to_owned());
        }
    }
    titles
}

/// Why an incident cannot be closed yet.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CloseProblem {
    /// An illegal category needs a police referral or a recorded reason for not referring.
    #[error(
        "This incident is in an illegal category: record the police referral, or the reason for deciding not to refer, before closing it"
    )]
    NeedsPoliceReferralOrReason,
}

/// Checks the policy's rule for closing: illegal incidents need the police or a written reason.
pub fn check_close(
    category: &Category,
    referred_to_police: bool,
    reason_not_referred: Option<&str>,
) -> Result<(), CloseProblem> {
    let has_reason = reason_not_referred.is_some_and(|reason| !reason.trim().is_empty());
    if category.level == Level::Illegal && !referred_to_police && !has_reason {
        return Err(CloseProblem::NeedsPoliceReferralOrReason);
    }
    Ok(())
}

/// Why an evidence file is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EvidenceRefusal {
    /// Images of this kind must never be stored.
    #[error(
        "No image, screenshot or file can be kept for this category: such images must never be viewed, copied, printed, shared, stored or saved (UKCIS guidance). Keep a written description only"
    )]
    NoImagesForCategory,
}

/// Checks whether an evidence file may be attached to an incident in `category`.
pub fn check_evidence(category: &Category) -> Result<(), EvidenceRefusal> {
    if category.no_images {
        Err(EvidenceRefusal::NoImagesForCategory)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::incident::category::{CATEGORIES, category};

    #[test]
    fn every_category_draws_its_suggestions_from_the_sanctions_tables() {
        for category in CATEGORIES {
            let pupil = suggested_pupil_actions(category);
            let staff = suggested_staff_actions(category);
            match category.subject {
                Subject::Pupil => {
                    assert!(!pupil.is_empty() && staff.is_empty(), "{}", category.key)
                }
                Subject::Staff => {
                    assert!(pupil.is_empty() && !staff.is_empty(), "{}", category.key)
                }
                Subject::Anyone => {
                    assert!(!pupil.is_empty() && !staff.is_empty(), "{}", category.key)
                }
            }
        }
    }

    #[test]
    fn each_sanctions_row_is_a_category_with_the_same_words() {
        for row in &PUPIL_SANCTIONS {
            let found = category(row.key).unwrap_or_else(|| panic!("no category {}", row.key));
            assert_eq!((found.title, found.subject), (row.title, Subject::Pupil));
            assert_eq!(suggested_pupil_actions(found), row.actions);
        }
        for row in &STAFF_SANCTIONS {
            let found = category(row.key).unwrap_or_else(|| panic!("no category {}", row.key));
            assert_eq!((found.title, found.subject), (row.title, Subject::Staff));
            assert_eq!(suggested_staff_actions(found), row.actions);
        }
    }

    #[test]
    fn illegal_activities_send_pupils_and_staff_to_the_police() {
        let illegal: Vec<&str> = CATEGORIES
            .iter()
            .filter(|c| c.level == Level::Illegal && c.subject == Subject::Anyone)
            .map(|c| c.key)
            .collect();
        assert_eq!(
            illegal,
            [
                "activity.child-sexual-abuse-images",
                "activity.grooming",
                "activity.extreme-pornography",
                "activity.criminally-racist-material",
                "activity.extremism-terrorism",
                "activity.nudes-semi-nudes",
            ]
        );
        for key in illegal {
            let found = category(key).unwrap();
            assert!(
                suggested_pupil_actions(found).contains(&PupilAction::ReferToPolice),
                "{key}"
            );
            assert!(
                suggested_staff_actions(found).contains(&StaffAction::ReferToPolice),
                "{key}"
            );
        }
    }

    #[test]
    fn an_illegal_incident_closes_only_with_a_police_referral_or_a_written_reason() {
        let grooming = category("activity.grooming").unwrap();
        assert_eq!(
            check_close(grooming, false, None),
            Err(CloseProblem::NeedsPoliceReferralOrReason)
        );
        assert_eq!(
            check_close(grooming, false, Some("   ")),
            Err(CloseProblem::NeedsPoliceReferralOrReason)
        );
        assert_eq!(check_close(grooming, true, None), Ok(()));
        assert_eq!(
            check_close(
                grooming,
                false,
                Some("Police advised by phone that no crime was disclosed")
            ),
            Ok(())
        );
        let lessons = category("pupil.non-educational-sites").unwrap();
        assert_eq!(check_close(lessons, false, None), Ok(()));
    }

    #[test]
    fn no_image_is_ever_kept_for_abuse_images_or_nudes() {
        for key in [
            "activity.child-sexual-abuse-images",
            "activity.nudes-semi-nudes",
        ] {
            assert_eq!(
                check_evidence(category(key).unwrap()),
                Err(EvidenceRefusal::NoImagesForCategory)
            );
        }
        assert_eq!(
            check_evidence(category("activity.pornography").unwrap()),
            Ok(())
        );
        assert_eq!(CATEGORIES.iter().filter(|c| c.no_images).count(), 2);
    }

    #[test]
    fn staff_go_to_the_headteacher_and_the_headteacher_to_the_chair_and_lado() {
        assert_eq!(routing(&[Involved::Pupil, Involved::ParentOrCarer]), None);
        assert_eq!(
            routing(&[Involved::Pupil, Involved::Staff]),
            Some(RouteTo::Headteacher)
        );
        assert_eq!(
            routing(&[Involved::Staff, Involved::Headteacher]),
            Some(RouteTo::ChairOfGovernorsAndLado)
        );
        let mut settings = SchoolSettings::new("Stonebridge Primary School", "Alex Morgan");
        settings.headteacher = "Daniel Okafor".into();
        assert_eq!(
            RouteTo::Headteacher.describe(&settings),
            "Refer to the Headteacher (Daniel Okafor)"
        );
        assert_eq!(
            RouteTo::ChairOfGovernorsAndLado.describe(&settings),
            "Refer to the Chair of Governors (not named in Settings) and the LADO (not named in Settings)"
        );
    }

    #[test]
    fn the_tables_drawn_on_follow_the_category_and_who_is_involved() {
        let tables = SanctionsMatrices::default();
        let staff_row = category("staff.careless-personal-data").unwrap();
        assert_eq!(
            suggested_action_titles(&tables, staff_row, &[]),
            [
                "Refer to Headteacher",
                "Refer to technical support for action",
                "Warning"
            ]
        );
        let grooming = category("activity.grooming").unwrap();
        assert_eq!(
            suggested_action_titles(&tables, grooming, &[]),
            [
                "Refer to head of year",
                "Refer to Headteacher",
                "Refer to the Police"
            ]
        );
        let both = suggested_action_titles(&tables, grooming, &[Role::Pupil, Role::Staff]);
        assert_eq!(
            both,
            [
                "Refer to head of year",
                "Refer to Headteacher",
                "Refer to the Police",
                "Refer to line manager",
                "Refer to Local Authority",
                "Refer to technical support for action",
                "Warning",
            ],
            "each action once"
        );
        assert!(
            !suggested_action_titles(&tables, grooming, &[Role::Headteacher])
                .contains(&"Refer to head of year".to_owned())
        );
    }

    #[test]
    fn suggestions_follow_the_school_s_current_tables_not_the_shipped_ones() {
        let mut tables = SanctionsMatrices::default();
        let row = tables
            .pupil
            .rows
            .iter_mut()
            .find(|row| row.key == "pupil.subverting-filtering")
            .unwrap();
        row.ticks = vec![false; row.ticks.len()];
        row.ticks[7] = true;
        let subverting = category("pupil.subverting-filtering").unwrap();
        assert_eq!(
            suggested_action_titles(&tables, subverting, &[Role::Pupil]),
            ["Warning"]
        );
    }

    #[test]
    fn category_keys_are_unique() {
        let mut keys: Vec<&str> = CATEGORIES.iter().map(|c| c.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), CATEGORIES.len());
    }
}
