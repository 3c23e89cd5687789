//! Roster import as a counselor meets it: the school's file in, the header row found, the
//! columns guessed, the values read, per-row errors naming row and column, duplicates listed.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use xinyu_import::{
    CellError, CellProblem, Gender, Guardian, RosterError, RosterField, RosterFormat,
    RosterPreview, StudentRecord, StudentStatus, apply_mapping, check_mapping, find_duplicates,
    parse_roster, parse_roster_sheet,
};

use RosterField as F;

/// A roster fixture; they live with the core's tests, which the CLI and e2e tests share.
fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../xinyu-core/tests/fixtures/roster")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn preview(name: &str) -> RosterPreview {
    parse_roster(&fixture(name), name).unwrap()
}

fn fields(p: &RosterPreview) -> Vec<Option<RosterField>> {
    p.columns.iter().map(|c| c.field).collect()
}

fn headers(p: &RosterPreview) -> Vec<&str> {
    p.columns.iter().map(|c| c.header.as_str()).collect()
}

/// Every row imported with the guessed mapping; panics with the errors if a row fails.
fn records(p: &RosterPreview) -> Vec<StudentRecord> {
    apply_mapping(p, &p.suggested_mapping())
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("row failed: {e:#?}")))
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn guardian(name: Option<&str>, relation: Option<&str>, phone: Option<&str>) -> Guardian {
    Guardian {
        name: name.map(Into::into),
        relation: relation.map(Into::into),
        phone: phone.map(Into::into),
    }
}

#[test]
fn a_clean_utf8_csv_with_bom_maps_every_column_and_normalises_names() {
    let p = preview("clean_utf8_bom.csv");
    assert_eq!(
        (p.format, p.encoding.as_str(), p.header_row),
        (RosterFormat::Csv, "UTF-8", 1)
    );
    assert_eq!(
        headers(&p)[0],
        "学号",
        "the BOM is not part of the first header"
    );
    assert_eq!(
        fields(&p),
        [
            F::StudentNo,
            F::Name,
            F::Gender,
            F::DateOfBirth,
            F::Grade,
            F::ClassName,
            F::EnrollmentYear,
            F::HomeroomTeacher,
            F::GuardianName,
            F::GuardianRelation,
            F::GuardianPhone,
            F::Status
        ]
        .map(Some)
    );

    let students = records(&p);
    assert_eq!(students.len(), 3);
    let first = &students[0];
    assert_eq!(first.row, 2);
    assert_eq!(first.student_no, "0012024");
    assert_eq!(first.name, "阿卜杜拉·买买提");
    assert_eq!(first.gender, Some(Gender::Male));
    assert_eq!(first.date_of_birth, date(2011, 3, 5));
    assert_eq!(
        (first.grade.as_str(), first.class_name.as_str()),
        ("七年级", "3班")
    );
    assert_eq!(first.enrollment_year, Some(2024));
    assert_eq!(first.homeroom_teacher.as_deref(), Some("王老师"));
    assert_eq!(
        first.guardians,
        [guardian(
            Some("买买提·艾力"),
            Some("父亲"),
            Some("13800138000")
        )]
    );
    assert_eq!(first.status, StudentStatus::Active);

    assert_eq!(
        students[1].name, "张三",
        "spaces inside a Chinese name are removed"
    );
    assert_eq!(students[1].class_name, "3班");
    assert_eq!(students[1].date_of_birth, date(2011, 3, 5));
    assert_eq!(
        students[1].status,
        StudentStatus::Active,
        "blank status means 在读"
    );
    assert_eq!(students[2].name, "Li Ming");
    assert_eq!(students[2].class_name, "3班");
    assert_eq!(students[2].date_of_birth, date(2011, 3, 5));
    assert_eq!(students[2].status, StudentStatus::OnLeave);
    assert!(students[2].guardians.is_empty());
}

#[test]
fn a_gbk_csv_with_title_rows_finds_the_header_and_splits_grade_from_class() {
    let p = preview("gbk_title_rows.csv");
    assert_eq!(p.encoding, "GBK");
    assert_eq!(
        p.header_row, 4,
        "title, date line and blank line are skipped"
    );
    assert_eq!(
        headers(&p),
        [
            "序号",
            "学号",
            "姓名",
            "性别",
            "出生年月",
            "班级",
            "家长姓名",
            "家长电话"
        ]
    );
    assert_eq!(
        fields(&p),
        [
            None,
            Some(F::StudentNo),
            Some(F::Name),
            Some(F::Gender),
            Some(F::DateOfBirth),
            Some(F::ClassName),
            Some(F::GuardianName),
            Some(F::GuardianPhone)
        ]
    );
    let rows: Vec<usize> = p.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, [5, 6, 7]);
    assert_eq!(p.rows[0].values[1], "0012024");

    let students = records(&p);
    let grades: Vec<(&str, &str, &str)> = students
        .iter()
        .map(|s| {
            (
                s.student_no.as_str(),
                s.grade.as_str(),
                s.class_name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        grades,
        [
            ("0012024", "七年级", "3班"),
            ("0012025", "初一", "3班"),
            ("0012026", "七年级", "3班")
        ]
    );
    assert_eq!(students[0].date_of_birth, date(2011, 3, 5));
    assert_eq!(students[1].date_of_birth, date(2011, 4, 6));
    assert_eq!(
        students[0].guardians,
        [guardian(Some("张大山"), None, Some("13800138000"))]
    );
    assert_eq!(
        students[2].guardians,
        [guardian(None, None, Some("0571-88888888"))]
    );
}

#[test]
fn gb18030_is_detected_and_a_rare_character_survives() {
    let p = preview("gb18030_rare_name.csv");
    assert_eq!(p.encoding, "GB18030");
    let students = records(&p);
    assert_eq!(students[0].name, "王𠈌");
    assert_eq!(students[0].name.chars().nth(1), Some('\u{2020C}'));
    assert_eq!(students[1].name, "李丽");
}

#[test]
fn rows_sharing_a_student_number_are_listed_as_duplicates() {
    let p = preview("duplicates.csv");
    let results = apply_mapping(&p, &p.suggested_mapping());
    assert!(
        results.iter().all(Result::is_ok),
        "duplicates are not cell errors"
    );
    assert_eq!(
        find_duplicates(results.iter().flatten()),
        [(2, 4), (3, 6), (2, 7)]
    );
}

#[test]
fn bad_rows_get_errors_naming_row_and_column_without_echoing_the_cells() {
    let p = preview("bad_rows.csv");
    let rows: Vec<usize> = p.rows.iter().map(|r| r.row).collect();
    assert_eq!(
        rows,
        [2, 3, 5, 6, 7],
        "the blank row and the note under the table are left out"
    );

    let results = apply_mapping(&p, &p.suggested_mapping());
    assert_eq!(results.len(), 5);
    assert_eq!(results[0].as_ref().unwrap().name, "张三");

    let errors = |i: usize| -> Vec<CellError> { results[i].clone().unwrap_err() };
    let columns = |i: usize| -> Vec<String> { errors(i).into_iter().map(|e| e.column).collect() };

    assert_eq!(
        errors(1),
        [CellError {
            row: 3,
            column: "姓名".into(),
            problem: CellProblem::Missing { field: F::Name },
        }]
    );
    assert_eq!(
        errors(1)[0].to_string(),
        "第 3 行「姓名」：缺少姓名，这一项必须填写 (row 3, 姓名: the name is required)"
    );
    assert_eq!(errors(2)[0].problem, CellProblem::BadDate);
    assert_eq!(
        errors(2)[0].to_string(),
        "第 5 行「出生日期」：无法识别的日期，请写成 2011-03-05 (row 5, 出生日期: unrecognised date)"
    );
    assert_eq!(columns(3), ["性别", "班级", "联系电话"]);
    assert!(errors(3).iter().all(|e| e.row == 6));
    assert_eq!(columns(4), ["学号"]);

    for e in results.iter().filter_map(|r| r.as_ref().err()).flatten() {
        for content in ["2011-13-45", "未知", "电话没有", "钱七", "王五", "赵六"] {
            let shown = e.to_string();
            assert!(!shown.contains(content), "{shown} echoes a cell");
            let json = serde_json::to_string(e).unwrap();
            assert!(!json.contains(content), "{json} echoes a cell");
        }
    }
}

#[test]
fn english_headers_are_recognised() {
    let p = preview("english_headers.csv");
    assert_eq!(
        fields(&p),
        [
            F::StudentNo,
            F::Name,
            F::Gender,
            F::DateOfBirth,
            F::Grade,
            F::ClassName,
            F::EnrollmentYear,
            F::HomeroomTeacher,
            F::GuardianName,
            F::GuardianRelation,
            F::GuardianPhone,
            F::Status
        ]
        .map(Some)
    );
    let students = records(&p);
    assert_eq!(students[0].student_no, "0012024");
    assert_eq!(students[0].gender, Some(Gender::Male));
    assert_eq!(students[1].gender, Some(Gender::Female));
    assert_eq!(students[1].date_of_birth, date(2011, 4, 6));
    assert_eq!(
        (students[0].grade.as_str(), students[0].class_name.as_str()),
        ("Grade 7", "Class 3")
    );
    assert_eq!(
        students[0].guardians,
        [guardian(
            Some("Li Qiang"),
            Some("Father"),
            Some("13800138000")
        )]
    );
}

#[test]
fn a_header_over_two_rows_is_combined() {
    let p = preview("two_row_header.csv");
    assert_eq!(p.header_row, 2);
    assert_eq!(
        headers(&p),
        [
            "学号",
            "姓名",
            "班级",
            "监护人信息/姓名",
            "监护人信息/关系",
            "监护人信息/电话"
        ]
    );
    assert_eq!(
        fields(&p)[3..],
        [
            Some(F::GuardianName),
            Some(F::GuardianRelation),
            Some(F::GuardianPhone)
        ]
    );
    assert_eq!(p.rows[0].row, 4);
    let students = records(&p);
    assert_eq!(students[0].name, "张三");
    assert_eq!(
        students[1].guardians,
        [guardian(Some("王丽"), Some("母亲"), Some("13900139000"))]
    );
}

#[test]
fn excel_unicode_text_with_father_and_mother_columns_gives_two_guardians() {
    let p = preview("parents_unicode.txt");
    assert_eq!(p.encoding, "UTF-16LE");
    let students = records(&p);
    assert_eq!(
        students[0].guardians,
        [
            guardian(Some("张大山"), Some("父亲"), Some("13800138000")),
            guardian(Some("王丽"), Some("母亲"), Some("13900139000")),
        ]
    );
    assert_eq!(
        students[1].guardians,
        [guardian(Some("刘芳"), Some("母亲"), Some("13700137000"))]
    );
}

/// A workbook as schools make them: an instructions sheet first, then the roster with a merged
/// title, a blank row, numeric and text 学号, date cells, a class merged down the rows, and a
/// second class on its own sheet.
fn school_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("填表说明").unwrap();
    notes
        .write_string(0, 0, "请按模板填写，学号必须填写")
        .unwrap();

    let sheet = book.add_worksheet();
    sheet.set_name("花名册").unwrap();
    sheet
        .merge_range(0, 0, 0, 7, "XX中学2024级七年级学生花名册", &Format::new())
        .unwrap();
    for (c, h) in [
        "序号",
        "学号",
        "姓名",
        "性别",
        "出生日期",
        "年级",
        "班级",
        "联系电话",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .merge_range(3, 6, 5, 6, "3班", &Format::new())
        .unwrap();
    for (r, no) in [(3u32, None), (4, Some("0012024")), (5, None)] {
        sheet.write_number(r, 0, f64::from(r - 2)).unwrap();
        match no {
            Some(text) => sheet.write_string(r, 1, text).unwrap(),
            None => sheet
                .write_number(r, 1, 2_024_000.0 + f64::from(r))
                .unwrap(),
        };
        sheet.write_string(r, 5, "七年级").unwrap();
    }
    sheet.write_string(3, 2, "张三").unwrap();
    sheet.write_string(4, 2, "王𠈌").unwrap();
    sheet.write_string(5, 2, "阿卜杜拉・买买提").unwrap();
    sheet.write_string(3, 3, "男").unwrap();
    sheet.write_string(4, 3, "女").unwrap();
    sheet.write_string(5, 3, "男").unwrap();
    sheet
        .write_datetime_with_format(3, 4, ExcelDateTime::from_ymd(2011, 3, 5).unwrap(), &date)
        .unwrap();
    sheet
        .write_datetime_with_format(4, 4, ExcelDateTime::from_ymd(2011, 4, 6).unwrap(), &date)
        .unwrap();
    sheet.write_number(5, 4, 40_607.0).unwrap(); // a date whose cell lost its date format
    sheet.write_number(3, 7, 13_800_138_000.0).unwrap();

    let other = book.add_worksheet();
    other.set_name("七年级4班").unwrap();
    for (c, h) in ["学号", "姓名", "年级", "班级"].iter().enumerate() {
        other.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["2024101", "李四", "七年级", "4班"].iter().enumerate() {
        other.write_string(1, c as u16, *v).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_with_a_merged_title_numeric_and_text_student_numbers_and_date_cells() {
    let bytes = school_workbook();
    let p = parse_roster(&bytes, "七年级花名册.xlsx").unwrap();
    assert_eq!(
        (p.format, p.encoding.as_str()),
        (RosterFormat::Xlsx, "xlsx")
    );
    assert_eq!(
        p.sheet.as_deref(),
        Some("花名册"),
        "the instructions sheet is passed over"
    );
    assert_eq!(p.other_roster_sheets, ["七年级4班"]);
    assert_eq!(p.header_row, 3);
    assert_eq!(fields(&p)[..3], [None, Some(F::StudentNo), Some(F::Name)]);
    let numbers: Vec<&str> = p.rows.iter().map(|r| r.values[1].as_str()).collect();
    assert_eq!(
        numbers,
        ["2024003", "0012024", "2024005"],
        "no `.0`, zeros kept"
    );
    assert_eq!(p.rows[0].values[4], "2011-03-05");
    assert_eq!(p.rows[0].values[7], "13800138000");

    let students = records(&p);
    assert_eq!(
        students.iter().map(|s| s.row).collect::<Vec<_>>(),
        [4, 5, 6]
    );
    assert_eq!(students[1].name, "王𠈌");
    assert_eq!(students[2].name, "阿卜杜拉·买买提");
    assert_eq!(students[0].date_of_birth, date(2011, 3, 5));
    assert_eq!(students[1].date_of_birth, date(2011, 4, 6));
    assert_eq!(students[2].date_of_birth, date(2011, 3, 5));
    assert!(
        students.iter().all(|s| s.class_name == "3班"),
        "a class merged down the rows applies to each row"
    );

    let fourth = parse_roster_sheet(&bytes, "七年级花名册.xlsx", "七年级4班").unwrap();
    assert_eq!(records(&fourth)[0].class_name, "4班");
    assert_eq!(
        parse_roster_sheet(&bytes, "七年级花名册.xlsx", "八年级").unwrap_err(),
        RosterError::NoSuchSheet {
            name: "八年级".into()
        }
    );
}

#[test]
fn a_two_row_header_made_of_merged_cells_in_xlsx_is_combined() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    sheet.merge_range(0, 0, 1, 0, "学号", &plain).unwrap();
    sheet.merge_range(0, 1, 1, 1, "姓名", &plain).unwrap();
    sheet.merge_range(0, 2, 1, 2, "班级", &plain).unwrap();
    sheet.merge_range(0, 3, 0, 4, "联系电话", &plain).unwrap();
    sheet.write_string(1, 3, "父亲").unwrap();
    sheet.write_string(1, 4, "母亲").unwrap();
    for (c, v) in ["2024001", "张三", "七年级1班", "13800138000", "13900139000"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, c as u16, *v).unwrap();
    }
    let p = parse_roster(&book.save_to_buffer().unwrap(), "名单.xlsx").unwrap();
    assert_eq!(p.header_row, 1);
    assert_eq!(
        headers(&p),
        ["学号", "姓名", "班级", "联系电话/父亲", "联系电话/母亲"]
    );
    assert_eq!(
        fields(&p)[3..],
        [Some(F::GuardianPhone), Some(F::GuardianPhone)]
    );
    assert_eq!(
        records(&p)[0].guardians,
        [
            guardian(None, Some("父亲"), Some("13800138000")),
            guardian(None, Some("母亲"), Some("13900139000")),
        ]
    );
}

#[test]
fn a_formula_error_cell_is_reported_once_without_its_value() {
    let csv = "学号,姓名,年级,班级,出生日期\n2024001,张三,七年级,#N/A,#REF!\n";
    let p = parse_roster(csv.as_bytes(), "a.csv").unwrap();
    let errors = apply_mapping(&p, &p.suggested_mapping())[0]
        .clone()
        .unwrap_err();
    let columns: Vec<&str> = errors.iter().map(|e| e.column.as_str()).collect();
    assert_eq!(columns, ["班级", "出生日期"]);
    assert_eq!(errors[0].problem, CellProblem::FormulaError);
    assert!(errors[0].to_string().contains("公式出错"), "{}", errors[0]);
}

#[test]
fn a_legacy_xls_workbook_is_read() {
    let p = preview("legacy.xls");
    assert_eq!(
        (p.format, p.encoding.as_str(), p.header_row),
        (RosterFormat::Xls, "xls", 3)
    );
    let students = records(&p);
    assert_eq!(students[0].student_no, "2024001");
    assert_eq!(students[1].student_no, "0012024");
    assert_eq!(students[1].name, "王𠈌");
    assert_eq!(students[0].date_of_birth, date(2011, 3, 5));
    assert_eq!(students[1].date_of_birth, date(2011, 4, 6));
}

#[test]
fn a_password_protected_workbook_asks_for_the_password_to_be_removed() {
    let e = parse_roster(&fixture("encrypted.xlsx"), "encrypted.xlsx").unwrap_err();
    assert_eq!(e, RosterError::Encrypted);
    assert!(e.to_string().contains("取消密码"), "{e}");
}

#[test]
fn files_that_are_not_rosters_are_refused_in_plain_words() {
    assert_eq!(parse_roster(b"", "a.csv").unwrap_err(), RosterError::Empty);
    let doc = parse_roster(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "学生名单.doc").unwrap_err();
    assert_eq!(
        doc.to_string(),
        "不支持这种文件（.doc），请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后再导入 \
         (unsupported file type .doc: save it as .xlsx or .csv)"
    );
    let no_header = parse_roster("期中考试成绩\n语文,数学\n90,95\n".as_bytes(), "成绩.csv");
    assert_eq!(no_header.unwrap_err(), RosterError::NoHeader);
    assert!(
        RosterError::NoHeader
            .to_string()
            .starts_with("找不到表头：请确认表格有「学号」「姓名」等列名 (no header row found")
    );
    let broken = parse_roster(b"PK\x03\x04 not really a zip", "名单.xlsx").unwrap_err();
    assert!(
        matches!(broken, RosterError::Unreadable { .. }),
        "{broken:?}"
    );
    let web_page = parse_roster(b"<html><table><tr><td>1</td></tr></table>", "导出.xls");
    assert!(matches!(web_page, Err(RosterError::Unreadable { .. })));
    assert_eq!(
        parse_roster(&fixture("no_sheets.xlsx"), "no_sheets.xlsx").unwrap_err(),
        RosterError::NoSheets
    );
}

#[test]
fn tab_separated_text_named_xls_is_read_as_text() {
    let text = "学号\t姓名\t班级\n0012024\t张三\t七年级3班\n";
    let p = parse_roster(text.as_bytes(), "学籍系统导出.xls").unwrap();
    assert_eq!(
        (p.format, p.encoding.as_str()),
        (RosterFormat::Csv, "UTF-8")
    );
    assert_eq!(records(&p)[0].student_no, "0012024");
}

#[test]
fn the_mapping_is_checked_and_a_counselor_can_change_it() {
    let p = preview("gbk_title_rows.csv");
    let mut mapping = p.suggested_mapping();
    assert_eq!(check_mapping(&p, &mapping), Ok(()));

    mapping.retain(|(_, f)| *f != F::Name);
    assert_eq!(
        check_mapping(&p, &mapping).unwrap_err(),
        RosterError::MissingColumn { field: F::Name }
    );
    mapping.push((2, F::Name));
    mapping.push((0, F::StudentNo));
    assert_eq!(
        check_mapping(&p, &mapping).unwrap_err(),
        RosterError::DuplicateColumn {
            field: F::StudentNo
        }
    );
    assert_eq!(
        check_mapping(&p, &[(99, F::Name)]).unwrap_err(),
        RosterError::NoSuchColumn { index: 99 }
    );

    // Not importing the birth dates.
    let without_dates: Vec<_> = p
        .suggested_mapping()
        .into_iter()
        .filter(|(_, f)| *f != F::DateOfBirth)
        .collect();
    let students: Vec<StudentRecord> = apply_mapping(&p, &without_dates)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert!(students.iter().all(|s| s.date_of_birth.is_none()));
}

#[test]
fn roster_errors_have_a_stable_code_and_chinese_text() {
    assert_eq!(RosterError::Encrypted.code(), "encrypted");
    assert!(
        RosterError::Encrypted
            .to_string()
            .contains("这个表格设置了打开密码")
    );
}

#[test]
fn the_preview_and_records_serialise_for_the_ui() {
    let p = preview("clean_utf8_bom.csv");
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["columns"][0]["field"], "student_no");
    assert_eq!(json["format"], "csv");
    let back: RosterPreview = serde_json::from_value(json).unwrap();
    assert_eq!(back, p);

    let record = serde_json::to_value(&records(&p)[0]).unwrap();
    assert_eq!(record["date_of_birth"], "2011-03-05");
    assert_eq!(record["gender"], "male");
    assert_eq!(record["status"], "active");

    let ts = <StudentRecord as ts_rs::TS>::export_to_string(&ts_rs::Config::new()).unwrap();
    assert!(ts.contains("date_of_birth: string | null"), "{ts}");
}
