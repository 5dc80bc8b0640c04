//! How recent the last backup is, in the words the dashboard and Settings use. The Matlock Bath
//! policy asks for "a secure, remote off site back up of data"; a week without one is due.

use chrono::{DateTime, Utc};

/// Days after which the last backup is old enough to ask for another.
pub const DUE_AFTER_DAYS: i64 = 7;

/// Where the vault's backups stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupStanding {
    /// No backup has been taken.
    Never,
    /// The last one is recent: taken this many whole days ago.
    Recent(i64),
    /// The last one is this many whole days old: another is due.
    Due(i64),
}

impl BackupStanding {
    /// The standing of a vault whose last backup was taken at `last`, as at `now`.
    pub fn of(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        match last {
            None => BackupStanding::Never,
            Some(taken) => {
                let days = (now - taken).num_days().max(0);
                if days >= DUE_AFTER_DAYS {
                    BackupStanding::Due(days)
                } else {
                    BackupStanding::Recent(days)
                }
            }
        }
    }

    /// Whether it asks for a backup.
    pub fn needs_one(self) -> bool {
        !matches!(self, BackupStanding::Recent(_))
    }

    /// "Last backup 3 days ago", "No backup has been taken of this vault".
    pub fn words(self) -> String {
        let ago = |days: i64| match days {
            0 => "today".to_owned(),
            1 => "yesterday".to_owned(),
            n => format!("{n} days ago"),
        };
        match self {
            BackupStanding::Never => "No backup has been taken of this vault".into(),
            BackupStanding::Recent(days) => format!("Last backup {}", ago(days)),
            BackupStanding::Due(days) => format!("Last backup {}: one is due", ago(days)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_week_without_a_backup_asks_for_one() {
        let now = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap();
        let at = |days: i64| Some(now - chrono::Duration::days(days) - chrono::Duration::hours(1));
        assert_eq!(BackupStanding::of(None, now), BackupStanding::Never);
        assert_eq!(BackupStanding::of(at(0), now), BackupStanding::Recent(0));
        assert_eq!(BackupStanding::of(at(6), now), BackupStanding::Recent(6));
        assert_eq!(BackupStanding::of(at(7), now), BackupStanding::Due(7));
        assert!(BackupStanding::Never.needs_one() && BackupStanding::Due(9).needs_one());
        assert!(!BackupStanding::Recent(6).needs_one());
        assert_eq!(BackupStanding::Recent(0).words(), "Last backup today");
        assert_eq!(BackupStanding::Recent(1).words(), "Last backup yesterday");
        assert_eq!(
            BackupStanding::Due(12).words(),
            "Last backup 12 days ago: one is due"
        );
        // A clock set back does not make a backup from the future.
        let later = Some(now + chrono::Duration::hours(3));
        assert_eq!(BackupStanding::of(later, now), BackupStanding::Recent(0));
    }
}
