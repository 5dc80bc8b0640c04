//! The rule for a strong passphrase, with the feedback the strength meter shows.

use thiserror::Error;

/// The fewest characters a passphrase may have.
pub const MIN_LENGTH: usize = 12;
/// The lowest zxcvbn score (0–4) accepted: about 10^10 guesses, strong against offline attack.
pub const MIN_SCORE: u8 = 3;

/// How strong a passphrase is, for the meter and for the rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strength {
    /// zxcvbn's score from 0 (guessed at once) to 4 (very strong).
    pub score: u8,
    /// One word for the meter.
    pub label: &'static str,
    /// What would make it stronger, when there is something to say.
    pub advice: Option<String>,
}

/// Why a new passphrase is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PassphraseProblem {
    /// Too short to be strong.
    #[error("Use at least {MIN_LENGTH} characters: a few unrelated words make a good passphrase")]
    TooShort,
    /// Long enough but easy to guess.
    #[error("That passphrase is too easy to guess. {0}")]
    TooWeak(String),
    /// The two copies differ.
    #[error("The two passphrases do not match")]
    Mismatch,
}

/// Rates `passphrase`, counting words from `context` (school name, names) as easy to guess.
pub fn assess(passphrase: &str, context: &[&str]) -> Strength {
    if passphrase.is_empty() {
        return Strength {
            score: 0,
            label: "Empty",
            advice: None,
        };
    }
    // zxcvbn matches whole dictionary entries: give it each word of the names, not the names.
    let words: Vec<String> = context
        .iter()
        .flat_map(|c| c.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let entropy = zxcvbn::zxcvbn(passphrase, &words);
    let score = entropy.score() as u8;
    let advice = entropy.feedback().map(|feedback| {
        let mut parts: Vec<String> = feedback
            .warning()
            .map(|w| w.to_string())
            .into_iter()
            .collect();
        parts.extend(feedback.suggestions().iter().map(ToString::to_string));
        parts.join(" ")
    });
    Strength {
        score,
        label: label_for(score),
        advice: advice.filter(|a| !a.is_empty()),
    }
}

/// Checks a new passphrase and its confirmation against the rule.
pub fn check_new(
    passphrase: &str,
    confirmation: &str,
    context: &[&str],
) -> Result<(), PassphraseProblem> {
    if passphrase.chars().count() < MIN_LENGTH {
        return Err(PassphraseProblem::TooShort);
    }
    let strength = assess(passphrase, context);
    if strength.score < MIN_SCORE {
        let advice = strength
            .advice
            .unwrap_or_else(|| "Add another unusual word.".into());
        return Err(PassphraseProblem::TooWeak(advice));
    }
    if passphrase != confirmation {
        return Err(PassphraseProblem::Mismatch);
    }
    Ok(())
}

fn label_for(score: u8) -> &'static str {
    match score {
        0 => "Very weak",
        1 => "Weak",
        2 => "Fair",
        3 => "Strong",
        _ => "Very strong",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_or_common_passphrases_are_refused_with_a_reason() {
        assert_eq!(
            check_new("Password1!", "Password1!", &[]),
            Err(PassphraseProblem::TooShort)
        );
        let weak = check_new("password1234", "password1234", &[]);
        assert!(
            matches!(weak, Err(PassphraseProblem::TooWeak(_))),
            "{weak:?}"
        );
    }

    #[test]
    fn the_school_name_does_not_count_as_strength() {
        let context = ["Stonebridge Primary"];
        let with_name = assess("stonebridgeprimary", &context);
        assert!(with_name.score < MIN_SCORE);
    }

    #[test]
    fn a_strong_passphrase_must_be_typed_the_same_twice() {
        let good = "kettle orbit marmalade fjord";
        assert_eq!(check_new(good, good, &[]), Ok(()));
        assert_eq!(
            check_new(good, "kettle orbit", &[]),
            Err(PassphraseProblem::Mismatch)
        );
        assert_eq!(assess(good, &[]).label, "Very strong");
    }
}
