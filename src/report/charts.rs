//! The report's charts, drawn with plotters as SVG: the PDF embeds them as vectors (text stays
//! sharp and selectable) and the app previews the very same SVG. Bars are drawn as rectangles
//! in a fixed order, so the same figures always give the same bytes. A hidden count draws no
//! bar, only a short mark where the bar would start and the words the tables print ("fewer
//! than 3"), so no length suggests a value. The PDF prints the 760-pixel-wide SVG 482 points
//! wide: the smallest text, 13 px, prints at 8.2 pt.

use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::report::counts::{Count, Labelled, Suppression};
use crate::report::registers::Compliance;

/// DejaVu Sans, bundled so that text is measured (and, in the PDF, drawn) the same everywhere.
pub const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold.
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The SVG's font list: the bundled font by name (the PDF has it), then what a Windows or
/// Linux desktop has, for the app's preview.
const FAMILY: &str = "DejaVu Sans, Arial, sans-serif";

const WIDTH: u32 = 760;
const BAR: RGBColor = RGBColor(47, 109, 181);
const BAND: RGBColor = RGBColor(222, 226, 232);
const GRID: RGBColor = RGBColor(229, 231, 235);
const INK: RGBColor = RGBColor(34, 34, 34);
const MUTED: RGBColor = RGBColor(96, 96, 96);
/// A label's longest line in a bar chart; a longer label wraps onto a second line.
const LABEL_LINE: usize = 40;
/// The size of a label (8.9 pt in the PDF).
const LABEL: f64 = 14.0;
/// The size of a figure, an axis number or a legend (8.2 pt in the PDF).
const SMALL: f64 = 13.0;

fn register_fonts() {
    static FONTS: Once = Once::new();
    FONTS.call_once(|| {
        // The bundled fonts are known to parse; a failure would only lose text measuring.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT);
        let _ = plotters::style::register_font(FAMILY, FontStyle::Bold, FONT_BOLD);
    });
}

fn font(size: f64) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&INK)
}

fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// A label in at most two lines of about [`LABEL_LINE`] characters, broken between words;
/// a longer one is cut with "…" at the end of the second line.
fn wrapped(label: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in label.split_whitespace() {
        let line = lines.last_mut().map_or(0, |l| l.chars().count());
        if line > 0 && line + 1 + word.chars().count() > LABEL_LINE {
            lines.push(String::new());
        }
        if let Some(last) = lines.last_mut() {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    if lines.len() > 2 {
        let mut second: String = lines[1..].join(" ").chars().take(LABEL_LINE - 1).collect();
        second = format!("{}…", second.trim_end());
        lines.truncate(1);
        lines.push(second);
    }
    lines
}

/// A short label for under a column: one line, cut with "…".
fn fitted(label: &str) -> String {
    if label.chars().count() <= LABEL_LINE {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(LABEL_LINE - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A round step for an axis running to `max`: 1, 2 or 5 times a power of ten.
fn step_for(max: usize) -> usize {
    let rough = (max.max(1) as f64 / 4.0).max(1.0);
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= rough)
        .unwrap_or(power * 10.0);
    step as usize
}

/// The axis end: the smallest multiple of the step at or above `max` (and at least the
/// threshold, so that the band fits).
fn axis_end(max: usize, rule: Suppression) -> (usize, usize) {
    let max = max.max(rule.below as usize).max(1);
    let step = step_for(max);
    (max.div_ceil(step) * step, step)
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Drawn = Result<(), DrawingAreaErrorKind<std::io::Error>>;

fn svg(height: u32, draw: impl FnOnce(&Area<'_>) -> Drawn) -> String {
    register_fonts();
    let mut out = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut out, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE)
            .and_then(|()| draw(&root))
            .and_then(|()| root.present())
    };
    match drawn {
        Ok(()) => out,
        // Drawing into a string fails only on a font fault; the report says so in place.
        Err(error) => format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\"><text x=\"10\" y=\"30\">Chart not drawn: {error}</text></svg>"
        ),
    }
}

/// The chart's colours and their counterparts on a dark screen: the page, the text, the muted
/// text, the grid, the band, the bars.
const DARK_SWAPS: [(RGBColor, RGBColor); 6] = [
    (WHITE, RGBColor(30, 33, 38)),
    (INK, RGBColor(232, 234, 237)),
    (MUTED, RGBColor(170, 175, 182)),
    (GRID, RGBColor(62, 66, 73)),
    (BAND, RGBColor(70, 76, 86)),
    (BAR, RGBColor(110, 160, 230)),
];

fn hex(colour: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2)
}

/// A chart drawn by this module, recoloured for a dark screen (the PDF is always light).
pub fn darkened(svg: &str) -> String {
    DARK_SWAPS
        .iter()
        .fold(svg.to_owned(), |svg, (light, dark)| {
            svg.replace(
                &format!("\"{}\"", hex(*light)),
                &format!("\"{}\"", hex(*dark)),
            )
        })
}

/// What a chart says instead of bars when it has none to draw.
const NOTHING: &str = "Nothing to show for this period";
/// What a chart says instead of bars when every one of its counts is hidden: a row of pale
/// bands would tell a governor nothing.
pub const ALL_HIDDEN: &str = "Every count here is hidden to protect identities: no chart is drawn";
/// The height of a chart that is only a sentence.
const NOTE_HEIGHT: u32 = 60;

/// Why a chart of these counts draws no bars, if it draws none.
pub(crate) fn no_bars<'a>(mut counts: impl Iterator<Item = &'a Count>) -> Option<&'static str> {
    let mut any = false;
    let all_hidden = counts.all(|count| {
        any = true;
        count.hidden
    });
    match (any, all_hidden) {
        (false, _) => Some(NOTHING),
        (true, true) => Some(ALL_HIDDEN),
        (true, false) => None,
    }
}

fn empty_note(root: &Area<'_>, words: &str, height: u32) -> Drawn {
    let style = anchored(font(15.0).color(&MUTED), HPos::Center, VPos::Center);
    root.draw(&Text::new(
        words.to_owned(),
        ((WIDTH / 2) as i32, (height / 2) as i32),
        style,
    ))
}

/// How far a count's bar reaches: a hidden count draws none.
fn reach(count: &Count) -> usize {
    if count.hidden { 0 } else { count.value }
}

/// The words beside a bar: the figure, in italics when it is hidden.
fn figure_style(count: &Count) -> TextStyle<'static> {
    let style = (FAMILY, SMALL).into_font();
    let style = if count.hidden {
        style.style(FontStyle::Italic)
    } else {
        style
    };
    style.color(&MUTED)
}

/// Horizontal bars, one per row, labelled on the left (in two lines where long); `unit`
/// follows the axis's numbers ("%"); each bar is labelled with its count as the tables show it.
fn horizontal(rows: &[(String, Count)], scale_max: usize, unit: &str, rule: Suppression) -> String {
    if let Some(words) = no_bars(rows.iter().map(|(_, count)| count)) {
        return svg(NOTE_HEIGHT, |root| empty_note(root, words, NOTE_HEIGHT));
    }
    let labels: Vec<Vec<String>> = rows.iter().map(|(label, _)| wrapped(label)).collect();
    let two_lines = labels.iter().any(|l| l.len() > 1);
    let row: i32 = if two_lines { 42 } else { 30 };
    let height = (rows.len() as i32 * row + 50) as u32;
    svg(height, |root| {
        let label_width = labels
            .iter()
            .flatten()
            .filter_map(|l| root.estimate_text_size(l, &font(LABEL)).ok())
            .map(|(w, _)| w as i32)
            .max()
            .unwrap_or(0)
            .min(WIDTH as i32 * 9 / 20);
        let (x0, x1) = (label_width + 20, WIDTH as i32 - 120);
        let (end, step) = axis_end(scale_max, rule);
        let x = |v: usize| x0 + ((x1 - x0) as f64 * v as f64 / end as f64).round() as i32;
        let bottom = rows.len() as i32 * row + 10;
        for tick in (0..=end).step_by(step) {
            root.draw(&PathElement::new(
                vec![(x(tick), 8), (x(tick), bottom)],
                GRID,
            ))?;
            let style = anchored(font(SMALL).color(&MUTED), HPos::Center, VPos::Top);
            root.draw(&Text::new(
                format!("{tick}{unit}"),
                (x(tick), bottom + 6),
                style,
            ))?;
        }
        for (i, ((_, count), lines)) in rows.iter().zip(&labels).enumerate() {
            let top = 10 + i as i32 * row;
            let middle = top + row / 2;
            let first = middle - (lines.len() as i32 - 1) * 9;
            for (n, line) in lines.iter().enumerate() {
                let style = anchored(font(LABEL), HPos::Right, VPos::Center);
                root.draw(&Text::new(
                    line.clone(),
                    (x0 - 8, first + n as i32 * 18),
                    style,
                ))?;
            }
            let reach = reach(count);
            if reach > 0 {
                root.draw(&Rectangle::new(
                    [(x0, middle - 9), (x(reach), middle + 9)],
                    BAR.filled(),
                ))?;
            } else if count.hidden {
                root.draw(&Rectangle::new(
                    [(x0, middle - 9), (x0 + 3, middle + 9)],
                    MUTED.filled(),
                ))?;
            }
            let style = anchored(figure_style(count), HPos::Left, VPos::Center);
            root.draw(&Text::new(
                count.shown.clone(),
                (x(reach) + 8, middle),
                style,
            ))?;
        }
        Ok(())
    })
}

/// Vertical columns for a few short labels (the four Cs, year groups).
fn columns(rows: &[Labelled], rule: Suppression) -> String {
    const HEIGHT: u32 = 260;
    if let Some(words) = no_bars(rows.iter().map(|row| &row.count)) {
        return svg(NOTE_HEIGHT, |root| empty_note(root, words, NOTE_HEIGHT));
    }
    svg(HEIGHT, |root| {
        let max = rows.iter().map(|r| r.count.value).max().unwrap_or(0);
        let (end, step) = axis_end(max, rule);
        let (left, right, top, bottom) = (50, WIDTH as i32 - 20, 24, HEIGHT as i32 - 40);
        let y = |v: usize| bottom - ((bottom - top) as f64 * v as f64 / end as f64).round() as i32;
        for tick in (0..=end).step_by(step) {
            root.draw(&PathElement::new(
                vec![(left, y(tick)), (right, y(tick))],
                GRID,
            ))?;
            let style = anchored(font(SMALL).color(&MUTED), HPos::Right, VPos::Center);
            root.draw(&Text::new(tick.to_string(), (left - 6, y(tick)), style))?;
        }
        let slot = (right - left) / rows.len() as i32;
        let width = (slot * 3 / 5).min(90);
        for (i, row) in rows.iter().enumerate() {
            let centre = left + slot * i as i32 + slot / 2;
            let reach = reach(&row.count);
            if reach > 0 {
                root.draw(&Rectangle::new(
                    [(centre - width / 2, y(reach)), (centre + width / 2, bottom)],
                    BAR.filled(),
                ))?;
            } else if row.count.hidden {
                root.draw(&Rectangle::new(
                    [
                        (centre - width / 2, bottom - 3),
                        (centre + width / 2, bottom),
                    ],
                    MUTED.filled(),
                ))?;
            }
            let style = anchored(figure_style(&row.count), HPos::Center, VPos::Bottom);
            root.draw(&Text::new(
                row.count.shown.clone(),
                (centre, y(reach) - 6),
                style,
            ))?;
            let style = anchored(font(LABEL), HPos::Center, VPos::Top);
            root.draw(&Text::new(fitted(&row.label), (centre, bottom + 8), style))?;
        }
        Ok(())
    })
}

/// Incidents by theme, in the themes' order.
pub fn by_theme(rows: &[(String, Count)], rule: Suppression) -> String {
    let max = rows.iter().map(|(_, c)| c.value).max().unwrap_or(0);
    horizontal(rows, max, "", rule)
}

/// Incidents by KCSIE's four areas of risk.
pub fn by_risk(rows: &[Labelled], rule: Suppression) -> String {
    columns(rows, rule)
}

/// Incidents by the year groups of the pupils involved.
pub fn by_year_group(rows: &[Labelled], rule: Suppression) -> String {
    columns(rows, rule)
}

/// A percentage per group or register (training compliance, signatures); a hidden group
/// draws no bar and says why.
pub fn percentages(rows: &[Compliance]) -> String {
    let rows: Vec<(String, Count)> = rows
        .iter()
        .map(|c| (c.label.clone(), c.percent.clone()))
        .collect();
    horizontal(&rows, 100, "%", Suppression::OFF)
}

/// Incidents per half-term, oldest first, as a line. The band below the threshold is shaded
/// and explained under the axis, so no words sit where a point's figure might.
pub fn trend(points: &[Labelled], rule: Suppression) -> String {
    const HEIGHT: u32 = 290;
    svg(HEIGHT, |root| {
        let max = points.iter().map(|p| p.count.value).max().unwrap_or(0);
        let (end, step) = axis_end(max, rule);
        let (left, right, top, bottom) = (50, WIDTH as i32 - 30, 28, HEIGHT as i32 - 70);
        let y = |v: f64| bottom - ((bottom - top) as f64 * v / end as f64).round() as i32;
        if rule.below > 1 {
            root.draw(&Rectangle::new(
                [(left, y(rule.below as f64)), (right, bottom)],
                BAND.mix(0.6).filled(),
            ))?;
            let style = anchored(font(SMALL).color(&MUTED), HPos::Center, VPos::Top);
            root.draw(&Text::new(
                format!(
                    "Shaded: {}. A hollow point is a count hidden to protect identities.",
                    rule.phrase()
                ),
                ((left + right) / 2, bottom + 34),
                style,
            ))?;
        }
        for tick in (0..=end).step_by(step) {
            root.draw(&PathElement::new(
                vec![(left, y(tick as f64)), (right, y(tick as f64))],
                GRID,
            ))?;
            let style = anchored(font(SMALL).color(&MUTED), HPos::Right, VPos::Center);
            root.draw(&Text::new(
                tick.to_string(),
                (left - 6, y(tick as f64)),
                style,
            ))?;
        }
        let slot = (right - left) / points.len().max(1) as i32;
        let centre = |i: usize| left + slot * i as i32 + slot / 2;
        let place = |i: usize, p: &Labelled| {
            let v = if p.count.hidden {
                rule.below as f64 / 2.0
            } else {
                p.count.value as f64
            };
            (centre(i), y(v))
        };
        let shown: Vec<(i32, i32)> = points
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.count.hidden)
            .map(|(i, p)| place(i, p))
            .collect();
        root.draw(&PathElement::new(shown, BAR.stroke_width(3)))?;
        for (i, point) in points.iter().enumerate() {
            let at = place(i, point);
            let marker = if point.count.hidden {
                Circle::new(at, 5, BAR.stroke_width(2))
            } else {
                Circle::new(at, 5, BAR.filled())
            };
            root.draw(&marker)?;
            if !point.count.hidden {
                let style = anchored(font(SMALL).color(&INK), HPos::Center, VPos::Bottom);
                root.draw(&Text::new(
                    point.count.shown.clone(),
                    (at.0, at.1 - 9),
                    style,
                ))?;
            }
            let style = anchored(font(LABEL), HPos::Center, VPos::Top);
            root.draw(&Text::new(point.label.clone(), (at.0, bottom + 8), style))?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dark_chart_keeps_its_shapes_and_swaps_every_colour() {
        let rule = Suppression { below: 3 };
        let light = by_theme(&[("Gaming".to_owned(), rule.count(5))], rule);
        let dark = darkened(&light);
        assert_eq!(
            light.matches("<rect").count(),
            dark.matches("<rect").count()
        );
        for (from, to) in DARK_SWAPS {
            assert!(
                !dark.contains(&format!("\"{}\"", hex(from))),
                "{}",
                hex(from)
            );
            let used = light.contains(&format!("\"{}\"", hex(from)));
            assert_eq!(used, dark.contains(&format!("\"{}\"", hex(to))));
        }
        assert!(light.contains("\"#FFFFFF\"") && dark.contains("Gaming"));
    }

    #[test]
    fn axes_end_on_round_numbers() {
        assert_eq!(step_for(4), 1);
        assert_eq!(step_for(9), 5);
        assert_eq!(step_for(37), 10);
        assert_eq!(axis_end(37, Suppression::OFF), (40, 10));
        assert_eq!(axis_end(0, Suppression { below: 3 }), (3, 1));
    }

    #[test]
    fn hidden_counts_draw_no_bar_and_the_same_figures_draw_the_same_bytes() {
        let rule = Suppression { below: 3 };
        let rows = vec![
            ("Cyberbullying".to_owned(), rule.count(70)),
            ("Sharing nudes".to_owned(), rule.count(2)),
        ];
        let first = by_theme(&rows, rule);
        assert_eq!(first, by_theme(&rows, rule));
        let texts: Vec<&str> = first
            .split("<text")
            .skip(1)
            .filter_map(|t| {
                t.split_once('>')
                    .and_then(|(_, rest)| rest.split_once("</text>"))
            })
            .map(|(inner, _)| inner.trim())
            .collect();
        assert!(texts.contains(&"fewer than 3"));
        assert!(texts.contains(&"70") && texts.contains(&"Cyberbullying"));
        assert!(
            !texts.contains(&"2"),
            "a hidden count must not appear: {texts:?}"
        );
    }

    #[test]
    fn a_chart_whose_every_count_is_hidden_says_so_instead_of_drawing_bands() {
        let rule = Suppression { below: 3 };
        let hidden = vec![
            ("Cyberbullying".to_owned(), rule.count(2)),
            ("Sharing nudes".to_owned(), rule.count(1)),
        ];
        let svg = by_theme(&hidden, rule);
        assert!(svg.contains(ALL_HIDDEN), "{svg}");
        assert!(!svg.contains("Cyberbullying") && !svg.contains("fewer than 3"));
        let years = [
            Labelled::new("Year 5", 2, rule),
            Labelled::new("Year 6", 0, rule),
        ];
        assert!(!by_year_group(&years, rule).contains(ALL_HIDDEN));
        let years = [Labelled::new("Year 5", 2, rule)];
        assert!(by_year_group(&years, rule).contains(ALL_HIDDEN));
        // One count shown is enough for a chart.
        let mixed = vec![hidden[0].clone(), ("Gaming".to_owned(), rule.count(3))];
        let svg = by_theme(&mixed, rule);
        assert!(!svg.contains(ALL_HIDDEN) && svg.contains("Gaming"));
        assert!(by_theme(&[], rule).contains(NOTHING));
    }
}
