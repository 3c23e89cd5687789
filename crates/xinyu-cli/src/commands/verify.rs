//! `xinyu verify`: the integrity check as a short Chinese report on standard output; exit 0
//! only when everything holds, else one summary line on standard error.

use anyhow::{Result, bail};
use xinyu_core::vault::VerifyReport;

use crate::cli::GlobalOpts;
use crate::output;
use crate::unlock;

/// Broken records named in the one-line summary before it says "…等".
const NAMED_IN_SUMMARY: usize = 3;

pub fn run(global: &GlobalOpts) -> Result<()> {
    let report = unlock::unlocked(global, |vault, _| Ok(vault.audit()?.verify()?))?;
    output::line(render(&report))?;
    if report.all_ok() {
        return Ok(());
    }
    bail!("{}", summary(&report));
}

fn render(r: &VerifyReport) -> String {
    let mut lines = vec![
        format!(
            "数据库完整性：{}",
            if r.database_ok {
                "正常 (ok)"
            } else {
                "异常 (failed)"
            }
        ),
        format!("记录：{} 条可解密 (records that open)", r.records_ok),
    ];
    if r.records_broken.is_empty() {
        lines.push("损坏的记录：无 (broken records: none)".to_owned());
    } else {
        lines.push(format!(
            "损坏的记录：{} 条 (broken records)",
            r.records_broken.len()
        ));
        lines.extend(
            r.records_broken
                .iter()
                .map(|b| format!("  {} {}", b.table, b.id)),
        );
    }
    if r.records_not_checked > 0 {
        lines.push(format!(
            "未检查：{} 条（您的角色没有它们的密钥）(not checked: no key for your role)",
            r.records_not_checked
        ));
    }
    if r.directory_checked {
        lines.push(if r.accounts_not_vouched.is_empty() {
            "账户目录：每个账户的角色和密钥都经专职心理教师确认 (key directory vouched for)".to_owned()
        } else {
            format!(
                "账户目录：{} 未经确认（角色、状态或密钥被改动，或新密钥待批准）(accounts not vouched for)",
                r.accounts_not_vouched.join("、")
            )
        });
        if r.recovery_key_altered {
            lines
                .push("恢复码的公钥被替换 (the recovery code's public key was swapped)".to_owned());
        }
    }
    if r.log_anchor_lost {
        lines.push(
            "访问日志：专职心理教师上次确认的最后一条已不在日志中（日志被截断或改写）(the access log was cut or rewritten)"
                .to_owned(),
        );
    }
    for k in &r.keys_untrusted {
        lines.push(format!(
            "未启用的密钥：{} 的 {} 密钥第 {} 版没有来自可信版本的链接（可能是被植入的），不会用来加密 (key version not linked from a trusted one: not used)",
            k.account.as_deref().unwrap_or("恢复码"),
            k.class,
            k.version
        ));
    }
    if r.key_record_altered {
        lines.push(
            "您的可信密钥记录在程序外被改动 (your record of trusted key versions was altered)"
                .to_owned(),
        );
    }
    if !r.tables_altered.is_empty() {
        lines.push(format!(
            "数据表 {} 的记录与访问日志中的摘要不符：有记录被回退、删除或在程序外添加 (tables no longer match their logged digest)",
            r.tables_altered.join("、")
        ));
    }
    lines.extend(
        r.rows_rolled_back
            .iter()
            .map(|b| format!("  被回退到旧版本 (rolled back)：{} {}", b.table, b.id)),
    );
    lines.extend(
        r.rows_deleted
            .iter()
            .map(|b| format!("  被删除 (deleted)：{} {}", b.table, b.id)),
    );
    if !r.settings_altered.is_empty() {
        lines.push(format!(
            "安全设置在程序外被改动：{}（危机关键词和关注等级在专职心理教师下次解锁时恢复为默认值；量表请核对定义）(safety settings altered outside the app)",
            r.settings_altered.join("、")
        ));
    }
    if r.mailbox_key_altered {
        lines.push(
            "悄悄话信箱的公钥被替换：信箱电脑会把来信加密给别人 (the mailbox's public key was swapped)"
                .to_owned(),
        );
    }
    lines.push(match r.log_first_broken {
        None => format!(
            "访问日志：{} 条，链条完整 (access log intact)",
            r.log_entries
        ),
        Some(k) => format!(
            "访问日志：{} 条，第 {k} 条起被改动 (access log altered from entry {k})",
            r.log_entries
        ),
    });
    lines.join("\n")
}

fn summary(r: &VerifyReport) -> String {
    let mut problems = Vec::new();
    if !r.database_ok {
        problems.push("数据库完整性检查失败".to_owned());
    }
    if !r.records_broken.is_empty() {
        let named: Vec<String> = r
            .records_broken
            .iter()
            .take(NAMED_IN_SUMMARY)
            .map(|b| format!("{}/{}", b.table, b.id))
            .collect();
        let more = if r.records_broken.len() > NAMED_IN_SUMMARY {
            " 等"
        } else {
            ""
        };
        problems.push(format!(
            "{} 条记录损坏（{}{more}）",
            r.records_broken.len(),
            named.join("，")
        ));
    }
    if let Some(k) = r.log_first_broken {
        problems.push(format!("访问日志第 {k} 条起被改动"));
    }
    if !r.accounts_not_vouched.is_empty() {
        problems.push(format!(
            "账户 {} 未经确认",
            r.accounts_not_vouched.join("、")
        ));
    }
    if r.recovery_key_altered {
        problems.push("恢复码的公钥被替换".to_owned());
    }
    if r.mailbox_key_altered {
        problems.push("悄悄话信箱的公钥被替换".to_owned());
    }
    if r.log_anchor_lost {
        problems.push("访问日志被截断或改写".to_owned());
    }
    if !r.keys_untrusted.is_empty() || r.key_record_altered {
        problems.push(format!("{} 个密钥版本未经链接确认", r.keys_untrusted.len()));
    }
    if !r.tables_altered.is_empty() {
        problems.push(format!(
            "数据表 {} 有记录被回退或删除",
            r.tables_altered.join("、")
        ));
    }
    if !r.settings_altered.is_empty() {
        problems.push(format!(
            "安全设置 {} 在程序外被改动",
            r.settings_altered.join("、")
        ));
    }
    format!(
        "完整性检查未通过：{}，请联系信息管理员并从备份恢复 (integrity check failed)",
        problems.join("；")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinyu_core::vault::BrokenRecord;

    fn report() -> VerifyReport {
        VerifyReport {
            database_ok: true,
            records_ok: 3,
            records_broken: Vec::new(),
            records_not_checked: 0,
            log_entries: 12,
            log_first_broken: None,
            accounts_not_vouched: Vec::new(),
            recovery_key_altered: false,
            directory_checked: true,
            mailbox_key_altered: false,
            settings_altered: Vec::new(),
            log_anchor_lost: false,
            keys_untrusted: Vec::new(),
            key_record_altered: false,
            tables_altered: Vec::new(),
            rows_rolled_back: Vec::new(),
            rows_deleted: Vec::new(),
        }
    }

    #[test]
    fn a_sound_vault_reads_as_intact() {
        let text = render(&report());
        assert!(text.contains("数据库完整性：正常"), "{text}");
        assert!(text.contains("记录：3 条可解密"), "{text}");
        assert!(text.contains("访问日志：12 条，链条完整"), "{text}");
    }

    #[test]
    fn the_summary_names_broken_records_and_where_the_log_was_altered() {
        let mut r = report();
        r.records_broken = (0..5)
            .map(|i| BrokenRecord {
                table: "students".into(),
                id: format!("id{i}"),
            })
            .collect();
        r.log_first_broken = Some(7);
        let line = summary(&r);
        assert!(
            line.contains("5 条记录损坏（students/id0，students/id1，students/id2 等）"),
            "{line}"
        );
        assert!(line.contains("第 7 条起被改动"), "{line}");
        assert!(render(&r).contains("第 7 条起被改动"));
    }

    #[test]
    fn untrusted_keys_and_rolled_back_rows_are_named() {
        let mut r = report();
        r.keys_untrusted = vec![xinyu_core::vault::UntrustedKey {
            account: Some("周老师".into()),
            class: "notes".into(),
            version: 2,
        }];
        r.tables_altered = vec!["case_summaries".into()];
        r.rows_rolled_back = vec![BrokenRecord {
            table: "case_summaries".into(),
            id: "f1".into(),
        }];
        let text = render(&r);
        assert!(text.contains("周老师 的 notes 密钥第 2 版"), "{text}");
        assert!(text.contains("case_summaries f1"), "{text}");
        let line = summary(&r);
        assert!(line.contains("1 个密钥版本未经链接确认"), "{line}");
        assert!(
            line.contains("数据表 case_summaries 有记录被回退或删除"),
            "{line}"
        );
    }
}
