//! The signed payload: CWT-style CBOR claims in a COSE_Sign1 envelope, signed with Ed25519 and
//! zlib-compressed. Written two ways, both verified by [`verify`]:
//! - the certificate text, `PSS1:` + base45 (as the EU Digital COVID Certificate's `HC1:`), for
//!   pasting and for officers' scanners;
//! - the link in the QR code (crate::link), so a phone's camera opens the verification page, and
//!   the same bytes verify offline.
//!
//! Claims (a CBOR map): `1` issuer (text), `6` issued at (Unix seconds, the instant of issue;
//! certificates issued before December 2026 carry the start of the issue day, UTC) and `4`
//! expires at (the end of the expiry day, UTC), and `-70001` the certificate: a
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

use crate::link::unwrap_text;

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
    /// The instant of issue, Unix seconds (claim 6).
    pub issued_at: i64,
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
    #[error("the key {0} was not in use when this certificate says it was issued")]
    OutsideKeyWindow(String),
    #[error(
        "the key {0} that signed this certificate is compromised: nothing it signed is trusted"
    )]
    KeyCompromised(String),
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

/// Whether `signature` is `key`'s Ed25519 signature of `message`.
pub fn verify_bytes(key: &[u8; 32], message: &[u8], signature: &[u8]) -> bool {
    let Ok(key) = VerifyingKey::from_bytes(key) else {
        return false;
    };
    Signature::from_slice(signature).is_ok_and(|s| key.verify(message, &s).is_ok())
}

/// A published public key and when it signed: from `valid_from` until `valid_until` (its
/// retirement; open while it signs), Unix seconds. A compromised key verifies nothing.
#[derive(Debug, Clone)]
pub struct PublicKey {
    pub kid: String,
    pub key: [u8; 32],
    pub valid_from: i64,
    pub valid_until: Option<i64>,
    pub compromised: bool,
}

impl PublicKey {
    /// A key as published (a key file, the register): refused when its id is not the id of its
    /// key, so a file cannot pass one key off under another's id.
    pub fn published(
        kid: &str,
        key: [u8; 32],
        (valid_from, valid_until): (i64, Option<i64>),
        compromised: bool,
    ) -> Result<Self, String> {
        let own = key_id(&key);
        if own != kid {
            return Err(format!(
                "key id {kid} does not belong to its key (whose id is {own})"
            ));
        }
        Ok(Self {
            kid: own,
            key,
            valid_from,
            valid_until,
            compromised,
        })
    }

    /// Whether the key was signing at `issued_at`. Certificates issued before the claim carried
    /// the instant carry the start of their issue day (UTC), up to a day before the key's first
    /// use on that day: a day's grace before `valid_from`, none after `valid_until`.
    pub fn signed_at(&self, issued_at: i64) -> bool {
        // Whole seconds: a certificate sealed in the second the key retired is its last.
        issued_at + 86_400 > self.valid_from && self.valid_until.is_none_or(|end| issued_at <= end)
    }
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

    /// An Ed25519 signature of `message` (the trust list is signed this way).
    pub fn sign_bytes(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
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
        (Value::Integer(6.into()), Value::Integer(c.issued_at.into())),
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
    let issued_at = get(map, &Value::Integer(6.into()))
        .and_then(|v| v.as_integer())
        .and_then(|i| i64::try_from(i).ok())
        .ok_or(bad.clone())?;
    Ok(Claims {
        issued_at,
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
    if key.compromised {
        return Err(SealError::KeyCompromised(kid));
    }
    let verifying =
        VerifyingKey::from_bytes(&key.key).map_err(|_| SealError::UnknownKey(kid.clone()))?;
    sign1
        .verify_signature(b"", |sig, tbs| {
            let sig = Signature::from_slice(sig).map_err(|_| ())?;
            verifying.verify(tbs, &sig).map_err(|_| ())
        })
        .map_err(|()| SealError::BadSignature)?;
    let claims = parse_claims(sign1.payload.as_deref().unwrap_or_default())?;
    // A retired key still verifies what it signed while in use, and nothing dated after.
    if !key.signed_at(claims.issued_at) {
        return Err(SealError::OutsideKeyWindow(kid));
    }
    if claims.expires < today {
        return Err(SealError::Expired(Box::new(claims)));
    }
    Ok(claims)
}

#[cfg(test)]
mod tests;
