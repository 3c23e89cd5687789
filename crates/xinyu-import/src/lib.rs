//! 心语 Xinyu's readers for the files a school hands over: student rosters (花名册) and
//! screening-platform exports (测评结果), plus the screening instruments as data and their
//! scoring. No vault and no database.
//!
//! Pure: nothing here opens, writes or sends anything. Every function works on the bytes (or
//! the definition text) handed to it and returns plain values; a file name is used only to tell
//! its kind.
//!
//! - Rosters: [`parse_roster`] → [`RosterPreview`] (header found, columns guessed) →
//!   [`apply_mapping`] → [`StudentRecord`]s or per-cell [`CellError`]s.
//! - Instruments: [`Instrument::from_toml`], [`builtin_instruments`], [`Instrument::score`].
//! - Screening files: [`read_screening_file`] → [`ScreeningFile`] (the detected columns and each
//!   row's 学号, name, class and cells to score).
//!
//! Errors say in plain Chinese (then English) what is wrong and never quote a cell:
//! [`RosterError`] for a roster, [`ImportError`] for the rest.

mod error;
mod instrument;
mod roster;
mod screening_file;
mod text;

pub use error::{
    CellProblem, CellProblemCode, ImportError, InstrumentProblem, InstrumentProblemCode,
};
pub use instrument::{
    Band, CriticalHit, CriticalRule, Instrument, Item, ResponseOption, Score, Subscale, Validity,
    builtin_instruments,
};
pub use roster::{
    CellError, ColumnGuess, Gender, Guardian, MAX_FILE_MB, MAX_ROSTER_ROWS, RosterError,
    RosterErrorCode, RosterField, RosterFormat, RosterPreview, RosterRow, StudentRecord,
    StudentStatus, apply_mapping, check_mapping, duplicate_student_nos, find_duplicates,
    parse_roster, parse_roster_sheet,
};
pub use screening_file::{ScreeningFile, ScreeningRow, read_screening_file};
pub use text::normalize_for_matching;
