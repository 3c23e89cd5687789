//! The review list (筛查关注名单): results at or above the campaign's threshold and every
//! critical-item answer, critical first, with the counselor's decision per student; a warning
//! file opened from the list.

use std::collections::HashMap;

use super::*;
use crate::error::{Deed, Field, Kind, Problem};
use crate::store::access_log::Action;
use crate::store::sealed::{SCREENING_RESULTS, SCREENING_REVIEWS};
use crate::{FileSource, FileSummary, OpenFileInput};

impl Screening<'_> {
    pub(super) fn campaign_results(&mut self, campaign_id: &str) -> Result<Vec<ScreeningResult>> {
        Ok(self
            .load_all(&SCREENING_RESULTS, "campaign_id = ?1", [campaign_id])?
            .into_iter()
            .map(|(_, r)| r)
            .collect())
    }

    fn decisions(&mut self) -> Result<HashMap<String, ReviewDecision>> {
        Ok(self
            .load_all(&SCREENING_REVIEWS, "", [])?
            .into_iter()
            .collect())
    }

    /// The review list of a campaign: every student at or above the threshold (the campaign's,
    /// else the instrument's) or with a critical item; critical first, then highest totals.
    /// Logged as a view.
    pub fn review_list(&mut self, campaign: &str) -> Result<ReviewList> {
        self.counselor_casework(Deed::ViewReviewList)?;
        let c = self.campaign(campaign)?;
        let results = self.campaign_results(&c.id)?;
        let decisions = self.decisions()?;
        let instruments: HashMap<String, Instrument> = self
            .instruments()?
            .into_iter()
            .map(|i| (i.id.clone(), i))
            .collect();
        let roster: HashMap<String, Student> = self
            .loaded_students()?
            .iter()
            .map(|s| (s.id.clone(), s.clone()))
            .collect();
        let mut entries = Vec::new();
        for r in results {
            let Some(def) = instruments.get(&r.instrument) else {
                continue;
            };
            let threshold = c
                .thresholds
                .iter()
                .find(|(i, _)| i == &r.instrument)
                .map_or(def.review_threshold, |(_, t)| *t);
            let critical = !r.score.critical.is_empty();
            let above = r.score.total.is_some_and(|t| t >= threshold);
            if !(critical || above) {
                continue;
            }
            let student = roster.get(&r.student_id);
            entries.push(ReviewEntry {
                decision: decisions.get(&r.id).cloned(),
                student_no: student.map(|s| s.student_no.clone()).unwrap_or_default(),
                name: student.map(|s| s.name.clone()).unwrap_or_default(),
                grade: student.map(|s| s.grade.clone()).unwrap_or_default(),
                class_name: student.map(|s| s.class_name.clone()).unwrap_or_default(),
                instrument_name: def.short_name.clone(),
                instrument: r.instrument,
                total: r.score.total,
                band: r.score.band,
                critical,
                critical_messages: r.score.critical.iter().map(|h| h.message.clone()).collect(),
                student_id: r.student_id,
                result_id: r.id,
            });
        }
        entries.sort_by(|a, b| {
            b.critical
                .cmp(&a.critical)
                .then(b.total.cmp(&a.total))
                .then_with(|| crate::roster::students::natural_cmp(&a.class_name, &b.class_name))
                .then(a.student_no.cmp(&b.student_no))
        });
        let reviewed = entries.iter().filter(|e| e.decision.is_some()).count();
        self.log(Action::View, "review_list", &c.id)?;
        Ok(ReviewList { entries, reviewed })
    }

    fn write_decision(&mut self, result_id: &str, d: &ReviewDecision) -> Result<()> {
        let w = self.write()?;
        w.upsert(&SCREENING_REVIEWS, result_id, d)?;
        w.log(Action::Update, "screening_result", result_id)?;
        w.commit()
    }

    fn result_student(&self, result_id: &str) -> Result<String> {
        self.conn
            .query_row(
                "SELECT student_id FROM screening_results WHERE id = ?1",
                [result_id],
                |r| r.get(0),
            )
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Error::NotFound {
                    kind: Kind::ScreeningResult,
                },
                e => Error::storage("read result", e),
            })
    }

    /// Record the counselor's decision on a review-list entry (no concern, interview
    /// scheduled). Opening a warning file goes through [`Vault::open_file_from_screening`].
    pub fn decide_review(
        &mut self,
        result_id: &str,
        outcome: ReviewOutcome,
        note: &str,
    ) -> Result<ReviewDecision> {
        let me = self.counselor_casework(Deed::RecordReview)?;
        self.result_student(result_id)?;
        if outcome == ReviewOutcome::FileOpened {
            return Err(Error::Invalid {
                field: Field::ReviewOutcome,
                problem: Problem::UseOpenFile,
            });
        }
        let d = ReviewDecision {
            outcome,
            note: note.trim().to_owned(),
            file_id: None,
            by: me,
            on: self.today(),
        };
        self.write_decision(result_id, &d)?;
        Ok(d)
    }

    /// Open a warning file from a review-list entry (source 心理测评) — or, when the student
    /// already has an open file, take that one — and record the decision.
    pub fn open_file_from_screening(
        &mut self,
        result_id: &str,
        level: u8,
        categories: Vec<String>,
        reason: &str,
    ) -> Result<FileSummary> {
        let me = self.counselor_casework(Deed::OpenFile)?;
        let student_id = self.result_student(result_id)?;
        let open = self
            .casework()
            .warning_files()?
            .into_iter()
            .find(|f| f.student_id == student_id && f.status != crate::FileStatus::Closed);
        let opened_on = self.today();
        let file = match open {
            Some(f) => f,
            None => self.casework().open_warning_file(OpenFileInput {
                student_id,
                level,
                categories,
                source: FileSource::Screening,
                reason: reason.to_owned(),
                opened_on,
            })?,
        };
        let d = ReviewDecision {
            outcome: ReviewOutcome::FileOpened,
            note: String::new(),
            file_id: Some(file.id.clone()),
            by: me,
            on: self.today(),
        };
        self.write_decision(result_id, &d)?;
        Ok(file)
    }
}
