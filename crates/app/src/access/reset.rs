//! Password reset by OTP to the account's mobile number. Asking for a reset answers the same
//! whether or not the account exists; a number shared by several accounts needs the CNIC.

use psk_domain::FieldErrors;
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
use crate::error::{AppError, AppResult, OtpProblem};
use crate::notify;
use crate::state::AppState;

/// Starts a reset. The answer, its limits and its time are the same whether or not the account
/// exists: an unknown identifier gets a decoy code (stored like a real one, sent nowhere), so
/// completing it fails exactly as a wrong code would; and the answer waits until
/// `otp.reset_answer_ms` after the request arrived, however much less either path took (a
/// known account's path does more: it decrypts the number, counts its limits, queues the SMS).
pub async fn start(st: &AppState, identifier: &str, ip: &str) -> AppResult<Uuid> {
    let answer_at = tokio::time::Instant::now()
        + std::time::Duration::from_millis(st.config.otp.reset_answer_ms);
    let result = start_now(st, identifier, ip).await;
    if result.is_ok() {
        tokio::time::sleep_until(answer_at).await;
    }
    result
}

async fn start_now(st: &AppState, identifier: &str, ip: &str) -> AppResult<Uuid> {
    if identifier.trim().is_empty() {
        return Err(AppError::field("identifier", "required"));
    }
    let (found, normalised) = candidates(st, identifier).await?;
    let per_identifier = Limit {
        bucket: "reset_identifier_hour",
        window: chrono::Duration::hours(1),
        limit: st.config.otp.max_per_number_per_hour,
    };
    per_identifier
        .hit(st, &st.keys.mac(&[b"reset", normalised.as_bytes()]))
        .await?;
    let client = Limit {
        bucket: "reset_client_hour",
        window: chrono::Duration::hours(1),
        limit: st.config.otp.max_per_client_per_hour,
    };
    client.hit(st, &rate::client_key(st, ip)).await?;
    // The per-number limits still protect the phone; when one is full the answer stays the same
    // and no SMS goes out. Counted before the transaction (SQLite has one writer).
    let send = match found.as_slice() {
        [user] => {
            let mobile_plain = st
                .keys
                .decrypt_string(Field::Mobile, &user.mobile_enc)
                .map_err(anyhow::Error::from)?;
            let mobile = MobileNumber::parse(&mobile_plain)
                .map_err(|e| anyhow::anyhow!("stored mobile: {e}"))?;
            match otp::check_send_limits(st, &mobile, ip).await {
                Ok(()) => Some((user, mobile)),
                Err(AppError::RateLimited { .. }) => None,
                Err(e) => return Err(e),
            }
        }
        _ => None,
    };
    let mut tx = st.db.begin().await?;
    let id = match send {
        Some((user, mobile)) => {
            let lang = Lang::parse(&user.language).unwrap_or_default();
            let row =
                otp::issue(st, &mut tx, Purpose::PasswordReset, user.id, &mobile, lang).await?;
            Event::new("otp.sent")
                .subject(user.id)
                .detail(json!({ "purpose": "password_reset" }))
                .ip(ip)
                .record(st, tx.ex())
                .await?;
            st.metrics.count_otp("sent");
            row.id
        }
        None => otp::decoy(st, &mut tx, Purpose::PasswordReset).await?,
    };
    tx.commit().await?;
    notify::wake_worker(st);
    Ok(id)
}

/// Checks the code, sets the new password and signs out every session of the account. A decoy
/// code answers like a wrong code.
pub async fn complete(
    st: &AppState,
    reset_id: Uuid,
    code: &str,
    new_password: &str,
    ip: &str,
) -> AppResult<Uuid> {
    // The new password is checked first, and without looking at any account.
    let pass = Password::parse(new_password, None).map_err(|e| {
        let mut errs = FieldErrors::new();
        errs.take::<(), _>("password", Err(e));
        AppError::Fields(errs)
    })?;
    let row = otps::find(st.db.ex(), reset_id, Purpose::PasswordReset.as_str()).await?;
    let row = otp::check(st, Purpose::PasswordReset, row, code, ip).await?;
    let user = users::find(st.db.ex(), row.subject)
        .await?
        .ok_or(AppError::Otp(OtpProblem::Expired))?;
    let hash = password::hash(&pass).await?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    otp::consume(st, tx.ex(), &row).await?;
    users::set_password(tx.ex(), user.id, &hash, now).await?;
    let ended = sessions::revoke_all(tx.ex(), user.id, None, now).await?;
    Event::new("otp.verified")
        .subject(user.id)
        .detail(json!({ "purpose": "password_reset" }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
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

/// Completes the newest reset code of the account `identifier` names (CNIC, or a mobile that
/// serves one account): a reset a support agent started for the worker, or one whose page the
/// worker lost. An identifier that names no single account, or an account with no code waiting,
/// answers as an expired code does, so the answer tells nobody whether the account exists.
pub async fn complete_with_identifier(
    st: &AppState,
    identifier: &str,
    code: &str,
    new_password: &str,
    ip: &str,
) -> AppResult<Uuid> {
    if identifier.trim().is_empty() {
        return Err(AppError::field("identifier", "required"));
    }
    let (found, _) = candidates(st, identifier).await?;
    let waiting = match found.as_slice() {
        [user] => otps::current(st.db.ex(), Purpose::PasswordReset.as_str(), user.id).await?,
        _ => None,
    };
    match waiting {
        Some(row) => complete(st, row.id, code, new_password, ip).await,
        None => {
            // The same order of answers as a known account: the password first.
            Password::parse(new_password, None).map_err(|e| {
                let mut errs = FieldErrors::new();
                errs.take::<(), _>("password", Err(e));
                AppError::Fields(errs)
            })?;
            Err(AppError::Otp(OtpProblem::Expired))
        }
    }
}
