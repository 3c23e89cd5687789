//! Fixed-size secret bytes kept on the heap and zeroed on drop.
//! Keys and codes hold their bytes here, so moving a key never leaves a copy of it behind.

use rand_core::{OsRng, RngCore};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// `N` secret bytes in one heap allocation that is zeroed when dropped.
pub(crate) struct SecretBytes<const N: usize>(Box<[u8; N]>);

impl<const N: usize> SecretBytes<N> {
    /// All zeroes, to be filled in place (by a KDF, a decryption, or a copy).
    pub(crate) fn zeroed() -> Self {
        Self(Box::new([0u8; N]))
    }

    /// Fresh bytes from the operating system's random source.
    ///
    /// # Panics
    ///
    /// If the operating system cannot provide random bytes; the vault never goes on without
    /// them.
    pub(crate) fn random() -> Self {
        let mut secret = Self::zeroed();
        OsRng.fill_bytes(secret.0.as_mut_slice());
        secret
    }

    /// A copy of `bytes`, or `None` when the length is not `N`.
    pub(crate) fn from_slice(bytes: &[u8]) -> Option<Self> {
        if bytes.len() != N {
            return None;
        }
        let mut secret = Self::zeroed();
        secret.0.copy_from_slice(bytes);
        Some(secret)
    }

    pub(crate) fn as_bytes(&self) -> &[u8; N] {
        &self.0
    }

    pub(crate) fn as_mut_bytes(&mut self) -> &mut [u8; N] {
        &mut self.0
    }
}

impl<const N: usize> Zeroize for SecretBytes<N> {
    fn zeroize(&mut self) {
        self.0.as_mut_slice().zeroize();
    }
}

impl<const N: usize> Drop for SecretBytes<N> {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl<const N: usize> ZeroizeOnDrop for SecretBytes<N> {}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn random_bytes_differ_and_zeroize_clears_them() {
        let a = SecretBytes::<32>::random();
        let mut b = SecretBytes::<32>::random();
        assert_ne!(a.as_bytes(), b.as_bytes());
        b.zeroize();
        assert_eq!(b.as_bytes(), &[0u8; 32]);
    }

    #[test]
    fn from_slice_requires_the_exact_length() {
        assert!(SecretBytes::<4>::from_slice(&[1, 2, 3]).is_none());
        let s = SecretBytes::<4>::from_slice(&[1, 2, 3, 4]);
        assert_eq!(s.map(|s| *s.as_bytes()), Some([1, 2, 3, 4]));
    }
}
