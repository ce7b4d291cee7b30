//! Password reset by OTP to the account's mobile number. Asking for a reset answers the same
//! whether or not the account exists; a number shared by several accounts needs the CNIC.

use psk_domain::FieldErrors;
use psk_domain::cnic::Cnic;
use psk_domain::contact::MobileNumber;
use psk_domain::lang::Lang;
use psk_domain::password::Password;
use psk_store::{otps, sessions, users};
use serde_json::json;
use uuid::Uuid;

use super::signin::candidates;
use crate::audit::Event;
use crate::auth::otp::{self, Purpose};
use crate::auth::password;
use crate::auth::rate::{self, Limit};
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::notify;
use crate::state::AppState;

/// Starts a reset. The id it returns is the code's; for an unknown identifier it is a random id
/// that no code will match, so the answer gives nothing away.
pub async fn start(st: &AppState, identifier: &str, ip: &str) -> AppResult<Uuid> {
    if identifier.trim().is_empty() {
        return Err(AppError::field("identifier", "required"));
    }
    let client = Limit {
        bucket: "reset_client_hour",
        window: chrono::Duration::hours(1),
        limit: st.config.otp.max_per_client_per_hour,
    };
    client.hit(st, &rate::client_key(st, ip)).await?;
    let (found, _) = candidates(st, identifier).await?;
    let [user] = found.as_slice() else {
        return Ok(Uuid::new_v4());
    };
    let mobile_plain = st
        .keys
        .decrypt_string(Field::Mobile, &user.mobile_enc)
        .map_err(anyhow::Error::from)?;
    let mobile =
        MobileNumber::parse(&mobile_plain).map_err(|e| anyhow::anyhow!("stored mobile: {e}"))?;
    otp::check_send_limits(st, &mobile, ip).await?;
    let lang = Lang::parse(&user.language).unwrap_or_default();
    let mut tx = st.db.begin().await?;
    let row = otp::issue(st, &mut tx, Purpose::PasswordReset, user.id, &mobile, lang).await?;
    Event::new("otp.sent")
        .subject(user.id)
        .detail(json!({ "purpose": "password_reset" }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    notify::wake_worker(st);
    st.metrics.count_otp("sent");
    Ok(row.id)
}

/// Checks the code, sets the new password and signs out every session of the account.
pub async fn complete(
    st: &AppState,
    reset_id: Uuid,
    code: &str,
    new_password: &str,
    ip: &str,
) -> AppResult<Uuid> {
    let row = otps::find(st.db.ex(), reset_id, Purpose::PasswordReset.as_str()).await?;
    let Some(user) = (match &row {
        Some(r) => users::find(st.db.ex(), r.subject).await?,
        None => None,
    }) else {
        // Same answer as a wrong code on a real reset.
        return Err(AppError::Gone("reset_expired"));
    };
    let cnic = match &user.cnic_enc {
        Some(enc) => Some(
            Cnic::parse(
                &st.keys
                    .decrypt_string(Field::Cnic, enc)
                    .map_err(anyhow::Error::from)?,
            )
            .map_err(|e| anyhow::anyhow!("stored CNIC: {e}"))?,
        ),
        None => None,
    };
    // The new password is checked before a try of the code is spent.
    let pass = Password::parse(new_password, cnic.as_ref()).map_err(|e| {
        let mut errs = FieldErrors::new();
        errs.take::<(), _>("password", Err(e));
        AppError::Fields(errs)
    })?;
    let row = otp::check(st, Purpose::PasswordReset, row, code, ip).await?;
    let hash = password::hash(&pass).await?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    otp::consume(st, tx.ex(), &row).await?;
    users::set_password(tx.ex(), user.id, &hash, now).await?;
    let ended = sessions::revoke_all(tx.ex(), user.id, None, now).await?;
    Event::new("password.reset")
        .actor(user.id)
        .subject(user.id)
        .detail(json!({ "sessions_ended": ended }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(user.id)
}
