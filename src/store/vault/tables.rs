//! The vault's usage tables: mobile devices, communication technologies and user actions, each
//! kept in approved versions.

use chrono::NaiveDate;

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
        self.in_transaction(|conn, actor| {
            policy::save_usage(conn, actor, table, matrices, approved_on, approved_by)
        })
    }
}
