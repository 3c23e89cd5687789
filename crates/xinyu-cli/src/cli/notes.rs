//! `xinyu session …` and `xinyu group …`: counseling sessions and the work log.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::*;

/// `xinyu session …`.
#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// 记录一次个体辅导；内容从文件读取 (record a session; the notes come from a file)
    Add(SessionAddArgs),
    /// 列出辅导记录，最新的在前 (list notes, newest first)
    List(JsonArg),
}

const SESSION_ADD_LONG_ABOUT: &str = "\
记录一次个体辅导。--notes-file 是 UTF-8 文本文件，按小标题分段（每段以标题加冒号开头）：
(Record a one-to-one session. --notes-file is a UTF-8 text file in sections, each starting with
its heading and a colon:)

  当前状况：…
  主要问题：…（必填 required）
  评估：…
  分析：…
  对策：…
  效果评价：…

加 --sign 立即签名（签名后只能添加补充记录）。(--sign signs it at once: later changes are addenda.)";

/// `xinyu session add`.
#[derive(Debug, Args)]
#[command(long_about = SESSION_ADD_LONG_ABOUT)]
pub struct SessionAddArgs {
    /// 学生的学号；匿名来访用 --walk-in (the student's number; or --walk-in)
    #[arg(
        long,
        value_name = "NO",
        conflicts_with = "walk_in",
        required_unless_present = "walk_in"
    )]
    pub student_no: Option<String>,
    /// 匿名来访者的称呼，如 七年级女生 (an anonymous walk-in's label)
    #[arg(long, value_name = "LABEL")]
    pub walk_in: Option<String>,
    /// 日期 YYYY-MM-DD，默认今天 (the day; default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// 开始时间 HH:MM (start time)
    #[arg(long, value_name = "HH:MM")]
    pub start: String,
    /// 时长（分钟）(minutes)
    #[arg(long, value_name = "N")]
    pub minutes: u32,
    /// 分段写好的辅导内容文件 (the notes file, in sections)
    #[arg(long, value_name = "FILE")]
    pub notes_file: PathBuf,
    /// 自伤风险询问：not_asked / denied / thoughts / plan / act (the risk check)
    #[arg(long, value_name = "ANSWER", default_value = "not_asked")]
    pub risk: String,
    /// 立即签名 (sign at once)
    #[arg(long)]
    pub sign: bool,
}

/// `xinyu group …`.
#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// 记录一次团体辅导 (log a group session)
    Add(GroupAddArgs),
}

/// `xinyu group add`.
#[derive(Debug, Args)]
pub struct GroupAddArgs {
    /// 日期 YYYY-MM-DD (the day)
    #[arg(long, value_name = "DATE")]
    pub date: String,
    /// 主题 (topic)
    #[arg(long, value_name = "TOPIC")]
    pub topic: String,
    /// 年级 (grade)
    #[arg(long, value_name = "GRADE", default_value = "")]
    pub grade: String,
    /// 班级 (class)
    #[arg(long, value_name = "CLASS", default_value = "")]
    pub class: String,
    /// 带领者 (facilitator)
    #[arg(long, value_name = "NAME")]
    pub facilitator: String,
    /// 参加人数 (participants)
    #[arg(long, value_name = "N")]
    pub participants: u32,
}
