//! The trust list (psk_cert::trust), made from the register: every signing key with its window,
//! the revoked and superseded numbers, signed with the key that signs certificates. Published at
//! `GET /api/v1/trust-list`; the officers' offline page and `softskills verify --trust-list` use
//! it, so an offline check sees revocations up to the list's issue time and says how old it is.

use psk_cert::trust::{ListedKey, SignedList, TrustList};

use crate::error::AppResult;
use crate::state::AppState;

/// How long a list is current: checkers warn after this (the list itself is made fresh on every
/// request, and cached by browsers for a few minutes).
pub const CURRENT_HOURS: i64 = 24;

/// The list as of now, signed.
pub async fn current(st: &AppState) -> AppResult<SignedList> {
    let now = st.clock.now().timestamp();
    let keys = super::keys::published(st)
        .await?
        .into_iter()
        .map(|(k, _)| ListedKey {
            kid: k.kid,
            x: psk_cert::link::base64url::encode(&k.key),
            valid_from: k.valid_from,
            valid_until: k.valid_until,
            compromised: k.compromised,
        })
        .collect();
    let (mut revoked, mut superseded) = (vec![], vec![]);
    for (number, status) in psk_store::certificates::numbers_not_in_force(st.db.ex()).await? {
        if status == "revoked" {
            revoked.push(number);
        } else {
            superseded.push(number);
        }
    }
    let list = TrustList {
        issuer: psk_cert::trust::ISSUER.into(),
        issued_at: now,
        next_update: now + CURRENT_HOURS * 3600,
        keys,
        revoked,
        superseded,
    };
    Ok(list.sign(&super::keys::signer(st).await?))
}
