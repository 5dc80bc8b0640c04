//! The "School actions & sanctions" tables: for each kind of pupil or staff incident, the
//! actions the policy ticks. Choosing one of these rows on an incident pre-selects its actions.
//!
//! Titles are the policy's words, verbatim, so the school recognises its own document; the
//! matrices editor lets a school change them.

/// A column of the "Student / Pupil Incidents" table, in the policy's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PupilAction {
    /// Refer to class teacher.
    ReferToClassTeacher,
    /// Refer to head of year.
    ReferToHeadOfYear,
    /// Refer to Headteacher.
    ReferToHeadteacher,
    /// Refer to the Police.
    ReferToPolice,
    /// Refer to technical support for action.
    ReferToTechnicalSupport,
    /// Inform parent / carers.
    InformParentsOrCarers,
    /// Removal of access rights to network / internet.
    RemoveNetworkAccess,
    /// Warning.
    Warning,
    /// Further action e.g. detention / exclusion.
    FurtherAction,
}

impl PupilAction {
    /// Every column, in the policy's order.
    pub const ALL: [PupilAction; 9] = [
        PupilAction::ReferToClassTeacher,
        PupilAction::ReferToHeadOfYear,
        PupilAction::ReferToHeadteacher,
        PupilAction::ReferToPolice,
        PupilAction::ReferToTechnicalSupport,
        PupilAction::InformParentsOrCarers,
        PupilAction::RemoveNetworkAccess,
        PupilAction::Warning,
        PupilAction::FurtherAction,
    ];

    /// The column heading as the policy prints it.
    pub fn title(self) -> &'static str {
        match self {
            PupilAction::ReferToClassTeacher => "Refer to class teacher",
            PupilAction::ReferToHeadOfYear => "Refer to head of year",
            PupilAction::ReferToHeadteacher => "Refer to Headteacher",
            PupilAction::ReferToPolice => "Refer to the Police",
            PupilAction::ReferToTechnicalSupport => "Refer to technical support for action",
            PupilAction::InformParentsOrCarers => "Inform parent / carers",
            PupilAction::RemoveNetworkAccess => "Removal of access rights to network / internet",
            PupilAction::Warning => "Warning",
            PupilAction::FurtherAction => "Further action e.g. detention / exclusion",
        }
    }
}

/// A column of the "Staff Incidents" table, in the policy's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StaffAction {
    /// Refer to line manager.
    ReferToLineManager,
    /// Refer to Headteacher.
    ReferToHeadteacher,
    /// Refer to Local Authority.
    ReferToLocalAuthority,
    /// Refer to the Police.
    ReferToPolice,
    /// Refer to technical support for action.
    ReferToTechnicalSupport,
    /// Warning.
    Warning,
    /// Suspension.
    Suspension,
    /// Disciplinary action.
    DisciplinaryAction,
}

impl StaffAction {
    /// Every column, in the policy's order.
    pub const ALL: [StaffAction; 8] = [
        StaffAction::ReferToLineManager,
        StaffAction::ReferToHeadteacher,
        StaffAction::ReferToLocalAuthority,
        StaffAction::ReferToPolice,
        StaffAction::ReferToTechnicalSupport,
        StaffAction::Warning,
        StaffAction::Suspension,
        StaffAction::DisciplinaryAction,
    ];

    /// The column heading as the policy prints it.
    pub fn title(self) -> &'static str {
        match self {
            StaffAction::ReferToLineManager => "Refer to line manager",
            StaffAction::ReferToHeadteacher => "Refer to Headteacher",
            StaffAction::ReferToLocalAuthority => "Refer to Local Authority",
            StaffAction::ReferToPolice => "Refer to the Police",
            StaffAction::ReferToTechnicalSupport => "Refer to technical support for action",
            StaffAction::Warning => "Warning",
            StaffAction::Suspension => "Suspension",
            StaffAction::DisciplinaryAction => "Disciplinary action",
        }
    }
}

/// One row of a sanctions table: a kind of incident and the actions the policy ticks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SanctionRow<A: 'static> {
    /// A stable identifier, kept when the school rewords the title.
    pub key: &'static str,
    /// The row as the policy words it.
    pub title: &'static str,
    /// The ticked actions, in column order.
    pub actions: &'static [A],
}

impl<A: Copy + PartialEq> SanctionRow<A> {
    /// Whether the policy ticks `action` for this row.
    pub fn suggests(&self, action: A) -> bool {
        self.actions.contains(&action)
    }
}

use PupilAction as P;

/// The pupil table's fullest row: every action short of the police.
const EVERYTHING_BUT_THE_POLICE: &[PupilAction] = &[
    P::ReferToClassTeacher,
    P::ReferToHeadOfYear,
    P::ReferToHeadteacher,
    P::ReferToTechnicalSupport,
    P::InformParentsOrCarers,
    P::RemoveNetworkAccess,
    P::Warning,
    P::FurtherAction,
];
use StaffAction as S;

/// The pupil sanctions table of the Stonebridge policy.
pub const PUPIL_SANCTIONS: [SanctionRow<PupilAction>; 16] = [
    SanctionRow {
        key: "pupil.illegal-material",
        title: "Deliberately accessing or trying to access material that could be considered illegal (see list in earlier section on unsuitable / inappropriate activities).",
        actions: &[
            P::ReferToHeadOfYear,
            P::ReferToHeadteacher,
            P::ReferToPolice,
        ],
    },
    SanctionRow {
        key: "pupil.non-educational-sites",
        title: "Unauthorised use of non-educational sites during lessons",
        actions: &[
            P::InformParentsOrCarers,
            P::RemoveNetworkAccess,
            P::Warning,
            P::FurtherAction,
        ],
    },
    SanctionRow {
        key: "pupil.mobile-devices",
        title: "Unauthorised / inappropriate use of mobile phones / digital cameras / other mobile devices",
        actions: &[P::InformParentsOrCarers, P::Warning],
    },
    SanctionRow {
        key: "pupil.social-media",
        title: "Unauthorised / inappropriate use of social media / messaging apps / personal email",
        actions: &[P::InformParentsOrCarers, P::Warning, P::FurtherAction],
    },
    SanctionRow {
        key: "pupil.downloading",
        title: "Unauthorised downloading or uploading of files",
        actions: &[P::Warning],
    },
    SanctionRow {
        key: "pupil.sharing-passwords",
        title: "Allowing others to access school network by sharing usernames and passwords",
        actions: &[P::Warning],
    },
    SanctionRow {
        key: "pupil.another-pupils-account",
        title: "Attempting to access the school network using another students / pupils account",
        actions: &[P::RemoveNetworkAccess, P::Warning],
    },
    SanctionRow {
        key: "pupil.staff-account",
        title: "Attempting to access the school network using the account of a member of staff",
        actions: &[P::InformParentsOrCarers, P::RemoveNetworkAccess, P::Warning],
    },
    SanctionRow {
        key: "pupil.corrupting-data",
        title: "Corrupting or destroying the data of others",
        actions: &[
            P::InformParentsOrCarers,
            P::RemoveNetworkAccess,
            P::Warning,
            P::FurtherAction,
        ],
    },
    SanctionRow {
        key: "pupil.offensive-messages",
        title: "Sending an email, text or message that is regarded as offensive, harassment or of a bullying nature",
        actions: EVERYTHING_BUT_THE_POLICE,
    },
    SanctionRow {
        key: "pupil.continued-infringements",
        title: "Continued infringements of the above, following previous warnings or sanctions",
        actions: &[P::ReferToPolice],
    },
    SanctionRow {
        key: "pupil.disrepute",
        title: "Actions which could bring the school into disrepute or breach the integrity of the ethos of the school",
        actions: &[
            P::InformParentsOrCarers,
            P::RemoveNetworkAccess,
            P::Warning,
            P::FurtherAction,
        ],
    },
    SanctionRow {
        key: "pupil.subverting-filtering",
        title: "Using proxy sites or other means to subvert the schools filtering system",
        actions: EVERYTHING_BUT_THE_POLICE,
    },
    SanctionRow {
        key: "pupil.accidental-offensive-unreported",
        title: "Accidentally accessing offensive or pornographic material and failing to report the incident",
        actions: &[P::InformParentsOrCarers, P::Warning],
    },
    SanctionRow {
        key: "pupil.deliberate-offensive",
        title: "Deliberately accessing or trying to access offensive or pornographic material",
        actions: EVERYTHING_BUT_THE_POLICE,
    },
    SanctionRow {
        key: "pupil.copyright-data-protection",
        title: "Receipt or transmission of material that infringes the copyright of another person or infringes the Data Protection Act",
        actions: &[
            P::ReferToTechnicalSupport,
            P::InformParentsOrCarers,
            P::Warning,
            P::FurtherAction,
        ],
    },
];

/// The staff sanctions table of the Stonebridge policy, as printed (see the note on
/// [`STAFF_SANCTIONS`]'s two rows whose ticks look shifted in the source).
pub const STAFF_SANCTIONS: [SanctionRow<StaffAction>; 15] = [
    SanctionRow {
        key: "staff.illegal-material",
        title: "Deliberately accessing or trying to access material that could be considered illegal (see list in earlier section on unsuitable / inappropriate activities).",
        actions: &[
            S::ReferToLineManager,
            S::ReferToHeadteacher,
            S::ReferToLocalAuthority,
            S::ReferToPolice,
            S::ReferToTechnicalSupport,
            S::Warning,
        ],
    },
    SanctionRow {
        key: "staff.inappropriate-internet-use",
        title: "Inappropriate use of the internet / social media / messaging apps / personal email",
        actions: &[
            S::ReferToLineManager,
            S::ReferToHeadteacher,
            S::ReferToTechnicalSupport,
            S::Warning,
            S::Suspension,
            S::DisciplinaryAction,
        ],
    },
    SanctionRow {
        key: "staff.downloading",
        title: "Unauthorised downloading or uploading of files",
        actions: &[S::ReferToTechnicalSupport, S::Warning],
    },
    SanctionRow {
        key: "staff.sharing-accounts",
        title: "Allowing others to access school network by sharing usernames and passwords or attempting to access the school network using another person's account",
        actions: &[
            S::ReferToHeadteacher,
            S::ReferToTechnicalSupport,
            S::Warning,
        ],
    },
    SanctionRow {
        key: "staff.careless-personal-data",
        title: "Careless use of personal data e.g. holding or transferring data in an insecure manner",
        actions: &[
            S::ReferToHeadteacher,
            S::ReferToTechnicalSupport,
            S::Warning,
        ],
    },
    SanctionRow {
        key: "staff.breaching-security",
        title: "Deliberate actions to breach data protection or network security rules",
        actions: &[
            S::ReferToHeadteacher,
            S::ReferToTechnicalSupport,
            S::Warning,
            S::DisciplinaryAction,
        ],
    },
    SanctionRow {
        key: "staff.corrupting-data",
        title: "Corrupting or destroying the data of other users or causing deliberate damage to hardware or software",
        actions: &[
            S::ReferToHeadteacher,
            S::ReferToTechnicalSupport,
            S::Warning,
            S::DisciplinaryAction,
        ],
    },
    SanctionRow {
        key: "staff.offensive-messages",
        title: "Sending an email, text or message that is regarded as offensive, harassment or of a bullying nature",
        actions: &[
            S::ReferToLineManager,
            S::ReferToHeadteacher,
            S::ReferToTechnicalSupport,
            S::Warning,
            S::Suspension,
            S::DisciplinaryAction,
        ],
    },
    SanctionRow {
        key: "staff.personal-communication-with-pupils",
        title: "Using personal email / social networking / instant messaging / text messaging to carry out digital communication with student's / pupil's",
        actions: &[S::ReferToHeadteacher, S::ReferToPolice],
    },
    SanctionRow {
        key: "staff.professional-standing",
        title: "Actions that would compromise the staff members professional standing",
        actions: &[
            S::ReferToLineManager,
            S::ReferToHeadteacher,
            S::ReferToTechnicalSupport,
            S::Warning,
            S::DisciplinaryAction,
        ],
    },
    SanctionRow {
        key: "staff.disrepute",
        title: "Actions which could bring the school into disrepute or breach the integrity of the ethos of the school",
        actions: &[S::ReferToHeadteacher, S::Warning, S::DisciplinaryAction],
    },
    // As printed. Both this row and "Breaching copyright" look shifted one or more columns
    // right in the source document; kept verbatim so the defaults are the policy's own.
    SanctionRow {
        key: "staff.accidental-offensive-unreported",
        title: "Accidentally accessing offensive or pornographic material and failing to report the incident",
        actions: &[
            S::ReferToLocalAuthority,
            S::ReferToPolice,
            S::ReferToTechnicalSupport,
        ],
    },
    SanctionRow {
        key: "staff.deliberate-offensive",
        title: "Deliberately accessing or trying to access offensive or pornographic material",
        actions: &[S::ReferToPolice, S::DisciplinaryAction],
    },
    SanctionRow {
        key: "staff.copyright-licensing",
        title: "Breaching copyright or licensing regulations",
        actions: &[S::Suspension],
    },
    SanctionRow {
        key: "staff.continued-infringements",
        title: "Continued infringements of the above, following previous warnings or sanctions",
        actions: &[S::DisciplinaryAction],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_row_suggests_something() {
        let mut keys: Vec<&str> = PUPIL_SANCTIONS
            .iter()
            .map(|r| r.key)
            .chain(STAFF_SANCTIONS.iter().map(|r| r.key))
            .collect();
        let total = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), total);
        assert!(PUPIL_SANCTIONS.iter().all(|row| !row.actions.is_empty()));
        assert!(STAFF_SANCTIONS.iter().all(|row| !row.actions.is_empty()));
    }

    #[test]
    fn deliberately_seeking_illegal_material_goes_to_the_police_for_pupils_and_staff() {
        assert!(PUPIL_SANCTIONS[0].suggests(PupilAction::ReferToPolice));
        assert!(!PUPIL_SANCTIONS[0].suggests(PupilAction::Warning));
        assert!(STAFF_SANCTIONS[0].suggests(StaffAction::ReferToPolice));
    }
}
