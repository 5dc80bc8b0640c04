//! The vault's calendar and accountability: term dates, the review schedule, and the logs
//! governors monitor.

use chrono::{NaiveDate, NaiveDateTime};

use super::Vault;
use crate::domain::logs::{Confiscation, FilteringChange, FilteringCheck};
use crate::domain::schedule::ReviewItem;
use crate::domain::terms::{HalfTermDates, SchoolYear, TermCalendar};
use crate::store::StoreError;
use crate::store::logs::{self, ConfiscationRow, Entry};
use crate::store::schedule::{self, Completion, StoredItem};

impl Vault {
    /// The school's term dates, with defaults for years it has not entered.
    pub fn terms(&self) -> Result<TermCalendar, StoreError> {
        schedule::terms(&self.conn)
    }

    /// The school years the school has entered its own dates for.
    pub fn term_years_entered(&self) -> Result<Vec<SchoolYear>, StoreError> {
        schedule::years_entered(&self.conn)
    }

    /// Saves a school year's six half-terms, checked.
    pub fn save_term_dates(
        &mut self,
        year: SchoolYear,
        dates: &[HalfTermDates],
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| schedule::save_year(conn, actor, year, dates))
    }

    /// The review schedule.
    pub fn review_items(&self) -> Result<Vec<StoredItem>, StoreError> {
        schedule::items(&self.conn)
    }

    /// Adds an item to the schedule; returns its id.
    pub fn add_review_item(&mut self, item: &ReviewItem) -> Result<i64, StoreError> {
        self.in_transaction(|conn, actor| schedule::add_item(conn, actor, item))
    }

    /// Changes an item, or takes it off the schedule (`active` false).
    pub fn update_review_item(
        &mut self,
        id: i64,
        item: &ReviewItem,
        active: bool,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| schedule::update_item(conn, actor, id, item, active))
    }

    /// Marks an item done and schedules the next; returns the next due date.
    pub fn mark_review_done(
        &mut self,
        id: i64,
        done_on: NaiveDate,
        notes: &str,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, StoreError> {
        self.in_transaction(|conn, actor| {
            schedule::mark_done(conn, actor, id, done_on, notes, today)
        })
    }

    /// Every time an item was done, newest first.
    pub fn review_completions(&self, id: i64) -> Result<Vec<Completion>, StoreError> {
        schedule::completions(&self.conn, id)
    }

    /// Writes the schedule as an iCalendar (.ics) file; returns how many events.
    pub fn export_schedule(&self, out: impl std::io::Write) -> Result<usize, StoreError> {
        let school = self.settings()?.school_name;
        schedule::export_ics(&self.conn, &school, out)
    }

    /// Adds an entry to the filtering change-control log; returns its id.
    pub fn add_filtering_change(
        &mut self,
        change: &FilteringChange,
        today: NaiveDate,
    ) -> Result<i64, StoreError> {
        self.in_transaction(|conn, actor| logs::add_change(conn, actor, change, today))
    }

    /// Brings a filtering change up to date (approved, applied).
    pub fn update_filtering_change(
        &mut self,
        id: i64,
        change: &FilteringChange,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| logs::update_change(conn, actor, id, change, today))
    }

    /// The filtering change-control log, newest first.
    pub fn filtering_changes(&self) -> Result<Vec<Entry<FilteringChange>>, StoreError> {
        logs::changes(&self.conn)
    }

    /// Records a check that filtering works; returns its id.
    pub fn add_filtering_check(
        &mut self,
        check: &FilteringCheck,
        today: NaiveDate,
    ) -> Result<i64, StoreError> {
        self.in_transaction(|conn, actor| logs::add_check(conn, actor, check, today))
    }

    /// The filtering checks, newest first.
    pub fn filtering_checks(&self) -> Result<Vec<Entry<FilteringCheck>>, StoreError> {
        logs::checks(&self.conn)
    }

    /// Records a device taken from a pupil; returns its id.
    pub fn add_confiscation(
        &mut self,
        taken: &Confiscation,
        now: NaiveDateTime,
    ) -> Result<i64, StoreError> {
        self.in_transaction(|conn, actor| logs::add_confiscation(conn, actor, taken, now))
    }

    /// Records that a held device was returned.
    pub fn return_device(
        &mut self,
        id: i64,
        returned_to: &str,
        returned_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| {
            logs::return_device(conn, actor, id, returned_to, returned_on, today)
        })
    }

    /// Every confiscation, those still held first.
    pub fn confiscations(&self) -> Result<Vec<ConfiscationRow>, StoreError> {
        logs::confiscations(&self.conn)
    }
}
