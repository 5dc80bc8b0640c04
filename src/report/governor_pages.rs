//! The governor report's pages: the cover with its summary, then incidents (counted, never
//! listed), training and signatures, and the schedule and filtering, in the house style; and
//! the confidential annex, which lists the incidents, for the safeguarding governor alone.

use crate::report::ReportError;
use crate::report::counts::Labelled;
use crate::report::governor::GovernorReport;
use crate::report::incidents::{IllegalPath, Summary};
use crate::report::pdf::{
    self, AUTO, Block, Composer, FIGURE, FILL, MUTED, NAVY, RULE, STRIPE, Span, Style, Table, WARN,
    cell, label, span,
};
use crate::report::registers::Compliance;

const TOP_MARGIN: f32 = 65.2;

/// The report laid out as a PDF document.
pub fn document(report: &GovernorReport) -> Result<pdf::Document, ReportError> {
    let mut page = Composer::new(true);
    cover(&mut page, report);
    incidents(&mut page, report)?;
    registers(&mut page, report)?;
    schedule(&mut page, report);
    let small = Style::BODY.size(8.0).colour(MUTED);
    Ok(pdf::Document {
        blocks: page.finish(),
        header: Some(pdf::Header {
            left: vec![span(&report.school, small)],
            right: vec![span(
                format!("Online safety report: {}", report.period_title),
                small,
            )],
            rule: RULE,
            from_page: 2,
        }),
        footer: vec![span(
            "Anonymised: no names, dates of birth or personal details.",
            small,
        )],
        top_margin: TOP_MARGIN,
    })
}

/// The confidential annex laid out as a PDF: the illegal and police-referred incidents' paths,
/// then one entry per incident, with "Confidential" in the header and footer of every page.
pub fn annex_document(report: &GovernorReport) -> pdf::Document {
    let mut page = Composer::new(true);
    page.heading("Confidential annex for the safeguarding governor");
    page.paragraph(vec![span(
        format!(
            "{} · {} ({}). For the safeguarding governor only: not for the governing body's \
             papers or minutes. No names; incidents by the week they were reported; a year \
             group only where that year group's count is not a small number.",
            report.school, report.period_title, report.period_days
        ),
        Style::BODY.colour(MUTED),
    )]);
    page.subheading("Illegal content and police referrals");
    if report.annex.illegal.is_empty() {
        page.nothing("No incident involved possibly illegal content or a police referral.");
    }
    for path in &report.annex.illegal {
        page.push(illegal_block(path));
    }
    summaries(&mut page, report);
    let marked = Style::BODY.size(8.0).bold().colour(WARN);
    let confidential = "CONFIDENTIAL: for the safeguarding governor only";
    pdf::Document {
        blocks: page.finish(),
        header: Some(pdf::Header {
            left: vec![span(confidential, marked)],
            right: vec![span(
                format!("{}: {}", report.school, report.period_title),
                Style::BODY.size(8.0).colour(MUTED),
            )],
            rule: RULE,
            from_page: 1,
        }),
        footer: vec![span(
            format!("{confidential}. No names, dates of birth or personal details."),
            marked,
        )],
        top_margin: TOP_MARGIN,
    }
}

fn words(text: impl Into<String>, style: Style) -> Block {
    Block::Text(vec![span(text, style)])
}

fn pairs(rows: Vec<(&str, String)>) -> Block {
    let rows = rows
        .into_iter()
        .map(|(name, value)| vec![label(name), cell(value)])
        .collect();
    Block::Table(Table::plain(vec![AUTO, FILL], rows, 7.0))
}

fn cover(page: &mut Composer, report: &GovernorReport) {
    let navy = Style::BODY.colour(NAVY);
    page.gap(71.0);
    page.push(words(&report.school, Style::BODY.size(11.0).colour(MUTED)));
    page.gap(4.0);
    page.push(words(
        "Online safety report to governors",
        navy.bold().size(24.0),
    ));
    page.push(words(&report.period_title, navy.size(16.0)));
    page.gap(10.0);
    let audience = if report.annual {
        "The full governing board"
    } else {
        "The governing board, with the Headteacher's safeguarding report"
    };
    let period = if report.term_dates_unconfirmed {
        format!(
            "{} (term dates not yet confirmed: the usual dates stand in until the school \
             enters its own)",
            report.period_days
        )
    } else {
        report.period_days.clone()
    };
    page.push(pairs(vec![
        ("Period", period),
        (
            "Prepared by",
            format!("{}, Online Safety Co-ordinator", report.prepared_by),
        ),
        ("Date", report.prepared_on.clone()),
        ("For", audience.to_owned()),
    ]));
    page.gap(34.0);
    page.push(Block::Boxed {
        fill: Some(STRIPE),
        stroke: None,
        inset: 14.0,
        blocks: vec![
            words("Summary", navy.bold().size(11.0)),
            Block::Gap(4.0),
            words(&report.summary, Style::BODY.size(10.5)),
        ],
    });
    page.gap(17.0);
    page.push(Block::Columns(headline_cards(report)));
    let note = Style::BODY.size(8.5).colour(MUTED);
    let mut foot = Vec::new();
    if !report.suppression_note.is_empty() {
        foot.push(words(&report.suppression_note, note));
        foot.push(Block::Gap(4.0));
    }
    foot.push(words(
        format!(
            "The policy asks that governors receive anonymous details of online-safety \
             incidents. This report names no one and lists no single incident: incidents are \
             counted by theme, year group and the actions taken. Training and signatures are \
             as at {}.",
            report.registers_as_at
        ),
        note,
    ));
    page.push(Block::AtFoot(foot));
    page.push(Block::PageBreak);
}

fn headline_cards(report: &GovernorReport) -> Vec<Vec<Block>> {
    let figures = &report.incidents;
    let mut cards = vec![
        ("Incidents reported", &figures.total.shown),
        (
            figures.previous_title.as_str(),
            &figures.previous_total.shown,
        ),
    ];
    if !report.annual {
        cards.push((
            figures.year_earlier_title.as_str(),
            &figures.year_earlier_total.shown,
        ));
    }
    cards
        .into_iter()
        .map(|(name, value)| {
            vec![Block::Boxed {
                fill: None,
                stroke: Some(RULE),
                inset: 10.0,
                blocks: vec![
                    words(name, Style::BODY.size(8.5).colour(MUTED)),
                    Block::Gap(2.0),
                    words(value, Style::BODY.size(18.0).bold().colour(NAVY)),
                ],
            }]
        })
        .collect()
}

fn chart(page: &mut Composer, report: &GovernorReport, name: &str) -> Result<(), ReportError> {
    let Some(found) = report.charts.iter().find(|c| c.name == name) else {
        return Ok(());
    };
    let picture = match found.note {
        Some(note) => words(format!("{note}."), Style::BODY.colour(MUTED)),
        None => pdf::chart(&found.svg, &found.alt)?,
    };
    page.push(Block::Keep(vec![
        words(&found.title, Style::BODY.bold()),
        Block::Gap(2.0),
        picture,
    ]));
    page.gap(8.0);
    Ok(())
}

fn counted(rows: &[Labelled]) -> Vec<Vec<Vec<Span>>> {
    rows.iter()
        .map(|r| vec![cell(&r.label), cell(&r.count.shown)])
        .collect()
}

fn count_table(header: [&str; 2], rows: &[Labelled]) -> Block {
    Block::Table(Table::ruled(vec![FILL, FIGURE], &header, counted(rows)))
}

fn incidents(page: &mut Composer, report: &GovernorReport) -> Result<(), ReportError> {
    let figures = &report.incidents;
    page.heading("Incidents");
    let mut periods = vec![
        vec![cell(&report.period_title), cell(&figures.total.shown)],
        vec![
            cell(period_with(
                report,
                &figures.previous_title,
                " (the half-term before)",
            )),
            cell(&figures.previous_total.shown),
        ],
    ];
    if !report.annual {
        periods.push(vec![
            cell(format!("{} (a year earlier)", figures.year_earlier_title)),
            cell(&figures.year_earlier_total.shown),
        ]);
    }
    page.table(vec![FILL, FIGURE], &["Period", "Incidents"], periods);
    chart(page, report, "trend")?;

    page.subheading("By theme");
    chart(page, report, "theme")?;
    theme_table(page, report);

    page.subheading("The four Cs");
    chart(page, report, "risk")?;

    page.subheading("Who was involved");
    let years = if figures.by_year_group.is_empty() {
        words("No incidents involved pupils.", Style::BODY.colour(MUTED))
    } else {
        count_table(["Year group", "Incidents"], &figures.by_year_group)
    };
    page.push(Block::Columns(vec![
        vec![count_table(
            ["Involving", "Incidents"],
            &figures.by_involving,
        )],
        vec![years],
    ]));
    page.gap(6.0);
    page.note(
        "An incident involving pupils of two year groups counts in each; an incident involving \
         pupils and staff counts in both.",
    );
    chart(page, report, "years")?;

    page.subheading("Where incidents stand");
    page.push(Block::Columns(vec![
        vec![count_table(["Status", "Incidents"], &figures.by_status)],
        vec![count_table(
            ["Outcome of those closed", "Incidents"],
            &figures.by_outcome,
        )],
    ]));
    page.gap(8.0);

    page.subheading("Referrals");
    page.table_or(
        vec![FILL, FIGURE],
        &["Agency", "Incidents referred"],
        counted(&figures.referrals),
        "No incident was referred to an outside agency.",
    );

    page.subheading("Illegal content and police referrals");
    page.paragraph(vec![span(figures.serious.sentence(), Style::BODY)]);

    page.subheading("Actions taken");
    let rows = figures
        .actions
        .iter()
        .map(|a| vec![cell(&a.action), cell(&a.chosen.shown), cell(&a.done.shown)])
        .collect();
    page.table_or(
        vec![FILL, FIGURE, FIGURE],
        &["Action", "Chosen for", "Done"],
        rows,
        "No actions were recorded.",
    );
    Ok(())
}

fn period_with(report: &GovernorReport, title: &str, half_term_note: &str) -> String {
    if report.annual {
        title.to_owned()
    } else {
        format!("{title}{half_term_note}")
    }
}

/// The themes against the periods compared, each followed by the categories large enough to
/// show on their own ("of which: …", this period only).
fn theme_table(page: &mut Composer, report: &GovernorReport) {
    let figures = &report.incidents;
    let columns = if report.annual { 2 } else { 3 };
    let mut rows = Vec::new();
    for theme in &figures.by_theme {
        let mut row = vec![
            cell(&theme.label),
            cell(&theme.this.shown),
            cell(&theme.previous.shown),
        ];
        if !report.annual {
            row.push(cell(&theme.year_earlier.shown));
        }
        rows.push(row);
        for share in &theme.categories {
            let mut row = vec![
                label(format!("    of which: {}", share.label)),
                label(&share.count.shown),
            ];
            row.extend((1..columns).map(|_| cell("")));
            rows.push(row);
        }
    }
    let mut widths = vec![FILL];
    widths.extend((0..columns).map(|_| FIGURE));
    let header: &[&str] = if report.annual {
        &["Theme", "This year", "Year before"]
    } else {
        &[
            "Theme",
            "This half-term",
            "Half-term before",
            "A year earlier",
        ]
    };
    page.table(widths, header, rows);
    page.gap(4.0);
    page.note(if figures.category_shown_from > 1 {
        format!(
            "Each of the policy's categories belongs to one theme. A category is shown on its \
             own only where it has at least {} incidents in this period.",
            figures.category_shown_from
        )
    } else {
        "Each of the policy's categories belongs to one theme; those with incidents in this \
         period are shown under it."
            .to_owned()
    });
}

/// A heading line for one incident: its reference, what is known of it, and where it stands.
fn incident_line(reference: &str, middle: String, right: &str) -> Block {
    Block::Table(Table::plain(
        vec![AUTO, FILL, FIGURE],
        vec![vec![
            vec![span(reference, Style::BODY.bold().colour(NAVY))],
            label(middle),
            vec![span(right, Style::BODY.bold())],
        ]],
        0.0,
    ))
}

/// One incident in a list: its heading line, its category, the details, and a rule under it,
/// kept on one page.
fn incident_entry(head: Block, category: &str, details: Vec<Block>) -> Block {
    let mut blocks = vec![Block::Gap(6.0), head, words(category, Style::BODY.bold())];
    blocks.extend(details);
    blocks.push(Block::Gap(6.0));
    blocks.push(Block::Rule(RULE, 0.4));
    Block::Keep(blocks)
}

/// "Label: text", the label in grey.
fn labelled(name: &str, text: &str) -> Block {
    labelled_in(name, text, Style::BODY)
}

/// `name: text`, the text in `style`.
fn labelled_in(name: &str, text: &str, style: Style) -> Block {
    Block::Text(vec![
        span(format!("{name}: "), Style::BODY.colour(MUTED)),
        span(text, style),
    ])
}

fn illegal_block(path: &IllegalPath) -> Block {
    let head = incident_line(
        &path.reference,
        format!("Reported in the {}", path.reported),
        &path.status,
    );
    let mut details: Vec<Block> = path
        .steps
        .iter()
        .map(|step| words(format!("•  {step}"), Style::BODY))
        .collect();
    if path.police_missing {
        details.push(words(
            "The police step (a referral, or a recorded decision not to refer, with its reason) \
             is still to be recorded.",
            Style::BODY.bold().colour(WARN),
        ));
    }
    incident_entry(head, &path.category, details)
}

fn summary_block(summary: &Summary) -> Block {
    let head = incident_line(
        &summary.reference,
        format!(
            "Reported in the {} · {}",
            summary.reported,
            // "Year 5" stays on one line.
            summary.involving.replace("Year ", "Year\u{a0}")
        ),
        &summary.outcome,
    );
    let mut details = vec![labelled("Actions", &summary.actions)];
    if !summary.summary.is_empty() {
        // The co-ordinator's own words, set apart from the report's.
        let words = Style::BODY.italic();
        details.push(labelled_in(
            "Summary for governors",
            &summary.summary,
            words,
        ));
    }
    incident_entry(head, &summary.theme, details)
}

fn summaries(page: &mut Composer, report: &GovernorReport) {
    page.subheading("Incident summaries");
    page.paragraph(vec![span(
        "Each incident reported in the period, without names. Where the co-ordinator wrote a \
         summary for governors, it follows the incident.",
        Style::BODY.colour(MUTED),
    )]);
    if report.annex.summaries.is_empty() {
        page.nothing("No incidents were reported in this period.");
    }
    for summary in &report.annex.summaries {
        page.push(summary_block(summary));
    }
}

fn compliance_table(page: &mut Composer, first: &str, done: &str, rows: &[Compliance]) {
    if rows.is_empty() {
        return;
    }
    let rows = rows
        .iter()
        .map(|c| {
            vec![
                cell(&c.label),
                cell(&c.people.shown),
                cell(&c.complete.shown),
                cell(&c.percent.shown),
                cell(&c.outstanding.shown),
            ]
        })
        .collect();
    page.table(
        vec![FILL, FIGURE, FIGURE, FIGURE, FIGURE],
        &[first, "People", done, "Share", "Outstanding"],
        rows,
    );
}

fn registers(page: &mut Composer, report: &GovernorReport) -> Result<(), ReportError> {
    page.heading("Training and acceptable use");
    page.paragraph(vec![span(
        format!(
            "As at {}. Someone is up to date when every online-safety \
             training that applies to them is done and in date; a signature counts when it is \
             for the current agreement and in date.",
            report.registers_as_at
        ),
        Style::BODY.colour(MUTED),
    )]);
    chart(page, report, "training")?;
    compliance_table(page, "Staff group", "Up to date", &report.training);
    chart(page, report, "aup")?;
    compliance_table(page, "Register", "Signed", &report.aup);
    Ok(())
}

fn schedule(page: &mut Composer, report: &GovernorReport) {
    let standing = &report.schedule;
    page.heading("Review schedule and filtering");
    page.push(pairs(vec![
        ("Next policy review", standing.policy_review.clone()),
        (
            "Filtering and monitoring review",
            standing.filtering_review.clone(),
        ),
    ]));
    page.gap(6.0);
    page.subheading("Overdue");
    let overdue = standing
        .overdue
        .iter()
        .map(|i| vec![vec![span(&i.title, Style::BODY.colour(WARN))], cell(&i.due)])
        .collect();
    page.table_or(
        vec![FILL, FIGURE],
        &["Item", "Was due"],
        overdue,
        "Nothing on the review schedule is overdue.",
    );
    page.subheading("Done in the period");
    let done = standing
        .done
        .iter()
        .map(|i| {
            let late = if i.overdue { " (late)" } else { "" };
            vec![cell(format!("{}{late}", i.title)), cell(&i.due)]
        })
        .collect();
    page.table_or(
        vec![FILL, FIGURE],
        &["Item", "Done on"],
        done,
        "Nothing on the review schedule was recorded as done in this period.",
    );
    filtering(page, report);
}

fn filtering(page: &mut Composer, report: &GovernorReport) {
    page.subheading("Filtering change control");
    let changes = report
        .filtering_changes
        .iter()
        .map(|c| vec![cell(&c.requested), cell(&c.change), cell(&c.standing)])
        .collect();
    page.table_or(
        vec![AUTO, FILL, AUTO],
        &["Asked for", "Change", "Where it stands"],
        changes,
        "No changes to filtering were asked for in this period.",
    );
    page.subheading("Filtering checks");
    let checks = report
        .filtering_checks
        .iter()
        .map(|c| {
            let follow_up = if c.follow_up.is_empty() {
                "None needed"
            } else {
                &c.follow_up
            };
            vec![
                cell(&c.checked),
                cell(&c.what),
                cell(&c.result),
                cell(follow_up),
            ]
        })
        .collect();
    page.table_or(
        vec![AUTO, FILL, FILL, FILL],
        &["Checked", "What", "Found", "Follow-up"],
        checks,
        "No filtering checks were recorded in this period.",
    );
    page.subheading("Devices confiscated");
    let held = &report.confiscations;
    page.table(
        vec![FILL, FIGURE],
        &["Devices", "Number"],
        vec![
            vec![cell("Taken in the period"), cell(&held.taken.shown)],
            vec![cell("Returned"), cell(&held.returned.shown)],
            vec![
                cell(format!("Still held on {}", report.prepared_on)),
                cell(&held.held.shown),
            ],
        ],
    );
}
