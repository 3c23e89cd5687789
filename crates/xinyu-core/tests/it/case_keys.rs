//! Per-case keys, tested at the level of the keys: what a teacher's own passphrase opens in a
//! copy of the vault file, with no app in between — as the principal's reach is tested.

use chrono::NaiveTime;
use rusqlite::Connection;
use xinyu_core::Role;
use xinyu_core::casework::{FileSource, OpenFileInput};
use xinyu_core::notes::{RiskAnswer, SessionInput};
use xinyu_vault::{
    Identity, KdfParams, KeyClass, KeyVersion, Keyring, RecordAad, Salt, WrapContext, WrappedKey,
    derive_kek,
};

use crate::school::{
    COUNSELOR, LI_SI, PASS, School, TEACHER, TEACHER_PASS, WANG_WU, ZHANG_SAN, day, enrol, store,
};

fn note(student: Option<&str>) -> SessionInput {
    SessionInput {
        student_id: student.map(str::to_owned),
        walk_in_label: if student.is_none() {
            "七年级女生".into()
        } else {
            String::new()
        },
        date: day(2026, 3, 2),
        start_time: NaiveTime::from_hms_opt(15, 30, 0).expect("time"),
        duration_minutes: 40,
        current_situation: "近期考试失利，睡眠差".into(),
        main_problem: "考试焦虑".into(),
        assessment: "情绪困扰程度中等".into(),
        analysis: "对成绩期望过高".into(),
        plan: "放松训练".into(),
        effect: "情绪有所缓解".into(),
        risk: RiskAnswer::Denied,
        next_appointment: None,
    }
}

/// Everything `name`'s passphrase opens from the file alone: their identity, the class keys
/// and the case keys granted to it.
fn keys_from_the_file(conn: &Connection, name: &str, passphrase: &str) -> Keyring {
    let identity_id: String = conn
        .query_row(
            "SELECT identity_id FROM users WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .expect("user");
    let (params, salt, wrapped): (String, Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT kdf_params, kdf_salt, secret_wrapped FROM identities WHERE id = ?1",
            [&identity_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("identity");
    let params: KdfParams = serde_json::from_str(&params).expect("params");
    let salt = Salt::from_bytes(salt.try_into().expect("salt"));
    let kek = derive_kek(passphrase.as_bytes(), &salt, &params).expect("kek");
    let identity =
        Identity::unwrap(&kek, &WrappedKey::from_bytes(wrapped), &identity_id).expect("unwrap");
    let mut keyring = Keyring::new();
    let mut grants = conn
        .prepare(
            "SELECT class, version, sealed FROM key_grants WHERE identity_id = ?1
             UNION ALL SELECT 9, key_id, sealed FROM case_grants WHERE identity_id = ?1",
        )
        .expect("grants");
    let rows = grants
        .query_map([&identity_id], |r| {
            Ok((
                r.get::<_, u8>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })
        .expect("query");
    for row in rows {
        let (class, version, sealed) = row.expect("row");
        let class = KeyClass::from_code(class).expect("class");
        let key = identity
            .open_grant(
                &sealed,
                &WrapContext::new(&identity_id, class, KeyVersion(version)),
            )
            .expect("grant");
        keyring.insert(class, KeyVersion(version), key);
    }
    keyring
}

/// The ids of the rows of `table` that `keyring` opens.
fn opens(conn: &Connection, keyring: &Keyring, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT id, body, revision FROM {table} ORDER BY rowid"
        ))
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })
        .expect("query");
    rows.map(|r| r.expect("row"))
        .filter(|(id, body, revision)| {
            let aad = RecordAad::new(table, id, "body").at_revision(*revision as u64);
            keyring.open(&aad, body).is_ok()
        })
        .map(|(id, _, _)| id)
        .collect()
}

fn count(conn: &Connection, table: &str) -> usize {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
        r.get::<_, i64>(0)
    })
    .expect("count") as usize
}

fn open_file(school: &mut School, student: usize) -> String {
    let student_id = school.students[student].clone();
    school
        .vault
        .casework()
        .expect("unlocked")
        .open_warning_file(OpenFileInput {
            student_id,
            level: 2,
            categories: vec![],
            source: FileSource::HomeroomTeacher,
            reason: "班主任反映情绪低落".into(),
            opened_on: day(2026, 3, 2),
        })
        .expect("file")
        .id
}

#[test]
fn a_teachers_passphrase_opens_the_shared_students_case_and_nothing_else_in_the_file() {
    let mut school = School::builder()
        .teacher()
        .students(&[ZHANG_SAN, LI_SI])
        .build();
    let teacher = school.user_id(TEACHER);
    let me = school.user_id(COUNSELOR);
    let shared = open_file(&mut school, 0);
    let _unshared = open_file(&mut school, 1);
    school
        .vault
        .casework()
        .expect("unlocked")
        .share_file(&shared, &me, vec![teacher])
        .expect("share");
    for student in [0, 1] {
        let id = school.students[student].clone();
        school
            .vault
            .notes()
            .expect("unlocked")
            .create_session(note(Some(&id)))
            .expect("note");
    }

    let conn = store(school.dir.path());
    let keys = keys_from_the_file(&conn, TEACHER, TEACHER_PASS);
    assert!(!keys.contains(KeyClass::Notes), "no notes class key");
    assert!(!keys.contains(KeyClass::Casework), "no casework class key");
    assert_eq!(opens(&conn, &keys, "warning_files"), vec![shared.clone()]);
    assert_eq!(count(&conn, "warning_files"), 2);
    assert_eq!(
        opens(&conn, &keys, "sessions").len(),
        1,
        "the shared student's note only"
    );
    assert_eq!(count(&conn, "sessions"), 2);
    // Opening the file wrote one event each; the sharing another on the shared file.
    assert_eq!(opens(&conn, &keys, "case_events").len(), 2);
    assert_eq!(count(&conn, "case_events"), 3);
    // The counselor's passphrase opens everything.
    let all = keys_from_the_file(&conn, COUNSELOR, PASS);
    assert!(all.contains(KeyClass::Casework));

    // In the app the teacher lists notes (theirs and shared ones: none here); the other
    // student's note, which their keys do not open, is not counted as unreadable.
    school.vault.lock().expect("lock");
    school.vault.unlock(TEACHER, TEACHER_PASS).expect("teacher");
    let notes = school
        .vault
        .notes()
        .expect("unlocked")
        .list_sessions(None)
        .expect("list");
    assert!(notes.is_empty());
    let status = school.vault.status().expect("status");
    assert_eq!(
        status.unreadable_records, 0,
        "others' cases are not 'unreadable'"
    );
}

#[test]
fn unsharing_replaces_the_case_key_so_the_old_one_opens_nothing_written_since_or_before() {
    let mut school = School::builder().teacher().students(&[ZHANG_SAN]).build();
    let teacher = school.user_id(TEACHER);
    let me = school.user_id(COUNSELOR);
    let file = open_file(&mut school, 0);
    school
        .vault
        .casework()
        .expect("unlocked")
        .share_file(&file, &me, vec![teacher])
        .expect("share");
    let conn = store(school.dir.path());
    // The teacher keeps a copy of their keys (a copy of the file, their passphrase).
    let kept = keys_from_the_file(&conn, TEACHER, TEACHER_PASS);
    assert_eq!(opens(&conn, &kept, "warning_files"), vec![file.clone()]);

    school
        .vault
        .casework()
        .expect("unlocked")
        .share_file(&file, &me, vec![])
        .expect("unshare");
    let student = school.students[0].clone();
    school
        .vault
        .notes()
        .expect("unlocked")
        .create_session(note(Some(&student)))
        .expect("note");
    assert!(opens(&conn, &kept, "warning_files").is_empty(), "re-sealed");
    assert!(opens(&conn, &kept, "case_events").is_empty());
    assert!(opens(&conn, &kept, "sessions").is_empty(), "a new note");
    let now = keys_from_the_file(&conn, TEACHER, TEACHER_PASS);
    assert!(
        opens(&conn, &now, "warning_files").is_empty(),
        "no grant left"
    );
    let case_keys: i64 = conn
        .query_row("SELECT count(*) FROM case_keys", [], |r| r.get(0))
        .expect("count");
    assert_eq!(case_keys, 1, "the old key is deleted");
    // The counselor still reads all of it.
    let view = school
        .vault
        .casework()
        .expect("unlocked")
        .warning_file(&file)
        .expect("file");
    assert!(view.can_edit);
    assert!(
        school
            .vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify")
            .all_ok()
    );
}

#[test]
fn a_teachers_walk_in_note_is_for_the_counselors_and_its_author_only_until_shared() {
    let mut school = School::builder().teacher().students(&[WANG_WU]).build();
    enrol(
        &mut school.vault,
        "吴老师",
        Role::Teacher,
        "另一位兼职老师口令2026",
    );
    let _file = open_file(&mut school, 0);
    school.vault.lock().expect("lock");
    school.vault.unlock(TEACHER, TEACHER_PASS).expect("teacher");
    let walk_in = school
        .vault
        .notes()
        .expect("unlocked")
        .create_session(note(None))
        .expect("a walk-in note");
    school.vault.lock().expect("lock");

    let conn = store(school.dir.path());
    let author = keys_from_the_file(&conn, TEACHER, TEACHER_PASS);
    assert_eq!(opens(&conn, &author, "sessions"), vec![walk_in.id.clone()]);
    assert!(
        opens(&conn, &author, "warning_files").is_empty(),
        "not the file"
    );
    let other = keys_from_the_file(&conn, "吴老师", "另一位兼职老师口令2026");
    assert!(opens(&conn, &other, "sessions").is_empty());

    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    let read = school
        .vault
        .notes()
        .expect("unlocked")
        .session_note(&walk_in.id)
        .expect("the counselor reads it");
    assert_eq!(read.note.content.main_problem, "考试焦虑");

    // Shared with 吴老师 on its own: 吴老师 opens that note, still not the file.
    let wu = school.user_id("吴老师");
    school
        .vault
        .notes()
        .expect("unlocked")
        .share_session(&walk_in.id, vec![wu])
        .expect("share");
    let other = keys_from_the_file(&conn, "吴老师", "另一位兼职老师口令2026");
    assert_eq!(opens(&conn, &other, "sessions"), vec![walk_in.id.clone()]);
    assert!(opens(&conn, &other, "warning_files").is_empty());
    assert!(
        school
            .vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify")
            .all_ok()
    );
}

#[test]
fn a_disabled_teachers_cases_get_new_keys_at_the_rekey() {
    let mut school = School::builder().teacher().students(&[ZHANG_SAN]).build();
    let teacher = school.user_id(TEACHER);
    let me = school.user_id(COUNSELOR);
    let file = open_file(&mut school, 0);
    school
        .vault
        .casework()
        .expect("unlocked")
        .share_file(&file, &me, vec![teacher.clone()])
        .expect("share");
    let conn = store(school.dir.path());
    let kept = keys_from_the_file(&conn, TEACHER, TEACHER_PASS);
    let accounts = &mut school.vault.accounts().expect("unlocked");
    accounts.disable(&teacher).expect("disable");
    let progress = accounts.rekey().expect("rekey");
    assert!(progress.done);
    assert!(opens(&conn, &kept, "warning_files").is_empty());
    let grants: i64 = conn
        .query_row("SELECT count(*) FROM case_grants", [], |r| r.get(0))
        .expect("count");
    assert_eq!(grants, 0);
    assert!(
        school
            .vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify")
            .all_ok()
    );
}
