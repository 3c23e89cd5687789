//! Aligned plain-text tables for human output, measured in terminal columns so that Chinese
//! characters (two columns each, rare ones outside the BMP included) line up.

use unicode_width::UnicodeWidthStr;

use crate::output::clean;

/// Lay out `rows` under `headers`, columns two spaces apart, no trailing spaces.
pub fn render(headers: &[&str], rows: &[Vec<String>]) -> String {
    let cells: Vec<Vec<String>> = std::iter::once(headers.iter().map(|h| clean(h)).collect())
        .chain(rows.iter().map(|r| r.iter().map(|c| clean(c)).collect()))
        .collect();
    let mut widths = vec![0; headers.len()];
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    for row in &cells {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', w - cell.width()));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_rare_characters_line_up_by_terminal_columns() {
        let rows = vec![
            vec!["0012024".into(), "阿卜杜拉·买买提".into(), "七年级".into()],
            vec!["2024002".into(), "王𠈌".into(), "八年级".into()],
        ];
        let text = render(&["学号", "姓名", "年级"], &rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        // The third column starts at the same terminal column on every line.
        let starts: Vec<usize> = lines
            .iter()
            .zip(["年级", "七年级", "八年级"])
            .map(|(l, third)| l[..l.find(third).expect("cell")].width())
            .collect();
        assert!(starts.iter().all(|s| *s == starts[0]), "{text}");
        assert!(lines.iter().all(|l| !l.ends_with(' ')));
    }
}
