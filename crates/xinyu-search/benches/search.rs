//! Search as you type over synthetic rosters of 3,000 and 30,000 students: the index build at
//! unlock, and the latency of each keystroke while typing `zhangs` and then `2024`.
//!
//! Targets (PRODUCT.md §2, UI.md "Find fast"): ≤ 1 ms per keystroke at 3,000 students, ≤ 5 ms at
//! 30,000 (release). Run with `cargo bench -p xinyu-search --bench search`; a summary with each
//! figure and its target is printed at the end.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

// The helper the core's benchmarks use, shared rather than copied.
#[path = "../../xinyu-core/benches/support/mod.rs"]
mod support;

use support::median;

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use xinyu_search::{SearchEntry, SearchIndex};

const SIZES: [usize; 2] = [3_000, 30_000];
/// Rows a result list shows: what the UI asks for.
const LIMIT: usize = 50;

/// Common surnames, 张 among them so that typing `zhangs` narrows to real hits, and a few
/// polyphonic ones (曾, 单, 解, 查).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘\
                        于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦\
                        邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解查";
/// Characters common in given names.
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉\
                     晨宇轩浩然子涵欣怡梓萱思雨佳琪一诺嘉俊博文泽昊天睿晓东梅雪婷欢乐新安宁\
                     志远建国海波春晖秋月晶晶亮小丹婉清语嫣若曦书瑶诗沐宸皓铭熙梦琳瑾萌悦";
const GRADES: [&str; 3] = ["七年级", "八年级", "九年级"];

/// A deterministic pseudo-random sequence (Knuth's MMIX LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// `n` students with one- or two-character given names; 学号 `YYYY` + five digits.
fn roster(n: usize) -> Vec<SearchEntry> {
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut rng = Lcg(20_240_901);
    (0..n)
        .map(|i| {
            let mut name = String::new();
            name.push(surnames[rng.next(surnames.len())]);
            for _ in 0..1 + rng.next(2) {
                name.push(given[rng.next(given.len())]);
            }
            let grade = i % 3;
            SearchEntry {
                id: format!("{i:032x}"),
                student_no: format!("{}{:05}", 2024 - grade, i / 3),
                name,
                grade: GRADES[grade].to_owned(),
                class_name: format!("{}班", 1 + rng.next(16)),
            }
        })
        .collect()
}

/// Every prefix of each word, as the search box sees them while the counselor types.
fn keystrokes() -> Vec<&'static str> {
    ["zhangs", "2024"]
        .into_iter()
        .flat_map(|word| (1..=word.len()).map(move |n| &word[..n]))
        .collect()
}

fn benches(c: &mut Criterion) {
    let rosters: Vec<Vec<SearchEntry>> = SIZES.iter().map(|&n| roster(n)).collect();

    let mut g = c.benchmark_group("search_build");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for (size, entries) in SIZES.iter().zip(&rosters) {
        g.bench_function(size.to_string(), |b| {
            b.iter(|| black_box(SearchIndex::build(entries.iter().cloned())))
        });
    }
    g.finish();

    // Each keystroke is its own query, as the search box sends them.
    let keys = keystrokes();
    for (size, entries) in SIZES.iter().zip(&rosters) {
        let index = SearchIndex::build(entries.iter().cloned());
        let mut g = c.benchmark_group(format!("search_keystroke_{size}"));
        g.sample_size(10)
            .warm_up_time(Duration::from_millis(200))
            .measurement_time(Duration::from_millis(800));
        for q in &keys {
            g.bench_function(*q, |b| {
                b.iter(|| black_box(index.search(black_box(q), LIMIT)))
            });
        }
        g.finish();
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    c.final_summary();

    // Per size: the mean of the keystrokes' medians, and the slowest keystroke, in ms.
    let per_key = |size: usize| -> Option<(f64, &str, f64)> {
        let group = format!("search_keystroke_{size}");
        let medians: Vec<(&str, f64)> = keystrokes()
            .into_iter()
            .map(|q| median(&group, q).map(|s| (q, s * 1e3)))
            .collect::<Option<_>>()?;
        let mean = medians.iter().map(|m| m.1).sum::<f64>() / medians.len() as f64;
        let (q, max) = medians.into_iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
        Some((mean, q, max))
    };
    let build = |size: usize| median("search_build", &size.to_string()).map(|s| s * 1e3);
    let verdict = |ms: f64, target: f64| if ms <= target { "ok" } else { "MISSED" };
    println!();
    println!("Search as you type (medians, this machine, same run):");
    if let (Some(b3), Some(b30), Some((k3, q3, max3)), Some((k30, q30, max30))) = (
        build(SIZES[0]),
        build(SIZES[1]),
        per_key(SIZES[0]),
        per_key(SIZES[1]),
    ) {
        println!("  index build at 3,000: {b3:.1} ms; at 30,000: {b30:.1} ms");
        println!(
            "  search per keystroke at 3,000: {k3:.3} ms (target ≤ 1 ms) {}; at 30,000: {k30:.3} ms (target ≤ 5 ms) {}",
            verdict(k3, 1.0),
            verdict(k30, 5.0),
        );
        println!(
            "  slowest keystroke at 3,000: {q3:?} {max3:.3} ms {}; at 30,000: {q30:?} {max30:.3} ms {}",
            verdict(max3, 1.0),
            verdict(max30, 5.0),
        );
        println!(
            "  (mean of the medians of each prefix of \"zhangs\" and \"2024\", {LIMIT} hits asked)"
        );
    } else {
        println!("  (some benchmarks were filtered out; no summary)");
    }
}
