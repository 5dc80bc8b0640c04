//! Text: the bundled fonts, styles, measuring with the same shaper krilla draws with, and
//! breaking runs of styled text into lines that fit a width.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use crate::report::charts::{FONT, FONT_BOLD};

/// A colour as red, green and blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

/// Body text.
pub const INK: Colour = Colour(34, 34, 34);
/// Headings, table headers and figures.
pub const NAVY: Colour = Colour(0x1f, 0x3a, 0x5f);
/// Labels and notes.
pub const MUTED: Colour = Colour(0x5f, 0x63, 0x68);
/// What needs attention, and "confidential".
pub const WARN: Colour = Colour(0xa4, 0x26, 0x2c);
/// Table rules and boxes.
pub const RULE: Colour = Colour(0xd0, 0xd5, 0xdc);
/// Striped rows and the summary box.
pub const STRIPE: Colour = Colour(0xf3, 0xf5, 0xf8);

/// How a piece of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Size in points.
    pub size: f32,
    /// Regular, bold or italic.
    pub face: Face,
    /// Its colour.
    pub colour: Colour,
}

impl Style {
    /// Body text: 9.5 pt, regular.
    pub const BODY: Style = Style {
        size: 9.5,
        face: Face::Regular,
        colour: INK,
    };

    /// The same, in bold.
    pub fn bold(self) -> Style {
        Style {
            face: Face::Bold,
            ..self
        }
    }

    /// The same, in italic: someone's own words quoted in the report.
    pub fn italic(self) -> Style {
        Style {
            face: Face::Italic,
            ..self
        }
    }

    /// The same, at another size.
    pub fn size(self, size: f32) -> Style {
        Style { size, ..self }
    }

    /// The same, in another colour.
    pub fn colour(self, colour: Colour) -> Style {
        Style { colour, ..self }
    }

    /// The distance from one line's baseline to the next.
    pub fn line_height(self) -> f32 {
        self.size * 1.32
    }

    /// From the top of a line to its baseline.
    pub fn ascent(self) -> f32 {
        self.size * 0.96
    }
}

/// Text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The words; a newline starts a new line.
    pub text: String,
    /// How they look.
    pub style: Style,
}

/// A span of text in a style.
pub fn span(text: impl Into<String>, style: Style) -> Span {
    Span {
        text: text.into(),
        style,
    }
}

/// One run of a laid-out line: text in one style, at an offset from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// From the line's start, in points.
    pub x: f32,
    /// The text.
    pub text: String,
    /// Its style.
    pub style: Style,
}

/// One laid-out line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    /// Its runs, left to right.
    pub runs: Vec<Run>,
    /// Its width.
    pub width: f32,
    /// From its top to its baseline.
    pub ascent: f32,
    /// Its height.
    pub height: f32,
}

/// The bundled DejaVu Sans Oblique, for quoted words.
pub const FONT_ITALIC: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Oblique.ttf");

/// The three faces of the report's one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
    /// DejaVu Sans Oblique.
    Italic,
}

impl Face {
    /// Every face, in the order of [`Face::index`].
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Italic];

    /// Its place in [`Face::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The font file.
    pub fn data(self) -> &'static [u8] {
        match self {
            Face::Regular => FONT,
            Face::Bold => FONT_BOLD,
            Face::Italic => FONT_ITALIC,
        }
    }
}

fn faces() -> &'static [rustybuzz::Face<'static>; 3] {
    static FACES: OnceLock<[rustybuzz::Face<'static>; 3]> = OnceLock::new();
    FACES.get_or_init(|| {
        Face::ALL.map(|face| {
            rustybuzz::Face::from_slice(face.data(), 0).expect("the bundled fonts parse")
        })
    })
}

/// One glyph of a shaped word, at 1 pt, with the bytes of the word it draws.
#[derive(Debug, Clone, Copy)]
struct Shaped {
    id: u32,
    x_advance: f32,
    x_offset: f32,
    y_offset: f32,
    y_advance: f32,
    start: usize,
    end: usize,
}

/// A word shaped once: its glyphs and its width at 1 pt.
#[derive(Debug)]
struct Word {
    glyphs: Vec<Shaped>,
    width: f32,
}

fn shape(word: &str, face: Face) -> Word {
    let face = &faces()[face.index()];
    let em = face.units_per_em() as f32;
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(word);
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(face, &[], buffer);
    let infos = shaped.glyph_infos();
    let mut glyphs: Vec<Shaped> = infos
        .iter()
        .zip(shaped.glyph_positions())
        .map(|(info, at)| Shaped {
            id: info.glyph_id,
            x_advance: at.x_advance as f32 / em,
            x_offset: at.x_offset as f32 / em,
            y_offset: at.y_offset as f32 / em,
            y_advance: at.y_advance as f32 / em,
            start: info.cluster as usize,
            end: word.len(),
        })
        .collect();
    // A glyph's text runs to the next cluster's start (left-to-right text only).
    for index in 0..glyphs.len() {
        let next = glyphs[index + 1..]
            .iter()
            .map(|g| g.start)
            .find(|start| *start > glyphs[index].start);
        glyphs[index].end = next.unwrap_or(word.len());
    }
    let width = glyphs.iter().map(|g| g.x_advance).sum();
    Word { glyphs, width }
}

/// Words shaped so far, in each face: a report says the same words many times.
#[derive(Default)]
struct Shapes([HashMap<String, Rc<Word>>; 3]);

/// Enough for any report's vocabulary; past it the cache starts again.
const SHAPED_WORDS: usize = 100_000;

thread_local! {
    static SHAPES: RefCell<Shapes> = RefCell::new(Shapes::default());
}

/// `word` (no spaces) shaped in `face`, from the cache when it has been before.
fn shaped(word: &str, face: Face) -> Rc<Word> {
    SHAPES.with(|shapes| {
        let mut shapes = shapes.borrow_mut();
        let known = &mut shapes.0[face.index()];
        if let Some(found) = known.get(word) {
            return Rc::clone(found);
        }
        if known.len() >= SHAPED_WORDS {
            known.clear();
        }
        let new = Rc::new(shape(word, face));
        known.insert(word.to_owned(), Rc::clone(&new));
        new
    })
}

/// The words of `text` and the spaces between them, with where each starts.
fn pieces(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split_inclusive(' ').flat_map(move |part| {
        let start = at;
        at += part.len();
        let word = part.strip_suffix(' ').unwrap_or(part);
        let space = (word.len() < part.len()).then_some((start + word.len(), " "));
        [(!word.is_empty()).then_some((start, word)), space]
            .into_iter()
            .flatten()
    })
}

/// The width of `text` in `style`: each word shaped as it is drawn.
pub fn width(text: &str, style: Style) -> f32 {
    pieces(text)
        .map(|(_, word)| shaped(word, style.face).width)
        .sum::<f32>()
        * style.size
}

/// The glyphs that draw `text`, word by word from the same shapes that measured it, so what
/// is drawn is exactly as wide as what was laid out.
pub fn glyphs(text: &str, face: Face) -> Vec<krilla::text::KrillaGlyph> {
    let mut glyphs = Vec::with_capacity(text.len());
    for (start, word) in pieces(text) {
        for g in &shaped(word, face).glyphs {
            glyphs.push(krilla::text::KrillaGlyph::new(
                krilla::text::GlyphId::new(g.id),
                g.x_advance,
                g.x_offset,
                g.y_offset,
                g.y_advance,
                start + g.start..start + g.end,
                None,
            ));
        }
    }
    glyphs
}

/// The widest hard line of `spans` laid out without wrapping.
pub fn natural_width(spans: &[Span]) -> f32 {
    wrap(spans, f32::INFINITY)
        .iter()
        .map(|line| line.width)
        .fold(0.0, f32::max)
}

/// The widest single word of `spans`: narrower than this, a column would cut a word.
pub fn longest_word(spans: &[Span]) -> f32 {
    spans
        .iter()
        .flat_map(|span| {
            span.text
                .split_whitespace()
                .map(move |w| width(w, span.style))
        })
        .fold(0.0, f32::max)
}

/// A word (or the space before it) waiting to go on a line.
struct Piece<'a> {
    text: &'a str,
    style: Style,
    width: f32,
}

/// Breaks styled text into lines no wider than `max`: at spaces, at newlines, and inside a
/// word only when the word alone is wider than the line.
pub fn wrap(spans: &[Span], max: f32) -> Vec<Line> {
    let mut builder = LineBuilder::new(max);
    for span in spans {
        for (index, hard_line) in span.text.split('\n').enumerate() {
            if index > 0 {
                builder.finish_line(span.style);
            }
            for (n, word) in hard_line.split(' ').enumerate() {
                if n > 0 {
                    builder.space(span.style);
                }
                if !word.is_empty() {
                    builder.word(word, span.style);
                }
            }
        }
    }
    builder.finish()
}

struct LineBuilder<'a> {
    max: f32,
    lines: Vec<Line>,
    pieces: Vec<Piece<'a>>,
    used: f32,
    pending_space: Option<Style>,
    tallest: Option<Style>,
}

impl<'a> LineBuilder<'a> {
    fn new(max: f32) -> Self {
        LineBuilder {
            max,
            lines: Vec::new(),
            pieces: Vec::new(),
            used: 0.0,
            pending_space: None,
            tallest: None,
        }
    }

    fn space(&mut self, style: Style) {
        if !self.pieces.is_empty() {
            self.pending_space = Some(style);
        }
    }

    fn word(&mut self, word: &'a str, style: Style) {
        let word_width = width(word, style);
        let space = self.pending_space.take();
        let space_width = space.map_or(0.0, |s| width(" ", s));
        if !self.pieces.is_empty() && self.used + space_width + word_width > self.max {
            self.finish_line(style);
        } else if let Some(space_style) = space {
            self.push(" ", space_style, space_width);
        }
        if word_width > self.max && self.pieces.is_empty() {
            self.break_word(word, style);
        } else {
            self.push(word, style, word_width);
        }
    }

    /// A word wider than the line (a long web address or a checksum), cut where it must be.
    fn break_word(&mut self, word: &'a str, style: Style) {
        let mut start = 0;
        let mut last_fit = 0;
        for (at, ch) in word.char_indices() {
            let end = at + ch.len_utf8();
            if width(&word[start..end], style) > self.max && last_fit > start {
                let fitted = &word[start..last_fit];
                self.push(fitted, style, width(fitted, style));
                self.finish_line(style);
                start = last_fit;
            }
            last_fit = end;
        }
        let rest = &word[start..];
        self.push(rest, style, width(rest, style));
    }

    fn push(&mut self, text: &'a str, style: Style, width: f32) {
        self.pieces.push(Piece { text, style, width });
        self.used += width;
        if self.tallest.is_none_or(|t| style.size > t.size) {
            self.tallest = Some(style);
        }
    }

    fn finish_line(&mut self, style: Style) {
        let tallest = self.tallest.take().unwrap_or(style);
        let mut line = Line {
            runs: Vec::new(),
            width: self.used,
            ascent: tallest.ascent(),
            height: tallest.line_height(),
        };
        let mut x = 0.0;
        for piece in self.pieces.drain(..) {
            match line.runs.last_mut() {
                Some(run) if run.style == piece.style => run.text.push_str(piece.text),
                _ => line.runs.push(Run {
                    x,
                    text: piece.text.to_owned(),
                    style: piece.style,
                }),
            }
            x += piece.width;
        }
        self.lines.push(line);
        self.used = 0.0;
        self.pending_space = None;
    }

    fn finish(mut self) -> Vec<Line> {
        if !self.pieces.is_empty() || self.lines.is_empty() {
            let style = self.tallest.unwrap_or(Style::BODY);
            self.finish_line(style);
        }
        self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> Vec<Span> {
        vec![span(text, Style::BODY)]
    }

    #[test]
    fn glyphs_cover_the_text_once_and_add_up_to_its_width() {
        let text = "Refer to the Police  twice";
        let glyphs = glyphs(text, Face::Regular);
        let mut covered = 0;
        for glyph in &glyphs {
            let range = krilla::text::Glyph::text_range(glyph);
            assert_eq!(range.start, covered, "{range:?}");
            covered = range.end;
        }
        assert_eq!(covered, text.len());
        let advance: f32 = glyphs
            .iter()
            .map(|g| krilla::text::Glyph::x_advance(g, 9.5))
            .sum();
        assert!((advance - width(text, Style::BODY)).abs() < 0.001);
    }

    #[test]
    fn wider_text_measures_wider_and_bold_wider_still() {
        let short = width("fewer", Style::BODY);
        let long = width("fewer than 3", Style::BODY);
        assert!(short > 0.0 && long > short);
        assert!(width("fewer than 3", Style::BODY.bold()) > long);
        assert!(
            (width("ab", Style::BODY.size(19.0)) - 2.0 * width("ab", Style::BODY)).abs() < 0.01
        );
    }

    #[test]
    fn lines_never_run_past_the_width_and_keep_every_word() {
        let text = "Each incident reported in the period, without names. Where the co-ordinator \
                    wrote a summary for governors, it follows the incident.";
        let lines = wrap(&body(text), 120.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 120.0));
        let joined: Vec<String> = lines.iter().map(|l| l.runs[0].text.clone()).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn a_newline_starts_a_line_and_a_long_word_is_cut() {
        let lines = wrap(&body("first\nsecond"), 500.0);
        assert_eq!(lines.len(), 2);
        let checksum = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let cut = wrap(&body(checksum), 60.0);
        assert!(cut.len() > 3);
        assert!(cut.iter().all(|l| l.width <= 60.0));
        let rejoined: String = cut.iter().map(|l| l.runs[0].text.as_str()).collect();
        assert_eq!(rejoined, checksum);
    }

    #[test]
    fn styles_stay_apart_in_runs_and_offsets_grow() {
        let spans = vec![
            span("Reported ", Style::BODY.colour(MUTED)),
            span("3 March 2026", Style::BODY.bold()),
        ];
        let lines = wrap(&spans, 500.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].runs.len(), 2);
        assert!(lines[0].runs[1].x > 0.0);
        assert_eq!(lines[0].runs[1].text, "3 March 2026");
    }
}
