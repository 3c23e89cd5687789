//! Importing a platform's export into a campaign, all or nothing: the file read by
//! `xinyu-import`, rows matched to the roster by 学号 (then name and class), item responses
//! scored by the instrument or totals and bands stored as given, opted-out students left out.

use std::collections::{HashMap, HashSet};

use super::*;
use crate::error::{Deed, Field, Problem};
use crate::store::access_log::Action;
use crate::store::sealed::{SCREENING_RESULTS, SCREENING_REVIEWS};
use xinyu_import::{CellProblem, ImportError, ScreeningFile, ScreeningRow, read_screening_file};

/// A platform's export read for one instrument before the vault is taken (the desktop reads it
/// so, and a large or hostile file holds up nothing else): the instrument asked for, and the
/// file as read against that instrument's definition, or why it could not be. `Debug` shows no
/// row's content.
#[derive(Debug)]
pub struct ScreeningUpload {
    /// The instrument's id as asked for.
    instrument: String,
    /// The definition it was read against and what came of it; `None` for an unknown id.
    read: Option<(Instrument, std::result::Result<ScreeningFile, ImportError>)>,
}

impl ScreeningUpload {
    /// Read `bytes` (a file called `file_name`) as an export of the instrument `id`, one of
    /// `instruments` (the vault's, [`crate::Vault::instruments`]). An unknown id is kept as
    /// asked: the import reports it.
    pub fn read(instruments: &[Instrument], id: &str, bytes: &[u8], file_name: &str) -> Self {
        let id = id.trim();
        let read = instruments.iter().find(|i| i.id == id).map(|def| {
            let file = read_screening_file(bytes, file_name, def);
            (def.clone(), file)
        });
        ScreeningUpload {
            instrument: id.to_owned(),
            read,
        }
    }
}

impl Screening<'_> {
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
        self.counselor_casework(Deed::ImportResults)?;
        let upload = ScreeningUpload::read(&self.instruments()?, instrument, bytes, file_name);
        self.import_parsed_screening(campaign, upload, dry_run)
    }

    /// [`Screening::import_screening`] for a file already read ([`ScreeningUpload::read`]).
    /// A file that could not be read is reported after the checks of role, campaign and
    /// instrument, as before.
    pub fn import_parsed_screening(
        &mut self,
        campaign: &str,
        upload: ScreeningUpload,
        dry_run: bool,
    ) -> Result<ScreeningImportSummary> {
        self.counselor_casework(Deed::ImportResults)?;
        let c = self.campaign(campaign)?;
        let def = self.instrument(&upload.instrument)?;
        if !c.input.instruments.contains(&def.id) {
            return Err(Error::Invalid {
                field: Field::Instrument,
                problem: Problem::NotInCampaign {
                    instrument: def.short_name.clone(),
                },
            });
        }
        let file = match upload.read {
            Some((read_for, file)) if read_for == def => file?,
            // The definitions changed between reading and importing (an instrument added
            // meanwhile under the id asked for): read again, from the start.
            _ => {
                return Err(Error::Internal {
                    detail: "screening file read against another definition".into(),
                });
            }
        };
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
                summary.errors.push(CellError::new(
                    *row,
                    column_name(file.student_no.or(file.name).unwrap_or(0)),
                    CellProblem::StudentTwice,
                ));
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
                            let options = def.options.iter().map(|o| o.value.to_string());
                            summary.errors.push(CellError::new(
                                *row,
                                column_name(*col),
                                CellProblem::BadAnswer {
                                    item: k + 1,
                                    options: options.collect::<Vec<_>>().join("/"),
                                },
                            ));
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
                    summary.errors.push(CellError::new(
                        *row,
                        column_name(file.total.unwrap_or(0)),
                        CellProblem::BadTotal { max: hi },
                    ));
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
            stmt.query_map(rusqlite::params![c.id, def.id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
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
        for r in &mut results {
            if let Some(old) = existing.get(&r.student_id) {
                r.id = old.clone();
            }
        }
        // A decision was made on the result as it was: when a result comes back changed (a
        // corrected export, a critical item now answered), its decision no longer holds and it
        // returns to the review list.
        let before: HashMap<String, ScreeningResult> = self
            .load_all::<ScreeningResult>(
                &SCREENING_RESULTS,
                "campaign_id = ?1 AND instrument = ?2",
                rusqlite::params![c.id, def.id],
            )?
            .into_iter()
            .collect();
        let changed: Vec<&str> = results
            .iter()
            .filter(|r| {
                before
                    .get(&r.id)
                    .is_some_and(|old| old.score != r.score || old.responses != r.responses)
            })
            .map(|r| r.id.as_str())
            .collect();
        let w = self.write()?;
        let at = w.at.clone();
        for id in &changed {
            if w.delete(&SCREENING_REVIEWS, id)? {
                w.log(Action::Update, "screening_review", id)?;
            }
        }
        for r in &results {
            w.upsert_with(
                &SCREENING_RESULTS,
                &r.id,
                r,
                &[
                    ("campaign_id", &r.campaign_id),
                    ("student_id", &r.student_id),
                    ("instrument", &r.instrument),
                    ("created_at", &at),
                ],
            )?;
        }
        w.log(Action::Create, "screening_import", &c.id)?;
        w.commit()?;
        summary.committed = true;
        Ok(summary)
    }
}
