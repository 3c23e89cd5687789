//! `xinyu file …`: warning files.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::*;

/// `xinyu file …`.
#[derive(Debug, Subcommand)]
pub enum FileCommand {
    /// 列出预警档案（默认只列未解除的）(list warning files; open ones unless --all)
    List(FileListArgs),
    /// 为学生建立预警档案 (open a warning file for a student)
    Open(FileOpenArgs),
    /// 记录一次跟踪；内容从文件读取，不出现在命令历史里 (record a follow-up; the content comes from a file)
    FollowUp(FollowUpArgs),
    /// 查看一份档案及其全部记录 (show a file and its events)
    Show(FileShowArgs),
    /// 解除预警档案 (close a file)
    Close(FileCloseArgs),
}

/// `xinyu file list`.
#[derive(Debug, Args)]
pub struct FileListArgs {
    /// 只看这个等级，1 为最高 (only this level; 1 is the most urgent)
    #[arg(long, value_name = "N")]
    pub level: Option<u8>,
    /// 只看逾期未跟踪的 (only overdue files)
    #[arg(long)]
    pub overdue: bool,
    /// 也列出已解除的档案 (include closed files)
    #[arg(long)]
    pub all: bool,
    /// 只看这个年级 (only this grade)
    #[arg(long, value_name = "GRADE")]
    pub grade: Option<String>,
    /// 只看这个班级 (only this class)
    #[arg(long, value_name = "CLASS")]
    pub class: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

/// `xinyu file open`.
#[derive(Debug, Args)]
pub struct FileOpenArgs {
    /// 学生的学号 (the student's number)
    #[arg(long, value_name = "NO")]
    pub student_no: String,
    /// 关注等级，1 为最高 (level; 1 is the most urgent)
    #[arg(long, value_name = "N")]
    pub level: u8,
    /// 类别，可重复 (category; repeat for several)
    #[arg(long = "category", value_name = "CATEGORY")]
    pub categories: Vec<String>,
    /// 来源：screening / homeroom_teacher / parent / self_referral / mailbox / peer / other
    #[arg(long, value_name = "SOURCE", default_value = "homeroom_teacher")]
    pub source: String,
    /// 存有建档原因的文本文件 (a text file holding the reason)
    #[arg(long, value_name = "FILE")]
    pub reason_file: PathBuf,
    /// 建档日期 YYYY-MM-DD，默认今天 (the day; default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

/// `xinyu file follow-up`.
#[derive(Debug, Args)]
pub struct FollowUpArgs {
    /// 档案编号 (the file's id)
    #[arg(value_name = "ID")]
    pub id: String,
    /// 方式：面谈 / 电话 / 家访 / 班主任反馈 (mode)
    #[arg(long, value_name = "MODE")]
    pub mode: String,
    /// 存有跟踪内容的文本文件 (a text file holding the content)
    #[arg(long, value_name = "FILE")]
    pub content_file: PathBuf,
    /// 跟踪日期 YYYY-MM-DD，默认今天 (the day; default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// 复评后的等级 (the level after reassessment)
    #[arg(long, value_name = "N")]
    pub level: Option<u8>,
    /// 下次跟踪日期，默认按等级间隔 (next due; default from the level's interval)
    #[arg(long, value_name = "DATE")]
    pub next_due: Option<String>,
}

/// `xinyu file show`.
#[derive(Debug, Args)]
pub struct FileShowArgs {
    /// 档案编号 (the file's id)
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub json: JsonArg,
}

/// `xinyu file close`.
#[derive(Debug, Args)]
pub struct FileCloseArgs {
    /// 档案编号 (the file's id)
    #[arg(value_name = "ID")]
    pub id: String,
    /// 解除原因 (why)
    #[arg(long, value_name = "REASON")]
    pub reason: String,
}
