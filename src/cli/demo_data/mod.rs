//! Sample data for the demo vault: an invented primary school's people and two school years of
//! incidents, one of every kind the policy lists and many of the common ones, in every status,
//! the illegal ones handled as the policy says. Every name and event is made up.

mod schedule;
mod school;
mod stories;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

use crate::domain::incident::category::{self, Category, Level, Subject};
use crate::domain::incident::rules::{self, Referral};
use crate::domain::incident::{
    Involvement, NewIncident, NewInvestigation, Outcome, PlannedAction, RiskArea, Role, Status,
};
use crate::domain::person::PersonKind;
use crate::store::{StoreError, Vault};
use stories::{COMMON, STORIES, Story};

pub use school::{DEMO_PUPILS, DEMO_STAFF};

/// Incidents in the demo log.
pub const DEMO_INCIDENTS: usize = 150;

/// The most recent incidents are still open or under investigation.
const STILL_OPEN: usize = 12;

/// The demo school's people, by id.
struct Cast {
    pupils: Vec<(i64, u8)>,
    /// The Headteacher first.
    staff: Vec<i64>,
}

/// What the demo is adding, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Populating {
    /// The pupils, staff, governors and parents.
    People,
    /// The staff and governors' training.
    Training,
    /// The Acceptable Use Policy signatures.
    Agreements,
    /// The photo consent.
    Consent,
    /// The review schedule, the filtering log and the confiscations.
    Schedule,
    /// The incidents: (done, of).
    Incidents(usize, usize),
}

impl Populating {
    /// What is being added, in words, and how far as (done, total) where it is counted.
    pub fn describe(self) -> (&'static str, Option<(u64, u64)>) {
        match self {
            Populating::People => ("Adding the school's people", None),
            Populating::Training => ("Adding the training record", None),
            Populating::Agreements => ("Adding the AUP signatures", None),
            Populating::Consent => ("Adding the photo consent", None),
            Populating::Schedule => ("Adding the review schedule", None),
            Populating::Incidents(done, of) => {
                ("Adding the incidents", Some((done as u64, of as u64)))
            }
        }
    }
}

/// Adds the demo school's people and incidents to a new demo vault.
pub fn populate(vault: &mut Vault, now: NaiveDateTime) -> Result<(), StoreError> {
    populate_with_progress(vault, now, &mut |_| {})
}

/// Adds the demo's data as [`populate`] does, saying what it is adding as it goes.
pub fn populate_with_progress(
    vault: &mut Vault,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(Populating),
) -> Result<(), StoreError> {
    progress(Populating::People);
    let roll = school::add_roll(vault, now.date())?;
    progress(Populating::Training);
    school::add_training(vault, &roll, now.date())?;
    progress(Populating::Agreements);
    school::add_agreements(vault, &roll, now.date())?;
    progress(Populating::Consent);
    school::add_consent(vault, &roll, now.date())?;
    progress(Populating::Schedule);
    schedule::add_schedule(vault, &roll, now)?;
    let cast = Cast {
        pupils: roll.pupils.clone(),
        staff: roll.staff.iter().map(|member| member.id).collect(),
    };
    let dates = school_dates(now, DEMO_INCIDENTS);
    for (number, when) in dates.into_iter().enumerate() {
        let story = if number < STORIES.len() {
            // Each kind once, spread over the two years (17 and 50 share no factor).
            &STORIES[(number * 17) % STORIES.len()]
        } else {
            story(COMMON[number % COMMON.len()])
        };
        let status = match DEMO_INCIDENTS - number {
            left if left > STILL_OPEN => Status::Closed,
            left if left % 2 == 0 => Status::UnderInvestigation,
            _ => Status::Open,
        };
        progress(Populating::Incidents(number, DEMO_INCIDENTS));
        let people = people_for(story.0, &cast, number);
        Demo { vault, now }.record(story, when, people, status, number)?;
    }
    progress(Populating::Incidents(DEMO_INCIDENTS, DEMO_INCIDENTS));
    Ok(())
}

/// Adds `count` incidents cycling through every kind, one every ten minutes back from `now`,
/// for benchmarks (20k and 100k). The demo's people must be there already.
pub fn generate(vault: &mut Vault, count: usize, now: NaiveDateTime) -> Result<(), StoreError> {
    generate_every(vault, count, now, Duration::minutes(10))
}

/// Adds `count` incidents as [`generate`] does, one every `every` back from `now`.
pub fn generate_every(
    vault: &mut Vault,
    count: usize,
    now: NaiveDateTime,
    every: Duration,
) -> Result<(), StoreError> {
    let people = vault.people()?;
    let cast = Cast {
        pupils: people
            .iter()
            .filter(|p| p.kind == PersonKind::Pupil)
            .map(|p| (p.id, p.year_group.unwrap_or(0)))
            .collect(),
        staff: people
            .iter()
            .filter(|p| p.kind == PersonKind::Staff)
            .map(|p| p.id)
            .collect(),
    };
    let tables = vault.sanctions()?;
    for number in 0..count {
        let story = &STORIES[number % STORIES.len()];
        let when = now - every * (count - number) as i32;
        let incident = new_incident(&tables, story, when, people_for(story.0, &cast, number));
        vault.record_incident(&incident, when + Duration::hours(3))?;
    }
    Ok(())
}

fn story(key: &str) -> &'static Story {
    STORIES
        .iter()
        .find(|story| story.0 == key)
        .expect("every common kind has a story")
}

/// `count` school days from 1 September of the previous school year up to yesterday, evenly
/// spread, weekdays only, none in August, each at a time in the school day.
fn school_dates(now: NaiveDateTime, count: usize) -> Vec<NaiveDateTime> {
    let today = now.date();
    let year = if today.month() >= 9 {
        today.year() - 1
    } else {
        today.year() - 2
    };
    let start = NaiveDate::from_ymd_opt(year, 9, 1).unwrap_or(today);
    let span = (today - start).num_days().max(1);
    (0..count)
        .map(|n| {
            let mut day = start + Duration::days(span * n as i64 / count as i64);
            if day.month() == 8 {
                day = day.with_day(1).unwrap_or(day) - Duration::days(10);
            }
            while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                day -= Duration::days(1);
            }
            let minutes = 8 * 60 + 50 + (n as i64 * 37) % 380;
            day.and_hms_opt(0, 0, 0).unwrap_or(now) + Duration::minutes(minutes)
        })
        .map(|when| when.min(now - Duration::days(1)))
        .collect()
}

/// The people of the `number`th story of category `key`, each with an invented part: a member
/// of staff is the one an allegation is about; a pupil is affected by content, contact and
/// commerce, and the one said to be responsible for conduct, the second pupil then affected.
fn people_for(key: &str, cast: &Cast, number: usize) -> Vec<Involvement> {
    use crate::domain::incident::Part;
    if key.starts_with("staff.") {
        // Once, the Headteacher: the record then routes to the Chair of Governors and the LADO.
        let (person, role) = if key == "staff.careless-personal-data" && number < STORIES.len() {
            (cast.staff[0], Role::Headteacher)
        } else {
            (cast.staff[2 + number % (cast.staff.len() - 2)], Role::Staff)
        };
        return vec![Involvement::new(person, role).with_part(Part::Responsible)];
    }
    let conduct = category::category(key).is_some_and(|c| c.risk == RiskArea::Conduct);
    let first_part = if conduct {
        Part::Responsible
    } else {
        Part::Affected
    };
    let first = cast.pupils[(number * 7) % cast.pupils.len()].0;
    let second = cast.pupils[(number * 11 + 3) % cast.pupils.len()].0;
    let mut people = vec![Involvement::new(first, Role::Pupil).with_part(first_part)];
    if number.is_multiple_of(4) && first != second {
        let second_part = if conduct {
            Part::Affected
        } else {
            Part::Witness
        };
        people.push(Involvement::new(second, Role::Pupil).with_part(second_part));
    }
    people
}

fn new_incident(
    tables: &crate::domain::policy::SanctionsMatrices,
    story: &Story,
    when: NaiveDateTime,
    people: Vec<Involvement>,
) -> NewIncident {
    let (key, location, device, description, url) = *story;
    let category = category::category(key).expect("demo categories exist");
    let roles: Vec<Role> = people.iter().map(|p| p.role).collect();
    let reporter = match category.subject {
        Subject::Staff => "Priya Shah (DSL)",
        _ if location == crate::domain::incident::Location::Home => {
            "Parent, by phone to the office"
        }
        _ => "Class teacher",
    };
    NewIncident {
        occurred_at: when,
        reported_at: when + Duration::hours(2),
        reported_by: reporter.into(),
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
        actions: rules::suggested_action_titles(tables, category, &roles)
            .into_iter()
            .map(|action| PlannedAction {
                action,
                suggested: true,
                chosen: true,
            })
            .collect(),
    }
}

/// The vault being filled, and the moment it is filled at.
struct Demo<'a> {
    vault: &'a mut Vault,
    now: NaiveDateTime,
}

impl Demo<'_> {
    fn record(
        self,
        story: &Story,
        when: NaiveDateTime,
        people: Vec<Involvement>,
        status: Status,
        number: usize,
    ) -> Result<(), StoreError> {
        let Demo { vault, now } = self;
        let category = category::category(story.0).expect("demo categories exist");
        let incident = new_incident(&vault.sanctions()?, story, when, people);
        let later = |hours: i64| (when + Duration::hours(hours)).min(now);
        let id = vault.record_incident(&incident, now)?.id;
        follow_illegal_path(vault, id, category, later(3))?;
        if incident.people.iter().any(|p| p.role == Role::Headteacher) {
            vault.refer_incident(id, Referral::Lado, later(4), "LADO-2025-117")?;
        }
        if number == 20 {
            let mut corrected = incident.clone();
            corrected.reported_by = "Year 5 teacher".into();
            vault.amend_incident(
                id,
                &corrected,
                "The class teacher had been recorded; it was reported by the Year 5 teacher",
                later(26),
            )?;
        }
        if status == Status::Open {
            return Ok(());
        }
        investigate(vault, id, category, story, number, later(30))?;
        // Starting an investigation record has already moved it on.
        if vault.incident(id)?.row.status == Status::Open {
            vault.set_incident_status(id, Status::UnderInvestigation)?;
        }
        if status == Status::Closed {
            close(vault, id, category, &incident, number, later(48))?;
        }
        Ok(())
    }
}

/// The policy's path for illegal content: the police (and the agency for the kind), or for
/// nudes shared between pupils the UKCIS decision to handle it in school, with the reason.
fn follow_illegal_path(
    vault: &mut Vault,
    id: i64,
    category: &Category,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    if category.level != Level::Illegal {
        return Ok(());
    }
    if category.key == "activity.nudes-semi-nudes" {
        let reason = "UKCIS criteria for handling in school met: no adult involved, no coercion, no images viewed; DSL agreed and parents informed";
        return vault.record_decision(id, at, "Handled in school", reason, Some(Referral::Police));
    }
    vault.refer_incident(id, Referral::Police, at, &format!("CAD {:04}", 1000 + id))?;
    let also = match category.key {
        "activity.grooming" => Some(Referral::Ceop),
        "activity.child-sexual-abuse-images" => Some(Referral::InternetWatchFoundation),
        "activity.extremism-terrorism" => Some(Referral::Prevent),
        _ => None,
    };
    match also {
        Some(agency) => vault.refer_incident(id, agency, at, ""),
        None => Ok(()),
    }
}

/// Every third unacceptable incident gets the policy's investigation record.
fn investigate(
    vault: &mut Vault,
    id: i64,
    category: &Category,
    story: &Story,
    number: usize,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    if category.level != Level::Unacceptable || !number.is_multiple_of(3) {
        return Ok(());
    }
    let second = if number.is_multiple_of(2) {
        "Tom Bailey"
    } else {
        "Sarah Lin"
    };
    let record = NewInvestigation {
        first_senior: "Priya Shah".into(),
        second_senior: second.into(),
        designated_computer: "ICT office laptop 3 (asset 0417)".into(),
    };
    vault.start_investigation(id, &record, at)?;
    if !story.4.is_empty() {
        vault.site_visited(id, story.4, "Checked on the designated laptop: the content matched the report; nothing further found", at)?;
    }
    if !story.4.is_empty() {
        let log = format!(
            "Filtering log extract\n{}  {}  blocked: proxy category\n",
            at.format("%d/%m/%Y %H:%M"),
            story.4
        );
        vault.add_evidence(
            id,
            "filtering-log-extract.txt",
            log.as_bytes(),
            "The filtering system's log lines for the lesson",
            at,
        )?;
    }
    vault.conclude_investigation(
        id,
        "The account was confirmed; the actions the policy suggests were taken",
    )
}

fn close(
    vault: &mut Vault,
    id: i64,
    category: &Category,
    incident: &NewIncident,
    number: usize,
    at: NaiveDateTime,
) -> Result<(), StoreError> {
    let open = vault.incident(id)?.actions;
    for action in open.iter().filter(|a| a.chosen && a.done_at.is_none()) {
        let note = if action.action.starts_with("Inform parent") {
            "Phoned; letter followed"
        } else {
            ""
        };
        vault.action_done(action.id, at, note)?;
    }
    if incident
        .actions
        .iter()
        .any(|a| a.action.starts_with("Inform parent"))
    {
        vault.parents_informed(id, at, "Priya Shah (DSL)")?;
    }
    if number.is_multiple_of(2) {
        vault.set_governor_summary(id, &governor_summary(vault, incident)?)?;
    }
    let outcome = if number % 9 == 4 {
        Outcome::NotSubstantiated
    } else {
        Outcome::Substantiated
    };
    let conclusion = match (outcome, category.level) {
        (Outcome::NotSubstantiated, _) => {
            "The account could not be confirmed; advice given and the record kept"
        }
        (_, Level::Illegal) => {
            "Referred as the policy requires; the school's actions complete and the DSL reviewed the record"
        }
        (_, Level::Unacceptable) => "Dealt with as the sanctions table suggests; no repeat since",
        (_, Level::Inappropriate) => {
            "Spoken to; parents informed where the policy suggests; no repeat since"
        }
    };
    vault.close_incident(id, outcome, conclusion)
}

/// "A Year 6 pupil: …", "Two pupils, in Year 1 and Year 5: …" — no names, as the governors'
/// report needs.
fn governor_summary(vault: &Vault, incident: &NewIncident) -> Result<String, StoreError> {
    let people = vault.people()?;
    let mut years: Vec<u8> = Vec::new();
    let mut pupils = 0;
    for involved in &incident.people {
        if involved.role == Role::Pupil {
            pupils += 1;
            let year = people
                .iter()
                .find(|p| p.id == involved.person)
                .and_then(|p| p.year_group);
            years.extend(year);
        }
    }
    years.sort_unstable();
    years.dedup();
    let years: Vec<String> = years
        .into_iter()
        .map(crate::domain::person::year_group_name)
        .collect();
    let many = if pupils == 2 {
        "Two".to_owned()
    } else {
        pupils.to_string()
    };
    let who = match (pupils, years.as_slice()) {
        (0, _) if incident.people.is_empty() => "Someone".to_owned(),
        (0, _) => "A member of staff".to_owned(),
        (1, [year]) => format!("A {year} pupil"),
        (1, _) => "A pupil".to_owned(),
        (_, [year]) => format!("{many} {year} pupils"),
        (_, [first, second]) => format!("{many} pupils, in {first} and {second}"),
        _ => format!("{many} pupils"),
    };
    let what = category::category(&incident.category).map_or("an incident", |c| c.title);
    let what: String = what.chars().take(90).collect::<String>().to_lowercase();
    let chosen = incident.actions.iter().filter(|a| a.chosen).count();
    let parents = incident
        .actions
        .iter()
        .any(|a| a.chosen && a.action.starts_with("Inform parent"));
    let parents = if parents { "; parents informed" } else { "" };
    let chosen = crate::domain::wording::counted(chosen, "action", "actions");
    Ok(format!(
        "{who}: {what}. {chosen} taken under the policy{parents}."
    ))
}
