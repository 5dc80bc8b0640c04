//! The vault's registers: people, their import, the training audit, the AUP registers and
//! photo consent.

use chrono::NaiveDate;

use super::Vault;
use crate::domain::aup::{Register, SigningMethod};
use crate::domain::consent::{Answer, PhotoUse};
use crate::domain::person::{NewPerson, PersonKind};
use crate::domain::person_import::Mapping;
use crate::domain::staff_groups::TitleGroups;
use crate::domain::training::TrainingType;
use crate::store::StoreError;
use crate::store::aup::{self, AupDocument, AupStatusRow};
use crate::store::consent::{self, PupilConsent};
use crate::store::people::{self, Person};
use crate::store::person_import::{self, PeoplePreview, PeopleReport};
use crate::store::training::{self, NewSession, StatusRow, StoredType, TrainingCounts};

impl Vault {
    /// Adds a person; returns the new record's id.
    pub fn add_person(&mut self, person: &NewPerson) -> Result<i64, StoreError> {
        self.in_transaction(|conn, actor| people::add(conn, actor, person))
    }

    /// Everything stored about one person.
    pub fn person(&self, id: i64) -> Result<NewPerson, StoreError> {
        people::details(&self.conn, people::DetailsOf::One(id))?
            .into_iter()
            .next()
            .map(|(_, person)| person)
            .ok_or_else(|| StoreError::no_such(crate::domain::problem::Record::Person))
    }

    /// The people linked to `person`: a parent's children, or a child's parents.
    pub fn linked_people(&self, person: i64) -> Result<Vec<String>, StoreError> {
        people::linked(&self.conn, person)
    }

    /// Links a parent or carer to a pupil; returns whether the link is new.
    pub fn link_parent(&mut self, parent: i64, child: i64) -> Result<bool, StoreError> {
        self.in_transaction(|conn, actor| people::link_checked(conn, actor, parent, child))
    }

    /// Amends a person's details; the earlier version stays in the audit chain.
    pub fn update_person(&mut self, id: i64, person: &NewPerson) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| people::update(conn, actor, id, person))
    }

    /// Everyone, by name.
    pub fn people(&self) -> Result<Vec<Person>, StoreError> {
        people::all(&self.conn)
    }

    /// What importing a people list of `kind` would do, row by row, and who would be offered
    /// as leavers.
    pub fn preview_people_import(
        &self,
        bytes: &[u8],
        kind: PersonKind,
        mapping: &Mapping,
        today: NaiveDate,
    ) -> Result<PeoplePreview, StoreError> {
        person_import::preview(&self.conn, bytes, kind, mapping, today).map(|(preview, ..)| preview)
    }

    /// The school's corrections of the staff group a job title means.
    pub fn staff_group_corrections(&self) -> Result<TitleGroups, StoreError> {
        person_import::staff_groups(&self.conn)
    }

    /// Keeps `corrections` (on top of earlier ones) for every later people import.
    pub fn correct_staff_groups(&mut self, corrections: &TitleGroups) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| {
            person_import::correct_staff_groups(conn, actor, corrections)
        })
    }

    /// Imports a people list of `kind` in one transaction; `skip` leaves out rows with
    /// problems, `mark_leavers` gives people missing from the list today as their leaving date.
    pub fn import_people(
        &mut self,
        bytes: &[u8],
        kind: PersonKind,
        mapping: &Mapping,
        skip: bool,
        mark_leavers: bool,
        today: NaiveDate,
    ) -> Result<PeopleReport, StoreError> {
        self.in_transaction(|conn, actor| {
            person_import::import(
                conn,
                actor,
                bytes,
                kind,
                mapping,
                (skip, mark_leavers),
                today,
            )
        })
    }

    /// Adds a version of a register's Acceptable Use Agreement; returns its id.
    pub fn add_aup_document(
        &mut self,
        register: Register,
        title: &str,
        version: &str,
        approved_on: NaiveDate,
    ) -> Result<i64, StoreError> {
        self.in_transaction(|conn, actor| {
            aup::add_document(conn, actor, register, title, version, approved_on)
        })
    }

    /// Every agreement version, newest first within each register.
    pub fn aup_documents(&self) -> Result<Vec<AupDocument>, StoreError> {
        aup::documents(&self.conn)
    }

    /// Records that `people` signed `document`; returns how many.
    pub fn record_aup_signatures(
        &mut self,
        document: i64,
        people: &[i64],
        signed_on: NaiveDate,
        method: SigningMethod,
        today: NaiveDate,
    ) -> Result<usize, StoreError> {
        self.in_transaction(|conn, actor| {
            aup::sign(conn, actor, document, people, signed_on, method, today)
        })
    }

    /// Everyone's standing on their AUP register on `today`.
    pub fn aup_statuses(&self, today: NaiveDate) -> Result<Vec<AupStatusRow>, StoreError> {
        aup::statuses(&self.conn, today)
    }

    /// How many people must sign or re-sign their agreement on `today`.
    pub fn aup_outstanding_count(&self, today: NaiveDate) -> Result<usize, StoreError> {
        aup::outstanding_count(&self.conn, today)
    }

    /// Writes the outstanding signatures as CSV (not encrypted); returns how many rows.
    pub fn export_aup_outstanding(
        &self,
        today: NaiveDate,
        out: impl std::io::Write,
    ) -> Result<usize, StoreError> {
        aup::export_outstanding(&self.conn, today, out)
    }

    /// Whether photo consent is asked for again each year (otherwise once, on entry).
    pub fn photo_consent_yearly(&self) -> Result<bool, StoreError> {
        consent::yearly(&self.conn)
    }

    /// Sets whether photo consent is asked for again each year.
    pub fn set_photo_consent_yearly(&mut self, yearly: bool) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| consent::set_yearly(conn, actor, yearly))
    }

    /// Records a parent's or carer's photo-consent answers for a pupil.
    pub fn record_photo_consent(
        &mut self,
        pupil: i64,
        answers: &[(PhotoUse, Answer)],
        given_by: &str,
        recorded_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| {
            consent::record(conn, actor, pupil, answers, given_by, recorded_on, today)
        })
    }

    /// Every pupil's photo consent for each use on `today`, by class.
    pub fn photo_consents(&self, today: NaiveDate) -> Result<Vec<PupilConsent>, StoreError> {
        consent::pupils(&self.conn, today)
    }

    /// The training types tracked.
    pub fn training_types(&self) -> Result<Vec<StoredType>, StoreError> {
        training::types(&self.conn)
    }

    /// Records a training session and who attended; returns its id.
    pub fn record_training_session(
        &mut self,
        session: &NewSession,
        today: NaiveDate,
    ) -> Result<i64, StoreError> {
        self.in_transaction(|conn, actor| training::record_session(conn, actor, session, today))
    }

    /// Everyone's training status on `today`, for each type that applies to them.
    pub fn training_statuses(&self, today: NaiveDate) -> Result<Vec<StatusRow>, StoreError> {
        training::statuses(&self.conn, today)
    }

    /// How much training is overdue, never done or due soon on `today`.
    pub fn training_counts(&self, today: NaiveDate) -> Result<TrainingCounts, StoreError> {
        training::counts(&self.conn, today)
    }

    /// Writes the outstanding training as CSV (not encrypted); returns how many rows.
    pub fn export_training_outstanding(
        &self,
        today: NaiveDate,
        out: impl std::io::Write,
    ) -> Result<usize, StoreError> {
        training::export_outstanding(&self.conn, today, out)
    }

    /// Every training type, retired ones too, with whether each is still in use.
    pub fn all_training_types(&self) -> Result<Vec<(StoredType, bool)>, StoreError> {
        training::all_types(&self.conn)
    }

    /// Adds a training type of the school's own; returns its id.
    pub fn add_training_type(&mut self, kind: &TrainingType) -> Result<i64, StoreError> {
        self.in_transaction(|conn, actor| training::add_type(conn, actor, kind))
    }

    /// Changes a training type, or retires it (`active` false); statuses follow at once.
    pub fn update_training_type(
        &mut self,
        id: i64,
        kind: &TrainingType,
        active: bool,
    ) -> Result<(), StoreError> {
        self.in_transaction(|conn, actor| training::update_type(conn, actor, id, kind, active))
    }
}
