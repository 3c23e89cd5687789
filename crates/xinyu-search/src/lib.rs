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

/// Splits a query into normalised words; runs of Latin-letter words become one pinyin word.
fn tokenize(query: &str) -> Vec<Token> {
    let mut words: Vec<String> = Vec::new();
    let mut last_was_letters = false;
    for word in query
        .chars()
        .map(half_width)
        .collect::<String>()
        .split_whitespace()
    {
        let word = normalize(word);
        if word.is_empty() {
            continue;
        }
        let letters = word.chars().all(|c| c.is_ascii_lowercase());
        match words.last_mut() {
            Some(prev) if letters && last_was_letters => prev.push_str(&word),
            _ => words.push(word),
        }
        last_was_letters = letters;
    }
    words.into_iter().map(Token::new).collect()
}

/// Lowercase, half-width, without whitespace, middle dots or apostrophes.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().map(half_width) {
        if c.is_whitespace() || IGNORED.contains(&c) {
            continue;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Full-width ASCII forms (`Ｚ`, `３`, `（`) and the ideographic space as their half-width selves.
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A bit per character: Latin letters and digits exactly, any other character hashed.
fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + (c as u32).wrapping_mul(0x9E37_79B1) % 28),
    }
}

/// A string's first 16 bytes as a number that orders as the string does (up to those bytes).
fn sort_key(s: &str) -> u128 {
    let mut key = [0; 16];
    for (k, b) in key.iter_mut().zip(s.bytes()) {
        *k = b;
    }
    u128::from_be_bytes(key)
}

/// The union of the bits of a string's characters.
fn bits(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

/// A normalised name character with its readings.
fn unit(ch: char) -> Unit {
    let mut readings: Vec<&'static str> = Vec::new();
    if let Some(multi) = ch.to_pinyin_multi() {
        for p in multi {
            for r in ascii_spellings(p.plain()).into_iter().flatten() {
                if !readings.contains(&r) {
                    readings.push(r);
                }
            }
        }
    }
    let initials = if ch.is_ascii_alphanumeric() {
        char_bit(ch)
    } else {
        readings
            .iter()
            .filter_map(|r| r.chars().next())
            .fold(0, |m, c| m | char_bit(c))
    };
    Unit {
        ch,
        initials,
        readings: readings.into_boxed_slice(),
    }
}

/// How a toneless reading is typed: ü as `v` (as input methods do) and as `u`; a reading with
/// another non-ASCII letter has no spelling (the character still matches itself).
fn ascii_spellings(plain: &'static str) -> [Option<&'static str>; 2] {
    match plain {
        "lü" => [Some("lv"), Some("lu")],
        "lüe" => [Some("lve"), Some("lue")],
        "nü" => [Some("nv"), Some("nu")],
        "nüe" => [Some("nve"), Some("nue")],
        _ if plain.is_ascii() => [Some(plain), None],
        _ => [None, None],
    }
}

/// Whether a query word is a prefix of the initials from the first of `units`; `Some(true)`
/// when it spells every initial.
fn initials_at(units: &[Unit], t: &Token) -> Option<bool> {
    if !t.initials || t.text.len() > units.len() {
        return None;
    }
    t.text
        .bytes()
        .zip(units)
        .all(|(b, u)| u.initials & char_bit(char::from(b)) != 0)
        .then_some(t.text.len() == units.len())
}

/// How far a pinyin match from the first of a name's characters reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reach {
    None,
    /// The query ends before the name does.
    Part,
    /// The query covers every character.
    Whole,
}

/// Matches `q` against `units` from the first: each character is typed as itself or as a
/// non-empty prefix of one of its readings (`zhangsan`, `zhangs`, `zhsan`, `张s`).
fn pinyin_at(units: &[Unit], q: &[u8]) -> Reach {
    let Some((u, rest)) = units.split_first() else {
        return if q.is_empty() {
            Reach::Whole
        } else {
            Reach::None
        };
    };
    if q.is_empty() {
        return Reach::Part;
    }
    let mut best = Reach::None;
    let mut buf = [0; 4];
    let ch = u.ch.encode_utf8(&mut buf).as_bytes();
    if let Some(r) = q.strip_prefix(ch) {
        best = best.max(pinyin_at(rest, r));
        if best == Reach::Whole {
            return best;
        }
    }
    for reading in &u.readings {
        let common = reading.bytes().zip(q).take_while(|(a, b)| a == *b).count();
        for n in (1..=common).rev() {
            best = best.max(pinyin_at(rest, &q[n..]));
            if best == Reach::Whole {
                return best;
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, no: &str, name: &str, grade: &str, class: &str) -> SearchEntry {
        SearchEntry {
            id: id.into(),
            student_no: no.into(),
            name: name.into(),
            grade: grade.into(),
            class_name: class.into(),
        }
    }

    fn roster() -> SearchIndex {
        SearchIndex::build([
            entry("zhang-san", "2024001", "张三", "七年级", "3班"),
            entry("zhang-sanfeng", "2024002", "张三丰", "七年级", "1班"),
            entry("li-si", "2024003", "李四", "八年级", "3班"),
            entry("zeng", "2024004", "曾小明", "七年级", "3班"),
            entry("zeros", "0012024", "王五", "九年级", "2班"),
            entry("abdulla", "2024006", "阿卜杜拉·买买提", "七年级", "3班"),
            entry("rare", "2024007", "王𠈌", "八年级", "1班"),
            entry("zhao-si", "2024008", "赵思", "七年级", "2班"),
            entry("shan", "2024009", "单田芳", "九年级", "1班"),
            entry("xie", "2024010", "解晓东", "九年级", "1班"),
            entry("lv", "2024011", "吕布", "八年级", "2班"),
            entry("digits-in-name", "2023999", "测试2024005", "九年级", "2班"),
            entry("no-2024005", "2024005", "孙七", "九年级", "2班"),
        ])
    }

    fn ids(index: &SearchIndex, query: &str) -> Vec<String> {
        index.search(query, 50).into_iter().map(|h| h.id).collect()
    }

    fn first(index: &SearchIndex, query: &str) -> SearchHit {
        index
            .search(query, 50)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{query:?} found nobody"))
    }

    #[test]
    fn zhang_san_is_found_first_by_initials_pinyin_and_characters() {
        let index = roster();
        for (query, kind) in [
            ("zs", MatchKind::Initials),
            ("ZS", MatchKind::Initials),
            ("ｚｓ", MatchKind::Initials),
            ("zhangsan", MatchKind::FullPinyin),
            ("zhang san", MatchKind::FullPinyin),
            ("  Zhang  San ", MatchKind::FullPinyin),
            ("zhangs", MatchKind::FullPinyin),
            ("zhsan", MatchKind::FullPinyin),
            ("张s", MatchKind::FullPinyin),
            ("张", MatchKind::Name),
            ("张三", MatchKind::Name),
        ] {
            let hit = first(&index, query);
            assert_eq!(hit.id, "zhang-san", "query {query:?}");
            assert_eq!(hit.matched, kind, "query {query:?}");
        }
        // 张三丰 comes right after: same initials prefix, but not the whole name.
        assert_eq!(ids(&index, "zhangsan"), ["zhang-san", "zhang-sanfeng"]);
        assert_eq!(ids(&index, "张三")[..2], ["zhang-san", "zhang-sanfeng"]);
    }

    #[test]
    fn typing_zhangsan_one_letter_at_a_time_keeps_him_in_view() {
        let index = roster();
        for n in 1..="zhangsan".len() {
            let query = &"zhangsan"[..n];
            assert!(
                ids(&index, query).contains(&"zhang-san".to_owned()),
                "{query:?}"
            );
        }
    }

    #[test]
    fn polyphonic_surnames_match_every_common_reading() {
        let index = roster();
        for query in ["z", "c", "zeng", "ceng", "zxm", "cxm", "cengxiaoming"] {
            assert!(ids(&index, query).contains(&"zeng".to_owned()), "{query:?}");
        }
        assert_eq!(first(&index, "cxm").id, "zeng");
        for query in ["shan", "dan", "stf", "dtf", "shantianfang"] {
            assert_eq!(first(&index, query).id, "shan", "{query:?}");
        }
        for query in ["xie", "jie", "xxd", "jxd"] {
            assert_eq!(first(&index, query).id, "xie", "{query:?}");
        }
        // ü is typed v by input methods, u by some people.
        for query in ["lv", "lu", "lvbu", "lubu", "lb"] {
            assert_eq!(first(&index, query).id, "lv", "{query:?}");
        }
    }

    #[test]
    fn an_exact_student_no_beats_a_name_containing_the_digits() {
        let index = roster();
        let hits = index.search("2024005", 10);
        assert_eq!(hits[0].id, "no-2024005");
        assert_eq!(hits[0].matched, MatchKind::StudentNo);
        assert_eq!(hits[1].id, "digits-in-name");
        assert_eq!(hits[1].matched, MatchKind::Name);
        assert!(hits[0].score > hits[1].score);
    }

    #[test]
    fn student_no_with_leading_zeros_is_found_with_and_without_them() {
        let index = roster();
        for query in ["0012024", "12024", "０１２０２４"] {
            let hit = first(&index, query);
            assert_eq!(hit.id, "zeros", "{query:?}");
            assert_eq!(hit.matched, MatchKind::StudentNo);
        }
        assert!(first(&index, "0012024").score > first(&index, "12024").score);
        // A part of a 学号 finds it too, and a prefix finds every one that starts so.
        assert_eq!(ids(&index, "001"), ["zeros", "zhang-san"]);
        assert_eq!(ids(&index, "2024").len(), 13);
    }

    #[test]
    fn names_with_a_middle_dot_match_with_or_without_it_and_by_initials() {
        let index = roster();
        for query in ["阿卜杜拉买买提", "阿卜杜拉·买买提", "阿卜杜拉・买买提"]
        {
            let hit = first(&index, query);
            assert_eq!(hit.id, "abdulla", "{query:?}");
            assert_eq!(hit.matched, MatchKind::Name);
            assert_eq!(hit.score, EXACT_NAME);
        }
        for query in ["abdl", "abdlmmt", "abudula", "maimaiti"] {
            assert_eq!(first(&index, query).id, "abdulla", "{query:?}");
        }
        assert_eq!(first(&index, "abdl").matched, MatchKind::Initials);
        assert_eq!(first(&index, "买买提").matched, MatchKind::Name);
    }

    #[test]
    fn a_character_without_pinyin_is_matched_as_itself() {
        let index = roster();
        assert_eq!(first(&index, "𠈌").id, "rare");
        assert_eq!(first(&index, "王𠈌").id, "rare");
        assert_eq!(first(&index, "王𠈌").matched, MatchKind::Name);
        assert!(ids(&index, "w").contains(&"rare".to_owned()));
    }

    #[test]
    fn class_search_finds_the_whole_class() {
        let index = roster();
        let ids_of = |q| ids(&index, q);
        assert_eq!(
            ids_of("七年级3班"),
            ["zhang-san", "zeng", "abdulla"],
            "ordered by 学号"
        );
        assert_eq!(ids_of("3班"), ["zhang-san", "li-si", "zeng", "abdulla"]);
        assert_eq!(ids_of("七年级 3班"), ids_of("七年级3班"));
        assert_eq!(ids_of("七年级３班"), ids_of("七年级3班"));
        assert!(
            index
                .search("八年级", 50)
                .iter()
                .all(|h| h.matched == MatchKind::Class)
        );
        assert_eq!(ids_of("八年级").len(), 3);
    }

    #[test]
    fn several_words_must_all_match() {
        let index = roster();
        // Whole-name initials first (by 学号), then names that only start so.
        assert_eq!(
            ids(&index, "七年级 zs"),
            ["zhang-san", "zhao-si", "zhang-sanfeng"]
        );
        assert_eq!(ids(&index, "八年级 ls"), ["li-si"]);
        assert_eq!(ids(&index, "zs 2班"), ["zhao-si"]);
        let three = ids(&index, "3班 z");
        assert!(three.contains(&"zhang-san".to_owned()) && three.contains(&"zeng".to_owned()));
        assert!(!three.contains(&"zhang-sanfeng".to_owned()));
        assert!(ids(&index, "九年级 zhangsan").is_empty());
    }

    #[test]
    fn remove_and_upsert_keep_the_index_current() {
        let mut index = roster();
        let n = index.len();
        index.remove("zhang-san");
        assert_eq!(index.len(), n - 1);
        assert!(!ids(&index, "张三").contains(&"zhang-san".to_owned()));
        // Everyone else is still found, including whoever moved into the freed slot.
        assert_eq!(first(&index, "2024005").id, "no-2024005");
        assert_eq!(first(&index, "孙七").id, "no-2024005");
        index.remove("nobody");
        assert_eq!(index.len(), n - 1);

        index.upsert(entry("zhang-san", "2024001", "张珊", "七年级", "4班"));
        assert_eq!(index.len(), n);
        assert_eq!(first(&index, "zhangshan").id, "zhang-san");
        index.upsert(entry("zhang-san", "2024001", "张姗姗", "七年级", "4班"));
        assert_eq!(index.len(), n);
        assert!(ids(&index, "张珊").is_empty());
        assert_eq!(first(&index, "张姗姗").id, "zhang-san");
        assert_eq!(ids(&index, "4班"), ["zhang-san"]);

        let mut empty = SearchIndex::new();
        assert!(empty.is_empty());
        empty.upsert(entry("a", "1", "张三", "七年级", "3班"));
        assert_eq!(empty.len(), 1);
        empty.remove("a");
        assert!(empty.is_empty() && empty.search("张三", 10).is_empty());
    }

    #[test]
    fn an_empty_query_finds_nothing() {
        let index = roster();
        for query in ["", "   ", "\u{3000}", "·", "'"] {
            assert!(index.search(query, 10).is_empty(), "{query:?}");
        }
    }

    #[test]
    fn the_limit_is_respected_and_keeps_the_best() {
        let index = roster();
        let all = index.search("z", 100);
        assert!(all.len() > 3);
        assert_eq!(index.search("z", 3), all[..3]);
        assert!(index.search("z", 0).is_empty());
        assert!(all.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn a_small_limit_over_many_hits_returns_the_same_best_as_a_large_one() {
        // Enough hits that the scan prunes its buffer several times.
        let given = ["三", "珊", "山", "四", "思", "小明", "晓东"];
        let surnames = ["张", "赵", "曾", "周", "郑"];
        let index = SearchIndex::build((0..600).map(|i| {
            entry(
                &format!("id{i}"),
                &format!("2024{:03}", (i * 7919) % 1000),
                &format!("{}{}", surnames[i % 5], given[i % 7]),
                "七年级",
                &format!("{}班", i % 12),
            )
        }));
        for query in ["z", "zs", "2024", "024", "七年级", "s", "七年级 zs"] {
            let all = index.search(query, usize::MAX);
            assert!(all.len() > 60, "{query:?}");
            for limit in [1, 7, 50] {
                assert_eq!(
                    index.search(query, limit),
                    all[..limit],
                    "{query:?} {limit}"
                );
            }
        }
    }

    #[test]
    fn ranking_follows_the_documented_tiers() {
        let scores = [
            EXACT_NO,
            EXACT_NO_ZEROS,
            EXACT_NAME,
            NAME_PREFIX,
            INITIALS_PREFIX,
            PINYIN_PREFIX + WHOLE_NAME_BONUS,
            PINYIN_PREFIX,
            NO_PREFIX,
            SUBSTRING,
            PINYIN_INNER,
            CLASS_EXACT,
            CLASS_SUBSTRING,
        ];
        assert!(scores.windows(2).all(|w| w[0] > w[1]));
        // The given name's pinyin finds a student below anything matching from the surname.
        let index = roster();
        let hit = first(&index, "sanfeng");
        assert_eq!(
            (hit.id.as_str(), hit.score),
            ("zhang-sanfeng", PINYIN_INNER)
        );
    }

    #[test]
    fn debug_output_shows_no_name() {
        let index = roster();
        let shown = format!(
            "{index:?} {:?}",
            entry("x", "2024001", "张三", "七年级", "3班")
        );
        assert_eq!(
            shown,
            "SearchIndex { len: 13 } SearchEntry { id: \"x\", .. }"
        );
    }

    #[test]
    fn an_entry_is_built_from_its_five_parts() {
        let built = SearchEntry::new("s", "2024001", "张三", "七年级", "3班");
        assert_eq!(built, entry("s", "2024001", "张三", "七年级", "3班"));
        assert_eq!(first(&SearchIndex::build([built]), "zs").id, "s");
    }
}
