//! Keys and ciphers for the Xinyu vault.
//!
//! This crate holds no SQLite and does no I/O: it derives keys, wraps them, and seals and opens
//! record envelopes. Everything that touches a disk lives in `xinyu-core`.
//!
//! - A user's passphrase gives, through Argon2id ([`derive_kek`], [`KdfParams`]), a key that
//!   wraps ([`Kek::wrap_key`]) that user's random class keys ([`DataKey`], one per
//!   [`KeyClass`]); the [`RecoveryCode`] wraps them all a second time.
//! - After unlock the class keys sit in a [`Keyring`]; each field is sealed into an envelope
//!   ([`seal`], [`open`]) bound to its table, record id and field ([`RecordAad`]).
//! - The whisper mailbox kiosk seals letters to the counselor's [`MailboxPublicKey`]
//!   ([`seal_letter`]); a [`PickupCode`] finds the thread and opens the reply.
//!
//! Keys are zeroed when dropped, never `Serialize`, and print as stars.
//!
//! # Example
//!
//! ```
//! use xinyu_vault::{
//!     derive_kek, DataKey, Error, KdfParams, KeyClass, KeyVersion, Keyring, RecordAad, Salt,
//!     WrapContext,
//! };
//!
//! // Set-up: a class key, wrapped under the counselor's passphrase. (A real vault calibrates:
//! // `KdfParams::calibrate(Duration::from_millis(750))`, and stores params and salt.)
//! let (params, salt) = (KdfParams::for_tests(), Salt::generate());
//! let notes_key = DataKey::generate();
//! let context = WrapContext::new("counselor-01", KeyClass::Notes, KeyVersion::FIRST);
//! let wrapped = derive_kek("长城长 2024".as_bytes(), &salt, &params)?.wrap_key(&notes_key, &context)?;
//!
//! // Unlock: the passphrase unwraps the key into a keyring.
//! let kek = derive_kek("长城长 2024".as_bytes(), &salt, &params)?;
//! let mut keyring = Keyring::new();
//! keyring.insert(KeyClass::Notes, KeyVersion::FIRST, kek.unwrap_key(&wrapped, &context)?);
//!
//! // Seal a field for its row; it opens there and nowhere else.
//! let here = RecordAad::new("session", "01J9ZQ3C5V", "narrative");
//! let sealed = keyring.seal(KeyClass::Notes, &here, "谈到考试焦虑".as_bytes())?;
//! assert_eq!(&keyring.open(&here, &sealed)?[..], "谈到考试焦虑".as_bytes());
//! let elsewhere = RecordAad::new("session", "01J9ZQ3C5W", "narrative");
//! assert!(matches!(keyring.open(&elsewhere, &sealed), Err(Error::Tampered)));
//!
//! // A wrong passphrase is told apart.
//! let wrong = derive_kek(b"guess", &salt, &params)?;
//! assert!(matches!(wrong.unwrap_key(&wrapped, &context), Err(Error::WrongPassphrase)));
//! # Ok::<(), Error>(())
//! ```

#![warn(missing_docs)]

mod case;
mod code_alphabet;
mod envelope;
mod error;
mod identity;
mod kdf;
mod key;
mod keyring;
mod link;
mod mailbox;
mod pickup;
mod recovery;
mod secret;
#[cfg(test)]
mod test_support;
mod wrap;
mod xchacha;

pub use case::{link_case_key, open_case_link, seal_case_key};
pub use envelope::{EnvelopeHeader, RecordAad, open, open_as, seal};
pub use error::{Error, Result};
pub use identity::{Identity, IdentityPublicKey, fingerprint, seal_grant};
pub use kdf::{KdfParams, Kek, Salt, derive_kek};
pub use key::{DataKey, KeyClass, KeyVersion, MAC_LEN};
pub use keyring::Keyring;
pub use link::{KeyCommitment, KeyLink, LINK_LEN};
pub use mailbox::{MailboxKeypair, MailboxPublicKey, OpenedLetter, seal_letter, seal_to};
pub use pickup::{PickupCode, ReplyKey, ThreadLocator, open_reply, seal_reply};
pub use recovery::RecoveryCode;
pub use wrap::{WrapContext, WrappedKey};
/// Plaintext comes back in this wrapper, which zeroes it when dropped.
pub use zeroize::Zeroizing;

/// The version of the encrypted record format written by this build.
///
/// Stored in every envelope header; bumped only with a migration path for old records.
pub const FORMAT_VERSION: u8 = 1;
