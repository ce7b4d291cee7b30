//! The Ed25519 keys that sign certificates: created on first use (never in the repository),
//! the private half encrypted with the data key in the database, rotated by `softskills admin
//! rotate-signing-key`. Retired keys sign nothing new and stay published with their window, so
//! every certificate they signed while in use still verifies, and none dated after. A key
//! declared compromised (`softskills admin compromise-signing-key`) verifies nothing.

use psk_cert::{PublicKey, Signer};
use psk_store::certificates::{self, SigningKey};
use serde_json::json;

use crate::audit::Event;
use crate::crypto::{Field, random_bytes};
use crate::error::AppResult;
use crate::state::AppState;

/// Creates a key and makes it the one that signs; older keys are retired (still published).
pub async fn create(st: &AppState) -> AppResult<String> {
    let secret: [u8; 32] = random_bytes();
    let signer = Signer::from_secret(&secret);
    let now = st.clock.now();
    let row = SigningKey {
        kid: signer.kid.clone(),
        public_key: signer.public_key().to_vec(),
        private_key_enc: st.keys.encrypt(Field::SigningKey, &secret),
        created_at: now,
        retired_at: None,
        compromised_at: None,
    };
    let mut tx = st.db.begin().await?;
    certificates::insert_key(tx.ex(), &row).await?;
    certificates::retire_others(tx.ex(), &row.kid, now).await?;
    Event::new("certificate.key_created")
        .detail(json!({ "kid": row.kid }))
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(signer.kid)
}

/// The key that signs new certificates (created on first use).
pub async fn signer(st: &AppState) -> AppResult<Signer> {
    let keys = certificates::keys(st.db.ex()).await?;
    let current = match keys
        .into_iter()
        .find(|k| k.retired_at.is_none() && k.compromised_at.is_none())
    {
        Some(k) => k,
        None => {
            create(st).await?;
            return Box::pin(signer(st)).await;
        }
    };
    let secret = st
        .keys
        .decrypt(Field::SigningKey, &current.private_key_enc)
        .map_err(anyhow::Error::from)?;
    let secret: [u8; 32] = secret
        .try_into()
        .map_err(|_| anyhow::anyhow!("a signing key is not 32 bytes"))?;
    Ok(Signer::from_secret(&secret))
}

/// Every public key, current and retired, with the window in which it signed and whether it is
/// compromised (for `/api/v1/certificate-keys`, the trust list and verification).
pub async fn published(st: &AppState) -> AppResult<Vec<(PublicKey, SigningKey)>> {
    Ok(certificates::keys(st.db.ex())
        .await?
        .into_iter()
        .filter_map(|k| {
            let key: [u8; 32] = k.public_key.clone().try_into().ok()?;
            let window = (
                k.created_at.timestamp(),
                k.retired_at.map(|t| t.timestamp()),
            );
            let public =
                PublicKey::published(&k.kid, key, window, k.compromised_at.is_some()).ok()?;
            Some((public, k))
        })
        .collect())
}

/// Declares a key compromised: every certificate it signed stops verifying (officers are told
/// "key compromised"), and if it was signing, a new key takes over. The holders need reissued
/// certificates (`admin reissue`). Returns the new signing key's id, if one was made.
pub async fn compromise(st: &AppState, kid: &str, reason: &str) -> AppResult<Option<String>> {
    let was_current = certificates::keys(st.db.ex())
        .await?
        .iter()
        .any(|k| k.kid == kid && k.retired_at.is_none());
    let mut tx = st.db.begin().await?;
    if !certificates::compromise_key(tx.ex(), kid, st.clock.now()).await? {
        return Err(crate::error::AppError::NotFound);
    }
    Event::new("certificate.key_compromised")
        .detail(json!({ "kid": kid, "reason": reason }))
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    if was_current {
        Ok(Some(create(st).await?))
    } else {
        Ok(None)
    }
}
