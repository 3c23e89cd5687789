//! The vault as its users meet it: set-up, unlock and lock, roles enforced by keys, passphrase
//! change and recovery, tampering, the access log, rekey, idle lock, and no plaintext at rest.

use std::path::Path;
use std::sync::Arc;

use chrono::Duration;
use xinyu_core::roster::StudentInput;
use xinyu_core::{Error, KdfParams, NewVault, Role, Vault};

use crate::school::{COUNSELOR, PASS, SCHOOL_NAME, School, enrol, store};

/// A school just set up on 2026-03-01: the counselor unlocked, no students, and the idle lock
/// as a new vault has it (10 minutes), since these tests are about the vault itself.
fn school() -> School {
    School::builder().keep_idle_lock().build()
}

fn student(no: &str, name: &str) -> StudentInput {
    StudentInput::new(no, name, "七年级", "3班")
}

fn bodies(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let conn = store(dir);
    let mut stmt = conn
        .prepare("SELECT id, body FROM students ORDER BY id")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

#[test]
fn set_up_gives_a_checked_recovery_code_and_an_unlocked_counselor() {
    let School {
        dir,
        mut vault,
        recovery_code: code,
        ..
    } = school();
    assert_eq!(code.len(), 29, "five groups of five: {code}");
    assert_eq!(code.matches('-').count(), 4);
    let status = vault.status().expect("status");
    assert_eq!(status.school_name.as_deref(), Some("示例实验中学"));
    assert_eq!(status.current_user.map(|u| u.role), Some(Role::Counselor));
    assert_eq!(status.idle_lock_minutes, 10);
    assert!(Vault::exists(dir.path()));
    assert!(matches!(
        Vault::create(
            dir.path(),
            NewVault {
                school_name: "另一所学校",
                user_name: "王老师",
                passphrase: PASS,
                kdf: KdfParams::for_tests(),
            }
        ),
        Err(Error::AlreadyInitialized)
    ));
    vault.lock().expect("lock");
}

#[test]
fn a_short_passphrase_is_refused_at_set_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = Vault::create(
        dir.path(),
        NewVault {
            school_name: SCHOOL_NAME,
            user_name: COUNSELOR,
            passphrase: "短口令",
            kdf: KdfParams::for_tests(),
        },
    )
    .expect_err("too short");
    assert_eq!(err.code(), "weak_passphrase");
    assert!(err.to_string().contains("至少需要 10 个字符"), "{err}");
    assert!(!Vault::exists(dir.path()));
}

#[test]
fn locking_drops_the_keys_and_the_right_passphrase_brings_the_students_back() {
    let School { dir, mut vault, .. } = school();
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("0012024", "阿卜杜拉·买买提"))
        .expect("add");
    vault.lock().expect("lock");
    assert!(matches!(vault.roster(), Err(Error::Locked)));

    let mut reopened = Vault::open(dir.path()).expect("open");
    assert!(matches!(reopened.roster(), Err(Error::Locked)));
    reopened.unlock(COUNSELOR, PASS).expect("unlock");
    let students = reopened
        .roster()
        .expect("unlocked")
        .students()
        .expect("students");
    assert_eq!(students.len(), 1);
    assert_eq!(students[0].student_no, "0012024", "leading zeros kept");
    assert_eq!(students[0].name, "阿卜杜拉·买买提");
}

#[test]
fn a_wrong_passphrase_changes_no_data_and_the_delay_grows_and_survives_a_restart() {
    let School {
        dir,
        mut vault,
        clock,
        ..
    } = school();
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024001", "张三"))
        .expect("add");
    vault.lock().expect("lock");
    let before = bodies(dir.path());

    for _ in 0..3 {
        let err = vault
            .unlock(COUNSELOR, "这不是正确的口令啊")
            .expect_err("wrong");
        assert!(matches!(err, Error::WrongPassphrase));
        assert!(err.to_string().starts_with("口令不正确"), "{err}");
    }
    assert_eq!(bodies(dir.path()), before, "no record changed");

    // After three wrong tries, even the right passphrase must wait — also after a restart.
    drop(vault);
    let mut vault = Vault::open_with_clock(dir.path(), Arc::new(clock.clone())).expect("reopen");
    match vault.unlock(COUNSELOR, PASS) {
        Err(Error::TooManyAttempts { wait_seconds }) => assert!(wait_seconds <= 5),
        other => panic!("expected a delay, got {other:?}"),
    }
    clock.advance(Duration::seconds(6));
    vault
        .unlock(COUNSELOR, PASS)
        .expect("unlock after the delay");
    let log = vault
        .audit()
        .expect("unlocked")
        .access_log(100)
        .expect("log");
    let failed = log.iter().filter(|e| e.action == "unlock_failed").count();
    assert_eq!(failed, 3);
    assert!(log.iter().all(|e| e.record_id.as_deref() != Some("张三")));
}

#[test]
fn an_unknown_user_is_told_apart_from_a_wrong_passphrase() {
    let School {
        dir: _dir,
        mut vault,
        ..
    } = school();
    vault.lock().expect("lock");
    assert!(matches!(
        vault.unlock("不存在的人", PASS),
        Err(Error::UnknownUser)
    ));
}

#[test]
fn changing_a_passphrase_rewraps_one_identity_and_rewrites_no_data_row() {
    let School { dir, mut vault, .. } = school();
    for i in 0..20 {
        vault
            .roster()
            .expect("unlocked")
            .add_student(student(&format!("2024{i:03}"), "学生"))
            .expect("add");
    }
    let before = bodies(dir.path());
    assert!(matches!(
        vault
            .accounts()
            .expect("unlocked")
            .change_passphrase("不对的旧口令口令口令", "新的口令更长更安全2026"),
        Err(Error::WrongPassphrase)
    ));
    vault
        .accounts()
        .expect("unlocked")
        .change_passphrase(PASS, "新的口令更长更安全2026")
        .expect("change");
    assert_eq!(bodies(dir.path()), before, "data rows untouched");
    vault.lock().expect("lock");
    assert!(matches!(
        vault.unlock(COUNSELOR, PASS),
        Err(Error::WrongPassphrase)
    ));
    vault
        .unlock(COUNSELOR, "新的口令更长更安全2026")
        .expect("new");
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("students")
            .len(),
        20
    );
}

#[test]
fn the_recovery_code_sets_a_new_passphrase_and_a_mistyped_code_is_caught() {
    let School {
        dir: _dir,
        mut vault,
        recovery_code: code,
        ..
    } = school();
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024001", "张三"))
        .expect("add");
    vault.lock().expect("lock");

    let mut typo: Vec<char> = code.chars().collect();
    typo[0] = if typo[0] == 'A' { 'B' } else { 'A' };
    let typo: String = typo.into_iter().collect();
    assert!(matches!(
        vault.recover(COUNSELOR, &typo, "找回之后的新口令2026"),
        Err(Error::WrongRecoveryCode)
    ));
    // Typed in lower case with spaces, as people do.
    let typed = code.to_lowercase().replace('-', " ");
    vault
        .recover(COUNSELOR, &typed, "找回之后的新口令2026")
        .expect("recover");
    assert!(matches!(
        vault.unlock(COUNSELOR, PASS),
        Err(Error::WrongPassphrase)
    ));
    vault
        .unlock(COUNSELOR, "找回之后的新口令2026")
        .expect("unlock");
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("students")[0]
            .name,
        "张三"
    );
    let log = vault
        .audit()
        .expect("unlocked")
        .access_log(50)
        .expect("log");
    assert!(log.iter().any(|e| e.action == "recovered"));
}

#[test]
fn a_ciphertext_moved_to_another_row_is_reported_tampered_and_the_rest_stay_readable() {
    let School { dir, mut vault, .. } = school();
    let a = vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024001", "张三"))
        .expect("a");
    let b = vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024002", "李四"))
        .expect("b");
    let c = vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024003", "王五"))
        .expect("c");
    {
        let conn = store(dir.path());
        conn.execute(
            "UPDATE students SET body = (SELECT body FROM students WHERE id = ?1) WHERE id = ?2",
            [&a.id, &b.id],
        )
        .expect("tamper");
    }
    let err = vault
        .roster()
        .expect("unlocked")
        .student(&b.id)
        .expect_err("moved ciphertext");
    assert_eq!(err.code(), "tampered");
    assert!(err.to_string().contains("篡改"), "{err}");
    assert!(
        !err.to_string().contains("张三"),
        "no content in errors: {err}"
    );
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .student(&a.id)
            .expect("a")
            .name,
        "张三"
    );
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .student(&c.id)
            .expect("c")
            .name,
        "王五"
    );
    let report = vault.audit().expect("unlocked").verify().expect("verify");
    assert!(!report.all_ok());
    assert_eq!(
        report.records_ok, 4,
        "two students, the mailbox key and the casework drop key"
    );
    assert_eq!(report.records_broken.len(), 1);
    assert_eq!(report.records_broken[0].id, b.id);
}

#[test]
fn every_change_and_view_is_in_the_access_log_and_an_edit_breaks_the_chain() {
    let School { dir, mut vault, .. } = school();
    let s = vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024001", "张三"))
        .expect("add");
    vault
        .roster()
        .expect("unlocked")
        .student(&s.id)
        .expect("view");
    vault.lock().expect("lock");
    vault.unlock(COUNSELOR, PASS).expect("unlock");
    let log = vault
        .audit()
        .expect("unlocked")
        .access_log(100)
        .expect("log");
    let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "vault_created",
            "user_added",
            "create",
            "create",
            "view",
            "lock",
            "unlock"
        ]
    );
    assert!(
        log.iter()
            .all(|e| e.actor_name.as_deref() == Some(COUNSELOR))
    );
    let report = vault.audit().expect("unlocked").verify().expect("verify");
    assert!(report.all_ok(), "{report:?}");

    let conn = store(dir.path());
    conn.execute("UPDATE access_log SET action = 'view' WHERE seq = 3", [])
        .expect("tamper");
    let report = vault.audit().expect("unlocked").verify().expect("verify");
    assert_eq!(report.log_first_broken, Some(3));
    assert!(!report.all_ok());
}

#[test]
fn an_interrupted_rekey_resumes_and_every_account_still_reads_the_records() {
    let School {
        dir,
        mut vault,
        recovery_code: code,
        ..
    } = school();
    let teacher = enrol(&mut vault, "周老师", Role::Teacher, "兼职心理老师口令2026");
    for i in 0..450 {
        vault
            .roster()
            .expect("unlocked")
            .add_student(student(&format!("2024{i:04}"), &format!("学生{i}")))
            .expect("add");
    }
    // A teacher reads only the students whose files are shared with them: share one.
    let shared_student = vault
        .roster()
        .expect("unlocked")
        .students()
        .expect("students")[0]
        .id
        .clone();
    let file = vault
        .casework()
        .expect("unlocked")
        .open_warning_file(xinyu_core::casework::OpenFileInput {
            student_id: shared_student,
            level: 2,
            categories: vec![],
            source: xinyu_core::casework::FileSource::HomeroomTeacher,
            reason: "班主任反映".into(),
            opened_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
        })
        .expect("file");
    let me = vault.status().expect("status").current_user.expect("me").id;
    vault
        .casework()
        .expect("unlocked")
        .share_file(&file.id, &me, vec![teacher])
        .expect("share");
    // Batches of 200 per table: 200 students, the file's summary, the mailbox key and the
    // casework drop key. (The file and its events are under the student's case key, which the
    // class rekey leaves alone.)
    let progress = vault
        .accounts()
        .expect("unlocked")
        .rekey_steps(1)
        .expect("first batch");
    assert!(!progress.done);
    assert_eq!(progress.resealed, 203);
    assert_eq!(progress.remaining, 250);
    // The PC is switched off here. After a restart the rekey carries on.
    drop(vault);
    let mut vault = Vault::open(dir.path()).expect("open");
    vault.unlock(COUNSELOR, PASS).expect("unlock mid-rekey");
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("readable mid-rekey")
            .len(),
        450
    );
    let progress = vault.accounts().expect("unlocked").rekey().expect("resume");
    assert!(progress.done);
    assert_eq!(progress.remaining, 0);
    assert!(
        vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify")
            .all_ok()
    );
    vault.lock().expect("lock");

    let conn = store(dir.path());
    let old: i64 = conn
        .query_row(
            "SELECT count(*) FROM key_grants WHERE version < 2",
            [],
            |r| r.get(0),
        )
        .expect("count");
    let left: Vec<(i64, i64, String)> = conn
        .prepare("SELECT class, version, identity_id FROM key_grants WHERE version < 2")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(old, 0, "old key versions are gone: {left:?}");
    let old_rows: i64 = conn
        .query_row(
            "SELECT count(*) FROM students WHERE key_version < 2",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(old_rows, 0);

    vault
        .unlock("周老师", "兼职心理老师口令2026")
        .expect("teacher");
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("teacher reads")
            .len(),
        1
    );
    let detail = vault
        .casework()
        .expect("unlocked")
        .warning_file(&file.id)
        .expect("teacher reads the shared file");
    assert_eq!(detail.events.len(), 2);
    vault.lock().expect("lock");
    vault
        .recover(COUNSELOR, &code, "换过密钥后找回口令2026")
        .expect("recovery still works after a rekey");
    vault
        .unlock(COUNSELOR, "换过密钥后找回口令2026")
        .expect("unlock");
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("students")
            .len(),
        450
    );
}

#[test]
fn the_vault_locks_itself_after_the_idle_time() {
    let School {
        dir: _dir,
        mut vault,
        clock,
        ..
    } = school();
    clock.advance(Duration::minutes(9));
    assert!(
        vault.roster().expect("unlocked").students().is_ok(),
        "still unlocked after 9 minutes"
    );
    clock.advance(Duration::minutes(10) + Duration::seconds(1));
    assert!(matches!(vault.roster(), Err(Error::Locked)));
    vault.unlock(COUNSELOR, PASS).expect("unlock");
    vault
        .accounts()
        .expect("unlocked")
        .set_idle_lock_minutes(0)
        .expect("turn off");
    clock.advance(Duration::hours(5));
    assert!(vault.roster().expect("unlocked").students().is_ok());
}

#[test]
fn a_student_added_is_listed_at_once_and_the_same_student_no_is_refused() {
    let School {
        dir: _dir,
        mut vault,
        ..
    } = school();
    assert!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("empty")
            .is_empty()
    );
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024001", "张三"))
        .expect("add");
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024010", "李四"))
        .expect("add");
    let names: Vec<String> = vault
        .roster()
        .expect("unlocked")
        .students()
        .expect("list")
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["张三", "李四"]);
    let err = vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024001", "王五"))
        .expect_err("duplicate");
    assert_eq!(err.code(), "duplicate");
    assert!(err.to_string().contains("该学号已存在"), "{err}");
    assert!(
        !err.to_string().contains("2024001"),
        "no 学号 in messages: {err}"
    );
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("list")
            .len(),
        2
    );
}

#[test]
fn search_finds_a_student_by_pinyin_initials_full_pinyin_and_student_number() {
    let School {
        dir: _dir,
        mut vault,
        ..
    } = school();
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("0012024", "张三"))
        .expect("add");
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024002", "李四"))
        .expect("add");
    let first = |v: &mut Vault, q: &str| {
        v.roster()
            .expect("unlocked")
            .search_students(q, 10)
            .expect("search")
            .first()
            .map(|s| s.name.clone())
    };
    assert_eq!(first(&mut vault, "zs").as_deref(), Some("张三"));
    assert_eq!(first(&mut vault, "zhangsan").as_deref(), Some("张三"));
    assert_eq!(first(&mut vault, "0012024").as_deref(), Some("张三"));
    // A student added after the index was built is found too.
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024003", "曾小明"))
        .expect("add");
    assert_eq!(first(&mut vault, "zxm").as_deref(), Some("曾小明"));
    assert!(
        vault
            .roster()
            .expect("unlocked")
            .search_students("", 10)
            .expect("search")
            .is_empty()
    );
    vault.lock().expect("lock");
    assert!(matches!(vault.roster(), Err(Error::Locked)));
}

/// The desktop app stays unlocked all day; the CLI (a second handle on the same folder: the
/// lock file is held per open file, so two handles in one test are two processes) asks to
/// rotate the keys. It is refused with words that say why and what to do, and nothing changes;
/// once the desktop is closed the rotation runs and every row opens.
#[test]
fn a_rekey_waits_until_no_other_window_or_process_has_the_vault_open() {
    let School {
        dir,
        mut vault,
        clock,
        ..
    } = school();
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024001", "张三"))
        .expect("before");
    let before = bodies(dir.path());
    let log_before = store(dir.path())
        .query_row("SELECT count(*) FROM access_log", [], |r| {
            r.get::<_, i64>(0)
        })
        .expect("log");
    let mut cli = Vault::open_with_clock(dir.path(), Arc::new(clock.clone())).expect("second");
    cli.unlock(COUNSELOR, PASS).expect("cli unlock");

    let refused = cli
        .accounts()
        .expect("unlocked")
        .rekey()
        .expect_err("the desktop has the vault open");
    assert_eq!(refused.code(), "vault_in_use");
    assert!(
        refused
            .to_string()
            .starts_with("保险箱正被另一个窗口或程序使用。请先关闭其他心语窗口和命令行"),
        "{refused}"
    );
    // Nothing changed: no new key version, no rekey begun or logged, every row as it was.
    let conn = store(dir.path());
    let pending: i64 = conn
        .query_row(
            "SELECT count(*) FROM vault_meta WHERE key = 'rekey_pending'",
            [],
            |r| r.get(0),
        )
        .expect("meta");
    assert_eq!(pending, 0);
    let newer_grants: i64 = conn
        .query_row(
            "SELECT count(*) FROM key_grants WHERE version > 1",
            [],
            |r| r.get(0),
        )
        .expect("grants");
    assert_eq!(newer_grants, 0);
    let rekeys: i64 = conn
        .query_row(
            "SELECT count(*) FROM access_log WHERE action = 'rekey'",
            [],
            |r| r.get(0),
        )
        .expect("log");
    assert_eq!(rekeys, 0);
    assert_eq!(bodies(dir.path()), before);
    // Neither side is stuck: the desktop still saves, the CLI still reads.
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024002", "李四"))
        .expect("the desktop saves meanwhile");
    assert_eq!(
        cli.roster()
            .expect("unlocked")
            .students()
            .expect("all")
            .len(),
        2
    );
    let log_now = conn
        .query_row("SELECT count(*) FROM access_log", [], |r| {
            r.get::<_, i64>(0)
        })
        .expect("log");
    assert!(log_now > log_before);

    // The desktop is closed: the rotation runs, and every row opens under the new keys.
    vault.lock().expect("lock");
    drop(vault);
    let done = cli.accounts().expect("unlocked").rekey().expect("rekey");
    assert!(done.done);
    assert_eq!(
        done.resealed, 4,
        "two students, the mailbox key and the casework drop key"
    );
    let report = cli.audit().expect("unlocked").verify().expect("verify");
    assert!(report.all_ok(), "{report:?}");
    assert_eq!(
        cli.roster()
            .expect("unlocked")
            .students()
            .expect("all")
            .len(),
        2
    );
    // And the desktop, opened again, unlocks with the new keys and saves.
    let mut vault = Vault::open_with_clock(dir.path(), Arc::new(clock.clone())).expect("again");
    vault.unlock(COUNSELOR, PASS).expect("unlock");
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024003", "王五"))
        .expect("after");
}

/// An older copy of `xinyu`, which knows nothing of the lock file, rotates the keys while the
/// desktop app stays unlocked (emulated by removing the lock file, so the second handle locks
/// a file of its own). A write with the keys from before the rotation is refused (nothing
/// sealed under a key about to be retired); after the rotation every row opens.
#[cfg(unix)]
#[test]
fn a_window_left_unlocked_during_a_rekey_by_an_older_copy_loses_no_record() {
    let School {
        dir,
        mut vault,
        clock,
        ..
    } = school();
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024001", "张三"))
        .expect("before");
    std::fs::remove_file(dir.path().join(xinyu_core::store::LOCK_FILE)).expect("unlink");
    let mut cli = Vault::open_with_clock(dir.path(), Arc::new(clock.clone())).expect("second");
    cli.unlock(COUNSELOR, PASS).expect("cli unlock");
    // The CLI starts the rotation: new key versions, granted; nothing re-sealed yet.
    let started = cli
        .accounts()
        .expect("unlocked")
        .rekey_steps(0)
        .expect("start");
    assert!(!started.done);

    // The desktop, unlocked before, tries to save a student with its old keys.
    let refused = vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024002", "李四"))
        .expect_err("stale keys");
    assert_eq!(refused.code(), "stale_keys");
    assert!(refused.to_string().contains("重新解锁"), "{refused}");

    let done = cli.accounts().expect("unlocked").rekey().expect("finish");
    assert!(done.done);
    // Unlocked again, the desktop saves it and every row opens.
    vault.lock().expect("lock");
    vault.unlock(COUNSELOR, PASS).expect("unlock again");
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024002", "李四"))
        .expect("after");
    let report = vault.audit().expect("unlocked").verify().expect("verify");
    assert!(report.records_broken.is_empty(), "{report:?}");
    assert!(report.all_ok(), "{report:?}");
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("all")
            .len(),
        2
    );
}

/// A row labelled with the new key version but sealed under the old one (what a writer with
/// stale keys used to leave) is found by its envelope header and re-sealed, not lost.
#[test]
fn a_mislabelled_row_is_resealed_by_its_envelope_header_before_old_keys_go() {
    let School { dir, mut vault, .. } = school();
    let s = vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024001", "张三"))
        .expect("student");
    let mut steps = vault
        .accounts()
        .expect("unlocked")
        .rekey_steps(0)
        .expect("start");
    assert!(!steps.done);
    // Label every row as current without re-sealing it.
    store(dir.path())
        .execute("UPDATE students SET key_version = 2", [])
        .expect("mislabel");
    steps = vault.accounts().expect("unlocked").rekey().expect("finish");
    assert!(steps.done);
    assert_eq!(
        vault
            .roster()
            .expect("unlocked")
            .student(&s.id)
            .expect("opens")
            .name,
        "张三"
    );
}

/// A vault whose rekey was started by a build from before key links, then upgraded: version 2
/// of every class has no link and no holder has a record of trusted keys. The versions it had
/// when it was upgraded (migration 0008 writes `key_chain_base:<class>`) are trusted on first
/// use; without that, the unlinked version 2 is refused like a planted one.
#[test]
fn a_vault_rekeyed_before_key_links_existed_opens_as_legacy() {
    let School { dir, mut vault, .. } = School::builder().teacher().build();
    vault
        .roster()
        .expect("unlocked")
        .add_student(student("2024001", "张三"))
        .expect("student");
    let started = vault
        .accounts()
        .expect("unlocked")
        .rekey_steps(0)
        .expect("start");
    assert!(!started.done);
    vault.lock().expect("lock");
    store(dir.path())
        .execute_batch(
            "DELETE FROM key_links;
             UPDATE identities SET key_record = NULL, key_record_mac = NULL;",
        )
        .expect("as an older build left it");
    let teacher = ("周老师", "兼职心理老师口令2026");
    vault.unlock(teacher.0, teacher.1).expect("unlocks");
    let report = vault.audit().expect("unlocked").verify().expect("verify");
    assert!(
        report
            .keys_untrusted
            .iter()
            .any(|k| k.account.as_deref() == Some(teacher.0) && k.version == 2),
        "{report:?}"
    );
    vault.lock().expect("lock");

    store(dir.path())
        .execute(
            "INSERT INTO vault_meta (key, value)
             SELECT 'key_chain_base:' || substr(key, 13), value
             FROM vault_meta WHERE key LIKE 'key_version:%'",
            [],
        )
        .expect("what migration 0008 writes");
    for (name, pass) in [teacher, (COUNSELOR, PASS)] {
        vault.unlock(name, pass).expect("unlocks");
        let report = vault.audit().expect("unlocked").verify().expect("verify");
        assert!(report.keys_untrusted.is_empty(), "{name}: {report:?}");
        assert!(report.all_ok(), "{name}: {report:?}");
        vault.lock().expect("lock");
    }
    vault.unlock(COUNSELOR, PASS).expect("counselor");
    assert!(
        vault
            .accounts()
            .expect("unlocked")
            .rekey()
            .expect("finish")
            .done
    );
    vault.lock().expect("lock");
    vault.unlock(teacher.0, teacher.1).expect("teacher");
    let report = vault.audit().expect("unlocked").verify().expect("verify");
    assert!(report.all_ok(), "{report:?}");
}
