//! Reading xlsx and xls workbooks with calamine into rows of text: numbers without a stray
//! `.0`, date cells as `YYYY-MM-DD`, merged cells filled from their top-left cell.
//!
//! A workbook is a zip of XML that may claim anything, so nothing is trusted to be small: the
//! zip's directory is checked before unpacking ([`MAX_UNPACKED_MB`]); an xlsx sheet is read
//! cell by cell into a sparse grid, so one cell at A1 and one at XFD1048576 do not make a dense
//! 17-billion-cell range; cells beyond [`MAX_COLUMNS`] are ignored; reading stops with a clear
//! error after [`MAX_CELLS`] cells or past the roster's row limit; merged regions are clipped
//! to the rows and columns that exist.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek};

use calamine::{
    Data, Dimensions, Range, Reader, Sheet, SheetType, SheetVisible, Xls, XlsError, Xlsx, XlsxError,
};

use super::{Grid, MAX_FILE_MB, MAX_ROSTER_ROWS, RosterError, RosterFormat};

/// The most a workbook may unpack to, in MiB, by its zip directory's declared sizes (the zip
/// reader holds each entry to its declared size).
pub(crate) const MAX_UNPACKED_MB: u64 = 256;
/// Entries in a workbook's zip beyond which it is not a roster.
const MAX_ZIP_ENTRIES: usize = 2_000;
/// Columns read; a roster or an export has a few dozen.
pub(crate) const MAX_COLUMNS: usize = 512;
/// Cells read from one sheet before giving up.
pub(crate) const MAX_CELLS: usize = 4_000_000;
/// Rows read from one sheet: the roster's limit, with room for titles and notes.
const MAX_ROWS: usize = MAX_ROSTER_ROWS + 1_000;

fn too_large() -> RosterError {
    RosterError::TooLarge {
        max_mb: MAX_FILE_MB,
    }
}

/// Refuse a zip whose directory promises more than [`MAX_UNPACKED_MB`] or too many entries.
fn check_zip(bytes: &[u8]) -> Result<(), RosterError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a zip (or damaged): calamine says what it is.
        return Ok(());
    };
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(too_large());
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map_err(RosterError::unreadable)?.size();
        total = total.saturating_add(size);
    }
    if total > MAX_UNPACKED_MB * 1024 * 1024 {
        return Err(too_large());
    }
    Ok(())
}

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
        RosterFormat::Xlsx | RosterFormat::Csv => {
            check_zip(bytes)?;
            match Xlsx::new(Cursor::new(bytes)) {
                Ok(mut book) => read_xlsx(&mut book, only),
                Err(XlsxError::Password) => Err(RosterError::Encrypted),
                Err(e) => Err(RosterError::unreadable(e)),
            }
        }
    }
}

/// The worksheets to read, visible ones first, or only `only`.
fn sheets_to_read(all: &[Sheet], only: Option<&str>) -> Result<Vec<Sheet>, RosterError> {
    let mut sheets: Vec<Sheet> = all
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
    Ok(sheets)
}

/// An xlsx, cell by cell, into sparse grids within the limits above.
fn read_xlsx<RS: Read + Seek>(
    book: &mut Xlsx<RS>,
    only: Option<&str>,
) -> Result<Vec<(String, Grid)>, RosterError> {
    let sheets = sheets_to_read(book.sheets_metadata(), only)?;
    let mut out = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        let mut rows: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        let mut cells = book
            .worksheet_cells_reader(&sheet.name)
            .map_err(RosterError::unreadable)?;
        let mut read = 0usize;
        while let Some(cell) = cells.next_cell().map_err(RosterError::unreadable)? {
            read += 1;
            if read > MAX_CELLS {
                return Err(too_large());
            }
            let (row, col) = cell.get_position();
            let (row, col) = (row as usize, col as usize);
            if col >= MAX_COLUMNS {
                continue;
            }
            if row >= MAX_ROWS {
                return Err(RosterError::TooManyRows {
                    max: MAX_ROSTER_ROWS,
                });
            }
            let text = cell_text(&Data::from(cell.get_value().clone()));
            if text.is_empty() {
                continue;
            }
            let line = rows.entry(row).or_default();
            if line.len() <= col {
                line.resize(col + 1, String::new());
            }
            line[col] = text;
        }
        drop(cells);
        let merged = book
            .merge_cells_by_sheet_name(&sheet.name)
            .unwrap_or_default();
        let mut grid = Grid {
            rows: rows.into_iter().map(|(r, line)| (r + 1, line)).collect(),
        };
        fill_merges(&mut grid, &merged);
        out.push((sheet.name, grid));
    }
    Ok(out)
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
    let sheets = sheets_to_read(book.sheets_metadata(), only)?;
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
    let rows: Vec<(usize, Vec<String>)> = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut text = vec![String::new(); col0];
            text.extend(cells.iter().map(cell_text));
            (row0 + i + 1, text)
        })
        .collect();
    let mut grid = Grid { rows };
    fill_merges(&mut grid, merges);
    grid
}

/// Fill each merged region from its top-left cell, clipped to the rows the grid has and to
/// [`MAX_COLUMNS`]: ten thousand full-height merges cost no more than the cells that exist.
fn fill_merges(grid: &mut Grid, merges: &[Dimensions]) {
    let index: BTreeMap<usize, usize> = grid
        .rows
        .iter()
        .enumerate()
        .map(|(i, (row, _))| (*row, i))
        .collect();
    for m in merges {
        // 1-based rows, as the grid numbers them.
        let (top, left) = (m.start.0 as usize + 1, m.start.1 as usize);
        let (bottom, right) = (
            m.end.0 as usize + 1,
            (m.end.1 as usize).min(MAX_COLUMNS - 1),
        );
        if left > right {
            continue;
        }
        let Some(value) = index
            .get(&top)
            .and_then(|&i| grid.rows[i].1.get(left))
            .filter(|v| !v.is_empty())
            .cloned()
        else {
            continue;
        };
        let targets: Vec<usize> = index.range(top..=bottom).map(|(_, &i)| i).collect();
        for i in targets {
            let cells = &mut grid.rows[i].1;
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
}
