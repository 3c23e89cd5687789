//! Casework (心理预警档案): warning files with their levels of attention, categories and
//! follow-ups; the rest of a file's life — referrals with the parents' notification, feedback,
//! the return-to-school assessment, family contacts, home visits, crisis events, status,
//! sharing; 一生一策 kept with the student; and what the screens read in one call (dashboard,
//! file list, file page, student page with its chronology).
//!
//! A file's level, status, dates and owner are sealed apart under the case-summary key, which
//! the principal holds; its narrative, events and plan under the student's case key, which the
//! counselors hold and a teacher only when the file is assigned or shared to them (`cases`).

mod case_event;
pub(crate) mod cases;
mod events;
pub(crate) mod files;
mod plan;
mod settings;
mod views;

pub use case_event::CaseEvent;
pub use events::{
    CRISIS_REQUIRED, ContactMode, CrisisInput, CrisisNotification, CrisisParty, FeedbackInput,
    HomeVisitInput, ParentContactInput, ParentNotification, ParentResponse, ReferralInput,
    ReturnAssessmentInput, ReturnDecision,
};
pub use files::{
    DueList, FileNarrative, FileSource, FileStatus, FileSummary, FollowUpInput, FollowUpMode,
    OpenFileInput,
};
pub use plan::{PlanInput, PlanMeasure, SupportPlan};
pub(crate) use settings::LEVELS;
pub use settings::{LevelDef, default_categories, default_levels};
pub use views::{
    Dashboard, EventRecord, FileDetail, FileFilter, FileListItem, LevelCount, RECENT_CRISIS_DAYS,
    StudentPage,
};

crate::vault::face!(
    /// Warning files, their events, 一生一策, the levels and categories, and the casework views.
    Casework
);
