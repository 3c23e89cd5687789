//! Triage: the school's crisis words and the default lexicon (patterns with a category and a
//! reason, in [`super::lexicon`]) that find a crisis however a student types it (full-width,
//! traditional forms, spaces and punctuation in between, pinyin, words a few characters apart).

pub use xinyu_import::normalize_for_matching;

use super::TERMS;
pub use super::lexicon::{CrisisCategory, CrisisHit, crisis_hits};
use crate::store::meta;
use crate::{Error, Result};

/// The school's own crisis words, or the default. They add to the built-in lexicon, which
/// always applies: a school can widen triage, never silence it.
pub(crate) fn crisis_terms(conn: &rusqlite::Connection) -> Result<Vec<String>> {
    match meta::get(conn, TERMS)? {
        Some(json) => serde_json::from_str(&json).map_err(|e| Error::Internal {
            detail: format!("stored crisis terms unreadable: {e}"),
        }),
        None => Ok(default_crisis_terms()),
    }
}

/// The default list of the school's words (a school edits it), plain phrases matched on
/// normalized text: full-width folded, traditional forms simplified, spaces and punctuation
/// removed, letters lower-cased. The built-in lexicon already covers them with guards; they stay
/// as the editable starting list.
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

/// Why `text` is urgent, as the counselor reads it (`自伤自杀 · 命中：跳…楼`): the built-in
/// lexicon's hits and the school's own `terms`. Empty when nothing matched.
pub fn crisis_terms_in(text: &str, terms: &[String]) -> Vec<String> {
    crisis_hits(text, terms)
        .iter()
        .map(ToString::to_string)
        .collect()
}
