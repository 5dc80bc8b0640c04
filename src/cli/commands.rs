//! What each subcommand does.

use crate::domain::clock::Clock;
use std::io::Write;
use std::path::Path;

use crate::cli::progress::{Meter, Shown, Stages};
use crate::cli::{
    Cli, CliError, Command, ExportWhat, ImportWhat, Input, Outcome, data_dir, reports,
};
use crate::domain::SchoolSettings;
use crate::domain::wording::counted;
use crate::store::vault::DEMO_PASSPHRASE;
use crate::store::{DataDir, RecoveryKey, StoreError, Vault, backup, credential};

/// Runs the parsed command line. Messages for the user go to `out`; errors are returned.
pub fn run(cli: Cli, input: &mut Input<'_>, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let dir = data_dir(&cli);
    let shown = Shown::on_stderr(cli.quiet);
    let Some(command) = cli.command else {
        return Ok(Outcome::OpenApp(dir?));
    };
    match command {
        Command::Init {
            school,
            coordinator,
            ..
        } => init(&dir?, &school, &coordinator, input, out),
        Command::Demo { yes, open } => {
            let chosen = cli.data_dir.as_deref();
            demo(chosen, Choice { yes, open }, shown, input, out)
        }
        Command::Verify { passphrase_stdin } => {
            verify(&unlock(&dir?, passphrase_stdin, input, shown)?, shown, out)
        }
        Command::Backup {
            out: file,
            passphrase_stdin,
        } => {
            let mut vault = unlock(&dir?, passphrase_stdin, input, shown)?;
            backup(&mut vault, &file, shown, out)
        }
        Command::Restore { file } => restore(&file, &dir?, shown, out),
        Command::Remember {
            forget: false,
            passphrase_stdin,
        } => remember(&unlock(&dir?, passphrase_stdin, input, shown)?, out),
        Command::Remember { forget: true, .. } => forget(&dir?, out),
        Command::Guide => guide(&dir?, out),
        Command::Report {
            period,
            out: file,
            annex,
            passphrase_stdin,
        } => {
            let period = period.period()?;
            let vault = unlock(&dir?, passphrase_stdin, input, shown)?;
            let files = reports::Files {
                report: &file,
                annex: annex.as_deref(),
            };
            reports::governor(&vault, period, files, shown, out)
        }
        Command::PrintIncident {
            reference,
            out: file,
            passphrase_stdin,
        } => reports::incident(
            &unlock(&dir?, passphrase_stdin, input, shown)?,
            &reference,
            &file,
            out,
        ),
        Command::Export {
            what:
                ExportWhat::Incidents {
                    out: file,
                    passphrase_stdin,
                },
        } => export_incidents(&unlock(&dir?, passphrase_stdin, input, shown)?, &file, out),
        Command::Export {
            what:
                ExportWhat::TrainingOutstanding {
                    out: file,
                    passphrase_stdin,
                },
        } => export_training(&unlock(&dir?, passphrase_stdin, input, shown)?, &file, out),
        Command::Export {
            what:
                ExportWhat::Schedule {
                    out: file,
                    passphrase_stdin,
                },
        } => export_schedule(&unlock(&dir?, passphrase_stdin, input, shown)?, &file, out),
        Command::Export {
            what:
                ExportWhat::People {
                    kind,
                    out: file,
                    passphrase_stdin,
                },
        } => export_people(
            &unlock(&dir?, passphrase_stdin, input, shown)?,
            kind,
            &file,
            out,
        ),
        Command::Export {
            what:
                ExportWhat::ReportFigures {
                    period,
                    out: file,
                    passphrase_stdin,
                },
        } => {
            let period = period.period()?;
            let format = reports::FiguresFormat::of(&file)?;
            let vault = unlock(&dir?, passphrase_stdin, input, shown)?;
            reports::figures(&vault, period, format, &file, out)
        }
        Command::Export {
            what:
                ExportWhat::AupOutstanding {
                    out: file,
                    passphrase_stdin,
                },
        } => export_aup(&unlock(&dir?, passphrase_stdin, input, shown)?, &file, out),
        Command::Import {
            what:
                ImportWhat::Incidents {
                    file,
                    mapping,
                    categories,
                    statuses,
                    locations,
                    devices,
                    people,
                    sheet,
                    skip_problem_rows,
                    skip_illegal_rows,
                    dry_run,
                    passphrase_stdin,
                },
        } => {
            let mut vault = unlock(&dir?, passphrase_stdin, input, shown)?;
            let request = super::incident_import::Request {
                mapping: mapping.unwrap_or_default(),
                categories,
                words: [statuses, locations, devices],
                people,
                sheet,
                skip_illegal_rows,
                choice: ImportChoice {
                    skip_problem_rows,
                    dry_run,
                },
            };
            super::incident_import::import_incidents(&mut vault, &file, &request, shown, out)
        }
        Command::Import {
            what:
                ImportWhat::People {
                    file,
                    kind,
                    mapping,
                    sheet,
                    staff_groups,
                    mark_leavers,
                    skip_problem_rows,
                    dry_run,
                    passphrase_stdin,
                },
        } => {
            let mut vault = unlock(&dir?, passphrase_stdin, input, shown)?;
            let request = PeopleRequest {
                kind,
                mapping: mapping.unwrap_or_default(),
                sheet,
                staff_groups,
                mark_leavers,
                choice: ImportChoice {
                    skip_problem_rows,
                    dry_run,
                },
            };
            super::people::import_people(&mut vault, &file, &request, out)
        }
        Command::ChangePassphrase { recovery_key } => {
            change_passphrase(&dir?, recovery_key, input, out)
        }
    }
}

fn init(
    dir: &DataDir,
    school: &str,
    coordinator: &str,
    input: &mut Input<'_>,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    if dir.has_vault() {
        return Err(StoreError::VaultExists(dir.root().to_path_buf()).into());
    }
    let passphrase = input.secret_line("the new passphrase")?;
    let (vault, recovery) =
        Vault::create(dir, &SchoolSettings::new(school, coordinator), &passphrase)?;
    say(
        out,
        &format!(
            "Created the vault for {} in {}.",
            school.trim(),
            vault.dir().root().display()
        ),
    )?;
    say(out, "")?;
    say(
        out,
        "Recovery key (shown this once: print it for the Headteacher to keep in the school safe):",
    )?;
    say(out, &format!("    {}", recovery.display().as_str()))?;
    Ok(Outcome::Done)
}

/// What `demo` was asked: replace without asking, open the app after.
struct Choice {
    yes: bool,
    open: bool,
}

fn demo(
    chosen: Option<&Path>,
    choice: Choice,
    shown: Shown,
    input: &mut Input<'_>,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let Choice { yes, open } = choice;
    let dir = match chosen {
        Some(path) => DataDir::new(path),
        None => DataDir::default_demo()
            .ok_or_else(|| CliError::other("No application data folder: use --data-dir"))?,
    };
    if dir.has_vault() {
        replace_demo(&dir, yes, input)?;
    }
    let mut stages = Stages::new(shown);
    stages.show("Creating the demo vault", None);
    let (mut vault, _) = Vault::create_demo(&dir, &demo_settings())?;
    // One commit for the whole demo: a thousand separate ones cost seconds on a busy PC.
    let now = Clock::System.now();
    let filled = vault.in_one_commit(|vault| {
        super::demo_data::populate_with_progress(vault, now, &mut |adding| {
            let (stage, counted) = adding.describe();
            stages.show(stage, counted);
        })
    });
    stages.finish();
    filled?;
    say(
        out,
        &format!(
            "Created the demo vault in {} (passphrase: {DEMO_PASSPHRASE}).",
            dir.root().display()
        ),
    )?;
    say(
        out,
        &format!(
            "Open it with: esafety-desk --data-dir \"{}\"",
            dir.root().display()
        ),
    )?;
    Ok(if open {
        Outcome::OpenApp(dir)
    } else {
        Outcome::Done
    })
}

/// The demo school's details: every contact filled in, all of them invented.
fn demo_settings() -> SchoolSettings {
    SchoolSettings {
        designated_safeguarding_lead: "Priya Shah".into(),
        headteacher: "Daniel Okafor".into(),
        chair_of_governors: "Margaret Hughes".into(),
        lado_contact: "Local Authority Designated Officer, 01632 960 123".into(),
        ..SchoolSettings::new("Stonebridge Demo Primary School", "Alex Morgan")
    }
}

/// Removes an existing demo vault after asking; refuses a folder whose vault is not the demo.
fn replace_demo(dir: &DataDir, yes: bool, input: &mut Input<'_>) -> Result<(), CliError> {
    match Vault::unlock(dir, DEMO_PASSPHRASE) {
        Ok(vault) => drop(vault),
        Err(StoreError::WrongPassphrase) => {
            return Err(CliError::other(format!(
                "{} holds a vault that is not the demo; nothing was changed",
                dir.root().display()
            )));
        }
        Err(_) => {} // A damaged demo vault may be replaced.
    }
    if !yes {
        let question = format!(
            "A demo vault already exists in {}. Replace it? [y/N] ",
            dir.root().display()
        );
        let _ = std::io::Write::write_all(&mut std::io::stderr(), question.as_bytes());
        let answer = input
            .line()?
            .map(|a| a.trim().to_lowercase())
            .unwrap_or_default();
        if answer != "y" && answer != "yes" {
            return Err(CliError::other(
                "The demo vault was kept as it was (use --yes to replace it without asking)",
            ));
        }
    }
    Ok(dir.remove_vault_files()?)
}

/// Opens the user guide, as the app's Help does, and says where it is.
fn guide(dir: &DataDir, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let file = crate::help::open_user_guide(dir.root())
        .map_err(|error| CliError::other(error.to_string()))?;
    say(out, &format!("Opened the user guide: {}", file.display()))?;
    Ok(Outcome::Done)
}

/// Keeps the vault's key in this PC's credential store, or says in words why it cannot.
fn remember(vault: &Vault, out: &mut dyn Write) -> Result<Outcome, CliError> {
    credential::availability().map_err(|why| {
        CliError::other(format!(
            "This PC cannot remember the key: {why}. Commands will need --passphrase-stdin."
        ))
    })?;
    credential::remember(vault)?;
    say(
        out,
        "This PC now remembers the key for this user account: commands and the app open the vault without the passphrase.",
    )?;
    Ok(Outcome::Done)
}

/// Removes the vault's key from this PC's credential store.
fn forget(dir: &DataDir, out: &mut dyn Write) -> Result<Outcome, CliError> {
    if !dir.has_vault() {
        return Err(StoreError::NoVault(dir.root().to_path_buf()).into());
    }
    let envelope = crate::store::envelope::KeyEnvelope::load(&dir.envelope())?;
    credential::forget(envelope.vault_id())?;
    say(
        out,
        "This PC no longer remembers the key: the passphrase is needed to open the vault.",
    )?;
    Ok(Outcome::Done)
}

/// Opens the vault with the passphrase from stdin, or the remembered key. The key derivation's
/// second or so shows a spinner on a terminal (a log gets no line for it).
fn unlock(
    dir: &DataDir,
    passphrase_stdin: bool,
    input: &mut Input<'_>,
    shown: Shown,
) -> Result<Vault, CliError> {
    if passphrase_stdin {
        let passphrase = input.secret_line("the passphrase")?;
        let spinner = if shown == Shown::Bar {
            shown
        } else {
            Shown::Nothing
        };
        let mut stages = Stages::new(spinner);
        stages.show("Unlocking the vault", None);
        let vault = Vault::unlock(dir, &passphrase);
        stages.finish();
        return Ok(vault?);
    }
    if !dir.has_vault() {
        return Err(StoreError::NoVault(dir.root().to_path_buf()).into());
    }
    Ok(credential::unlock_remembered(dir)?)
}

fn verify(vault: &Vault, shown: Shown, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let mut stages = Stages::new(shown);
    let report = vault.verify_with_progress(&mut |checking| {
        let (stage, counted) = checking.describe();
        stages.show(stage, counted);
    });
    stages.finish();
    let report = report?;
    say(out, &report.to_string())?;
    Ok(Outcome::Done)
}

fn backup(
    vault: &mut Vault,
    file: &Path,
    shown: Shown,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let mut meter = Meter::new("Backing up", shown);
    let summary = vault.back_up_with_progress(file, &mut |step| meter.show(step));
    meter.finish();
    let summary = summary?;
    say(
        out,
        &format!(
            "Backed up to {} ({} KiB, encrypted; the same passphrase and recovery key open it).",
            summary.file.display(),
            summary.database_bytes.div_ceil(1024)
        ),
    )?;
    Ok(Outcome::Done)
}

fn restore(
    file: &Path,
    dir: &DataDir,
    shown: Shown,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let mut meter = Meter::new("Restoring (checked, then written)", shown);
    let summary = backup::restore_with_progress(file, dir, &mut |step| meter.show(step));
    meter.finish();
    let summary = summary?;
    say(
        out,
        &format!(
            "Restored the backup taken {} into {}. Open it with the passphrase or recovery key in force then.",
            summary.created_at,
            dir.root().display()
        ),
    )?;
    Ok(Outcome::Done)
}

fn export_incidents(vault: &Vault, file: &Path, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let mut buffer = Vec::new();
    let count = vault.export_incidents(&mut buffer)?;
    write_export(file, &buffer, &format!("{count} incidents"), out)
}

fn export_training(vault: &Vault, file: &Path, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let mut buffer = Vec::new();
    let today = Clock::System.today();
    let count = vault.export_training_outstanding(today, &mut buffer)?;
    write_export(
        file,
        &buffer,
        &format!(
            "{} of outstanding training",
            counted(count, "line", "lines")
        ),
        out,
    )
}

fn export_schedule(vault: &Vault, file: &Path, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let mut buffer = Vec::new();
    let count = vault.export_schedule(&mut buffer)?;
    crate::store::files::write_output(file, &buffer)?;
    say(
        out,
        &format!(
            "Exported {} to {}: import it into Outlook or any calendar.",
            counted(count, "review date", "review dates"),
            file.display()
        ),
    )?;
    Ok(Outcome::Done)
}

fn export_people(
    vault: &Vault,
    kind: Option<crate::cli::PeopleKind>,
    file: &Path,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let mut buffer = Vec::new();
    let count = vault.export_people(kind.map(crate::cli::PeopleKind::kind), &mut buffer)?;
    write_export(file, &buffer, &counted(count, "person", "people"), out)
}

fn export_aup(vault: &Vault, file: &Path, out: &mut dyn Write) -> Result<Outcome, CliError> {
    let mut buffer = Vec::new();
    let today = Clock::System.today();
    let count = vault.export_aup_outstanding(today, &mut buffer)?;
    write_export(
        file,
        &buffer,
        &format!(
            "{} of outstanding signatures",
            counted(count, "line", "lines")
        ),
        out,
    )
}

/// Writes an export and says what it holds, and that it is not encrypted.
fn write_export(
    file: &Path,
    buffer: &[u8],
    what: &str,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    crate::store::files::write_output(file, buffer)?;
    say(out, &format!("Exported {what} to {}.", file.display()))?;
    say(
        out,
        "The CSV is not encrypted and holds names: keep it on the school's secure storage and delete it when done.",
    )?;
    Ok(Outcome::Done)
}

/// How an import was asked to treat problems.
#[derive(Debug, Clone, Copy)]
pub(super) struct ImportChoice {
    pub(super) skip_problem_rows: bool,
    pub(super) dry_run: bool,
}

/// What `import people` was asked to do.
#[derive(Debug, Clone)]
pub(super) struct PeopleRequest {
    pub(super) kind: crate::cli::PeopleKind,
    pub(super) mapping: String,
    pub(super) sheet: Option<String>,
    pub(super) staff_groups: Vec<String>,
    pub(super) mark_leavers: bool,
    pub(super) choice: ImportChoice,
}

/// Each problem of each row, as "line 7: …".
pub(super) fn line_problems<'a>(rows: impl Iterator<Item = (u64, &'a Vec<String>)>) -> Vec<String> {
    rows.flat_map(|(line, problems)| problems.iter().map(move |p| format!("line {line}: {p}")))
        .collect()
}

/// What every import does with a file's preview: with problems and no skipping, fails with
/// them listed and nothing imported; on a dry run, prints the summary; otherwise names the
/// rows left out and says to go on. Returns whether to import.
pub(super) fn ready_to_import(
    problems: Vec<String>,
    summary: String,
    choice: ImportChoice,
    out: &mut dyn Write,
) -> Result<bool, CliError> {
    let clean = problems.is_empty();
    if !choice.dry_run && (clean || choice.skip_problem_rows) {
        for line in &problems {
            say(out, &format!("left out: {line}"))?;
        }
        return Ok(true);
    }
    if clean {
        say(out, &summary)?;
        say(out, "Nothing was imported (--dry-run).")?;
        return Ok(false);
    }
    let mut report = problems;
    report.push(summary);
    report.push("Nothing was imported. Fix those rows, or run again with --skip-problem-rows to leave them out.".into());
    Err(CliError::other(report.join("\n")))
}

fn change_passphrase(
    dir: &DataDir,
    with_recovery: bool,
    input: &mut Input<'_>,
    out: &mut dyn Write,
) -> Result<Outcome, CliError> {
    let mut vault = if with_recovery {
        let typed = input.secret_line("the recovery key")?;
        Vault::unlock_with_recovery(dir, &RecoveryKey::parse(&typed)?)?
    } else {
        Vault::unlock(dir, &input.secret_line("the current passphrase")?)?
    };
    let new = input.secret_line("the new passphrase")?;
    vault.change_passphrase(&new, &new)?;
    if credential::is_remembered(vault.vault_id()) {
        credential::remember(&vault)?;
    }
    say(
        out,
        "The passphrase is changed. The recovery key stays the same.",
    )?;
    Ok(Outcome::Done)
}

pub(super) fn say(out: &mut dyn Write, line: &str) -> Result<(), CliError> {
    writeln!(out, "{line}").map_err(|e| CliError::other(format!("Could not write the output: {e}")))
}
