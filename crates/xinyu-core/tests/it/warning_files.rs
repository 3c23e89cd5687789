//! Warning files as a counselor keeps them: opened at a level, followed up, reassessed, and
//! due or overdue on the dashboard as the days pass; principals see summaries, never narratives.

use chrono::{Duration, NaiveDate};
use xinyu_core::Vault;
use xinyu_core::casework::{CaseEvent, FileSource, FollowUpInput, FollowUpMode, OpenFileInput};

use crate::school::{PRINCIPAL, PRINCIPAL_PASS, School, TEACHER, TEACHER_PASS, ZHANG_SAN, day};

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
    let mut s = School::builder().on(start).students(&[ZHANG_SAN]).build();
    let file = open(&mut s.vault, &s.students[0], 2, start);
    assert_eq!(file.next_due, Some(day(2026, 3, 9)));

    s.clock.advance(Duration::days(3));
    let due = s
        .vault
        .casework()
        .expect("unlocked")
        .due_list()
        .expect("due");
    assert_eq!(due.due_this_week.len(), 1);
    assert!(due.due_today.is_empty() && due.overdue.is_empty());
    assert_eq!(due.open_by_level, vec![0, 1, 0]);

    s.clock.advance(Duration::days(4));
    let due = s
        .vault
        .casework()
        .expect("unlocked")
        .due_list()
        .expect("due");
    assert_eq!(due.due_today.len(), 1);

    s.clock.advance(Duration::days(1));
    let due = s
        .vault
        .casework()
        .expect("unlocked")
        .due_list()
        .expect("due");
    assert_eq!(due.overdue.len(), 1);
    assert_eq!(due.overdue[0].id, file.id);
}

#[test]
fn intervals_cross_month_ends_and_leap_days() {
    // A student has at most one open file, so each case is another student.
    let mut s = School::builder()
        .on(day(2026, 1, 31))
        .students(&[
            ZHANG_SAN,
            ("2024002", "李四", "七年级", "3班"),
            ("2024003", "李四", "七年级", "3班"),
        ])
        .build();
    assert_eq!(
        open(&mut s.vault, &s.students[0], 3, day(2026, 1, 31)).next_due,
        Some(day(2026, 3, 2)),
        "三级: 30 days"
    );
    assert_eq!(
        open(&mut s.vault, &s.students[1], 1, day(2028, 2, 28)).next_due,
        Some(day(2028, 2, 29)),
        "一级: daily, leap year"
    );
    assert_eq!(
        open(&mut s.vault, &s.students[2], 2, day(2026, 12, 28)).next_due,
        Some(day(2027, 1, 4)),
        "二级: across the new year"
    );
}

#[test]
fn a_follow_up_sets_the_next_due_date_and_a_reassessment_changes_the_level() {
    let start = day(2026, 3, 2);
    let mut s = School::builder().on(start).students(&[ZHANG_SAN]).build();
    let file = open(&mut s.vault, &s.students[0], 2, start);
    s.clock.advance(Duration::days(5));
    let after = s
        .vault
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

    let after = s
        .vault
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

    let events = s
        .vault
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
        s.vault
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
    let mut s = School::builder()
        .on(start)
        .students(&[ZHANG_SAN])
        .teacher()
        .principal()
        .build();
    let file = open(&mut s.vault, &s.students[0], 1, start);
    s.vault.lock().expect("lock");

    s.vault.unlock(PRINCIPAL, PRINCIPAL_PASS).expect("unlock");
    let files = s
        .vault
        .casework()
        .expect("unlocked")
        .warning_files()
        .expect("summaries");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].level, 1);
    assert_eq!(
        s.vault
            .casework()
            .expect("unlocked")
            .due_list()
            .expect("due")
            .open_by_level,
        vec![1, 0, 0]
    );
    let err = match s.vault.casework().expect("unlocked").case_events(&file.id) {
        Err(e) => e,
        Ok(_) => panic!("a principal must not read case events"),
    };
    assert_eq!(err.code(), "forbidden");
    assert!(
        s.vault
            .casework()
            .expect("unlocked")
            .change_level(&file.id, 3, "情况好转")
            .is_err()
    );
    s.vault.lock().expect("lock");

    // A teacher sees only files assigned to them; none is.
    s.vault.unlock(TEACHER, TEACHER_PASS).expect("unlock");
    assert!(
        s.vault
            .casework()
            .expect("unlocked")
            .warning_files()
            .expect("summaries")
            .is_empty()
    );
}
