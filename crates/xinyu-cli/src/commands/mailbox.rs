//! `xinyu mailbox submit|read-reply` (the kiosk's path: no passphrase) and `list|show|reply`
//! (a counselor's). Letters and replies are read from files, never from arguments.

use anyhow::Result;

use super::file::read_text;
use crate::cli::{GlobalOpts, MailboxReplyArgs, MailboxSubmitArgs};
use crate::{output, table, unlock};

/// The hotlines shown after a letter that matched the crisis lexicon.
const HOTLINES: &str = "如果你现在很难受，请马上告诉身边的大人或心理老师；也可以拨打 \
                        12356（心理援助热线）、12355（青少年服务台）。\
                        (If you are struggling now, tell an adult or the counselor, or call 12356 / 12355.)";

pub fn submit(global: &GlobalOpts, args: &MailboxSubmitArgs) -> Result<()> {
    let text = read_text(&args.text_file)?;
    let mut vault = unlock::open(global)?;
    let receipt = vault.kiosk().submit(&text, args.code.as_deref())?;
    match &receipt.code {
        Some(code) => output::line(code)?,
        None => output::notice("已续写到原来的信里 (added to your earlier letter)"),
    }
    if receipt.urgent {
        output::notice(HOTLINES);
    }
    Ok(())
}

pub fn read_reply(global: &GlobalOpts, code: &str) -> Result<()> {
    let mut vault = unlock::open(global)?;
    let replies = vault.kiosk().replies(code)?;
    if replies.is_empty() {
        return output::line("还没有回信，过几天再来看看 (no reply yet: come back in a few days)");
    }
    for r in replies {
        output::line(format_args!("{}\n{}\n", r.date, output::clean(&r.text)))?;
    }
    Ok(())
}

pub fn list(global: &GlobalOpts, json: bool) -> Result<()> {
    let letters = unlock::unlocked(global, |vault, _| Ok(vault.mailbox()?.inbox()?))?;
    if json {
        return output::json(&letters);
    }
    if letters.is_empty() {
        return output::line("（信箱是空的）(the mailbox is empty)");
    }
    let cells: Vec<Vec<String>> = letters
        .iter()
        .map(|l| {
            vec![
                l.id.clone(),
                l.date.to_string(),
                if l.urgent { "紧急" } else { "" }.to_owned(),
                match l.status {
                    xinyu_core::mailbox::LetterStatus::Unread => "未读",
                    xinyu_core::mailbox::LetterStatus::Read => "已读",
                    xinyu_core::mailbox::LetterStatus::Replied => "已回复",
                    xinyu_core::mailbox::LetterStatus::Archived => "已归档",
                }
                .to_owned(),
                match l.source {
                    xinyu_core::mailbox::LetterSource::Kiosk => "信箱终端",
                    xinyu_core::mailbox::LetterSource::Paper => "纸质",
                }
                .to_owned(),
                output::clean(&l.category),
            ]
        })
        .collect();
    output::line(table::render(
        &["编号", "日期", "紧急", "状态", "来源", "类别"],
        &cells,
    ))
}

pub fn show(global: &GlobalOpts, id: &str, json: bool) -> Result<()> {
    let letter = unlock::unlocked(global, |vault, _| Ok(vault.mailbox()?.read_letter(id)?))?;
    if json {
        return output::json(&letter);
    }
    if letter.summary.urgent {
        output::line(
            "【紧急】请按危机干预流程处理：确保安全，当面通知班主任、家长和校长 \
             (urgent: follow the crisis protocol)",
        )?;
    }
    output::line(format_args!(
        "{}\n{}",
        letter.summary.date,
        output::clean(&letter.text)
    ))?;
    for m in letter.thread.iter().filter(|m| !m.from_student) {
        output::line(format_args!(
            "\n回信 {}：{}",
            m.date,
            output::clean(&m.text)
        ))?;
    }
    Ok(())
}

pub fn reply(global: &GlobalOpts, args: &MailboxReplyArgs) -> Result<()> {
    let text = read_text(&args.text_file)?;
    unlock::unlocked(global, |vault, _| {
        Ok(vault
            .mailbox()?
            .reply_letter(&args.id, &text, &args.posted_where)?)
    })?;
    output::line("已回信 (reply saved)")
}
