//! Screening (心理测评): campaigns per term with their consent record, importing a platform's
//! export (item responses scored here, or totals/bands stored as given), the review list
//! (筛查关注名单) with the counselor's decision per student, each student's results across
//! years, and a campaign's coverage and band counts.
//!
//! The rule of the field: a result is a review task for a counselor, never a label.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{CellError, Error, Result, Student, StudentStatus};

mod campaigns;
mod import;
mod results;
mod review;

pub use campaigns::InstrumentUpload;
pub use import::ScreeningUpload;

/// The guardians' notice of a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentNotice {
    /// The day it was sent.
    #[ts(type = "string")]
    pub sent_on: NaiveDate,
    /// How (家长告知书, 班级群通知, …).
    pub method: String,
}

/// A campaign as created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CampaignInput {
    /// Its name (e.g. 2026 秋季学期心理测评); unique.
    pub name: String,
    /// Instrument ids.
    pub instruments: Vec<String>,
    /// First day.
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    /// Last day.
    #[ts(type = "string")]
    pub ends_on: NaiveDate,
    /// Target grades (empty: every grade).
    #[serde(default)]
    pub grades: Vec<String>,
    /// Target classes within them (empty: every class).
    #[serde(default)]
    pub classes: Vec<String>,
}

/// A campaign as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Campaign {
    /// Its id.
    pub id: String,
    /// What was asked for.
    #[serde(flatten)]
    pub input: CampaignInput,
    /// Review thresholds per instrument, where the campaign differs from the default.
    #[serde(default)]
    pub thresholds: Vec<(String, u32)>,
    /// The guardians' notice, once sent.
    #[serde(default)]
    pub notice: Option<ConsentNotice>,
    /// Students whose guardians opted out (ids): excluded from scoring.
    #[serde(default)]
    pub opt_outs: Vec<String>,
}

impl Campaign {
    /// Whether `student` is in the campaign's target group.
    pub fn targets(&self, student: &Student) -> bool {
        student.status == StudentStatus::Active
            && (self.input.grades.is_empty() || self.input.grades.contains(&student.grade))
            && (self.input.classes.is_empty()
                || self.input.classes.contains(&student.class_name)
                || self
                    .input
                    .classes
                    .contains(&format!("{}{}", student.grade, student.class_name)))
    }
}

/// How a file gave its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ResultSource {
    /// Item responses, scored here.
    Items,
    /// Totals (and bands) as the platform scored them.
    Scored,
}

/// One student's result on one instrument in one campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScreeningResult {
    /// Its id.
    pub id: String,
    /// The campaign.
    pub campaign_id: String,
    /// The student.
    pub student_id: String,
    /// The instrument.
    pub instrument: String,
    /// Responses as given (items mode).
    pub responses: Option<Vec<Option<u8>>>,
    /// The score (computed, or as given).
    pub score: Score,
    /// Where the score came from.
    pub source: ResultSource,
}

/// A decision on a review-list entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewOutcome {
    /// 无需特别关注 (after talking to the student or the homeroom teacher).
    NoConcern,
    /// 已约谈.
    InterviewScheduled,
    /// 已建立预警档案.
    FileOpened,
}

/// The counselor's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReviewDecision {
    /// What was decided.
    pub outcome: ReviewOutcome,
    /// A line of context.
    #[serde(default)]
    pub note: String,
    /// The warning file opened from it.
    #[serde(default)]
    pub file_id: Option<String>,
    /// Who (user id).
    pub by: String,
    /// When.
    #[ts(type = "string")]
    pub on: NaiveDate,
}

/// One row of the review list (筛查关注名单).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReviewEntry {
    /// The result.
    pub result_id: String,
    /// The student.
    pub student_id: String,
    /// 学号.
    pub student_no: String,
    /// Name.
    pub name: String,
    /// Grade.
    pub grade: String,
    /// Class.
    pub class_name: String,
    /// Instrument id.
    pub instrument: String,
    /// Instrument short name.
    pub instrument_name: String,
    /// Total (none when invalid).
    pub total: Option<u32>,
    /// Band.
    pub band: Option<String>,
    /// A critical item fired.
    pub critical: bool,
    /// The critical items' messages.
    pub critical_messages: Vec<String>,
    /// The decision, once made.
    pub decision: Option<ReviewDecision>,
}

/// The review list with its progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReviewList {
    /// Entries: critical items first, then the highest totals.
    pub entries: Vec<ReviewEntry>,
    /// How many have a decision.
    pub reviewed: usize,
}

/// A row of the file that found no student.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnmatchedRow {
    /// 1-based row in the file.
    pub row: usize,
    /// 学号 as written.
    pub student_no: String,
    /// Name as written.
    pub name: String,
    /// Class as written.
    pub class_name: String,
}

/// What an import did (or, dry, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScreeningImportSummary {
    /// Items or totals.
    pub mode: ResultSource,
    /// The header's row.
    pub header_row: usize,
    /// Encoding or workbook kind.
    pub encoding: String,
    /// Rows matched to a student and stored (or to be stored).
    pub imported: usize,
    /// Of which replaced an earlier result of the same student.
    pub replaced: usize,
    /// Rows of students whose guardians opted out: not scored, not stored.
    pub opted_out: Vec<UnmatchedRow>,
    /// Rows that matched no student: not stored; resolve them in the roster and import again.
    pub unmatched: Vec<UnmatchedRow>,
    /// Problems by row and column; any problem means nothing is stored.
    pub errors: Vec<CellError>,
    /// Whether it was written.
    pub committed: bool,
    /// How the columns were read: `(what, the file's header)`, e.g. `("学号", "学籍号")`,
    /// `("第1题", "PHQ9_1")`, so the counselor can check the detection before committing.
    pub columns: Vec<(String, String)>,
}

/// One student's result in a campaign, for the student page and the trend chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StudentScreening {
    /// The campaign's name.
    pub campaign: String,
    /// Its first day.
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Instrument id.
    pub instrument: String,
    /// Instrument short name.
    pub instrument_name: String,
    /// Total.
    pub total: Option<u32>,
    /// Band.
    pub band: Option<String>,
    /// A critical item fired.
    pub critical: bool,
}

/// Counts per band in one grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GradeBands {
    /// The grade.
    pub grade: String,
    /// `(band label, count)` in the instrument's band order; invalid results as 无效.
    pub counts: Vec<(String, usize)>,
}

/// A campaign's coverage and band counts (counts only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CampaignSummary {
    /// The campaign.
    pub campaign: Campaign,
    /// Students in the target group.
    pub eligible: usize,
    /// Of them, opted out.
    pub opted_out: usize,
    /// Screened (at least one result).
    pub screened: usize,
    /// Per instrument: band counts by grade.
    pub bands: Vec<(String, Vec<GradeBands>)>,
}

pub use xinyu_import::{
    Band, CriticalHit, CriticalRule, Instrument, Item, ResponseOption, Score, Subscale, Validity,
    builtin_instruments,
};

crate::vault::face!(
    /// Screening: instruments, campaigns with consent, imports, the review list and its
    /// decisions, and each student's results.
    Screening
);

/// Every instrument this vault knows: the shipped ones and those the school added.
pub(crate) fn instruments(conn: &rusqlite::Connection) -> Result<Vec<Instrument>> {
    let mut all = crate::builtin_instruments();
    let mut stmt = conn
        .prepare("SELECT definition FROM custom_instruments ORDER BY added_at")
        .map_err(|e| Error::storage("read instruments", e))?;
    let defs: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .map_err(|e| Error::storage("read instruments", e))?
        .collect::<rusqlite::Result<_>>()
        .map_err(|e| Error::storage("read instruments", e))?;
    for def in defs {
        all.push(Instrument::from_toml(&def)?);
    }
    Ok(all)
}
