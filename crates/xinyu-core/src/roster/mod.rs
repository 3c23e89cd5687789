//! The roster (学生档案): students with their 学号, class, guardians and status; the roster
//! import from the school's own file (all or nothing); search by name, 学号 or pinyin; the
//! school-year rollover.

mod import;
mod rollover;
mod search;
pub(crate) mod students;

pub use rollover::RolloverSummary;
pub use students::{ImportSummary, Student, StudentInput};
pub use xinyu_import::{
    CellError, CellProblem, ColumnGuess, Gender, Guardian, MAX_FILE_MB, MAX_ROSTER_ROWS,
    RosterError, RosterField, RosterFormat, RosterPreview, RosterRow, StudentRecord, StudentStatus,
    apply_mapping, check_mapping, find_duplicates, parse_roster, parse_roster_sheet,
};
pub use xinyu_search::{MatchKind, SearchEntry, SearchHit, SearchIndex};

crate::vault::face!(
    /// Students, the roster import, search and the school-year rollover.
    Roster
);
