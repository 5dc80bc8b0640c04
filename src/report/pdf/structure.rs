//! The document's logical structure for tagged PDF: paragraphs, headings, tables with their
//! rows and cells, and charts with a description, in reading order, so a screen reader reads
//! the report as a governor sees it.

/// What a part of the document is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A paragraph.
    Paragraph,
    /// A heading: its level (1 or 2) and its text.
    Heading(u8, String),
    /// A table.
    Table,
    /// A table row.
    Row,
    /// A header cell.
    HeaderCell,
    /// A data cell.
    Cell,
    /// A chart, described in words.
    Figure(String),
}

/// One part, and the part it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What it is.
    pub kind: Kind,
    /// Its parent; none at the top level.
    pub parent: Option<usize>,
}

/// The parts of a document in the order they were laid out.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    nodes: Vec<Node>,
}

impl Structure {
    /// Adds a part under `parent` and gives its number.
    pub fn add(&mut self, kind: Kind, parent: Option<usize>) -> usize {
        self.nodes.push(Node { kind, parent });
        self.nodes.len() - 1
    }

    /// Every part, by number.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The parts directly under each part, and those at the top, in order.
    pub fn children(&self) -> (Vec<Vec<usize>>, Vec<usize>) {
        let mut children = vec![Vec::new(); self.nodes.len()];
        let mut top = Vec::new();
        for (index, node) in self.nodes.iter().enumerate() {
            match node.parent {
                Some(parent) => children[parent].push(index),
                None => top.push(index),
            }
        }
        (children, top)
    }
}
