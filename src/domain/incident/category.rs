//! Incident categories: the rows of the policy's pupil and staff incident tables and of its
//! "unsuitable / inappropriate activities" list, each with its level and a KCSIE area of risk.
//!
//! The levels of the activities are the policy's ("unacceptable", "unacceptable and illegal").
//! The sanctions tables give no level, so their rows carry ours: illegal where the row names
//! illegal material, unacceptable for deliberate or harmful misuse, inappropriate otherwise.

mod short;

/// How serious a category is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Against the rules but not harmful in itself, e.g. non-educational sites in lessons.
    Inappropriate,
    /// Unacceptable use, dealt with through behaviour or disciplinary procedures.
    Unacceptable,
    /// Illegal: stop, do not investigate further, report to the police.
    Illegal,
}

impl Level {
    /// The level in words: "Inappropriate", "Unacceptable" or "Illegal".
    pub fn title(self) -> &'static str {
        match self {
            Level::Inappropriate => "Inappropriate",
            Level::Unacceptable => "Unacceptable",
            Level::Illegal => "Illegal",
        }
    }

    /// The level's code in files: `inappropriate`, `unacceptable` or `illegal`.
    pub fn code(self) -> &'static str {
        match self {
            Level::Inappropriate => "inappropriate",
            Level::Unacceptable => "unacceptable",
            Level::Illegal => "illegal",
        }
    }
}

/// Keeping Children Safe in Education's four areas of risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RiskArea {
    /// Exposure to illegal, inappropriate or harmful content.
    Content,
    /// Harmful online interaction with other users.
    Contact,
    /// Online behaviour that increases the likelihood of, or causes, harm.
    Conduct,
    /// Risks such as online gambling, advertising, phishing or financial scams.
    Commerce,
}

impl RiskArea {
    /// The area's name.
    pub fn title(self) -> &'static str {
        match self {
            RiskArea::Content => "Content",
            RiskArea::Contact => "Contact",
            RiskArea::Conduct => "Conduct",
            RiskArea::Commerce => "Commerce",
        }
    }

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            RiskArea::Content => "content",
            RiskArea::Contact => "contact",
            RiskArea::Conduct => "conduct",
            RiskArea::Commerce => "commerce",
        }
    }

    /// The area for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|area| area.code() == code)
    }

    /// All four, in KCSIE's order.
    pub const ALL: [RiskArea; 4] = [
        RiskArea::Content,
        RiskArea::Contact,
        RiskArea::Conduct,
        RiskArea::Commerce,
    ];
}

/// Whom a category is about, which decides the sanctions table it draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    /// A row of the pupil incidents table.
    Pupil,
    /// A row of the staff incidents table.
    Staff,
    /// An activity from the unacceptable-activities list: pupils or staff.
    Anyone,
}

/// One incident category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// A stable identifier.
    pub key: &'static str,
    /// The policy's words.
    pub title: &'static str,
    /// Whom it is about.
    pub subject: Subject,
    /// How serious it is.
    pub level: Level,
    /// The KCSIE area of risk it is tagged with by default.
    pub risk: RiskArea,
    /// The policy ticks "unacceptable and illegal" as well as "unacceptable": the police may
    /// need to be involved depending on what happened.
    pub may_be_illegal: bool,
    /// Images must never be viewed, copied or stored (child sexual abuse images; nudes and
    /// semi-nudes of young people, per UKCIS): only a written description is kept.
    pub no_images: bool,
    /// For an activity, the pupil sanctions row it is dealt with under.
    pub pupil_sanctions: Option<&'static str>,
    /// For an activity, the staff sanctions row it is dealt with under.
    pub staff_sanctions: Option<&'static str>,
}

/// The category for row `index` of the pupil sanctions table: its key and words are the row's.
const fn pupil_row(index: usize, level: Level, risk: RiskArea) -> Category {
    let row = &PUPIL_SANCTIONS[index];
    sanction_row(row.key, row.title, Subject::Pupil, level, risk)
}

/// The category for row `index` of the staff sanctions table: its key and words are the row's.
const fn staff_row(index: usize, level: Level, risk: RiskArea) -> Category {
    let row = &STAFF_SANCTIONS[index];
    sanction_row(row.key, row.title, Subject::Staff, level, risk)
}

const fn sanction_row(
    key: &'static str,
    title: &'static str,
    subject: Subject,
    level: Level,
    risk: RiskArea,
) -> Category {
    Category {
        key,
        title,
        subject,
        level,
        risk,
        may_be_illegal: false,
        no_images: false,
        pupil_sanctions: None,
        staff_sanctions: None,
    }
}

const fn activity(
    key: &'static str,
    title: &'static str,
    level: Level,
    risk: RiskArea,
    pupil: &'static str,
    staff: &'static str,
) -> Category {
    Category {
        key,
        title,
        subject: Subject::Anyone,
        level,
        risk,
        may_be_illegal: false,
        no_images: false,
        pupil_sanctions: Some(pupil),
        staff_sanctions: Some(staff),
    }
}

const fn may_be_illegal(category: Category) -> Category {
    Category {
        may_be_illegal: true,
        ..category
    }
}

const fn no_images(category: Category) -> Category {
    Category {
        no_images: true,
        ..category
    }
}

use crate::domain::policy::{PUPIL_SANCTIONS, STAFF_SANCTIONS};
use Level::{Illegal, Inappropriate, Unacceptable};
use RiskArea::{Commerce, Conduct, Contact, Content};

const ILLEGAL_PUPIL: &str = "pupil.illegal-material";
const ILLEGAL_STAFF: &str = "staff.illegal-material";

/// Every category, activities first (the most serious at the top), then pupil and staff rows.
pub const CATEGORIES: &[Category] = &[
    no_images(activity(
        "activity.child-sexual-abuse-images",
        "Child sexual abuse images – The making, production or distribution of indecent images of children. Contrary to The Protection of Children Act 1978",
        Illegal,
        Content,
        ILLEGAL_PUPIL,
        ILLEGAL_STAFF,
    )),
    activity(
        "activity.grooming",
        "Grooming, incitement, arrangement or facilitation of sexual acts against children Contrary to the Sexual Offences Act 2003",
        Illegal,
        Contact,
        ILLEGAL_PUPIL,
        ILLEGAL_STAFF,
    ),
    activity(
        "activity.extreme-pornography",
        "Possession of an extreme pornographic image (grossly offensive, disgusting or otherwise of an obscene character) Contrary to The Criminal Justice and Immigration Act 2008",
        Illegal,
        Content,
        ILLEGAL_PUPIL,
        ILLEGAL_STAFF,
    ),
    activity(
        "activity.criminally-racist-material",
        "Criminal racist material in UK – to stir up religious hatred (or hatred on the grounds of sexual orientation) Contrary to The Public Order Act 1986",
        Illegal,
        Content,
        ILLEGAL_PUPIL,
        ILLEGAL_STAFF,
    ),
    activity(
        "activity.extremism-terrorism",
        "Promotion of extremism or terrorism",
        Illegal,
        Content,
        ILLEGAL_PUPIL,
        ILLEGAL_STAFF,
    ),
    no_images(activity(
        "activity.nudes-semi-nudes",
        "Sharing nudes and semi-nudes of under-18s (UKCIS guidance)",
        Illegal,
        Conduct,
        ILLEGAL_PUPIL,
        ILLEGAL_STAFF,
    )),
    activity(
        "activity.pornography",
        "Pornography",
        Unacceptable,
        Content,
        "pupil.deliberate-offensive",
        "staff.deliberate-offensive",
    ),
    may_be_illegal(activity(
        "activity.discrimination",
        "Promotion of any kind of discrimination",
        Unacceptable,
        Content,
        "pupil.offensive-messages",
        "staff.offensive-messages",
    )),
    may_be_illegal(activity(
        "activity.threatening-behaviour",
        "Threatening behaviour, including promotion of physical violence or mental harm",
        Unacceptable,
        Conduct,
        "pupil.offensive-messages",
        "staff.offensive-messages",
    )),
    activity(
        "activity.offensive-or-disrepute",
        "Any other information which may be offensive to colleagues or breaches the integrity of the ethos of the school or brings the school into disrepute",
        Unacceptable,
        Content,
        "pupil.disrepute",
        "staff.disrepute",
    ),
    activity(
        "activity.private-business",
        "Using school systems to run a private business",
        Unacceptable,
        Commerce,
        "pupil.disrepute",
        "staff.professional-standing",
    ),
    activity(
        "activity.bypassing-filtering",
        "Using systems, applications, websites or other mechanisms that bypass the filtering or other safeguards employed by the school",
        Unacceptable,
        Conduct,
        "pupil.subverting-filtering",
        "staff.breaching-security",
    ),
    activity(
        "activity.infringing-copyright",
        "Infringing copyright",
        Unacceptable,
        Conduct,
        "pupil.copyright-data-protection",
        "staff.copyright-licensing",
    ),
    activity(
        "activity.revealing-confidential",
        "Revealing or publicising confidential or proprietary information (e.g. financial / personal information, databases, computer / network access codes and passwords)",
        Unacceptable,
        Conduct,
        "pupil.sharing-passwords",
        "staff.breaching-security",
    ),
    activity(
        "activity.viruses",
        "Creating or propagating computer viruses or other harmful files",
        Unacceptable,
        Conduct,
        "pupil.corrupting-data",
        "staff.corrupting-data",
    ),
    activity(
        "activity.unfair-usage",
        "Unfair usage (downloading / uploading large files that hinders others in the use of the internet)",
        Unacceptable,
        Conduct,
        "pupil.downloading",
        "staff.downloading",
    ),
    activity(
        "activity.gaming-educational",
        "Online gaming (educational)",
        Unacceptable,
        Conduct,
        "pupil.non-educational-sites",
        "staff.inappropriate-internet-use",
    ),
    activity(
        "activity.gaming-non-educational",
        // The policy prints "non- educational", a line-break left in its table.
        "Online gaming (non-educational)",
        Unacceptable,
        Conduct,
        "pupil.non-educational-sites",
        "staff.inappropriate-internet-use",
    ),
    activity(
        "activity.gambling",
        "Online gambling",
        Unacceptable,
        Commerce,
        "pupil.non-educational-sites",
        "staff.inappropriate-internet-use",
    ),
    pupil_row(0, Illegal, Content),        // pupil.illegal-material
    pupil_row(1, Inappropriate, Conduct),  // pupil.non-educational-sites
    pupil_row(2, Inappropriate, Conduct),  // pupil.mobile-devices
    pupil_row(3, Inappropriate, Contact),  // pupil.social-media
    pupil_row(4, Inappropriate, Conduct),  // pupil.downloading
    pupil_row(5, Inappropriate, Conduct),  // pupil.sharing-passwords
    pupil_row(6, Unacceptable, Conduct),   // pupil.another-pupils-account
    pupil_row(7, Unacceptable, Conduct),   // pupil.staff-account
    pupil_row(8, Unacceptable, Conduct),   // pupil.corrupting-data
    pupil_row(9, Unacceptable, Conduct),   // pupil.offensive-messages
    pupil_row(10, Unacceptable, Conduct),  // pupil.continued-infringements
    pupil_row(11, Unacceptable, Conduct),  // pupil.disrepute
    pupil_row(12, Unacceptable, Conduct),  // pupil.subverting-filtering
    pupil_row(13, Inappropriate, Content), // pupil.accidental-offensive-unreported
    pupil_row(14, Unacceptable, Content),  // pupil.deliberate-offensive
    pupil_row(15, Unacceptable, Conduct),  // pupil.copyright-data-protection
    staff_row(0, Illegal, Content),        // staff.illegal-material
    staff_row(1, Unacceptable, Conduct),   // staff.inappropriate-internet-use
    staff_row(2, Inappropriate, Conduct),  // staff.downloading
    staff_row(3, Unacceptable, Conduct),   // staff.sharing-accounts
    staff_row(4, Inappropriate, Conduct),  // staff.careless-personal-data
    staff_row(5, Unacceptable, Conduct),   // staff.breaching-security
    staff_row(6, Unacceptable, Conduct),   // staff.corrupting-data
    staff_row(7, Unacceptable, Conduct),   // staff.offensive-messages
    staff_row(8, Unacceptable, Contact),   // staff.personal-communication-with-pupils
    staff_row(9, Unacceptable, Conduct),   // staff.professional-standing
    staff_row(10, Unacceptable, Conduct),  // staff.disrepute
    staff_row(11, Inappropriate, Content), // staff.accidental-offensive-unreported
    staff_row(12, Unacceptable, Content),  // staff.deliberate-offensive
    staff_row(13, Inappropriate, Conduct), // staff.copyright-licensing
    staff_row(14, Unacceptable, Conduct),  // staff.continued-infringements
];

impl Category {
    /// A few words for the category, for pickers and lists; the title is the policy's wording.
    pub fn short_title(&self) -> &'static str {
        short::SHORT_TITLES
            .iter()
            .find(|(key, _)| *key == self.key)
            .map_or(self.title, |(_, short)| short)
    }

    /// Who the category is about, in words: "Pupils", "Staff" or "Pupils and staff".
    pub fn whom(&self) -> &'static str {
        match self.subject {
            Subject::Pupil => "Pupils",
            Subject::Staff => "Staff",
            Subject::Anyone => "Pupils and staff",
        }
    }
}

/// The category with `key`, if there is one.
pub fn category(key: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|category| category.key == key)
}

/// The category whose title is `title` in any case, if there is one (activities are matched
/// first). A space after a hyphen is ignored, so the policy's own "non- educational" matches.
pub fn category_titled(title: &str) -> Option<&'static Category> {
    let plain = |text: &str| text.trim().replace("- ", "-").to_lowercase();
    let wanted = plain(title);
    CATEGORIES
        .iter()
        .find(|category| plain(category.title) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_a_short_title_of_a_few_words_unique_among_its_people() {
        for category in CATEGORIES {
            let short = category.short_title();
            let listed = short::SHORT_TITLES
                .iter()
                .any(|(key, _)| *key == category.key);
            assert!(listed, "{} has no short title", category.key);
            assert!(short.split(' ').count() <= 7, "{short}");
            assert!(short.chars().count() <= 48, "{short}");
            let same = CATEGORIES
                .iter()
                .filter(|other| other.short_title() == short && other.subject == category.subject);
            assert_eq!(same.count(), 1, "{short} twice");
        }
        assert_eq!(short::SHORT_TITLES.len(), CATEGORIES.len());
    }

    #[test]
    fn a_title_matches_in_any_case_and_with_the_policys_stray_space() {
        let key = "activity.gaming-non-educational";
        for typed in [
            "Online gaming (non-educational)",
            "online gaming (non- educational)",
            " ONLINE GAMING (NON-EDUCATIONAL) ",
        ] {
            assert_eq!(category_titled(typed).map(|c| c.key), Some(key), "{typed}");
        }
        assert_eq!(
            category_titled("Online gaming (educational)").map(|c| c.key),
            Some("activity.gaming-educational")
        );
        assert!(category_titled("Online gaming").is_none());
    }
}
