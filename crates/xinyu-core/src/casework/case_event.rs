//! The events of a warning file (跟踪记录): level and status changes, follow-ups, referrals and
//! their feedback, return assessments, family contacts, home visits, crises and sharing, each
//! sealed under the casework key as one row of `case_events`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{FileStatus, FollowUpInput};

/// One event on a file.
#[derive(Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CaseEvent {
    /// The level was set or changed.
    LevelChange {
        /// The level before (none when the file was opened).
        from: Option<u8>,
        /// The level after.
        to: u8,
        /// Why.
        reason: String,
        /// Who changed it (user id).
        by: String,
        /// When.
        #[ts(type = "string")]
        on: NaiveDate,
    },
    /// A follow-up.
    FollowUp {
        /// The follow-up as recorded.
        #[serde(flatten)]
        record: FollowUpInput,
        /// Who recorded it (user id).
        by: String,
    },
    /// The status changed (e.g. closed, reopened, on leave).
    StatusChange {
        /// The status before.
        from: FileStatus,
        /// The status after.
        to: FileStatus,
        /// Why.
        reason: String,
        /// Who (user id).
        by: String,
        /// When.
        #[ts(type = "string")]
        on: NaiveDate,
    },
    /// A referral (转介) with the parent notification.
    Referral {
        /// The referral as recorded.
        #[serde(flatten)]
        record: crate::ReferralInput,
        /// Who recorded it (user id).
        by: String,
    },
    /// The institution's feedback on a referral, as given.
    ReferralFeedback {
        /// The feedback as recorded.
        #[serde(flatten)]
        record: crate::FeedbackInput,
        /// Who recorded it (user id).
        by: String,
    },
    /// The return-to-school assessment (复学评估).
    ReturnAssessment {
        /// The assessment as recorded.
        #[serde(flatten)]
        record: crate::ReturnAssessmentInput,
        /// Who recorded it (user id).
        by: String,
    },
    /// A contact with the family (家校沟通).
    ParentContact {
        /// The contact as recorded.
        #[serde(flatten)]
        record: crate::ParentContactInput,
        /// Who recorded it (user id).
        by: String,
    },
    /// A home visit (家访).
    HomeVisit {
        /// The visit as recorded.
        #[serde(flatten)]
        record: crate::HomeVisitInput,
        /// Who recorded it (user id).
        by: String,
    },
    /// A crisis event (危机事件) and who was notified when.
    Crisis {
        /// The event as recorded.
        #[serde(flatten)]
        record: crate::CrisisInput,
        /// Who recorded it (user id).
        by: String,
    },
    /// The owner or the staff the file is shared with changed.
    Sharing {
        /// The owner after the change (user id).
        owner: String,
        /// Shared with (user ids) after the change.
        shared_with: Vec<String>,
        /// Who changed it (user id).
        by: String,
        /// When.
        #[ts(type = "string")]
        on: NaiveDate,
    },
}

impl CaseEvent {
    /// The day the event took place (a crisis: the day it occurred).
    pub fn date(&self) -> NaiveDate {
        match self {
            CaseEvent::LevelChange { on, .. }
            | CaseEvent::StatusChange { on, .. }
            | CaseEvent::Sharing { on, .. } => *on,
            CaseEvent::FollowUp { record, .. } => record.date,
            CaseEvent::Referral { record, .. } => record.date,
            CaseEvent::ReferralFeedback { record, .. } => record.date,
            CaseEvent::ReturnAssessment { record, .. } => record.date,
            CaseEvent::ParentContact { record, .. } => record.date,
            CaseEvent::HomeVisit { record, .. } => record.date,
            CaseEvent::Crisis { record, .. } => record.occurred_at.date(),
        }
    }

    /// The event's kind as the chronology filters it (`follow_up`, `referral`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            CaseEvent::LevelChange { .. } => "level_change",
            CaseEvent::FollowUp { .. } => "follow_up",
            CaseEvent::StatusChange { .. } => "status_change",
            CaseEvent::Referral { .. } => "referral",
            CaseEvent::ReferralFeedback { .. } => "referral_feedback",
            CaseEvent::ReturnAssessment { .. } => "return_assessment",
            CaseEvent::ParentContact { .. } => "parent_contact",
            CaseEvent::HomeVisit { .. } => "home_visit",
            CaseEvent::Crisis { .. } => "crisis",
            CaseEvent::Sharing { .. } => "sharing",
        }
    }

    /// Who recorded the event (user id).
    pub(crate) fn by(&self) -> &str {
        match self {
            CaseEvent::LevelChange { by, .. }
            | CaseEvent::FollowUp { by, .. }
            | CaseEvent::StatusChange { by, .. }
            | CaseEvent::Referral { by, .. }
            | CaseEvent::ReferralFeedback { by, .. }
            | CaseEvent::ReturnAssessment { by, .. }
            | CaseEvent::ParentContact { by, .. }
            | CaseEvent::HomeVisit { by, .. }
            | CaseEvent::Crisis { by, .. }
            | CaseEvent::Sharing { by, .. } => by,
        }
    }
}
