//! The `esafety-desk` binary: the GUI with no subcommand, the command line with one.
//!
//! On Windows it is a GUI-subsystem program, so the Start-menu shortcut and Task Scheduler open
//! no console window; run from a console, it attaches to that console for its messages.

#![cfg_attr(windows, windows_subsystem = "windows")]

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use esafety_desk::cli::{self, Cli, Input, Outcome};

/// The data folder's folder of fonts the school added, tried before the PC's own when a
/// document has letters the bundled font lacks.
const FONTS_FOLDER: &str = "fonts";

fn main() -> ExitCode {
    attach_to_parent_console();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                cli::exit::USAGE
            } else {
                cli::exit::OK
            });
        }
    };
    if let Ok(dir) = cli::data_dir(&cli) {
        esafety_desk::crash::install_hook(esafety_desk::crash::crash_file(dir.root()));
        esafety_desk::report::pdf::fonts::look_first_in(dir.root().join(FONTS_FOLDER));
    }
    panic_if_asked();
    if cli.command.is_some() {
        esafety_desk::store::on_busy_wait(say_waiting);
    }
    let mut input = Input::new(io::stdin().lock());
    let mut stdout = io::stdout().lock();
    let outcome = cli::run(cli, &mut input, &mut stdout);
    let _ = stdout.flush();
    match outcome {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::OpenApp(dir)) => open_app(dir),
        Err(error) => {
            esafety_desk::to_stderr(format_args!("{}", error.message));
            ExitCode::from(error.code)
        }
    }
}

/// The line a command prints when another program has the vault busy.
fn say_waiting() {
    esafety_desk::to_stderr(format_args!(
        "Another copy of E-Safety Desk, or a scheduled command, is using the vault: waiting up to {} seconds for it to finish…",
        esafety_desk::store::BUSY_WAIT.as_secs()
    ));
}

/// Opens the window on `dir`, holding a connection to the display while it is open, or says
/// in words why it cannot.
fn open_app(dir: esafety_desk::store::DataDir) -> ExitCode {
    let display = match esafety_desk::ui::hold_display() {
        Ok(display) => display,
        Err(problem) => {
            esafety_desk::to_stderr(format_args!("The window could not be opened: {problem}."));
            return ExitCode::from(cli::exit::FAILURE);
        }
    };
    let result = esafety_desk::ui::run(dir);
    drop(display);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            esafety_desk::to_stderr(format_args!("The window could not be opened: {error}"));
            ExitCode::from(cli::exit::FAILURE)
        }
    }
}

/// Sends the command line's messages to the console it was started from, if any (a GUI-subsystem
/// program has none of its own). Redirected output (`> file`, a pipe) needs nothing: those
/// handles are inherited as they are.
#[cfg(windows)]
fn attach_to_parent_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id and has no other preconditions; it fails
    // harmlessly when there is no parent console (started from the Start menu).
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_to_parent_console() {}

/// The variable that makes a test build panic at start, to prove the crash file is written.
#[cfg(debug_assertions)]
const PANIC_ENV: &str = "ESAFETY_DESK_TEST_PANIC";

/// A test build panics here when asked, with a value in its message that stands for record
/// content (which the crash file must leave out). A release build never does.
#[cfg(debug_assertions)]
fn panic_if_asked() {
    if let Ok(value) = std::env::var(PANIC_ENV) {
        panic!("a deliberate panic for the crash-file test: {value}");
    }
}

#[cfg(not(debug_assertions))]
fn panic_if_asked() {}
