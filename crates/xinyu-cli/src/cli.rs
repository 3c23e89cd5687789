//! The command line as clap reads it: global options, subcommands and their arguments.
//! Help text is Chinese first, English in parentheses, like every message of the tool.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
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
    /// 列出用户账户：角色、状态、创建者、密钥指纹，无需口令 (list staff accounts with status, creator and key fingerprint; no passphrase needed)
    List(JsonArg),
    /// 核对密钥指纹后批准新账户，并交给它角色所需的密钥（专职心理教师）(approve an account after comparing its key fingerprint; counselor)
    Approve(UserApproveArgs),
    /// 停用账户，随后更换密钥 (disable an account, then rotate the keys)
    Disable(UserNameArgs),
    /// 删除账户及其密钥，随后更换密钥（专职心理教师）(remove an account and its keys, then rotate the keys; counselor)
    Remove(UserNameArgs),
    /// 重新启用已停用的账户；由信息管理员启用、或账户信息有改动时须专职心理教师再次批准 (enable a disabled account again; it may need a counselor's approval again)
    Enable(UserEnableArgs),
}

/// `xinyu user enable`.
#[derive(Debug, Args)]
pub struct UserEnableArgs {
    /// 账户的姓名 (the account's name)
    #[arg(long, value_name = "NAME")]
    pub name: String,
}

/// `xinyu user approve`.
#[derive(Debug, Args)]
pub struct UserApproveArgs {
    /// 账户的姓名 (the account's name)
    #[arg(long, value_name = "NAME")]
    pub name: String,

    /// 本人屏幕上显示的密钥指纹；给出时必须一致 (the fingerprint shown on the user's own screen; must match when given)
    #[arg(long, value_name = "FINGERPRINT")]
    pub fingerprint: Option<String>,
}

/// `xinyu user disable|remove`.
#[derive(Debug, Args)]
pub struct UserNameArgs {
    /// 账户的姓名 (the account's name)
    #[arg(long, value_name = "NAME")]
    pub name: String,

    /// 不立即更换密钥（不建议）(do not rotate the keys now; not recommended)
    #[arg(long)]
    pub no_rekey: bool,
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

mod casework;
mod mailbox;
mod notes;
mod screening;

pub use casework::*;
pub use mailbox::*;
pub use notes::*;
pub use screening::*;

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, ValueEnum};

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
