//! Sample data for the demo vault: an invented school's people and incident log. Every name
//! and event is made up; nothing here describes a real person.

use chrono::{Duration, NaiveDateTime};

use crate::domain::incident::category;
use crate::domain::incident::rules::{self, Referral};
use crate::domain::incident::{
    Device, Location, NewIncident, Outcome, PlannedAction, Role, Status,
};
use crate::domain::person::{NewPerson, PersonKind};
use crate::store::{StoreError, Vault};

const PUPILS: [(&str, &str, u8); 24] = [
    ("Ava", "Jones", 6),
    ("Leo", "Ahmed", 6),
    ("Maya", "Kowalski", 5),
    ("Noah", "Brown", 5),
    ("Isla", "Patel", 4),
    ("Oscar", "Nguyen", 4),
    ("Freya", "Murphy", 3),
    ("Arlo", "Okoro", 3),
    ("Zara", "Hughes", 6),
    ("Finley", "Evans", 5),
    ("Poppy", "Singh", 4),
    ("Reggie", "Walsh", 6),
    ("Esme", "Begum", 5),
    ("Theo", "Clarke", 2),
    ("Lily", "Dunn", 1),
    ("Jude", "Fraser", 6),
    ("Hana", "Ali", 5),
    ("Alfie", "Reid", 4),
    ("Ruby", "Carter", 3),
    ("Kai", "Ellis", 6),
    ("Nia", "Green", 5),
    ("Otis", "Hall", 2),
    ("Mila", "Iqbal", 6),
    ("Ezra", "Jenkins", 4),
];

const STAFF: [(&str, &str, &str); 5] = [
    ("Daniel", "Okafor", "Headteacher"),
    ("Priya", "Shah", "Deputy Headteacher, DSL"),
    ("Tom", "Bailey", "Year 6 teacher"),
    ("Sarah", "Lin", "Computing lead"),
    ("Gareth", "Price", "Network manager"),
];

/// (category, where, device, what happened, web address, days before now, status)
type Template = (
    &'static str,
    Location,
    Device,
    &'static str,
    &'static str,
    Status,
);

const INCIDENTS: [Template; 12] = [
    (
        "pupil.subverting-filtering",
        Location::Classroom,
        Device::SchoolShared,
        "Used a proxy site to reach a games site during a computing lesson; the filtering log flagged it.",
        "https://proxy.example.net",
        Status::Closed,
    ),
    (
        "pupil.offensive-messages",
        Location::Home,
        Device::PupilOwned,
        "Unkind messages about a classmate posted in a class group chat over the weekend; reported by a parent.",
        "",
        Status::Closed,
    ),
    (
        "pupil.mobile-devices",
        Location::ElsewhereInSchool,
        Device::PupilOwned,
        "Phone used to film another pupil in the playground without their agreement.",
        "",
        Status::Closed,
    ),
    (
        "pupil.accidental-offensive-unreported",
        Location::Classroom,
        Device::SchoolShared,
        "An image search returned unsuitable results; the pupil closed it but did not tell the teacher.",
        "https://images.example.com",
        Status::Closed,
    ),
    (
        "pupil.another-pupils-account",
        Location::Classroom,
        Device::SchoolShared,
        "Logged in with a friend's username and password to change their work.",
        "",
        Status::UnderInvestigation,
    ),
    (
        "activity.gaming-non-educational",
        Location::Classroom,
        Device::SchoolSingleUser,
        "Played an online game instead of the set task during a lesson.",
        "https://games.example.org",
        Status::Closed,
    ),
    (
        "pupil.social-media",
        Location::Home,
        Device::PupilOwned,
        "Under-age social media account used to message older teenagers; disclosed in a PSHE lesson.",
        "https://social.example.com",
        Status::Open,
    ),
    (
        "activity.grooming",
        Location::Online,
        Device::PupilOwned,
        "A pupil disclosed that an adult met in an online game asked them to move to a private chat and send photos.",
        "https://games.example.org/chat",
        Status::Closed,
    ),
    (
        "activity.nudes-semi-nudes",
        Location::Home,
        Device::PupilOwned,
        "A pupil reported that an image of another pupil was being shared on a messaging app. No image was viewed in school.",
        "",
        Status::Closed,
    ),
    (
        "staff.careless-personal-data",
        Location::ElsewhereInSchool,
        Device::StaffOwned,
        "A class list was emailed to a personal address to work on at home.",
        "",
        Status::Closed,
    ),
    (
        "pupil.downloading",
        Location::Classroom,
        Device::SchoolShared,
        "Downloaded a large video file that slowed the network for the class.",
        "https://video.example.net",
        Status::Closed,
    ),
    (
        "activity.extremism-terrorism",
        Location::Online,
        Device::PupilOwned,
        "A pupil shared a link to a video promoting an extremist group; teacher reported concern.",
        "https://video.example.net/watch",
        Status::Open,
    ),
];

/// Adds the demo school's people and incidents to a new demo vault.
pub fn populate(vault: &mut Vault, now: NaiveDateTime) -> Result<(), StoreError> {
    let mut pupils = Vec::new();
    for (given, family, year) in PUPILS {
        let mut pupil = NewPerson::named(PersonKind::Pupil, given, family);
        pupil.year_group = Some(year);
        pupils.push(vault.add_person(&pupil)?);
    }
    let mut staff = Vec::new();
    for (given, family, role) in STAFF {
        let mut member = NewPerson::named(PersonKind::Staff, given, family);
        member.role = role.into();
        member.is_headteacher = role == "Headteacher";
        staff.push(vault.add_person(&member)?);
    }
    for round in 0..4usize {
        for (index, template) in INCIDENTS.iter().enumerate() {
            let number = round * INCIDENTS.len() + index;
            let days = 480 - (number as i64) * 10;
            let people = people_for(template.0, &pupils, &staff, number);
            let status = if round < 3 {
                Status::Closed
            } else {
                template.5
            };
            record(vault, template, now - Duration::days(days), people, status)?;
        }
    }
    Ok(())
}

/// Adds `count` incidents cycling through the demo's kinds, one every few minutes back from
/// `now`, for benchmarks (20k and 100k). The demo's people must be there already.
pub fn generate(vault: &mut Vault, count: usize, now: NaiveDateTime) -> Result<(), StoreError> {
    let people = vault.people()?;
    let pupils: Vec<i64> = people
        .iter()
        .filter(|p| p.kind == PersonKind::Pupil)
        .map(|p| p.id)
        .collect();
    let staff: Vec<i64> = people
        .iter()
        .filter(|p| p.kind == PersonKind::Staff)
        .map(|p| p.id)
        .collect();
    for number in 0..count {
        let template = &INCIDENTS[number % INCIDENTS.len()];
        let when = now - Duration::minutes(10 * (count - number) as i64);
        record(
            vault,
            template,
            when,
            people_for(template.0, &pupils, &staff, number),
            template.5,
        )?;
    }
    Ok(())
}

fn people_for(
    category_key: &str,
    pupils: &[i64],
    staff: &[i64],
    number: usize,
) -> Vec<(i64, Role)> {
    if category_key.starts_with("staff.") {
        return vec![(staff[2 + number % 3], Role::Staff)];
    }
    let first = pupils[number % pupils.len()];
    let second = pupils[(number * 7 + 3) % pupils.len()];
    if number.is_multiple_of(3) && first != second {
        vec![(first, Role::Pupil), (second, Role::Pupil)]
    } else {
        vec![(first, Role::Pupil)]
    }
}

fn record(
    vault: &mut Vault,
    template: &Template,
    when: NaiveDateTime,
    people: Vec<(i64, Role)>,
    status: Status,
) -> Result<(), StoreError> {
    let (key, location, device, description, url, _) = *template;
    let category = category::category(key).expect("demo categories exist");
    let roles: Vec<Role> = people.iter().map(|(_, role)| *role).collect();
    let suggested = rules::suggested_action_titles(&vault.sanctions()?, category, &roles);
    let incident = NewIncident {
        occurred_at: when,
        reported_at: when + Duration::hours(2),
        reported_by: "Class teacher".into(),
        location,
        device,
        category: key.into(),
        risk: category.risk,
        description: description.into(),
        urls: if url.is_empty() {
            vec![]
        } else {
            vec![url.into()]
        },
        people,
        actions: suggested
            .into_iter()
            .map(|action| PlannedAction {
                action,
                suggested: true,
                chosen: true,
            })
            .collect(),
    };
    let recorded = vault.record_incident(&incident, when + Duration::days(1))?;
    if category.level == crate::domain::incident::Level::Illegal {
        if key == "activity.nudes-semi-nudes" {
            let reason = "UKCIS criteria for handling in school met: no adult involved, no coercion; DSL agreed and parents informed";
            vault.record_decision(
                recorded.id,
                when + Duration::hours(3),
                "Handled in school",
                reason,
                Some(Referral::Police),
            )?;
        } else {
            vault.refer_incident(
                recorded.id,
                Referral::Police,
                when + Duration::hours(2),
                "CAD 0000",
            )?;
        }
    }
    if status != Status::Open {
        vault.set_incident_status(recorded.id, Status::UnderInvestigation)?;
    }
    if status == Status::Closed {
        for action in vault
            .incident(recorded.id)?
            .actions
            .iter()
            .filter(|action| action.chosen)
        {
            vault.action_done(action.id, when + Duration::days(1), "")?;
        }
        let (outcome, conclusion) = if category.level
            == crate::domain::incident::Level::Inappropriate
        {
            (
                Outcome::Substantiated,
                "Spoken to; parents informed where the policy suggests; no repeat since.",
            )
        } else {
            (
                Outcome::Substantiated,
                "Dealt with as the policy's sanctions table suggests; the DSL reviewed the record.",
            )
        };
        vault.close_incident(recorded.id, outcome, conclusion)?;
    }
    Ok(())
}
