//! Why a roster file could not be read at all, in plain Chinese (then English).
//! Problems with single cells are not errors here: they are `CellError`s in the preview's rows.

use std::fmt;

use serde::Serialize;
use ts_rs::TS;

use crate::RosterField;

/// A roster file that cannot be previewed, or a column mapping that cannot be applied.
///
/// Messages never contain cell contents: they may be logged. The UI words it from its code and
/// parameters (`{"code": "no_such_sheet", "params": {"name": …}}`); the text here is the CLI's.
#[derive(
    Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, TS, strum::EnumDiscriminants,
)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
#[strum_discriminants(
    name(RosterErrorCode),
    doc = "The code of a [`RosterError`], to list every one.",
    derive(strum::EnumIter, strum::IntoStaticStr),
    strum(serialize_all = "snake_case")
)]
#[non_exhaustive]
pub enum RosterError {
    /// The file has no bytes, or nothing but blank lines.
    #[error("文件是空的，请选择学校导出的花名册文件 (the file is empty)")]
    Empty,
    /// The file is of a kind that is not a spreadsheet, e.g. a Word document or a PDF.
    #[error(
        "不支持这种文件（{extension}），请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入 \
         (unsupported file type {extension}: save it as .xlsx or .csv)"
    )]
    Unsupported {
        /// The file's extension with its dot (`.doc`), or `未知格式` when it has none.
        extension: String,
    },
    /// The workbook is damaged or not really a workbook.
    #[error(
        "无法读取这个表格文件，可能已损坏；请用 Excel 或 WPS 打开后另存为 .xlsx 再试 \
         (cannot read the workbook: {detail})"
    )]
    Unreadable {
        /// The spreadsheet reader's own message (never cell contents).
        detail: String,
    },
    /// The text file is neither UTF-8 nor GBK/GB18030.
    #[error(
        "无法识别文件的文字编码，请在 Excel 或 WPS 中另存为「CSV UTF-8」或 .xlsx 后再导入 \
         (unrecognised text encoding: save as UTF-8 CSV or .xlsx)"
    )]
    UnknownEncoding,
    /// The workbook is protected by an opening password.
    #[error(
        "这个表格设置了打开密码，请在 Excel 或 WPS 中取消密码并保存后再导入 \
         (the workbook is password-protected: remove the password and save it again)"
    )]
    Encrypted,
    /// The workbook has no worksheet.
    #[error("这个表格里没有工作表 (the workbook has no sheets)")]
    NoSheets,
    /// No row among the first rows of any sheet looks like a header.
    #[error(
        "找不到表头：请确认表格有「学号」「姓名」等列名 \
         (no header row found: the table needs column names such as 学号 and 姓名)"
    )]
    NoHeader,
    /// A sheet asked for by name does not exist.
    #[error("找不到名为「{name}」的工作表 (no sheet named {name})")]
    NoSuchSheet {
        /// The requested sheet name.
        name: String,
    },
    /// More rows than any school roster has; probably not a roster.
    #[error(
        "表格超过 {max} 行，不像是学生花名册，请分批导入 \
         (more than {max} rows: split the file)"
    )]
    TooManyRows {
        /// The largest number of data rows accepted.
        max: usize,
    },
    /// The file (or the workbook unpacked) is larger than any roster or export.
    #[error(
        "文件太大（超过 {max_mb} MB），不像是学生花名册或测评导出；请只保留需要的工作表和列后再导入 \
         (the file is too large, over {max_mb} MB: keep only the sheets and columns needed)"
    )]
    TooLarge {
        /// The limit, in MiB.
        max_mb: usize,
    },
    /// The mapping leaves out a column every student needs.
    #[error("请指定哪一列是「{}」 (choose the column for the {})", field.label(), field.label_en())]
    MissingColumn {
        /// The field, e.g. 学号.
        field: RosterField,
    },
    /// The mapping gives the same one-per-student field to two columns.
    #[error(
        "「{}」只能对应一列，现在对应了两列 (the {} is mapped to two columns)",
        field.label(),
        field.label_en()
    )]
    DuplicateColumn {
        /// The field.
        field: RosterField,
    },
    /// The mapping names a column that the file does not have.
    #[error("列对应关系里有不存在的第 {index} 列 (column {index} does not exist)")]
    NoSuchColumn {
        /// The 0-based column index that was given.
        index: usize,
    },
}

impl RosterError {
    /// A stable machine-readable code (`no_header`…); the UI maps it to its own text.
    pub fn code(&self) -> &'static str {
        RosterErrorCode::from(self).into()
    }

    /// An unreadable workbook, keeping only the reader's message.
    pub(crate) fn unreadable(e: impl fmt::Display) -> Self {
        RosterError::Unreadable {
            detail: e.to_string(),
        }
    }
}
