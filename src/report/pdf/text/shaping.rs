//! Shaping: the report's faces, each word shaped once with the shaper krilla draws with (a
//! fallback font for letters the bundled one lacks), its width and its glyphs.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::Style;
use crate::report::charts::{FONT, FONT_BOLD};
use crate::report::pdf::fonts::{self, FontKey};

/// The bundled DejaVu Sans Oblique, for quoted words.
pub const FONT_ITALIC: &[u8] = include_bytes!("../../../../assets/fonts/DejaVuSans-Oblique.ttf");

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

/// One glyph of a shaped word, at 1 pt, with the font that draws it and the bytes of the word
/// it stands for.
#[derive(Debug, Clone, Copy)]
pub(super) struct Shaped {
    pub(super) font: FontKey,
    pub(super) id: u32,
    pub(super) x_advance: f32,
    pub(super) x_offset: f32,
    pub(super) y_offset: f32,
    pub(super) y_advance: f32,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A word shaped once: its glyphs, in the order they are drawn, and its width at 1 pt.
#[derive(Debug)]
pub(super) struct Word {
    pub(super) glyphs: Vec<Shaped>,
    pub(super) width: f32,
}

/// The parts of `word` each font draws, in reading order: the face's own font wherever it has
/// the letter, a fallback where it does not; accents and joiners stay with their letter.
pub(super) fn font_runs(word: &str, face: Face) -> Vec<(Range<usize>, FontKey)> {
    if word.is_ascii() {
        return vec![(0..word.len(), FontKey::Bundled(face))];
    }
    let mut runs: Vec<(Range<usize>, FontKey)> = Vec::new();
    let mut leading = 0;
    for (at, ch) in word.char_indices() {
        let end = at + ch.len_utf8();
        match runs.last_mut() {
            Some(last) if fonts::follows_neighbours(ch) => last.0.end = end,
            None if fonts::follows_neighbours(ch) => leading = end,
            _ => {
                let font = fonts::font_for(ch, face);
                match runs.last_mut() {
                    Some(last) if last.1 == font => last.0.end = end,
                    Some(_) => runs.push((at..end, font)),
                    None => runs.push((0..end, font)),
                }
            }
        }
    }
    if runs.is_empty() {
        runs.push((0..leading, FontKey::Bundled(face)));
    }
    runs
}

pub(super) fn shape(word: &str, face: Face, rtl: bool) -> Word {
    let mut runs = font_runs(word, face);
    if rtl {
        runs.reverse();
    }
    let mut glyphs = Vec::with_capacity(word.len());
    for (range, font) in runs {
        let shaper = fonts::shaper(font);
        let em = shaper.units_per_em() as f32;
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&word[range.clone()]);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl {
            rustybuzz::Direction::RightToLeft
        } else {
            rustybuzz::Direction::LeftToRight
        });
        let shaped = rustybuzz::shape(shaper, &[], buffer);
        glyphs.extend(
            shaped
                .glyph_infos()
                .iter()
                .zip(shaped.glyph_positions())
                .map(|(info, at)| Shaped {
                    font,
                    id: info.glyph_id,
                    x_advance: at.x_advance as f32 / em,
                    x_offset: at.x_offset as f32 / em,
                    y_offset: at.y_offset as f32 / em,
                    y_advance: at.y_advance as f32 / em,
                    start: range.start + info.cluster as usize,
                    end: word.len(),
                }),
        );
    }
    // A glyph stands for the text from its cluster to the next cluster in reading order,
    // whichever way the glyphs are drawn.
    let mut starts: Vec<usize> = glyphs.iter().map(|g| g.start).collect();
    starts.sort_unstable();
    starts.dedup();
    for glyph in &mut glyphs {
        let next = starts.partition_point(|start| *start <= glyph.start);
        glyph.end = starts.get(next).copied().unwrap_or(word.len());
    }
    let width = glyphs.iter().map(|g| g.x_advance).sum();
    Word { glyphs, width }
}

/// Words shaped so far, in each face and direction: a report says the same words many times.
#[derive(Default)]
pub(super) struct Shapes([HashMap<String, Rc<Word>>; 6]);

/// Enough for any report's vocabulary; past it the cache starts again.
pub(super) const SHAPED_WORDS: usize = 100_000;

thread_local! {
    static SHAPES: RefCell<Shapes> = RefCell::new(Shapes::default());
}

/// `word` (no spaces) shaped in `face`, from the cache when it has been before.
pub(super) fn shaped(word: &str, face: Face, rtl: bool) -> Rc<Word> {
    SHAPES.with(|shapes| {
        let mut shapes = shapes.borrow_mut();
        let known = &mut shapes.0[face.index() * 2 + usize::from(rtl)];
        if let Some(found) = known.get(word) {
            return Rc::clone(found);
        }
        if known.len() >= SHAPED_WORDS {
            known.clear();
        }
        let new = Rc::new(shape(word, face, rtl));
        known.insert(word.to_owned(), Rc::clone(&new));
        new
    })
}

/// Whether `text` reads right to left on its own: its first letter with a direction is
/// Hebrew, Arabic or another right-to-left script.
pub(super) fn reads_right_to_left(text: &str) -> bool {
    use unicode_bidi::BidiClass::{AL, L, R};
    text.chars()
        .map(unicode_bidi::bidi_class)
        .find(|class| matches!(class, L | R | AL))
        .is_some_and(|class| class != L)
}

/// The words of `text` and the spaces between them, with where each starts.
pub(super) fn pieces(text: &str) -> impl DoubleEndedIterator<Item = (usize, &str)> {
    let mut found = Vec::new();
    let mut at = 0;
    for part in text.split_inclusive(' ') {
        let word = part.strip_suffix(' ').unwrap_or(part);
        if !word.is_empty() {
            found.push((at, word));
        }
        if word.len() < part.len() {
            found.push((at + word.len(), " "));
        }
        at += part.len();
    }
    found.into_iter()
}

/// The width of `text` in `style`: each word shaped as it is drawn.
pub fn width(text: &str, style: Style) -> f32 {
    pieces(text)
        .map(|(_, word)| shaped(word, style.face, reads_right_to_left(word)).width)
        .sum::<f32>()
        * style.size
}

/// The width of a run drawn in one direction.
pub(super) fn run_width(text: &str, style: Style, rtl: bool) -> f32 {
    pieces(text)
        .map(|(_, word)| shaped(word, style.face, rtl).width)
        .sum::<f32>()
        * style.size
}

/// Glyphs drawn with one font, side by side.
pub struct GlyphRun {
    /// The font that draws them.
    pub font: FontKey,
    /// The glyphs, each naming the text it stands for.
    pub glyphs: Vec<krilla::text::KrillaGlyph>,
    /// How far they reach at 1 pt.
    pub advance: f32,
}

/// The glyphs that draw `text` left to right on the page (right-to-left text already turned
/// round), word by word from the same shapes that measured it, so what is drawn is exactly as
/// wide as what was laid out; a new run wherever the font changes.
pub fn glyphs(text: &str, face: Face, rtl: bool) -> Vec<GlyphRun> {
    let mut runs: Vec<GlyphRun> = Vec::new();
    let words: Vec<(usize, &str)> = if rtl {
        pieces(text).rev().collect()
    } else {
        pieces(text).collect()
    };
    for (start, word) in words {
        for g in &shaped(word, face, rtl).glyphs {
            let glyph = krilla::text::KrillaGlyph::new(
                krilla::text::GlyphId::new(g.id),
                g.x_advance,
                g.x_offset,
                g.y_offset,
                g.y_advance,
                start + g.start..start + g.end,
                None,
            );
            match runs.last_mut() {
                Some(run) if run.font == g.font => {
                    run.glyphs.push(glyph);
                    run.advance += g.x_advance;
                }
                _ => runs.push(GlyphRun {
                    font: g.font,
                    glyphs: vec![glyph],
                    advance: g.x_advance,
                }),
            }
        }
    }
    runs
}
