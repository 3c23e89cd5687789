//! Each student's results across campaigns, and a campaign's coverage and band counts.

use std::collections::{HashMap, HashSet};

use super::*;
use crate::error::Deed;
use crate::store::sealed::SCREENING_RESULTS;

impl Screening<'_> {
    /// A student's results across campaigns, oldest first (for the trend chart).
    pub fn student_screenings(&mut self, student_id: &str) -> Result<Vec<StudentScreening>> {
        self.counselor_casework(Deed::ViewResults)?;
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
        let mut out = Vec::new();
        for (_, r) in
            self.load_all::<ScreeningResult>(&SCREENING_RESULTS, "student_id = ?1", [student_id])?
        {
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
        self.counselor_casework(Deed::ViewScreeningOverview)?;
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
