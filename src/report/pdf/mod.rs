//! The report's own page layout on krilla: paragraphs, headings, tables that run across pages
//! with their header repeated, charts kept as vectors, boxes, side-by-side columns, and a header
//! and footer on every page with "Page X of Y". Small and predictable: the same document gives
//! the same bytes. Text is in the bundled fonts, with the PC's own fonts drawing only the
//! letters those lack (see [`fonts`]).

mod compose;
mod draw;
mod flow;
pub mod fonts;
mod structure;
mod table;
mod text;

use std::sync::{Arc, OnceLock};

pub use compose::{Composer, cell, label};
pub use draw::About;
pub use flow::{Align, Block, Fragment, Op};
pub use table::{AUTO, Column, FIGURE, FILL, Table, Width};
pub use text::{Colour, INK, MUTED, NAVY, RULE, STRIPE, Span, Style, WARN, span};

use crate::report::ReportError;
use crate::report::charts::{FONT, FONT_BOLD};
use flow::{Parts, Piece};
use structure::Structure;

/// An A4 page in points.
pub const A4: (f32, f32) = (595.28, 841.89);
const SIDE_MARGIN: f32 = 56.69;
const BOTTOM_MARGIN: f32 = 62.36;

/// The header at the top of each page: text to the left and right, a line under it.
#[derive(Debug, Clone)]
pub struct Header {
    /// Left-hand text.
    pub left: Vec<Span>,
    /// Right-hand text.
    pub right: Vec<Span>,
    /// The line's colour.
    pub rule: Colour,
    /// The first page (from 1) that shows it: the cover goes without.
    pub from_page: usize,
}

/// A document to lay out and write as PDF.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its content.
    pub blocks: Vec<Block>,
    /// The header, if pages have one.
    pub header: Option<Header>,
    /// The footer's left-hand text; "Page X of Y" goes to its right.
    pub footer: Vec<Span>,
    /// The space above the content, for the header.
    pub top_margin: f32,
}

/// A chart's SVG, parsed with the bundled fonts only (its text stays text in the PDF), and what
/// it shows in words.
pub fn chart(svg: &str, alt: &str) -> Result<Block, ReportError> {
    Ok(Block::Chart {
        tree: Arc::new(parse_chart(svg)?),
        alt: alt.to_owned(),
    })
}

/// A chart's SVG parsed with the bundled fonts only, never the PC's: the PDF and the screen
/// draw the same letters, and nothing reads the PC's fonts to draw one.
pub fn parse_chart(svg: &str) -> Result<usvg::Tree, ReportError> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let mut database = usvg::fontdb::Database::new();
        database.load_font_data(FONT.to_vec());
        database.load_font_data(FONT_BOLD.to_vec());
        database.set_sans_serif_family("DejaVu Sans");
        Arc::new(database)
    });
    let options = usvg::Options {
        fontdb: Arc::clone(fonts),
        font_family: "DejaVu Sans".into(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options)
        .map_err(|error| ReportError::Typeset(format!("a chart could not be read: {error}")))
}

/// A heading's place, for the PDF's bookmarks.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// 1 for a section, 2 within one.
    pub level: u8,
    /// The heading.
    pub title: String,
    /// The page it is on, from 0.
    pub page: usize,
    /// Its top, from the top of the page.
    pub y: f32,
}

/// A document laid out: its pages, each with its header and footer, its headings, and its
/// structure for tagged PDF.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    /// The pages, in page coordinates.
    pub pages: Vec<Fragment>,
    /// The headings, in order.
    pub bookmarks: Vec<Bookmark>,
    /// The parts the pages' drawings belong to.
    pub structure: Structure,
}

/// Lays the document out on A4 and writes the PDF.
pub fn pdf(document: &Document, about: About) -> Result<Vec<u8>, ReportError> {
    draw::render(&lay_out(document), A4, about)
}

/// The document's pages, each with its header and footer, in page coordinates.
pub fn lay_out(document: &Document) -> Laid {
    let width = A4.0 - 2.0 * SIDE_MARGIN;
    let height = A4.1 - document.top_margin - BOTTOM_MARGIN;
    let mut structure = Structure::default();
    let mut parts = Parts::top(&mut structure);
    let pieces: Vec<Piece> = document
        .blocks
        .iter()
        .flat_map(|block| block.pieces(width, &mut parts))
        .collect();
    let bodies = paginate(&pieces, height);
    let total = bodies.pages.len();
    let pages = bodies
        .pages
        .into_iter()
        .enumerate()
        .map(|(index, body)| {
            let mut page = Fragment::default();
            page.place(body.ops, SIDE_MARGIN, document.top_margin);
            page.ops
                .extend(furniture(document, index + 1, total, width));
            page
        })
        .collect();
    let bookmarks = bodies
        .bookmarks
        .into_iter()
        .map(|b| Bookmark {
            y: b.y + document.top_margin,
            ..b
        })
        .collect();
    Laid {
        pages,
        bookmarks,
        structure,
    }
}

/// A block laid out outside the document's structure.
fn furniture_fragment(block: Block, width: f32) -> Fragment {
    let laid = block.fragment(width, &mut Parts::top(&mut Structure::default()));
    Fragment {
        height: laid.height,
        ops: laid.ops.into_iter().map(Op::untagged).collect(),
    }
}

fn furniture(document: &Document, page: usize, total: usize, width: f32) -> Vec<Op> {
    let small = Style::BODY.size(8.0).colour(MUTED);
    let mut furniture = Fragment::default();
    if let Some(header) = document.header.as_ref().filter(|h| page >= h.from_page) {
        let row = Table::plain(
            vec![FILL, FIGURE],
            vec![vec![header.left.clone(), header.right.clone()]],
            0.0,
        );
        let laid = furniture_fragment(Block::Table(row), width);
        let top = document.top_margin - 18.0 - laid.height;
        let rule_y = top + laid.height + 3.0;
        furniture.place(laid.ops, SIDE_MARGIN, top);
        furniture.ops.push(Op::Line {
            from: (SIDE_MARGIN, rule_y),
            to: (SIDE_MARGIN + width, rule_y),
            colour: header.rule,
            width: 0.6,
        });
    }
    let foot = Table::plain(
        vec![FILL, FIGURE],
        vec![vec![
            document.footer.clone(),
            vec![span(format!("Page {page} of {total}"), small)],
        ]],
        0.0,
    );
    let laid = furniture_fragment(Block::Table(foot), width);
    furniture.place(laid.ops, SIDE_MARGIN, A4.1 - BOTTOM_MARGIN + 16.0);
    furniture.ops
}

/// Puts pieces onto pages of `height`: a piece that does not fit starts the next page (with
/// its table's header), a heading moves with what follows it, space at the top of a page is
/// dropped, and a piece taller than a page is cut at the page's foot.
fn paginate(pieces: &[Piece], height: f32) -> Laid {
    let mut pages = vec![Fragment::default()];
    let mut bookmarks = Vec::new();
    let mut y = 0.0;
    for (index, piece) in pieces.iter().enumerate() {
        if piece.page_break {
            new_page(&mut pages, &mut y);
            continue;
        }
        let h = piece.fragment.height;
        if piece.at_foot {
            if y + h > height {
                new_page(&mut pages, &mut y);
            }
            place(&mut pages, height - h, &piece.fragment);
            y = height;
            continue;
        }
        if y > 0.0 && y + needed(pieces, index) > height {
            new_page(&mut pages, &mut y);
            if let Some(header) = &piece.header {
                place(&mut pages, 0.0, header);
                y = header.height;
            }
        }
        if piece.weak && y == 0.0 {
            continue;
        }
        if h > height - y {
            for part in cut(&piece.fragment, height - y, height) {
                place(&mut pages, y, &part);
                y += part.height;
                if y >= height - 0.5 {
                    new_page(&mut pages, &mut y);
                }
            }
            continue;
        }
        if let Some((level, title)) = &piece.bookmark {
            bookmarks.push(Bookmark {
                level: *level,
                title: title.clone(),
                page: pages.len() - 1,
                y,
            });
        }
        place(&mut pages, y, &piece.fragment);
        y += h;
    }
    if pages.len() > 1 && pages.last().is_some_and(|p| p.ops.is_empty()) {
        pages.pop();
    }
    Laid {
        pages,
        bookmarks,
        structure: Structure::default(),
    }
}

/// The height a piece needs on this page: its own, and, for a heading or a table's header,
/// that of the pieces it keeps with (and the space between).
fn needed(pieces: &[Piece], index: usize) -> f32 {
    let mut total = 0.0;
    for piece in &pieces[index..] {
        total += piece.fragment.height;
        if !piece.keep_with_next && !piece.weak {
            break;
        }
    }
    total
}

fn new_page(pages: &mut Vec<Fragment>, y: &mut f32) {
    if *y > 0.0 || pages.last().is_some_and(|p| !p.ops.is_empty()) {
        pages.push(Fragment::default());
    }
    *y = 0.0;
}

fn place(pages: &mut [Fragment], y: f32, fragment: &Fragment) {
    if let Some(page) = pages.last_mut() {
        page.place(fragment.ops.clone(), 0.0, y);
    }
}

/// A fragment taller than the room left, cut into parts: the first `first` tall, the rest a
/// page each. Each drawing goes with the part its top falls in.
fn cut(fragment: &Fragment, first: f32, page: f32) -> Vec<Fragment> {
    let mut bounds = vec![0.0, first];
    while bounds.last().is_some_and(|b| *b < fragment.height) {
        let next = bounds.last().copied().unwrap_or(0.0) + page;
        bounds.push(next);
    }
    bounds
        .windows(2)
        .map(|w| {
            let (start, end) = (w[0], w[1]);
            let ops: Vec<Op> = fragment
                .ops
                .iter()
                .filter(|op| (start..end).contains(&top_of(op)))
                .cloned()
                .collect();
            let mut part = Fragment {
                height: (end.min(fragment.height) - start).max(0.0),
                ops: Vec::new(),
            };
            part.place(ops, 0.0, -start);
            part
        })
        .collect()
}

fn top_of(op: &Op) -> f32 {
    match op {
        Op::Text { y, style, .. } => y - style.ascent(),
        Op::Rect { y, .. } | Op::Svg { y, .. } => *y,
        Op::Line { from, to, .. } => from.1.min(to.1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Fragment) -> Vec<String> {
        page.ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    fn document(blocks: Vec<Block>) -> Document {
        Document {
            blocks,
            header: None,
            footer: vec![span("Anonymised", Style::BODY)],
            top_margin: 65.0,
        }
    }

    #[test]
    fn a_long_table_runs_onto_pages_that_repeat_its_header() {
        let rows = (0..120)
            .map(|n| {
                vec![
                    vec![span(format!("Row {n}"), Style::BODY)],
                    vec![span("1", Style::BODY)],
                ]
            })
            .collect();
        let pages = lay_out(&document(vec![Block::Table(Table::ruled(
            vec![FILL, FIGURE],
            &["Row heading", "Number"],
            rows,
        ))]))
        .pages;
        assert!(pages.len() >= 3);
        for page in &pages {
            assert!(texts(page).contains(&"Row heading".to_owned()));
        }
        // The header is read once: its repeats on later pages are page furniture.
        let header_in_structure = pages
            .iter()
            .flat_map(|p| &p.ops)
            .filter(|op| matches!(op, Op::Text { text, .. } if text == "Row heading"))
            .filter(|op| op.node().is_some())
            .count();
        assert_eq!(header_in_structure, 1);
        let all: Vec<String> = pages.iter().flat_map(texts).collect();
        for n in 0..120 {
            assert_eq!(all.iter().filter(|t| **t == format!("Row {n}")).count(), 1);
        }
        assert!(texts(pages.last().unwrap()).contains(&format!(
            "Page {} of {}",
            pages.len(),
            pages.len()
        )));
    }

    #[test]
    fn nothing_is_drawn_in_the_bottom_margin_and_headings_keep_with_their_text() {
        let mut blocks = Vec::new();
        for n in 0..40 {
            blocks.push(Block::Heading {
                level: 1,
                spans: vec![span(format!("Heading {n}"), Style::BODY.bold())],
            });
            blocks.push(Block::Text(vec![span(
                "Some words. ".repeat(40),
                Style::BODY,
            )]));
        }
        let laid = lay_out(&document(blocks));
        assert_eq!(laid.bookmarks.len(), 40);
        assert!(laid.bookmarks.windows(2).all(|w| w[0].page <= w[1].page));
        assert_eq!(
            laid.bookmarks.last().map(|b| b.page),
            Some(laid.pages.len() - 1)
        );
        let pages = laid.pages;
        let foot = A4.1 - BOTTOM_MARGIN;
        for page in &pages {
            let is_footer = |t: &String| t == "Anonymised" || t.starts_with("Page ");
            assert!(page.ops.iter().all(|op| match op {
                Op::Text { y, text, .. } => is_footer(text) || *y <= foot,
                _ => true,
            }));
            let last = texts(page).into_iter().rev().find(|t| !is_footer(t));
            assert!(!last.unwrap_or_default().starts_with("Heading"));
        }
    }

    #[test]
    fn a_kept_block_moves_whole_and_a_page_break_starts_a_page() {
        let filler = Block::Text(vec![span("Words here. ".repeat(500), Style::BODY)]);
        let kept = Block::Keep(vec![
            Block::Text(vec![span("Kept first", Style::BODY)]),
            Block::Gap(200.0),
            Block::Text(vec![span("Kept last", Style::BODY)]),
        ]);
        let pages = lay_out(&document(vec![
            filler,
            kept,
            Block::PageBreak,
            Block::Text(vec![span("After", Style::BODY)]),
        ]))
        .pages;
        let holding = |t: &str| pages.iter().position(|p| texts(p).contains(&t.to_owned()));
        assert_eq!(holding("Kept first"), holding("Kept last"));
        assert_eq!(holding("After"), holding("Kept last").map(|p| p + 1));
    }
}
