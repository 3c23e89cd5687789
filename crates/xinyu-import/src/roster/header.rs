//! Finding the header row under title rows, and guessing each column's field from header text
//! as schools write it: Chinese or English, full-width, spaced, bracketed, or over two rows.

use super::values::{clean_cell, halfwidth};
use super::{Grid, RosterField};

/// How many rows from the top may hold the header.
const SCAN_ROWS: usize = 20;

/// A column's guessed field and its rank (lower is better).
type Guess = Option<(RosterField, u8)>;

/// Where the table starts and what its columns hold.
#[derive(Debug)]
pub(super) struct Table {
    /// Index in `Grid::rows` of the header (the upper row of a two-row header).
    pub(super) header_index: usize,
    /// Index in `Grid::rows` of the first data row.
    pub(super) first_data_index: usize,
    /// Header text per grid column.
    pub(super) headers: Vec<String>,
    /// Guessed field per grid column; a one-per-student field is guessed for one column only.
    pub(super) fields: Vec<Option<RosterField>>,
}

/// The first of the top rows with at least two recognised column names, preferring one that
/// has 学号 or 姓名 (a line like `班级 | 七(3)班 | 班主任 | 王老师` above the table is skipped).
pub(super) fn locate(grid: &Grid) -> Option<Table> {
    let mut fallback = None;
    let mut chosen = None;
    for (i, (_, cells)) in grid.rows.iter().take(SCAN_ROWS).enumerate() {
        let mut fields: Vec<RosterField> = cells
            .iter()
            .filter_map(|c| field_of(c).map(|(f, _)| f))
            .collect();
        fields.sort_by_key(|f| *f as u8);
        fields.dedup();
        if fields.len() < 2 {
            continue;
        }
        if fields.contains(&RosterField::StudentNo) || fields.contains(&RosterField::Name) {
            chosen = Some(i);
            break;
        }
        fallback.get_or_insert(i);
    }
    let header_index = chosen.or(fallback)?;
    let top: Vec<String> = grid
        .rows
        .get(header_index)?
        .1
        .iter()
        .map(|c| clean_cell(c))
        .collect();
    let sub: Vec<String> = grid
        .rows
        .get(header_index + 1)
        .map(|(_, cells)| cells.iter().map(|c| clean_cell(c)).collect())
        .unwrap_or_default();

    let mut table = match two_row_header(&top, &sub) {
        Some((headers, guesses)) => Table {
            header_index,
            first_data_index: header_index + 2,
            headers,
            fields: Vec::new(),
        }
        .with_guesses(guesses),
        None => {
            let guesses = top.iter().map(|h| field_of(h)).collect();
            Table {
                header_index,
                first_data_index: header_index + 1,
                headers: top,
                fields: Vec::new(),
            }
            .with_guesses(guesses)
        }
    };
    table
        .headers
        .iter_mut()
        .for_each(|h| *h = h.trim().to_owned());
    Some(table)
}

impl Table {
    /// Keep each one-per-student field on its best-ranked column (the first on a tie).
    fn with_guesses(mut self, guesses: Vec<Guess>) -> Self {
        let mut fields: Vec<Option<RosterField>> =
            guesses.iter().map(|g| g.map(|(f, _)| f)).collect();
        for field in RosterField::ALL.iter().filter(|f| !f.repeatable()) {
            let best = guesses
                .iter()
                .enumerate()
                .filter_map(|(i, g)| g.filter(|(f, _)| f == field).map(|(_, rank)| (rank, i)))
                .min();
            if let Some((_, keep)) = best {
                for (i, slot) in fields.iter_mut().enumerate() {
                    if *slot == Some(*field) && i != keep {
                        *slot = None;
                    }
                }
            }
        }
        self.fields = fields;
        self
    }
}

/// A header over two rows: a group label such as `监护人信息` merged across `姓名 | 电话`, or
/// `联系电话` across `父亲 | 母亲`. Returns the combined headers and guesses when the row under
/// the header is mostly column names rather than data.
fn two_row_header(top: &[String], sub: &[String]) -> Option<(Vec<String>, Vec<Guess>)> {
    let width = top.len().max(sub.len());
    let cell = |row: &[String], c: usize| row.get(c).cloned().unwrap_or_default();
    // A group label spans the empty top cells to its right (a merge that CSV lost).
    let mut groups = Vec::with_capacity(width);
    let mut last = String::new();
    for c in 0..width {
        let t = cell(top, c);
        if !t.is_empty() {
            last.clone_from(&t);
            groups.push(t);
        } else if !cell(sub, c).is_empty() {
            groups.push(last.clone());
        } else {
            last.clear();
            groups.push(String::new());
        }
    }
    // A data row has a 学号, a date or a phone number; a header row has no long numbers.
    if sub
        .iter()
        .any(|s| s.chars().filter(char::is_ascii_digit).count() >= 4)
    {
        return None;
    }
    let candidates: Vec<usize> = (0..width)
        .filter(|&c| {
            let s = cell(sub, c);
            !s.is_empty() && s != cell(top, c)
        })
        .collect();
    let named = candidates
        .iter()
        .filter(|&&c| sub_field(groups.get(c).map_or("", String::as_str), &cell(sub, c)).is_some())
        .count();
    if named == 0 || named * 2 < candidates.len() {
        return None;
    }
    let mut headers = Vec::with_capacity(width);
    let mut guesses = Vec::with_capacity(width);
    for c in 0..width {
        let (g, s) = (groups.get(c).cloned().unwrap_or_default(), cell(sub, c));
        if s.is_empty() || s == g {
            guesses.push(field_of(&g));
            headers.push(g);
        } else if g.is_empty() {
            guesses.push(field_of(&s));
            headers.push(s);
        } else {
            guesses.push(sub_field(&g, &s).map(|f| (f, 0)));
            headers.push(format!("{g}/{s}"));
        }
    }
    Some((headers, guesses))
}

/// The field of a sub-header cell `sub` under the group label `group`.
fn sub_field(group: &str, sub: &str) -> Option<RosterField> {
    let s = field_of(sub).map(|(f, _)| f);
    let g = field_of(group).map(|(f, _)| f);
    if is_guardian_group(group) {
        return match s {
            Some(RosterField::Name) | Some(RosterField::GuardianName) => {
                Some(RosterField::GuardianName)
            }
            Some(f @ (RosterField::GuardianPhone | RosterField::GuardianRelation)) => Some(f),
            _ => None,
        };
    }
    match (g, s) {
        // `联系电话` over `父亲 | 母亲`.
        (Some(f @ (RosterField::GuardianPhone | RosterField::GuardianName)), _)
            if kinship(sub).is_some() =>
        {
            Some(f)
        }
        (_, Some(f)) => Some(f),
        (Some(f), None) => Some(f),
        (None, None) => None,
    }
}

/// The field a header names, with a rank (lower is a better match among columns naming the
/// same field: `学号` beats `学籍号`).
pub(super) fn field_of(raw: &str) -> Option<(RosterField, u8)> {
    if raw.trim().is_empty() {
        return None;
    }
    if let Some(hit) = alias(&norm(&strip_brackets(raw))).or_else(|| alias(&norm(raw))) {
        return Some(hit);
    }
    // Bilingual headers: `姓名 Name`, `学号/Student No.`, `出生日期（Date of birth）`.
    let mut found: Option<(RosterField, u8)> = None;
    for token in tokens(raw) {
        if let Some(hit) = alias(&norm(&token)) {
            match found {
                Some((f, _)) if f != hit.0 => return None,
                Some(_) => {}
                None => found = Some(hit),
            }
        }
    }
    found
}

/// Lower-case, half-width, without spaces or punctuation.
fn norm(s: &str) -> String {
    halfwidth(s)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !is_cjk_punctuation(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '·'
            | '・'
            | '：'
            | '；'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '＊'
            | '※'
            | '★'
            | '☆'
            | '●'
            | '▲'
    )
}

fn is_open(c: char) -> bool {
    matches!(
        c,
        '(' | '（' | '[' | '【' | '〔' | '<' | '《' | '〈' | '{' | '［'
    )
}

fn is_close(c: char) -> bool {
    matches!(
        c,
        ')' | '）' | ']' | '】' | '〕' | '>' | '》' | '〉' | '}' | '］'
    )
}

/// `出生日期(yyyy-mm-dd)` → `出生日期`.
fn strip_brackets(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        } else if depth == 0 {
            out.push(c);
        }
    }
    out
}

/// Pieces of a header split at slashes, brackets, line breaks and Chinese/Latin boundaries.
fn tokens(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_cjk: Option<bool> = None;
    for c in halfwidth(raw).chars() {
        let separator = matches!(
            c,
            '/' | '\\' | '|' | '、' | '\n' | '\r' | ',' | '，' | ';' | '；'
        ) || is_open(c)
            || is_close(c);
        if separator {
            out.push(std::mem::take(&mut cur));
            cur_cjk = None;
            continue;
        }
        // Digits, spaces and punctuation never start a new piece: `3班` stays whole.
        if c.is_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit() {
            cur.push(c);
            continue;
        }
        let cjk = !c.is_ascii();
        if cur_cjk.is_some_and(|k| k != cjk) {
            out.push(std::mem::take(&mut cur));
        }
        cur_cjk = Some(cjk);
        cur.push(c);
    }
    out.push(cur);
    // A one-character piece (`班`, `ID` aside) is too weak to name a column on its own.
    out.retain(|t| norm(t).chars().count() >= 2);
    out
}

const PHONES: &[&str] = &[
    "电话",
    "联系电话",
    "手机",
    "手机号",
    "手机号码",
    "电话号码",
    "联系方式",
    "联系手机",
    "移动电话",
    "联系号码",
    "家庭电话",
    "宅电",
    "phone",
    "phoneno",
    "phonenumber",
    "mobile",
    "mobileno",
    "mobilephone",
    "tel",
    "telephone",
    "cell",
    "cellphone",
    "contactnumber",
    "contactphone",
    "contactno",
];

const RELATIONS: &[&str] = &[
    "关系",
    "与学生关系",
    "与学生的关系",
    "与本人关系",
    "与本人的关系",
    "与该生关系",
    "亲属关系",
    "称谓",
    "relation",
    "relationship",
    "relationtostudent",
];

const GUARDIAN_NAMES: &[&str] = &["", "姓名", "名字", "name", "fullname"];

/// Words that open a guardian column's header, longest first.
const GUARDIAN_PREFIXES: &[&str] = &[
    "emergencycontact",
    "第一监护人",
    "第二监护人",
    "紧急联系人",
    "guardian",
    "监护人",
    "parent",
    "father",
    "mother",
    "contact",
    "家长",
    "父亲",
    "母亲",
    "爸爸",
    "妈妈",
    "爷爷",
    "奶奶",
    "外公",
    "外婆",
    "祖父",
    "祖母",
    "联系人",
    "父",
    "母",
];

fn alias(n: &str) -> Option<(RosterField, u8)> {
    use RosterField as F;
    let hit = match n {
        "学号" | "学生学号" | "学生号" | "校内学号" | "学号码" => (F::StudentNo, 0),
        "学生编号" | "studentno" | "studentnumber" | "studentid" | "id" | "sid" => {
            (F::StudentNo, 1)
        }
        "学籍号" | "全国学籍号" | "学籍号码" | "学籍编号" | "国家学籍号" | "省学籍号" => {
            (F::StudentNo, 2)
        }
        "姓名" | "学生姓名" | "名字" | "学生名字" | "name" | "studentname" | "fullname" => {
            (F::Name, 0)
        }
        "学生" => (F::Name, 1),
        "性别" | "gender" | "sex" => (F::Gender, 0),
        "出生日期" | "出生年月" | "出生年月日" | "生日" | "出生时间" | "出生日" | "dateofbirth"
        | "birthdate" | "birthday" | "dob" | "birth" => (F::DateOfBirth, 0),
        "年级" | "所在年级" | "年级名称" | "grade" | "gradelevel" => (F::Grade, 0),
        "班级" | "班" | "班别" | "班级名称" | "所在班级" | "行政班" | "班号" | "年级班级"
        | "年级班别" | "class" | "classname" => (F::ClassName, 0),
        "入学年份" | "入学年度" | "入学年" | "入学时间" | "入学年月" | "入学日期" | "届别"
        | "enrollmentyear" | "enrolmentyear" | "yearofenrollment" | "entryyear" | "intakeyear"
        | "cohort" => (F::EnrollmentYear, 0),
        "班主任" | "班主任姓名" | "班主任老师" | "班主任教师" | "homeroomteacher"
        | "classteacher" | "headteacher" | "formteacher" => (F::HomeroomTeacher, 0),
        "状态" | "学籍状态" | "在校状态" | "学生状态" | "在读状态" | "在籍状态" | "status"
        | "studentstatus" | "enrollmentstatus" => (F::Status, 0),
        _ => return guardian_alias(n).map(|f| (f, 0)),
    };
    Some(hit)
}

fn guardian_alias(n: &str) -> Option<RosterField> {
    if PHONES.contains(&n) {
        return Some(RosterField::GuardianPhone);
    }
    if RELATIONS.contains(&n) {
        return Some(RosterField::GuardianRelation);
    }
    let rest = guardian_rest(n)?;
    if GUARDIAN_NAMES.contains(&rest) {
        Some(RosterField::GuardianName)
    } else if PHONES.contains(&rest) {
        Some(RosterField::GuardianPhone)
    } else if RELATIONS.contains(&rest) {
        Some(RosterField::GuardianRelation)
    } else {
        None
    }
}

/// What follows a guardian prefix (and an optional number: `监护人1电话`, `家长二姓名`).
fn guardian_rest(n: &str) -> Option<&str> {
    let prefix = GUARDIAN_PREFIXES.iter().find(|p| n.starts_with(*p))?;
    let rest = n.get(prefix.len()..)?;
    let rest = rest.trim_start_matches(['1', '2', '3', '一', '二', '三']);
    Some(rest.strip_prefix('的').unwrap_or(rest))
}

/// `监护人信息`, `家长`, `父亲情况`: a label over guardian sub-columns.
fn is_guardian_group(raw: &str) -> bool {
    guardian_rest(&norm(&strip_brackets(raw)))
        .is_some_and(|rest| matches!(rest, "" | "信息" | "情况" | "资料" | "info" | "information"))
}

/// The relation a header implies: `父亲姓名` → 父亲, `Mother phone` → 母亲.
pub(super) fn kinship(header: &str) -> Option<&'static str> {
    let n = norm(header);
    const WORDS: &[(&str, &str)] = &[
        ("父亲", "父亲"),
        ("爸爸", "父亲"),
        ("father", "父亲"),
        ("母亲", "母亲"),
        ("妈妈", "母亲"),
        ("mother", "母亲"),
        ("爷爷", "爷爷"),
        ("祖父", "祖父"),
        ("奶奶", "奶奶"),
        ("祖母", "祖母"),
        ("外公", "外公"),
        ("外祖父", "外祖父"),
        ("外婆", "外婆"),
        ("外祖母", "外祖母"),
    ];
    if let Some((_, word)) = WORDS.iter().find(|(w, _)| n.contains(w)) {
        return Some(word);
    }
    if n.starts_with('父') {
        Some("父亲")
    } else if n.starts_with('母') {
        Some("母亲")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RosterField as F;

    fn f(h: &str) -> Option<RosterField> {
        field_of(h).map(|(f, _)| f)
    }

    #[test]
    fn headers_are_recognised_through_spacing_width_brackets_and_language() {
        assert_eq!(f(" 学 号 "), Some(F::StudentNo));
        assert_eq!(f("＊学号（必填）"), Some(F::StudentNo));
        assert_eq!(f("出生日期(yyyy-mm-dd)"), Some(F::DateOfBirth));
        assert_eq!(f("Student No."), Some(F::StudentNo));
        assert_eq!(f("Date of birth"), Some(F::DateOfBirth));
        assert_eq!(f("姓名 Name"), Some(F::Name));
        assert_eq!(f("ＤＯＢ"), Some(F::DateOfBirth));
        assert_eq!(f("年级/班级"), Some(F::ClassName));
        assert_eq!(f("父亲姓名"), Some(F::GuardianName));
        assert_eq!(f("监护人1电话"), Some(F::GuardianPhone));
        assert_eq!(f("与学生关系"), Some(F::GuardianRelation));
        assert_eq!(f("Guardian phone"), Some(F::GuardianPhone));
        assert_eq!(f("班主任"), Some(F::HomeroomTeacher));
    }

    #[test]
    fn titles_notes_and_unrelated_columns_are_not_headers() {
        for h in [
            "XX中学2024级七年级学生花名册",
            "制表日期：2024年9月1日",
            "序号",
            "身份证号",
            "家庭住址",
            "备注",
            "班主任 电话",
            "家长工作单位",
        ] {
            assert_eq!(f(h), None, "{h}");
        }
    }

    #[test]
    fn kinship_is_read_from_guardian_headers() {
        assert_eq!(kinship("父亲姓名"), Some("父亲"));
        assert_eq!(kinship("母 电话"), Some("母亲"));
        assert_eq!(kinship("Mother phone"), Some("母亲"));
        assert_eq!(kinship("家长电话"), None);
    }
}
