//! `xinyu session add|list`, `xinyu group add` and `xinyu stats`: the room's work from the
//! command line. Notes come from a file in headed sections, never from an argument.

use anyhow::{Result, bail};
use chrono::NaiveTime;
use serde::Serialize;
use xinyu_core::notes::{RiskAnswer, SessionInput, WorkLogEntry};

use super::file::{date, read_text};
use crate::cli::{GlobalOpts, GroupAddArgs, SessionAddArgs, StatsArgs};
use crate::{output, table, unlock};
use xinyu_core::error::Kind;

/// The six sections of a note, by heading.
const HEADINGS: [&str; 6] = ["当前状况", "主要问题", "评估", "分析", "对策", "效果评价"];

/// Split a notes file into its six sections (text before the first heading is refused).
fn sections(text: &str) -> Result<[String; 6]> {
    let mut out: [String; 6] = Default::default();
    let mut current: Option<usize> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let heading = HEADINGS.iter().position(|h| {
            trimmed
                .strip_prefix(h)
                .is_some_and(|rest| rest.starts_with('：') || rest.starts_with(':'))
        });
        let body = match heading {
            Some(i) => {
                current = Some(i);
                trimmed[HEADINGS[i].len()..]
                    .trim_start_matches(['：', ':'])
                    .to_owned()
            }
            None => line.to_owned(),
        };
        match current {
            Some(i) => {
                if !out[i].is_empty() {
                    out[i].push('\n');
                }
                out[i].push_str(body.trim_end());
            }
            None if body.trim().is_empty() => {}
            None => bail!(
                "辅导内容文件须按小标题分段，如“主要问题：…”；可用标题：{} \
                 (the notes file must start each section with its heading and a colon)",
                HEADINGS.join("、")
            ),
        }
    }
    Ok(out.map(|s| s.trim().to_owned()))
}

fn risk(text: &str) -> Result<RiskAnswer> {
    Ok(match text.trim() {
        "not_asked" | "未询问" => RiskAnswer::NotAsked,
        "denied" | "否认" => RiskAnswer::Denied,
        "thoughts" | "有想法" => RiskAnswer::Thoughts,
        "plan" | "有计划" => RiskAnswer::Plan,
        "act" | "有行为" => RiskAnswer::Act,
        _ => bail!(
            "风险询问只能是 not_asked、denied、thoughts、plan 或 act \
             (risk: not_asked, denied, thoughts, plan or act)"
        ),
    })
}

pub fn add(global: &GlobalOpts, args: &SessionAddArgs) -> Result<()> {
    let [
        current_situation,
        main_problem,
        assessment,
        analysis,
        plan,
        effect,
    ] = sections(&read_text(&args.notes_file)?)?;
    let start_time = NaiveTime::parse_from_str(args.start.trim(), "%H:%M")
        .map_err(|_| anyhow::anyhow!("开始时间应写成 HH:MM，例如 15:30 (start: use HH:MM)"))?;
    let risk = risk(&args.risk)?;
    let day = date(args.date.as_deref(), "日期")?;
    let (note, flagged) = unlock::unlocked(global, |vault, _| {
        let student_id = match &args.student_no {
            Some(no) => Some(
                vault
                    .roster()?
                    .students()?
                    .into_iter()
                    .find(|s| s.student_no == no.trim())
                    .map(|s| s.id)
                    .ok_or(xinyu_core::Error::NotFound {
                        kind: Kind::Student,
                    })?,
            ),
            None => None,
        };
        let mut note = vault.notes()?.create_session(SessionInput {
            student_id,
            walk_in_label: args.walk_in.clone().unwrap_or_default(),
            date: day,
            start_time,
            duration_minutes: args.minutes,
            current_situation,
            main_problem,
            assessment,
            analysis,
            plan,
            effect,
            risk,
            next_appointment: None,
        })?;
        if args.sign {
            note = vault.notes()?.sign_session(&note.id)?;
        }
        Ok((note, risk.indicates_self_harm()))
    })?;
    output::line(format_args!(
        "已记录第 {} 次辅导，编号 {}{} (session recorded)",
        note.session_number,
        note.id,
        if args.sign {
            "，已签名"
        } else {
            "（草稿）"
        }
    ))?;
    if flagged {
        output::notice(
            "风险询问提示有自伤想法或行为：请按危机干预流程处理，并建立或提升预警档案 \
             (the risk check indicates self-harm: follow the crisis protocol and open or raise a warning file)",
        );
    }
    Ok(())
}

/// A note as `session list --json` shows it (no note text: use the desktop app to read notes).
#[derive(Serialize)]
struct SessionRow {
    id: String,
    date: chrono::NaiveDate,
    session_number: u32,
    student: String,
    author: String,
    duration_minutes: u32,
    status: xinyu_core::notes::NoteStatus,
    locked: bool,
    addenda: usize,
}

pub fn list(global: &GlobalOpts, json: bool) -> Result<()> {
    let rows: Vec<SessionRow> = unlock::unlocked(global, |vault, _| {
        Ok(vault
            .notes()?
            .list_sessions(None)?
            .into_iter()
            .map(|v| SessionRow {
                id: v.note.id,
                date: v.note.content.date,
                session_number: v.note.session_number,
                student: v.student_label,
                author: v.author_name,
                duration_minutes: v.note.content.duration_minutes,
                status: v.note.status,
                locked: v.locked,
                addenda: v.addenda.len(),
            })
            .collect())
    })?;
    if json {
        return output::json(&rows);
    }
    if rows.is_empty() {
        return output::line("（还没有辅导记录）(no session notes yet)");
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.date.to_string(),
                output::clean(&r.student),
                format!("第 {} 次", r.session_number),
                format!("{} 分钟", r.duration_minutes),
                output::clean(&r.author),
                if r.locked { "已锁定" } else { "草稿" }.to_owned(),
            ]
        })
        .collect();
    output::line(table::render(
        &["日期", "学生", "次数", "时长", "记录人", "状态"],
        &cells,
    ))
}

pub fn group_add(global: &GlobalOpts, args: &GroupAddArgs) -> Result<()> {
    let day = date(Some(&args.date), "日期")?;
    let record = unlock::unlocked(global, |vault, _| {
        Ok(vault.notes()?.add_work_log(WorkLogEntry::GroupSession {
            date: day,
            topic: args.topic.clone(),
            grade: args.grade.clone(),
            class_name: args.class.clone(),
            facilitator: args.facilitator.clone(),
            participants: args.participants,
            notes: String::new(),
        })?)
    })?;
    output::line(format_args!(
        "已记录团体辅导，编号 {} (group session logged)",
        record.id
    ))
}

pub fn stats(global: &GlobalOpts, args: &StatsArgs) -> Result<()> {
    let from = date(Some(&args.from), "开始日期")?;
    let to = date(Some(&args.to), "结束日期")?;
    let s = unlock::unlocked(global, |vault, _| {
        Ok(vault.notes()?.work_stats(from, to)?)
    })?;
    if args.json.json {
        return output::json(&s);
    }
    let rows = [
        ("个体辅导（次）", s.individual_sessions.to_string()),
        ("服务学生（人）", s.students_served.to_string()),
        ("其中匿名来访（次）", s.walk_in_sessions.to_string()),
        ("个体辅导时长（小时）", format!("{:.1}", s.session_hours)),
        ("团体辅导（次）", s.group_sessions.to_string()),
        ("团体辅导参加（人次）", s.group_participants.to_string()),
        ("热线转介（次）", s.hotline_referrals.to_string()),
        ("培训（次）", s.trainings.to_string()),
        ("培训学时", format!("{:.1}", s.training_hours)),
        ("活动（次）", s.activities.to_string()),
        ("活动参加（人次）", s.activity_participants.to_string()),
    ];
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .map(|(k, v)| vec![(*k).to_owned(), v.clone()])
        .collect();
    for l in &s.files_by_level {
        cells.push(vec![
            format!("{}预警档案 新建/解除", l.name),
            format!("{}/{}", l.opened, l.closed),
        ]);
    }
    output::line(format_args!(
        "工作统计 {} 至 {} (figures of the period)",
        s.from, s.to
    ))?;
    output::line(table::render(&["项目", "数量"], &cells))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notes_file_splits_into_its_six_sections() {
        let text = "当前状况：近期失眠\n  上课走神\n主要问题: 考试焦虑\n对策：放松训练\n";
        let s = sections(text).unwrap();
        assert_eq!(s[0], "近期失眠\n  上课走神");
        assert_eq!(s[1], "考试焦虑");
        assert_eq!(s[4], "放松训练");
        assert!(s[2].is_empty() && s[5].is_empty());
        assert!(sections("没有标题的文字").is_err());
    }
}
