//! The form's two search boxes: the person to add, found by name, year group or kind, and the
//! category, found by any word of its short title, the policy's wording, its level or whom it
//! is about.

use std::sync::LazyLock;

use super::{CategoryChoice, Form, PersonChoice, default_role};
use crate::domain::incident::category::{CATEGORIES, Category};
use crate::domain::person::year_group_name;
use crate::domain::search::{Query, best_matches, fold};
use crate::store::people::Person;
use crate::ui::picker::{self, SHOWN, Shown, Step};

/// Each category's words as the search compares them, in the order of `CATEGORIES`.
static CATEGORY_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    CATEGORIES
        .iter()
        .map(|category| {
            fold(&format!(
                "{} {} {} {}",
                category.short_title(),
                category.level.code(),
                category.whom(),
                category.title
            ))
        })
        .collect()
});

/// A person's words as the search compares them: name, year group, kind, recorded role.
pub(super) fn person_words(person: &Person) -> String {
    let year = person.year_group.map(year_group_name).unwrap_or_default();
    let left = if person.left_on.is_some() { "left" } else { "" };
    fold(&format!(
        "{} {year} {} {} {left}",
        person.name,
        person.kind.code(),
        person.role
    ))
}

/// What is shown beside a person's name: year group or kind, and whether they have left.
pub(super) fn person_detail(person: &Person) -> String {
    let what = match person.year_group {
        Some(year) => year_group_name(year),
        None if person.role.trim().is_empty() => person.kind.title().to_owned(),
        None => format!("{} · {}", person.kind.title(), person.role.trim()),
    };
    match person.left_on {
        Some(day) => format!("{what} · left {}", day.format("%m/%Y")),
        None => what,
    }
}

/// What is shown beside a category's short title: its level and whom it is about.
pub(super) fn category_detail(category: &Category) -> String {
    format!("{} · {}", category.level.title(), category.whom())
}

impl Form {
    /// The people matching what was typed in the person box, best first.
    pub(super) fn person_matches(&self) -> Vec<&Person> {
        let query = Query::new(self.person_search.query());
        let items = self
            .everyone
            .iter()
            .zip(&self.people_words)
            .map(|(choice, words)| (&choice.0, words.as_str()));
        best_matches(&query, items, SHOWN)
    }

    /// The categories matching what was typed in the category box, best first.
    pub(super) fn category_matches(&self) -> Vec<&'static Category> {
        let query = Query::new(self.category_search.query());
        let items = CATEGORIES
            .iter()
            .zip(CATEGORY_WORDS.iter().map(String::as_str));
        best_matches(&query, items, SHOWN)
    }

    /// The person matches as the picker lists them.
    pub(super) fn shown_people(&self) -> Vec<Shown> {
        self.person_matches()
            .into_iter()
            .map(|person| Shown {
                label: person.name.clone(),
                detail: person_detail(person),
            })
            .collect()
    }

    /// The category matches as the picker lists them.
    pub(super) fn shown_categories(&self) -> Vec<Shown> {
        self.category_matches()
            .into_iter()
            .map(|category| Shown {
                label: category.short_title().to_owned(),
                detail: category_detail(category),
            })
            .collect()
    }

    /// Something was typed or chosen in the person box: a chosen person joins the incident
    /// in the part their kind suggests (changed on their line).
    pub(super) fn search_person(&mut self, message: picker::Message) {
        let matches: Vec<Person> = self.person_matches().into_iter().cloned().collect();
        if let Some(index) = self.person_search.update(message, matches.len())
            && let Some(person) = matches.get(index)
        {
            self.involve(person.clone(), default_role(person));
        }
    }

    /// Something was typed or chosen in the category box.
    pub(super) fn search_category(&mut self, message: picker::Message) {
        let matches = self.category_matches();
        if let Some(index) = self.category_search.update(message, matches.len())
            && let Some(category) = matches.get(index)
        {
            self.choose_category(CategoryChoice(category));
        }
    }

    /// An arrow key: it moves the highlight of the box typed into last.
    pub(super) fn step(&mut self, step: Step) {
        let people = self.person_matches().len();
        if !self.person_search.step(step, people) {
            let categories = self.category_matches().len();
            self.category_search.step(step, categories);
        }
    }

    /// Focus moved with Tab: the arrow keys go back to the fields.
    pub(super) fn focus_moved(&mut self) {
        self.person_search.leave();
        self.category_search.leave();
    }

    /// Esc: the search box typed into last is emptied.
    pub(super) fn escape(&mut self) {
        for picker in [&mut self.person_search, &mut self.category_search] {
            if picker.is_active() {
                picker.clear();
            }
        }
    }

    /// Someone already in the people list with the name typed as someone new, if anyone.
    pub(super) fn look_alike(&self) -> Option<&PersonChoice> {
        let typed = fold(&format!(
            "{} {}",
            self.newcomer.given.trim(),
            self.newcomer.family.trim()
        ));
        if self.newcomer.given.trim().is_empty() || self.newcomer.family.trim().is_empty() {
            return None;
        }
        self.everyone
            .iter()
            .find(|choice| fold(&choice.0.name) == typed)
    }
}
