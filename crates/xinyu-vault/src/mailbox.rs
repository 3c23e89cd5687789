//! The whisper mailbox's sealed boxes (X25519): the kiosk can seal letters, never open them.
//! The counselor's mailbox key pair opens them; a letter carries the key for its reply.

// Letters are libsodium-compatible sealed boxes (crypto_box_seal). Inside, a letter is
// (do not modify without bumping LETTER_FORMAT):
//   letter format u8 (= 1) | thread locator (32) | reply key (32) | body
//
// crypto_box 0.9 zeroes a secret key's scalar on drop but not its byte copy. The key pair
// therefore keeps its secret boxed and overwrites it with an all-zero key when dropped.

use std::fmt;
use std::hint::black_box;

use crypto_box::{PublicKey, SecretKey};
use rand_core::OsRng;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::envelope::{self, EnvelopeHeader, RecordAad};
use crate::error::{Error, Result};
use crate::key::{DataKey, KEY_LEN, KeyClass, KeyVersion};
use crate::pickup::{ReplyKey, ThreadLocator};
use crate::secret::SecretBytes;

const LETTER_FORMAT: u8 = 1;
const LOCATOR_LEN: usize = 32;
const LETTER_HEADER_LEN: usize = 1 + LOCATOR_LEN + KEY_LEN;

/// The mailbox's public key: all the kiosk holds. Not secret; store and show it freely.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MailboxPublicKey([u8; 32]);

impl MailboxPublicKey {
    /// A public key read back from storage.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The key's 32 bytes, for storage.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Debug for MailboxPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MailboxPublicKey(")?;
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}

/// The counselor's mailbox key pair (X25519). The secret half never leaves the vault except
/// sealed in an envelope of the `mailbox` class ([`to_envelope`](Self::to_envelope)).
///
/// Not `Clone`, not `Serialize`; `Debug` shows only the public key.
pub struct MailboxKeypair {
    secret: Box<SecretKey>,
    public: MailboxPublicKey,
}

impl MailboxKeypair {
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
        let public = MailboxPublicKey(secret.public_key().to_bytes());
        Self { secret, public }
    }

    /// The public key to give the kiosk.
    pub fn public_key(&self) -> MailboxPublicKey {
        self.public
    }

    /// Opens a sealed box made by [`seal_to`] with this pair's public key.
    ///
    /// # Errors
    ///
    /// [`Error::LetterUnreadable`] when it was sealed to another mailbox or damaged.
    pub fn open_sealed(&self, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        self.secret
            .unseal(sealed)
            .map(Zeroizing::new)
            .map_err(|_| Error::LetterUnreadable)
    }

    /// Opens a letter made by [`seal_letter`]: its thread, the key to reply with, and its
    /// body.
    ///
    /// # Errors
    ///
    /// [`Error::LetterUnreadable`] as for [`open_sealed`](Self::open_sealed);
    /// [`Error::UnknownFormat`] or [`Error::Truncated`] when the inside is not a letter.
    pub fn open_letter(&self, sealed: &[u8]) -> Result<OpenedLetter> {
        let inside = self.open_sealed(sealed)?;
        if let Some(&format) = inside.first()
            && format != LETTER_FORMAT
        {
            return Err(Error::UnknownFormat { version: format });
        }
        if inside.len() < LETTER_HEADER_LEN {
            return Err(Error::Truncated {
                len: inside.len(),
                min_len: LETTER_HEADER_LEN,
            });
        }
        let (locator, rest) = inside[1..].split_at(LOCATOR_LEN);
        let (key, body) = rest.split_at(KEY_LEN);
        let mut thread = [0u8; LOCATOR_LEN];
        thread.copy_from_slice(locator);
        let reply_key = SecretBytes::from_slice(key).ok_or(Error::Truncated {
            len: inside.len(),
            min_len: LETTER_HEADER_LEN,
        })?;
        Ok(OpenedLetter {
            thread: ThreadLocator::from_bytes(thread),
            reply_key: ReplyKey::from_secret(reply_key),
            body: Zeroizing::new(body.to_vec()),
        })
    }

    /// Seals this key pair's secret key (the public key follows from it) in an envelope of the
    /// `mailbox` class, for storage.
    ///
    /// # Errors
    ///
    /// As [`seal`](crate::seal).
    pub fn to_envelope(
        &self,
        key: &DataKey,
        version: KeyVersion,
        aad: &RecordAad<'_>,
    ) -> Result<Vec<u8>> {
        self.to_envelope_as(key, KeyClass::Mailbox, version, aad)
    }

    /// Seals this key pair's secret key under `key`, the `version` of `class` (the same kind of
    /// anonymous-drop key pair serves the casework: teachers seal case keys to it).
    ///
    /// # Errors
    ///
    /// As [`seal`](crate::seal).
    pub fn to_envelope_as(
        &self,
        key: &DataKey,
        class: KeyClass,
        version: KeyVersion,
        aad: &RecordAad<'_>,
    ) -> Result<Vec<u8>> {
        let secret = Zeroizing::new(self.secret.to_bytes());
        envelope::seal(key, class, version, aad, secret.as_slice())
    }

    /// Restores a key pair sealed by [`to_envelope`](Self::to_envelope).
    ///
    /// # Errors
    ///
    /// [`Error::WrongKey`] when the envelope is not of the `mailbox` class, [`Error::Truncated`]
    /// when it does not hold a key, otherwise as [`open`](crate::open).
    pub fn from_envelope(key: &DataKey, aad: &RecordAad<'_>, envelope: &[u8]) -> Result<Self> {
        Self::from_envelope_as(key, KeyClass::Mailbox, aad, envelope)
    }

    /// Restores a key pair sealed by [`to_envelope_as`](Self::to_envelope_as) under `class`.
    ///
    /// # Errors
    ///
    /// As [`from_envelope`](Self::from_envelope), for `class`.
    pub fn from_envelope_as(
        key: &DataKey,
        class: KeyClass,
        aad: &RecordAad<'_>,
        envelope: &[u8],
    ) -> Result<Self> {
        let header = EnvelopeHeader::parse(envelope)?;
        let secret = envelope::open_as(key, class, header.version, aad, envelope)?;
        let bytes = SecretBytes::from_slice(&secret).ok_or(Error::Truncated {
            len: secret.len(),
            min_len: KEY_LEN,
        })?;
        Ok(Self::from_secret_bytes(&bytes))
    }
}

impl Drop for MailboxKeypair {
    fn drop(&mut self) {
        // Replacing the key in place drops the old one (zeroing its scalar) and overwrites its
        // byte copy, which crypto_box leaves behind, with zeroes.
        *self.secret = SecretKey::from_bytes([0u8; KEY_LEN]);
        black_box(&*self.secret);
    }
}

impl fmt::Debug for MailboxKeypair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailboxKeypair")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

/// Seals `plaintext` to the mailbox (an anonymous sealed box): anyone holding the public key
/// can seal, only the key pair can open. The kiosk holds no key able to open what it sealed.
///
/// # Errors
///
/// [`Error::SealFailed`] only for absurdly large inputs.
pub fn seal_to(public: &MailboxPublicKey, plaintext: &[u8]) -> Result<Vec<u8>> {
    PublicKey::from_bytes(public.0)
        .seal(&mut OsRng, plaintext)
        .map_err(|_| Error::SealFailed {
            len: plaintext.len(),
        })
}

/// Seals a student's letter for the mailbox, carrying the thread's locator and the key the
/// counselor will reply with (both derived from the pickup code on the kiosk).
///
/// # Errors
///
/// As [`seal_to`].
pub fn seal_letter(
    public: &MailboxPublicKey,
    thread: &ThreadLocator,
    reply_key: &ReplyKey,
    body: &[u8],
) -> Result<Vec<u8>> {
    let mut inside = Zeroizing::new(Vec::with_capacity(LETTER_HEADER_LEN + body.len()));
    inside.push(LETTER_FORMAT);
    inside.extend_from_slice(thread.as_bytes());
    inside.extend_from_slice(reply_key.as_bytes());
    inside.extend_from_slice(body);
    seal_to(public, &inside)
}

/// A letter opened by the counselor's mailbox key pair.
///
/// `Debug` shows the thread only, never the body or the key.
pub struct OpenedLetter {
    /// The thread the letter belongs to; check it matches the row the letter was stored in.
    pub thread: ThreadLocator,
    /// The key to seal replies with ([`seal_reply`](crate::seal_reply)).
    pub reply_key: ReplyKey,
    /// The letter itself, zeroed on drop.
    pub body: Zeroizing<Vec<u8>>,
}

impl fmt::Debug for OpenedLetter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OpenedLetter")
            .field("thread", &self.thread)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::KdfParams;
    use crate::pickup::{PickupCode, open_reply, seal_reply};

    const AAD: RecordAad<'static> = RecordAad::new("mailbox", "main", "keypair");

    #[test]
    fn a_sealed_box_opens_with_its_key_pair_only() {
        let mailbox = MailboxKeypair::generate();
        let sealed = seal_to(&mailbox.public_key(), "我最近睡不着".as_bytes()).unwrap();
        assert_eq!(
            &mailbox.open_sealed(&sealed).unwrap()[..],
            "我最近睡不着".as_bytes()
        );
        // The kiosk has the public key only and no API that opens with it; another key pair
        // (say, one a kiosk could generate) cannot open the letter either.
        let other = MailboxKeypair::generate();
        assert_eq!(
            other.open_sealed(&sealed).map(|_| ()),
            Err(Error::LetterUnreadable)
        );
    }

    #[test]
    fn damaged_sealed_boxes_do_not_open() {
        let mailbox = MailboxKeypair::generate();
        let sealed = seal_to(&mailbox.public_key(), b"letter").unwrap();
        for i in 0..sealed.len() {
            let mut damaged = sealed.clone();
            damaged[i] ^= 0x01;
            assert!(mailbox.open_sealed(&damaged).is_err(), "byte {i}");
        }
        assert!(mailbox.open_sealed(&sealed[..31]).is_err());
        assert!(mailbox.open_sealed(&[]).is_err());
    }

    #[test]
    fn a_letter_carries_its_thread_and_reply_key_to_the_counselor() {
        let params = KdfParams::for_tests();
        let mailbox = MailboxKeypair::generate();
        let code = PickupCode::generate();
        let thread = code.locator(&params).unwrap();
        let kiosk_reply_key = code.reply_key(&params).unwrap();
        let sealed = seal_letter(
            &mailbox.public_key(),
            &thread,
            &kiosk_reply_key,
            "老师你好".as_bytes(),
        )
        .unwrap();

        // Inner layout: format byte, locator, reply key, body.
        let inside = mailbox.open_sealed(&sealed).unwrap();
        assert_eq!(inside[0], LETTER_FORMAT);
        assert_eq!(&inside[1..33], thread.as_bytes());
        assert_eq!(&inside[33..65], kiosk_reply_key.as_bytes());
        assert_eq!(&inside[65..], "老师你好".as_bytes());

        let letter = mailbox.open_letter(&sealed).unwrap();
        assert_eq!(letter.thread, thread);
        assert_eq!(&letter.body[..], "老师你好".as_bytes());
        let debug = format!("{letter:?}");
        assert!(!debug.contains("老师"), "{debug}");

        let reply = seal_reply(&letter.reply_key, &letter.thread, "收到".as_bytes()).unwrap();
        let student_key = PickupCode::parse(&code.to_string())
            .unwrap()
            .reply_key(&params)
            .unwrap();
        assert_eq!(
            &open_reply(&student_key, &thread, &reply).unwrap()[..],
            "收到".as_bytes()
        );
    }

    #[test]
    fn something_that_is_not_a_letter_is_refused() {
        let mailbox = MailboxKeypair::generate();
        let public = mailbox.public_key();
        let future = seal_to(&public, &[9, 1, 2, 3]).unwrap();
        assert_eq!(
            mailbox.open_letter(&future).map(|_| ()),
            Err(Error::UnknownFormat { version: 9 })
        );
        let short = seal_to(&public, &[LETTER_FORMAT, 1, 2, 3]).unwrap();
        assert_eq!(
            mailbox.open_letter(&short).map(|_| ()),
            Err(Error::Truncated {
                len: 4,
                min_len: LETTER_HEADER_LEN
            })
        );
    }

    #[test]
    fn a_key_pair_survives_storage_in_a_mailbox_envelope() {
        let mailbox = MailboxKeypair::generate();
        let class_key = DataKey::generate();
        let stored = mailbox
            .to_envelope(&class_key, KeyVersion(3), &AAD)
            .unwrap();
        assert_eq!(
            EnvelopeHeader::parse(&stored).unwrap(),
            EnvelopeHeader {
                class: KeyClass::Mailbox,
                version: KeyVersion(3)
            }
        );
        let restored = MailboxKeypair::from_envelope(&class_key, &AAD, &stored).unwrap();
        assert_eq!(restored.public_key(), mailbox.public_key());
        let sealed = seal_to(&mailbox.public_key(), b"x").unwrap();
        assert_eq!(&restored.open_sealed(&sealed).unwrap()[..], b"x");

        let notes =
            envelope::seal(&class_key, KeyClass::Notes, KeyVersion(3), &AAD, &[0; 32]).unwrap();
        assert!(matches!(
            MailboxKeypair::from_envelope(&class_key, &AAD, &notes),
            Err(Error::WrongKey {
                found_class: KeyClass::Notes,
                ..
            })
        ));
    }

    #[test]
    fn debug_shows_the_public_key_only() {
        let mailbox = MailboxKeypair::generate();
        let debug = format!("{mailbox:?}");
        assert!(
            debug.starts_with("MailboxKeypair { public: MailboxPublicKey("),
            "{debug}"
        );
        assert!(debug.ends_with(", .. }"), "{debug}");
    }
}
