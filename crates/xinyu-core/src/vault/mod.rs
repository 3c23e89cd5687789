//! The vault: one school's encrypted store in a folder. Create it, open it, unlock it as a
//! user (deriving that user's keys), lock it (dropping them), and lock it when left idle. Once
//! unlocked, the use cases are reached through the faces of the [`Unlocked`] context.

mod accounts;
pub(crate) mod directory;

use accounts::{NewAccount, complete_pending_grants};
mod inputs;
mod rekey;
mod role;
mod unlocked;
mod verify;

pub use crate::store::access_log::{Action, ChainReport, LogEntry};
pub use accounts::{AccountInfo, Accounts};
pub use directory::AccountStatus;
pub use inputs::{
    AddUserInput, ChangePassphraseInput, ColumnMapping, RecoverInput, RosterImportInput,
    RosterUpload, SetupInput, SetupResult, UnlockInput,
};
pub use rekey::RekeyProgress;
pub use role::Role;
pub use unlocked::Unlocked;
pub(crate) use unlocked::{UnlockedUser, face};
pub use verify::{Audit, BrokenRecord, UntrustedKey, VerifyReport};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;
use xinyu_vault::{Identity, KdfParams, KeyClass, RecoveryCode, Salt, derive_kek};

use crate::clock::{Clock, SystemClock};
use crate::error::{Field, Problem};
use crate::store::access_log;
use crate::store::db;
use crate::store::vault_lock::VaultLock;
use crate::{Error, Result, keys, meta};

/// Minimum passphrase length, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// Default minutes of inactivity before the vault locks itself.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;

/// A staff account as listed on the lock screen and the user page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UserSummary {
    /// The account's id.
    pub id: String,
    /// The name shown on the lock screen.
    pub name: String,
    /// The account's role.
    pub role: Role,
}

/// What the shell needs to choose a screen: set-up wizard, lock screen, or the workbench.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VaultStatus {
    /// Whether a vault exists in the folder.
    pub initialized: bool,
    /// The school's name, once set up.
    pub school_name: Option<String>,
    /// The accounts to choose from on the lock screen.
    pub users: Vec<UserSummary>,
    /// Who is unlocked now, if anyone.
    pub current_user: Option<UserSummary>,
    /// Minutes of inactivity before the vault locks itself (0: never).
    pub idle_lock_minutes: u32,
    /// The unlocked user still has the first passphrase their account's creator chose: the
    /// workbench asks them to set their own before anything else.
    pub must_set_passphrase: bool,
    /// The unlocked user's account waits for a counselor's approval (it holds no key yet).
    pub awaiting_approval: bool,
    /// Records met since unlock that would not open (altered, or their key is gone): left out
    /// of the lists they belong to, so the rest still show; `verify` names them.
    pub unreadable_records: u32,
}

/// What the set-up wizard (or `xinyu init`) provides.
#[derive(Debug, Clone)]
pub struct NewVault<'a> {
    /// The school's name.
    pub school_name: &'a str,
    /// The first counselor's name.
    pub user_name: &'a str,
    /// The first counselor's passphrase.
    pub passphrase: &'a str,
    /// Argon2id parameters, calibrated on this PC ([`KdfParams::calibrate`]).
    pub kdf: KdfParams,
}

/// One school's vault, open on this PC; locked until a user unlocks it. While it lives it holds
/// the folder's lock file shared, so no other window or process rekeys or migrates it.
pub struct Vault {
    dir: PathBuf,
    pub(crate) conn: Connection,
    clock: Arc<dyn Clock>,
    /// Who is unlocked, with their keys; `None` while locked.
    unlocked: Option<UnlockedUser>,
    /// Held shared for as long as the vault is open; dropped last, after the connection.
    lock: VaultLock,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.dir)
            .field("unlocked", &self.unlocked.is_some())
            .finish_non_exhaustive()
    }
}

pub(crate) fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::WeakPassphrase {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

pub(crate) fn required(field: Field, value: &str) -> Result<&str> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::Invalid {
            field,
            problem: Problem::Required,
        });
    }
    Ok(value)
}

impl Vault {
    /// Whether `dir` holds a vault (looked at as it is: nothing is migrated).
    pub fn exists(dir: &Path) -> bool {
        let db = dir.join(db::DB_FILE);
        db.is_file()
            && db::connect(&db)
                .and_then(|c| meta::get(&c, meta::FORMAT))
                .is_ok_and(|v| v.is_some())
    }

    /// Open the vault in `dir`, locked. A vault written by an older version is migrated, which
    /// only happens while no other window or process has it open ([`Error::VaultInUse`]).
    pub fn open(dir: &Path) -> Result<Vault> {
        Self::open_with_clock(dir, Arc::new(SystemClock))
    }

    /// Open with an injected clock (tests, demos).
    pub fn open_with_clock(dir: &Path, clock: Arc<dyn Clock>) -> Result<Vault> {
        if !dir.join(db::DB_FILE).is_file() {
            return Err(Error::NotInitialized);
        }
        let lock = VaultLock::shared(dir)?;
        let mut conn = db::connect(&dir.join(db::DB_FILE))?;
        if db::needs_migration(&conn)? {
            let _alone = lock.exclusive()?;
            db::migrate(&mut conn)?;
            tracing::info!("vault schema migrated");
        }
        if meta::get(&conn, meta::FORMAT)?.is_none() {
            return Err(Error::NotInitialized);
        }
        Ok(Vault {
            dir: dir.to_path_buf(),
            conn,
            clock,
            unlocked: None,
            lock,
        })
    }

    /// Create a vault in `dir` with its first counselor, who is unlocked afterwards.
    /// Returns the recovery code, to be shown once and printed for the principal's safe.
    pub fn create(dir: &Path, new: NewVault<'_>) -> Result<(Vault, RecoveryCode)> {
        Self::create_with_clock(dir, new, Arc::new(SystemClock))
    }

    /// [`Vault::create`] with an injected clock.
    pub fn create_with_clock(
        dir: &Path,
        new: NewVault<'_>,
        clock: Arc<dyn Clock>,
    ) -> Result<(Vault, RecoveryCode)> {
        let school = required(Field::SchoolName, new.school_name)?;
        let user_name = required(Field::Name, new.user_name)?;
        check_passphrase(new.passphrase)?;
        new.kdf.validate()?;
        if Self::exists(dir) {
            return Err(Error::AlreadyInitialized);
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::storage("create vault folder", e))?;
        // Created alone: asked again under the lock, so two set-ups at once make one vault.
        let lock = VaultLock::shared(dir)?;
        let alone = lock.exclusive()?;
        if Self::exists(dir) {
            return Err(Error::AlreadyInitialized);
        }
        let mut conn = db::open(&dir.join(db::DB_FILE))?;
        let now = clock.now();
        let at = stamp(now);
        let code = RecoveryCode::generate();
        let user = UserSummary {
            id: crate::id::new_id(),
            name: user_name.to_owned(),
            role: Role::Counselor,
        };
        let tx = conn
            .transaction()
            .map_err(|e| Error::storage("create vault", e))?;
        let kdf_json = serde_json::to_string(&new.kdf).map_err(|e| Error::Internal {
            detail: format!("KDF parameters: {e}"),
        })?;
        meta::set(&tx, meta::FORMAT, &xinyu_vault::FORMAT_VERSION.to_string())?;
        meta::set(&tx, meta::SCHOOL_NAME, school)?;
        meta::set(&tx, meta::KDF_PARAMS, &kdf_json)?;
        meta::set(&tx, meta::CREATED_AT, &at)?;
        meta::set(
            &tx,
            meta::IDLE_LOCK_MINUTES,
            &DEFAULT_IDLE_LOCK_MINUTES.to_string(),
        )?;
        let keyring = keys::first_keys(&tx)?;

        // The recovery code holds every class key.
        let salt = Salt::generate();
        let recovery = Identity::generate();
        let kek = code.derive_kek(&salt, &new.kdf)?;
        keys::store_identity(
            &tx,
            meta::RECOVERY_IDENTITY,
            &recovery,
            &kek,
            &new.kdf,
            &salt,
            &at,
        )?;
        keys::grant(&tx, meta::RECOVERY_IDENTITY, &KeyClass::ALL, &keyring)?;
        keys::remember_trusted(
            &tx,
            meta::RECOVERY_IDENTITY,
            &recovery,
            &keyring,
            &KeyClass::ALL,
        )?;
        crate::store::case_keys::ensure_drop(&tx, &keyring)?;

        directory::start(&tx, &keyring)?;
        directory::vouch_recovery(&tx, &keyring)?;
        accounts::insert_user(
            &tx,
            &user,
            new.passphrase,
            &new.kdf,
            &at,
            &NewAccount::First(&keyring),
        )?;
        // Every table's digest starts here, from no rows at all.
        let mut digests = crate::store::digest::Tracker::default();
        digests.start_untracked(&tx, &keyring)?;
        access_log::append_with(
            &tx,
            &at,
            Some(&user.id),
            Action::VaultCreated,
            None,
            |seq| digests.flush(&tx, &keyring, seq),
        )?;
        access_log::append(
            &tx,
            &at,
            Some(&user.id),
            Action::UserAdded,
            Some(("user", &user.id)),
        )?;
        tx.commit().map_err(|e| Error::storage("create vault", e))?;
        tracing::info!(user = %user.id, "vault created");
        drop(alone);
        let mut vault = Vault {
            dir: dir.to_path_buf(),
            conn,
            clock,
            unlocked: Some(UnlockedUser {
                user,
                keyring,
                last_active: now,
                roster: None,
                search: None,
                unreadable: std::cell::RefCell::default(),
                untrusted_keys: Vec::new(),
                key_record_altered: false,
            }),
            lock,
        };
        vault.mailbox()?.ensure_mailbox()?;
        Ok((vault, code))
    }

    /// The folder this vault lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The lock screen's view: school, accounts, who is unlocked.
    pub fn status(&self) -> Result<VaultStatus> {
        let current = self.unlocked.as_ref().map(|s| s.user.clone());
        let account = match &current {
            Some(user) => Some(directory::entry(&self.conn, &user.id)?),
            None => None,
        };
        Ok(VaultStatus {
            initialized: true,
            school_name: meta::get(&self.conn, meta::SCHOOL_NAME)?,
            users: self.users()?,
            current_user: current,
            idle_lock_minutes: self.idle_lock_minutes()?,
            must_set_passphrase: account.as_ref().is_some_and(|a| !a.own_passphrase),
            awaiting_approval: account
                .as_ref()
                .is_some_and(|a| a.status() == Some(AccountStatus::Pending)),
            unreadable_records: self.unlocked.as_ref().map_or(0, |s| {
                u32::try_from(s.unreadable.borrow().len()).unwrap_or(u32::MAX)
            }),
        })
    }

    /// Every screening instrument this vault knows (definitions are not sensitive: no unlock).
    pub fn instruments(&self) -> Result<Vec<crate::screening::Instrument>> {
        crate::screening::instruments(&self.conn)
    }

    /// Every active staff account, by name.
    pub fn users(&self) -> Result<Vec<UserSummary>> {
        users(&self.conn)
    }

    fn user_by_name(&self, name: &str) -> Result<(UserSummary, String)> {
        let row: Option<(String, String, String, String, String)> = self
            .conn
            .query_row(
                "SELECT id, name, role, identity_id, status FROM users WHERE name = ?1",
                [name.trim()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()
            .map_err(|e| Error::storage("read users", e))?;
        let (id, name, role, identity, status) = row.ok_or(Error::UnknownUser)?;
        if AccountStatus::parse(&status) != Some(AccountStatus::Active)
            && AccountStatus::parse(&status) != Some(AccountStatus::Pending)
        {
            return Err(Error::AccountDisabled);
        }
        let role = Role::parse(&role).ok_or(Error::Crypto(xinyu_vault::Error::Tampered))?;
        Ok((UserSummary { id, name, role }, identity))
    }

    /// Unlock as `user_name`. A wrong passphrase is counted (the delay grows after three) and
    /// logged; nothing else changes. Grants owed to other accounts are completed here.
    pub fn unlock(&mut self, user_name: &str, passphrase: &str) -> Result<UserSummary> {
        self.unlocked = None;
        let (user, identity_id) = self.user_by_name(user_name)?;
        let now = self.now();
        crate::throttle::check(&self.conn, &user.id, now)?;
        let stored = keys::load_identity(&self.conn, &identity_id)?;
        let identity = derive_kek(passphrase.as_bytes(), &stored.salt, &stored.params)
            .and_then(|kek| Identity::unwrap(&kek, &stored.wrapped, &identity_id));
        let identity = match identity {
            Ok(identity) => identity,
            Err(xinyu_vault::Error::WrongPassphrase) => {
                let tx = self.tx()?;
                crate::throttle::record_failure(&tx, &user.id, now)?;
                access_log::append(&tx, &stamp(now), Some(&user.id), Action::UnlockFailed, None)?;
                commit(tx)?;
                tracing::info!(user = %user.id, "unlock refused: wrong passphrase");
                return Err(Error::WrongPassphrase);
            }
            Err(e) => return Err(e.into()),
        };
        // The stored public key must be the unwrapped secret's: a swapped key would have
        // received grants meant for this account.
        if keys::stored_public_key(&self.conn, &identity_id)? != identity.public_key() {
            tracing::warn!(user = %user.id, "unlock refused: stored public key does not match");
            return Err(Error::Crypto(xinyu_vault::Error::Tampered));
        }
        // Only the key versions this identity can trust: a version granted with no link from
        // one it trusts (planted in the file) is left out, so it never seals anything.
        let keys::CheckedKeyring {
            mut keyring,
            untrusted,
            record_altered,
        } = keys::load_checked(&self.conn, &identity_id, &identity)?;
        let tx = self.tx()?;
        if crate::store::case_keys::ensure_drop(&tx, &keyring)? {
            tracing::warn!("casework drop key was swapped: restored from the key pair");
            access_log::append(
                &tx,
                &stamp(now),
                Some(&user.id),
                Action::Update,
                Some(("case_drop_public_key", "restored")),
            )?;
        }
        let refused = crate::store::case_keys::load(&tx, &mut keyring, &identity_id, &identity)?;
        if refused > 0 {
            tracing::warn!(refused, "case keys refused at unlock");
        }
        let active = directory::entry(&tx, &user.id)?.status() == Some(AccountStatus::Active);
        if user.role == Role::Counselor && active {
            // A counselor vouches for the directory; an account only claiming the role (an
            // edited `role` column) holds no integrity key and no vouched entry.
            if keyring.contains(KeyClass::Integrity)
                || !meta::has_key_version(&tx, KeyClass::Integrity)?
            {
                directory::ensure(&tx, &mut keyring)?;
            }
            if !directory::entry(&tx, &user.id)?.vouched(&keyring) {
                tracing::warn!(user = %user.id, "unlock refused: directory entry not vouched for");
                return Err(Error::Crypto(xinyu_vault::Error::Tampered));
            }
            for key in directory::reset_altered_settings(&tx, &keyring)? {
                access_log::append(
                    &tx,
                    &stamp(now),
                    Some(&user.id),
                    Action::Update,
                    Some(("setting_restored", key)),
                )?;
            }
        }
        crate::throttle::clear(&tx, &user.id)?;
        let at = stamp(now);
        complete_pending_grants(&tx, &keyring, &user.id, &at)?;
        // The head a counselor last anchored must still be in the chain; if it is not, that is
        // written into the chain itself before the head is anchored anew.
        if directory::log_anchor_holds(&tx, &keyring)? == Some(false) {
            tracing::warn!("access log cut or rewritten since it was last anchored");
            access_log::append(&tx, &at, Some(&user.id), Action::LogTampered, None)?;
        }
        keys::remember_trusted(&tx, &identity_id, &identity, &keyring, &KeyClass::ALL)?;
        // An existing vault's tables get their digests here, from their rows as they are
        // (trust on first use); the unlock's own log entry carries them.
        let mut digests = crate::store::digest::Tracker::default();
        if user.role == Role::Counselor && active {
            digests.start_untracked(&tx, &keyring)?;
        }
        access_log::append_with(&tx, &at, Some(&user.id), Action::Unlock, None, |seq| {
            digests.flush(&tx, &keyring, seq)
        })?;
        directory::anchor_log(&tx, &keyring)?;
        commit(tx)?;
        tracing::info!(user = %user.id, "unlocked");
        self.unlocked = Some(UnlockedUser {
            user: user.clone(),
            keyring,
            last_active: now,
            roster: None,
            search: None,
            unreadable: std::cell::RefCell::default(),
            untrusted_keys: untrusted,
            key_record_altered: record_altered,
        });
        // Vaults made before the mailbox existed get its key pair at a counselor's unlock. If
        // that fails, nobody stays unlocked: the keys go with the error.
        if let Err(e) = self.mailbox().and_then(|mut m| m.ensure_mailbox()) {
            self.unlocked = None;
            return Err(e);
        }
        // Records of a vault from before per-case keys move under them at a counselor's unlock.
        if let Err(e) = self.unlocked().and_then(|mut u| u.move_to_case_keys()) {
            self.unlocked = None;
            return Err(e);
        }
        Ok(user)
    }

    /// Lock: drop (and zero) every key. Logged when someone was unlocked.
    pub fn lock(&mut self) -> Result<()> {
        if let Some(unlocked) = self.unlocked.take() {
            let at = stamp(self.now());
            access_log::append(&self.conn, &at, Some(&unlocked.user.id), Action::Lock, None)?;
            directory::anchor_log(&self.conn, &unlocked.keyring)?;
            tracing::info!(user = %unlocked.user.id, "locked");
        }
        Ok(())
    }

    /// Whether someone is unlocked (and not idle past the limit).
    pub fn is_unlocked(&mut self) -> bool {
        self.unlocked().is_ok()
    }

    /// The unlocked context, after checking the idle limit (locking if it has passed) and
    /// marking activity. [`Error::Locked`] when nobody is unlocked.
    pub fn unlocked(&mut self) -> Result<Unlocked<'_>> {
        let now = self.now();
        let idle = i64::from(self.idle_lock_minutes()?);
        let expired = match &self.unlocked {
            None => return Err(Error::Locked),
            Some(s) => idle > 0 && now - s.last_active > Duration::minutes(idle),
        };
        if expired {
            self.lock()?;
            return Err(Error::Locked);
        }
        let state = self.unlocked.as_mut().ok_or(Error::Locked)?;
        state.last_active = now;
        Ok(Unlocked {
            conn: &mut self.conn,
            state,
            clock: &*self.clock,
            lock: &self.lock,
        })
    }

    /// Students, the roster import and the school-year rollover.
    pub fn roster(&mut self) -> Result<crate::roster::Roster<'_>> {
        Ok(crate::roster::Roster(self.unlocked()?))
    }

    /// Warning files, their events, 一生一策, levels and categories, and the casework views.
    pub fn casework(&mut self) -> Result<crate::casework::Casework<'_>> {
        Ok(crate::casework::Casework(self.unlocked()?))
    }

    /// One-to-one session notes (辅导记录), the work log and the figures of a period.
    pub fn notes(&mut self) -> Result<crate::notes::Notes<'_>> {
        Ok(crate::notes::Notes(self.unlocked()?))
    }

    /// The whisper mailbox as the counselor works it.
    pub fn mailbox(&mut self) -> Result<crate::mailbox::Mailbox<'_>> {
        Ok(crate::mailbox::Mailbox(self.unlocked()?))
    }

    /// The whisper mailbox as the kiosk uses it: works on a locked vault.
    pub fn kiosk(&mut self) -> crate::mailbox::Kiosk<'_> {
        crate::mailbox::Kiosk {
            conn: &mut self.conn,
            clock: &*self.clock,
        }
    }

    /// Screening: instruments, campaigns, imports, the review list.
    pub fn screening(&mut self) -> Result<crate::screening::Screening<'_>> {
        Ok(crate::screening::Screening(self.unlocked()?))
    }

    /// Staff accounts, passphrases, the idle lock and key rotation.
    pub fn accounts(&mut self) -> Result<Accounts<'_>> {
        Ok(Accounts(self.unlocked()?))
    }

    /// The access log and the integrity check.
    pub fn audit(&mut self) -> Result<Audit<'_>> {
        Ok(Audit(self.unlocked()?))
    }

    /// Minutes of inactivity before the vault locks itself (0: never).
    pub fn idle_lock_minutes(&self) -> Result<u32> {
        Ok(meta::get(&self.conn, meta::IDLE_LOCK_MINUTES)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES))
    }

    /// A transaction holding the write lock from its start (IMMEDIATE): one that reads and
    /// then writes would otherwise fail at once, "database is locked", whenever another
    /// process wrote in between, instead of waiting its turn.
    pub(crate) fn tx(&mut self) -> Result<Transaction<'_>> {
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| Error::storage("begin transaction", e))
    }
}

/// The Argon2id parameters new identities are made with.
pub(crate) fn kdf_params(conn: &Connection) -> Result<KdfParams> {
    let json = meta::get(conn, meta::KDF_PARAMS)?.ok_or(Error::NotInitialized)?;
    serde_json::from_str(&json).map_err(|e| Error::Internal {
        detail: format!("stored KDF parameters unreadable: {e}"),
    })
}

/// Every active staff account, by name.
pub(crate) fn users(conn: &Connection) -> Result<Vec<UserSummary>> {
    let mut stmt = conn
        .prepare("SELECT id, name, role FROM users WHERE status != 'disabled' ORDER BY name")
        .map_err(|e| Error::storage("read users", e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .map_err(|e| Error::storage("read users", e))?;
    let mut users = Vec::new();
    for row in rows {
        let (id, name, role) = row.map_err(|e| Error::storage("read users", e))?;
        let role = Role::parse(&role).ok_or_else(|| Error::Internal {
            detail: format!("unknown role in users table: {role}"),
        })?;
        users.push(UserSummary { id, name, role });
    }
    Ok(users)
}

pub(crate) fn commit(tx: Transaction<'_>) -> Result<()> {
    tx.commit().map_err(|e| Error::storage("commit", e))
}

/// A timestamp as stored: RFC 3339 UTC, whole seconds.
pub(crate) fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use xinyu_vault::{RecordAad, WrapContext};

    /// Guards the central promise to principals and admins: their unlock yields no key that
    /// opens notes, whatever the screens do.
    #[test]
    fn principal_and_admin_cannot_decrypt_session_notes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut vault, _) = Vault::create(
            dir.path(),
            NewVault {
                school_name: "示例实验中学",
                user_name: "李老师",
                passphrase: "春风化雨润物无声2026",
                kdf: KdfParams::for_tests(),
            },
        )
        .expect("create");
        vault
            .accounts()
            .expect("unlocked")
            .add_user("王校长", Role::Principal, "校长办公室的口令2026")
            .expect("principal");
        vault
            .accounts()
            .expect("unlocked")
            .add_user("赵管理", Role::Admin, "信息中心管理员口令2026")
            .expect("admin");
        let aad = RecordAad::new("sessions", "s1", "body");
        let note = vault
            .unlocked()
            .expect("unlocked")
            .me()
            .keyring
            .seal(KeyClass::Notes, &aad, "当前状况：考试焦虑".as_bytes())
            .expect("seal");
        vault.lock().expect("lock");

        for (name, pass) in [
            ("王校长", "校长办公室的口令2026"),
            ("赵管理", "信息中心管理员口令2026"),
        ] {
            vault.unlock(name, pass).expect("unlock");
            let unlocked = vault.unlocked().expect("unlocked");
            let keyring = &unlocked.me().keyring;
            assert!(matches!(
                keyring.open(&aad, &note),
                Err(xinyu_vault::Error::ClassUnavailable {
                    class: KeyClass::Notes
                })
            ));
            vault.lock().expect("lock");
        }

        // Not even stored: no notes grant exists for either identity, and the counselor's
        // notes grant does not open with another identity's key.
        let grants: i64 = vault
            .conn
            .query_row(
                "SELECT count(*) FROM key_grants g JOIN users u ON u.identity_id = g.identity_id
                 WHERE u.role IN ('principal', 'admin') AND g.class IN (?1, ?2, ?3)",
                [
                    KeyClass::Notes.code(),
                    KeyClass::Mailbox.code(),
                    KeyClass::Casework.code(),
                ],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(grants, 0);
        let (counselor_identity, sealed): (String, Vec<u8>) = vault
            .conn
            .query_row(
                "SELECT g.identity_id, g.sealed FROM key_grants g
                 JOIN users u ON u.identity_id = g.identity_id
                 WHERE u.role = 'counselor' AND g.class = ?1",
                [KeyClass::Notes.code()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("counselor grant");
        let principal_identity: String = vault
            .conn
            .query_row(
                "SELECT identity_id FROM users WHERE role = 'principal'",
                [],
                |r| r.get(0),
            )
            .expect("principal");
        let stored = keys::load_identity(&vault.conn, &principal_identity).expect("stored");
        let kek = derive_kek(
            "校长办公室的口令2026".as_bytes(),
            &stored.salt,
            &stored.params,
        )
        .expect("kek");
        let principal = Identity::unwrap(&kek, &stored.wrapped, &principal_identity).expect("id");
        let ctx = WrapContext::new(
            &counselor_identity,
            KeyClass::Notes,
            xinyu_vault::KeyVersion::FIRST,
        );
        assert!(principal.open_grant(&sealed, &ctx).is_err());
    }
}
