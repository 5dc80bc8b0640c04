//! Plain-English wording shared by the screens and the command line.

/// "1 incident", "3 incidents", "0 incidents".
pub fn counted(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// The first `at_most` of `items`, comma-separated, and how many more there are: "Ann, Bo
/// and 19,998 more". A screen stays readable when a file names twenty thousand people.
pub fn first_few(items: &[String], at_most: usize) -> String {
    let shown = items
        .iter()
        .take(at_most)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    match items.len().saturating_sub(at_most) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::{counted, first_few};

    #[test]
    fn a_long_list_shows_its_first_few_and_counts_the_rest() {
        let names: Vec<String> = ["Ann", "Bo", "Cy"].map(String::from).to_vec();
        assert_eq!(first_few(&names, 5), "Ann, Bo, Cy");
        assert_eq!(first_few(&names, 3), "Ann, Bo, Cy");
        assert_eq!(first_few(&names, 2), "Ann, Bo and 1 more");
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "row", "rows"), "1 row");
        assert_eq!(counted(0, "row", "rows"), "0 rows");
        assert_eq!(counted(12, "person", "people"), "12 people");
    }
}
