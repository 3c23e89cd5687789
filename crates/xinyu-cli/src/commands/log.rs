//! `xinyu log`: the newest access-log entries (roles that hold the audit key), as a table in
//! local time with Chinese action names, or as JSON exactly as the core returns them.

use anyhow::Result;
use chrono::{DateTime, Local};
use xinyu_core::vault::LogEntry;

use crate::cli::{GlobalOpts, LogArgs};
use crate::unlock;
use crate::{output, table};

pub fn run(global: &GlobalOpts, args: &LogArgs) -> Result<()> {
    let entries = unlock::unlocked(global, |vault, _| {
        Ok(vault.audit()?.access_log(args.limit)?)
    })?;
    if args.json.json {
        return output::json(&entries);
    }
    let rows: Vec<Vec<String>> = entries.iter().map(row).collect();
    output::line(table::render(
        &["序号", "时间", "用户", "操作", "记录"],
        &rows,
    ))
}

fn row(e: &LogEntry) -> Vec<String> {
    let at = DateTime::parse_from_rfc3339(&e.at)
        .map(|t| {
            t.with_timezone(&Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| e.at.clone());
    let who = e
        .actor_name
        .clone()
        .or_else(|| e.actor.clone())
        .unwrap_or_else(|| "—".to_owned());
    let record = match (e.record_kind.as_deref(), e.record_id.as_deref()) {
        (Some(kind), Some(id)) if !id.is_empty() => format!("{} {id}", kind_label(kind)),
        (Some(kind), _) => kind_label(kind).to_owned(),
        _ => String::new(),
    };
    vec![
        e.seq.to_string(),
        at,
        who,
        action_label(&e.action).to_owned(),
        record,
    ]
}

fn action_label(code: &str) -> &str {
    match code {
        "vault_created" => "建立保险箱",
        "unlock" => "解锁",
        "unlock_failed" => "口令错误",
        "lock" => "锁定",
        "view" => "查看",
        "create" => "新建",
        "update" => "修改",
        "export" => "导出",
        "print" => "打印",
        "user_added" => "添加用户",
        "passphrase_changed" => "修改口令",
        "recovered" => "用恢复码重设口令",
        "rekey" => "更换密钥",
        "verify" => "完整性检查",
        "user_approved" => "批准账户",
        "key_granted" => "授予密钥",
        "user_disabled" => "停用账户",
        "user_removed" => "删除账户",
        "log_tampered" => "发现访问日志被截断或改写",
        other => other,
    }
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "student" => "学生",
        "student_list" => "学生名单",
        "user" => "用户",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_in_chinese_with_its_record_id() {
        let e = LogEntry {
            seq: 4,
            at: "2026-03-01T08:00:00Z".into(),
            actor: Some("u1".into()),
            actor_name: Some("李老师".into()),
            action: "view".into(),
            record_kind: Some("student".into()),
            record_id: Some("abc".into()),
        };
        let r = row(&e);
        assert_eq!(r[0], "4");
        assert_eq!(r[2], "李老师");
        assert_eq!(r[3], "查看");
        assert_eq!(r[4], "学生 abc");
    }
}
