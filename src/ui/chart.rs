//! A chart of the governor report as the app shows it: the report's own SVG, or, when the
//! chart has no bars to draw, the line the PDF prints in its place.

use iced::widget::{column, svg, text};
use iced::{Element, Fill};

use crate::report::charts;
use crate::report::governor::Chart;
use crate::ui::style;

/// A chart ready for the screen: its title and its picture, the SVG parsed once.
#[derive(Debug, Clone)]
pub struct ChartView {
    title: String,
    picture: Picture,
}

#[derive(Debug, Clone)]
enum Picture {
    /// The chart for a light screen and for a dark one.
    Drawn {
        light: svg::Handle,
        dark: svg::Handle,
    },
    Note(&'static str),
}

impl ChartView {
    /// Prepares `chart` for the screen.
    pub fn new(chart: &Chart) -> Self {
        let picture = match chart.note {
            Some(note) => Picture::Note(note),
            None => Picture::Drawn {
                light: svg::Handle::from_memory(chart.svg.clone().into_bytes()),
                dark: svg::Handle::from_memory(charts::darkened(&chart.svg).into_bytes()),
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
            } => {
                let handle = if dark { shaded } else { light };
                svg(handle.clone()).width(Fill).into()
            }
            Picture::Note(note) => text(format!("{note}.")).style(style::muted).into(),
        };
        column![title, picture].spacing(6).width(Fill).into()
    }
}
