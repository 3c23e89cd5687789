//! `xinyu user …`: staff accounts. Listing needs no passphrase (the lock screen shows the same
//! names); adding needs an unlocked counselor or admin; approving, a counselor who compares the
//! account's key fingerprint with the one on its user's own screen. Disabling or removing an
//! account rotates the keys afterwards, so a copy of the file it kept opens nothing new;
//! enabling it again gives it the current keys, or leaves it waiting for a counselor's approval.

use anyhow::{Result, anyhow};
use xinyu_core::vault::{AccountInfo, AccountStatus};
use xinyu_core::{Role, Vault};

use crate::cli::{GlobalOpts, UserAddArgs, UserApproveArgs, UserEnableArgs, UserNameArgs};
use crate::secrets;
use crate::unlock;
use crate::{output, table};

pub fn add(global: &GlobalOpts, args: &UserAddArgs) -> Result<()> {
    let role = Role::from(args.role);
    unlock::unlocked(global, |vault, _| {
        let passphrase = secrets::new_passphrase(
            args.new_passphrase.new_passphrase_file.as_deref(),
            &args.name,
        )?;
        let user = vault.accounts()?.add_user(&args.name, role, &passphrase)?;
        output::line(format_args!(
            "已添加用户：{}（{}），待批准 (user added, pending approval)",
            output::clean(&user.name),
            role.label()
        ))?;
        output::notice(
            "下一步：请本人用这个初始口令解锁并运行 xinyu passwd 设置自己的口令；之后由专职心理教师\
             核对本人屏幕上的密钥指纹，运行 xinyu user approve 批准。批准前该账户没有任何数据密钥。\
             (Next: the user sets their own passphrase with xinyu passwd; then a counselor compares \
             the key fingerprint and runs xinyu user approve. Until then it holds no key.)",
        );
        Ok(())
    })
}

fn status_label(status: AccountStatus) -> &'static str {
    match status {
        AccountStatus::Pending => "待批准",
        AccountStatus::Active => "已启用",
        AccountStatus::Disabled => "已停用",
    }
}

pub fn list(global: &GlobalOpts, json: bool) -> Result<()> {
    let accounts = unlock::open(global)?.account_list()?;
    if json {
        return output::json(&accounts);
    }
    let rows: Vec<Vec<String>> = accounts
        .iter()
        .map(|a| {
            let mut status = status_label(a.status).to_owned();
            if a.status == AccountStatus::Pending && !a.own_passphrase {
                status.push_str("（未设置本人口令）");
            }
            vec![
                a.name.clone(),
                a.role.map_or("（无效）", Role::label).to_owned(),
                status,
                a.created_by.clone().unwrap_or_else(|| "—".to_owned()),
                a.fingerprint.clone(),
            ]
        })
        .collect();
    output::line(table::render(
        &["姓名", "角色", "状态", "创建者", "密钥指纹"],
        &rows,
    ))
}

fn account(vault: &Vault, name: &str) -> Result<AccountInfo> {
    vault
        .account_list()?
        .into_iter()
        .find(|a| a.name == name.trim())
        .ok_or_else(|| anyhow!(xinyu_core::Error::UnknownUser))
}

pub fn approve(global: &GlobalOpts, args: &UserApproveArgs) -> Result<()> {
    unlock::unlocked(global, |vault, _| {
        let target = account(vault, &args.name)?;
        let fingerprint = args.fingerprint.clone().unwrap_or(target.fingerprint);
        let approved = vault.accounts()?.approve(&target.id, &fingerprint)?;
        output::line(format_args!(
            "已批准 {}，密钥指纹 {} (approved, key fingerprint {})",
            output::clean(&approved.name),
            approved.fingerprint,
            approved.fingerprint
        ))
    })
}

/// `disable`, or `remove` when `remove`; then a rekey unless `--no-rekey`.
pub fn disable(global: &GlobalOpts, args: &UserNameArgs, remove: bool) -> Result<()> {
    unlock::unlocked(global, |vault, _| {
        let target = account(vault, &args.name)?;
        if remove {
            vault.accounts()?.remove(&target.id)?;
            output::line(format_args!(
                "已删除账户 {} (account removed)",
                output::clean(&target.name)
            ))?;
        } else {
            vault.accounts()?.disable(&target.id)?;
            output::line(format_args!(
                "已停用账户 {} (account disabled)",
                output::clean(&target.name)
            ))?;
        }
        let counselor = vault.accounts()?.user().role == Role::Counselor;
        if args.no_rekey || !counselor {
            output::notice(
                "请尽快由专职心理教师运行 xinyu rekey 更换密钥，使该账户可能留存的文件副本打不开新数据。\
                 (Have a counselor run xinyu rekey soon.)",
            );
            return Ok(());
        }
        let progress = vault.accounts()?.rekey()?;
        output::line(format_args!(
            "密钥已更换，重新加密 {} 条记录 (keys rotated: {} records re-sealed)",
            progress.resealed, progress.resealed
        ))
    })
}

/// Enable a disabled account: active with its role's keys again, or pending a counselor's
/// approval (when an admin enables it, or its entry no longer verifies).
pub fn enable(global: &GlobalOpts, args: &UserEnableArgs) -> Result<()> {
    unlock::unlocked(global, |vault, _| {
        let target = account(vault, &args.name)?;
        let enabled = vault.accounts()?.enable(&target.id)?;
        let name = output::clean(&enabled.name);
        if enabled.status == AccountStatus::Active {
            output::line(format_args!(
                "已启用账户 {name}，并已交给它角色所需的密钥 (account enabled with its keys)"
            ))
        } else {
            output::line(format_args!(
                "已启用账户 {name}，待批准：请专职心理教师核对密钥指纹 {} 后运行 xinyu user approve \
                 (account enabled, pending approval: a counselor compares the key fingerprint and \
                 runs xinyu user approve)",
                enabled.fingerprint
            ))
        }
    })
}
