//! The adversarial-disk suite: someone with write access to the vault folder (an IT admin, a
//! colleague with the Windows password) edits one thing in the real SQLite file, as they could
//! with any SQLite tool. Each edit is refused at unlock or named by `verify`; none yields a key.

use rusqlite::params;
use xinyu_core::Role;
use xinyu_vault::Identity;

use crate::school::{COUNSELOR, FIRST_PASS, PASS, School, TEACHER, TEACHER_PASS, store};

fn identity_of(school: &School, name: &str) -> (String, String) {
    store(school.dir.path())
        .query_row(
            "SELECT id, identity_id FROM users WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("account")
}

fn grants_to(school: &School, identity: &str) -> i64 {
    store(school.dir.path())
        .query_row(
            "SELECT count(*) FROM key_grants WHERE identity_id = ?1",
            [identity],
            |r| r.get(0),
        )
        .expect("count")
}

fn verify_as_counselor(school: &mut School) -> xinyu_core::vault::VerifyReport {
    school.vault.lock().expect("lock");
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify")
}

#[test]
fn a_teacher_who_flips_their_role_to_counselor_cannot_unlock_and_verify_names_them() {
    let mut school = School::builder().teacher().build();
    school.vault.lock().expect("lock");
    store(school.dir.path())
        .execute(
            "UPDATE users SET role = 'counselor' WHERE name = ?1",
            [TEACHER],
        )
        .expect("edit");
    let refused = school
        .vault
        .unlock(TEACHER, TEACHER_PASS)
        .expect_err("refused");
    assert_eq!(refused.code(), "tampered");
    let report = verify_as_counselor(&mut school);
    assert_eq!(report.accounts_not_vouched, [TEACHER]);
    assert!(!report.all_ok());
}

#[test]
fn a_self_approved_account_receives_no_key_at_a_counselors_unlock() {
    let mut school = School::builder().build();
    let pending = school
        .vault
        .accounts()
        .expect("unlocked")
        .add_user("冒充者", Role::Counselor, FIRST_PASS)
        .expect("pending");
    school.vault.lock().expect("lock");
    store(school.dir.path())
        .execute(
            "UPDATE users SET status = 'active', own_passphrase = 1 WHERE id = ?1",
            [&pending.id],
        )
        .expect("edit");
    let (_, identity) = identity_of(&school, "冒充者");
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    assert_eq!(
        grants_to(&school, &identity),
        0,
        "no key follows a forged status"
    );
    school.vault.lock().expect("lock");
    assert_eq!(
        school
            .vault
            .unlock("冒充者", FIRST_PASS)
            .expect_err("refused")
            .code(),
        "tampered"
    );
    let report = verify_as_counselor(&mut school);
    assert_eq!(report.accounts_not_vouched, ["冒充者"]);
}

#[test]
fn an_inserted_account_with_the_attackers_key_receives_nothing() {
    let mut school = School::builder().build();
    school.vault.lock().expect("lock");
    let attacker = Identity::generate();
    let conn = store(school.dir.path());
    let (params, salt, wrapped): (String, Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT kdf_params, kdf_salt, secret_wrapped FROM identities LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("a row to copy");
    conn.execute(
        "INSERT INTO identities (id, kdf_params, kdf_salt, public_key, secret_wrapped, updated_at)
         VALUES ('evil-identity', ?1, ?2, ?3, ?4, '2026-03-01T08:00:00Z')",
        params![
            params,
            salt,
            attacker.public_key().as_bytes().as_slice(),
            wrapped
        ],
    )
    .expect("insert identity");
    conn.execute(
        "INSERT INTO users (id, name, role, identity_id, created_at, status)
         VALUES ('evil-user', '新来的', 'counselor', 'evil-identity', '2026-03-01T08:00:00Z', 'active')",
        [],
    )
    .expect("insert user");
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    school
        .vault
        .accounts()
        .expect("unlocked")
        .rekey()
        .expect("rekey");
    assert_eq!(grants_to(&school, "evil-identity"), 0);
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert_eq!(report.accounts_not_vouched, ["新来的"]);
}

#[test]
fn a_swapped_public_key_gets_no_new_grant_and_its_owner_is_refused() {
    let mut school = School::builder().teacher().build();
    let (_, identity) = identity_of(&school, TEACHER);
    school.vault.lock().expect("lock");
    let attacker = Identity::generate();
    store(school.dir.path())
        .execute(
            "UPDATE identities SET public_key = ?2 WHERE id = ?1",
            params![identity, attacker.public_key().as_bytes().as_slice()],
        )
        .expect("swap");
    // The teacher's own unlock notices the key is not theirs.
    assert_eq!(
        school
            .vault
            .unlock(TEACHER, TEACHER_PASS)
            .expect_err("refused")
            .code(),
        "tampered"
    );
    // A rekey grants the new versions to vouched-for keys only.
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    school
        .vault
        .accounts()
        .expect("unlocked")
        .rekey()
        .expect("rekey");
    let new_grants: i64 = store(school.dir.path())
        .query_row(
            "SELECT count(*) FROM key_grants WHERE identity_id = ?1 AND version > 1",
            [&identity],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(new_grants, 0, "nothing sealed to the attacker's key");
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert_eq!(report.accounts_not_vouched, [TEACHER]);
}

#[test]
fn a_swapped_recovery_key_with_its_grants_deleted_is_not_granted_again() {
    let mut school = School::builder().build();
    school.vault.lock().expect("lock");
    let attacker = Identity::generate();
    let conn = store(school.dir.path());
    conn.execute(
        "UPDATE identities SET public_key = ?1 WHERE id = 'recovery'",
        [attacker.public_key().as_bytes().as_slice()],
    )
    .expect("swap");
    conn.execute("DELETE FROM key_grants WHERE identity_id = 'recovery'", [])
        .expect("delete");
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    assert_eq!(
        grants_to(&school, "recovery"),
        0,
        "the next unlock re-grants nothing"
    );
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert!(report.recovery_key_altered);
    assert!(!report.all_ok());
}

#[test]
fn one_record_that_does_not_open_leaves_the_rest_of_its_list_readable() {
    let mut school = School::builder()
        .students(&[crate::school::ZHANG_SAN, crate::school::LI_SI])
        .build();
    let day = crate::school::day(2026, 3, 2);
    let letter = |text: &str| xinyu_core::mailbox::PaperLetterInput {
        text: text.into(),
        received_on: day,
        signed_as: String::new(),
        category: String::new(),
        urgent: false,
    };
    let ordinary = school
        .vault
        .mailbox()
        .expect("unlocked")
        .add_paper_letter(letter("最近考试压力有点大"))
        .expect("letter");
    school
        .vault
        .mailbox()
        .expect("unlocked")
        .add_paper_letter(letter("我不想活了"))
        .expect("urgent letter");
    let conn = store(school.dir.path());
    conn.execute(
        "UPDATE letters SET sealed = X'00112233' WHERE id = ?1",
        [&ordinary.id],
    )
    .expect("damage a letter");
    conn.execute(
        "UPDATE students SET body = X'58590108' WHERE id = ?1",
        [&school.students[0]],
    )
    .expect("damage a student");
    drop(conn);
    school.vault.lock().expect("lock");
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");

    let inbox = school
        .vault
        .mailbox()
        .expect("unlocked")
        .inbox()
        .expect("inbox");
    assert_eq!(inbox.len(), 1, "the urgent letter still shows");
    assert!(inbox[0].urgent);
    let students = school
        .vault
        .roster()
        .expect("unlocked")
        .students()
        .expect("list");
    assert_eq!(students.len(), 1);
    assert_eq!(students[0].name, crate::school::LI_SI.1);
    assert_eq!(school.vault.status().expect("status").unreadable_records, 2);
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    let broken: Vec<(&str, &str)> = report
        .records_broken
        .iter()
        .map(|b| (b.table.as_str(), b.id.as_str()))
        .collect();
    assert_eq!(broken.len(), 2, "{report:?}");
    assert!(broken.contains(&("students", school.students[0].as_str())));
    assert!(broken.contains(&("letters", ordinary.id.as_str())));
}

#[test]
fn a_swapped_mailbox_key_is_reported_shown_on_the_kiosk_and_put_back_at_the_next_unlock() {
    let mut school = School::builder().build();
    let genuine = school
        .vault
        .mailbox()
        .expect("unlocked")
        .key_fingerprint()
        .expect("fingerprint")
        .expect("a key");
    assert_eq!(
        school
            .vault
            .kiosk()
            .info()
            .expect("info")
            .fingerprint
            .as_deref(),
        Some(genuine.as_str())
    );
    let attacker = Identity::generate();
    store(school.dir.path())
        .execute(
            "UPDATE vault_meta SET value = ?1 WHERE key = 'mailbox_public_key'",
            [hex::encode(attacker.public_key().as_bytes())],
        )
        .expect("swap");
    // The kiosk now shows another fingerprint; verify says why.
    let shown = school.vault.kiosk().info().expect("info").fingerprint;
    assert_ne!(shown.as_deref(), Some(genuine.as_str()));
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert!(report.mailbox_key_altered);
    assert!(!report.all_ok());
    // A counselor's next unlock puts the key pair's own key back.
    school.vault.lock().expect("lock");
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    assert_eq!(
        school
            .vault
            .kiosk()
            .info()
            .expect("info")
            .fingerprint
            .as_deref(),
        Some(genuine.as_str())
    );
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
fn crisis_words_edited_in_the_file_are_reported_and_put_back_to_the_default() {
    let mut school = School::builder().build();
    store(school.dir.path())
        .execute(
            "INSERT INTO vault_meta (key, value) VALUES ('mailbox_crisis_terms', '[\"无关的词\"]')
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [],
        )
        .expect("silence triage");
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert_eq!(report.settings_altered, ["mailbox_crisis_terms"]);
    assert!(!report.all_ok());
    school.vault.lock().expect("lock");
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    let terms = school
        .vault
        .mailbox()
        .expect("unlocked")
        .crisis_terms()
        .expect("terms");
    assert!(terms.iter().any(|t| t == "不想活"), "{terms:?}");
    assert!(
        school
            .vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify")
            .all_ok()
    );
    // A counselor's own change is vouched for and stands.
    school
        .vault
        .mailbox()
        .expect("unlocked")
        .set_crisis_terms(vec!["不想活".into(), "跳楼".into()])
        .expect("set");
    school.vault.lock().expect("lock");
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    assert_eq!(
        school
            .vault
            .mailbox()
            .expect("unlocked")
            .crisis_terms()
            .expect("terms")
            .len(),
        2
    );
}

#[test]
fn a_cut_log_tail_loses_the_anchored_head_and_verify_says_so() {
    let mut school = School::builder().build();
    school.vault.lock().expect("lock anchors the head");
    let conn = store(school.dir.path());
    let head: i64 = conn
        .query_row("SELECT max(seq) FROM access_log", [], |r| r.get(0))
        .expect("head");
    // Cut the tail: the last two entries go, and the chain that is left is still whole.
    conn.execute("DELETE FROM access_log WHERE seq >= ?1", [head - 1])
        .expect("cut");
    drop(conn);
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert_eq!(report.log_first_broken, None, "the chain alone looks whole");
    assert!(report.log_anchor_lost);
    assert!(!report.all_ok());
    // Locked and unlocked again, the loss stays on record in the chain itself.
    school.vault.lock().expect("lock");
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert!(report.log_anchor_lost);
}

#[test]
fn a_sound_log_keeps_its_anchor_through_unlocks_and_locks() {
    let mut school = School::builder().teacher().build();
    for _ in 0..3 {
        school.vault.lock().expect("lock");
        school.vault.unlock(TEACHER, TEACHER_PASS).expect("teacher");
        school.vault.lock().expect("lock");
        school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    }
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert!(!report.log_anchor_lost);
    assert!(report.all_ok(), "{report:?}");
}

#[test]
fn a_schools_own_instrument_edited_in_the_file_is_named_by_verify() {
    let mut school = School::builder().build();
    school
        .vault
        .screening()
        .expect("unlocked")
        .add_instrument(crate::screening::TEST_SCALE)
        .expect("add");
    assert!(
        school
            .vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify")
            .all_ok()
    );
    // Raise the review threshold so that nobody reaches the review list.
    let edited =
        crate::screening::TEST_SCALE.replacen("review_threshold = ", "review_threshold = 1", 1);
    assert_ne!(edited, crate::screening::TEST_SCALE);
    store(school.dir.path())
        .execute("UPDATE custom_instruments SET definition = ?1", [edited])
        .expect("edit");
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert_eq!(report.settings_altered, ["instrument:xinyu-test-scale"]);
    assert!(!report.all_ok());
}
