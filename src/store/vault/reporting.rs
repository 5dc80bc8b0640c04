//! What the governor report reads from the vault.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Vault;
use crate::store::StoreError;
use crate::store::report::{self, ReportedIncident};

impl Vault {
    /// The incidents reported from `from` to `to` (both days included), with the facts the
    /// governor report counts, oldest first.
    pub fn reported_incidents(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ReportedIncident>, StoreError> {
        report::reported_between(&self.conn, from, to)
    }

    /// How many incidents were reported from `from` to `to`, by category key.
    pub fn incident_categories(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<HashMap<String, usize>, StoreError> {
        report::categories_between(&self.conn, from, to)
    }
}

impl Vault {
    /// The id of the incident with `reference` (any case, spaces ignored), if there is one.
    pub fn incident_by_reference(&self, reference: &str) -> Result<Option<i64>, StoreError> {
        report::incident_by_reference(&self.conn, reference)
    }
}
