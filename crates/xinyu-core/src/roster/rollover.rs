//! The start of a school year: every student in school moves up one grade, and the graduating
//! grade becomes 毕业. Plus the single changes of a student's status: leave, return, transfer.

use super::Roster;
use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use crate::access_log::Action;
use crate::error::Deed;
use crate::roster::students::{Body, KIND};
use crate::store::sealed::STUDENTS;
use crate::{Error, Result, Role, Student, StudentStatus};

/// Grades as schools write them, with their rank (1 = 一年级 … 12 = 高三) and the name of the
/// grade above in the same style.
const GRADES: &[(&str, u8, &str)] = &[
    ("一年级", 1, "二年级"),
    ("二年级", 2, "三年级"),
    ("三年级", 3, "四年级"),
    ("四年级", 4, "五年级"),
    ("五年级", 5, "六年级"),
    ("六年级", 6, "七年级"),
    ("七年级", 7, "八年级"),
    ("初一", 7, "初二"),
    ("八年级", 8, "九年级"),
    ("初二", 8, "初三"),
    ("九年级", 9, "高一"),
    ("初三", 9, "高一"),
    ("高一", 10, "高二"),
    ("十年级", 10, "十一年级"),
    ("高二", 11, "高三"),
    ("十一年级", 11, "十二年级"),
    ("高三", 12, ""),
    ("十二年级", 12, ""),
];

fn grade(name: &str) -> Option<(u8, &'static str)> {
    GRADES
        .iter()
        .find(|(g, _, _)| *g == name.trim())
        .map(|(_, rank, next)| (*rank, *next))
}

/// What a rollover did (or would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RolloverSummary {
    /// Students moved up one grade.
    pub promoted: usize,
    /// Students of the graduating grade, now 毕业.
    pub graduated: usize,
    /// Students in school whose grade is not a known grade name, left as they were.
    pub unrecognised: usize,
    /// The grade that graduated (the school's highest grade present).
    pub graduating_grade: Option<String>,
    /// Whether it was written.
    pub committed: bool,
}

impl Roster<'_> {
    /// Move every student in school (在读) up one grade; the highest grade present graduates
    /// (毕业). Students on leave, transferred or graduated stay as they are. One transaction.
    pub fn roll_over_school_year(&mut self, dry_run: bool) -> Result<RolloverSummary> {
        self.require(&[Role::Counselor], Deed::RollOver)?;
        let roster: Vec<Student> = self.loaded_students()?.to_vec();
        let active: Vec<&Student> = roster
            .iter()
            .filter(|s| s.status == StudentStatus::Active)
            .collect();
        let top = active
            .iter()
            .filter_map(|s| grade(&s.grade).map(|(rank, _)| (rank, s.grade.clone())))
            .max_by_key(|(rank, _)| *rank);
        let mut changes: BTreeMap<String, Body> = BTreeMap::new();
        let mut summary = RolloverSummary {
            promoted: 0,
            graduated: 0,
            unrecognised: 0,
            graduating_grade: top.as_ref().map(|(_, g)| g.clone()),
            committed: false,
        };
        for s in active {
            let mut body = Body::of(s);
            match grade(&s.grade) {
                None => summary.unrecognised += 1,
                Some((rank, next)) => {
                    if top.as_ref().is_some_and(|(top, _)| *top == rank) || next.is_empty() {
                        body.status = StudentStatus::Graduated;
                        summary.graduated += 1;
                    } else {
                        body.grade = next.to_owned();
                        summary.promoted += 1;
                    }
                    changes.insert(s.id.clone(), body);
                }
            }
        }
        if dry_run {
            return Ok(summary);
        }
        self.write_bodies(changes)?;
        summary.committed = true;
        Ok(summary)
    }

    /// Change one student's status: 休学 (leave), back to 在读 (return), 转出, 毕业.
    pub fn set_student_status(&mut self, id: &str, status: StudentStatus) -> Result<Student> {
        self.require(&[Role::Counselor], Deed::ChangeEnrolment)?;
        let student = self
            .loaded_students()?
            .iter()
            .find(|s| s.id == id)
            .cloned()
            .ok_or(Error::NotFound { kind: KIND })?;
        let mut body = Body::of(&student);
        body.status = status;
        let mut one = BTreeMap::new();
        one.insert(id.to_owned(), body);
        self.write_bodies(one)?;
        self.loaded_students()?
            .iter()
            .find(|s| s.id == id)
            .cloned()
            .ok_or(Error::NotFound { kind: KIND })
    }

    /// Re-seal and write changed student bodies in one transaction, logging each, and keep the
    /// roster in memory in step.
    fn write_bodies(&mut self, changes: BTreeMap<String, Body>) -> Result<()> {
        let w = self.write()?;
        let at = w.at.clone();
        for (id, body) in &changes {
            w.update(&STUDENTS, id, body, &[("updated_at", &at)])?;
            w.log(Action::Update, "student", id)?;
        }
        w.commit()?;
        self.remember_students(
            changes
                .iter()
                .map(|(id, body)| body.to_student(id.clone()))
                .collect(),
        );
        Ok(())
    }
}
