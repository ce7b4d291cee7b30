//! The link in a certificate's QR code, and reading the signed bytes back from any form.
//!
//! The link is `<BASE>/V/<digits>`: the compressed envelope written as decimal digits, seven bytes
//! to seventeen digits (a last, shorter group of k bytes to 3, 5, 8, 10, 13 or 15 digits, so the
//! length says where it ends). A QR code holds digits in its numeric mode at 3⅓ bits each, and
//! the upper-case base (`HTTPS://HOST`) in its alphanumeric mode, so the code is about a quarter
//! smaller than the same bytes as base64url in byte mode: version 10 instead of 14 for a
//! certificate (73×73 modules became 57×57), which a cheap phone's camera reads at arm's length.
//! Phones open the link as typed; the portal answers `/V/…` and `/v/…`. Links of the first form,
//! `<base>/verify?c=<base64url>`, still verify.

use crate::seal::{PREFIX, SealError};

/// Bytes per full group, and the digits each group length takes (0 to 7 bytes).
const GROUP: usize = 7;
const DIGITS: [usize; 8] = [0, 3, 5, 8, 10, 13, 15, 17];

/// The QR link of a certificate text: `<BASE>/V/<digits>`. The scheme and host are written in
/// capitals (they mean the same, and a QR code holds capitals compactly); a base with a path keeps
/// its case.
pub fn link(base: &str, text: &str) -> Option<String> {
    let zipped = base45::decode(text.trim().strip_prefix(PREFIX)?).ok()?;
    Some(format!("{}/V/{}", qr_base(base), digits::encode(&zipped)))
}

fn qr_base(base: &str) -> String {
    let base = base.trim_end_matches('/');
    let path_free = base
        .split_once("://")
        .is_some_and(|(_, rest)| !rest.contains('/'));
    if path_free {
        base.to_ascii_uppercase()
    } else {
        base.to_owned()
    }
}

/// The compressed envelope from a certificate text or a QR link (either form).
pub(crate) fn unwrap_text(text: &str) -> Result<Vec<u8>, SealError> {
    if let Some(body) = text.strip_prefix(PREFIX) {
        return base45::decode(body).map_err(|_| SealError::Malformed("not base45"));
    }
    let path = text.split(['?', '#']).next().unwrap_or(text);
    if let Some((_, d)) = path.rsplit_once("/V/").or_else(|| path.rsplit_once("/v/")) {
        return digits::decode(d).ok_or(SealError::Malformed("not a certificate's digits"));
    }
    let query = text
        .split_once('?')
        .map(|(_, q)| q)
        .ok_or(SealError::Malformed(
            "neither PSS1: text nor a verification link",
        ))?;
    let c = query
        .split('&')
        .find_map(|p| p.strip_prefix("c="))
        .ok_or(SealError::Malformed("the link carries no certificate"))?;
    base64url::decode(c.split('#').next().unwrap_or(c)).ok_or(SealError::Malformed("not base64url"))
}

/// Bytes as decimal digits, seven at a time.
pub mod digits {
    use super::{DIGITS, GROUP};

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len() * 17 / 7 + 17);
        for chunk in bytes.chunks(GROUP) {
            let n = chunk.iter().fold(0u64, |acc, b| acc << 8 | u64::from(*b));
            out.push_str(&format!("{n:0width$}", width = DIGITS[chunk.len()]));
        }
        out
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let full = text.len() / DIGITS[GROUP];
        let rest = text.len() % DIGITS[GROUP];
        let last = DIGITS.iter().position(|d| *d == rest)?;
        let mut out = Vec::with_capacity(full * GROUP + last);
        let mut at = 0;
        for len in std::iter::repeat_n(GROUP, full).chain((last > 0).then_some(last)) {
            let width = DIGITS[len];
            let n: u64 = text[at..at + width].parse().ok()?;
            if len < 8 && n >> (8 * len) != 0 {
                return None; // more than the group's bytes can hold
            }
            out.extend((0..len).rev().map(|i| (n >> (8 * i)) as u8));
            at += width;
        }
        Some(out)
    }
}

/// Unpadded base64url (RFC 4648 section 5).
pub mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, b)| acc | (*b as u32) << (16 - 8 * i));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len() * 3 / 4);
        let values: Vec<u32> = text
            .bytes()
            .map(|c| ALPHABET.iter().position(|a| *a == c).map(|p| p as u32))
            .collect::<Option<_>>()?;
        for chunk in values.chunks(4) {
            if chunk.len() == 1 {
                return None;
            }
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |acc, (i, v)| acc | v << (18 - 6 * i));
            for i in 0..chunk.len() - 1 {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_round_trip_every_length_and_refuse_the_impossible() {
        for len in 0..40usize {
            let bytes: Vec<u8> = (0..len)
                .map(|i| (i as u8).wrapping_mul(97) ^ 0xA5)
                .collect();
            let d = digits::encode(&bytes);
            assert!(d.bytes().all(|b| b.is_ascii_digit()));
            if len > 0 {
                assert_eq!(digits::decode(&d), Some(bytes), "{len} bytes");
            }
        }
        assert_eq!(digits::encode(&[0xFF; 7]), "72057594037927935");
        assert_eq!(
            digits::decode("999"),
            None,
            "999 is more than one byte holds"
        );
        assert_eq!(digits::decode("1234"), None, "no group is four digits long");
        assert_eq!(digits::decode("12a"), None);
        assert_eq!(digits::decode(""), None);
    }

    #[test]
    fn the_base_is_written_in_capitals_unless_it_has_a_path() {
        assert_eq!(
            qr_base("https://portal.example.pk/"),
            "HTTPS://PORTAL.EXAMPLE.PK"
        );
        assert_eq!(qr_base("http://127.0.0.1:8080"), "HTTP://127.0.0.1:8080");
        assert_eq!(
            qr_base("https://gov.pk/softskills"),
            "https://gov.pk/softskills"
        );
    }
}
