//! The certificate number: `PSS-` then eight random Crockford base32 characters in two groups,
//! then a check character (Luhn mod 32, which catches every mistyped character and every swap of
//! two neighbours but one: `0` and `Z`). People can type it: no I, L, O or U, and when typed those read as 1, 1, 0.

use std::fmt;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CertNumber(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("a certificate number has the form PSS-XXXX-XXXX-X")]
    Format,
    #[error("the certificate number has a typing mistake (its check character does not match)")]
    Check,
}

fn value(c: u8) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        b'I' | b'L' => b'1',
        b'O' => b'0',
        other => other,
    };
    ALPHABET.iter().position(|a| *a == c).map(|p| p as u32)
}

/// Luhn mod N over base32 values.
fn check(values: &[u32]) -> u32 {
    let mut factor = 2;
    let mut sum = 0;
    for v in values.iter().rev() {
        let addend = factor * v;
        factor = if factor == 2 { 1 } else { 2 };
        sum += addend / 32 + addend % 32;
    }
    (32 - sum % 32) % 32
}

impl CertNumber {
    /// A new number from 40 random bits (the caller supplies them from a secure source).
    pub fn from_random(random: [u8; 5]) -> Self {
        let mut n = random.iter().fold(0u64, |acc, b| (acc << 8) | *b as u64);
        let mut values = [0u32; 8];
        for v in values.iter_mut().rev() {
            *v = (n % 32) as u32;
            n /= 32;
        }
        Self::from_values(&values)
    }

    fn from_values(values: &[u32; 8]) -> Self {
        let c = |v: u32| ALPHABET[v as usize] as char;
        let body: String = values.iter().map(|v| c(*v)).collect();
        CertNumber(format!(
            "PSS-{}-{}-{}",
            &body[..4],
            &body[4..],
            c(check(values))
        ))
    }

    /// Reads a number as people type it: any case, with or without `PSS` and hyphens or spaces.
    pub fn parse(input: &str) -> Result<Self, NumberError> {
        let compact: Vec<u8> = input
            .bytes()
            .filter(|b| !matches!(b, b'-' | b' ' | b'\t'))
            .collect();
        let compact = match compact.get(..3) {
            Some(p) if p.eq_ignore_ascii_case(b"PSS") => &compact[3..],
            _ => &compact[..],
        };
        if compact.len() != 9 {
            return Err(NumberError::Format);
        }
        let values: Vec<u32> = compact
            .iter()
            .map(|c| value(*c).ok_or(NumberError::Format))
            .collect::<Result<_, _>>()?;
        let body: [u32; 8] = values[..8].try_into().map_err(|_| NumberError::Format)?;
        if check(&body) != values[8] {
            return Err(NumberError::Check);
        }
        Ok(Self::from_values(&body))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CertNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn numbers_read_as_people_type_them() {
        let n = CertNumber::from_random([0x12, 0x34, 0x56, 0x78, 0x9A]);
        assert!(
            n.as_str().starts_with("PSS-") && n.as_str().len() == 15,
            "{n}"
        );
        let typed = n.as_str().to_lowercase().replace('-', " ");
        assert_eq!(CertNumber::parse(&typed).unwrap(), n);
        assert_eq!(CertNumber::parse(&n.as_str()[4..]).unwrap(), n);
        assert_eq!(CertNumber::parse("PSS-1234"), Err(NumberError::Format));
        assert_eq!(
            CertNumber::parse("PSS-UUUU-UUUU-U"),
            Err(NumberError::Format)
        );
    }

    proptest! {
        #[test]
        fn one_mistyped_character_or_swap_is_caught(random in any::<[u8; 5]>(), at in 0usize..9, to in 0u32..32) {
            let n = CertNumber::from_random(random);
            let compact: Vec<u8> = n.as_str().bytes().filter(|b| *b != b'-').skip(3).collect();
            let mut typo = compact.clone();
            typo[at] = ALPHABET[to as usize];
            if typo != compact {
                prop_assert!(CertNumber::parse(std::str::from_utf8(&typo).unwrap()).is_err());
            }
            // Luhn mod 32 cannot see 0 and Z swapped (both add the same); all other swaps show.
            let pair = [compact.get(at).copied(), compact.get(at + 1).copied()];
            let blind = pair == [Some(b'0'), Some(b'Z')] || pair == [Some(b'Z'), Some(b'0')];
            if at < 8 && compact[at] != compact[at + 1] && !blind {
                let mut swapped = compact.clone();
                swapped.swap(at, at + 1);
                prop_assert!(CertNumber::parse(std::str::from_utf8(&swapped).unwrap()).is_err());
            }
        }
    }
}
