//! Pickup codes: what a student keeps to find and read the counselor's reply to a letter.
//! Two independent Argon2id derivations: a locator that finds the thread, a key that opens it.

// The locator is stored in clear beside the letters; the reply key never is. They come from
// separate Argon2id runs with distinct fixed salts, so knowing a locator (or many) reveals
// nothing about any reply key beyond what guessing the whole 60-bit code would. The salts,
// the code alphabet and the reply's envelope class/version are part of the stored format:
// do not change them.

use std::fmt;

use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::AeadCore;
use rand_core::OsRng;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::code_alphabet::{ascii, random_symbols, read_symbols, write_grouped};
use crate::envelope::{self, EnvelopeHeader, RecordAad};
use crate::error::{Error, Result};
use crate::kdf::{KdfParams, argon2id};
use crate::key::{KEY_LEN, KeyClass, KeyVersion};
use crate::secret::SecretBytes;

const SYMBOLS: usize = 12;
const GROUP: usize = 4;
const LOCATOR_LEN: usize = 32;
/// Argon2id salt (a fixed context) of the thread locator.
const LOCATOR_SALT: &[u8] = b"xinyu/mailbox/thread-locator/v1";
/// Argon2id salt (a fixed context) of the reply key.
const REPLY_KEY_SALT: &[u8] = b"xinyu/mailbox/reply-key/v1";
/// Replies are envelopes of the mailbox class with key version 0, which no class key has.
const REPLY_HEADER: EnvelopeHeader = EnvelopeHeader {
    class: KeyClass::Mailbox,
    version: KeyVersion(0),
};
const REPLY_TABLE: &str = "mailbox.reply";
const REPLY_FIELD: &str = "body";

/// A pickup code such as `7K2Q-MX9D-4RTV`: 12 symbols (60 bits) from an alphabet without
/// I, L, O or U, easy to copy by hand.
///
/// `Display` shows it (once, on the kiosk screen); `Debug` prints stars. Zeroed on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct PickupCode {
    symbols: SecretBytes<SYMBOLS>,
}

impl PickupCode {
    /// How many letters and digits a pickup code has, dashes aside.
    pub const CHARS: usize = SYMBOLS;

    /// A fresh random pickup code.
    ///
    /// # Panics
    ///
    /// If the operating system cannot provide random bytes.
    pub fn generate() -> Self {
        Self {
            symbols: random_symbols(),
        }
    }

    /// Reads a typed pickup code, forgiving case, spaces, dashes, full-width characters and
    /// the look-alikes O (for 0), I and L (for 1).
    ///
    /// # Errors
    ///
    /// [`Error::PickupCodeMalformed`] for a wrong length or a character outside the alphabet.
    /// (A well-formed but wrong code is only found out when nothing opens with it.)
    pub fn parse(input: &str) -> Result<Self> {
        let malformed = Error::PickupCodeMalformed {
            expected_chars: SYMBOLS,
        };
        let values = read_symbols(input).ok_or(malformed.clone())?;
        let symbols = SecretBytes::from_slice(&values).ok_or(malformed)?;
        Ok(Self { symbols })
    }

    /// The locator of this code's letter thread (Argon2id with the locator's fixed salt).
    ///
    /// Stored in clear with the letter so the thread can be found from the code alone. The
    /// kiosk and the pickup screen must use the same `params` (store them with the mailbox).
    ///
    /// # Errors
    ///
    /// As [`derive_kek`](crate::derive_kek).
    pub fn locator(&self, params: &KdfParams) -> Result<ThreadLocator> {
        let mut locator = [0u8; LOCATOR_LEN];
        argon2id(&self.password(), LOCATOR_SALT, params, &mut locator)?;
        Ok(ThreadLocator(locator))
    }

    /// The key that seals the counselor's replies to this code's letters (Argon2id with the
    /// reply key's own fixed salt, independent of [`locator`](Self::locator)).
    ///
    /// # Errors
    ///
    /// As [`derive_kek`](crate::derive_kek).
    pub fn reply_key(&self, params: &KdfParams) -> Result<ReplyKey> {
        let mut bytes = SecretBytes::zeroed();
        argon2id(
            &self.password(),
            REPLY_KEY_SALT,
            params,
            bytes.as_mut_bytes(),
        )?;
        Ok(ReplyKey { bytes })
    }

    fn password(&self) -> Zeroizing<Vec<u8>> {
        ascii(self.symbols.as_bytes())
    }
}

impl fmt::Display for PickupCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_grouped(f, self.symbols.as_bytes(), GROUP)
    }
}

impl fmt::Debug for PickupCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PickupCode(****)")
    }
}

/// Finds a letter thread from its pickup code: 32 bytes, shown as 64 hex digits.
///
/// Not secret on its own (it is stored in clear), but it must not be logged next to a code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ThreadLocator([u8; LOCATOR_LEN]);

impl ThreadLocator {
    /// The locator as 64 lower-case hex digits, for storage.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// A locator read back from storage.
    ///
    /// # Errors
    ///
    /// [`Error::LocatorMalformed`] unless `hex` is exactly 64 hex digits.
    pub fn from_hex(hex: &str) -> Result<Self> {
        fn nibble(digit: u8) -> Result<u8> {
            char::from(digit)
                .to_digit(16)
                .and_then(|d| u8::try_from(d).ok())
                .ok_or(Error::LocatorMalformed)
        }
        if hex.len() != 2 * LOCATOR_LEN {
            return Err(Error::LocatorMalformed);
        }
        let mut bytes = [0u8; LOCATOR_LEN];
        for (byte, pair) in bytes.iter_mut().zip(hex.as_bytes().chunks_exact(2)) {
            *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
        }
        Ok(Self(bytes))
    }

    /// The locator's bytes.
    pub const fn as_bytes(&self) -> &[u8; LOCATOR_LEN] {
        &self.0
    }

    pub(crate) const fn from_bytes(bytes: [u8; LOCATOR_LEN]) -> Self {
        Self(bytes)
    }
}

impl fmt::Display for ThreadLocator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for ThreadLocator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ThreadLocator({})", self.to_hex())
    }
}

/// The key derived from a pickup code that seals the replies to its letters.
///
/// The kiosk seals it inside the letter (see [`seal_letter`](crate::seal_letter)), so the
/// counselor can reply; the student derives it again from the code to read the reply.
/// Zeroed on drop, not `Clone`, not `Serialize`; `Debug` prints `ReplyKey(****)`.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct ReplyKey {
    bytes: SecretBytes<KEY_LEN>,
}

impl ReplyKey {
    pub(crate) fn as_bytes(&self) -> &[u8; KEY_LEN] {
        self.bytes.as_bytes()
    }

    pub(crate) fn from_secret(bytes: SecretBytes<KEY_LEN>) -> Self {
        Self { bytes }
    }
}

impl fmt::Debug for ReplyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReplyKey(****)")
    }
}

/// Seals a reply for the letter thread `thread` under the pickup code's reply key.
///
/// A reply is an ordinary envelope (class `mailbox`, key version 0) bound to the thread, so it
/// cannot be moved to another thread.
///
/// # Errors
///
/// [`Error::SealFailed`] only for absurdly large replies.
pub fn seal_reply(reply_key: &ReplyKey, thread: &ThreadLocator, text: &[u8]) -> Result<Vec<u8>> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let thread = thread.to_hex();
    envelope::seal_with_nonce(
        reply_key.as_bytes(),
        REPLY_HEADER,
        &reply_aad(&thread),
        text,
        &nonce.into(),
    )
}

/// Opens a reply sealed by [`seal_reply`] for `thread`.
///
/// # Errors
///
/// [`Error::WrongPickupCode`] when the reply key (so the code) is wrong or the reply was
/// altered or moved; [`Error::WrongKey`] when the envelope is not a reply at all; the header
/// errors of [`EnvelopeHeader::parse`].
pub fn open_reply(
    reply_key: &ReplyKey,
    thread: &ThreadLocator,
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let header = EnvelopeHeader::parse(sealed)?;
    if header != REPLY_HEADER {
        return Err(Error::WrongKey {
            expected_class: REPLY_HEADER.class,
            expected_version: REPLY_HEADER.version,
            found_class: header.class,
            found_version: header.version,
        });
    }
    let thread = thread.to_hex();
    match envelope::open_with_key_bytes(reply_key.as_bytes(), &reply_aad(&thread), sealed) {
        Ok((_, text)) => Ok(text),
        Err(Error::Tampered) => Err(Error::WrongPickupCode),
        Err(other) => Err(other),
    }
}

fn reply_aad(thread_hex: &str) -> RecordAad<'_> {
    RecordAad::new(REPLY_TABLE, thread_hex, REPLY_FIELD)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::key::DataKey;

    fn params() -> KdfParams {
        KdfParams::for_tests()
    }

    #[test]
    fn display_is_three_groups_of_four_and_parses_back() {
        let code = PickupCode::generate();
        let text = code.to_string();
        assert_eq!(text.len(), 14);
        assert!(text.split('-').all(|g| g.len() == 4), "{text}");
        let parsed = PickupCode::parse(&text.to_lowercase().replace('-', " ")).unwrap();
        assert_eq!(parsed.symbols.as_bytes(), code.symbols.as_bytes());
        assert_eq!(format!("{code:?}"), "PickupCode(****)");
    }

    #[test]
    fn malformed_pickup_codes_are_refused() {
        let malformed = Err(Error::PickupCodeMalformed { expected_chars: 12 });
        assert_eq!(PickupCode::parse("ABCD-EFGH-JKM").map(|_| ()), malformed);
        assert_eq!(PickupCode::parse("ABCD-EFGH-JKMNP").map(|_| ()), malformed);
        assert_eq!(PickupCode::parse("ABCD-EFGH-JK#N").map(|_| ()), malformed);
        assert!(PickupCode::parse("abcd efgh jkmn").is_ok());
        assert!(PickupCode::parse("ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ").is_ok());
    }

    #[test]
    fn locator_and_reply_key_are_deterministic_and_independent() {
        let code = PickupCode::parse("7K2Q-MX9D-4RTV").unwrap();
        let again = PickupCode::parse("7k2q mx9d 4rtv").unwrap();
        let locator = code.locator(&params()).unwrap();
        assert_eq!(locator, again.locator(&params()).unwrap());
        let reply_key = code.reply_key(&params()).unwrap();
        assert_eq!(
            reply_key.as_bytes(),
            again.reply_key(&params()).unwrap().as_bytes()
        );
        // Distinct salts: the stored locator is not the reply key.
        assert_ne!(locator.as_bytes(), reply_key.as_bytes());
        let other = PickupCode::generate();
        assert_ne!(locator, other.locator(&params()).unwrap());
    }

    #[test]
    fn a_reply_opens_with_the_right_code_only() {
        let code = PickupCode::generate();
        let thread = code.locator(&params()).unwrap();
        let reply = seal_reply(
            &code.reply_key(&params()).unwrap(),
            &thread,
            "周三午休来找我".as_bytes(),
        )
        .unwrap();

        let student = PickupCode::parse(&code.to_string()).unwrap();
        let opened = open_reply(&student.reply_key(&params()).unwrap(), &thread, &reply).unwrap();
        assert_eq!(&opened[..], "周三午休来找我".as_bytes());

        let wrong = PickupCode::generate().reply_key(&params()).unwrap();
        assert_eq!(
            open_reply(&wrong, &thread, &reply).map(|_| ()),
            Err(Error::WrongPickupCode)
        );
    }

    #[test]
    fn a_reply_cannot_be_moved_to_another_thread() {
        let key = ReplyKey::from_secret(SecretBytes::random());
        let thread = ThreadLocator::from_bytes([1; LOCATOR_LEN]);
        let other = ThreadLocator::from_bytes([2; LOCATOR_LEN]);
        let reply = seal_reply(&key, &thread, b"hi").unwrap();
        assert_eq!(
            open_reply(&key, &other, &reply).map(|_| ()),
            Err(Error::WrongPickupCode)
        );
    }

    #[test]
    fn a_class_envelope_is_not_taken_for_a_reply() {
        let key = ReplyKey::from_secret(SecretBytes::random());
        let thread = ThreadLocator::from_bytes([1; LOCATOR_LEN]);
        let sealed = envelope::seal(
            &DataKey::generate(),
            KeyClass::Mailbox,
            KeyVersion::FIRST,
            &reply_aad(&thread.to_hex()),
            b"x",
        )
        .unwrap();
        assert!(matches!(
            open_reply(&key, &thread, &sealed),
            Err(Error::WrongKey {
                found_version: KeyVersion(1),
                ..
            })
        ));
    }

    #[test]
    fn locators_round_trip_through_hex() {
        let locator = ThreadLocator::from_bytes(std::array::from_fn(|i| i as u8 * 7));
        let hex = locator.to_hex();
        assert_eq!(hex.len(), 64);
        assert_eq!(ThreadLocator::from_hex(&hex), Ok(locator));
        assert_eq!(ThreadLocator::from_hex(&hex.to_uppercase()), Ok(locator));
        let bad_ones = [
            String::new(),
            hex[..62].to_owned(),
            format!("{}zz", &hex[..62]),
            format!("{}+f", &hex[..62]),
            format!("{}é", &hex[..62]),
        ];
        for bad in &bad_ones {
            assert_eq!(
                ThreadLocator::from_hex(bad),
                Err(Error::LocatorMalformed),
                "{bad:?}"
            );
        }
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The stored mailbox formats, byte for byte: the thread locator a code derives (stored
    /// in clear beside letters), a reply's envelope, and the inside of a letter. If this test
    /// fails, every letter and reply already stored becomes unreadable: revert the change.
    #[test]
    fn pinned_mailbox_formats() {
        let code = PickupCode::parse("7K2Q-MX9D-4RTV").unwrap();
        let locator = code.locator(&params()).unwrap();
        assert_eq!(locator.to_hex(), PINNED_LOCATOR);

        let reply_key = code.reply_key(&params()).unwrap();
        let nonce: [u8; 24] = std::array::from_fn(|i| 0x40 + i as u8);
        let reply = envelope::seal_with_nonce(
            reply_key.as_bytes(),
            REPLY_HEADER,
            &reply_aad(&locator.to_hex()),
            "周三午休来找我".as_bytes(),
            &nonce,
        )
        .unwrap();
        assert_eq!(hex(&reply), PINNED_REPLY);
        assert_eq!(
            &open_reply(&reply_key, &locator, &reply).unwrap()[..],
            "周三午休来找我".as_bytes()
        );

        // A letter's inside: format 1, the locator, the reply key, the body.
        let mailbox = crate::MailboxKeypair::generate();
        let mut inside = vec![1u8];
        inside.extend_from_slice(locator.as_bytes());
        inside.extend_from_slice(reply_key.as_bytes());
        inside.extend_from_slice("老师好".as_bytes());
        let sealed = crate::seal_to(&mailbox.public_key(), &inside).unwrap();
        let opened = mailbox.open_letter(&sealed).unwrap();
        assert_eq!(opened.thread, locator);
        assert_eq!(opened.reply_key.as_bytes(), reply_key.as_bytes());
        assert_eq!(&opened.body[..], "老师好".as_bytes());
        // Sealed boxes: 32-byte ephemeral public key + 16-byte tag around the inside.
        assert_eq!(sealed.len(), inside.len() + 48);
    }

    const PINNED_LOCATOR: &str = "140f534287e543086a604e43c92702dad73145b3fabb0da248d3c86d2e3856ef";
    const PINNED_REPLY: &str = concat!(
        "5859",                                             // magic "XY"
        "01",                                               // format 1
        "07",                                               // class: mailbox
        "00000000",                                         // key version 0: a reply
        "404142434445464748494a4b4c4d4e4f5051525354555657", // nonce
        "bedd11093cd868b537ecabfc903ede21e32477a1b0",       // ciphertext (21 bytes)
        "84d6a989af74a2afd268b92457778eec",                 // Poly1305 tag
    );
}
