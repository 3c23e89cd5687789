//! The keyring: the class keys one user holds after unlocking, by class and version.
//! Locking drops it, and dropping it zeroes every key it held.

use std::collections::BTreeMap;
use std::fmt;

use zeroize::Zeroizing;

use crate::envelope::{self, EnvelopeHeader, RecordAad};
use crate::error::{Error, Result};
use crate::key::{DataKey, KeyClass, KeyVersion};

/// The class keys a user holds after unlock: per class, one or more versions (several while a
/// rekey is under way). The highest version of a class is its current key.
///
/// A role's reach is exactly the classes in its keyring: without the `Notes` key, no notes.
/// Dropping the keyring zeroes every key; `Debug` lists the classes only.
#[derive(Default)]
pub struct Keyring {
    keys: BTreeMap<KeyClass, BTreeMap<KeyVersion, DataKey>>,
}

impl Keyring {
    /// An empty keyring.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the `version` of the `class` key; a key already held for that class and version is
    /// replaced (and zeroed).
    pub fn insert(&mut self, class: KeyClass, version: KeyVersion, key: DataKey) {
        self.keys.entry(class).or_default().insert(version, key);
    }

    /// Moves every key of `other` into this keyring (replacing, and zeroing, any key already
    /// held for the same class and version).
    pub fn absorb(&mut self, other: Keyring) {
        let mut other = other;
        for (class, versions) in std::mem::take(&mut other.keys) {
            self.keys.entry(class).or_default().extend(versions);
        }
    }

    /// Removes (and zeroes) the `version` of the `class` key, for instance once a rekey has
    /// re-sealed every record; returns whether it was held.
    pub fn remove(&mut self, class: KeyClass, version: KeyVersion) -> bool {
        let Some(versions) = self.keys.get_mut(&class) else {
            return false;
        };
        let removed = versions.remove(&version).is_some();
        if versions.is_empty() {
            self.keys.remove(&class);
        }
        removed
    }

    /// The `version` of the `class` key, if held.
    pub fn get(&self, class: KeyClass, version: KeyVersion) -> Option<&DataKey> {
        self.keys.get(&class)?.get(&version)
    }

    /// The current (highest) version of the `class` key, if any version is held.
    pub fn current(&self, class: KeyClass) -> Option<(KeyVersion, &DataKey)> {
        let (version, key) = self.keys.get(&class)?.last_key_value()?;
        Some((*version, key))
    }

    /// The classes of which at least one key version is held, in code order.
    pub fn classes(&self) -> impl Iterator<Item = KeyClass> + '_ {
        self.keys.keys().copied()
    }

    /// Whether any version of the `class` key is held.
    pub fn contains(&self, class: KeyClass) -> bool {
        self.keys.contains_key(&class)
    }

    /// Every key held, with its class and version (to re-wrap them all on a passphrase
    /// change).
    pub fn iter(&self) -> impl Iterator<Item = (KeyClass, KeyVersion, &DataKey)> + '_ {
        self.keys.iter().flat_map(|(class, versions)| {
            versions
                .iter()
                .map(move |(version, key)| (*class, *version, key))
        })
    }

    /// Whether the keyring holds no key at all.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Seals `plaintext` under the current key of `class`.
    ///
    /// # Errors
    ///
    /// [`Error::ClassUnavailable`] when no key of `class` is held; otherwise as
    /// [`envelope::seal`].
    pub fn seal(&self, class: KeyClass, aad: &RecordAad<'_>, plaintext: &[u8]) -> Result<Vec<u8>> {
        let (version, key) = self
            .current(class)
            .ok_or(Error::ClassUnavailable { class })?;
        envelope::seal(key, class, version, aad, plaintext)
    }

    /// Opens an envelope with the key its header names.
    ///
    /// # Errors
    ///
    /// [`Error::ClassUnavailable`] when no key of the header's class is held,
    /// [`Error::KeyUnavailable`] when that class is held but not that version; otherwise as
    /// [`envelope::open`].
    pub fn open(&self, aad: &RecordAad<'_>, envelope: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let EnvelopeHeader { class, version } = EnvelopeHeader::parse(envelope)?;
        let versions = self
            .keys
            .get(&class)
            .ok_or(Error::ClassUnavailable { class })?;
        let key = versions
            .get(&version)
            .ok_or(Error::KeyUnavailable { class, version })?;
        envelope::open(key, aad, envelope)
    }
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("classes", &self.keys.keys().collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const AAD: RecordAad<'static> = RecordAad::new("session", "s-1", "narrative");

    fn principal_keyring() -> Keyring {
        let mut ring = Keyring::new();
        for class in [
            KeyClass::Roster,
            KeyClass::CaseSummary,
            KeyClass::Activity,
            KeyClass::Audit,
        ] {
            ring.insert(class, KeyVersion::FIRST, DataKey::generate());
        }
        ring
    }

    #[test]
    fn a_keyring_without_notes_cannot_open_a_notes_envelope() {
        let mut counselor = principal_keyring();
        counselor.insert(KeyClass::Notes, KeyVersion::FIRST, DataKey::generate());
        let sealed = counselor
            .seal(KeyClass::Notes, &AAD, "会谈记录".as_bytes())
            .unwrap();

        let principal = principal_keyring();
        assert_eq!(
            principal.open(&AAD, &sealed).map(|_| ()),
            Err(Error::ClassUnavailable {
                class: KeyClass::Notes
            })
        );
        assert_eq!(
            principal.seal(KeyClass::Notes, &AAD, b"x").map(|_| ()),
            Err(Error::ClassUnavailable {
                class: KeyClass::Notes
            })
        );
        assert_eq!(
            &counselor.open(&AAD, &sealed).unwrap()[..],
            "会谈记录".as_bytes()
        );
    }

    #[test]
    fn seal_uses_the_current_version_and_open_finds_older_ones() {
        let mut ring = Keyring::new();
        ring.insert(KeyClass::Casework, KeyVersion(1), DataKey::generate());
        let old = ring.seal(KeyClass::Casework, &AAD, b"old").unwrap();
        ring.insert(KeyClass::Casework, KeyVersion(2), DataKey::generate());
        let new = ring.seal(KeyClass::Casework, &AAD, b"new").unwrap();

        assert_eq!(EnvelopeHeader::parse(&new).unwrap().version, KeyVersion(2));
        assert_eq!(
            ring.current(KeyClass::Casework).map(|(v, _)| v),
            Some(KeyVersion(2))
        );
        assert_eq!(&ring.open(&AAD, &old).unwrap()[..], b"old");
        assert_eq!(&ring.open(&AAD, &new).unwrap()[..], b"new");

        assert!(ring.remove(KeyClass::Casework, KeyVersion(1)));
        assert!(!ring.remove(KeyClass::Casework, KeyVersion(1)));
        assert_eq!(
            ring.open(&AAD, &old).map(|_| ()),
            Err(Error::KeyUnavailable {
                class: KeyClass::Casework,
                version: KeyVersion(1)
            })
        );
    }

    #[test]
    fn classes_iter_and_contains_describe_what_is_held() {
        let mut ring = principal_keyring();
        ring.insert(KeyClass::Roster, KeyVersion(2), DataKey::generate());
        assert_eq!(
            ring.classes().collect::<Vec<_>>(),
            [
                KeyClass::Roster,
                KeyClass::CaseSummary,
                KeyClass::Activity,
                KeyClass::Audit
            ]
        );
        assert_eq!(ring.iter().count(), 5);
        assert!(ring.contains(KeyClass::Audit));
        assert!(!ring.contains(KeyClass::Notes));
        assert!(ring.get(KeyClass::Roster, KeyVersion(2)).is_some());
        assert!(ring.get(KeyClass::Roster, KeyVersion(3)).is_none());
        assert!(!ring.is_empty());
        assert!(Keyring::new().is_empty());
    }

    #[test]
    fn removing_the_last_version_forgets_the_class() {
        let mut ring = Keyring::new();
        ring.insert(KeyClass::Audit, KeyVersion::FIRST, DataKey::generate());
        assert!(ring.remove(KeyClass::Audit, KeyVersion::FIRST));
        assert!(!ring.contains(KeyClass::Audit));
        assert!(ring.current(KeyClass::Audit).is_none());
    }

    #[test]
    fn debug_lists_classes_only() {
        let ring = principal_keyring();
        assert_eq!(
            format!("{ring:?}"),
            "Keyring { classes: [Roster, CaseSummary, Activity, Audit] }"
        );
    }
}
