//! The trust list: what an offline check needs to see revocations. Published at
//! `/api/v1/trust-list` and refreshed by the officers' offline page and `softskills verify`:
//! the signing keys with their windows (and which are compromised), the numbers revoked and
//! superseded, when the list was issued and when the next one is due.
//!
//! On the wire: `{"list": "<base64url of the list's JSON>", "kid": "...", "signature":
//! "<base64url Ed25519 signature of those bytes>"}`, signed with the key that signs certificates.
//! A checker that holds the key ids from an independent source (a key file, OEC's circular)
//! passes them as `pinned`; without them the list is checked against its own keys only.

use serde::{Deserialize, Serialize};

use crate::link::base64url;
use crate::seal::{PublicKey, SealError, key_id, verify_bytes};

pub const ISSUER: &str = crate::seal::ISSUER;

/// One signing key in the list: as in `/api/v1/certificate-keys`, times in Unix seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedKey {
    pub kid: String,
    /// The Ed25519 public key, base64url.
    pub x: String,
    pub valid_from: i64,
    pub valid_until: Option<i64>,
    pub compromised: bool,
}

/// The list itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustList {
    pub issuer: String,
    /// Unix seconds.
    pub issued_at: i64,
    /// Unix seconds: a checker older than this says the list is out of date.
    pub next_update: i64,
    pub keys: Vec<ListedKey>,
    pub revoked: Vec<String>,
    pub superseded: Vec<String>,
}

/// The list as published.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedList {
    pub list: String,
    pub kid: String,
    pub signature: String,
}

/// Why a list is not trusted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    #[error("this is not a PakSoftSkills trust list ({0})")]
    Malformed(&'static str),
    #[error("the trust list is signed by key {0}, which is not among the keys trusted here")]
    UnknownSigner(String),
    #[error("the trust list's signature does not match: it was altered")]
    BadSignature,
}

impl TrustList {
    /// Signs the list with `signer`.
    pub fn sign(&self, signer: &crate::Signer) -> SignedList {
        let bytes = serde_json::to_vec(self).expect("a list always encodes");
        SignedList {
            list: base64url::encode(&bytes),
            kid: signer.kid.clone(),
            signature: base64url::encode(&signer.sign_bytes(&bytes)),
        }
    }

    /// The keys, ready for [`crate::seal::verify`]. A key whose id is not its own is left out.
    pub fn public_keys(&self) -> Vec<PublicKey> {
        self.keys
            .iter()
            .filter_map(|k| {
                let key: [u8; 32] = base64url::decode(&k.x)?.try_into().ok()?;
                PublicKey::published(&k.kid, key, (k.valid_from, k.valid_until), k.compromised).ok()
            })
            .collect()
    }

    /// What the list says of a certificate number: "revoked", "superseded", or nothing.
    pub fn status_of(&self, number: &str) -> Option<&'static str> {
        if self.revoked.iter().any(|n| n == number) {
            Some("revoked")
        } else if self.superseded.iter().any(|n| n == number) {
            Some("superseded")
        } else {
            None
        }
    }

    /// Whether the list is past its next update at `now` (Unix seconds).
    pub fn is_stale(&self, now: i64) -> bool {
        now > self.next_update
    }
}

impl SignedList {
    /// Opens and checks a published list. With `pinned` keys, the signer must be one of them
    /// (same id and key) and not compromised; without, the signer must be a key of the list itself.
    pub fn open(&self, pinned: Option<&[PublicKey]>) -> Result<TrustList, TrustError> {
        let bytes = base64url::decode(&self.list).ok_or(TrustError::Malformed("not base64url"))?;
        let list: TrustList = serde_json::from_slice(&bytes)
            .map_err(|_| TrustError::Malformed("the list cannot be read"))?;
        if list.issuer != ISSUER {
            return Err(TrustError::Malformed("another issuer"));
        }
        let own = list.public_keys();
        let keys = pinned.unwrap_or(&own);
        let signer = keys
            .iter()
            .find(|k| k.kid == self.kid && !k.compromised && key_id(&k.key) == k.kid)
            .ok_or_else(|| TrustError::UnknownSigner(self.kid.clone()))?;
        let signature = base64url::decode(&self.signature).ok_or(TrustError::BadSignature)?;
        if !verify_bytes(&signer.key, &bytes, &signature) {
            return Err(TrustError::BadSignature);
        }
        Ok(list)
    }
}

/// A certificate checked offline against a trust list: its claims, or why it does not verify,
/// and what the list says of its number.
pub fn check(
    qr: &str,
    list: &TrustList,
    today: chrono::NaiveDate,
) -> Result<(crate::Claims, Option<&'static str>), SealError> {
    let claims = crate::seal::verify(qr, &list.public_keys(), today)?;
    let status = list.status_of(&claims.number);
    Ok((claims, status))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Claims, Signer};

    fn list(signer: &Signer) -> TrustList {
        TrustList {
            issuer: ISSUER.into(),
            issued_at: 1_795_600_000,
            next_update: 1_795_686_400,
            keys: vec![ListedKey {
                kid: signer.kid.clone(),
                x: base64url::encode(&signer.public_key()),
                valid_from: 1_795_000_000,
                valid_until: None,
                compromised: false,
            }],
            revoked: vec!["PSS-AAAA-BBBB-C".into()],
            superseded: vec!["PSS-DDDD-EEEE-F".into()],
        }
    }

    #[test]
    fn a_signed_list_opens_and_reports_revocations() {
        let signer = Signer::from_secret(&[3; 32]);
        let signed = list(&signer).sign(&signer);
        let opened = signed.open(None).unwrap();
        assert_eq!(opened, list(&signer));
        assert_eq!(opened.status_of("PSS-AAAA-BBBB-C"), Some("revoked"));
        assert_eq!(opened.status_of("PSS-DDDD-EEEE-F"), Some("superseded"));
        assert_eq!(opened.status_of("PSS-GGGG-HHHH-J"), None);
        assert!(!opened.is_stale(1_795_600_100) && opened.is_stale(1_795_686_401));
        // Pinned to the right key: opens; to another: refused.
        assert!(signed.open(Some(&opened.public_keys())).is_ok());
        let other = Signer::from_secret(&[4; 32]);
        let other_keys = list(&other).public_keys();
        assert_eq!(
            signed.open(Some(&other_keys)),
            Err(TrustError::UnknownSigner(signer.kid.clone()))
        );
        // A list changed after signing (a revocation removed): refused.
        let mut changed = list(&signer);
        changed.revoked.clear();
        let forged = SignedList {
            list: base64url::encode(&serde_json::to_vec(&changed).unwrap()),
            ..signed.clone()
        };
        assert_eq!(forged.open(None), Err(TrustError::BadSignature));
    }

    #[test]
    fn an_offline_check_sees_a_revocation() {
        let signer = Signer::from_secret(&[3; 32]);
        let claims = Claims {
            number: "PSS-AAAA-BBBB-C".into(),
            name: "Bilal Ahmed".into(),
            name_ur: None,
            cnic_last4: "4567".into(),
            issued: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
            expires: chrono::NaiveDate::from_ymd_opt(2029, 11, 24).unwrap(),
            issued_at: 1_795_600_000,
        };
        let text = signer.seal(&claims);
        let today = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let (c, status) = check(&text, &list(&signer), today).unwrap();
        assert_eq!(c.number, claims.number);
        assert_eq!(status, Some("revoked"));
    }
}
