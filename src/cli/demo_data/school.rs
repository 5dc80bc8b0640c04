//! The demo school's roll (400 pupils, 60 staff, governors and volunteers) and three school
//! years of training, some of it overdue. Every name is made up.

use chrono::{Datelike, Duration, Months, NaiveDate};

use super::stories::{PUPILS, STAFF};
use crate::domain::person::{NewPerson, PersonFlags, PersonKind};
use crate::store::training::NewSession;
use crate::store::{StoreError, Vault};

/// Pupils on roll.
pub const DEMO_PUPILS: usize = 400;
/// Members of staff, leavers included.
pub const DEMO_STAFF: usize = 60;

const GIVEN: [&str; 30] = [
    "Adam", "Bella", "Callum", "Darcy", "Eli", "Faith", "George", "Hallie", "Ivan", "Jade", "Kian",
    "Lola", "Mason", "Nora", "Owen", "Piper", "Quinn", "Rhys", "Sienna", "Toby", "Una", "Vince",
    "Willow", "Xander", "Yasmin", "Zach", "Aria", "Bilal", "Cora", "Dev",
];
const FAMILY: [&str; 29] = [
    "Abbott",
    "Barnes",
    "Chowdhury",
    "Dixon",
    "Edwards",
    "Fletcher",
    "Gill",
    "Hart",
    "Islam",
    "Jackson",
    "Kaur",
    "Lewis",
    "Mensah",
    "Norris",
    "O'Brien",
    "Parker",
    "Quinlan",
    "Rahman",
    "Sharma",
    "Thompson",
    "Usman",
    "Vaughan",
    "Ward",
    "Yates",
    "Zielinski",
    "Adeyemi",
    "Byrne",
    "Costa",
    "Dale",
];

/// A member of staff and their dates.
#[derive(Debug, Clone, Copy)]
pub struct StaffMember {
    /// Their id.
    pub id: i64,
    /// When they started.
    pub start: NaiveDate,
    /// When they left, for leavers.
    pub leaving: Option<NaiveDate>,
}

/// Everyone on the demo school's books, by id.
#[derive(Debug, Default)]
pub struct Roll {
    /// Pupils with their year group.
    pub pupils: Vec<(i64, u8)>,
    /// Staff; the Headteacher first, the DSL second.
    pub staff: Vec<StaffMember>,
    /// Governors.
    pub governors: Vec<i64>,
    /// Volunteers.
    pub volunteers: Vec<i64>,
}

/// The `n`-th invented name: different for every `n` below 870, and never one of the named
/// cast's (no given name is shared).
fn invented(n: usize) -> (String, String) {
    let given = GIVEN[n % GIVEN.len()];
    let family = FAMILY[(n / GIVEN.len()) % FAMILY.len()];
    (given.to_owned(), family.to_owned())
}

/// An invented date of birth that puts a child in `year` (0 = Reception) on `today`: some day
/// of the twelve months from 1 September that make up the year group's cohort.
fn born_in_year_group(year: u8, n: usize, today: NaiveDate) -> Option<NaiveDate> {
    let school_year = today.year() - i32::from(today.month() < 9);
    let cohort = NaiveDate::from_ymd_opt(school_year - 5 - i32::from(year), 9, 1)?;
    cohort.checked_add_signed(Duration::days((n * 37 % 365) as i64))
}

/// Adds the school's people as of `today`.
pub fn add_roll(vault: &mut Vault, today: NaiveDate) -> Result<Roll, StoreError> {
    let mut roll = Roll::default();
    for n in 0..DEMO_PUPILS {
        let (given, family, year) = match PUPILS.get(n) {
            Some(&(given, family, year)) => (given.to_owned(), family.to_owned(), year),
            None => {
                let (given, family) = invented(n);
                (given, family, (n % 7) as u8)
            }
        };
        let mut pupil = NewPerson::named(PersonKind::Pupil, &given, &family);
        pupil.year_group = Some(year);
        pupil.date_of_birth = born_in_year_group(year, n, today);
        pupil.upn = format!("A8230{n:05}");
        pupil.external_id = format!("P{n:04}");
        roll.pupils.push((vault.add_person(&pupil)?, year));
    }
    for n in 0..DEMO_STAFF {
        let member = staff_member(n, today);
        let start = member.start_date.unwrap_or(today);
        let leaving = member.leaving_date;
        roll.staff.push(StaffMember {
            id: vault.add_person(&member)?,
            start,
            leaving,
        });
    }
    for n in 0..10 {
        let (given, family) = invented(500 + n);
        let governor = NewPerson::named(PersonKind::Governor, &given, &family);
        roll.governors.push(vault.add_person(&governor)?);
    }
    for n in 0..5 {
        let (given, family) = invented(600 + n);
        let volunteer = NewPerson::named(PersonKind::Volunteer, &given, &family);
        roll.volunteers.push(vault.add_person(&volunteer)?);
    }
    Ok(roll)
}

/// The `n`-th member of staff: the named cast first, then invented ones; three started this
/// term and two have left.
fn staff_member(n: usize, today: NaiveDate) -> NewPerson {
    let (given, family, role) = match STAFF.get(n) {
        Some(&(given, family, role)) => (given.to_owned(), family.to_owned(), role.to_owned()),
        None => {
            let (given, family) = invented(400 + n);
            let role = if n.is_multiple_of(3) {
                "Teaching assistant"
            } else {
                "Class teacher"
            };
            (given, family, role.to_owned())
        }
    };
    let mut member = NewPerson::named(PersonKind::Staff, &given, &family);
    member.is_headteacher = role == "Headteacher";
    member.flags = PersonFlags {
        dsl: role.contains("DSL"),
        deputy_dsl: role == "Headteacher",
        esafety_group: matches!(n, 2..=4),
        technical: role == "Network manager",
        teaching: role.contains("teacher") || role.contains("Headteacher"),
    };
    member.role = role;
    member.external_id = format!("S{n:03}");
    let years_ago = (n * 13 % 10) as u32 + 1;
    member.start_date = today.checked_sub_months(Months::new(12 * years_ago));
    if n >= DEMO_STAFF - 3 {
        member.start_date = Some(today - Duration::days(20 + n as i64));
    }
    if matches!(n, 20 | 33) {
        member.leaving_date = Some(today - Duration::days(100 + n as i64));
    }
    member
}

/// The start of term in September `year`: the first weekday from the 2nd.
fn inset_day(year: i32) -> NaiveDate {
    let mut day = NaiveDate::from_ymd_opt(year, 9, 2).unwrap_or_default();
    while day.weekday().number_from_monday() > 5 {
        day += Duration::days(1);
    }
    day
}

/// Three school years of sessions: the annual update each September (a few absent), each
/// member of staff's induction, DSL, E-Safety Group and governor training — some of it lapsed.
pub fn add_training(vault: &mut Vault, roll: &Roll, today: NaiveDate) -> Result<(), StoreError> {
    let types = vault.training_types()?;
    let id = |key: &str| types.iter().find(|t| t.kind.key == key).map(|t| t.id);
    let (Some(induction), Some(annual), Some(dsl), Some(group), Some(governors)) = (
        id("induction"),
        id("annual-update"),
        id("dsl"),
        id("esafety-group"),
        id("governor-awareness"),
    ) else {
        return Ok(());
    };
    let here_on = |member: &StaffMember, day: NaiveDate| {
        member.start <= day && member.leaving.is_none_or(|left| left > day)
    };
    let this_year = if today >= inset_day(today.year()) {
        today.year()
    } else {
        today.year() - 1
    };
    for (turn, year) in (this_year - 2..=this_year).enumerate() {
        let day = inset_day(year);
        let present: Vec<i64> = roll
            .staff
            .iter()
            .enumerate()
            .filter(|(n, member)| here_on(member, day) && (n + turn * 5) % 13 != 7)
            .map(|(_, member)| member.id)
            .collect();
        session(vault, annual, day, "Priya Shah (DSL)", present, today)?;
    }
    for (n, member) in roll.staff.iter().enumerate() {
        if n < DEMO_STAFF - 3 && member.start <= today {
            session(
                vault,
                induction,
                member.start,
                "Priya Shah (DSL)",
                vec![member.id],
                today,
            )?;
        }
    }
    let ago = |months: u32| {
        today
            .checked_sub_months(Months::new(months))
            .unwrap_or(today)
    };
    session(
        vault,
        dsl,
        ago(20),
        "Local authority safeguarding team",
        vec![roll.staff[1].id],
        today,
    )?;
    session(
        vault,
        dsl,
        ago(26),
        "Local authority safeguarding team",
        vec![roll.staff[0].id],
        today,
    )?;
    let group_members = roll.staff[2..5].iter().map(|m| m.id).collect();
    session(vault, group, ago(23), "SWGfL", group_members, today)?;
    session(
        vault,
        governors,
        ago(10),
        "National Governance Association",
        roll.governors[..6].to_vec(),
        today,
    )?;
    session(
        vault,
        governors,
        ago(26),
        "Local authority",
        roll.governors[6..8].to_vec(),
        today,
    )?;
    let volunteers = roll.volunteers[..3].to_vec();
    session(
        vault,
        induction,
        ago(4),
        "Priya Shah (DSL)",
        volunteers,
        today,
    )
}

fn session(
    vault: &mut Vault,
    type_id: i64,
    held_on: NaiveDate,
    provider: &str,
    attendees: Vec<i64>,
    today: NaiveDate,
) -> Result<(), StoreError> {
    if attendees.is_empty() {
        return Ok(());
    }
    let session = NewSession {
        type_id,
        held_on,
        provider: provider.into(),
        notes: String::new(),
        attendees,
    };
    vault.record_training_session(&session, today).map(drop)
}

/// The agreements and their signatures: staff re-confirmed this September (a few have not
/// yet), pupils signed in class (Year 3 has not yet), the staff agreement revised last year.
pub fn add_agreements(vault: &mut Vault, roll: &Roll, today: NaiveDate) -> Result<(), StoreError> {
    use crate::domain::aup::{Register, SigningMethod};
    let ago = |months: u32| {
        today
            .checked_sub_months(Months::new(months))
            .unwrap_or(today)
    };
    let staff_old = vault.add_aup_document(
        Register::Staff,
        "Staff and Volunteer Acceptable Use Agreement",
        "2023",
        ago(38),
    )?;
    let staff = vault.add_aup_document(
        Register::Staff,
        "Staff and Volunteer Acceptable Use Agreement",
        "2025",
        ago(15),
    )?;
    let pupils = vault.add_aup_document(
        Register::Pupils,
        "Pupil Acceptable Use Agreement (KS1 and KS2)",
        "2024",
        ago(26),
    )?;
    vault.add_aup_document(
        Register::Parents,
        "Parent and Carer Acceptable Use Agreement",
        "2024",
        ago(26),
    )?;
    vault.add_aup_document(
        Register::Community,
        "Community User Acceptable Use Agreement",
        "2024",
        ago(26),
    )?;
    let this_year = if today >= inset_day(today.year()) {
        today.year()
    } else {
        today.year() - 1
    };
    let signing_day = inset_day(this_year) + Duration::days(8);
    let here: Vec<&StaffMember> = roll
        .staff
        .iter()
        .filter(|m| m.leaving.is_none_or(|left| left > today) && m.start <= signing_day)
        .collect();
    let older: Vec<i64> = here.iter().map(|m| m.id).take(10).collect();
    vault.record_aup_signatures(staff_old, &older, ago(36), SigningMethod::Paper, today)?;
    let signed: Vec<i64> = here
        .iter()
        .enumerate()
        .filter(|(n, _)| n % 11 != 4)
        .map(|(_, m)| m.id)
        .collect();
    vault.record_aup_signatures(
        staff,
        &signed,
        signing_day,
        SigningMethod::Electronic,
        today,
    )?;
    for year in (0..=6).filter(|year| *year != 3) {
        let class: Vec<i64> = roll
            .pupils
            .iter()
            .enumerate()
            .filter(|(n, (_, y))| *y == year && n % 17 != 5)
            .map(|(_, (id, _))| *id)
            .collect();
        vault.record_aup_signatures(pupils, &class, signing_day, SigningMethod::Paper, today)?;
    }
    Ok(())
}

/// Photo consent forms returned at the start of each pupil's time here: most give every use,
/// some withhold social media and the press, a few forms never came back.
pub fn add_consent(vault: &mut Vault, roll: &Roll, today: NaiveDate) -> Result<(), StoreError> {
    use crate::domain::consent::{Answer, PhotoUse};
    let returned_on = inset_day(if today.month() >= 9 {
        today.year()
    } else {
        today.year() - 1
    }) + Duration::days(3);
    for (n, (pupil, _)) in roll.pupils.iter().enumerate() {
        if n % 12 == 7 {
            continue;
        }
        let answers: Vec<(PhotoUse, Answer)> = PhotoUse::ALL
            .into_iter()
            .map(|photo_use| {
                let withheld =
                    n % 9 == 2 && matches!(photo_use, PhotoUse::SocialMedia | PhotoUse::Press);
                (
                    photo_use,
                    if withheld {
                        Answer::Withheld
                    } else {
                        Answer::Given
                    },
                )
            })
            .collect();
        vault.record_photo_consent(
            *pupil,
            &answers,
            "Parent or carer (paper form)",
            returned_on.min(today),
            today,
        )?;
    }
    Ok(())
}
