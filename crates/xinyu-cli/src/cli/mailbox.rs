//! `xinyu mailbox …`: the whisper mailbox.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::*;

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
