//! What the screens show of casework: the dashboard (工作台), the warning-file list with its
//! filters, one file with its events, and a student's chronology. Each is one call, decrypting
//! only what the acting role may read.

use super::Casework;
use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access_log::Action;
use crate::casework::files::works_on;
use crate::error::Kind;
use crate::store::sealed::WARNING_FILES;
use crate::{
    CaseEvent, Error, FileNarrative, FileStatus, FileSummary, LevelDef, Result, Role, Student,
};

/// How far back the dashboard shows crisis events.
pub const RECENT_CRISIS_DAYS: i64 = 30;

/// A file as a list row: its summary with the student and owner it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileListItem {
    /// The summary.
    pub file: FileSummary,
    /// 学号.
    pub student_no: String,
    /// The student's name.
    pub student_name: String,
    /// Grade.
    pub grade: String,
    /// Class.
    pub class_name: String,
    /// The owner's name.
    pub owner_name: String,
    /// Categories (empty for roles that do not read casework).
    pub categories: Vec<String>,
    /// The next follow-up is past due.
    pub overdue: bool,
}

/// Open files at one level, for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelCount {
    /// The level.
    pub level: LevelDef,
    /// Open (not closed) files at it.
    pub count: usize,
}

/// The dashboard (工作台).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Dashboard {
    /// Today, as the dashboard counted.
    #[ts(type = "string")]
    pub today: NaiveDate,
    /// Follow-ups past due, most overdue first.
    pub overdue: Vec<FileListItem>,
    /// Due today.
    pub due_today: Vec<FileListItem>,
    /// Due in the next six days.
    pub due_this_week: Vec<FileListItem>,
    /// Open files per level.
    pub open_by_level: Vec<LevelCount>,
    /// Files with a crisis event in the last 30 days, most recent first.
    pub recent_crises: Vec<FileListItem>,
}

/// Filters of the warning-file list; every field narrows, none set lists every open file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FileFilter {
    /// Only this level.
    #[ts(optional)]
    pub level: Option<u8>,
    /// Only this status; `None` lists every status except closed unless `include_closed`.
    #[ts(optional)]
    pub status: Option<FileStatus>,
    /// List closed files too (when no status is chosen).
    pub include_closed: bool,
    /// Only files with this category.
    #[ts(optional)]
    pub category: Option<String>,
    /// Only this grade.
    #[ts(optional)]
    pub grade: Option<String>,
    /// Only this class.
    #[ts(optional)]
    pub class_name: Option<String>,
    /// Only files this user owns.
    #[ts(optional)]
    pub owner_id: Option<String>,
    /// Only overdue files.
    pub overdue_only: bool,
}

/// One event with the ids it needs to be found again.
#[derive(Clone, Serialize, TS)]
pub struct EventRecord {
    /// The event's id.
    pub id: String,
    /// The file's id.
    pub file_id: String,
    /// Who recorded it (name).
    pub by_name: String,
    /// The event.
    pub event: CaseEvent,
}

/// One file as its page shows it.
#[derive(Clone, Serialize, TS)]
pub struct FileDetail {
    /// The list row (summary, student, owner).
    pub item: FileListItem,
    /// Names of the staff it is shared with.
    pub shared_with_names: Vec<String>,
    /// The narrative; `None` for roles that read summaries only.
    pub narrative: Option<FileNarrative>,
    /// Events, oldest first; empty for roles that read summaries only.
    pub events: Vec<EventRecord>,
    /// The acting user may add to the file.
    pub can_edit: bool,
}

/// A student's page: profile, files, plan and the chronology.
#[derive(Clone, Serialize, TS)]
pub struct StudentPage {
    /// The student.
    pub student: Student,
    /// The student's files the user may see, newest first.
    pub files: Vec<FileListItem>,
    /// The 一生一策, if any and readable.
    pub plan: Option<crate::SupportPlan>,
    /// Every event the user may read across the student's files, newest first.
    pub chronology: Vec<EventRecord>,
    /// The user may read casework for this student (narratives, plan, chronology).
    pub can_read_casework: bool,
    /// One-to-one sessions the user may read, newest first (the chronology shows them too).
    pub sessions: Vec<crate::SessionView>,
    /// Screening results across campaigns, oldest first (counselors: the trend chart).
    pub screenings: Vec<crate::StudentScreening>,
}

impl Casework<'_> {
    /// List rows for summaries, joined with the roster and the staff names.
    fn list_items(&mut self, files: Vec<FileSummary>) -> Result<Vec<FileListItem>> {
        let today = self.today();
        let names: HashMap<String, String> =
            self.users()?.into_iter().map(|u| (u.id, u.name)).collect();
        let roster: HashMap<String, (String, String, String, String)> = self
            .loaded_students()?
            .iter()
            .map(|s| {
                (
                    s.id.clone(),
                    (
                        s.student_no.clone(),
                        s.name.clone(),
                        s.grade.clone(),
                        s.class_name.clone(),
                    ),
                )
            })
            .collect();
        Ok(files
            .into_iter()
            .map(|file| {
                let (student_no, student_name, grade, class_name) =
                    roster.get(&file.student_id).cloned().unwrap_or_default();
                let overdue =
                    file.status != FileStatus::Closed && file.next_due.is_some_and(|d| d < today);
                FileListItem {
                    owner_name: names.get(&file.owner_id).cloned().unwrap_or_default(),
                    file,
                    student_no,
                    student_name,
                    grade,
                    class_name,
                    categories: Vec::new(),
                    overdue,
                }
            })
            .collect())
    }

    /// Narratives of files, by file id, when the acting user reads casework.
    fn narratives(&mut self) -> Result<HashMap<String, FileNarrative>> {
        if !self.reads_casework() {
            return Ok(HashMap::new());
        }
        Ok(self.load_all(&WARNING_FILES, "", [])?.into_iter().collect())
    }

    /// The dashboard as of today (local date): due and overdue follow-ups, open files per level,
    /// recent crisis events.
    pub fn dashboard(&mut self) -> Result<Dashboard> {
        let today = self.today();
        let levels = self.levels()?;
        let files = self.warning_files()?;
        let open: Vec<FileSummary> = files
            .into_iter()
            .filter(|f| f.status != FileStatus::Closed)
            .collect();
        let open_by_level = levels
            .into_iter()
            .map(|level| LevelCount {
                count: open.iter().filter(|f| f.level == level.rank).count(),
                level,
            })
            .collect();
        let items = self.list_items(open)?;
        let week_end = today + Duration::days(6);
        let recent_from = today - Duration::days(RECENT_CRISIS_DAYS);
        let pick = |keep: &dyn Fn(&FileListItem) -> bool| -> Vec<FileListItem> {
            items.iter().filter(|i| keep(i)).cloned().collect()
        };
        let mut overdue = pick(&|i| i.overdue);
        let mut due_today = pick(&|i| i.file.next_due == Some(today));
        let mut due_this_week =
            pick(&|i| i.file.next_due.is_some_and(|d| d > today && d <= week_end));
        let mut recent_crises = pick(&|i| i.file.last_crisis.is_some_and(|d| d >= recent_from));
        overdue.sort_by_key(|i| (i.file.next_due, i.file.level));
        due_today.sort_by_key(|i| i.file.level);
        due_this_week.sort_by_key(|i| (i.file.next_due, i.file.level));
        recent_crises.sort_by_key(|i| std::cmp::Reverse(i.file.last_crisis));
        Ok(Dashboard {
            today,
            overdue,
            due_today,
            due_this_week,
            open_by_level,
            recent_crises,
        })
    }

    /// The warning-file list with its filters, most urgent level first, then the earliest due
    /// (logged as one view of the list).
    pub fn list_warning_files(&mut self, filter: &FileFilter) -> Result<Vec<FileListItem>> {
        let files = self.warning_files()?;
        let files = files
            .into_iter()
            .filter(|f| match filter.status {
                Some(s) => f.status == s,
                None => filter.include_closed || f.status != FileStatus::Closed,
            })
            .filter(|f| filter.level.is_none_or(|l| f.level == l))
            .filter(|f| filter.owner_id.as_ref().is_none_or(|o| &f.owner_id == o))
            .collect();
        let mut items = self.list_items(files)?;
        let mut narratives = self.narratives()?;
        for item in &mut items {
            if let Some(n) = narratives.remove(&item.file.id) {
                item.categories = n.categories;
            }
        }
        items.retain(|i| {
            filter.grade.as_ref().is_none_or(|g| &i.grade == g)
                && filter
                    .class_name
                    .as_ref()
                    .is_none_or(|c| &i.class_name == c)
                && filter
                    .category
                    .as_ref()
                    .is_none_or(|c| i.categories.contains(c))
                && (!filter.overdue_only || i.overdue)
        });
        items.sort_by(|a, b| {
            (a.file.status == FileStatus::Closed)
                .cmp(&(b.file.status == FileStatus::Closed))
                .then(a.file.level.cmp(&b.file.level))
                .then(a.file.next_due.cmp(&b.file.next_due))
                .then_with(|| crate::roster::students::natural_cmp(&a.class_name, &b.class_name))
        });
        self.log(Action::View, "warning_file_list", "")?;
        Ok(items)
    }

    /// Events of the given files the acting user may read, oldest first.
    fn events_of(&mut self, file_ids: &[String]) -> Result<Vec<EventRecord>> {
        let names: HashMap<String, String> =
            self.users()?.into_iter().map(|u| (u.id, u.name)).collect();
        let mut out = Vec::new();
        for file_id in file_ids {
            for (id, event) in self.file_events(file_id)? {
                out.push(EventRecord {
                    by_name: names.get(event.by()).cloned().unwrap_or_default(),
                    id,
                    file_id: file_id.clone(),
                    event,
                });
            }
        }
        Ok(out)
    }

    /// One file as its page shows it (logged as a view). Principals get the summary only.
    pub fn warning_file(&mut self, file_id: &str) -> Result<FileDetail> {
        let summary = self.summary(file_id)?;
        let me = self.user().clone();
        let names: HashMap<String, String> =
            self.users()?.into_iter().map(|u| (u.id, u.name)).collect();
        let shared_with_names = summary
            .shared_with
            .iter()
            .filter_map(|id| names.get(id).cloned())
            .collect();
        let reads = works_on(&me, &summary) && self.reads_casework();
        let mut item = self
            .list_items(vec![summary])?
            .pop()
            .ok_or(Error::NotFound {
                kind: Kind::WarningFile,
            })?;
        let (narrative, events) = if reads {
            let narrative: FileNarrative =
                self.load(&WARNING_FILES, file_id)?.ok_or(Error::NotFound {
                    kind: WARNING_FILES.kind,
                })?;
            item.categories = narrative.categories.clone();
            (Some(narrative), self.events_of(&[file_id.to_owned()])?)
        } else {
            (None, Vec::new())
        };
        self.log(Action::View, "warning_file", file_id)?;
        Ok(FileDetail {
            item,
            shared_with_names,
            narrative,
            events,
            can_edit: reads && me.role != Role::Principal,
        })
    }

    /// A student's page: profile, files, 一生一策 and the chronology of every event the user may
    /// read, newest first (logged as a view of the student).
    pub fn student_page(&mut self, student_id: &str) -> Result<StudentPage> {
        let student = self.roster().student(student_id)?;
        let me = self.user().clone();
        let files = self.student_files(student_id)?;
        let readable: Vec<String> = if self.reads_casework() {
            files
                .iter()
                .filter(|f| works_on(&me, f))
                .map(|f| f.id.clone())
                .collect()
        } else {
            Vec::new()
        };
        let can_read_casework =
            me.role == Role::Counselor || (!readable.is_empty() && me.role == Role::Teacher);
        let mut items = self.list_items(files)?;
        items.sort_by_key(|i| std::cmp::Reverse(i.file.opened_on));
        let mut chronology = self.events_of(&readable)?;
        // Newest first; on the same day, the later entry first.
        chronology.reverse();
        chronology.sort_by_key(|e| std::cmp::Reverse(e.event.date()));
        let plan = if can_read_casework {
            self.support_plan(student_id)?
        } else {
            None
        };
        let sessions = if self.reads_casework() {
            self.notes().list_sessions(Some(student_id))?
        } else {
            Vec::new()
        };
        let screenings = if me.role == Role::Counselor {
            self.screening().student_screenings(student_id)?
        } else {
            Vec::new()
        };
        Ok(StudentPage {
            student,
            files: items,
            plan,
            chronology,
            can_read_casework,
            sessions,
            screenings,
        })
    }
}
