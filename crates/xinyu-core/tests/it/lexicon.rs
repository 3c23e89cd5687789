//! The crisis lexicon scored on a corpus of letters written as students write them
//! (`tests/fixtures/crisis_corpus.tsv`: label, category, text). Run it with
//! `cargo test -p xinyu-core --test it lexicon -- --nocapture` to see the figures.

use std::collections::BTreeMap;

use xinyu_core::mailbox::{crisis_hits, default_crisis_terms};

const CORPUS: &str = include_str!("../fixtures/crisis_corpus.tsv");

struct Letter<'a> {
    urgent: bool,
    category: &'a str,
    text: &'a str,
}

fn corpus() -> Vec<Letter<'static>> {
    CORPUS
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let mut f = l.splitn(3, '\t');
            let (label, category, text) = (f.next(), f.next(), f.next());
            let (Some(label), Some(category), Some(text)) = (label, category, text) else {
                panic!("corpus line without three fields: {l}");
            };
            Letter {
                urgent: match label {
                    "1" => true,
                    "0" => false,
                    other => panic!("label {other}"),
                },
                category,
                text,
            }
        })
        .collect()
}

fn flagged(text: &str) -> bool {
    !crisis_hits(text, &default_crisis_terms()).is_empty()
}

#[test]
fn the_lexicon_finds_urgent_letters_and_leaves_ordinary_ones() {
    let letters = corpus();
    // (letters, flagged) per label and category.
    let mut by_category: BTreeMap<(bool, &str), (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for l in &letters {
        let hit = flagged(l.text);
        let entry = by_category.entry((l.urgent, l.category)).or_default();
        entry.0 += 1;
        entry.1 += usize::from(hit);
        if l.urgent && !hit {
            misses.push(l.text);
        }
        if !l.urgent && hit {
            false_alarms.push((l.text, crisis_hits(l.text, &default_crisis_terms())));
        }
    }
    let urgent = letters.iter().filter(|l| l.urgent).count();
    let ordinary = letters.len() - urgent;
    let recall = (urgent - misses.len()) as f64 / urgent as f64;
    let false_alarm_rate = false_alarms.len() as f64 / ordinary as f64;
    println!("危机词库评分 · crisis lexicon on {urgent} urgent and {ordinary} ordinary letters");
    println!(
        "  recall {:.1} % ({} of {urgent}), false alarms {:.1} % ({} of {ordinary})",
        recall * 100.0,
        urgent - misses.len(),
        false_alarm_rate * 100.0,
        false_alarms.len()
    );
    for ((is_urgent, category), (n, hit)) in &by_category {
        let kind = if *is_urgent { "urgent  " } else { "ordinary" };
        println!("  {kind} {category}: {hit} of {n} flagged");
    }
    for m in &misses {
        println!("  missed: {m}");
    }
    for (f, hits) in &false_alarms {
        let why: Vec<String> = hits.iter().map(ToString::to_string).collect();
        println!("  false alarm: {f}  ← {}", why.join("; "));
    }
    assert!(urgent >= 110 && ordinary >= 110, "corpus too small");
    for category in ["自伤自杀", "受虐", "欺凌", "其他危机"] {
        assert!(
            by_category.contains_key(&(true, category)),
            "no urgent {category} letters"
        );
    }
    assert!(recall >= 0.95, "recall {recall:.3} below 95 %");
    assert!(
        false_alarm_rate <= 0.05,
        "false alarms {false_alarm_rate:.3} above 5 %"
    );
}

#[test]
fn the_letters_the_issue_names_are_judged_right() {
    for urgent in [
        "我想从楼上跳下去",
        "我真的活不下去了",
        "割手腕",
        "想吃很多药睡过去再也不醒",
    ] {
        assert!(flagged(urgent), "{urgent}");
        assert!(
            corpus().iter().any(|l| l.urgent && l.text == urgent),
            "{urgent} is in the corpus"
        );
    }
    for ordinary in ["笑死我了", "累死了"] {
        assert!(!flagged(ordinary), "{ordinary}");
        assert!(
            corpus().iter().any(|l| !l.urgent && l.text == ordinary),
            "{ordinary} is in the corpus"
        );
    }
}

#[test]
fn a_hit_says_its_category_and_what_matched() {
    let hits = crisis_hits("我想从楼上跳下去", &[]);
    assert!(
        hits.iter()
            .any(|h| h.category.label() == "自伤自杀" && h.reason.starts_with("命中：")),
        "{hits:?}"
    );
    let hits = crisis_hits("爸爸喝醉了就打我", &[]);
    assert!(
        hits.iter().any(|h| h.category.label() == "受虐"),
        "{hits:?}"
    );
    let hits = crisis_hits("放学被几个人堵在厕所里", &[]);
    assert!(
        hits.iter().any(|h| h.category.label() == "欺凌"),
        "{hits:?}"
    );
}
