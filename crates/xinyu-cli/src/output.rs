//! Writing results: data to standard output, notices and the one error line to standard error.
//! Text from the vault is cleaned of control characters so it cannot steer the terminal.

use std::fmt::Display;
use std::io::Write;

use anyhow::{Result, anyhow};
use serde::Serialize;

/// Write `text` and a newline to standard output.
pub fn line(text: impl Display) -> Result<()> {
    writeln!(std::io::stdout().lock(), "{text}").map_err(write_failed)
}

/// Write `value` as pretty JSON to standard output.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)
        .map_err(|e| anyhow!("无法输出结果 (cannot write to standard output: {e})"))?;
    writeln!(out).map_err(write_failed)
}

/// A notice for the person at the terminal (progress, confirmations around the data).
pub fn notice(text: impl Display) {
    // Nothing sensible is left to do if standard error itself is gone.
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// The one line an error leaves on standard error: `错误：…`, on a single line.
pub fn error_line(message: impl Display) {
    let message = message.to_string();
    let one_line: Vec<&str> = message.split_whitespace().collect();
    notice(format_args!("错误：{}", one_line.join(" ")));
}

/// Text from the vault made safe for a terminal: control characters become `�`.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

fn write_failed(e: std::io::Error) -> anyhow::Error {
    anyhow!("无法输出结果 (cannot write to standard output: {e})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_from_the_vault_cannot_reach_the_terminal() {
        assert_eq!(clean("李\u{1b}[2J明\n"), "李\u{FFFD}[2J明\u{FFFD}");
        assert_eq!(clean("阿卜杜拉·买买提 𠈌"), "阿卜杜拉·买买提 𠈌");
    }
}
