//! Screening as a counselor runs it: scoring checked against hand-worked examples at every band
//! boundary, missing items and PHQ-9 item 9; a school's own definition checked on load; imports
//! of item responses (xlsx), pre-scored totals (csv) and a GBK file; unmatched and opted-out
//! students; an import that fails leaves nothing; the review list, its decisions and progress.

use rust_xlsxwriter::Workbook;
use xinyu_core::Vault;
use xinyu_core::casework::FileSource;
use xinyu_core::roster::CellProblem;
use xinyu_core::screening::{
    CampaignInput, ConsentNotice, Instrument, ResultSource, ReviewOutcome, builtin_instruments,
};

use crate::school::{School, day, store};

fn instrument(id: &str) -> Instrument {
    builtin_instruments()
        .into_iter()
        .find(|i| i.id == id)
        .expect("shipped")
}

/// Responses that add up to `total` (filling items from the first, 3 at most each), with
/// item `zero_last` items at the end kept 0.
fn responses(n: usize, total: u32) -> Vec<Option<u8>> {
    let mut left = total;
    (0..n)
        .map(|_| {
            let v = left.min(3);
            left -= v;
            Some(v as u8)
        })
        .collect()
}

#[test]
fn phq9_bands_at_every_boundary_and_item_9_is_critical_whatever_the_total() {
    let phq9 = instrument("phq9");
    for (total, band) in [
        (0, "无或极轻"),
        (4, "无或极轻"),
        (5, "轻度"),
        (9, "轻度"),
        (10, "中度"),
        (14, "中度"),
        (15, "中重度"),
        (19, "中重度"),
        (20, "重度"),
        (27, "重度"),
    ] {
        let s = phq9.score(&responses(9, total));
        assert_eq!(s.total, Some(total));
        assert_eq!(s.band.as_deref(), Some(band), "total {total}");
    }
    // Item 9 answered 1 with a total of 3: on the list for item 9 alone.
    let mut r = vec![
        Some(1),
        Some(1),
        Some(0),
        Some(0),
        Some(0),
        Some(0),
        Some(0),
        Some(0),
        Some(1),
    ];
    let s = phq9.score(&r);
    assert_eq!(s.total, Some(3));
    assert_eq!(s.critical.len(), 1);
    assert_eq!(s.critical[0].item, 9);
    r[8] = Some(0);
    assert!(phq9.score(&r).critical.is_empty());

    // One missing item is prorated: 8 answered summing 8 → 8 × 9 / 8 = 9.
    let one_missing = [
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        None,
    ];
    let s = phq9.score(&one_missing);
    assert_eq!((s.total, s.missing), (Some(9), 1));
    // 8 answered summing 9 → 10.125 → 10: prorating can cross a boundary, as it should.
    let s = phq9.score(&[
        Some(2),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        Some(1),
        None,
    ]);
    assert_eq!(s.total, Some(10));
    // Two missing: invalid, not zero — and item 9 still counts.
    let s = phq9.score(&[
        Some(0),
        Some(0),
        Some(0),
        Some(0),
        Some(0),
        Some(0),
        None,
        None,
        Some(2),
    ]);
    assert_eq!(s.total, None);
    assert!(s.invalid_reason.unwrap().contains("无效"));
    assert_eq!(s.critical.len(), 1);
}

#[test]
fn gad7_and_phqa_bands_at_their_boundaries() {
    let gad7 = instrument("gad7");
    for (total, band) in [
        (4, "无或极轻"),
        (5, "轻度"),
        (9, "轻度"),
        (10, "中度"),
        (14, "中度"),
        (15, "重度"),
        (21, "重度"),
    ] {
        assert_eq!(
            gad7.score(&responses(7, total)).band.as_deref(),
            Some(band),
            "{total}"
        );
    }
    assert!(gad7.critical.is_empty());
    assert_eq!(gad7.review_threshold, 10);
    let phqa = instrument("phqa");
    assert_eq!(phqa.review_threshold, 11);
    assert_eq!(phqa.score(&responses(9, 11)).band.as_deref(), Some("中度"));
    let mut r = responses(9, 0);
    r[8] = Some(3);
    assert_eq!(phqa.score(&r).critical.len(), 1);
}

pub const TEST_SCALE: &str = r#"
id = "xinyu-test-scale"
name = "测试用量表（虚构）"
short_name = "TS-4"
version = "1"
licence = "Made up for tests."
review_threshold = 5
options = [ { value = 1, label = "不符合" }, { value = 2, label = "有点符合" }, { value = 3, label = "符合" } ]
items = [
  { number = 1, text = "我喜欢上学" , reverse = true },
  { number = 2, text = "我常常担心" },
  { number = 3, text = "我和同学相处得好", reverse = true },
  { number = 4, text = "我睡得不好" },
]
subscales = [ { id = "school", name = "学校适应", items = [1, 3] }, { id = "worry", name = "担忧", items = [2, 4] } ]
[validity]
max_missing = 0
[[bands]]
min = 4
max = 7
label = "较好"
[[bands]]
min = 8
max = 12
label = "需关注"
[[critical]]
item = 2
min = 3
message = "测试：第 2 题选择“符合”"
"#;

#[test]
fn a_schools_own_definition_is_checked_and_scored_with_reverse_items_and_subscales() {
    let def = Instrument::from_toml(TEST_SCALE).expect("valid");
    // Item 1 "符合"(3) reversed → 1; item 3 "不符合"(1) reversed → 3.
    let s = def.score(&[Some(3), Some(2), Some(1), Some(3)]);
    assert_eq!(s.total, Some(1 + 2 + 3 + 3));
    assert_eq!(s.band.as_deref(), Some("需关注"));
    assert_eq!(
        s.subscales,
        [("school".to_owned(), 4), ("worry".to_owned(), 5)]
    );
    assert_eq!(
        def.score(&[Some(1), None, Some(1), Some(1)]).total,
        None,
        "no item may be missing"
    );

    let gap = TEST_SCALE.replace("min = 8", "min = 9");
    let err = Instrument::from_toml(&gap).expect_err("gap between bands");
    assert!(err.to_string().contains("分数段"), "{err}");
    let bad_item = TEST_SCALE.replace("item = 2", "item = 7");
    assert!(
        Instrument::from_toml(&bad_item)
            .unwrap_err()
            .to_string()
            .contains("第 7 题")
    );
    let bad_id = TEST_SCALE.replace("xinyu-test-scale", "Test Scale");
    assert!(
        Instrument::from_toml(&bad_id)
            .unwrap_err()
            .to_string()
            .contains("id")
    );
    let unknown_key = format!("{TEST_SCALE}\nextra = 1\n");
    assert!(
        Instrument::from_toml(&unknown_key)
            .unwrap_err()
            .to_string()
            .contains("TOML")
    );
}

/// The school on 2026-10-12, screening week: 张三 2024001 七年级1班, 李四 2024002 七年级1班,
/// 王五 2024003 七年级2班, 赵六 2023001 八年级1班.
fn school() -> School {
    School::builder()
        .on(day(2026, 10, 12))
        .students(&[
            ("2024001", "张三", "七年级", "1班"),
            ("2024002", "李四", "七年级", "1班"),
            ("2024003", "王五", "七年级", "2班"),
            ("2023001", "赵六", "八年级", "1班"),
        ])
        .build()
}

fn campaign(v: &mut Vault, name: &str, instruments: &[&str]) -> String {
    v.screening()
        .expect("unlocked")
        .create_campaign(CampaignInput {
            name: name.into(),
            instruments: instruments.iter().map(|s| (*s).to_owned()).collect(),
            starts_on: day(2026, 10, 8),
            ends_on: day(2026, 10, 20),
            grades: vec!["七年级".into(), "八年级".into()],
            classes: vec![],
        })
        .unwrap()
        .id
}

fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn count_results(s: &School) -> i64 {
    store(s.dir.path())
        .query_row("SELECT count(*) FROM screening_results", [], |r| r.get(0))
        .unwrap()
}

fn phq9_row(no: &str, name: &str, answers: [u8; 9]) -> Vec<String> {
    let mut row = vec![no.to_owned(), name.to_owned()];
    row.extend(answers.iter().map(u8::to_string));
    row
}

#[test]
fn item_responses_from_xlsx_are_scored_and_the_item_9_student_leads_the_review_list() {
    let mut s = school();
    let c = campaign(&mut s.vault, "2026 秋季测评", &["phq9", "gad7"]);
    // 赵六's guardians opted out.
    s.vault
        .screening()
        .expect("unlocked")
        .set_consent(
            &c,
            Some(ConsentNotice {
                sent_on: day(2026, 9, 25),
                method: "家长告知书".into(),
            }),
            vec![s.students[3].clone()],
        )
        .unwrap();
    let mut header = vec!["学号".to_owned(), "姓名".to_owned()];
    header.extend((1..=9).map(|i| format!("PHQ9_{i}")));
    let file = xlsx(&[
        vec!["2026年秋季学期心理测评 PHQ-9 导出".to_owned()],
        header,
        phq9_row("2024001", "张三", [2, 2, 2, 2, 2, 2, 1, 1, 0]), // 14: 中度
        phq9_row("2024002", "李四", [1, 0, 0, 0, 0, 0, 0, 0, 1]), // 2, item 9
        phq9_row("2024003", "王五", [1, 1, 1, 1, 1, 1, 1, 1, 0]), // 8: below
        phq9_row("2023001", "赵六", [3, 3, 3, 3, 3, 3, 3, 3, 3]), // opted out
        phq9_row("2099999", "查无此人", [0; 9]),
    ]);
    let dry = s
        .vault
        .screening()
        .expect("unlocked")
        .import_screening(&c, "phq9", &file, "phq9.xlsx", true)
        .unwrap();
    assert_eq!(
        (dry.mode, dry.header_row, dry.imported),
        (ResultSource::Items, 2, 3)
    );
    assert!(!dry.committed);
    assert_eq!(count_results(&s), 0);
    let done = s
        .vault
        .screening()
        .expect("unlocked")
        .import_screening(&c, "phq9", &file, "phq9.xlsx", false)
        .unwrap();
    assert!(done.committed);
    assert_eq!(done.opted_out.len(), 1);
    assert_eq!(done.opted_out[0].name, "赵六");
    assert_eq!(done.unmatched.len(), 1);
    assert_eq!(
        (done.unmatched[0].row, done.unmatched[0].student_no.as_str()),
        (7, "2099999")
    );
    assert_eq!(count_results(&s), 3);

    let list = s
        .vault
        .screening()
        .expect("unlocked")
        .review_list(&c)
        .unwrap();
    let who: Vec<(&str, Option<u32>, bool)> = list
        .entries
        .iter()
        .map(|e| (e.name.as_str(), e.total, e.critical))
        .collect();
    assert_eq!(who, [("李四", Some(2), true), ("张三", Some(14), false)]);
    assert_eq!(list.reviewed, 0);

    // The counselor decides: 张三 interviewed; 李四 gets a warning file (source 心理测评).
    s.vault
        .screening()
        .expect("unlocked")
        .decide_review(
            &list.entries[1].result_id,
            ReviewOutcome::InterviewScheduled,
            "周三午休约谈",
        )
        .unwrap();
    let file = s
        .vault
        .screening()
        .expect("unlocked")
        .open_file_from_screening(
            &list.entries[0].result_id,
            1,
            vec!["情绪困扰".into()],
            "PHQ-9 第 9 题阳性，面谈核实",
        )
        .unwrap();
    assert_eq!(file.level, 1);
    let detail = s
        .vault
        .casework()
        .expect("unlocked")
        .warning_file(&file.id)
        .unwrap();
    assert_eq!(detail.narrative.unwrap().source, FileSource::Screening);
    let list = s
        .vault
        .screening()
        .expect("unlocked")
        .review_list(&c)
        .unwrap();
    assert_eq!(list.reviewed, 2, "2 of 2 reviewed");
    assert_eq!(
        list.entries[0]
            .decision
            .as_ref()
            .unwrap()
            .file_id
            .as_deref(),
        Some(file.id.as_str())
    );

    // A threshold lowered for this campaign brings 王五 (8) onto the list.
    s.vault
        .screening()
        .expect("unlocked")
        .set_review_threshold(&c, "phq9", 8)
        .unwrap();
    assert_eq!(
        s.vault
            .screening()
            .expect("unlocked")
            .review_list(&c)
            .unwrap()
            .entries
            .len(),
        3
    );

    let summary = s
        .vault
        .screening()
        .expect("unlocked")
        .campaign_summary(&c)
        .unwrap();
    assert_eq!(
        (summary.eligible, summary.opted_out, summary.screened),
        (4, 1, 3)
    );
    let (_, grades) = &summary.bands[0];
    let seventh = grades.iter().find(|g| g.grade == "七年级").unwrap();
    let count = |label: &str| seventh.counts.iter().find(|(l, _)| l == label).unwrap().1;
    assert_eq!((count("无或极轻"), count("轻度"), count("中度")), (1, 1, 1));
    assert!(
        s.vault
            .audit()
            .expect("unlocked")
            .verify()
            .unwrap()
            .all_ok()
    );
}

#[test]
fn pre_scored_totals_and_a_gbk_file_are_read_and_a_bad_value_stores_nothing() {
    let mut s = school();
    let c = campaign(&mut s.vault, "2026 秋季测评", &["gad7", "phq9"]);
    // A platform's pre-scored export: totals and bands as given.
    let csv = "学号,姓名,GAD-7总分,GAD-7等级\n2024001,张三,12,中度\n2024002,李四,3,\n";
    let r = s
        .vault
        .screening()
        .expect("unlocked")
        .import_screening(&c, "gad7", csv.as_bytes(), "gad7.csv", false)
        .unwrap();
    assert_eq!((r.mode, r.imported), (ResultSource::Scored, 2));
    let list = s
        .vault
        .screening()
        .expect("unlocked")
        .review_list(&c)
        .unwrap();
    assert_eq!(list.entries.len(), 1);
    assert_eq!(
        (list.entries[0].total, list.entries[0].band.as_deref()),
        (Some(12), Some("中度"))
    );

    // GBK, matched by name and class (no 学号 column), items as 第1题…第9题.
    let mut text = String::from("姓名,班级");
    for i in 1..=9 {
        text.push_str(&format!(",第{i}题"));
    }
    text.push_str("\n王五,七年级2班,3,3,3,3,3,3,3,3,3\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let r = s
        .vault
        .screening()
        .expect("unlocked")
        .import_screening(&c, "phq9", &gbk, "phq9.csv", false)
        .unwrap();
    assert_eq!((r.encoding.as_str(), r.imported), ("GBK", 1));

    // An answer of 4 on a 0–3 scale: the whole file is refused, nothing stored.
    let before = count_results(&s);
    let mut bad = String::from("学号");
    for i in 1..=9 {
        bad.push_str(&format!(",Q{i}"));
    }
    bad.push_str("\n2024001,0,0,0,0,0,0,0,0,0\n2024002,1,1,4,1,1,1,1,1,1\n");
    let r = s
        .vault
        .screening()
        .expect("unlocked")
        .import_screening(&c, "phq9", bad.as_bytes(), "bad.csv", false)
        .unwrap();
    assert!(!r.committed);
    assert_eq!(r.errors.len(), 1);
    assert_eq!((r.errors[0].row, r.errors[0].column.as_str()), (3, "Q3"));
    assert!(
        matches!(&r.errors[0].problem, CellProblem::BadAnswer { item: 3, options } if options == "0/1/2/3"),
        "{:?}",
        r.errors[0].problem
    );
    assert!(r.errors[0].to_string().contains("第 3 题"));
    assert_eq!(count_results(&s), before, "all or nothing");

    let history = s
        .vault
        .screening()
        .expect("unlocked")
        .student_screenings(&s.students[0])
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].instrument_name.as_str(), history[0].total),
        ("GAD-7", Some(12))
    );
}

#[test]
fn a_school_adds_its_own_scale_and_bad_campaigns_are_refused() {
    let mut s = school();
    let added = s
        .vault
        .screening()
        .expect("unlocked")
        .add_instrument(TEST_SCALE)
        .unwrap();
    assert_eq!(added.short_name, "TS-4");
    assert_eq!(
        s.vault
            .screening()
            .expect("unlocked")
            .add_instrument(TEST_SCALE)
            .unwrap_err()
            .code(),
        "duplicate"
    );
    assert!(
        s.vault
            .screening()
            .expect("unlocked")
            .instruments()
            .unwrap()
            .iter()
            .any(|i| i.id == "xinyu-test-scale")
    );
    campaign(&mut s.vault, "含自编量表的测评", &["xinyu-test-scale"]);
    let err = s
        .vault
        .screening()
        .expect("unlocked")
        .create_campaign(CampaignInput {
            name: "含自编量表的测评".into(),
            instruments: vec!["phq9".into()],
            starts_on: day(2026, 10, 1),
            ends_on: day(2026, 10, 2),
            grades: vec![],
            classes: vec![],
        })
        .unwrap_err();
    assert_eq!(err.code(), "duplicate");
    let err = s
        .vault
        .screening()
        .expect("unlocked")
        .create_campaign(CampaignInput {
            name: "未知量表".into(),
            instruments: vec!["scl90".into()],
            starts_on: day(2026, 10, 1),
            ends_on: day(2026, 10, 2),
            grades: vec![],
            classes: vec![],
        })
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn a_result_that_comes_back_changed_returns_to_the_review_list_without_its_old_decision() {
    let mut s = school();
    let c = campaign(&mut s.vault, "2026 秋季测评", &["phq9"]);
    s.vault
        .screening()
        .expect("unlocked")
        .set_consent(
            &c,
            Some(ConsentNotice {
                sent_on: day(2026, 9, 25),
                method: "家长告知书".into(),
            }),
            vec![],
        )
        .unwrap();
    let mut header = vec!["学号".to_owned(), "姓名".to_owned()];
    header.extend((1..=9).map(|i| format!("PHQ9_{i}")));
    let import = |s: &mut School, answers: [u8; 9]| {
        let file = xlsx(&[header.clone(), phq9_row("2024001", "张三", answers)]);
        s.vault
            .screening()
            .expect("unlocked")
            .import_screening(&c, "phq9", &file, "phq9.xlsx", false)
            .unwrap()
    };
    import(&mut s, [2, 2, 2, 2, 2, 2, 1, 1, 0]);
    let entry = |s: &mut School| {
        let list = s
            .vault
            .screening()
            .expect("unlocked")
            .review_list(&c)
            .unwrap();
        assert_eq!(list.entries.len(), 1);
        list.entries[0].clone()
    };
    let first = entry(&mut s);
    s.vault
        .screening()
        .expect("unlocked")
        .decide_review(
            &first.result_id,
            ReviewOutcome::NoConcern,
            "与班主任沟通后无需关注",
        )
        .unwrap();
    // The same answers again: the decision stands.
    let again = import(&mut s, [2, 2, 2, 2, 2, 2, 1, 1, 0]);
    assert_eq!(again.replaced, 1);
    assert!(entry(&mut s).decision.is_some());
    // A corrected export with item 9 answered: back on the list, undecided, critical.
    import(&mut s, [2, 2, 2, 2, 2, 2, 1, 1, 2]);
    let now = entry(&mut s);
    assert!(now.critical);
    assert!(now.decision.is_none(), "the old 无需关注 no longer holds");
    assert_eq!(now.result_id, first.result_id);
}
