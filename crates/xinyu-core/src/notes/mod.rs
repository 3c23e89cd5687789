//! Notes: one-to-one counseling sessions (个体辅导) and their notes (辅导记录) — drafts,
//! signing, the 48-hour lock, dated addenda with a content hash — and the work log (group
//! sessions, hotline referrals, trainings, activities) with the figures of a period.
//!
//! Notes are sealed under the notes key, which principals and admins never receive; a
//! session's summary (day, minutes, counselor, student) is sealed apart under the activity key
//! so the principal's figures never need the notes key.

pub(crate) mod note;
mod work_log;

pub use note::{
    Addendum, EDIT_WINDOW_HOURS, NoteStatus, RiskAnswer, SessionInput, SessionNote, SessionView,
};
pub use work_log::{CallerType, ConcernLevel, LevelFigure, WorkLogEntry, WorkLogRecord, WorkStats};

crate::vault::face!(
    /// One-to-one session notes, the work log and the figures of a period.
    Notes
);
