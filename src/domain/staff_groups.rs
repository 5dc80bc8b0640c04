//! The staff group a job title puts someone in for the training audit (Headteacher, teaching,
//! support, technical), as the title's words say, or as the school corrected it for its own
//! titles ("Cover Supervisor" is teaching staff here), remembered for every later import.

use std::collections::BTreeMap;

use crate::domain::person::PersonFlags;
use crate::domain::person_import::staff_group_of;
use crate::domain::search::fold;

/// A staff group of the training audit a job title can put someone in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StaffGroup {
    /// The Headteacher (also counted as teaching staff).
    Headteacher,
    /// Teaching staff.
    Teaching,
    /// Support staff: none of the others.
    Support,
    /// Technical staff: the network manager, technicians.
    Technical,
}

impl StaffGroup {
    /// Every group, in the order a pick-list offers them.
    pub const ALL: [StaffGroup; 4] = [
        StaffGroup::Headteacher,
        StaffGroup::Teaching,
        StaffGroup::Support,
        StaffGroup::Technical,
    ];

    /// The code `--staff-group` takes and the vault keeps.
    pub fn code(self) -> &'static str {
        match self {
            StaffGroup::Headteacher => "headteacher",
            StaffGroup::Teaching => "teaching",
            StaffGroup::Support => "support",
            StaffGroup::Technical => "technical",
        }
    }

    /// The group's words.
    pub fn title(self) -> &'static str {
        match self {
            StaffGroup::Headteacher => "Headteacher",
            StaffGroup::Teaching => "Teaching staff",
            StaffGroup::Support => "Support staff",
            StaffGroup::Technical => "Technical staff",
        }
    }

    /// The group for a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.code() == code.trim())
    }

    /// The group the flags put someone in.
    pub fn of(flags: PersonFlags, headteacher: bool) -> Self {
        match (headteacher, flags.technical, flags.teaching) {
            (true, _, _) => StaffGroup::Headteacher,
            (_, true, _) => StaffGroup::Technical,
            (_, _, true) => StaffGroup::Teaching,
            _ => StaffGroup::Support,
        }
    }
}

impl std::fmt::Display for StaffGroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.title())
    }
}

/// The school's corrections: folded job title → the group it means.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TitleGroups(pub BTreeMap<String, StaffGroup>);

impl TitleGroups {
    /// Reads `Cover Supervisor=teaching` lines, as [`TitleGroups::to_text`] writes them.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut groups = TitleGroups::default();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            groups.add_part(line)?;
        }
        Ok(groups)
    }

    /// Adds one `Job title=group` part.
    pub fn add_part(&mut self, part: &str) -> Result<(), String> {
        let (title, code) = part
            .rsplit_once('=')
            .map(|(t, c)| (t.trim().trim_matches('"'), c.trim()))
            .filter(|(t, _)| !t.is_empty())
            .ok_or_else(|| {
                format!("\"{part}\" is not Job title=group, e.g. --staff-group \"Cover Supervisor=teaching\"")
            })?;
        let group = StaffGroup::from_code(code).ok_or_else(|| {
            format!(
                "\"{code}\" is not a staff group: write headteacher, teaching, support or technical"
            )
        })?;
        self.0.insert(key(title), group);
        Ok(())
    }

    /// One `title=group` per line.
    pub fn to_text(&self) -> String {
        let lines: Vec<String> = self
            .0
            .iter()
            .map(|(title, group)| format!("{title}={}", group.code()))
            .collect();
        lines.join("\n")
    }

    /// These corrections with `newer` on top.
    pub fn with(mut self, newer: &TitleGroups) -> Self {
        self.0.extend(newer.0.iter().map(|(t, g)| (t.clone(), *g)));
        self
    }

    /// The groups `title` puts someone in, and whether they are the Headteacher: the
    /// school's correction for the title if there is one (the DSL, deputy DSL and E-Safety
    /// Group still come from the title's words), else the words alone.
    pub fn groups_of(&self, title: &str) -> (PersonFlags, bool) {
        let (mut flags, headteacher) = staff_group_of(title);
        let Some(group) = self.corrected(title) else {
            return (flags, headteacher);
        };
        flags.teaching = matches!(group, StaffGroup::Headteacher | StaffGroup::Teaching);
        flags.technical = group == StaffGroup::Technical;
        (flags, group == StaffGroup::Headteacher)
    }

    /// The school's correction for `title`, if it made one.
    pub fn corrected(&self, title: &str) -> Option<StaffGroup> {
        self.0.get(&key(title)).copied()
    }
}

/// A job title as corrections are kept: folded, spaces collapsed.
fn key(title: &str) -> String {
    fold(&title.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schools_correction_wins_over_the_titles_words_and_keeps_the_dsl() {
        let (flags, head) = TitleGroups::default().groups_of("Cover Supervisor");
        assert_eq!(StaffGroup::of(flags, head), StaffGroup::Support);
        let mut groups = TitleGroups::default();
        groups.add_part("Cover supervisor=teaching").unwrap();
        groups.add_part("Class Teacher (DSL)=support").unwrap();
        let (flags, head) = groups.groups_of("  COVER SUPERVISOR ");
        assert_eq!(StaffGroup::of(flags, head), StaffGroup::Teaching);
        let (flags, _) = groups.groups_of("Class Teacher (DSL)");
        assert!(flags.dsl && !flags.teaching);
        assert_eq!(TitleGroups::parse(&groups.to_text()), Ok(groups.clone()));
        assert!(
            groups
                .add_part("Caretaker=estates")
                .unwrap_err()
                .contains("not a staff group")
        );
    }
}
