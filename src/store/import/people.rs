//! The people an old log names, found in the people list by name (case and accents ignored,
//! year group or kind to tell two apart) or added as the row says they are.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;

use crate::domain::incident::Role;
use crate::domain::incident::import::NamedPerson;
use crate::domain::person::{NewPerson, PersonKind, year_group_name};
use crate::domain::problem::Refusal;
use crate::domain::search::fold;
use crate::store::{StoreError, people};

/// Someone in the people list, as matching needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Known {
    id: Option<i64>,
    kind: PersonKind,
    year_group: Option<u8>,
    is_headteacher: bool,
}

/// Who a named person turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// Someone in the people list.
    Known(i64, Role),
    /// Someone the import adds.
    New(PersonKind, Option<u8>, Role),
    /// Someone the preview already counted as new, named on an earlier row.
    Adding,
}

/// The people list by folded full name, and those the import adds as it goes.
#[derive(Debug, Default)]
pub(crate) struct Directory {
    names: HashMap<String, Vec<Known>>,
    /// Who the user chose where several share a name: folded name → id.
    chosen: BTreeMap<String, i64>,
}

impl Directory {
    /// Everyone in the vault.
    pub(crate) fn read(conn: &Connection) -> Result<Self, StoreError> {
        let mut directory = Directory::default();
        for person in people::all(conn)? {
            directory
                .names
                .entry(fold(&person.name))
                .or_default()
                .push(Known {
                    id: Some(person.id),
                    kind: person.kind,
                    year_group: person.year_group,
                    is_headteacher: person.is_headteacher,
                });
        }
        Ok(directory)
    }

    /// This directory, with who the user chose for names several people share.
    pub(crate) fn with_chosen(mut self, chosen: &BTreeMap<String, i64>) -> Self {
        self.chosen = chosen.clone();
        self
    }

    /// Finds `person` (where several share the name, the one the user chose), or says how
    /// they will be added; `Err` says why neither can be done.
    pub(crate) fn find(&self, person: &NamedPerson) -> Result<Found, String> {
        let kind = person.role.map(kind_for);
        let everyone = self
            .names
            .get(&fold(&person.name))
            .map_or(&[][..], Vec::as_slice);
        let fits: Vec<&Known> = everyone
            .iter()
            .filter(|k| kind.is_none_or(|kind| k.kind == kind || person.role == Some(Role::Other)))
            .filter(|k| {
                person
                    .year_group
                    .is_none_or(|y| k.year_group.is_none_or(|theirs| theirs == y))
            })
            .collect();
        match fits.as_slice() {
            [one] => Ok(match one.id {
                Some(id) => Found::Known(id, person.role.unwrap_or_else(|| role_for(one))),
                None => Found::Adding,
            }),
            [] => new_person(person),
            several => match self.chosen.get(&fold(&person.name)) {
                Some(id) if several.iter().any(|k| k.id == Some(*id)) => {
                    let one = several.iter().find(|k| k.id == Some(*id)).copied();
                    let role = person.role.or(one.map(role_for)).unwrap_or(Role::Other);
                    Ok(Found::Known(*id, role))
                }
                _ => Err(ambiguous(&person.name, several)),
            },
        }
    }

    /// Everyone in the vault `person`'s name could mean, by id, described so the user can
    /// choose ("Year 7", "staff").
    pub(crate) fn candidates(&self, person: &NamedPerson) -> Vec<(i64, String)> {
        self.names
            .get(&fold(&person.name))
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter_map(|k| Some((k.id?, describe(k))))
            .collect()
    }

    /// Remembers someone the import is adding, so later rows find them.
    pub(crate) fn add(
        &mut self,
        name: &str,
        id: Option<i64>,
        kind: PersonKind,
        year_group: Option<u8>,
        role: Role,
    ) {
        self.names.entry(fold(name)).or_default().push(Known {
            id,
            kind,
            year_group,
            is_headteacher: role == Role::Headteacher,
        });
    }

    /// Adds `person`, found as `New`, to the people list; returns their id.
    pub(crate) fn add_to_vault(
        &mut self,
        conn: &Connection,
        actor: &str,
        person: &NamedPerson,
        found: Found,
    ) -> Result<(i64, Role), StoreError> {
        let (kind, year_group, role) = match found {
            Found::Known(id, role) => return Ok((id, role)),
            Found::New(kind, year_group, role) => (kind, year_group, role),
            Found::Adding => {
                let problem = Refusal::PersonNotClear(person.name.clone());
                return Err(StoreError::rule(problem));
            }
        };
        let (given, family) = person.name.rsplit_once(' ').unwrap_or((&person.name, ""));
        let mut new = NewPerson::named(kind, given, family);
        new.is_headteacher = role == Role::Headteacher;
        new.year_group = year_group.filter(|_| kind == PersonKind::Pupil);
        let id = people::add(conn, actor, &new)?;
        let known = self.names.entry(fold(&person.name)).or_default();
        known.retain(|k| k.id.is_some());
        known.push(Known {
            id: Some(id),
            kind,
            year_group: new.year_group,
            is_headteacher: new.is_headteacher,
        });
        Ok((id, role))
    }
}

/// How someone not in the list is added: as their role says, or as a pupil when the row
/// gives a year group.
fn new_person(person: &NamedPerson) -> Result<Found, String> {
    match (person.role, person.year_group) {
        (Some(role), year) => Ok(Found::New(kind_for(role), year, role)),
        (None, Some(year)) => Ok(Found::New(PersonKind::Pupil, Some(year), Role::Pupil)),
        (None, None) => Err(format!(
            "people: {} is not in the people list and the row does not say who they are: write {0} (pupil) or {0} (staff), or map a year_group or people_kind column",
            person.name
        )),
    }
}

fn describe(known: &Known) -> String {
    match known.year_group {
        Some(year) => year_group_name(year),
        None => known.kind.title().to_lowercase(),
    }
}

fn ambiguous(name: &str, several: &[&Known]) -> String {
    let told: Vec<String> = several
        .iter()
        .map(|k| format!("{} #{}", describe(k), k.id.unwrap_or_default()))
        .collect();
    format!(
        "people: {} people are called {name} ({}): choose who is meant (on the command line, --person \"{name}=NUMBER\"), or map a year_group column",
        several.len(),
        told.join(", ")
    )
}

/// The kind of person a role on an incident is.
pub(crate) fn kind_for(role: Role) -> PersonKind {
    match role {
        Role::Pupil => PersonKind::Pupil,
        Role::Staff | Role::Headteacher => PersonKind::Staff,
        Role::ParentOrCarer => PersonKind::ParentOrCarer,
        Role::Other => PersonKind::Other,
    }
}

fn role_for(known: &Known) -> Role {
    match known.kind {
        PersonKind::Pupil => Role::Pupil,
        PersonKind::Staff if known.is_headteacher => Role::Headteacher,
        PersonKind::Staff => Role::Staff,
        PersonKind::ParentOrCarer => Role::ParentOrCarer,
        _ => Role::Other,
    }
}
