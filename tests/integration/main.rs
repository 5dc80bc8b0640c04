//! The integration tests, in one binary: each module drives the app from outside (the vault,
//! the command line, the GUI headless, the report's PDF, the installer). One binary rather than
//! one per file keeps a test build to a few gigabytes less of disk and one link instead of
//! twenty-two.

mod common;

mod aup;
mod cli;
mod crash_report;
mod crash_safety;
mod disclosure;
mod gui;
mod gui_aup;
mod gui_incidents;
mod gui_people_import;
mod gui_policy;
mod gui_report;
mod gui_schedule;
mod gui_training;
mod import;
mod incidents;
mod installer;
mod investigation;
mod languages;
mod layers;
mod people_import;
mod policy_tables;
mod report;
mod schedule;
mod snapshots;
mod training;
mod upgrade;
mod vault;
mod windows;
