//! What the incident list is narrowed to and ordered by.

use chrono::NaiveDate;

use crate::domain::incident::record::Status;

/// Whom the incidents listed involve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Involving {
    /// At least one pupil.
    Pupils,
    /// At least one member of staff (the Headteacher included).
    Staff,
}

impl Involving {
    /// Both choices.
    pub const ALL: [Involving; 2] = [Involving::Pupils, Involving::Staff];

    /// The words the list shows.
    pub fn title(self) -> &'static str {
        match self {
            Involving::Pupils => "Involving pupils",
            Involving::Staff => "Involving staff",
        }
    }
}

/// The order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ListOrder {
    /// Most recently reported first.
    #[default]
    NewestFirst,
    /// Earliest reported first.
    OldestFirst,
    /// Open first, then under investigation, then closed; newest first within each.
    ByStatus,
}

impl ListOrder {
    /// Every order.
    pub const ALL: [ListOrder; 3] = [
        ListOrder::NewestFirst,
        ListOrder::OldestFirst,
        ListOrder::ByStatus,
    ];

    /// The words the list shows.
    pub fn title(self) -> &'static str {
        match self {
            ListOrder::NewestFirst => "Newest first",
            ListOrder::OldestFirst => "Oldest first",
            ListOrder::ByStatus => "Open first",
        }
    }
}

/// The list's filters; the default shows everything, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IncidentFilter {
    /// Only this status.
    pub status: Option<Status>,
    /// Only this category (its key).
    pub category: Option<String>,
    /// Only incidents involving pupils, or staff.
    pub involving: Option<Involving>,
    /// Reported on or after this day.
    pub from: Option<NaiveDate>,
    /// Reported on or before this day.
    pub to: Option<NaiveDate>,
    /// The order.
    pub order: ListOrder,
}

impl IncidentFilter {
    /// Whether anything narrows the list.
    pub fn narrows(&self) -> bool {
        self.status.is_some()
            || self.category.is_some()
            || self.involving.is_some()
            || self.from.is_some()
            || self.to.is_some()
    }
}
