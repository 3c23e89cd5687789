//! The key directory: which X25519 identity belongs to which account, with which role and
//! status, vouched for by the counselors' integrity key ([`KeyClass::Integrity`]).
//!
//! Roles and public keys are plain columns anyone with the file can edit. So keys are granted
//! only to an identity whose entry carries a valid MAC under the integrity key, which only
//! counselors and the recovery code hold: a flipped role, a swapped public key (an account's or
//! the recovery code's) or a self-approved status no longer verifies, and no key follows it.
//!
//! A vault made before the directory existed is vouched for once, at the first counselor's
//! unlock after the upgrade (trust on first use; the README's threat model says so).

use rusqlite::{Connection, OptionalExtension, params};
use xinyu_vault::{DataKey, IdentityPublicKey, KeyClass, KeyVersion, Keyring, MAC_LEN};

use crate::{Error, Result, Role, keys, meta};

/// The MAC's domain: a tag made for the directory passes for nothing else.
const DOMAIN: &str = "xinyu/directory/v1";
/// `vault_meta`: the recovery identity's entry (its public key), vouched for.
const RECOVERY_MAC: &str = "recovery_mac";
/// `vault_meta`: present once every account of an older vault has been vouched for.
const VOUCHED: &str = "directory_vouched";

/// An account's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// Created, not yet approved by a counselor: holds no key.
    Pending,
    /// Approved: holds its role's keys.
    Active,
    /// Disabled: cannot unlock; holds no new key.
    Disabled,
}

impl AccountStatus {
    /// The code stored in `users.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Pending => "pending",
            AccountStatus::Active => "active",
            AccountStatus::Disabled => "disabled",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(AccountStatus::Pending),
            "active" => Some(AccountStatus::Active),
            "disabled" => Some(AccountStatus::Disabled),
            _ => None,
        }
    }
}

/// One account as the directory holds it.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub user_id: String,
    pub name: String,
    pub identity_id: String,
    /// The role as stored (may be anything, if edited).
    pub role: String,
    pub status: String,
    pub own_passphrase: bool,
    pub created_by: Option<String>,
    pub created_at: String,
    pub public_key: Vec<u8>,
    pub mac: Option<Vec<u8>>,
}

impl Entry {
    fn parts(&self) -> [&[u8]; 5] {
        [
            self.user_id.as_bytes(),
            self.identity_id.as_bytes(),
            self.role.as_bytes(),
            self.status.as_bytes(),
            &self.public_key,
        ]
    }

    /// The role, when the stored text is one.
    pub fn role(&self) -> Option<Role> {
        Role::parse(&self.role)
    }

    /// The status, when the stored text is one.
    pub fn status(&self) -> Option<AccountStatus> {
        AccountStatus::parse(&self.status)
    }

    /// The public key's fingerprint, as a counselor compares it.
    pub fn fingerprint(&self) -> String {
        IdentityPublicKey::from_slice(&self.public_key)
            .map_or_else(|| "????".to_owned(), |k| k.fingerprint())
    }

    /// Whether the entry carries a valid MAC under an integrity key `keyring` holds.
    pub fn vouched(&self, keyring: &Keyring) -> bool {
        verify(keyring, &self.parts(), self.mac.as_deref())
    }
}

/// `version (u32 LE) | tag` under the current integrity key.
fn tag(keyring: &Keyring, parts: &[&[u8]]) -> Result<Vec<u8>> {
    let (version, key) = keyring
        .current(KeyClass::Integrity)
        .ok_or(Error::KeysPending)?;
    Ok(tag_with(version, key, parts))
}

fn tag_with(version: KeyVersion, key: &DataKey, parts: &[&[u8]]) -> Vec<u8> {
    let mut out = version.0.to_le_bytes().to_vec();
    out.extend_from_slice(&key.mac(DOMAIN, parts));
    out
}

fn verify(keyring: &Keyring, parts: &[&[u8]], mac: Option<&[u8]>) -> bool {
    let Some(mac) = mac.filter(|m| m.len() == 4 + MAC_LEN) else {
        return false;
    };
    let mut version = [0u8; 4];
    version.copy_from_slice(&mac[..4]);
    keyring
        .get(KeyClass::Integrity, KeyVersion(u32::from_le_bytes(version)))
        .is_some_and(|key| key.verify_mac(DOMAIN, parts, &mac[4..]))
}

const SELECT: &str = "SELECT u.id, u.name, u.identity_id, u.role, u.status, u.own_passphrase,
        u.created_by, u.created_at, i.public_key, u.directory_mac
    FROM users u JOIN identities i ON i.id = u.identity_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        user_id: r.get(0)?,
        name: r.get(1)?,
        identity_id: r.get(2)?,
        role: r.get(3)?,
        status: r.get(4)?,
        own_passphrase: r.get::<_, i64>(5)? != 0,
        created_by: r.get(6)?,
        created_at: r.get(7)?,
        public_key: r.get(8)?,
        mac: r.get(9)?,
    })
}

/// Every account, by name.
pub(crate) fn entries(conn: &Connection) -> Result<Vec<Entry>> {
    let mut stmt = conn
        .prepare(&format!("{SELECT} ORDER BY u.name"))
        .map_err(|e| Error::storage("read users", e))?;
    stmt.query_map([], row)
        .map_err(|e| Error::storage("read users", e))?
        .collect::<rusqlite::Result<_>>()
        .map_err(|e| Error::storage("read users", e))
}

/// One account.
pub(crate) fn entry(conn: &Connection, user_id: &str) -> Result<Entry> {
    conn.query_row(&format!("{SELECT} WHERE u.id = ?1"), [user_id], row)
        .optional()
        .map_err(|e| Error::storage("read users", e))?
        .ok_or(Error::UnknownUser)
}

/// Vouch for an account's entry as it now stands (the caller has checked it should be).
pub(crate) fn vouch(conn: &Connection, keyring: &Keyring, user_id: &str) -> Result<()> {
    let e = entry(conn, user_id)?;
    let mac = tag(keyring, &e.parts())?;
    conn.execute(
        "UPDATE users SET directory_mac = ?2 WHERE id = ?1",
        params![user_id, mac],
    )
    .map_err(|e| Error::storage("write users", e))?;
    Ok(())
}

fn recovery_key(conn: &Connection) -> Result<Vec<u8>> {
    conn.query_row(
        "SELECT public_key FROM identities WHERE id = ?1",
        [meta::RECOVERY_IDENTITY],
        |r| r.get(0),
    )
    .map_err(|e| Error::storage("read identity", e))
}

fn recovery_parts(public_key: &[u8]) -> [&[u8]; 5] {
    [
        b"",
        meta::RECOVERY_IDENTITY.as_bytes(),
        b"recovery",
        b"active",
        public_key,
    ]
}

/// Vouch for the recovery identity's public key as it now stands.
pub(crate) fn vouch_recovery(conn: &Connection, keyring: &Keyring) -> Result<()> {
    let public = recovery_key(conn)?;
    let mac = tag(keyring, &recovery_parts(&public))?;
    store_mac(conn, RECOVERY_MAC, &mac)
}

/// Whether the recovery identity's public key is the one vouched for.
pub(crate) fn recovery_vouched(conn: &Connection, keyring: &Keyring) -> Result<bool> {
    let public = recovery_key(conn)?;
    let mac = stored_mac(conn, RECOVERY_MAC)?;
    Ok(verify(keyring, &recovery_parts(&public), mac.as_deref()))
}

/// The identities that may receive `class`: active accounts whose role has it and whose entry
/// verifies, and the recovery identity if its key verifies. Anything else is skipped (and
/// named by `verify`).
pub(crate) fn trusted_holders(
    conn: &Connection,
    keyring: &Keyring,
    class: KeyClass,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    if recovery_vouched(conn, keyring)? {
        out.push(meta::RECOVERY_IDENTITY.to_owned());
    }
    for e in entries(conn)? {
        let holds = e.role().is_some_and(|r| r.classes().contains(&class));
        if holds && e.status() == Some(AccountStatus::Active) && e.vouched(keyring) {
            out.push(e.identity_id);
        }
    }
    Ok(out)
}

/// At a counselor's unlock: make sure the vault has an integrity key (a vault from before it
/// existed gets one, granted to its counselors and the recovery code) and that an older
/// vault's accounts have been vouched for once. Returns whether anything was vouched for.
pub(crate) fn ensure(conn: &Connection, keyring: &mut Keyring) -> Result<bool> {
    if !meta::has_key_version(conn, KeyClass::Integrity)? {
        let mut fresh = Keyring::new();
        fresh.insert(KeyClass::Integrity, KeyVersion::FIRST, DataKey::generate());
        meta::set_key_version(conn, KeyClass::Integrity, KeyVersion::FIRST)?;
        keys::grant(
            conn,
            meta::RECOVERY_IDENTITY,
            &[KeyClass::Integrity],
            &fresh,
        )?;
        for e in entries(conn)? {
            if e.role() == Some(Role::Counselor) && e.status() == Some(AccountStatus::Active) {
                keys::grant(conn, &e.identity_id, &[KeyClass::Integrity], &fresh)?;
            }
        }
        keyring.absorb(fresh);
    }
    // The clinical key (digests of the tables teachers write) came after the first vaults: made
    // here for the counselor unlocking, and the recovery code; the other counselors and the
    // teachers receive it with the grants this unlock completes.
    if !meta::has_key_version(conn, KeyClass::Clinical)? {
        let mut fresh = Keyring::new();
        fresh.insert(KeyClass::Clinical, KeyVersion::FIRST, DataKey::generate());
        meta::set_key_version(conn, KeyClass::Clinical, KeyVersion::FIRST)?;
        keys::grant(conn, meta::RECOVERY_IDENTITY, &[KeyClass::Clinical], &fresh)?;
        keyring.absorb(fresh);
    }
    if meta::get(conn, VOUCHED)?.is_some() {
        return Ok(false);
    }
    for e in entries(conn)? {
        vouch(conn, keyring, &e.user_id)?;
    }
    vouch_recovery(conn, keyring)?;
    for key in SAFETY_SETTINGS {
        vouch_setting(conn, keyring, key)?;
    }
    for (id, definition) in custom_instruments(conn)? {
        vouch_instrument(conn, keyring, &id, &definition)?;
    }
    meta::set(conn, VOUCHED, "1")?;
    Ok(true)
}

/// The `vault_meta` settings triage depends on: editing them in the file could silence it
/// (crisis words removed, a level's follow-up interval stretched). A counselor's write vouches
/// for them; a value that no longer verifies is set back to the default at the next
/// counselor's unlock, and `verify` names it.
pub(crate) const SAFETY_SETTINGS: [&str; 2] = [crate::mailbox::TERMS, crate::casework::LEVELS];

const SETTING_DOMAIN: &str = "xinyu/setting/v1";

fn setting_mac_key(key: &str) -> String {
    format!("{key}#mac")
}

/// A tag kept in `vault_meta` under `mac_key`, hex-encoded.
fn stored_mac(conn: &Connection, mac_key: &str) -> Result<Option<Vec<u8>>> {
    Ok(meta::get(conn, mac_key)?.and_then(|m| hex::decode(m).ok()))
}

fn store_mac(conn: &Connection, mac_key: &str, mac: &[u8]) -> Result<()> {
    meta::set(conn, mac_key, &hex::encode(mac))
}

/// After a rekey: the tag under `mac_key` made again with the new integrity key, if the old
/// key vouched for `parts`.
fn revouch_stored(
    conn: &Connection,
    old: &Keyring,
    (version, key): (KeyVersion, &DataKey),
    mac_key: &str,
    parts: &[&[u8]],
) -> Result<()> {
    if verify(old, parts, stored_mac(conn, mac_key)?.as_deref()) {
        store_mac(conn, mac_key, &tag_with(version, key, parts))?;
    }
    Ok(())
}

/// The setting's parts, led by its own domain so they never pass for a directory entry.
fn setting_parts<'a>(key: &'a str, value: &'a str) -> [&'a [u8]; 3] {
    [SETTING_DOMAIN.as_bytes(), key.as_bytes(), value.as_bytes()]
}

/// A school's own instrument definition (its bands and review threshold decide who reaches the
/// review list): vouched for like a safety setting, under `instrument:<id>`.
fn instrument_key(id: &str) -> String {
    format!("instrument:{id}")
}

/// Vouch for a custom instrument's definition as added.
pub(crate) fn vouch_instrument(
    conn: &Connection,
    keyring: &Keyring,
    id: &str,
    definition: &str,
) -> Result<()> {
    let key = instrument_key(id);
    let mac = tag(keyring, &setting_parts(&key, definition))?;
    store_mac(conn, &setting_mac_key(&key), &mac)
}

/// The custom instruments whose definition changed outside the app (`instrument:<id>`);
/// empty when `keyring` cannot tell.
pub(crate) fn altered_instruments(conn: &Connection, keyring: &Keyring) -> Result<Vec<String>> {
    if !keyring.contains(KeyClass::Integrity) {
        return Ok(Vec::new());
    }
    let mut altered = Vec::new();
    for (id, definition) in custom_instruments(conn)? {
        let key = instrument_key(&id);
        let mac = stored_mac(conn, &setting_mac_key(&key))?;
        if !verify(keyring, &setting_parts(&key, &definition), mac.as_deref()) {
            altered.push(key);
        }
    }
    Ok(altered)
}

fn custom_instruments(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn
        .prepare("SELECT id, definition FROM custom_instruments")
        .map_err(|e| Error::storage("read instruments", e))?;
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(|e| Error::storage("read instruments", e))?
        .collect::<rusqlite::Result<_>>()
        .map_err(|e| Error::storage("read instruments", e))
}

/// Vouch for a safety setting as it is now stored (absent counts as the empty value).
pub(crate) fn vouch_setting(conn: &Connection, keyring: &Keyring, key: &str) -> Result<()> {
    let value = meta::get(conn, key)?.unwrap_or_default();
    let mac = tag(keyring, &setting_parts(key, &value))?;
    store_mac(conn, &setting_mac_key(key), &mac)
}

/// Whether a safety setting is as a counselor wrote it; `None` when `keyring` cannot tell.
pub(crate) fn setting_vouched(
    conn: &Connection,
    keyring: &Keyring,
    key: &str,
) -> Result<Option<bool>> {
    if !keyring.contains(KeyClass::Integrity) {
        return Ok(None);
    }
    let value = meta::get(conn, key)?.unwrap_or_default();
    let mac = stored_mac(conn, &setting_mac_key(key))?;
    Ok(Some(verify(
        keyring,
        &setting_parts(key, &value),
        mac.as_deref(),
    )))
}

/// At a counselor's unlock: a safety setting that no longer verifies goes back to its default
/// (its row removed) and is vouched for again. Returns the keys reset.
pub(crate) fn reset_altered_settings(
    conn: &Connection,
    keyring: &Keyring,
) -> Result<Vec<&'static str>> {
    let mut reset = Vec::new();
    for key in SAFETY_SETTINGS {
        if setting_vouched(conn, keyring, key)? == Some(false) {
            tracing::warn!(
                setting = key,
                "safety setting altered outside the app: default restored"
            );
            meta::remove(conn, key)?;
            vouch_setting(conn, keyring, key)?;
            reset.push(key);
        }
    }
    Ok(reset)
}

/// `vault_meta`: the access log's head as a counselor last saw it — `seq hash-hex counter` —
/// and its MAC. Anyone may append to the log (failed unlocks are logged before anyone is
/// unlocked), so the chain itself is public; the anchor is what an editor cannot forge.
const LOG_ANCHOR: &str = "log_anchor";
const LOG_DOMAIN: &str = "xinyu/log-anchor/v1";

fn anchor_parts(value: &str) -> [&[u8]; 2] {
    [LOG_DOMAIN.as_bytes(), value.as_bytes()]
}

/// Anchor the access log's current head under the integrity key (at a counselor's unlock and
/// lock). Does nothing for a user without it.
pub(crate) fn anchor_log(conn: &Connection, keyring: &Keyring) -> Result<()> {
    let current = meta::key_version(conn, KeyClass::Integrity)?;
    if keyring.current(KeyClass::Integrity).map(|(v, _)| v) != Some(current) {
        // No integrity key, or keys rotated elsewhere since this user unlocked.
        return Ok(());
    }
    let head: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(|e| Error::storage("read access log", e))?;
    let Some((seq, hash)) = head else {
        return Ok(());
    };
    let counter = meta::get(conn, LOG_ANCHOR)?
        .and_then(|v| v.split(' ').nth(2).and_then(|c| c.parse::<u64>().ok()))
        .unwrap_or(0)
        + 1;
    let value = format!("{seq} {} {counter}", hex::encode(hash));
    let mac = tag(keyring, &anchor_parts(&value))?;
    meta::set(conn, LOG_ANCHOR, &value)?;
    store_mac(conn, &setting_mac_key(LOG_ANCHOR), &mac)
}

/// What the anchor says of the log, for a viewer holding the integrity key: `None` when the
/// viewer cannot tell or nothing was anchored yet; else whether the anchored entry is still in
/// the chain with the same hash (a cut tail or a rewritten chain loses it) and the anchor
/// itself verifies.
pub(crate) fn log_anchor_holds(conn: &Connection, keyring: &Keyring) -> Result<Option<bool>> {
    if !keyring.contains(KeyClass::Integrity) {
        return Ok(None);
    }
    let Some(value) = meta::get(conn, LOG_ANCHOR)? else {
        return Ok(None);
    };
    let mac = stored_mac(conn, &setting_mac_key(LOG_ANCHOR))?;
    if !verify(keyring, &anchor_parts(&value), mac.as_deref()) {
        return Ok(Some(false));
    }
    let mut fields = value.split(' ');
    let (Some(seq), Some(hash)) = (
        fields.next().and_then(|s| s.parse::<i64>().ok()),
        fields.next().and_then(|h| hex::decode(h).ok()),
    ) else {
        return Ok(Some(false));
    };
    let stored: Option<Vec<u8>> = conn
        .query_row("SELECT hash FROM access_log WHERE seq = ?1", [seq], |r| {
            r.get(0)
        })
        .optional()
        .map_err(|e| Error::storage("read access log", e))?;
    Ok(Some(stored.as_deref() == Some(hash.as_slice())))
}

/// Mark a new vault's directory as vouched for from the start (no trust on first use).
pub(crate) fn start(conn: &Connection, keyring: &Keyring) -> Result<()> {
    for key in SAFETY_SETTINGS {
        vouch_setting(conn, keyring, key)?;
    }
    meta::set(conn, VOUCHED, "1")
}

/// After a rekey made a new integrity key: vouch again, under it, for every entry that the old
/// key vouched for (the others stay unvouched).
pub(crate) fn revouch(conn: &Connection, old: &Keyring, new: &Keyring) -> Result<()> {
    let Some((version, key)) = new.current(KeyClass::Integrity) else {
        return Ok(());
    };
    for e in entries(conn)? {
        if e.vouched(old) {
            conn.execute(
                "UPDATE users SET directory_mac = ?2 WHERE id = ?1",
                params![e.user_id, tag_with(version, key, &e.parts())],
            )
            .map_err(|e| Error::storage("write users", e))?;
        }
    }
    for name in SAFETY_SETTINGS {
        let value = meta::get(conn, name)?.unwrap_or_default();
        revouch_stored(
            conn,
            old,
            (version, key),
            &setting_mac_key(name),
            &setting_parts(name, &value),
        )?;
    }
    for (id, definition) in custom_instruments(conn)? {
        let name = instrument_key(&id);
        let parts = setting_parts(&name, &definition);
        revouch_stored(conn, old, (version, key), &setting_mac_key(&name), &parts)?;
    }
    if let Some(value) = meta::get(conn, LOG_ANCHOR)? {
        let parts = anchor_parts(&value);
        revouch_stored(
            conn,
            old,
            (version, key),
            &setting_mac_key(LOG_ANCHOR),
            &parts,
        )?;
    }
    let public = recovery_key(conn)?;
    revouch_stored(
        conn,
        old,
        (version, key),
        RECOVERY_MAC,
        &recovery_parts(&public),
    )?;
    Ok(())
}
