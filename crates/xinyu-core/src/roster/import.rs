//! The seam with `xinyu-import`, which reads the files a school hands over without a vault:
//! its errors become the core's [`Error::Invalid`] with the field and text a counselor sees.

use xinyu_import::{ImportError, RosterError};

use crate::Error;
use crate::error::{Field, Problem};

impl From<RosterError> for Error {
    /// The core's `Invalid` error, so that the shells can use `?`.
    fn from(e: RosterError) -> Self {
        Error::invalid(Field::RosterFile, Problem::File(e))
    }
}

impl From<ImportError> for Error {
    /// The core's `Invalid` error with the import's field and reason: a file that cannot be
    /// read as a table says so as a roster file does, a screening file without a usable header
    /// is `测评文件`, a bad instrument definition is `量表定义`.
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::File(e) => e.into(),
            ImportError::NoScreeningHeader { instrument, items } => Error::invalid(
                Field::ScreeningFile,
                Problem::NoScreeningHeader { instrument, items },
            ),
            ImportError::Instrument { problems } => Error::invalid(
                Field::InstrumentDefinition,
                Problem::Definition { problems },
            ),
            // `ImportError` is non-exhaustive: a new kind is still a file that cannot be read.
            other => Error::Internal {
                detail: format!("import: {other}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::CommandError;

    #[test]
    fn roster_errors_reach_the_ui_as_invalid_with_the_file_error_as_a_code() {
        let e: CommandError = Error::from(RosterError::Encrypted).into();
        assert_eq!(e.code, "invalid");
        let details = serde_json::to_value(&e.details).unwrap();
        assert_eq!(
            details,
            serde_json::json!({
                "field": "roster_file",
                "problem": {"code": "file", "params": {"code": "encrypted"}},
            })
        );
        // The CLI still reads it in Chinese, then English.
        assert!(
            e.message.contains("这个表格设置了打开密码"),
            "{}",
            e.message
        );
        assert!(e.message.contains("password-protected"), "{}", e.message);
    }

    #[test]
    fn each_import_error_becomes_invalid_with_its_own_field_and_problem() {
        let cases = [
            (ImportError::File(RosterError::Empty), "roster_file", "file"),
            (
                ImportError::NoScreeningHeader {
                    instrument: "GAD-7".into(),
                    items: 7,
                },
                "screening_file",
                "no_screening_header",
            ),
            (
                ImportError::Instrument {
                    problems: vec![xinyu_import::InstrumentProblem::NoItems],
                },
                "instrument_definition",
                "definition",
            ),
        ];
        for (e, field, problem) in cases {
            let e: CommandError = Error::from(e).into();
            assert_eq!(e.code, "invalid");
            let details = serde_json::to_value(&e.details).unwrap();
            assert_eq!(details["field"], field);
            assert_eq!(details["problem"]["code"], problem);
        }
        let header: CommandError = Error::from(ImportError::NoScreeningHeader {
            instrument: "GAD-7".into(),
            items: 7,
        })
        .into();
        let params = &serde_json::to_value(&header.details).unwrap()["problem"]["params"];
        assert_eq!(params["instrument"], "GAD-7");
        assert_eq!(params["items"], 7);
    }
}
