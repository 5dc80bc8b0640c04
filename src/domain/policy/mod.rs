//! The school's online-safety policy as data: the defaults come from the Stonebridge E-Safety
//! Policy (2018), whose tables the incident log's suggestions and the matrices are built from.

pub mod sanctions;

pub use sanctions::{PUPIL_SANCTIONS, PupilAction, STAFF_SANCTIONS, SanctionRow, StaffAction};
