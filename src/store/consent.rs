//! Photo and video consent in the vault: answers as recorded (the latest per pupil and use
//! counts), the school's renewal rule, and who must not appear in photos.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::consent::{self, Answer, ConsentStatus, PhotoUse};
use crate::domain::training;
use crate::store::stored::Fields;
use crate::store::{StoreError, audit, query};

/// A pupil's consent for every use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilConsent {
    /// The pupil.
    pub pupil_id: i64,
    /// Their name.
    pub name: String,
    /// Their year group.
    pub year_group: Option<u8>,
    /// Their status for each use, in [`PhotoUse::ALL`] order.
    pub uses: [ConsentStatus; 4],
}

/// Whether the school asks for consent again each year (otherwise once, on entry).
pub(crate) fn yearly(conn: &Connection) -> Result<bool, StoreError> {
    Ok(conn.query_row(
        "SELECT photo_consent_yearly FROM school_settings WHERE id = 1",
        [],
        |r| r.get(0),
    )?)
}

/// Sets the renewal rule.
pub(crate) fn set_yearly(conn: &Connection, actor: &str, yearly: bool) -> Result<(), StoreError> {
    let sql = "UPDATE school_settings SET photo_consent_yearly = ?2 WHERE id = ?1";
    audit::amend(conn, actor, "school_settings", 1, sql, params![1, yearly])
}

/// Records a parent's or carer's answers for one pupil, for the uses given.
pub(crate) fn record(
    conn: &Connection,
    actor: &str,
    pupil: i64,
    answers: &[(PhotoUse, Answer)],
    given_by: &str,
    recorded_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), StoreError> {
    if recorded_on > today {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::ConsentInFuture,
        ));
    }
    if given_by.trim().is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::ConsentGiverMissing,
        ));
    }
    if answers.is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::ConsentAnswerMissing,
        ));
    }
    let kind: Option<String> = conn
        .query_row("SELECT kind FROM people WHERE id = ?1", [pupil], |r| {
            r.get(0)
        })
        .optional()?;
    if kind.as_deref() != Some("pupil") {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::ConsentNotForPupil,
        ));
    }
    for (photo_use, answer) in answers {
        let sql =
            "INSERT INTO photo_consents (pupil_id, use, answer, recorded_on, given_by, recorded_by)
                   VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
        let values = params![
            pupil,
            photo_use.code(),
            answer.code(),
            recorded_on.format(query::DAY).to_string(),
            given_by.trim(),
            actor
        ];
        audit::insert(conn, actor, "photo_consents", sql, values)?;
    }
    Ok(())
}

/// Every pupil still here with their consent for each use on `today`, by class then name.
pub(crate) fn pupils(conn: &Connection, today: NaiveDate) -> Result<Vec<PupilConsent>, StoreError> {
    let yearly = yearly(conn)?;
    let mut latest: HashMap<(i64, PhotoUse), (Answer, NaiveDate)> = HashMap::new();
    let sql = "SELECT id, pupil_id, use, answer, recorded_on FROM photo_consents ORDER BY recorded_on, id";
    let rows: Vec<(i64, PhotoUse, Answer, NaiveDate)> = query::all(conn, sql, [], |r| {
        let fields = Fields::of(r, "photo_consents")?;
        Ok((
            fields.get("pupil_id")?,
            fields.get("use")?,
            fields.get("answer")?,
            fields.day("recorded_on")?,
        ))
    })?;
    for (pupil, photo_use, answer, day) in rows {
        latest.insert((pupil, photo_use), (answer, day));
    }
    let sql =
        "SELECT id, given_name || ' ' || family_name AS name, year_group, leaving_date FROM people
               WHERE kind = 'pupil' ORDER BY year_group, family_name, given_name, id";
    type Pupil = (i64, String, Option<u8>, Option<NaiveDate>);
    let people: Vec<Pupil> = query::all(conn, sql, [], |r| {
        let f = Fields::of(r, "people")?;
        Ok((
            f.get("id")?,
            f.get("name")?,
            f.get("year_group")?,
            f.maybe_day("leaving_date")?,
        ))
    })?;
    Ok(people
        .into_iter()
        .filter(|(.., leaving)| training::still_here(*leaving, today))
        .map(|(id, name, year_group, _)| PupilConsent {
            pupil_id: id,
            name,
            year_group,
            uses: PhotoUse::ALL
                .map(|u| consent::status(latest.get(&(id, u)).copied(), yearly, today)),
        })
        .collect())
}
