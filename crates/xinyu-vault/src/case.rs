//! Per-case keys ([`KeyClass::Case`]): how one reaches the counselors, and how a replacement
//! is linked to the key it replaces.
//!
//! A case key is handed to the counselors by sealing it to the *casework drop key* — an
//! anonymous-drop key pair like the mailbox's, whose secret only the casework class opens — so
//! a teacher who starts a case (a note of their own) can give the counselors its key without
//! holding any counselor key. Inside the sealed box (do not modify without a new format):
//!   key (32) | key number u32 LE | subject (UTF-8)
//! The number and subject are checked on opening, so a sealed key moved to another row of
//! `case_keys` does not open as that row's key.

use zeroize::Zeroizing;

use crate::envelope::{self, RecordAad};
use crate::error::{Error, Result};
use crate::key::{DataKey, KEY_LEN, KeyClass, KeyVersion};
use crate::mailbox::{MailboxKeypair, MailboxPublicKey, seal_to};
use crate::secret::SecretBytes;

fn context(key_id: KeyVersion, subject: &str) -> Vec<u8> {
    let mut out = key_id.0.to_le_bytes().to_vec();
    out.extend_from_slice(subject.as_bytes());
    out
}

/// Seals case key number `key_id` of `subject` to the casework drop key.
///
/// # Errors
///
/// [`Error::SealFailed`] only for absurd inputs.
pub fn seal_case_key(
    drop: &MailboxPublicKey,
    key: &DataKey,
    key_id: KeyVersion,
    subject: &str,
) -> Result<Vec<u8>> {
    let mut plain = Zeroizing::new(key.as_bytes().to_vec());
    plain.extend_from_slice(&context(key_id, subject));
    seal_to(drop, &plain)
}

impl MailboxKeypair {
    /// Opens a case key sealed by [`seal_case_key`] to this (casework drop) key pair.
    ///
    /// # Errors
    ///
    /// [`Error::Tampered`] when it was sealed to another key pair, damaged, or made for another
    /// key number or subject.
    pub fn open_case_key(
        &self,
        sealed: &[u8],
        key_id: KeyVersion,
        subject: &str,
    ) -> Result<DataKey> {
        let plain = self.open_sealed(sealed).map_err(|_| Error::Tampered)?;
        if plain.len() < KEY_LEN || plain[KEY_LEN..] != context(key_id, subject)[..] {
            return Err(Error::Tampered);
        }
        SecretBytes::from_slice(&plain[..KEY_LEN])
            .map(DataKey::from_secret)
            .ok_or(Error::Tampered)
    }
}

fn link_aad<'a>(subject: &'a str) -> RecordAad<'a> {
    RecordAad::new("case_keys", subject, "link")
}

/// Links `next` (case key number `key_id` of `subject`) to the key it replaces: `next` sealed
/// under `previous`. Whoever holds the previous key can check the new one was made by someone
/// who held it too.
///
/// # Errors
///
/// As [`seal`](crate::seal).
pub fn link_case_key(
    previous: &DataKey,
    next: &DataKey,
    key_id: KeyVersion,
    subject: &str,
) -> Result<Vec<u8>> {
    envelope::seal(
        previous,
        KeyClass::Case,
        key_id,
        &link_aad(subject),
        next.as_bytes(),
    )
}

/// Opens a link made by [`link_case_key`]: the key number `key_id` of `subject`.
///
/// # Errors
///
/// [`Error::Tampered`] when `previous` did not make it, or it belongs to another key or subject.
pub fn open_case_link(
    previous: &DataKey,
    link: &[u8],
    key_id: KeyVersion,
    subject: &str,
) -> Result<DataKey> {
    let plain = envelope::open_as(previous, KeyClass::Case, key_id, &link_aad(subject), link)
        .map_err(|_| Error::Tampered)?;
    SecretBytes::from_slice(&plain)
        .map(DataKey::from_secret)
        .ok_or(Error::Tampered)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn a_case_key_opens_only_as_the_row_it_was_sealed_for() {
        let drop = MailboxKeypair::generate();
        let key = DataKey::generate();
        let sealed = seal_case_key(&drop.public_key(), &key, KeyVersion(7), "student:s1").unwrap();
        let opened = drop
            .open_case_key(&sealed, KeyVersion(7), "student:s1")
            .unwrap();
        assert_eq!(opened.as_bytes(), key.as_bytes());
        assert!(
            drop.open_case_key(&sealed, KeyVersion(8), "student:s1")
                .is_err()
        );
        assert!(
            drop.open_case_key(&sealed, KeyVersion(7), "student:s2")
                .is_err()
        );
        let other = MailboxKeypair::generate();
        assert!(
            other
                .open_case_key(&sealed, KeyVersion(7), "student:s1")
                .is_err()
        );
    }

    #[test]
    fn a_link_opens_only_with_the_previous_key() {
        let previous = DataKey::generate();
        let next = DataKey::generate();
        let link = link_case_key(&previous, &next, KeyVersion(3), "note:n1").unwrap();
        let opened = open_case_link(&previous, &link, KeyVersion(3), "note:n1").unwrap();
        assert_eq!(opened.as_bytes(), next.as_bytes());
        assert!(open_case_link(&DataKey::generate(), &link, KeyVersion(3), "note:n1").is_err());
        assert!(open_case_link(&previous, &link, KeyVersion(4), "note:n1").is_err());
    }
}
