//! `xinyu file list|open|follow-up|show|close` and `xinyu dashboard`: warning files from the
//! command line. Reasons and follow-up content are read from files, so no note ends up in the
//! shell's history; JSON keys are English snake_case.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use serde::Serialize;
use xinyu_core::casework::{
    CaseEvent, FileFilter, FileListItem, FileSource, FollowUpInput, FollowUpMode, LevelDef,
    OpenFileInput,
};

use crate::cli::{FileListArgs, FileOpenArgs, FollowUpArgs, GlobalOpts};
use crate::{output, table, unlock};
use xinyu_core::error::Kind;

/// A file as the CLI's JSON shows it.
#[derive(Serialize)]
struct FileRow {
    id: String,
    student_no: String,
    name: String,
    grade: String,
    class: String,
    level: u8,
    level_name: String,
    status: xinyu_core::casework::FileStatus,
    status_label: &'static str,
    opened_on: NaiveDate,
    closed_on: Option<NaiveDate>,
    next_due: Option<NaiveDate>,
    overdue: bool,
    owner: String,
    categories: Vec<String>,
}

fn row(item: FileListItem, levels: &[LevelDef]) -> FileRow {
    FileRow {
        level_name: level_name(levels, item.file.level),
        status_label: item.file.status.label(),
        id: item.file.id,
        student_no: item.student_no,
        name: item.student_name,
        grade: item.grade,
        class: item.class_name,
        level: item.file.level,
        status: item.file.status,
        opened_on: item.file.opened_on,
        closed_on: item.file.closed_on,
        next_due: item.file.next_due,
        overdue: item.overdue,
        owner: item.owner_name,
        categories: item.categories,
    }
}

fn level_name(levels: &[LevelDef], rank: u8) -> String {
    levels
        .iter()
        .find(|l| l.rank == rank)
        .map_or_else(|| rank.to_string(), |l| l.name.clone())
}

pub(crate) fn date(text: Option<&str>, field: &str) -> Result<NaiveDate> {
    match text {
        None => Ok(chrono::Local::now().date_naive()),
        Some(t) => NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").with_context(|| {
            format!("{field}应写成 YYYY-MM-DD，例如 2026-03-01 ({field}: use YYYY-MM-DD)")
        }),
    }
}

pub(crate) fn read_text(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| {
        format!(
            "无法读取文本文件 {}，请检查路径和编码（UTF-8）(cannot read the text file)",
            path.display()
        )
    })
}

fn table_of(rows: &[FileRow]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                output::clean(&r.student_no),
                output::clean(&r.name),
                format!("{}{}", output::clean(&r.grade), output::clean(&r.class)),
                r.level_name.clone(),
                r.status_label.to_owned(),
                match (r.next_due, r.overdue) {
                    (Some(d), true) => format!("{d}（逾期）"),
                    (Some(d), false) => d.to_string(),
                    (None, _) => "—".into(),
                },
                output::clean(&r.owner),
            ]
        })
        .collect();
    table::render(
        &[
            "编号",
            "学号",
            "姓名",
            "班级",
            "等级",
            "状态",
            "下次跟踪",
            "负责人",
        ],
        &cells,
    )
}

pub fn list(global: &GlobalOpts, args: &FileListArgs) -> Result<()> {
    let filter = FileFilter {
        level: args.level,
        include_closed: args.all,
        overdue_only: args.overdue,
        grade: args.grade.clone(),
        class_name: args.class.clone(),
        ..Default::default()
    };
    let rows: Vec<FileRow> = unlock::unlocked(global, |vault, _| {
        let levels = vault.casework()?.levels()?;
        let items = vault.casework()?.list_warning_files(&filter)?;
        Ok(items.into_iter().map(|i| row(i, &levels)).collect())
    })?;
    if args.json.json {
        return output::json(&rows);
    }
    if rows.is_empty() {
        return output::line("（没有符合条件的预警档案）(no warning files match)");
    }
    output::line(table_of(&rows))?;
    output::notice(format_args!(
        "共 {} 份档案 ({} files)",
        rows.len(),
        rows.len()
    ));
    Ok(())
}

fn source(text: &str) -> Result<FileSource> {
    Ok(match text.trim() {
        "screening" | "心理测评" | "筛查" => FileSource::Screening,
        "homeroom_teacher" | "班主任" => FileSource::HomeroomTeacher,
        "parent" | "家长" => FileSource::Parent,
        "self_referral" | "学生主动求助" | "主动求助" => FileSource::SelfReferral,
        "mailbox" | "悄悄话信箱" => FileSource::Mailbox,
        "peer" | "同学" => FileSource::Peer,
        "other" | "其他" => FileSource::Other,
        _ => bail!(
            "来源只能是 心理测评、班主任、家长、学生主动求助、悄悄话信箱、同学 或 其他 \
             (source: screening, homeroom_teacher, parent, self_referral, mailbox, peer or other)"
        ),
    })
}

pub fn open(global: &GlobalOpts, args: &FileOpenArgs) -> Result<()> {
    let source = source(&args.source)?;
    let reason = read_text(&args.reason_file)?;
    let file = unlock::unlocked(global, |vault, _| {
        let student_id = vault
            .roster()?
            .students()?
            .into_iter()
            .find(|s| s.student_no == args.student_no.trim())
            .map(|s| s.id)
            .ok_or(xinyu_core::Error::NotFound {
                kind: Kind::Student,
            })?;
        let opened_on = date(args.date.as_deref(), "建档日期")?;
        Ok(vault.casework()?.open_warning_file(OpenFileInput {
            student_id,
            level: args.level,
            categories: args.categories.clone(),
            source,
            reason,
            opened_on,
        })?)
    })?;
    output::line(format_args!(
        "已建档：编号 {}，下次跟踪 {} (file opened)",
        file.id,
        file.next_due.map_or_else(|| "—".into(), |d| d.to_string())
    ))
}

fn mode(text: &str) -> Result<FollowUpMode> {
    Ok(match text.trim() {
        "面谈" | "in_person" => FollowUpMode::InPerson,
        "电话" | "phone" => FollowUpMode::Phone,
        "家访" | "home_visit" => FollowUpMode::HomeVisit,
        "班主任反馈" | "homeroom_feedback" => FollowUpMode::HomeroomFeedback,
        _ => bail!(
            "跟踪方式只能是 面谈、电话、家访 或 班主任反馈 \
             (mode: in_person, phone, home_visit or homeroom_feedback)"
        ),
    })
}

pub fn follow_up(global: &GlobalOpts, args: &FollowUpArgs) -> Result<()> {
    let mode = mode(&args.mode)?;
    let content = read_text(&args.content_file)?;
    let file = unlock::unlocked(global, |vault, _| {
        let date_ = date(args.date.as_deref(), "跟踪日期")?;
        let next_due = match &args.next_due {
            Some(d) => Some(date(Some(d), "下次跟踪日期")?),
            None => None,
        };
        Ok(vault.casework()?.add_follow_up(
            &args.id,
            FollowUpInput {
                date: date_,
                mode,
                content,
                reassessed_level: args.level,
                next_due,
            },
        )?)
    })?;
    output::line(format_args!(
        "已记录跟踪；下次跟踪 {} (follow-up recorded)",
        file.next_due.map_or_else(|| "—".into(), |d| d.to_string())
    ))
}

/// An event as the CLI shows it: date, kind in Chinese, who, and the text.
#[derive(Serialize)]
struct EventRow {
    date: NaiveDate,
    kind: &'static str,
    by: String,
    event: CaseEvent,
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "level_change" => "等级调整",
        "follow_up" => "跟踪记录",
        "status_change" => "状态变更",
        "referral" => "转介",
        "referral_feedback" => "转介反馈",
        "return_assessment" => "复学评估",
        "parent_contact" => "家校沟通",
        "home_visit" => "家访",
        "crisis" => "危机事件",
        "sharing" => "分配共享",
        _ => "记录",
    }
}

fn event_text(event: &CaseEvent, levels: &[LevelDef]) -> String {
    match event {
        CaseEvent::LevelChange {
            from, to, reason, ..
        } => format!(
            "{} → {}：{reason}",
            from.map_or_else(|| "建档".into(), |f| level_name(levels, f)),
            level_name(levels, *to)
        ),
        CaseEvent::FollowUp { record, .. } => {
            format!("{}：{}", record.mode.label(), record.content)
        }
        CaseEvent::StatusChange {
            from, to, reason, ..
        } => {
            format!("{} → {}：{reason}", from.label(), to.label())
        }
        CaseEvent::Referral { record, .. } => {
            format!("转介至 {}：{}", record.institution, record.reason)
        }
        CaseEvent::ReferralFeedback { record, .. } => {
            format!("{}：{}", record.source, record.content)
        }
        CaseEvent::ReturnAssessment { record, .. } => record.assessment.clone(),
        CaseEvent::ParentContact { record, .. } => {
            format!("{}：{}", record.guardian, record.content)
        }
        CaseEvent::HomeVisit { record, .. } => record.content.clone(),
        CaseEvent::Crisis { record, .. } => record.description.clone(),
        CaseEvent::Sharing { .. } => "负责人或共享人员变更".into(),
    }
}

pub fn show(global: &GlobalOpts, id: &str, json: bool) -> Result<()> {
    let (detail, levels) = unlock::unlocked(global, |vault, _| {
        Ok((
            vault.casework()?.warning_file(id)?,
            vault.casework()?.levels()?,
        ))
    })?;
    let mut events: Vec<EventRow> = detail
        .events
        .iter()
        .map(|e| EventRow {
            date: e.event.date(),
            kind: kind_label(e.event.kind()),
            by: e.by_name.clone(),
            event: e.event.clone(),
        })
        .collect();
    events.sort_by_key(|e| e.date);
    let file = row(detail.item, &levels);
    if json {
        return output::json(&serde_json::json!({ "file": file, "events": events }));
    }
    output::line(table_of(std::slice::from_ref(&file)))?;
    if detail.narrative.is_none() {
        return output::line("（您的角色只能查看档案摘要）(summary only for your role)");
    }
    for e in &events {
        output::line(format_args!(
            "{}  {}  {}  {}",
            e.date,
            e.kind,
            output::clean(&e.by),
            output::clean(&event_text(&e.event, &levels))
        ))?;
    }
    Ok(())
}

pub fn close(global: &GlobalOpts, id: &str, reason: &str) -> Result<()> {
    let file = unlock::unlocked(global, |vault, _| {
        Ok(vault.casework()?.set_file_status(
            id,
            xinyu_core::casework::FileStatus::Closed,
            reason,
        )?)
    })?;
    output::line(format_args!(
        "档案已解除（{}）(file closed)",
        file.closed_on.map_or_else(String::new, |d| d.to_string())
    ))
}

/// The dashboard as JSON keys `overdue`, `due_today`, `due_this_week`, `open_by_level`,
/// `recent_crises`.
pub fn dashboard(global: &GlobalOpts, json: bool) -> Result<()> {
    let (dash, levels) = unlock::unlocked(global, |vault, _| {
        Ok((vault.casework()?.dashboard()?, vault.casework()?.levels()?))
    })?;
    let rows = |items: Vec<FileListItem>| -> Vec<FileRow> {
        items.into_iter().map(|i| row(i, &levels)).collect()
    };
    let open_by_level: Vec<serde_json::Value> = dash
        .open_by_level
        .iter()
        .map(
            |l| serde_json::json!({ "level": l.level.rank, "name": l.level.name, "open": l.count }),
        )
        .collect();
    let overdue = rows(dash.overdue);
    let due_today = rows(dash.due_today);
    let due_this_week = rows(dash.due_this_week);
    let recent_crises = rows(dash.recent_crises);
    if json {
        return output::json(&serde_json::json!({
            "today": dash.today,
            "overdue": overdue,
            "due_today": due_today,
            "due_this_week": due_this_week,
            "open_by_level": open_by_level,
            "recent_crises": recent_crises,
        }));
    }
    output::line(format_args!("工作台 {} (dashboard)", dash.today))?;
    for (title, list) in [
        ("逾期未跟踪 (overdue)", &overdue),
        ("今天到期 (due today)", &due_today),
        ("本周到期 (due this week)", &due_this_week),
        ("近 30 天危机事件 (recent crises)", &recent_crises),
    ] {
        output::line(format_args!("\n{title}：{}", list.len()))?;
        if !list.is_empty() {
            output::line(table_of(list))?;
        }
    }
    let counts: Vec<String> = dash
        .open_by_level
        .iter()
        .map(|l| format!("{} {}", l.level.name, l.count))
        .collect();
    output::line(format_args!("\n在档 (open files)：{}", counts.join("，")))
}
