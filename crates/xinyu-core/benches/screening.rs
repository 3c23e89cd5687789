//! Importing a screening platform's export at a large school: 3,000 students × PHQ-9 item
//! responses in one xlsx, read, matched, scored, sealed and written in one transaction; and,
//! for scale, calamine's bare parse of the same file.
//!
//! Target (ours): the whole import within 10× the bare parse, and under 2 s. Run: `cargo bench
//! -p xinyu-core --bench screening`; a summary is printed at the end.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

mod support;

use std::hint::black_box;
use std::io::Cursor;
use std::time::Duration;

use calamine::{Reader, Xlsx};
use chrono::NaiveDate;
use criterion::Criterion;
use support::median;
use xinyu_core::roster::{StudentRecord, StudentStatus};
use xinyu_core::screening::CampaignInput;
use xinyu_core::{KdfParams, NewVault, Vault};

const STUDENTS: usize = 3_000;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut vault, _) = Vault::create(
        dir.path(),
        NewVault {
            school_name: "演示学校",
            user_name: "演示老师",
            passphrase: "演示数据保险箱口令2026",
            kdf: KdfParams::for_tests(),
        },
    )
    .expect("create");
    vault
        .accounts()
        .expect("unlocked")
        .set_idle_lock_minutes(0)
        .expect("idle lock");
    let records = (0..STUDENTS)
        .map(|i| {
            Ok(StudentRecord {
                row: i + 2,
                student_no: format!("S{:06}", i + 1),
                name: format!("学生{i}"),
                gender: None,
                date_of_birth: None,
                grade: ["七年级", "八年级", "九年级"][i % 3].to_owned(),
                class_name: format!("{}班", 1 + i % 12),
                enrollment_year: None,
                homeroom_teacher: None,
                guardians: Vec::new(),
                status: StudentStatus::Active,
            })
        })
        .collect();
    vault
        .roster()
        .expect("unlocked")
        .import_students(records, false)
        .expect("roster");
    let campaign = vault
        .screening()
        .expect("unlocked")
        .create_campaign(CampaignInput {
            name: "基准测评".into(),
            instruments: vec!["phq9".into()],
            starts_on: NaiveDate::from_ymd_opt(2026, 10, 8).expect("date"),
            ends_on: NaiveDate::from_ymd_opt(2026, 10, 20).expect("date"),
            grades: vec![],
            classes: vec![],
        })
        .expect("campaign")
        .id;

    // The platform's export: 学号, 姓名, PHQ9_1 … PHQ9_9 as numbers.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "学号").expect("cell");
    sheet.write_string(0, 1, "姓名").expect("cell");
    for k in 0..9u16 {
        sheet
            .write_string(0, 2 + k, format!("PHQ9_{}", k + 1))
            .expect("cell");
    }
    let mut x: u64 = 2026;
    for i in 0..STUDENTS {
        let r = (i + 1) as u32;
        sheet
            .write_string(r, 0, format!("S{:06}", i + 1))
            .expect("cell");
        sheet.write_string(r, 1, format!("学生{i}")).expect("cell");
        for k in 0..9u16 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            sheet
                .write_number(r, 2 + k, ((x >> 60) % 4) as f64)
                .expect("cell");
        }
    }
    let bytes = book.save_to_buffer().expect("xlsx");

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("screening");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("calamine_parse", |b| {
        b.iter(|| {
            let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.as_slice())).expect("open");
            let first = wb.sheet_names()[0].clone();
            black_box(wb.worksheet_range(&first).expect("range"))
        })
    });
    g.bench_function("import_and_score", |b| {
        b.iter(|| {
            let s = vault
                .screening()
                .expect("unlocked")
                .import_screening(&campaign, "phq9", &bytes, "phq9.xlsx", false)
                .expect("import");
            assert_eq!(s.imported, STUDENTS);
            black_box(s)
        })
    });
    g.finish();
    c.final_summary();

    let list = vault
        .screening()
        .expect("unlocked")
        .review_list(&campaign)
        .expect("review list");
    let ms = |name: &str| median("screening", name).map(|s| s * 1e3);
    println!();
    if let (Some(parse), Some(import)) = (ms("calamine_parse"), ms("import_and_score")) {
        let ratio = import / parse;
        println!(
            "Screening import, {STUDENTS} students × PHQ-9 from xlsx ({} KB): {import:.0} ms \
             (target < 2000 ms) {}; calamine's bare parse {parse:.0} ms; ratio {ratio:.1}× \
             (target ≤ 10×) {}",
            bytes.len() / 1024,
            if import < 2000.0 { "ok" } else { "MISSED" },
            if ratio <= 10.0 { "ok" } else { "MISSED" },
        );
        println!(
            "  review list afterwards: {} students at or above 10 or with item 9",
            list.entries.len()
        );
    } else {
        println!("  (some benchmarks were filtered out; no summary)");
    }
}
