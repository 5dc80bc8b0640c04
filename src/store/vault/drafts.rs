//! The vault's drafts of forms being typed (see [`crate::store::drafts`]).

use super::Vault;
use crate::store::StoreError;
use crate::store::drafts::{self, Draft};

impl Vault {
    /// Keeps `content` as the draft of `form` (e.g. `incident-new`), dated by the vault's clock.
    pub fn save_draft(&mut self, form: &str, content: &str) -> Result<(), StoreError> {
        let at = self.clock().now();
        drafts::save(self.connection(), form, content, at)
    }

    /// The draft of `form`, if one is kept.
    pub fn draft(&self, form: &str) -> Result<Option<Draft>, StoreError> {
        drafts::load(self.connection(), form)
    }

    /// Removes the draft of `form`: the record was saved, or the draft thrown away.
    pub fn discard_draft(&mut self, form: &str) -> Result<(), StoreError> {
        drafts::discard(self.connection(), form)
    }
}
