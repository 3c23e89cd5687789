//! The command line as clap reads it: global options, subcommands and their arguments.
//! Help text is Chinese first, English in parentheses, like every message of the tool.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use xinyu_core::Role;

/// 心语 命令行：学校心理辅导室的加密工作台 (Xinyu: the counseling room's encrypted workbench).
#[derive(Debug, Parser)]
#[command(name = "xinyu", version)]
pub struct Cli {
    /// Options every subcommand accepts, before or after its name.
    #[command(flatten)]
    pub global: GlobalOpts,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Where the vault is, who acts, and where their passphrase comes from.
#[derive(Debug, Args)]
pub struct GlobalOpts {
    /// 数据保险箱所在的文件夹 (the vault's folder)
    #[arg(
        long,
        global = true,
        env = "XINYU_VAULT",
        hide_env_values = true,
        value_name = "DIR"
    )]
    pub vault: Option<PathBuf>,

    /// 以哪位用户的身份操作；保险箱只有一个账户时可省略 (the acting user; optional when the vault has one account)
    #[arg(
        long,
        global = true,
        env = "XINYU_USER",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub user: Option<String>,

    /// 从文件第一行读取口令；也可用环境变量 XINYU_PASSPHRASE 提供口令本身，否则在终端提示输入
    /// (read the passphrase from the file's first line; else XINYU_PASSPHRASE holds it; else a prompt)
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 新建数据保险箱和第一位专职心理教师，并给出恢复码 (create the vault, its first counselor and the recovery code)
    #[command(long_about = INIT_LONG_ABOUT)]
    Init(InitArgs),
    /// 管理用户账户 (staff accounts)
    #[command(subcommand)]
    User(UserCommand),
    /// 修改自己的口令 (change your own passphrase)
    Passwd(NewPassphraseArgs),
    /// 用恢复码为忘记口令的用户重设口令，无需解锁 (reset a forgotten passphrase with the recovery code)
    Recover(RecoverArgs),
    /// 检查数据库、可解密的记录和访问日志链条 (check the database, records and access-log chain)
    Verify,
    /// 学生档案 (students)
    #[command(subcommand)]
    Student(StudentCommand),
    /// 心理预警档案：建档、跟踪、解除、列表 (warning files)
    #[command(subcommand)]
    File(FileCommand),
    /// 工作台：逾期、今天到期、本周到期的跟踪，各等级在档人数 (the dashboard: due and overdue follow-ups)
    Dashboard(JsonArg),
    /// 个体辅导记录 (one-to-one session notes)
    #[command(subcommand)]
    Session(SessionCommand),
    /// 团体辅导 (group sessions)
    #[command(subcommand)]
    Group(GroupCommand),
    /// 悄悄话信箱：投信、凭取信码看回信、心理老师读信回信 (the whisper mailbox)
    #[command(subcommand)]
    Mailbox(MailboxCommand),
    /// 心理测评：测评活动、导入结果、筛查关注名单 (screening)
    #[command(subcommand)]
    Screening(ScreeningCommand),
    /// 工作统计：个体辅导、团体辅导、热线转介、培训、活动、预警档案 (the figures of a period)
    Stats(StatsArgs),
    /// 查看访问日志，最新的在前 (the access log, newest first)
    Log(LogArgs),
    /// 更换全部数据密钥并重新加密所有记录 (rotate every data key and re-encrypt every record)
    Rekey,
    /// 生成演示学校：学生、各级预警档案和多年跟踪记录（内容标明为演示数据）(fill with a synthetic school)
    DemoData(DemoDataArgs),
}

/// `xinyu demo-data`.
#[derive(Debug, Args)]
pub struct DemoDataArgs {
    /// 学生人数 (number of students)
    #[arg(long, default_value_t = 300)]
    pub students: usize,
    /// 跟踪记录覆盖的年数 (years of follow-ups)
    #[arg(long, default_value_t = 3)]
    pub years: u32,
    /// 随机种子：相同种子生成相同的学校 (seed: the same seed gives the same school)
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[command(flatten)]
    pub json: JsonArg,
}

const INIT_LONG_ABOUT: &str = "\
新建数据保险箱和第一位专职心理教师（用 --user 指定姓名），并给出恢复码。
(Create the vault and its first counselor, named with --user, and show the recovery code.)

口令按全局选项的顺序读取：--passphrase-file、XINYU_PASSPHRASE、终端提示；至少 10 个字符。
(The passphrase comes from --passphrase-file, XINYU_PASSPHRASE or a prompt; at least 10 characters.)

恢复码只显示这一次：打印出来，放进校长办公室的保险柜。
(The recovery code is shown once: print it and keep it in the principal's safe.)

口令强度 (key derivation): Argon2id，按本机性能校准到约 0.75 秒 (calibrated to about 0.75 s on
this PC). 环境变量 XINYU_KDF=minimum 改用允许的最低强度（64 MiB，1 轮），仅供测试和持续集成
(XINYU_KDF=minimum uses the minimum accepted parameters, 64 MiB and one pass: for tests and CI only).";

/// `xinyu init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// 学校名称 (the school's name)
    #[arg(long, value_name = "NAME")]
    pub school: String,

    /// 把恢复码写入这个新文件（权限 0600），而不是显示在屏幕上 (write the recovery code to this new file instead of stdout)
    #[arg(long, value_name = "FILE")]
    pub recovery_out: Option<PathBuf>,
}

/// `xinyu user …`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// 添加用户账户 (add a staff account)
    Add(UserAddArgs),
    /// 列出用户账户，无需口令 (list staff accounts; no passphrase needed)
    List(JsonArg),
}

/// `xinyu user add`.
#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// 新用户的姓名 (the new user's name)
    #[arg(long, value_name = "NAME")]
    pub name: String,

    /// 角色 (role)
    #[arg(long, value_enum)]
    pub role: RoleArg,

    #[command(flatten)]
    pub new_passphrase: NewPassphraseArgs,
}

/// Where a new passphrase comes from.
#[derive(Debug, Args)]
pub struct NewPassphraseArgs {
    /// 从文件第一行读取新口令，否则在终端提示输入两次 (read the new passphrase from the file's first line; else prompt twice)
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

/// `xinyu recover`.
#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// 存有恢复码的文件，否则在终端提示输入 (a file holding the recovery code; else a prompt)
    #[arg(long, value_name = "FILE")]
    pub recovery_file: Option<PathBuf>,

    #[command(flatten)]
    pub new_passphrase: NewPassphraseArgs,
}

/// `xinyu student …`.
#[derive(Debug, Subcommand)]
pub enum StudentCommand {
    /// 添加学生 (add a student)
    Add(StudentAddArgs),
    /// 列出学生，或按姓名、学号、班级、拼音查找 (list students, or search them)
    List(StudentListArgs),
    /// 从 xlsx/csv 花名册导入学生：全部成功才写入 (import a roster file: all or nothing)
    Import(StudentImportArgs),
    /// 新学年：在读学生升一个年级，最高年级毕业 (new school year: everyone moves up)
    Rollover(StudentRolloverArgs),
    /// 修改学籍状态：在读、休学、转出、毕业 (change a student's status)
    Status(StudentStatusArgs),
}

/// `xinyu student rollover`.
#[derive(Debug, Args)]
pub struct StudentRolloverArgs {
    /// 只预览，不写入 (preview only; write nothing)
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub json: JsonArg,
}

/// `xinyu student status`.
#[derive(Debug, Args)]
pub struct StudentStatusArgs {
    /// 学号 (student number)
    #[arg(long, value_name = "NO")]
    pub student_no: String,
    /// 新状态：在读 / 休学 / 转出 / 毕业 (new status)
    #[arg(long, value_name = "STATUS")]
    pub status: String,
}

/// `xinyu student list`.
#[derive(Debug, Args)]
pub struct StudentListArgs {
    /// 查找：姓名、学号、班级、拼音首字母或全拼，如 zs、zhangsan (search: name, number, class, pinyin)
    #[arg(long, value_name = "Q")]
    pub search: Option<String>,
    #[command(flatten)]
    pub json: JsonArg,
}

/// `xinyu student import`.
#[derive(Debug, Args)]
pub struct StudentImportArgs {
    /// 花名册文件：xlsx、xls 或 csv（UTF-8 或 GBK 均可）(roster file: xlsx, xls or csv in UTF-8 or GBK)
    #[arg(value_name = "FILE")]
    pub file: std::path::PathBuf,
    /// 只检查并预览，不写入 (check and preview only; write nothing)
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub json: JsonArg,
}

/// `xinyu student add`.
#[derive(Debug, Args)]
pub struct StudentAddArgs {
    /// 学号，前导零会保留 (student number; leading zeros are kept)
    #[arg(long, value_name = "NO")]
    pub student_no: String,
    /// 姓名 (name)
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// 年级，例如 七年级 (grade)
    #[arg(long, value_name = "GRADE")]
    pub grade: String,
    /// 班级，例如 3班 (class)
    #[arg(long, value_name = "CLASS")]
    pub class: String,
}

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

/// `xinyu mailbox …`.
#[derive(Debug, Subcommand)]
pub enum MailboxCommand {
    /// 投一封信（信箱终端用，无需口令），只输出取信码 (send a letter; no passphrase; prints only the pickup code)
    Submit(MailboxSubmitArgs),
    /// 凭取信码查看回信（无需口令）(read the replies with a pickup code; no passphrase)
    ReadReply(MailboxCodeArgs),
    /// 来信列表，紧急的在前 (the inbox, urgent first)
    List(JsonArg),
    /// 阅读一封来信（记入访问日志）(read a letter; logged)
    Show(MailboxShowArgs),
    /// 回复一封来信；内容从文件读取 (reply to a letter; the text comes from a file)
    Reply(MailboxReplyArgs),
}

/// `xinyu mailbox submit`.
#[derive(Debug, Args)]
pub struct MailboxSubmitArgs {
    /// 信的内容所在的 UTF-8 文本文件 (a UTF-8 text file holding the letter)
    #[arg(long, value_name = "FILE")]
    pub text_file: PathBuf,
    /// 续写：之前拿到的取信码 (writing again: the pickup code of the earlier letter)
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
}

/// `xinyu mailbox read-reply`.
#[derive(Debug, Args)]
pub struct MailboxCodeArgs {
    /// 取信码 (the pickup code)
    #[arg(long, value_name = "CODE")]
    pub code: String,
}

/// `xinyu mailbox show`.
#[derive(Debug, Args)]
pub struct MailboxShowArgs {
    /// 来信编号 (the letter's id)
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub json: JsonArg,
}

/// `xinyu mailbox reply`.
#[derive(Debug, Args)]
pub struct MailboxReplyArgs {
    /// 来信编号 (the letter's id)
    #[arg(value_name = "ID")]
    pub id: String,
    /// 回信内容所在的文本文件 (a text file holding the reply)
    #[arg(long, value_name = "FILE")]
    pub text_file: PathBuf,
    /// 纸质来信：回信张贴的位置 (paper letters: where the reply is posted)
    #[arg(long, value_name = "WHERE", default_value = "")]
    pub posted_where: String,
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_core_role_can_be_typed_by_its_code() {
        for role in Role::ALL {
            let arg = RoleArg::from_str(role.as_str(), false).expect("role code");
            assert_eq!(Role::from(arg), role);
        }
    }
}
