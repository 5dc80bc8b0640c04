//! The line a CSV record starts on, as a spreadsheet user counts lines. The csv crate's own
//! line count leaves out blank lines and Windows line endings, so problems would be reported
//! a line or more early; counting newlines up to where the record's text starts does not.

/// Counts lines in the text a CSV reader reads, record by record.
#[derive(Debug)]
pub struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    /// A counter over exactly the bytes given to the reader.
    pub fn new(text: &'a [u8]) -> Self {
        Self {
            text,
            byte: 0,
            line: 1,
        }
    }

    /// The line (from 1) on which the record at `position` starts; 0 when it is unknown.
    pub fn line_of(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(position) = position else {
            return 0;
        };
        let mut byte = usize::try_from(position.byte())
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // The reader's position is where it began reading, before the blank lines it skips.
        while matches!(self.text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte < self.byte {
            (self.byte, self.line) = (0, 1);
        }
        let newlines = self.text[self.byte..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines as u64;
        self.byte = byte;
        self.line
    }
}

/// The first column name a header row gives twice (in any case), if any: which of the two
/// holds a field cannot be told. Blank names (empty columns) may repeat.
pub fn repeated_column(names: &[String]) -> Option<&String> {
    let mut seen: Vec<String> = Vec::new();
    for name in names.iter().filter(|n| !n.trim().is_empty()) {
        let folded = name.trim().to_lowercase();
        if seen.contains(&folded) {
            return Some(name);
        }
        seen.push(folded);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<u64> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut counter = LineCounter::new(text.as_bytes());
        reader
            .records()
            .map(|r| counter.line_of(r.unwrap().position()))
            .collect()
    }

    #[test]
    fn blank_lines_windows_endings_and_quoted_line_breaks_are_counted() {
        assert_eq!(lines("a,b\n1,2\n\n3,4\n"), [2, 4]);
        assert_eq!(lines("a,b\r\n1,2\r\n3,4\r\n"), [2, 3]);
        assert_eq!(lines("a,b\r\n1,2\r\n\r\n3,4\r\n"), [2, 4]);
        assert_eq!(lines("a,b\n\"x\ny\",2\n3,4\n"), [2, 4]);
    }
}
