//! The counseling room's work log: group sessions (团体辅导), consultation-line and hotline
//! referrals, teacher training (培训) and activities (心理健康月, 主题班会, 讲座, …), and the
//! annual figures (年度工作统计) the bureau asks for.

use super::Notes;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use xinyu_vault::KeyClass;

use crate::access_log::Action;
use crate::error::{Deed, Field, Problem};
use crate::store::sealed::WORK_LOG;
use crate::vault::required;
use crate::{Error, FileStatus, Result, Role};

/// Who called the consultation line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CallerType {
    /// 学生.
    Student,
    /// 家长.
    Parent,
    /// 教师.
    Teacher,
    /// 匿名.
    Anonymous,
}

/// How worried the person on duty was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConcernLevel {
    /// 一般.
    Low,
    /// 较高.
    Elevated,
    /// 紧急.
    Urgent,
}

/// One entry of the work log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkLogEntry {
    /// 团体辅导.
    GroupSession {
        /// The day.
        #[ts(type = "string")]
        date: NaiveDate,
        /// Topic.
        topic: String,
        /// Grade (may be blank for a mixed group).
        grade: String,
        /// Class (may be blank).
        class_name: String,
        /// Who led it.
        facilitator: String,
        /// How many took part.
        participants: u32,
        /// Notes on the session (no names).
        #[serde(default)]
        notes: String,
    },
    /// A call on the consultation line and the hotline number given.
    HotlineReferral {
        /// The day.
        #[ts(type = "string")]
        date: NaiveDate,
        /// Who called.
        caller: CallerType,
        /// What about, in a few words.
        topic: String,
        /// How worried the person on duty was.
        concern: ConcernLevel,
        /// The number given: 96311, 12355, 12356 or another.
        number_given: String,
        /// The guardian was informed.
        guardian_informed: bool,
        /// What follows.
        #[serde(default)]
        follow_up: String,
    },
    /// 教师培训.
    Training {
        /// The day.
        #[ts(type = "string")]
        date: NaiveDate,
        /// Title.
        title: String,
        /// Hours.
        hours: f64,
        /// Who organized it.
        organizer: String,
        /// Online (true) or in person.
        online: bool,
        /// How many attended.
        attendees: u32,
    },
    /// 活动: 心理健康月, 家庭教育宣传周, 主题班会, 讲座, 手抄报, …
    Activity {
        /// The day.
        #[ts(type = "string")]
        date: NaiveDate,
        /// The type (心理健康月, 主题班会, …).
        activity_type: String,
        /// Title.
        title: String,
        /// Audience (e.g. 七年级全体学生).
        audience: String,
        /// How many took part.
        participants: u32,
    },
}

impl WorkLogEntry {
    /// The day of the entry.
    pub fn date(&self) -> NaiveDate {
        match self {
            WorkLogEntry::GroupSession { date, .. }
            | WorkLogEntry::HotlineReferral { date, .. }
            | WorkLogEntry::Training { date, .. }
            | WorkLogEntry::Activity { date, .. } => *date,
        }
    }

    fn check(&self) -> Result<()> {
        match self {
            WorkLogEntry::GroupSession {
                topic, facilitator, ..
            } => {
                required(Field::Topic, topic)?;
                required(Field::Leader, facilitator)?;
            }
            WorkLogEntry::HotlineReferral {
                topic,
                number_given,
                ..
            } => {
                required(Field::ConsultTopic, topic)?;
                required(Field::HotlinesGiven, number_given)?;
            }
            WorkLogEntry::Training { title, hours, .. } => {
                required(Field::TrainingName, title)?;
                if !(hours.is_finite() && *hours > 0.0 && *hours <= 200.0) {
                    return Err(Error::Invalid {
                        field: Field::Hours,
                        problem: Problem::Hours { max: 200 },
                    });
                }
            }
            WorkLogEntry::Activity {
                activity_type,
                title,
                ..
            } => {
                required(Field::ActivityKind, activity_type)?;
                required(Field::ActivityName, title)?;
            }
        }
        Ok(())
    }
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkLogRecord {
    /// Its id.
    pub id: String,
    /// Who logged it (user id).
    pub by: String,
    /// The entry.
    pub entry: WorkLogEntry,
}

/// Files opened or closed at one level in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LevelFigure {
    /// Level rank.
    pub level: u8,
    /// Level name.
    pub name: String,
    /// Files opened in the period.
    pub opened: usize,
    /// Files closed in the period.
    pub closed: usize,
}

/// 年度工作统计: the figures of a period (both days included).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkStats {
    /// First day.
    #[ts(type = "string")]
    pub from: NaiveDate,
    /// Last day.
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// One-to-one sessions.
    pub individual_sessions: usize,
    /// Distinct students seen one to one (walk-ins not counted).
    pub students_served: usize,
    /// Anonymous walk-in sessions.
    pub walk_in_sessions: usize,
    /// Hours of one-to-one sessions.
    pub session_hours: f64,
    /// Group sessions.
    pub group_sessions: usize,
    /// Their participants.
    pub group_participants: u64,
    /// Hotline referrals.
    pub hotline_referrals: usize,
    /// Trainings.
    pub trainings: usize,
    /// Their hours.
    pub training_hours: f64,
    /// Training attendees.
    pub training_attendees: u64,
    /// Activities.
    pub activities: usize,
    /// Their participants.
    pub activity_participants: u64,
    /// Warning files opened and closed per level.
    pub files_by_level: Vec<LevelFigure>,
}

impl Notes<'_> {
    /// Log an entry (counselors and teachers).
    pub fn add_work_log(&mut self, entry: WorkLogEntry) -> Result<WorkLogRecord> {
        let me = self
            .require(&[Role::Counselor, Role::Teacher], Deed::LogWork)?
            .user
            .id
            .clone();
        self.require_class(KeyClass::Activity, Deed::LogWork)?;
        entry.check()?;
        let record = WorkLogRecord {
            id: crate::id::new_id(),
            by: me,
            entry,
        };
        let w = self.write()?;
        w.insert(&WORK_LOG, &record.id, &record, &[("created_at", &w.at)])?;
        w.log(Action::Create, "work_log", &record.id)?;
        w.commit()?;
        Ok(record)
    }

    /// The work log between two days (both included), newest first.
    pub fn work_log(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<WorkLogRecord>> {
        self.require_class(KeyClass::Activity, Deed::ViewWorkLog)?;
        let mut records: Vec<WorkLogRecord> = self
            .load_all(&WORK_LOG, "", [])?
            .into_iter()
            .map(|(_, record)| record)
            .collect();
        records.retain(|r| (from..=to).contains(&r.entry.date()));
        records.sort_by_key(|r| std::cmp::Reverse(r.entry.date()));
        Ok(records)
    }

    /// The figures of a period (both days included): sessions, the work log and warning files.
    /// Principals may read them: they are counts, computed without the notes key.
    pub fn work_stats(&mut self, from: NaiveDate, to: NaiveDate) -> Result<WorkStats> {
        if from > to {
            return Err(Error::Invalid {
                field: Field::Period,
                problem: Problem::EndsBeforeStart,
            });
        }
        let within = |d: NaiveDate| (from..=to).contains(&d);
        let sessions: Vec<_> = self
            .session_summaries()?
            .into_iter()
            .filter(|s| within(s.date))
            .collect();
        let served: std::collections::HashSet<&String> = sessions
            .iter()
            .filter_map(|s| s.student_id.as_ref())
            .collect();
        let mut stats = WorkStats {
            from,
            to,
            individual_sessions: sessions.len(),
            students_served: served.len(),
            walk_in_sessions: sessions.iter().filter(|s| s.student_id.is_none()).count(),
            // Whole minutes summed first: a sum of no floats is −0.0, which printed as 「-0.0」.
            session_hours: minutes_to_hours(
                sessions.iter().map(|s| u64::from(s.duration_minutes)).sum(),
            ),
            group_sessions: 0,
            group_participants: 0,
            hotline_referrals: 0,
            trainings: 0,
            training_hours: 0.0,
            training_attendees: 0,
            activities: 0,
            activity_participants: 0,
            files_by_level: Vec::new(),
        };
        for record in self.work_log(from, to)? {
            match record.entry {
                WorkLogEntry::GroupSession { participants, .. } => {
                    stats.group_sessions += 1;
                    stats.group_participants += u64::from(participants);
                }
                WorkLogEntry::HotlineReferral { .. } => stats.hotline_referrals += 1,
                WorkLogEntry::Training {
                    hours, attendees, ..
                } => {
                    stats.trainings += 1;
                    stats.training_hours += hours;
                    stats.training_attendees += u64::from(attendees);
                }
                WorkLogEntry::Activity { participants, .. } => {
                    stats.activities += 1;
                    stats.activity_participants += u64::from(participants);
                }
            }
        }
        let files = if self.holds(KeyClass::CaseSummary) {
            self.casework().warning_files()?
        } else {
            Vec::new()
        };
        stats.files_by_level = self
            .casework()
            .levels()?
            .into_iter()
            .map(|l| LevelFigure {
                opened: files
                    .iter()
                    .filter(|f| f.level == l.rank && within(f.opened_on))
                    .count(),
                closed: files
                    .iter()
                    .filter(|f| {
                        f.level == l.rank
                            && f.status == FileStatus::Closed
                            && f.closed_on.is_some_and(within)
                    })
                    .count(),
                level: l.rank,
                name: l.name,
            })
            .collect();
        self.log(Action::View, "work_stats", "")?;
        Ok(stats)
    }
}

/// Minutes as hours, for the figures.
fn minutes_to_hours(minutes: u64) -> f64 {
    // A school's minutes in a year are far below 2^52: exact as a float.
    minutes as f64 / 60.0
}
