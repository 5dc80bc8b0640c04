//! The recovery key's sheet: one page to print and give to the Headteacher for the school
//! safe, as the policy asks for administrator passwords. It says what the key is for, how it
//! is used and how it is kept, so a reader years later needs nothing else.

use chrono::NaiveDateTime;

use crate::report::ReportError;
use crate::report::pdf::{self, About, Block, Composer, MUTED, NAVY, Style, WARN, span};

/// What the sheet says besides the key.
const HOW_TO_USE: [&str; 3] = [
    "If the passphrase is forgotten, this key opens the vault: on the unlock screen choose \
     \"Use recovery key\", type the groups as printed, then choose a new passphrase.",
    "Keep this sheet in the school safe, with the Headteacher. Anyone who has it and a copy of \
     the vault or of a backup can read every record: do not photograph it, scan it, email it or \
     keep it beside the computer.",
    "Once printed, delete the PDF file and empty the Recycle Bin: the file holds the key \
     unencrypted.",
];

/// The sheet for the vault of `school`, whose recovery key is `key`, printed at `at`.
pub fn pdf(school: &str, key: &str, at: NaiveDateTime) -> Result<Vec<u8>, ReportError> {
    let mut page = Composer::new(false);
    page.push(Block::Text(vec![span(
        "E-Safety Desk recovery key",
        Style::BODY.bold().colour(NAVY).size(20.0),
    )]));
    page.gap(4.0);
    page.text(format!("The vault of {school}"));
    page.gap(18.0);
    for line in key_lines(key) {
        page.push(Block::Text(vec![span(line, Style::BODY.bold().size(22.0))]));
    }
    page.gap(18.0);
    for words in HOW_TO_USE {
        page.text(words);
        page.gap(4.0);
    }
    let document = pdf::Document {
        blocks: page.finish(),
        header: Some(pdf::Header {
            left: vec![span(
                "CONFIDENTIAL: opens every record",
                Style::BODY.size(8.5).bold().colour(WARN),
            )],
            right: vec![span(school.to_owned(), Style::BODY.size(8.5).colour(MUTED))],
            rule: WARN,
            from_page: 1,
        }),
        footer: vec![span(
            format!(
                "Printed {} when the vault was set up. Keep in the school safe.",
                at.format("%-d %B %Y, %H:%M")
            ),
            Style::BODY.size(8.0).colour(MUTED),
        )],
        top_margin: 73.7,
    };
    pdf::pdf(
        &document,
        About {
            title: "E-Safety Desk recovery key".into(),
            author: school.to_owned(),
            ident: "esafety-desk/recovery-key".into(),
        },
    )
}

/// The key's groups as two lines of four, as the set-up screen shows them.
fn key_lines(key: &str) -> Vec<String> {
    let groups: Vec<&str> = key.split('-').collect();
    let middle = groups.len().div_ceil(2);
    [&groups[..middle], &groups[middle..]]
        .iter()
        .filter(|half| !half.is_empty())
        .map(|half| half.join("-"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::key_lines;

    #[test]
    fn the_key_is_split_into_two_lines_of_groups() {
        assert_eq!(
            key_lines("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"),
            ["AAAA-BBBB-CCCC-DDDD", "EEEE-FFFF-GGGG-HHHH"]
        );
        assert_eq!(key_lines("AAAA"), ["AAAA"]);
    }
}
