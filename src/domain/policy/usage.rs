//! The policy's three usage matrices as the school's data: which devices may connect and how,
//! which communication technologies staff and pupils may use, and how acceptable each online
//! activity is. Defaults are the Stonebridge tables as printed; each saved change is a new
//! version, and [`changes`](DeviceMatrix::changes) says what a version changed.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Whose device, the mobile-devices table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceOwner {
    /// School owned, for a single user.
    SchoolSingleUser,
    /// School owned, for multiple users.
    SchoolShared,
    /// Bought by the family through a school scheme.
    Authorised,
    /// Pupil owned.
    PupilOwned,
    /// Staff owned.
    StaffOwned,
    /// Visitor owned.
    VisitorOwned,
}

impl DeviceOwner {
    /// The columns, in the policy's order.
    pub const ALL: [DeviceOwner; 6] = [
        DeviceOwner::SchoolSingleUser,
        DeviceOwner::SchoolShared,
        DeviceOwner::Authorised,
        DeviceOwner::PupilOwned,
        DeviceOwner::StaffOwned,
        DeviceOwner::VisitorOwned,
    ];

    /// The column heading.
    pub fn title(self) -> &'static str {
        match self {
            DeviceOwner::SchoolSingleUser => "School owned, single user",
            DeviceOwner::SchoolShared => "School owned, multiple users",
            DeviceOwner::Authorised => "Authorised device",
            DeviceOwner::PupilOwned => "Pupil owned",
            DeviceOwner::StaffOwned => "Staff owned",
            DeviceOwner::VisitorOwned => "Visitor owned",
        }
    }
}

/// What a device may do, the mobile-devices table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceAccess {
    /// Allowed in school.
    AllowedInSchool,
    /// Full network access.
    FullNetwork,
    /// Internet only.
    InternetOnly,
    /// No network access.
    NoNetwork,
}

impl DeviceAccess {
    /// The rows, in the policy's order.
    pub const ALL: [DeviceAccess; 4] = [
        DeviceAccess::AllowedInSchool,
        DeviceAccess::FullNetwork,
        DeviceAccess::InternetOnly,
        DeviceAccess::NoNetwork,
    ];

    /// The row heading.
    pub fn title(self) -> &'static str {
        match self {
            DeviceAccess::AllowedInSchool => "Allowed in school",
            DeviceAccess::FullNetwork => "Full network access",
            DeviceAccess::InternetOnly => "Internet only",
            DeviceAccess::NoNetwork => "No network access",
        }
    }
}

/// Why a matrix cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UsageProblem {
    /// The grid is not four rows of six.
    #[error("The mobile devices table has four rows of six ticks")]
    WrongShape,
    /// A row with no words.
    #[error("Every row needs its words")]
    BlankRow,
    /// Two rows with the same words.
    #[error("Two rows say \"{0}\"")]
    Repeated(String),
    /// A user action with no level ticked.
    #[error("Tick how acceptable \"{0}\" is")]
    NoLevel(String),
}

/// The mobile-devices table: a tick where a kind of device may do a thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceMatrix {
    /// By row ([`DeviceAccess::ALL`]), then by column ([`DeviceOwner::ALL`]).
    pub ticks: Vec<Vec<bool>>,
}

impl DeviceMatrix {
    /// The Stonebridge table as printed (it ticks visitor-owned devices both "internet only"
    /// and "no network access"; kept as printed for the school to settle).
    pub fn stonebridge() -> Self {
        let row = |cells: [u8; 6]| cells.iter().map(|&c| c == 1).collect();
        Self {
            ticks: vec![
                row([1, 1, 1, 0, 1, 1]),
                row([1, 1, 1, 0, 0, 0]),
                row([0, 0, 0, 0, 1, 1]),
                row([0, 0, 0, 1, 0, 1]),
            ],
        }
    }

    /// Whether `owner`'s devices may do `access`.
    pub fn allows(&self, access: DeviceAccess, owner: DeviceOwner) -> bool {
        self.ticks
            .get(access as usize)
            .and_then(|row| row.get(owner as usize))
            .copied()
            .unwrap_or(false)
    }

    /// Ticks or unticks one cell.
    pub fn set(&mut self, access: DeviceAccess, owner: DeviceOwner, on: bool) {
        if let Some(cell) = self
            .ticks
            .get_mut(access as usize)
            .and_then(|row| row.get_mut(owner as usize))
        {
            *cell = on;
        }
    }

    /// Checks the grid's shape.
    pub fn validate(&self) -> Result<(), UsageProblem> {
        if self.ticks.len() != 4 || self.ticks.iter().any(|row| row.len() != 6) {
            return Err(UsageProblem::WrongShape);
        }
        Ok(())
    }

    /// What `self` changes from `before`, one line a cell.
    pub fn changes(&self, before: &DeviceMatrix) -> Vec<String> {
        let mut lines = Vec::new();
        for access in DeviceAccess::ALL {
            for owner in DeviceOwner::ALL {
                let (was, now) = (before.allows(access, owner), self.allows(access, owner));
                if was != now {
                    let tick = if now {
                        "now ticked"
                    } else {
                        "no longer ticked"
                    };
                    lines.push(format!(
                        "{}: {} {tick}",
                        owner.title(),
                        access.title().to_lowercase()
                    ));
                }
            }
        }
        lines
    }
}

/// Staff and other adults' use of a communication technology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StaffUse {
    /// Allowed.
    Allowed,
    /// Allowed at certain times.
    AtCertainTimes,
    /// Allowed for selected staff.
    SelectedStaff,
    /// Not allowed.
    NotAllowed,
}

impl StaffUse {
    /// The choices, in the policy's order.
    pub const ALL: [StaffUse; 4] = [
        StaffUse::Allowed,
        StaffUse::AtCertainTimes,
        StaffUse::SelectedStaff,
        StaffUse::NotAllowed,
    ];

    /// The column heading.
    pub fn title(self) -> &'static str {
        match self {
            StaffUse::Allowed => "Allowed",
            StaffUse::AtCertainTimes => "Allowed at certain times",
            StaffUse::SelectedStaff => "Allowed for selected staff",
            StaffUse::NotAllowed => "Not allowed",
        }
    }
}

/// Pupils' use of a communication technology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PupilUse {
    /// Allowed.
    Allowed,
    /// Allowed at certain times.
    AtCertainTimes,
    /// Allowed with staff permission.
    WithPermission,
    /// Not allowed.
    NotAllowed,
}

impl PupilUse {
    /// The choices, in the policy's order.
    pub const ALL: [PupilUse; 4] = [
        PupilUse::Allowed,
        PupilUse::AtCertainTimes,
        PupilUse::WithPermission,
        PupilUse::NotAllowed,
    ];

    /// The column heading.
    pub fn title(self) -> &'static str {
        match self {
            PupilUse::Allowed => "Allowed",
            PupilUse::AtCertainTimes => "Allowed at certain times",
            PupilUse::WithPermission => "Allowed with staff permission",
            PupilUse::NotAllowed => "Not allowed",
        }
    }
}

/// One communication technology and who may use it how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunicationRow {
    /// The technology, in the policy's words.
    pub title: String,
    /// Staff and other adults.
    pub staff: StaffUse,
    /// Pupils.
    pub pupils: PupilUse,
}

/// The communications table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunicationsMatrix {
    /// The rows, in order.
    pub rows: Vec<CommunicationRow>,
}

impl CommunicationsMatrix {
    /// The Stonebridge table as printed.
    pub fn stonebridge() -> Self {
        use PupilUse as P;
        use StaffUse as S;
        let rows = [
            (
                "Mobile phones may be brought to the school",
                S::Allowed,
                P::WithPermission,
            ),
            (
                "Use of mobile phones in lessons",
                S::NotAllowed,
                P::NotAllowed,
            ),
            (
                "Use of mobile phones in social time",
                S::Allowed,
                P::NotAllowed,
            ),
            ("Take photos on mobile phones", S::NotAllowed, P::NotAllowed),
            ("Take photos on cameras", S::Allowed, P::WithPermission),
            (
                "Use of other mobile devices e.g. tablets, gaming devices",
                S::Allowed,
                P::WithPermission,
            ),
            (
                "Use of personal email addresses in school or on school network",
                S::Allowed,
                P::NotAllowed,
            ),
            (
                "Use of school email for personal emails",
                S::Allowed,
                P::Allowed,
            ),
            ("Use of messaging apps", S::NotAllowed, P::NotAllowed),
            ("Use of social media", S::NotAllowed, P::NotAllowed),
            ("Use of blogs", S::NotAllowed, P::NotAllowed),
        ];
        Self {
            rows: rows
                .into_iter()
                .map(|(title, staff, pupils)| CommunicationRow {
                    title: title.into(),
                    staff,
                    pupils,
                })
                .collect(),
        }
    }

    /// Checks the rows: words on each, none repeated.
    pub fn validate(&self) -> Result<(), UsageProblem> {
        unique_titles(self.rows.iter().map(|r| r.title.as_str()))
    }

    /// What `self` changes from `before`, one line a change.
    pub fn changes(&self, before: &CommunicationsMatrix) -> Vec<String> {
        let mut lines = Vec::new();
        for row in &self.rows {
            match before.rows.iter().find(|r| r.title == row.title) {
                None => lines.push(format!("Added: {}", row.title)),
                Some(old) => {
                    if old.staff != row.staff {
                        lines.push(format!(
                            "{}: staff from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}",
                            row.title,
                            old.staff.title(),
                            row.staff.title()
                        ));
                    }
                    if old.pupils != row.pupils {
                        lines.push(format!(
                            "{}: pupils from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}",
                            row.title,
                            old.pupils.title(),
                            row.pupils.title()
                        ));
                    }
                }
            }
        }
        removed(
            &mut lines,
            before.rows.iter().map(|r| &r.title),
            self.rows.iter().map(|r| &r.title),
        );
        lines
    }
}

/// How acceptable an online activity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum UsageLevel {
    /// Acceptable.
    Acceptable,
    /// Acceptable at certain times.
    AtCertainTimes,
    /// Acceptable for nominated users.
    NominatedUsers,
    /// Unacceptable.
    Unacceptable,
    /// Unacceptable and illegal.
    Illegal,
}

impl UsageLevel {
    /// The columns, in the policy's order.
    pub const ALL: [UsageLevel; 5] = [
        UsageLevel::Acceptable,
        UsageLevel::AtCertainTimes,
        UsageLevel::NominatedUsers,
        UsageLevel::Unacceptable,
        UsageLevel::Illegal,
    ];

    /// The column heading.
    pub fn title(self) -> &'static str {
        match self {
            UsageLevel::Acceptable => "Acceptable",
            UsageLevel::AtCertainTimes => "Acceptable at certain times",
            UsageLevel::NominatedUsers => "Acceptable for nominated users",
            UsageLevel::Unacceptable => "Unacceptable",
            UsageLevel::Illegal => "Unacceptable and illegal",
        }
    }
}

/// One activity and its level (some are ticked both unacceptable and illegal: it depends on
/// what happened).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserActionRow {
    /// The activity, in the policy's words.
    pub activity: String,
    /// The levels ticked, in column order.
    pub levels: Vec<UsageLevel>,
}

/// The user actions table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserActionsMatrix {
    /// The rows, in order.
    pub rows: Vec<UserActionRow>,
}

impl UserActionsMatrix {
    /// The Stonebridge table as printed.
    pub fn stonebridge() -> Self {
        use UsageLevel as L;
        let rows: [(&str, &[UsageLevel]); 23] = [
            (
                "Child sexual abuse images: the making, production or distribution of indecent images of children (Protection of Children Act 1978)",
                &[L::Illegal],
            ),
            (
                "Grooming, incitement, arrangement or facilitation of sexual acts against children (Sexual Offences Act 2003)",
                &[L::Illegal],
            ),
            (
                "Possession of an extreme pornographic image (Criminal Justice and Immigration Act 2008)",
                &[L::Illegal],
            ),
            (
                "Criminal racist material: to stir up religious hatred or hatred on the grounds of sexual orientation (Public Order Act 1986)",
                &[L::Illegal],
            ),
            ("Pornography", &[L::Unacceptable]),
            (
                "Promotion of any kind of discrimination",
                &[L::Unacceptable, L::Illegal],
            ),
            (
                "Threatening behaviour, including promotion of physical violence or mental harm",
                &[L::Unacceptable, L::Illegal],
            ),
            (
                "Promotion of extremism or terrorism",
                &[L::Unacceptable, L::Illegal],
            ),
            (
                "Any other information which may be offensive to colleagues or breaches the integrity of the ethos of the school or brings the school into disrepute",
                &[L::Unacceptable],
            ),
            (
                "Using school systems to run a private business",
                &[L::Unacceptable],
            ),
            (
                "Using systems, applications, websites or other mechanisms that bypass the filtering or other safeguards employed by the school",
                &[L::Unacceptable],
            ),
            ("Infringing copyright", &[L::Unacceptable]),
            (
                "Revealing or publicising confidential or proprietary information (e.g. financial or personal information, databases, computer or network access codes and passwords)",
                &[L::Unacceptable],
            ),
            (
                "Creating or propagating computer viruses or other harmful files",
                &[L::Unacceptable],
            ),
            (
                "Unfair usage (downloading or uploading large files that hinders others in the use of the internet)",
                &[L::Unacceptable],
            ),
            ("Online gaming (educational)", &[L::Unacceptable]),
            ("Online gaming (non-educational)", &[L::Unacceptable]),
            ("Online gambling", &[L::Unacceptable]),
            ("Online shopping", &[L::NominatedUsers]),
            ("File sharing", &[L::NominatedUsers]),
            ("Use of school-based social media", &[L::NominatedUsers]),
            ("Use of messaging apps", &[L::NominatedUsers]),
            ("Use of video broadcasting e.g. YouTube", &[L::Acceptable]),
        ];
        Self {
            rows: rows
                .into_iter()
                .map(|(activity, levels)| UserActionRow {
                    activity: activity.into(),
                    levels: levels.to_vec(),
                })
                .collect(),
        }
    }

    /// Checks the rows: words and a level on each, none repeated.
    pub fn validate(&self) -> Result<(), UsageProblem> {
        if let Some(row) = self.rows.iter().find(|r| r.levels.is_empty()) {
            return Err(UsageProblem::NoLevel(row.activity.clone()));
        }
        unique_titles(self.rows.iter().map(|r| r.activity.as_str()))
    }

    /// What `self` changes from `before`, one line a change.
    pub fn changes(&self, before: &UserActionsMatrix) -> Vec<String> {
        let words = |levels: &[UsageLevel]| {
            levels
                .iter()
                .map(|l| l.title())
                .collect::<Vec<_>>()
                .join(" and ")
        };
        let mut lines = Vec::new();
        for row in &self.rows {
            match before.rows.iter().find(|r| r.activity == row.activity) {
                None => lines.push(format!("Added: {} ({})", row.activity, words(&row.levels))),
                Some(old) if old.levels != row.levels => lines.push(format!(
                    "{}: from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}",
                    row.activity,
                    words(&old.levels),
                    words(&row.levels)
                )),
                Some(_) => {}
            }
        }
        removed(
            &mut lines,
            before.rows.iter().map(|r| &r.activity),
            self.rows.iter().map(|r| &r.activity),
        );
        lines
    }
}

/// A tick as the policy prints it.
const TICK: &str = "\u{2713}";

/// Writes `rows` as CSV text, for pasting into the policy document.
pub(crate) fn csv_text(rows: Vec<Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail; a failed row would only be left out.
        let _ = writer.write_record(&row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// A tick, or an empty cell.
pub(crate) fn tick(on: bool) -> String {
    if on { TICK.into() } else { String::new() }
}

impl DeviceMatrix {
    /// The table as the policy prints it, as CSV.
    pub fn to_csv(&self) -> String {
        let mut rows = vec![
            std::iter::once(String::new())
                .chain(DeviceOwner::ALL.map(|o| o.title().to_owned()))
                .collect(),
        ];
        for access in DeviceAccess::ALL {
            rows.push(
                std::iter::once(access.title().to_owned())
                    .chain(DeviceOwner::ALL.map(|o| tick(self.allows(access, o))))
                    .collect(),
            );
        }
        csv_text(rows)
    }
}

impl CommunicationsMatrix {
    /// The table as the policy prints it (four columns for staff, four for pupils), as CSV.
    pub fn to_csv(&self) -> String {
        let mut group = vec![String::new(), "Staff & other adults".to_owned()];
        group.extend(std::iter::repeat_n(String::new(), 3));
        group.push("Pupils".to_owned());
        group.extend(std::iter::repeat_n(String::new(), 3));
        let heading = std::iter::once("Communication technologies".to_owned())
            .chain(StaffUse::ALL.map(|u| u.title().to_owned()))
            .chain(PupilUse::ALL.map(|u| u.title().to_owned()))
            .collect();
        let mut rows = vec![group, heading];
        for row in &self.rows {
            rows.push(
                std::iter::once(row.title.clone())
                    .chain(StaffUse::ALL.map(|u| tick(u == row.staff)))
                    .chain(PupilUse::ALL.map(|u| tick(u == row.pupils)))
                    .collect(),
            );
        }
        csv_text(rows)
    }
}

impl UserActionsMatrix {
    /// The table as the policy prints it, as CSV.
    pub fn to_csv(&self) -> String {
        let mut rows = vec![
            std::iter::once("User actions".to_owned())
                .chain(UsageLevel::ALL.map(|l| l.title().to_owned()))
                .collect(),
        ];
        for row in &self.rows {
            rows.push(
                std::iter::once(row.activity.clone())
                    .chain(UsageLevel::ALL.map(|l| tick(row.levels.contains(&l))))
                    .collect(),
            );
        }
        csv_text(rows)
    }
}

fn unique_titles<'a>(titles: impl Iterator<Item = &'a str>) -> Result<(), UsageProblem> {
    let mut seen = std::collections::HashSet::new();
    for title in titles {
        let simple = title.trim().to_lowercase();
        if simple.is_empty() {
            return Err(UsageProblem::BlankRow);
        }
        if !seen.insert(simple) {
            return Err(UsageProblem::Repeated(title.trim().to_owned()));
        }
    }
    Ok(())
}

/// Adds a "Removed" line for each of `before` not in `after`.
fn removed<'a>(
    lines: &mut Vec<String>,
    before: impl Iterator<Item = &'a String>,
    after: impl Iterator<Item = &'a String> + Clone,
) {
    for title in before {
        if !after.clone().any(|t| t == title) {
            lines.push(format!("Removed: {title}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_policys_tables() {
        let devices = DeviceMatrix::stonebridge();
        assert_eq!(devices.validate(), Ok(()));
        assert!(devices.allows(DeviceAccess::FullNetwork, DeviceOwner::Authorised));
        assert!(!devices.allows(DeviceAccess::AllowedInSchool, DeviceOwner::PupilOwned));
        assert!(devices.allows(DeviceAccess::NoNetwork, DeviceOwner::PupilOwned));
        let comms = CommunicationsMatrix::stonebridge();
        assert_eq!(comms.rows.len(), 11);
        assert_eq!(comms.validate(), Ok(()));
        let actions = UserActionsMatrix::stonebridge();
        assert_eq!(actions.validate(), Ok(()));
        assert_eq!(
            actions
                .rows
                .iter()
                .filter(|r| r.levels.contains(&UsageLevel::Illegal))
                .count(),
            7
        );
    }

    #[test]
    fn changes_are_named_cell_by_cell() {
        let before = DeviceMatrix::stonebridge();
        let mut after = before.clone();
        after.set(DeviceAccess::InternetOnly, DeviceOwner::VisitorOwned, false);
        assert_eq!(
            after.changes(&before),
            ["Visitor owned: internet only no longer ticked"]
        );

        let before = CommunicationsMatrix::stonebridge();
        let mut after = before.clone();
        after.rows[9].staff = StaffUse::SelectedStaff;
        after.rows.remove(10);
        assert_eq!(
            after.changes(&before),
            [
                "Use of social media: staff from \u{201c}Not allowed\u{201d} to \u{201c}Allowed for selected staff\u{201d}",
                "Removed: Use of blogs"
            ]
        );
        after.rows.push(after.rows[0].clone());
        assert_eq!(
            after.validate(),
            Err(UsageProblem::Repeated(
                "Mobile phones may be brought to the school".into()
            ))
        );

        let before = UserActionsMatrix::stonebridge();
        let mut after = before.clone();
        after.rows[15].levels = vec![UsageLevel::AtCertainTimes];
        assert_eq!(
            after.changes(&before),
            [
                "Online gaming (educational): from \u{201c}Unacceptable\u{201d} to \u{201c}Acceptable at certain times\u{201d}"
            ]
        );
        after.rows[0].levels.clear();
        assert!(matches!(after.validate(), Err(UsageProblem::NoLevel(_))));
    }

    #[test]
    fn each_table_writes_as_the_csv_the_policy_prints() {
        let devices = DeviceMatrix::stonebridge().to_csv();
        let lines: Vec<&str> = devices.lines().collect();
        assert_eq!(
            lines[0],
            ",\"School owned, single user\",\"School owned, multiple users\",Authorised device,Pupil owned,Staff owned,Visitor owned"
        );
        assert_eq!(lines[4], "No network access,,,,\u{2713},,\u{2713}");
        let comms = CommunicationsMatrix::stonebridge().to_csv();
        let lines: Vec<&str> = comms.lines().collect();
        assert_eq!(lines.len(), 13);
        assert_eq!(
            lines[2],
            "Mobile phones may be brought to the school,\u{2713},,,,,,\u{2713},"
        );
        let actions = UserActionsMatrix::stonebridge().to_csv();
        assert!(
            actions
                .lines()
                .any(|l| l == "Promotion of extremism or terrorism,,,,\u{2713},\u{2713}")
        );
    }
}
