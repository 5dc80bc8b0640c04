//! `import people`: a people list from the MIS, checked row by row, then applied in one go.

use crate::domain::clock::Clock;
use std::io::Write;
use std::path::Path;

use crate::cli::commands::{PeopleRequest, line_problems, ready_to_import, say};
use crate::cli::{CliError, Outcome};
use crate::domain::person_import::Mapping;
use crate::domain::staff_groups::TitleGroups;
use crate::domain::wording::counted;
use crate::store::Vault;
use crate::store::person_import::PeoplePreview;

/// Runs `import people`.
pub(super) fn import_people(
    vault: &mut Vault,
    file: &Path,
    request: &PeopleRequest,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let raw = std::fs::read(file)
        .map_err(|e| CliError::other(format!("Could not read {}: {e}", file.display())))?;
    let bytes = crate::domain::spreadsheet::as_csv(&raw, request.sheet.as_deref())
        .map_err(|problem| CliError::other(problem.to_string()))?;
    let mapping = Mapping::parse(&request.mapping).map_err(|e| CliError::usage(e.to_string()))?;
    let mut corrections = TitleGroups::default();
    for part in &request.staff_groups {
        corrections.add_part(part).map_err(CliError::usage)?;
    }
    if !corrections.0.is_empty() {
        vault.correct_staff_groups(&corrections)?;
    }
    let kind = request.kind.kind();
    let today = Clock::System.today();
    let preview = vault.preview_people_import(&bytes, kind, &mapping, today)?;
    if !preview.job_titles.is_empty() {
        say(out, &job_titles(&preview))?;
    }
    let problems = line_problems(preview.rows.iter().map(|row| (row.line, &row.problems)));
    let choice = request.choice;
    if !ready_to_import(problems, summary(&preview), choice, out)? {
        return Ok(Outcome::Done);
    }
    let done = vault.import_people(
        &bytes,
        kind,
        &mapping,
        choice.skip_problem_rows,
        request.mark_leavers,
        today,
    )?;
    say(
        out,
        &format!(
            "Added {}, updated {}, {} unchanged; left out {} with problems; {} marked as leavers; {} between parents and children.",
            counted(done.added, "person", "people"),
            done.updated,
            done.unchanged,
            counted(done.skipped, "row", "rows"),
            done.leavers_marked,
            counted(done.links_added, "new link", "new links")
        ),
    )?;
    if !request.mark_leavers && !preview.leavers.is_empty() {
        say(out, &leavers_line(&preview))?;
    }
    Ok(Outcome::Done)
}

fn summary(preview: &PeoplePreview) -> String {
    let (new, updates, same) = preview.changes();
    format!(
        "Columns: {}. {new} new, {updates} to update, {same} unchanged, {} with problems, {} repeated lines counted once. {}",
        preview.mapping,
        preview.problem_rows(),
        preview.repeats.len(),
        leavers_line(preview)
    )
}

/// "Job titles: Headteacher → Headteacher; Cover Supervisor → Teaching staff (the school's)…".
fn job_titles(preview: &PeoplePreview) -> String {
    let titles: Vec<String> = preview
        .job_titles
        .iter()
        .map(|(title, group, corrected)| {
            let whose = if *corrected {
                " (as the school said)"
            } else {
                ""
            };
            format!("{title} → {}{whose}", group.title())
        })
        .collect();
    format!(
        "Job titles: {}. Correct one with --staff-group \"Job title=group\" (headteacher, teaching, support or technical).",
        titles.join("; ")
    )
}

fn leavers_line(preview: &PeoplePreview) -> String {
    match preview.leavers.len() {
        0 => "Nobody is missing from the list.".to_owned(),
        n => format!(
            "{} not in this list (not deleted; --mark-leavers records them as leaving today): {}",
            counted(n, "person is", "people are"),
            preview
                .leavers
                .iter()
                .map(|(_, name)| name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
