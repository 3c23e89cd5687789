//! Text as it is compared, wherever a person typed it: a platform's column header, or a
//! student's letter matched against the crisis lexicon. One folding for both, so 第１题 and
//! 第1题, 活著沒意思 and 活着没意思, ＺＩＳＨＡ and zisha compare equal.

use unicode_normalization::UnicodeNormalization;

/// Traditional forms of the crisis lexicon's characters, folded to simplified ones.
const TRADITIONAL: &[(char, char)] = &[
    ('殺', '杀'),
    ('樓', '楼'),
    ('書', '书'),
    ('遺', '遗'),
    ('藥', '药'),
    ('輕', '轻'),
    ('結', '结'),
    ('沒', '没'),
    ('傷', '伤'),
    ('殘', '残'),
    ('麼', '么'),
];

/// Full-width folded (NFKC), the traditional forms above simplified, spaces and punctuation
/// removed, letters lower-cased.
pub fn normalize_for_matching(text: &str) -> String {
    text.nfkc()
        .map(|c| {
            TRADITIONAL
                .iter()
                .find(|(t, _)| *t == c)
                .map_or(c, |(_, s)| *s)
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
