//! `xinyu screening …`: campaigns, imports and the review list.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::*;

/// `xinyu screening …`.
#[derive(Debug, Subcommand)]
pub enum ScreeningCommand {
    /// 测评活动 (campaigns)
    #[command(subcommand)]
    Campaign(CampaignCommand),
    /// 导入测评平台导出的结果：全部无误才写入 (import a platform's export: all or nothing)
    Import(ScreeningImportArgs),
    /// 筛查关注名单：关键题在前，再按总分 (the review list: critical items first)
    ReviewList(ReviewListArgs),
    /// 可用的量表 (the instruments this vault knows)
    Instruments(JsonArg),
}

/// `xinyu screening campaign …`.
#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// 新建测评活动 (create a campaign)
    Add(CampaignAddArgs),
}

/// `xinyu screening campaign add`.
#[derive(Debug, Args)]
pub struct CampaignAddArgs {
    /// 活动名称 (the campaign's name)
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// 量表编号，可重复，如 phq9、gad7 (instrument id; repeat for several)
    #[arg(long = "instrument", value_name = "ID", required = true)]
    pub instruments: Vec<String>,
    /// 目标年级，可重复或用逗号分隔 (target grades)
    #[arg(long, value_name = "GRADE", value_delimiter = ',')]
    pub grades: Vec<String>,
    /// 开始日期 YYYY-MM-DD，默认今天 (first day; default today)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// 结束日期 YYYY-MM-DD，默认开始后 14 天 (last day; default two weeks on)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

/// `xinyu screening import`.
#[derive(Debug, Args)]
pub struct ScreeningImportArgs {
    /// 测评活动名称 (the campaign)
    #[arg(long, value_name = "NAME")]
    pub campaign: String,
    /// 量表编号 (instrument id)
    #[arg(long, value_name = "ID")]
    pub instrument: String,
    /// 结果文件：xlsx、xls 或 csv（UTF-8 或 GBK）(the results file)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// 只检查并预览，不写入 (check only; write nothing)
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub json: JsonArg,
}

/// `xinyu screening review-list`.
#[derive(Debug, Args)]
pub struct ReviewListArgs {
    /// 测评活动名称 (the campaign)
    #[arg(long, value_name = "NAME")]
    pub campaign: String,
    #[command(flatten)]
    pub json: JsonArg,
}

/// `xinyu stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// 开始日期 YYYY-MM-DD (first day)
    #[arg(long, value_name = "DATE")]
    pub from: String,
    /// 结束日期 YYYY-MM-DD，含当天 (last day, included)
    #[arg(long, value_name = "DATE")]
    pub to: String,
    #[command(flatten)]
    pub json: JsonArg,
}

/// `xinyu log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// 最多显示多少条 (at most this many entries)
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(i64).range(1..=10_000))]
    pub limit: i64,
    #[command(flatten)]
    pub json: JsonArg,
}

/// `--json`.
#[derive(Debug, Args)]
pub struct JsonArg {
    /// 输出 JSON (print JSON)
    #[arg(long)]
    pub json: bool,
}

/// A role as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// 专职心理教师 (counselor)
    Counselor,
    /// 兼职心理教师 (teacher)
    Teacher,
    /// 校长 (principal)
    Principal,
    /// 信息管理员 (admin)
    Admin,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Counselor => Role::Counselor,
            RoleArg::Teacher => Role::Teacher,
            RoleArg::Principal => Role::Principal,
            RoleArg::Admin => Role::Admin,
        }
    }
}
