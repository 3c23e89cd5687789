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
    for query in ["阿卜杜拉买买提", "阿卜杜拉·买买提", "阿卜杜拉・买买提"] {
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
