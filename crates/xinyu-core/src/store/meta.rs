//! The `vault_meta` table: clear facts about the vault (format, school name, KDF parameters,
//! current key versions, settings) that are needed before or without unlocking.

use rusqlite::{Connection, OptionalExtension, params};
use xinyu_vault::{KeyClass, KeyVersion};

use crate::{Error, Result};

/// Key: the record format version the vault was created with.
pub const FORMAT: &str = "format_version";
/// Key: the school's name, shown on the lock screen.
pub const SCHOOL_NAME: &str = "school_name";
/// Key: the calibrated Argon2id parameters (JSON) new passphrases are derived with.
pub const KDF_PARAMS: &str = "kdf_params";
/// Key: when the vault was created.
pub const CREATED_AT: &str = "created_at";
/// Key: minutes of inactivity before the vault locks itself.
pub const IDLE_LOCK_MINUTES: &str = "idle_lock_minutes";
/// Key: present while a rekey has started and not yet re-sealed every record.
pub const REKEY_PENDING: &str = "rekey_pending";
/// The identity id of the recovery code.
pub const RECOVERY_IDENTITY: &str = "recovery";

/// Read one value.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.query_row("SELECT value FROM vault_meta WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
    .map_err(|e| Error::storage("read vault settings", e))
}

/// Write one value.
pub fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = ?2",
        params![key, value],
    )
    .map_err(|e| Error::storage("write vault settings", e))?;
    Ok(())
}

/// Remove one value.
pub fn remove(conn: &Connection, key: &str) -> Result<()> {
    conn.execute("DELETE FROM vault_meta WHERE key = ?1", [key])
        .map_err(|e| Error::storage("write vault settings", e))?;
    Ok(())
}

fn version_key(class: KeyClass) -> String {
    format!("key_version:{}", class.as_str())
}

/// The current key version of a class.
pub fn key_version(conn: &Connection, class: KeyClass) -> Result<KeyVersion> {
    let v = get(conn, &version_key(class))?
        .and_then(|v| v.parse().ok())
        .unwrap_or(KeyVersion::FIRST.0);
    Ok(KeyVersion(v))
}

/// Whether the vault has a key of `class` at all (an older vault may lack a newer class).
pub fn has_key_version(conn: &Connection, class: KeyClass) -> Result<bool> {
    Ok(get(conn, &version_key(class))?.is_some())
}

/// Set the current key version of a class.
pub fn set_key_version(conn: &Connection, class: KeyClass, version: KeyVersion) -> Result<()> {
    set(conn, &version_key(class), &version.0.to_string())
}
