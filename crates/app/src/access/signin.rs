//! Sign-in by CNIC or mobile number and password; sign-out.
//!
//! The answer and its cost are the same for unknown accounts (a dummy argon2 verification).
//! Failures are counted in the database (see [`Limits`]): after a few the answer slows down
//! (growing delays), and past a limit the identifier is locked for that client address, or for
//! devices the account has never used. Nobody can lock an owner out of their own phone, and a
//! completed password reset lifts every lock. Locks are keyed by what was typed, so they too look
//! the same whether or not an account exists.

use chrono::Duration;
use psk_domain::cnic::Cnic;
use psk_domain::contact::MobileNumber;
use psk_store::users::{self, UserRow};
use serde_json::json;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::password;
use crate::auth::rate::{self, Limit};
use crate::auth::session::{self, CurrentUser, DeviceInfo, Issued, Kind};
use crate::crypto::{self, Field};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The accounts an identifier may mean: one by CNIC, up to a few by a shared mobile number.
pub async fn candidates(st: &AppState, identifier: &str) -> AppResult<(Vec<UserRow>, String)> {
    if let Ok(cnic) = Cnic::parse(identifier) {
        let hash = st.keys.blind_index(Field::Cnic, cnic.as_str());
        let found = users::find_by_cnic_hash(st.db.ex(), &hash).await?;
        return Ok((
            found.into_iter().collect(),
            format!("cnic:{}", cnic.as_str()),
        ));
    }
    if let Ok(mobile) = MobileNumber::parse(identifier) {
        let hash = st.keys.blind_index(Field::Mobile, mobile.e164());
        return Ok((
            users::find_by_mobile_hash(st.db.ex(), &hash).await?,
            format!("mobile:{}", mobile.e164()),
        ));
    }
    Ok((
        vec![],
        format!("other:{}", identifier.trim().to_lowercase()),
    ))
}

/// The limits on failed sign-ins, all over one window:
/// - per identifier *and* client address: a few tries, then that address is locked for that
///   identifier, so a stranger elsewhere cannot lock the owner out;
/// - per identifier and per account, from every address: many more, then only devices that have
///   never signed in to the account are locked (the owner's phone still gets in);
/// - per client address: past the limit, that address is locked for every identifier (many
///   accounts guessed from one place), again except for the account's own devices.
///
/// Every key but the address's includes the account's current password hash, so a completed
/// password reset (by OTP) starts them all afresh: it lifts any lock.
struct Limits {
    pair: Limit,
    everywhere: Limit,
    client: Limit,
}

fn limits(st: &AppState) -> Limits {
    let c = &st.config.sign_in;
    let window = Duration::minutes(c.window_minutes);
    Limits {
        pair: Limit {
            bucket: "signin_fail_identifier_client",
            window,
            limit: c.max_failures_per_account,
        },
        everywhere: Limit {
            bucket: "signin_fail_identifier",
            window,
            limit: c.max_failures_per_account_everywhere,
        },
        client: Limit {
            bucket: "signin_fail_client",
            window,
            limit: c.max_failures_per_client,
        },
    }
}

/// Whether the device signing in has signed in to one of these accounts before. An app that does
/// not name its device is never known.
async fn known_device(st: &AppState, found: &[UserRow], device: &DeviceInfo) -> AppResult<bool> {
    if device.key.is_empty() || device.key == session::UNIDENTIFIED_APP {
        return Ok(false);
    }
    let key_hash = crypto::token_hash(&format!("{}:{}", device.kind, device.key));
    // One look-up even for an unknown identifier, so the time taken does not tell them apart.
    let ids: Vec<Uuid> = match found {
        [] => vec![Uuid::nil()],
        _ => found.iter().map(|u| u.id).collect(),
    };
    for id in ids {
        if psk_store::devices::known(st.db.ex(), id, &key_hash).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

#[tracing::instrument(skip_all, fields(kind = kind.as_str()))]
pub async fn sign_in(
    st: &AppState,
    identifier: &str,
    pass: &str,
    device: &DeviceInfo,
    kind: Kind,
    ip: &str,
) -> AppResult<(UserRow, Issued)> {
    let (found, normalised) = candidates(st, identifier).await?;
    let l = limits(st);
    // The accounts' password hashes and unlock counts are the keys' epoch: a reset or a support
    // agent's unlock changes them.
    let epoch: Vec<u8> = found
        .iter()
        .flat_map(|u| {
            let mut e = u.password_hash.as_bytes().to_vec();
            e.extend_from_slice(&u.sign_in_epoch.to_be_bytes());
            e
        })
        .collect();
    let client_key = rate::client_key(st, ip);
    let id_key = st.keys.mac(&[b"signin", normalised.as_bytes(), &epoch]);
    let pair_key = st.keys.mac(&[b"signin-pair", &id_key, &client_key]);
    let known = known_device(st, &found, device).await?;
    // Every account the identifier may mean is counted too, so its CNIC and its mobile number do
    // not each get their own allowance.
    let mut keys: Vec<(Limit, Vec<u8>)> = vec![(l.pair, pair_key)];
    if !known {
        keys.push((l.everywhere, id_key));
        for u in &found {
            let everywhere = Limit {
                bucket: "signin_fail_account",
                ..l.everywhere
            };
            let key = st.keys.mac(&[
                b"signin-account",
                u.id.as_bytes(),
                u.password_hash.as_bytes(),
                &u.sign_in_epoch.to_be_bytes(),
            ]);
            keys.push((everywhere, key));
        }
        keys.push((l.client, client_key));
    }
    // A try is counted before the password is checked, so parallel guesses cannot outrun the
    // limit; a successful sign-in takes its try back.
    let mut failures = 0;
    for (limit, key) in &keys {
        match limit.hit(st, key).await {
            // The back-off follows the identifier and the accounts only. The client address's
            // count includes every sign-in in flight from it (a success takes its try back only
            // when it ends), and many people share one address (mobile carriers' NAT, an OEP's
            // office): counting those made every sign-in there wait 4 s (bench/REPORT.md).
            Ok(()) if limit.bucket == "signin_fail_client" => {}
            Ok(()) => failures = failures.max(limit.count(st, key).await? - 1),
            Err(AppError::RateLimited { retry_after_secs }) => {
                let mut ev = Event::new("signin.locked")
                    .detail(json!({ "kind": kind.as_str(), "bucket": limit.bucket }))
                    .ip(ip);
                if let [u] = found.as_slice() {
                    ev = ev.subject(u.id);
                }
                ev.record_alone(st).await?;
                return Err(AppError::Locked { retry_after_secs });
            }
            Err(e) => return Err(e),
        }
    }
    // Growing delays: from the third failure, each answer waits longer (0.25 s, 0.5 s, 1 s, … up
    // to 4 s).
    if failures >= 2 {
        let ms = (250u64 << (failures - 2).min(4)).min(4000);
        tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
    }
    // The same number of checks whatever the identifier matched: a mobile number costs as many
    // as the accounts a number may serve, so timing does not tell how many accounts share it.
    let checks = if normalised.starts_with("mobile:") {
        st.config.registration.accounts_per_mobile.max(1) as usize
    } else {
        1
    };
    let mut matched = None;
    for i in 0..checks.max(found.len()) {
        let stored = found.get(i).map(|u| u.password_hash.clone());
        if password::verify(stored, pass).await? && matched.is_none() {
            matched = found.get(i).cloned();
        }
    }
    let Some(user) = matched else {
        let mut ev = Event::new("signin.failed")
            .detail(json!({ "kind": kind.as_str(), "known_account": !found.is_empty() }))
            .ip(ip);
        if let [u] = found.as_slice() {
            ev = ev.subject(u.id);
        }
        ev.record_alone(st).await?;
        st.metrics.count_sign_in("failed");
        return Err(AppError::InvalidCredentials);
    };
    for (limit, key) in &keys {
        if limit.bucket == "signin_fail_client" {
            limit.refund(st, key).await?;
        } else {
            limit.clear(st, key).await?;
        }
    }
    let mut tx = st.db.begin().await?;
    let issued = session::open(st, tx.ex(), user.id, kind, device).await?;
    Event::new("signin.succeeded")
        .actor(user.id)
        .subject(user.id)
        .detail(json!({ "kind": kind.as_str(), "device": device.kind }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    st.metrics.count_sign_in("succeeded");
    Ok((user, issued))
}

pub async fn sign_out(st: &AppState, user: &CurrentUser, ip: &str) -> AppResult<()> {
    let mut tx = st.db.begin().await?;
    psk_store::sessions::revoke(tx.ex(), user.session_id, user.id, st.clock.now()).await?;
    Event::new("signout")
        .actor(user.id)
        .subject(user.id)
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Signs out one device of the user (every session opened from it). "Not yours" is "not found".
pub async fn sign_out_device(
    st: &AppState,
    user: &CurrentUser,
    device_id: Uuid,
    ip: &str,
) -> AppResult<u64> {
    psk_store::devices::find_owned(st.db.ex(), device_id, user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = st.db.begin().await?;
    let n = psk_store::sessions::revoke_device(tx.ex(), user.id, device_id, st.clock.now()).await?;
    Event::new("device.signed_out")
        .actor(user.id)
        .subject(user.id)
        .detail(json!({ "device_id": device_id, "sessions": n }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(n)
}

/// Ends one session of the user. "Not yours" is "not found".
pub async fn end_session(
    st: &AppState,
    user: &CurrentUser,
    session_id: Uuid,
    ip: &str,
) -> AppResult<()> {
    let mut tx = st.db.begin().await?;
    if !psk_store::sessions::revoke(tx.ex(), session_id, user.id, st.clock.now()).await? {
        return Err(AppError::NotFound);
    }
    Event::new("signout")
        .actor(user.id)
        .subject(user.id)
        .detail(json!({ "session_id": session_id }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(())
}
