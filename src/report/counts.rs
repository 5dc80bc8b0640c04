//! Counts as the governor report shows them: small numbers can identify a child in a small
//! school, so counts from 1 to one below the school's threshold read "fewer than N".

use serde::Serialize;

/// The school's small-number rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suppression {
    /// Counts from 1 up to one below this are hidden; 0 (or 1) hides nothing.
    pub below: u32,
}

impl Suppression {
    /// No count is hidden.
    pub const OFF: Suppression = Suppression { below: 0 };

    /// Whether `n` is hidden.
    pub fn hides(self, n: usize) -> bool {
        n > 0 && n < self.below as usize
    }

    /// "fewer than 3".
    pub fn phrase(self) -> String {
        format!("fewer than {}", self.below)
    }

    /// `n` as the report shows it.
    pub fn count(self, n: usize) -> Count {
        Count {
            value: n,
            hidden: self.hides(n),
            shown: if self.hides(n) {
                self.phrase()
            } else {
                n.to_string()
            },
        }
    }

    /// A percentage of `whole` as the report shows it: hidden when the group itself is small,
    /// since a percentage of two people names them as surely as a count does.
    pub fn percent(self, part: usize, whole: usize) -> Count {
        let percent = (part * 100 + whole / 2).checked_div(whole).unwrap_or(0);
        Count {
            value: percent,
            hidden: whole == 0 || self.hides(whole),
            shown: if whole == 0 {
                "no one".into()
            } else if self.hides(whole) {
                format!("group of {}", self.phrase())
            } else {
                format!("{percent}%")
            },
        }
    }
}

/// What a count hidden only to protect a small one reads.
pub const NOT_SHOWN: &str = "not shown";

/// One figure: its value (kept for the charts' scale and for checking) and the words shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The true value.
    pub value: usize,
    /// Whether the report hides it.
    pub hidden: bool,
    /// What the report prints: the number, or "fewer than 3".
    pub shown: String,
}

/// A labelled figure: a row of a table or a bar of a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labelled {
    /// The row's words.
    pub label: String,
    /// Its figure.
    pub count: Count,
}

impl Labelled {
    /// A row of `label` with `n` under `rule`.
    pub fn new(label: impl Into<String>, n: usize, rule: Suppression) -> Self {
        Labelled {
            label: label.into(),
            count: rule.count(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_below_the_threshold_read_fewer_than() {
        let rule = Suppression { below: 3 };
        let shown: Vec<String> = (0..5).map(|n| rule.count(n).shown).collect();
        assert_eq!(shown, ["0", "fewer than 3", "fewer than 3", "3", "4"]);
        assert!(rule.count(2).hidden && !rule.count(0).hidden);
        let off: Vec<String> = (0..3).map(|n| Suppression::OFF.count(n).shown).collect();
        assert_eq!(off, ["0", "1", "2"]);
    }

    #[test]
    fn percentages_of_small_groups_are_hidden_too() {
        let rule = Suppression { below: 3 };
        assert_eq!(rule.percent(2, 3).shown, "67%");
        assert_eq!(rule.percent(1, 2).shown, "group of fewer than 3");
        assert_eq!(rule.percent(0, 0).shown, "no one");
        assert_eq!(Suppression::OFF.percent(1, 2).shown, "50%");
    }
}
