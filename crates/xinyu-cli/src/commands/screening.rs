//! `xinyu screening campaign add|import|review-list|instruments`: screening from the command
//! line. An import is all or nothing and exits non-zero when anything was rejected.

use anyhow::{Context, Result};
use serde::Serialize;
use xinyu_core::screening::{CampaignInput, ReviewOutcome};

use super::file::date;
use crate::cli::{CampaignAddArgs, GlobalOpts, ReviewListArgs, ScreeningImportArgs};
use crate::{output, table, unlock};

pub fn campaign_add(global: &GlobalOpts, args: &CampaignAddArgs) -> Result<()> {
    let starts_on = date(args.from.as_deref(), "开始日期")?;
    let ends_on = match &args.to {
        Some(d) => date(Some(d), "结束日期")?,
        None => starts_on + chrono::Duration::days(14),
    };
    let c = unlock::unlocked(global, |vault, _| {
        Ok(vault.screening()?.create_campaign(CampaignInput {
            name: args.name.clone(),
            instruments: args.instruments.clone(),
            starts_on,
            ends_on,
            grades: args.grades.iter().map(|g| g.trim().to_owned()).collect(),
            classes: Vec::new(),
        })?)
    })?;
    output::line(format_args!(
        "已创建测评活动“{}”，编号 {} (campaign created)",
        output::clean(&c.input.name),
        c.id
    ))
}

pub fn import(global: &GlobalOpts, args: &ScreeningImportArgs) -> Result<()> {
    let bytes = std::fs::read(&args.file).with_context(|| {
        format!(
            "无法读取文件 {}，请检查路径 (cannot read the file)",
            args.file.display()
        )
    })?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let summary = unlock::unlocked(global, |vault, _| {
        Ok(vault.screening()?.import_screening(
            &args.campaign,
            &args.instrument,
            &bytes,
            &name,
            args.dry_run,
        )?)
    })?;
    if args.json.json {
        output::json(&summary)?;
    } else {
        output::line(format_args!(
            "表头在第 {} 行（{}）；{} 名学生的结果{}，其中替换原有 {} 条；未匹配 {} 行，退出测评 {} 人 \
             (header on row {}; {} results; {} unmatched, {} opted out)",
            summary.header_row,
            summary.encoding,
            summary.imported,
            if summary.committed {
                "已导入"
            } else {
                "待导入"
            },
            summary.replaced,
            summary.unmatched.len(),
            summary.opted_out.len(),
            summary.header_row,
            summary.imported,
            summary.unmatched.len(),
            summary.opted_out.len()
        ))?;
        for u in &summary.unmatched {
            output::line(format_args!(
                "第 {} 行未匹配到学生：学号 {} {} {} (row {}: no such student)",
                u.row,
                output::clean(&u.student_no),
                output::clean(&u.name),
                output::clean(&u.class_name),
                u.row
            ))?;
        }
        for e in &summary.errors {
            output::line(format_args!(
                "第 {} 行“{}”列：{} ({})",
                e.row,
                output::clean(&e.column),
                e.problem.zh(),
                e.problem.en()
            ))?;
        }
        if !summary.committed && summary.errors.is_empty() {
            output::line("试运行：没有写入任何内容 (dry run: nothing written)")?;
        }
    }
    if !summary.errors.is_empty() {
        anyhow::bail!(
            "文件有 {} 处问题，未导入任何结果；请改正后重新导入 \
             ({} problems in the file: nothing was imported)",
            summary.errors.len(),
            summary.errors.len()
        );
    }
    Ok(())
}

/// A review-list row as the CLI's JSON shows it.
#[derive(Serialize)]
struct ReviewRow {
    result_id: String,
    student_no: String,
    name: String,
    grade: String,
    class: String,
    instrument: String,
    total: Option<u32>,
    band: Option<String>,
    critical: bool,
    decision: Option<ReviewOutcome>,
}

pub fn review_list(global: &GlobalOpts, args: &ReviewListArgs) -> Result<()> {
    let list = unlock::unlocked(global, |vault, _| {
        Ok(vault.screening()?.review_list(&args.campaign)?)
    })?;
    let rows: Vec<ReviewRow> = list
        .entries
        .into_iter()
        .map(|e| ReviewRow {
            result_id: e.result_id,
            student_no: e.student_no,
            name: e.name,
            grade: e.grade,
            class: e.class_name,
            instrument: e.instrument,
            total: e.total,
            band: e.band,
            critical: e.critical,
            decision: e.decision.map(|d| d.outcome),
        })
        .collect();
    if args.json.json {
        return output::json(&rows);
    }
    if rows.is_empty() {
        return output::line("（没有需要复核的学生）(no one on the review list)");
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                output::clean(&r.student_no),
                output::clean(&r.name),
                format!("{}{}", output::clean(&r.grade), output::clean(&r.class)),
                r.instrument.clone(),
                r.total.map_or_else(|| "无效".into(), |t| t.to_string()),
                r.band.clone().unwrap_or_default(),
                if r.critical { "关键题" } else { "" }.to_owned(),
                match r.decision {
                    None => "待复核",
                    Some(ReviewOutcome::NoConcern) => "无需特别关注",
                    Some(ReviewOutcome::InterviewScheduled) => "已约谈",
                    Some(ReviewOutcome::FileOpened) => "已建档",
                }
                .to_owned(),
            ]
        })
        .collect();
    output::line(table::render(
        &[
            "学号",
            "姓名",
            "班级",
            "量表",
            "总分",
            "分数段",
            "关键题",
            "复核",
        ],
        &cells,
    ))?;
    let reviewed = rows.iter().filter(|r| r.decision.is_some()).count();
    output::notice(format_args!(
        "已复核 {reviewed} / {} (reviewed {reviewed} of {})",
        rows.len(),
        rows.len()
    ));
    Ok(())
}

pub fn instruments(global: &GlobalOpts, json: bool) -> Result<()> {
    let vault = unlock::open(global)?;
    let all = vault.instruments()?;
    if json {
        return output::json(&all);
    }
    let cells: Vec<Vec<String>> = all
        .iter()
        .map(|i| {
            vec![
                i.id.clone(),
                i.short_name.clone(),
                i.items.len().to_string(),
                i.review_threshold.to_string(),
            ]
        })
        .collect();
    output::line(table::render(&["编号", "名称", "题数", "关注阈值"], &cells))
}
