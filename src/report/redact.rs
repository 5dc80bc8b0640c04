//! The last guard on free text that reaches the governor report: the names of everyone in the
//! vault taken out. The governors' summary is checked for the incident's own people when it is
//! written; the filtering logs are not checked at all, and either may name someone else.

/// What a name is replaced with.
const REMOVED: &str = "[name removed]";

/// Takes people's names out of free text: a full name in any case, and a given or family name
/// on its own where it is written as a name (with a capital: "Ava", "Ava's", "SHAH"). A word
/// in lower case is left alone, so "will" stays when a pupil is called Will; a capitalised
/// word that happens to be someone's name ("Hall", "May") goes: a word too many taken out of
/// a filtering note is better than a child named to governors.
#[derive(Debug, Default)]
pub(crate) struct Redactor {
    /// Full names in lower case, longest first.
    full_names: Vec<String>,
    /// Each given and family name (and each part of a hyphenated one) in lower case.
    parts: std::collections::HashSet<String>,
}

impl Redactor {
    /// A redactor for these full names ("Given Family").
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut redactor = Redactor::default();
        for name in names {
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            for part in name.split([' ', '-']).filter(|p| p.chars().count() > 1) {
                redactor.parts.insert(part.to_lowercase());
            }
            if name.contains(' ') {
                redactor.full_names.push(name.to_lowercase());
            }
        }
        redactor
            .full_names
            .sort_by_key(|n| std::cmp::Reverse(n.len()));
        redactor.full_names.dedup();
        redactor
    }

    /// `text` with every name in it replaced by "[name removed]".
    pub(crate) fn clean(&self, text: &str) -> String {
        self.remove_names(&self.remove_full_names(text))
    }

    fn remove_full_names(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for name in &self.full_names {
            let mut from = 0;
            while let Some(at) = find_word_run(&text, name, from) {
                text.replace_range(at..at + name.len(), REMOVED);
                from = at + REMOVED.len();
            }
        }
        text
    }

    fn remove_names(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(is_word_char) {
            out.push_str(&rest[..start]);
            let word_len = rest[start..]
                .find(|c: char| !is_word_char(c))
                .unwrap_or(rest.len() - start);
            let word = &rest[start..start + word_len];
            out.push_str(&self.redacted_word(word));
            rest = &rest[start + word_len..];
        }
        out.push_str(rest);
        out
    }

    /// The word, or the word with its name parts replaced ("Ava's" → "[name removed]'s").
    fn redacted_word(&self, word: &str) -> String {
        let (stem, suffix) = split_possessive(word);
        let pieces: Vec<&str> = stem.split('-').collect();
        let named = |piece: &&str| {
            piece.chars().next().is_some_and(char::is_uppercase)
                && self.parts.contains(&piece.to_lowercase())
        };
        if !pieces.iter().any(named) {
            return word.to_owned();
        }
        let replaced: Vec<&str> = pieces
            .iter()
            .map(|piece| if named(piece) { REMOVED } else { piece })
            .collect();
        format!("{}{suffix}", replaced.join("-"))
    }
}

/// Letters, digits, apostrophes and hyphens: "O'Neil", "Smith-Jones", "Ava's".
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')
}

/// "Ava's" → ("Ava", "'s"); a trailing apostrophe or hyphen also goes to the suffix.
fn split_possessive(word: &str) -> (&str, &str) {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return (stem, &word[stem.len()..]);
        }
    }
    let stem = word.trim_end_matches(['\'', '’', '-']);
    (stem, &word[stem.len()..])
}

/// Where `name` (lower case) next appears in `text` from byte `from`, in any case, as whole
/// words.
fn find_word_run(text: &str, name: &str, mut from: usize) -> Option<usize> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        // Lower-casing changed the byte length (rare letters): compare word by word instead,
        // which the single-name pass does.
        return None;
    }
    while let Some(found) = lower.get(from..)?.find(name) {
        let at = from + found;
        let end = at + name.len();
        let before = lower[..at].chars().next_back();
        let after = lower[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(at);
        }
        from = at + 1;
        while !lower.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor() -> Redactor {
        Redactor::new([
            "Ava Thompson",
            "Will Patel",
            "Siobhan O'Neil",
            "Tom Smith-Jones",
            "Jo  Hall",
        ])
    }

    #[test]
    fn a_full_name_goes_in_any_case() {
        assert_eq!(
            redactor().clean("Unblocked for ava thompson and AVA THOMPSON."),
            "Unblocked for [name removed] and [name removed]."
        );
    }

    #[test]
    fn a_given_or_family_name_alone_goes_when_written_as_a_name() {
        let r = redactor();
        assert_eq!(
            r.clean("Checked with Ava in Year 6"),
            "Checked with [name removed] in Year 6"
        );
        assert_eq!(r.clean("Ava's tablet"), "[name removed]'s tablet");
        assert_eq!(
            r.clean("Asked Patel; then O'Neil."),
            "Asked [name removed]; then [name removed]."
        );
        assert_eq!(r.clean("Jones saw it"), "[name removed] saw it");
        assert_eq!(r.clean("Smith-Jones"), "[name removed]-[name removed]");
    }

    #[test]
    fn a_lower_case_word_that_is_also_a_name_stays() {
        let r = redactor();
        assert_eq!(
            r.clean("The block will be reviewed"),
            "The block will be reviewed"
        );
        assert_eq!(r.clean("Avalanche Hallway"), "Avalanche Hallway");
    }

    #[test]
    fn a_capitalised_word_that_is_someones_name_goes_too() {
        assert_eq!(
            redactor().clean("Tested in the Hall"),
            "Tested in the [name removed]"
        );
    }

    #[test]
    fn text_without_names_is_unchanged() {
        let text = "YouTube restricted mode on; test URLs blocked (IWF list, 3 of 3).";
        assert_eq!(redactor().clean(text), text);
        assert_eq!(Redactor::default().clean("Ava"), "Ava");
    }

    #[test]
    fn a_full_name_is_not_taken_out_of_a_longer_word() {
        let r = Redactor::new(["Al Bo"]);
        assert_eq!(r.clean("total boat"), "total boat");
        assert_eq!(r.clean("al bo."), "[name removed].");
        let odd = Redactor::new(["Name Removed"]);
        assert_eq!(odd.clean("name removed"), "[name removed]");
    }
}
