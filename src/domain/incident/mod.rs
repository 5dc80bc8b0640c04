//! The rules of the incident log that the policy prescribes: categories and their levels, the
//! actions the sanctions tables suggest, the illegal-content path, and who an incident goes to.

pub mod category;
pub mod filter;
pub mod import;
pub mod investigation;
pub mod record;
pub mod rules;
pub mod timeline;

pub use category::{CATEGORIES, Category, Level, RiskArea, Subject};
pub use filter::{IncidentFilter, Involving, ListOrder};
pub use investigation::{InvestigationProblem, NewInvestigation};
pub use record::{
    Device, IncidentField, IncidentProblem, Involvement, Location, NewIncident, Outcome, Part,
    PlannedAction, Role, Status,
};
pub use rules::{CloseProblem, EvidenceRefusal, Involved, Referral, RouteTo};
