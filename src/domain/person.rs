//! People: one record per person, reused across incidents, training and signatures.

use chrono::NaiveDate;
use thiserror::Error;

/// What a person is to the school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonKind {
    /// A pupil.
    Pupil,
    /// A member of staff.
    Staff,
    /// A governor.
    Governor,
    /// A volunteer.
    Volunteer,
    /// A parent or carer.
    ParentOrCarer,
    /// A community user.
    CommunityUser,
    /// A member of an external group, a visitor or anyone else.
    Other,
}

impl PersonKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [PersonKind; 7] = [
        PersonKind::Pupil,
        PersonKind::Staff,
        PersonKind::Governor,
        PersonKind::Volunteer,
        PersonKind::ParentOrCarer,
        PersonKind::CommunityUser,
        PersonKind::Other,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            PersonKind::Pupil => "pupil",
            PersonKind::Staff => "staff",
            PersonKind::Governor => "governor",
            PersonKind::Volunteer => "volunteer",
            PersonKind::ParentOrCarer => "parent",
            PersonKind::CommunityUser => "community",
            PersonKind::Other => "other",
        }
    }

    /// The kind for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The kind in words: "Pupil", "Parent or carer"…
    pub fn title(self) -> &'static str {
        match self {
            PersonKind::Pupil => "Pupil",
            PersonKind::Staff => "Staff",
            PersonKind::Governor => "Governor",
            PersonKind::Volunteer => "Volunteer",
            PersonKind::ParentOrCarer => "Parent or carer",
            PersonKind::CommunityUser => "Community user",
            PersonKind::Other => "Visitor or other",
        }
    }
}

/// A person as entered: the fields every kind shares, and a pupil's year group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    /// Pupil, staff, parent…
    pub kind: PersonKind,
    /// Given name.
    pub given_name: String,
    /// Family name.
    pub family_name: String,
    /// A pupil's year group: 0 for Reception, 1–13 for Year 1–13.
    pub year_group: Option<u8>,
    /// Date of birth (pupils).
    pub date_of_birth: Option<NaiveDate>,
    /// Role, e.g. "Class teacher" (staff).
    pub role: String,
    /// Whether this member of staff is the Headteacher (incidents involving them are routed
    /// to the Chair of Governors and the LADO).
    pub is_headteacher: bool,
    /// The roles that decide which training applies.
    pub flags: PersonFlags,
    /// When they started (staff, governors, volunteers).
    pub start_date: Option<NaiveDate>,
    /// When they left or leave; leavers drop out of the outstanding lists.
    pub leaving_date: Option<NaiveDate>,
    /// A pupil's Unique Pupil Number, if known.
    pub upn: String,
    /// The school's management information system's id, which re-imports match on.
    pub external_id: String,
}

/// A member of staff's safeguarding and online-safety roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PersonFlags {
    /// The Designated Safeguarding Lead.
    pub dsl: bool,
    /// A deputy DSL.
    pub deputy_dsl: bool,
    /// A member of the E-Safety Group.
    pub esafety_group: bool,
    /// Technical staff (network manager, technician).
    pub technical: bool,
    /// Teaching staff.
    pub teaching: bool,
}

/// What is wrong with a person's details.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PersonProblem {
    /// A name is missing.
    #[error("Enter both the given name and the family name")]
    NameMissing,
    /// A year group outside Reception to Year 13.
    #[error("A year group is Reception or Year 1 to Year 13")]
    YearGroupOutOfRange,
    /// A year group was given for someone who is not a pupil.
    #[error("Only pupils have a year group")]
    YearGroupNotForThisKind,
    /// Only staff can be the Headteacher.
    #[error("Only a member of staff can be the Headteacher")]
    HeadteacherNotStaff,
}

impl NewPerson {
    /// A person of `kind` with a name and nothing else.
    pub fn named(kind: PersonKind, given_name: &str, family_name: &str) -> Self {
        Self {
            kind,
            given_name: given_name.trim().to_owned(),
            family_name: family_name.trim().to_owned(),
            year_group: None,
            date_of_birth: None,
            role: String::new(),
            is_headteacher: false,
            flags: PersonFlags::default(),
            start_date: None,
            leaving_date: None,
            upn: String::new(),
            external_id: String::new(),
        }
    }

    /// Checks the details.
    pub fn validate(&self) -> Result<(), PersonProblem> {
        if self.given_name.trim().is_empty() || self.family_name.trim().is_empty() {
            return Err(PersonProblem::NameMissing);
        }
        match (self.kind, self.year_group) {
            (PersonKind::Pupil, Some(year)) if year > 13 => {
                return Err(PersonProblem::YearGroupOutOfRange);
            }
            (PersonKind::Pupil, _) | (_, None) => {}
            (_, Some(_)) => return Err(PersonProblem::YearGroupNotForThisKind),
        }
        if self.is_headteacher && self.kind != PersonKind::Staff {
            return Err(PersonProblem::HeadteacherNotStaff);
        }
        Ok(())
    }
}

/// "Reception" or "Year 7".
pub fn year_group_name(year: u8) -> String {
    if year == 0 {
        "Reception".into()
    } else {
        format!("Year {year}")
    }
}

/// The year group (0 = Reception) of a child born on `born`, on `day`, by the English rule that
/// Reception is the school year in which a child turns five; `None` outside Reception–Year 13.
pub fn year_group_on(born: NaiveDate, day: NaiveDate) -> Option<u8> {
    use chrono::Datelike;
    // Year groups change on 1 September (the term calendar's years run from 1 August, which
    // would move a child up a month early).
    let cohort = |date: NaiveDate| date.year() - i32::from(date.month() < 9);
    let year = cohort(day) - cohort(born) - 5;
    u8::try_from(year).ok().filter(|year| *year <= 13)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_groups_follow_the_september_birthday_rule() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // Born in October 2015: Reception in 2020-21, Year 5 in 2025-26.
        assert_eq!(year_group_on(day(2015, 10, 15), day(2020, 11, 2)), Some(0));
        assert_eq!(year_group_on(day(2015, 10, 15), day(2025, 11, 2)), Some(5));
        // Born on 31 August: the youngest of the same year as a September child a year older.
        assert_eq!(year_group_on(day(2016, 8, 31), day(2025, 11, 2)), Some(5));
        assert_eq!(year_group_on(day(2016, 9, 1), day(2025, 11, 2)), Some(4));
        // Moving up in September.
        assert_eq!(year_group_on(day(2015, 10, 15), day(2026, 9, 3)), Some(6));
        // Not yet of school age, or past Year 13.
        assert_eq!(year_group_on(day(2022, 1, 1), day(2025, 11, 2)), None);
        assert_eq!(year_group_on(day(2000, 1, 1), day(2025, 11, 2)), None);
    }

    #[test]
    fn names_year_groups_and_the_headteacher_flag_are_checked() {
        let mut pupil = NewPerson::named(PersonKind::Pupil, "Ava", "Jones");
        pupil.year_group = Some(5);
        assert_eq!(pupil.validate(), Ok(()));
        pupil.year_group = Some(14);
        assert_eq!(pupil.validate(), Err(PersonProblem::YearGroupOutOfRange));
        let mut parent = NewPerson::named(PersonKind::ParentOrCarer, "Sam", "Jones");
        parent.year_group = Some(5);
        assert_eq!(
            parent.validate(),
            Err(PersonProblem::YearGroupNotForThisKind)
        );
        parent.year_group = None;
        parent.is_headteacher = true;
        assert_eq!(parent.validate(), Err(PersonProblem::HeadteacherNotStaff));
        assert_eq!(
            NewPerson::named(PersonKind::Staff, " ", "X").validate(),
            Err(PersonProblem::NameMissing)
        );
        assert_eq!(year_group_name(0), "Reception");
        assert_eq!(
            PersonKind::from_code("parent"),
            Some(PersonKind::ParentOrCarer)
        );
    }
}
