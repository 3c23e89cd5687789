//! The core's typed errors and the `{code, message}` shape in which they reach the UI.
//! Messages say in plain Chinese (then English) what happened and what to do; never a name or a note.

use serde::Serialize;
use ts_rs::TS;

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything the core can refuse or fail at.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An unexpected internal failure; the detail is for the log, not the screen.
    #[error("程序内部出错，请重试；若仍出错请联系信息管理员 (internal error: {detail})")]
    Internal {
        /// What failed, without any record content.
        detail: String,
    },
}

impl Error {
    /// A stable machine-readable code; the UI maps it to its own text and never parses messages.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Internal { .. } => "internal",
        }
    }
}

/// An error as it crosses to the UI: a stable code and a readable message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    /// Stable code such as `wrong_passphrase`; the UI maps it to localized text.
    pub code: String,
    /// Chinese (then English) text that says what happened and what to do.
    pub message: String,
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        CommandError {
            code: e.code().to_owned(),
            message: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_error_reaches_the_ui_with_a_stable_code_and_chinese_text() {
        let e: CommandError = Error::Internal {
            detail: "disk full".into(),
        }
        .into();
        assert_eq!(e.code, "internal");
        assert!(e.message.starts_with("程序内部出错"));
    }
}
