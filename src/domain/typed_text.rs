//! What a cell of an imported file may hold: text a person could have typed. Control
//! characters (a NUL, a bell) are never typed; bidirectional override characters can make a
//! record display differently from what it holds; a cell of megabytes is a broken file, not a
//! record. Each is refused with its reason, naming the character.

/// The longest a cell of free text may be.
pub const MAX_TEXT: usize = 10_000;
/// The longest a name may be.
pub const MAX_NAME: usize = 200;

/// Why a cell cannot be taken as typed text, if it cannot.
pub fn problem(text: &str, longest: usize) -> Option<String> {
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Some(format!(
            "holds a control character (U+{:04X}) no one types: the file may be damaged",
            u32::from(c)
        ));
    }
    if text.contains('\u{FFFD}') {
        return Some(
            "holds bytes that are not text in UTF-8 (the file may be an older \"CSV\" from \
             Excel): save it again as \"CSV UTF-8\""
                .into(),
        );
    }
    if let Some(c) = text.chars().find(|c| is_direction_override(*c)) {
        return Some(format!(
            "holds a text-direction character (U+{:04X}) that can make it display differently \
             from what it says: remove it",
            u32::from(c)
        ));
    }
    let length = text.chars().count();
    (length > longest)
        .then(|| format!("is {length} characters long; at most {longest} are kept: shorten it"))
}

/// The embedding, override and isolate characters of Unicode's bidirectional algorithm
/// (U+202A–U+202E, U+2066–U+2069).
fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_direction_characters_and_huge_cells_are_refused_by_name() {
        assert!(problem("a\0b", MAX_TEXT).unwrap().contains("U+0000"));
        assert!(
            problem("evil\u{202E}txt.exe", MAX_TEXT)
                .unwrap()
                .contains("U+202E")
        );
        let long = "x".repeat(MAX_NAME + 1);
        assert!(problem(&long, MAX_NAME).unwrap().contains("201 characters"));
        assert_eq!(
            problem("Line one\nline two\tand Łódź, محمد, 王芳", MAX_TEXT),
            None
        );
    }
}
