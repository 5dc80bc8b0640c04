//! A chart of the governor report as the app shows it: the report's own SVG drawn into pixels
//! with the bundled fonts, as the PDF draws it, or, when the chart has no bars to draw, the line
//! the PDF prints in its place.
//!
//! The charts are drawn here, off the UI thread, rather than by iced's SVG widget: that widget
//! reads every font on the PC the first time it draws an SVG, which held up the dashboard for
//! about a second after each unlock.

use iced::widget::{column, container, image, text};
use iced::{Element, Fill};

use crate::report::charts;
use crate::report::governor::Chart;
use crate::ui::style;

/// A chart ready for the screen: its title and its picture, drawn once.
#[derive(Debug, Clone)]
pub struct ChartView {
    title: String,
    picture: Picture,
}

#[derive(Debug, Clone)]
enum Picture {
    /// The chart for a light screen and for a dark one, and its width on screen.
    Drawn {
        light: image::Handle,
        dark: image::Handle,
        width: f32,
    },
    Note(&'static str),
    /// The chart could not be drawn: why.
    Failed(String),
}

/// How many pixels a chart is drawn with for each of its SVG's: enough to stay sharp on a
/// screen scaled to 150%.
const PIXELS_PER_POINT: f32 = 1.5;

/// `svg` drawn into pixels, and its width in the SVG's units.
fn draw(svg: &str) -> Result<(image::Handle, f32), String> {
    let tree = crate::report::pdf::parse_chart(svg).map_err(|error| error.to_string())?;
    let size = tree.size();
    let width = (size.width() * PIXELS_PER_POINT).ceil() as u32;
    let height = (size.height() * PIXELS_PER_POINT).ceil() as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("a chart of {width} by {height} pixels cannot be drawn"))?;
    let scale = resvg::tiny_skia::Transform::from_scale(PIXELS_PER_POINT, PIXELS_PER_POINT);
    resvg::render(&tree, scale, &mut pixmap.as_mut());
    let pixels = pixmap
        .pixels()
        .iter()
        .flat_map(|pixel| {
            let colour = pixel.demultiply();
            [colour.red(), colour.green(), colour.blue(), colour.alpha()]
        })
        .collect::<Vec<u8>>();
    Ok((
        image::Handle::from_rgba(width, height, pixels),
        size.width(),
    ))
}

impl ChartView {
    /// Prepares `chart` for the screen, drawing it for a light and a dark screen (tens of
    /// milliseconds: call it off the UI thread).
    pub fn new(chart: &Chart) -> Self {
        let picture = match chart.note {
            Some(note) => Picture::Note(note),
            None => match (draw(&chart.svg), draw(&charts::darkened(&chart.svg))) {
                (Ok((light, width)), Ok((dark, _))) => Picture::Drawn { light, dark, width },
                (Err(error), _) | (_, Err(error)) => Picture::Failed(error),
            },
        };
        ChartView {
            title: chart.title.clone(),
            picture,
        }
    }

    /// The title (`title_size`, muted or not) over the picture, in the colours of a dark
    /// screen where `dark`.
    pub fn view<'a, M: 'a>(
        &'a self,
        title_size: f32,
        muted_title: bool,
        dark: bool,
    ) -> Element<'a, M> {
        let mut title = text(&self.title).size(title_size);
        if muted_title {
            title = title.style(style::muted);
        }
        let picture: Element<'a, M> = match &self.picture {
            Picture::Drawn {
                light,
                dark: shaded,
                width,
            } => {
                let handle = if dark { shaded } else { light };
                container(image(handle.clone()).width(Fill))
                    .max_width(*width)
                    .into()
            }
            Picture::Note(note) => text(format!("{note}.")).style(style::muted).into(),
            Picture::Failed(error) => text(format!("The chart could not be drawn: {error}."))
                .style(style::muted)
                .into(),
        };
        column![title, picture].spacing(6).width(Fill).into()
    }
}
