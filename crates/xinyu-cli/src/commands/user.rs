//! `xinyu user add` and `xinyu user list`: staff accounts. Listing needs no passphrase (the
//! lock screen shows the same names); adding needs an unlocked counselor or admin.

use anyhow::Result;
use xinyu_core::Role;

use crate::cli::{GlobalOpts, UserAddArgs};
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
        let mine = vault.accounts()?.unlocked_classes()?;
        output::line(format_args!(
            "已添加用户：{}（{}）(user added)",
            output::clean(&user.name),
            role.label()
        ))?;
        if !role.classes().iter().all(|class| mine.contains(class)) {
            output::notice(
                "提示：您的角色不持有该账户所需的全部数据密钥，其余密钥将在专职心理教师下次解锁时自动交给它。\
                 (Note: some of its keys reach the new account at a counselor's next unlock.)",
            );
        }
        Ok(())
    })
}

pub fn list(global: &GlobalOpts, json: bool) -> Result<()> {
    let users = unlock::open(global)?.users()?;
    if json {
        return output::json(&users);
    }
    let rows: Vec<Vec<String>> = users
        .iter()
        .map(|u| {
            vec![
                u.name.clone(),
                u.role.label().to_owned(),
                u.role.as_str().to_owned(),
            ]
        })
        .collect();
    output::line(table::render(&["姓名", "角色", "代码"], &rows))
}
