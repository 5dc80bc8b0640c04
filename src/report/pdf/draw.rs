//! Laid-out pages drawn with krilla: text with the bundled fonts and any fallbacks (embedded,
//! subset and searchable), rules and boxes as paths, charts as vectors.

use std::collections::HashMap;

use krilla::Document;
use krilla::SerializeSettings;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{Path, PathBuilder, Point, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagKind, TagTree,
};
use krilla::text::Font;
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::report::ReportError;
use crate::report::pdf::flow::Op;
use crate::report::pdf::fonts::{self, FontKey};
use crate::report::pdf::structure::{Kind, Structure};
use crate::report::pdf::text::{self, Colour, Face};
use crate::report::pdf::{Bookmark, Laid};

/// The fonts a document draws with, each read once: the three bundled faces, and the PC's
/// fonts that draw letters those lack, as the text needs them.
struct Fonts {
    bundled: [Font; 3],
    fallback: HashMap<FontKey, Option<Font>>,
}

impl Fonts {
    fn new() -> Result<Fonts, ReportError> {
        let load = |face: Face| {
            Font::new(face.data().into(), 0)
                .ok_or_else(|| ReportError::Typeset("the bundled font could not be read".into()))
        };
        let [regular, bold, italic] = Face::ALL;
        Ok(Fonts {
            bundled: [load(regular)?, load(bold)?, load(italic)?],
            fallback: HashMap::new(),
        })
    }

    /// The font `key`, or the regular bundled face if a fallback cannot be embedded.
    fn get(&mut self, key: FontKey) -> Font {
        match key {
            FontKey::Bundled(face) => self.bundled[face.index()].clone(),
            FontKey::Fallback(_) => self
                .fallback
                .entry(key)
                .or_insert_with(|| {
                    let data = fonts::data(key);
                    Font::new(data.bytes.into(), data.index)
                })
                .clone()
                .unwrap_or_else(|| self.bundled[Face::Regular.index()].clone()),
        }
    }
}

fn fill(colour: Colour) -> Fill {
    Fill {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn stroke(colour: Colour, width: f32) -> Stroke {
    Stroke {
        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
        width,
        ..Stroke::default()
    }
}

fn rounded_rect(x: f32, y: f32, w: f32, h: f32, radius: f32) -> Option<Path> {
    let r = radius.min(w / 2.0).min(h / 2.0);
    let mut path = PathBuilder::new();
    path.move_to(x + r, y);
    path.line_to(x + w - r, y);
    path.quad_to(x + w, y, x + w, y + r);
    path.line_to(x + w, y + h - r);
    path.quad_to(x + w, y + h, x + w - r, y + h);
    path.line_to(x + r, y + h);
    path.quad_to(x, y + h, x, y + h - r);
    path.line_to(x, y + r);
    path.quad_to(x, y, x + r, y);
    path.close();
    path.finish()
}

fn line(from: (f32, f32), to: (f32, f32)) -> Option<Path> {
    let mut path = PathBuilder::new();
    path.move_to(from.0, from.1);
    path.line_to(to.0, to.1);
    path.finish()
}

fn draw(surface: &mut Surface<'_>, op: &Op, fonts: &mut Fonts) {
    match op {
        Op::Text {
            x,
            y,
            text,
            style,
            rtl,
            ..
        } => {
            surface.set_stroke(None);
            surface.set_fill(Some(fill(style.colour)));
            let mut at = *x;
            for run in text::glyphs(text, style.face, *rtl) {
                surface.draw_glyphs(
                    Point::from_xy(at, *y),
                    &run.glyphs,
                    fonts.get(run.font),
                    text,
                    style.size,
                    false,
                );
                at += run.advance * style.size;
            }
        }
        Op::Rect {
            x,
            y,
            w,
            h,
            radius,
            fill: inside,
            stroke: outline,
        } => {
            if let Some(path) = rounded_rect(*x, *y, *w, *h, *radius) {
                surface.set_fill(inside.map(fill));
                surface.set_stroke(outline.map(|(colour, width)| stroke(colour, width)));
                surface.draw_path(&path);
            }
        }
        Op::Line {
            from,
            to,
            colour,
            width,
        } => {
            if let Some(path) = line(*from, *to) {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*colour, *width)));
                surface.draw_path(&path);
            }
        }
        Op::Svg {
            x, y, w, h, tree, ..
        } => {
            if let Some(size) = Size::from_wh(*w, *h) {
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_svg(tree, size, SvgSettings::default());
                surface.pop();
            }
        }
    }
}

/// Draws `op` marked as what it is: text and charts as content of their part of the document
/// (the identifier goes to that part), rules, boxes and page furniture as artifacts.
fn draw_marked(
    surface: &mut Surface<'_>,
    op: &Op,
    fonts: &mut Fonts,
    leaves: &mut [Vec<Identifier>],
) {
    let part = op.node().filter(|node| *node < leaves.len());
    let tag = match (part, op) {
        (None, _) => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Other)),
        (Some(_), Op::Svg { .. }) => ContentTag::Other,
        (Some(_), _) => ContentTag::Span(SpanTag::empty()),
    };
    let id = surface.start_tagged(tag);
    draw(surface, op, fonts);
    surface.end_tagged();
    if let Some(node) = part {
        leaves[node].push(id);
    }
}

fn tag_kind(kind: &Kind) -> TagKind {
    match kind {
        Kind::Paragraph => Tag::P.into(),
        Kind::Heading(level, title) => Tag::Hn(
            std::num::NonZeroU16::new(u16::from(*level)).unwrap_or(std::num::NonZeroU16::MIN),
            Some(title.clone()),
        )
        .into(),
        Kind::Table => Tag::Table.into(),
        Kind::Row => Tag::TR.into(),
        Kind::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
        Kind::Cell => Tag::TD.into(),
        Kind::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
    }
}

/// A part as a tag group holding its sub-parts, or the content drawn for it.
fn part_group(
    node: usize,
    structure: &Structure,
    children: &[Vec<usize>],
    leaves: &mut [Vec<Identifier>],
) -> TagGroup {
    let mut group = TagGroup::new(tag_kind(&structure.nodes()[node].kind));
    for child in &children[node] {
        group.push(part_group(*child, structure, children, leaves));
    }
    for id in std::mem::take(&mut leaves[node]) {
        group.push(id);
    }
    group
}

/// The tag tree, in reading order.
fn tag_tree(structure: &Structure, mut leaves: Vec<Vec<Identifier>>) -> TagTree {
    let (children, top) = structure.children();
    let mut tree = TagTree::new().with_lang(Some("en-GB".into()));
    for node in top {
        tree.push(part_group(node, structure, &children, &mut leaves));
    }
    tree
}

/// What the PDF says about itself.
pub struct About {
    /// The title readers show.
    pub title: String,
    /// Who made it.
    pub author: String,
    /// The same for the same document made again, so the bytes repeat.
    pub ident: String,
}

/// The bookmarks a reader lists beside the pages: sections, with their subsections inside.
fn outline(bookmarks: &[Bookmark]) -> Outline {
    let node = |b: &Bookmark| {
        OutlineNode::new(
            b.title.clone(),
            XyzDestination::new(b.page, Point::from_xy(0.0, b.y)),
        )
    };
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    for bookmark in bookmarks {
        match (&mut section, bookmark.level) {
            (Some(parent), 2) => parent.push_child(node(bookmark)),
            (_, 1) => {
                if let Some(done) = section.replace(node(bookmark)) {
                    outline.push_child(done);
                }
            }
            _ => outline.push_child(node(bookmark)),
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

/// Draws the pages (A4 when `size` says so) and writes the PDF.
pub fn render(laid: &Laid, size: (f32, f32), about: About) -> Result<Vec<u8>, ReportError> {
    let mut fonts = Fonts::new()?;
    let page_size = PageSettings::from_wh(size.0, size.1)
        .ok_or_else(|| ReportError::Typeset("the page size is not a size".into()))?;
    let mut document = Document::new_with(SerializeSettings::default());
    document.set_metadata(
        Metadata::new()
            .title(about.title)
            .authors(vec![about.author])
            .creator("E-Safety Desk".into())
            .language("en-GB".into())
            .document_id(about.ident),
    );
    document.set_outline(outline(&laid.bookmarks));
    let mut leaves = vec![Vec::new(); laid.structure.nodes().len()];
    for content in &laid.pages {
        let mut page = document.start_page_with(page_size.clone());
        let mut surface = page.surface();
        for op in &content.ops {
            draw_marked(&mut surface, op, &mut fonts, &mut leaves);
        }
        surface.finish();
        page.finish();
    }
    document.set_tag_tree(tag_tree(&laid.structure, leaves));
    document
        .finish()
        .map_err(|error| ReportError::Typeset(format!("{error:?}")))
}
