//! Training compliance by staff group and Acceptable Use Policy coverage by register, as at the
//! period's last day: sessions, signatures and starters after it are left out.

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::aup::{Register, SignatureStatus};
use crate::domain::training::{StaffGroup, TrainingStatus};
use crate::report::counts::{Count, Suppression};
use crate::report::disclosure::Sheet;
use crate::store::aup::AupStatusRow;
use crate::store::training::StatusRow;

/// One group's or register's standing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Compliance {
    /// The group or register.
    pub label: String,
    /// How many people it holds.
    pub people: Count,
    /// How many are up to date (every required training; the current agreement signed).
    pub complete: Count,
    /// The share up to date.
    pub percent: Count,
    /// How many are not.
    pub outstanding: Count,
}

fn compliance(label: &str, people: usize, complete: usize, rule: Suppression) -> Compliance {
    let mut people_count = rule.count(people);
    let mut complete_count = rule.count(complete);
    let mut outstanding = rule.count(people - complete);
    let mut sheet = Sheet::new(rule);
    let whole = sheet.cell(&mut people_count);
    let parts = sheet.cells([&mut complete_count, &mut outstanding]);
    sheet.sum(whole, parts);
    sheet.protect();
    let mut percent = rule.percent(complete, people);
    if !percent.hidden && (complete_count.hidden || outstanding.hidden) {
        // A share of a known number of people gives the hidden count away.
        percent.hidden = true;
        percent.shown = crate::report::counts::NOT_SHOWN.into();
    }
    Compliance {
        label: label.to_owned(),
        people: people_count,
        complete: complete_count,
        percent,
        outstanding,
    }
}

/// Training by staff group: someone is up to date when every training that applies to them is
/// done and in date (due soon counts as in date). Groups with no one in them are left out.
pub fn training(statuses: &[StatusRow], rule: Suppression) -> Vec<Compliance> {
    let mut people: HashMap<i64, (crate::domain::training::StaffRoles, bool)> = HashMap::new();
    for row in statuses {
        let in_date = matches!(
            row.status,
            TrainingStatus::UpToDate | TrainingStatus::DueSoon
        );
        let entry = people.entry(row.person_id).or_insert((row.roles, true));
        entry.1 &= in_date;
    }
    StaffGroup::ALL
        .iter()
        .filter_map(|group| {
            let members: Vec<bool> = people
                .values()
                .filter(|(roles, _)| group.includes(roles))
                .map(|(_, complete)| *complete)
                .collect();
            let complete = members.iter().filter(|c| **c).count();
            (!members.is_empty()).then(|| compliance(group.title(), members.len(), complete, rule))
        })
        .collect()
}

/// Signatures by register: signed means the current agreement, in date. Registers with no one
/// on them are left out.
pub fn aup(statuses: &[AupStatusRow], rule: Suppression) -> Vec<Compliance> {
    Register::ALL
        .iter()
        .filter_map(|register| {
            let rows: Vec<&AupStatusRow> = statuses
                .iter()
                .filter(|r| r.register == *register)
                .collect();
            let signed = rows
                .iter()
                .filter(|r| r.status == SignatureStatus::Signed)
                .count();
            (!rows.is_empty()).then(|| compliance(register.title(), rows.len(), signed, rule))
        })
        .collect()
}
