//! Identities and key grants in the database: storing a holder's wrapped identity, granting
//! class keys by sealing them to its public key, and loading a holder's keyring at unlock.

use rusqlite::{Connection, params};
use xinyu_vault::{
    Identity, IdentityPublicKey, KdfParams, Kek, KeyClass, KeyVersion, Keyring, Salt, WrapContext,
    WrappedKey, seal_grant,
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
    conn.execute(
        "INSERT INTO identities (id, kdf_params, kdf_salt, public_key, secret_wrapped, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET kdf_params = ?2, kdf_salt = ?3, public_key = ?4,
             secret_wrapped = ?5, updated_at = ?6",
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

/// Open every grant sealed to `identity` into a keyring.
pub fn load_keyring(conn: &Connection, identity_id: &str, identity: &Identity) -> Result<Keyring> {
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
    let mut keyring = Keyring::new();
    for row in rows {
        let (code, version, sealed) = row.map_err(|e| Error::storage("read key grants", e))?;
        let class = KeyClass::from_code(code).ok_or_else(|| Error::Internal {
            detail: format!("unknown key class code {code}"),
        })?;
        let version = KeyVersion(version);
        let key = identity.open_grant(&sealed, &WrapContext::new(identity_id, class, version))?;
        keyring.insert(class, version, key);
    }
    Ok(keyring)
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
