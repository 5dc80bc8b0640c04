//! The school's own words for a status, a place or a device ("Finished", "Sports hall",
//! "Chromebook"), confirmed once and remembered, on top of the words old logs commonly use.

use std::collections::BTreeMap;

use super::categories::plain;
use crate::domain::incident::record::{Device, Location, Status};

/// A field whose cells must be one of a fixed list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ListField {
    /// Open, under investigation or closed.
    Status,
    /// Where it happened.
    Location,
    /// The device used.
    Device,
}

impl ListField {
    /// Every such field, in the order a preview lists them.
    pub const ALL: [ListField; 3] = [ListField::Status, ListField::Location, ListField::Device];

    /// The field's column name, which is also its command-line flag: `--location`.
    pub fn column(self) -> &'static str {
        match self {
            ListField::Status => "status",
            ListField::Location => "location",
            ListField::Device => "device",
        }
    }

    /// Each value the field can take, as its code and its words.
    pub fn values(self) -> Vec<(&'static str, &'static str)> {
        match self {
            ListField::Status => Status::ALL.iter().map(|s| (s.code(), s.title())).collect(),
            ListField::Location => Location::ALL
                .iter()
                .map(|l| (l.code(), l.title()))
                .collect(),
            ListField::Device => Device::ALL.iter().map(|d| (d.code(), d.title())).collect(),
        }
    }

    /// The code of the value `code_or_words` names, by its code or its words in any case.
    fn code_of(self, code_or_words: &str) -> Option<&'static str> {
        let wanted = plain(code_or_words);
        self.values()
            .into_iter()
            .find(|(code, title)| plain(code) == wanted || plain(title) == wanted)
            .map(|(code, _)| code)
    }
}

/// The school's words for statuses, places and devices, confirmed at an earlier import:
/// (field, folded words) → the value's code.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValueWords(pub BTreeMap<(ListField, String), &'static str>);

impl ValueWords {
    /// Reads `location:Sports hall=school` lines, as [`ValueWords::to_text`] writes them.
    /// Returns the first line that is not one.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut words = ValueWords::default();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (column, part) = line
                .split_once(':')
                .ok_or_else(|| format!("\"{line}\" is not field:words=value"))?;
            let field = ListField::ALL
                .into_iter()
                .find(|f| f.column() == column.trim())
                .ok_or_else(|| format!("\"{column}\" is not status, location or device"))?;
            words.add_part(field, part)?;
        }
        Ok(words)
    }

    /// Adds one `words=value` part for `field` ("Sports hall=school", or with the value's
    /// words: "Sports hall=Elsewhere in school").
    pub fn add_part(&mut self, field: ListField, part: &str) -> Result<(), String> {
        let (words, value) = part
            .rsplit_once('=')
            .map(|(w, v)| (w.trim().trim_matches('"'), v.trim()))
            .filter(|(w, _)| !w.is_empty())
            .ok_or_else(|| {
                format!(
                    "\"{part}\" is not words=value, e.g. --{} \"{}\"",
                    field.column(),
                    example(field)
                )
            })?;
        let code = field.code_of(value).ok_or_else(|| {
            let codes: Vec<&str> = field.values().into_iter().map(|(code, _)| code).collect();
            format!(
                "\"{value}\" is not a {}: write one of {}",
                field.column(),
                codes.join(", ")
            )
        })?;
        self.0.insert((field, plain(words)), code);
        Ok(())
    }

    /// The code the school's words `typed` mean for `field`, if they confirmed them.
    pub fn get(&self, field: ListField, typed: &str) -> Option<&'static str> {
        self.0.get(&(field, plain(typed))).copied()
    }

    /// One `field:words=code` per line.
    pub fn to_text(&self) -> String {
        let lines: Vec<String> = self
            .0
            .iter()
            .map(|((field, words), code)| format!("{}:{words}={code}", field.column()))
            .collect();
        lines.join("\n")
    }

    /// These words with `newer` on top.
    pub fn with(mut self, newer: &ValueWords) -> Self {
        self.0.extend(newer.0.iter().map(|(k, v)| (k.clone(), *v)));
        self
    }
}

fn example(field: ListField) -> &'static str {
    match field {
        ListField::Status => "Finished=closed",
        ListField::Location => "Sports hall=school",
        ListField::Device => "Chromebook=school-shared",
    }
}

/// What to do about `typed`, which is none of `field`'s values: the command line's words.
pub fn unknown_value(field: ListField, typed: &str) -> String {
    let values: Vec<String> = field
        .values()
        .into_iter()
        .map(|(code, title)| format!("{code} ({title})"))
        .collect();
    format!(
        "{}: \"{typed}\" is none of {}: say which with --{} \"{typed}=CODE\"",
        field.column(),
        values.join(", "),
        field.column()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schools_words_are_kept_by_field_and_read_back() {
        let mut words = ValueWords::default();
        words
            .add_part(ListField::Location, "Sports hall=Elsewhere in school")
            .unwrap();
        words
            .add_part(ListField::Status, "Finished=closed")
            .unwrap();
        assert_eq!(
            words.get(ListField::Location, " sports  HALL"),
            Some("school")
        );
        assert_eq!(words.get(ListField::Device, "Sports hall"), None);
        assert_eq!(ValueWords::parse(&words.to_text()), Ok(words.clone()));
        let refused = words
            .add_part(ListField::Device, "Chromebook=laptop")
            .unwrap_err();
        assert!(refused.contains("is not a device"), "{refused}");
        assert!(words.add_part(ListField::Device, "=school-shared").is_err());
        assert!(ValueWords::parse("colour:red=blue").is_err());
    }
}
