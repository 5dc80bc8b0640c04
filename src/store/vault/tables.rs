//! The vault's policy tables kept in approved versions: mobile devices, communication
//! technologies, user actions, and the versions of the sanctions tables.

use chrono::NaiveDate;

use crate::domain::policy::{ReportThemes, SanctionsMatrix, SanctionsTable};

use super::Vault;
use crate::store::StoreError;
use crate::store::policy::{self, UsageMatrices, UsageTable, Version};

impl Vault {
    /// The usage tables (mobile devices, communications, user actions) as currently approved,
    /// or with `version` one of them as it was at that version.
    pub fn usage_matrices(
        &self,
        version: Option<(UsageTable, i64)>,
    ) -> Result<UsageMatrices, StoreError> {
        policy::usage(&self.conn, version)
    }

    /// Every version of a usage table, newest first.
    pub fn usage_versions(&self, table: UsageTable) -> Result<Vec<Version>, StoreError> {
        policy::versions(&self.conn, table)
    }

    /// Saves `table` from `matrices` as its next version; returns the version's number.
    pub fn save_usage_matrix(
        &mut self,
        table: UsageTable,
        matrices: &UsageMatrices,
        approved_on: NaiveDate,
        approved_by: &str,
    ) -> Result<i64, StoreError> {
        let today = self.clock().today();
        self.in_transaction(|conn, actor| {
            policy::save_usage(
                conn,
                actor,
                table,
                matrices,
                approved_on,
                approved_by,
                today,
            )
        })
    }

    /// Every version of a sanctions table, newest first.
    pub fn sanctions_versions(&self, table: SanctionsTable) -> Result<Vec<Version>, StoreError> {
        policy::sanctions_versions(&self.conn, table)
    }

    /// A sanctions table as it was at `version`.
    pub fn sanctions_at(
        &self,
        table: SanctionsTable,
        version: i64,
    ) -> Result<SanctionsMatrix, StoreError> {
        policy::sanctions_at(&self.conn, table, version)
    }

    /// The report's themes as currently approved, or as they were at `version`.
    pub fn report_themes(&self, version: Option<i64>) -> Result<ReportThemes, StoreError> {
        policy::themes(&self.conn, version)
    }

    /// Every version of the report's themes, newest first.
    pub fn report_theme_versions(&self) -> Result<Vec<Version>, StoreError> {
        policy::theme_versions(&self.conn)
    }

    /// Saves `themes` as their next version; returns the version's number.
    pub fn save_report_themes(
        &mut self,
        themes: &ReportThemes,
        approved_on: NaiveDate,
        approved_by: &str,
    ) -> Result<i64, StoreError> {
        let today = self.clock().today();
        self.in_transaction(|conn, actor| {
            policy::save_themes(conn, actor, themes, approved_on, approved_by, today)
        })
    }
}
