//! Xinyu's domain model, encrypted store and use cases: the one API that the desktop shell and
//! the CLI call.
//!
//! A [`Vault`] is one school's encrypted SQLite store in a folder. It opens locked; a user
//! unlocks it with their passphrase, which yields exactly the class keys of their role; every
//! change and every view of a sensitive record is written with its access-log entry in one
//! transaction.
//!
//! ```
//! use xinyu_core::{NewVault, StudentInput, Vault};
//! use xinyu_vault::KdfParams;
//!
//! let dir = tempfile::tempdir()?;
//! let (mut vault, recovery_code) = Vault::create(dir.path(), NewVault {
//!     school_name: "示例实验中学",
//!     user_name: "李老师",
//!     passphrase: "春风化雨润物无声2026",
//!     kdf: KdfParams::for_tests(),
//! })?;
//! vault.add_student(StudentInput::new("2024001", "阿卜杜拉·买买提", "七年级", "3班"))?;
//! vault.lock()?;
//! assert!(vault.students().is_err());
//!
//! vault.unlock("李老师", "春风化雨润物无声2026")?;
//! assert_eq!(vault.students()?[0].name, "阿卜杜拉·买买提");
//! # drop(recovery_code);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod access_log;
mod accounts;
mod app_info;
pub mod bindings;
mod casework;
mod clock;
#[doc(hidden)]
pub mod db;
mod demo;
mod error;
mod id;
mod inputs;
mod keys;
mod mailbox;
mod meta;
mod plan;
mod record;
mod rekey;
mod role;
mod rollover;
mod roster_import;
mod screening;
mod search_entry;
mod session;
mod student;
mod throttle;
mod vault;
mod verify;
mod views;
mod warning_file;
mod work_log;

pub use access_log::{Action, ChainReport, LogEntry};
pub use app_info::{AppInfo, app_info};
pub use casework::{
    CRISIS_REQUIRED, ContactMode, CrisisInput, CrisisNotification, CrisisParty, FeedbackInput,
    HomeVisitInput, ParentContactInput, ParentNotification, ParentResponse, ReferralInput,
    ReturnAssessmentInput, ReturnDecision,
};
pub use clock::{Clock, ManualClock, SystemClock};
pub use db::DB_FILE;
pub use demo::DemoSummary;
pub use error::{CommandError, Error, Result};
pub use inputs::{
    AddUserInput, ChangePassphraseInput, ColumnMapping, RecoverInput, RosterImportInput,
    RosterUpload, SetupInput, SetupResult, UnlockInput,
};
pub use mailbox::{
    KioskInfo, KioskReceipt, KioskReply, LetterSource, LetterStatus, LetterSummary, LetterView,
    MAX_LETTER_CHARS, PaperLetterInput, PostedReply, ThreadMessage, crisis_terms_in,
    default_crisis_terms, normalize_for_matching,
};
pub use plan::{PlanInput, PlanMeasure, SupportPlan};
pub use rekey::RekeyProgress;
pub use role::Role;
pub use rollover::RolloverSummary;
pub use roster_import::{
    CellError, ColumnGuess, Gender, Guardian, MAX_ROSTER_ROWS, RosterError, RosterField,
    RosterFormat, RosterPreview, RosterRow, StudentRecord, StudentStatus, apply_mapping,
    check_mapping, find_duplicates, parse_roster, parse_roster_sheet,
};
pub use screening::{
    Campaign, CampaignInput, CampaignSummary, ConsentNotice, GradeBands, ResultSource,
    ReviewDecision, ReviewEntry, ReviewList, ReviewOutcome, ScreeningImportSummary,
    ScreeningResult, StudentScreening, UnmatchedRow,
};
pub use session::{
    Addendum, EDIT_WINDOW_HOURS, NoteStatus, RiskAnswer, SessionInput, SessionNote, SessionView,
};
pub use student::{ImportSummary, Student, StudentInput};
pub use vault::{
    DEFAULT_IDLE_LOCK_MINUTES, MIN_PASSPHRASE_CHARS, NewVault, UserSummary, Vault, VaultStatus,
};
pub use verify::{BrokenRecord, VerifyReport};
pub use views::{
    Dashboard, EventRecord, FileDetail, FileFilter, FileListItem, LevelCount, RECENT_CRISIS_DAYS,
    StudentPage,
};
pub use warning_file::{
    CaseEvent, DueList, FileNarrative, FileSource, FileStatus, FileSummary, FollowUpInput,
    FollowUpMode, LevelDef, OpenFileInput, default_categories, default_levels,
};
pub use work_log::{CallerType, ConcernLevel, LevelFigure, WorkLogEntry, WorkLogRecord, WorkStats};
pub use xinyu_import::{
    Band, CriticalHit, CriticalRule, Instrument, Item, ResponseOption, Score, Subscale, Validity,
    builtin_instruments,
};
pub use xinyu_search::{MatchKind, SearchEntry, SearchHit, SearchIndex};
pub use xinyu_vault::{KdfParams, RecoveryCode};
