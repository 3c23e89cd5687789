//! Wrapping class keys under a passphrase key, the recovery key or another data key.
//! The wrap is bound to its purpose, holder, class and version, so it cannot be swapped.

// Do not modify without a wrap format version bump: wrapped keys are stored.
//
// Wrapped key (75 bytes):
//   magic "XK" (2) | wrap format version u8 (= 1) | nonce (24) | key ciphertext (32) | tag (16)
//
// Associated data:
//   magic "XK" | wrap format version u8 | purpose u8 | key class code u8 | key version u32 LE
//   | holder id length u64 LE | holder id (UTF-8)

use std::fmt;

use chacha20poly1305::aead::{AeadCore, AeadInPlace};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};
use rand_core::OsRng;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::kdf::{Kek, KekOrigin};
use crate::key::{DataKey, KEY_LEN, KeyClass, KeyVersion};
use crate::secret::SecretBytes;

const MAGIC: [u8; 2] = *b"XK";
const WRAP_FORMAT: u8 = 1;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const WRAPPED_LEN: usize = MAGIC.len() + 1 + NONCE_LEN + KEY_LEN + TAG_LEN;

/// What a wrapped class key is bound to: whose it is, and which class and version it is.
///
/// Unwrapping with any other context fails, so a wrapped key cannot be copied to another user
/// or relabelled as another class or version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WrapContext<'a> {
    /// The id of the user (or other holder) the key is wrapped for.
    pub holder_id: &'a str,
    /// The class of the wrapped key.
    pub class: KeyClass,
    /// The version of the wrapped key.
    pub version: KeyVersion,
}

impl<'a> WrapContext<'a> {
    /// The context of `holder_id`'s copy of the `version` of the `class` key.
    pub const fn new(holder_id: &'a str, class: KeyClass, version: KeyVersion) -> Self {
        Self {
            holder_id,
            class,
            version,
        }
    }

    fn encode(&self, purpose: Purpose) -> Vec<u8> {
        let mut aad = Vec::with_capacity(2 + 1 + 1 + 1 + 4 + 8 + self.holder_id.len());
        aad.extend_from_slice(&MAGIC);
        aad.push(WRAP_FORMAT);
        aad.push(purpose as u8);
        aad.push(self.class.code());
        aad.extend_from_slice(&self.version.0.to_le_bytes());
        aad.extend_from_slice(&(self.holder_id.len() as u64).to_le_bytes());
        aad.extend_from_slice(self.holder_id.as_bytes());
        aad
    }
}

/// What the wrapping key is; part of the associated data. Codes are stored: never renumber.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Passphrase = 1,
    RecoveryCode = 2,
    DataKey = 3,
}

impl From<KekOrigin> for Purpose {
    fn from(origin: KekOrigin) -> Self {
        match origin {
            KekOrigin::Passphrase => Purpose::Passphrase,
            KekOrigin::RecoveryCode => Purpose::RecoveryCode,
        }
    }
}

/// A class key encrypted under a key-encryption key or another data key; safe to store.
///
/// Just bytes (75 of them); `Debug` prints only the length.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WrappedKey(Vec<u8>);

impl WrappedKey {
    /// A wrapped key read back from storage (checked when unwrapped).
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The bytes to store.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes to store, by value.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

impl fmt::Debug for WrappedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WrappedKey({} bytes)", self.0.len())
    }
}

impl Kek {
    /// Wraps `key` for the holder, class and version in `context`.
    ///
    /// # Errors
    ///
    /// [`Error::SealFailed`] in theory only; wrapping 32 bytes cannot exceed the cipher's
    /// limits.
    pub fn wrap_key(&self, key: &DataKey, context: &WrapContext<'_>) -> Result<WrappedKey> {
        wrap(self.as_bytes(), self.origin().into(), key, context)
    }

    /// Unwraps a key wrapped by [`wrap_key`](Self::wrap_key) under the same passphrase (or
    /// recovery code) and context.
    ///
    /// # Errors
    ///
    /// [`Error::WrongPassphrase`] when this key, or the context, is not the one it was wrapped
    /// with; [`Error::WrappedKeyMalformed`] or [`Error::UnknownFormat`] for damaged bytes.
    pub fn unwrap_key(&self, wrapped: &WrappedKey, context: &WrapContext<'_>) -> Result<DataKey> {
        unwrap(self.as_bytes(), self.origin().into(), wrapped, context)
            .map_err(|e| auth_error(e, Error::WrongPassphrase))
    }
}

impl DataKey {
    /// Wraps another data key under this one (for instance a retired key version under the
    /// current one during a rekey).
    ///
    /// # Errors
    ///
    /// [`Error::SealFailed`] in theory only.
    pub fn wrap_key(&self, key: &DataKey, context: &WrapContext<'_>) -> Result<WrappedKey> {
        wrap(self.as_bytes(), Purpose::DataKey, key, context)
    }

    /// Unwraps a key wrapped by [`DataKey::wrap_key`] under this key and the same context.
    ///
    /// # Errors
    ///
    /// [`Error::UnwrapFailed`] when this key, or the context, is not the one it was wrapped
    /// with; [`Error::WrappedKeyMalformed`] or [`Error::UnknownFormat`] for damaged bytes.
    pub fn unwrap_key(&self, wrapped: &WrappedKey, context: &WrapContext<'_>) -> Result<DataKey> {
        unwrap(self.as_bytes(), Purpose::DataKey, wrapped, context)
            .map_err(|e| auth_error(e, Error::UnwrapFailed))
    }
}

/// Replaces the internal authentication failure with the caller-facing error.
fn auth_error(error: Error, instead: Error) -> Error {
    match error {
        Error::Tampered => instead,
        other => other,
    }
}

fn wrap(
    wrapping_key: &[u8; KEY_LEN],
    purpose: Purpose,
    key: &DataKey,
    context: &WrapContext<'_>,
) -> Result<WrappedKey> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    wrap_with_nonce(wrapping_key, purpose, key, context, &nonce.into())
}

fn wrap_with_nonce(
    wrapping_key: &[u8; KEY_LEN],
    purpose: Purpose,
    key: &DataKey,
    context: &WrapContext<'_>,
    nonce: &[u8; NONCE_LEN],
) -> Result<WrappedKey> {
    let mut out = Vec::with_capacity(WRAPPED_LEN);
    out.extend_from_slice(&MAGIC);
    out.push(WRAP_FORMAT);
    out.extend_from_slice(nonce);
    out.extend_from_slice(key.as_bytes());
    let tag = XChaCha20Poly1305::new(wrapping_key.into())
        .encrypt_in_place_detached(
            XNonce::from_slice(nonce),
            &context.encode(purpose),
            &mut out[MAGIC.len() + 1 + NONCE_LEN..],
        )
        .map_err(|_| Error::SealFailed { len: KEY_LEN })?;
    out.extend_from_slice(&tag);
    Ok(WrappedKey(out))
}

/// Unwraps; authentication failure comes back as [`Error::Tampered`] for the caller to rename.
fn unwrap(
    wrapping_key: &[u8; KEY_LEN],
    purpose: Purpose,
    wrapped: &WrappedKey,
    context: &WrapContext<'_>,
) -> Result<DataKey> {
    let bytes = wrapped.as_bytes();
    let malformed = Error::WrappedKeyMalformed { len: bytes.len() };
    if bytes.len() < MAGIC.len() + 1 || bytes[..MAGIC.len()] != MAGIC {
        return Err(malformed);
    }
    if bytes[MAGIC.len()] != WRAP_FORMAT {
        return Err(Error::UnknownFormat {
            version: bytes[MAGIC.len()],
        });
    }
    if bytes.len() != WRAPPED_LEN {
        return Err(malformed);
    }
    let (nonce, sealed) = bytes[MAGIC.len() + 1..].split_at(NONCE_LEN);
    let (ciphertext, tag) = sealed.split_at(KEY_LEN);
    let mut key = SecretBytes::<KEY_LEN>::from_slice(ciphertext).ok_or(malformed)?;
    XChaCha20Poly1305::new(wrapping_key.into())
        .decrypt_in_place_detached(
            XNonce::from_slice(nonce),
            &context.encode(purpose),
            key.as_mut_bytes(),
            tag.into(),
        )
        .map_err(|_| Error::Tampered)?;
    Ok(DataKey::from_secret(key))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::kdf::{KdfParams, Salt, derive_kek};
    use crate::test_support::{test_kek, unhex};

    const CONTEXT: WrapContext<'static> =
        WrapContext::new("user-01", KeyClass::Notes, KeyVersion(1));

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn same_key(a: &DataKey, b: &DataKey) -> bool {
        a.as_bytes() == b.as_bytes()
    }

    /// The stored wrapped-key format, byte for byte; see the layout at the top of the file.
    #[test]
    fn pinned_wrapped_key_bytes() {
        let wrapping: [u8; KEY_LEN] = std::array::from_fn(|i| i as u8);
        let key = DataKey::from_secret(SecretBytes::from_slice(&[0xAB; KEY_LEN]).unwrap());
        let nonce = [0x24; NONCE_LEN];
        let context = WrapContext::new("u1", KeyClass::Roster, KeyVersion(2));
        let wrapped = wrap_with_nonce(&wrapping, Purpose::Passphrase, &key, &context, &nonce);
        assert_eq!(
            wrapped.as_ref().map(|w| hex(w.as_bytes())),
            Ok(PINNED_WRAPPED.to_owned())
        );
        let unwrapped = unwrap(
            &wrapping,
            Purpose::Passphrase,
            &WrappedKey(unhex(PINNED_WRAPPED)),
            &context,
        );
        assert!(unwrapped.is_ok_and(|k| same_key(&k, &key)));
    }

    /// Computed independently (Python `cryptography` + hand-written HChaCha20, as for the
    /// envelope pin).
    const PINNED_WRAPPED: &str = concat!(
        "584b",                                                             // magic "XK"
        "01",                                                               // wrap format version
        "242424242424242424242424242424242424242424242424",                 // nonce
        "006ef3d53a06c6cfdfe9395ca8df2d01405eec5625d109633946ac599a113cf5", // wrapped key
        "718e723f5110883dd18862f17d414fdc",                                 // tag
    );

    #[test]
    fn a_key_wrapped_under_a_passphrase_unwraps_with_it() {
        let key = DataKey::generate();
        let wrapped = test_kek().wrap_key(&key, &CONTEXT).unwrap();
        assert_eq!(wrapped.as_bytes().len(), WRAPPED_LEN);
        let unwrapped = test_kek().unwrap_key(&wrapped, &CONTEXT).unwrap();
        assert!(same_key(&key, &unwrapped));
    }

    #[test]
    fn a_wrapped_key_cannot_be_swapped_to_another_user_class_or_version() {
        let wrapped = test_kek().wrap_key(&DataKey::generate(), &CONTEXT).unwrap();
        let others = [
            WrapContext::new("user-02", KeyClass::Notes, KeyVersion(1)),
            WrapContext::new("user-01", KeyClass::CaseSummary, KeyVersion(1)),
            WrapContext::new("user-01", KeyClass::Notes, KeyVersion(2)),
        ];
        for other in others {
            assert_eq!(
                test_kek().unwrap_key(&wrapped, &other).map(|_| ()),
                Err(Error::WrongPassphrase),
                "{other:?}"
            );
        }
    }

    #[test]
    fn a_key_wrapped_under_a_data_key_is_bound_to_its_purpose() {
        let current = DataKey::generate();
        let retired = DataKey::generate();
        let wrapped = current.wrap_key(&retired, &CONTEXT).unwrap();
        assert!(same_key(
            &current.unwrap_key(&wrapped, &CONTEXT).unwrap(),
            &retired
        ));
        assert_eq!(
            DataKey::generate()
                .unwrap_key(&wrapped, &CONTEXT)
                .map(|_| ()),
            Err(Error::UnwrapFailed)
        );
        // Same 32 bytes used as a passphrase key: the purpose differs, so it does not open.
        let as_passphrase = unwrap(current.as_bytes(), Purpose::Passphrase, &wrapped, &CONTEXT);
        assert_eq!(as_passphrase.map(|_| ()), Err(Error::Tampered));
    }

    #[test]
    fn damaged_wrapped_keys_are_reported_as_such() {
        let wrapped = test_kek().wrap_key(&DataKey::generate(), &CONTEXT).unwrap();
        let short = WrappedKey(wrapped.as_bytes()[..WRAPPED_LEN - 1].to_vec());
        assert_eq!(
            test_kek().unwrap_key(&short, &CONTEXT).map(|_| ()),
            Err(Error::WrappedKeyMalformed {
                len: WRAPPED_LEN - 1
            })
        );
        let mut future = wrapped.into_bytes();
        future[2] = 9;
        assert_eq!(
            test_kek()
                .unwrap_key(&WrappedKey(future), &CONTEXT)
                .map(|_| ()),
            Err(Error::UnknownFormat { version: 9 })
        );
        assert_eq!(
            test_kek()
                .unwrap_key(&WrappedKey(Vec::new()), &CONTEXT)
                .map(|_| ()),
            Err(Error::WrappedKeyMalformed { len: 0 })
        );
    }

    #[test]
    fn wrapped_key_debug_shows_only_its_length() {
        let wrapped = test_kek().wrap_key(&DataKey::generate(), &CONTEXT).unwrap();
        assert_eq!(format!("{wrapped:?}"), "WrappedKey(75 bytes)");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3))]

        #[test]
        fn a_key_wrapped_under_one_passphrase_does_not_unwrap_under_another(
            right in "\\PC{1,24}",
            wrong in "\\PC{1,24}",
        ) {
            prop_assume!(right != wrong);
            let salt = Salt::generate();
            let params = KdfParams::for_tests();
            let kek = derive_kek(right.as_bytes(), &salt, &params)?;
            let wrapped = kek.wrap_key(&DataKey::generate(), &CONTEXT)?;
            let wrong_kek = derive_kek(wrong.as_bytes(), &salt, &params)?;
            prop_assert_eq!(
                wrong_kek.unwrap_key(&wrapped, &CONTEXT).map(|_| ()),
                Err(Error::WrongPassphrase)
            );
        }
    }

    proptest! {
        #[test]
        fn flipping_any_bit_of_a_wrapped_key_makes_unwrap_fail(bit in 0..WRAPPED_LEN * 8) {
            let wrapped = test_kek().wrap_key(&DataKey::generate(), &CONTEXT)?;
            let mut bytes = wrapped.into_bytes();
            bytes[bit / 8] ^= 1 << (bit % 8);
            prop_assert!(test_kek().unwrap_key(&WrappedKey(bytes), &CONTEXT).is_err());
        }
    }
}
