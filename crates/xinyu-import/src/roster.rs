//! Roster import (花名册导入): a school's xlsx/xls/csv file → a preview of its columns and rows,
//! then → validated student records with per-row errors. Pure: no vault, no database, no I/O.
//!
//! The flow the UI follows:
//! 1. [`parse_roster`] finds the header row under any title rows, guesses which field each
//!    column holds ([`ColumnGuess`]) and returns every data row as text ([`RosterPreview`]).
//! 2. The counselor confirms or corrects the guesses; [`RosterPreview::suggested_mapping`] is
//!    the starting point and [`check_mapping`] says what is still missing.
//! 3. [`apply_mapping`] turns each row into a [`StudentRecord`] or the row's [`CellError`]s;
//!    [`find_duplicates`] lists rows that share a 学号. Nothing is saved until every row is clean.
//!
//! ```
//! use xinyu_import::{apply_mapping, find_duplicates, parse_roster, RosterField};
//!
//! let csv = "七年级学生花名册\n学号,姓名,性别,班级\n0012024,阿卜杜拉·买买提,男,七年级3班\n";
//! let preview = parse_roster(csv.as_bytes(), "花名册.csv")?;
//! assert_eq!(preview.header_row, 2);
//! assert_eq!(preview.columns[0].field, Some(RosterField::StudentNo));
//!
//! let records = apply_mapping(&preview, &preview.suggested_mapping());
//! let Some(Ok(student)) = records.first() else {
//!     panic!("the row is clean: {records:?}");
//! };
//! assert_eq!(student.student_no, "0012024");
//! assert_eq!((student.grade.as_str(), student.class_name.as_str()), ("七年级", "3班"));
//! assert!(find_duplicates(records.iter().flatten()).is_empty());
//! # Ok::<(), xinyu_import::RosterError>(())
//! ```

mod decode;
mod error;
mod header;
mod mapping;
mod values;
mod workbook;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CellProblem;

pub use error::{RosterError, RosterErrorCode};
pub use mapping::{apply_mapping, check_mapping, duplicate_student_nos, find_duplicates};

/// 性别.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// 男.
    Male,
    /// 女.
    Female,
}

/// 学籍状态.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StudentStatus {
    /// 在读 (the default when the file says nothing).
    #[default]
    Active,
    /// 休学.
    OnLeave,
    /// 转出.
    TransferredOut,
    /// 毕业.
    Graduated,
}

impl StudentStatus {
    /// The status in Chinese, as the UI shows it.
    pub fn label(self) -> &'static str {
        match self {
            StudentStatus::Active => "在读",
            StudentStatus::OnLeave => "休学",
            StudentStatus::TransferredOut => "转出",
            StudentStatus::Graduated => "毕业",
        }
    }
}

/// A guardian as the roster gives them; any part may be missing (many rosters have only a
/// 家长电话 column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Guardian {
    /// Name, normalised like a student's name.
    pub name: Option<String>,
    /// Relation to the student (父亲, 母亲…), from its column or from a header such as `父亲姓名`.
    pub relation: Option<String>,
    /// Phone number(s) as written, full-width digits made half-width.
    pub phone: Option<String>,
}

/// The most data rows one file may have (a large school has a few thousand students).
pub const MAX_ROSTER_ROWS: usize = 50_000;

/// The largest file accepted, in MiB: a school's roster or screening export is a few MiB.
pub const MAX_FILE_MB: usize = 32;

/// The kind of a roster file, told from its bytes first and its extension second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RosterFormat {
    /// An Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// A legacy Excel workbook (`.xls`).
    Xls,
    /// Comma- or tab-separated text in UTF-8, UTF-16 or GBK/GB18030.
    Csv,
}

impl RosterFormat {
    /// Tell the format from the file's first bytes and its name.
    ///
    /// A ZIP container is a workbook whatever its extension says; a Word document or a PDF is
    /// refused with [`RosterError::Unsupported`].
    pub fn detect(bytes: &[u8], file_name: &str) -> Result<Self, RosterError> {
        decode::detect_format(bytes, file_name)
    }
}

/// A field of a student that a roster column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RosterField {
    /// 学号: text, leading zeros kept.
    StudentNo,
    /// 姓名.
    Name,
    /// 性别.
    Gender,
    /// 出生日期.
    DateOfBirth,
    /// 年级, e.g. `七年级`.
    Grade,
    /// 班级, e.g. `3班`; a value such as `七年级3班` also gives the grade.
    ClassName,
    /// 入学年份, e.g. `2024`.
    EnrollmentYear,
    /// 班主任.
    HomeroomTeacher,
    /// 监护人姓名; several columns may hold guardians (父亲姓名, 母亲姓名).
    GuardianName,
    /// 监护人与学生的关系.
    GuardianRelation,
    /// 监护人联系电话.
    GuardianPhone,
    /// 学籍状态: 在读, 休学, 转出, 毕业.
    Status,
}

impl RosterField {
    /// Every field, in the order the UI lists them.
    pub const ALL: [RosterField; 12] = [
        RosterField::StudentNo,
        RosterField::Name,
        RosterField::Gender,
        RosterField::DateOfBirth,
        RosterField::Grade,
        RosterField::ClassName,
        RosterField::EnrollmentYear,
        RosterField::HomeroomTeacher,
        RosterField::GuardianName,
        RosterField::GuardianRelation,
        RosterField::GuardianPhone,
        RosterField::Status,
    ];

    /// The field's name in the UI, in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            RosterField::StudentNo => "学号",
            RosterField::Name => "姓名",
            RosterField::Gender => "性别",
            RosterField::DateOfBirth => "出生日期",
            RosterField::Grade => "年级",
            RosterField::ClassName => "班级",
            RosterField::EnrollmentYear => "入学年份",
            RosterField::HomeroomTeacher => "班主任",
            RosterField::GuardianName => "监护人姓名",
            RosterField::GuardianRelation => "与学生关系",
            RosterField::GuardianPhone => "监护人电话",
            RosterField::Status => "学籍状态",
        }
    }

    /// The field's name in English, for the CLI's English echo.
    pub fn label_en(self) -> &'static str {
        match self {
            RosterField::StudentNo => "student number",
            RosterField::Name => "name",
            RosterField::Gender => "gender",
            RosterField::DateOfBirth => "date of birth",
            RosterField::Grade => "grade",
            RosterField::ClassName => "class",
            RosterField::EnrollmentYear => "enrolment year",
            RosterField::HomeroomTeacher => "homeroom teacher",
            RosterField::GuardianName => "guardian's name",
            RosterField::GuardianRelation => "relationship",
            RosterField::GuardianPhone => "guardian's phone",
            RosterField::Status => "enrolment status",
        }
    }

    /// Whether several columns may hold this field (one per guardian).
    pub fn repeatable(self) -> bool {
        matches!(
            self,
            RosterField::GuardianName | RosterField::GuardianRelation | RosterField::GuardianPhone
        )
    }
}

/// One source column: its header as written in the file and the field it seems to hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnGuess {
    /// 0-based position in [`RosterRow::values`].
    pub index: usize,
    /// The header text as in the file, trimmed (`监护人信息/电话` for a two-row header).
    pub header: String,
    /// The field guessed from the header, or `None` for a column not imported (序号, 备注…).
    pub field: Option<RosterField>,
}

/// One data row of the file, as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterRow {
    /// 1-based row number as Excel or WPS shows it when the file is opened.
    pub row: usize,
    /// One trimmed value per column of [`RosterPreview::columns`]; `""` for an empty cell.
    pub values: Vec<String>,
}

/// What the UI shows before anything is imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterPreview {
    /// The file's format.
    pub format: RosterFormat,
    /// The sheet read, for a workbook.
    pub sheet: Option<String>,
    /// Other sheets of the workbook that also have a roster header (one sheet per class is
    /// common): the UI should say they were not read and offer [`parse_roster_sheet`].
    pub other_roster_sheets: Vec<String>,
    /// 1-based row number of the header (the upper row of a two-row header).
    pub header_row: usize,
    /// Every source column that has a header or any value.
    pub columns: Vec<ColumnGuess>,
    /// Every non-blank data row below the header, in file order (a note such as `制表人：…`
    /// under the last student is left out).
    pub rows: Vec<RosterRow>,
    /// The text encoding for CSV (`UTF-8`, `GBK`, `GB18030`, `UTF-16LE`, `UTF-16BE`);
    /// `xlsx` or `xls` for workbooks.
    pub encoding: String,
}

impl RosterPreview {
    /// The guessed mapping, `(column index, field)` for every column with a guess.
    pub fn suggested_mapping(&self) -> Vec<(usize, RosterField)> {
        self.columns
            .iter()
            .filter_map(|c| c.field.map(|f| (c.index, f)))
            .collect()
    }
}

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

/// A problem with one cell (or a required cell left empty), for the preview's error list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellError {
    /// 1-based row in the file.
    pub row: usize,
    /// The column's header as in the file (or the field's Chinese name when it has no column).
    pub column: String,
    /// What is wrong, as a code with parameters: the UI words it in its own language.
    pub problem: CellProblem,
}

impl CellError {
    /// A problem with the cell at `row` in `column`.
    pub fn new(row: usize, column: impl Into<String>, problem: CellProblem) -> Self {
        CellError {
            row,
            column: column.into(),
            problem,
        }
    }
}

impl std::fmt::Display for CellError {
    /// `第 3 行「性别」：… (row 3, 性别: …)`, as the CLI prints it; never the cell's content.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (r, column) = (self.row, &self.column);
        write!(
            f,
            "第 {r} 行「{column}」：{} (row {r}, {column}: {})",
            self.problem.zh(),
            self.problem.en()
        )
    }
}

/// Read a roster file (xlsx, xls or csv) into a preview: header row found, columns guessed,
/// data rows as text.
///
/// For a workbook, the first visible sheet with a header is read; the others that have one are
/// named in [`RosterPreview::other_roster_sheets`].
pub fn parse_roster(bytes: &[u8], file_name: &str) -> Result<RosterPreview, RosterError> {
    guarded(|| read(bytes, file_name, None))
}

/// Run a reader on a file someone handed over, turning a panic inside a spreadsheet library
/// (a malformed file it did not expect) into an unreadable-file error instead of taking the
/// caller down with it.
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, RosterError>) -> Result<T, RosterError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|_| {
        Err(RosterError::Unreadable {
            detail: "the spreadsheet reader stopped on this file".to_owned(),
        })
    })
}

/// Read one named sheet of a workbook (for a file with one sheet per class). For a CSV file the
/// name is ignored.
pub fn parse_roster_sheet(
    bytes: &[u8],
    file_name: &str,
    sheet: &str,
) -> Result<RosterPreview, RosterError> {
    guarded(|| read(bytes, file_name, Some(sheet)))
}

/// The file's format, after refusing a file too large to be a roster or an export.
fn checked_format(bytes: &[u8], file_name: &str) -> Result<RosterFormat, RosterError> {
    if bytes.len() > MAX_FILE_MB * 1024 * 1024 {
        return Err(RosterError::TooLarge {
            max_mb: MAX_FILE_MB,
        });
    }
    RosterFormat::detect(bytes, file_name)
}

/// A sheet or a text file as rows of cells, before the header is known.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    /// `(1-based row number, cells)`; rows may be of any length.
    pub(crate) rows: Vec<(usize, Vec<String>)>,
}

/// Every sheet of a spreadsheet file (a CSV file is one sheet) as rows of text, with the
/// encoding or workbook kind: the table reader other imports (screening results) share.
pub(crate) fn read_grids(
    bytes: &[u8],
    file_name: &str,
) -> Result<(Vec<Grid>, &'static str), RosterError> {
    let format = checked_format(bytes, file_name)?;
    match format {
        RosterFormat::Csv => {
            let (grid, encoding) = decode::read_csv(bytes)?;
            Ok((vec![grid], encoding))
        }
        RosterFormat::Xlsx | RosterFormat::Xls => {
            let sheets = workbook::read_sheets(bytes, format, None)?;
            let kind = if format == RosterFormat::Xls {
                "xls"
            } else {
                "xlsx"
            };
            Ok((sheets.into_iter().map(|(_, grid)| grid).collect(), kind))
        }
    }
}

fn read(bytes: &[u8], file_name: &str, sheet: Option<&str>) -> Result<RosterPreview, RosterError> {
    let format = checked_format(bytes, file_name)?;
    match format {
        RosterFormat::Csv => {
            let (grid, encoding) = decode::read_csv(bytes)?;
            let table = header::locate(&grid).ok_or(RosterError::NoHeader)?;
            build_preview(format, None, Vec::new(), encoding.to_owned(), grid, table)
        }
        RosterFormat::Xlsx | RosterFormat::Xls => {
            let mut sheets = workbook::read_sheets(bytes, format, sheet)?;
            let mut found = None;
            let mut others = Vec::new();
            for (name, grid) in sheets.drain(..) {
                match header::locate(&grid) {
                    Some(table) if found.is_none() => found = Some((name, grid, table)),
                    Some(_) => others.push(name),
                    None => {}
                }
            }
            let (name, grid, table) = found.ok_or(RosterError::NoHeader)?;
            let encoding = match format {
                RosterFormat::Xls => "xls",
                _ => "xlsx",
            };
            build_preview(format, Some(name), others, encoding.to_owned(), grid, table)
        }
    }
}

fn build_preview(
    format: RosterFormat,
    sheet: Option<String>,
    other_roster_sheets: Vec<String>,
    encoding: String,
    grid: Grid,
    table: header::Table,
) -> Result<RosterPreview, RosterError> {
    let header_row = grid.rows.get(table.header_index).map_or(1, |(row, _)| *row);
    let mut rows: Vec<RosterRow> = grid
        .rows
        .into_iter()
        .skip(table.first_data_index)
        .map(|(row, cells)| RosterRow {
            row,
            values: cells.iter().map(|c| values::clean_cell(c)).collect(),
        })
        .filter(|r| r.values.iter().any(|v| !v.is_empty()))
        .collect();
    trim_footer(&mut rows);
    if rows.len() > MAX_ROSTER_ROWS {
        return Err(RosterError::TooManyRows {
            max: MAX_ROSTER_ROWS,
        });
    }

    // Keep the columns that have a header or a value; renumber them densely.
    let width = rows
        .iter()
        .map(|r| r.values.len())
        .chain([table.headers.len()])
        .max()
        .unwrap_or(0);
    let kept: Vec<usize> = (0..width)
        .filter(|&c| {
            table.headers.get(c).is_some_and(|h| !h.is_empty())
                || rows
                    .iter()
                    .any(|r| r.values.get(c).is_some_and(|v| !v.is_empty()))
        })
        .collect();
    let columns = kept
        .iter()
        .enumerate()
        .map(|(index, &c)| ColumnGuess {
            index,
            header: table.headers.get(c).cloned().unwrap_or_default(),
            field: table.fields.get(c).copied().flatten(),
        })
        .collect();
    for r in &mut rows {
        r.values = kept
            .iter()
            .map(|&c| r.values.get(c).cloned().unwrap_or_default())
            .collect();
    }
    Ok(RosterPreview {
        format,
        sheet,
        other_roster_sheets,
        header_row,
        columns,
        rows,
        encoding,
    })
}

/// Drop notes under the last student: trailing rows with a single cell such as `制表人：王老师`
/// or `注：…`.
fn trim_footer(rows: &mut Vec<RosterRow>) {
    while let Some(last) = rows.last() {
        let filled: Vec<&String> = last.values.iter().filter(|v| !v.is_empty()).collect();
        let is_note = match filled.as_slice() {
            [only] => {
                only.contains('：')
                    || only.contains(':')
                    || [
                        "注", "备注", "说明", "合计", "总计", "共计", "制表", "填表", "审核",
                    ]
                    .iter()
                    .any(|p| only.starts_with(p))
            }
            _ => false,
        };
        if !is_note {
            break;
        }
        rows.pop();
    }
}
