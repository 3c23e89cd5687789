//! Screening files (测评结果文件): a platform's export for one instrument, read into rows. The
//! header is found under any title rows; the columns read as 学号, 姓名, 班级, each item (第1题,
//! Q1, PHQ9_1…), 总分 and 分数段 are named so the counselor can check them; each data row keeps
//! the cells the core needs to match a student and to score. Matching, scoring and storing are
//! the core's.

use std::fmt;

use crate::roster::{Grid, read_grids};
use crate::{ImportError, Instrument};

/// Header rows are looked for among the first rows of each sheet only.
const HEADER_SEARCH_ROWS: usize = 15;

/// A screening file as read for one instrument: where its header is, which column holds what,
/// and its data rows. `Debug` shows no name or 学号.
#[derive(Clone, PartialEq, Eq)]
pub struct ScreeningFile {
    /// 1-based row number of the header, as Excel or WPS shows it.
    pub header_row: usize,
    /// The text encoding for CSV (`UTF-8`, `GBK`, `GB18030`, `UTF-16LE`, `UTF-16BE`); `xlsx` or
    /// `xls` for workbooks.
    pub encoding: String,
    /// The header row's cells as written in the file, by 0-based column.
    pub header: Vec<String>,
    /// The column read as 学号.
    pub student_no: Option<usize>,
    /// The column read as 姓名.
    pub name: Option<usize>,
    /// The column read as 班级.
    pub class_name: Option<usize>,
    /// The column of each item, in item order; empty when the file gives totals only.
    pub items: Vec<usize>,
    /// The column read as 总分, when the file gives totals (not items).
    pub total: Option<usize>,
    /// The column read as 分数段 (a band or level), when the file gives totals (not items).
    pub band: Option<usize>,
    /// Every non-blank row below the header, in file order.
    pub rows: Vec<ScreeningRow>,
}

/// One data row of a screening file: who it is about and the cells to score. Every value is
/// trimmed; `""` for an empty cell or a column the file does not have. `Debug` shows the row
/// number only.
#[derive(Clone, PartialEq, Eq)]
pub struct ScreeningRow {
    /// 1-based row number as Excel or WPS shows it.
    pub row: usize,
    /// 学号 as written.
    pub student_no: String,
    /// Name as written.
    pub name: String,
    /// Class as written (`3班`, `七年级3班`…).
    pub class_name: String,
    /// One cell per item, in item order; empty when the file gives totals only.
    pub items: Vec<String>,
    /// The 总分 cell; `""` when the file gives items.
    pub total: String,
    /// The 分数段 cell; `""` when the file gives items.
    pub band: String,
}

impl ScreeningFile {
    /// Whether the file gives item responses (scored by the instrument) rather than totals.
    pub fn has_items(&self) -> bool {
        !self.items.is_empty()
    }

    /// The header of a column as written in the file; `""` past the header's end.
    pub fn column_header(&self, index: usize) -> String {
        self.header.get(index).cloned().unwrap_or_default()
    }

    /// What the counselor checks before committing: `(what it was read as, the file's header)`
    /// for 学号, 姓名, 班级, each item (`第1题`…), then 总分 and 分数段, those found only.
    pub fn detected_columns(&self) -> Vec<(String, String)> {
        let mut columns = Vec::new();
        for (what, col) in [
            ("学号", self.student_no),
            ("姓名", self.name),
            ("班级", self.class_name),
        ] {
            if let Some(c) = col {
                columns.push((what.to_owned(), self.column_header(c)));
            }
        }
        for (k, c) in self.items.iter().enumerate() {
            columns.push((format!("第{}题", k + 1), self.column_header(*c)));
        }
        for (what, col) in [("总分", self.total), ("分数段", self.band)] {
            if let Some(c) = col {
                columns.push((what.to_owned(), self.column_header(c)));
            }
        }
        columns
    }
}

impl fmt::Debug for ScreeningFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScreeningFile")
            .field("header_row", &self.header_row)
            .field("encoding", &self.encoding)
            .field("columns", &self.detected_columns())
            .field("rows", &self.rows.len())
            .finish()
    }
}

impl fmt::Debug for ScreeningRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScreeningRow")
            .field("row", &self.row)
            .finish_non_exhaustive()
    }
}

/// Read a platform's export (xlsx, xls or csv in UTF-8, UTF-16 or GBK/GB18030) for `instrument`.
///
/// The first sheet with a header is read: a row among the first 15 that identifies students (a
/// 学号 column, or 姓名 and 班级) and has either a column for every item or a 总分 column. With
/// every item, the items are read and totals and bands in the file are ignored (the instrument
/// scores); otherwise the 总分 and any 分数段 are read as given.
///
/// ```
/// use xinyu_import::{builtin_instruments, read_screening_file};
///
/// let Some(gad7) = builtin_instruments().into_iter().find(|i| i.id == "gad7") else {
///     panic!("GAD-7 ships with Xinyu");
/// };
/// let csv = "学号,姓名,总分,等级\n2024001,张三,12,中度\n";
/// let file = read_screening_file(csv.as_bytes(), "gad7.csv", &gad7)?;
/// assert!(!file.has_items());
/// assert_eq!(file.rows[0].total, "12");
/// # Ok::<(), xinyu_import::ImportError>(())
/// ```
pub fn read_screening_file(
    bytes: &[u8],
    file_name: &str,
    instrument: &Instrument,
) -> Result<ScreeningFile, ImportError> {
    let (grids, encoding) = crate::roster::guarded(|| read_grids(bytes, file_name))?;
    let (grid, layout) = grids
        .iter()
        .find_map(|g| layout(g, instrument).map(|l| (g, l)))
        .ok_or_else(|| ImportError::NoScreeningHeader {
            instrument: instrument.short_name.clone(),
            items: instrument.items.len(),
        })?;
    let (header_row, header) = grid.rows[layout.header_index].clone();
    let by_items = !layout.items.is_empty();
    let (total, band) = if by_items {
        (None, None)
    } else {
        (layout.total, layout.band)
    };
    let rows = grid
        .rows
        .iter()
        .skip(layout.header_index + 1)
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(row, cells)| ScreeningRow {
            row: *row,
            student_no: cell(cells, layout.student_no),
            name: cell(cells, layout.name),
            class_name: cell(cells, layout.class_name),
            items: layout.items.iter().map(|c| cell(cells, Some(*c))).collect(),
            total: cell(cells, total),
            band: cell(cells, band),
        })
        .collect();
    Ok(ScreeningFile {
        header_row,
        encoding: encoding.to_owned(),
        header,
        student_no: layout.student_no,
        name: layout.name,
        class_name: layout.class_name,
        items: layout.items,
        total,
        band,
        rows,
    })
}

/// Which column holds what.
struct Layout {
    header_index: usize,
    student_no: Option<usize>,
    name: Option<usize>,
    class_name: Option<usize>,
    items: Vec<usize>,
    total: Option<usize>,
    band: Option<usize>,
}

fn norm(cell: &str) -> String {
    crate::normalize_for_matching(cell)
}

/// Column headers platforms use for the n-th item: 第1题, 1, Q1, T1, 题目1, item1, PHQ9_1,
/// PHQ-9第1题, GAD7-1, … (the instrument's name is dropped first).
fn item_number(header: &str, instrument: &Instrument) -> Option<usize> {
    let mut h = norm(header);
    for name in [&instrument.id, &instrument.short_name] {
        let n = norm(name);
        if !n.is_empty() {
            h = h.replace(&n, "");
        }
    }
    for prefix in ["第", "题目", "题", "item", "q", "t"] {
        if let Some(rest) = h.strip_prefix(prefix) {
            h = rest.to_owned();
            break;
        }
    }
    let h = h.strip_suffix("题").unwrap_or(&h);
    let n: usize = h.parse().ok()?;
    (1..=instrument.items.len()).contains(&n).then_some(n)
}

fn layout(grid: &Grid, instrument: &Instrument) -> Option<Layout> {
    for (index, (_, cells)) in grid.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let mut l = Layout {
            header_index: index,
            student_no: None,
            name: None,
            class_name: None,
            items: vec![usize::MAX; instrument.items.len()],
            total: None,
            band: None,
        };
        for (col, cell) in cells.iter().enumerate() {
            let n = norm(cell);
            match n.as_str() {
                "学号" | "学籍号" | "考号" | "studentno" | "studentid" | "学生编号" => {
                    l.student_no.get_or_insert(col);
                }
                "姓名" | "学生姓名" | "name" => {
                    l.name.get_or_insert(col);
                }
                "班级" | "班别" | "class" => {
                    l.class_name.get_or_insert(col);
                }
                _ if n.ends_with("总分") || n == "total" || n == "得分" || n == "score" => {
                    l.total.get_or_insert(col);
                }
                _ if n.ends_with("等级")
                    || n.ends_with("结果")
                    || n == "band"
                    || n == "level"
                    || n.ends_with("程度") =>
                {
                    l.band.get_or_insert(col);
                }
                _ => {
                    if let Some(k) = item_number(cell, instrument)
                        && l.items[k - 1] == usize::MAX
                    {
                        l.items[k - 1] = col;
                    }
                }
            }
        }
        let has_items = l.items.iter().all(|c| *c != usize::MAX);
        let identifies = l.student_no.is_some() || (l.name.is_some() && l.class_name.is_some());
        if identifies && (has_items || l.total.is_some()) {
            if !has_items {
                l.items.clear();
            }
            return Some(l);
        }
    }
    None
}

fn cell(cells: &[String], col: Option<usize>) -> String {
    col.and_then(|c| cells.get(c))
        .map_or_else(String::new, |s| s.trim().to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use rust_xlsxwriter::Workbook;

    use super::*;
    use crate::builtin_instruments;

    fn instrument(id: &str) -> Instrument {
        builtin_instruments()
            .into_iter()
            .find(|i| i.id == id)
            .expect("shipped instrument")
    }

    /// A platform's xlsx export: a title row, then 学号, 学生姓名, 班级, Q1…Q7 and a 总分
    /// the instrument recomputes.
    fn gad7_workbook() -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write(0, 0, "2025年秋季心理测评 GAD-7 导出").unwrap();
        let header = [
            "学号",
            "学生姓名",
            "班级",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
            "Q5",
            "Q6",
            "Q7",
        ];
        for (c, h) in header.iter().enumerate() {
            sheet.write(2, c as u16, *h).unwrap();
        }
        sheet.write(2, 10, "GAD-7总分").unwrap();
        let rows: [(&str, &str, &str, [f64; 7]); 2] = [
            (
                "0012024",
                "阿卜杜拉·买买提",
                " 七年级3班 ",
                [1.0, 2.0, 0.0, 3.0, 1.0, 1.0, 0.0],
            ),
            ("2024002", "王𠈌", "七年级3班", [0.0; 7]),
        ];
        for (i, (no, name, class, items)) in rows.iter().enumerate() {
            let r = 3 + i as u32;
            sheet.write(r, 0, *no).unwrap();
            sheet.write(r, 1, *name).unwrap();
            sheet.write(r, 2, *class).unwrap();
            for (k, v) in items.iter().enumerate() {
                sheet.write(r, 3 + k as u16, *v).unwrap();
            }
            sheet.write(r, 10, 99.0).unwrap();
        }
        // A blank row, then a student whose fifth answer was left empty.
        sheet.write(6, 0, "2024003").unwrap();
        for k in [0u16, 1, 2, 3, 5, 6] {
            sheet.write(6, 3 + k, 2.0).unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn an_xlsx_export_is_read_by_items_under_its_title_rows() {
        let file = read_screening_file(&gad7_workbook(), "GAD-7 导出.xlsx", &instrument("gad7"))
            .expect("a readable export");
        assert_eq!(file.header_row, 3, "the header as Excel numbers it");
        assert_eq!(file.encoding, "xlsx");
        assert!(file.has_items());
        // What the counselor checks: the total is not read when every item is there.
        let columns: Vec<(String, String)> = file.detected_columns();
        let expected: Vec<(String, String)> = [
            ("学号", "学号"),
            ("姓名", "学生姓名"),
            ("班级", "班级"),
            ("第1题", "Q1"),
            ("第2题", "Q2"),
            ("第3题", "Q3"),
            ("第4题", "Q4"),
            ("第5题", "Q5"),
            ("第6题", "Q6"),
            ("第7题", "Q7"),
        ]
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
        assert_eq!(columns, expected);
        assert_eq!(file.total, None);

        let rows: Vec<usize> = file.rows.iter().map(|r| r.row).collect();
        assert_eq!(rows, [4, 5, 7], "the blank row 6 is skipped");
        let first = &file.rows[0];
        assert_eq!(first.student_no, "0012024", "leading zeros kept");
        assert_eq!(first.name, "阿卜杜拉·买买提");
        assert_eq!(first.class_name, "七年级3班", "trimmed");
        assert_eq!(first.items, ["1", "2", "0", "3", "1", "1", "0"]);
        assert_eq!(first.total, "", "the file's total is not read");
        assert_eq!(file.rows[1].name, "王𠈌", "a rare character survives");
        assert_eq!(file.rows[2].items[4], "", "an unanswered item");
        assert_eq!(file.rows[2].name, "");
        assert_eq!(file.column_header(3), "Q1");
        assert_eq!(file.column_header(99), "");
    }

    #[test]
    fn a_gbk_csv_with_totals_is_read_as_given() {
        let text = "学号,姓名,班级,PHQ-9总分,严重程度\r\n\
                    2024001,张三,3班,12,中度\r\n\
                    ,李四,七年级3班,7,轻度\r\n";
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        let file = read_screening_file(&bytes, "结果.csv", &instrument("phq9")).unwrap();
        assert_eq!(file.encoding, "GBK");
        assert_eq!(file.header_row, 1);
        assert!(!file.has_items());
        let columns = file.detected_columns();
        assert_eq!(
            columns[3..],
            [
                ("总分".to_owned(), "PHQ-9总分".to_owned()),
                ("分数段".to_owned(), "严重程度".to_owned()),
            ]
        );
        let li = &file.rows[1];
        assert_eq!(
            (li.row, li.student_no.as_str(), li.name.as_str()),
            (3, "", "李四")
        );
        assert_eq!((li.total.as_str(), li.band.as_str()), ("7", "轻度"));
        assert!(li.items.is_empty());
    }

    #[test]
    fn items_are_found_under_the_names_platforms_give_them() {
        let phq9 = instrument("phq9");
        for (header, n) in [
            ("第1题", Some(1)),
            ("Q9", Some(9)),
            ("t3", Some(3)),
            ("题目2", Some(2)),
            ("PHQ9_4", Some(4)),
            ("PHQ-9第5题", Some(5)),
            ("ＰＨＱ－９ 第６题", Some(6)),
            ("第10题", None),
            ("备注", None),
        ] {
            assert_eq!(item_number(header, &phq9), n, "{header}");
        }
    }

    #[test]
    fn a_file_without_a_usable_header_says_what_it_needs() {
        let csv = "序号,姓名,备注\n1,张三,无\n";
        let err = read_screening_file(csv.as_bytes(), "a.csv", &instrument("gad7")).unwrap_err();
        assert_eq!(
            err,
            ImportError::NoScreeningHeader {
                instrument: "GAD-7".into(),
                items: 7
            }
        );
        let shown = err.to_string();
        assert!(shown.starts_with("测评文件：没有找到表头"), "{shown}");
        assert!(shown.contains("GAD-7 的各题"), "{shown}");
        assert!(shown.contains("第7题"), "{shown}");
    }

    #[test]
    fn a_file_that_is_no_table_keeps_the_roster_reader_s_error() {
        let err = read_screening_file(b"", "a.csv", &instrument("gad7")).unwrap_err();
        assert_eq!(err, ImportError::File(crate::RosterError::Empty));
        assert!(
            err.to_string().starts_with("花名册文件：文件是空的"),
            "{err}"
        );
    }

    #[test]
    fn debug_output_shows_no_name_or_student_number() {
        let file = read_screening_file(&gad7_workbook(), "x.xlsx", &instrument("gad7")).unwrap();
        let shown = format!("{file:?} {:?}", file.rows[0]);
        assert!(!shown.contains("阿卜杜拉"), "{shown}");
        assert!(!shown.contains("0012024"), "{shown}");
        assert!(shown.contains("ScreeningRow { row: 4, .. }"), "{shown}");
    }
}
