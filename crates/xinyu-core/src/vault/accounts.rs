//! Staff accounts. A new account starts `pending` with the passphrase its creator chose and no
//! key at all; its user sets their own passphrase (which makes a fresh identity), then a
//! counselor approves it after comparing its key fingerprint, and only then are its role's keys
//! granted — each grant logged. A passphrase change always makes a fresh identity, so a copy of
//! the file and an old passphrase open nothing granted afterwards. Accounts can be disabled or
//! removed; a rekey then retires what they held.

use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;
use xinyu_vault::{Identity, KdfParams, KeyClass, Keyring, RecoveryCode, Salt, derive_kek};

use crate::access_log::{self, Action};
use crate::error::{Deed, Field, Problem};
use crate::vault::directory::{self, AccountStatus};
use crate::vault::{UserSummary, Vault, check_passphrase, commit, kdf_params, required, stamp};
use crate::{Error, Result, Role, keys, meta};

crate::vault::face!(
    /// Staff accounts, the unlocked user's passphrase, the idle lock and key rotation.
    Accounts
);

/// A staff account as the user page and `xinyu user list` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccountInfo {
    /// The account's id.
    pub id: String,
    /// The name shown on the lock screen.
    pub name: String,
    /// The role (`None` when the stored role is not one: the file was edited).
    pub role: Option<Role>,
    /// `pending`, `active` or `disabled`.
    pub status: AccountStatus,
    /// Whether the user has set their own passphrase (not the one their creator chose).
    pub own_passphrase: bool,
    /// Who created it (their name), if known.
    pub created_by: Option<String>,
    /// When it was created (RFC 3339 UTC).
    pub created_at: String,
    /// The fingerprint of its key, as a counselor compares it with the user's own screen.
    pub fingerprint: String,
    /// Whether a counselor's integrity key vouches for its role, status and key; `None` when
    /// the viewer holds no integrity key (only counselors can tell).
    pub vouched: Option<bool>,
}

/// Every account, with what a viewer holding `keyring` (if any) can tell of its entry.
pub(crate) fn account_list(
    conn: &Connection,
    keyring: Option<&Keyring>,
) -> Result<Vec<AccountInfo>> {
    let entries = directory::entries(conn)?;
    let name_of = |id: &str| {
        entries
            .iter()
            .find(|e| e.user_id == id)
            .map(|e| e.name.clone())
    };
    let can_tell = keyring.filter(|k| k.contains(KeyClass::Integrity));
    Ok(entries
        .iter()
        .map(|e| AccountInfo {
            id: e.user_id.clone(),
            name: e.name.clone(),
            role: e.role(),
            status: e.status().unwrap_or(AccountStatus::Disabled),
            own_passphrase: e.own_passphrase,
            created_by: e.created_by.as_deref().and_then(name_of),
            created_at: e.created_at.clone(),
            fingerprint: e.fingerprint(),
            vouched: can_tell.map(|k| e.vouched(k)),
        })
        .collect())
}

impl Accounts<'_> {
    /// Add a staff account (counselor or admin). It starts `pending`, with `passphrase` as a
    /// first passphrase its user must replace, and receives no key until a counselor approves
    /// it ([`Accounts::approve`]).
    pub fn add_user(&mut self, name: &str, role: Role, passphrase: &str) -> Result<UserSummary> {
        self.require(&[Role::Counselor, Role::Admin], Deed::AddUser)?;
        let name = required(Field::Name, name)?.to_owned();
        check_passphrase(passphrase)?;
        let kdf = kdf_params(self.conn)?;
        let actor = self.user().id.clone();
        let user = UserSummary {
            id: crate::id::new_id(),
            name,
            role,
        };
        let w = self.write()?;
        insert_user(
            &w.tx,
            &user,
            passphrase,
            &kdf,
            &w.at,
            &NewAccount::Pending { created_by: &actor },
        )?;
        w.log(Action::UserAdded, "user", &user.id)?;
        w.commit()?;
        tracing::info!(user = %user.id, role = role.as_str(), "user added, pending approval");
        Ok(user)
    }

    /// Every account with its status, creator and key fingerprint; a counselor also sees
    /// whether each entry is vouched for.
    pub fn list(&mut self) -> Result<Vec<AccountInfo>> {
        let keyring = &self.me().keyring;
        account_list(self.conn, Some(keyring))
    }

    /// Approve a pending account (or confirm an account's new key) after comparing its
    /// `fingerprint` with the one its user sees (counselor). Grants its role's keys, each grant
    /// logged. Refused while the user still has the passphrase their creator chose, or when the
    /// fingerprint is not the account's.
    pub fn approve(&mut self, user_id: &str, fingerprint: &str) -> Result<AccountInfo> {
        self.require(&[Role::Counselor], Deed::ApproveUser)?;
        self.require_class(KeyClass::Integrity, Deed::ApproveUser)?;
        let entry = directory::entry(self.conn, user_id)?;
        let role = entry
            .role()
            .ok_or(Error::Crypto(xinyu_vault::Error::Tampered))?;
        match entry.status() {
            Some(AccountStatus::Pending) => {}
            Some(AccountStatus::Active) if !entry.vouched(&self.me().keyring) => {}
            _ => return Err(Error::invalid(Field::Account, Problem::NothingToApprove)),
        }
        if !entry.own_passphrase {
            return Err(Error::invalid(Field::Account, Problem::NoOwnPassphrase));
        }
        if normalize(fingerprint) != normalize(&entry.fingerprint()) {
            return Err(Error::invalid(
                Field::Fingerprint,
                Problem::FingerprintMismatch,
            ));
        }
        let w = self.write()?;
        w.tx.execute(
            "UPDATE users SET status = 'active' WHERE id = ?1",
            [user_id],
        )
        .map_err(|e| Error::storage("write users", e))?;
        directory::vouch(&w.tx, w.keyring(), user_id)?;
        for class in role.classes() {
            if keys::grant(&w.tx, &entry.identity_id, &[*class], w.keyring())? > 0 {
                w.log(Action::KeyGranted, class.as_str(), user_id)?;
            }
        }
        w.log(Action::UserApproved, "user", user_id)?;
        w.commit()?;
        tracing::info!(user = %user_id, "account approved");
        self.list()?
            .into_iter()
            .find(|a| a.id == user_id)
            .ok_or(Error::UnknownUser)
    }

    /// Disable an account (counselor or admin): it can no longer unlock, its grants are
    /// deleted and it receives no new key. Run a rekey afterwards so that a copy of the file
    /// made before opens nothing new. Not oneself, not the last active counselor.
    pub fn disable(&mut self, user_id: &str) -> Result<()> {
        self.require(&[Role::Counselor, Role::Admin], Deed::DisableUser)?;
        self.check_removable(user_id)?;
        let entry = directory::entry(self.conn, user_id)?;
        let w = self.write()?;
        w.tx.execute(
            "UPDATE users SET status = 'disabled', disabled = 1 WHERE id = ?1",
            [user_id],
        )
        .map_err(|e| Error::storage("write users", e))?;
        w.tx.execute(
            "DELETE FROM key_grants WHERE identity_id = ?1",
            [&entry.identity_id],
        )
        .map_err(|e| Error::storage("write key grants", e))?;
        if w.keyring().contains(KeyClass::Integrity) {
            directory::vouch(&w.tx, w.keyring(), user_id)?;
        }
        w.log(Action::UserDisabled, "user", user_id)?;
        w.commit()?;
        tracing::info!(user = %user_id, "account disabled");
        Ok(())
    }

    /// Enable a disabled account again (counselor or admin). It becomes `active`, with its
    /// role's keys granted anew (each grant logged), only when a counselor does it and the
    /// account's directory entry still verifies — its role, status and key exactly as a
    /// counselor vouched for them when it was disabled — and it had been approved before.
    /// Otherwise (an admin, who holds no integrity key; an entry edited, or disabled by an
    /// admin; an account never approved) it becomes `pending`: a counselor approves it again
    /// after comparing its key fingerprint. Logged either way.
    pub fn enable(&mut self, user_id: &str) -> Result<AccountInfo> {
        self.require(&[Role::Counselor, Role::Admin], Deed::EnableUser)?;
        let entry = directory::entry(self.conn, user_id)?;
        if entry.status() != Some(AccountStatus::Disabled) {
            return Err(Error::invalid(Field::Account, Problem::NothingToEnable));
        }
        let role = entry.role();
        let trusted = self.holds(KeyClass::Integrity)
            && entry.vouched(&self.me().keyring)
            && entry.own_passphrase
            && role.is_some()
            && was_approved(self.conn, &entry)?;
        let status = if trusted {
            AccountStatus::Active
        } else {
            AccountStatus::Pending
        };
        let w = self.write()?;
        w.tx.execute(
            "UPDATE users SET status = ?2, disabled = 0 WHERE id = ?1",
            params![user_id, status.as_str()],
        )
        .map_err(|e| Error::storage("write users", e))?;
        if let (true, Some(role)) = (trusted, role) {
            directory::vouch(&w.tx, w.keyring(), user_id)?;
            for class in role.classes() {
                if keys::grant(&w.tx, &entry.identity_id, &[*class], w.keyring())? > 0 {
                    w.log(Action::KeyGranted, class.as_str(), user_id)?;
                }
            }
        }
        w.log(Action::UserEnabled, "user", user_id)?;
        w.commit()?;
        tracing::info!(user = %user_id, status = status.as_str(), "account enabled");
        account_list(self.conn, Some(&self.me().keyring))?
            .into_iter()
            .find(|a| a.id == user_id)
            .ok_or(Error::UnknownUser)
    }

    /// Remove an account with its identity and grants (counselor). The access log keeps its
    /// id. Run a rekey afterwards. Not oneself, not the last active counselor.
    pub fn remove(&mut self, user_id: &str) -> Result<()> {
        self.require(&[Role::Counselor], Deed::RemoveUser)?;
        self.check_removable(user_id)?;
        let entry = directory::entry(self.conn, user_id)?;
        let w = self.write()?;
        for (sql, id) in [
            (
                "DELETE FROM key_grants WHERE identity_id = ?1",
                &entry.identity_id,
            ),
            (
                "DELETE FROM unlock_failures WHERE user_id = ?1",
                &entry.user_id,
            ),
            ("DELETE FROM users WHERE id = ?1", &entry.user_id),
            ("DELETE FROM identities WHERE id = ?1", &entry.identity_id),
        ] {
            w.tx.execute(sql, [id])
                .map_err(|e| Error::storage("remove user", e))?;
        }
        w.log(Action::UserRemoved, "user", user_id)?;
        w.commit()?;
        tracing::info!(user = %user_id, "account removed");
        Ok(())
    }

    fn check_removable(&mut self, user_id: &str) -> Result<()> {
        if self.user().id == user_id {
            return Err(Error::invalid(Field::Account, Problem::NotYourself));
        }
        let entries = directory::entries(self.conn)?;
        let target = entries
            .iter()
            .find(|e| e.user_id == user_id)
            .ok_or(Error::UnknownUser)?;
        let active_counselor = |e: &&directory::Entry| {
            e.role() == Some(Role::Counselor) && e.status() == Some(AccountStatus::Active)
        };
        if active_counselor(&target) && entries.iter().filter(active_counselor).count() <= 1 {
            return Err(Error::invalid(Field::Account, Problem::LastCounselor));
        }
        Ok(())
    }

    /// Change the unlocked user's passphrase. A fresh identity replaces the old one and the
    /// user's keys are granted to it again, so the old passphrase with an old copy of the file
    /// opens nothing granted from now on. A counselor's new key is vouched for at once;
    /// anyone else's waits for a counselor to confirm it before receiving new keys.
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<()> {
        check_passphrase(new)?;
        let kdf = kdf_params(self.conn)?;
        let user_id = self.user().id.clone();
        let now = self.now();
        crate::throttle::check(self.conn, &user_id, now)?;
        let identity_id = directory::entry(self.conn, &user_id)?.identity_id;
        let stored = keys::load_identity(self.conn, &identity_id)?;
        let opened = derive_kek(old.as_bytes(), &stored.salt, &stored.params)
            .and_then(|kek| Identity::unwrap(&kek, &stored.wrapped, &identity_id));
        match opened {
            Ok(_) => {}
            Err(xinyu_vault::Error::WrongPassphrase) => {
                let w = self.write()?;
                crate::throttle::record_failure(&w.tx, &user_id, now)?;
                w.commit()?;
                return Err(Error::WrongPassphrase);
            }
            Err(e) => return Err(e.into()),
        }
        let identity = Identity::generate();
        let salt = Salt::generate();
        let kek = derive_kek(new.as_bytes(), &salt, &kdf)?;
        let w = self.write()?;
        keys::store_identity(&w.tx, &identity_id, &identity, &kek, &kdf, &salt, &w.at)?;
        // The case keys this account held are sealed to the new identity instead.
        crate::store::case_keys::regrant(&w.tx, w.keyring(), &identity_id, &identity_id)?;
        w.tx.execute(
            "DELETE FROM key_grants WHERE identity_id = ?1",
            [&identity_id],
        )
        .map_err(|e| Error::storage("reset key grants", e))?;
        keys::grant(&w.tx, &identity_id, &KeyClass::ALL, w.keyring())?;
        // The fresh identity trusts what this session trusted (its record starts here).
        keys::remember_trusted(&w.tx, &identity_id, &identity, w.keyring(), &KeyClass::ALL)?;
        w.tx.execute(
            "UPDATE users SET own_passphrase = 1 WHERE id = ?1",
            [&user_id],
        )
        .map_err(|e| Error::storage("write users", e))?;
        if w.keyring().contains(KeyClass::Integrity) {
            directory::vouch(&w.tx, w.keyring(), &user_id)?;
        }
        crate::throttle::clear(&w.tx, &user_id)?;
        w.log(Action::PassphraseChanged, "user", &user_id)?;
        w.commit()?;
        tracing::info!(user = %user_id, "passphrase changed: fresh identity");
        Ok(())
    }

    /// Change the idle lock (counselor or admin); 0 turns it off, at most 120 minutes.
    pub fn set_idle_lock_minutes(&mut self, minutes: u32) -> Result<()> {
        self.require(&[Role::Counselor, Role::Admin], Deed::SetAutoLock)?;
        if minutes > 120 {
            return Err(Error::Invalid {
                field: Field::AutoLock,
                problem: Problem::AutoLockMax { max: 120 },
            });
        }
        meta::set(self.conn, meta::IDLE_LOCK_MINUTES, &minutes.to_string())
    }

    /// The classes of data the unlocked user's keys open (for the UI and for tests).
    pub fn unlocked_classes(&mut self) -> Result<Vec<KeyClass>> {
        Ok(self.me_mut().keyring.classes().collect())
    }
}

/// Whether the account was ever active by a counselor's word: approved (the access log says
/// so), or created active (the first counselor, or an account from before approvals existed,
/// both without a creator).
fn was_approved(conn: &Connection, entry: &directory::Entry) -> Result<bool> {
    if entry.created_by.is_none() {
        return Ok(true);
    }
    let approvals: i64 = conn
        .query_row(
            "SELECT count(*) FROM access_log WHERE action = ?1 AND record_id = ?2",
            params![Action::UserApproved.as_str(), entry.user_id],
            |r| r.get(0),
        )
        .map_err(|e| Error::storage("read access log", e))?;
    Ok(approvals > 0)
}

/// A fingerprint as typed or shown: hex digits only, upper case.
fn normalize(fingerprint: &str) -> String {
    fingerprint
        .chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl Vault {
    /// Every account with its status, creator and fingerprint (no unlock needed: the lock
    /// screen shows the same names).
    pub fn account_list(&self) -> Result<Vec<AccountInfo>> {
        account_list(&self.conn, None)
    }

    /// Set a new passphrase for `user_name` with the recovery code (no one needs to be
    /// unlocked). The account gets a fresh identity; an approved account whose entry the
    /// recovery code can vouch for gets its role's keys again. Failed-unlock delays are cleared.
    pub fn recover(&mut self, user_name: &str, code: &str, new_passphrase: &str) -> Result<()> {
        check_passphrase(new_passphrase)?;
        let code = RecoveryCode::parse(code).map_err(|_| Error::WrongRecoveryCode)?;
        let kdf = kdf_params(&self.conn)?;
        let now = stamp(self.now());
        let user_id: String = self
            .conn
            .query_row(
                "SELECT id FROM users WHERE name = ?1 AND status != 'disabled'",
                [user_name.trim()],
                |r| r.get(0),
            )
            .map_err(|_| Error::UnknownUser)?;
        let entry = directory::entry(&self.conn, &user_id)?;
        let stored = keys::load_identity(&self.conn, meta::RECOVERY_IDENTITY)?;
        let recovery = code
            .derive_kek(&stored.salt, &stored.params)
            .and_then(|kek| Identity::unwrap(&kek, &stored.wrapped, meta::RECOVERY_IDENTITY))
            .map_err(|e| match e {
                xinyu_vault::Error::WrongPassphrase => Error::WrongRecoveryCode,
                e => e.into(),
            })?;
        let mut all = keys::load_keyring(&self.conn, meta::RECOVERY_IDENTITY, &recovery)?;
        crate::store::case_keys::load(&self.conn, &mut all, meta::RECOVERY_IDENTITY, &recovery)?;
        // A vault from before the directory: the recovery code vouches for it first.
        let tx = self.tx()?;
        directory::ensure(&tx, &mut all)?;
        keys::remember_trusted(
            &tx,
            meta::RECOVERY_IDENTITY,
            &recovery,
            &all,
            &KeyClass::ALL,
        )?;
        let trusted = entry.vouched(&all) && entry.status() == Some(AccountStatus::Active);
        let identity = Identity::generate();
        let salt = Salt::generate();
        let kek = derive_kek(new_passphrase.as_bytes(), &salt, &kdf)?;
        keys::store_identity(&tx, &entry.identity_id, &identity, &kek, &kdf, &salt, &now)?;
        if trusted {
            crate::store::case_keys::regrant(&tx, &all, &entry.identity_id, &entry.identity_id)?;
        } else {
            tx.execute(
                "DELETE FROM case_grants WHERE identity_id = ?1",
                [&entry.identity_id],
            )
            .map_err(|e| Error::storage("reset case grants", e))?;
        }
        tx.execute(
            "DELETE FROM key_grants WHERE identity_id = ?1",
            [&entry.identity_id],
        )
        .map_err(|e| Error::storage("reset key grants", e))?;
        tx.execute(
            "UPDATE users SET own_passphrase = 1 WHERE id = ?1",
            [&user_id],
        )
        .map_err(|e| Error::storage("write users", e))?;
        if trusted {
            let role = entry
                .role()
                .ok_or(Error::Crypto(xinyu_vault::Error::Tampered))?;
            keys::grant(&tx, &entry.identity_id, role.classes(), &all)?;
            keys::remember_trusted(&tx, &entry.identity_id, &identity, &all, role.classes())?;
            directory::vouch(&tx, &all, &user_id)?;
        }
        crate::throttle::clear(&tx, &user_id)?;
        access_log::append(
            &tx,
            &now,
            Some(&user_id),
            Action::Recovered,
            Some(("user", &user_id)),
        )?;
        commit(tx)?;
        tracing::info!(user = %user_id, "passphrase reset with the recovery code");
        Ok(())
    }
}

/// How a new account starts.
pub(crate) enum NewAccount<'a> {
    /// The first counselor at set-up: active, its own passphrase, every key of its role.
    First(&'a Keyring),
    /// Any later account: pending, its creator's passphrase, no key.
    Pending {
        /// The creating account's id.
        created_by: &'a str,
    },
}

/// Insert a staff account with a fresh identity wrapped under `passphrase`.
pub(crate) fn insert_user(
    conn: &Connection,
    user: &UserSummary,
    passphrase: &str,
    kdf: &KdfParams,
    at: &str,
    how: &NewAccount<'_>,
) -> Result<()> {
    let identity_id = crate::id::new_id();
    let salt = Salt::generate();
    let kek = derive_kek(passphrase.as_bytes(), &salt, kdf)?;
    let identity = Identity::generate();
    keys::store_identity(conn, &identity_id, &identity, &kek, kdf, &salt, at)?;
    let (status, own, created_by) = match how {
        NewAccount::First(_) => (AccountStatus::Active, 1, None),
        NewAccount::Pending { created_by } => (AccountStatus::Pending, 0, Some(*created_by)),
    };
    conn.execute(
        "INSERT INTO users (id, name, role, identity_id, created_at, status, own_passphrase,
             created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            user.id,
            user.name,
            user.role.as_str(),
            identity_id,
            at,
            status.as_str(),
            own,
            created_by
        ],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Error::DuplicateUser
        }
        e => Error::storage("write user", e),
    })?;
    if let NewAccount::First(keyring) = how {
        keys::grant(conn, &identity_id, user.role.classes(), keyring)?;
        directory::vouch(conn, keyring, &user.id)?;
    }
    Ok(())
}

/// At a counselor's unlock: grant every vouched-for account (and the recovery code) the keys of
/// its role that `keyring` holds and it lacks — new key versions after a rekey, or a class an
/// older vault lacked. Each grant is logged.
pub(super) fn complete_pending_grants(
    conn: &Connection,
    keyring: &Keyring,
    actor: &str,
    at: &str,
) -> Result<()> {
    if !keyring.contains(KeyClass::Integrity) {
        return Ok(());
    }
    let owners: Vec<(String, String)> = directory::entries(conn)?
        .into_iter()
        .map(|e| (e.identity_id, e.user_id))
        .collect();
    // Class keys only: case keys go to the people on each case (`casework::cases`).
    for class in KeyClass::ALL.into_iter().filter(|c| keyring.contains(*c)) {
        for holder in directory::trusted_holders(conn, keyring, class)? {
            if keys::grant(conn, &holder, &[class], keyring)? > 0 {
                let user = owners
                    .iter()
                    .find(|(identity, _)| *identity == holder)
                    .map_or(meta::RECOVERY_IDENTITY, |(_, user)| user.as_str());
                access_log::append(
                    conn,
                    at,
                    Some(actor),
                    Action::KeyGranted,
                    Some((class.as_str(), user)),
                )?;
                tracing::info!(identity = %holder, class = class.as_str(), "key granted");
            }
        }
    }
    Ok(())
}
