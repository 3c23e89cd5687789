//! Reading one cell's text as a 学号, name, date, gender, year, status, phone or class, the way
//! schools write them; a value that cannot be read yields a `Problem`, never a guess.

use chrono::{Days, NaiveDate};

use super::{Gender, StudentStatus};

use crate::{CellProblem as Problem, RosterField};

/// Trim spaces of every width, no-break and zero-width spaces included.
pub(super) fn clean_cell(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}'))
        .to_owned()
}

/// What Excel or WPS shows for a formula that failed (`#N/A` from a VLOOKUP, `#REF!`…).
pub(super) fn is_formula_error(s: &str) -> bool {
    matches!(
        s,
        "#N/A"
            | "#REF!"
            | "#VALUE!"
            | "#DIV/0!"
            | "#NAME?"
            | "#NUM!"
            | "#NULL!"
            | "#DATA!"
            | "#SPILL!"
            | "#CALC!"
            | "#GETTING_DATA"
    )
}

/// Full-width ASCII (`１２３ＡＢＣ（）`) and the ideographic space made half-width.
pub(super) fn halfwidth(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Characters written as the middle dot in names such as 阿卜杜拉·买买提.
fn is_name_dot(c: char) -> bool {
    matches!(
        c,
        '·' | '・' | '•' | '‧' | '･' | '∙' | '⋅' | '⸱' | 'ㆍ' | '．' | '.' | '。' | '˙'
    )
}

/// A name trimmed, its dots made `·`; spaces removed inside a Chinese name, collapsed in others.
pub(super) fn name(s: &str) -> String {
    let s = clean_cell(s);
    if s.chars().any(is_cjk) {
        let joined: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if is_name_dot(c) { '·' } else { c })
            .collect();
        joined.trim_matches('·').to_owned()
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// 学号: half-width, no spaces; a leading `'` (Excel's text marker) dropped; zeros kept.
pub(super) fn student_no(s: &str) -> Result<String, Problem> {
    let s: String = halfwidth(s)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let s = s.strip_prefix('\'').unwrap_or(&s);
    if s.is_empty() {
        return Err(Problem::Missing {
            field: RosterField::StudentNo,
        });
    }
    if is_scientific(s) {
        return Err(Problem::Scientific);
    }
    Ok(s.to_owned())
}

/// `2.02401E+17`, `2.02401e17`.
fn is_scientific(s: &str) -> bool {
    let Some((mantissa, exponent)) = s.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    mantissa.contains('.')
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !exponent.is_empty()
        && exponent.chars().all(|c| c.is_ascii_digit())
}

pub(super) fn gender(s: &str) -> Result<Option<Gender>, Problem> {
    let s = halfwidth(s).trim().to_lowercase();
    match s.as_str() {
        "" => Ok(None),
        "男" | "男生" | "男性" | "m" | "male" | "boy" => Ok(Some(Gender::Male)),
        "女" | "女生" | "女性" | "f" | "female" | "girl" => Ok(Some(Gender::Female)),
        _ => Err(Problem::BadGender),
    }
}

pub(super) fn status(s: &str) -> Result<StudentStatus, Problem> {
    let s: String = halfwidth(s)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    match s.as_str() {
        "" | "在读" | "在校" | "在籍" | "在学" | "正常" | "active" | "enrolled" => {
            Ok(StudentStatus::Active)
        }
        "休学" | "onleave" | "leave" => Ok(StudentStatus::OnLeave),
        "转出" | "已转出" | "转学" | "已转学" | "transferred" | "transferredout" => {
            Ok(StudentStatus::TransferredOut)
        }
        "毕业" | "已毕业" | "graduated" => Ok(StudentStatus::Graduated),
        _ => Err(Problem::BadStatus),
    }
}

/// `2024`, `2024级`, `2024年`, `2024届`, `2024-09`, `2024年9月`.
pub(super) fn enrollment_year(s: &str) -> Result<Option<i32>, Problem> {
    let s = halfwidth(s);
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let rest = s.get(digits.len()..).unwrap_or_default();
    let rest_ok = rest.is_empty()
        || ["级", "年", "届", "-", "/", ".", "年级"]
            .iter()
            .any(|p| rest.starts_with(p));
    match digits.parse::<i32>() {
        Ok(year) if digits.len() == 4 && rest_ok && (1950..=2100).contains(&year) => Ok(Some(year)),
        _ => Err(Problem::BadYear),
    }
}

/// One or more phone numbers (`138…/139…`), each with 7 to 13 digits; returned as written,
/// half-width.
pub(super) fn phone(s: &str) -> Result<Option<String>, Problem> {
    let s = halfwidth(s);
    let s = s.trim().trim_start_matches('\'').trim();
    if s.is_empty() {
        return Ok(None);
    }
    for part in s.split(['/', ',', ';', '、', '，', '；', '|']) {
        let mut digits = 0usize;
        for c in part.chars() {
            match c {
                '0'..='9' => digits += 1,
                ' ' | '-' | '(' | ')' | '+' | '（' | '）' | '—' => {}
                _ => return Err(Problem::BadPhone),
            }
        }
        if !(7..=13).contains(&digits) {
            return Err(Problem::BadPhone);
        }
    }
    Ok(Some(s.to_owned()))
}

/// A date as schools write it: `2011-03-05`, `2011/3/5`, `2011.3.5`, `2011年3月5日`,
/// `20110305`, an Excel serial number (`40607`), with or without a time after it.
pub(super) fn date(s: &str) -> Result<Option<NaiveDate>, Problem> {
    let s = halfwidth(s);
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    // Drop a time part: `2011-03-05 00:00:00`, `2011-03-05T00:00`.
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    let all_digits = |p: &&str| p.chars().all(|c| c.is_ascii_digit());
    if !parts.iter().all(all_digits) {
        return Err(Problem::BadDate);
    }
    let ymd = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (num(y), num(m), num(d)),
        [y, m] if y.len() == 4 && m.len() <= 2 => return Err(Problem::MonthOnly),
        [one] if one.len() == 8 => (
            num(one.get(..4).unwrap_or_default()),
            num(one.get(4..6).unwrap_or_default()),
            num(one.get(6..).unwrap_or_default()),
        ),
        [one] if one.len() == 6 => return Err(Problem::MonthOnly),
        // Excel serial date with a fractional time part is split at `.`.
        [one] | [one, _] if one.len() == 5 && (s.len() == 5 || s.contains('.')) => {
            return serial_date(num(one)).map(Some);
        }
        _ => return Err(Problem::BadDate),
    };
    let (y, m, d) = ymd;
    let y = i32::try_from(y).map_err(|_| Problem::BadDate)?;
    let date = NaiveDate::from_ymd_opt(y, m, d).ok_or(Problem::BadDate)?;
    plausible(date).map(Some)
}

fn num(s: &str) -> u32 {
    s.parse().unwrap_or(u32::MAX)
}

fn serial_date(serial: u32) -> Result<NaiveDate, Problem> {
    // Excel counts from 1899-12-30 once past its phantom 1900-02-29 (serial 60).
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or(Problem::BadDate)?;
    let date = epoch
        .checked_add_days(Days::new(u64::from(serial)))
        .ok_or(Problem::BadDate)?;
    plausible(date)
}

fn plausible(date: NaiveDate) -> Result<NaiveDate, Problem> {
    let year = chrono::Datelike::year(&date);
    if (1900..=2100).contains(&year) {
        Ok(date)
    } else {
        Err(Problem::ImplausibleDate)
    }
}

/// `3`, `03`, `3班`, `(3)班`, `（3）` → `3班`; anything else (实验班, 三班) as written.
pub(super) fn class_name(s: &str) -> String {
    let h = halfwidth(s);
    let inner: String = h
        .trim()
        .trim_end_matches('班')
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')'))
        .collect();
    if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
        let n = inner.trim_start_matches('0');
        format!("{}班", if n.is_empty() { "0" } else { n })
    } else {
        clean_cell(s)
    }
}

const CHINESE_GRADES: &[&str] = &[
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];

/// A class value that also names the grade: `七年级3班` → (`七年级`, `3班`), `初一(3)班` →
/// (`初一`, `3班`), `七(3)班` → (`七年级`, `3班`). `None` when it names no grade.
pub(super) fn split_grade(s: &str) -> Option<(String, String)> {
    let h = halfwidth(&clean_cell(s));
    let h = h.trim();
    let after = |grade: String, rest: &str| -> Option<(String, String)> {
        let rest = rest.trim_start_matches([' ', '-', '_', '/']);
        (!rest.is_empty()).then(|| (grade, class_name(rest)))
    };
    // `X年级…`, optionally `小学`/`初中`/`高中` first.
    if let Some(pos) = h.find("年级") {
        let grade = h.get(..pos + "年级".len())?;
        let level = grade.trim_start_matches(['小', '初', '高', '中', '学']);
        let number = level.trim_end_matches("年级");
        let is_number = CHINESE_GRADES.contains(&number)
            || number.parse::<u8>().is_ok_and(|n| (1..=12).contains(&n));
        if is_number
            || ["初一", "初二", "初三", "初四", "高一", "高二", "高三"]
                .iter()
                .any(|g| grade.starts_with(g))
        {
            return after(grade.to_owned(), h.get(grade.len()..)?);
        }
        return None;
    }
    // `初一3班`, `高二(5)班`.
    for g in ["初一", "初二", "初三", "初四", "高一", "高二", "高三"] {
        if let Some(rest) = h.strip_prefix(g) {
            return after(g.to_owned(), rest);
        }
    }
    // `七(3)班`: a bare grade number only before a bracket.
    for g in CHINESE_GRADES {
        if let Some(rest) = h.strip_prefix(g).filter(|r| r.starts_with('(')) {
            return after(format!("{g}年级"), rest);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn dates_are_read_in_every_way_schools_write_them() {
        for s in [
            "2011-03-05",
            "2011/3/5",
            "2011.3.5",
            "2011年3月5日",
            "20110305",
            "2011-03-05 00:00:00",
            "２０１１－０３－０５",
            "40607",
        ] {
            assert_eq!(date(s), Ok(ymd(2011, 3, 5)), "{s}");
        }
        assert_eq!(date(""), Ok(None));
        assert_eq!(date("2011-02-30"), Err(Problem::BadDate));
        assert_eq!(date("三月五日"), Err(Problem::BadDate));
        assert_eq!(date("2011.03"), Err(Problem::MonthOnly));
        assert_eq!(date("1811-03-05"), Err(Problem::ImplausibleDate));
    }

    #[test]
    fn names_keep_rare_characters_and_get_one_kind_of_dot() {
        assert_eq!(name(" 王𠈌 "), "王𠈌");
        assert_eq!(name("张 三"), "张三");
        for dotted in [
            "阿卜杜拉・买买提",
            "阿卜杜拉•买买提",
            "阿卜杜拉‧买买提",
            "阿卜杜拉 · 买买提",
            "阿卜杜拉.买买提",
        ] {
            assert_eq!(name(dotted), "阿卜杜拉·买买提", "{dotted}");
        }
        assert_eq!(name("Li  Ming"), "Li Ming");
    }

    #[test]
    fn student_numbers_stay_text() {
        assert_eq!(student_no("0012024"), Ok("0012024".into()));
        assert_eq!(student_no("'0012024"), Ok("0012024".into()));
        assert_eq!(student_no("００１２"), Ok("0012".into()));
        assert_eq!(student_no("2.02401E+17"), Err(Problem::Scientific));
        assert_eq!(
            student_no(" "),
            Err(Problem::Missing {
                field: RosterField::StudentNo,
            })
        );
    }

    #[test]
    fn classes_are_split_from_their_grade_when_they_carry_one() {
        let split = |s| split_grade(s).map(|(g, c)| format!("{g}|{c}"));
        assert_eq!(split("七年级3班").as_deref(), Some("七年级|3班"));
        assert_eq!(split("初一(3)班").as_deref(), Some("初一|3班"));
        assert_eq!(split("高二（5）班").as_deref(), Some("高二|5班"));
        assert_eq!(split("七(3)班").as_deref(), Some("七年级|3班"));
        assert_eq!(split("初一年级 03班").as_deref(), Some("初一年级|3班"));
        assert_eq!(split("3班"), None);
        assert_eq!(split("2024级3班"), None);
        assert_eq!(split("七年级"), None);
        assert_eq!(class_name("03"), "3班");
        assert_eq!(class_name("(3)班"), "3班");
        assert_eq!(class_name("实验班"), "实验班");
    }

    #[test]
    fn genders_statuses_years_and_phones() {
        assert_eq!(gender("Ｍ"), Ok(Some(Gender::Male)));
        assert_eq!(gender("女"), Ok(Some(Gender::Female)));
        assert_eq!(gender("未知"), Err(Problem::BadGender));
        assert_eq!(status(""), Ok(StudentStatus::Active));
        assert_eq!(status("休学"), Ok(StudentStatus::OnLeave));
        assert_eq!(status("已转出"), Ok(StudentStatus::TransferredOut));
        assert_eq!(enrollment_year("2024级"), Ok(Some(2024)));
        assert_eq!(enrollment_year("2024-09"), Ok(Some(2024)));
        assert_eq!(enrollment_year("24"), Err(Problem::BadYear));
        assert_eq!(phone("138 0013 8000"), Ok(Some("138 0013 8000".into())));
        assert_eq!(
            phone("0571-88888888/13800138000"),
            Ok(Some("0571-88888888/13800138000".into()))
        );
        assert_eq!(phone("无"), Err(Problem::BadPhone));
        assert_eq!(phone("123"), Err(Problem::BadPhone));
    }
}
