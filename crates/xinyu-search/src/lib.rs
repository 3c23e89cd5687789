//! 心语 Xinyu's student search: search as you type over a roster, by name, 学号, class, pinyin
//! initials or full pinyin (`zs`, `zhangsan` find 张三).
//!
//! A pure, in-memory index: the caller hands it [`SearchEntry`]s (the core builds them from the
//! unlocked roster) and scans it per keystroke. It does no I/O, knows no vault or database, and
//! keeps names out of `Debug` output.

use std::collections::HashMap;
use std::fmt;

use pinyin::ToPinyinMulti;
use serde::Serialize;
use ts_rs::TS;

/// Score of an exact 学号.
const EXACT_NO: u32 = 1000;
/// Score of a 学号 equal to the query once leading zeros are dropped from both
/// (`12024` for `0012024`).
const EXACT_NO_ZEROS: u32 = 990;
/// Score of an exact name.
const EXACT_NAME: u32 = 900;
/// Score of a name that starts with the query.
const NAME_PREFIX: u32 = 800;
/// Score of pinyin initials that start with the query (`zs` for 张三丰).
const INITIALS_PREFIX: u32 = 700;
/// Score of full (or mixed) pinyin that starts with the query (`zhangs` for 张三).
const PINYIN_PREFIX: u32 = 600;
/// Added to a pinyin score when the query covers every character of the name (`zs` for 张三).
const WHOLE_NAME_BONUS: u32 = 50;
/// Score of a 学号 that starts with the query.
const NO_PREFIX: u32 = 520;
/// Score of a query found inside the name or the 学号.
const SUBSTRING: u32 = 500;
/// Score of pinyin that matches from a later character (`sf` or `sanfeng` for 张三丰).
const PINYIN_INNER: u32 = 450;
/// Score of a query equal to the grade, the class, or both together.
const CLASS_EXACT: u32 = 320;
/// Score of a query found inside grade and class (`七年级3班`, `3班`).
const CLASS_SUBSTRING: u32 = 300;

/// Longest query word, in bytes, tried as pinyin: bounds the matcher's work on pasted text.
const MAX_PINYIN_QUERY: usize = 64;

// The bonus never lifts a match into the tier above.
const _: () = assert!(
    INITIALS_PREFIX + WHOLE_NAME_BONUS < NAME_PREFIX
        && PINYIN_PREFIX + WHOLE_NAME_BONUS < INITIALS_PREFIX
);

/// Characters that may stand between the parts of a name and are ignored for matching:
/// middle dots of every common kind, the ASCII dot, and pinyin apostrophes.
const IGNORED: &[char] = &['·', '・', '•', '‧', '･', '∙', '⋅', 'ᐧ', '.', '\'', '’', '‘'];

/// One student as the index sees it: what the counselor can search by.
#[derive(Clone, PartialEq, Eq)]
pub struct SearchEntry {
    /// The student's id, returned in hits.
    pub id: String,
    /// 学号, leading zeros kept.
    pub student_no: String,
    /// Name as written, rare characters and middle dots included.
    pub name: String,
    /// Grade, e.g. `七年级`.
    pub grade: String,
    /// Class, e.g. `3班`.
    pub class_name: String,
}

/// Shows only the id: names and 学号 stay out of logs.
impl fmt::Debug for SearchEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchEntry")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl SearchEntry {
    /// An entry from its five parts.
    pub fn new(
        id: impl Into<String>,
        student_no: impl Into<String>,
        name: impl Into<String>,
        grade: impl Into<String>,
        class_name: impl Into<String>,
    ) -> Self {
        SearchEntry {
            id: id.into(),
            student_no: student_no.into(),
            name: name.into(),
            grade: grade.into(),
            class_name: class_name.into(),
        }
    }
}

/// What made a student match; for a query of several words, the best word's reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The 学号: exact, with or without leading zeros, its start, or a part of it.
    StudentNo,
    /// The name: exact, its start, or a part of it.
    Name,
    /// Pinyin initials, e.g. `zs` for 张三.
    Initials,
    /// Full or mixed pinyin, e.g. `zhangsan`, `zhangs` or `zhsan` for 张三.
    FullPinyin,
    /// Grade and class, e.g. `七年级3班` or `3班`.
    Class,
}

/// One student found by a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    /// The student's id.
    pub id: String,
    /// Higher is better; comparable only among the hits of one query.
    pub score: u32,
    /// Why the student matched.
    pub matched: MatchKind,
}

/// The in-memory roster index: every student's searchable forms, precomputed once.
///
/// Ranking, best first: exact 学号 > exact name > name prefix > pinyin initials prefix >
/// full-pinyin prefix > part of the name or 学号 > grade and class; ties by 学号. A query of
/// several words matches students that match every word (`七年级 zs`).
///
/// ```
/// use xinyu_search::{MatchKind, SearchEntry, SearchIndex};
///
/// let index = SearchIndex::build([SearchEntry {
///     id: "s1".into(),
///     student_no: "2024001".into(),
///     name: "张三".into(),
///     grade: "七年级".into(),
///     class_name: "3班".into(),
/// }]);
/// let hits = index.search("zs", 20);
/// assert_eq!((hits[0].id.as_str(), hits[0].matched), ("s1", MatchKind::Initials));
/// assert_eq!(index.search("七年级 zhang san", 20).len(), 1);
/// assert_eq!(format!("{index:?}"), "SearchIndex { len: 1 }");
/// ```
#[derive(Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Indexed>,
    by_id: HashMap<String, usize>,
}

/// Shows only the number of students: no name ever reaches a log.
impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchIndex")
            .field("len", &self.entries.len())
            .finish()
    }
}

impl SearchIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// An index of these students; a repeated id keeps the last entry.
    pub fn build(entries: impl IntoIterator<Item = SearchEntry>) -> Self {
        let entries = entries.into_iter();
        let mut index = SearchIndex {
            entries: Vec::with_capacity(entries.size_hint().0),
            by_id: HashMap::with_capacity(entries.size_hint().0),
        };
        for entry in entries {
            index.upsert(entry);
        }
        index
    }

    /// Adds a student, or replaces the one with the same id.
    pub fn upsert(&mut self, entry: SearchEntry) {
        let indexed = Indexed::new(entry);
        match self.by_id.get(&indexed.id) {
            Some(&i) => self.entries[i] = indexed,
            None => {
                self.by_id.insert(indexed.id.clone(), self.entries.len());
                self.entries.push(indexed);
            }
        }
    }

    /// Removes the student with this id, if present.
    pub fn remove(&mut self, id: &str) {
        let Some(i) = self.by_id.remove(id) else {
            return;
        };
        self.entries.swap_remove(i);
        if let Some(moved) = self.entries.get(i) {
            self.by_id.insert(moved.id.clone(), i);
        }
    }

    /// The students matching `query`, best first, at most `limit`. An empty query finds nothing.
    ///
    /// The query is trimmed, lowercased and made half-width; words separated by spaces must
    /// all match, except that consecutive words of Latin letters are one pinyin word
    /// (`zhang san` is `zhangsan`).
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let tokens = tokenize(query);
        if tokens.is_empty() || limit == 0 {
            return Vec::new();
        }
        // Best score first, then by 学号: its first 16 bytes are compared inline, the rest (and
        // the id, for a total order) only on a tie.
        let order = |a: &Hit, b: &Hit| {
            b.score
                .cmp(&a.score)
                .then(a.no_key.cmp(&b.no_key))
                .then_with(|| {
                    let (ea, eb) = (&self.entries[a.i], &self.entries[b.i]);
                    ea.no.cmp(&eb.no).then_with(|| ea.id.cmp(&eb.id))
                })
        };
        // Keep at most about twice `limit` hits: when the buffer fills, cut it to the best
        // `limit`, and from then on skip any hit that is not better than the worst one kept.
        let prune_at = limit.saturating_mul(2).max(64);
        let mut hits: Vec<Hit> = Vec::new();
        let mut worst_kept: Option<Hit> = None;
        'entries: for (i, e) in self.entries.iter().enumerate() {
            let (mut score, mut best) = (0u32, None::<(u32, MatchKind)>);
            for t in &tokens {
                let Some((s, kind)) = e.score(t) else {
                    continue 'entries;
                };
                score += s;
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, kind));
                }
            }
            let Some((_, kind)) = best else { continue };
            let hit = Hit {
                score,
                no_key: e.no_key,
                kind,
                i,
            };
            if worst_kept.is_some_and(|w| order(&hit, &w).is_ge()) {
                continue;
            }
            hits.push(hit);
            if hits.len() >= prune_at {
                hits.select_nth_unstable_by(limit - 1, order);
                hits.truncate(limit);
                worst_kept = hits.last().copied();
            }
        }
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        hits.into_iter()
            .map(|h| SearchHit {
                id: self.entries[h.i].id.clone(),
                score: h.score,
                matched: h.kind,
            })
            .collect()
    }

    /// How many students the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the index holds no student.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A match found by the scan, with what ranking needs kept inline.
#[derive(Clone, Copy)]
struct Hit {
    score: u32,
    no_key: u128,
    kind: MatchKind,
    i: usize,
}

/// One character of a name with the ways it can be typed.
#[derive(Clone)]
struct Unit {
    /// The character itself (lowercased).
    ch: char,
    /// Bits of the letters its readings start with (or of itself, for a Latin letter or digit).
    initials: u64,
    /// Toneless pinyin readings, ü written `v` and `u`; empty for a character without one.
    readings: Box<[&'static str]>,
}

/// A student's precomputed, normalised forms and the bit masks that let a scan skip it cheaply.
#[derive(Clone)]
struct Indexed {
    id: String,
    /// 学号, normalised.
    no: String,
    /// The first 16 bytes of `no`, big-endian: sorts as `no` does, up to its 16th byte.
    no_key: u128,
    /// Byte offset past the leading zeros of `no`.
    no_digits_from: usize,
    /// Name, normalised: lowercase, half-width, no spaces or middle dots.
    name: String,
    /// Grade followed by class, normalised.
    class: String,
    /// Byte offset where the class starts in `class`.
    class_from: usize,
    units: Box<[Unit]>,
    no_bits: u64,
    name_bits: u64,
    class_bits: u64,
    /// Initials of the first character.
    first_initials: u64,
    /// Initials of all characters.
    any_initials: u64,
    /// Every letter of every reading, and the name's Latin letters and digits.
    letters: u64,
}

impl Indexed {
    fn new(e: SearchEntry) -> Self {
        let no = normalize(&e.student_no);
        let name = normalize(&e.name);
        let grade = normalize(&e.grade);
        let class_from = grade.len();
        let class = grade + &normalize(&e.class_name);
        let units: Box<[Unit]> = name.chars().map(unit).collect();
        let mut letters = 0;
        for u in &units {
            letters |= u.initials;
            for r in &u.readings {
                letters |= bits(r);
            }
        }
        Indexed {
            no_key: sort_key(&no),
            no_digits_from: no.len() - no.trim_start_matches('0').len(),
            no_bits: bits(&no),
            name_bits: bits(&name),
            class_bits: bits(&class),
            first_initials: units.first().map_or(0, |u| u.initials),
            any_initials: units.iter().fold(0, |m, u| m | u.initials),
            letters,
            id: e.id,
            no,
            name,
            class,
            class_from,
            units,
        }
    }

    /// The best way this student matches one query word, if any. Tiers are tried best first.
    fn score(&self, t: &Token) -> Option<(u32, MatchKind)> {
        let in_no = t.bits & !self.no_bits == 0;
        let in_name = t.bits & !self.name_bits == 0;
        if in_no {
            if self.no == t.text {
                return Some((EXACT_NO, MatchKind::StudentNo));
            }
            if t.digits_from.is_some_and(|d| {
                !t.text[d..].is_empty() && self.no[self.no_digits_from..] == t.text[d..]
            }) {
                return Some((EXACT_NO_ZEROS, MatchKind::StudentNo));
            }
        }
        if in_name {
            if self.name == t.text {
                return Some((EXACT_NAME, MatchKind::Name));
            }
            if self.name.starts_with(&t.text) {
                return Some((NAME_PREFIX, MatchKind::Name));
            }
        }
        let pinyin_ok =
            t.pinyin && t.letters & !self.letters == 0 && t.other_bits & !self.name_bits == 0;
        if pinyin_ok && (self.first_initials & t.first_bit != 0 || t.first_bit == 0) {
            if let Some(whole) = initials_at(&self.units, t) {
                let bonus = if whole { WHOLE_NAME_BONUS } else { 0 };
                return Some((INITIALS_PREFIX + bonus, MatchKind::Initials));
            }
            match pinyin_at(&self.units, t.text.as_bytes()) {
                Reach::Whole => {
                    return Some((PINYIN_PREFIX + WHOLE_NAME_BONUS, MatchKind::FullPinyin));
                }
                Reach::Part => return Some((PINYIN_PREFIX, MatchKind::FullPinyin)),
                Reach::None => {}
            }
        }
        if in_no && self.no.starts_with(&t.text) {
            return Some((NO_PREFIX, MatchKind::StudentNo));
        }
        if in_no && self.no.contains(&t.text) {
            return Some((SUBSTRING, MatchKind::StudentNo));
        }
        if in_name && self.name.contains(&t.text) {
            return Some((SUBSTRING, MatchKind::Name));
        }
        if pinyin_ok && (self.any_initials & t.first_bit != 0 || t.first_bit == 0) {
            for start in 1..self.units.len() {
                let units = &self.units[start..];
                if initials_at(units, t).is_some() {
                    return Some((PINYIN_INNER, MatchKind::Initials));
                }
                if pinyin_at(units, t.text.as_bytes()) != Reach::None {
                    return Some((PINYIN_INNER, MatchKind::FullPinyin));
                }
            }
        }
        if t.bits & !self.class_bits == 0 {
            let (grade, class) = self.class.split_at(self.class_from);
            if self.class == t.text || class == t.text || grade == t.text {
                return Some((CLASS_EXACT, MatchKind::Class));
            }
            if self.class.contains(&t.text) {
                return Some((CLASS_SUBSTRING, MatchKind::Class));
            }
        }
        None
    }
}

/// One word of a query, normalised, with the masks the scan compares against.
struct Token {
    text: String,
    /// Bits of all its characters.
    bits: u64,
    /// Bits of its Latin letters and digits.
    letters: u64,
    /// Bits of its other characters (Han characters typed among pinyin).
    other_bits: u64,
    /// The bit of its first character if that is a Latin letter, else 0.
    first_bit: u64,
    /// Whether it may be pinyin: it has a Latin letter, and no digit or punctuation.
    pinyin: bool,
    /// Whether it is only Latin letters (so it may be initials).
    initials: bool,
    /// For an all-digit word, the byte offset past its leading zeros.
    digits_from: Option<usize>,
}

impl Token {
    fn new(text: String) -> Self {
        let mut t = Token {
            bits: 0,
            letters: 0,
            other_bits: 0,
            first_bit: text
                .chars()
                .next()
                .filter(char::is_ascii_lowercase)
                .map_or(0, char_bit),
            pinyin: text.len() <= MAX_PINYIN_QUERY
                && text.chars().any(|c| c.is_ascii_lowercase())
                && text
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || !c.is_ascii()),
            initials: text.chars().all(|c| c.is_ascii_lowercase()),
            digits_from: text
                .chars()
                .all(|c| c.is_ascii_digit())
                .then(|| text.len() - text.trim_start_matches('0').len()),
            text,
        };
        for c in t.text.chars() {
            t.bits |= char_bit(c);
            if c.is_ascii_alphanumeric() {
                t.letters |= char_bit(c);
            } else {
                t.other_bits |= char_bit(c);
            }
        }
        t
    }
}

mod text;
use text::*;

#[cfg(test)]
mod tests;
