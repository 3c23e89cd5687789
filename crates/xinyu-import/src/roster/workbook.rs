//! Reading xlsx and xls workbooks with calamine into rows of text: numbers without a stray
//! `.0`, date cells as `YYYY-MM-DD`, merged cells filled from their top-left cell.

use std::io::{Cursor, Read, Seek};

use calamine::{
    Data, Dimensions, Range, Reader, Sheet, SheetType, SheetVisible, Xls, XlsError, Xlsx, XlsxError,
};

use super::{Grid, RosterError, RosterFormat};

/// Each sheet (visible ones first, in workbook order) as `(name, grid)`; only `only` when given.
pub(super) fn read_sheets(
    bytes: &[u8],
    format: RosterFormat,
    only: Option<&str>,
) -> Result<Vec<(String, Grid)>, RosterError> {
    match format {
        RosterFormat::Xls => match Xls::new(Cursor::new(bytes)) {
            Ok(mut book) => read_all(&mut book, only, |b, name| {
                b.merge_cells_by_sheet_name(name).unwrap_or_default()
            }),
            Err(XlsError::Password) => Err(RosterError::Encrypted),
            // A password-protected .xlsx is a compound file holding an `EncryptedPackage`.
            Err(xls_error) => match Xlsx::new(Cursor::new(bytes)) {
                Err(XlsxError::Password) => Err(RosterError::Encrypted),
                _ => Err(RosterError::unreadable(xls_error)),
            },
        },
        // `read` never passes Csv here; a ZIP is read as xlsx.
        RosterFormat::Xlsx | RosterFormat::Csv => match Xlsx::new(Cursor::new(bytes)) {
            Ok(mut book) => read_all(&mut book, only, |b, name| {
                b.merge_cells_by_sheet_name(name).unwrap_or_default()
            }),
            Err(XlsxError::Password) => Err(RosterError::Encrypted),
            Err(e) => Err(RosterError::unreadable(e)),
        },
    }
}

fn read_all<RS, R>(
    book: &mut R,
    only: Option<&str>,
    merges: impl Fn(&mut R, &str) -> Vec<Dimensions>,
) -> Result<Vec<(String, Grid)>, RosterError>
where
    RS: Read + Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let mut sheets: Vec<Sheet> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .cloned()
        .collect();
    if sheets.is_empty() {
        return Err(RosterError::NoSheets);
    }
    if let Some(name) = only {
        sheets.retain(|s| s.name == name);
        if sheets.is_empty() {
            return Err(RosterError::NoSuchSheet {
                name: name.to_owned(),
            });
        }
    }
    // Visible sheets first; a stable sort keeps the workbook's order otherwise.
    sheets.sort_by_key(|s| s.visible != SheetVisible::Visible);
    let mut out = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let range = book
            .worksheet_range(&sheet.name)
            .map_err(RosterError::unreadable)?;
        let merged = merges(book, &sheet.name);
        out.push((sheet.name, grid_of(&range, &merged)));
    }
    Ok(out)
}

/// Text of a cell as the counselor sees it in Excel.
pub(super) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
            if (hh, mm, ss) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02}")
            }
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

/// `2024001.0` → `2024001`; other numbers in Rust's shortest form (never scientific).
fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        format!("{f}")
    }
}

/// The range as rows of text with absolute 1-based row numbers, merged regions filled.
fn grid_of(range: &Range<Data>, merges: &[Dimensions]) -> Grid {
    let Some((row0, col0)) = range.start() else {
        return Grid::default();
    };
    let (row0, col0) = (row0 as usize, col0 as usize);
    let mut rows: Vec<(usize, Vec<String>)> = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut text = vec![String::new(); col0];
            text.extend(cells.iter().map(cell_text));
            (row0 + i + 1, text)
        })
        .collect();
    for m in merges {
        let (top, left) = (m.start.0 as usize, m.start.1 as usize);
        let (bottom, right) = (m.end.0 as usize, m.end.1 as usize);
        let Some(value) = top
            .checked_sub(row0)
            .and_then(|i| rows.get(i))
            .and_then(|(_, cells)| cells.get(left))
            .filter(|v| !v.is_empty())
            .cloned()
        else {
            continue;
        };
        for r in top..=bottom {
            let Some((_, cells)) = r.checked_sub(row0).and_then(|i| rows.get_mut(i)) else {
                continue;
            };
            if cells.len() <= right {
                cells.resize(right + 1, String::new());
            }
            for cell in cells.iter_mut().take(right + 1).skip(left) {
                if cell.is_empty() {
                    cell.clone_from(&value);
                }
            }
        }
    }
    Grid { rows }
}
