//! `xinyu rekey`: rotate every class key and re-seal every record, one batch at a time with
//! progress on standard error; an interrupted rekey resumes where it stopped.

use anyhow::{Result, bail};

use crate::cli::GlobalOpts;
use crate::output;
use crate::unlock;

pub fn run(global: &GlobalOpts) -> Result<()> {
    let total = unlock::unlocked(global, |vault, _| {
        // No word before the first batch: a rekey refused (the vault in use elsewhere) is one
        // error line and nothing else.
        let mut total = 0;
        loop {
            let progress = vault.accounts()?.rekey_steps(1)?;
            total += progress.resealed;
            if progress.done {
                return Ok(total);
            }
            if progress.resealed == 0 {
                bail!(
                    "更换密钥未能继续：还有 {} 条记录无法重新加密，请运行 xinyu verify 查看 \
                     (rekey stalled: run xinyu verify)",
                    progress.remaining
                );
            }
            output::notice(format_args!(
                "已重新加密 {total} 条，还剩 {} 条 (re-sealed {total}, {} to go)",
                progress.remaining, progress.remaining
            ));
        }
    })?;
    output::line(format_args!(
        "密钥已更换，共重新加密 {total} 条记录。(Keys rotated: {total} records re-sealed.)"
    ))
}
