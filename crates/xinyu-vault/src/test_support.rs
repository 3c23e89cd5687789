//! Helpers shared by the unit tests: one passphrase key derived once, hex decoding.
//! Compiled for tests only.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use crate::kdf::{KdfParams, Kek, Salt, derive_kek};

/// A passphrase key derived once (Argon2id at the minimum parameters) and shared by tests.
pub(crate) fn test_kek() -> &'static Kek {
    static KEK: OnceLock<Kek> = OnceLock::new();
    KEK.get_or_init(|| {
        derive_kek(
            "测试口令 test passphrase".as_bytes(),
            &Salt::from_bytes([0x5A; Salt::LEN]),
            &KdfParams::for_tests(),
        )
        .expect("Argon2id at the minimum parameters")
    })
}

/// Bytes from hex digits (test constants only).
pub(crate) fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}
