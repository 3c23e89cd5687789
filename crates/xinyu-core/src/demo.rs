//! A synthetic school for demos and benchmarks: students, warning files at every level, and
//! years of follow-ups — realistic in shape, visibly synthetic in content, the same for a seed.

use chrono::{Datelike, Duration};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Deed;
use crate::store::sealed::{CASE_EVENTS, CASE_SUMMARIES, WARNING_FILES};
use crate::vault::Unlocked;
use crate::{
    CaseEvent, FileNarrative, FileSource, FileStatus, FileSummary, FollowUpInput, FollowUpMode,
    Result, StudentRecord, StudentStatus,
};

/// What the generator made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DemoSummary {
    /// Students added.
    pub students: usize,
    /// Warning files opened.
    pub warning_files: usize,
    /// Of which closed (解除).
    pub closed_files: usize,
    /// Follow-ups and home visits recorded.
    pub follow_ups: usize,
    /// Referrals recorded.
    pub referrals: usize,
    /// Family contacts recorded.
    pub parent_contacts: usize,
    /// Crisis events recorded.
    pub crises: usize,
    /// 一生一策 plans written.
    pub plans: usize,
}

/// splitmix64: a small, well-known deterministic generator; the same seed, the same school.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "曾", "欧阳",
];
const GIVEN: &[&str] = &[
    "子", "涵", "浩", "宇", "欣", "怡", "梓", "轩", "雨", "晨", "思", "博", "佳", "琪", "一", "诺",
    "嘉", "明", "文", "乐",
];
const GRADES: &[&str] = &["七年级", "八年级", "九年级"];
const CATEGORIES: &[&str] = &["学业压力", "人际关系", "家庭变故", "情绪困扰", "网络沉迷"];

/// One generated file: its summary, narrative and events, written in one batch.
struct DemoFile {
    summary: FileSummary,
    narrative: FileNarrative,
    events: Vec<CaseEvent>,
}

impl Unlocked<'_> {
    /// Fill the vault with a synthetic school (counselor): `students` students in three
    /// grades; about one in five with a warning file opened during the last `years` years,
    /// followed up at its level's interval while it stayed open; referrals, family contacts,
    /// home visits, a few recent crisis events and 一生一策 plans. Deterministic for a seed.
    /// Names are generated; every narrative says 【演示数据】. Written in one transaction, so
    /// a school with ten years of follow-ups takes seconds, not one commit per record.
    pub fn generate_demo_data(
        &mut self,
        students: usize,
        years: u32,
        seed: u64,
    ) -> Result<DemoSummary> {
        let me = self
            .require(&[crate::Role::Counselor], Deed::GenerateDemo)?
            .user
            .id
            .clone();
        let mut rng = Rng(seed);
        let today = self.today();
        let records: Vec<std::result::Result<StudentRecord, Vec<crate::CellError>>> = (0..students)
            .map(|i| {
                let grade = GRADES[i % GRADES.len()];
                let name = format!(
                    "{}{}{}",
                    rng.pick(SURNAMES),
                    rng.pick(GIVEN),
                    rng.pick(GIVEN)
                );
                Ok(StudentRecord {
                    row: i + 2,
                    student_no: format!("D{:06}", i + 1),
                    name,
                    gender: None,
                    date_of_birth: None,
                    grade: grade.to_owned(),
                    class_name: format!("{}班", 1 + rng.below(12)),
                    enrollment_year: Some(today.year() - (i % GRADES.len()) as i32),
                    homeroom_teacher: None,
                    guardians: Vec::new(),
                    status: StudentStatus::Active,
                })
            })
            .collect();
        self.roster().import_students(records, false)?;
        let roster: Vec<String> = self
            .loaded_students()?
            .iter()
            .map(|s| s.id.clone())
            .collect();
        let levels = self.casework().levels()?;

        let span_days = i64::from(years.max(1)) * 365;
        let mut summary = DemoSummary {
            students: roster.len(),
            warning_files: 0,
            closed_files: 0,
            follow_ups: 0,
            referrals: 0,
            parent_contacts: 0,
            crises: 0,
            plans: 0,
        };
        let mut files = Vec::new();
        let mut plans = Vec::new();
        for id in &roster {
            if rng.below(5) != 0 {
                continue;
            }
            let opened = today - Duration::days(rng.below(span_days as usize) as i64);
            let level = 1 + rng.below(levels.len().min(3)) as u8;
            let interval = i64::from(
                levels
                    .iter()
                    .find(|l| l.rank == level)
                    .map_or(7, |l| l.follow_up_days),
            );
            // Files stay open two to eighteen months; older ones are mostly closed by now.
            let stays = Duration::days(60 + rng.below(480) as i64);
            let closes = (opened + stays < today).then_some(opened + stays);
            let mut events = vec![CaseEvent::LevelChange {
                from: None,
                to: level,
                reason: "【演示数据】建档".into(),
                by: me.clone(),
                on: opened,
            }];
            let until = closes.unwrap_or(today);
            let mut date = opened + Duration::days(interval);
            let mut count = 0;
            // Open files are left with their last follow-up a little before or after today,
            // so the dashboard has due, overdue and upcoming items.
            let slack = Duration::days(rng.below(10) as i64);
            while date + slack <= until && count < 60 {
                count += 1;
                if count % 7 == 3 {
                    events.push(CaseEvent::ParentContact {
                        record: crate::ParentContactInput {
                            date,
                            mode: crate::ContactMode::Phone,
                            guardian: "【演示数据】母亲".into(),
                            content: "【演示数据】电话沟通近期在家情况".into(),
                        },
                        by: me.clone(),
                    });
                    summary.parent_contacts += 1;
                }
                if count % 11 == 5 {
                    events.push(CaseEvent::HomeVisit {
                        record: crate::HomeVisitInput {
                            date,
                            visitors: "【演示数据】心理老师、班主任".into(),
                            present: "【演示数据】父母".into(),
                            content: "【演示数据】家访，了解家庭支持情况".into(),
                        },
                        by: me.clone(),
                    });
                } else {
                    events.push(CaseEvent::FollowUp {
                        record: FollowUpInput {
                            date,
                            mode: [FollowUpMode::InPerson, FollowUpMode::Phone][rng.below(2)],
                            content: "【演示数据】面谈跟踪，情况平稳".into(),
                            reassessed_level: None,
                            next_due: None,
                        },
                        by: me.clone(),
                    });
                }
                summary.follow_ups += 1;
                date += Duration::days(interval);
            }
            let mut status = FileStatus::Active;
            if level == 1 && rng.below(3) == 0 {
                let on = opened + Duration::days(interval.min(5));
                events.push(CaseEvent::Referral {
                    record: crate::ReferralInput {
                        date: on,
                        institution: "【演示数据】市心理卫生中心".into(),
                        reason: "【演示数据】建议专业评估".into(),
                        parent_notification: crate::ParentNotification {
                            notified_on: on,
                            method: "面谈".into(),
                            notified_by: "【演示数据】心理老师".into(),
                            response: crate::ParentResponse::Agreed,
                            response_note: String::new(),
                        },
                    },
                    by: me.clone(),
                });
                summary.referrals += 1;
                status = FileStatus::Referred;
            }
            let mut last_crisis = None;
            if closes.is_none() && level == 1 && rng.below(3) == 0 {
                let on = today - Duration::days(rng.below(20) as i64);
                let when = on.and_hms_opt(10, 30, 0).unwrap_or_default();
                events.push(CaseEvent::Crisis {
                    record: crate::CrisisInput {
                        occurred_at: when,
                        location: "【演示数据】教学楼".into(),
                        description: "【演示数据】学生情绪激动".into(),
                        safety_ensured: true,
                        actions: "【演示数据】心理老师陪伴".into(),
                        notifications: crate::CRISIS_REQUIRED
                            .iter()
                            .map(|party| crate::CrisisNotification {
                                party: *party,
                                at: Some(when + Duration::minutes(15)),
                                note: String::new(),
                            })
                            .collect(),
                    },
                    by: me.clone(),
                });
                summary.crises += 1;
                last_crisis = Some(on);
            }
            if let Some(closed) = closes {
                events.push(CaseEvent::StatusChange {
                    from: status,
                    to: FileStatus::Closed,
                    reason: "【演示数据】情况稳定，解除关注".into(),
                    by: me.clone(),
                    on: closed,
                });
                status = FileStatus::Closed;
                summary.closed_files += 1;
            } else if rng.below(2) == 0 {
                plans.push(id.clone());
            }
            let next_due = (status != FileStatus::Closed).then_some(date);
            files.push(DemoFile {
                summary: FileSummary {
                    id: crate::id::new_id(),
                    student_id: id.clone(),
                    level,
                    status,
                    opened_on: opened,
                    closed_on: closes,
                    owner_id: me.clone(),
                    next_due,
                    shared_with: Vec::new(),
                    last_crisis,
                },
                narrative: FileNarrative {
                    categories: vec![rng.pick(CATEGORIES).to_owned()],
                    source: [
                        FileSource::HomeroomTeacher,
                        FileSource::Screening,
                        FileSource::Parent,
                    ][rng.below(3)],
                    reason: "【演示数据】班主任反映近期情绪波动".into(),
                },
                events,
            });
        }
        summary.warning_files = files.len();
        self.write_demo_files(&files)?;
        for student in plans {
            self.casework().save_support_plan(
                &student,
                crate::PlanInput {
                    goals: vec!["【演示数据】保持规律作息".into()],
                    measures: vec![crate::PlanMeasure {
                        measure: "【演示数据】每两周面谈一次".into(),
                        responsible: "【演示数据】心理老师".into(),
                    }],
                    review_dates: vec![today + Duration::days(30)],
                },
            )?;
            summary.plans += 1;
        }
        Ok(summary)
    }

    /// Seal and insert generated files in one transaction, with one access-log entry.
    fn write_demo_files(&mut self, files: &[DemoFile]) -> Result<()> {
        let mut cases = Vec::with_capacity(files.len());
        for f in files {
            cases.push(self.student_case_key(&f.summary.student_id)?);
        }
        let w = self.write()?;
        let at = w.at.clone();
        for (f, &case) in files.iter().zip(&cases) {
            let id = &f.summary.id;
            w.insert_case(
                &WARNING_FILES,
                case,
                id,
                &f.narrative,
                &[
                    ("student_id", &f.summary.student_id),
                    ("created_at", &at),
                    ("updated_at", &at),
                ],
            )?;
            w.insert(&CASE_SUMMARIES, id, &f.summary, &[])?;
            for event in &f.events {
                let event_id = crate::id::new_id();
                w.insert_case(
                    &CASE_EVENTS,
                    case,
                    &event_id,
                    event,
                    &[("file_id", id), ("created_at", &at)],
                )?;
            }
        }
        w.log(crate::Action::Create, "demo_data", "")?;
        w.commit()
    }
}
