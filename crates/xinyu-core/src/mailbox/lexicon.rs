//! The default crisis lexicon as patterns with a category and a reason, and the small matcher
//! that runs them over normalized text. The rules live in `crisis_lexicon.txt` (one a line, a
//! comment per group); `tests/it/lexicon.rs` scores them against a corpus of letters.

use std::sync::OnceLock;

use serde::Serialize;

use super::triage::normalize_for_matching;

/// What a crisis hit is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CrisisCategory {
    /// 自伤自杀: self-harm and suicide.
    SelfHarm,
    /// 受虐: abuse at home.
    Abuse,
    /// 欺凌: bullying.
    Bullying,
    /// 其他危机: another crisis (running away, sexual or online threats, harm to others), and
    /// the school's own words.
    OtherCrisis,
}

impl CrisisCategory {
    /// The category as the counselor reads it.
    pub fn label(self) -> &'static str {
        match self {
            CrisisCategory::SelfHarm => "自伤自杀",
            CrisisCategory::Abuse => "受虐",
            CrisisCategory::Bullying => "欺凌",
            CrisisCategory::OtherCrisis => "其他危机",
        }
    }

    fn from_label(label: &str) -> Option<Self> {
        [
            CrisisCategory::SelfHarm,
            CrisisCategory::Abuse,
            CrisisCategory::Bullying,
            CrisisCategory::OtherCrisis,
        ]
        .into_iter()
        .find(|c| c.label() == label)
    }
}

/// One reason a letter is urgent: its category and what matched (e.g. `命中：跳…楼`). The reason
/// names the lexicon's words, never the letter's other text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrisisHit {
    /// What it is about.
    pub category: CrisisCategory,
    /// What matched, for the counselor.
    pub reason: String,
}

impl std::fmt::Display for CrisisHit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} · {}", self.category.label(), self.reason)
    }
}

/// One part of a pattern: its alternatives (normalized) and how many characters may come
/// between the previous part's end and this part's start.
#[derive(Debug)]
struct Part {
    alternatives: Vec<Vec<char>>,
    gap: usize,
}

#[derive(Debug)]
enum Pattern {
    /// Parts in order, each within its gap of the last.
    Sequence(Vec<Part>),
    /// Latin whole tokens.
    Tokens(Vec<String>),
}

#[derive(Debug)]
struct Rule {
    category: CrisisCategory,
    pattern: Pattern,
}

#[derive(Debug, Default)]
struct Lexicon {
    rules: Vec<Rule>,
    /// Hyperbole and everyday words blanked out before matching.
    exclusions: Vec<Vec<char>>,
    /// Lines that did not parse (a test keeps this empty).
    bad_lines: Vec<usize>,
}

const SOURCE: &str = include_str!("crisis_lexicon.txt");

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| parse(SOURCE))
}

fn alternatives(field: &str) -> Vec<Vec<char>> {
    field
        .split('|')
        .map(|a| normalize_for_matching(a).chars().collect::<Vec<_>>())
        .filter(|a| !a.is_empty())
        .collect()
}

fn parse(source: &str) -> Lexicon {
    let mut lexicon = Lexicon::default();
    for (n, line) in source.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split_whitespace();
        let (Some(label), Some(first)) = (fields.next(), fields.next()) else {
            lexicon.bad_lines.push(n + 1);
            continue;
        };
        if label == "排除" {
            lexicon.exclusions.extend(alternatives(first));
            if fields.next().is_some() {
                lexicon.bad_lines.push(n + 1);
            }
            continue;
        }
        let Some(category) = CrisisCategory::from_label(label) else {
            lexicon.bad_lines.push(n + 1);
            continue;
        };
        if let Some(tokens) = first.strip_prefix('@') {
            let tokens: Vec<String> = tokens.split('|').map(str::to_lowercase).collect();
            if fields.next().is_some() || tokens.iter().any(|t| t.is_empty()) {
                lexicon.bad_lines.push(n + 1);
                continue;
            }
            lexicon.rules.push(Rule {
                category,
                pattern: Pattern::Tokens(tokens),
            });
            continue;
        }
        let mut parts = vec![Part {
            alternatives: alternatives(first),
            gap: 0,
        }];
        let mut ok = !parts[0].alternatives.is_empty();
        while let Some(gap) = fields.next() {
            let gap = gap.strip_prefix('~').and_then(|g| g.parse().ok());
            let next = fields.next().map(alternatives).unwrap_or_default();
            match gap {
                Some(gap) if !next.is_empty() => parts.push(Part {
                    alternatives: next,
                    gap,
                }),
                _ => ok = false,
            }
        }
        if ok {
            lexicon.rules.push(Rule {
                category,
                pattern: Pattern::Sequence(parts),
            });
        } else {
            lexicon.bad_lines.push(n + 1);
        }
    }
    lexicon
}

/// Where `needle` matches `hay` at `at`.
fn matches_at(hay: &[char], at: usize, needle: &[char]) -> bool {
    hay.get(at..at + needle.len()) == Some(needle)
}

/// The alternatives matched for `parts`, the first starting within `from..=from + slack`.
fn sequence_from(hay: &[char], from: usize, slack: usize, parts: &[Part]) -> Option<Vec<String>> {
    let (part, rest) = parts.split_first()?;
    for start in from..=(from + slack).min(hay.len()) {
        for alt in &part.alternatives {
            if !matches_at(hay, start, alt) {
                continue;
            }
            let word: String = alt.iter().collect();
            if rest.is_empty() {
                return Some(vec![word]);
            }
            if let Some(mut tail) = sequence_from(hay, start + alt.len(), rest[0].gap, rest) {
                tail.insert(0, word);
                return Some(tail);
            }
        }
    }
    None
}

fn sequence(hay: &[char], parts: &[Part]) -> Option<Vec<String>> {
    (0..hay.len()).find_map(|start| sequence_from(hay, start, 0, parts))
}

/// The Latin tokens of `text` (runs of ASCII letters and digits), full-width folded and lower-cased.
fn latin_tokens(text: &str) -> Vec<String> {
    let folded = normalize_chars(text);
    folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Each character normalized alone (so spaces and punctuation stay as token boundaries).
fn normalize_chars(text: &str) -> String {
    text.chars()
        .map(|c| {
            let n = normalize_for_matching(c.encode_utf8(&mut [0; 4]));
            if n.is_empty() { " ".to_owned() } else { n }
        })
        .collect()
}

/// The normalized text with the exclusions (hyperbole, everyday words) blanked out.
fn masked(text: &str, exclusions: &[Vec<char>]) -> Vec<char> {
    let hay: Vec<char> = normalize_for_matching(text).chars().collect();
    let mut out = hay.clone();
    for at in 0..hay.len() {
        for ex in exclusions {
            if matches_at(&hay, at, ex) {
                out[at..at + ex.len()].fill('\0');
            }
        }
    }
    out
}

/// Why `text` is urgent: the default lexicon's hits, then the school's own words (plain phrases)
/// that the lexicon did not already explain. Empty when nothing matched. Hyperbole (笑死, 累死了,
/// 跳绳, 跳楼价…) is blanked out first, for the school's words too.
pub fn crisis_hits(text: &str, school_terms: &[String]) -> Vec<CrisisHit> {
    let lexicon = lexicon();
    let hay = masked(text, &lexicon.exclusions);
    let mut tokens: Option<Vec<String>> = None;
    let mut hits: Vec<CrisisHit> = Vec::new();
    let mut push = |hit: CrisisHit| {
        if !hits.contains(&hit) {
            hits.push(hit);
        }
    };
    let mut explained = String::new();
    for rule in &lexicon.rules {
        let words = match &rule.pattern {
            Pattern::Sequence(parts) => sequence(&hay, parts),
            Pattern::Tokens(wanted) => {
                let tokens = tokens.get_or_insert_with(|| latin_tokens(text));
                wanted
                    .iter()
                    .find(|w| tokens.contains(w))
                    .map(|w| vec![w.clone()])
            }
        };
        if let Some(words) = words {
            explained.push_str(&words.concat());
            explained.push('\0');
            push(CrisisHit {
                category: rule.category,
                reason: format!("命中：{}", words.join("…")),
            });
        }
    }
    for term in school_terms {
        let needle: Vec<char> = normalize_for_matching(term).chars().collect();
        if needle.is_empty() || !(0..hay.len()).any(|at| matches_at(&hay, at, &needle)) {
            continue;
        }
        let needle: String = needle.into_iter().collect();
        if explained.contains(&needle) {
            continue;
        }
        push(CrisisHit {
            category: CrisisCategory::OtherCrisis,
            reason: format!("命中：{needle}（学校词表）"),
        });
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_lexicon_parses() {
        let lexicon = lexicon();
        assert!(lexicon.bad_lines.is_empty(), "{:?}", lexicon.bad_lines);
        assert!(lexicon.rules.len() > 30);
        assert!(!lexicon.exclusions.is_empty());
    }

    #[test]
    fn parts_within_a_gap_match_in_order_and_say_what_matched() {
        let hits = crisis_hits("我想从六楼上跳下去", &[]);
        assert!(!hits.is_empty());
        let hits = crisis_hits("我想跳到那座桥下", &[]);
        assert_eq!(hits[0].reason, "命中：跳…桥");
        assert_eq!(hits[0].category, CrisisCategory::SelfHarm);
        assert!(crisis_hits("桥上有人在跳绳", &[]).is_empty());
    }

    #[test]
    fn latin_tokens_match_whole() {
        assert!(!crisis_hits("最近想zs", &[]).is_empty());
        assert!(!crisis_hits("ＺＩＳＨＡ", &[]).is_empty());
        assert!(crisis_hits("I use zsh", &[]).is_empty());
    }

    #[test]
    fn hyperbole_is_blanked_for_the_schools_words_too() {
        let school = vec!["想死".to_owned(), "数学".to_owned()];
        assert!(crisis_hits("想死你了", &school).is_empty());
        assert!(crisis_hits("笑死我了", &school).is_empty());
        let hits = crisis_hits("数学好难", &school);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].reason, "命中：数学（学校词表）");
        // A school word the lexicon already explains is not said twice.
        assert_eq!(crisis_hits("我真的想死", &school).len(), 1);
    }
}
