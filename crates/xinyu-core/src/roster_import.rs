//! The seam with `xinyu-import`, which reads the files a school hands over: its roster
//! import and instrument names are the core's public names, and its errors become the core's
//! [`Error::Invalid`] with the same field and text as before the split.
//!
//! One part is a bridge, for now: the student's own types ([`Gender`], [`Guardian`],
//! [`StudentStatus`]) are still defined in `student.rs`, so the core keeps a [`StudentRecord`]
//! over them, converted from `xinyu_import::StudentRecord` field by field. When `student.rs`
//! re-exports xinyu-import's three types instead, this record, [`apply_mapping`] and
//! [`find_duplicates`] here become plain re-exports.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use xinyu_import::ImportError;

pub use crate::student::{Gender, Guardian, StudentStatus};
pub use xinyu_import::{
    CellError, ColumnGuess, MAX_ROSTER_ROWS, RosterError, RosterField, RosterFormat, RosterPreview,
    RosterRow, check_mapping, parse_roster, parse_roster_sheet,
};

use crate::Error;

/// One roster row, validated and normalised, ready to be committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudentRecord {
    /// 1-based row in the file it came from.
    pub row: usize,
    /// 学号: text, leading zeros kept, full-width characters made half-width.
    pub student_no: String,
    /// Name: trimmed, rare characters kept, dots made `·` (U+00B7), no spaces inside a Chinese
    /// name.
    pub name: String,
    /// 性别, when given.
    pub gender: Option<Gender>,
    /// 出生日期, when given.
    #[ts(type = "string | null")]
    pub date_of_birth: Option<NaiveDate>,
    /// 年级 as written (`七年级`, `初一`); taken from the class value when there is no grade
    /// column.
    pub grade: String,
    /// 班级: `3班` for `3`, `03班`, `(3)班` or `七年级3班`; other values as written.
    pub class_name: String,
    /// 入学年份, when given.
    pub enrollment_year: Option<i32>,
    /// 班主任, when given.
    pub homeroom_teacher: Option<String>,
    /// Guardians with at least one part given, in column order.
    pub guardians: Vec<Guardian>,
    /// 学籍状态; 在读 when the file says nothing.
    pub status: StudentStatus,
}

impl From<xinyu_import::StudentRecord> for StudentRecord {
    fn from(r: xinyu_import::StudentRecord) -> Self {
        StudentRecord {
            row: r.row,
            student_no: r.student_no,
            name: r.name,
            gender: r.gender.map(|g| match g {
                xinyu_import::Gender::Male => Gender::Male,
                xinyu_import::Gender::Female => Gender::Female,
            }),
            date_of_birth: r.date_of_birth,
            grade: r.grade,
            class_name: r.class_name,
            enrollment_year: r.enrollment_year,
            homeroom_teacher: r.homeroom_teacher,
            guardians: r
                .guardians
                .into_iter()
                .map(|g| Guardian {
                    name: g.name,
                    relation: g.relation,
                    phone: g.phone,
                })
                .collect(),
            status: match r.status {
                xinyu_import::StudentStatus::Active => StudentStatus::Active,
                xinyu_import::StudentStatus::OnLeave => StudentStatus::OnLeave,
                xinyu_import::StudentStatus::TransferredOut => StudentStatus::TransferredOut,
                xinyu_import::StudentStatus::Graduated => StudentStatus::Graduated,
            },
        }
    }
}

/// Turn every non-blank row into a [`StudentRecord`], or into the [`CellError`]s that stop it:
/// [`xinyu_import::apply_mapping`], in the core's student types.
pub fn apply_mapping(
    preview: &RosterPreview,
    mapping: &[(usize, RosterField)],
) -> Vec<Result<StudentRecord, Vec<CellError>>> {
    xinyu_import::apply_mapping(preview, mapping)
        .into_iter()
        .map(|r| r.map(StudentRecord::from))
        .collect()
}

/// Pairs `(first row, later row)` of records that share a 学号, in file order:
/// [`xinyu_import::find_duplicates`] for the core's records.
pub fn find_duplicates<'a>(
    records: impl IntoIterator<Item = &'a StudentRecord>,
) -> Vec<(usize, usize)> {
    xinyu_import::duplicate_student_nos(records.into_iter().map(|r| (r.row, r.student_no.as_str())))
}

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

    #[test]
    fn records_keep_every_field_across_the_bridge() {
        let csv = "学号,姓名,性别,班级,出生日期,入学年份,班主任,父亲姓名,父亲电话,学籍状态\n\
                   0012024,阿卜杜拉·买买提,女,七年级3班,2011-03-05,2024,王老师,买买提,13800000000,休学\n";
        let preview = parse_roster(csv.as_bytes(), "a.csv").unwrap();
        let mapping = preview.suggested_mapping();
        let theirs = xinyu_import::apply_mapping(&preview, &mapping)
            .remove(0)
            .unwrap();
        let ours = apply_mapping(&preview, &mapping).remove(0).unwrap();
        assert_eq!(
            serde_json::to_value(&ours).unwrap(),
            serde_json::to_value(&theirs).unwrap()
        );
        assert_eq!(ours.status, StudentStatus::OnLeave);
        assert_eq!(ours.gender, Some(Gender::Female));
        assert_eq!(ours.guardians.len(), 1);
        assert_eq!(find_duplicates([&ours, &ours]), [(2, 2)]);
    }
}
