//! Why a file handed over could not be read, or an instrument definition could not be used.
//!
//! Each error names the field of the form it concerns ([`ImportError::field`]) and says what is
//! wrong in plain Chinese, then English ([`ImportError::reason`]); it shows as `field：reason`,
//! which is how the core's `Invalid` error shows the same problem. Never a cell's content.

use crate::RosterError;

/// A file or definition that cannot be used; nothing was read from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{}：{}", self.field(), self.reason())]
pub enum ImportError {
    /// The file itself cannot be read as a table (empty, not a spreadsheet, damaged, unknown
    /// encoding, password-protected…).
    File(RosterError),
    /// A screening file without a header the instrument can be read from: no 学号 column (or
    /// 姓名 and 班级), or neither every item nor a total.
    NoScreeningHeader {
        /// The instrument's short name, e.g. `PHQ-9`.
        instrument: String,
        /// How many items the instrument has.
        items: usize,
    },
    /// An instrument definition (TOML) that is malformed or inconsistent.
    Instrument {
        /// Every problem, in Chinese (then English), joined by `；`.
        reason: String,
    },
}

impl ImportError {
    /// A stable machine-readable code; a file that cannot be read keeps its roster code.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::File(e) => e.code(),
            ImportError::NoScreeningHeader { .. } => "screening_no_header",
            ImportError::Instrument { .. } => "instrument_invalid",
        }
    }

    /// The form field concerned, in Chinese, as the UI labels it.
    pub fn field(&self) -> &'static str {
        match self {
            ImportError::File(_) => "花名册文件",
            ImportError::NoScreeningHeader { .. } => "测评文件",
            ImportError::Instrument { .. } => "量表定义",
        }
    }

    /// What is wrong and how to fix it, in Chinese (then English).
    pub fn reason(&self) -> String {
        match self {
            ImportError::File(e) => e.to_string(),
            ImportError::NoScreeningHeader { instrument, items } => format!(
                "没有找到表头：需要“学号”（或“姓名”和“班级”）列，以及 {instrument} 的各题（如“第1题”…“第{items}题”、Q1…）或“总分”列 \
                 (no header: need a 学号 column, or 姓名 and 班级, and the item columns or a total)"
            ),
            ImportError::Instrument { reason } => reason.clone(),
        }
    }
}

impl From<RosterError> for ImportError {
    fn from(e: RosterError) -> Self {
        ImportError::File(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instrument_problem_shows_as_its_field_and_reason() {
        let e = ImportError::Instrument {
            reason: "没有题目 (no items)".into(),
        };
        assert_eq!(e.code(), "instrument_invalid");
        assert_eq!(e.to_string(), "量表定义：没有题目 (no items)");
    }
}
