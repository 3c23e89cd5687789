//! Files built to exhaust the reader — too large, a zip that unpacks to hundreds of MiB, a
//! sheet with cells at A1 and XFD1048576, ten thousand full-height merged ranges — each end
//! quickly in a clear error (or an empty preview), never in an allocation of the sheet's
//! whole area or a hang.

use std::io::Write;

use rust_xlsxwriter::Workbook;
use xinyu_import::{MAX_FILE_MB, RosterError, parse_roster};

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let mut csv = "学号,姓名,年级,班级\n".as_bytes().to_vec();
    csv.resize(MAX_FILE_MB * 1024 * 1024 + 1, b'1');
    let err = parse_roster(&csv, "huge.csv").unwrap_err();
    assert_eq!(
        err,
        RosterError::TooLarge {
            max_mb: MAX_FILE_MB
        }
    );
    assert!(err.to_string().contains("文件太大"), "{err}");
}

#[test]
fn a_zip_that_unpacks_to_hundreds_of_mib_is_refused_from_its_directory() {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let zeros = vec![b' '; 1024 * 1024];
        for _ in 0..300 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
    }
    let bytes = out.into_inner();
    assert!(
        bytes.len() < 2 * 1024 * 1024,
        "small on disk: {}",
        bytes.len()
    );
    let err = parse_roster(&bytes, "bomb.xlsx").unwrap_err();
    assert_eq!(
        err,
        RosterError::TooLarge {
            max_mb: MAX_FILE_MB
        }
    );
}

#[test]
fn cells_at_a1_and_xfd1048576_do_not_make_a_dense_sheet() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "学号").unwrap();
    sheet.write_string(0, 1, "姓名").unwrap();
    sheet.write_string(1_048_575, 16_383, "远处").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    // The far cell lies beyond the columns a roster has: ignored, the header still read.
    let preview = parse_roster(&bytes, "far.xlsx").expect("read");
    assert_eq!(preview.columns.len(), 2);
    assert!(preview.rows.is_empty());
    // A far cell within the columns is a row past any roster: a clear error.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "学号").unwrap();
    sheet.write_string(0, 1, "姓名").unwrap();
    sheet.write_string(1_048_575, 1, "远处").unwrap();
    let err = parse_roster(&book.save_to_buffer().unwrap(), "far.xlsx").unwrap_err();
    assert!(matches!(err, RosterError::TooManyRows { .. }), "{err:?}");
}

/// The workbook `book` saved, with its first sheet's merged regions replaced by `merges`
/// (written straight into the XML: a writer library would fill every merged cell).
fn with_merges(book: &mut Workbook, merges: &str) -> Vec<u8> {
    let saved = book.save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(saved)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut text).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(text).unwrap();
            let xml = xml.replace("</sheetData>", &format!("</sheetData>{merges}"));
            text = xml.into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn ten_thousand_full_height_merges_cost_only_the_cells_that_exist() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["学号", "姓名", "年级", "班级"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["2024001", "张三", "七年级", "3班"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    let mut merges = String::from("<mergeCells count=\"10000\">");
    for c in 0..10_000u32 {
        // Columns E onwards, rows 2 to 1048576, one full-height region each.
        let mut n = c + 4;
        let mut col = String::new();
        loop {
            col.insert(0, char::from(b'A' + (n % 26) as u8));
            if n < 26 {
                break;
            }
            n = n / 26 - 1;
        }
        merges.push_str(&format!("<mergeCell ref=\"{col}2:{col}1048576\"/>"));
    }
    merges.push_str("</mergeCells>");
    let bytes = with_merges(&mut book, &merges);
    let preview = parse_roster(&bytes, "merges.xlsx").expect("a normal preview");
    assert_eq!(preview.rows.len(), 1);
    assert_eq!(preview.rows[0].values[1], "张三");
}
