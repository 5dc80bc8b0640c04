//! The Acceptable Use Agreement registers: who signs which agreement, how often, and what a
//! new version of an agreement means for earlier signatures.

use chrono::{Months, NaiveDate};

use crate::domain::person::PersonKind;

/// One register of signatories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Register {
    /// Staff and volunteers: sign on induction, re-confirm each year.
    Staff,
    /// Pupils: each year.
    Pupils,
    /// Parents and carers: on entry.
    Parents,
    /// Community users: before any access.
    Community,
    /// External groups: before any access.
    ExternalGroups,
}

impl Register {
    /// Every register.
    pub const ALL: [Register; 5] = [
        Register::Staff,
        Register::Pupils,
        Register::Parents,
        Register::Community,
        Register::ExternalGroups,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Register::Staff => "staff",
            Register::Pupils => "pupils",
            Register::Parents => "parents",
            Register::Community => "community",
            Register::ExternalGroups => "external",
        }
    }

    /// The register for a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The register's name.
    pub fn title(self) -> &'static str {
        match self {
            Register::Staff => "Staff and volunteers",
            Register::Pupils => "Pupils",
            Register::Parents => "Parents and carers",
            Register::Community => "Community users",
            Register::ExternalGroups => "External groups",
        }
    }

    /// The policies' rule, in words.
    pub fn rule(self) -> &'static str {
        match self {
            Register::Staff => "sign on induction and re-confirm each year",
            Register::Pupils => "sign each year",
            Register::Parents => "sign on entry",
            Register::Community | Register::ExternalGroups => "sign before any access",
        }
    }

    /// Months after which a signature must be renewed; `None` when once is enough.
    pub fn renewal_months(self) -> Option<u32> {
        match self {
            Register::Staff | Register::Pupils => Some(12),
            Register::Parents | Register::Community | Register::ExternalGroups => None,
        }
    }

    /// The register a kind of person signs.
    pub fn for_kind(kind: PersonKind) -> Option<Self> {
        match kind {
            PersonKind::Staff | PersonKind::Volunteer => Some(Register::Staff),
            PersonKind::Pupil => Some(Register::Pupils),
            PersonKind::ParentOrCarer => Some(Register::Parents),
            PersonKind::CommunityUser => Some(Register::Community),
            PersonKind::Other => Some(Register::ExternalGroups),
            PersonKind::Governor => None,
        }
    }
}

/// How an agreement was signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningMethod {
    /// On paper.
    Paper,
    /// Electronically.
    Electronic,
}

impl SigningMethod {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            SigningMethod::Paper => "paper",
            SigningMethod::Electronic => "electronic",
        }
    }

    /// The words forms show.
    pub fn title(self) -> &'static str {
        match self {
            SigningMethod::Paper => "On paper",
            SigningMethod::Electronic => "Electronically",
        }
    }
}

impl std::fmt::Display for SigningMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.title())
    }
}

/// Where someone stands on their register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SignatureStatus {
    /// Never signed any version.
    NotSigned,
    /// Signed an earlier version only: needs to re-sign.
    Superseded,
    /// Signed the current version, but longer ago than the register allows.
    DueToRenew,
    /// Signed the current version, in date.
    Signed,
}

impl SignatureStatus {
    /// The words the registers show.
    pub fn title(self) -> &'static str {
        match self {
            SignatureStatus::NotSigned => "Not signed",
            SignatureStatus::Superseded => "Superseded — needs to re-sign",
            SignatureStatus::DueToRenew => "Due to re-sign this year",
            SignatureStatus::Signed => "Signed",
        }
    }

    /// Whether it belongs on the outstanding list.
    pub fn outstanding(self) -> bool {
        self != SignatureStatus::Signed
    }
}

/// Where someone stands, given the current version's id, the versions they signed with the
/// dates, and the register's renewal rule, on `today`.
pub fn status(
    current: i64,
    signed: &[(i64, NaiveDate)],
    renewal_months: Option<u32>,
    today: NaiveDate,
) -> SignatureStatus {
    let latest_current = signed
        .iter()
        .filter(|(doc, _)| *doc == current)
        .map(|(_, d)| *d)
        .max();
    match latest_current {
        None if signed.is_empty() => SignatureStatus::NotSigned,
        None => SignatureStatus::Superseded,
        Some(day) => {
            let renew_by = renewal_months.and_then(|m| day.checked_add_months(Months::new(m)));
            match renew_by {
                Some(by) if by <= today => SignatureStatus::DueToRenew,
                _ => SignatureStatus::Signed,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_new_version_supersedes_and_yearly_registers_lapse_after_a_year() {
        let today = day(2026, 9, 12);
        assert_eq!(status(2, &[], Some(12), today), SignatureStatus::NotSigned);
        assert_eq!(
            status(2, &[(1, day(2026, 9, 1))], None, today),
            SignatureStatus::Superseded
        );
        assert_eq!(
            status(
                2,
                &[(1, day(2025, 9, 1)), (2, day(2026, 1, 5))],
                Some(12),
                today
            ),
            SignatureStatus::Signed
        );
        assert_eq!(
            status(2, &[(2, day(2025, 9, 12))], Some(12), today),
            SignatureStatus::DueToRenew,
            "a year to the day"
        );
        assert_eq!(
            status(2, &[(2, day(2025, 9, 13))], Some(12), today),
            SignatureStatus::Signed
        );
        assert_eq!(
            status(2, &[(2, day(2015, 9, 1))], None, today),
            SignatureStatus::Signed,
            "parents sign once"
        );
        assert_eq!(
            Register::for_kind(PersonKind::Volunteer),
            Some(Register::Staff)
        );
        assert_eq!(Register::for_kind(PersonKind::Governor), None);
    }
}
