//! What a support agent does for a worker, each through one audited path with its reason: lift
//! the sign-in locks, resend a registration code, start a password reset. The agent never sees a
//! password or a code.

use psk_domain::contact::MobileNumber;
use psk_domain::lang::Lang;
use psk_store::users;
use serde_json::json;
use uuid::Uuid;

use super::service::{SUPPORT, reason_of, trainee};
use crate::audit::Event;
use crate::auth::otp::{self, Purpose};
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::AppResult;
use crate::state::AppState;

/// Lifts every sign-in lock on the worker's account (audited with the reason).
pub async fn unlock(
    st: &AppState,
    agent: &CurrentUser,
    user_id: Uuid,
    reason: &str,
    ip: &str,
) -> AppResult<()> {
    agent.require(SUPPORT)?;
    let reason = reason_of(reason)?;
    let u = trainee(st, user_id).await?;
    let mut tx = st.db.begin().await?;
    users::bump_sign_in_epoch(tx.ex(), u.id, st.clock.now()).await?;
    Event::new("support.sign_in_unlocked")
        .actor(agent.id)
        .subject(u.id)
        .detail(json!({ "reason": reason, "role": agent.role.as_str() }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Sends a registration waiting for its code a new code (the usual limits apply), audited with
/// the reason. The agent never sees the code.
pub async fn resend_registration_code(
    st: &AppState,
    agent: &CurrentUser,
    registration_id: Uuid,
    reason: &str,
    ip: &str,
) -> AppResult<()> {
    agent.require(SUPPORT)?;
    let reason = reason_of(reason)?;
    crate::access::registration::resend(st, registration_id, ip).await?;
    Event::new("support.registration_code_resent")
        .actor(agent.id)
        .detail(json!({ "registration": registration_id, "reason": reason }))
        .ip(ip)
        .record_alone(st)
        .await?;
    Ok(())
}

/// Sends the worker a password-reset code by SMS (the usual limits apply), audited with the
/// reason. The worker completes it at `/password-reset/verify` with their CNIC or mobile, the code
/// and a new password; the agent never sees the code. Returns the masked number it went to.
pub async fn start_password_reset(
    st: &AppState,
    agent: &CurrentUser,
    user_id: Uuid,
    reason: &str,
    ip: &str,
) -> AppResult<String> {
    agent.require(SUPPORT)?;
    let reason = reason_of(reason)?;
    let u = trainee(st, user_id).await?;
    let plain = st
        .keys
        .decrypt_string(Field::Mobile, &u.mobile_enc)
        .map_err(anyhow::Error::from)?;
    let mobile = MobileNumber::parse(&plain).map_err(|e| anyhow::anyhow!("stored mobile: {e}"))?;
    otp::check_send_limits(st, &mobile, ip).await?;
    let mut tx = st.db.begin().await?;
    let lang = Lang::parse(&u.language).unwrap_or_default();
    otp::issue(st, &mut tx, Purpose::PasswordReset, u.id, &mobile, lang).await?;
    Event::new("support.password_reset_started")
        .actor(agent.id)
        .subject(u.id)
        .detail(json!({ "reason": reason, "role": agent.role.as_str() }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    st.metrics.count_otp("sent");
    crate::notify::wake_worker(st);
    Ok(mobile.masked())
}
