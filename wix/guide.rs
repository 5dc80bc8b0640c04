//! The user guide: the README's sections for co-ordinators and network managers, made into one
//! HTML page at build time, so the help that travels with the program is never a second copy
//! kept by hand. The app embeds it (Help in the sidebar), the MSI installs it beside the
//! executable with a Start-menu shortcut, and `wix/build-windows.sh` copies it there.

use std::fmt::Write as _;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// The README's level-two sections that are for developers, left out of the guide.
const DEVELOPER_SECTIONS: [&str; 1] = ["For developers"];

/// The guide as a whole HTML page, from the README's text.
pub fn user_guide(readme: &str, version: &str) -> String {
    let markdown = user_sections(readme);
    let mut body = String::new();
    let mut contents = String::new();
    let events = with_heading_ids(&markdown, &mut contents);
    html::push_html(&mut body, events.into_iter());
    // The title and what the product is, then the contents, then the sections.
    let first_section = body.find("<h2").unwrap_or(body.len());
    let (opening, sections) = body.split_at(first_section);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>E-Safety Desk {version}: user guide</title>\n<style>{STYLE}</style>\n</head>\n\
         <body>\n<main>\n<p class=\"version\">E-Safety Desk {version} · user guide</p>\n\
         {opening}<nav aria-label=\"Contents\"><h2>Contents</h2><ul>{contents}</ul></nav>\n\
         {sections}</main>\n</body>\n</html>\n"
    )
}

/// The README without its developer sections, its set-up commands or its pictures (which are
/// not installed): the opening paragraph, then every section for users.
fn user_sections(readme: &str) -> String {
    let mut kept = String::new();
    let mut skipping = false;
    let mut in_opening = true;
    for line in readme.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            in_opening = false;
            skipping = DEVELOPER_SECTIONS.contains(&title.trim());
        }
        // The opening's first paragraph says what the product is; what follows it there is
        // for developers (the set-up commands) or a picture.
        if in_opening && line.trim().is_empty() && kept.lines().count() > 2 {
            skipping = true;
        }
        if skipping || line.starts_with("![") {
            continue;
        }
        kept.push_str(line);
        kept.push('\n');
    }
    kept
}

/// The Markdown's events, each heading given an id made from its words (so a message can name
/// `user-guide.html#importing-an-incident-log`), and the level-two and -three headings listed
/// in `contents`.
fn with_heading_ids<'a>(markdown: &'a str, contents: &mut String) -> Vec<Event<'a>> {
    let mut events = Vec::new();
    let mut heading: Option<(HeadingLevel, Vec<Event<'a>>)> = None;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, Vec::new())),
            Event::End(TagEnd::Heading(_)) => {
                let (level, inner) = heading.take().unwrap_or((HeadingLevel::H2, Vec::new()));
                let title = plain_text(&inner);
                let id = anchor(&title);
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    let _ = write!(
                        contents,
                        "<li class=\"{level}\"><a href=\"#{id}\">{}</a></li>",
                        escape(&title)
                    );
                }
                events.push(Event::Html(format!("<{level} id=\"{id}\">").into()));
                events.extend(inner);
                events.push(Event::Html(format!("</{level}>\n").into()));
            }
            other => match heading.as_mut() {
                Some((_, inner)) => inner.push(other),
                None => events.push(other),
            },
        }
    }
    events
}

/// The words of a heading's events.
fn plain_text(events: &[Event<'_>]) -> String {
    events
        .iter()
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
            _ => None,
        })
        .collect()
}

/// A heading's id: its words in lower case, joined by hyphens.
pub fn anchor(title: &str) -> String {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Plain, readable on a school PC's screen and in print; no web fonts, no scripts.
const STYLE: &str = "body{font-family:'Segoe UI',system-ui,sans-serif;line-height:1.5;color:#1b1f24;\
background:#fff;margin:0}main{max-width:60rem;margin:0 auto;padding:1.5rem}\
h1{font-size:1.8rem}h2{margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}\
table{border-collapse:collapse;margin:1rem 0;font-size:.92rem}th,td{border:1px solid #ccd;\
padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#eef1f5}\
code{font-family:Consolas,monospace;font-size:.9em;background:#f2f4f7;padding:0 .2em}\
pre{background:#f2f4f7;padding:.6rem;overflow-x:auto}.version{color:#555}\
nav ul{columns:2}nav li.h3{margin-left:1.2rem}@media print{nav{display:none}}";
