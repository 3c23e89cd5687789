//! Telling a roster file's format from its bytes, and reading CSV text in whatever encoding a
//! school's computer saved it (UTF-8 with or without BOM, UTF-16, GBK, GB18030).

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

use super::{Grid, RosterError, RosterFormat};

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// Compound File Binary: legacy `.xls`, `.doc`, and password-protected `.xlsx`.
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Extensions that are certainly not a roster spreadsheet.
const NOT_SPREADSHEETS: &[&str] = &[
    "doc", "docx", "wps", "ppt", "pptx", "pdf", "rtf", "odt", "zip", "rar", "7z", "jpg", "jpeg",
    "png", "gif", "bmp", "html", "htm", "xml", "json", "numbers", "xlsb", "ods",
];

pub(super) fn detect_format(bytes: &[u8], file_name: &str) -> Result<RosterFormat, RosterError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(RosterError::Empty);
    }
    let ext = extension(file_name);
    let unsupported = || RosterError::Unsupported {
        extension: if ext.is_empty() {
            "未知格式".to_owned()
        } else {
            format!(".{ext}")
        },
    };
    if NOT_SPREADSHEETS.contains(&ext.as_str()) {
        return Err(unsupported());
    }
    if bytes.starts_with(ZIP_MAGIC) {
        return Ok(RosterFormat::Xlsx);
    }
    if bytes.starts_with(CFB_MAGIC) {
        return Ok(RosterFormat::Xls);
    }
    if bytes.starts_with(b"%PDF") || bytes.starts_with(b"{\\rtf") {
        return Err(unsupported());
    }
    match ext.as_str() {
        "csv" | "txt" | "tsv" | "" => Ok(RosterFormat::Csv),
        // Some school systems export tab-separated text named `.xls`; an HTML table is not read.
        _ if looks_like_text(bytes) && !looks_like_markup(bytes) => Ok(RosterFormat::Csv),
        "xlsx" | "xlsm" | "xls" | "et" => Err(RosterError::unreadable("not a workbook")),
        _ => Err(unsupported()),
    }
}

fn extension(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.trim().to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// No NUL bytes (UTF-16 text is recognised by its BOM before this is asked).
fn looks_like_text(bytes: &[u8]) -> bool {
    Encoding::for_bom(bytes).is_some() || !bytes.iter().take(4096).any(|&b| b == 0)
}

/// HTML or XML (an "Excel" file that a web system wrote as a web page).
fn looks_like_markup(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<')
}

/// Decode and split a CSV file; returns its rows and the encoding's name.
pub(super) fn read_csv(bytes: &[u8]) -> Result<(Grid, &'static str), RosterError> {
    let (text, encoding) = decode_text(bytes)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());

    // The csv crate skips empty lines; Excel shows them as rows, while a quoted cell over
    // several lines stays one row. So a record's row is the line it starts on, less the line
    // breaks inside earlier records.
    let bytes = text.as_bytes();
    let mut grid = Grid::default();
    let mut record = csv::StringRecord::new();
    let (mut cursor, mut breaks, mut folded) = (0usize, 0usize, 0usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(RosterError::unreadable(csv_error_kind(&e))),
        }
        let byte = |p: u64| usize::try_from(p).unwrap_or(usize::MAX).min(bytes.len());
        let start = byte(record.position().map_or(0, csv::Position::byte)).max(cursor);
        let tail = bytes.get(start..).unwrap_or_default();
        let start = start
            + tail
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        let end = byte(reader.position().byte()).max(start);
        let body = bytes.get(start..end).unwrap_or_default();
        let end = start + body.len()
            - body
                .iter()
                .rev()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        breaks += line_breaks(bytes.get(cursor..start).unwrap_or_default());
        let inside = line_breaks(bytes.get(start..end).unwrap_or_default());
        grid.rows.push((
            breaks + 1 - folded,
            record.iter().map(unquote_excel_text).collect(),
        ));
        breaks += inside;
        folded += inside;
        cursor = end;
    }
    if grid.rows.is_empty() {
        return Err(RosterError::Empty);
    }
    Ok((grid, encoding))
}

/// `\n`, `\r\n` and a lone `\r` each end a line.
fn line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// The kind of a CSV error, without the record that caused it.
fn csv_error_kind(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(_) => "I/O error".to_owned(),
        csv::ErrorKind::Utf8 { pos, .. } => format!(
            "invalid UTF-8 at line {}",
            pos.as_ref().map_or(0, csv::Position::line)
        ),
        _ => "malformed CSV".to_owned(),
    }
}

/// `="0012024"` is how some exports keep leading zeros from Excel's number guessing.
fn unquote_excel_text(cell: &str) -> String {
    let t = cell.trim();
    match t.strip_prefix("=\"").and_then(|s| s.strip_suffix('"')) {
        Some(inner) if !inner.contains('"') => inner.to_owned(),
        _ => cell.to_owned(),
    }
}

/// UTF-8 (BOM or not), UTF-16 with BOM, else GB18030, reported as `GBK` when no four-byte
/// sequence occurs (GBK is GB18030's two-byte subset).
fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), RosterError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or(RosterError::UnknownEncoding)?;
        let name = if encoding == UTF_16LE {
            "UTF-16LE"
        } else if encoding == UTF_16BE {
            "UTF-16BE"
        } else {
            "UTF-8"
        };
        return Ok((text.into_owned(), name));
    }
    let gb = GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned());
    if let Ok(text) = std::str::from_utf8(bytes) {
        // A few GBK bytes can happen to be valid UTF-8; real UTF-8 Chinese has CJK in it.
        let gb_is_better = !has_cjk(text) && gb.as_deref().is_some_and(has_cjk);
        if !gb_is_better {
            return Ok((text.to_owned(), "UTF-8"));
        }
    }
    let text = gb.ok_or(RosterError::UnknownEncoding)?;
    let name = if has_four_byte_gb18030(bytes) {
        "GB18030"
    } else {
        "GBK"
    };
    Ok((text, name))
}

fn has_cjk(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{20000}'..='\u{3FFFF}').contains(&c))
}

/// Whether a GB18030 byte stream uses a four-byte sequence (lead 0x81–0xFE, then a digit).
fn has_four_byte_gb18030(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'0'..=b'9') => return true,
            _ => i += 2,
        }
    }
    false
}

/// Comma unless the first lines have more tabs or semicolons.
fn sniff_delimiter(text: &str) -> u8 {
    let head: Vec<&str> = text.lines().take(30).collect();
    let count = |d: char| -> usize { head.iter().map(|l| l.matches(d).count()).sum() };
    let (commas, tabs, semis) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas && semis > tabs {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_and_gb18030_are_told_apart_by_four_byte_sequences() {
        let (gbk, _, _) = GB18030.encode("学号,姓名\n0012024,张三\n");
        let (text, name) = decode_text(&gbk).unwrap();
        assert_eq!((text.as_str(), name), ("学号,姓名\n0012024,张三\n", "GBK"));
        let (gb18030, _, _) = GB18030.encode("学号,姓名\n1,王𠈌\n");
        let (text, name) = decode_text(&gb18030).unwrap();
        assert_eq!((text.as_str(), name), ("学号,姓名\n1,王𠈌\n", "GB18030"));
    }

    #[test]
    fn a_tiny_gbk_file_that_happens_to_be_valid_utf8_is_still_read_as_gbk() {
        // "学号" in GBK is D1 A7 BA C5; "学" alone (D1 A7) is also valid UTF-8 (U+0467).
        let (bytes, _, _) = GB18030.encode("学");
        assert!(std::str::from_utf8(&bytes).is_ok());
        assert_eq!(decode_text(&bytes).unwrap(), ("学".to_owned(), "GBK"));
    }

    #[test]
    fn blank_lines_count_as_rows_like_excel_shows_them() {
        for newline in ["\n", "\r\n"] {
            let text =
                "标题\n\n\n学号,姓名\n\"1\",\"多行\n备注\"\n\n2,李四\n".replace('\n', newline);
            let (grid, _) = read_csv(text.as_bytes()).unwrap();
            let rows: Vec<usize> = grid.rows.iter().map(|(r, _)| *r).collect();
            assert_eq!(rows, [1, 4, 5, 7], "{newline:?}");
        }
    }

    #[test]
    fn tab_separated_text_and_excel_text_formulas_are_read() {
        let (grid, _) = read_csv("学号\t姓名\n=\"0012\"\t张三\n".as_bytes()).unwrap();
        assert_eq!(grid.rows[1].1, ["0012", "张三"]);
    }

    #[test]
    fn word_documents_and_pdfs_are_refused_by_name_or_bytes() {
        assert!(matches!(
            detect_format(b"abc", "说明.docx"),
            Err(RosterError::Unsupported { extension }) if extension == ".docx"
        ));
        assert!(matches!(
            detect_format(b"%PDF-1.4", "roster"),
            Err(RosterError::Unsupported { .. })
        ));
        assert_eq!(
            detect_format(b"PK\x03\x04rest", "名单.csv").unwrap(),
            RosterFormat::Xlsx
        );
        assert!(matches!(
            detect_format(b" \n", "a.csv"),
            Err(RosterError::Empty)
        ));
    }
}
