//! Staff accounts: adding users, changing a passphrase (re-wraps one identity, rewrites no
//! data), and resetting a forgotten passphrase with the recovery code.

use rusqlite::Connection;
use xinyu_vault::{Identity, KdfParams, KeyClass, Keyring, RecoveryCode, Salt, derive_kek};

use crate::access_log::{self, Action};
use crate::error::{Deed, Field, Problem};
use crate::vault::{
    Unlocked, UserSummary, Vault, check_passphrase, commit, kdf_params, required, stamp,
};
use crate::{Error, Result, Role, keys, meta};

crate::vault::face!(
    /// Staff accounts, the unlocked user's passphrase, the idle lock and key rotation.
    Accounts
);

impl Accounts<'_> {
    /// Add a staff account (counselor or admin). The new account receives at once the keys of
    /// its role that the acting user holds; any others (an admin holds no clinical keys) are
    /// granted at the next unlock of someone who holds them.
    pub fn add_user(&mut self, name: &str, role: Role, passphrase: &str) -> Result<UserSummary> {
        self.require(&[Role::Counselor, Role::Admin], Deed::AddUser)?;
        let name = required(Field::Name, name)?.to_owned();
        check_passphrase(passphrase)?;
        let kdf = kdf_params(self.conn)?;
        let now = stamp(self.now());
        let actor = self.user().id.clone();
        let user = UserSummary {
            id: crate::id::new_id(),
            name,
            role,
        };
        let Unlocked { conn, state, .. } = &mut self.0;
        let tx = conn
            .transaction()
            .map_err(|e| Error::storage("begin transaction", e))?;
        insert_user(&tx, &user, passphrase, &kdf, &now, &state.keyring)?;
        access_log::append(
            &tx,
            &now,
            Some(&actor),
            Action::UserAdded,
            Some(("user", &user.id)),
        )?;
        commit(tx)?;
        tracing::info!(user = %user.id, role = role.as_str(), "user added");
        Ok(user)
    }

    /// Change the unlocked user's passphrase. Only that user's wrapped identity changes; no
    /// data row and no class key is rewritten.
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<()> {
        check_passphrase(new)?;
        let kdf = kdf_params(self.conn)?;
        let user_id = self.user().id.clone();
        let identity_id: String = self
            .conn
            .query_row(
                "SELECT identity_id FROM users WHERE id = ?1",
                [&user_id],
                |r| r.get(0),
            )
            .map_err(|e| Error::storage("read users", e))?;
        let stored = keys::load_identity(self.conn, &identity_id)?;
        let identity = derive_kek(old.as_bytes(), &stored.salt, &stored.params)
            .and_then(|kek| Identity::unwrap(&kek, &stored.wrapped, &identity_id))
            .map_err(|e| match e {
                xinyu_vault::Error::WrongPassphrase => Error::WrongPassphrase,
                e => e.into(),
            })?;
        let salt = Salt::generate();
        let kek = derive_kek(new.as_bytes(), &salt, &kdf)?;
        let w = self.write()?;
        keys::store_identity(&w.tx, &identity_id, &identity, &kek, &kdf, &salt, &w.at)?;
        w.log(Action::PassphraseChanged, "user", &user_id)?;
        w.commit()?;
        tracing::info!(user = %user_id, "passphrase changed");
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

impl Vault {
    /// Set a new passphrase for `user_name` with the recovery code (no one needs to be
    /// unlocked). The account gets a fresh identity and its role's keys again; failed-unlock
    /// delays are cleared.
    pub fn recover(&mut self, user_name: &str, code: &str, new_passphrase: &str) -> Result<()> {
        check_passphrase(new_passphrase)?;
        let code = RecoveryCode::parse(code).map_err(|_| Error::WrongRecoveryCode)?;
        let kdf = kdf_params(&self.conn)?;
        let now = stamp(self.now());
        let (user_id, identity_id, role): (String, String, String) = self
            .conn
            .query_row(
                "SELECT id, identity_id, role FROM users WHERE name = ?1 AND disabled = 0",
                [user_name.trim()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|_| Error::UnknownUser)?;
        let role = Role::parse(&role).ok_or_else(|| Error::Internal {
            detail: format!("unknown role in users table: {role}"),
        })?;
        let stored = keys::load_identity(&self.conn, meta::RECOVERY_IDENTITY)?;
        let recovery = code
            .derive_kek(&stored.salt, &stored.params)
            .and_then(|kek| Identity::unwrap(&kek, &stored.wrapped, meta::RECOVERY_IDENTITY))
            .map_err(|e| match e {
                xinyu_vault::Error::WrongPassphrase => Error::WrongRecoveryCode,
                e => e.into(),
            })?;
        let all = keys::load_keyring(&self.conn, meta::RECOVERY_IDENTITY, &recovery)?;

        let identity = Identity::generate();
        let salt = Salt::generate();
        let kek = derive_kek(new_passphrase.as_bytes(), &salt, &kdf)?;
        let tx = self.tx()?;
        keys::store_identity(&tx, &identity_id, &identity, &kek, &kdf, &salt, &now)?;
        tx.execute(
            "DELETE FROM key_grants WHERE identity_id = ?1",
            [&identity_id],
        )
        .map_err(|e| Error::storage("reset key grants", e))?;
        keys::grant(&tx, &identity_id, role.classes(), &all)?;
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

/// Insert a staff account with a fresh identity wrapped under `passphrase`, and grant it the
/// keys of its role that `keyring` holds (the rest are granted later by someone who holds them).
pub(crate) fn insert_user(
    conn: &Connection,
    user: &UserSummary,
    passphrase: &str,
    kdf: &KdfParams,
    at: &str,
    keyring: &Keyring,
) -> Result<()> {
    let identity_id = crate::id::new_id();
    let salt = Salt::generate();
    let kek = derive_kek(passphrase.as_bytes(), &salt, kdf)?;
    let identity = Identity::generate();
    keys::store_identity(conn, &identity_id, &identity, &kek, kdf, &salt, at)?;
    conn.execute(
        "INSERT INTO users (id, name, role, identity_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        rusqlite::params![user.id, user.name, user.role.as_str(), identity_id, at],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Error::DuplicateUser
        }
        e => Error::storage("write user", e),
    })?;
    keys::grant(conn, &identity_id, user.role.classes(), keyring)?;
    Ok(())
}

/// Grant to every account (and the recovery code) the keys of its role that `keyring` holds and
/// it lacks — e.g. for an account an admin created, at the next counselor's unlock.
pub(super) fn complete_pending_grants(conn: &Connection, keyring: &Keyring) -> Result<()> {
    for class in keyring.classes().collect::<Vec<_>>() {
        for holder in keys::holders_of(conn, class)? {
            let n = keys::grant(conn, &holder, &[class], keyring)?;
            if n > 0 {
                tracing::info!(identity = %holder, class = class.as_str(), "pending key grant completed");
            }
        }
    }
    Ok(())
}
