//! Warning files as a counselor keeps them: opened at a level, followed up, reassessed, and
//! due or overdue on the dashboard as the days pass; principals see summaries, never narratives.

use std::sync::Arc;

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use xinyu_core::casework::{CaseEvent, FileSource, FollowUpInput, FollowUpMode, OpenFileInput};
use xinyu_core::roster::StudentInput;
use xinyu_core::{KdfParams, ManualClock, NewVault, Role, Vault};

const PASS: &str = "春风化雨润物无声2026";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn setup(start: NaiveDate) -> (tempfile::TempDir, Vault, ManualClock, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = ManualClock::new(Utc.from_utc_datetime(&start.and_hms_opt(8, 0, 0).expect("time")));
    let (mut vault, _) = Vault::create_with_clock(
        dir.path(),
        NewVault {
            school_name: "示例实验中学",
            user_name: "李老师",
            passphrase: PASS,
            kdf: KdfParams::for_tests(),
        },
        Arc::new(clock.clone()),
    )
    .expect("create");
    // Days pass in these tests; the idle lock would (rightly) lock the vault in between.
    vault
        .accounts()
        .expect("unlocked")
        .set_idle_lock_minutes(0)
        .expect("idle lock off");
    let student = vault
        .roster()
        .expect("unlocked")
        .add_student(StudentInput::new("2024001", "张三", "七年级", "3班"))
        .expect("student");
    (dir, vault, clock, student.id)
}

fn open(
    vault: &mut Vault,
    student: &str,
    level: u8,
    on: NaiveDate,
) -> xinyu_core::casework::FileSummary {
    vault
        .casework()
        .expect("unlocked")
        .open_warning_file(OpenFileInput {
            student_id: student.to_owned(),
            level,
            categories: vec!["学业压力".into()],
            source: FileSource::HomeroomTeacher,
            reason: "班主任反映近两周情绪低落".into(),
            opened_on: on,
        })
        .expect("open")
}

#[test]
fn a_file_at_level_two_is_due_in_a_week_then_due_today_then_overdue() {
    let start = day(2026, 3, 2);
    let (_dir, mut vault, clock, student) = setup(start);
    let file = open(&mut vault, &student, 2, start);
    assert_eq!(file.next_due, Some(day(2026, 3, 9)));

    clock.advance(Duration::days(3));
    let due = vault.casework().expect("unlocked").due_list().expect("due");
    assert_eq!(due.due_this_week.len(), 1);
    assert!(due.due_today.is_empty() && due.overdue.is_empty());
    assert_eq!(due.open_by_level, vec![0, 1, 0]);

    clock.advance(Duration::days(4));
    let due = vault.casework().expect("unlocked").due_list().expect("due");
    assert_eq!(due.due_today.len(), 1);

    clock.advance(Duration::days(1));
    let due = vault.casework().expect("unlocked").due_list().expect("due");
    assert_eq!(due.overdue.len(), 1);
    assert_eq!(due.overdue[0].id, file.id);
}

#[test]
fn intervals_cross_month_ends_and_leap_days() {
    let (_dir, mut vault, _clock, first) = setup(day(2026, 1, 31));
    // A student has at most one open file, so each case is another student.
    let mut others = ["2024002", "2024003"].map(|no| {
        vault
            .roster()
            .expect("unlocked")
            .add_student(StudentInput::new(no, "李四", "七年级", "3班"))
            .expect("student")
            .id
    });
    let student = first;
    assert_eq!(
        open(&mut vault, &student, 3, day(2026, 1, 31)).next_due,
        Some(day(2026, 3, 2)),
        "三级: 30 days"
    );
    let student = std::mem::take(&mut others[0]);
    assert_eq!(
        open(&mut vault, &student, 1, day(2028, 2, 28)).next_due,
        Some(day(2028, 2, 29)),
        "一级: daily, leap year"
    );
    let student = std::mem::take(&mut others[1]);
    assert_eq!(
        open(&mut vault, &student, 2, day(2026, 12, 28)).next_due,
        Some(day(2027, 1, 4)),
        "二级: across the new year"
    );
}

#[test]
fn a_follow_up_sets_the_next_due_date_and_a_reassessment_changes_the_level() {
    let start = day(2026, 3, 2);
    let (_dir, mut vault, clock, student) = setup(start);
    let file = open(&mut vault, &student, 2, start);
    clock.advance(Duration::days(5));
    let after = vault
        .casework()
        .expect("unlocked")
        .add_follow_up(
            &file.id,
            FollowUpInput {
                date: day(2026, 3, 7),
                mode: FollowUpMode::InPerson,
                content: "面谈：睡眠变差，提到不想上学".into(),
                reassessed_level: Some(1),
                next_due: None,
            },
        )
        .expect("follow-up");
    assert_eq!(after.level, 1);
    assert_eq!(after.next_due, Some(day(2026, 3, 8)), "一级 is daily");

    let after = vault
        .casework()
        .expect("unlocked")
        .add_follow_up(
            &file.id,
            FollowUpInput {
                date: day(2026, 3, 8),
                mode: FollowUpMode::Phone,
                content: "电话联系家长".into(),
                reassessed_level: None,
                next_due: Some(day(2026, 3, 10)),
            },
        )
        .expect("follow-up");
    assert_eq!(
        after.next_due,
        Some(day(2026, 3, 10)),
        "the counselor's own date wins"
    );

    let events = vault
        .casework()
        .expect("unlocked")
        .case_events(&file.id)
        .expect("events");
    let kinds: Vec<&str> = events.iter().map(CaseEvent::kind).collect();
    assert_eq!(
        kinds,
        ["level_change", "level_change", "follow_up", "follow_up"]
    );
    assert!(matches!(
        events[1],
        CaseEvent::LevelChange {
            from: Some(2),
            to: 1,
            ..
        }
    ));
    assert!(
        vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify")
            .all_ok()
    );
}

#[test]
fn the_principal_sees_levels_and_dates_but_never_the_narrative() {
    let start = day(2026, 3, 2);
    let (_dir, mut vault, _clock, student) = setup(start);
    let file = open(&mut vault, &student, 1, start);
    vault
        .accounts()
        .expect("unlocked")
        .add_user("王校长", Role::Principal, "校长办公室的口令2026")
        .expect("principal");
    vault
        .accounts()
        .expect("unlocked")
        .add_user("周老师", Role::Teacher, "兼职心理老师口令2026")
        .expect("teacher");
    vault.lock().expect("lock");

    vault
        .unlock("王校长", "校长办公室的口令2026")
        .expect("unlock");
    let files = vault
        .casework()
        .expect("unlocked")
        .warning_files()
        .expect("summaries");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].level, 1);
    assert_eq!(
        vault
            .casework()
            .expect("unlocked")
            .due_list()
            .expect("due")
            .open_by_level,
        vec![1, 0, 0]
    );
    let err = match vault.casework().expect("unlocked").case_events(&file.id) {
        Err(e) => e,
        Ok(_) => panic!("a principal must not read case events"),
    };
    assert_eq!(err.code(), "forbidden");
    assert!(
        vault
            .casework()
            .expect("unlocked")
            .change_level(&file.id, 3, "情况好转")
            .is_err()
    );
    vault.lock().expect("lock");

    // A teacher sees only files assigned to them; none is.
    vault
        .unlock("周老师", "兼职心理老师口令2026")
        .expect("unlock");
    assert!(
        vault
            .casework()
            .expect("unlocked")
            .warning_files()
            .expect("summaries")
            .is_empty()
    );
}
