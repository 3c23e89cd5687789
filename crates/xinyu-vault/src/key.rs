//! Data keys, the classes of data they protect, and their versions.
//! A data key is 32 random bytes, zeroed on drop, never serialised, printed as stars.

use std::fmt;

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::secret::SecretBytes;

/// Length in bytes of every symmetric key in the vault.
pub(crate) const KEY_LEN: usize = 32;

/// A random 256-bit key that seals the records of one [`KeyClass`].
///
/// Zeroed when dropped, deliberately neither `Clone` nor `Serialize`; `Debug` prints
/// `DataKey(****)`. It leaves the process only wrapped (see [`Kek::wrap_key`]).
///
/// [`Kek::wrap_key`]: crate::Kek::wrap_key
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct DataKey {
    bytes: SecretBytes<KEY_LEN>,
}

impl DataKey {
    /// A fresh key from the operating system's random source.
    ///
    /// # Panics
    ///
    /// If the operating system cannot provide random bytes.
    pub fn generate() -> Self {
        Self {
            bytes: SecretBytes::random(),
        }
    }

    pub(crate) fn from_secret(bytes: SecretBytes<KEY_LEN>) -> Self {
        Self { bytes }
    }

    pub(crate) fn as_bytes(&self) -> &[u8; KEY_LEN] {
        self.bytes.as_bytes()
    }

    /// An HMAC-SHA256 tag over `parts` under this key, for `domain` (e.g.
    /// `"xinyu/directory/v1"`). Each part is length-prefixed, so `["ab", "c"]` and `["a", "bc"]`
    /// differ; the domain keeps a tag made for one purpose from passing for another.
    pub fn mac(&self, domain: &str, parts: &[&[u8]]) -> [u8; MAC_LEN] {
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, self.as_bytes());
        let tag = ring::hmac::sign(&key, &mac_message(domain, parts));
        let mut out = [0u8; MAC_LEN];
        out.copy_from_slice(tag.as_ref());
        out
    }

    /// Whether `tag` is this key's [`DataKey::mac`] over `parts` (compared in constant time).
    pub fn verify_mac(&self, domain: &str, parts: &[&[u8]], tag: &[u8]) -> bool {
        let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, self.as_bytes());
        ring::hmac::verify(&key, &mac_message(domain, parts), tag).is_ok()
    }
}

/// Length of a [`DataKey::mac`] tag.
pub const MAC_LEN: usize = 32;

fn mac_message(domain: &str, parts: &[&[u8]]) -> Vec<u8> {
    let mut message = Vec::with_capacity(64);
    for part in std::iter::once(domain.as_bytes()).chain(parts.iter().copied()) {
        message.extend_from_slice(&(part.len() as u64).to_le_bytes());
        message.extend_from_slice(part);
    }
    message
}

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(****)")
    }
}

/// The class of data a key protects; each role holds the keys of the classes it may read.
///
/// The numeric [`code`](Self::code) is stored in every envelope header and never changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyClass {
    /// Student identity and guardians.
    Roster,
    /// Warning files, levels, follow-ups, referrals and plans: the casework narrative.
    Casework,
    /// The principal-readable summary of a warning file: level, status, dates.
    CaseSummary,
    /// Session narratives, letters and crisis details.
    Notes,
    /// Group sessions, trainings, activities and hotline counts.
    Activity,
    /// The access log.
    Audit,
    /// The whisper mailbox: the mailbox's private key pair and its bookkeeping.
    Mailbox,
    /// The counselors' integrity key: it seals nothing, it authenticates (HMAC) what must not
    /// be edited on disk — the key directory, the mailbox's public key, the access log's head
    /// and the safety settings. Held by counselors and the recovery code only.
    Integrity,
    /// The key every clinical writer holds — counselors and teachers, never the principal or
    /// the admin: it seals nothing, it keys the digests of the tables teachers write (files,
    /// notes, the work log), so a role that only reads them cannot make a rolled-back row add up.
    Clinical,
    /// Per-case keys: one student's casework and notes (or one note of its own) are sealed
    /// under a key of that case alone. Not a class key held by a role: an envelope of this
    /// class carries the case key's number where a class key carries its version, and the key
    /// reaches the counselors (through the casework drop key) and the colleagues who work on
    /// the case (grants sealed to each). Not in [`KeyClass::ALL`].
    Case,
}

impl KeyClass {
    /// Every class whose key a role holds, in code order ([`KeyClass::Case`] is not one).
    pub const ALL: [KeyClass; 9] = [
        KeyClass::Roster,
        KeyClass::Casework,
        KeyClass::CaseSummary,
        KeyClass::Notes,
        KeyClass::Activity,
        KeyClass::Audit,
        KeyClass::Mailbox,
        KeyClass::Integrity,
        KeyClass::Clinical,
    ];

    /// The stable one-byte code written in envelope headers and wrapped-key contexts.
    pub const fn code(self) -> u8 {
        match self {
            KeyClass::Roster => 1,
            KeyClass::Casework => 2,
            KeyClass::CaseSummary => 3,
            KeyClass::Notes => 4,
            KeyClass::Activity => 5,
            KeyClass::Audit => 6,
            KeyClass::Mailbox => 7,
            KeyClass::Integrity => 8,
            KeyClass::Case => 9,
            KeyClass::Clinical => 10,
        }
    }

    /// The class with this code, or `None` for an unknown code.
    pub const fn from_code(code: u8) -> Option<Self> {
        match code {
            1 => Some(KeyClass::Roster),
            2 => Some(KeyClass::Casework),
            3 => Some(KeyClass::CaseSummary),
            4 => Some(KeyClass::Notes),
            5 => Some(KeyClass::Activity),
            6 => Some(KeyClass::Audit),
            7 => Some(KeyClass::Mailbox),
            8 => Some(KeyClass::Integrity),
            9 => Some(KeyClass::Case),
            10 => Some(KeyClass::Clinical),
            _ => None,
        }
    }

    /// The stable lower-case name, as used in serialised settings (`"case_summary"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyClass::Roster => "roster",
            KeyClass::Casework => "casework",
            KeyClass::CaseSummary => "case_summary",
            KeyClass::Notes => "notes",
            KeyClass::Activity => "activity",
            KeyClass::Audit => "audit",
            KeyClass::Mailbox => "mailbox",
            KeyClass::Integrity => "integrity",
            KeyClass::Case => "case",
            KeyClass::Clinical => "clinical",
        }
    }
}

impl fmt::Display for KeyClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The version of a class key; a rekey makes the next version current.
///
/// Class keys start at [`KeyVersion::FIRST`]. Version 0 is never given to a class key: mailbox
/// replies, sealed under a key derived from a pickup code, carry it in their header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KeyVersion(pub u32);

impl KeyVersion {
    /// The version of a class key created at vault set-up.
    pub const FIRST: KeyVersion = KeyVersion(1);

    /// The version after this one, or `None` at `u32::MAX`.
    pub const fn next(self) -> Option<KeyVersion> {
        match self.0.checked_add(1) {
            Some(n) => Some(KeyVersion(n)),
            None => None,
        }
    }
}

impl fmt::Display for KeyVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}", self.0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn key_class_codes_are_stable_and_round_trip() {
        let codes: Vec<u8> = KeyClass::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(codes, [1, 2, 3, 4, 5, 6, 7, 8, 10]);
        for class in KeyClass::ALL {
            assert_eq!(KeyClass::from_code(class.code()), Some(class));
        }
        assert_eq!(KeyClass::from_code(0), None);
        assert_eq!(
            KeyClass::from_code(9),
            Some(KeyClass::Case),
            "not a class key"
        );
        assert!(!KeyClass::ALL.contains(&KeyClass::Case));
        assert_eq!(KeyClass::from_code(11), None);
        assert_eq!(KeyClass::from_code(255), None);
    }

    #[test]
    fn a_mac_binds_its_key_domain_and_parts() {
        let key = DataKey::generate();
        let tag = key.mac("xinyu/test/v1", &[b"ab", b"c"]);
        assert!(key.verify_mac("xinyu/test/v1", &[b"ab", b"c"], &tag));
        assert!(
            !key.verify_mac("xinyu/test/v1", &[b"a", b"bc"], &tag),
            "parts are framed"
        );
        assert!(
            !key.verify_mac("xinyu/other/v1", &[b"ab", b"c"], &tag),
            "domain separated"
        );
        assert!(!DataKey::generate().verify_mac("xinyu/test/v1", &[b"ab", b"c"], &tag));
        assert!(!key.verify_mac("xinyu/test/v1", &[b"ab", b"c"], &tag[..31]));
    }

    #[test]
    fn key_class_names_are_stable_and_match_serde() {
        let names: Vec<&str> = KeyClass::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            names,
            [
                "roster",
                "casework",
                "case_summary",
                "notes",
                "activity",
                "audit",
                "mailbox",
                "integrity",
                "clinical"
            ]
        );
        assert_eq!(KeyClass::CaseSummary.to_string(), "case_summary");
    }

    #[test]
    fn data_key_debug_prints_stars_only() {
        let key = DataKey::generate();
        assert_eq!(format!("{key:?}"), "DataKey(****)");
    }

    #[test]
    fn generated_data_keys_differ() {
        assert_ne!(
            DataKey::generate().as_bytes(),
            DataKey::generate().as_bytes()
        );
    }

    #[test]
    fn zeroize_clears_a_data_key() {
        let mut key = DataKey::generate();
        key.zeroize();
        assert_eq!(key.as_bytes(), &[0u8; KEY_LEN]);
    }

    #[test]
    fn key_versions_order_and_advance() {
        assert_eq!(KeyVersion::FIRST.next(), Some(KeyVersion(2)));
        assert_eq!(KeyVersion(u32::MAX).next(), None);
        assert!(KeyVersion(2) > KeyVersion::FIRST);
        assert_eq!(KeyVersion(3).to_string(), "v3");
    }
}
