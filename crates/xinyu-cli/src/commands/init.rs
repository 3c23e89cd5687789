//! `xinyu init`: create the vault and its first counselor, and hand over the recovery code,
//! either as the only line on standard output or in a new file readable by its owner alone.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use xinyu_core::vault::MIN_PASSPHRASE_CHARS;
use xinyu_core::{Error, KdfParams, NewVault, RecoveryCode, Vault};

use crate::cli::{GlobalOpts, InitArgs};
use crate::output;
use crate::secrets::{self, Confirm};
use crate::unlock;

/// How long one key derivation should take on this PC.
const KDF_TARGET: Duration = Duration::from_millis(750);

pub fn run(global: &GlobalOpts, args: &InitArgs) -> Result<()> {
    let dir = unlock::vault_dir(global)?;
    let Some(user) = global.user.as_deref() else {
        bail!("请用 --user 指定第一位专职心理教师的姓名 (name the first counselor with --user)");
    };
    // Fail before the slow calibration where the core would fail after it.
    if Vault::exists(dir) {
        return Err(Error::AlreadyInitialized.into());
    }
    let passphrase = secrets::passphrase(
        global.passphrase_file.as_deref(),
        &format!(
            "请为 {user} 设定口令，至少 {MIN_PASSPHRASE_CHARS} 个字符 (choose a passphrase): "
        ),
        Confirm::Twice,
    )?;
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::WeakPassphrase {
            min: MIN_PASSPHRASE_CHARS,
        }
        .into());
    }
    let kdf = kdf_params()?;
    // Claim the recovery file before the vault exists, so the code always has somewhere to go.
    let recovery_file = match &args.recovery_out {
        Some(path) => Some((path.as_path(), create_private(path)?)),
        None => None,
    };
    let created = Vault::create(
        dir,
        NewVault {
            school_name: &args.school,
            user_name: user,
            passphrase: &passphrase,
            kdf,
        },
    );
    let (mut vault, code) = match created {
        Ok(created) => created,
        Err(e) => {
            if let Some((path, file)) = recovery_file {
                drop(file);
                let _ = std::fs::remove_file(path);
            }
            return Err(e.into());
        }
    };
    let handed_over = hand_over(&code, recovery_file);
    let locked = vault.lock();
    handed_over?;
    locked?;
    Ok(())
}

/// Argon2id parameters: calibrated on this PC, or the minimum when `XINYU_KDF=minimum`.
fn kdf_params() -> Result<KdfParams> {
    match std::env::var("XINYU_KDF") {
        Ok(v) if v == "minimum" => Ok(KdfParams::for_tests()),
        Ok(v) if !v.is_empty() => {
            bail!("环境变量 XINYU_KDF 只接受 minimum (XINYU_KDF accepts only 'minimum')")
        }
        _ => {
            output::notice(
                "正在根据本机性能校准口令强度… (calibrating the key derivation on this PC…)",
            );
            Ok(KdfParams::calibrate(KDF_TARGET))
        }
    }
}

/// A new file only its owner can read (0600 on unix); an existing file is never overwritten.
fn create_private(path: &Path) -> Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => anyhow!(
            "文件 {} 已存在，不会覆盖；请换一个文件名 (the file exists and is not overwritten)",
            path.display()
        ),
        _ => anyhow!(
            "无法新建恢复码文件 {} (cannot create the recovery code file: {e})",
            path.display()
        ),
    })
}

/// Write the code to its file, or to standard output; if the file fails, fall back to stdout
/// so the code, shown only now, is not lost.
fn hand_over(code: &RecoveryCode, file: Option<(&Path, File)>) -> Result<()> {
    if let Some((path, mut file)) = file {
        match writeln!(file, "{code}").and_then(|()| file.sync_all()) {
            Ok(()) => {
                output::notice(format_args!(
                    "恢复码已写入 {}。请立即打印出来，放进校长办公室的保险柜，然后删除这个文件。\
                     (The recovery code is in that file: print it now, keep it in the \
                     principal's safe, then delete the file.)",
                    path.display()
                ));
                return Ok(());
            }
            Err(e) => output::notice(format_args!(
                "无法写入 {} ({e})，恢复码改为显示在下面 (could not write the file: the code follows)",
                path.display()
            )),
        }
    }
    output::notice(
        "保险箱已建立。下面是恢复码，只显示这一次：请打印出来，放进校长办公室的保险柜。\
         (Vault created. The recovery code below is shown once: print it and keep it in the \
         principal's safe.)",
    );
    writeln!(std::io::stdout().lock(), "{code}").map_err(|e| {
        anyhow!(
            "保险箱已建立，但恢复码未能输出 (the vault exists but the recovery code could not be \
             written: {e})"
        )
    })
}
