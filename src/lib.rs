//! E-Safety Desk: the online-safety co-ordinator's encrypted desk for a UK school.
//!
//! Layers point one way: [`domain`] (pure types and policy rules) → [`store`] (the encrypted
//! vault) → [`report`] (the governor report) → [`ui`] (iced). The [`cli`] drives the same store.

#![warn(missing_docs)]

pub mod cli;
pub mod crash;
pub mod domain;
pub mod help;
pub mod report;
pub mod store;
pub mod ui;

/// Writes `message` and a new line to standard error, ignoring a closed or missing stream (a
/// script that stopped reading, a window with no console): a message that cannot be shown
/// must never stop the program.
pub fn to_stderr(message: impl std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{message}");
}
