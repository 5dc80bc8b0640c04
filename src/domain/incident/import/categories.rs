//! The school's own wording for a category ("Grooming", "Cyberbullying", "Mobile phone")
//! matched to the policy's categories: exactly by key, the policy's words, the short title or
//! a synonym the school confirmed before; otherwise the closest categories by words, for the
//! user to choose from.

use std::collections::BTreeMap;

use crate::domain::incident::category::{CATEGORIES, Category, Subject};
use crate::domain::search::fold;

/// The school's words for categories, confirmed at an earlier import: folded words → key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Synonyms(pub BTreeMap<String, &'static str>);

impl Synonyms {
    /// Reads `Gaming (online)=activity.gaming-non-educational` lines (or comma-separated
    /// parts, as `--category` gives them). Returns the first part that is not a synonym.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut synonyms = Synonyms::default();
        for part in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            synonyms.add_part(part)?;
        }
        Ok(synonyms)
    }

    /// Adds one `words=key` part.
    pub fn add_part(&mut self, part: &str) -> Result<(), String> {
        let (words, key) = part
            .rsplit_once('=')
            .map(|(w, k)| (w.trim().trim_matches('"'), k.trim()))
            .filter(|(w, _)| !w.is_empty())
            .ok_or_else(|| format!("\"{part}\" is not words=category-key, e.g. Cyberbullying=pupil.offensive-messages"))?;
        let category = crate::domain::incident::category::category(key)
            .ok_or_else(|| format!("\"{key}\" is not a category key ('esafety-desk import incidents --help' lists them)"))?;
        self.0.insert(plain(words), category.key);
        Ok(())
    }

    /// One `words=key` per line, as [`Synonyms::parse`] reads it.
    pub fn to_text(&self) -> String {
        let lines: Vec<String> = self.0.iter().map(|(w, k)| format!("{w}={k}")).collect();
        lines.join("\n")
    }

    /// These synonyms with `newer` on top.
    pub fn with(mut self, newer: &Synonyms) -> Self {
        self.0.extend(newer.0.iter().map(|(w, k)| (w.clone(), *k)));
        self
    }
}

/// How a category cell was matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CategoryMatch {
    /// One category.
    Found(&'static Category),
    /// No exact match: the closest categories by words, best first (perhaps none).
    Unsure(Vec<&'static Category>),
}

/// How many candidates a problem names.
const CANDIDATES: usize = 3;

/// Matches `typed` to a category. `staff_only` says every person named on the row is staff,
/// which decides between a pupil row and a staff row with the same short title.
pub fn match_category(typed: &str, synonyms: &Synonyms, staff_only: bool) -> CategoryMatch {
    let wanted = plain(typed);
    let subject = if staff_only {
        Subject::Staff
    } else {
        Subject::Pupil
    };
    if let Some(category) = synonyms
        .0
        .get(&wanted)
        .and_then(|key| crate::domain::incident::category::category(key))
    {
        return CategoryMatch::Found(for_subject(category, subject));
    }
    let exact: Vec<&'static Category> = CATEGORIES
        .iter()
        .filter(|c| {
            [c.key, c.title, c.short_title()]
                .iter()
                .any(|w| plain(w) == wanted)
        })
        .collect();
    match exact.as_slice() {
        [one] => return CategoryMatch::Found(one),
        [] => {}
        several => {
            let fits: Vec<_> = several.iter().filter(|c| c.subject == subject).collect();
            if let [one] = fits.as_slice() {
                return CategoryMatch::Found(one);
            }
        }
    }
    CategoryMatch::Unsure(closest(&wanted))
}

/// `category`, or its counterpart for `subject` with the same short title: a synonym
/// confirmed on a pupil row ("Mobile phone") means the staff row's category on a staff row.
fn for_subject(category: &'static Category, subject: Subject) -> &'static Category {
    if category.subject == subject {
        return category;
    }
    CATEGORIES
        .iter()
        .find(|c| c.subject == subject && c.short_title() == category.short_title())
        .unwrap_or(category)
}

/// The categories sharing the most words with `wanted` (those sharing fewer are left out).
fn closest(wanted: &str) -> Vec<&'static Category> {
    let typed: Vec<&str> = words(wanted)
        .filter(|w| w.len() >= 3 && !STOP_WORDS.contains(w))
        .collect();
    let scored: Vec<(usize, &'static Category)> = CATEGORIES
        .iter()
        .map(|category| {
            let text = plain(&format!("{} {}", category.short_title(), category.title));
            let theirs: Vec<&str> = words(&text).collect();
            let shared = typed
                .iter()
                .filter(|t| theirs.iter().any(|w| alike(t, w)))
                .count();
            (shared, category)
        })
        .filter(|(shared, _)| *shared > 0)
        .collect();
    let best = scored.iter().map(|(shared, _)| *shared).max().unwrap_or(0);
    scored
        .into_iter()
        .filter(|(shared, _)| *shared == best)
        .take(CANDIDATES)
        .map(|(_, c)| c)
        .collect()
}

/// "phone" and "phones", "bullying" and "cyberbullying", "gaming" and "game".
fn alike(typed: &str, theirs: &str) -> bool {
    let stem = |w: &str| w.chars().take(5).collect::<String>();
    (theirs.len() >= 4 && typed.contains(theirs))
        || (typed.len() >= 4 && theirs.contains(typed))
        || (typed.len() >= 4 && theirs.len() >= 4 && stem(typed) == stem(theirs))
}

const STOP_WORDS: &[&str] = &[
    "and", "the", "for", "with", "from", "not", "use", "using", "online",
];

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Folded words, single-spaced: punctuation does not count ("phones cameras" is "Phones,
/// cameras"; "non- educational" is "non-educational").
pub(super) fn plain(text: &str) -> String {
    let folded = fold(text);
    words(&folded).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(typed: &str, staff_only: bool) -> Option<&'static str> {
        match match_category(typed, &Synonyms::default(), staff_only) {
            CategoryMatch::Found(category) => Some(category.key),
            CategoryMatch::Unsure(_) => None,
        }
    }

    #[test]
    fn keys_the_policys_words_and_short_titles_match_in_any_case() {
        assert_eq!(found("GROOMING", false), Some("activity.grooming"));
        assert_eq!(found("activity.grooming", false), Some("activity.grooming"));
        assert_eq!(
            found(" phones,  cameras or devices ", false),
            Some("pupil.mobile-devices")
        );
        assert_eq!(
            found("Downloading or uploading files", false),
            Some("pupil.downloading")
        );
        assert_eq!(
            found("Downloading or uploading files", true),
            Some("staff.downloading")
        );
    }

    #[test]
    fn the_schools_own_words_get_the_closest_categories_until_confirmed() {
        let CategoryMatch::Unsure(candidates) =
            match_category("Cyberbullying", &Synonyms::default(), false)
        else {
            panic!("no exact match")
        };
        assert!(
            candidates
                .iter()
                .any(|c| c.key == "pupil.offensive-messages"),
            "{candidates:?}"
        );
        assert!(candidates.len() <= CANDIDATES);
        let CategoryMatch::Unsure(phone) =
            match_category("Mobile phone", &Synonyms::default(), false)
        else {
            panic!("no exact match")
        };
        assert_eq!(phone.first().map(|c| c.key), Some("pupil.mobile-devices"));
        let mut synonyms = Synonyms::default();
        synonyms
            .add_part("Cyberbullying=pupil.offensive-messages")
            .unwrap();
        assert_eq!(
            match_category("cyberbullying ", &synonyms, false),
            CategoryMatch::Found(
                crate::domain::incident::category::category("pupil.offensive-messages").unwrap()
            )
        );
        assert_eq!(
            match_category("Cyberbullying", &synonyms, true),
            CategoryMatch::Found(
                crate::domain::incident::category::category("staff.offensive-messages").unwrap()
            ),
            "a word confirmed on a pupil row means the staff category on a staff row"
        );
        assert_eq!(Synonyms::parse(&synonyms.to_text()), Ok(synonyms.clone()));
        assert!(
            synonyms
                .add_part("Gaming=pupil.gaming")
                .unwrap_err()
                .contains("not a category key")
        );
    }
}
