//! Screening instruments as data (`assets/instruments/*.toml`): items, response options,
//! reverse-scored items, subscales, bands, validity and critical-item rules; and scoring from
//! them. A school can add its own definition for a scale it holds a licence for; it is checked
//! on load and every problem is named.
//!
//! A score is a review task for a counselor, never a label: bands are ranges of a total, and a
//! critical item puts a student on the review list whatever the total.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ImportError, InstrumentProblem};

/// The instruments that ship with Xinyu.
pub const BUILTIN: &[&str] = &[
    include_str!("../../../assets/instruments/phq9.toml"),
    include_str!("../../../assets/instruments/phqa.toml"),
    include_str!("../../../assets/instruments/gad7.toml"),
];

/// One response option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ResponseOption {
    /// Its value.
    pub value: u8,
    /// Its label (e.g. 好几天).
    pub label: String,
}

/// One item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// 1-based number, as the paper form numbers it.
    pub number: u16,
    /// Its text (empty where the licence does not allow reproducing it).
    #[serde(default)]
    pub text: String,
    /// Scored in reverse (max + min − value).
    #[serde(default)]
    pub reverse: bool,
}

/// A subscale: the sum of some items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Subscale {
    /// Its id (e.g. `somatic`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// Item numbers.
    pub items: Vec<u16>,
}

/// A band of totals (both ends included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lowest total.
    pub min: u32,
    /// Highest total.
    pub max: u32,
    /// Its label (e.g. 中度): a range of scores, never a diagnosis.
    pub label: String,
}

/// A critical-item rule: an answer at or above `min` on `item`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CriticalRule {
    /// Item number.
    pub item: u16,
    /// Lowest value that triggers it.
    pub min: u8,
    /// What the counselor should do.
    pub message: String,
}

/// Validity rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Validity {
    /// Unanswered items tolerated (prorated); more make the result invalid.
    pub max_missing: u16,
}

/// An instrument definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Its id (`phq9`): lower-case letters, digits, `-` and `_`.
    pub id: String,
    /// Its full name.
    pub name: String,
    /// The short name shown in lists (PHQ-9).
    pub short_name: String,
    /// Its version.
    pub version: String,
    /// The licence note.
    pub licence: String,
    /// Instructions shown above the items.
    #[serde(default)]
    pub instructions: String,
    /// The default review threshold (a campaign may change it).
    pub review_threshold: u32,
    /// Response options, shared by every item.
    pub options: Vec<ResponseOption>,
    /// Items.
    pub items: Vec<Item>,
    /// Subscales.
    #[serde(default)]
    pub subscales: Vec<Subscale>,
    /// Validity rules.
    pub validity: Validity,
    /// Bands covering every possible total.
    pub bands: Vec<Band>,
    /// Critical-item rules.
    #[serde(default)]
    pub critical: Vec<CriticalRule>,
}

/// A critical rule that fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CriticalHit {
    /// Item number.
    pub item: u16,
    /// The answer given.
    pub value: u8,
    /// What to do.
    pub message: String,
}

/// A score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Score {
    /// The total (prorated over missing items); `None` when invalid.
    pub total: Option<u32>,
    /// The band's label; `None` when invalid.
    pub band: Option<String>,
    /// Subscale sums `(id, sum)`; empty when invalid.
    pub subscales: Vec<(String, u32)>,
    /// Items left unanswered.
    pub missing: u16,
    /// Why the result is invalid, if it is (too many missing items).
    pub invalid_reason: Option<String>,
    /// Critical items that fired (counted even when the result is invalid).
    pub critical: Vec<CriticalHit>,
}

impl Instrument {
    /// The largest definition read, in KiB: the longest real instrument is a few KiB.
    pub const MAX_DEFINITION_KB: usize = 256;

    /// Read and check a definition (TOML). Every problem is named, in Chinese and English. A
    /// file over [`Self::MAX_DEFINITION_KB`] is refused unread, and a reader that stops on a
    /// hostile file is reported as a file that is not TOML rather than taking the app down.
    pub fn from_toml(text: &str) -> Result<Instrument, ImportError> {
        if text.len() > Self::MAX_DEFINITION_KB * 1024 {
            return Err(ImportError::Instrument {
                problems: vec![InstrumentProblem::TooLarge {
                    max_kb: Self::MAX_DEFINITION_KB,
                }],
            });
        }
        std::panic::catch_unwind(|| Self::read_toml(text)).unwrap_or_else(|_| {
            Err(ImportError::Instrument {
                problems: vec![InstrumentProblem::NotToml {
                    detail: "the reader stopped on this file".to_owned(),
                }],
            })
        })
    }

    fn read_toml(text: &str) -> Result<Instrument, ImportError> {
        let def: Instrument = toml::from_str(text).map_err(|e| ImportError::Instrument {
            problems: vec![InstrumentProblem::NotToml {
                detail: e.message().to_owned(),
            }],
        })?;
        let problems = def.problems();
        if problems.is_empty() {
            Ok(def)
        } else {
            Err(ImportError::Instrument { problems })
        }
    }

    fn problems(&self) -> Vec<InstrumentProblem> {
        use InstrumentProblem as P;
        let mut p = Vec::new();
        let id_ok = !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !id_ok {
            p.push(P::BadId);
        }
        if self.name.trim().is_empty() || self.short_name.trim().is_empty() {
            p.push(P::NoName);
        }
        if self.options.is_empty() {
            p.push(P::NoOptions);
        }
        let mut values: Vec<u8> = self.options.iter().map(|o| o.value).collect();
        values.sort_unstable();
        if values.windows(2).any(|w| w[0] == w[1]) {
            p.push(P::RepeatedOptionValue);
        }
        if self.items.is_empty() {
            p.push(P::NoItems);
        }
        for (i, item) in self.items.iter().enumerate() {
            if usize::from(item.number) != i + 1 {
                p.push(P::ItemNumbering {
                    position: i + 1,
                    number: item.number,
                });
                break;
            }
        }
        let n = self.items.len();
        for s in &self.subscales {
            if let Some(bad) = s
                .items
                .iter()
                .find(|i| usize::from(**i) == 0 || usize::from(**i) > n)
            {
                p.push(P::SubscaleItem {
                    subscale: s.id.clone(),
                    item: *bad,
                });
            }
        }
        for c in &self.critical {
            if usize::from(c.item) == 0 || usize::from(c.item) > n {
                p.push(P::CriticalItem { item: c.item });
            }
        }
        if usize::from(self.validity.max_missing) >= n.max(1) {
            p.push(P::MaxMissing);
        }
        // Bands must cover every total from the lowest to the highest possible, without gaps
        // or overlaps, in order.
        let lo = u32::from(values.first().copied().unwrap_or(0)) * n as u32;
        let hi = u32::from(values.last().copied().unwrap_or(0)) * n as u32;
        let mut next = lo;
        for b in &self.bands {
            if b.min != next || b.max < b.min {
                p.push(P::BandsBroken { lo, hi, at: next });
                break;
            }
            next = b.max + 1;
        }
        if self.bands.is_empty()
            || (!p.iter().any(|m| matches!(m, P::BandsBroken { .. })) && next != hi + 1)
        {
            p.push(P::BandsShort { hi });
        }
        if self.review_threshold < lo || self.review_threshold > hi {
            p.push(P::Threshold { lo, hi });
        }
        p
    }

    fn max_value(&self) -> u8 {
        self.options.iter().map(|o| o.value).max().unwrap_or(0)
    }

    fn min_value(&self) -> u8 {
        self.options.iter().map(|o| o.value).min().unwrap_or(0)
    }

    /// Whether `value` is one of the options.
    pub fn is_option(&self, value: u8) -> bool {
        self.options.iter().any(|o| o.value == value)
    }

    /// The band a total falls in.
    pub fn band_of(&self, total: u32) -> Option<&Band> {
        self.bands.iter().find(|b| (b.min..=b.max).contains(&total))
    }

    /// Score item responses (`None`: unanswered), one per item in order. Values must be
    /// options (the importer checks them first).
    pub fn score(&self, responses: &[Option<u8>]) -> Score {
        let n = self.items.len();
        let scored: Vec<Option<u32>> = (0..n)
            .map(|i| {
                responses.get(i).copied().flatten().map(|v| {
                    // In u32: options of 200 and 100 would overflow a u8 sum.
                    let (max, min) = (u32::from(self.max_value()), u32::from(self.min_value()));
                    let v = u32::from(v).clamp(min, max);
                    if self.items[i].reverse {
                        max + min - v
                    } else {
                        v
                    }
                })
            })
            .collect();
        let missing = scored.iter().filter(|s| s.is_none()).count() as u16;
        let critical = self
            .critical
            .iter()
            .filter_map(|rule| {
                let raw = responses
                    .get(usize::from(rule.item) - 1)
                    .copied()
                    .flatten()?;
                (raw >= rule.min).then(|| CriticalHit {
                    item: rule.item,
                    value: raw,
                    message: rule.message.clone(),
                })
            })
            .collect();
        if missing > self.validity.max_missing {
            return Score {
                total: None,
                band: None,
                subscales: Vec::new(),
                missing,
                invalid_reason: Some(format!(
                    "有 {missing} 题未作答，超过允许的 {} 题：结果无效，需重新施测或面谈了解 \
                     ({missing} items unanswered, more than {} allowed: invalid, not zero)",
                    self.validity.max_missing, self.validity.max_missing
                )),
                critical,
            };
        }
        let answered = n - usize::from(missing);
        let sum: u32 = scored.iter().flatten().sum();
        // Prorate: the mean of the answered items stands in for the missing ones (rounded half
        // up, in integers).
        let total = if missing == 0 {
            sum
        } else {
            (2 * sum * n as u32 + answered as u32) / (2 * answered as u32)
        };
        let subscales = self
            .subscales
            .iter()
            .map(|s| {
                let v = s
                    .items
                    .iter()
                    .filter_map(|i| scored.get(usize::from(*i) - 1).copied().flatten())
                    .sum();
                (s.id.clone(), v)
            })
            .collect();
        Score {
            total: Some(total),
            band: self.band_of(total).map(|b| b.label.clone()),
            subscales,
            missing,
            invalid_reason: None,
            critical,
        }
    }
}

/// The instruments that ship with Xinyu, parsed.
pub fn builtin_instruments() -> Vec<Instrument> {
    BUILTIN
        .iter()
        .filter_map(|text| Instrument::from_toml(text).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_definition_loads() {
        for text in BUILTIN {
            let def = Instrument::from_toml(text).expect("valid definition");
            assert!(!def.items.is_empty());
        }
        assert_eq!(builtin_instruments().len(), BUILTIN.len());
    }

    #[test]
    fn a_definition_far_larger_than_any_instrument_is_refused_unread() {
        let huge = format!("id = \"x\"\nname = \"{}\"\n", "很".repeat(200_000));
        let Err(ImportError::Instrument { problems }) = Instrument::from_toml(&huge) else {
            panic!("refused");
        };
        assert_eq!(
            problems,
            vec![InstrumentProblem::TooLarge {
                max_kb: Instrument::MAX_DEFINITION_KB
            }]
        );
        assert!(
            ImportError::Instrument { problems }
                .to_string()
                .contains("文件太大（超过 256 KB）")
        );
    }

    /// Option values of 100 and 200 on a reversed item: their sum does not fit a u8.
    #[test]
    fn a_reversed_item_with_large_option_values_scores_without_overflow() {
        let def = Instrument::from_toml(
            r#"
            id = "wide"
            name = "宽分值量表"
            short_name = "WIDE"
            version = "1"
            licence = "测试用"
            instructions = "测试"
            review_threshold = 300
            options = [{ value = 100, label = "低" }, { value = 200, label = "高" }]
            items = [
              { number = 1, text = "一" },
              { number = 2, text = "二", reverse = true },
            ]
            [validity]
            max_missing = 0
            [[bands]]
            min = 200
            max = 400
            label = "全部"
            "#,
        )
        .expect("valid");
        let score = def.score(&[Some(200), Some(200)]);
        assert_eq!(score.total, Some(300), "200 + (200 + 100 - 200)");
    }
}
