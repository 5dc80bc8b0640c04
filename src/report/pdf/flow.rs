//! The blocks a document is made of, laid out into fragments (what to draw, relative to a
//! top-left corner) and then onto pages: breaking between lines and table rows, repeating a
//! table's header on each page it runs onto, and never splitting what must stay together.

use std::sync::Arc;

use crate::report::pdf::structure::{Kind, Structure};
use crate::report::pdf::table::Table;
use crate::report::pdf::text::{self, Colour, Span, Style};

/// Something to draw, placed relative to the fragment (or page) that holds it.
#[derive(Debug, Clone)]
pub enum Op {
    /// Text on a baseline.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline.
        y: f32,
        /// The words.
        text: String,
        /// How they look.
        style: Style,
        /// Whether they read right to left, drawn from the end of the text.
        rtl: bool,
        /// The part of the document it belongs to; none for page furniture.
        node: Option<usize>,
    },
    /// A filled and/or outlined rectangle with rounded corners.
    Rect {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Corner radius.
        radius: f32,
        /// The fill, if any.
        fill: Option<Colour>,
        /// The outline's colour and width, if any.
        stroke: Option<(Colour, f32)>,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Colour.
        colour: Colour,
        /// Width.
        width: f32,
    },
    /// A chart, kept as vectors.
    Svg {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// The parsed SVG.
        tree: Arc<usvg::Tree>,
        /// The figure it belongs to.
        node: Option<usize>,
    },
}

impl Op {
    fn moved(mut self, dx: f32, dy: f32) -> Op {
        match &mut self {
            Op::Text { x, y, .. } | Op::Rect { x, y, .. } | Op::Svg { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Op::Line { from, to, .. } => {
                *from = (from.0 + dx, from.1 + dy);
                *to = (to.0 + dx, to.1 + dy);
            }
        }
        self
    }

    /// The same drawing as page furniture, outside the document's structure (a repeated
    /// table header, the running header and footer).
    pub fn untagged(mut self) -> Op {
        if let Op::Text { node, .. } | Op::Svg { node, .. } = &mut self {
            *node = None;
        }
        self
    }

    /// The part of the document it belongs to.
    pub fn node(&self) -> Option<usize> {
        match self {
            Op::Text { node, .. } | Op::Svg { node, .. } => *node,
            _ => None,
        }
    }
}

/// Laid-out content of a known height, drawn relative to its top-left corner.
#[derive(Debug, Clone, Default)]
pub struct Fragment {
    /// How tall it is.
    pub height: f32,
    /// What it draws.
    pub ops: Vec<Op>,
}

impl Fragment {
    /// Adds `other` below what is here.
    pub fn stack(&mut self, other: Fragment) {
        self.place(other.ops, 0.0, self.height);
        self.height += other.height;
    }

    /// Adds ops moved by (`dx`, `dy`).
    pub fn place(&mut self, ops: Vec<Op>, dx: f32, dy: f32) {
        self.ops.extend(ops.into_iter().map(|op| op.moved(dx, dy)));
    }
}

/// Lines of text as a fragment, each line aligned in `width`, belonging to `node`.
pub fn lines_fragment(
    lines: &[text::Line],
    width: f32,
    align: Align,
    node: Option<usize>,
) -> Fragment {
    let mut fragment = Fragment::default();
    for line in lines {
        let start = match align {
            Align::Left => 0.0,
            Align::Right => (width - line.width).max(0.0),
        };
        for run in &line.runs {
            fragment.ops.push(Op::Text {
                x: start + run.x,
                y: fragment.height + line.ascent,
                text: run.text.clone(),
                style: run.style,
                rtl: run.rtl,
                node,
            });
        }
        fragment.height += line.height;
    }
    fragment
}

/// Where text sits across its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Flush right (figures).
    Right,
}

/// A part of a document.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph; may break between its lines.
    Text(Vec<Span>),
    /// Vertical space; dropped at the top of a page.
    Gap(f32),
    /// A heading, kept with what follows it and listed in the PDF's bookmarks.
    Heading {
        /// 1 for a section, 2 within one.
        level: u8,
        /// Its text.
        spans: Vec<Span>,
    },
    /// A table; breaks between rows, repeating its header.
    Table(Table),
    /// Blocks that stay together on one page.
    Keep(Vec<Block>),
    /// A chart across the full width.
    Chart {
        /// The parsed SVG.
        tree: Arc<usvg::Tree>,
        /// What it shows, in words, for those who cannot see it.
        alt: String,
    },
    /// Blocks in a box (kept together).
    Boxed {
        /// Background.
        fill: Option<Colour>,
        /// Outline colour.
        stroke: Option<Colour>,
        /// Space between the box and its content.
        inset: f32,
        /// The content.
        blocks: Vec<Block>,
    },
    /// Side-by-side columns of equal width (kept together).
    Columns(Vec<Vec<Block>>),
    /// A line across the width.
    Rule(Colour, f32),
    /// Content pushed to the foot of the current page.
    AtFoot(Vec<Block>),
    /// A new page.
    PageBreak,
}

const COLUMN_GUTTER: f32 = 14.0;

/// How a piece goes onto the page.
#[derive(Debug, Clone, Default)]
pub struct Piece {
    /// What it draws.
    pub fragment: Fragment,
    /// Drawn first when the piece opens a new page (a table's header).
    pub header: Option<Arc<Fragment>>,
    /// Must share a page with the piece after it.
    pub keep_with_next: bool,
    /// Dropped when it would open a page.
    pub weak: bool,
    /// Placed at the foot of the page.
    pub at_foot: bool,
    /// Starts a new page.
    pub page_break: bool,
    /// A heading's level and text, for the bookmarks.
    pub bookmark: Option<(u8, String)>,
}

impl Piece {
    fn of(fragment: Fragment) -> Piece {
        Piece {
            fragment,
            ..Piece::default()
        }
    }
}

/// Where laid-out content goes in the document's structure.
pub struct Parts<'a> {
    /// The structure being built.
    pub structure: &'a mut Structure,
    /// The part new content goes under.
    pub parent: Option<usize>,
}

impl<'a> Parts<'a> {
    /// The top level of `structure`.
    pub fn top(structure: &'a mut Structure) -> Parts<'a> {
        Parts {
            structure,
            parent: None,
        }
    }
}

impl Parts<'_> {
    /// Adds a part under the current parent.
    pub fn add(&mut self, kind: Kind) -> Option<usize> {
        Some(self.structure.add(kind, self.parent))
    }

    /// The same structure, with new content going under `parent`.
    pub fn under(&mut self, parent: Option<usize>) -> Parts<'_> {
        Parts {
            structure: self.structure,
            parent,
        }
    }
}

impl Block {
    /// The block as pieces the pager may put on different pages.
    pub fn pieces(&self, width: f32, parts: &mut Parts<'_>) -> Vec<Piece> {
        match self {
            Block::Text(spans) => {
                let node = parts.add(Kind::Paragraph);
                text::wrap(spans, width)
                    .iter()
                    .map(|line| {
                        let one = std::slice::from_ref(line);
                        Piece::of(lines_fragment(one, width, Align::Left, node))
                    })
                    .collect()
            }
            Block::Gap(height) => vec![Piece {
                fragment: Fragment {
                    height: *height,
                    ops: Vec::new(),
                },
                weak: true,
                ..Piece::default()
            }],
            Block::Heading { level, spans } => {
                let title: String = spans.iter().map(|s| s.text.as_str()).collect();
                let node = parts.add(Kind::Heading(*level, title.clone()));
                vec![Piece {
                    fragment: lines_fragment(&text::wrap(spans, width), width, Align::Left, node),
                    keep_with_next: true,
                    bookmark: Some((*level, title)),
                    ..Piece::default()
                }]
            }
            Block::Table(table) => table.pieces(width, parts),
            Block::AtFoot(blocks) => vec![Piece {
                fragment: stack(blocks, width, parts),
                at_foot: true,
                ..Piece::default()
            }],
            Block::PageBreak => vec![Piece {
                page_break: true,
                ..Piece::default()
            }],
            _ => vec![Piece::of(self.fragment(width, parts))],
        }
    }

    /// The whole block as one fragment.
    pub fn fragment(&self, width: f32, parts: &mut Parts<'_>) -> Fragment {
        match self {
            Block::Keep(blocks) => stack(blocks, width, parts),
            Block::Chart { tree, alt } => {
                let node = parts.add(Kind::Figure(alt.clone()));
                chart_fragment(tree, width, node)
            }
            Block::Boxed {
                fill,
                stroke,
                inset,
                blocks,
            } => boxed(*fill, *stroke, *inset, blocks, width, parts),
            Block::Columns(columns) => side_by_side(columns, width, parts),
            Block::Rule(colour, thickness) => Fragment {
                height: *thickness,
                ops: vec![Op::Line {
                    from: (0.0, thickness / 2.0),
                    to: (width, thickness / 2.0),
                    colour: *colour,
                    width: *thickness,
                }],
            },
            _ => {
                let mut whole = Fragment::default();
                for piece in self.pieces(width, parts) {
                    whole.stack(piece.fragment);
                }
                whole
            }
        }
    }
}

/// Blocks one under another, as one fragment.
pub fn stack(blocks: &[Block], width: f32, parts: &mut Parts<'_>) -> Fragment {
    let mut whole = Fragment::default();
    for block in blocks {
        whole.stack(block.fragment(width, parts));
    }
    whole
}

fn chart_fragment(tree: &Arc<usvg::Tree>, width: f32, node: Option<usize>) -> Fragment {
    let size = tree.size();
    let height = width * size.height() / size.width();
    Fragment {
        height,
        ops: vec![Op::Svg {
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
            tree: Arc::clone(tree),
            node,
        }],
    }
}

fn boxed(
    fill: Option<Colour>,
    stroke: Option<Colour>,
    inset: f32,
    blocks: &[Block],
    width: f32,
    parts: &mut Parts<'_>,
) -> Fragment {
    let inner = stack(blocks, width - 2.0 * inset, parts);
    let height = inner.height + 2.0 * inset;
    let mut fragment = Fragment {
        height,
        ops: vec![Op::Rect {
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
            radius: 4.0,
            fill,
            stroke: stroke.map(|colour| (colour, 0.6)),
        }],
    };
    fragment.place(inner.ops, inset, inset);
    fragment
}

fn side_by_side(columns: &[Vec<Block>], width: f32, parts: &mut Parts<'_>) -> Fragment {
    let count = columns.len().max(1) as f32;
    let column_width = (width - COLUMN_GUTTER * (count - 1.0)) / count;
    let mut fragment = Fragment::default();
    for (index, blocks) in columns.iter().enumerate() {
        let column = stack(blocks, column_width, parts);
        fragment.height = fragment.height.max(column.height);
        fragment.place(
            column.ops,
            index as f32 * (column_width + COLUMN_GUTTER),
            0.0,
        );
    }
    fragment
}
