//! Row revisions and per-table digests: what lets `verify` see a sealed row rolled back to an
//! older copy of itself (a warning level set back, a signed note made a draft again) or
//! deleted, which the envelope alone cannot — an older body still opens.
//!
//! - **Revision.** Every write of a sealed row counts up its `revision` column (1 for a new
//!   row), and from revision 1 on the envelope binds it (`sealed::body_aad`), so the column
//!   cannot be changed apart from the body. Rows written before revisions existed keep 0 and
//!   their old binding.
//! - **Digest.** Per table, the XOR over its rows of HMAC(table, id, revision, SHA-256(body))
//!   under the key of the table's *digest class* (`SealedTable::digest`): a key every role that
//!   writes the table holds and, where there is one, no role that only reads it. XOR makes the
//!   update of one row cheap — digest ^= H(old row) ^ H(new row), inside the write's own
//!   transaction — and without the key nobody can say what any row adds, so a rolled-back,
//!   deleted or inserted row cannot be made to add up.
//! - **In the log.** The new digest goes into the access-log entry of the write that changed
//!   it, as a [`DigestRecord`] tagged under the same key over the entry's `seq` and the seq of
//!   the table's previous record. The hash chain covers it, so rolling a digest back with its
//!   row means rewriting the log (which the anchored head catches); a copy of an old record
//!   appended again does not verify at another seq; and the records of one table form a chain
//!   of their own, so a writer led to an older record leaves a fork that `verify` names.
//!   `row_digests` only keeps the latest record where the next writer finds it.
//! - **Naming rows.** A record also names the rows the write touched, with their new revision
//!   (−1: deleted), when they are few ([`NAMED_ROWS`]): `verify` names a row whose revision is
//!   below the last one logged for it, or that is gone though no deletion was logged. Bulk writes
//!   (an import, demo data) and rows from before revisions are reported per table only.
//! - **Existing vaults** have no digest: each table's is started from its rows as they are at
//!   the first counselor's unlock (or first write) after the upgrade — trust on first use.
//! - **Rekey** re-keys every digest under the new key version in the transaction that starts
//!   it (after checking each under the old key: a mismatch found then is carried forward in the
//!   records, `b`, so rotating keys does not launder it), and each batch of re-sealed bodies
//!   updates them like any write.
//!
//! Still open: a write logged after the log's last anchored head (a counselor anchors it at
//! unlock and lock) can be undone together with the tail of the log.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use xinyu_vault::{DataKey, KeyVersion, Keyring, MAC_LEN};

use crate::store::meta;
use crate::store::sealed::{SEALED_TABLES, SealedTable};
use crate::{Error, Result};

const ROW_DOMAIN: &str = "xinyu/row-digest/v1";
const RECORD_DOMAIN: &str = "xinyu/row-digest-record/v1";
/// A write that touches at most this many rows of a table names them in its record.
pub const NAMED_ROWS: usize = 64;
/// The revision logged for a deleted row.
pub const DELETED: i64 = -1;

type Digest = [u8; MAC_LEN];

/// One table's digest as logged in an access-log entry (short keys: there is one per table a
/// write touched, in every such entry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestRecord {
    /// The table.
    pub t: String,
    /// The version of the digest-class key it is made with.
    pub v: u32,
    /// The digest, hex.
    pub d: String,
    /// The seq of the table's previous record (0: its first).
    pub p: i64,
    /// A mismatch was found earlier and is carried forward.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub b: bool,
    /// The rows the write touched, `(id, revision)` (−1: deleted); absent when it touched more
    /// than [`NAMED_ROWS`] (or re-keyed the digest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r: Option<Vec<(String, i64)>>,
    /// The tag over all of the above and the entry's seq, hex.
    pub m: String,
}

impl DigestRecord {
    fn tag(&self, key: &DataKey, seq: i64) -> Result<Digest> {
        let digest = hex::decode(&self.d).map_err(|_| Error::Internal {
            detail: "digest record unreadable".into(),
        })?;
        let rows = serde_json::to_vec(&self.r).map_err(|e| Error::Internal {
            detail: format!("digest record: {e}"),
        })?;
        Ok(key.mac(
            RECORD_DOMAIN,
            &[
                self.t.as_bytes(),
                &seq.to_le_bytes(),
                &self.v.to_le_bytes(),
                &digest,
                &self.p.to_le_bytes(),
                &[u8::from(self.b)],
                &rows,
            ],
        ))
    }

    /// Whether the tag is `key`'s, for this record at `seq`.
    fn verifies(&self, key: &DataKey, seq: i64) -> bool {
        let Ok(tag) = hex::decode(&self.m) else {
            return false;
        };
        self.tag(key, seq).is_ok_and(|ours| {
            tag.len() == ours.len() && tag.iter().zip(ours).fold(0, |a, (x, y)| a | (x ^ y)) == 0
        })
    }

    fn digest(&self) -> Option<Digest> {
        hex::decode(&self.d).ok()?.try_into().ok()
    }
}

/// What one row adds to its table's digest.
fn contribution(key: &DataKey, table: &str, id: &str, revision: i64, body: &[u8]) -> Digest {
    let hash = Sha256::digest(body);
    key.mac(
        ROW_DOMAIN,
        &[
            table.as_bytes(),
            id.as_bytes(),
            &revision.to_le_bytes(),
            hash.as_slice(),
        ],
    )
}

fn xor(into: &mut Digest, other: &Digest) {
    for (a, b) in into.iter_mut().zip(other) {
        *a ^= b;
    }
}

/// The digest of `table` as its rows stand, under `key`.
fn table_digest(conn: &Connection, table: &SealedTable, key: &DataKey) -> Result<Digest> {
    let mut stmt = conn
        .prepare(&format!("SELECT id, revision, body FROM {}", table.name))
        .map_err(|e| Error::storage(table.read, e))?;
    let mut rows = stmt.query([]).map_err(|e| Error::storage(table.read, e))?;
    let mut digest = [0u8; MAC_LEN];
    while let Some(row) = rows.next().map_err(|e| Error::storage(table.read, e))? {
        let read = |e| Error::storage(table.read, e);
        let id: String = row.get(0).map_err(read)?;
        let revision: i64 = row.get(1).map_err(read)?;
        let body: Vec<u8> = row.get(2).map_err(read)?;
        xor(
            &mut digest,
            &contribution(key, table.name, &id, revision, &body),
        );
    }
    Ok(digest)
}

/// The latest record of `table` where writers find it: `(seq, record)`; the record is `None`
/// when it does not parse.
fn cached(conn: &Connection, table: &SealedTable) -> Result<Option<(i64, Option<DigestRecord>)>> {
    let row: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, record FROM row_digests WHERE tbl = ?1",
            [table.name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(|e| Error::storage("read row digests", e))?;
    Ok(row.map(|(seq, json)| {
        let record = serde_json::from_str::<DigestRecord>(&json)
            .ok()
            .filter(|r| r.t == table.name);
        (seq, record)
    }))
}

/// One table's digest while a write changes it.
struct State {
    version: KeyVersion,
    digest: Digest,
    /// The seq of the table's last record.
    prev: i64,
    broken: bool,
    rows: Option<Vec<(String, i64)>>,
    dirty: bool,
}

/// The digests a transaction changes, from the rows it touches to the records logged.
#[derive(Default)]
pub(crate) struct Tracker {
    tables: BTreeMap<&'static str, (&'static SealedTable, State)>,
}

/// The current key of `table`'s digest class, which must be the vault's current version (a
/// writer whose keys were rotated elsewhere since unlock is refused, as for sealing).
fn current_key<'k>(
    conn: &Connection,
    keyring: &'k Keyring,
    table: &SealedTable,
) -> Result<(KeyVersion, &'k DataKey)> {
    let (version, key) = keyring.current(table.digest).ok_or(Error::KeysPending)?;
    if meta::key_version(conn, table.digest)? != version {
        tracing::warn!(
            table = table.name,
            "write refused: keys rotated since unlock"
        );
        return Err(Error::StaleKeys);
    }
    Ok((version, key))
}

impl Tracker {
    /// The state of `table` as this transaction starts changing it: from its latest record if
    /// that verifies (else recomputed and marked broken), or from its rows if it has none yet
    /// (trust on first use).
    fn load(
        conn: &Connection,
        keyring: &Keyring,
        table: &SealedTable,
        (version, key): (KeyVersion, &DataKey),
    ) -> Result<State> {
        let fresh = |prev, broken| -> Result<State> {
            Ok(State {
                version,
                digest: table_digest(conn, table, key)?,
                prev,
                broken,
                rows: Some(Vec::new()),
                dirty: false,
            })
        };
        let Some((seq, record)) = cached(conn, table)? else {
            return fresh(0, false);
        };
        let Some(record) = record else {
            tracing::warn!(table = table.name, "row digest record unreadable");
            return fresh(seq, true);
        };
        let Some(its_key) = keyring.get(table.digest, KeyVersion(record.v)) else {
            // Made under a key version this writer never held: start again from the rows.
            return fresh(seq, record.b);
        };
        if !record.verifies(its_key, seq) {
            tracing::warn!(table = table.name, "row digest record does not verify");
            return fresh(seq, true);
        }
        match record.digest() {
            Some(digest) if record.v == version.0 => Ok(State {
                version,
                digest,
                prev: seq,
                broken: record.b,
                rows: Some(Vec::new()),
                dirty: false,
            }),
            logged => {
                let held = table_digest(conn, table, its_key)?;
                fresh(seq, record.b || logged != Some(held))
            }
        }
    }

    /// Row `id` of `table` goes from `old` to `new`, each `(revision, body)` or `None` when
    /// the row is absent.
    pub fn touch(
        &mut self,
        conn: &Connection,
        keyring: &Keyring,
        table: &'static SealedTable,
        id: &str,
        old: Option<(i64, &[u8])>,
        new: Option<(i64, &[u8])>,
    ) -> Result<()> {
        if !self.tables.contains_key(table.name) {
            let current = current_key(conn, keyring, table)?;
            let state = Self::load(conn, keyring, table, current)?;
            self.tables.insert(table.name, (table, state));
        }
        let Some((_, state)) = self.tables.get_mut(table.name) else {
            return Ok(());
        };
        let key = keyring
            .get(table.digest, state.version)
            .ok_or(Error::KeysPending)?;
        for (revision, body) in old.into_iter().chain(new) {
            xor(
                &mut state.digest,
                &contribution(key, table.name, id, revision, body),
            );
        }
        if let Some(rows) = &mut state.rows {
            rows.push((id.to_owned(), new.map_or(DELETED, |(revision, _)| revision)));
            if rows.len() > NAMED_ROWS {
                state.rows = None;
            }
        }
        state.dirty = true;
        Ok(())
    }

    /// Start the digest of every table that has none yet and whose key `keyring` holds, from
    /// its rows as they are (an existing vault's first counselor unlock after the upgrade).
    pub fn start_untracked(&mut self, conn: &Connection, keyring: &Keyring) -> Result<()> {
        for &table in SEALED_TABLES {
            if self.tables.contains_key(table.name) || cached(conn, table)?.is_some() {
                continue;
            }
            let Ok(current) = current_key(conn, keyring, table) else {
                continue;
            };
            let mut state = Self::load(conn, keyring, table, current)?;
            state.rows = None;
            state.dirty = true;
            self.tables.insert(table.name, (table, state));
        }
        Ok(())
    }

    /// At the start of a rekey: every table's digest made again under the `fresh` key version,
    /// after checking it under the `old` one (a mismatch is carried forward).
    pub fn rekey(&mut self, conn: &Connection, old: &Keyring, fresh: &Keyring) -> Result<()> {
        for &table in SEALED_TABLES {
            let Some((version, key)) = fresh.current(table.digest) else {
                continue;
            };
            let (prev, broken) = match cached(conn, table)? {
                None => (0, false),
                Some((seq, None)) => (seq, true),
                Some((seq, Some(record))) => {
                    let sound = match old.get(table.digest, KeyVersion(record.v)) {
                        Some(k) => {
                            record.verifies(k, seq)
                                && record.digest() == Some(table_digest(conn, table, k)?)
                        }
                        None => true,
                    };
                    (seq, record.b || !sound)
                }
            };
            if broken {
                tracing::warn!(table = table.name, "row digest did not hold before rekey");
            }
            let state = State {
                version,
                digest: table_digest(conn, table, key)?,
                prev,
                broken,
                rows: None,
                dirty: true,
            };
            self.tables.insert(table.name, (table, state));
        }
        Ok(())
    }

    /// Whether a change waits to be logged.
    pub fn pending(&self) -> bool {
        self.tables.values().any(|(_, s)| s.dirty)
    }

    /// The records of the tables changed since the last flush, for the access-log entry at
    /// `seq` (JSON), kept in `row_digests` for the next writer; `None` when nothing changed.
    pub fn flush(
        &mut self,
        conn: &Connection,
        keyring: &Keyring,
        seq: i64,
    ) -> Result<Option<String>> {
        let mut records = Vec::new();
        for (table, state) in self.tables.values_mut() {
            if !state.dirty {
                continue;
            }
            let key = keyring
                .get(table.digest, state.version)
                .ok_or(Error::KeysPending)?;
            let mut record = DigestRecord {
                t: table.name.to_owned(),
                v: state.version.0,
                d: hex::encode(state.digest),
                p: state.prev,
                b: state.broken,
                r: state.rows.take(),
                m: String::new(),
            };
            record.m = hex::encode(record.tag(key, seq)?);
            let json = serde_json::to_string(&record).map_err(|e| Error::Internal {
                detail: format!("digest record: {e}"),
            })?;
            conn.execute(
                "INSERT INTO row_digests (tbl, seq, record) VALUES (?1, ?2, ?3)
                 ON CONFLICT (tbl) DO UPDATE SET seq = ?2, record = ?3",
                params![table.name, seq, json],
            )
            .map_err(|e| Error::storage("write row digests", e))?;
            state.prev = seq;
            state.rows = Some(Vec::new());
            state.dirty = false;
            records.push(record);
        }
        if records.is_empty() {
            return Ok(None);
        }
        serde_json::to_string(&records)
            .map(Some)
            .map_err(|e| Error::Internal {
                detail: format!("digest records: {e}"),
            })
    }
}

/// What `verify` finds of the digests: the tables whose rows no longer add up to their latest
/// record (or whose records were tampered with), and the rows it can name.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Findings {
    /// Tables altered outside the app.
    pub tables: Vec<String>,
    /// `(table, id)` of rows whose revision is below the last one logged for them (or that
    /// came back after their deletion was logged).
    pub rolled_back: Vec<(String, String)>,
    /// `(table, id)` of rows logged as written and now gone, no deletion logged.
    pub deleted: Vec<(String, String)>,
}

/// Check every table's digest against its rows and the log: as far as `keyring` holds the
/// digest keys for the sums, and wholly for the rows the log names.
pub(crate) fn check(conn: &Connection, keyring: &Keyring) -> Result<Findings> {
    let mut logged: BTreeMap<String, Vec<(i64, DigestRecord)>> = BTreeMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT seq, digests FROM access_log WHERE digests IS NOT NULL ORDER BY seq")
            .map_err(|e| Error::storage("read access log", e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| Error::storage("read access log", e))?;
        for row in rows {
            let (seq, json) = row.map_err(|e| Error::storage("read access log", e))?;
            // An entry that does not parse names no table; the chain check names the entry.
            for record in serde_json::from_str::<Vec<DigestRecord>>(&json).unwrap_or_default() {
                logged
                    .entry(record.t.clone())
                    .or_default()
                    .push((seq, record));
            }
        }
    }
    let mut findings = Findings::default();
    for &table in SEALED_TABLES {
        let records = logged.remove(table.name).unwrap_or_default();
        let cache = cached(conn, table)?;
        if records.is_empty() {
            // Not yet tracked (an existing vault before its first counselor unlock), unless a
            // record exists that the log does not carry.
            if cache.is_some() {
                findings.tables.push(table.name.to_owned());
            }
            continue;
        }
        let mut altered = false;
        let mut prev = 0;
        for (seq, record) in &records {
            altered |= record.p != prev;
            prev = *seq;
        }
        if let Some((seq, latest)) = records.last() {
            altered |= latest.b;
            altered |= cache
                .as_ref()
                .is_none_or(|(s, r)| s != seq || r.as_ref() != Some(latest));
            if let Some(key) = keyring.get(table.digest, KeyVersion(latest.v)) {
                altered |= !latest.verifies(key, *seq);
                altered |= latest.digest() != Some(table_digest(conn, table, key)?);
            }
        }
        let named = name_rows(conn, table, &records, &mut findings)?;
        if altered || named {
            findings.tables.push(table.name.to_owned());
        }
    }
    Ok(findings)
}

/// Name the rows of `table` whose revision is below the last one logged, or that are gone
/// though no deletion was logged; returns whether any was.
fn name_rows(
    conn: &Connection,
    table: &SealedTable,
    records: &[(i64, DigestRecord)],
    findings: &mut Findings,
) -> Result<bool> {
    let mut last: BTreeMap<&str, i64> = BTreeMap::new();
    for (_, record) in records {
        for (id, revision) in record.r.iter().flatten() {
            last.insert(id, *revision);
        }
    }
    if last.is_empty() {
        return Ok(false);
    }
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT revision FROM {} WHERE id = ?1",
            table.name
        ))
        .map_err(|e| Error::storage(table.read, e))?;
    let mut any = false;
    for (id, logged) in last {
        let now: Option<i64> = stmt
            .query_row([id], |r| r.get(0))
            .optional()
            .map_err(|e| Error::storage(table.read, e))?;
        let place = (table.name.to_owned(), id.to_owned());
        match now {
            None if logged != DELETED => findings.deleted.push(place),
            Some(revision) if logged == DELETED || revision < logged => {
                findings.rolled_back.push(place);
            }
            _ => continue,
        }
        any = true;
    }
    Ok(any)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::store::sealed::STUDENTS;
    use xinyu_vault::KeyClass;

    fn insert(conn: &Connection, id: &str, revision: i64, body: &[u8]) {
        conn.execute(
            "INSERT INTO students (id, key_version, body, created_at, updated_at, revision)
             VALUES (?1, 1, ?2, '', '', ?3)
             ON CONFLICT (id) DO UPDATE SET body = ?2, revision = ?3",
            params![id, body, revision],
        )
        .unwrap();
    }

    /// The XOR kept up row by row is the digest summed from the rows afterwards, and its
    /// record verifies at its own seq only.
    #[test]
    fn a_digest_kept_row_by_row_is_the_one_summed_from_the_rows() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::db::open(&dir.path().join("v.db")).unwrap();
        let mut keyring = Keyring::new();
        keyring.insert(KeyClass::Integrity, KeyVersion::FIRST, DataKey::generate());
        meta::set_key_version(&conn, KeyClass::Integrity, KeyVersion::FIRST).unwrap();
        let mut tracker = Tracker::default();
        for i in 0..4u8 {
            let id = format!("s{i}");
            tracker
                .touch(&conn, &keyring, &STUDENTS, &id, None, Some((1, &[i])))
                .unwrap();
            insert(&conn, &id, 1, &[i]);
        }
        tracker
            .touch(
                &conn,
                &keyring,
                &STUDENTS,
                "s1",
                Some((1, &[1])),
                Some((2, b"x")),
            )
            .unwrap();
        insert(&conn, "s1", 2, b"x");
        tracker
            .touch(&conn, &keyring, &STUDENTS, "s2", Some((1, &[2])), None)
            .unwrap();
        conn.execute("DELETE FROM students WHERE id = 's2'", [])
            .unwrap();
        let json = tracker
            .flush(&conn, &keyring, 7)
            .unwrap()
            .expect("a record");
        assert_eq!(tracker.flush(&conn, &keyring, 8).unwrap(), None, "flushed");
        let records: Vec<DigestRecord> = serde_json::from_str(&json).unwrap();
        let key = keyring.get(KeyClass::Integrity, KeyVersion::FIRST).unwrap();
        assert_eq!(records.len(), 1);
        let record = &records[0];
        assert_eq!(
            record.digest(),
            Some(table_digest(&conn, &STUDENTS, key).unwrap())
        );
        assert_eq!(record.p, 0);
        assert!(record.verifies(key, 7));
        assert!(!record.verifies(key, 8), "bound to its seq");
        let rows = record.r.clone().unwrap();
        assert_eq!(rows.last(), Some(&("s2".to_owned(), DELETED)));
        assert_eq!(rows.len(), 6);
        // The next write starts from the stored record and chains to it.
        let mut next = Tracker::default();
        next.touch(&conn, &keyring, &STUDENTS, "s9", None, Some((1, b"y")))
            .unwrap();
        insert(&conn, "s9", 1, b"y");
        let json = next.flush(&conn, &keyring, 9).unwrap().expect("a record");
        let records: Vec<DigestRecord> = serde_json::from_str(&json).unwrap();
        assert_eq!(records[0].p, 7);
        assert_eq!(
            records[0].digest(),
            Some(table_digest(&conn, &STUDENTS, key).unwrap())
        );
    }
}
