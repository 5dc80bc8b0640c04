//! Reading passphrases and answers from standard input, never from the command line.

use std::io::BufRead;

use zeroize::Zeroizing;

use crate::cli::CliError;

/// Standard input (or a test's stand-in), read a line at a time.
pub struct Input<'a> {
    reader: Box<dyn BufRead + 'a>,
}

impl<'a> Input<'a> {
    /// Reads from `reader`.
    pub fn new(reader: impl BufRead + 'a) -> Self {
        Self {
            reader: Box::new(reader),
        }
    }

    /// The next line without its line ending; `what` names it in the error when input ends.
    pub fn secret_line(&mut self, what: &str) -> Result<Zeroizing<String>, CliError> {
        self.line()?.ok_or_else(|| {
            CliError::usage(format!("Expected {what} on standard input, but it ended"))
        })
    }

    /// The next line, or `None` at the end of input.
    pub fn line(&mut self) -> Result<Option<Zeroizing<String>>, CliError> {
        let mut line = Zeroizing::new(String::new());
        let read = self
            .reader
            .read_line(&mut line)
            .map_err(|e| CliError::other(format!("Could not read standard input: {e}")))?;
        if read == 0 {
            return Ok(None);
        }
        let trimmed = line.trim_end_matches(['\r', '\n']).len();
        line.truncate(trimmed);
        Ok(Some(line))
    }
}
