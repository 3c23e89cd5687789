//! The access log: who did what to which record, when, as a SHA-256 hash chain.
//! Entries hold ids and action codes only, never a name, a note or a letter.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::{Error, Result};

/// What happened, as a stable code stored in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    /// The vault was created.
    VaultCreated,
    /// A user unlocked the vault.
    Unlock,
    /// A wrong passphrase was given.
    UnlockFailed,
    /// A user locked the vault (or it locked itself when idle).
    Lock,
    /// A sensitive record was shown.
    View,
    /// A record was created.
    Create,
    /// A record was changed.
    Update,
    /// A record or list left the vault as a file.
    Export,
    /// A record was printed.
    Print,
    /// A staff account was added.
    UserAdded,
    /// A passphrase was changed.
    PassphraseChanged,
    /// A passphrase was reset with the recovery code.
    Recovered,
    /// Class keys were rotated.
    Rekey,
    /// The integrity check was run.
    Verify,
    /// A counselor approved an account (or confirmed its new key) after seeing its fingerprint.
    UserApproved,
    /// Class keys were granted to an account (one entry per class).
    KeyGranted,
    /// An account was disabled.
    UserDisabled,
    /// A disabled account was enabled again (active, or pending a counselor's approval).
    UserEnabled,
    /// An account was removed with its keys.
    UserRemoved,
    /// At a counselor's unlock, the log's anchored head was gone: the log was cut or rewritten.
    LogTampered,
}

impl Action {
    /// The code stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::VaultCreated => "vault_created",
            Action::Unlock => "unlock",
            Action::UnlockFailed => "unlock_failed",
            Action::Lock => "lock",
            Action::View => "view",
            Action::Create => "create",
            Action::Update => "update",
            Action::Export => "export",
            Action::Print => "print",
            Action::UserAdded => "user_added",
            Action::PassphraseChanged => "passphrase_changed",
            Action::Recovered => "recovered",
            Action::Rekey => "rekey",
            Action::Verify => "verify",
            Action::UserApproved => "user_approved",
            Action::KeyGranted => "key_granted",
            Action::UserDisabled => "user_disabled",
            Action::UserEnabled => "user_enabled",
            Action::UserRemoved => "user_removed",
            Action::LogTampered => "log_tampered",
        }
    }
}

/// One entry as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LogEntry {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// When, as RFC 3339 UTC.
    pub at: String,
    /// The acting user's id; `None` for the kiosk or before anyone is known.
    pub actor: Option<String>,
    /// The acting user's name, for display (not part of the chain).
    pub actor_name: Option<String>,
    /// The action code (see [`Action`]).
    pub action: String,
    /// The kind of record touched, e.g. `student`.
    pub record_kind: Option<String>,
    /// The id of the record touched.
    pub record_id: Option<String>,
}

/// The outcome of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChainReport {
    /// How many entries were checked.
    pub entries: i64,
    /// The first entry whose hash does not follow from its predecessor, if any.
    pub first_broken: Option<i64>,
}

const GENESIS: [u8; 32] = [0; 32];

/// The hash of entry `e` after `prev`. `digests` (the row digests a write logged, see
/// `store/digest.rs`) is hashed only when present, so entries from before it hash as they did.
fn entry_hash(prev: &[u8], e: &LogEntry, digests: Option<&str>) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(e.seq.to_le_bytes());
    for field in [
        Some(e.at.as_str()),
        e.actor.as_deref(),
        Some(e.action.as_str()),
        e.record_kind.as_deref(),
        e.record_id.as_deref(),
    ] {
        match field {
            None => h.update([0u8]),
            Some(s) => {
                h.update([1u8]);
                h.update((s.len() as u64).to_le_bytes());
                h.update(s.as_bytes());
            }
        }
    }
    if let Some(d) = digests {
        h.update([2u8]);
        h.update((d.len() as u64).to_le_bytes());
        h.update(d.as_bytes());
    }
    h.finalize().to_vec()
}

/// Append an entry; call inside the transaction that makes the change it records. Outside one
/// (a view, a lock) the entry gets a transaction of its own, holding the write lock from the
/// start, so that another process's entry cannot take the same place in the chain between
/// reading its head and adding to it.
pub fn append(
    conn: &Connection,
    at: &str,
    actor: Option<&str>,
    action: Action,
    record: Option<(&str, &str)>,
) -> Result<()> {
    append_with(conn, at, actor, action, record, |_| Ok(None)).map(|_| ())
}

/// [`append`], with the row digests `digests` makes for the entry's seq (it receives it) carried
/// in the entry and its hash. Returns the entry's seq.
pub(crate) fn append_with(
    conn: &Connection,
    at: &str,
    actor: Option<&str>,
    action: Action,
    record: Option<(&str, &str)>,
    digests: impl FnOnce(i64) -> Result<Option<String>>,
) -> Result<i64> {
    if !conn.is_autocommit() {
        return append_in(conn, at, actor, action, record, digests);
    }
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)
        .map_err(|e| Error::storage("write access log", e))?;
    let seq = append_in(&tx, at, actor, action, record, digests)?;
    tx.commit()
        .map_err(|e| Error::storage("write access log", e))?;
    Ok(seq)
}

fn append_in(
    conn: &Connection,
    at: &str,
    actor: Option<&str>,
    action: Action,
    record: Option<(&str, &str)>,
    digests: impl FnOnce(i64) -> Result<Option<String>>,
) -> Result<i64> {
    let last: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(|e| Error::storage("read access log", e))?;
    let (seq, prev) = match last {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_vec()),
    };
    let entry = LogEntry {
        seq,
        at: at.to_owned(),
        actor: actor.map(str::to_owned),
        actor_name: None,
        action: action.as_str().to_owned(),
        record_kind: record.map(|(k, _)| k.to_owned()),
        record_id: record.map(|(_, id)| id.to_owned()),
    };
    let digests = digests(seq)?;
    let hash = entry_hash(&prev, &entry, digests.as_deref());
    conn.prepare_cached(
        "INSERT INTO access_log
             (seq, at, actor, action, record_kind, record_id, prev_hash, hash, digests)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.record_kind,
            entry.record_id,
            prev,
            hash,
            digests
        ])
    })
    .map_err(|e| Error::storage("write access log", e))?;
    Ok(seq)
}

/// The newest entries first, at most `limit`.
pub fn recent(conn: &Connection, limit: i64) -> Result<Vec<LogEntry>> {
    let mut stmt = conn
        .prepare(
            "SELECT l.seq, l.at, l.actor, l.action, l.record_kind, l.record_id, u.name
             FROM access_log l LEFT JOIN users u ON u.id = l.actor
             ORDER BY l.seq DESC LIMIT ?1",
        )
        .map_err(|e| Error::storage("read access log", e))?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok(LogEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                record_kind: r.get(4)?,
                record_id: r.get(5)?,
                actor_name: r.get(6)?,
            })
        })
        .map_err(|e| Error::storage("read access log", e))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| Error::storage("read access log", e))
}

/// Walk the whole chain and report the first entry that does not follow from the one before.
pub fn verify(conn: &Connection) -> Result<ChainReport> {
    let mut stmt = conn
        .prepare(
            "SELECT seq, at, actor, action, record_kind, record_id, prev_hash, hash, digests
             FROM access_log ORDER BY seq",
        )
        .map_err(|e| Error::storage("read access log", e))?;
    let mut rows = stmt
        .query([])
        .map_err(|e| Error::storage("read access log", e))?;
    let mut prev = GENESIS.to_vec();
    let mut expected_seq = 1;
    let mut entries = 0;
    while let Some(r) = rows
        .next()
        .map_err(|e| Error::storage("read access log", e))?
    {
        let read = |i| -> Result<Option<String>> {
            r.get(i).map_err(|e| Error::storage("read access log", e))
        };
        let entry = LogEntry {
            seq: r.get(0).map_err(|e| Error::storage("read access log", e))?,
            at: read(1)?.unwrap_or_default(),
            actor: read(2)?,
            actor_name: None,
            action: read(3)?.unwrap_or_default(),
            record_kind: read(4)?,
            record_id: read(5)?,
        };
        let stored_prev: Vec<u8> = r.get(6).map_err(|e| Error::storage("read access log", e))?;
        let stored_hash: Vec<u8> = r.get(7).map_err(|e| Error::storage("read access log", e))?;
        let digests = read(8)?;
        entries += 1;
        if entry.seq != expected_seq
            || stored_prev != prev
            || stored_hash != entry_hash(&prev, &entry, digests.as_deref())
        {
            return Ok(ChainReport {
                entries,
                first_broken: Some(entry.seq),
            });
        }
        prev = stored_hash;
        expected_seq += 1;
    }
    Ok(ChainReport {
        entries,
        first_broken: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log_with(n: usize) -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = crate::store::db::open(&dir.path().join("v.db")).expect("open");
        for i in 0..n {
            let id = format!("rec{i}");
            append(
                &conn,
                "2026-03-01T08:00:00Z",
                Some("u1"),
                Action::View,
                Some(("student", id.as_str())),
            )
            .expect("append");
        }
        (dir, conn)
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let (_d, conn) = log_with(5);
        assert_eq!(
            verify(&conn).expect("verify"),
            ChainReport {
                entries: 5,
                first_broken: None
            }
        );
    }

    #[test]
    fn an_edited_entry_is_reported_as_the_first_broken_one() {
        let (_d, conn) = log_with(5);
        conn.execute(
            "UPDATE access_log SET record_id = 'other' WHERE seq = 3",
            [],
        )
        .expect("tamper");
        assert_eq!(verify(&conn).expect("verify").first_broken, Some(3));
    }

    #[test]
    fn a_deleted_entry_breaks_the_chain_where_it_was() {
        let (_d, conn) = log_with(5);
        conn.execute("DELETE FROM access_log WHERE seq = 2", [])
            .expect("tamper");
        assert_eq!(verify(&conn).expect("verify").first_broken, Some(3));
    }

    #[test]
    fn digests_are_part_of_the_chain_and_older_entries_hash_as_before() {
        let (_d, conn) = log_with(2);
        let before: Vec<u8> = conn
            .query_row("SELECT hash FROM access_log WHERE seq = 2", [], |r| {
                r.get(0)
            })
            .expect("hash");
        let entry = LogEntry {
            seq: 2,
            at: "2026-03-01T08:00:00Z".into(),
            actor: Some("u1".into()),
            actor_name: None,
            action: "view".into(),
            record_kind: Some("student".into()),
            record_id: Some("rec1".into()),
        };
        let prev: Vec<u8> = conn
            .query_row("SELECT hash FROM access_log WHERE seq = 1", [], |r| {
                r.get(0)
            })
            .expect("hash");
        assert_eq!(entry_hash(&prev, &entry, None), before);
        let seq = append_with(
            &conn,
            "2026-03-01T08:00:00Z",
            Some("u1"),
            Action::Update,
            Some(("student", "rec0")),
            |seq| Ok(Some(format!("[{seq}]"))),
        )
        .expect("append");
        assert_eq!(seq, 3);
        assert_eq!(verify(&conn).expect("verify").first_broken, None);
        conn.execute("UPDATE access_log SET digests = '[2]' WHERE seq = 3", [])
            .expect("tamper");
        assert_eq!(verify(&conn).expect("verify").first_broken, Some(3));
    }

    #[test]
    fn recent_lists_newest_first() {
        let (_d, conn) = log_with(3);
        let got = recent(&conn, 2).expect("recent");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].seq, 3);
        assert_eq!(got[0].record_id.as_deref(), Some("rec2"));
    }
}
