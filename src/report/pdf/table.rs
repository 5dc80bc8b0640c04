//! Tables: columns sized to their content or sharing what is left, cells that wrap, a ruled
//! header repeated on every page the table runs onto, and plain label–value lists.

use std::sync::Arc;

use crate::report::pdf::flow::{Align, Fragment, Op, Parts, Piece, lines_fragment};
use crate::report::pdf::structure::Kind;
use crate::report::pdf::text::{self, NAVY, RULE, STRIPE, Span, Style, span};

/// How wide a column is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Width {
    /// As wide as its widest cell, if there is room.
    Auto,
    /// A share of what the other columns leave.
    Share(f32),
}

/// A column: its width and how its cells align.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Its width.
    pub width: Width,
    /// Its cells' alignment.
    pub align: Align,
}

/// A left-aligned column taking a share of the room left.
pub const FILL: Column = Column {
    width: Width::Share(1.0),
    align: Align::Left,
};
/// A left-aligned column as wide as its content.
pub const AUTO: Column = Column {
    width: Width::Auto,
    align: Align::Left,
};
/// A right-aligned column as wide as its content: figures.
pub const FIGURE: Column = Column {
    width: Width::Auto,
    align: Align::Right,
};

/// A ruled table with a header, or a plain list of rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The header's cells; none for a plain table.
    pub header: Option<Vec<Vec<Span>>>,
    /// The rows' cells.
    pub rows: Vec<Vec<Vec<Span>>>,
    /// Ruled (lines under rows, striped) or plain.
    pub ruled: bool,
    /// Space between a cell's edge and its text: across, down.
    pub inset: (f32, f32),
}

const RULED_INSET: (f32, f32) = (5.0, 4.0);

impl Table {
    /// A ruled table of plain text in body style; the header bold and navy.
    pub fn ruled(columns: Vec<Column>, header: &[&str], rows: Vec<Vec<Vec<Span>>>) -> Table {
        let heading = Style::BODY.bold().colour(NAVY);
        Table {
            columns,
            header: Some(header.iter().map(|h| vec![span(*h, heading)]).collect()),
            rows,
            ruled: true,
            inset: RULED_INSET,
        }
    }

    /// Rows without rules or a header, the columns a little apart.
    pub fn plain(columns: Vec<Column>, rows: Vec<Vec<Vec<Span>>>, row_gap: f32) -> Table {
        Table {
            columns,
            header: None,
            rows,
            ruled: false,
            inset: (12.0, row_gap / 2.0),
        }
    }

    /// The header (kept with the first row) and each row, as pieces for the pager.
    pub fn pieces(&self, width: f32, parts: &mut Parts<'_>) -> Vec<Piece> {
        let widths = self.widths(width);
        let table = parts.add(Kind::Table);
        let mut parts = parts.under(table);
        let header = self
            .header
            .as_ref()
            .map(|cells| self.row(cells, &widths, RowKind::Header, &mut parts));
        let repeated = header.as_ref().map(|fragment| {
            Arc::new(Fragment {
                height: fragment.height,
                ops: fragment.ops.iter().cloned().map(Op::untagged).collect(),
            })
        });
        let mut pieces = Vec::new();
        if let Some(header) = header {
            pieces.push(Piece {
                fragment: header,
                keep_with_next: true,
                ..Piece::default()
            });
        }
        for (index, cells) in self.rows.iter().enumerate() {
            let kind = if self.ruled && index % 2 == 1 {
                RowKind::Striped
            } else {
                RowKind::Body
            };
            pieces.push(Piece {
                fragment: self.row(cells, &widths, kind, &mut parts),
                header: repeated.clone(),
                ..Piece::default()
            });
        }
        pieces
    }

    /// The space around a cell's text across: both sides in a ruled table; in a plain one,
    /// a gap before every column but the first, so the text lines up with the page's edges.
    fn cell_room(&self, column: usize) -> f32 {
        match (self.ruled, column) {
            (true, _) => 2.0 * self.inset.0,
            (false, 0) => 0.0,
            (false, _) => self.inset.0,
        }
    }

    fn text_start(&self, column: usize) -> f32 {
        match (self.ruled, column) {
            (false, 0) => 0.0,
            _ => self.inset.0,
        }
    }

    /// The widest a column's cells want to be, or (`words_only`) the least that cuts no word.
    fn wanted(&self, column: usize, words_only: bool) -> f32 {
        let measure = |cell: &Vec<Span>| {
            if words_only {
                text::longest_word(cell)
            } else {
                text::natural_width(cell)
            }
        };
        self.header
            .iter()
            .chain(self.rows.iter())
            .filter_map(|row| row.get(column))
            .map(measure)
            .fold(0.0, f32::max)
            + self.cell_room(column)
    }

    /// Each column's width: auto columns as wide as their widest cell while they leave the
    /// shared columns a quarter of the table; past that they narrow towards their longest
    /// word, each in proportion, and the shared columns take what is left.
    fn widths(&self, total: f32) -> Vec<f32> {
        let autos: Vec<usize> = (0..self.columns.len())
            .filter(|c| self.columns[*c].width == Width::Auto)
            .collect();
        let natural: Vec<f32> = autos.iter().map(|c| self.wanted(*c, false)).collect();
        let least: Vec<f32> = autos.iter().map(|c| self.wanted(*c, true)).collect();
        let shares: f32 = self
            .columns
            .iter()
            .map(|c| match c.width {
                Width::Share(s) => s,
                Width::Auto => 0.0,
            })
            .sum();
        let room = if shares > 0.0 { total * 0.75 } else { total };
        let (natural_sum, least_sum): (f32, f32) = (natural.iter().sum(), least.iter().sum());
        let give = if natural_sum <= room {
            1.0
        } else {
            ((room - least_sum) / (natural_sum - least_sum)).clamp(0.0, 1.0)
        };
        let mut widths: Vec<f32> = vec![0.0; self.columns.len()];
        for (i, column) in autos.iter().enumerate() {
            widths[*column] = least[i] + (natural[i] - least[i]) * give;
        }
        let left = (total - widths.iter().sum::<f32>()).max(0.0);
        for (index, column) in self.columns.iter().enumerate() {
            if let Width::Share(s) = column.width {
                widths[index] = left * s / shares;
            }
        }
        widths
    }

    fn row(
        &self,
        cells: &[Vec<Span>],
        widths: &[f32],
        kind: RowKind,
        parts: &mut Parts<'_>,
    ) -> Fragment {
        let down = self.inset.1;
        let row = parts.add(Kind::Row);
        let mut parts = parts.under(row);
        let cell_kind = if kind == RowKind::Header {
            Kind::HeaderCell
        } else {
            Kind::Cell
        };
        let mut contents = Vec::new();
        let mut height: f32 = 0.0;
        let mut x = 0.0;
        for (index, column) in self.columns.iter().enumerate() {
            let room = (widths[index] - self.cell_room(index)).max(1.0);
            let cell = cells.get(index).map_or(&[][..], Vec::as_slice);
            let node = parts.add(cell_kind.clone());
            let laid = lines_fragment(&text::wrap(cell, room), room, column.align, node);
            height = height.max(laid.height);
            contents.push((laid.ops, x + self.text_start(index)));
            x += widths[index];
        }
        let height = height + 2.0 * down;
        let width: f32 = widths.iter().sum();
        let mut fragment = Fragment {
            height,
            ops: kind.decoration(width, height, self.ruled),
        };
        for (ops, dx) in contents {
            fragment.place(ops, dx, down);
        }
        fragment
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Header,
    Body,
    Striped,
}

impl RowKind {
    fn decoration(self, width: f32, height: f32, ruled: bool) -> Vec<Op> {
        if !ruled {
            return Vec::new();
        }
        let mut ops = Vec::new();
        if self == RowKind::Striped {
            ops.push(Op::Rect {
                x: 0.0,
                y: 0.0,
                w: width,
                h: height,
                radius: 0.0,
                fill: Some(STRIPE),
                stroke: None,
            });
        }
        let (colour, thickness) = if self == RowKind::Header {
            (NAVY, 0.8)
        } else {
            (RULE, 0.4)
        };
        ops.push(Op::Line {
            from: (0.0, height),
            to: (width, height),
            colour,
            width: thickness,
        });
        ops
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::pdf::structure::Structure;

    fn cell(text: &str) -> Vec<Span> {
        vec![span(text, Style::BODY)]
    }

    #[test]
    fn figure_columns_fit_their_figures_and_the_label_takes_the_rest() {
        let table = Table::ruled(
            vec![FILL, FIGURE],
            &["Category", "Incidents"],
            vec![vec![cell("Cyber-bullying"), cell("fewer than 3")]],
        );
        let widths = table.widths(480.0);
        assert!((widths.iter().sum::<f32>() - 480.0).abs() < 0.01);
        assert!(widths[1] >= text::width("fewer than 3", Style::BODY));
        assert!(widths[1] < 100.0);
    }

    #[test]
    fn crowded_figure_columns_narrow_but_never_cut_a_word() {
        let shown = [
            "fewer than 3",
            "group of fewer than 3",
            "fewer than 3",
            "fewer than 3",
        ];
        let mut row = vec![cell("Designated Safeguarding Lead and deputies")];
        row.extend(shown.iter().map(|s| cell(s)));
        let table = Table::ruled(
            vec![FILL, FIGURE, FIGURE, FIGURE, FIGURE],
            &[
                "Staff group",
                "People",
                "Up to date",
                "Share",
                "Outstanding",
            ],
            vec![row],
        );
        let widths = table.widths(300.0);
        assert!((widths.iter().sum::<f32>() - 300.0).abs() < 0.01);
        let heading = Style::BODY.bold();
        assert!(widths[4] >= text::width("Outstanding", heading) + 10.0);
        assert!(widths[2] >= text::width("group", Style::BODY) + 10.0);
        assert!(widths[0] > 40.0);
    }

    #[test]
    fn every_row_is_a_piece_carrying_the_header_to_repeat() {
        let rows = (0..30)
            .map(|n| vec![cell(&format!("row {n}")), cell("1")])
            .collect();
        let table = Table::ruled(vec![FILL, FIGURE], &["What", "Number"], rows);
        let mut structure = Structure::default();
        let pieces = table.pieces(400.0, &mut Parts::top(&mut structure));
        assert_eq!(structure.nodes()[0].kind, Kind::Table);
        let rows = structure
            .nodes()
            .iter()
            .filter(|n| n.kind == Kind::Row)
            .count();
        assert_eq!(rows, 31);
        assert_eq!(pieces.len(), 31);
        assert!(pieces[0].keep_with_next && pieces[0].header.is_none());
        assert!(pieces[1..].iter().all(|p| p.header.is_some()));
    }

    #[test]
    fn wide_cells_wrap_and_make_the_row_taller() {
        let long = "A change to the filtering asked for by the head of computing, to let the \
                    Year 10 class reach a video site for a project on online reputation.";
        let table = Table::ruled(
            vec![AUTO, FILL, AUTO],
            &["Asked for", "Change", "Where it stands"],
            vec![
                vec![cell("3 March 2026"), cell("Short"), cell("Approved")],
                vec![cell("3 March 2026"), cell(long), cell("Approved")],
            ],
        );
        let mut structure = Structure::default();
        let pieces = table.pieces(300.0, &mut Parts::top(&mut structure));
        assert!(pieces[2].fragment.height > 2.0 * pieces[1].fragment.height);
    }
}
