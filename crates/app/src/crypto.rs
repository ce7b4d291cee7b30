//! Keys and the cryptography of personal data, tokens and codes.
//!
//! - Personal data at rest: AES-256-GCM with a random nonce; the column's name is the associated
//!   data, so a ciphertext moved to another column does not decrypt.
//! - Blind indexes: HMAC-SHA-256 of the normalised value under a separate key, so equal values can
//!   be found without decrypting.
//! - Tokens (sessions, email links) are random and stored as SHA-256; OTP codes as HMAC (a
//!   6-digit code alone has too little entropy for a plain hash).

use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use anyhow::{Context, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::config::{Config, Secret};

type HmacSha256 = Hmac<Sha256>;

/// Ciphertext layout: version byte, 12-byte nonce, ciphertext with tag.
const VERSION: u8 = 1;

#[derive(Clone)]
pub struct Keys {
    data: Aes256Gcm,
    index: [u8; 32],
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(***)")
    }
}

/// Which column a value belongs to (the associated data of its ciphertext).
#[derive(Debug, Clone, Copy)]
pub enum Field {
    Cnic,
    Passport,
    DateOfBirth,
    Mobile,
    PendingRegistration,
    JobPayload,
    SigningKey,
    Evidence,
    RequestValue,
    NoticeArgs,
    HelpDraft,
}

impl Field {
    fn label(self) -> &'static [u8] {
        match self {
            Field::Cnic => b"users.cnic",
            Field::Passport => b"users.passport",
            Field::DateOfBirth => b"users.dob",
            Field::Mobile => b"users.mobile",
            Field::PendingRegistration => b"pending_registrations.payload",
            Field::JobPayload => b"jobs.payload",
            Field::SigningKey => b"signing_keys.private_key",
            Field::Evidence => b"evidence.file",
            Field::RequestValue => b"data_requests.value",
            Field::NoticeArgs => b"notices.args",
            Field::HelpDraft => b"help_drafts.payload",
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("ciphertext could not be decrypted (wrong key or altered data)")]
pub struct DecryptError;

impl Keys {
    pub fn from_bytes(data_key: [u8; 32], index_key: [u8; 32]) -> Self {
        Self {
            data: Aes256Gcm::new(&data_key.into()),
            index: index_key,
        }
    }

    /// Keys from configuration; without them, development keys kept in `<data_dir>/dev-keys.toml`
    /// (created on first run, with a warning in the log).
    pub fn load(cfg: &Config) -> anyhow::Result<Self> {
        let s = &cfg.secrets;
        match (s.data_key.0.is_empty(), s.index_key.0.is_empty()) {
            (false, false) => Ok(Self::from_bytes(
                parse_key("secrets.data_key", &s.data_key)?,
                parse_key("secrets.index_key", &s.index_key)?,
            )),
            (true, true) => Self::development(&cfg.data_dir),
            _ => bail!(
                "set both secrets.data_key and secrets.index_key, or neither (development keys)"
            ),
        }
    }

    fn development(dir: &Path) -> anyhow::Result<Self> {
        let path = dir.join("dev-keys.toml");
        if !path.exists() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let text = format!(
                "# Development keys, generated on first run. Never use them in production:\n\
                 # set SOFTSKILLS_SECRETS__DATA_KEY and SOFTSKILLS_SECRETS__INDEX_KEY instead.\n\
                 data_key = \"{}\"\nindex_key = \"{}\"\n",
                hex::encode(random_bytes::<32>()),
                hex::encode(random_bytes::<32>())
            );
            write_private(&path, &text)?;
            tracing::warn!(path = %path.display(), "generated development encryption keys; configure real keys in production");
        } else {
            tracing::warn!(path = %path.display(), "using development encryption keys; configure real keys in production");
        }
        let t: toml::Table = std::fs::read_to_string(&path)?
            .parse()
            .with_context(|| format!("parsing {}", path.display()))?;
        let get = |k: &str| -> anyhow::Result<[u8; 32]> {
            let v = t
                .get(k)
                .and_then(|v| v.as_str())
                .with_context(|| format!("{k} missing in {}", path.display()))?;
            parse_key(k, &Secret(v.to_owned()))
        };
        Ok(Self::from_bytes(get("data_key")?, get("index_key")?))
    }

    pub fn encrypt(&self, field: Field, plain: &[u8]) -> Vec<u8> {
        let nonce = random_bytes::<12>();
        let ct = self
            .data
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: field.label(),
                },
            )
            .expect("AES-GCM encryption of an in-memory buffer cannot fail");
        let mut out = Vec::with_capacity(1 + 12 + ct.len());
        out.push(VERSION);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&ct);
        out
    }

    pub fn decrypt(&self, field: Field, blob: &[u8]) -> Result<Vec<u8>, DecryptError> {
        if blob.len() < 13 || blob[0] != VERSION {
            return Err(DecryptError);
        }
        self.data
            .decrypt(
                Nonce::from_slice(&blob[1..13]),
                Payload {
                    msg: &blob[13..],
                    aad: field.label(),
                },
            )
            .map_err(|_| DecryptError)
    }

    pub fn decrypt_string(&self, field: Field, blob: &[u8]) -> Result<String, DecryptError> {
        String::from_utf8(self.decrypt(field, blob)?).map_err(|_| DecryptError)
    }

    /// The blind index of a normalised value.
    pub fn blind_index(&self, field: Field, normalised: &str) -> Vec<u8> {
        self.mac(&[field.label(), normalised.as_bytes()])
    }

    /// A keyed hash for secrets with little entropy (OTP codes, rate-limit keys), domain-separated.
    pub fn mac(&self, parts: &[&[u8]]) -> Vec<u8> {
        let mut m =
            <HmacSha256 as Mac>::new_from_slice(&self.index).expect("HMAC takes any key length");
        for p in parts {
            m.update(&(p.len() as u32).to_be_bytes());
            m.update(p);
        }
        m.finalize().into_bytes().to_vec()
    }

    /// Constant-time check of a keyed hash.
    pub fn mac_matches(&self, parts: &[&[u8]], expected: &[u8]) -> bool {
        let mut m =
            <HmacSha256 as Mac>::new_from_slice(&self.index).expect("HMAC takes any key length");
        for p in parts {
            m.update(&(p.len() as u32).to_be_bytes());
            m.update(p);
        }
        m.verify_slice(expected).is_ok()
    }
}

/// A random token for a cookie or bearer header (256 bits, URL-safe base64).
pub fn new_token() -> String {
    URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// What is stored of a random token.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    rand::rng().fill_bytes(&mut b);
    b
}

/// A six-digit code, uniformly drawn.
/// A reference people quote on the phone: `PREFIX-XXXX-XXXX` in Crockford base32 (no I, L, O, U),
/// 40 random bits (help-desk tickets `HD`, requests about data `DR`).
pub fn reference(prefix: &str) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let s: String = random_bytes::<8>()
        .iter()
        .map(|b| ALPHABET[(*b as usize) % 32] as char)
        .collect();
    format!("{prefix}-{}-{}", &s[..4], &s[4..])
}

pub fn new_otp_code() -> String {
    use rand::Rng;
    format!("{:06}", rand::rng().random_range(0..1_000_000u32))
}

fn parse_key(name: &str, s: &Secret) -> anyhow::Result<[u8; 32]> {
    let bytes = hex::decode(s.0.trim()).with_context(|| format!("{name} must be 64 hex digits"))?;
    bytes
        .try_into()
        .map_err(|_| anyhow::anyhow!("{name} must be 64 hex digits (32 bytes)"))
}

fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.write_all(text.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Keys {
        Keys::from_bytes([7; 32], [9; 32])
    }

    #[test]
    fn round_trip_and_field_binding() {
        let k = keys();
        let ct = k.encrypt(Field::Cnic, b"3520212345671");
        assert_eq!(k.decrypt(Field::Cnic, &ct).unwrap(), b"3520212345671");
        assert!(
            k.decrypt(Field::Passport, &ct).is_err(),
            "moved to another column"
        );
        let mut tampered = ct.clone();
        *tampered.last_mut().unwrap() ^= 1;
        assert!(k.decrypt(Field::Cnic, &tampered).is_err());
        assert_ne!(
            k.encrypt(Field::Cnic, b"x"),
            k.encrypt(Field::Cnic, b"x"),
            "random nonces"
        );
    }

    #[test]
    fn blind_index_is_deterministic_per_field_and_key() {
        let k = keys();
        assert_eq!(
            k.blind_index(Field::Cnic, "1"),
            k.blind_index(Field::Cnic, "1")
        );
        assert_ne!(
            k.blind_index(Field::Cnic, "1"),
            k.blind_index(Field::Mobile, "1")
        );
        assert_ne!(
            k.blind_index(Field::Cnic, "1"),
            Keys::from_bytes([7; 32], [8; 32]).blind_index(Field::Cnic, "1")
        );
        assert!(k.mac_matches(&[b"a", b"b"], &k.mac(&[b"a", b"b"])));
        assert!(
            !k.mac_matches(&[b"ab"], &k.mac(&[b"a", b"b"])),
            "parts are length-prefixed"
        );
    }

    #[test]
    fn codes_are_six_digits() {
        for _ in 0..100 {
            let c = new_otp_code();
            assert_eq!(c.len(), 6);
            assert!(c.bytes().all(|b| b.is_ascii_digit()));
        }
    }
}
