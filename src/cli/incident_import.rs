//! `import incidents`: an old incident log, mapped and matched, previewed with every problem
//! at once, then its new rows imported in one go.

use std::io::Write;
use std::path::Path;

use crate::cli::commands::{ImportChoice, line_problems, ready_to_import, say};
use crate::cli::progress::{Shown, Stages};
use crate::cli::{CliError, Outcome};
use crate::domain::clock::Clock;
use crate::domain::incident::import::{
    CategoryMatch, IncidentMapping, ListField, ReadChoices, Synonyms, Target, ValueWords,
    unknown_value, unsure_category,
};
use crate::domain::wording::counted;
use crate::store::Vault;
use crate::store::import::{Going, ImportFile, ImportPreview, RowState, Skips};

/// What `import incidents` was asked to do.
#[derive(Debug, Clone)]
pub(super) struct Request {
    pub(super) mapping: String,
    pub(super) categories: Vec<String>,
    /// `--status`, `--location` and `--device`, in [`ListField::ALL`]'s order.
    pub(super) words: [Vec<String>; 3],
    /// `--person "Name=NUMBER"`.
    pub(super) people: Vec<String>,
    pub(super) sheet: Option<String>,
    pub(super) skip_illegal_rows: bool,
    pub(super) choice: ImportChoice,
}

impl Request {
    fn choices(&self) -> Result<ReadChoices, CliError> {
        let mapping =
            IncidentMapping::parse(&self.mapping).map_err(|e| CliError::usage(e.to_string()))?;
        let mut synonyms = Synonyms::default();
        for part in &self.categories {
            synonyms.add_part(part).map_err(CliError::usage)?;
        }
        let mut words = ValueWords::default();
        for (field, parts) in ListField::ALL.into_iter().zip(&self.words) {
            for part in parts {
                words.add_part(field, part).map_err(CliError::usage)?;
            }
        }
        let mut people = std::collections::BTreeMap::new();
        for part in &self.people {
            let (name, number) = part
                .rsplit_once('=')
                .and_then(|(n, id)| Some((n.trim(), id.trim().trim_start_matches('#').parse().ok()?)))
                .filter(|(n, _)| !n.is_empty())
                .ok_or_else(|| {
                    CliError::usage(format!(
                        "\"{part}\" is not Name=NUMBER, e.g. --person \"Sam Taylor=41\" (the preview numbers each person a name could be)"
                    ))
                })?;
            people.insert(crate::domain::search::fold(name), number);
        }
        Ok(ReadChoices {
            mapping,
            synonyms,
            words,
            sheet: self.sheet.clone(),
            people,
        })
    }
}

/// Runs `import incidents`.
pub(super) fn import_incidents(
    vault: &mut Vault,
    path: &Path,
    request: &Request,
    shown: Shown,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::other(format!("Could not read {}: {e}", path.display())))?;
    let choices = request.choices()?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let file = ImportFile {
        name: &name,
        bytes: &bytes,
        choices: &choices,
    };
    let now = Clock::System.now();
    let preview = vault.preview_import(file, now)?;
    for line in explained(&preview) {
        say(out, &line)?;
    }
    if let Some(missing) = preview.missing.clone() {
        return Err(crate::store::StoreError::rule(missing).into());
    }
    let problems = line_problems(preview.rows.iter().map(|row| (row.line, &row.problems)));
    if !ready_to_import(problems, summary(&preview), request.choice, out)? {
        return Ok(Outcome::Done);
    }
    let skips = Skips {
        problem_rows: request.choice.skip_problem_rows,
        illegal_rows: request.skip_illegal_rows,
    };
    let mut stages = Stages::new(shown);
    let done = vault.import_incidents_with_progress(file, skips, now, &mut |step| {
        let (stage, counted) = step.describe();
        stages.show(stage, counted);
        Going::On
    });
    stages.finish();
    let done = done?;
    say(
        out,
        &format!(
            "Imported {} from {name}; {} already in the vault; left out {} with problems; added {}.",
            counted(done.imported, "incident", "incidents"),
            counted(done.already, "row", "rows"),
            counted(done.left_out.len(), "row", "rows"),
            counted(done.people_added, "person", "people")
        ),
    )?;
    if !done.police_step_missing.is_empty() {
        say(
            out,
            &format!(
                "Imported open, flagged 'police step not recorded' (the log called them closed): {}",
                done.police_step_missing.join(", ")
            ),
        )?;
    }
    Ok(Outcome::Done)
}

/// What the preview found before any problem: the columns, the categories, the people, the
/// rows already in the vault and the illegal rows imported open.
fn explained(preview: &ImportPreview) -> Vec<String> {
    let columns: Vec<String> = preview
        .columns
        .iter()
        .map(|(column, target)| match target {
            Target::Field(field) => format!("{column} → {field}"),
            Target::Notes => format!("{column} → kept in the notes"),
            Target::LeaveOut => format!("{column} → left out"),
        })
        .collect();
    let mut lines: Vec<String> = preview
        .sheet
        .iter()
        .map(|sheet| format!("Sheet: {sheet} (--sheet reads another)."))
        .collect();
    lines.push(format!("Columns: {}.", columns.join("; ")));
    let categories: Vec<String> = preview
        .categories
        .iter()
        .map(|(typed, matched)| match matched {
            CategoryMatch::Found(category) => {
                format!(
                    "\"{typed}\" → {} ({})",
                    category.key,
                    category.short_title()
                )
            }
            CategoryMatch::Unsure(candidates) => unsure_category(typed, candidates),
        })
        .collect();
    lines.push("Categories:".to_owned());
    lines.extend(categories.into_iter().map(|line| format!("  {line}")));
    for (name, candidates) in &preview.ambiguous {
        let each: Vec<String> = candidates
            .iter()
            .map(|(id, about)| format!("#{id} {about}"))
            .collect();
        lines.push(format!(
            "{name} could be any of: {}: say who with --person \"{name}=NUMBER\"",
            each.join(", ")
        ));
    }
    if !preview.unknown_words.is_empty() {
        lines.push("Words to say the meaning of:".to_owned());
        lines.extend(
            preview
                .unknown_words
                .iter()
                .map(|(field, typed)| format!("  {}", unknown_value(*field, typed))),
        );
    }
    let mut people = format!(
        "People: {} found in the people list",
        counted(preview.matched_people, "person", "people")
    );
    if !preview.new_people.is_empty() {
        people.push_str(&format!(
            "; {} to add: {}",
            preview.new_people.len(),
            preview.new_people.join(", ")
        ));
    }
    lines.push(format!("{people}."));
    for row in &preview.rows {
        match row.state {
            RowState::Repeats(earlier) => lines.push(format!(
                "line {}: the same incident as line {earlier}; imported once",
                row.line
            )),
            RowState::Ready if row.police_step_missing => lines.push(format!(
                "line {}: closed in the log, but its category may be illegal and no police step is recorded: it will be imported open and flagged 'police step not recorded'",
                row.line
            )),
            _ => {}
        }
    }
    lines
}

fn summary(preview: &ImportPreview) -> String {
    format!(
        "{}: {} new, {} already in the vault, {} with problems; {} would be added.",
        counted(preview.rows.len(), "row", "rows"),
        preview.ready_rows(),
        preview.already_rows(),
        preview.problem_rows(),
        counted(preview.new_people.len(), "new person", "new people")
    )
}
