//! The report's one disclosure rule: every figure the report publishes, and every sum a reader
//! knows holds between them, gathered in one sheet; then, across the whole sheet at once, more
//! figures are hidden until no small count can be worked out from the rest by adding and
//! subtracting.
//!
//! A reader sees a count as a range: a number is itself; "fewer than 3" is 1 or 2; "not shown"
//! (hidden only to protect a small count, never a 0) is 3 or more; "withheld" is anything.
//! The sheet narrows every range through every sum until nothing changes, the way a patient
//! reader with a pencil would, and a small count whose range has shrunk to one value is given
//! away.

use crate::report::counts::{Count, NOT_SHOWN, Suppression};

/// What a count reads when a whole breakdown is withheld: it could be any number, 0 included.
pub const WITHHELD: &str = "withheld";

/// A figure's place in a [`Sheet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell(usize);

/// What a reader knows of a count: the least and the most it can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// The least.
    pub least: i64,
    /// The most ([`Range::ANY`] when there is no limit).
    pub most: i64,
}

impl Range {
    /// Far beyond any count, yet safe to add a few dozen of.
    pub const ANY: i64 = i64::MAX / 1024;

    /// What a reader of `count` knows of it under `rule`.
    pub fn read(count: &Count, rule: Suppression) -> Range {
        let below = i64::from(rule.below);
        let value = i64::try_from(count.value).unwrap_or(Range::ANY);
        match (count.hidden, count.shown.as_str()) {
            (false, _) => Range::exactly(value),
            (true, NOT_SHOWN) => Range {
                least: below,
                most: Range::ANY,
            },
            (true, WITHHELD) => Range {
                least: 0,
                most: Range::ANY,
            },
            (true, _) => Range {
                least: 1,
                most: below - 1,
            },
        }
    }

    /// One value.
    pub fn exactly(value: i64) -> Range {
        Range {
            least: value,
            most: value,
        }
    }

    /// Whether it leaves one value.
    pub fn pinned(self) -> bool {
        self.least >= self.most
    }
}

/// How a breakdown's parts stand to its total, as the figures themselves say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// They add up to it: one category each.
    Exact,
    /// They add up to more: an incident can count in two (pupils and staff, two year groups);
    /// each part is still at most the total.
    Overlapping,
    /// They add up to less: they are some of it.
    Partial,
}

/// A total and its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sum {
    /// The total.
    pub total: Cell,
    /// Its parts.
    pub parts: Vec<Cell>,
    /// How they stand to it.
    pub fit: Fit,
}

enum Slot<'a> {
    Published(&'a mut Count),
    /// A figure the report does not print but a reader can work out, e.g. what a theme holds
    /// beyond the categories shown on their own.
    Unpublished(usize),
}

impl Slot<'_> {
    fn value(&self) -> usize {
        match self {
            Slot::Published(count) => count.value,
            Slot::Unpublished(value) => *value,
        }
    }
}

/// Every figure of a report and the sums between them.
pub struct Sheet<'a> {
    rule: Suppression,
    slots: Vec<Slot<'a>>,
    sums: Vec<Sum>,
}

impl<'a> Sheet<'a> {
    /// An empty sheet under `rule`.
    pub fn new(rule: Suppression) -> Self {
        Sheet {
            rule,
            slots: Vec::new(),
            sums: Vec::new(),
        }
    }

    /// Adds a published figure.
    pub fn cell(&mut self, count: &'a mut Count) -> Cell {
        self.slots.push(Slot::Published(count));
        Cell(self.slots.len() - 1)
    }

    /// Adds published figures.
    pub fn cells(&mut self, counts: impl IntoIterator<Item = &'a mut Count>) -> Vec<Cell> {
        counts.into_iter().map(|count| self.cell(count)).collect()
    }

    /// Adds a figure a reader can work out but the report does not print.
    pub fn unpublished(&mut self, value: usize) -> Cell {
        self.slots.push(Slot::Unpublished(value));
        Cell(self.slots.len() - 1)
    }

    /// Records that `parts` break `total` down; how they fit is read from the figures.
    pub fn sum(&mut self, total: Cell, parts: Vec<Cell>) {
        if parts.is_empty() {
            return;
        }
        let whole = self.slots[total.0].value();
        let added: usize = parts.iter().map(|p| self.slots[p.0].value()).sum();
        let fit = match added.cmp(&whole) {
            std::cmp::Ordering::Equal => Fit::Exact,
            std::cmp::Ordering::Greater => Fit::Overlapping,
            std::cmp::Ordering::Less => Fit::Partial,
        };
        self.sums.push(Sum { total, parts, fit });
    }

    /// Hides figures until no small count can be worked out: first the smallest figure shown
    /// in a sum that gives one away ("not shown"); where no shown figure is left to hide, the
    /// whole breakdown is withheld.
    pub fn protect(mut self) {
        if self.rule.below <= 1 {
            return;
        }
        // Each round hides or withholds at least one more figure, so this ends.
        for _ in 0..=self.slots.len() * 2 {
            let given = self.ranges();
            let ranges = narrow(&given, &self.sums);
            let exposed = (0..self.slots.len()).find(|i| self.exposed(*i, given[*i], ranges[*i]));
            let Some(exposed) = exposed else {
                return;
            };
            self.shield(Cell(exposed));
        }
    }

    /// What a reader knows of each figure before working anything out.
    fn ranges(&self) -> Vec<Range> {
        self.slots
            .iter()
            .map(|slot| match slot {
                Slot::Published(count) => Range::read(count, self.rule),
                Slot::Unpublished(_) => Range {
                    least: 0,
                    most: Range::ANY,
                },
            })
            .collect()
    }

    /// Whether figure `i` is a small count a reader has pinned down (`worked_out`), which the
    /// page alone (`given`) did not give.
    fn exposed(&self, i: usize, given: Range, worked_out: Range) -> bool {
        let value = self.slots[i].value();
        let small = value > 0 && self.rule.hides(value);
        let hidden = match &self.slots[i] {
            Slot::Published(count) => count.hidden,
            Slot::Unpublished(_) => true,
        };
        small && hidden && worked_out.pinned() && !given.pinned()
    }

    /// The sums holding any of `cells`, as total or part.
    fn sums_holding(&self, cells: &[Cell]) -> Vec<usize> {
        (0..self.sums.len())
            .filter(|s| {
                let sum = &self.sums[*s];
                cells.contains(&sum.total) || sum.parts.iter().any(|p| cells.contains(p))
            })
            .collect()
    }

    /// Hides the smallest shown part of a sum `exposed` is in; failing that, of a sum that
    /// shares a figure with one of those (a status is the total of the outcomes); failing
    /// that, withholds a breakdown.
    fn shield(&mut self, exposed: Cell) {
        let involved = self.sums_holding(&[exposed]);
        let near: Vec<Cell> = involved
            .iter()
            .flat_map(|s| {
                let sum = &self.sums[*s];
                std::iter::once(sum.total).chain(sum.parts.iter().copied())
            })
            .collect();
        for circle in [involved.clone(), self.sums_holding(&near)] {
            let smallest_shown = circle
                .iter()
                .flat_map(|s| self.sums[*s].parts.iter().copied())
                .filter(|cell| self.shown_nonzero(*cell))
                .min_by_key(|cell| (self.slots[cell.0].value(), cell.0));
            if let Some(cell) = smallest_shown {
                self.mark(cell, NOT_SHOWN);
                return;
            }
        }
        let breakdown = involved
            .iter()
            .map(|s| self.sums[*s].parts.clone())
            .find(|parts| parts.iter().any(|cell| !self.withheld(*cell)));
        match breakdown {
            Some(parts) => parts.into_iter().for_each(|cell| self.mark(cell, WITHHELD)),
            None => self.mark(exposed, WITHHELD),
        }
    }

    fn shown_nonzero(&self, cell: Cell) -> bool {
        matches!(&self.slots[cell.0], Slot::Published(count) if !count.hidden && count.value > 0)
    }

    fn withheld(&self, cell: Cell) -> bool {
        match &self.slots[cell.0] {
            Slot::Published(count) => count.hidden && count.shown == WITHHELD,
            Slot::Unpublished(_) => true,
        }
    }

    fn mark(&mut self, cell: Cell, words: &str) {
        if let Slot::Published(count) = &mut self.slots[cell.0] {
            count.hidden = true;
            count.shown = words.into();
        }
    }
}

/// Narrows every range through every sum until nothing changes: what a reader can work out.
pub fn narrow(given: &[Range], sums: &[Sum]) -> Vec<Range> {
    let mut ranges = given.to_vec();
    for _ in 0..64 {
        let mut changed = false;
        for sum in sums {
            changed |= narrow_one(&mut ranges, sum);
        }
        if !changed {
            break;
        }
    }
    ranges
}

fn narrow_one(ranges: &mut [Range], sum: &Sum) -> bool {
    let members: Vec<Cell> = std::iter::once(sum.total)
        .chain(sum.parts.iter().copied())
        .collect();
    let before: Vec<Range> = members.iter().map(|c| ranges[c.0]).collect();
    let least: i64 = sum.parts.iter().map(|c| ranges[c.0].least).sum();
    let most: i64 = sum
        .parts
        .iter()
        .map(|c| ranges[c.0].most)
        .fold(0, i64::saturating_add)
        .min(Range::ANY);
    match sum.fit {
        Fit::Exact => tighten(ranges, sum.total, least, most),
        Fit::Overlapping => {
            let largest = sum.parts.iter().map(|c| ranges[c.0].least).max();
            tighten(ranges, sum.total, largest.unwrap_or(0), most);
        }
        Fit::Partial => tighten(ranges, sum.total, least, Range::ANY),
    }
    let total = ranges[sum.total.0];
    for part in &sum.parts {
        let own = ranges[part.0];
        let others_least = least - own.least;
        let others_most = if most >= Range::ANY || own.most >= Range::ANY {
            Range::ANY
        } else {
            most - own.most
        };
        let (low, high) = match sum.fit {
            Fit::Exact => (total.least - others_most, total.most - others_least),
            Fit::Overlapping => (total.least - others_most, total.most),
            Fit::Partial => (0, total.most - others_least),
        };
        tighten(ranges, *part, low, high);
    }
    members
        .iter()
        .zip(before)
        .any(|(c, was)| ranges[c.0] != was)
}

/// Narrows `cell`'s range to within `least..=most`.
fn tighten(ranges: &mut [Range], cell: Cell, least: i64, most: i64) {
    let range = &mut ranges[cell.0];
    range.least = range.least.max(least);
    range.most = range.most.min(most);
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: Suppression = Suppression { below: 3 };

    /// Protects `parts` of `total` as one breakdown and gives back what each part reads.
    fn protected(total: usize, parts: &[usize]) -> (String, Vec<String>) {
        let mut total = RULE.count(total);
        let mut parts: Vec<Count> = parts.iter().map(|n| RULE.count(*n)).collect();
        let mut sheet = Sheet::new(RULE);
        let whole = sheet.cell(&mut total);
        let cells = sheet.cells(parts.iter_mut());
        sheet.sum(whole, cells);
        sheet.protect();
        (total.shown, parts.into_iter().map(|c| c.shown).collect())
    }

    #[test]
    fn a_small_count_the_total_would_give_away_is_protected_by_the_next_smallest() {
        let (_, parts) = protected(20, &[3, 2, 15, 0]);
        assert_eq!(parts, ["not shown", "fewer than 3", "15", "0"]);
        let (_, parts) = protected(12, &[1, 2, 9]);
        assert_eq!(parts, ["fewer than 3", "fewer than 3", "9"]);
        let (_, parts) = protected(11, &[1, 1, 9]);
        assert_eq!(parts, ["fewer than 3", "fewer than 3", "not shown"]);
        let (_, parts) = protected(9, &[4, 5]);
        assert_eq!(parts, ["4", "5"]);
    }

    #[test]
    fn a_small_total_with_two_small_parts_is_not_broken_down() {
        // "Fewer than 3" in all, and two parts each "fewer than 3": each must be 1.
        let (total, parts) = protected(2, &[1, 1, 0]);
        assert_eq!(total, "fewer than 3");
        assert_eq!(parts, [WITHHELD, WITHHELD, WITHHELD]);
        // One part of a small total: it is the total, which says no more than it does.
        let (_, parts) = protected(2, &[2, 0]);
        assert_eq!(parts, ["fewer than 3", "0"]);
    }

    #[test]
    fn sums_chain_across_tables() {
        // A total of 10 in two parts, one of which (5) is the total of a second breakdown.
        let mut total = RULE.count(10);
        let mut first: Vec<Count> = [5, 5].map(|n| RULE.count(n)).to_vec();
        let mut second: Vec<Count> = [2, 3].map(|n| RULE.count(n)).to_vec();
        let mut sheet = Sheet::new(RULE);
        let whole = sheet.cell(&mut total);
        let (a, b) = first.split_at_mut(1);
        let a = sheet.cell(&mut a[0]);
        let b = sheet.cell(&mut b[0]);
        sheet.sum(whole, vec![a, b]);
        let parts = sheet.cells(second.iter_mut());
        sheet.sum(b, parts);
        sheet.protect();
        assert_eq!(second[0].shown, "fewer than 3");
        assert!(second[1].hidden, "3 would give the 2 away: {second:?}");
        assert!(!first[1].hidden);
    }

    #[test]
    fn a_figure_of_a_neighbouring_breakdown_is_hidden_before_a_breakdown_is_withheld() {
        // 20 = still open 2 + closed 18, and closed 18 = substantiated 16 + not 2.
        let mut total = RULE.count(20);
        let mut status: Vec<Count> = [2, 18].map(|n| RULE.count(n)).to_vec();
        let mut outcomes: Vec<Count> = [16, 2].map(|n| RULE.count(n)).to_vec();
        let mut sheet = Sheet::new(RULE);
        let whole = sheet.cell(&mut total);
        let (open, closed) = status.split_at_mut(1);
        let open = sheet.cell(&mut open[0]);
        let closed = sheet.cell(&mut closed[0]);
        let parts = sheet.cells(outcomes.iter_mut());
        sheet.sum(closed, parts);
        sheet.sum(whole, vec![open, closed]);
        sheet.protect();
        let shown = |cells: &[Count]| cells.iter().map(|c| c.shown.clone()).collect::<Vec<_>>();
        assert_eq!(shown(&status), ["fewer than 3", NOT_SHOWN]);
        assert_eq!(shown(&outcomes), [NOT_SHOWN, "fewer than 3"]);
    }

    #[test]
    fn a_reader_narrows_ranges_only_as_far_as_the_fit_allows() {
        let small = Range { least: 1, most: 2 };
        let ranges = [Range::exactly(5), small, Range::exactly(4)];
        let sum = |fit| Sum {
            total: Cell(0),
            parts: vec![Cell(1), Cell(2)],
            fit,
        };
        // 5 = a + 4 gives a away; 5 ≤ a + 4 (an incident counted twice) only says a ≥ 1, and
        // a + 4 ≤ 5 says a ≤ 1.
        assert!(narrow(&ranges, &[sum(Fit::Exact)])[1].pinned());
        assert_eq!(narrow(&ranges, &[sum(Fit::Overlapping)])[1], small);
        assert!(narrow(&ranges, &[sum(Fit::Partial)])[1].pinned());
        let ranges = [Range::exactly(9), small, Range::exactly(4)];
        assert_eq!(narrow(&ranges, &[sum(Fit::Partial)])[1], small);
    }
}
