//! 一生一策: one support plan per student — goals, measures with the people responsible, and
//! review dates — kept with the student, not with a file, so it carries across school years.

use super::Casework;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::access_log::Action;
use crate::casework::files::works_on;
use crate::error::{Deed, Field, Kind, Problem};
use crate::store::sealed::SUPPORT_PLANS;
use crate::{Error, Result, Role};

/// One measure of a plan and who carries it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanMeasure {
    /// What is done (e.g. 每周一次面谈).
    pub measure: String,
    /// Who (e.g. 班主任王老师).
    pub responsible: String,
}

/// A plan as edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanInput {
    /// Goals, one per line as the counselor writes them.
    pub goals: Vec<String>,
    /// Measures and the people responsible.
    pub measures: Vec<PlanMeasure>,
    /// When the plan is reviewed.
    #[ts(type = "string[]")]
    pub review_dates: Vec<NaiveDate>,
}

/// A student's plan as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SupportPlan {
    /// The student's id.
    pub student_id: String,
    /// Goals.
    pub goals: Vec<String>,
    /// Measures.
    pub measures: Vec<PlanMeasure>,
    /// Review dates, earliest first.
    #[ts(type = "string[]")]
    pub review_dates: Vec<NaiveDate>,
    /// The day it was first written.
    #[ts(type = "string")]
    pub created_on: NaiveDate,
    /// The day it was last changed.
    #[ts(type = "string")]
    pub updated_on: NaiveDate,
    /// Who changed it last (user id).
    pub updated_by: String,
}

impl Casework<'_> {
    /// The student's plan `(id, plan)`, if one was written.
    fn plan_of(&self, student_id: &str) -> Result<Option<(String, SupportPlan)>> {
        Ok(self
            .load_all(&SUPPORT_PLANS, "student_id = ?1", [student_id])?
            .into_iter()
            .next())
    }

    /// Whether the acting user may read and write this student's casework: counselors always,
    /// a teacher when one of the student's files is theirs or shared with them.
    fn check_student_casework(&mut self, student_id: &str, deed: Deed) -> Result<()> {
        let me = self.require_casework(deed)?.user.clone();
        if me.role == Role::Counselor {
            return Ok(());
        }
        let mine = self
            .student_files(student_id)?
            .iter()
            .any(|f| works_on(&me, f));
        if mine {
            Ok(())
        } else {
            Err(Error::Forbidden {
                role: me.role,
                deed,
            })
        }
    }

    /// The student's 一生一策, if one was written (logged as a view).
    pub fn support_plan(&mut self, student_id: &str) -> Result<Option<SupportPlan>> {
        self.check_student_casework(student_id, Deed::ViewPlan)?;
        let Some((id, plan)) = self.plan_of(student_id)? else {
            return Ok(None);
        };
        self.log(Action::View, "support_plan", &id)?;
        Ok(Some(plan))
    }

    /// Write or rewrite the student's 一生一策. Blank goals and measures are dropped; a plan
    /// needs at least one goal.
    pub fn save_support_plan(&mut self, student_id: &str, input: PlanInput) -> Result<SupportPlan> {
        self.check_student_casework(student_id, Deed::WritePlan)?;
        if !self.loaded_students()?.iter().any(|s| s.id == student_id) {
            return Err(Error::NotFound {
                kind: Kind::Student,
            });
        }
        let goals: Vec<String> = input
            .goals
            .iter()
            .map(|g| g.trim().to_owned())
            .filter(|g| !g.is_empty())
            .collect();
        if goals.is_empty() {
            return Err(Error::Invalid {
                field: Field::Goals,
                problem: Problem::NoGoal,
            });
        }
        let measures: Vec<PlanMeasure> = input
            .measures
            .into_iter()
            .map(|m| PlanMeasure {
                measure: m.measure.trim().to_owned(),
                responsible: m.responsible.trim().to_owned(),
            })
            .filter(|m| !m.measure.is_empty())
            .collect();
        if measures.iter().any(|m| m.responsible.is_empty()) {
            return Err(Error::Invalid {
                field: Field::Responsible,
                problem: Problem::NoResponsible,
            });
        }
        let mut review_dates = input.review_dates;
        review_dates.sort();
        review_dates.dedup();
        let today = self.today();
        let me = self.user().id.clone();
        let existing = self.plan_of(student_id)?;
        let plan = SupportPlan {
            student_id: student_id.to_owned(),
            goals,
            measures,
            review_dates,
            created_on: existing.as_ref().map_or(today, |(_, old)| old.created_on),
            updated_on: today,
            updated_by: me,
        };
        let case = self.student_case_key(student_id)?;
        let w = self.write()?;
        let at = w.at.clone();
        match existing {
            Some((id, _)) => {
                w.update_case(&SUPPORT_PLANS, case, &id, &plan, &[("updated_at", &at)])?;
                w.log(Action::Update, "support_plan", &id)?;
            }
            None => {
                let id = crate::id::new_id();
                w.insert_case(
                    &SUPPORT_PLANS,
                    case,
                    &id,
                    &plan,
                    &[
                        ("student_id", &student_id),
                        ("created_at", &at),
                        ("updated_at", &at),
                    ],
                )?;
                w.log(Action::Create, "support_plan", &id)?;
            }
        }
        w.commit()?;
        Ok(plan)
    }
}
