//! A synthetic school for demos and benchmarks: students, warning files at every level, and
//! years of follow-ups — realistic in shape, visibly synthetic in content, the same for a seed.

use chrono::{Datelike, Duration};
use serde::Serialize;
use ts_rs::TS;

use crate::{
    FileSource, FollowUpInput, FollowUpMode, OpenFileInput, Result, StudentRecord, StudentStatus,
    Vault,
};

/// What the generator made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DemoSummary {
    /// Students added.
    pub students: usize,
    /// Warning files opened.
    pub warning_files: usize,
    /// Follow-ups recorded.
    pub follow_ups: usize,
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

impl Vault {
    /// Fill the vault with a synthetic school (counselor): `students` students in three
    /// grades, about one in five with a warning file opened during the last `years` years, and
    /// follow-ups at each file's level interval (capped at 24 per file). Deterministic for a
    /// seed. Names are generated; every narrative says 【演示数据】.
    pub fn generate_demo_data(
        &mut self,
        students: usize,
        years: u32,
        seed: u64,
    ) -> Result<DemoSummary> {
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
        self.import_students(records, false)?;
        let roster: Vec<String> = self.roster()?.iter().map(|s| s.id.clone()).collect();

        let span_days = i64::from(years.max(1)) * 365;
        let mut summary = DemoSummary {
            students: roster.len(),
            warning_files: 0,
            follow_ups: 0,
        };
        for id in &roster {
            if rng.below(5) != 0 {
                continue;
            }
            let opened = today - Duration::days(rng.below(span_days as usize) as i64);
            let level = 1 + rng.below(3) as u8;
            let file = self.open_warning_file(OpenFileInput {
                student_id: id.clone(),
                level,
                categories: vec![rng.pick(CATEGORIES).to_owned()],
                source: FileSource::HomeroomTeacher,
                reason: "【演示数据】班主任反映近期情绪波动".into(),
                opened_on: opened,
            })?;
            summary.warning_files += 1;
            let mut due = file.next_due.unwrap_or(today);
            for _ in 0..rng.below(25) {
                if due > today {
                    break;
                }
                let after = self.add_follow_up(
                    &file.id,
                    FollowUpInput {
                        date: due,
                        mode: [FollowUpMode::InPerson, FollowUpMode::Phone][rng.below(2)],
                        content: "【演示数据】面谈跟踪，情况平稳".into(),
                        reassessed_level: None,
                        next_due: None,
                    },
                )?;
                summary.follow_ups += 1;
                due = after.next_due.unwrap_or(today + Duration::days(1));
            }
        }
        Ok(summary)
    }
}
