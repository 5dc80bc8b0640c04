//! Progress on standard error for the commands that can take a while: a bar on a terminal
//! (the `indicatif` crate), a plain line every tenth of the way when the output is a file or
//! a script's pipe, so a network manager's log says how far a night's backup got; nothing with
//! `--quiet`.

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::store::backup::Progress;

/// How progress is shown on standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown {
    /// A bar redrawn in place: standard error is a terminal.
    Bar,
    /// A plain line now and then: standard error is a file or a pipe.
    Lines,
    /// Nothing: `--quiet`.
    Nothing,
}

impl Shown {
    /// Nothing if `quiet`, else a bar on a terminal and lines elsewhere.
    pub(super) fn on_stderr(quiet: bool) -> Self {
        if quiet {
            Shown::Nothing
        } else if std::io::stderr().is_terminal() {
            Shown::Bar
        } else {
            Shown::Lines
        }
    }
}

/// Shows how far a job measured in bytes has come.
pub(super) enum Meter {
    /// A bar redrawn in place on the terminal.
    Bar(ProgressBar),
    /// A line each tenth of the way, for logs.
    Lines {
        /// What is being done, e.g. "Backing up".
        doing: &'static str,
        /// The last tenth said.
        said: u64,
    },
    /// Nothing shown.
    Nothing,
}

impl Meter {
    /// A meter for `doing` ("Backing up"), shown as `shown` says.
    pub(super) fn new(doing: &'static str, shown: Shown) -> Self {
        match shown {
            Shown::Nothing => return Meter::Nothing,
            Shown::Lines => return Meter::Lines { doing, said: 0 },
            Shown::Bar => {}
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{msg} {wide_bar} {binary_bytes} of {binary_total_bytes} ({eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(doing);
        Meter::Bar(bar)
    }

    /// Shows `step`.
    pub(super) fn show(&mut self, step: Progress) {
        match self {
            Meter::Bar(bar) => {
                bar.set_length(step.total);
                bar.set_position(step.done);
            }
            Meter::Lines { doing, said } => {
                let tenth = tenths(step);
                if tenth > *said {
                    *said = tenth;
                    let _ = writeln!(
                        std::io::stderr(),
                        "{doing}: {}% ({} of {} MiB)",
                        tenth * 10,
                        mebibytes(step.done),
                        mebibytes(step.total)
                    );
                }
            }
            Meter::Nothing => {}
        }
    }

    /// Takes the bar off the terminal once the job is over (lines stay in the log).
    pub(super) fn finish(self) {
        if let Meter::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// Shows which stage of a check is under way and, where it is counted, how far.
pub(super) struct Stages {
    /// The bar on a terminal; `None` writes lines, or nothing when `lines` is false.
    bar: Option<ProgressBar>,
    /// Whether lines are written when there is no bar.
    lines: bool,
    /// The stage last shown.
    stage: &'static str,
    /// The last tenth said of it, in lines.
    said: u64,
}

impl Stages {
    /// Stages shown as `shown` says.
    pub(super) fn new(shown: Shown) -> Self {
        let bar = (shown == Shown::Bar).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            bar.set_style(uncounted_style());
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Self {
            bar,
            lines: shown == Shown::Lines,
            stage: "",
            said: 0,
        }
    }

    /// Shows `stage`, with (done, total) where it is counted.
    pub(super) fn show(&mut self, stage: &'static str, counted: Option<(u64, u64)>) {
        let new_stage = stage != self.stage;
        self.stage = stage;
        if let Some(bar) = &self.bar {
            // The style and figures first: the new words never show with the last stage's bar.
            match counted {
                Some((done, total)) => {
                    if new_stage || bar.length().is_none_or(|length| length == 0) {
                        bar.set_style(counted_style());
                    }
                    bar.set_length(total);
                    bar.set_position(done);
                }
                None if new_stage => {
                    bar.set_style(uncounted_style());
                    bar.set_length(0);
                    bar.set_position(0);
                }
                None => {}
            }
            bar.set_message(stage);
            return;
        }
        if !self.lines {
            return;
        }
        if new_stage {
            self.said = 0;
            let _ = writeln!(std::io::stderr(), "{stage}…");
        }
        if let Some((done, total)) = counted {
            let tenth = tenths(Progress { done, total });
            if tenth > self.said {
                self.said = tenth;
                let _ = writeln!(
                    std::io::stderr(),
                    "{stage}: {}% ({done} of {total})",
                    tenth * 10
                );
            }
        }
    }

    /// Takes the bar off the terminal once the check is over.
    pub(super) fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A stage counted as it goes: its words, a bar and "n of m".
fn counted_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg} {wide_bar} {human_pos} of {human_len}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// A stage that cannot be counted: a spinner and its words.
fn uncounted_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg}…")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// How many whole tenths of the way `step` is.
fn tenths(step: Progress) -> u64 {
    if step.total == 0 {
        return 10;
    }
    (step.done.min(step.total) * 10) / step.total
}

fn mebibytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_due_at_each_whole_tenth() {
        let at = |done| tenths(Progress { done, total: 200 });
        assert_eq!(at(0), 0);
        assert_eq!(at(19), 0);
        assert_eq!(at(20), 1);
        assert_eq!(at(199), 9);
        assert_eq!(at(200), 10);
        assert_eq!(tenths(Progress { done: 0, total: 0 }), 10);
    }
}
