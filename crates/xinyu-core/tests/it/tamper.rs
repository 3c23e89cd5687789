//! The adversarial-disk suite: someone with write access to the vault folder (an IT admin, a
//! colleague with the Windows password) edits one thing in the real SQLite file, as they could
//! with any SQLite tool. Each edit is refused at unlock or named by `verify`; none yields a key.

use rusqlite::params;
use xinyu_core::Role;
use xinyu_vault::{
    DataKey, EnvelopeHeader, Identity, IdentityPublicKey, KeyClass, KeyVersion, RecordAad,
    WrapContext, seal_grant,
};

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
fn a_log_rewritten_after_an_edit_loses_the_anchored_head_and_verify_says_so() {
    let mut school = School::builder().teacher().build();
    school.vault.lock().expect("lock anchors the head");
    let conn = store(school.dir.path());
    let head: i64 = conn
        .query_row("SELECT max(seq) FROM access_log", [], |r| r.get(0))
        .expect("head");
    // Someone hides what was done from the fifth-last entry on: they delete those entries and
    // append them again, as views, with the app's own append, so the chain is whole again.
    /// An entry as it is appended again: when, who, and the record it names.
    type Entry = (String, Option<String>, Option<String>, Option<String>);
    let tail: Vec<Entry> = conn
        .prepare(
            "SELECT at, actor, record_kind, record_id FROM access_log WHERE seq > ?1
             ORDER BY seq",
        )
        .expect("prepare")
        .query_map([head - 5], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    conn.execute("DELETE FROM access_log WHERE seq > ?1", [head - 5])
        .expect("cut");
    for (at, actor, kind, id) in &tail {
        let record = kind.as_deref().zip(id.as_deref());
        xinyu_core::store::access_log::append(
            &conn,
            at,
            actor.as_deref(),
            xinyu_core::store::access_log::Action::View,
            record,
        )
        .expect("append again");
    }
    let rewritten: i64 = conn
        .query_row("SELECT max(seq) FROM access_log", [], |r| r.get(0))
        .expect("head");
    assert_eq!(rewritten, head, "as many entries as before");
    drop(conn);
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert_eq!(report.log_first_broken, None, "the chain alone looks whole");
    assert!(report.log_anchor_lost, "{report:?}");
    assert!(!report.all_ok());
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

// ---- key versions: a planted newer key is never used (issue 12, item 5) ----

/// Plant, as someone who can write the file, a grant of `class` at `version` to `name`, sealed
/// to their public key with a key the planter chose.
fn plant_grant(school: &School, name: &str, class: KeyClass, version: u32, key: &DataKey) {
    let (_, identity) = identity_of(school, name);
    let conn = store(school.dir.path());
    let public: Vec<u8> = conn
        .query_row(
            "SELECT public_key FROM identities WHERE id = ?1",
            [&identity],
            |r| r.get(0),
        )
        .expect("public key");
    let public = IdentityPublicKey::from_slice(&public).expect("32 bytes");
    let sealed = seal_grant(
        &public,
        key,
        &WrapContext::new(&identity, class, KeyVersion(version)),
    )
    .expect("seal");
    conn.execute(
        "INSERT OR REPLACE INTO key_grants (identity_id, class, version, sealed)
         VALUES (?1, ?2, ?3, ?4)",
        params![identity, class.code(), version, sealed],
    )
    .expect("plant");
}

fn untrusted(report: &xinyu_core::vault::VerifyReport) -> Vec<(Option<&str>, &str, u32)> {
    report
        .keys_untrusted
        .iter()
        .map(|k| (k.account.as_deref(), k.class.as_str(), k.version))
        .collect()
}

/// The newest session summary's sealed body and revision.
fn newest_summary(school: &School) -> (String, Vec<u8>, i64) {
    store(school.dir.path())
        .query_row(
            "SELECT id, body, revision FROM session_summaries ORDER BY rowid DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("a summary")
}

#[test]
fn a_planted_newer_activity_key_is_not_used_to_seal_and_verify_names_it() {
    let mut school = School::builder().teacher().build();
    school.vault.lock().expect("lock");
    let attacker = DataKey::generate();
    plant_grant(&school, COUNSELOR, KeyClass::Activity, 2, &attacker);
    plant_grant(&school, TEACHER, KeyClass::Activity, 2, &attacker);

    for (name, pass) in [(COUNSELOR, PASS), (TEACHER, TEACHER_PASS)] {
        school.vault.unlock(name, pass).expect("unlocks");
        let note = school
            .vault
            .notes()
            .expect("unlocked")
            .create_session(crate::sessions::note(
                None,
                crate::school::day(2026, 3, 2),
                40,
            ))
            .expect("a note is written");
        // The note is under a case key; its summary (the figures) under the activity class.
        let (id, body, revision) = newest_summary(&school);
        assert_eq!(id, note.id);
        let header = EnvelopeHeader::parse(&body).expect("header");
        assert_eq!(
            header.version,
            KeyVersion(1),
            "{name} sealed under the true key"
        );
        let aad = RecordAad::new("session_summaries", &id, "body").at_revision(revision as u64);
        assert!(
            xinyu_vault::open(&attacker, &aad, &body).is_err(),
            "the planter cannot read what {name} wrote"
        );
        let report = school
            .vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify");
        assert!(
            untrusted(&report).contains(&(Some(name), "activity", 2)),
            "{name}: {report:?}"
        );
        assert!(!report.all_ok());
        school.vault.lock().expect("lock");
    }
    // The counselor's verify names every holder's planted grant, not only their own.
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    let found = untrusted(&report);
    assert!(
        found.contains(&(Some(COUNSELOR), "activity", 2)),
        "{found:?}"
    );
    assert!(found.contains(&(Some(TEACHER), "activity", 2)), "{found:?}");
    // Nor does the counselor's unlock pass the planted key on to anyone.
    assert_eq!(grants_to(&school, "recovery"), KeyClass::ALL.len() as i64);
}

#[test]
fn a_planted_key_with_the_vaults_version_moved_up_stops_writes_instead_of_sealing_under_it() {
    let mut school = School::builder().build();
    school.vault.lock().expect("lock");
    let attacker = DataKey::generate();
    plant_grant(&school, COUNSELOR, KeyClass::Roster, 2, &attacker);
    store(school.dir.path())
        .execute(
            "UPDATE vault_meta SET value = '2' WHERE key = 'key_version:roster'",
            [],
        )
        .expect("move the version up");
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    let refused = school
        .vault
        .roster()
        .expect("unlocked")
        .add_student(xinyu_core::roster::StudentInput::new(
            "2024009",
            "赵六",
            "七年级",
            "1班",
        ))
        .expect_err("nothing sealed under the planted key");
    assert_eq!(refused.code(), "stale_keys");
    let sealed_under_2: i64 = store(school.dir.path())
        .query_row(
            "SELECT count(*) FROM students WHERE substr(body, 5, 4) = X'02000000'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(sealed_under_2, 0);
}

#[test]
fn a_replaced_grant_of_a_version_already_trusted_is_refused() {
    let mut school = School::builder().teacher().build();
    // The teacher's first unlock after approval records the versions they hold.
    school.vault.lock().expect("lock");
    school.vault.unlock(TEACHER, TEACHER_PASS).expect("teacher");
    school.vault.lock().expect("lock");
    // Every activity grant of theirs replaced with the planter's key (so no link is needed).
    let attacker = DataKey::generate();
    plant_grant(&school, TEACHER, KeyClass::Activity, 1, &attacker);
    school.vault.unlock(TEACHER, TEACHER_PASS).expect("teacher");
    assert!(
        !school
            .vault
            .accounts()
            .expect("unlocked")
            .unlocked_classes()
            .expect("classes")
            .contains(&KeyClass::Activity),
        "the replaced activity key is not used"
    );
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert!(
        untrusted(&report).contains(&(Some(TEACHER), "activity", 1)),
        "{report:?}"
    );
}

#[test]
fn an_edited_record_of_trusted_keys_is_reported() {
    let mut school = School::builder().build();
    school.vault.lock().expect("lock");
    school.vault.unlock(COUNSELOR, PASS).expect("records");
    school.vault.lock().expect("lock");
    let (_, identity) = identity_of(&school, COUNSELOR);
    store(school.dir.path())
        .execute(
            "UPDATE identities SET key_record = '[]' WHERE id = ?1",
            [&identity],
        )
        .expect("edit");
    let report = verify_as_counselor(&mut school);
    assert!(report.key_record_altered);
    assert!(!report.all_ok());
}

#[test]
fn rekeys_keep_every_holder_reading_and_an_account_approved_after_two_unlocks_fine() {
    let mut school = School::builder()
        .teacher()
        .principal()
        .students(&[crate::school::ZHANG_SAN])
        .build();
    // The teacher records what they trust, then misses two rekeys: the grants of the versions
    // they trusted are gone by then, and the links lead them on.
    school.vault.lock().expect("lock");
    school.vault.unlock(TEACHER, TEACHER_PASS).expect("teacher");
    school.vault.lock().expect("lock");
    school.vault.unlock(COUNSELOR, PASS).expect("counselor");
    for _ in 0..2 {
        let done = school
            .vault
            .accounts()
            .expect("unlocked")
            .rekey()
            .expect("rekey");
        assert!(done.done);
    }
    let links: i64 = store(school.dir.path())
        .query_row("SELECT count(*) FROM key_links", [], |r| r.get(0))
        .expect("count");
    assert_eq!(links, 2 * KeyClass::ALL.len() as i64);
    crate::school::enrol(
        &mut school.vault,
        "孙老师",
        Role::Teacher,
        "新来的兼职老师口令2026",
    );
    for (name, pass) in [
        (TEACHER, TEACHER_PASS),
        (crate::school::PRINCIPAL, crate::school::PRINCIPAL_PASS),
        ("孙老师", "新来的兼职老师口令2026"),
        (COUNSELOR, PASS),
    ] {
        school.vault.lock().expect("lock");
        school.vault.unlock(name, pass).expect("unlocks");
        let students = school
            .vault
            .roster()
            .expect("unlocked")
            .students()
            .map(|s| s.len());
        assert!(students.is_ok(), "{name} reads the roster");
        let report = school
            .vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify");
        assert!(report.keys_untrusted.is_empty(), "{name}: {report:?}");
        assert!(report.all_ok(), "{name}: {report:?}");
    }
    assert_eq!(
        school
            .vault
            .roster()
            .expect("unlocked")
            .students()
            .expect("students")
            .len(),
        1
    );
}

// ---- rows rolled back or deleted (issue 12, item 7) ----

fn row_of(school: &School, table: &str, id: &str) -> (Vec<u8>, i64, i64) {
    store(school.dir.path())
        .query_row(
            &format!("SELECT body, revision, key_version FROM {table} WHERE id = ?1"),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("row")
}

fn put_back(
    school: &School,
    table: &str,
    id: &str,
    (body, revision, version): &(Vec<u8>, i64, i64),
) {
    store(school.dir.path())
        .execute(
            &format!("UPDATE {table} SET body = ?2, revision = ?3, key_version = ?4 WHERE id = ?1"),
            params![id, body, revision, version],
        )
        .expect("roll back");
}

fn file_for(school: &mut School, level: u8) -> String {
    let student = school.students[0].clone();
    school
        .vault
        .casework()
        .expect("unlocked")
        .open_warning_file(xinyu_core::casework::OpenFileInput {
            student_id: student,
            level,
            categories: vec![],
            source: xinyu_core::casework::FileSource::HomeroomTeacher,
            reason: "班主任反映".into(),
            opened_on: crate::school::day(2026, 3, 2),
        })
        .expect("file")
        .id
}

fn places(list: &[xinyu_core::vault::BrokenRecord]) -> Vec<(&str, &str)> {
    list.iter()
        .map(|b| (b.table.as_str(), b.id.as_str()))
        .collect()
}

#[test]
fn a_warning_level_rolled_back_to_an_older_copy_is_named_by_verify() {
    let mut school = School::builder()
        .students(&[crate::school::ZHANG_SAN])
        .build();
    let file = file_for(&mut school, 3);
    let before = row_of(&school, "case_summaries", &file);
    school
        .vault
        .casework()
        .expect("unlocked")
        .change_level(&file, 1, "自述有伤害自己的想法")
        .expect("raise the level");
    assert!(
        school
            .vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify")
            .all_ok()
    );
    // The older copy still opens: the envelope alone cannot tell.
    put_back(&school, "case_summaries", &file, &before);
    let levels: Vec<u8> = school
        .vault
        .casework()
        .expect("unlocked")
        .warning_files()
        .expect("open")
        .into_iter()
        .filter(|f| f.id == file)
        .map(|f| f.level)
        .collect();
    assert_eq!(levels, [3]);
    let report = verify_as_counselor(&mut school);
    assert!(report.records_broken.is_empty(), "{report:?}");
    assert_eq!(report.tables_altered, ["case_summaries"]);
    assert_eq!(
        places(&report.rows_rolled_back),
        [("case_summaries", file.as_str())]
    );
    assert!(!report.all_ok());
}

#[test]
fn a_signed_note_made_a_draft_again_with_its_digest_rolled_back_too_is_still_reported() {
    let mut school = School::builder()
        .students(&[crate::school::ZHANG_SAN])
        .build();
    let student = school.students[0].clone();
    let note = school
        .vault
        .notes()
        .expect("unlocked")
        .create_session(crate::sessions::note(
            Some(&student),
            crate::school::day(2026, 3, 1),
            40,
        ))
        .expect("draft");
    let draft = row_of(&school, "sessions", &note.id);
    let conn = store(school.dir.path());
    let digest: (i64, String) = conn
        .query_row(
            "SELECT seq, record FROM row_digests WHERE tbl = 'sessions'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("digest");
    school
        .vault
        .notes()
        .expect("unlocked")
        .sign_session(&note.id)
        .expect("sign");
    // Both the row and the digest where writers find it, as they were before signing.
    put_back(&school, "sessions", &note.id, &draft);
    conn.execute(
        "UPDATE row_digests SET seq = ?1, record = ?2 WHERE tbl = 'sessions'",
        params![digest.0, digest.1],
    )
    .expect("roll the digest back");
    let report = verify_as_counselor(&mut school);
    assert!(
        report.tables_altered.contains(&"sessions".to_owned()),
        "{report:?}"
    );
    assert_eq!(
        places(&report.rows_rolled_back),
        [("sessions", note.id.as_str())]
    );
    // A write after it does not make the table add up again.
    school
        .vault
        .notes()
        .expect("unlocked")
        .create_session(crate::sessions::note(
            Some(&student),
            crate::school::day(2026, 3, 2),
            30,
        ))
        .expect("another note");
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert!(
        report.tables_altered.contains(&"sessions".to_owned()),
        "{report:?}"
    );
}

#[test]
fn a_deleted_row_is_named_by_verify_and_a_rekey_does_not_launder_it() {
    let mut school = School::builder()
        .students(&[crate::school::ZHANG_SAN, crate::school::LI_SI])
        .build();
    let gone = school.students[1].clone();
    store(school.dir.path())
        .execute("DELETE FROM students WHERE id = ?1", [&gone])
        .expect("delete");
    let report = verify_as_counselor(&mut school);
    assert_eq!(report.tables_altered, ["students"]);
    assert_eq!(places(&report.rows_deleted), [("students", gone.as_str())]);
    assert!(!report.all_ok());
    school
        .vault
        .accounts()
        .expect("unlocked")
        .rekey()
        .expect("rekey");
    let report = school
        .vault
        .audit()
        .expect("unlocked")
        .verify()
        .expect("verify");
    assert!(
        report.tables_altered.contains(&"students".to_owned()),
        "{report:?}"
    );
    assert_eq!(places(&report.rows_deleted), [("students", gone.as_str())]);
}

#[test]
fn a_body_swapped_for_another_rows_is_reported_for_its_table() {
    let mut school = School::builder().build();
    for i in 0..80 {
        school
            .vault
            .roster()
            .expect("unlocked")
            .add_student(xinyu_core::roster::StudentInput::new(
                &format!("2024{i:03}"),
                &format!("学生{i}"),
                "七年级",
                "1班",
            ))
            .expect("student");
    }
    let conn = store(school.dir.path());
    let (id, body): (String, Vec<u8>) = conn
        .query_row("SELECT id, body FROM students LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("a student");
    // Swapped for another row's body, at the same revision: it no longer opens, and the table
    // no longer adds up.
    let (other, other_body): (String, Vec<u8>) = conn
        .query_row(
            "SELECT id, body FROM students WHERE id != ?1 LIMIT 1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("another");
    conn.execute(
        "UPDATE students SET body = ?2 WHERE id = ?1",
        params![id, other_body],
    )
    .expect("swap");
    assert_ne!(other, id);
    assert_ne!(body, other_body);
    let report = verify_as_counselor(&mut school);
    assert_eq!(report.tables_altered, ["students"]);
    assert!(!report.all_ok());
}

#[test]
fn a_vault_written_through_many_changes_and_a_rekey_verifies_clean() {
    let mut school = School::builder()
        .teacher()
        .students(&[crate::school::ZHANG_SAN, crate::school::LI_SI])
        .build();
    let file = file_for(&mut school, 3);
    for level in [2, 1, 2] {
        school
            .vault
            .casework()
            .expect("unlocked")
            .change_level(&file, level, "复评")
            .expect("level");
    }
    let student = school.students[1].clone();
    let note = school
        .vault
        .notes()
        .expect("unlocked")
        .create_session(crate::sessions::note(
            Some(&student),
            crate::school::day(2026, 3, 1),
            40,
        ))
        .expect("note");
    school
        .vault
        .notes()
        .expect("unlocked")
        .sign_session(&note.id)
        .expect("sign");
    school
        .vault
        .accounts()
        .expect("unlocked")
        .rekey_steps(0)
        .expect("start");
    school
        .vault
        .casework()
        .expect("unlocked")
        .change_level(&file, 3, "好转")
        .expect("a write mid-rekey");
    school
        .vault
        .accounts()
        .expect("unlocked")
        .rekey()
        .expect("finish");
    school
        .vault
        .notes()
        .expect("unlocked")
        .add_addendum(&note.id, "补充：家长来电")
        .expect("addendum");
    for (name, pass) in [(TEACHER, TEACHER_PASS), (COUNSELOR, PASS)] {
        school.vault.lock().expect("lock");
        school.vault.unlock(name, pass).expect("unlock");
        let report = school
            .vault
            .audit()
            .expect("unlocked")
            .verify()
            .expect("verify");
        assert!(report.all_ok(), "{name}: {report:?}");
    }
}
