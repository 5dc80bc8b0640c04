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
