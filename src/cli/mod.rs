//! The command line: the same binary as the GUI, for network managers' scripts and checks.

mod commands;
pub mod demo_data;
mod incident_import;
mod input;
mod people;
mod progress;
mod reports;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::store::{DataDir, StoreError};

pub use commands::run;
pub use input::Input;

/// Exit codes, as documented in `--help` and the README.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// Any other failure.
    pub const FAILURE: u8 = 1;
    /// The command line was not understood.
    pub const USAGE: u8 = 2;
    /// Wrong passphrase or recovery key, or the vault is locked.
    pub const LOCKED: u8 = 3;
    /// The database is damaged or the audit chain does not match.
    pub const INTEGRITY: u8 = 4;
}

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  other failure (the message says what)
  2  the command line was not understood
  3  wrong passphrase or recovery key, or the vault is locked
  4  the database is damaged or the audit chain does not match

Passphrases are read from standard input (--passphrase-stdin), one per line, or come from
the credential store when \"Remember on this PC\" is on. Never put one on the command line.

The user guide is installed beside the program (user-guide.html), in the Start menu, and
opens from Help in the app. 'esafety-desk import incidents --help' lists the import's
columns and the category keys.";

/// E-Safety Desk: record online-safety incidents, training and policy for a school.
#[derive(Debug, Parser)]
#[command(name = "esafety-desk", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// The data folder holding the vault (default: the user's local application data)
    #[arg(long, global = true, value_name = "DIR", env = "ESAFETY_DESK_DATA")]
    pub data_dir: Option<PathBuf>,
    /// Show no progress on standard error (results and errors are still printed)
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// What to do; with none, the app opens
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault and print its recovery key once
    Init {
        /// The school's name
        #[arg(long, value_name = "NAME")]
        school: String,
        /// The E-Safety Co-ordinator's name
        #[arg(long, value_name = "NAME")]
        coordinator: String,
        /// Read the new passphrase from the first line of standard input (required)
        #[arg(long, required = true)]
        passphrase_stdin: bool,
    },
    /// Create (or recreate) the demo vault, passphrase "demo", in its own data folder
    Demo {
        /// Replace an existing demo vault without asking
        #[arg(long)]
        yes: bool,
        /// Open the app on the demo vault afterwards
        #[arg(long)]
        open: bool,
    },
    /// Check the database pages and the audit chain
    Verify {
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Write an encrypted backup that the same passphrase and recovery key open
    Backup {
        /// The backup file to write (replaced if it exists)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Restore a backup into an empty data folder
    Restore {
        /// The backup file
        file: PathBuf,
    },
    /// Import records from a CSV file (checked first: any problem and nothing is imported)
    Import {
        /// What to import
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export records to a CSV file (not encrypted: keep it safe, delete it when done)
    Export {
        /// What to export
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Write the anonymised governor report as a PDF: a half-term (the one just ended if neither
    /// is given) or a whole school year
    Report {
        /// The half-term or school year
        #[command(flatten)]
        period: ReportPeriod,
        /// The PDF file to write (replaced if it exists)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Also write the confidential annex for the safeguarding governor (one line per
        /// incident, by week, no names) to this PDF file
        #[arg(long, value_name = "FILE")]
        annex: Option<PathBuf>,
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Write one incident's full record as a PDF for the evidence file (names included,
    /// marked confidential on every page)
    PrintIncident {
        /// The incident's reference, e.g. ES-2025-0042
        reference: String,
        /// The PDF file to write (replaced if it exists)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Turn "Remember on this PC" on for this user account (the data key kept in the Windows
    /// Credential Manager, the macOS Keychain or the Secret Service), so scheduled commands
    /// such as the nightly backup need no passphrase; or off with --forget
    Remember {
        /// Turn it off: remove the key from this PC's credential store
        #[arg(long)]
        forget: bool,
        /// Read the passphrase from standard input (needed to turn it on)
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Open the user guide in the web browser (the copy installed beside the program, or one
    /// written beside the data folder), and print where it is
    Guide,
    /// Change the passphrase: reads the current one (or the recovery key) then the new one
    ChangePassphrase {
        /// The first line is the recovery key instead of the current passphrase
        #[arg(long)]
        recovery_key: bool,
    },
}

/// The period a report is for: a half-term, a school year, or (neither) the half-term just
/// ended.
#[derive(Debug, Args)]
pub struct ReportPeriod {
    /// The half-term, e.g. 2025-26-autumn-2
    #[arg(long, value_name = "HALF-TERM", conflicts_with = "year")]
    half_term: Option<String>,
    /// The school year, e.g. 2025-26, for the full governing board
    #[arg(long, value_name = "YEAR")]
    year: Option<String>,
}

impl ReportPeriod {
    /// The period the flags name; `None` for neither.
    pub(crate) fn period(&self) -> Result<Option<crate::report::Period>, CliError> {
        reports::period(self.half_term.as_deref(), self.year.as_deref())
    }
}

/// What `export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// Every incident, oldest first (the columns are listed in the user guide)
    Incidents {
        /// The CSV file to write (replaced if it exists)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// The people in the vault: kind, year group, role, staff groups, MIS id, start and
    /// leaving dates
    People {
        /// Only people of this kind (everyone if left out)
        #[arg(long, value_enum)]
        kind: Option<PeopleKind>,
        /// The CSV file to write (replaced if it exists)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Acceptable Use Agreements not signed, superseded by a new version, or due to re-sign
    AupOutstanding {
        /// The CSV file to write (replaced if it exists)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// The review schedule as an iCalendar file for Outlook or any calendar (no names in it)
    Schedule {
        /// The .ics file to write (replaced if it exists)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// The figures the governor report publishes, already suppressed, as JSON or CSV (by the
    /// file's ending) for a trust's own reporting: no names, references or incident dates
    ReportFigures {
        /// The half-term or school year
        #[command(flatten)]
        period: ReportPeriod,
        /// The .json or .csv file to write (replaced if it exists)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// Training not up to date (never done, overdue, due within 30 days), for everyone still here
    TrainingOutstanding {
        /// The CSV file to write (replaced if it exists)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
}

/// What `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// A people list exported from the school's MIS (SIMS, Arbor…): re-importing updates people
    People {
        /// The file to read: CSV, or an Excel (.xlsx, .xls) or LibreOffice (.ods) spreadsheet
        file: PathBuf,
        /// Who the list is of
        #[arg(long, value_enum)]
        kind: PeopleKind,
        /// Columns to fields where the names are not recognised, e.g.
        /// "given_name=Preferred Name,family_name=Family" (remembered for next time)
        #[arg(long, value_name = "FIELD=COLUMN,...")]
        mapping: Option<String>,
        /// For an Excel or LibreOffice file, the sheet to read (the first if left out)
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// The staff group a job title means at this school, where its words say otherwise:
        /// headteacher, teaching, support or technical, e.g. --staff-group "Cover
        /// Supervisor=teaching" (repeat it; kept for every later import, even with --dry-run)
        #[arg(long = "staff-group", value_name = "JOB TITLE=GROUP")]
        staff_groups: Vec<String>,
        /// Give people missing from the list today as their leaving date
        #[arg(long)]
        mark_leavers: bool,
        /// Import the rows without problems and leave out the others (listed)
        #[arg(long)]
        skip_problem_rows: bool,
        /// Check the file and report, importing nothing
        #[arg(long)]
        dry_run: bool,
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
    /// An existing incident log (`--help` lists the columns and the category keys)
    #[command(after_long_help = crate::help::incident_import_help())]
    Incidents {
        /// The file to read: CSV, or an Excel (.xlsx, .xls) or LibreOffice (.ods) spreadsheet
        file: PathBuf,
        /// Which column fills which field, on top of the names recognised and the mapping
        /// remembered from the last import: field=Column name, comma-separated, e.g.
        /// "occurred_at=Date of incident,people=Pupil(s),notes=Form,leave_out=UPN"
        #[arg(long, value_name = "MAPPING")]
        mapping: Option<String>,
        /// The policy category for one of the file's category words, e.g.
        /// --category "Cyberbullying=pupil.offensive-messages" (repeat it; remembered)
        #[arg(long = "category", value_name = "WORDS=KEY")]
        categories: Vec<String>,
        /// What one of the file's status words means, e.g. --status "Finished=closed"
        /// (open, investigating or closed; repeat it; remembered)
        #[arg(long = "status", value_name = "WORDS=VALUE")]
        statuses: Vec<String>,
        /// What one of the file's place words means, e.g. --location "Sports hall=school"
        /// (repeat it; remembered)
        #[arg(long = "location", value_name = "WORDS=VALUE")]
        locations: Vec<String>,
        /// What one of the file's device words means, e.g. --device "Chromebook=school-shared"
        /// (repeat it; remembered)
        #[arg(long = "device", value_name = "WORDS=VALUE")]
        devices: Vec<String>,
        /// Who a name means where several people in the vault share it, by the number the
        /// preview gives each, e.g. --person "Sam Taylor=41" (repeat it; for this import only)
        #[arg(long = "person", value_name = "NAME=NUMBER")]
        people: Vec<String>,
        /// For an Excel or LibreOffice file, the sheet to read (the first if left out)
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Import the rows without problems and leave out the others (listed); rows that may
        /// be about illegal content are never left out without --skip-illegal-rows too
        #[arg(long)]
        skip_problem_rows: bool,
        /// Also leave out rows with problems whose category may be illegal (listed)
        #[arg(long, requires = "skip_problem_rows")]
        skip_illegal_rows: bool,
        /// Check the file and report, importing nothing
        #[arg(long)]
        dry_run: bool,
        /// Read the passphrase from standard input
        #[arg(long)]
        passphrase_stdin: bool,
    },
}

/// The kinds of people list `import people` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PeopleKind {
    /// Staff.
    Staff,
    /// Pupils.
    Pupils,
    /// Parents and carers.
    Parents,
    /// Governors.
    Governors,
    /// Volunteers.
    Volunteers,
    /// Community users.
    Community,
}

impl PeopleKind {
    /// The kind of person each row is.
    pub fn kind(self) -> crate::domain::person::PersonKind {
        use crate::domain::person::PersonKind;
        match self {
            PeopleKind::Staff => PersonKind::Staff,
            PeopleKind::Pupils => PersonKind::Pupil,
            PeopleKind::Parents => PersonKind::ParentOrCarer,
            PeopleKind::Governors => PersonKind::Governor,
            PeopleKind::Volunteers => PersonKind::Volunteer,
            PeopleKind::Community => PersonKind::CommunityUser,
        }
    }
}

/// What `main` does once a command has run.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing more: exit with success.
    Done,
    /// Open the GUI on this data folder.
    OpenApp(DataDir),
}

/// A failed command: the message for stderr and the exit code.
#[derive(Debug)]
pub struct CliError {
    /// One of the codes in [`exit`].
    pub code: u8,
    /// Plain words for the user.
    pub message: String,
}

impl CliError {
    /// A failure with exit code 1.
    pub fn other(message: impl Into<String>) -> Self {
        Self {
            code: exit::FAILURE,
            message: message.into(),
        }
    }

    /// A usage problem with exit code 2.
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: exit::USAGE,
            message: message.into(),
        }
    }
}

impl From<StoreError> for CliError {
    fn from(error: StoreError) -> Self {
        let code = if error.is_locked_out() {
            exit::LOCKED
        } else if error.is_integrity_failure() {
            exit::INTEGRITY
        } else {
            exit::FAILURE
        };
        Self {
            code,
            message: error.to_string(),
        }
    }
}

/// The data folder the command line names, or the default one.
pub fn data_dir(cli: &Cli) -> Result<DataDir, CliError> {
    match &cli.data_dir {
        Some(path) => Ok(DataDir::new(path)),
        None => DataDir::default_school().ok_or_else(no_home),
    }
}

fn no_home() -> CliError {
    CliError::other("This user account has no application data folder; give one with --data-dir")
}
