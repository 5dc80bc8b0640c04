//! A document written top to bottom: numbered headings, paragraphs, tables and charts with the
//! spacing between them, so the report and the incident record read as one house style.

use crate::report::pdf::flow::Block;
use crate::report::pdf::table::{Column, Table};
use crate::report::pdf::text::{MUTED, NAVY, Span, Style, span};

/// Space between blocks.
const PARAGRAPH_GAP: f32 = 8.0;

/// Blocks in reading order, with the headings numbered as they come.
#[derive(Debug, Default)]
pub struct Composer {
    blocks: Vec<Block>,
    numbered: bool,
    section: usize,
    subsection: usize,
}

impl Composer {
    /// A document whose headings are numbered ("2", "2.1") or not.
    pub fn new(numbered: bool) -> Self {
        Composer {
            numbered,
            ..Composer::default()
        }
    }

    /// The blocks, ready to lay out.
    pub fn finish(self) -> Vec<Block> {
        self.blocks
    }

    /// Adds any block as it is.
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// Adds space.
    pub fn gap(&mut self, height: f32) {
        self.blocks.push(Block::Gap(height));
    }

    /// A section heading.
    pub fn heading(&mut self, title: &str) {
        self.section += 1;
        self.subsection = 0;
        let number = format!("{} ", self.section);
        self.heading_at(1, number, title, 15.0, 14.0);
    }

    /// A heading within the section.
    pub fn subheading(&mut self, title: &str) {
        self.subsection += 1;
        let number = format!("{}.{} ", self.section, self.subsection);
        self.heading_at(2, number, title, 11.5, 10.0);
    }

    fn heading_at(&mut self, level: u8, number: String, title: &str, size: f32, above: f32) {
        let style = Style::BODY.bold().colour(NAVY).size(size);
        let text = if self.numbered {
            format!("{number}{title}")
        } else {
            title.to_owned()
        };
        self.blocks.push(Block::Gap(above));
        self.blocks.push(Block::Heading {
            level,
            spans: vec![span(text, style)],
        });
        self.blocks.push(Block::Gap(4.0));
    }

    /// A paragraph of styled text, with space after it.
    pub fn paragraph(&mut self, spans: Vec<Span>) {
        self.blocks.push(Block::Text(spans));
        self.blocks.push(Block::Gap(PARAGRAPH_GAP));
    }

    /// A paragraph in the body style.
    pub fn text(&mut self, words: impl Into<String>) {
        self.paragraph(vec![span(words, Style::BODY)]);
    }

    /// A note in small grey type.
    pub fn note(&mut self, words: impl Into<String>) {
        self.paragraph(vec![span(words, Style::BODY.size(8.0).colour(MUTED))]);
    }

    /// What stands in for an empty table: "No incidents were reported…".
    pub fn nothing(&mut self, words: impl Into<String>) {
        self.paragraph(vec![span(words, Style::BODY.colour(MUTED))]);
    }

    /// A ruled table, with space after it.
    pub fn table(&mut self, columns: Vec<Column>, header: &[&str], rows: Vec<Vec<Vec<Span>>>) {
        self.blocks
            .push(Block::Table(Table::ruled(columns, header, rows)));
        self.blocks.push(Block::Gap(PARAGRAPH_GAP + 2.0));
    }
}

impl Composer {
    /// A ruled table, or `empty` in its place when there are no rows.
    pub fn table_or(
        &mut self,
        columns: Vec<Column>,
        header: &[&str],
        rows: Vec<Vec<Vec<Span>>>,
        empty: &str,
    ) {
        if rows.is_empty() {
            self.nothing(empty);
        } else {
            self.table(columns, header, rows);
        }
    }
}

/// A table cell in the body style.
pub fn cell(words: impl Into<String>) -> Vec<Span> {
    vec![span(words, Style::BODY)]
}

/// A table cell in grey, for labels.
pub fn label(words: impl Into<String>) -> Vec<Span> {
    vec![span(words, Style::BODY.colour(MUTED))]
}
