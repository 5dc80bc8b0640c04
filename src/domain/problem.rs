//! Why the vault refuses a change: the domain's own typed problems, gathered in one type the
//! store returns, so a screen can show each at its field and the command line in words.

use thiserror::Error;

use crate::domain::incident::import::ImportFileProblem;
use crate::domain::incident::{
    CloseProblem, EvidenceRefusal, IncidentProblem, InvestigationProblem,
};
use crate::domain::logs::LogProblem;
use crate::domain::person::PersonProblem;
use crate::domain::person_import::PeopleFileProblem;
use crate::domain::policy::matrix::MatrixProblem;
use crate::domain::policy::themes::ThemeProblem;
use crate::domain::policy::usage::UsageProblem;
use crate::domain::schedule::ItemProblem;
use crate::domain::terms::TermProblem;
use crate::domain::training::TypeProblem;

/// A change the rules refuse, and why. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleProblem {
    /// An incident's details.
    #[error(transparent)]
    Incident(#[from] IncidentProblem),
    /// Closing an incident.
    #[error(transparent)]
    Close(#[from] CloseProblem),
    /// An investigation, amendment or governors' summary.
    #[error(transparent)]
    Investigation(#[from] InvestigationProblem),
    /// An evidence file.
    #[error(transparent)]
    Evidence(#[from] EvidenceRefusal),
    /// A person's details.
    #[error(transparent)]
    Person(#[from] PersonProblem),
    /// A training type.
    #[error(transparent)]
    TrainingType(#[from] TypeProblem),
    /// A review item.
    #[error(transparent)]
    ReviewItem(#[from] ItemProblem),
    /// A year's term dates.
    #[error(transparent)]
    Terms(#[from] TermProblem),
    /// A filtering or confiscation log entry.
    #[error(transparent)]
    Log(#[from] LogProblem),
    /// A sanctions table.
    #[error(transparent)]
    Sanctions(#[from] MatrixProblem),
    /// A device, communications or user-actions table.
    #[error(transparent)]
    Usage(#[from] UsageProblem),
    /// The report's themes.
    #[error(transparent)]
    Themes(#[from] ThemeProblem),
    /// An incident log file as a whole.
    #[error(transparent)]
    IncidentFile(#[from] ImportFileProblem),
    /// A people file or its mapping.
    #[error(transparent)]
    PeopleFile(#[from] PeopleFileProblem),
    /// The record asked for is not in the vault.
    #[error("There is no such {0}")]
    NoSuch(Record),
    /// A refusal of the store's own.
    #[error(transparent)]
    Refused(#[from] Refusal),
}

/// A kind of record, as a refusal names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// An incident.
    Incident,
    /// An action of an incident.
    Action,
    /// A referral.
    Referral,
    /// An evidence file.
    EvidenceFile,
    /// A person.
    Person,
    /// A confiscated device.
    Confiscation,
}

impl std::fmt::Display for Record {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Record::Incident => "incident",
            Record::Action => "action",
            Record::Referral => "referral",
            Record::EvidenceFile => "evidence file",
            Record::Person => "person",
            Record::Confiscation => "confiscation",
        })
    }
}

/// A refusal that belongs to no one form's rules: what is missing or not allowed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Refusal {
    /// The change would leave the record as it is.
    #[error("Nothing has changed")]
    NothingChanged,
    /// A person named on an incident is not in the vault.
    #[error("A person on this incident is not in the people list")]
    PersonNotListed,
    /// Someone ticked is not in the vault.
    #[error("Someone ticked is not in the people list")]
    TickedNotListed,
    /// An added action has no words.
    #[error("Write the action to add")]
    ActionMissing,
    /// An action already done.
    #[error("That action is already recorded as done")]
    ActionAlreadyDone,
    /// A referral's outcome has no words.
    #[error("Write what came of the referral")]
    ReferralOutcomeMissing,
    /// A decision or its reason has no words.
    #[error("Write the decision and the reason for it")]
    DecisionMissing,
    /// Closing without the closing form.
    #[error("Close an incident with its outcome and conclusion")]
    CloseWithOutcome,
    /// A category key no longer in the policy.
    #[error("This incident's category is not known")]
    CategoryUnknown,
    /// An imported row's category is not one of the policy's.
    #[error("Choose a category from the list")]
    CategoryNotChosen,
    /// Nobody named as having informed the parents.
    #[error("Enter who informed the parents or carers")]
    InformerMissing,
    /// A second investigation record.
    #[error("This incident's investigation is already recorded")]
    InvestigationAlreadyRecorded,
    /// Sites or a conclusion before the investigation record.
    #[error("Start the investigation record first")]
    InvestigationNotStarted,
    /// An evidence file with no name.
    #[error("The file has no name")]
    FileNameMissing,
    /// An agreement without title or version.
    #[error("Give the agreement's title and version")]
    AgreementDetailsMissing,
    /// A register's version given twice.
    #[error("{register} already has a version {version}")]
    AgreementVersionTaken {
        /// The register's title.
        register: &'static str,
        /// The version.
        version: String,
    },
    /// A signature dated in the future.
    #[error("A signature cannot be recorded before it is given")]
    SignedInFuture,
    /// Nobody ticked as having signed.
    #[error("Tick who signed")]
    SignersMissing,
    /// No agreement chosen.
    #[error("Choose the agreement that was signed")]
    AgreementNotChosen,
    /// A signer from another register.
    #[error("Someone ticked is not on the {register} register")]
    WrongRegister {
        /// The register's title, lower case.
        register: String,
    },
    /// Consent dated in the future.
    #[error("Consent cannot be recorded before it is given")]
    ConsentInFuture,
    /// Nobody named as having answered.
    #[error("Enter who gave or withheld consent")]
    ConsentGiverMissing,
    /// No answer chosen.
    #[error("Choose an answer for at least one use")]
    ConsentAnswerMissing,
    /// Consent for someone who is not a pupil.
    #[error("Photo consent is recorded for pupils")]
    ConsentNotForPupil,
    /// A training type not in the vault.
    #[error("That training type is not in the vault")]
    TrainingTypeUnknown,
    /// A session dated in the future.
    #[error("A session cannot be recorded before it is held")]
    SessionInFuture,
    /// Nobody ticked as having attended.
    #[error("Tick who attended")]
    AttendeesMissing,
    /// No kind of training chosen.
    #[error("Choose the kind of training")]
    TrainingTypeNotChosen,
    /// A link from someone who is not a parent.
    #[error("Only a parent or carer can be linked to a child")]
    LinkFromNonParent,
    /// A link to someone who is not a pupil.
    #[error("A parent or carer is linked to a pupil")]
    LinkToNonPupil,
    /// A review item not on the schedule.
    #[error("That item is not on the schedule")]
    ItemNotOnSchedule,
    /// A review item done on a day to come.
    #[error("It cannot be marked done before the day it is done")]
    DoneInFuture,
    /// A review item with no due date.
    #[error("That item is not due: nothing to mark done")]
    ItemNotDue,
    /// A confiscation with no pupil.
    #[error("Choose the pupil the device was taken from")]
    PupilNotChosen,
    /// A device returned twice.
    #[error("That device has already been returned")]
    AlreadyReturned,
    /// The passphrase was changed by another copy of the app since this one unlocked.
    #[error(
        "The passphrase was changed by another copy of E-Safety Desk since this one was \
         unlocked: nothing was changed. Lock, unlock with the new passphrase, then change it."
    )]
    PassphraseChangedElsewhere,
    /// A policy table version with no approver.
    #[error("Say who approved it, e.g. \"Governors' Curriculum & Standards Committee\"")]
    ApproverMissing,
    /// A policy table approved on a day to come.
    #[error("It cannot be approved on a day still to come")]
    ApprovedInFuture,
    /// A policy table version that does not exist.
    #[error("There is no version {version} of the {table}")]
    NoSuchVersion {
        /// The version asked for.
        version: i64,
        /// The table's title, lower case.
        table: String,
    },
    /// An import with problem rows, asked to import all or nothing.
    #[error("Nothing was imported: {problems} of {rows} rows have problems")]
    RowsHaveProblems {
        /// Rows with problems.
        problems: usize,
        /// Rows in the file.
        rows: usize,
    },
    /// Rows with problems whose category may be illegal, and no choice to leave such rows
    /// out: they are never left out quietly.
    #[error("Nothing was imported: {} may be about illegal content and {} problems ({}). Fix {}, or leave them out with their own choice (--skip-illegal-rows)", counted_rows(.0.len()), if .0.len() == 1 { "has" } else { "have" }, lines_list(.0), if .0.len() == 1 { "it" } else { "them" })]
    IllegalRowsHaveProblems(Vec<u64>),
    /// Someone named on an imported row cannot be told apart or placed.
    #[error("{0}")]
    PersonNotClear(String),
    /// The import was stopped before it finished.
    #[error("The import was stopped before it finished: nothing was imported")]
    ImportStopped,
    /// A person added from a form could not be read back.
    #[error("The new person was not saved")]
    NewPersonNotSaved,
}

fn counted_rows(count: usize) -> String {
    crate::domain::wording::counted(count, "row", "rows")
}

/// "line 4, line 9".
fn lines_list(lines: &[u64]) -> String {
    let lines: Vec<String> = lines.iter().map(|line| format!("line {line}")).collect();
    lines.join(", ")
}
