//! The rest of a warning file's life: status changes and closing, referrals with the parent
//! notification and the institution's feedback, the return-to-school assessment, contacts with
//! the family, home visits, crisis events, and assigning or sharing a file with colleagues.

use super::Casework;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::casework::files::works_on;
use crate::error::{Deed, Existing, Field, Problem};
use crate::vault::required;
use crate::{CaseEvent, Error, FileSource, FileStatus, FileSummary, OpenFileInput, Result, Role};

/// How the guardians answered the school's notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ParentResponse {
    /// 同意.
    Agreed,
    /// 犹豫/需考虑.
    Hesitant,
    /// 拒绝.
    Refused,
    /// 尚未答复.
    NoAnswer,
}

/// The notification of the guardians that comes with a referral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParentNotification {
    /// The day they were told.
    #[ts(type = "string")]
    pub notified_on: NaiveDate,
    /// How (面谈, 电话, 书面告知书 …).
    pub method: String,
    /// Who told them (a staff member's name as written).
    pub notified_by: String,
    /// Their answer.
    pub response: ParentResponse,
    /// What they said, in a line.
    #[serde(default)]
    pub response_note: String,
}

/// A referral (转介) to a hospital's or a centre's professionals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReferralInput {
    /// The day of the referral.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// To whom (institution).
    pub institution: String,
    /// Why, in the school's words (never a diagnosis).
    pub reason: String,
    /// The guardians' notification.
    pub parent_notification: ParentNotification,
}

/// The institution's feedback on a referral, recorded as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeedbackInput {
    /// The day it came.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// From whom.
    pub source: String,
    /// What they said, as given.
    pub content: String,
}

/// The outcome of a return-to-school assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReturnDecision {
    /// 可以复学.
    Return,
    /// 复学，并加强支持.
    ReturnWithSupport,
    /// 暂缓复学.
    Postpone,
}

/// A return-to-school assessment (复学评估).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReturnAssessmentInput {
    /// The day of the assessment.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Who took part (counselor, homeroom teacher, guardians, …).
    pub participants: String,
    /// What was considered (the institution's written opinion, the student's state, …).
    pub assessment: String,
    /// The outcome.
    pub decision: ReturnDecision,
}

/// How the school spoke with the family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactMode {
    /// 电话.
    Phone,
    /// 面谈.
    InPerson,
    /// 微信/短信.
    Message,
    /// 家长会.
    ParentMeeting,
}

/// A contact with the family (家校沟通).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParentContactInput {
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// How.
    pub mode: ContactMode,
    /// With whom (e.g. 母亲).
    pub guardian: String,
    /// What was said and agreed.
    pub content: String,
}

/// A home visit (家访).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HomeVisitInput {
    /// The day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Who from the school went.
    pub visitors: String,
    /// Who of the family was there.
    pub present: String,
    /// What was seen and agreed.
    pub content: String,
}

/// Who must be told of a crisis, in person, in the protocol's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CrisisParty {
    /// 班主任.
    HomeroomTeacher,
    /// 监护人.
    Guardian,
    /// 校长/分管领导.
    Principal,
    /// 急救/报警 (120/110).
    EmergencyServices,
}

/// One notification made during a crisis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CrisisNotification {
    /// Who was told.
    pub party: CrisisParty,
    /// When (local time); `None`: not (yet) told.
    #[ts(type = "string | null")]
    pub at: Option<NaiveDateTime>,
    /// A line (who told them, what they said).
    #[serde(default)]
    pub note: String,
}

/// A crisis event (危机事件) as the guided form records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CrisisInput {
    /// When it happened (local time).
    #[ts(type = "string")]
    pub occurred_at: NaiveDateTime,
    /// Where.
    pub location: String,
    /// What happened.
    pub description: String,
    /// The student was kept safe and not left alone.
    pub safety_ensured: bool,
    /// What was done.
    pub actions: String,
    /// The notifications, with their times.
    pub notifications: Vec<CrisisNotification>,
}

/// The parties the protocol requires to be told in every crisis (emergency services only when
/// needed).
pub const CRISIS_REQUIRED: [CrisisParty; 3] = [
    CrisisParty::HomeroomTeacher,
    CrisisParty::Guardian,
    CrisisParty::Principal,
];

impl Casework<'_> {
    /// A file the acting user may add to, checked open (unless `allow_closed`).
    fn workable(
        &mut self,
        file_id: &str,
        deed: Deed,
        allow_closed: bool,
    ) -> Result<(crate::UserSummary, FileSummary)> {
        let me = self.user().clone();
        let summary = self.summary(file_id)?;
        if !works_on(&me, &summary) {
            return Err(Error::Forbidden {
                role: me.role,
                deed,
            });
        }
        if !allow_closed && summary.status == FileStatus::Closed {
            return Err(Error::invalid(Field::WarningFile, Problem::FileClosed));
        }
        Ok((me, summary))
    }

    /// Change a file's status with its reason (counselor). Closing (解除) records the day and
    /// stops follow-ups falling due; reopening sets the next one from the level's interval.
    pub fn set_file_status(
        &mut self,
        file_id: &str,
        status: FileStatus,
        reason: &str,
    ) -> Result<FileSummary> {
        let me = self
            .require(&[Role::Counselor], Deed::ChangeFileStatus)?
            .user
            .clone();
        let reason = required(Field::Reason, reason)?.to_owned();
        let mut summary = self.summary(file_id)?;
        if summary.status == status {
            return Ok(summary);
        }
        let today = self.today();
        if status != FileStatus::Closed
            && self
                .student_files(&summary.student_id)?
                .iter()
                .any(|f| f.id != summary.id && f.status != FileStatus::Closed)
        {
            return Err(Error::Duplicate {
                what: Existing::OpenFile,
            });
        }
        let event = CaseEvent::StatusChange {
            from: summary.status,
            to: status,
            reason,
            by: me.id,
            on: today,
        };
        if status == FileStatus::Closed {
            summary.closed_on = Some(today);
            summary.next_due = None;
        } else if summary.status == FileStatus::Closed {
            summary.closed_on = None;
            summary.next_due = Some(today + self.interval(summary.level)?);
        }
        summary.status = status;
        self.write_case_change(&summary, &[event])?;
        Ok(summary)
    }

    /// Record a referral and the guardians' notification; the file becomes 已转介.
    pub fn record_referral(&mut self, file_id: &str, input: ReferralInput) -> Result<FileSummary> {
        let (me, mut summary) = self.workable(file_id, Deed::RecordReferral, false)?;
        required(Field::ReferralInstitution, &input.institution)?;
        required(Field::ReferralReason, &input.reason)?;
        required(Field::InformMethod, &input.parent_notification.method)?;
        required(Field::InformedBy, &input.parent_notification.notified_by)?;
        summary.status = FileStatus::Referred;
        let event = CaseEvent::Referral {
            record: input,
            by: me.id,
        };
        self.write_case_change(&summary, &[event])?;
        Ok(summary)
    }

    /// Record the institution's feedback on a referral, as given.
    pub fn record_referral_feedback(
        &mut self,
        file_id: &str,
        input: FeedbackInput,
    ) -> Result<FileSummary> {
        let (me, summary) = self.workable(file_id, Deed::RecordFeedback, false)?;
        required(Field::FeedbackSource, &input.source)?;
        required(Field::FeedbackContent, &input.content)?;
        let event = CaseEvent::ReferralFeedback {
            record: input,
            by: me.id,
        };
        self.write_case_change(&summary, &[event])?;
        Ok(summary)
    }

    /// Record a return-to-school assessment (counselor). Returning puts the file under 复学观察
    /// with a follow-up due from the level's interval; postponing leaves it 休学.
    pub fn record_return_assessment(
        &mut self,
        file_id: &str,
        input: ReturnAssessmentInput,
    ) -> Result<FileSummary> {
        self.require(&[Role::Counselor], Deed::RecordReturn)?;
        let (me, mut summary) = self.workable(file_id, Deed::RecordReturn, false)?;
        required(Field::Participants, &input.participants)?;
        required(Field::Assessment, &input.assessment)?;
        match input.decision {
            ReturnDecision::Return | ReturnDecision::ReturnWithSupport => {
                summary.status = FileStatus::ReturnObservation;
                summary.next_due = Some(input.date + self.interval(summary.level)?);
            }
            ReturnDecision::Postpone => summary.status = FileStatus::OnLeave,
        }
        let event = CaseEvent::ReturnAssessment {
            record: input,
            by: me.id,
        };
        self.write_case_change(&summary, &[event])?;
        Ok(summary)
    }

    /// Record a contact with the family.
    pub fn record_parent_contact(
        &mut self,
        file_id: &str,
        input: ParentContactInput,
    ) -> Result<FileSummary> {
        let (me, summary) = self.workable(file_id, Deed::RecordContact, true)?;
        required(Field::ContactPerson, &input.guardian)?;
        required(Field::ContactContent, &input.content)?;
        let event = CaseEvent::ParentContact {
            record: input,
            by: me.id,
        };
        self.write_case_change(&summary, &[event])?;
        Ok(summary)
    }

    /// Record a home visit; it counts as a follow-up, so the next one falls due from it.
    pub fn record_home_visit(
        &mut self,
        file_id: &str,
        input: HomeVisitInput,
    ) -> Result<FileSummary> {
        let (me, mut summary) = self.workable(file_id, Deed::RecordHomeVisit, false)?;
        required(Field::Visitors, &input.visitors)?;
        required(Field::VisitContent, &input.content)?;
        summary.next_due = Some(input.date + self.interval(summary.level)?);
        let event = CaseEvent::HomeVisit {
            record: input,
            by: me.id,
        };
        self.write_case_change(&summary, &[event])?;
        Ok(summary)
    }

    /// Record a crisis event for a student (counselor). It goes on the student's open file, or
    /// opens one at the most urgent level; the file is raised to that level and a follow-up is
    /// due the next day. Every required party (homeroom teacher, guardian, principal) must have a
    /// notification time, and safety must have been ensured.
    pub fn record_crisis(&mut self, student_id: &str, input: CrisisInput) -> Result<FileSummary> {
        let me = self
            .require(&[Role::Counselor], Deed::RecordCrisis)?
            .user
            .clone();
        required(Field::CrisisAccount, &input.description)?;
        required(Field::Place, &input.location)?;
        if !input.safety_ensured {
            return Err(Error::invalid(Field::SafetyEnsured, Problem::SafetyFirst));
        }
        for party in CRISIS_REQUIRED {
            let told = input
                .notifications
                .iter()
                .any(|n| n.party == party && n.at.is_some());
            if !told {
                return Err(Error::invalid(Field::Notifications, Problem::NotifyAll));
            }
        }
        let day = input.occurred_at.date();
        let open = self
            .student_files(student_id)?
            .into_iter()
            .find(|f| f.status != FileStatus::Closed);
        let mut summary = match open {
            Some(f) => f,
            None => self.open_warning_file(OpenFileInput {
                student_id: student_id.to_owned(),
                level: 1,
                categories: vec!["危机事件".into()],
                source: FileSource::Other,
                reason: "危机事件后建档".into(),
                opened_on: day,
            })?,
        };
        let mut events = Vec::new();
        if summary.level != 1 {
            events.push(CaseEvent::LevelChange {
                from: Some(summary.level),
                to: 1,
                reason: "危机事件".into(),
                by: me.id.clone(),
                on: day,
            });
            summary.level = 1;
        }
        summary.last_crisis = Some(summary.last_crisis.map_or(day, |d| d.max(day)));
        let due = day + chrono::Duration::days(1);
        summary.next_due = Some(summary.next_due.map_or(due, |d| d.min(due)));
        events.push(CaseEvent::Crisis {
            record: input,
            by: me.id,
        });
        self.write_case_change(&summary, &events)?;
        Ok(summary)
    }

    /// Assign a file to an owner and share it with colleagues (counselor). Owners and
    /// colleagues must be counselors or teachers: principals read summaries only.
    pub fn share_file(
        &mut self,
        file_id: &str,
        owner_id: &str,
        shared_with: Vec<String>,
    ) -> Result<FileSummary> {
        let me = self
            .require(&[Role::Counselor], Deed::AssignFile)?
            .user
            .clone();
        let users = self.users()?;
        let clinical = |id: &str| {
            users
                .iter()
                .any(|u| u.id == id && matches!(u.role, Role::Counselor | Role::Teacher))
        };
        if !clinical(owner_id) {
            return Err(Error::invalid(Field::Owner, Problem::OwnerClinician));
        }
        let mut shared: Vec<String> = Vec::new();
        for id in shared_with {
            if !clinical(&id) {
                return Err(Error::invalid(Field::SharedWith, Problem::ClinicianOnly));
            }
            if id != owner_id && !shared.contains(&id) {
                shared.push(id);
            }
        }
        let mut summary = self.summary(file_id)?;
        summary.owner_id = owner_id.to_owned();
        summary.shared_with = shared.clone();
        let event = CaseEvent::Sharing {
            owner: owner_id.to_owned(),
            shared_with: shared,
            by: me.id,
            on: self.today(),
        };
        self.write_case_change(&summary, &[event])?;
        // Whoever joined gets the student's case key; if someone left, the key is replaced.
        self.settle_student(&summary.student_id)?;
        Ok(summary)
    }
}
