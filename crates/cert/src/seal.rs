//! The signed payload: CWT-style CBOR claims in a COSE_Sign1 envelope, signed with Ed25519 and
//! zlib-compressed. Written two ways, both verified by [`verify`]:
//! - the certificate text, `PSS1:` + base45 (as the EU Digital COVID Certificate's `HC1:`), for
//!   pasting and for officers' scanners;
//! - the link in the QR code, `<portal>/verify?c=` + base64url of the same bytes, so a phone's
//!   camera opens the verification page, and the same bytes verify offline.
//!
//! Claims (a CBOR map): `1` issuer (text), `6` issued at and `4` expires at (Unix seconds, the
//! start of the issue day and the end of the expiry day, UTC), and `-70001` the certificate: a
//! map with `n` the number, `nm` the name, `nu` the name in Urdu script (when given), `c4` the
//! last four digits of the CNIC, `i` and `e` the issue and expiry dates (`YYYY-MM-DD`). The protected header holds `alg` = EdDSA (-8) and `kid`
//! (the first eight bytes of the SHA-256 of the public key).

use std::io::{Read, Write};

use chrono::NaiveDate;
use ciborium::Value;
use coset::{
    CborSerializable, CoseSign1, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable, iana,
};
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

pub const PREFIX: &str = "PSS1:";
pub const ISSUER: &str = "PK-BEOE-PakSoftSkills";
const CLAIM_CERTIFICATE: i64 = -70001;
/// The largest QR text accepted (a certificate is about 250 characters).
const MAX_TEXT: usize = 4096;

/// What a certificate says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    pub number: String,
    pub name: String,
    /// The name in Urdu script, when the holder gave it.
    pub name_ur: Option<String>,
    pub cnic_last4: String,
    pub issued: NaiveDate,
    pub expires: NaiveDate,
}

/// Why a QR text does not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("this is not a PakSoftSkills certificate code ({0})")]
    Malformed(&'static str),
    #[error("the certificate was signed with a key that is not published (key id {0})")]
    UnknownKey(String),
    #[error("the signature does not match: the certificate was altered or forged")]
    BadSignature,
    #[error("the certificate expired on {}", .0.expires)]
    Expired(Box<Claims>),
}

/// The key id of a public key: the first eight bytes of its SHA-256, in hex.
pub fn key_id(public: &[u8; 32]) -> String {
    Sha256::digest(public)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A published public key.
#[derive(Debug, Clone)]
pub struct PublicKey {
    pub kid: String,
    pub key: [u8; 32],
}

/// Signs certificates with one private key.
pub struct Signer {
    key: SigningKey,
    pub kid: String,
}

impl Signer {
    pub fn from_secret(secret: &[u8; 32]) -> Self {
        let key = SigningKey::from_bytes(secret);
        let kid = key_id(key.verifying_key().as_bytes());
        Signer { key, kid }
    }

    pub fn public_key(&self) -> [u8; 32] {
        *self.key.verifying_key().as_bytes()
    }

    /// The QR text of a certificate.
    pub fn seal(&self, c: &Claims) -> String {
        let protected = HeaderBuilder::new()
            .algorithm(iana::Algorithm::EdDSA)
            .key_id(hex_bytes(&self.kid))
            .build();
        let sign1 = CoseSign1Builder::new()
            .protected(protected)
            .payload(claims_cbor(c))
            .create_signature(b"", |tbs| self.key.sign(tbs).to_bytes().to_vec())
            .build();
        let bytes = sign1.to_tagged_vec().expect("a COSE_Sign1 always encodes");
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&bytes).expect("writing to memory");
        let zipped = z.finish().expect("writing to memory");
        format!("{PREFIX}{}", base45::encode(&zipped))
    }
}

/// The QR link of a certificate text: `<base>/verify?c=<base64url>`.
pub fn link(base: &str, text: &str) -> Option<String> {
    let zipped = base45::decode(text.trim().strip_prefix(PREFIX)?).ok()?;
    Some(format!(
        "{}/verify?c={}",
        base.trim_end_matches('/'),
        base64url::encode(&zipped)
    ))
}

/// The compressed envelope from a certificate text or a QR link.
fn unwrap_text(text: &str) -> Result<Vec<u8>, SealError> {
    if let Some(body) = text.strip_prefix(PREFIX) {
        return base45::decode(body).map_err(|_| SealError::Malformed("not base45"));
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

/// Unpadded base64url (RFC 4648 section 5).
mod base64url {
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

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
        .collect()
}

fn day_start(d: NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc()
        .timestamp()
}

fn claims_cbor(c: &Claims) -> Vec<u8> {
    let text = |s: &str| Value::Text(s.to_owned());
    let mut fields = vec![
        (text("n"), text(&c.number)),
        (text("nm"), text(&c.name)),
        (text("c4"), text(&c.cnic_last4)),
        (text("i"), text(&c.issued.to_string())),
        (text("e"), text(&c.expires.to_string())),
    ];
    if let Some(ur) = &c.name_ur {
        fields.push((text("nu"), text(ur)));
    }
    let cert = Value::Map(fields);
    let map = Value::Map(vec![
        (Value::Integer(1.into()), text(ISSUER)),
        (
            Value::Integer(4.into()),
            Value::Integer((day_start(c.expires) + 86_399).into()),
        ),
        (
            Value::Integer(6.into()),
            Value::Integer(day_start(c.issued).into()),
        ),
        (Value::Integer(CLAIM_CERTIFICATE.into()), cert),
    ]);
    let mut out = vec![];
    ciborium::into_writer(&map, &mut out).expect("writing to memory");
    out
}

fn parse_claims(payload: &[u8]) -> Result<Claims, SealError> {
    let bad = SealError::Malformed("the claims cannot be read");
    let value: Value = ciborium::from_reader(payload).map_err(|_| bad.clone())?;
    let map = value.as_map().ok_or(bad.clone())?;
    let get = |m: &[(Value, Value)], k: &Value| {
        m.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone())
    };
    if get(map, &Value::Integer(1.into())) != Some(Value::Text(ISSUER.into())) {
        return Err(SealError::Malformed("another issuer"));
    }
    let cert = get(map, &Value::Integer(CLAIM_CERTIFICATE.into())).ok_or(bad.clone())?;
    let cert = cert.as_map().ok_or(bad.clone())?;
    let field = |k: &str| {
        get(cert, &Value::Text(k.into()))
            .and_then(|v| v.as_text().map(str::to_owned))
            .ok_or(bad.clone())
    };
    let date = |k: &str| {
        field(k).and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| bad.clone()))
    };
    Ok(Claims {
        number: field("n")?,
        name: field("nm")?,
        name_ur: field("nu").ok(),
        cnic_last4: field("c4")?,
        issued: date("i")?,
        expires: date("e")?,
    })
}

/// Verifies a QR text against the published keys on `today`: the claims, or why not.
pub fn verify(text: &str, keys: &[PublicKey], today: NaiveDate) -> Result<Claims, SealError> {
    let text = text.trim();
    if text.len() > MAX_TEXT {
        return Err(SealError::Malformed("too long"));
    }
    let zipped = unwrap_text(text)?;
    let mut bytes = vec![];
    flate2::read::ZlibDecoder::new(&zipped[..])
        .take(64 * 1024)
        .read_to_end(&mut bytes)
        .map_err(|_| SealError::Malformed("not compressed data"))?;
    let sign1 = CoseSign1::from_tagged_slice(&bytes)
        .or_else(|_| CoseSign1::from_slice(&bytes))
        .map_err(|_| SealError::Malformed("not a COSE_Sign1 envelope"))?;
    if sign1.protected.header.alg
        != Some(coset::RegisteredLabelWithPrivate::Assigned(
            iana::Algorithm::EdDSA,
        ))
    {
        return Err(SealError::Malformed("not signed with EdDSA"));
    }
    let kid: String = sign1
        .protected
        .header
        .key_id
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let key = keys
        .iter()
        .find(|k| k.kid == kid)
        .ok_or_else(|| SealError::UnknownKey(kid.clone()))?;
    let verifying = VerifyingKey::from_bytes(&key.key).map_err(|_| SealError::UnknownKey(kid))?;
    sign1
        .verify_signature(b"", |sig, tbs| {
            let sig = Signature::from_slice(sig).map_err(|_| ())?;
            verifying.verify(tbs, &sig).map_err(|_| ())
        })
        .map_err(|()| SealError::BadSignature)?;
    let claims = parse_claims(sign1.payload.as_deref().unwrap_or_default())?;
    if claims.expires < today {
        return Err(SealError::Expired(Box::new(claims)));
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> Claims {
        Claims {
            number: "PSS-7KQ4-M2XD-9".into(),
            name: "Bilal Ahmed".into(),
            name_ur: Some("بلال احمد".into()),
            cnic_last4: "4567".into(),
            issued: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            expires: NaiveDate::from_ymd_opt(2029, 11, 24).unwrap(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_sealed_certificate_verifies_and_nothing_else_does() {
        let signer = Signer::from_secret(&[7; 32]);
        let keys = vec![PublicKey {
            kid: signer.kid.clone(),
            key: signer.public_key(),
        }];
        let text = signer.seal(&claims());
        assert!(text.starts_with(PREFIX));
        assert!(text.len() < 400, "{} characters", text.len());
        assert_eq!(verify(&text, &keys, day(2026, 11, 25)), Ok(claims()));
        // Expired.
        assert!(matches!(
            verify(&text, &keys, day(2029, 11, 25)),
            Err(SealError::Expired(_))
        ));
        // Another key.
        let other = Signer::from_secret(&[8; 32]);
        let forged = other.seal(&claims());
        assert!(matches!(
            verify(&forged, &keys, day(2027, 1, 1)),
            Err(SealError::UnknownKey(_))
        ));
        // The other key published under the first one's id: the signature does not match.
        let swapped = vec![PublicKey {
            kid: signer.kid.clone(),
            key: other.public_key(),
        }];
        assert_eq!(
            verify(&text, &swapped, day(2027, 1, 1)),
            Err(SealError::BadSignature)
        );
        // The QR link carries the same bytes.
        let url = link("https://portal.example.pk/", &text).unwrap();
        assert!(
            url.starts_with("https://portal.example.pk/verify?c="),
            "{url}"
        );
        assert_eq!(verify(&url, &keys, day(2026, 11, 25)), Ok(claims()));
        // Garbage.
        assert!(matches!(
            verify("HC1:ABC", &keys, day(2027, 1, 1)),
            Err(SealError::Malformed(_))
        ));
        assert!(matches!(
            verify("https://x/verify?c=!!", &keys, day(2027, 1, 1)),
            Err(SealError::Malformed(_))
        ));
        assert!(matches!(
            verify("PSS1:abc", &keys, day(2027, 1, 1)),
            Err(SealError::Malformed(_))
        ));
    }

    #[test]
    fn every_changed_byte_is_refused() {
        let signer = Signer::from_secret(&[9; 32]);
        let keys = vec![PublicKey {
            kid: signer.kid.clone(),
            key: signer.public_key(),
        }];
        let text = signer.seal(&claims());
        // Change the signed bytes themselves (not only the text): decode, flip, re-encode.
        let zipped = base45::decode(&text[PREFIX.len()..]).unwrap();
        let mut raw = vec![];
        flate2::read::ZlibDecoder::new(&zipped[..])
            .read_to_end(&mut raw)
            .unwrap();
        for i in 0..raw.len() {
            let mut changed = raw.clone();
            changed[i] ^= 0x01;
            let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
            z.write_all(&changed).unwrap();
            let t = format!("{PREFIX}{}", base45::encode(z.finish().unwrap()));
            assert!(
                verify(&t, &keys, day(2027, 1, 1)).is_err(),
                "byte {i} changed and still valid"
            );
        }
    }
}
