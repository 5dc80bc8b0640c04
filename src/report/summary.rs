//! The report's opening paragraph, in plain words, from the figures. A hidden count is never
//! given away by a difference: when either side of a comparison is hidden, both are stated
//! as shown and no difference is worked out.

use crate::report::counts::Count;
use crate::report::incidents::IncidentFigures;
use crate::report::registers::Compliance;

fn incidents_word(count: &Count) -> String {
    match (count.hidden, count.value) {
        (true, _) => format!("{} incidents", count.shown),
        (false, 1) => "1 incident".into(),
        (false, n) => format!("{n} incidents"),
    }
}

/// A period's title as it reads inside a sentence: "Autumn 1 2025-26", "the 2024-25 school year".
fn in_words(title: &str) -> String {
    title.strip_prefix("School year ").map_or_else(
        || title.to_owned(),
        |year| format!("the {year} school year"),
    )
}

fn against(this: &Count, other: &Count, other_title: &str) -> String {
    let other_title = in_words(other_title);
    if this.hidden || other.hidden {
        return format!("against {} in {other_title}", other.shown);
    }
    match this.value.cmp(&other.value) {
        std::cmp::Ordering::Equal => format!("the same as in {other_title}"),
        std::cmp::Ordering::Greater => {
            format!(
                "{} more than in {other_title} ({})",
                this.value - other.value,
                other.value
            )
        }
        std::cmp::Ordering::Less => {
            format!(
                "{} fewer than in {other_title} ({})",
                other.value - this.value,
                other.value
            )
        }
    }
}

/// The paragraph: how many, against the two comparisons, the main area of risk, referrals,
/// illegal incidents, what is still open, and the training and signature picture.
pub fn paragraph(
    period_title: &str,
    incidents: &IncidentFigures,
    training: &[Compliance],
    aup: &[Compliance],
) -> String {
    let period_title = in_words(period_title);
    let total = &incidents.total;
    if total.value == 0 {
        let mut text = format!("No online-safety incidents were reported in {period_title}.");
        text.push_str(&registers_sentence(training, aup));
        return text;
    }
    let previous = against(total, &incidents.previous_total, &incidents.previous_title);
    let comparisons = if incidents.previous_title == incidents.year_earlier_title {
        previous
    } else {
        let year_earlier = against(
            total,
            &incidents.year_earlier_total,
            &incidents.year_earlier_title,
        );
        format!("{previous}, and {year_earlier}")
    };
    let mut text = format!(
        "{} {} reported in {period_title}, {comparisons}.",
        capitalised(&incidents_word(total)),
        if total.value == 1 && !total.hidden {
            "was"
        } else {
            "were"
        },
    );
    let top = incidents
        .by_risk
        .iter()
        .filter(|r| r.count.value > 0)
        .max_by_key(|r| r.count.value);
    if let Some(top) = top.filter(|top| !top.count.hidden) {
        text.push_str(&format!(
            " The largest share concerned {} ({}).",
            top.label.to_lowercase(),
            top.count.shown
        ));
    }
    let police = incidents.referrals.iter().find(|r| r.label == "Police");
    if let Some(police) = police {
        text.push_str(&format!(
            " {} referred to the police.",
            capitalised(&was_were(&police.count))
        ));
    }
    text.push(' ');
    text.push_str(&incidents.serious.sentence());
    let closed = incidents.by_status.iter().find(|s| s.label == "Closed");
    if let Some(closed) = closed {
        let still_open = total.value - closed.count.value;
        if still_open > 0 && !total.hidden && !closed.count.hidden {
            text.push_str(&format!(
                " {still_open} remained open or under investigation when this report was made."
            ));
        } else if still_open == 0 {
            text.push_str(" All have been closed.");
        }
    }
    text.push_str(&registers_sentence(training, aup));
    text
}

/// "1 incident was", "fewer than 3 incidents were" (the words of a figure followed by its verb).
fn was_were(count: &Count) -> String {
    if !count.hidden && count.value == 1 {
        "1 incident was".into()
    } else {
        format!("{} were", incidents_word(count))
    }
}

fn registers_sentence(training: &[Compliance], aup: &[Compliance]) -> String {
    let mut parts = Vec::new();
    if let Some(all) = training.iter().find(|c| c.label == "All staff")
        && !all.percent.hidden
    {
        parts.push(format!(
            "{} of staff are up to date with their online-safety training",
            all.percent.shown
        ));
    }
    if let Some(pupils) = aup.iter().find(|c| c.label == "Pupils")
        && !pupils.percent.hidden
    {
        parts.push(format!(
            "{} of pupils have signed the current acceptable use agreement",
            pupils.percent.shown
        ));
    }
    match parts.len() {
        0 => String::new(),
        _ => format!(" {}.", capitalised(&parts.join(", and "))),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
