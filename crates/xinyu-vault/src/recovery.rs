//! The recovery code: printed once at set-up, it opens the vault when a passphrase is lost.
//! 23 random symbols (115 bits) and 2 check symbols that catch any one or two mistyped ones.

// The check symbols make a shortened Reed–Solomon code over GF(32) (field polynomial
// x^5 + x^2 + 1, generator (x - α)(x - α²) with α = x): minimum distance 3, so every change of
// one or two symbols, including swapping two, is detected. Stored recovery keys depend on
// the symbol text (it is the KDF input): do not change the alphabet or the length.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::code_alphabet::{ascii, random_symbols, read_symbols, write_grouped};
use crate::error::{Error, Result};
use crate::kdf::{KdfParams, Kek, KekOrigin, Salt};
use crate::secret::SecretBytes;

const DATA_SYMBOLS: usize = 23;
const CHECK_SYMBOLS: usize = 2;
const SYMBOLS: usize = DATA_SYMBOLS + CHECK_SYMBOLS;
const GROUP: usize = 5;

/// A recovery code such as `7K2QM-X9D4R-…` (25 symbols in five groups).
///
/// Carries 115 bits of entropy; the last two symbols are a check, so a mistyped code is
/// rejected by [`parse`](Self::parse) before any key derivation. `Display` shows the code (to
/// print it once); `Debug` prints stars. Zeroed on drop.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct RecoveryCode {
    symbols: SecretBytes<SYMBOLS>,
}

impl RecoveryCode {
    /// How many letters and digits a recovery code has, dashes aside.
    pub const CHARS: usize = SYMBOLS;

    /// A fresh random recovery code.
    ///
    /// # Panics
    ///
    /// If the operating system cannot provide random bytes.
    pub fn generate() -> Self {
        let data = random_symbols::<DATA_SYMBOLS>();
        let mut symbols = SecretBytes::<SYMBOLS>::zeroed();
        symbols.as_mut_bytes()[..DATA_SYMBOLS].copy_from_slice(data.as_bytes());
        let check = check_symbols(data.as_bytes());
        symbols.as_mut_bytes()[DATA_SYMBOLS..].copy_from_slice(&check);
        Self { symbols }
    }

    /// Reads a typed recovery code. Case, spaces, dashes, full-width characters and the
    /// look-alikes O (for 0), I and L (for 1) are forgiven.
    ///
    /// # Errors
    ///
    /// [`Error::RecoveryCodeMalformed`] for a wrong length or a character outside the
    /// alphabet, [`Error::RecoveryCodeChecksum`] when a symbol was mistyped.
    pub fn parse(input: &str) -> Result<Self> {
        let malformed = Error::RecoveryCodeMalformed {
            expected_chars: SYMBOLS,
        };
        let values = read_symbols(input).ok_or(malformed.clone())?;
        let symbols = SecretBytes::<SYMBOLS>::from_slice(&values).ok_or(malformed)?;
        let (data, check) = symbols.as_bytes().split_at(DATA_SYMBOLS);
        if check_symbols(data) != check {
            return Err(Error::RecoveryCodeChecksum);
        }
        Ok(Self { symbols })
    }

    /// Derives the key-encryption key that wraps the class keys for recovery (Argon2id over
    /// the code's 25 symbols).
    ///
    /// `salt` is the recovery code's own salt, stored beside the keys it wraps, never shared
    /// with a passphrase.
    ///
    /// # Errors
    ///
    /// As [`derive_kek`](crate::derive_kek).
    pub fn derive_kek(&self, salt: &Salt, params: &KdfParams) -> Result<Kek> {
        let password = ascii(self.symbols.as_bytes());
        Kek::derive(&password, salt.as_bytes(), params, KekOrigin::RecoveryCode)
    }
}

impl fmt::Display for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_grouped(f, self.symbols.as_bytes(), GROUP)
    }
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(****)")
    }
}

/// Multiplication in GF(32) with the field polynomial x^5 + x^2 + 1.
const fn gf_mul(mut a: u8, mut b: u8) -> u8 {
    let mut product = 0;
    while b != 0 {
        if b & 1 != 0 {
            product ^= a;
        }
        b >>= 1;
        a <<= 1;
        if a & 0x20 != 0 {
            a ^= 0b10_0101;
        }
    }
    product
}

/// Generator g(x) = (x + α)(x + α²) = x² + (α + α²)·x + α³, with α = x = 2.
const G1: u8 = 2 ^ 4;
const G0: u8 = 8;

/// The remainder of data(x)·x² divided by g(x): the two check symbols.
fn check_symbols(data: &[u8]) -> [u8; CHECK_SYMBOLS] {
    let mut remainder = [0u8; CHECK_SYMBOLS];
    for &symbol in data {
        let feedback = symbol ^ remainder[0];
        remainder[0] = remainder[1] ^ gf_mul(feedback, G1);
        remainder[1] = gf_mul(feedback, G0);
    }
    remainder
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn values(code: &RecoveryCode) -> [u8; SYMBOLS] {
        *code.symbols.as_bytes()
    }

    fn text_of(symbols: &[u8; SYMBOLS]) -> String {
        let code = RecoveryCode {
            symbols: SecretBytes::from_slice(symbols).unwrap(),
        };
        code.to_string()
    }

    /// c(x) evaluated at `point` by Horner's rule (first symbol = highest degree).
    fn evaluate(codeword: &[u8], point: u8) -> u8 {
        codeword
            .iter()
            .fold(0, |acc, &symbol| gf_mul(acc, point) ^ symbol)
    }

    #[test]
    fn codewords_have_the_generator_roots() {
        for _ in 0..100 {
            let code = values(&RecoveryCode::generate());
            assert_eq!(evaluate(&code, 2), 0);
            assert_eq!(evaluate(&code, 4), 0);
        }
    }

    #[test]
    fn x_is_primitive_in_the_field() {
        // α = 2 must have order 31, or the code loses its distance.
        let mut power = 1u8;
        for exponent in 1..=31 {
            power = gf_mul(power, 2);
            assert_eq!(power == 1, exponent == 31, "α^{exponent}");
        }
    }

    #[test]
    fn display_groups_five_by_five() {
        let text = RecoveryCode::generate().to_string();
        let groups: Vec<&str> = text.split('-').collect();
        assert_eq!(groups.len(), 5);
        assert!(groups.iter().all(|g| g.len() == 5), "{text}");
        assert!(!text.contains(['I', 'L', 'O', 'U']), "{text}");
    }

    #[test]
    fn debug_prints_stars_only() {
        assert_eq!(
            format!("{:?}", RecoveryCode::generate()),
            "RecoveryCode(****)"
        );
    }

    #[test]
    fn a_code_typed_carelessly_still_reads() {
        let code = RecoveryCode::generate();
        let careless = code.to_string().to_lowercase().replace('-', " ");
        assert_eq!(
            values(&RecoveryCode::parse(&careless).unwrap()),
            values(&code)
        );
        let with_look_alikes = code.to_string().replace('0', "o").replace('1', "l");
        assert_eq!(
            values(&RecoveryCode::parse(&with_look_alikes).unwrap()),
            values(&code)
        );
    }

    #[test]
    fn malformed_codes_are_reported_as_malformed() {
        let code = RecoveryCode::generate().to_string();
        let malformed = Err(Error::RecoveryCodeMalformed { expected_chars: 25 });
        assert_eq!(
            RecoveryCode::parse(&code[..code.len() - 1]).map(|_| ()),
            malformed
        );
        assert_eq!(
            RecoveryCode::parse(&format!("{code}A")).map(|_| ()),
            malformed
        );
        assert_eq!(RecoveryCode::parse("").map(|_| ()), malformed);
        assert_eq!(
            RecoveryCode::parse(&code.replacen('-', "*", 1)).map(|_| ()),
            malformed
        );
    }

    #[test]
    fn checksum_error_message_asks_to_check_and_retype() {
        assert_eq!(
            Error::RecoveryCodeChecksum.to_string(),
            "恢复码有误，请核对后重新输入 (recovery code mistyped: check and retype)"
        );
    }

    #[test]
    fn derive_kek_depends_on_the_code() {
        let params = KdfParams::for_tests();
        let salt = Salt::generate();
        let code = RecoveryCode::generate();
        let again = RecoveryCode::parse(&code.to_string()).unwrap();
        let a = code.derive_kek(&salt, &params).unwrap();
        let b = again.derive_kek(&salt, &params).unwrap();
        assert_eq!(a.as_bytes(), b.as_bytes());
        let other = RecoveryCode::generate().derive_kek(&salt, &params).unwrap();
        assert_ne!(a.as_bytes(), other.as_bytes());
    }

    proptest! {
        #[test]
        fn recovery_codes_round_trip_through_display_and_parse(_seed in any::<u8>()) {
            let code = RecoveryCode::generate();
            let parsed = RecoveryCode::parse(&code.to_string())?;
            prop_assert_eq!(values(&parsed), values(&code));
        }

        #[test]
        fn any_single_changed_character_is_caught_at_every_position(_seed in any::<u8>()) {
            let code = values(&RecoveryCode::generate());
            for position in 0..SYMBOLS {
                for replacement in 0..32u8 {
                    if replacement == code[position] {
                        continue;
                    }
                    let mut typo = code;
                    typo[position] = replacement;
                    prop_assert_eq!(
                        RecoveryCode::parse(&text_of(&typo)).map(|_| ()),
                        Err(Error::RecoveryCodeChecksum),
                        "position {} replaced by {}", position, replacement
                    );
                }
            }
        }

        #[test]
        fn any_swap_of_two_different_characters_is_caught(_seed in any::<u8>()) {
            let code = values(&RecoveryCode::generate());
            for i in 0..SYMBOLS {
                for j in i + 1..SYMBOLS {
                    if code[i] == code[j] {
                        continue;
                    }
                    let mut swapped = code;
                    swapped.swap(i, j);
                    prop_assert_eq!(
                        RecoveryCode::parse(&text_of(&swapped)).map(|_| ()),
                        Err(Error::RecoveryCodeChecksum),
                        "positions {} and {}", i, j
                    );
                }
            }
        }

        #[test]
        fn any_two_changed_characters_are_caught(
            first in 0..SYMBOLS,
            second in 0..SYMBOLS,
            a in 1..32u8,
            b in 1..32u8,
        ) {
            prop_assume!(first != second);
            let mut typo = values(&RecoveryCode::generate());
            typo[first] ^= a;
            typo[second] ^= b;
            prop_assert_eq!(
                RecoveryCode::parse(&text_of(&typo)).map(|_| ()),
                Err(Error::RecoveryCodeChecksum)
            );
        }
    }
}
