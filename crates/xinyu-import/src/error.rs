//! Why a file handed over could not be read, an instrument definition could not be used, or a
//! cell was refused.
//!
//! Every problem is a code with parameters, serialized as `{"code": …, "params": {…}}`: the UI
//! words it in its own locale files, in Chinese or English. The `zh()`/`en()` text here is what
//! the CLI prints. Never a cell's content.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{RosterError, RosterField};

/// A file or definition that cannot be used; nothing was read from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file itself cannot be read as a table (empty, not a spreadsheet, damaged, unknown
    /// encoding, password-protected…).
    #[error("花名册文件：{0}")]
    File(RosterError),
    /// A screening file without a header the instrument can be read from: no 学号 column (or
    /// 姓名 and 班级), or neither every item nor a total.
    #[error(
        "测评文件：没有找到表头：需要“学号”（或“姓名”和“班级”）列，以及 {instrument} 的各题（如“第1题”…“第{items}题”、Q1…）或“总分”列 \
         (screening file: no header: need a student-number column, or name and class, and the item columns or a total)"
    )]
    NoScreeningHeader {
        /// The instrument's short name, e.g. `PHQ-9`.
        instrument: String,
        /// How many items the instrument has.
        items: usize,
    },
    /// An instrument definition (TOML) that is malformed or inconsistent: every problem found.
    #[error("量表定义：{}", join_problems(.problems))]
    Instrument {
        /// What is wrong, one entry per problem.
        problems: Vec<InstrumentProblem>,
    },
}

fn join_problems(problems: &[InstrumentProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("{} ({})", p.zh(), p.en()))
        .collect::<Vec<_>>()
        .join("；")
}

impl From<RosterError> for ImportError {
    fn from(e: RosterError) -> Self {
        ImportError::File(e)
    }
}

/// One thing wrong with an instrument definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, strum::EnumDiscriminants)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
#[strum_discriminants(
    name(InstrumentProblemCode),
    doc = "The code of an [`InstrumentProblem`], to list every one.",
    derive(strum::EnumIter, strum::IntoStaticStr),
    strum(serialize_all = "snake_case")
)]
#[non_exhaustive]
pub enum InstrumentProblem {
    /// Not TOML, or not the shape of an instrument; `detail` is the TOML reader's own message.
    NotToml {
        /// The reader's message (in English).
        detail: String,
    },
    /// The id uses characters other than lower-case letters, digits, `-` and `_`.
    BadId,
    /// `name` or `short_name` is empty.
    NoName,
    /// No response options.
    NoOptions,
    /// Two options share a value.
    RepeatedOptionValue,
    /// No items.
    NoItems,
    /// The definition is far larger than any instrument's (a wrong or hostile file).
    TooLarge {
        /// The largest definition read, in KiB.
        max_kb: usize,
    },
    /// Items are not numbered 1, 2, 3, …
    ItemNumbering {
        /// The item's position (1-based).
        position: usize,
        /// The number it has.
        number: u16,
    },
    /// A subscale names an item that does not exist.
    SubscaleItem {
        /// The subscale's id.
        subscale: String,
        /// The item it names.
        item: u16,
    },
    /// A critical rule names an item that does not exist.
    CriticalItem {
        /// The item it names.
        item: u16,
    },
    /// `max_missing` is not less than the number of items.
    MaxMissing,
    /// The bands leave a gap or overlap.
    BandsBroken {
        /// The lowest possible total.
        lo: u32,
        /// The highest possible total.
        hi: u32,
        /// Where the cover breaks.
        at: u32,
    },
    /// The bands stop below the highest total.
    BandsShort {
        /// The highest possible total.
        hi: u32,
    },
    /// The review threshold lies outside the possible totals.
    Threshold {
        /// The lowest possible total.
        lo: u32,
        /// The highest possible total.
        hi: u32,
    },
}

impl InstrumentProblem {
    /// The stable code, e.g. `bands_short`.
    pub fn code(&self) -> &'static str {
        InstrumentProblemCode::from(self).into()
    }

    /// In Chinese, as the CLI prints it.
    pub fn zh(&self) -> String {
        use InstrumentProblem as P;
        match self {
            P::NotToml { detail } => {
                format!("文件格式不正确（不是有效的 TOML 量表定义）：{detail}")
            }
            P::BadId => "id 只能用小写字母、数字、- 和 _".into(),
            P::NoName => "name 和 short_name 不能为空".into(),
            P::NoOptions => "没有作答选项".into(),
            P::RepeatedOptionValue => "作答选项的分值重复".into(),
            P::NoItems => "没有题目".into(),
            P::TooLarge { max_kb } => {
                format!("文件太大（超过 {max_kb} KB），不像是量表定义；请检查是否选错了文件")
            }
            P::ItemNumbering { position, number } => {
                format!("题号应从 1 起连续编号，第 {position} 个题目的题号是 {number}")
            }
            P::SubscaleItem { subscale, item } => {
                format!("分量表 {subscale} 引用了不存在的第 {item} 题")
            }
            P::CriticalItem { item } => format!("关键题规则引用了不存在的第 {item} 题"),
            P::MaxMissing => "允许缺答的题数必须少于题目数".into(),
            P::BandsBroken { lo, hi, at } => {
                format!("分数段须从 {lo} 到 {hi} 连续覆盖、不重叠：在 {at} 处断开")
            }
            P::BandsShort { hi } => format!("分数段须覆盖到最高分 {hi}"),
            P::Threshold { lo, hi } => format!("关注阈值应在 {lo} 到 {hi} 之间"),
        }
    }

    /// In English, as the CLI echoes it.
    pub fn en(&self) -> String {
        use InstrumentProblem as P;
        match self {
            P::NotToml { detail } => format!("not valid TOML for an instrument: {detail}"),
            P::BadId => "id: lower-case letters, digits, - and _".into(),
            P::NoName => "name and short_name are required".into(),
            P::NoOptions => "no response options".into(),
            P::RepeatedOptionValue => "two options share a value".into(),
            P::NoItems => "no items".into(),
            P::TooLarge { max_kb } => format!(
                "the file is larger than {max_kb} KB, too large for an instrument definition; check it is the right file"
            ),
            P::ItemNumbering { .. } => "items must be numbered 1, 2, 3, …".into(),
            P::SubscaleItem { subscale, item } => {
                format!("subscale {subscale} names item {item}, which does not exist")
            }
            P::CriticalItem { item } => {
                format!("a critical rule names item {item}, which does not exist")
            }
            P::MaxMissing => "max_missing must be less than the number of items".into(),
            P::BandsBroken { lo, hi, at } => format!(
                "bands must cover {lo}–{hi} in order without gaps or overlaps: broken at {at}"
            ),
            P::BandsShort { hi } => format!("bands must reach the highest total {hi}"),
            P::Threshold { lo, hi } => {
                format!("the review threshold must lie within {lo}–{hi}")
            }
        }
    }
}

/// Why one cell of an imported file was refused; never the cell's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, strum::EnumDiscriminants)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
#[strum_discriminants(
    name(CellProblemCode),
    doc = "The code of a [`CellProblem`], to list every one.",
    derive(strum::EnumIter, strum::IntoStaticStr),
    strum(serialize_all = "snake_case")
)]
#[non_exhaustive]
pub enum CellProblem {
    /// A required cell is empty.
    Missing {
        /// The field that must be filled.
        field: RosterField,
    },
    /// No grade column, and the class does not say the grade either.
    NoGrade,
    /// A long number that Excel turned into `2.02E+17`.
    Scientific,
    /// Not a date at all.
    BadDate,
    /// A year and month without a day.
    MonthOnly,
    /// A date before 1900 or after 2100.
    ImplausibleDate,
    /// Not 男 or 女.
    BadGender,
    /// Not a four-digit year.
    BadYear,
    /// Not one of 在读, 休学, 转出, 毕业.
    BadStatus,
    /// Not a phone number.
    BadPhone,
    /// The cell shows a formula error such as `#N/A` or `#REF!`.
    FormulaError,
    /// The same 学号 as an earlier row of a roster.
    SameNumberAs {
        /// The earlier row (1-based).
        first: usize,
    },
    /// The same student is on two rows of a screening file.
    StudentTwice,
    /// A screening answer that is not one of the instrument's options.
    BadAnswer {
        /// The item (1-based).
        item: usize,
        /// The valid values, e.g. `0/1/2/3`.
        options: String,
    },
    /// A screening total that is not a whole number in range.
    BadTotal {
        /// The highest possible total.
        max: u32,
    },
}

impl CellProblem {
    /// The stable code, e.g. `bad_gender`.
    pub fn code(&self) -> &'static str {
        CellProblemCode::from(self).into()
    }

    /// In Chinese, as the CLI prints it.
    pub fn zh(&self) -> String {
        use CellProblem as P;
        let text = match self {
            P::Missing { field } => return format!("缺少{}，这一项必须填写", field.label()),
            P::BadAnswer { item, options } => {
                return format!("第 {item} 题的答案不是有效选项（应为 {options}）");
            }
            P::BadTotal { max } => return format!("总分应是 0 到 {max} 的整数"),
            P::SameNumberAs { first } => {
                return format!("与第 {first} 行重复，请核对后只保留一行");
            }
            P::NoGrade => "看不出年级：请加一列「年级」，或把班级写成「七年级3班」",
            P::Scientific => {
                "学号被 Excel 显示成了科学计数法，后几位已经丢失；请把这一列设为文本后重新填写"
            }
            P::BadDate => "无法识别的日期，请写成 2011-03-05",
            P::MonthOnly => "日期只有年月、没有日，请写成 2011-03-05，或不导入这一列",
            P::ImplausibleDate => "日期不在合理范围内，请核对",
            P::BadGender => "无法识别的性别，请写「男」或「女」",
            P::BadYear => "无法识别的入学年份，请写成 2024 这样的四位年份",
            P::BadStatus => "无法识别的学籍状态，请写「在读」「休学」「转出」或「毕业」",
            P::BadPhone => "电话号码格式不对，请核对",
            P::FormulaError => "单元格是公式出错的结果（如 #N/A、#REF!），请在表格里改正后再导入",
            P::StudentTwice => "同一名学生在文件中出现了两次，请删去重复的一行",
        };
        text.to_owned()
    }

    /// In English, as the CLI echoes it.
    pub fn en(&self) -> String {
        use CellProblem as P;
        let text = match self {
            P::Missing { field } => return format!("the {} is required", field.label_en()),
            P::BadAnswer { item, options } => {
                return format!("item {item}: not a valid answer ({options})");
            }
            P::BadTotal { max } => return format!("the total must be a whole number 0–{max}"),
            P::SameNumberAs { first } => {
                return format!("same student number as row {first}: keep one row");
            }
            P::NoGrade => "no grade: add a grade column or write the grade in the class",
            P::Scientific => "student number in scientific notation: digits were lost",
            P::BadDate => "unrecognised date",
            P::MonthOnly => "date has no day",
            P::ImplausibleDate => "implausible date",
            P::BadGender => "unrecognised gender",
            P::BadYear => "unrecognised enrollment year",
            P::BadStatus => "unrecognised status",
            P::BadPhone => "malformed phone number",
            P::FormulaError => "the cell holds a formula error",
            P::StudentTwice => "the same student appears twice: remove one row",
        };
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instrument_problem_shows_as_its_field_and_text_and_carries_its_code() {
        let e = ImportError::Instrument {
            problems: vec![
                InstrumentProblem::NoItems,
                InstrumentProblem::BandsShort { hi: 27 },
            ],
        };
        assert_eq!(
            e.to_string(),
            "量表定义：没有题目 (no items)；分数段须覆盖到最高分 27 (bands must reach the highest total 27)"
        );
        let json = serde_json::to_value(InstrumentProblem::BandsShort { hi: 27 }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "bands_short", "params": {"hi": 27}})
        );
        assert_eq!(
            InstrumentProblem::BandsShort { hi: 27 }.code(),
            "bands_short"
        );
    }

    #[test]
    fn a_cell_problem_serializes_as_the_code_its_discriminant_names() {
        let p = CellProblem::Missing {
            field: RosterField::ClassName,
        };
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["code"], p.code());
        assert_eq!(json["params"]["field"], "class_name");
        assert_eq!(
            serde_json::to_value(CellProblem::BadGender).unwrap(),
            serde_json::json!({"code": "bad_gender"})
        );
    }
}
