//! Screening (心理测评): campaigns per term with their consent record, importing a platform's
//! export (item responses scored here, or totals/bands stored as given), the review list
//! (筛查关注名单) with the counselor's decision per student, each student's results across
//! years, and a campaign's coverage and band counts.
//!
//! The rule of the field: a result is a review task for a counselor, never a label.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use xinyu_import::{ScreeningRow, read_screening_file};
use xinyu_vault::KeyClass;

use crate::access_log::{self, Action};
use crate::vault::{commit, required, stamp};
use crate::{
    CellError, Error, FileSource, FileSummary, OpenFileInput, Result, Role, Student, StudentStatus,
    record,
};

const CAMPAIGNS: &str = "campaigns";
const RESULTS: &str = "screening_results";
const REVIEWS: &str = "screening_reviews";

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

impl Screening<'_> {
    /// Every instrument this vault knows: the shipped ones and those the school added.
    pub fn instruments(&self) -> Result<Vec<Instrument>> {
        instruments(self.conn)
    }

    /// One instrument by id.
    pub fn instrument(&self, id: &str) -> Result<Instrument> {
        self.instruments()?
            .into_iter()
            .find(|i| i.id == id.trim())
            .ok_or(Error::NotFound { kind: "量表" })
    }

    /// Add a school's own definition (counselor): checked on load, refused with every problem
    /// named; an id already known is refused.
    pub fn add_instrument(&mut self, definition: &str) -> Result<Instrument> {
        self.require(&[Role::Counselor], "添加量表")?;
        let def = Instrument::from_toml(definition)?;
        if self.instruments()?.iter().any(|i| i.id == def.id) {
            return Err(Error::Duplicate {
                what: format!("量表 {}", def.id),
            });
        }
        self.conn
            .execute(
                "INSERT INTO custom_instruments (id, definition, added_at) VALUES (?1, ?2, ?3)",
                params![def.id, definition, stamp(self.now())],
            )
            .map_err(|e| Error::storage("add instrument", e))?;
        Ok(def)
    }

    fn counselor_casework(&mut self, action: &'static str) -> Result<String> {
        let me = self.require(&[Role::Counselor], action)?.user.id.clone();
        self.require_class(KeyClass::Casework, action)?;
        Ok(me)
    }

    /// Every campaign, newest first.
    pub fn campaigns(&mut self) -> Result<Vec<Campaign>> {
        self.counselor_casework("查看测评活动")?;
        let rows = record::sealed_rows(
            &self.conn,
            "read campaigns",
            "SELECT id, body FROM campaigns",
            [],
        )?;
        let keyring = &self.me().keyring;
        let mut all = rows
            .iter()
            .map(|(id, sealed)| record::open(keyring, "测评活动", CAMPAIGNS, id, sealed))
            .collect::<Result<Vec<Campaign>>>()?;
        all.sort_by_key(|c| std::cmp::Reverse(c.input.starts_on));
        Ok(all)
    }

    /// A campaign by id or by name.
    pub fn campaign(&mut self, id_or_name: &str) -> Result<Campaign> {
        let key = id_or_name.trim();
        self.campaigns()?
            .into_iter()
            .find(|c| c.id == key || c.input.name == key)
            .ok_or(Error::NotFound {
                kind: "测评活动"
            })
    }

    fn write_campaign(&mut self, c: &Campaign, new: bool, actor: &str) -> Result<()> {
        let keyring = &self.me().keyring;
        let body = record::seal(keyring, KeyClass::Casework, CAMPAIGNS, &c.id, c)?;
        let version = crate::meta::key_version(&self.conn, KeyClass::Casework)?.0;
        let now = stamp(self.now());
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO campaigns (id, key_version, body, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET key_version = ?2, body = ?3",
            params![c.id, version, body, now],
        )
        .map_err(|e| Error::storage("write campaign", e))?;
        let action = if new { Action::Create } else { Action::Update };
        access_log::append(&tx, &now, Some(actor), action, Some(("campaign", &c.id)))?;
        commit(tx)
    }

    /// Create a campaign (counselor): a unique name, known instruments, dates in order.
    pub fn create_campaign(&mut self, input: CampaignInput) -> Result<Campaign> {
        let me = self.counselor_casework("创建测评活动")?;
        let name = required("活动名称", &input.name)?.to_owned();
        if input.instruments.is_empty() {
            return Err(Error::Invalid {
                field: "量表",
                reason: "请至少选择一个量表 (choose at least one instrument)".into(),
            });
        }
        for id in &input.instruments {
            self.instrument(id)?;
        }
        if input.ends_on < input.starts_on {
            return Err(Error::Invalid {
                field: "结束日期",
                reason: "结束日期早于开始日期 (the campaign ends before it starts)".into(),
            });
        }
        if self.campaigns()?.iter().any(|c| c.input.name == name) {
            return Err(Error::Duplicate {
                what: format!("测评活动“{name}”"),
            });
        }
        let campaign = Campaign {
            id: crate::id::new_id(),
            input: CampaignInput { name, ..input },
            thresholds: Vec::new(),
            notice: None,
            opt_outs: Vec::new(),
        };
        self.write_campaign(&campaign, true, &me)?;
        Ok(campaign)
    }

    /// Record the guardians' notice and the opt-outs (student ids) of a campaign.
    pub fn set_consent(
        &mut self,
        campaign_id: &str,
        notice: Option<ConsentNotice>,
        opt_outs: Vec<String>,
    ) -> Result<Campaign> {
        let me = self.counselor_casework("记录知情同意")?;
        let mut c = self.campaign(campaign_id)?;
        let known: HashSet<String> = self
            .loaded_students()?
            .iter()
            .map(|s| s.id.clone())
            .collect();
        if opt_outs.iter().any(|id| !known.contains(id)) {
            return Err(Error::NotFound { kind: "学生" });
        }
        c.notice = notice;
        c.opt_outs = opt_outs;
        self.write_campaign(&c, false, &me)?;
        Ok(c)
    }

    /// Set a campaign's review threshold for one instrument.
    pub fn set_review_threshold(
        &mut self,
        campaign_id: &str,
        instrument: &str,
        threshold: u32,
    ) -> Result<Campaign> {
        let me = self.counselor_casework("修改关注阈值")?;
        let def = self.instrument(instrument)?;
        let mut c = self.campaign(campaign_id)?;
        let hi = def.bands.last().map_or(0, |b| b.max);
        if threshold > hi {
            return Err(Error::Invalid {
                field: "关注阈值",
                reason: format!("阈值不能超过最高分 {hi} (at most {hi})"),
            });
        }
        c.thresholds.retain(|(i, _)| i != &def.id);
        c.thresholds.push((def.id, threshold));
        self.write_campaign(&c, false, &me)?;
        Ok(c)
    }

    /// Import a platform's export for one instrument of a campaign, all or nothing. Rows are
    /// matched by 学号, then by name and class; opted-out students are left out; rows that
    /// match nobody are listed. Any bad value stops the whole import. With `dry_run` nothing
    /// is written.
    pub fn import_screening(
        &mut self,
        campaign: &str,
        instrument: &str,
        bytes: &[u8],
        file_name: &str,
        dry_run: bool,
    ) -> Result<ScreeningImportSummary> {
        let me = self.counselor_casework("导入测评结果")?;
        let c = self.campaign(campaign)?;
        let def = self.instrument(instrument)?;
        if !c.input.instruments.contains(&def.id) {
            return Err(Error::Invalid {
                field: "量表",
                reason: format!(
                    "本次测评活动不含量表 {} (the campaign does not use {})",
                    def.short_name, def.short_name
                ),
            });
        }
        let file = read_screening_file(bytes, file_name, &def)?;
        let column_name = |col: usize| file.column_header(col);
        let roster: Vec<Student> = self.loaded_students()?.to_vec();
        let by_no: HashMap<&str, &Student> =
            roster.iter().map(|s| (s.student_no.as_str(), s)).collect();
        let opted: HashSet<&str> = c.opt_outs.iter().map(String::as_str).collect();
        let mode = if file.has_items() {
            ResultSource::Items
        } else {
            ResultSource::Scored
        };
        let mut summary = ScreeningImportSummary {
            columns: file.detected_columns(),
            mode,
            header_row: file.header_row,
            encoding: file.encoding.clone(),
            imported: 0,
            replaced: 0,
            opted_out: Vec::new(),
            unmatched: Vec::new(),
            errors: Vec::new(),
            committed: false,
        };
        let mut results: Vec<ScreeningResult> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for ScreeningRow {
            row,
            student_no,
            name,
            class_name,
            items,
            total,
            band,
        } in &file.rows
        {
            let who = UnmatchedRow {
                row: *row,
                student_no: student_no.clone(),
                name: name.clone(),
                class_name: class_name.clone(),
            };
            let student = by_no.get(who.student_no.as_str()).copied().or_else(|| {
                let mut found = roster.iter().filter(|s| {
                    !who.name.is_empty()
                        && s.name == who.name
                        && (s.class_name == who.class_name
                            || format!("{}{}", s.grade, s.class_name) == who.class_name)
                });
                match (found.next(), found.next()) {
                    (Some(s), None) => Some(s),
                    _ => None,
                }
            });
            let Some(student) = student else {
                summary.unmatched.push(who);
                continue;
            };
            if opted.contains(student.id.as_str()) {
                summary.opted_out.push(who);
                continue;
            }
            if !seen.insert(student.id.clone()) {
                summary.errors.push(CellError {
                    row: *row,
                    column: column_name(file.student_no.or(file.name).unwrap_or(0)),
                    message: "同一名学生在文件中出现了两次，请删去重复的一行 \
                              (the same student appears twice: remove one row)"
                        .into(),
                });
                continue;
            }
            let (responses, score) = if mode == ResultSource::Items {
                let mut responses = Vec::with_capacity(file.items.len());
                for (k, (col, raw)) in file.items.iter().zip(items).enumerate() {
                    let raw = raw.as_str();
                    if raw.is_empty() {
                        responses.push(None);
                        continue;
                    }
                    let value = raw
                        .parse::<f64>()
                        .ok()
                        .filter(|v| v.fract() == 0.0 && *v >= 0.0 && *v <= 255.0)
                        .map(|v| v as u8)
                        .or_else(|| def.options.iter().find(|o| o.label == raw).map(|o| o.value));
                    match value.filter(|v| def.is_option(*v)) {
                        Some(v) => responses.push(Some(v)),
                        None => {
                            summary.errors.push(CellError {
                                row: *row,
                                column: column_name(*col),
                                message: format!(
                                    "第 {} 题的答案不是有效选项（应为 {}）(item {}: not a valid answer)",
                                    k + 1,
                                    def.options
                                        .iter()
                                        .map(|o| o.value.to_string())
                                        .collect::<Vec<_>>()
                                        .join("/"),
                                    k + 1
                                ),
                            });
                            responses.push(None);
                        }
                    }
                }
                let score = def.score(&responses);
                (Some(responses), score)
            } else {
                let raw = total;
                let hi = def.bands.last().map_or(0, |b| b.max);
                let total = raw
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.fract() == 0.0 && *v >= 0.0 && *v <= f64::from(hi))
                    .map(|v| v as u32);
                if total.is_none() && !raw.is_empty() {
                    summary.errors.push(CellError {
                        row: *row,
                        column: column_name(file.total.unwrap_or(0)),
                        message: format!(
                            "总分应是 0 到 {hi} 的整数 (the total must be a whole number 0–{hi})"
                        ),
                    });
                }
                let given_band = band.clone();
                let band = if given_band.is_empty() {
                    total.and_then(|t| def.band_of(t).map(|b| b.label.clone()))
                } else {
                    Some(given_band)
                };
                let score = Score {
                    total,
                    band,
                    subscales: Vec::new(),
                    missing: 0,
                    invalid_reason: total
                        .is_none()
                        .then(|| "文件中没有总分 (no total in the file)".to_owned()),
                    critical: Vec::new(),
                };
                (None, score)
            };
            results.push(ScreeningResult {
                id: crate::id::new_id(),
                campaign_id: c.id.clone(),
                student_id: student.id.clone(),
                instrument: def.id.clone(),
                responses,
                score,
                source: mode,
            });
        }
        summary.imported = results.len();
        let existing: HashMap<String, String> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT student_id, id FROM screening_results
                     WHERE campaign_id = ?1 AND instrument = ?2",
                )
                .map_err(|e| Error::storage("read results", e))?;
            stmt.query_map(params![c.id, def.id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| Error::storage("read results", e))?
                .collect::<rusqlite::Result<_>>()
                .map_err(|e| Error::storage("read results", e))?
        };
        summary.replaced = results
            .iter()
            .filter(|r| existing.contains_key(&r.student_id))
            .count();
        if dry_run || !summary.errors.is_empty() {
            return Ok(summary);
        }
        let keyring = &self.me().keyring;
        let mut sealed = Vec::with_capacity(results.len());
        for r in &mut results {
            if let Some(old) = existing.get(&r.student_id) {
                r.id = old.clone();
            }
            sealed.push(record::seal(
                keyring,
                KeyClass::Casework,
                RESULTS,
                &r.id,
                &*r,
            )?);
        }
        let version = crate::meta::key_version(&self.conn, KeyClass::Casework)?.0;
        let now = stamp(self.now());
        let tx = self.tx()?;
        for (r, body) in results.iter().zip(&sealed) {
            tx.execute(
                "INSERT INTO screening_results
                     (id, campaign_id, student_id, instrument, key_version, body, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET key_version = ?5, body = ?6",
                params![
                    r.id,
                    r.campaign_id,
                    r.student_id,
                    r.instrument,
                    version,
                    body,
                    now
                ],
            )
            .map_err(|e| Error::storage("write results", e))?;
        }
        access_log::append(
            &tx,
            &now,
            Some(&me),
            Action::Create,
            Some(("screening_import", &c.id)),
        )?;
        commit(tx)?;
        summary.committed = true;
        Ok(summary)
    }

    fn campaign_results(&mut self, campaign_id: &str) -> Result<Vec<ScreeningResult>> {
        let rows = record::sealed_rows(
            &self.conn,
            "read results",
            "SELECT id, body FROM screening_results WHERE campaign_id = ?1",
            [campaign_id],
        )?;
        let keyring = &self.me().keyring;
        rows.iter()
            .map(|(id, sealed)| record::open(keyring, "测评结果", RESULTS, id, sealed))
            .collect()
    }

    fn decisions(&mut self) -> Result<HashMap<String, ReviewDecision>> {
        let rows = record::sealed_rows(
            &self.conn,
            "read reviews",
            "SELECT id, body FROM screening_reviews",
            [],
        )?;
        let keyring = &self.me().keyring;
        rows.iter()
            .map(|(id, sealed)| {
                record::open(keyring, "测评复核", REVIEWS, id, sealed).map(|d| (id.clone(), d))
            })
            .collect()
    }

    /// The review list of a campaign: every student at or above the threshold (the campaign's,
    /// else the instrument's) or with a critical item; critical first, then highest totals.
    /// Logged as a view.
    pub fn review_list(&mut self, campaign: &str) -> Result<ReviewList> {
        let me = self.counselor_casework("查看筛查关注名单")?;
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
        access_log::append(
            &self.conn,
            &stamp(self.now()),
            Some(&me),
            Action::View,
            Some(("review_list", &c.id)),
        )?;
        Ok(ReviewList { entries, reviewed })
    }

    fn write_decision(&mut self, result_id: &str, d: &ReviewDecision) -> Result<()> {
        let keyring = &self.me().keyring;
        let body = record::seal(keyring, KeyClass::Casework, REVIEWS, result_id, d)?;
        let version = crate::meta::key_version(&self.conn, KeyClass::Casework)?.0;
        let now = stamp(self.now());
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO screening_reviews (id, key_version, body) VALUES (?1, ?2, ?3)
             ON CONFLICT (id) DO UPDATE SET key_version = ?2, body = ?3",
            params![result_id, version, body],
        )
        .map_err(|e| Error::storage("write review", e))?;
        access_log::append(
            &tx,
            &now,
            Some(&d.by),
            Action::Update,
            Some(("screening_result", result_id)),
        )?;
        commit(tx)
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
                    kind: "测评结果"
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
        let me = self.counselor_casework("记录复核结果")?;
        self.result_student(result_id)?;
        if outcome == ReviewOutcome::FileOpened {
            return Err(Error::Invalid {
                field: "复核结果",
                reason: "请通过“建立预警档案”完成 (open the warning file from the list)".into(),
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
        let me = self.counselor_casework("建立预警档案")?;
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

    /// A student's results across campaigns, oldest first (for the trend chart).
    pub fn student_screenings(&mut self, student_id: &str) -> Result<Vec<StudentScreening>> {
        self.counselor_casework("查看测评结果")?;
        let campaigns: HashMap<String, Campaign> = self
            .campaigns()?
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
        let names: HashMap<String, String> = self
            .instruments()?
            .into_iter()
            .map(|i| (i.id, i.short_name))
            .collect();
        let rows = record::sealed_rows(
            &self.conn,
            "read results",
            "SELECT id, body FROM screening_results WHERE student_id = ?1",
            [student_id],
        )?;
        let keyring = &self.me().keyring;
        let mut out = Vec::new();
        for (id, sealed) in rows {
            let r: ScreeningResult = record::open(keyring, "测评结果", RESULTS, &id, &sealed)?;
            let Some(c) = campaigns.get(&r.campaign_id) else {
                continue;
            };
            out.push(StudentScreening {
                campaign: c.input.name.clone(),
                date: c.input.starts_on,
                instrument_name: names.get(&r.instrument).cloned().unwrap_or_default(),
                instrument: r.instrument,
                total: r.score.total,
                band: r.score.band,
                critical: !r.score.critical.is_empty(),
            });
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then(a.instrument.cmp(&b.instrument)));
        Ok(out)
    }

    /// A campaign's coverage (eligible, opted out, screened) and band counts by grade.
    pub fn campaign_summary(&mut self, campaign: &str) -> Result<CampaignSummary> {
        self.counselor_casework("查看测评概况")?;
        let c = self.campaign(campaign)?;
        let roster: Vec<Student> = self.loaded_students()?.to_vec();
        let eligible: Vec<&Student> = roster.iter().filter(|s| c.targets(s)).collect();
        let opted_out = eligible
            .iter()
            .filter(|s| c.opt_outs.contains(&s.id))
            .count();
        let results = self.campaign_results(&c.id)?;
        let screened: HashSet<&str> = results.iter().map(|r| r.student_id.as_str()).collect();
        let grade_of: HashMap<&str, &str> = roster
            .iter()
            .map(|s| (s.id.as_str(), s.grade.as_str()))
            .collect();
        let mut bands = Vec::new();
        for id in &c.input.instruments {
            let def = self.instrument(id)?;
            let mut labels: Vec<String> = def.bands.iter().map(|b| b.label.clone()).collect();
            labels.push("无效".into());
            let mut grades: Vec<String> = results
                .iter()
                .filter(|r| &r.instrument == id)
                .filter_map(|r| grade_of.get(r.student_id.as_str()).map(|g| (*g).to_owned()))
                .collect::<HashSet<_>>()
                .into_iter()
                .collect();
            grades.sort_by(|a, b| crate::roster::students::natural_cmp(a, b));
            let per_grade = grades
                .into_iter()
                .map(|grade| {
                    let counts = labels
                        .iter()
                        .map(|label| {
                            let n = results
                                .iter()
                                .filter(|r| {
                                    &r.instrument == id
                                        && grade_of.get(r.student_id.as_str())
                                            == Some(&grade.as_str())
                                        && match &r.score.band {
                                            Some(b) => b == label,
                                            None => label == "无效",
                                        }
                                })
                                .count();
                            (label.clone(), n)
                        })
                        .collect();
                    GradeBands { grade, counts }
                })
                .collect();
            bands.push((id.clone(), per_grade));
        }
        Ok(CampaignSummary {
            eligible: eligible.len(),
            opted_out,
            screened: screened.len(),
            bands,
            campaign: c,
        })
    }
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
