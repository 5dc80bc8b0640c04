//! Finding things by what was typed: every typed word must begin a word of the text, with
//! case and accents ignored, so "zoe sm" finds "Zoë Smith" and "gam" finds "Online gaming".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` as it is compared: accents and apostrophes taken off ("O'Brien" is one word), lower
/// case.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c) && !matches!(c, '\'' | '\u{2019}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// What was typed into a search box, ready to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    /// The typed text's words, folded.
    pub fn new(typed: &str) -> Self {
        Self {
            words: words(&fold(typed)).map(str::to_owned).collect(),
        }
    }

    /// Whether nothing but spaces or punctuation was typed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every typed word begins some word of `text` (itself folded by [`fold`]).
    pub fn matches_folded(&self, folded: &str) -> bool {
        !self.is_empty()
            && self
                .words
                .iter()
                .all(|typed| words(folded).any(|word| word.starts_with(typed.as_str())))
    }

    /// Whether every typed word begins some word of `text`.
    pub fn matches(&self, text: &str) -> bool {
        self.matches_folded(&fold(text))
    }

    /// Whether the first typed word begins the first word of `text` (itself folded): such
    /// matches are listed first, so "ava" puts Ava Smith above Lily Avanti.
    pub fn leads_folded(&self, folded: &str) -> bool {
        match (self.words.first(), words(folded).next()) {
            (Some(typed), Some(word)) => word.starts_with(typed.as_str()),
            _ => false,
        }
    }
}

/// The first `limit` items whose folded text the query matches, those whose first word it
/// begins first, each group in the order given.
pub fn best_matches<'a, T>(
    query: &Query,
    items: impl IntoIterator<Item = (T, &'a str)>,
    limit: usize,
) -> Vec<T> {
    let (leading, others): (Vec<_>, Vec<_>) = items
        .into_iter()
        .filter(|(_, folded)| query.matches_folded(folded))
        .partition(|(_, folded)| query.leads_folded(folded));
    leading
        .into_iter()
        .chain(others)
        .take(limit)
        .map(|(item, _)| item)
        .collect()
}

/// The words of folded text: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_are_ignored_either_way() {
        assert!(Query::new("zoe").matches("Zoë Smith"));
        assert!(Query::new("ZOË").matches("Zoe Smith"));
        assert!(Query::new("sian obr").matches("Siân O'Brien"));
        assert!(Query::new("o’brien").matches("Siân O'Brien"));
        assert!(!Query::new("brien").matches("Siân O'Brien"));
    }

    #[test]
    fn every_typed_word_must_begin_a_word() {
        let text = "Online gaming (non-educational) · Unacceptable · Pupils and staff";
        assert!(Query::new("gam").matches(text));
        assert!(Query::new("gaming non").matches(text));
        assert!(Query::new("unacc gam").matches(text));
        assert!(!Query::new("aming").matches(text));
        assert!(!Query::new("gaming grooming").matches(text));
    }

    #[test]
    fn nothing_typed_matches_nothing() {
        assert!(Query::new("  - ").is_empty());
        assert!(!Query::new("").matches("Ava Smith"));
    }

    #[test]
    fn the_best_matches_put_first_words_first_and_stop_at_the_limit() {
        let names = [
            "Lily Avanti",
            "Ava Smith",
            "Tom Brown",
            "Avery Jones",
            "Ava Zed",
        ];
        let folded: Vec<String> = names.iter().map(|name| fold(name)).collect();
        let items = names.iter().zip(folded.iter().map(String::as_str));
        let best = best_matches(&Query::new("av"), items.clone(), 3);
        assert_eq!(best, [&"Ava Smith", &"Avery Jones", &"Ava Zed"]);
        let all = best_matches(&Query::new("av"), items, 10);
        assert_eq!(all.last(), Some(&&"Lily Avanti"));
    }

    #[test]
    fn a_match_on_the_first_word_leads() {
        let query = Query::new("ava");
        assert!(query.leads_folded(&fold("Ava Smith")));
        assert!(!query.leads_folded(&fold("Lily Avanti")));
        assert!(query.matches("Lily Avanti"));
    }
}
