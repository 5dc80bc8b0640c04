//! The `esafety-desk` binary: the GUI with no subcommand, the command line with one.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use esafety_desk::cli::{self, Cli, Input, Outcome};

fn main() -> ExitCode {
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
    let mut input = Input::new(io::stdin().lock());
    let mut stdout = io::stdout().lock();
    let outcome = cli::run(cli, &mut input, &mut stdout);
    let _ = stdout.flush();
    match outcome {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::OpenApp(dir)) => match esafety_desk::ui::run(dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("The window could not be opened: {error}");
                ExitCode::from(cli::exit::FAILURE)
            }
        },
        Err(error) => {
            eprintln!("{}", error.message);
            ExitCode::from(error.code)
        }
    }
}
