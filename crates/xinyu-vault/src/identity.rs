//! Key holders' identities: an X25519 key pair per staff account (and one for the recovery
//! code), so anyone who holds a class key can grant it by sealing it to a public key.

// Do not modify without bumping the format bytes: wrapped identities and grants are stored.
//
// Wrapped identity secret (74 bytes):
//   magic "XI" (2) | format u8 (= 1) | nonce (24) | secret ciphertext (32) | tag (16)
//   associated data: magic | format | Kek origin u8 | holder id length u64 LE | holder id
//
// Grant: a libsodium sealed box (crypto_box_seal) to the holder's public key of
//   magic "XG" (2) | format u8 (= 1) | key class u8 | key version u32 LE
//   | holder id length u64 LE | holder id | class key (32)
// Opening checks that class, version and holder are the ones asked for, so a grant cannot be
// relabelled or copied to another holder.

use std::fmt;
use std::hint::black_box;

use chacha20poly1305::aead::{AeadCore, AeadInPlace};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use crypto_box::{PublicKey, SecretKey};
use rand_core::OsRng;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::kdf::{Kek, KekOrigin};
use crate::key::{DataKey, KEY_LEN};
use crate::secret::SecretBytes;
use crate::wrap::{WrapContext, WrappedKey};

const ID_MAGIC: [u8; 2] = *b"XI";
const GRANT_MAGIC: [u8; 2] = *b"XG";
const FORMAT: u8 = 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const WRAPPED_LEN: usize = ID_MAGIC.len() + 1 + NONCE_LEN + KEY_LEN + TAG_LEN;

/// A key holder's public key: what a granter needs. Not secret.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdentityPublicKey([u8; 32]);

impl IdentityPublicKey {
    /// A public key read back from storage, or `None` when it is not 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        <[u8; 32]>::try_from(bytes).ok().map(Self)
    }

    /// The key's 32 bytes, for storage.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// What a person compares to be sure a key is the one they expect: the first 10 bytes of
    /// its SHA-256 as five groups of four hex digits, e.g. `3F2A-91C0-77E4-0B1D-A95C`.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.0)
    }
}

/// A public key's fingerprint: the first 10 bytes of its SHA-256 as five groups of four hex
/// digits. The same form for staff identities and the mailbox's key.
pub fn fingerprint(public_key: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, public_key);
    digest.as_ref()[..10]
        .chunks(2)
        .map(|pair| format!("{:02X}{:02X}", pair[0], pair[1]))
        .collect::<Vec<_>>()
        .join("-")
}

impl fmt::Debug for IdentityPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IdentityPublicKey(")?;
        for b in &self.0[..4] {
            write!(f, "{b:02x}")?;
        }
        f.write_str("…)")
    }
}

/// A key holder's X25519 key pair. Its secret is stored only wrapped under the holder's
/// passphrase (or the recovery code); changing the passphrase re-wraps this one secret.
///
/// Not `Clone`, not `Serialize`; `Debug` shows the public key only.
pub struct Identity {
    secret: Box<SecretKey>,
    public: IdentityPublicKey,
}

impl Identity {
    /// A fresh key pair.
    ///
    /// # Panics
    ///
    /// If the operating system cannot provide random bytes.
    pub fn generate() -> Self {
        Self::from_secret_bytes(&SecretBytes::random())
    }

    fn from_secret_bytes(bytes: &SecretBytes<KEY_LEN>) -> Self {
        let secret = Box::new(SecretKey::from_bytes(*bytes.as_bytes()));
        let public = IdentityPublicKey(secret.public_key().to_bytes());
        Self { secret, public }
    }

    /// The public key, to store beside the wrapped secret.
    pub fn public_key(&self) -> IdentityPublicKey {
        self.public
    }

    /// The secret, wrapped under `kek` for `holder_id`.
    ///
    /// # Errors
    ///
    /// [`Error::SealFailed`] in theory only.
    pub fn wrap(&self, kek: &Kek, holder_id: &str) -> Result<WrappedKey> {
        let nonce: [u8; NONCE_LEN] = XChaCha20Poly1305::generate_nonce(&mut OsRng).into();
        let mut out = Vec::with_capacity(WRAPPED_LEN);
        out.extend_from_slice(&ID_MAGIC);
        out.push(FORMAT);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&Zeroizing::new(self.secret.to_bytes())[..]);
        let tag = XChaCha20Poly1305::new(kek.as_bytes().into())
            .encrypt_in_place_detached(
                XNonce::from_slice(&nonce),
                &id_aad(kek.origin(), holder_id),
                &mut out[ID_MAGIC.len() + 1 + NONCE_LEN..],
            )
            .map_err(|_| Error::SealFailed { len: KEY_LEN })?;
        out.extend_from_slice(&tag);
        Ok(WrappedKey::from_bytes(out))
    }

    /// The key pair, unwrapped with the holder's `kek`.
    ///
    /// # Errors
    ///
    /// [`Error::WrongPassphrase`] when `kek` (or the holder) is not the one it was wrapped
    /// for; [`Error::WrappedKeyMalformed`] or [`Error::UnknownFormat`] for damaged bytes.
    pub fn unwrap(kek: &Kek, wrapped: &WrappedKey, holder_id: &str) -> Result<Self> {
        let bytes = wrapped.as_bytes();
        if bytes.len() != WRAPPED_LEN || bytes[..2] != ID_MAGIC {
            return Err(Error::WrappedKeyMalformed { len: bytes.len() });
        }
        if bytes[2] != FORMAT {
            return Err(Error::UnknownFormat { version: bytes[2] });
        }
        let nonce = &bytes[3..3 + NONCE_LEN];
        let (cipher, tag) = bytes[3 + NONCE_LEN..].split_at(KEY_LEN);
        let mut secret = SecretBytes::<KEY_LEN>::zeroed();
        secret.as_mut_bytes().copy_from_slice(cipher);
        XChaCha20Poly1305::new(kek.as_bytes().into())
            .decrypt_in_place_detached(
                XNonce::from_slice(nonce),
                &id_aad(kek.origin(), holder_id),
                secret.as_mut_bytes(),
                tag.into(),
            )
            .map_err(|_| Error::WrongPassphrase)?;
        Ok(Self::from_secret_bytes(&secret))
    }

    /// Opens a grant sealed to this identity and checks it is the one asked for.
    ///
    /// # Errors
    ///
    /// [`Error::UnwrapFailed`] when it was sealed to another identity, damaged, or labelled
    /// for another holder, class or version.
    pub fn open_grant(&self, sealed: &[u8], context: &WrapContext<'_>) -> Result<DataKey> {
        let inside = Zeroizing::new(
            self.secret
                .unseal(sealed)
                .map_err(|_| Error::UnwrapFailed)?,
        );
        let label = grant_label(context);
        if inside.len() != label.len() + KEY_LEN || inside[..label.len()] != label[..] {
            return Err(Error::UnwrapFailed);
        }
        let key = SecretBytes::from_slice(&inside[label.len()..]).ok_or(Error::UnwrapFailed)?;
        Ok(DataKey::from_secret(key))
    }
}

impl Identity {
    /// An HMAC-SHA256 tag over `parts`, for `domain`, under a key derived from this identity's
    /// secret: what only this holder can make or check (a record of the key versions it has
    /// trusted, which someone who can write the file must not be able to forge).
    pub fn mac(&self, domain: &str, parts: &[&[u8]]) -> [u8; crate::key::MAC_LEN] {
        self.mac_key().mac(domain, parts)
    }

    /// Whether `tag` is this identity's [`Identity::mac`] over `parts` (constant time).
    pub fn verify_mac(&self, domain: &str, parts: &[&[u8]], tag: &[u8]) -> bool {
        self.mac_key().verify_mac(domain, parts, tag)
    }

    fn mac_key(&self) -> DataKey {
        let secret = Zeroizing::new(self.secret.to_bytes());
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_slice());
        let tag = ring::hmac::sign(&key, IDENTITY_MAC_DOMAIN);
        let mut bytes = SecretBytes::<KEY_LEN>::zeroed();
        bytes.as_mut_bytes().copy_from_slice(tag.as_ref());
        DataKey::from_secret(bytes)
    }
}

/// The label the identity's MAC key is derived under (never the X25519 secret itself).
const IDENTITY_MAC_DOMAIN: &[u8] = b"xinyu/identity-mac-key/v1";

impl Drop for Identity {
    fn drop(&mut self) {
        // As for the mailbox key pair: overwrite the byte copy crypto_box leaves behind.
        *self.secret = SecretKey::from_bytes([0u8; KEY_LEN]);
        black_box(&*self.secret);
    }
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

/// Seals `key` to a holder's public key, labelled with the holder, class and version.
///
/// # Errors
///
/// [`Error::SealFailed`] in theory only.
pub fn seal_grant(
    public: &IdentityPublicKey,
    key: &DataKey,
    context: &WrapContext<'_>,
) -> Result<Vec<u8>> {
    let mut inside = Zeroizing::new(grant_label(context));
    inside.extend_from_slice(key.as_bytes());
    PublicKey::from_bytes(public.0)
        .seal(&mut OsRng, &inside)
        .map_err(|_| Error::SealFailed { len: inside.len() })
}

fn grant_label(context: &WrapContext<'_>) -> Vec<u8> {
    let mut label = Vec::with_capacity(2 + 1 + 1 + 4 + 8 + context.holder_id.len());
    label.extend_from_slice(&GRANT_MAGIC);
    label.push(FORMAT);
    label.push(context.class.code());
    label.extend_from_slice(&context.version.0.to_le_bytes());
    label.extend_from_slice(&(context.holder_id.len() as u64).to_le_bytes());
    label.extend_from_slice(context.holder_id.as_bytes());
    label
}

fn id_aad(origin: KekOrigin, holder_id: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(2 + 1 + 1 + 8 + holder_id.len());
    aad.extend_from_slice(&ID_MAGIC);
    aad.push(FORMAT);
    aad.push(match origin {
        KekOrigin::Passphrase => 1,
        KekOrigin::RecoveryCode => 2,
    });
    aad.extend_from_slice(&(holder_id.len() as u64).to_le_bytes());
    aad.extend_from_slice(holder_id.as_bytes());
    aad
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::{KdfParams, KeyClass, KeyVersion, Salt, derive_kek};

    #[test]
    fn a_fingerprint_is_five_groups_of_four_hex_digits_and_differs_per_key() {
        let a = Identity::generate().public_key();
        let b = Identity::generate().public_key();
        let f = a.fingerprint();
        assert_eq!(f.len(), 24, "{f}");
        assert!(
            f.split('-')
                .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_hexdigit()))
        );
        assert_eq!(f, a.fingerprint());
        assert_ne!(f, b.fingerprint());
    }

    fn kek(pass: &str, salt: &Salt) -> Kek {
        derive_kek(pass.as_bytes(), salt, &KdfParams::for_tests()).unwrap()
    }

    #[test]
    fn an_identity_unwraps_with_its_passphrase_only() {
        let salt = Salt::generate();
        let id = Identity::generate();
        let wrapped = id.wrap(&kek("正确的口令很长很长", &salt), "u1").unwrap();
        assert_eq!(wrapped.as_bytes().len(), WRAPPED_LEN);
        let back = Identity::unwrap(&kek("正确的口令很长很长", &salt), &wrapped, "u1").unwrap();
        assert_eq!(back.public_key(), id.public_key());
        let wrong = Identity::unwrap(&kek("错误的口令", &salt), &wrapped, "u1");
        assert!(matches!(wrong, Err(Error::WrongPassphrase)));
        let other_holder = Identity::unwrap(&kek("正确的口令很长很长", &salt), &wrapped, "u2");
        assert!(matches!(other_holder, Err(Error::WrongPassphrase)));
    }

    #[test]
    fn a_grant_opens_for_its_holder_class_and_version_only() {
        let alice = Identity::generate();
        let bob = Identity::generate();
        let key = DataKey::generate();
        let ctx = WrapContext::new("alice", KeyClass::Notes, KeyVersion::FIRST);
        let sealed = seal_grant(&alice.public_key(), &key, &ctx).unwrap();
        let opened = alice.open_grant(&sealed, &ctx).unwrap();
        assert_eq!(opened.as_bytes(), key.as_bytes());
        assert!(matches!(
            bob.open_grant(&sealed, &ctx),
            Err(Error::UnwrapFailed)
        ));
        let relabelled = WrapContext::new("alice", KeyClass::Roster, KeyVersion::FIRST);
        assert!(matches!(
            alice.open_grant(&sealed, &relabelled),
            Err(Error::UnwrapFailed)
        ));
        let copied = WrapContext::new("bob", KeyClass::Notes, KeyVersion::FIRST);
        assert!(matches!(
            alice.open_grant(&sealed, &copied),
            Err(Error::UnwrapFailed)
        ));
    }

    #[test]
    fn an_identitys_mac_is_its_own() {
        let id = Identity::generate();
        let tag = id.mac("xinyu/test/v1", &[b"record"]);
        assert!(id.verify_mac("xinyu/test/v1", &[b"record"], &tag));
        assert!(!id.verify_mac("xinyu/test/v1", &[b"other"], &tag));
        assert!(!id.verify_mac("xinyu/other/v1", &[b"record"], &tag));
        assert!(!Identity::generate().verify_mac("xinyu/test/v1", &[b"record"], &tag));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let id = Identity::generate();
        let shown = format!("{id:?}");
        assert!(
            shown.starts_with("Identity { public: IdentityPublicKey("),
            "{shown}"
        );
    }
}
