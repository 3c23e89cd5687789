//! A new school year and single status changes, as the counselor does them in September:
//! everyone in school moves up, the top grade graduates, students on leave stay put.

use xinyu_core::Vault;
use xinyu_core::roster::StudentStatus;

use crate::school::{COUNSELOR, PASS, School};

fn find(vault: &mut Vault, no: &str) -> xinyu_core::roster::Student {
    vault
        .roster()
        .expect("unlocked")
        .students()
        .expect("students")
        .into_iter()
        .find(|s| s.student_no == no)
        .expect("student")
}

#[test]
fn the_school_year_moves_everyone_up_and_the_top_grade_graduates() {
    let School {
        dir: _dir,
        mut vault,
        ..
    } = School::builder()
        .students(&[
            ("1", "学生1", "七年级", "1班"),
            ("2", "学生2", "八年级", "1班"),
            ("3", "学生3", "九年级", "1班"),
            ("4", "学生4", "八年级", "1班"),
        ])
        .build();
    let on_leave = find(&mut vault, "4");
    vault
        .roster()
        .expect("unlocked")
        .set_student_status(&on_leave.id, StudentStatus::OnLeave)
        .expect("leave");

    let dry = vault
        .roster()
        .expect("unlocked")
        .roll_over_school_year(true)
        .expect("dry run");
    assert_eq!((dry.promoted, dry.graduated, dry.committed), (2, 1, false));
    assert_eq!(dry.graduating_grade.as_deref(), Some("九年级"));
    assert_eq!(
        find(&mut vault, "1").grade,
        "七年级",
        "a dry run changes nothing"
    );

    let done = vault
        .roster()
        .expect("unlocked")
        .roll_over_school_year(false)
        .expect("rollover");
    assert!(done.committed);
    assert_eq!(find(&mut vault, "1").grade, "八年级");
    assert_eq!(find(&mut vault, "2").grade, "九年级");
    let graduate = find(&mut vault, "3");
    assert_eq!(
        (graduate.grade.as_str(), graduate.status),
        ("九年级", StudentStatus::Graduated)
    );
    let stayed = find(&mut vault, "4");
    assert_eq!(
        (stayed.grade.as_str(), stayed.status),
        ("八年级", StudentStatus::OnLeave)
    );

    // What was written is what a fresh unlock reads back.
    vault.lock().expect("lock");
    vault.unlock(COUNSELOR, PASS).expect("unlock");
    assert_eq!(find(&mut vault, "1").grade, "八年级");
    assert_eq!(find(&mut vault, "3").status, StudentStatus::Graduated);

    // Back from leave.
    let back = vault
        .roster()
        .expect("unlocked")
        .set_student_status(&stayed.id, StudentStatus::Active)
        .expect("return");
    assert_eq!(back.status, StudentStatus::Active);
}
