//! The seam with `xinyu-import`, which reads the files a school hands over without a vault:
//! its errors become the core's [`Error::Invalid`] with the field and text a counselor sees.

use xinyu_import::{ImportError, RosterError};

use crate::Error;

impl From<RosterError> for Error {
    /// The core's `Invalid` error, so that the shells can use `?`; the message is kept whole.
    fn from(e: RosterError) -> Self {
        Error::Invalid {
            field: "花名册文件",
            reason: e.to_string(),
        }
    }
}

impl From<ImportError> for Error {
    /// The core's `Invalid` error with the import's field and reason: a file that cannot be
    /// read as a table says so as a roster file does, a screening file without a usable header
    /// is `测评文件`, a bad instrument definition is `量表定义`.
    fn from(e: ImportError) -> Self {
        Error::Invalid {
            field: e.field(),
            reason: e.reason(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::CommandError;

    #[test]
    fn roster_errors_reach_the_ui_as_invalid_with_chinese_text() {
        let e: CommandError = Error::from(RosterError::Encrypted).into();
        assert_eq!(e.code, "invalid");
        assert!(
            e.message.contains("这个表格设置了打开密码"),
            "{}",
            e.message
        );
        assert_eq!(RosterError::Encrypted.code(), "roster_encrypted");
    }

    #[test]
    fn import_errors_become_the_same_invalid_error_with_the_same_text() {
        for e in [
            ImportError::File(RosterError::Empty),
            ImportError::NoScreeningHeader {
                instrument: "GAD-7".into(),
                items: 7,
            },
            ImportError::Instrument {
                reason: "没有题目 (no items)".into(),
            },
        ] {
            let shown = e.to_string();
            let core = Error::from(e);
            assert_eq!(core.code(), "invalid");
            assert_eq!(core.to_string(), shown);
        }
        let file: CommandError = Error::from(ImportError::File(RosterError::Empty)).into();
        assert_eq!(file.message, Error::from(RosterError::Empty).to_string());
    }
}
