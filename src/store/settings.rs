//! Reading and amending the school settings (one audited record).

use rusqlite::{Connection, params};

use crate::domain::SchoolSettings;
use crate::store::StoreError;
use crate::store::audit::{self, Change};

const TABLE: &str = "school_settings";
const ONLY_ROW: i64 = 1;

const INSERT: &str =
    "INSERT INTO school_settings (id, school_name, coordinator, designated_safeguarding_lead,
        headteacher, chair_of_governors, lado_contact, auto_lock_minutes, small_numbers_below)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
const UPDATE: &str = "UPDATE school_settings SET school_name = ?2, coordinator = ?3,
        designated_safeguarding_lead = ?4, headteacher = ?5, chair_of_governors = ?6,
        lado_contact = ?7, auto_lock_minutes = ?8, small_numbers_below = ?9
    WHERE id = ?1";

/// Writes the first settings record at set-up.
pub(crate) fn create(
    conn: &Connection,
    actor: &str,
    settings: &SchoolSettings,
) -> Result<(), StoreError> {
    write(conn, actor, settings, Change::Create)
}

/// Amends the settings record; the earlier version stays in the audit chain.
pub(crate) fn amend(
    conn: &Connection,
    actor: &str,
    settings: &SchoolSettings,
) -> Result<(), StoreError> {
    write(conn, actor, settings, Change::Amend)
}

fn write(
    conn: &Connection,
    actor: &str,
    settings: &SchoolSettings,
    change: Change,
) -> Result<(), StoreError> {
    settings.validate()?;
    let sql = match change {
        Change::Create => INSERT,
        Change::Amend => UPDATE,
    };
    conn.execute(
        sql,
        params![
            ONLY_ROW,
            settings.school_name,
            settings.coordinator,
            settings.designated_safeguarding_lead,
            settings.headteacher,
            settings.chair_of_governors,
            settings.lado_contact,
            settings.auto_lock_minutes,
            settings.small_numbers_below,
        ],
    )?;
    audit::append(conn, actor, change, TABLE, ONLY_ROW)?;
    Ok(())
}

/// Reads the settings record.
pub(crate) fn load(conn: &Connection) -> Result<SchoolSettings, StoreError> {
    let settings = conn.query_row(
        "SELECT school_name, coordinator, designated_safeguarding_lead, headteacher,
                chair_of_governors, lado_contact, auto_lock_minutes, small_numbers_below
         FROM school_settings WHERE id = ?1",
        [ONLY_ROW],
        |row| {
            Ok(SchoolSettings {
                school_name: row.get(0)?,
                coordinator: row.get(1)?,
                designated_safeguarding_lead: row.get(2)?,
                headteacher: row.get(3)?,
                chair_of_governors: row.get(4)?,
                lado_contact: row.get(5)?,
                auto_lock_minutes: row.get(6)?,
                small_numbers_below: row.get(7)?,
            })
        },
    )?;
    Ok(settings)
}
