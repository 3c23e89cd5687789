//! Per-case keys in the database: the casework drop key pair, one key per case (a student's
//! casework and notes, or one note kept apart), its copies for the counselors and for the
//! colleagues who work on the case, and re-sealing a case's rows when its key is replaced.
//!
//! A teacher holds no casework or notes class key: only the keys of the cases they work on. So
//! a teacher with a copy of the file and their own passphrase opens those cases and no other
//! (tested at the level of the keys in `tests/it/case_keys.rs`).
//!
//! What is trusted: a counselor opens every case key through the drop key; a teacher, the keys
//! granted to them. When a subject has several keys (a replacement not yet finished), a newer
//! key is used only when its link opens with an older key the holder holds, so a planted
//! "newer key" is never sealed under. A key planted as a subject's *only* key cannot be told
//! from a genuine first key by a teacher (they hold no counselor key to check it with): what
//! that teacher then writes about the student would be readable to the planter. The README's
//! threat model says so.

use rusqlite::{Connection, OptionalExtension, params};
use xinyu_vault::{
    DataKey, Identity, KeyClass, KeyVersion, Keyring, MailboxKeypair, MailboxPublicKey, RecordAad,
    WrapContext, link_case_key, open_case_link, seal_case_key, seal_grant,
};

use crate::store::sealed::{BODY, SealedTable};
use crate::{Error, Result, keys, meta};

/// `vault_meta`: the casework drop key's public key (hex).
const DROP_PUBLIC: &str = "case_drop_public_key";
/// The one row of `case_drop_keys`.
const DROP_ID: &str = "drop";
const DROP_TABLE: &str = "case_drop_keys";

/// The subject of a student's case.
pub fn student(student_id: &str) -> String {
    format!("student:{student_id}")
}

/// The subject of a note kept under a key of its own.
pub fn note(session_id: &str) -> String {
    format!("note:{session_id}")
}

fn drop_aad() -> RecordAad<'static> {
    RecordAad::new(DROP_TABLE, DROP_ID, BODY)
}

/// The drop key pair, opened with the casework key; `None` when there is none yet or this
/// keyring holds no casework key.
pub fn drop_keypair(conn: &Connection, keyring: &Keyring) -> Result<Option<MailboxKeypair>> {
    let sealed: Option<Vec<u8>> = conn
        .query_row(
            "SELECT body FROM case_drop_keys WHERE id = ?1",
            [DROP_ID],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| Error::storage("read case drop key", e))?;
    let Some(sealed) = sealed else {
        return Ok(None);
    };
    let version = xinyu_vault::EnvelopeHeader::parse(&sealed)?.version;
    let Some(key) = keyring.get(KeyClass::Casework, version) else {
        return Ok(None);
    };
    Ok(Some(MailboxKeypair::from_envelope_as(
        key,
        KeyClass::Casework,
        &drop_aad(),
        &sealed,
    )?))
}

/// The drop key's public key as stored (what teachers seal new case keys to).
pub fn drop_public(conn: &Connection) -> Result<Option<MailboxPublicKey>> {
    let Some(hex) = meta::get(conn, DROP_PUBLIC)? else {
        return Ok(None);
    };
    let bytes = hex::decode(hex)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok());
    Ok(bytes.map(MailboxPublicKey::from_bytes))
}

/// Make the drop key pair when there is none (a holder of the casework key, at set-up or at
/// the first counselor unlock after the upgrade), and put its public key back if it was
/// swapped in `vault_meta`. Returns whether the stored public key had to be restored.
pub fn ensure_drop(conn: &Connection, keyring: &Keyring) -> Result<bool> {
    let Some((version, key)) = keyring.current(KeyClass::Casework) else {
        return Ok(false);
    };
    let pair = match drop_keypair(conn, keyring)? {
        Some(pair) => pair,
        None => {
            let pair = MailboxKeypair::generate();
            let sealed = pair.to_envelope_as(key, KeyClass::Casework, version, &drop_aad())?;
            conn.execute(
                "INSERT INTO case_drop_keys (id, key_version, body) VALUES (?1, ?2, ?3)",
                params![DROP_ID, version.0, sealed],
            )
            .map_err(|e| Error::storage("create case drop key", e))?;
            pair
        }
    };
    let true_key = hex::encode(pair.public_key().as_bytes());
    let stored = meta::get(conn, DROP_PUBLIC)?;
    if stored.as_deref() == Some(true_key.as_str()) {
        return Ok(false);
    }
    meta::set(conn, DROP_PUBLIC, &true_key)?;
    Ok(stored.is_some())
}

/// One row of `case_keys`.
struct KeyRow {
    key_id: KeyVersion,
    subject: String,
    for_counselors: Vec<u8>,
    link: Option<Vec<u8>>,
}

fn key_rows(conn: &Connection, filter: &str, p: impl rusqlite::Params) -> Result<Vec<KeyRow>> {
    let sql = format!(
        "SELECT key_id, subject, for_counselors, link FROM case_keys {filter} ORDER BY key_id"
    );
    let mut stmt = conn
        .prepare(&sql)
        .map_err(|e| Error::storage("read case keys", e))?;
    stmt.query_map(p, |r| {
        Ok(KeyRow {
            key_id: KeyVersion(r.get(0)?),
            subject: r.get(1)?,
            for_counselors: r.get(2)?,
            link: r.get(3)?,
        })
    })
    .map_err(|e| Error::storage("read case keys", e))?
    .collect::<rusqlite::Result<_>>()
    .map_err(|e| Error::storage("read case keys", e))
}

/// Add to `keyring` every case key its holder may use: all of them through the drop key when it
/// holds the casework key, else those granted to `identity_id`. A newer key of a subject is
/// kept only when its link opens with an older one kept before it. Returns how many keys were
/// refused (planted or damaged), for the log.
pub fn load(
    conn: &Connection,
    keyring: &mut Keyring,
    identity_id: &str,
    identity: &Identity,
) -> Result<usize> {
    let drop = drop_keypair(conn, keyring)?;
    let mut grants = std::collections::BTreeMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT key_id, sealed FROM case_grants WHERE identity_id = ?1")
            .map_err(|e| Error::storage("read case grants", e))?;
        let rows = stmt
            .query_map([identity_id], |r| {
                Ok((r.get::<_, u32>(0)?, r.get::<_, Vec<u8>>(1)?))
            })
            .map_err(|e| Error::storage("read case grants", e))?;
        for row in rows {
            let (id, sealed) = row.map_err(|e| Error::storage("read case grants", e))?;
            grants.insert(id, sealed);
        }
    }
    let mut refused = 0;
    let mut held: std::collections::BTreeMap<String, Vec<KeyVersion>> = Default::default();
    for row in key_rows(conn, "", [])? {
        let key = match (&drop, grants.get(&row.key_id.0)) {
            (Some(pair), _) => pair
                .open_case_key(&row.for_counselors, row.key_id, &row.subject)
                .ok(),
            (None, Some(sealed)) => identity
                .open_grant(
                    sealed,
                    &WrapContext::new(identity_id, KeyClass::Case, row.key_id),
                )
                .ok(),
            (None, None) => continue,
        };
        let Some(key) = key else {
            refused += 1;
            continue;
        };
        let earlier = held.entry(row.subject.clone()).or_default();
        if let Some(&previous) = earlier.last() {
            let linked = row
                .link
                .as_deref()
                .zip(keyring.get(KeyClass::Case, previous))
                .and_then(|(link, prev)| open_case_link(prev, link, row.key_id, &row.subject).ok())
                .is_some_and(|k| k.mac("xinyu/case", &[]) == key.mac("xinyu/case", &[]));
            if !linked {
                tracing::warn!(
                    key = row.key_id.0,
                    "case key refused: no link from the key before it"
                );
                refused += 1;
                continue;
            }
        }
        earlier.push(row.key_id);
        keyring.insert(KeyClass::Case, row.key_id, key);
    }
    Ok(refused)
}

/// The newest key of `subject` that `keyring` holds.
pub fn current(conn: &Connection, keyring: &Keyring, subject: &str) -> Result<Option<KeyVersion>> {
    Ok(key_rows(conn, "WHERE subject = ?1", [subject])?
        .into_iter()
        .rev()
        .map(|r| r.key_id)
        .find(|id| keyring.get(KeyClass::Case, *id).is_some()))
}

/// The subject a case key belongs to.
pub fn subject_of(conn: &Connection, key_id: KeyVersion) -> Result<Option<String>> {
    conn.query_row(
        "SELECT subject FROM case_keys WHERE key_id = ?1",
        [key_id.0],
        |r| r.get(0),
    )
    .optional()
    .map_err(|e| Error::storage("read case keys", e))
}

/// The identities a case key is granted to (besides the counselors).
pub fn grantees(conn: &Connection, key_id: KeyVersion) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare("SELECT identity_id FROM case_grants WHERE key_id = ?1 ORDER BY identity_id")
        .map_err(|e| Error::storage("read case grants", e))?;
    stmt.query_map([key_id.0], |r| r.get(0))
        .map_err(|e| Error::storage("read case grants", e))?
        .collect::<rusqlite::Result<_>>()
        .map_err(|e| Error::storage("read case grants", e))
}

/// Make a new key for `subject` (linked to the subject's current key, if `keyring` holds one),
/// give it to the counselors and to `grantees` (identity ids), and add it to `keyring`.
pub fn create(
    conn: &Connection,
    keyring: &mut Keyring,
    subject: &str,
    grantees: &[String],
    at: &str,
) -> Result<KeyVersion> {
    // No drop key yet: a vault from before per-case keys that no counselor has unlocked since
    // the upgrade. A teacher's write waits for that, like a key not yet granted.
    let drop = drop_public(conn)?.ok_or(Error::KeysPending)?;
    let last: u32 = conn
        .query_row("SELECT coalesce(max(key_id), 0) FROM case_keys", [], |r| {
            r.get(0)
        })
        .map_err(|e| Error::storage("read case keys", e))?;
    let key_id = KeyVersion(last.checked_add(1).ok_or_else(|| Error::Internal {
        detail: "case key numbers exhausted".into(),
    })?);
    let key = DataKey::generate();
    let link = current(conn, keyring, subject)?
        .and_then(|previous| keyring.get(KeyClass::Case, previous))
        .map(|previous| link_case_key(previous, &key, key_id, subject))
        .transpose()?;
    conn.execute(
        "INSERT INTO case_keys (key_id, subject, for_counselors, link, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            key_id.0,
            subject,
            seal_case_key(&drop, &key, key_id, subject)?,
            link,
            at
        ],
    )
    .map_err(|e| Error::storage("write case key", e))?;
    for identity_id in grantees {
        grant_key(conn, &key, key_id, identity_id)?;
    }
    keyring.insert(KeyClass::Case, key_id, key);
    Ok(key_id)
}

fn grant_key(
    conn: &Connection,
    key: &DataKey,
    key_id: KeyVersion,
    identity_id: &str,
) -> Result<()> {
    let public = keys::stored_public_key(conn, identity_id)?;
    let sealed = seal_grant(
        &public,
        key,
        &WrapContext::new(identity_id, KeyClass::Case, key_id),
    )?;
    conn.execute(
        "INSERT OR REPLACE INTO case_grants (key_id, identity_id, sealed) VALUES (?1, ?2, ?3)",
        params![key_id.0, identity_id, sealed],
    )
    .map_err(|e| Error::storage("write case grant", e))?;
    Ok(())
}

/// Give case key `key_id` (which `keyring` holds) to `identity_id` as well.
pub fn grant(
    conn: &Connection,
    keyring: &Keyring,
    key_id: KeyVersion,
    identity_id: &str,
) -> Result<()> {
    let key = keyring
        .get(KeyClass::Case, key_id)
        .ok_or(Error::KeysPending)?;
    grant_key(conn, key, key_id, identity_id)
}

/// After a passphrase change: the case keys granted to `old` (that `keyring` holds) are granted
/// to `new` instead.
pub fn regrant(conn: &Connection, keyring: &Keyring, old: &str, new: &str) -> Result<()> {
    let ids: Vec<u32> = {
        let mut stmt = conn
            .prepare("SELECT key_id FROM case_grants WHERE identity_id = ?1")
            .map_err(|e| Error::storage("read case grants", e))?;
        stmt.query_map([old], |r| r.get(0))
            .map_err(|e| Error::storage("read case grants", e))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| Error::storage("read case grants", e))?
    };
    conn.execute("DELETE FROM case_grants WHERE identity_id = ?1", [old])
        .map_err(|e| Error::storage("reset case grants", e))?;
    for id in ids {
        if keyring.get(KeyClass::Case, KeyVersion(id)).is_some() {
            grant(conn, keyring, KeyVersion(id), new)?;
        }
    }
    Ok(())
}

/// The case key a row's envelope names, when it is sealed under one.
pub fn row_key(envelope: &[u8]) -> Option<KeyVersion> {
    xinyu_vault::EnvelopeHeader::parse(envelope)
        .ok()
        .filter(|h| h.class == KeyClass::Case)
        .map(|h| h.version)
}

/// Seal `plain` as the body of row `id` of `table` at `revision` under case key `key_id`.
pub fn seal_row(
    keyring: &Keyring,
    table: &SealedTable,
    key_id: KeyVersion,
    id: &str,
    revision: i64,
    plain: &[u8],
) -> Result<Vec<u8>> {
    let key = keyring
        .get(KeyClass::Case, key_id)
        .ok_or(Error::KeysPending)?;
    Ok(xinyu_vault::seal(
        key,
        KeyClass::Case,
        key_id,
        &crate::store::sealed::body_aad(table.name, id, revision),
        plain,
    )?)
}

/// The ids of the rows of `table` sealed under any of `keys`.
pub fn rows_under(
    conn: &Connection,
    table: &SealedTable,
    keys: &[KeyVersion],
) -> Result<Vec<String>> {
    let rows = crate::store::sealed::sealed_rows(
        conn,
        table.read,
        &format!(
            "SELECT id, body FROM {} WHERE substr(body, 4, 1) = x'09'",
            table.name
        ),
        [],
    )?;
    Ok(rows
        .into_iter()
        .filter(|(_, body)| row_key(body).is_some_and(|k| keys.contains(&k)))
        .map(|(id, _)| id)
        .collect())
}

/// Every key of `subject`, oldest first.
pub fn keys_of(conn: &Connection, subject: &str) -> Result<Vec<KeyVersion>> {
    Ok(key_rows(conn, "WHERE subject = ?1", [subject])?
        .into_iter()
        .map(|r| r.key_id)
        .collect())
}

/// Delete the keys of `subject` other than `keep`, with their grants (no row is under them any
/// more); returns them, for the caller to drop from its keyring once committed.
pub fn retire(conn: &Connection, subject: &str, keep: KeyVersion) -> Result<Vec<KeyVersion>> {
    let mut retired = Vec::new();
    for old in keys_of(conn, subject)? {
        if old == keep {
            continue;
        }
        conn.execute("DELETE FROM case_grants WHERE key_id = ?1", [old.0])
            .map_err(|e| Error::storage("retire case key", e))?;
        conn.execute("DELETE FROM case_keys WHERE key_id = ?1", [old.0])
            .map_err(|e| Error::storage("retire case key", e))?;
        retired.push(old);
    }
    Ok(retired)
}

/// Subjects with a key granted to an identity that may no longer hold it (a disabled or
/// removed account): a rekey replaces their keys.
pub fn subjects_granted_to(conn: &Connection, identities: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for identity in identities {
        let mut stmt = conn
            .prepare(
                "SELECT DISTINCT k.subject FROM case_grants g JOIN case_keys k USING (key_id)
                 WHERE g.identity_id = ?1",
            )
            .map_err(|e| Error::storage("read case grants", e))?;
        let subjects: Vec<String> = stmt
            .query_map([identity], |r| r.get(0))
            .map_err(|e| Error::storage("read case grants", e))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| Error::storage("read case grants", e))?;
        for s in subjects {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    Ok(out)
}
