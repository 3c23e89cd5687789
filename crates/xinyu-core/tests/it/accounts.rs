//! Accounts as the school's own staff could abuse them, in the app, with no disk editing: an
//! IT admin who creates a counselor's account and chooses its first passphrase, a colleague
//! who kept an old copy of the file and an old passphrase. No key reaches an account until a
//! counselor approves it after comparing fingerprints; a passphrase change makes a fresh
//! identity; a disabled account cannot unlock.

use std::path::Path;

use xinyu_core::vault::AccountStatus;
use xinyu_core::{Error, Role, Vault};
use xinyu_vault::{
    Identity, KdfParams, KeyClass, KeyVersion, Salt, WrapContext, WrappedKey, derive_kek,
};

use crate::school::{COUNSELOR, PASS, School, enrol, fingerprint_of, store};

const ADMIN: &str = "赵管理";
const ADMIN_PASS: &str = "信息中心管理员口令2026";
/// The counselor account the admin creates, and the passphrase the admin chose for it.
const NEW: &str = "钱老师";
const ADMINS_CHOICE: &str = "管理员替他选的口令2026";
const OWN: &str = "钱老师自己的口令2026";

fn school_with_admin() -> (School, String) {
    let mut school = School::builder().build();
    let admin = enrol(&mut school.vault, ADMIN, Role::Admin, ADMIN_PASS);
    (school, admin)
}

fn code(e: Error) -> &'static str {
    e.code()
}

fn classes(vault: &mut Vault) -> Vec<KeyClass> {
    vault
        .accounts()
        .expect("unlocked")
        .unlocked_classes()
        .expect("classes")
}

fn log_actions(dir: &Path) -> Vec<(String, Option<String>, Option<String>)> {
    let conn = store(dir);
    let mut stmt = conn
        .prepare("SELECT action, record_kind, record_id FROM access_log ORDER BY seq")
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

#[test]
fn an_account_the_admin_creates_gets_no_key_until_a_counselor_approves_its_own_key() {
    let (mut school, _) = school_with_admin();
    let dir = school.dir.path().to_path_buf();
    let vault = &mut school.vault;

    // The admin adds a counselor and chooses its first passphrase.
    vault.lock().expect("lock");
    vault.unlock(ADMIN, ADMIN_PASS).expect("admin");
    let new = vault
        .accounts()
        .expect("unlocked")
        .add_user(NEW, Role::Counselor, ADMINS_CHOICE)
        .expect("admin adds a counselor");
    vault.lock().expect("lock");

    // A counselor's unlock no longer hands it anything.
    vault.unlock(COUNSELOR, PASS).expect("counselor");
    vault.lock().expect("lock");

    // The admin, as the new account: it unlocks, but holds no key at all.
    vault
        .unlock(NEW, ADMINS_CHOICE)
        .expect("pending account unlocks");
    let status = vault.status().expect("status");
    assert!(status.must_set_passphrase && status.awaiting_approval);
    assert!(classes(vault).is_empty(), "{:?}", classes(vault));
    assert_eq!(
        code(
            vault
                .notes()
                .expect("unlocked")
                .list_sessions(None)
                .map(|_| ())
                .expect_err("no notes key")
        ),
        "keys_pending"
    );
    assert_eq!(
        code(
            vault
                .mailbox()
                .expect("unlocked")
                .inbox()
                .expect_err("no mailbox key")
        ),
        "keys_pending"
    );
    vault.lock().expect("lock");

    // A counselor cannot approve it while it still has the admin's passphrase.
    vault.unlock(COUNSELOR, PASS).expect("counselor");
    let listed = vault
        .accounts()
        .expect("unlocked")
        .list()
        .expect("list")
        .into_iter()
        .find(|a| a.name == NEW)
        .expect("listed");
    assert_eq!(listed.status, AccountStatus::Pending);
    assert_eq!(listed.created_by.as_deref(), Some(ADMIN));
    assert!(!listed.own_passphrase);
    let refused = vault
        .accounts()
        .expect("unlocked")
        .approve(&new.id, &listed.fingerprint)
        .expect_err("not its own passphrase yet");
    assert!(
        refused.to_string().contains("还没有设置自己的口令"),
        "{refused}"
    );
    vault.lock().expect("lock");

    // The admin keeps a copy of the file as it is now, with the identity the admin can open.
    let copy = tempfile::tempdir().expect("tempdir");
    let copy_file = copy.path().join("vault.db");
    store(&dir)
        .execute("VACUUM INTO ?1", [copy_file.to_string_lossy()])
        .expect("copy");

    // The real user sets their own passphrase: a fresh identity.
    vault.unlock(NEW, ADMINS_CHOICE).expect("first unlock");
    vault
        .accounts()
        .expect("unlocked")
        .change_passphrase(ADMINS_CHOICE, OWN)
        .expect("own passphrase");
    let own_fingerprint = fingerprint_of(vault, NEW);
    assert_ne!(own_fingerprint, listed.fingerprint, "a fresh key");
    vault.lock().expect("lock");
    assert_eq!(
        code(vault.unlock(NEW, ADMINS_CHOICE).expect_err("old")),
        "wrong_passphrase"
    );

    // The counselor compares fingerprints: the one seen before is refused, the user's own is
    // approved, and every grant is in the log.
    vault.unlock(COUNSELOR, PASS).expect("counselor");
    let stale = vault
        .accounts()
        .expect("unlocked")
        .approve(&new.id, &listed.fingerprint)
        .expect_err("stale fingerprint");
    assert_eq!(code(stale), "invalid");
    let approved = vault
        .accounts()
        .expect("unlocked")
        .approve(&new.id, &own_fingerprint.to_lowercase())
        .expect("approve");
    assert_eq!(approved.status, AccountStatus::Active);
    assert_eq!(approved.vouched, Some(true));
    vault.lock().expect("lock");
    let log = log_actions(&dir);
    assert!(
        log.iter()
            .any(|(a, _, id)| a == "user_approved" && id.as_deref() == Some(new.id.as_str()))
    );
    let granted: Vec<&str> = log
        .iter()
        .filter(|(a, _, id)| a == "key_granted" && id.as_deref() == Some(new.id.as_str()))
        .filter_map(|(_, kind, _)| kind.as_deref())
        .collect();
    assert_eq!(
        granted.len(),
        Role::Counselor.classes().len(),
        "{granted:?}"
    );
    assert!(granted.contains(&"notes") && granted.contains(&"mailbox"));

    vault.unlock(NEW, OWN).expect("approved counselor");
    assert!(classes(vault).contains(&KeyClass::Notes));
    vault.lock().expect("lock");

    // The admin's copy: the admin's passphrase opens the old identity there, and that identity
    // opens none of the grants the account holds now.
    let old = store(copy.path());
    let identity_id: String = old
        .query_row(
            "SELECT identity_id FROM users WHERE name = ?1",
            [NEW],
            |r| r.get(0),
        )
        .expect("identity");
    let (params, salt, wrapped): (String, Vec<u8>, Vec<u8>) = old
        .query_row(
            "SELECT kdf_params, kdf_salt, secret_wrapped FROM identities WHERE id = ?1",
            [&identity_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("old identity");
    let params: KdfParams = serde_json::from_str(&params).expect("params");
    let salt = Salt::from_bytes(salt.as_slice().try_into().expect("salt"));
    let kek = derive_kek(ADMINS_CHOICE.as_bytes(), &salt, &params).expect("kek");
    let admins_identity =
        Identity::unwrap(&kek, &WrappedKey::from_bytes(wrapped), &identity_id).expect("old id");
    let now = store(&dir);
    let mut stmt = now
        .prepare("SELECT class, version, sealed FROM key_grants WHERE identity_id = ?1")
        .expect("prepare");
    let grants: Vec<(u8, u32, Vec<u8>)> = stmt
        .query_map([&identity_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows");
    assert!(!grants.is_empty());
    for (class, version, sealed) in grants {
        let class = KeyClass::from_code(class).expect("class");
        let ctx = WrapContext::new(&identity_id, class, KeyVersion(version));
        assert!(
            admins_identity.open_grant(&sealed, &ctx).is_err(),
            "{class:?} opened"
        );
    }
}

#[test]
fn a_disabled_account_cannot_unlock_and_the_last_counselor_stays() {
    let mut school = School::builder().teacher().build();
    let vault = &mut school.vault;
    let teacher = vault
        .account_list()
        .expect("accounts")
        .into_iter()
        .find(|a| a.role == Some(Role::Teacher))
        .expect("teacher");
    let me = vault.status().expect("status").current_user.expect("me").id;
    assert_eq!(
        code(
            vault
                .accounts()
                .expect("unlocked")
                .disable(&me)
                .expect_err("self")
        ),
        "invalid"
    );
    vault
        .accounts()
        .expect("unlocked")
        .disable(&teacher.id)
        .expect("disable");
    vault.lock().expect("lock");
    assert_eq!(
        code(
            vault
                .unlock(&teacher.name, crate::school::TEACHER_PASS)
                .expect_err("disabled")
        ),
        "account_disabled"
    );
    assert!(
        vault
            .status()
            .expect("status")
            .users
            .iter()
            .all(|u| u.id != teacher.id)
    );
    let grants: i64 = store(school.dir.path())
        .query_row(
            "SELECT count(*) FROM key_grants g JOIN users u ON u.identity_id = g.identity_id
             WHERE u.id = ?1",
            [&teacher.id],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(grants, 0, "a disabled account keeps no grant");

    vault.unlock(COUNSELOR, PASS).expect("counselor");
    vault
        .accounts()
        .expect("unlocked")
        .remove(&teacher.id)
        .expect("remove");
    assert!(
        vault
            .account_list()
            .expect("accounts")
            .iter()
            .all(|a| a.id != teacher.id)
    );
}

#[test]
fn a_teachers_passphrase_change_keeps_their_keys_and_waits_for_a_counselor_to_confirm_the_new_key()
{
    let mut school = School::builder().teacher().build();
    let vault = &mut school.vault;
    vault.lock().expect("lock");
    vault
        .unlock(crate::school::TEACHER, crate::school::TEACHER_PASS)
        .expect("teacher");
    vault
        .accounts()
        .expect("unlocked")
        .change_passphrase(crate::school::TEACHER_PASS, "周老师换了新口令2026")
        .expect("change");
    vault.lock().expect("lock");
    vault
        .unlock(crate::school::TEACHER, "周老师换了新口令2026")
        .expect("new passphrase");
    assert!(classes(vault).contains(&KeyClass::Roster), "keeps its keys");
    vault.lock().expect("lock");

    vault.unlock(COUNSELOR, PASS).expect("counselor");
    let entry = vault
        .accounts()
        .expect("unlocked")
        .list()
        .expect("list")
        .into_iter()
        .find(|a| a.name == crate::school::TEACHER)
        .expect("teacher");
    assert_eq!(entry.status, AccountStatus::Active);
    assert_eq!(
        entry.vouched,
        Some(false),
        "a new key waits for confirmation"
    );
    let confirmed = vault
        .accounts()
        .expect("unlocked")
        .approve(&entry.id, &entry.fingerprint)
        .expect("confirm");
    assert_eq!(confirmed.vouched, Some(true));
}

/// The id of the account called `name`.
fn id_of(vault: &Vault, name: &str) -> String {
    vault
        .account_list()
        .expect("accounts")
        .into_iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("no account {name}"))
        .id
}

#[test]
fn a_counselor_enables_a_disabled_teacher_who_then_unlocks_with_the_keys_of_the_role() {
    let mut school = School::builder().teacher().build();
    let dir = school.dir.path().to_path_buf();
    let vault = &mut school.vault;
    let teacher = id_of(vault, crate::school::TEACHER);
    vault
        .accounts()
        .expect("unlocked")
        .disable(&teacher)
        .expect("disable");
    vault.accounts().expect("unlocked").rekey().expect("rekey");

    let enabled = vault
        .accounts()
        .expect("unlocked")
        .enable(&teacher)
        .expect("enable");
    assert_eq!(enabled.status, AccountStatus::Active);
    assert_eq!(enabled.vouched, Some(true));
    assert_eq!(
        code(
            vault
                .accounts()
                .expect("unlocked")
                .enable(&teacher)
                .expect_err("already active")
        ),
        "invalid"
    );
    let log = log_actions(&dir);
    assert!(log.contains(&(
        "user_enabled".into(),
        Some("user".into()),
        Some(teacher.clone())
    )));
    assert!(log.contains(&(
        "key_granted".into(),
        Some("roster".into()),
        Some(teacher.clone())
    )));

    vault.lock().expect("lock");
    vault
        .unlock(crate::school::TEACHER, crate::school::TEACHER_PASS)
        .expect("the teacher unlocks again");
    let mut held = classes(vault);
    held.sort_by_key(|c| c.code());
    let mut role: Vec<KeyClass> = Role::Teacher.classes().to_vec();
    role.sort_by_key(|c| c.code());
    assert_eq!(held, role, "the keys of the role, current ones");
    vault.lock().expect("lock");
    vault.unlock(COUNSELOR, PASS).expect("counselor");
    let report = vault.audit().expect("unlocked").verify().expect("verify");
    assert!(report.all_ok(), "{report:?}");
}

#[test]
fn an_admin_enables_an_account_back_to_pending_until_a_counselor_approves_it_again() {
    let (mut school, _) = school_with_admin();
    let vault = &mut school.vault;
    let teacher = enrol(
        vault,
        crate::school::TEACHER,
        Role::Teacher,
        crate::school::TEACHER_PASS,
    );
    vault.lock().expect("lock");
    vault.unlock(ADMIN, ADMIN_PASS).expect("admin");
    vault
        .accounts()
        .expect("unlocked")
        .disable(&teacher)
        .expect("the admin disables");
    // The admin holds no integrity key: they cannot vouch for the account, so it waits.
    let enabled = vault
        .accounts()
        .expect("unlocked")
        .enable(&teacher)
        .expect("the admin enables");
    assert_eq!(enabled.status, AccountStatus::Pending);
    vault.lock().expect("lock");

    vault
        .unlock(crate::school::TEACHER, crate::school::TEACHER_PASS)
        .expect("a pending account unlocks");
    assert!(classes(vault).is_empty(), "but holds no key");
    assert_eq!(
        code(
            vault
                .roster()
                .expect("unlocked")
                .students()
                .expect_err("no key")
        ),
        "keys_pending"
    );
    vault.lock().expect("lock");

    vault.unlock(COUNSELOR, PASS).expect("counselor");
    let fingerprint = fingerprint_of(vault, crate::school::TEACHER);
    let approved = vault
        .accounts()
        .expect("unlocked")
        .approve(&teacher, &fingerprint)
        .expect("approved again");
    assert_eq!(approved.status, AccountStatus::Active);
    vault.lock().expect("lock");
    vault
        .unlock(crate::school::TEACHER, crate::school::TEACHER_PASS)
        .expect("teacher");
    assert!(classes(vault).contains(&KeyClass::Roster));
}

/// A disabled account whose entry was edited in the file meanwhile (its role flipped to
/// counselor) is not trusted back to active: it waits for a counselor's approval, with no key.
/// Other roles may not enable accounts at all.
#[test]
fn an_account_edited_while_disabled_comes_back_only_pending() {
    let mut school = School::builder().teacher().principal().build();
    let dir = school.dir.path().to_path_buf();
    let vault = &mut school.vault;
    let teacher = id_of(vault, crate::school::TEACHER);
    vault
        .accounts()
        .expect("unlocked")
        .disable(&teacher)
        .expect("disable");
    store(&dir)
        .execute(
            "UPDATE users SET role = 'counselor' WHERE id = ?1",
            [&teacher],
        )
        .expect("edit");
    let enabled = vault
        .accounts()
        .expect("unlocked")
        .enable(&teacher)
        .expect("enable");
    assert_eq!(enabled.status, AccountStatus::Pending);
    let grants: i64 = store(&dir)
        .query_row(
            "SELECT count(*) FROM key_grants g JOIN users u ON u.identity_id = g.identity_id
             WHERE u.id = ?1",
            [&teacher],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(grants, 0);

    vault.lock().expect("lock");
    vault
        .unlock(crate::school::PRINCIPAL, crate::school::PRINCIPAL_PASS)
        .expect("principal");
    let refused = vault
        .accounts()
        .expect("unlocked")
        .enable(&teacher)
        .expect_err("principal");
    assert_eq!(code(refused), "forbidden");
}
