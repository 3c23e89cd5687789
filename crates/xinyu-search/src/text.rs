//! Text as the index compares it: query words, normalised forms, and the pinyin of each
//! character (initials and full spellings, heteronyms included).

use crate::*;

/// Splits a query into normalised words; runs of Latin-letter words become one pinyin word.
pub(crate) fn tokenize(query: &str) -> Vec<Token> {
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
pub(crate) fn normalize(s: &str) -> String {
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
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A bit per character: Latin letters and digits exactly, any other character hashed.
pub(crate) fn char_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ => 1 << (36 + (c as u32).wrapping_mul(0x9E37_79B1) % 28),
    }
}

/// A string's first 16 bytes as a number that orders as the string does (up to those bytes).
pub(crate) fn sort_key(s: &str) -> u128 {
    let mut key = [0; 16];
    for (k, b) in key.iter_mut().zip(s.bytes()) {
        *k = b;
    }
    u128::from_be_bytes(key)
}

/// The union of the bits of a string's characters.
pub(crate) fn bits(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

/// A normalised name character with its readings.
pub(crate) fn unit(ch: char) -> Unit {
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
pub(crate) fn ascii_spellings(plain: &'static str) -> [Option<&'static str>; 2] {
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
pub(crate) fn initials_at(units: &[Unit], t: &Token) -> Option<bool> {
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
pub(crate) enum Reach {
    None,
    /// The query ends before the name does.
    Part,
    /// The query covers every character.
    Whole,
}

/// Matches `q` against `units` from the first: each character is typed as itself or as a
/// non-empty prefix of one of its readings (`zhangsan`, `zhangs`, `zhsan`, `张s`).
pub(crate) fn pinyin_at(units: &[Unit], q: &[u8]) -> Reach {
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
