//! Where passphrases and the recovery code come from: a file, `XINYU_PASSPHRASE`, or a prompt
//! on the terminal. Secrets live in zeroizing strings and never reach output, logs or errors.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Result, anyhow, bail};
use zeroize::Zeroizing;

/// A passphrase or recovery code, zeroed when dropped.
pub type Secret = Zeroizing<String>;

/// The environment variable that may hold the acting user's passphrase itself.
pub const PASSPHRASE_ENV: &str = "XINYU_PASSPHRASE";

/// Whether to ask twice when the passphrase is typed at a prompt (a new passphrase).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Ask once: the passphrase is checked against the vault.
    Once,
    /// Ask twice and compare: nothing checks a new passphrase against a typo.
    Twice,
}

/// The passphrase given through the global options: `--passphrase-file`, then
/// `XINYU_PASSPHRASE`, then a prompt if standard input is a terminal.
pub fn passphrase(file: Option<&Path>, prompt: &str, confirm: Confirm) -> Result<Secret> {
    if let Some(file) = file {
        return first_line(file, "口令文件", "passphrase file");
    }
    if let Some(value) = std::env::var_os(PASSPHRASE_ENV) {
        let Ok(value) = value.into_string() else {
            bail!("{PASSPHRASE_ENV} 不是有效的文本 ({PASSPHRASE_ENV} is not valid UTF-8)");
        };
        return Ok(Zeroizing::new(value));
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            "需要口令：请用 --passphrase-file 或 {PASSPHRASE_ENV} 提供 \
             (passphrase required: use --passphrase-file or {PASSPHRASE_ENV})"
        );
    }
    prompt_secret(prompt, confirm)
}

/// A new passphrase: the first line of `file`, else typed twice at a prompt.
pub fn new_passphrase(file: Option<&Path>, whose: &str) -> Result<Secret> {
    if let Some(file) = file {
        return first_line(file, "新口令文件", "new passphrase file");
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            "需要新口令：请用 --new-passphrase-file 提供 \
             (new passphrase required: use --new-passphrase-file)"
        );
    }
    prompt_secret(
        &format!("请输入{whose}的新口令，至少 10 个字符 (new passphrase): "),
        Confirm::Twice,
    )
}

/// The recovery code: the whole of `file`, whitespace-trimmed, else typed at a prompt.
pub fn recovery_code(file: Option<&Path>) -> Result<Secret> {
    let code = match file {
        Some(file) => read(file, "恢复码文件", "recovery code file")?,
        None if std::io::stdin().is_terminal() => {
            prompt_secret("请输入恢复码 (recovery code): ", Confirm::Once)?
        }
        None => bail!(
            "需要恢复码：请用 --recovery-file 提供 (recovery code required: use --recovery-file)"
        ),
    };
    let trimmed = Zeroizing::new(code.trim().to_owned());
    if trimmed.is_empty() {
        bail!("恢复码文件是空的 (the recovery code file is empty)");
    }
    Ok(trimmed)
}

fn prompt_secret(prompt: &str, confirm: Confirm) -> Result<Secret> {
    let read = |prompt: &str| -> Result<Secret> {
        rpassword::prompt_password(prompt)
            .map(Zeroizing::new)
            .map_err(|e| anyhow!("无法从终端读取输入 (cannot read from the terminal: {e})"))
    };
    let first = read(prompt)?;
    if confirm == Confirm::Twice {
        let again = read("请再输入一次 (once more): ")?;
        if *first != *again {
            bail!(
                "两次输入的口令不一致，什么都没有改变 (the two entries differ: nothing was changed)"
            );
        }
    }
    Ok(first)
}

/// The first line of `file`, without its line ending; an empty first line is an error.
fn first_line(file: &Path, what_zh: &str, what_en: &str) -> Result<Secret> {
    let text = read(file, what_zh, what_en)?;
    let line = text.split('\n').next().unwrap_or_default();
    let line = Zeroizing::new(line.strip_suffix('\r').unwrap_or(line).to_owned());
    if line.is_empty() {
        bail!(
            "{what_zh} {} 的第一行是空的 (the {what_en}'s first line is empty)",
            file.display()
        );
    }
    Ok(line)
}

fn read(file: &Path, what_zh: &str, what_en: &str) -> Result<Secret> {
    match std::fs::read_to_string(file) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(e) => bail!(
            "无法读取{what_zh} {} (cannot read the {what_en}: {e})",
            file.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(text: &str) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().expect("temp file");
        std::fs::write(f.path(), text).expect("write");
        f
    }

    #[test]
    fn a_passphrase_file_gives_its_first_line_without_the_line_ending() {
        let f = file_with("春风化雨润物无声2026\r\nsecond line\n");
        let got = first_line(f.path(), "口令文件", "passphrase file").expect("read");
        assert_eq!(got.as_str(), "春风化雨润物无声2026");
    }

    #[test]
    fn spaces_inside_and_around_a_passphrase_are_kept() {
        let f = file_with("  two words  \n");
        let got = first_line(f.path(), "口令文件", "passphrase file").expect("read");
        assert_eq!(got.as_str(), "  two words  ");
    }

    #[test]
    fn an_empty_passphrase_file_is_refused_without_echoing_anything() {
        let f = file_with("\nsecret on line two\n");
        let err = first_line(f.path(), "口令文件", "passphrase file").expect_err("empty");
        assert!(err.to_string().contains("空"), "{err}");
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[test]
    fn a_recovery_code_file_is_trimmed() {
        let f = file_with("\n  7K2QM-X9D4R-AAAAA-BBBBB-CCCCC \n\n");
        let got = recovery_code(Some(f.path())).expect("read");
        assert_eq!(got.as_str(), "7K2QM-X9D4R-AAAAA-BBBBB-CCCCC");
    }
}
