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
use rusqlite::{Connection, OptionalExtension, ToSql};
use serde::{Serialize, de::DeserializeOwned};
use xinyu_vault::{KeyClass, KeyVersion, Keyring};

use crate::clock::Clock;
use crate::error::Deed;
use crate::store::access_log::{self, Action};
use crate::store::digest::Tracker;
use crate::store::sealed::{self, SealedTable};
use crate::store::vault_lock::VaultLock;
use crate::store::{case_keys, meta};
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
    /// Granted key versions this unlock left out of the keyring: no link vouched for them.
    pub untrusted_keys: Vec<crate::keys::Untrusted>,
    /// This user's record of trusted key versions was altered in the file.
    pub key_record_altered: bool,
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

    /// The acting user, who must read casework and notes: a counselor (the casework and notes
    /// keys), or an approved teacher (who holds the keys of their own cases only).
    pub(crate) fn require_casework(&mut self, deed: Deed) -> Result<&mut UnlockedUser> {
        match self.state.user.role {
            Role::Teacher => self.require_class(KeyClass::Roster, deed),
            _ => self.require_class(KeyClass::Casework, deed),
        }
    }

    /// Whether the acting user reads casework and notes at all (see [`Self::require_casework`]).
    pub(crate) fn reads_casework(&self) -> bool {
        match self.state.user.role {
            Role::Teacher => self.holds(KeyClass::Roster),
            _ => self.holds(KeyClass::Casework),
        }
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
            digests: std::cell::RefCell::default(),
            at,
        })
    }

    /// Open one sealed row's body (written at `revision`) with its table's class.
    pub(crate) fn open<T: DeserializeOwned>(
        &self,
        table: &SealedTable,
        id: &str,
        revision: i64,
        envelope: &[u8],
    ) -> Result<T> {
        table.open(&self.state.keyring, id, revision, envelope)
    }

    /// The row `id` of `table`, opened; `None` when there is no such row.
    pub(crate) fn load<T: DeserializeOwned>(
        &self,
        table: &SealedTable,
        id: &str,
    ) -> Result<Option<T>> {
        let rows = sealed::revised_rows(
            self.conn,
            table.read,
            &format!(
                "SELECT id, body, revision FROM {} WHERE id = ?1",
                table.name
            ),
            [id],
        )?;
        match rows.first() {
            Some(row) => match self.open(table, &row.id, row.revision, &row.body) {
                Err(e) if self.not_my_case(&e) => Ok(None),
                other => other.map(Some),
            },
            None => Ok(None),
        }
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
            format!("SELECT id, body, revision FROM {}", table.name)
        } else {
            format!(
                "SELECT id, body, revision FROM {} WHERE {filter}",
                table.name
            )
        };
        let mut out = Vec::new();
        for row in sealed::revised_rows(self.conn, table.read, &sql, params)? {
            match self.open(table, &row.id, row.revision, &row.body) {
                Ok(value) => out.push((row.id, value)),
                Err(e) => self.leave_out(table.name, &row.id, e)?,
            }
        }
        Ok(out)
    }

    /// A record of a list that would not open: when it is undecryptable (altered, or its key
    /// is gone) or undecodable, it is left out of the list and remembered, so one bad row
    /// does not hide the others (an urgent letter among them); any other error stands.
    pub(crate) fn leave_out(&self, table: &str, id: &str, e: Error) -> Result<()> {
        if self.not_my_case(&e) {
            return Ok(());
        }
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

    /// A row of a case whose key this user does not hold (a teacher, another teacher's case):
    /// not theirs to see, so not "unreadable" either. A counselor holds every case key.
    fn not_my_case(&self, e: &Error) -> bool {
        let case_key_missing = matches!(
            e,
            Error::Undecryptable {
                source: xinyu_vault::Error::KeyUnavailable {
                    class: KeyClass::Case,
                    ..
                } | xinyu_vault::Error::ClassUnavailable {
                    class: KeyClass::Case
                },
                ..
            }
        );
        case_key_missing && !self.holds(KeyClass::Casework)
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
/// class's key version, counts up each row's revision, keeps each table's digest
/// (`store/digest.rs`), and logs each change as the acting user — the tables' new digests in
/// the log entry that follows the change. Nothing is written unless [`Write::commit`] is reached.
pub(crate) struct Write<'a> {
    pub tx: rusqlite::Transaction<'a>,
    keyring: &'a Keyring,
    actor: &'a str,
    /// Key versions read once per write (a demo school writes thousands of rows in one).
    versions: std::cell::RefCell<Vec<(KeyClass, u32)>>,
    /// The digests of the tables this write changes, until they are logged.
    digests: std::cell::RefCell<Tracker>,
    /// When, as stored.
    pub at: String,
}

/// A row as it stands before a write: `(revision, body)`.
type OldRow = (i64, Vec<u8>);

impl Write<'_> {
    /// The acting user's keys.
    pub fn keyring(&self) -> &Keyring {
        self.keyring
    }

    fn sealed<T: Serialize>(
        &self,
        table: &SealedTable,
        case: Option<KeyVersion>,
        id: &str,
        revision: i64,
        value: &T,
    ) -> Result<(Vec<u8>, u32)> {
        match (table.per_case, case) {
            (true, Some(key_id)) => {
                return self.sealed_in_case(table, key_id, id, revision, value);
            }
            (false, None) => {}
            _ => {
                return Err(Error::Internal {
                    detail: format!("{} written without the right kind of key", table.name),
                });
            }
        }
        let body = table.seal(self.keyring, id, revision, value)?;
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

    /// Seal under case key `key_id`, which must still exist: another window that replaced the
    /// case's key since would otherwise retire the key this row is sealed under.
    fn sealed_in_case<T: Serialize>(
        &self,
        table: &SealedTable,
        key_id: KeyVersion,
        id: &str,
        revision: i64,
        value: &T,
    ) -> Result<(Vec<u8>, u32)> {
        if case_keys::subject_of(&self.tx, key_id)?.is_none() {
            tracing::warn!(table = table.name, "write refused: case key replaced");
            return Err(Error::StaleKeys);
        }
        let json =
            zeroize::Zeroizing::new(serde_json::to_vec(value).map_err(|e| Error::Internal {
                detail: format!("serialize {}: {e}", table.name),
            })?);
        let body = case_keys::seal_row(self.keyring, table, key_id, id, revision, &json)?;
        Ok((body, key_id.0))
    }

    /// Re-seal row `id` of a per-case `table` under case key `to` (a case's key replaced, a
    /// note moved to a key of its own): its revision counts up and its table's digest follows.
    pub fn reseal_case(&self, table: &'static SealedTable, id: &str, to: KeyVersion) -> Result<()> {
        let Some(old) = self.old_row(table, id)? else {
            return Ok(());
        };
        if case_keys::row_key(&old.1) == Some(to) {
            return Ok(());
        }
        let plain = self
            .keyring
            .open(&sealed::body_aad(table.name, id, old.0), &old.1)
            .map_err(|source| Error::Undecryptable {
                kind: table.kind,
                id: id.to_owned(),
                source,
            })?;
        let revision = old.0.saturating_add(1);
        let body = case_keys::seal_row(self.keyring, table, to, id, revision, &plain)?;
        self.touch(table, id, Some(&old), Some((revision, &body)))?;
        self.tx
            .prepare_cached(&format!(
                "UPDATE {} SET body = ?1, key_version = ?2, revision = ?3 WHERE id = ?4",
                table.name
            ))
            .and_then(|mut stmt| stmt.execute(rusqlite::params![body, to.0, revision, id]))
            .map_err(|e| Error::storage(table.write, e))?;
        Ok(())
    }

    /// Insert a new row of a per-case `table`, sealed under case key `case`.
    pub fn insert_case<T: Serialize>(
        &self,
        table: &'static SealedTable,
        case: KeyVersion,
        id: &str,
        value: &T,
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        self.insert_row(table, Some(case), id, value, columns, None)
    }

    /// Replace the body (and plain `columns`) of a row of a per-case `table`, sealed under
    /// case key `case`.
    pub fn update_case<T: Serialize>(
        &self,
        table: &'static SealedTable,
        case: KeyVersion,
        id: &str,
        value: &T,
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        self.update_row(table, Some(case), id, value, columns)
    }

    /// Row `id` of `table` as it stands, if it exists.
    fn old_row(&self, table: &SealedTable, id: &str) -> Result<Option<OldRow>> {
        self.tx
            .prepare_cached(&format!(
                "SELECT revision, body FROM {} WHERE id = ?1",
                table.name
            ))
            .and_then(|mut stmt| {
                stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(|e| Error::storage(table.read, e))
    }

    /// Account for row `id` going from `old` to `new` in its table's digest.
    fn touch(
        &self,
        table: &'static SealedTable,
        id: &str,
        old: Option<&OldRow>,
        new: Option<(i64, &[u8])>,
    ) -> Result<()> {
        self.digests.borrow_mut().touch(
            &self.tx,
            self.keyring,
            table,
            id,
            old.map(|(r, b)| (*r, b.as_slice())),
            new,
        )
    }

    /// Insert a new row `id` into `table` with `value` sealed as its body and the plain
    /// `columns` beside it.
    pub fn insert<T: Serialize>(
        &self,
        table: &'static SealedTable,
        id: &str,
        value: &T,
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        self.insert_row(table, None, id, value, columns, None)
    }

    /// Insert row `id` with a body its caller sealed itself, at revision 0 (bound as every
    /// record was before revisions: the mailbox's key pair), and the plain `columns`.
    pub fn insert_sealed(
        &self,
        table: &'static SealedTable,
        id: &str,
        body: &[u8],
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        let version = xinyu_vault::EnvelopeHeader::parse(body)?.version.0;
        let revision = 0i64;
        self.touch(table, id, None, Some((revision, body)))?;
        self.execute_insert(table, (id, version, body, revision), columns, false)
    }

    /// Replace the body (and the given plain `columns`) of row `id` of `table`; its revision
    /// counts up.
    pub fn update<T: Serialize>(
        &self,
        table: &'static SealedTable,
        id: &str,
        value: &T,
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        self.update_row(table, None, id, value, columns)
    }

    fn update_row<T: Serialize>(
        &self,
        table: &'static SealedTable,
        case: Option<KeyVersion>,
        id: &str,
        value: &T,
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        let old = self.old_row(table, id)?;
        let revision = old.as_ref().map_or(1, |(r, _)| r.saturating_add(1));
        let (body, version) = self.sealed(table, case, id, revision, value)?;
        let mut sets = vec![
            "key_version = ?2".to_owned(),
            "body = ?3".to_owned(),
            "revision = ?4".to_owned(),
        ];
        sets.extend(
            columns
                .iter()
                .enumerate()
                .map(|(i, (n, _))| format!("{n} = ?{}", i + 5)),
        );
        let sql = format!(
            "UPDATE {} SET {} WHERE id = ?1",
            table.name,
            sets.join(", ")
        );
        let mut values: Vec<&dyn ToSql> = vec![&id, &version, &body, &revision];
        values.extend(columns.iter().map(|(_, v)| *v));
        // The digest moves before the row does: a table's first digest is summed from its rows
        // as they stand.
        if old.is_some() {
            self.touch(table, id, old.as_ref(), Some((revision, &body)))?;
        }
        self.tx
            .prepare_cached(&sql)
            .and_then(|mut stmt| stmt.execute(values.as_slice()))
            .map_err(|e| Error::storage(table.write, e))?;
        Ok(())
    }

    /// Insert row `id`, or replace its body when it exists (rows keyed by what they describe:
    /// a file's summary, a result's review, a letter's handling).
    pub fn upsert<T: Serialize>(
        &self,
        table: &'static SealedTable,
        id: &str,
        value: &T,
    ) -> Result<()> {
        self.upsert_with(table, id, value, &[])
    }

    /// [`Write::upsert`] with plain `columns` written on insert (and left as they are when the
    /// row exists).
    pub fn upsert_with<T: Serialize>(
        &self,
        table: &'static SealedTable,
        id: &str,
        value: &T,
        columns: &[(&str, &dyn ToSql)],
    ) -> Result<()> {
        let old = self.old_row(table, id)?;
        self.insert_row(table, None, id, value, columns, Some(old))
    }

    /// Delete row `id` of `table`; returns whether it existed.
    pub fn delete(&self, table: &'static SealedTable, id: &str) -> Result<bool> {
        let Some(old) = self.old_row(table, id)? else {
            return Ok(false);
        };
        self.touch(table, id, Some(&old), None)?;
        self.tx
            .prepare_cached(&format!("DELETE FROM {} WHERE id = ?1", table.name))
            .and_then(|mut stmt| stmt.execute([id]))
            .map_err(|e| Error::storage(table.write, e))?;
        Ok(true)
    }

    /// `INSERT` row `id` with its sealed body, key version, revision and plain `columns`; with
    /// `upsert` (the row as it stands, if any), replace the body of an existing row.
    fn insert_row<T: Serialize>(
        &self,
        table: &'static SealedTable,
        case: Option<KeyVersion>,
        id: &str,
        value: &T,
        columns: &[(&str, &dyn ToSql)],
        upsert: Option<Option<OldRow>>,
    ) -> Result<()> {
        let old = upsert.clone().flatten();
        let revision = old.as_ref().map_or(1, |(r, _)| r.saturating_add(1));
        let (body, version) = self.sealed(table, case, id, revision, value)?;
        self.touch(table, id, old.as_ref(), Some((revision, &body)))?;
        self.execute_insert(
            table,
            (id, version, &body, revision),
            columns,
            upsert.is_some(),
        )
    }

    fn execute_insert(
        &self,
        table: &SealedTable,
        (id, version, body, revision): (&str, u32, &[u8], i64),
        columns: &[(&str, &dyn ToSql)],
        upsert: bool,
    ) -> Result<()> {
        let mut names = vec!["id", "key_version", "body", "revision"];
        names.extend(columns.iter().map(|(n, _)| *n));
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let tail = if upsert {
            " ON CONFLICT (id) DO UPDATE SET key_version = ?2, body = ?3, revision = ?4"
        } else {
            ""
        };
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({}){tail}",
            table.name,
            names.join(", "),
            marks.join(", ")
        );
        let mut values: Vec<&dyn ToSql> = vec![&id, &version, &body, &revision];
        values.extend(columns.iter().map(|(_, v)| *v));
        self.tx
            .prepare_cached(&sql)
            .and_then(|mut stmt| stmt.execute(values.as_slice()))
            .map_err(|e| Error::storage(table.write, e))?;
        Ok(())
    }

    /// Append the access-log entry for this change, carrying the digests of the tables changed
    /// since the last entry.
    pub fn log(&self, action: Action, kind: &str, id: &str) -> Result<()> {
        self.append(action, Some((kind, id)))
    }

    fn append(&self, action: Action, record: Option<(&str, &str)>) -> Result<()> {
        let mut digests = self.digests.borrow_mut();
        access_log::append_with(
            &self.tx,
            &self.at,
            Some(self.actor),
            action,
            record,
            |seq| digests.flush(&self.tx, self.keyring, seq),
        )?;
        Ok(())
    }

    /// Commit everything written. Digests changed after the last log entry get one of their own.
    pub fn commit(self) -> Result<()> {
        if self.digests.borrow().pending() {
            self.append(Action::Update, Some(("row_digest", "")))?;
        }
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
