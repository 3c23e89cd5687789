//! What reaches the UI when a real use case refuses: a code and typed details, no prose to
//! parse. The UI words them in Chinese or English from its locale files; the CLI's text stays
//! in `message` for logs. Never a name, a 学号 or a note in the details.

use xinyu_core::roster::StudentInput;
use xinyu_core::{CommandError, Vault};

use crate::school::{PRINCIPAL, PRINCIPAL_PASS, School, ZHANG_SAN};

const HAN: std::ops::RangeInclusive<char> = '\u{3400}'..='\u{9fff}';

fn refusal<T: std::fmt::Debug>(r: xinyu_core::Result<T>) -> (CommandError, serde_json::Value) {
    let e = CommandError::from(r.expect_err("refused"));
    let details = serde_json::to_value(&e.details).expect("details");
    (e, details)
}

fn as_principal(school: &mut School) -> &mut Vault {
    school.vault.lock().expect("lock");
    school
        .vault
        .unlock(PRINCIPAL, PRINCIPAL_PASS)
        .expect("principal");
    &mut school.vault
}

#[test]
fn refusals_reach_the_ui_as_codes_with_typed_details_and_no_chinese() {
    let mut school = School::builder().principal().students(&[ZHANG_SAN]).build();
    let (no, name, grade, class) = ZHANG_SAN;

    // A blank field.
    let blank = school
        .vault
        .roster()
        .expect("unlocked")
        .add_student(StudentInput::new("2024009", " ", grade, class));
    let mut seen = Vec::new();
    let (e, details) = refusal(blank);
    assert_eq!(e.code, "invalid");
    assert_eq!(
        details,
        serde_json::json!({"field": "name", "problem": {"code": "required"}})
    );
    assert!(e.message.starts_with("姓名：不能为空"), "{}", e.message);
    seen.push(details);

    // A 学号 already on the roster: what exists, never the number itself.
    let twice = school
        .vault
        .roster()
        .expect("unlocked")
        .add_student(StudentInput::new(no, name, grade, class));
    let (e, details) = refusal(twice);
    assert_eq!(e.code, "duplicate");
    assert_eq!(
        details,
        serde_json::json!({"existing": {"code": "student_no"}})
    );
    seen.push(details);

    // A role refused a deed.
    let principal = as_principal(&mut school);
    let forbidden = principal
        .roster()
        .expect("unlocked")
        .add_student(StudentInput::new("2024010", "新同学", grade, class));
    let (e, details) = refusal(forbidden);
    assert_eq!(e.code, "forbidden");
    assert_eq!(
        details,
        serde_json::json!({"role": "principal", "deed": "add_student"})
    );
    assert!(e.message.contains("无权添加学生"), "{}", e.message);
    assert!(e.message.contains("may not add students"), "{}", e.message);
    seen.push(details);

    // Whatever the refusal, what a UI words is codes: no Chinese, no name, no 学号.
    for details in seen {
        let text = details.to_string();
        assert!(!text.chars().any(|c| HAN.contains(&c)), "{text}");
        assert!(!text.contains(no) && !text.contains(name), "{text}");
    }
}
