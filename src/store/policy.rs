//! The policy's matrices in the vault: every approved version kept, the newest in use.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::policy::usage::{CommunicationsMatrix, DeviceMatrix, UserActionsMatrix};
use crate::domain::policy::{ReportThemes, SanctionsMatrices, SanctionsMatrix, SanctionsTable};
use crate::store::{StoreError, audit};

/// Who approved the shipped tables, as the first version records it.
const SHIPPED_BY: &str = "Policy defaults (Stonebridge E-Safety Policy 2018)";

/// Adds the shipped sanctions tables as version 1 of each, where a vault has none yet.
pub(crate) fn ensure_defaults(
    conn: &Connection,
    actor: &str,
    today: NaiveDate,
) -> Result<(), StoreError> {
    for table in SanctionsTable::ALL {
        if latest(conn, table)?.is_none() {
            let at = today.format("%Y-%m-%d").to_string();
            save(conn, actor, table, &table.default_matrix(), &at, SHIPPED_BY)?;
        }
    }
    Ok(())
}

/// Saves `matrix` as the next version of `table`, approved on `approved_at` by `approved_by`.
pub(crate) fn save(
    conn: &Connection,
    actor: &str,
    table: SanctionsTable,
    matrix: &SanctionsMatrix,
    approved_at: &str,
    approved_by: &str,
) -> Result<i64, StoreError> {
    matrix.validate().map_err(StoreError::rule)?;
    if approved_by.trim().is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::ApproverMissing,
        ));
    }
    if latest(conn, table)?.as_ref() == Some(matrix) {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::NothingChanged,
        ));
    }
    let content = serde_json::to_string(matrix).map_err(|e| StoreError::write("table")(e))?;
    insert_version(
        conn,
        actor,
        table.code(),
        &content,
        approved_at,
        approved_by,
    )
}

/// The newest version of `table`, if there is one.
fn latest(conn: &Connection, table: SanctionsTable) -> Result<Option<SanctionsMatrix>, StoreError> {
    stored(conn, table.code(), None, table.title())
}

/// The stored content of `code` at `version` (none: the newest), read as `T`; `what` names it
/// if it cannot be read.
fn stored<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    code: &str,
    version: Option<i64>,
    what: &str,
) -> Result<Option<T>, StoreError> {
    let content: Option<String> = conn
        .query_row(
            "SELECT content FROM policy_matrices WHERE matrix = ?1 AND (?2 IS NULL OR version = ?2)
             ORDER BY version DESC LIMIT 1",
            params![code, version],
            |row| row.get(0),
        )
        .optional()?;
    content
        .map(|json| {
            serde_json::from_str(&json)
                .map_err(|e| StoreError::Damaged(format!("the stored {what} is unreadable: {e}")))
        })
        .transpose()
}

/// Both sanctions tables as currently approved.
pub(crate) fn sanctions(conn: &Connection) -> Result<SanctionsMatrices, StoreError> {
    let read = |table| {
        latest(conn, table)?.ok_or_else(|| {
            StoreError::Damaged(format!("the vault has no {}", table.title().to_lowercase()))
        })
    };
    Ok(SanctionsMatrices {
        pupil: read(SanctionsTable::Pupil)?,
        staff: read(SanctionsTable::Staff)?,
    })
}

/// One of the policy's usage tables, kept in versions like the sanctions tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UsageTable {
    /// The mobile-devices table.
    Devices,
    /// The communication technologies table.
    Communications,
    /// The user actions table.
    UserActions,
}

impl UsageTable {
    /// The three tables.
    pub const ALL: [UsageTable; 3] = [
        UsageTable::Devices,
        UsageTable::Communications,
        UsageTable::UserActions,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            UsageTable::Devices => "mobile-devices",
            UsageTable::Communications => "communications",
            UsageTable::UserActions => "user-actions",
        }
    }

    /// The table's heading.
    pub fn title(self) -> &'static str {
        match self {
            UsageTable::Devices => "Mobile devices",
            UsageTable::Communications => "Communication technologies",
            UsageTable::UserActions => "User actions",
        }
    }
}

/// A saved version of a table: its number and approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// 1 for the shipped defaults, then one more for each approved change.
    pub version: i64,
    /// When it was approved (`2026-02-12`).
    pub approved_at: String,
    /// Who approved it.
    pub approved_by: String,
}

/// The three usage tables, each at one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageMatrices {
    /// Mobile devices.
    pub devices: DeviceMatrix,
    /// Communication technologies.
    pub communications: CommunicationsMatrix,
    /// User actions.
    pub user_actions: UserActionsMatrix,
}

impl UsageMatrices {
    /// The Stonebridge tables.
    pub fn stonebridge() -> Self {
        Self {
            devices: DeviceMatrix::stonebridge(),
            communications: CommunicationsMatrix::stonebridge(),
            user_actions: UserActionsMatrix::stonebridge(),
        }
    }
}

/// Adds the shipped usage tables as version 1 of each, where a vault has none yet.
pub(crate) fn ensure_usage_defaults(
    conn: &Connection,
    actor: &str,
    today: NaiveDate,
) -> Result<(), StoreError> {
    let shipped = UsageMatrices::stonebridge();
    let at = today.format("%Y-%m-%d").to_string();
    for table in UsageTable::ALL {
        if versions(conn, table)?.is_empty() {
            insert_version(
                conn,
                actor,
                table.code(),
                &content_of(&shipped, table)?,
                &at,
                SHIPPED_BY,
            )?;
        }
    }
    Ok(())
}

fn content_of(matrices: &UsageMatrices, table: UsageTable) -> Result<String, StoreError> {
    let json = match table {
        UsageTable::Devices => serde_json::to_string(&matrices.devices),
        UsageTable::Communications => serde_json::to_string(&matrices.communications),
        UsageTable::UserActions => serde_json::to_string(&matrices.user_actions),
    };
    json.map_err(|e| StoreError::write("table")(e))
}

fn insert_version(
    conn: &Connection,
    actor: &str,
    code: &str,
    content: &str,
    approved_at: &str,
    approved_by: &str,
) -> Result<i64, StoreError> {
    let version: i64 = conn.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM policy_matrices WHERE matrix = ?1",
        [code],
        |row| row.get(0),
    )?;
    let sql = "INSERT INTO policy_matrices (matrix, version, approved_at, approved_by, content)
               VALUES (?1, ?2, ?3, ?4, ?5)";
    let values = params![code, version, approved_at, approved_by.trim(), content];
    audit::insert(conn, actor, "policy_matrices", sql, values)?;
    Ok(version)
}

/// Saves `matrices`' `table` as its next version, approved on `approved_at` by `approved_by`;
/// refused when nothing changed. Returns the new version's number.
pub(crate) fn save_usage(
    conn: &Connection,
    actor: &str,
    table: UsageTable,
    matrices: &UsageMatrices,
    approved_on: NaiveDate,
    approved_by: &str,
    today: NaiveDate,
) -> Result<i64, StoreError> {
    let invalid = |problem: crate::domain::policy::usage::UsageProblem| StoreError::rule(problem);
    match table {
        UsageTable::Devices => matrices.devices.validate().map_err(invalid)?,
        UsageTable::Communications => matrices.communications.validate().map_err(invalid)?,
        UsageTable::UserActions => matrices.user_actions.validate().map_err(invalid)?,
    }
    if approved_by.trim().is_empty() {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::ApproverMissing,
        ));
    }
    if approved_on > today {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::ApprovedInFuture,
        ));
    }
    let current = usage(conn, None)?;
    if content_of(&current, table)? == content_of(matrices, table)? {
        return Err(StoreError::rule(
            crate::domain::problem::Refusal::NothingChanged,
        ));
    }
    let at = approved_on.format("%Y-%m-%d").to_string();
    insert_version(
        conn,
        actor,
        table.code(),
        &content_of(matrices, table)?,
        &at,
        approved_by,
    )
}

/// Every version of a table, newest first.
pub(crate) fn versions(conn: &Connection, table: UsageTable) -> Result<Vec<Version>, StoreError> {
    versions_of(conn, table.code())
}

/// Every version of a sanctions table, newest first.
pub(crate) fn sanctions_versions(
    conn: &Connection,
    table: SanctionsTable,
) -> Result<Vec<Version>, StoreError> {
    versions_of(conn, table.code())
}

/// A sanctions table as it was at `version`.
pub(crate) fn sanctions_at(
    conn: &Connection,
    table: SanctionsTable,
    version: i64,
) -> Result<SanctionsMatrix, StoreError> {
    stored(conn, table.code(), Some(version), table.title())?.ok_or_else(|| {
        StoreError::rule(crate::domain::problem::Refusal::NoSuchVersion {
            version,
            table: table.title().to_lowercase(),
        })
    })
}

fn versions_of(conn: &Connection, code: &str) -> Result<Vec<Version>, StoreError> {
    crate::store::query::all(
        conn,
        "SELECT version, approved_at, approved_by FROM policy_matrices WHERE matrix = ?1 ORDER BY version DESC",
        [code],
        |row| {
            Ok(Version {
                version: row.get(0)?,
                approved_at: row.get(1)?,
                approved_by: row.get(2)?,
            })
        },
    )
}

fn read_version<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    table: UsageTable,
    version: Option<i64>,
) -> Result<T, StoreError> {
    let title = table.title().to_lowercase();
    stored(conn, table.code(), version, &format!("{title} table"))?.ok_or_else(|| match version {
        Some(n) => StoreError::rule(crate::domain::problem::Refusal::NoSuchVersion {
            version: n,
            table: title.clone(),
        }),
        None => StoreError::Damaged(format!("the vault has no {title} table")),
    })
}

/// The three tables: the current versions, or with `version` one table at that version.
pub(crate) fn usage(
    conn: &Connection,
    version: Option<(UsageTable, i64)>,
) -> Result<UsageMatrices, StoreError> {
    let at = |table: UsageTable| version.filter(|(t, _)| *t == table).map(|(_, n)| n);
    Ok(UsageMatrices {
        devices: read_version(conn, UsageTable::Devices, at(UsageTable::Devices))?,
        communications: read_version(
            conn,
            UsageTable::Communications,
            at(UsageTable::Communications),
        )?,
        user_actions: read_version(conn, UsageTable::UserActions, at(UsageTable::UserActions))?,
    })
}

/// The code the report's themes are kept under.
const THEMES: &str = "report-themes";

/// Adds the shipped themes as version 1, where a vault has none yet.
pub(crate) fn ensure_theme_defaults(
    conn: &Connection,
    actor: &str,
    today: NaiveDate,
) -> Result<(), StoreError> {
    if !versions_of(conn, THEMES)?.is_empty() {
        return Ok(());
    }
    let content = serde_json::to_string(&ReportThemes::stonebridge())
        .map_err(|e| StoreError::write("themes")(e))?;
    let at = today.format("%Y-%m-%d").to_string();
    insert_version(conn, actor, THEMES, &content, &at, SHIPPED_BY).map(|_| ())
}

/// The report's themes: the current version, or the one at `version`.
pub(crate) fn themes(conn: &Connection, version: Option<i64>) -> Result<ReportThemes, StoreError> {
    stored(conn, THEMES, version, "report themes")?.ok_or_else(|| match version {
        Some(n) => StoreError::rule(crate::domain::problem::Refusal::NoSuchVersion {
            version: n,
            table: "report themes".into(),
        }),
        None => StoreError::Damaged("the vault has no report themes".into()),
    })
}

/// Every version of the report's themes, newest first.
pub(crate) fn theme_versions(conn: &Connection) -> Result<Vec<Version>, StoreError> {
    versions_of(conn, THEMES)
}

/// Saves `themes` as the next version, approved on `approved_on` by `approved_by`; refused
/// when they are not whole or nothing changed. Returns the new version's number.
pub(crate) fn save_themes(
    conn: &Connection,
    actor: &str,
    themes: &ReportThemes,
    approved_on: NaiveDate,
    approved_by: &str,
    today: NaiveDate,
) -> Result<i64, StoreError> {
    use crate::domain::problem::Refusal;
    themes.validate().map_err(StoreError::rule)?;
    if approved_by.trim().is_empty() {
        return Err(StoreError::rule(Refusal::ApproverMissing));
    }
    if approved_on > today {
        return Err(StoreError::rule(Refusal::ApprovedInFuture));
    }
    if &self::themes(conn, None)? == themes {
        return Err(StoreError::rule(Refusal::NothingChanged));
    }
    let content = serde_json::to_string(themes).map_err(|e| StoreError::write("themes")(e))?;
    let at = approved_on.format("%Y-%m-%d").to_string();
    insert_version(conn, actor, THEMES, &content, &at, approved_by)
}
