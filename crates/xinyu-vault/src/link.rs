//! Key links: how a holder tells the next version of a class key, made by a rekey, from one
//! planted in the file by someone who can write it.
//!
//! Grants are anonymous sealed boxes: anyone with a holder's public key can seal "version 5 of
//! the notes key" to it, with a key they chose. So a new version is trusted only when a *link*
//! from a version already trusted vouches for it. A link is not the new key sealed under the old
//! one — that would hand every later key to whoever kept an old one (an account disabled before
//! the rekey, with a copy of the file) — but a signature:
//!
//! - every class key has a [`KeyCommitment`]: an id (HMAC of a fixed label under the key) and
//!   the public half of an Ed25519 key pair whose seed is derived from the key. Both are one-way:
//!   knowing them tells nothing of the key.
//! - a [`KeyLink`] to version v+1 is v+1's commitment, signed with version v's signing key, over
//!   the class and v+1.
//!
//! A holder that trusts version v's commitment (from its own record, or the key it was granted)
//! checks the link with v's public signing key alone: it does not need version v's key itself,
//! so a holder who missed several rekeys follows the chain from what it last trusted. A granted
//! key is accepted for v+1 only when its own commitment is the one the link names.
//!
//! Whoever holds version v can make a link from it: the chain protects against people who hold
//! no version of the class (an IT admin, a principal for the notes key), and against anyone
//! once the holder has trusted a version they never held.

// Do not modify without a new domain version: links are stored.
//
// Key id:        HMAC-SHA256(key, "xinyu/key-id/v1" framed with class code, version u32 LE)
// Signing seed:  HMAC-SHA256(key, "xinyu/key-link-signer/v1" framed the same way)
// Link (128 bytes): next key id (32) | next signing public key (32) | Ed25519 signature (64)
// Signed message: "xinyu/key-link/v1" | class code u8 | next version u32 LE | next id | next pk

use ring::signature::{ED25519, Ed25519KeyPair, KeyPair, UnparsedPublicKey};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::key::{DataKey, KeyClass, KeyVersion, MAC_LEN};

const ID_DOMAIN: &str = "xinyu/key-id/v1";
const SIGNER_DOMAIN: &str = "xinyu/key-link-signer/v1";
const LINK_DOMAIN: &[u8] = b"xinyu/key-link/v1";
const PUBLIC_LEN: usize = 32;
const SIGNATURE_LEN: usize = 64;
/// Length of a stored [`KeyLink`].
pub const LINK_LEN: usize = MAC_LEN + PUBLIC_LEN + SIGNATURE_LEN;

/// What may be known of one version of a class key without knowing the key: its id and the
/// public key its links are signed with. Not secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyCommitment {
    id: [u8; MAC_LEN],
    signer: [u8; PUBLIC_LEN],
}

impl KeyCommitment {
    /// A commitment read back from storage.
    pub const fn from_parts(id: [u8; MAC_LEN], signer: [u8; PUBLIC_LEN]) -> Self {
        Self { id, signer }
    }

    /// The key's id.
    pub const fn id(&self) -> &[u8; MAC_LEN] {
        &self.id
    }

    /// The public key the key's links are signed with.
    pub const fn signer(&self) -> &[u8; PUBLIC_LEN] {
        &self.signer
    }

    /// Whether `key` is the `version` of the `class` key this commits to.
    pub fn matches(&self, key: &DataKey, class: KeyClass, version: KeyVersion) -> bool {
        let theirs = key.commitment(class, version);
        ring_eq(&theirs.id, &self.id) && theirs.signer == self.signer
    }

    /// The commitment `link` names for `next_version`, if it was signed by the key this commits
    /// to (so it is the `class` key a holder of this one made next); `None` otherwise.
    pub fn follow(
        &self,
        class: KeyClass,
        next_version: KeyVersion,
        link: &KeyLink,
    ) -> Option<KeyCommitment> {
        let message = link_message(class, next_version, &link.next);
        UnparsedPublicKey::new(&ED25519, &self.signer)
            .verify(&message, &link.signature)
            .ok()
            .map(|()| link.next)
    }
}

/// Constant-time comparison of two ids.
fn ring_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A link from one version of a class key to the next: the next version's commitment, signed
/// with the previous version's signing key. Not secret; 128 bytes when stored.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyLink {
    next: KeyCommitment,
    signature: [u8; SIGNATURE_LEN],
}

impl KeyLink {
    /// The commitment of the version this link leads to (as claimed; check it with
    /// [`KeyCommitment::follow`]).
    pub const fn next(&self) -> &KeyCommitment {
        &self.next
    }

    /// The bytes to store.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(LINK_LEN);
        out.extend_from_slice(&self.next.id);
        out.extend_from_slice(&self.next.signer);
        out.extend_from_slice(&self.signature);
        out
    }

    /// A link read back from storage.
    ///
    /// # Errors
    ///
    /// [`Error::WrappedKeyMalformed`] when the bytes are not [`LINK_LEN`] long.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let malformed = Error::WrappedKeyMalformed { len: bytes.len() };
        if bytes.len() != LINK_LEN {
            return Err(malformed);
        }
        let (id, rest) = bytes.split_at(MAC_LEN);
        let (signer, signature) = rest.split_at(PUBLIC_LEN);
        Ok(Self {
            next: KeyCommitment {
                id: id.try_into().map_err(|_| malformed.clone())?,
                signer: signer.try_into().map_err(|_| malformed.clone())?,
            },
            signature: signature.try_into().map_err(|_| malformed)?,
        })
    }
}

impl std::fmt::Debug for KeyLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyLink(…)")
    }
}

fn framing(class: KeyClass, version: KeyVersion) -> [u8; 5] {
    let [a, b, c, d] = version.0.to_le_bytes();
    [class.code(), a, b, c, d]
}

fn link_message(class: KeyClass, next_version: KeyVersion, next: &KeyCommitment) -> Vec<u8> {
    let mut message = Vec::with_capacity(LINK_DOMAIN.len() + 5 + MAC_LEN + PUBLIC_LEN);
    message.extend_from_slice(LINK_DOMAIN);
    message.extend_from_slice(&framing(class, next_version));
    message.extend_from_slice(&next.id);
    message.extend_from_slice(&next.signer);
    message
}

impl DataKey {
    fn signer(&self, class: KeyClass, version: KeyVersion) -> Result<Ed25519KeyPair> {
        let seed = Zeroizing::new(self.mac(SIGNER_DOMAIN, &[&framing(class, version)]));
        Ed25519KeyPair::from_seed_unchecked(seed.as_slice())
            .map_err(|_| Error::SealFailed { len: seed.len() })
    }

    /// This key's commitment as the `version` of the `class` key.
    pub fn commitment(&self, class: KeyClass, version: KeyVersion) -> KeyCommitment {
        let id = self.mac(ID_DOMAIN, &[&framing(class, version)]);
        let signer = self
            .signer(class, version)
            .map(|pair| {
                let mut public = [0u8; PUBLIC_LEN];
                public.copy_from_slice(pair.public_key().as_ref());
                public
            })
            // A 32-byte seed is always accepted; an all-zero signer matches no signature.
            .unwrap_or([0u8; PUBLIC_LEN]);
        KeyCommitment { id, signer }
    }

    /// The link from this key, the `version` of the `class` key, to `next`, the version after.
    ///
    /// # Errors
    ///
    /// [`Error::SealFailed`] when `version` is the last one (`u32::MAX`); otherwise in theory
    /// only.
    pub fn link_to(&self, class: KeyClass, version: KeyVersion, next: &DataKey) -> Result<KeyLink> {
        let next_version = version.next().ok_or(Error::SealFailed { len: 0 })?;
        let commitment = next.commitment(class, next_version);
        let message = link_message(class, next_version, &commitment);
        let signature = self.signer(class, version)?.sign(&message);
        let mut bytes = [0u8; SIGNATURE_LEN];
        bytes.copy_from_slice(signature.as_ref());
        Ok(KeyLink {
            next: commitment,
            signature: bytes,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const C: KeyClass = KeyClass::Notes;

    #[test]
    fn a_link_leads_from_a_trusted_version_to_the_next() {
        let v1 = DataKey::generate();
        let v2 = DataKey::generate();
        let link = v1.link_to(C, KeyVersion(1), &v2).unwrap();
        let trusted = v1.commitment(C, KeyVersion(1));
        let next = trusted.follow(C, KeyVersion(2), &link).expect("follows");
        assert!(next.matches(&v2, C, KeyVersion(2)));
        assert!(!next.matches(&DataKey::generate(), C, KeyVersion(2)));
        // Stored and read back.
        let back = KeyLink::from_bytes(&link.to_bytes()).unwrap();
        assert_eq!(back, link);
        assert_eq!(link.to_bytes().len(), LINK_LEN);
    }

    #[test]
    fn a_link_made_with_another_key_or_for_another_place_does_not_follow() {
        let v1 = DataKey::generate();
        let planted = DataKey::generate();
        let attacker = DataKey::generate();
        let forged = attacker.link_to(C, KeyVersion(1), &planted).unwrap();
        let trusted = v1.commitment(C, KeyVersion(1));
        assert_eq!(trusted.follow(C, KeyVersion(2), &forged), None);
        let genuine = v1.link_to(C, KeyVersion(1), &planted).unwrap();
        assert!(trusted.follow(C, KeyVersion(2), &genuine).is_some());
        assert_eq!(trusted.follow(C, KeyVersion(3), &genuine), None, "version");
        assert_eq!(
            trusted.follow(KeyClass::Roster, KeyVersion(2), &genuine),
            None,
            "class"
        );
        let mut bytes = genuine.to_bytes();
        bytes[0] ^= 1;
        let edited = KeyLink::from_bytes(&bytes).unwrap();
        assert_eq!(trusted.follow(C, KeyVersion(2), &edited), None, "edited");
    }

    #[test]
    fn a_commitment_is_bound_to_class_and_version_and_reveals_nothing_usable() {
        let key = DataKey::generate();
        let c = key.commitment(C, KeyVersion(1));
        assert_eq!(c, key.commitment(C, KeyVersion(1)));
        assert_ne!(c, key.commitment(C, KeyVersion(2)));
        assert_ne!(c, key.commitment(KeyClass::Roster, KeyVersion(1)));
        assert!(!c.matches(&key, C, KeyVersion(2)));
        // The id is not the key, nor its plain hash.
        assert_ne!(c.id(), key.as_bytes());
        assert_eq!(
            KeyLink::from_bytes(&[0u8; 5]).map(|_| ()),
            Err(Error::WrappedKeyMalformed { len: 5 })
        );
    }
}
