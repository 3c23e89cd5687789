//! Triage: the crisis lexicon and the matching that finds its words however a student types
//! them (full-width, traditional forms, spaces and punctuation in between).

pub use xinyu_import::normalize_for_matching;

use super::TERMS;
use crate::store::meta;
use crate::{Error, Result};

/// The crisis lexicon the school set, or the default.
pub(crate) fn crisis_terms(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    match meta::get(conn, TERMS)? {
        Some(json) => serde_json::from_str(&json).map_err(|e| Error::Internal {
            detail: format!("stored crisis terms unreadable: {e}"),
        }),
        None => Ok(default_crisis_terms()),
    }
}

/// The default crisis lexicon (a school edits it). Matched on normalized text: full-width
/// folded, traditional forms simplified, spaces and punctuation removed, letters lower-cased.
pub fn default_crisis_terms() -> Vec<String> {
    [
        "自杀",
        "不想活",
        "活着没意思",
        "活着没有意思",
        "想死",
        "去死",
        "割腕",
        "跳楼",
        "遗书",
        "安眠药",
        "轻生",
        "结束生命",
        "结束自己",
        "死了算了",
        "不如死了",
        "伤害自己",
        "自残",
        "紫砂",
        "zisha",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// The crisis terms found in `text` (as configured).
pub fn crisis_terms_in(text: &str, terms: &[String]) -> Vec<String> {
    let haystack = normalize_for_matching(text);
    terms
        .iter()
        .filter(|t| {
            let needle = normalize_for_matching(t);
            !needle.is_empty() && haystack.contains(&needle)
        })
        .cloned()
        .collect()
}
