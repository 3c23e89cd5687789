//! THE record format: a versioned header, a random nonce and XChaCha20-Poly1305 ciphertext.
//! The header and the record's table, id and field are authenticated, so a record can't move.

// DO NOT MODIFY the layout, the associated data or the cipher without bumping `FORMAT_VERSION`
// and keeping a way to open records written in the old format: every stored record depends on
// them. The test `pinned_envelope_bytes` (below) pins this format byte for byte.
//
// Envelope:
//   magic "XY" (2) | format version u8 | key class code u8 | key version u32 LE | nonce (24)
//   | ciphertext | Poly1305 tag (16)
//
// Associated data:
//   the 8 header bytes (magic .. key version)
//   | table length u64 LE | table (UTF-8) | record id length u64 LE | record id (UTF-8)
//   | field length u64 LE | field (UTF-8)
//   [ | revision u64 LE ]   only when the record's revision is 1 or more
//
// The revision (how many times the row was written) was added after records were first stored:
// revision 0 is what every older record has, and it encodes exactly as before (the pinned bytes
// below), so they still open. From revision 1 the revision is bound too, so the `revision`
// column beside a body cannot be changed without the body no longer opening. The two forms
// cannot pass for each other: the field is length-prefixed, so the total length says whether a
// revision follows.

use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::AeadCore;
use rand_core::OsRng;
use zeroize::{Zeroize, Zeroizing};

use crate::FORMAT_VERSION;
use crate::error::{Error, Result};
use crate::key::{DataKey, KEY_LEN, KeyClass, KeyVersion};
use crate::xchacha;

const MAGIC: [u8; 2] = *b"XY";
/// Magic, format version, key class, key version.
const HEADER_LEN: usize = 2 + 1 + 1 + 4;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
/// An envelope around an empty plaintext.
const MIN_LEN: usize = HEADER_LEN + NONCE_LEN + TAG_LEN;

/// Where a sealed value lives: bound to the ciphertext as associated data, so a value copied
/// to another table, row or field no longer opens.
///
/// Encoded unambiguously (each part length-prefixed); see the layout at the top of this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordAad<'a> {
    /// The table (or record kind) the value belongs to, e.g. `"session"`.
    pub table: &'a str,
    /// The record's id, e.g. a random ULID.
    pub record_id: &'a str,
    /// The field within the record, e.g. `"narrative"`.
    pub field: &'a str,
    /// How many times the record was written (1 for a new record); 0 for a record written
    /// before revisions existed, which is bound exactly as it always was.
    pub revision: u64,
}

impl<'a> RecordAad<'a> {
    /// Names the table, record id and field a value is sealed for (revision 0: the form every
    /// record had before revisions).
    pub const fn new(table: &'a str, record_id: &'a str, field: &'a str) -> Self {
        Self {
            table,
            record_id,
            field,
            revision: 0,
        }
    }

    /// The same place at `revision`: from 1 on, the revision is bound too, so a body opens
    /// only beside the revision it was sealed with.
    pub const fn at_revision(self, revision: u64) -> Self {
        Self { revision, ..self }
    }

    /// The associated data: the header bytes, then each part length-prefixed, then the
    /// revision when it is 1 or more.
    fn encode(&self, header: &[u8; HEADER_LEN]) -> Vec<u8> {
        let parts = [self.table, self.record_id, self.field];
        let len = HEADER_LEN + parts.iter().map(|p| 8 + p.len()).sum::<usize>() + 8;
        let mut aad = Vec::with_capacity(len);
        aad.extend_from_slice(header);
        for part in parts {
            aad.extend_from_slice(&(part.len() as u64).to_le_bytes());
            aad.extend_from_slice(part.as_bytes());
        }
        if self.revision > 0 {
            aad.extend_from_slice(&self.revision.to_le_bytes());
        }
        aad
    }
}

/// The clear header of an envelope: which class key, and which version of it, opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EnvelopeHeader {
    /// The class of the key the record was sealed with.
    pub class: KeyClass,
    /// The version of that class key.
    pub version: KeyVersion,
}

impl EnvelopeHeader {
    /// Reads the header of `envelope`, so the caller can pick the key before opening it.
    ///
    /// The header is not authenticated until the envelope is opened: use it to choose a key,
    /// never to trust the record.
    ///
    /// # Errors
    ///
    /// [`Error::NotAnEnvelope`] without the `XY` magic, [`Error::UnknownFormat`] for another
    /// format version, [`Error::Truncated`] if too short to be an envelope, and
    /// [`Error::UnknownKeyClass`] for an unknown class code.
    pub fn parse(envelope: &[u8]) -> Result<Self> {
        if envelope.len() >= MAGIC.len() && envelope[..MAGIC.len()] != MAGIC {
            return Err(Error::NotAnEnvelope);
        }
        if let Some(&version) = envelope.get(2)
            && version != FORMAT_VERSION
        {
            return Err(Error::UnknownFormat { version });
        }
        if envelope.len() < MIN_LEN {
            return Err(Error::Truncated {
                len: envelope.len(),
                min_len: MIN_LEN,
            });
        }
        let class_code = envelope[3];
        let version = u32::from_le_bytes([envelope[4], envelope[5], envelope[6], envelope[7]]);
        let class =
            KeyClass::from_code(class_code).ok_or(Error::UnknownKeyClass { code: class_code })?;
        Ok(Self {
            class,
            version: KeyVersion(version),
        })
    }

    fn to_bytes(self) -> [u8; HEADER_LEN] {
        let [v0, v1, v2, v3] = self.version.0.to_le_bytes();
        [
            MAGIC[0],
            MAGIC[1],
            FORMAT_VERSION,
            self.class.code(),
            v0,
            v1,
            v2,
            v3,
        ]
    }
}

/// Seals `plaintext` for the field named by `aad`, under `key`, the `version` of the `class`
/// key, with a fresh random nonce.
///
/// # Errors
///
/// [`Error::SealFailed`] only for inputs too large for the cipher (256 GiB).
pub fn seal(
    key: &DataKey,
    class: KeyClass,
    version: KeyVersion,
    aad: &RecordAad<'_>,
    plaintext: &[u8],
) -> Result<Vec<u8>> {
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    seal_with_nonce(
        key.as_bytes(),
        EnvelopeHeader { class, version },
        aad,
        plaintext,
        &nonce.into(),
    )
}

/// Opens an envelope sealed under `key` for the field named by `aad`.
///
/// The plaintext comes back in a buffer that is zeroed when dropped.
///
/// # Errors
///
/// The header errors of [`EnvelopeHeader::parse`], and [`Error::Tampered`] when the envelope,
/// its header or its place (`aad`) changed, or `key` is not the key it was sealed with.
pub fn open(key: &DataKey, aad: &RecordAad<'_>, envelope: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    open_with_key_bytes(key.as_bytes(), aad, envelope).map(|(_, plaintext)| plaintext)
}

/// Like [`open`], for a caller that knows which class key and version it holds: an envelope
/// sealed under another class or version is refused before any decryption is attempted.
///
/// # Errors
///
/// [`Error::WrongKey`] when the header names another class or version; otherwise as [`open`].
pub fn open_as(
    key: &DataKey,
    class: KeyClass,
    version: KeyVersion,
    aad: &RecordAad<'_>,
    envelope: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let header = EnvelopeHeader::parse(envelope)?;
    if header.class != class || header.version != version {
        return Err(Error::WrongKey {
            expected_class: class,
            expected_version: version,
            found_class: header.class,
            found_version: header.version,
        });
    }
    open(key, aad, envelope)
}

/// Seals with a caller-chosen nonce: for the pinned-format test, and for keys that are not
/// class keys (mailbox replies). Production sealing always passes a fresh random nonce.
pub(crate) fn seal_with_nonce(
    key: &[u8; KEY_LEN],
    header: EnvelopeHeader,
    aad: &RecordAad<'_>,
    plaintext: &[u8],
    nonce: &[u8; NONCE_LEN],
) -> Result<Vec<u8>> {
    let header_bytes = header.to_bytes();
    let mut out = Vec::with_capacity(MIN_LEN + plaintext.len());
    out.extend_from_slice(&header_bytes);
    out.extend_from_slice(nonce);
    out.extend_from_slice(plaintext);
    let body = &mut out[HEADER_LEN + NONCE_LEN..];
    match xchacha::seal_in_place(key, nonce, &aad.encode(&header_bytes), body) {
        Some(tag) => {
            out.extend_from_slice(&tag);
            Ok(out)
        }
        None => {
            // The buffer still holds (part of) the plaintext.
            out.zeroize();
            Err(Error::SealFailed {
                len: plaintext.len(),
            })
        }
    }
}

/// Opens with raw key bytes; returns the (now authenticated) header with the plaintext.
pub(crate) fn open_with_key_bytes(
    key: &[u8; KEY_LEN],
    aad: &RecordAad<'_>,
    envelope: &[u8],
) -> Result<(EnvelopeHeader, Zeroizing<Vec<u8>>)> {
    let header = EnvelopeHeader::parse(envelope)?;
    // A parsed header re-encodes to exactly the bytes it was read from.
    let (nonce, sealed) = envelope[HEADER_LEN..].split_at(NONCE_LEN);
    let (ciphertext, tag) = sealed.split_at(sealed.len() - TAG_LEN);
    let mut buffer = Zeroizing::new(ciphertext.to_vec());
    let nonce: &[u8; NONCE_LEN] = nonce.try_into().map_err(|_| Error::Tampered)?;
    let tag: &[u8; TAG_LEN] = tag.try_into().map_err(|_| Error::Tampered)?;
    if !xchacha::open_in_place(
        key,
        nonce,
        &aad.encode(&header.to_bytes()),
        &mut buffer,
        tag,
    ) {
        return Err(Error::Tampered);
    }
    Ok((header, buffer))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::secret::SecretBytes;

    fn fixed_key() -> DataKey {
        let mut bytes = SecretBytes::<KEY_LEN>::zeroed();
        for (i, b) in bytes.as_mut_bytes().iter_mut().enumerate() {
            *b = 0x80 + i as u8;
        }
        DataKey::from_secret(bytes)
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    const AAD: RecordAad<'static> = RecordAad::new("session", "01J9ZQ3C5V8K2M4N6P7R", "narrative");

    /// The stored format, byte for byte. If this test fails, the change breaks every record
    /// already on disk: revert it, or bump `FORMAT_VERSION` and keep the old format readable.
    ///
    /// The expected bytes were computed independently of this crate: Python's `cryptography`
    /// ChaCha20-Poly1305 under an HChaCha20 subkey written by hand after
    /// draft-irtf-cfrg-xchacha-03, itself checked against the draft's test vectors (whose
    /// key and nonce these are).
    #[test]
    fn pinned_envelope_bytes() {
        let nonce: [u8; NONCE_LEN] = std::array::from_fn(|i| 0x40 + i as u8);
        let header = EnvelopeHeader {
            class: KeyClass::Notes,
            version: KeyVersion(0x0102_0304),
        };
        let sealed = seal_with_nonce(
            fixed_key().as_bytes(),
            header,
            &AAD,
            "心语 pinned plaintext".as_bytes(),
            &nonce,
        );
        assert_eq!(sealed.map(|s| hex(&s)), Ok(PINNED_ENVELOPE.to_owned()));
        let opened = open(&fixed_key(), &AAD, &unhex(PINNED_ENVELOPE));
        assert_eq!(
            opened.map(|p| p.to_vec()),
            Ok("心语 pinned plaintext".as_bytes().to_vec())
        );
    }

    const PINNED_ENVELOPE: &str = concat!(
        "5859",                                             // magic "XY"
        "01",                                               // format version
        "04",                                               // key class: notes
        "04030201",                                         // key version 0x01020304, little-endian
        "404142434445464748494a4b4c4d4e4f5051525354555657", // nonce
        "14b3f01cf45dd42a927c19b6928eed39532e1c1a603ce8",   // ciphertext
        "e0585e9c031969edcf1ce2136a383ecc",                 // tag
    );

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
            .collect()
    }

    #[test]
    fn header_layout_is_magic_version_class_and_little_endian_key_version() {
        let key = DataKey::generate();
        let sealed = seal(&key, KeyClass::Audit, KeyVersion(0x0A0B_0C0D), &AAD, b"x").unwrap();
        assert_eq!(
            &sealed[..HEADER_LEN],
            &[b'X', b'Y', FORMAT_VERSION, 6, 0x0D, 0x0C, 0x0B, 0x0A]
        );
        assert_eq!(sealed.len(), MIN_LEN + 1);
        assert_eq!(
            EnvelopeHeader::parse(&sealed),
            Ok(EnvelopeHeader {
                class: KeyClass::Audit,
                version: KeyVersion(0x0A0B_0C0D)
            })
        );
    }

    #[test]
    fn two_seals_of_the_same_plaintext_differ() {
        let key = DataKey::generate();
        let a = seal(&key, KeyClass::Notes, KeyVersion::FIRST, &AAD, b"same");
        let b = seal(&key, KeyClass::Notes, KeyVersion::FIRST, &AAD, b"same");
        assert!(a.is_ok());
        assert_ne!(a, b);
    }

    #[test]
    fn header_errors_are_specific() {
        assert_eq!(
            EnvelopeHeader::parse(b""),
            Err(Error::Truncated {
                len: 0,
                min_len: MIN_LEN
            })
        );
        assert_eq!(
            EnvelopeHeader::parse(b"PK\x03\x04"),
            Err(Error::NotAnEnvelope)
        );
        assert_eq!(
            EnvelopeHeader::parse(b"XY\x09"),
            Err(Error::UnknownFormat { version: 9 })
        );
        assert_eq!(
            EnvelopeHeader::parse(b"XY\x01\x04\x01\x00\x00\x00"),
            Err(Error::Truncated {
                len: 8,
                min_len: MIN_LEN
            })
        );
        let mut unknown_class = vec![b'X', b'Y', FORMAT_VERSION, 0xEE, 1, 0, 0, 0];
        unknown_class.resize(MIN_LEN, 0);
        assert_eq!(
            EnvelopeHeader::parse(&unknown_class),
            Err(Error::UnknownKeyClass { code: 0xEE })
        );
    }

    #[test]
    fn open_as_refuses_a_key_of_another_class_before_decrypting() {
        let key = DataKey::generate();
        let sealed = seal(&key, KeyClass::Notes, KeyVersion(2), &AAD, b"n").unwrap();
        assert_eq!(
            open_as(&key, KeyClass::Roster, KeyVersion(2), &AAD, &sealed),
            Err(Error::WrongKey {
                expected_class: KeyClass::Roster,
                expected_version: KeyVersion(2),
                found_class: KeyClass::Notes,
                found_version: KeyVersion(2),
            })
        );
        assert!(open_as(&key, KeyClass::Notes, KeyVersion(1), &AAD, &sealed).is_err());
        let opened = open_as(&key, KeyClass::Notes, KeyVersion(2), &AAD, &sealed);
        assert_eq!(opened.map(|p| p.to_vec()), Ok(b"n".to_vec()));
    }

    /// Revision 0 is the form every stored record has: it must encode exactly as before (the
    /// pinned bytes open with `RecordAad::new`, which is revision 0).
    #[test]
    fn revision_zero_is_the_old_binding_and_later_revisions_are_bound() {
        let pinned = unhex(PINNED_ENVELOPE);
        assert!(open(&fixed_key(), &AAD.at_revision(0), &pinned).is_ok());
        assert_eq!(
            open(&fixed_key(), &AAD.at_revision(1), &pinned),
            Err(Error::Tampered)
        );
        let key = DataKey::generate();
        let at3 = AAD.at_revision(3);
        let sealed = seal(&key, KeyClass::Notes, KeyVersion::FIRST, &at3, b"v3").unwrap();
        assert_eq!(
            open(&key, &at3, &sealed).map(|p| p.to_vec()),
            Ok(b"v3".to_vec())
        );
        for other in [0, 2, 4, u64::MAX] {
            assert_eq!(
                open(&key, &AAD.at_revision(other), &sealed),
                Err(Error::Tampered),
                "revision {other}"
            );
        }
    }

    #[test]
    fn a_revision_cannot_pass_for_a_longer_field() {
        // Revision 1 appends 8 bytes; a field 8 bytes longer is length-prefixed differently.
        let key = DataKey::generate();
        let aad = RecordAad::new("t", "id", "body").at_revision(0x6f6c_6c65_6820);
        let sealed = seal(&key, KeyClass::Notes, KeyVersion::FIRST, &aad, b"p").unwrap();
        let longer = RecordAad::new("t", "id", "body hello\0\0");
        assert_eq!(open(&key, &longer, &sealed), Err(Error::Tampered));
    }

    #[test]
    fn aad_parts_cannot_be_shifted_between_fields() {
        // Without length prefixes ("ab","c") and ("a","bc") would authenticate alike.
        let key = DataKey::generate();
        let aad = RecordAad::new("t", "ab", "c");
        let sealed = seal(&key, KeyClass::Notes, KeyVersion::FIRST, &aad, b"p").unwrap();
        let shifted = RecordAad::new("t", "a", "bc");
        assert_eq!(open(&key, &shifted, &sealed), Err(Error::Tampered));
    }

    #[test]
    fn error_messages_carry_no_plaintext() {
        let key = DataKey::generate();
        let secret = "学生自述想伤害自己";
        let mut sealed = seal(
            &key,
            KeyClass::Notes,
            KeyVersion::FIRST,
            &AAD,
            secret.as_bytes(),
        )
        .unwrap();
        sealed[MIN_LEN - TAG_LEN] ^= 1;
        let err = open(&key, &AAD, &sealed).unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains(secret));
        assert_eq!(
            err.to_string(),
            "记录已被篡改或移动，无法解密 (record was altered or moved and cannot be decrypted)"
        );
    }

    fn any_aad_part() -> impl Strategy<Value = String> {
        prop_oneof![Just(String::new()), "[a-z_]{1,12}", "\\PC{0,16}"]
    }

    fn any_class() -> impl Strategy<Value = KeyClass> {
        proptest::sample::select(KeyClass::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn any_plaintext_and_aad_round_trip(
            plaintext in proptest::collection::vec(any::<u8>(), 0..2048),
            table in any_aad_part(),
            record_id in any_aad_part(),
            field in any_aad_part(),
            class in any_class(),
            version in any::<u32>(),
        ) {
            let key = DataKey::generate();
            let aad = RecordAad::new(&table, &record_id, &field);
            let sealed = seal(&key, class, KeyVersion(version), &aad, &plaintext)?;
            prop_assert_eq!(sealed.len(), MIN_LEN + plaintext.len());
            prop_assert_eq!(
                EnvelopeHeader::parse(&sealed)?,
                EnvelopeHeader { class, version: KeyVersion(version) }
            );
            let opened = open(&key, &aad, &sealed)?;
            prop_assert_eq!(&opened[..], &plaintext[..]);
        }

        #[test]
        fn moving_an_envelope_to_another_table_row_or_field_fails_as_tampered(
            plaintext in proptest::collection::vec(any::<u8>(), 0..256),
            parts in (any_aad_part(), any_aad_part(), any_aad_part()),
            other in (any_aad_part(), any_aad_part(), any_aad_part()),
        ) {
            prop_assume!(parts != other);
            let key = DataKey::generate();
            let aad = RecordAad::new(&parts.0, &parts.1, &parts.2);
            let moved = RecordAad::new(&other.0, &other.1, &other.2);
            let sealed = seal(&key, KeyClass::Casework, KeyVersion::FIRST, &aad, &plaintext)?;
            prop_assert_eq!(open(&key, &moved, &sealed), Err(Error::Tampered));
        }

        #[test]
        fn a_wrong_key_never_opens(plaintext in proptest::collection::vec(any::<u8>(), 0..256)) {
            let sealed = seal(&DataKey::generate(), KeyClass::Notes, KeyVersion::FIRST, &AAD, &plaintext)?;
            prop_assert_eq!(open(&DataKey::generate(), &AAD, &sealed), Err(Error::Tampered));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn flipping_any_single_bit_makes_open_fail(
            plaintext in proptest::collection::vec(any::<u8>(), 0..48),
            class in any_class(),
            version in any::<u32>(),
        ) {
            let key = DataKey::generate();
            let sealed = seal(&key, class, KeyVersion(version), &AAD, &plaintext)?;
            for bit in 0..sealed.len() * 8 {
                let mut flipped = sealed.clone();
                flipped[bit / 8] ^= 1 << (bit % 8);
                match open(&key, &AAD, &flipped) {
                    Err(
                        Error::Tampered
                        | Error::NotAnEnvelope
                        | Error::UnknownFormat { .. }
                        | Error::UnknownKeyClass { .. },
                    ) => {}
                    other => prop_assert!(false, "bit {} gave {:?}", bit, other),
                }
            }
        }

        #[test]
        fn truncating_an_envelope_makes_open_fail(
            plaintext in proptest::collection::vec(any::<u8>(), 0..48),
        ) {
            let key = DataKey::generate();
            let sealed = seal(&key, KeyClass::Roster, KeyVersion::FIRST, &AAD, &plaintext)?;
            for len in 0..sealed.len() {
                prop_assert!(open(&key, &AAD, &sealed[..len]).is_err(), "length {}", len);
            }
        }
    }
}
