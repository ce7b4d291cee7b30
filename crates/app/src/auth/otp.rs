//! One-time passwords: six digits, valid five minutes, five tries, resend limits per number and
//! per client address, stored as keyed hashes. The SMS is a job in the same transaction.

use chrono::Duration;
use psk_domain::contact::MobileNumber;
use psk_domain::lang::Lang;
use psk_store::otps::{self, OtpRow};
use psk_store::{Ex, Tx};
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::rate::{self, Limit};
use crate::crypto::{self, Field};
use crate::error::{AppError, AppResult, OtpProblem};
use crate::i18n::Tr;
use crate::notify::{self, Message};
use crate::state::AppState;

/// What a code is for; part of its hash, so a code for one purpose never works for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Register,
    PasswordReset,
    /// A new mobile number: the code goes to the new number.
    MobileChange,
    /// A help request opened without signing in: the code goes to the number typed.
    HelpTicket,
}

impl Purpose {
    pub fn as_str(&self) -> &'static str {
        match self {
            Purpose::Register => "register",
            Purpose::PasswordReset => "password_reset",
            Purpose::MobileChange => "mobile_change",
            Purpose::HelpTicket => "help_ticket",
        }
    }
    fn sms_message_id(&self) -> &'static str {
        match self {
            Purpose::Register => "sms-otp-register",
            Purpose::PasswordReset => "sms-otp-reset",
            Purpose::MobileChange => "sms-otp-mobile",
            Purpose::HelpTicket => "sms-otp-help",
        }
    }
}

fn limits(st: &AppState) -> [(Limit, bool); 3] {
    let c = &st.config.otp;
    [
        (
            Limit {
                bucket: "otp_number_interval",
                window: Duration::seconds(c.resend_interval_seconds),
                limit: 1,
            },
            true,
        ),
        (
            Limit {
                bucket: "otp_number_hour",
                window: Duration::hours(1),
                limit: c.max_per_number_per_hour,
            },
            true,
        ),
        (
            Limit {
                bucket: "otp_client_hour",
                window: Duration::hours(1),
                limit: c.max_per_client_per_hour,
            },
            false,
        ),
    ]
}

/// Counts a send against the per-number and per-client limits; refuses it when one is full.
pub async fn check_send_limits(st: &AppState, mobile: &MobileNumber, ip: &str) -> AppResult<()> {
    let number_key = st.keys.blind_index(Field::Mobile, mobile.e164());
    let client_key = rate::client_key(st, ip);
    for (limit, per_number) in limits(st) {
        limit
            .hit(st, if per_number { &number_key } else { &client_key })
            .await?;
    }
    Ok(())
}

fn code_hash(st: &AppState, purpose: Purpose, subject: Uuid, code: &str) -> Vec<u8> {
    st.keys.mac(&[
        b"otp",
        purpose.as_str().as_bytes(),
        subject.as_bytes(),
        code.as_bytes(),
    ])
}

/// Creates a code for `subject`, retires earlier ones, and queues the SMS, all in `tx`.
/// Returns the code's id and expiry.
pub async fn issue(
    st: &AppState,
    tx: &mut Tx,
    purpose: Purpose,
    subject: Uuid,
    mobile: &MobileNumber,
    lang: Lang,
) -> AppResult<OtpRow> {
    let code = crypto::new_otp_code();
    let row = store(
        st,
        tx,
        purpose,
        subject,
        code_hash(st, purpose, subject, &code),
    )
    .await?;
    let minutes = (st.config.otp.ttl_seconds / 60).max(1);
    let text = Tr::new(lang).plain(
        purpose.sms_message_id(),
        &[("code", code.clone()), ("minutes", minutes.to_string())],
    );
    notify::enqueue(
        st,
        tx.ex(),
        &Message::Code {
            to: mobile.e164().to_owned(),
            text,
        },
    )
    .await?;
    Ok(row)
}

/// Stores a code row for `subject` with `code_hash` (replacing its earlier codes), in `tx`.
async fn store(
    st: &AppState,
    tx: &mut Tx,
    purpose: Purpose,
    subject: Uuid,
    code_hash: Vec<u8>,
) -> AppResult<OtpRow> {
    let now = st.clock.now();
    let row = OtpRow {
        id: Uuid::new_v4(),
        purpose: purpose.as_str().into(),
        subject,
        code_hash,
        attempts: 0,
        created_at: now,
        expires_at: now + Duration::seconds(st.config.otp.ttl_seconds),
        consumed_at: None,
    };
    otps::replace(tx.ex(), &row).await?;
    Ok(row)
}

/// A hash no code matches: for decoys and notices.
fn unmatchable(st: &AppState) -> Vec<u8> {
    st.keys.mac(&[b"decoy", &crypto::random_bytes::<32>()])
}

/// In place of a code, an SMS that tells the number's owner something (`message_id`, in `lang`);
/// a code is stored as for [`issue`] but one nobody knows, so checking it fails like a wrong
/// code. The caller's answer looks exactly as if a code had been sent.
pub async fn notice(
    st: &AppState,
    tx: &mut Tx,
    purpose: Purpose,
    subject: Uuid,
    to: &MobileNumber,
    (lang, message_id): (Lang, &str),
) -> AppResult<OtpRow> {
    let row = store(st, tx, purpose, subject, unmatchable(st)).await?;
    let text = Tr::new(lang).plain(message_id, &[]);
    let sms = Message::Code {
        to: to.e164().to_owned(),
        text,
    };
    notify::enqueue(st, tx.ex(), &sms).await?;
    Ok(row)
}

/// A code stored like a real one for a subject that does not exist and sent nowhere: requests
/// about unknown accounts look and cost the same as real ones, and checking it fails like a wrong
/// code.
pub async fn decoy(st: &AppState, tx: &mut Tx, purpose: Purpose) -> AppResult<Uuid> {
    let row = store(st, tx, purpose, Uuid::new_v4(), unmatchable(st)).await?;
    Ok(row.id)
}

/// Checks a code against the newest code of `subject`. Every try is spent before comparing,
/// so parallel guesses cannot exceed the limit. Does not consume the code: the caller does that
/// inside the transaction that acts on it (see [`consume`]).
pub async fn check(
    st: &AppState,
    purpose: Purpose,
    row: Option<OtpRow>,
    code: &str,
    ip: &str,
) -> AppResult<OtpRow> {
    let row = row.ok_or(AppError::Otp(OtpProblem::Expired))?;
    let now = st.clock.now();
    if row.expires_at <= now || row.consumed_at.is_some() {
        return Err(AppError::Otp(OtpProblem::Expired));
    }
    let max = st.config.otp.max_attempts;
    let Some(used) = otps::spend_attempt(st.db.ex(), row.id, max).await? else {
        return Err(AppError::Otp(OtpProblem::AttemptsExhausted));
    };
    let code = code.trim();
    let well_formed = code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit());
    if well_formed
        && st.keys.mac_matches(
            &[
                b"otp",
                purpose.as_str().as_bytes(),
                row.subject.as_bytes(),
                code.as_bytes(),
            ],
            &row.code_hash,
        )
    {
        return Ok(row);
    }
    Event::new("otp.failed")
        .detail(serde_json::json!({ "purpose": purpose.as_str(), "tries_used": used }))
        .ip(ip)
        .record_alone(st)
        .await?;
    st.metrics.count_otp("failed");
    Err(AppError::Otp(if used >= max {
        OtpProblem::AttemptsExhausted
    } else {
        OtpProblem::Invalid {
            tries_left: max - used,
        }
    }))
}

/// Marks a checked code used inside the caller's transaction; a second use (double submit) fails.
pub async fn consume(st: &AppState, ex: Ex<'_>, row: &OtpRow) -> AppResult<()> {
    if otps::consume(ex, row.id, st.clock.now()).await? {
        st.metrics.count_otp("verified");
        Ok(())
    } else {
        Err(AppError::Otp(OtpProblem::Expired))
    }
}
