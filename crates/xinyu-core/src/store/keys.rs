//! Identities and key grants in the database: storing a holder's wrapped identity, granting
//! class keys by sealing them to its public key, and loading a holder's keyring at unlock —
//! taking in only the key versions it can trust.
//!
//! # Which granted versions a holder trusts
//!
//! A grant is an anonymous sealed box: anyone who can write the file can seal "version v+1 of
//! the notes key" to a counselor's public key, with a key they chose, and the counselor would
//! seal every new note under it. So a rekey that makes version v+1 also stores a *link* to it
//! (`key_links`; `xinyu_vault::KeyLink`): v+1's commitment signed with version v's key. At
//! unlock a holder takes a granted version into its keyring only when it is one it already
//! trusts, or links lead to it from one it already trusts:
//!
//! - **What it already trusts** is its own *record* (`identities.key_record`): the class,
//!   version and commitment of every key version it held at its last unlock, with an HMAC under
//!   a key derived from the identity's own secret, so nobody else can write it. A class keeps its
//!   entries even when its grants disappear, so deleting a holder's grants does not reset what
//!   it trusts. With the record, a grant of a trusted version whose key is not the recorded one
//!   (a replaced grant) is refused, and so is a whole planted chain below or beside it.
//! - **Without a record** (an identity's first unlock with this build: an existing vault, a new
//!   or re-keyed account after its passphrase was set), it trusts its lowest granted version —
//!   the grant made when it was approved or created — and what links lead to from there (trust
//!   on first use). Versions that existed before links did (`key_chain_base:<class>`, written by
//!   migration 0008) need no link: existing vaults are legacy, trusted on first use.
//!
//! A version refused is not in the keyring, so it never seals anything; it is logged (ids only)
//! and `verify` names its class and version. What the chain cannot stop: someone who holds
//! version v of a class can link a v+1 of their own to a holder who has not yet trusted the true
//! one (those holders already read that class), and a record deleted from the file sends its
//! identity back to trust on first use — though then every record sealed under the true keys
//! stops opening for it, which is loud.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use xinyu_vault::{
    DataKey, Identity, IdentityPublicKey, KdfParams, Kek, KeyClass, KeyCommitment, KeyLink,
    KeyVersion, Keyring, MAC_LEN, Salt, WrapContext, WrappedKey, seal_grant,
};

use crate::{Error, Result, meta};

/// What unlocking a holder needs: its KDF parameters, salt and wrapped secret.
pub struct StoredIdentity {
    /// The Argon2id parameters its passphrase (or code) is derived with.
    pub params: KdfParams,
    /// Its salt.
    pub salt: Salt,
    /// Its X25519 secret, wrapped under the derived key.
    pub wrapped: WrappedKey,
}

/// Load a holder's stored identity.
pub fn load_identity(conn: &Connection, identity_id: &str) -> Result<StoredIdentity> {
    let (params, salt, wrapped): (String, Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT kdf_params, kdf_salt, secret_wrapped FROM identities WHERE id = ?1",
            [identity_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(|e| Error::storage("read identity", e))?;
    let params: KdfParams = serde_json::from_str(&params).map_err(|e| Error::Internal {
        detail: format!("stored KDF parameters unreadable: {e}"),
    })?;
    let salt = <[u8; Salt::LEN]>::try_from(salt.as_slice())
        .map(Salt::from_bytes)
        .map_err(|_| Error::Internal {
            detail: "stored salt has the wrong length".into(),
        })?;
    Ok(StoredIdentity {
        params,
        salt,
        wrapped: WrappedKey::from_bytes(wrapped),
    })
}

/// Store (insert or replace) a holder's identity wrapped under `kek`.
pub fn store_identity(
    conn: &Connection,
    identity_id: &str,
    identity: &Identity,
    kek: &Kek,
    params: &KdfParams,
    salt: &Salt,
    now: &str,
) -> Result<()> {
    let wrapped = identity.wrap(kek, identity_id)?;
    let params = serde_json::to_string(params).map_err(|e| Error::Internal {
        detail: format!("KDF parameters: {e}"),
    })?;
    // A fresh secret: the record of trusted keys made with the old one no longer verifies, so
    // it goes too (the caller writes a new one where it can, see `remember_trusted`).
    conn.execute(
        "INSERT INTO identities (id, kdf_params, kdf_salt, public_key, secret_wrapped, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET kdf_params = ?2, kdf_salt = ?3, public_key = ?4,
             secret_wrapped = ?5, updated_at = ?6, key_record = NULL, key_record_mac = NULL",
        params![
            identity_id,
            params,
            salt.as_bytes().as_slice(),
            identity.public_key().as_bytes().as_slice(),
            wrapped.as_bytes(),
            now
        ],
    )
    .map_err(|e| Error::storage("write identity", e))?;
    Ok(())
}

/// A holder's public key as stored (what grants are sealed to).
pub fn stored_public_key(conn: &Connection, identity_id: &str) -> Result<IdentityPublicKey> {
    let bytes: Vec<u8> = conn
        .query_row(
            "SELECT public_key FROM identities WHERE id = ?1",
            [identity_id],
            |r| r.get(0),
        )
        .map_err(|e| Error::storage("read identity", e))?;
    IdentityPublicKey::from_slice(&bytes).ok_or_else(|| Error::Internal {
        detail: "stored public key has the wrong length".into(),
    })
}

/// Grant every version of `classes` held in `keyring` to a holder; returns how many were new.
pub fn grant(
    conn: &Connection,
    identity_id: &str,
    classes: &[KeyClass],
    keyring: &Keyring,
) -> Result<usize> {
    let public = stored_public_key(conn, identity_id)?;
    let mut granted = 0;
    for (class, version, key) in keyring.iter() {
        // Class keys only: case keys are granted per case (`store::case_keys`).
        if !classes.contains(&class) || class == KeyClass::Case {
            continue;
        }
        let sealed = seal_grant(&public, key, &WrapContext::new(identity_id, class, version))?;
        granted += conn
            .execute(
                "INSERT OR IGNORE INTO key_grants (identity_id, class, version, sealed)
                 VALUES (?1, ?2, ?3, ?4)",
                params![identity_id, class.code(), version.0, sealed],
            )
            .map_err(|e| Error::storage("write key grant", e))?;
    }
    Ok(granted)
}

/// Open every grant sealed to `identity` into a keyring, keeping only the versions it can
/// trust (see the module's documentation); the refused ones are logged.
pub fn load_keyring(conn: &Connection, identity_id: &str, identity: &Identity) -> Result<Keyring> {
    Ok(load_checked(conn, identity_id, identity)?.keyring)
}

/// Why a granted key version was kept out of a keyring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Distrust {
    /// No valid link leads to it from a version the holder trusts (planted, or its link was
    /// removed or edited).
    Unlinked,
    /// The holder trusted another key for this version: the grant was replaced.
    Replaced,
    /// Below the versions the holder trusts, and not the key that links to them.
    BelowTrusted,
}

/// A granted key version kept out of a keyring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Untrusted {
    /// Its class.
    pub class: KeyClass,
    /// Its version.
    pub version: KeyVersion,
    /// Why.
    pub why: Distrust,
}

/// A holder's keyring as loaded at unlock, with what was kept out of it.
#[derive(Debug)]
pub struct CheckedKeyring {
    /// The trusted keys.
    pub keyring: Keyring,
    /// The granted versions refused.
    pub untrusted: Vec<Untrusted>,
    /// The holder's record of trusted keys was there but did not verify (edited, or another
    /// identity's): the holder fell back to trust on first use.
    pub record_altered: bool,
}

/// Every grant sealed to `identity`, opened, by class and version.
fn open_grants(
    conn: &Connection,
    identity_id: &str,
    identity: &Identity,
) -> Result<BTreeMap<KeyClass, BTreeMap<KeyVersion, DataKey>>> {
    let mut stmt = conn
        .prepare("SELECT class, version, sealed FROM key_grants WHERE identity_id = ?1")
        .map_err(|e| Error::storage("read key grants", e))?;
    let rows = stmt
        .query_map([identity_id], |r| {
            Ok((
                r.get::<_, u8>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })
        .map_err(|e| Error::storage("read key grants", e))?;
    let mut grants: BTreeMap<KeyClass, BTreeMap<KeyVersion, DataKey>> = BTreeMap::new();
    for row in rows {
        let (code, version, sealed) = row.map_err(|e| Error::storage("read key grants", e))?;
        let class = KeyClass::from_code(code).ok_or_else(|| Error::Internal {
            detail: format!("unknown key class code {code}"),
        })?;
        let version = KeyVersion(version);
        let key = identity.open_grant(&sealed, &WrapContext::new(identity_id, class, version))?;
        grants.entry(class).or_default().insert(version, key);
    }
    Ok(grants)
}

/// Open every grant sealed to `identity` and keep the versions it can trust.
pub fn load_checked(
    conn: &Connection,
    identity_id: &str,
    identity: &Identity,
) -> Result<CheckedKeyring> {
    let grants = open_grants(conn, identity_id, identity)?;
    let (record, record_altered) = match read_record(conn, identity_id, identity)? {
        Recorded::None => (Record::new(), false),
        Recorded::Valid(record) => (record, false),
        Recorded::Altered => (Record::new(), true),
    };
    if record_altered {
        tracing::warn!(identity = %identity_id, "record of trusted keys altered: trust on first use");
    }
    let mut keyring = Keyring::new();
    let mut untrusted = Vec::new();
    for (class, granted) in grants {
        let trusted = trusted_versions(conn, class, &granted, record.get(&class))?;
        let lowest = trusted.keys().next().copied();
        for (version, key) in granted {
            let why = match trusted.get(&version) {
                Some(c) if c.matches(&key, class, version) => {
                    keyring.insert(class, version, key);
                    continue;
                }
                Some(_) => Distrust::Replaced,
                None if lowest.is_some_and(|l| version < l) => Distrust::BelowTrusted,
                None => Distrust::Unlinked,
            };
            tracing::warn!(
                identity = %identity_id,
                class = class.as_str(),
                version = version.0,
                ?why,
                "granted key version not trusted: left out of the keyring"
            );
            untrusted.push(Untrusted {
                class,
                version,
                why,
            });
        }
    }
    Ok(CheckedKeyring {
        keyring,
        untrusted,
        record_altered,
    })
}

/// The versions of `class` a holder with these grants (and this record of the class, if any)
/// trusts, with their commitments: the recorded ones (or, without, its lowest grant), then each
/// version a link from the one before leads to, or that predates links.
fn trusted_versions(
    conn: &Connection,
    class: KeyClass,
    granted: &BTreeMap<KeyVersion, DataKey>,
    recorded: Option<&BTreeMap<KeyVersion, KeyCommitment>>,
) -> Result<BTreeMap<KeyVersion, KeyCommitment>> {
    let mut trusted = match recorded {
        Some(recorded) if !recorded.is_empty() => recorded.clone(),
        _ => granted
            .iter()
            .next()
            .map(|(v, k)| (*v, k.commitment(class, *v)))
            .into_iter()
            .collect(),
    };
    let (Some(&from), Some(&top)) = (trusted.keys().next(), granted.keys().next_back()) else {
        return Ok(trusted);
    };
    let base = chain_base(conn, class)?;
    let mut version = from;
    while let Some(next) = version.next().filter(|n| *n <= top) {
        if !trusted.contains_key(&next) {
            let Some(before) = trusted.get(&version).copied() else {
                break;
            };
            let followed = link(conn, class, next)?.and_then(|l| before.follow(class, next, &l));
            match (followed, granted.get(&next)) {
                (Some(commitment), _) => {
                    trusted.insert(next, commitment);
                }
                // Made before links existed: trusted on first use, as the vault was.
                (None, Some(key)) if next.0 <= base => {
                    trusted.insert(next, key.commitment(class, next));
                }
                _ => break,
            }
        }
        version = next;
    }
    Ok(trusted)
}

/// The highest version of `class` made before links existed (0: none; a vault made with links).
pub fn chain_base(conn: &Connection, class: KeyClass) -> Result<u32> {
    Ok(
        meta::get(conn, &format!("key_chain_base:{}", class.as_str()))?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
    )
}

/// The stored link to `version` of `class`, if any (one that does not parse is none).
pub fn link(conn: &Connection, class: KeyClass, version: KeyVersion) -> Result<Option<KeyLink>> {
    let bytes: Option<Vec<u8>> = conn
        .query_row(
            "SELECT link FROM key_links WHERE class = ?1 AND version = ?2",
            params![class.code(), version.0],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| Error::storage("read key links", e))?;
    Ok(bytes.and_then(|b| KeyLink::from_bytes(&b).ok()))
}

/// At the start of a rekey: link each class's new version in `fresh` from the version before
/// it in `old`. A class whose previous version `old` lacks gets no link (its holders take the
/// new version only as their first).
pub fn link_new_versions(conn: &Connection, old: &Keyring, fresh: &Keyring) -> Result<()> {
    for (class, version, key) in fresh.iter() {
        let Some(previous) = version.0.checked_sub(1).map(KeyVersion) else {
            continue;
        };
        let Some(previous_key) = old.get(class, previous) else {
            tracing::warn!(class = class.as_str(), "no key to link a new version from");
            continue;
        };
        let link = previous_key.link_to(class, previous, key)?;
        conn.execute(
            "INSERT INTO key_links (class, version, link) VALUES (?1, ?2, ?3)
             ON CONFLICT (class, version) DO UPDATE SET link = ?3",
            params![class.code(), version.0, link.to_bytes()],
        )
        .map_err(|e| Error::storage("write key links", e))?;
    }
    Ok(())
}

/// The versions of `class` whose links follow from the lowest version `keyring` holds: what a
/// viewer can vouch for (with that lowest one). `None` when the viewer holds no version.
pub fn vouched_versions(
    conn: &Connection,
    keyring: &Keyring,
    class: KeyClass,
) -> Result<Option<(KeyVersion, Vec<KeyVersion>)>> {
    let Some((lowest, key)) = keyring
        .iter()
        .filter(|(c, _, _)| *c == class)
        .map(|(_, v, k)| (v, k))
        .next()
    else {
        return Ok(None);
    };
    let mut trusted = BTreeMap::from([(lowest, key.commitment(class, lowest))]);
    let mut version = lowest;
    while let Some(next) = version.next() {
        let Some(before) = trusted.get(&version).copied() else {
            break;
        };
        let followed = match link(conn, class, next)? {
            Some(l) => before.follow(class, next, &l),
            None => match keyring.get(class, next) {
                Some(k) if next.0 <= chain_base(conn, class)? => Some(k.commitment(class, next)),
                _ => None,
            },
        };
        let Some(commitment) = followed else {
            break;
        };
        trusted.insert(next, commitment);
        version = next;
    }
    Ok(Some((lowest, trusted.into_keys().collect())))
}

// ---- the record of trusted keys ----

const RECORD_DOMAIN: &str = "xinyu/trusted-keys/v1";

/// What an identity trusts, by class and version.
type Record = BTreeMap<KeyClass, BTreeMap<KeyVersion, KeyCommitment>>;

/// One entry of the stored record.
#[derive(Debug, Serialize, Deserialize)]
struct RecordEntry {
    /// Class code.
    c: u8,
    /// Version.
    v: u32,
    /// Key id, hex.
    i: String,
    /// Link-signing public key, hex.
    s: String,
}

enum Recorded {
    None,
    Valid(Record),
    Altered,
}

fn read_record(conn: &Connection, identity_id: &str, identity: &Identity) -> Result<Recorded> {
    let (json, mac): (Option<String>, Option<Vec<u8>>) = conn
        .query_row(
            "SELECT key_record, key_record_mac FROM identities WHERE id = ?1",
            [identity_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| Error::storage("read identity", e))?;
    let (Some(json), Some(mac)) = (json, mac) else {
        return Ok(Recorded::None);
    };
    if !identity.verify_mac(
        RECORD_DOMAIN,
        &[identity_id.as_bytes(), json.as_bytes()],
        &mac,
    ) {
        return Ok(Recorded::Altered);
    }
    let Ok(entries) = serde_json::from_str::<Vec<RecordEntry>>(&json) else {
        return Ok(Recorded::Altered);
    };
    let mut record = Record::new();
    for e in entries {
        let (Some(class), Some(id), Some(signer)) = (
            KeyClass::from_code(e.c),
            hex::decode(&e.i)
                .ok()
                .and_then(|b| <[u8; MAC_LEN]>::try_from(b).ok()),
            hex::decode(&e.s)
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok()),
        ) else {
            return Ok(Recorded::Altered);
        };
        record
            .entry(class)
            .or_default()
            .insert(KeyVersion(e.v), KeyCommitment::from_parts(id, signer));
    }
    Ok(Recorded::Valid(record))
}

/// Record, under `identity`'s own MAC, the key versions it now trusts: every version of
/// `classes` in `keyring`, and for a class it holds none of, what it trusted before (so
/// deleting its grants does not reset what it trusts).
pub fn remember_trusted(
    conn: &Connection,
    identity_id: &str,
    identity: &Identity,
    keyring: &Keyring,
    classes: &[KeyClass],
) -> Result<()> {
    let mut record = match read_record(conn, identity_id, identity)? {
        Recorded::Valid(record) => record,
        Recorded::None | Recorded::Altered => Record::new(),
    };
    let held = || keyring.iter().filter(|(c, _, _)| classes.contains(c));
    for (class, _, _) in held() {
        record.remove(&class);
    }
    for (class, version, key) in held() {
        record
            .entry(class)
            .or_default()
            .insert(version, key.commitment(class, version));
    }
    let entries: Vec<RecordEntry> = record
        .iter()
        .flat_map(|(class, versions)| {
            versions.iter().map(|(version, c)| RecordEntry {
                c: class.code(),
                v: version.0,
                i: hex::encode(c.id()),
                s: hex::encode(c.signer()),
            })
        })
        .collect();
    let json = serde_json::to_string(&entries).map_err(|e| Error::Internal {
        detail: format!("record of trusted keys: {e}"),
    })?;
    let mac = identity.mac(RECORD_DOMAIN, &[identity_id.as_bytes(), json.as_bytes()]);
    conn.execute(
        "UPDATE identities SET key_record = ?2, key_record_mac = ?3 WHERE id = ?1",
        params![identity_id, json, mac.as_slice()],
    )
    .map_err(|e| Error::storage("write identity", e))?;
    Ok(())
}

/// Fresh version-1 keys for every class, for a new vault.
pub fn first_keys(conn: &Connection) -> Result<Keyring> {
    let mut keyring = Keyring::new();
    for class in KeyClass::ALL {
        keyring.insert(class, KeyVersion::FIRST, xinyu_vault::DataKey::generate());
        meta::set_key_version(conn, class, KeyVersion::FIRST)?;
    }
    Ok(keyring)
}
