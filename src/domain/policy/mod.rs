//! The school's online-safety policy as data: the defaults come from the Stonebridge E-Safety
//! Policy (2018), whose tables the incident log's suggestions and the matrices are built from.

pub mod matrix;
pub mod sanctions;
pub mod themes;
pub mod usage;

pub use matrix::{MatrixProblem, MatrixRow, SanctionsMatrices, SanctionsMatrix, SanctionsTable};
pub use sanctions::{PUPIL_SANCTIONS, PupilAction, STAFF_SANCTIONS, SanctionRow, StaffAction};
pub use themes::{ReportThemes, Theme, ThemeProblem};
