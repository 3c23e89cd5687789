//! The school's settings of casework: its levels of attention with their follow-up intervals and
//! badge colours, and its list of categories of concern. Both live in the plain settings table
//! (no student data), with defaults until a counselor changes them.

use super::Casework;
use chrono::Duration;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Deed, Field, Problem};
use crate::vault::required;
use crate::{Error, FileStatus, Result, Role};

/// The settings keys.
pub(crate) const LEVELS: &str = "levels";
const CATEGORIES: &str = "categories";

fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// A level of attention as the school defines it (never a diagnosis).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LevelDef {
    /// 1 is the most urgent.
    pub rank: u8,
    /// Its name in the UI, e.g. `一级`.
    pub name: String,
    /// Days until the next follow-up is due after one at this level.
    pub follow_up_days: u32,
    /// The badge colour (CSS hex, e.g. `#d93026`).
    #[serde(default)]
    pub color: String,
}

/// The default badge colours: red, orange, yellow, then a calm blue for any further level.
const LEVEL_COLORS: &[&str] = &["#d93026", "#e8710a", "#d4a106", "#1a73e8"];

/// The default categories of concern (a school edits the list).
pub fn default_categories() -> Vec<String> {
    [
        "学业压力",
        "人际关系",
        "家庭变故",
        "情绪困扰",
        "网络沉迷",
        "校园欺凌",
        "自伤风险",
        "其他",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// The default levels (PRODUCT.md): 一级 daily, 二级 weekly, 三级 monthly.
pub fn default_levels() -> Vec<LevelDef> {
    [("一级", 1), ("二级", 7), ("三级", 30)]
        .into_iter()
        .zip(1..)
        .map(|((name, days), rank)| LevelDef {
            rank,
            name: name.to_owned(),
            follow_up_days: days,
            color: LEVEL_COLORS[usize::from(rank - 1)].to_owned(),
        })
        .collect()
}

impl Casework<'_> {
    /// The school's levels (default 一级/二级/三级), most urgent first.
    pub fn levels(&self) -> Result<Vec<LevelDef>> {
        let mut levels: Vec<LevelDef> = match crate::meta::get(self.conn, LEVELS)? {
            Some(json) => serde_json::from_str(&json).map_err(|e| Error::Internal {
                detail: format!("stored levels unreadable: {e}"),
            })?,
            None => default_levels(),
        };
        for level in levels.iter_mut().filter(|l| l.color.is_empty()) {
            level.color = LEVEL_COLORS
                .get(usize::from(level.rank.saturating_sub(1)))
                .or(LEVEL_COLORS.last())
                .map_or_else(String::new, |c| (*c).to_owned());
        }
        Ok(levels)
    }

    /// Replace the school's levels (counselor). Ranks run 1, 2, 3, … in order; names are
    /// unique; intervals are 1–365 days. A level that open files are at cannot be removed.
    pub fn set_levels(&mut self, levels: Vec<LevelDef>) -> Result<Vec<LevelDef>> {
        self.require(&[Role::Counselor], Deed::SetLevels)?;
        let invalid = |problem: Problem| Error::invalid(Field::Levels, problem);
        if levels.is_empty() || levels.len() > 6 {
            return Err(invalid(Problem::LevelCount { min: 1, max: 6 }));
        }
        let mut names = std::collections::HashSet::new();
        let mut clean = Vec::with_capacity(levels.len());
        for (i, level) in levels.into_iter().enumerate() {
            let name = required(Field::LevelName, &level.name)?.to_owned();
            if !names.insert(name.clone()) {
                return Err(invalid(Problem::RepeatedLevelName));
            }
            if !(1..=365).contains(&level.follow_up_days) {
                return Err(invalid(Problem::FollowUpDays { min: 1, max: 365 }));
            }
            let color = if is_hex_color(&level.color) {
                level.color
            } else {
                LEVEL_COLORS
                    .get(i)
                    .or(LEVEL_COLORS.last())
                    .map_or_else(String::new, |c| (*c).to_owned())
            };
            clean.push(LevelDef {
                rank: u8::try_from(i + 1).unwrap_or(u8::MAX),
                name,
                follow_up_days: level.follow_up_days,
                color,
            });
        }
        let highest_in_use = self
            .warning_files()?
            .iter()
            .filter(|f| f.status != FileStatus::Closed)
            .map(|f| usize::from(f.level))
            .max()
            .unwrap_or(0);
        if highest_in_use > clean.len() {
            return Err(invalid(Problem::LevelInUse));
        }
        let json = serde_json::to_string(&clean).map_err(|e| Error::Internal {
            detail: format!("serialize levels: {e}"),
        })?;
        crate::meta::set(self.conn, LEVELS, &json)?;
        crate::vault::directory::vouch_setting(self.conn, &self.me().keyring, LEVELS)?;
        self.log(crate::access_log::Action::Update, "levels", "")?;
        Ok(clean)
    }

    /// The school's list of categories of concern.
    pub fn categories(&self) -> Result<Vec<String>> {
        match crate::meta::get(self.conn, CATEGORIES)? {
            Some(json) => serde_json::from_str(&json).map_err(|e| Error::Internal {
                detail: format!("stored categories unreadable: {e}"),
            }),
            None => Ok(default_categories()),
        }
    }

    /// Replace the list of categories (counselor): trimmed, blanks dropped, duplicates merged.
    /// Files keep the categories they were given.
    pub fn set_categories(&mut self, categories: Vec<String>) -> Result<Vec<String>> {
        self.require(&[Role::Counselor], Deed::SetCategories)?;
        let mut clean: Vec<String> = Vec::new();
        for c in categories {
            let c = c.trim();
            if c.chars().count() > 20 {
                return Err(Error::Invalid {
                    field: Field::Categories,
                    problem: Problem::CategoryTooLong { max: 20 },
                });
            }
            if !c.is_empty() && !clean.iter().any(|x| x == c) {
                clean.push(c.to_owned());
            }
        }
        if clean.is_empty() {
            return Err(Error::Invalid {
                field: Field::Categories,
                problem: Problem::KeepOneCategory,
            });
        }
        let json = serde_json::to_string(&clean).map_err(|e| Error::Internal {
            detail: format!("serialize categories: {e}"),
        })?;
        crate::meta::set(self.conn, CATEGORIES, &json)?;
        self.log(crate::access_log::Action::Update, "categories", "")?;
        Ok(clean)
    }

    /// How long after a follow-up at `level` the next one falls due.
    pub(crate) fn interval(&self, level: u8) -> Result<Duration> {
        let days = self
            .levels()?
            .into_iter()
            .find(|l| l.rank == level)
            .map(|l| l.follow_up_days)
            .ok_or(Error::invalid(Field::Levels, Problem::NoSuchLevel))?;
        Ok(Duration::days(i64::from(days)))
    }
}
