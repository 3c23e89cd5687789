//! Rotating class keys: new key versions are granted to every holder, each linked from the
//! version before (`store/keys.rs`: a holder takes a new version only when a link leads to it),
//! then records are re-sealed in small batches, each its own transaction, so an interrupted
//! rekey resumes. Every table's digest (`store/digest.rs`) is re-keyed when the rekey starts
//! and kept up to date by each batch, which logs the digests it changed.

use super::Accounts;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;
use xinyu_vault::{DataKey, KeyClass, KeyVersion};

use crate::access_log::{self, Action};
use crate::error::Deed;
use crate::record::{self, SEALED_TABLES};
use crate::store::digest::Tracker;
use crate::vault::{commit, directory, stamp};
use crate::{Error, Result, Role, keys, meta};

/// Records re-sealed per transaction.
const BATCH: usize = 200;

/// Rows not (yet) under the current key version `?1` (`?2`: its 4 bytes, little-endian): by
/// their label, or by their envelope's own header (bytes 5–8), so a row labelled new but sealed
/// under an old key is re-sealed too, never lost when the old key is retired.
const NOT_CURRENT: &str = "(key_version < ?1 OR substr(body, 5, 4) != ?2)";

/// [`NOT_CURRENT`], leaving out rows under per-case keys (class code 9, byte 4 of the header):
/// a case's key is replaced with the case (see `casework::cases`), not by the class rekey.
fn not_current(per_case: bool) -> String {
    match per_case {
        true => format!("{NOT_CURRENT} AND substr(body, 4, 1) != x'09'"),
        false => NOT_CURRENT.to_owned(),
    }
}

/// How far a rekey got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct RekeyProgress {
    /// Records re-sealed under the new keys in this call.
    pub resealed: u64,
    /// Records still under an old key version.
    pub remaining: u64,
    /// The rekey finished: old key versions are gone.
    pub done: bool,
}

/// A transaction holding the write lock from its start, so no other window or process writes
/// between reading the key versions and using them.
fn immediate(conn: &rusqlite::Connection) -> Result<rusqlite::Transaction<'_>> {
    rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)
        .map_err(|e| Error::storage("begin transaction", e))
}

impl Accounts<'_> {
    /// Rotate every class key and re-seal every record (counselor). Resumes a rekey that was
    /// interrupted. Runs alone: refused with [`Error::VaultInUse`], nothing changed, while
    /// another window or process has the vault open.
    pub fn rekey(&mut self) -> Result<RekeyProgress> {
        self.rekey_steps(usize::MAX)
    }

    /// [`Vault::rekey`], stopping after `max_batches` batches (to test resuming).
    pub fn rekey_steps(&mut self, max_batches: usize) -> Result<RekeyProgress> {
        self.require(&[Role::Counselor], Deed::Rekey)?;
        let lock = self.lock;
        let _alone = lock.exclusive()?;
        // Cases whose key a departed account held get new keys first.
        self.retire_departed()?;
        if meta::get(self.conn, meta::REKEY_PENDING)?.is_none() {
            self.start_rekey()?;
        }
        let mut resealed = 0;
        for _ in 0..max_batches {
            let n = self.reseal_batch()?;
            if n == 0 {
                break;
            }
            resealed += n;
        }
        let remaining = self.records_under_old_keys()?;
        if remaining == 0 {
            self.finish_rekey()?;
        }
        Ok(RekeyProgress {
            resealed,
            remaining,
            done: remaining == 0,
        })
    }

    fn start_rekey(&mut self) -> Result<()> {
        let now = stamp(self.now());
        let actor = self.user().id.clone();
        let mut fresh = xinyu_vault::Keyring::new();
        let tx = immediate(self.conn)?;
        for class in KeyClass::ALL {
            let version = meta::key_version(&tx, class)?
                .next()
                .ok_or_else(|| Error::Internal {
                    detail: "key version overflow".into(),
                })?;
            fresh.insert(class, version, DataKey::generate());
            meta::set_key_version(&tx, class, version)?;
        }
        let old = &self.me().keyring;
        keys::link_new_versions(&tx, old, &fresh)?;
        for class in KeyClass::ALL {
            for holder in directory::trusted_holders(&tx, old, class)? {
                keys::grant(&tx, &holder, &[class], &fresh)?;
            }
        }
        directory::revouch(&tx, old, &fresh)?;
        meta::set(&tx, meta::REKEY_PENDING, "1")?;
        let mut digests = Tracker::default();
        digests.rekey(&tx, old, &fresh)?;
        access_log::append_with(&tx, &now, Some(&actor), Action::Rekey, None, |seq| {
            digests.flush(&tx, &fresh, seq)
        })?;
        commit(tx)?;
        self.me_mut().keyring.absorb(fresh);
        Ok(())
    }

    fn records_under_old_keys(&self) -> Result<u64> {
        let mut total = 0u64;
        for &&crate::store::sealed::SealedTable {
            name: table,
            class,
            per_case,
            ..
        } in SEALED_TABLES
        {
            let current = meta::key_version(self.conn, class)?;
            let not_current = not_current(per_case);
            let n: i64 = self
                .conn
                .query_row(
                    &format!("SELECT count(*) FROM {table} WHERE {not_current}"),
                    params![current.0, current.0.to_le_bytes().as_slice()],
                    |r| r.get(0),
                )
                .map_err(|e| Error::storage("count records", e))?;
            total += n as u64;
        }
        Ok(total)
    }

    fn reseal_batch(&mut self) -> Result<u64> {
        let now = stamp(self.now());
        let actor = self.user().id.clone();
        let keyring = &self.me().keyring;
        let tx = immediate(self.conn)?;
        let mut digests = Tracker::default();
        let mut done = 0u64;
        for &table in SEALED_TABLES {
            let current = meta::key_version(&tx, table.class)?;
            let not_current = not_current(table.per_case);
            let rows = record::revised_rows(
                &tx,
                "read records",
                &format!(
                    "SELECT id, body, revision FROM {} WHERE {not_current} LIMIT ?3",
                    table.name
                ),
                params![current.0, current.0.to_le_bytes().as_slice(), BATCH as i64],
            )?;
            for row in rows {
                // Same row, same revision: only the key changes.
                let aad = record::body_aad(table.name, &row.id, row.revision);
                let plain =
                    keyring
                        .open(&aad, &row.body)
                        .map_err(|source| Error::Undecryptable {
                            kind: table.kind,
                            id: row.id.clone(),
                            source,
                        })?;
                let sealed = keyring.seal(table.class, &aad, &plain)?;
                digests.touch(
                    &tx,
                    keyring,
                    table,
                    &row.id,
                    Some((row.revision, &row.body)),
                    Some((row.revision, &sealed)),
                )?;
                tx.execute(
                    &format!(
                        "UPDATE {} SET body = ?1, key_version = ?2 WHERE id = ?3",
                        table.name
                    ),
                    params![sealed, current.0, row.id],
                )
                .map_err(|e| Error::storage("re-seal record", e))?;
                done += 1;
            }
        }
        if digests.pending() {
            let count = done.to_string();
            access_log::append_with(
                &tx,
                &now,
                Some(&actor),
                Action::Rekey,
                Some(("reseal", &count)),
                |seq| digests.flush(&tx, keyring, seq),
            )?;
        }
        commit(tx)?;
        Ok(done)
    }

    fn finish_rekey(&mut self) -> Result<()> {
        let tx = immediate(self.conn)?;
        let mut retired = Vec::new();
        for class in KeyClass::ALL {
            let current = meta::key_version(&tx, class)?;
            tx.execute(
                "DELETE FROM key_grants WHERE class = ?1 AND version < ?2",
                params![class.code(), current.0],
            )
            .map_err(|e| Error::storage("retire old keys", e))?;
            for v in 1..current.0 {
                retired.push((class, KeyVersion(v)));
            }
        }
        meta::remove(&tx, meta::REKEY_PENDING)?;
        commit(tx)?;
        let keyring = &mut self.me_mut().keyring;
        for (class, version) in retired {
            keyring.remove(class, version);
        }
        Ok(())
    }
}
