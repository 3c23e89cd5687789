//! The alphabet hand-copied codes use: Crockford base32 digits and letters, without I L O U.
//! Reading a code forgives case, spaces, dashes, full-width input and look-alikes (O→0, I/L→1).

use std::fmt;

use zeroize::Zeroizing;

use crate::secret::SecretBytes;

/// The 32 symbols, in value order.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `N` random symbol values (each 0..32, uniformly: 256 is a multiple of 32).
pub(crate) fn random_symbols<const N: usize>() -> SecretBytes<N> {
    let mut symbols = SecretBytes::<N>::random();
    for value in symbols.as_mut_bytes().iter_mut() {
        *value &= 0x1F;
    }
    symbols
}

/// The symbol values typed in `input`, or `None` if it holds a character that is neither a
/// symbol, a look-alike of one, nor a separator. Lengths are the caller's to check.
pub(crate) fn read_symbols(input: &str) -> Option<Zeroizing<Vec<u8>>> {
    let mut values = Zeroizing::new(Vec::with_capacity(input.len()));
    for c in input.chars() {
        let c = narrow(c);
        if is_separator(c) {
            continue;
        }
        values.push(value_of(c)?);
    }
    Some(values)
}

/// Writes symbol values as text, with a dash between groups of `group` symbols.
pub(crate) fn write_grouped(
    f: &mut fmt::Formatter<'_>,
    values: &[u8],
    group: usize,
) -> fmt::Result {
    for (i, value) in values.iter().enumerate() {
        if i > 0 && i % group == 0 {
            f.write_str("-")?;
        }
        let symbol = ALPHABET[usize::from(*value & 0x1F)];
        fmt::Write::write_char(f, char::from(symbol))?;
    }
    Ok(())
}

/// The symbols of `values` as ASCII bytes (a KDF's password input), zeroed on drop.
pub(crate) fn ascii(values: &[u8]) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(
        values
            .iter()
            .map(|v| ALPHABET[usize::from(*v & 0x1F)])
            .collect(),
    )
}

/// Full-width forms (as typed with a Chinese input method) to their ASCII counterparts.
fn narrow(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '_' | '.' | '·' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}'
        )
}

fn value_of(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        'U' => 'V',
        other => other,
    };
    let byte = u8::try_from(c).ok()?;
    let position = ALPHABET.iter().position(|&s| s == byte)?;
    u8::try_from(position).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn plain(typed: &str) -> Option<Vec<u8>> {
        read_symbols(typed).map(|v| v.to_vec())
    }

    struct Grouped<'a>(&'a [u8], usize);

    impl fmt::Display for Grouped<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_grouped(f, self.0, self.1)
        }
    }

    #[test]
    fn every_symbol_reads_back_as_its_value() {
        let all: Vec<u8> = (0..32).collect();
        let text = Grouped(&all, 4).to_string();
        assert_eq!(text, "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ");
        assert_eq!(&read_symbols(&text).unwrap()[..], &all[..]);
    }

    #[test]
    fn reading_forgives_case_separators_full_width_and_look_alikes() {
        let expected = read_symbols("01AB-1Z").unwrap();
        for typed in [
            "01ab-1z",
            "oIAB lZ",
            "0 1 a b _ L z",
            "０１ＡＢ－１Ｚ",
            "01AB\u{3000}1Z",
            "01AB—1Z",
            "01AB–1Z",
        ] {
            assert_eq!(plain(typed), Some(expected.to_vec()), "{typed:?}");
        }
        assert_eq!(plain("u"), plain("V"));
    }

    #[test]
    fn reading_rejects_characters_outside_the_alphabet() {
        for typed in ["01AB*", "心语", "ABC!", "ÄB"] {
            assert_eq!(plain(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn random_symbols_stay_in_range() {
        let symbols = random_symbols::<64>();
        assert!(symbols.as_bytes().iter().all(|v| *v < 32));
    }
}
