//! `xinyu passwd` and `xinyu recover`: a new passphrase for yourself (re-wraps your keys, no
//! data is rewritten), or for someone who forgot theirs, with the recovery code.

use anyhow::Result;

use crate::cli::{GlobalOpts, NewPassphraseArgs, RecoverArgs};
use crate::output;
use crate::secrets;
use crate::unlock;

pub fn passwd(global: &GlobalOpts, args: &NewPassphraseArgs) -> Result<()> {
    unlock::unlocked(global, |vault, old| {
        let new = secrets::new_passphrase(args.new_passphrase_file.as_deref(), "您")?;
        vault.accounts()?.change_passphrase(old, &new)?;
        output::line(
            "口令已修改，下次解锁请用新口令。(Passphrase changed: use the new one from now on.)",
        )?;
        let me = vault.accounts()?.user().id.clone();
        if let Some(mine) = vault.account_list()?.into_iter().find(|a| a.id == me) {
            output::line(format_args!(
                "您的新密钥指纹：{} —— 专职心理教师批准或确认时会与您核对 \
                 (your new key fingerprint: a counselor compares it when approving)",
                mine.fingerprint
            ))?;
        }
        Ok(())
    })
}

pub fn recover(global: &GlobalOpts, args: &RecoverArgs) -> Result<()> {
    let mut vault = unlock::open(global)?;
    let user = unlock::acting_user(&vault, global)?;
    let code = secrets::recovery_code(args.recovery_file.as_deref())?;
    let new = secrets::new_passphrase(args.new_passphrase.new_passphrase_file.as_deref(), &user)?;
    vault.recover(&user, &code, &new)?;
    output::line(format_args!(
        "已为 {} 重设口令，请用新口令解锁。(Passphrase reset: unlock with the new one.)",
        output::clean(&user)
    ))
}
