//! Text: the bundled fonts, styles, measuring with the same shaper krilla draws with, and
//! breaking runs of styled text into lines that fit a width.

use std::borrow::Cow;
use std::ops::Range;

mod shaping;

use shaping::run_width;
pub use shaping::{Face, glyphs, width};

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
    /// Whether it reads right to left (its glyphs are then drawn from its end).
    pub rtl: bool,
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

/// The widest hard line of `spans` laid out without wrapping.
pub fn natural_width(spans: &[Span]) -> f32 {
    wrap(spans, f32::INFINITY)
        .iter()
        .map(|line| line.width)
        .fold(0.0, f32::max)
}

/// The widest part of `spans` that no line may break inside: narrower than this, a column
/// would cut a word.
pub fn longest_word(spans: &[Span]) -> f32 {
    spans
        .iter()
        .flat_map(|span| {
            segments(&span.text).map(move |(range, _)| width(&span.text[range], span.style))
        })
        .fold(0.0, f32::max)
}

/// Where `text` may break, by the Unicode line-breaking rules: each part a line may end after,
/// without the spaces at its end, and whether spaces followed it.
fn segments(text: &str) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
    let mut from = 0;
    unicode_linebreak::linebreaks(text).filter_map(move |(to, _)| {
        let part = &text[from..to];
        let word = part.trim_end_matches([' ', '\n']);
        let range = from..from + word.len();
        from = to;
        (!word.is_empty() || word.len() < part.len()).then_some((range, word.len() < part.len()))
    })
}

/// A word (or the space before it) waiting to go on a line: where it is in its paragraph.
struct Piece {
    range: Range<usize>,
    style: Style,
    width: f32,
}

/// One hard line of styled text: its text, the style of each part, and its direction.
struct Paragraph<'a> {
    text: Cow<'a, str>,
    styles: Vec<(Range<usize>, Style)>,
    /// The paragraph's direction when it holds right-to-left text; none when all left to right.
    level: Option<unicode_bidi::Level>,
}

impl<'a> Paragraph<'a> {
    fn new(parts: &[(&'a str, Style)]) -> Paragraph<'a> {
        let text: Cow<'a, str> = match parts {
            [(only, _)] => Cow::Borrowed(only),
            _ => Cow::Owned(parts.iter().map(|(text, _)| *text).collect()),
        };
        let mut styles = Vec::with_capacity(parts.len());
        let mut at = 0;
        for (part, style) in parts {
            styles.push((at..at + part.len(), *style));
            at += part.len();
        }
        let level = (!text.is_ascii())
            .then(|| unicode_bidi::ParagraphBidiInfo::new(&text, None))
            .filter(|info| info.has_rtl())
            .map(|info| info.paragraph_level);
        Paragraph {
            text,
            styles,
            level,
        }
    }

    /// The parts of `range`, each in its style, in reading order.
    fn styled(
        &self,
        range: Range<usize>,
    ) -> impl DoubleEndedIterator<Item = (Range<usize>, Style)> {
        let parts: Vec<(Range<usize>, Style)> = self
            .styles
            .iter()
            .filter(|(part, _)| part.start < range.end && part.end > range.start)
            .map(|(part, style)| (part.start.max(range.start)..part.end.min(range.end), *style))
            .collect();
        parts.into_iter()
    }
}

/// Breaks styled text into lines no wider than `max`: where the Unicode rules allow (at
/// spaces, after hyphens, between Chinese characters), at newlines, and inside a word only
/// when the word alone is wider than the line. Right-to-left text is put in the order it is
/// read on the page.
pub fn wrap(spans: &[Span], max: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut parts: Vec<(&str, Style)> = Vec::new();
    for span in spans {
        for (index, hard_line) in span.text.split('\n').enumerate() {
            if index > 0 {
                LineBuilder::new(max, &Paragraph::new(&parts), &mut lines).build(span.style);
                parts.clear();
            }
            if !hard_line.is_empty() {
                parts.push((hard_line, span.style));
            }
        }
    }
    if !parts.is_empty() || lines.is_empty() {
        LineBuilder::new(max, &Paragraph::new(&parts), &mut lines).build(Style::BODY);
    }
    lines
}

struct LineBuilder<'p, 'a> {
    max: f32,
    paragraph: &'p Paragraph<'a>,
    lines: &'p mut Vec<Line>,
    pieces: Vec<Piece>,
    used: f32,
    pending_space: Option<(usize, Style)>,
    tallest: Option<Style>,
}

impl<'p, 'a> LineBuilder<'p, 'a> {
    fn new(max: f32, paragraph: &'p Paragraph<'a>, lines: &'p mut Vec<Line>) -> Self {
        LineBuilder {
            max,
            paragraph,
            lines,
            pieces: Vec::new(),
            used: 0.0,
            pending_space: None,
            tallest: None,
        }
    }

    /// Lays the paragraph out; an empty one is one empty line in `style`.
    fn build(mut self, style: Style) {
        let paragraph = self.paragraph;
        let before = self.lines.len();
        for (range, spaced) in segments(&paragraph.text) {
            let parts: Vec<(Range<usize>, Style)> = paragraph.styled(range.clone()).collect();
            if !range.is_empty() {
                self.word(&parts);
            }
            if spaced {
                let style = paragraph
                    .styled(range.end..range.end + 1)
                    .next()
                    .map_or(style, |(_, style)| style);
                self.space(range.end, style);
            }
        }
        if !self.pieces.is_empty() || self.lines.len() == before {
            self.finish_line(style);
        }
    }

    fn text(&self, range: Range<usize>) -> &str {
        &self.paragraph.text[range]
    }

    fn space(&mut self, at: usize, style: Style) {
        if !self.pieces.is_empty() && self.pending_space.is_none() {
            self.pending_space = Some((at, style));
        }
    }

    /// Places a part no line may break inside, in one or more styles.
    fn word(&mut self, parts: &[(Range<usize>, Style)]) {
        let widths: Vec<f32> = parts
            .iter()
            .map(|(range, style)| width(self.text(range.clone()), *style))
            .collect();
        let word_width: f32 = widths.iter().sum();
        let space = self.pending_space.take();
        let space_width = space.map_or(0.0, |(_, style)| width(" ", style));
        if !self.pieces.is_empty() && self.used + space_width + word_width > self.max {
            self.finish_line(parts[0].1);
        } else if let Some((at, style)) = space {
            self.push(at..at + 1, style, space_width);
        }
        if word_width > self.max && self.pieces.is_empty() {
            for (range, style) in parts {
                self.break_word(range.clone(), *style);
            }
        } else {
            for ((range, style), width) in parts.iter().zip(widths) {
                self.push(range.clone(), *style, width);
            }
        }
    }

    /// A word wider than the line (a long web address or a checksum), cut where it must be.
    fn break_word(&mut self, word: Range<usize>, style: Style) {
        let mut start = word.start;
        let mut last_fit = word.start;
        let paragraph = self.paragraph;
        for (at, ch) in paragraph.text[word.clone()].char_indices() {
            let end = word.start + at + ch.len_utf8();
            let room = self.max - self.used;
            if width(&paragraph.text[start..end], style) > room && last_fit > start {
                let fitted = start..last_fit;
                self.push(fitted.clone(), style, width(&paragraph.text[fitted], style));
                self.finish_line(style);
                start = last_fit;
            }
            last_fit = end;
        }
        let rest = start..word.end;
        self.push(rest.clone(), style, width(&paragraph.text[rest], style));
    }

    fn push(&mut self, range: Range<usize>, style: Style, width: f32) {
        self.pieces.push(Piece {
            range,
            style,
            width,
        });
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
        let pieces = std::mem::take(&mut self.pieces);
        match self.paragraph.level {
            None => line.runs = self.runs_left_to_right(&pieces),
            Some(level) => {
                line.runs = self.runs_in_visual_order(&pieces, level);
                line.width = line
                    .runs
                    .last()
                    .map_or(0.0, |run| run.x + run_width(&run.text, run.style, run.rtl));
            }
        }
        self.lines.push(line);
        self.used = 0.0;
        self.pending_space = None;
    }

    fn runs_left_to_right(&self, pieces: &[Piece]) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        let mut x = 0.0;
        for piece in pieces {
            let text = self.text(piece.range.clone());
            match runs.last_mut() {
                Some(run) if run.style == piece.style => run.text.push_str(text),
                _ => runs.push(Run {
                    x,
                    text: text.to_owned(),
                    style: piece.style,
                    rtl: false,
                }),
            }
            x += piece.width;
        }
        runs
    }

    /// The line's runs as the eye meets them, by the Unicode bidirectional algorithm: a run of
    /// Arabic in an English sentence is drawn right to left, and the words of a line in Urdu
    /// run from the right.
    fn runs_in_visual_order(&self, pieces: &[Piece], level: unicode_bidi::Level) -> Vec<Run> {
        let mut text = String::new();
        let mut styles: Vec<(Range<usize>, Style)> = Vec::with_capacity(pieces.len());
        for piece in pieces {
            let start = text.len();
            text.push_str(self.text(piece.range.clone()));
            match styles.last_mut() {
                Some((range, style)) if *style == piece.style => range.end = text.len(),
                _ => styles.push((start..text.len(), piece.style)),
            }
        }
        let line = Paragraph {
            text: Cow::Borrowed(&text),
            styles,
            level: Some(level),
        };
        let info = unicode_bidi::ParagraphBidiInfo::new(&text, Some(level));
        let (levels, visual) = info.visual_runs(0..text.len());
        let mut runs: Vec<Run> = Vec::new();
        let mut x = 0.0;
        for range in visual {
            let rtl = levels[range.start].is_rtl();
            let parts: Vec<(Range<usize>, Style)> = if rtl {
                line.styled(range).rev().collect()
            } else {
                line.styled(range).collect()
            };
            for (part, style) in parts {
                let piece = &text[part];
                runs.push(Run {
                    x,
                    text: piece.to_owned(),
                    style,
                    rtl,
                });
                x += run_width(piece, style, rtl);
            }
        }
        runs
    }
}

#[cfg(test)]
mod tests {
    use super::shaping::GlyphRun;
    use super::*;

    fn body(text: &str) -> Vec<Span> {
        vec![span(text, Style::BODY)]
    }

    #[test]
    fn glyphs_cover_the_text_once_and_add_up_to_its_width() {
        let text = "Refer to the Police  twice";
        let runs = glyphs(text, Face::Regular, false);
        assert_eq!(runs.len(), 1, "one font draws English");
        let glyphs = &runs[0].glyphs;
        let mut covered = 0;
        for glyph in glyphs {
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
        assert!((runs[0].advance * 9.5 - advance).abs() < 0.001);
    }

    /// The text each glyph of `runs` stands for, in the order they are drawn.
    fn drawn(text: &str, runs: &[GlyphRun]) -> Vec<String> {
        runs.iter()
            .flat_map(|run| &run.glyphs)
            .map(|glyph| text[krilla::text::Glyph::text_range(glyph)].to_owned())
            .collect()
    }

    #[test]
    fn right_to_left_text_is_drawn_from_its_last_letter_and_covers_every_byte() {
        // "Sara" and "Ahmed" in Arabic letters that do not join into ligatures.
        let text = "سارة أحمد";
        let runs = glyphs(text, Face::Regular, true);
        let pieces = drawn(text, &runs);
        assert_eq!(pieces.concat().chars().rev().collect::<String>(), text);
        assert!(
            runs.iter().flat_map(|run| &run.glyphs).all(|glyph| {
                krilla::text::Glyph::glyph_id(glyph) != krilla::text::GlyphId::new(0)
            }),
            "the bundled font has Arabic letters"
        );
        let mut covered: Vec<usize> = runs
            .iter()
            .flat_map(|run| &run.glyphs)
            .flat_map(krilla::text::Glyph::text_range)
            .collect();
        covered.sort_unstable();
        assert_eq!(covered, (0..text.len()).collect::<Vec<_>>());
    }

    #[test]
    fn arabic_inside_an_english_line_reads_right_to_left_and_the_english_stays_put() {
        let lines = wrap(&body("Named: سارة أحمد (Year 8)"), 500.0);
        assert_eq!(lines.len(), 1);
        let runs = &lines[0].runs;
        let texts: Vec<(&str, bool)> = runs.iter().map(|r| (r.text.as_str(), r.rtl)).collect();
        assert_eq!(
            texts,
            [
                ("Named: ", false),
                ("سارة أحمد", true),
                (" (Year 8)", false)
            ]
        );
        assert!(runs.windows(2).all(|pair| pair[0].x < pair[1].x));
        assert!((lines[0].width - width("Named: سارة أحمد (Year 8)", Style::BODY)).abs() < 0.5);
    }

    #[test]
    fn a_paragraph_in_urdu_puts_its_first_word_on_the_right() {
        // "Year 8" then a word: in a right-to-left paragraph the number sits to the left.
        let lines = wrap(&body("جماعت 8 میں"), 500.0);
        let runs = &lines[0].runs;
        assert!(runs.len() >= 2, "{runs:?}");
        let last = runs.last().unwrap();
        assert!(last.rtl && last.text.starts_with("جماعت"), "{runs:?}");
        assert!(runs.iter().any(|run| !run.rtl && run.text.contains('8')));
    }

    #[test]
    fn chinese_breaks_between_characters_and_polish_keeps_its_letters() {
        let chinese = "学生在网上受到欺凌并报告了老师";
        let lines = wrap(&body(chinese), 40.0);
        assert!(lines.len() > 2, "{lines:?}");
        let rejoined: String = lines
            .iter()
            .flat_map(|l| &l.runs)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(rejoined, chinese);
        let polish = "Zgłoszenie: uczeń żółw źdźbło";
        let runs = glyphs(polish, Face::Regular, false);
        assert_eq!(runs.len(), 1, "the bundled font draws Polish");
        assert_eq!(drawn(polish, &runs).concat(), polish);
    }

    #[test]
    fn a_hyphenated_word_may_break_after_its_hyphen_but_a_reference_does_not() {
        let lines = wrap(&body("co-ordinator"), width("ordinator", Style::BODY) + 1.0);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].runs[0].text, "co-");
        assert!(
            longest_word(&body("ES-2025-0022 co-ordinator")) >= width("ES-2025-0022", Style::BODY)
        );
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
        let mut joined = String::new();
        for line in &lines {
            if !joined.is_empty() && !joined.ends_with('-') {
                joined.push(' ');
            }
            joined.push_str(&line.runs[0].text);
        }
        assert_eq!(joined, text);
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
