//! Warning files (心理预警档案): opening a file at a level of attention, changing the level with
//! its reason, follow-ups with their next due date, and the due/overdue list for the dashboard.

use super::Casework;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use xinyu_vault::KeyClass;

use crate::access_log::Action;
use crate::error::{Deed, Existing, Field, Kind, Problem};
use crate::store::sealed::{CASE_EVENTS, CASE_SUMMARIES, WARNING_FILES};
use crate::vault::required;
use crate::{CaseEvent, Error, Result, Role};

/// What a file is called in messages (its summary included).
const KIND: Kind = WARNING_FILES.kind;

/// Whether `user` may read and add to a file's narrative: any counselor, the file's owner, or
/// staff it is shared with.
pub(crate) fn works_on(user: &crate::UserSummary, file: &FileSummary) -> bool {
    user.role == Role::Counselor || file.owner_id == user.id || file.shared_with.contains(&user.id)
}

/// A summary that fails to open is named as the file it belongs to, as before the tables were
/// declared (`CASE_SUMMARIES` calls it 预警档案摘要).
fn as_file(e: Error) -> Error {
    match e {
        Error::Undecryptable { id, source, .. } => Error::Undecryptable {
            kind: KIND,
            id,
            source,
        },
        e => e,
    }
}

/// Where the concern came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileSource {
    /// 心理测评.
    Screening,
    /// 班主任.
    HomeroomTeacher,
    /// 家长.
    Parent,
    /// 学生主动求助.
    SelfReferral,
    /// 悄悄话信箱.
    Mailbox,
    /// 同学.
    Peer,
    /// 其他.
    Other,
}

/// Where a file stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// 关注中.
    Active,
    /// 已转介.
    Referred,
    /// 休学.
    OnLeave,
    /// 复学观察.
    ReturnObservation,
    /// 已解除.
    Closed,
}

impl FileStatus {
    /// The status in Chinese, as the UI shows it.
    pub fn label(self) -> &'static str {
        match self {
            FileStatus::Active => "关注中",
            FileStatus::Referred => "已转介",
            FileStatus::OnLeave => "休学",
            FileStatus::ReturnObservation => "复学观察",
            FileStatus::Closed => "已解除",
        }
    }
}

/// How a follow-up was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpMode {
    /// 面谈.
    InPerson,
    /// 电话.
    Phone,
    /// 家访.
    HomeVisit,
    /// 班主任反馈.
    HomeroomFeedback,
}

impl FollowUpMode {
    /// The mode in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            FollowUpMode::InPerson => "面谈",
            FollowUpMode::Phone => "电话",
            FollowUpMode::HomeVisit => "家访",
            FollowUpMode::HomeroomFeedback => "班主任反馈",
        }
    }
}

/// Opening a warning file.
#[derive(Clone, Serialize, Deserialize, TS)]
pub struct OpenFileInput {
    /// The student's id.
    pub student_id: String,
    /// Level rank (1 = 一级).
    pub level: u8,
    /// Categories (学业压力, 人际关系, …).
    pub categories: Vec<String>,
    /// Where the concern came from.
    pub source: FileSource,
    /// Why the file is opened.
    pub reason: String,
    /// The day it is opened.
    #[ts(type = "string")]
    pub opened_on: NaiveDate,
}

/// A follow-up as recorded.
#[derive(Clone, Serialize, Deserialize, TS)]
pub struct FollowUpInput {
    /// The day it took place.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// How.
    pub mode: FollowUpMode,
    /// What happened (casework narrative).
    pub content: String,
    /// The level after this follow-up, if reassessed.
    #[serde(default)]
    #[ts(optional)]
    pub reassessed_level: Option<u8>,
    /// When the next one is due; defaults from the level's interval.
    #[serde(default)]
    #[ts(optional, type = "string | null")]
    pub next_due: Option<NaiveDate>,
}

/// What the principal may read of a file, and what lists and the dashboard show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileSummary {
    /// The file's id.
    pub id: String,
    /// The student's id.
    pub student_id: String,
    /// Level rank.
    pub level: u8,
    /// Status.
    pub status: FileStatus,
    /// Opened on.
    #[ts(type = "string")]
    pub opened_on: NaiveDate,
    /// Closed on.
    #[ts(type = "string | null")]
    pub closed_on: Option<NaiveDate>,
    /// The owning counselor's user id.
    pub owner_id: String,
    /// The next follow-up's due date.
    #[ts(type = "string | null")]
    pub next_due: Option<NaiveDate>,
    /// Staff (user ids) the file is shared with besides its owner.
    #[serde(default)]
    pub shared_with: Vec<String>,
    /// The day of the most recent crisis event, if any.
    #[serde(default)]
    #[ts(type = "string | null")]
    pub last_crisis: Option<NaiveDate>,
}

/// The casework narrative of a file (counselor and owner only).
#[derive(Clone, Serialize, Deserialize, TS)]
pub struct FileNarrative {
    /// Categories.
    pub categories: Vec<String>,
    /// Source.
    pub source: FileSource,
    /// Why it was opened.
    pub reason: String,
}

/// The due list on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DueList {
    /// Follow-ups past their due date, most overdue first.
    pub overdue: Vec<FileSummary>,
    /// Due today.
    pub due_today: Vec<FileSummary>,
    /// Due in the next six days.
    pub due_this_week: Vec<FileSummary>,
    /// Open files per level rank (index 0 = 一级).
    pub open_by_level: Vec<usize>,
}

impl Casework<'_> {
    /// Open a warning file for a student (counselor). The first follow-up is due after the
    /// level's interval.
    pub fn open_warning_file(&mut self, input: OpenFileInput) -> Result<FileSummary> {
        let owner = self
            .require(&[Role::Counselor], Deed::OpenFile)?
            .user
            .id
            .clone();
        let reason = required(Field::FileReason, &input.reason)?.to_owned();
        let next_due = input.opened_on + self.interval(input.level)?;
        if !self
            .loaded_students()?
            .iter()
            .any(|s| s.id == input.student_id)
        {
            return Err(Error::NotFound {
                kind: Kind::Student,
            });
        }
        if self
            .student_files(&input.student_id)?
            .iter()
            .any(|f| f.status != FileStatus::Closed)
        {
            return Err(Error::Duplicate {
                what: Existing::OpenFile,
            });
        }
        let id = crate::id::new_id();
        let summary = FileSummary {
            id: id.clone(),
            student_id: input.student_id.clone(),
            level: input.level,
            status: FileStatus::Active,
            opened_on: input.opened_on,
            closed_on: None,
            owner_id: owner.clone(),
            next_due: Some(next_due),
            shared_with: Vec::new(),
            last_crisis: None,
        };
        let narrative = FileNarrative {
            categories: input.categories,
            source: input.source,
            reason: reason.clone(),
        };
        let opened = CaseEvent::LevelChange {
            from: None,
            to: input.level,
            reason,
            by: owner,
            on: input.opened_on,
        };
        let case = self.student_case_key(&input.student_id)?;
        let w = self.write()?;
        let at = w.at.clone();
        w.insert_case(
            &WARNING_FILES,
            case,
            &id,
            &narrative,
            &[
                ("student_id", &input.student_id),
                ("created_at", &at),
                ("updated_at", &at),
            ],
        )?;
        w.insert(&CASE_SUMMARIES, &id, &summary, &[])?;
        w.insert_case(
            &CASE_EVENTS,
            case,
            &crate::id::new_id(),
            &opened,
            &[("file_id", &id), ("created_at", &at)],
        )?;
        w.log(Action::Create, "warning_file", &id)?;
        w.commit()?;
        Ok(summary)
    }

    /// Every file's summary: counselors and principals see all, a teacher the files they own
    /// or that are shared with them.
    pub fn warning_files(&mut self) -> Result<Vec<FileSummary>> {
        self.summaries("", [])
    }

    /// The summaries of one student's files, as [`Self::warning_files`] lists them: only that
    /// student's are opened, found by the plain `student_id` of `warning_files`.
    pub(crate) fn student_files(&mut self, student_id: &str) -> Result<Vec<FileSummary>> {
        self.summaries(
            "id IN (SELECT id FROM warning_files WHERE student_id = ?1) ORDER BY rowid",
            [student_id],
        )
    }

    /// The summaries `filter` selects that the acting user may see, most urgent level first,
    /// then the earliest opened.
    fn summaries(
        &mut self,
        filter: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<FileSummary>> {
        let user = self
            .require_class(KeyClass::CaseSummary, Deed::ViewFiles)?
            .user
            .clone();
        let mut files: Vec<FileSummary> = self
            .load_all(&CASE_SUMMARIES, filter, params)
            .map_err(as_file)?
            .into_iter()
            .map(|(_, s)| s)
            .filter(|s| user.role != Role::Teacher || works_on(&user, s))
            .collect();
        files.sort_by_key(|f| (f.level, f.opened_on));
        Ok(files)
    }

    /// One file's summary, read by id (a teacher only sees files they own or share).
    pub(crate) fn summary(&mut self, file_id: &str) -> Result<FileSummary> {
        let user = self
            .require_class(KeyClass::CaseSummary, Deed::ViewFiles)?
            .user
            .clone();
        let summary: FileSummary = self
            .load(&CASE_SUMMARIES, file_id)
            .map_err(as_file)?
            .ok_or(Error::NotFound { kind: KIND })?;
        if user.role == Role::Teacher && !works_on(&user, &summary) {
            return Err(Error::NotFound { kind: KIND });
        }
        Ok(summary)
    }

    /// Record a follow-up (counselor, or the file's owner). A reassessed level is recorded as a
    /// level change; the next due date defaults from the (new) level's interval.
    pub fn add_follow_up(&mut self, file_id: &str, input: FollowUpInput) -> Result<FileSummary> {
        let me = self.user().clone();
        let mut summary = self.summary(file_id)?;
        if !works_on(&me, &summary) {
            return Err(Error::Forbidden {
                role: me.role,
                deed: Deed::RecordFollowUp,
            });
        }
        if summary.status == FileStatus::Closed {
            return Err(Error::Invalid {
                field: Field::WarningFile,
                problem: Problem::FileClosed,
            });
        }
        required(Field::FollowUpContent, &input.content)?;
        let mut events = Vec::new();
        if let Some(level) = input.reassessed_level.filter(|l| *l != summary.level) {
            self.interval(level)?;
            events.push(CaseEvent::LevelChange {
                from: Some(summary.level),
                to: level,
                reason: "跟踪复评".into(),
                by: me.id.clone(),
                on: input.date,
            });
            summary.level = level;
        }
        summary.next_due = Some(match input.next_due {
            Some(d) => d,
            None => input.date + self.interval(summary.level)?,
        });
        events.push(CaseEvent::FollowUp {
            record: input,
            by: me.id,
        });
        self.write_case_change(&summary, &events)?;
        Ok(summary)
    }

    /// Change a file's level with its reason (counselor).
    pub fn change_level(&mut self, file_id: &str, level: u8, reason: &str) -> Result<FileSummary> {
        let me = self
            .require(&[Role::Counselor], Deed::ChangeLevel)?
            .user
            .id
            .clone();
        let reason = required(Field::ChangeReason, reason)?.to_owned();
        self.interval(level)?;
        let mut summary = self.summary(file_id)?;
        let today = self.today();
        let event = CaseEvent::LevelChange {
            from: Some(summary.level),
            to: level,
            reason,
            by: me,
            on: today,
        };
        summary.level = level;
        let due = today + self.interval(level)?;
        summary.next_due = Some(summary.next_due.map_or(due, |d| d.min(due)));
        self.write_case_change(&summary, &[event])?;
        Ok(summary)
    }

    /// The events of a file, oldest first (counselor, or the file's owner); logged as a view.
    pub fn case_events(&mut self, file_id: &str) -> Result<Vec<CaseEvent>> {
        let me = self.user().clone();
        let summary = self.summary(file_id)?;
        if !works_on(&me, &summary) {
            return Err(Error::Forbidden {
                role: me.role,
                deed: Deed::ViewFollowUps,
            });
        }
        self.require_casework(Deed::ViewFollowUps)?;
        let events = self
            .file_events(file_id)?
            .into_iter()
            .map(|(_, e)| e)
            .collect();
        self.log(Action::View, "warning_file", file_id)?;
        Ok(events)
    }

    /// The events of a file as `(id, event)`, in the order they were written.
    pub(crate) fn file_events(&self, file_id: &str) -> Result<Vec<(String, CaseEvent)>> {
        self.load_all(
            &CASE_EVENTS,
            "file_id = ?1 ORDER BY created_at, rowid",
            [file_id],
        )
    }

    /// Follow-ups overdue, due today and due this week, and open files by level, as of today
    /// (local date). Closed files are not due.
    pub fn due_list(&mut self) -> Result<DueList> {
        let today = self.today();
        let files = self.warning_files()?;
        let levels = self.levels()?.len();
        let mut list = DueList {
            overdue: Vec::new(),
            due_today: Vec::new(),
            due_this_week: Vec::new(),
            open_by_level: vec![0; levels],
        };
        for f in files.into_iter().filter(|f| f.status != FileStatus::Closed) {
            if let Some(n) = list
                .open_by_level
                .get_mut(usize::from(f.level.saturating_sub(1)))
            {
                *n += 1;
            }
            match f.next_due {
                Some(d) if d < today => list.overdue.push(f),
                Some(d) if d == today => list.due_today.push(f),
                Some(d) if d <= today + Duration::days(6) => list.due_this_week.push(f),
                _ => {}
            }
        }
        list.overdue.sort_by_key(|f| (f.next_due, f.level));
        list.due_today.sort_by_key(|f| f.level);
        list.due_this_week.sort_by_key(|f| (f.next_due, f.level));
        Ok(list)
    }

    /// Write a change to a file in one transaction: its summary re-sealed, its `updated_at`
    /// touched, the new `events` appended, and one update of the file logged as the acting user.
    pub(crate) fn write_case_change(
        &mut self,
        summary: &FileSummary,
        events: &[CaseEvent],
    ) -> Result<()> {
        let case = match events.is_empty() {
            true => None,
            false => Some(self.student_case_key(&summary.student_id)?),
        };
        let w = self.write()?;
        w.update(&CASE_SUMMARIES, &summary.id, summary, &[])?;
        w.tx.execute(
            "UPDATE warning_files SET updated_at = ?2 WHERE id = ?1",
            rusqlite::params![summary.id, w.at],
        )
        .map_err(|e| Error::storage(WARNING_FILES.write, e))?;
        for (event, case) in events.iter().zip(std::iter::repeat(case).flatten()) {
            w.insert_case(
                &CASE_EVENTS,
                case,
                &crate::id::new_id(),
                event,
                &[("file_id", &summary.id), ("created_at", &w.at)],
            )?;
        }
        w.log(Action::Update, "warning_file", &summary.id)?;
        w.commit()
    }
}
