//! The people named on an old log's row: "Zara Hughes; Tom Reid (staff)", a role in brackets
//! only where the name alone does not say it, and the row's year group or kind column to
//! tell two people of the same name apart or to say what someone new is.

use crate::domain::incident::record::Role;

/// Someone named on an imported row, found in the people list or added by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPerson {
    /// "Given Family", spaces tidied.
    pub name: String,
    /// Their part, when the row says it (in brackets, or the row's kind column).
    pub role: Option<Role>,
    /// Their year group, when the row gives one (pupils).
    pub year_group: Option<u8>,
}

/// Reads the people cell, with the row's `year_group` and `kind` cells; problems are pushed
/// onto `problems` as "people: …".
pub fn read_people(
    cell: &str,
    year_group: &str,
    kind: &str,
    problems: &mut Vec<String>,
) -> Vec<NamedPerson> {
    let year = read_year_group(year_group, problems);
    let row_role = read_kind(kind, problems);
    let mut people: Vec<NamedPerson> = Vec::new();
    for entry in cell
        .split([';', ',', '\n', '/'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let (name, role) = match bracketed(entry) {
            Some((name, role_text)) => match role_named(role_text) {
                Some(role) => (name, Some(role)),
                None => {
                    problems.push(format!(
                        "people: \"{role_text}\" is not a role (pupil, staff, headteacher, parent, other)"
                    ));
                    continue;
                }
            },
            None => (entry, row_role),
        };
        if name.split_whitespace().count() < 2 {
            problems.push(format!(
                "people: \"{name}\" needs a given name and a family name"
            ));
            continue;
        }
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let folded = crate::domain::search::fold(&name);
        if people
            .iter()
            .any(|p| crate::domain::search::fold(&p.name) == folded)
        {
            problems.push(format!("people: {name} is listed twice"));
            continue;
        }
        let year_group = year.filter(|_| matches!(role, None | Some(Role::Pupil)));
        people.push(NamedPerson {
            name,
            role,
            year_group,
        });
    }
    if people.len() > 1 {
        // The row's year is one pupil's: with several named, it is nobody's in particular.
        people
            .iter_mut()
            .for_each(|person| person.year_group = None);
    }
    people
}

/// "Tom Reid (staff)" → ("Tom Reid", "staff").
fn bracketed(entry: &str) -> Option<(&str, &str)> {
    entry
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
        .map(|(name, role)| (name.trim(), role.trim()))
        .filter(|(name, _)| !name.is_empty())
}

fn role_named(text: &str) -> Option<Role> {
    let text = text.trim();
    Role::ALL
        .iter()
        .copied()
        .find(|r| r.code().eq_ignore_ascii_case(text) || r.title().eq_ignore_ascii_case(text))
        .or(match text.to_lowercase().as_str() {
            "student" | "child" => Some(Role::Pupil),
            "teacher" | "member of staff" | "employee" | "ta" => Some(Role::Staff),
            "head" | "headteacher" | "head teacher" => Some(Role::Headteacher),
            "parent/carer" | "carer" | "mum" | "dad" => Some(Role::ParentOrCarer),
            "visitor" => Some(Role::Other),
            _ => None,
        })
}

/// "8", "Year 8", "Y8", "Yr 8", "R" or "Reception".
pub fn parse_year_group(typed: &str) -> Option<u8> {
    let plain = typed.trim().to_lowercase();
    if plain == "r" || plain == "reception" || plain == "rec" {
        return Some(0);
    }
    let digits = plain
        .trim_start_matches("year")
        .trim_start_matches("yr")
        .trim_start_matches('y')
        .trim();
    digits.parse::<u8>().ok().filter(|year| *year <= 13)
}

fn read_year_group(typed: &str, problems: &mut Vec<String>) -> Option<u8> {
    if typed.trim().is_empty() {
        return None;
    }
    let year = parse_year_group(typed);
    if year.is_none() {
        problems.push(format!(
            "year_group: \"{}\" is not a year group (write 8, Year 8 or Reception)",
            typed.trim()
        ));
    }
    year
}

fn read_kind(typed: &str, problems: &mut Vec<String>) -> Option<Role> {
    if typed.trim().is_empty() {
        return None;
    }
    let role = role_named(typed);
    if role.is_none() {
        problems.push(format!(
            "people_kind: \"{}\" is not pupil, staff, headteacher, parent or other",
            typed.trim()
        ));
    }
    role
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_need_no_role_and_the_rows_year_and_kind_are_used() {
        let mut problems = Vec::new();
        let people = read_people(
            "Zoë  O'Brien; Tom Reid (teacher)",
            "Year 8",
            "",
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(people[0].name, "Zoë O'Brien");
        assert_eq!(people[0].role, None);
        assert_eq!(
            people[0].year_group, None,
            "the year is no one's when two are named"
        );
        assert_eq!(people[1].role, Some(Role::Staff));
        let one = read_people("Zoë O'Brien", "Year 8", "", &mut problems);
        assert_eq!(one[0].year_group, Some(8));
        let staff = read_people("Amy Khan", "", "Staff", &mut problems);
        assert_eq!(staff[0].role, Some(Role::Staff));
    }

    #[test]
    fn a_bad_name_year_or_role_is_named() {
        let mut problems = Vec::new();
        read_people(
            "Zara; Amy Khan (cousin); zoe obrien, Zoe O'Brien",
            "Y15",
            "",
            &mut problems,
        );
        assert_eq!(
            problems,
            [
                "year_group: \"Y15\" is not a year group (write 8, Year 8 or Reception)",
                "people: \"Zara\" needs a given name and a family name",
                "people: \"cousin\" is not a role (pupil, staff, headteacher, parent, other)",
                "people: Zoe O'Brien is listed twice",
            ]
        );
        assert_eq!(parse_year_group("R"), Some(0));
        assert_eq!(parse_year_group("yr 11"), Some(11));
    }
}
