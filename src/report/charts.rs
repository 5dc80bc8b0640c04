//! The report's charts, drawn with plotters as SVG: the PDF embeds them as vectors (text stays
//! sharp and selectable) and the app previews the very same SVG. Bars are drawn as rectangles
//! in a fixed order, so the same figures always give the same bytes. A hidden count draws no
//! bar: a pale band up to the threshold says "somewhere below here", labelled as the tables are.

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
const LONGEST_LABEL: usize = 58;

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

/// A label cut to fit the chart's label column.
fn fitted(label: &str) -> String {
    if label.chars().count() <= LONGEST_LABEL {
        label.to_owned()
    } else {
        let cut: String = label.chars().take(LONGEST_LABEL - 1).collect();
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

/// How far a count's bar reaches, and its colour: a small count hidden reaches the threshold
/// as a pale band ("somewhere below here"); a count hidden to protect one draws nothing.
fn bar(count: &Count, rule: Suppression) -> (usize, RGBColor) {
    match (count.hidden, rule.hides(count.value)) {
        (false, _) => (count.value, BAR),
        (true, true) => (rule.below as usize, BAND),
        (true, false) => (0, BAND),
    }
}

/// Horizontal bars, one per row, labelled on the left; `unit` follows the axis's numbers ("%");
/// each bar is labelled with its count as the tables show it.
fn horizontal(rows: &[(String, Count)], scale_max: usize, unit: &str, rule: Suppression) -> String {
    const ROW: i32 = 28;
    if let Some(words) = no_bars(rows.iter().map(|(_, count)| count)) {
        return svg(NOTE_HEIGHT, |root| empty_note(root, words, NOTE_HEIGHT));
    }
    let height = (rows.len() as i32 * ROW + 48) as u32;
    svg(height, |root| {
        let labels: Vec<String> = rows.iter().map(|(label, _)| fitted(label)).collect();
        let label_width = labels
            .iter()
            .filter_map(|l| root.estimate_text_size(l, &font(13.0)).ok())
            .map(|(w, _)| w as i32)
            .max()
            .unwrap_or(0)
            .min(WIDTH as i32 / 2);
        let (x0, x1) = (label_width + 20, WIDTH as i32 - 110);
        let (end, step) = axis_end(scale_max, rule);
        let x = |v: usize| x0 + ((x1 - x0) as f64 * v as f64 / end as f64).round() as i32;
        let bottom = rows.len() as i32 * ROW + 10;
        for tick in (0..=end).step_by(step) {
            root.draw(&PathElement::new(
                vec![(x(tick), 8), (x(tick), bottom)],
                GRID,
            ))?;
            let style = anchored(font(11.0).color(&MUTED), HPos::Center, VPos::Top);
            root.draw(&Text::new(
                format!("{tick}{unit}"),
                (x(tick), bottom + 6),
                style,
            ))?;
        }
        for (i, ((_, count), label)) in rows.iter().zip(&labels).enumerate() {
            let top = 10 + i as i32 * ROW;
            let middle = top + ROW / 2;
            let style = anchored(font(13.0), HPos::Right, VPos::Center);
            root.draw(&Text::new(label.clone(), (x0 - 8, middle), style))?;
            let (reach, colour) = bar(count, rule);
            if reach > 0 {
                root.draw(&Rectangle::new(
                    [(x0, top + 5), (x(reach), top + ROW - 5)],
                    colour.filled(),
                ))?;
            }
            let shown = count.shown.clone();
            let style = anchored(font(12.0).color(&MUTED), HPos::Left, VPos::Center);
            root.draw(&Text::new(shown, (x(reach) + 6, middle), style))?;
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
            let style = anchored(font(11.0).color(&MUTED), HPos::Right, VPos::Center);
            root.draw(&Text::new(tick.to_string(), (left - 6, y(tick)), style))?;
        }
        let slot = (right - left) / rows.len() as i32;
        let width = (slot * 3 / 5).min(90);
        for (i, row) in rows.iter().enumerate() {
            let centre = left + slot * i as i32 + slot / 2;
            let (reach, colour) = bar(&row.count, rule);
            if reach > 0 {
                root.draw(&Rectangle::new(
                    [(centre - width / 2, y(reach)), (centre + width / 2, bottom)],
                    colour.filled(),
                ))?;
            }
            let style = anchored(font(12.0).color(&MUTED), HPos::Center, VPos::Bottom);
            root.draw(&Text::new(
                row.count.shown.clone(),
                (centre, y(reach) - 4),
                style,
            ))?;
            let style = anchored(font(13.0), HPos::Center, VPos::Top);
            root.draw(&Text::new(fitted(&row.label), (centre, bottom + 8), style))?;
        }
        Ok(())
    })
}

/// Incidents by category, most frequent first.
pub fn by_category(rows: &[(String, Count)], rule: Suppression) -> String {
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

/// Incidents per half-term, oldest first, as a line.
pub fn trend(points: &[Labelled], rule: Suppression) -> String {
    const HEIGHT: u32 = 260;
    svg(HEIGHT, |root| {
        let max = points.iter().map(|p| p.count.value).max().unwrap_or(0);
        let (end, step) = axis_end(max, rule);
        let (left, right, top, bottom) = (50, WIDTH as i32 - 30, 24, HEIGHT as i32 - 40);
        let y = |v: f64| bottom - ((bottom - top) as f64 * v / end as f64).round() as i32;
        if rule.below > 1 {
            root.draw(&Rectangle::new(
                [(left, y(rule.below as f64)), (right, bottom)],
                BAND.mix(0.6).filled(),
            ))?;
            let style = anchored(font(11.0).color(&MUTED), HPos::Right, VPos::Top);
            root.draw(&Text::new(
                rule.phrase(),
                (right - 4, y(rule.below as f64) + 3),
                style,
            ))?;
        }
        for tick in (0..=end).step_by(step) {
            root.draw(&PathElement::new(
                vec![(left, y(tick as f64)), (right, y(tick as f64))],
                GRID,
            ))?;
            let style = anchored(font(11.0).color(&MUTED), HPos::Right, VPos::Center);
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
                let style = anchored(font(12.0).color(&MUTED), HPos::Center, VPos::Bottom);
                root.draw(&Text::new(
                    point.count.shown.clone(),
                    (at.0, at.1 - 8),
                    style,
                ))?;
            }
            let style = anchored(font(13.0), HPos::Center, VPos::Top);
            root.draw(&Text::new(point.label.clone(), (at.0, bottom + 8), style))?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let first = by_category(&rows, rule);
        assert_eq!(first, by_category(&rows, rule));
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
        let svg = by_category(&hidden, rule);
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
        let svg = by_category(&mixed, rule);
        assert!(!svg.contains(ALL_HIDDEN) && svg.contains("Gaming"));
        assert!(by_category(&[], rule).contains(NOTHING));
    }
}
