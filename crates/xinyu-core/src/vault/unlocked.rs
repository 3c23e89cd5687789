//! The unlocked context: the proof that someone is unlocked, carrying what one use case needs —
//! the connection, the unlocked user's keyring, who they are, and the clock.
//!
//! [`Vault`](crate::Vault) keeps only the life cycle (create, open, unlock, lock, status). Every
//! use case hangs off a *face* built from an [`Unlocked`]: `vault.casework()?.open_warning_file(…)`,
//! `vault.notes()?`, `vault.mailbox()?`, `vault.screening()?`, `vault.roster()?`,
//! `vault.accounts()?`, `vault.audit()?`. Getting a face checks the idle lock and marks activity,
//! so holding one proves the vault was unlocked a moment ago.
//!
//! A use case reads top to bottom: role check → load → change → one [`Write`] that seals each
//! row under its table's class, labels it with the key version, and appends the access-log
//! entry, all in one transaction.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, ToSql};
use serde::{Serialize, de::DeserializeOwned};
use xinyu_vault::{KeyClass, Keyring};

use crate::clock::Clock;
use crate::error::Deed;
use crate::store::access_log::{self, Action};
use crate::store::meta;
use crate::store::sealed::{self, SealedTable};
use crate::store::vault_lock::VaultLock;
use crate::vault::{UserSummary, stamp};
use crate::{Error, Result, Role};

/// Who is unlocked: their account, the class keys their role holds, and what is kept in memory
/// only while they are unlocked (dropped, and the keys zeroed, on lock).
pub(crate) struct UnlockedUser {
    pub user: UserSummary,
    pub keyring: Keyring,
    pub last_active: DateTime<Utc>,
    /// The roster, decrypted once on first use.
    pub roster: Option<Vec<crate::roster::Student>>,
    /// The search index over the roster, built on the first search.
    pub search: Option<crate::SearchIndex>,
    /// `(table, id)` of records that would not open, left out of the lists they belong to.
    pub unreadable: std::cell::RefCell<std::collections::BTreeSet<(String, String)>>,
}

/// The unlocked context: borrowed from the [`Vault`](crate::Vault) for one use case.
pub struct Unlocked<'v> {
    pub(crate) conn: &'v mut Connection,
    pub(crate) state: &'v mut UnlockedUser,
    pub(crate) clock: &'v dyn Clock,
    /// The vault folder's lock, for what must run alone (a rekey).
    pub(crate) lock: &'v VaultLock,
}

impl std::fmt::Debug for Unlocked<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unlocked")
            .field("user", &self.state.user.id)
            .finish_non_exhaustive()
    }
}

impl<'v> Unlocked<'v> {
    /// A shorter borrow of the same context, to hand to another face.
    pub(crate) fn reborrow(&mut self) -> Unlocked<'_> {
        Unlocked {
            conn: self.conn,
            state: self.state,
            clock: self.clock,
            lock: self.lock,
        }
    }

    /// Every active staff account, by name.
    pub(crate) fn users(&self) -> Result<Vec<UserSummary>> {
        crate::vault::users(self.conn)
    }

    /// Who is unlocked.
    pub fn user(&self) -> &UserSummary {
        &self.state.user
    }

    pub(crate) fn me(&self) -> &UnlockedUser {
        self.state
    }

    pub(crate) fn me_mut(&mut self) -> &mut UnlockedUser {
        self.state
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today, in the school's calendar (the PC's local date).
    pub(crate) fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// The acting user, requiring one of `allowed` roles.
    pub(crate) fn require(&mut self, allowed: &[Role], deed: Deed) -> Result<&mut UnlockedUser> {
        if !allowed.contains(&self.state.user.role) {
            return Err(Error::Forbidden {
                role: self.state.user.role,
                deed,
            });
        }
        Ok(self.state)
    }

    /// The acting user, requiring the key of `class`: [`Error::Forbidden`] when the role never
    /// reads it, [`Error::KeysPending`] when the role does but the key is not granted yet.
    pub(crate) fn require_class(
        &mut self,
        class: KeyClass,
        deed: Deed,
    ) -> Result<&mut UnlockedUser> {
        if self.state.keyring.contains(class) {
            return Ok(self.state);
        }
        if self.state.user.role.classes().contains(&class) {
            return Err(Error::KeysPending);
        }
        Err(Error::Forbidden {
            role: self.state.user.role,
            deed,
        })
    }

    /// Whether the unlocked user holds the key of `class`.
    pub(crate) fn holds(&self, class: KeyClass) -> bool {
        self.state.keyring.contains(class)
    }

    /// Begin a write: one transaction in which rows are sealed and logged.
    pub(crate) fn write(&mut self) -> Result<Write<'_>> {
        let at = stamp(self.clock.now());
        // IMMEDIATE: the write lock is taken now, so the key versions read below cannot change
        // under this write (another window's or the CLI's rekey waits, or this one does).
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| Error::storage("begin transaction", e))?;
        Ok(Write {
            tx,
            keyring: &self.state.keyring,
            actor: &self.state.user.id,
            versions: std::cell::RefCell::default(),
            at,
        })
    }

    /// Open one sealed row's body with its table's class.
    pub(crate) fn open<T: DeserializeOwned>(
        &self,
        table: &SealedTable,
        id: &str,
        envelope: &[u8],
    ) -> Result<T> {
        table.open(&self.state.keyring, id, envelope)
    }

    /// The row `id` of `table`, opened; `None` when there is no such row.
    pub(crate) fn load<T: DeserializeOwned>(
        &self,
        table: &SealedTable,
        id: &str,
    ) -> Result<Option<T>> {
        let rows = sealed::sealed_rows(
            self.conn,
            table.read,
            &format!("SELECT id, body FROM {} WHERE id = ?1", table.name),
            [id],
        )?;
        rows.first()
            .map(|(id, body)| self.open(table, id, body))
            .transpose()
    }

    /// The rows of `table` that `filter` (an SQL condition on its plain columns, or `""` for
    /// all) selects, opened, as `(id, body)`, in `order` (an SQL ordering, or `""`).
    pub(crate) fn load_all<T: DeserializeOwned>(
        &self,
        table: &SealedTable,
        filter: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<(String, T)>> {
        let sql = if filter.is_empty() {
            format!("SELECT id, body FROM {}", table.name)
        } else {
            format!("SELECT id, body FROM {} WHERE {filter}", table.name)
        };
        let mut out = Vec::new();
        for (id, body) in sealed::sealed_rows(self.conn, table.read, &sql, params)? {
            match self.open(table, &id, &body) {
                Ok(value) => out.push((id, value)),
                Err(e) => self.leave_out(table.name, &id, e)?,
            }
        }
        Ok(out)
    }

    /// A record of a list that would not open: when it is undecryptable (altered, or its key
    /// is gone) or undecodable, it is left out of the list and remembered, so one bad row
    /// does not hide the others (an urgent letter among them); any other error stands.
    pub(crate) fn leave_out(&self, table: &str, id: &str, e: Error) -> Result<()> {
        match e {
            Error::Undecryptable { .. } | Error::Internal { .. } => {
                tracing::warn!(table, id, "record left out of a list: it does not open");
                self.state
                    .unreadable
                    .borrow_mut()
                    .insert((table.to_owned(), id.to_owned()));
                Ok(())
            }
            e => Err(e),
        }
    }

    /// Log that the acting user saw `kind`/`id` (outside any write).
    pub(crate) fn log(&self, action: Action, kind: &str, id: &str) -> Result<()> {
        access_log::append(
            self.conn,
            &stamp(self.clock.now()),
            Some(&self.state.user.id),
            action,
            Some((kind, id)),
        )?;
        Ok(())
    }
}

/// One write: a transaction that seals rows under their tables' classes, labels each with its
/// class's key version, and logs each change as the acting user. Nothing is written unless
/// [`Write::commit`] is reached.
pub(crate) struct Write<'a> {
    pub tx: rusqlite::Transaction<'a>,
    keyring: &'a Keyring,
    actor: &'a str,
    /// Key versions read once per write (a demo school writes thousands of rows in one).
    versions: std::cell::RefCell<Vec<(KeyClass, u32)>>,
    /// When, as stored.
    pub at: String,
}

impl Write<'_> {
    /// The acting user's keys.
    pub fn keyring(&self) -> &Keyring {
        self.keyring
    }

    fn sealed<T: Serialize>(
        &self,
        table: &SealedTable,
        id: &str,
        value: &T,
    ) -> Result<(Vec<u8>, u32)> {
        let body = table.seal(self.keyring, id, value)?;
        // The label is the version the envelope was really sealed with.
        let sealed_with = xinyu_vault::EnvelopeHeader::parse(&body)?.version.0;
        let known = self
            .versions
            .borrow()
            .iter()
            .find(|(c, _)| *c == table.class)
            .map(|(_, v)| *v);
        let current = match known {
            Some(v) => v,
            None => {
                let v = meta::key_version(&self.tx, table.class)?.0;
                self.versions.borrow_mut().push((table.class, v));
                v
            }
        };
        if sealed_with != current {
            // Another window or the CLI rotated the keys since this user unlocked: a row sealed
            // under the old key would be lost when the rekey retires it.
            tracing::warn!(
                table = table.name,
                "write refused: keys rotated since unlock"
            );
            return Err(Error::StaleKeys);
        }
        Ok((body, sealed_with))
    }

    /// Insert a new row `id` into `table` with `value` sealed as its body and the plain
    /// `columns` beside it.
    pub fn insert<T: Serialize>(
        &self,
        table: &SealedTable,
        id: &str,
        value: &T,
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        self.insert_row(table, id, value, columns, "")
    }

    /// Replace the body (and the given plain `columns`) of row `id` of `table`.
    pub fn update<T: Serialize>(
        &self,
        table: &SealedTable,
        id: &str,
        value: &T,
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        let (body, version) = self.sealed(table, id, value)?;
        let mut sets = vec!["key_version = ?2".to_owned(), "body = ?3".to_owned()];
        sets.extend(
            columns
                .iter()
                .enumerate()
                .map(|(i, (n, _))| format!("{n} = ?{}", i + 4)),
        );
        let sql = format!(
            "UPDATE {} SET {} WHERE id = ?1",
            table.name,
            sets.join(", ")
        );
        let mut values: Vec<&dyn ToSql> = vec![&id, &version, &body];
        values.extend(columns.iter().map(|(_, v)| *v));
        self.tx
            .prepare_cached(&sql)
            .and_then(|mut stmt| stmt.execute(values.as_slice()))
            .map_err(|e| Error::storage(table.write, e))?;
        Ok(())
    }

    /// Insert row `id`, or replace its body when it exists (rows keyed by what they describe:
    /// a file's summary, a result's review, a letter's handling).
    pub fn upsert<T: Serialize>(&self, table: &SealedTable, id: &str, value: &T) -> Result<()> {
        self.upsert_with(table, id, value, &[])
    }

    /// [`Write::upsert`] with plain `columns` written on insert (and left as they are when the
    /// row exists).
    pub fn upsert_with<T: Serialize>(
        &self,
        table: &SealedTable,
        id: &str,
        value: &T,
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        self.insert_row(
            table,
            id,
            value,
            columns,
            " ON CONFLICT (id) DO UPDATE SET key_version = ?2, body = ?3",
        )
    }

    /// `INSERT` row `id` with its sealed body, key version and plain `columns`, then `tail`.
    fn insert_row<T: Serialize>(
        &self,
        table: &SealedTable,
        id: &str,
        value: &T,
        columns: &[(&str, &dyn ToSql)],
        tail: &str,
    ) -> Result<()> {
        let (body, version) = self.sealed(table, id, value)?;
        let mut names = vec!["id", "key_version", "body"];
        names.extend(columns.iter().map(|(n, _)| *n));
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({}){tail}",
            table.name,
            names.join(", "),
            marks.join(", ")
        );
        let mut values: Vec<&dyn ToSql> = vec![&id, &version, &body];
        values.extend(columns.iter().map(|(_, v)| *v));
        self.tx
            .prepare_cached(&sql)
            .and_then(|mut stmt| stmt.execute(values.as_slice()))
            .map_err(|e| Error::storage(table.write, e))?;
        Ok(())
    }

    /// Append the access-log entry for this change.
    pub fn log(&self, action: Action, kind: &str, id: &str) -> Result<()> {
        access_log::append(
            &self.tx,
            &self.at,
            Some(self.actor),
            action,
            Some((kind, id)),
        )?;
        Ok(())
    }

    /// Commit everything written.
    pub fn commit(self) -> Result<()> {
        self.tx.commit().map_err(|e| Error::storage("commit", e))
    }
}

/// Declares a face: a view of the unlocked context that carries one domain's use cases.
macro_rules! face {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        pub struct $name<'v>(pub(crate) $crate::vault::Unlocked<'v>);

        impl<'v> std::ops::Deref for $name<'v> {
            type Target = $crate::vault::Unlocked<'v>;
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        impl std::ops::DerefMut for $name<'_> {
            fn deref_mut(&mut self) -> &mut Self::Target {
                &mut self.0
            }
        }

        impl std::fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }
    };
}
pub(crate) use face;

/// The faces, reachable from any other (a use case that needs another domain's reading).
impl Unlocked<'_> {
    /// Students, the roster import and the school-year rollover.
    pub fn roster(&mut self) -> crate::roster::Roster<'_> {
        crate::roster::Roster(self.reborrow())
    }
    /// Warning files, their events, 一生一策, the settings of levels and categories, and the
    /// views the screens read.
    pub fn casework(&mut self) -> crate::casework::Casework<'_> {
        crate::casework::Casework(self.reborrow())
    }
    /// One-to-one session notes (辅导记录), the work log and the figures of a period.
    pub fn notes(&mut self) -> crate::notes::Notes<'_> {
        crate::notes::Notes(self.reborrow())
    }
    /// The whisper mailbox as the counselor works it.
    pub fn mailbox(&mut self) -> crate::mailbox::Mailbox<'_> {
        crate::mailbox::Mailbox(self.reborrow())
    }
    /// Screening: instruments, campaigns, imports, the review list.
    pub fn screening(&mut self) -> crate::screening::Screening<'_> {
        crate::screening::Screening(self.reborrow())
    }
    /// Staff accounts, passphrases, the idle lock and key rotation.
    pub fn accounts(&mut self) -> crate::vault::Accounts<'_> {
        crate::vault::Accounts(self.reborrow())
    }
    /// The access log and the integrity check.
    pub fn audit(&mut self) -> crate::vault::Audit<'_> {
        crate::vault::Audit(self.reborrow())
    }
}
