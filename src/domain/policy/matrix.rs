//! The sanctions tables as the school's data: columns of actions, rows of incident kinds, a
//! tick where the policy suggests the action. The vault keeps every approved version; the
//! incident form always reads the current one. The defaults are the Stonebridge tables.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::policy::{
    PUPIL_SANCTIONS, PupilAction, STAFF_SANCTIONS, SanctionRow, StaffAction,
};

/// Which of the two sanctions tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SanctionsTable {
    /// "Student / Pupil Incidents".
    Pupil,
    /// "Staff Incidents".
    Staff,
}

impl SanctionsTable {
    /// Both tables.
    pub const ALL: [SanctionsTable; 2] = [SanctionsTable::Pupil, SanctionsTable::Staff];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            SanctionsTable::Pupil => "pupil-sanctions",
            SanctionsTable::Staff => "staff-sanctions",
        }
    }

    /// The table's heading.
    pub fn title(self) -> &'static str {
        match self {
            SanctionsTable::Pupil => "Pupil incidents: actions and sanctions",
            SanctionsTable::Staff => "Staff incidents: actions and sanctions",
        }
    }

    /// The policy's table, as shipped.
    pub fn default_matrix(self) -> SanctionsMatrix {
        match self {
            SanctionsTable::Pupil => SanctionsMatrix::from_policy(
                &PupilAction::ALL,
                PupilAction::title,
                &PUPIL_SANCTIONS,
            ),
            SanctionsTable::Staff => SanctionsMatrix::from_policy(
                &StaffAction::ALL,
                StaffAction::title,
                &STAFF_SANCTIONS,
            ),
        }
    }
}

/// One row: a kind of incident and a tick per column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixRow {
    /// A stable identifier, kept when the school rewords the title.
    pub key: String,
    /// The row's words.
    pub title: String,
    /// One per column: whether the action is suggested.
    pub ticks: Vec<bool>,
}

/// A sanctions table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SanctionsMatrix {
    /// The actions, as column headings.
    pub columns: Vec<String>,
    /// The kinds of incident.
    pub rows: Vec<MatrixRow>,
}

/// What makes a table unusable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MatrixProblem {
    /// A row has more or fewer ticks than there are columns.
    #[error("The row \"{0}\" does not have one tick box per column")]
    RaggedRow(String),
    /// Two rows share a key.
    #[error("Two rows share the identifier \"{0}\"")]
    DuplicateKey(String),
    /// A heading or title is blank.
    #[error("Every column and row needs a title")]
    BlankTitle,
}

impl SanctionsMatrix {
    fn from_policy<A: Copy + PartialEq>(
        columns: &[A],
        title: fn(A) -> &'static str,
        rows: &[SanctionRow<A>],
    ) -> Self {
        Self {
            columns: columns.iter().map(|&c| title(c).to_owned()).collect(),
            rows: rows
                .iter()
                .map(|row| MatrixRow {
                    key: row.key.to_owned(),
                    title: row.title.to_owned(),
                    ticks: columns.iter().map(|&action| row.suggests(action)).collect(),
                })
                .collect(),
        }
    }

    /// The actions ticked for the row `key`, in column order; none if there is no such row.
    pub fn actions_for(&self, key: &str) -> Vec<&str> {
        self.rows
            .iter()
            .find(|row| row.key == key)
            .map(|row| {
                self.columns
                    .iter()
                    .zip(&row.ticks)
                    .filter(|(_, ticked)| **ticked)
                    .map(|(column, _)| column.as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Checks the table's shape.
    pub fn validate(&self) -> Result<(), MatrixProblem> {
        let blank = |s: &String| s.trim().is_empty();
        if self.columns.iter().any(blank) || self.rows.iter().any(|r| blank(&r.title)) {
            return Err(MatrixProblem::BlankTitle);
        }
        let mut keys = std::collections::HashSet::new();
        for row in &self.rows {
            if row.ticks.len() != self.columns.len() {
                return Err(MatrixProblem::RaggedRow(row.title.clone()));
            }
            if !keys.insert(row.key.as_str()) {
                return Err(MatrixProblem::DuplicateKey(row.key.clone()));
            }
        }
        Ok(())
    }
}

impl SanctionsMatrix {
    /// The table as the policy prints it (actions across, incidents down), as CSV.
    pub fn to_csv(&self) -> String {
        use crate::domain::policy::usage::{csv_text, tick};
        let mut rows = vec![
            std::iter::once("Incidents".to_owned())
                .chain(self.columns.iter().cloned())
                .collect::<Vec<_>>(),
        ];
        for row in &self.rows {
            rows.push(
                std::iter::once(row.title.clone())
                    .chain(row.ticks.iter().map(|&on| tick(on)))
                    .collect(),
            );
        }
        csv_text(rows)
    }

    /// What `self` changes from `before`, a line for each row whose ticks differ.
    pub fn changes(&self, before: &SanctionsMatrix) -> Vec<String> {
        let mut lines = Vec::new();
        for row in &self.rows {
            let Some(old) = before.rows.iter().find(|r| r.key == row.key) else {
                lines.push(format!("Added: {}", row.title));
                continue;
            };
            let differing = |now: bool| -> Vec<&str> {
                self.columns
                    .iter()
                    .zip(row.ticks.iter().zip(&old.ticks))
                    .filter(|(_, (new, was))| new != was && **new == now)
                    .map(|(column, _)| column.as_str())
                    .collect()
            };
            let (added, dropped) = (differing(true), differing(false));
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("now suggests {}", added.join(", ")));
            }
            if !dropped.is_empty() {
                parts.push(format!("no longer suggests {}", dropped.join(", ")));
            }
            if !parts.is_empty() {
                lines.push(format!("{}: {}", row.title, parts.join("; ")));
            }
        }
        lines
    }
}

/// Both sanctions tables as currently approved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SanctionsMatrices {
    /// The pupil table.
    pub pupil: SanctionsMatrix,
    /// The staff table.
    pub staff: SanctionsMatrix,
}

impl Default for SanctionsMatrices {
    /// The Stonebridge tables.
    fn default() -> Self {
        Self {
            pupil: SanctionsTable::Pupil.default_matrix(),
            staff: SanctionsTable::Staff.default_matrix(),
        }
    }
}

impl SanctionsMatrices {
    /// The table for `which`.
    pub fn table(&self, which: SanctionsTable) -> &SanctionsMatrix {
        match which {
            SanctionsTable::Pupil => &self.pupil,
            SanctionsTable::Staff => &self.staff,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_tables_tick_what_the_typed_policy_ticks() {
        let matrices = SanctionsMatrices::default();
        for row in &PUPIL_SANCTIONS {
            let expected: Vec<&str> = row.actions.iter().map(|a| a.title()).collect();
            assert_eq!(matrices.pupil.actions_for(row.key), expected, "{}", row.key);
        }
        for row in &STAFF_SANCTIONS {
            let expected: Vec<&str> = row.actions.iter().map(|a| a.title()).collect();
            assert_eq!(matrices.staff.actions_for(row.key), expected, "{}", row.key);
        }
        assert!(matrices.pupil.validate().is_ok() && matrices.staff.validate().is_ok());
    }

    #[test]
    fn changes_name_the_actions_each_row_gains_or_loses() {
        let before = SanctionsTable::Pupil.default_matrix();
        let mut after = before.clone();
        let row = &mut after.rows[0];
        let (first, gained) = (row.ticks[0], 0);
        row.ticks[gained] = !first;
        let column = before.columns[0].clone();
        let words = if first {
            "no longer suggests"
        } else {
            "now suggests"
        };
        assert_eq!(
            after.changes(&before),
            [format!("{}: {words} {column}", before.rows[0].title)]
        );
        assert!(before.changes(&before).is_empty());
        let csv = before.to_csv();
        let first = csv.lines().next().unwrap();
        assert!(first.starts_with("Incidents,"));
        assert_eq!(csv.lines().count(), before.rows.len() + 1);
    }

    #[test]
    fn a_misshapen_table_is_named() {
        let mut table = SanctionsTable::Pupil.default_matrix();
        table.rows[1].ticks.pop();
        assert!(matches!(table.validate(), Err(MatrixProblem::RaggedRow(_))));
        let mut table = SanctionsTable::Staff.default_matrix();
        table.rows[2].key = table.rows[0].key.clone();
        assert!(matches!(
            table.validate(),
            Err(MatrixProblem::DuplicateKey(_))
        ));
        assert!(
            SanctionsTable::Pupil
                .default_matrix()
                .actions_for("no-such-row")
                .is_empty()
        );
    }
}
