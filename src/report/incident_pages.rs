//! One incident's record laid out for the evidence file: every page marked confidential.

use crate::report::ReportError;
use crate::report::incident_record::{IncidentRecord, Line, Rows};
use crate::report::pdf::{
    self, AUTO, Block, Column, Composer, FILL, MUTED, NAVY, Span, Style, Table, WARN, Width, cell,
    label, span,
};

const TOP_MARGIN: f32 = 73.7;

fn share(part: f32) -> Column {
    Column {
        width: Width::Share(part),
        ..FILL
    }
}

fn lines(items: &[Line]) -> Block {
    let rows = items
        .iter()
        .map(|l| vec![label(&l.label), cell(&l.value)])
        .collect();
    Block::Table(Table::plain(vec![AUTO, FILL], rows, 6.0))
}

fn rows_table(
    page: &mut Composer,
    columns: Vec<Column>,
    header: &[&str],
    rows: &Rows,
    empty: &str,
) {
    let cells = rows
        .iter()
        .map(|row| row.iter().map(cell).collect::<Vec<Vec<Span>>>())
        .collect();
    page.table_or(columns, header, cells, empty);
}

/// The record laid out as a PDF document.
pub fn document(record: &IncidentRecord) -> Result<pdf::Document, ReportError> {
    let mut page = Composer::new(false);
    page.push(Block::Text(vec![span(
        format!("Incident {}", record.reference),
        Style::BODY.bold().colour(NAVY).size(20.0),
    )]));
    page.gap(10.0);
    page.push(lines(&record.details));

    page.subheading("People involved");
    rows_table(
        &mut page,
        vec![FILL, AUTO, AUTO],
        &["Name", "As", "Part"],
        &record.people,
        "No one is named on this incident.",
    );

    page.subheading("What happened");
    page.text(&record.description);
    if !record.urls.is_empty() {
        page.subheading("Web addresses");
        for url in &record.urls {
            page.push(Block::Text(vec![span(format!("•  {url}"), Style::BODY)]));
        }
        page.gap(6.0);
    }

    page.subheading("Actions");
    rows_table(
        &mut page,
        vec![share(1.3), share(1.0), AUTO, AUTO, share(1.0)],
        &["Action", "How it came", "Done", "By", "Note"],
        &record.actions,
        "No actions recorded.",
    );
    page.subheading("Referrals");
    rows_table(
        &mut page,
        vec![AUTO, AUTO, AUTO, FILL],
        &["Agency", "When", "Their reference", "Outcome"],
        &record.referrals,
        "No referrals recorded.",
    );
    page.subheading("Decisions");
    rows_table(
        &mut page,
        vec![AUTO, AUTO, FILL, FILL],
        &["When", "By", "Decision", "Reason"],
        &record.decisions,
        "No decisions recorded.",
    );
    page.subheading("Investigation");
    if record.investigation.is_empty() {
        page.nothing("No investigation was recorded.");
    } else {
        page.push(lines(&record.investigation));
        page.gap(6.0);
        rows_table(
            &mut page,
            vec![AUTO, FILL, FILL],
            &["Visited", "Address", "What it showed"],
            &record.sites,
            "No sites were visited.",
        );
    }
    evidence(&mut page, record);
    page.subheading("Amendments");
    rows_table(
        &mut page,
        vec![AUTO, AUTO, FILL, share(1.3)],
        &["When", "By", "What changed", "Why"],
        &record.amendments,
        "The record has not been amended.",
    );
    page.subheading("Chronology");
    rows_table(
        &mut page,
        vec![AUTO, FILL, AUTO],
        &["When", "What", "By"],
        &record.timeline,
        "Nothing recorded.",
    );

    let small = Style::BODY.size(8.0).colour(MUTED);
    Ok(pdf::Document {
        blocks: page.finish(),
        header: Some(pdf::Header {
            left: vec![span(
                "CONFIDENTIAL: names the people involved",
                Style::BODY.size(8.5).bold().colour(WARN),
            )],
            right: vec![span(
                format!("{} · {}", record.school, record.reference),
                Style::BODY.size(8.5).colour(MUTED),
            )],
            rule: WARN,
            from_page: 1,
        }),
        footer: vec![span(
            format!(
                "CONFIDENTIAL. Printed {} by {}. Keep in the E-Safety Group's evidence file.",
                record.printed_at.format("%-d %B %Y, %H:%M"),
                record.printed_by
            ),
            small,
        )],
        top_margin: TOP_MARGIN,
    })
}

/// Evidence files, the checksum small enough to read on one or two lines.
fn evidence(page: &mut Composer, record: &IncidentRecord) {
    page.subheading("Evidence files");
    if record.evidence.is_empty() {
        page.nothing("No evidence files are kept with this incident.");
        return;
    }
    let rows = record
        .evidence
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(index, value)| {
                    if index == 3 {
                        vec![span(value, Style::BODY.size(6.5))]
                    } else {
                        cell(value)
                    }
                })
                .collect()
        })
        .collect();
    page.table(
        vec![AUTO, FILL, AUTO, share(1.2), FILL],
        &["Added", "File", "Size", "SHA-256", "Shows"],
        rows,
    );
}
