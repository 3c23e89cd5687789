//! Opening the vault and acting as one user: choose the account, unlock with its passphrase,
//! run one use case, and lock again (the lock is logged) whatever the use case did.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use xinyu_core::Vault;

use crate::cli::GlobalOpts;
use crate::secrets::{self, Confirm, Secret};

/// The vault folder from `--vault` or `XINYU_VAULT`.
pub fn vault_dir(global: &GlobalOpts) -> Result<&Path> {
    global.vault.as_deref().ok_or_else(|| {
        anyhow!(
            "请用 --vault 或环境变量 XINYU_VAULT 指定数据保险箱所在的文件夹 \
             (which vault? use --vault DIR or XINYU_VAULT)"
        )
    })
}

/// The vault, open and locked.
pub fn open(global: &GlobalOpts) -> Result<Vault> {
    Ok(Vault::open(vault_dir(global)?)?)
}

/// The acting user's name: `--user` / `XINYU_USER`, or the vault's only account.
pub fn acting_user(vault: &Vault, global: &GlobalOpts) -> Result<String> {
    if let Some(user) = &global.user {
        return Ok(user.clone());
    }
    let users = vault.users()?;
    match users.as_slice() {
        [only] => Ok(only.name.clone()),
        _ => bail!(
            "本保险箱有 {} 个账户，请用 --user 或 XINYU_USER 指定以谁的身份操作 \
             (the vault has {} accounts: say which with --user or XINYU_USER)",
            users.len(),
            users.len()
        ),
    }
}

/// Unlock as the acting user, run `use_case` with the vault and the passphrase that unlocked
/// it, then lock. The use case's error wins over a failure to lock.
pub fn unlocked<T>(
    global: &GlobalOpts,
    use_case: impl FnOnce(&mut Vault, &Secret) -> Result<T>,
) -> Result<T> {
    let mut vault = open(global)?;
    let user = acting_user(&vault, global)?;
    let passphrase = secrets::passphrase(
        global.passphrase_file.as_deref(),
        &format!("请输入 {user} 的口令 (passphrase): "),
        Confirm::Once,
    )?;
    let who = vault.unlock(&user, &passphrase)?;
    tracing::debug!(user = %who.id, "unlocked for one command");
    let result = use_case(&mut vault, &passphrase);
    let locked = vault.lock();
    let value = result?;
    locked?;
    Ok(value)
}
