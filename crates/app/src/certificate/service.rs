//! Certificate rules: issued in the transaction of the passing result, checked by number or by
//! the QR text, revoked or reissued by administrators. Public answers carry only the status, the
//! name, the masked CNIC and the dates.

use chrono::{Datelike, NaiveDate};
use psk_cert::{CertNumber, Claims, SealError, Signer};
use psk_store::Ex;
use psk_store::certificates::{self, Certificate};
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::audit::Event;
use crate::crypto::{Field, random_bytes};
use crate::error::{AppError, AppResult};
use crate::notices::Kind;
use crate::state::AppState;

pub use super::corrections::{CERTIFICATE_ADMINS, Correction, reissue, revoke};

/// What anyone may learn about a certificate.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct PublicStatus {
    /// valid, expired, revoked, superseded or unknown
    pub status: String,
    pub number: Option<String>,
    pub name: Option<String>,
    /// The name in Urdu script, when the holder gave it.
    pub name_ur: Option<String>,
    /// The CNIC with all but its last four digits hidden: `*****-****567-1`.
    pub cnic: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
}

impl PublicStatus {
    pub fn unknown() -> Self {
        PublicStatus {
            status: "unknown".into(),
            number: None,
            name: None,
            name_ur: None,
            cnic: None,
            issued_on: None,
            expires_on: None,
        }
    }
}

/// `*****-****567-1` from the last four digits (the CNIC's 5-7-1 shape kept).
pub fn masked_cnic(last4: &str) -> String {
    let d: Vec<char> = last4.chars().collect();
    if d.len() != 4 {
        return "*****-*******-*".into();
    }
    format!("*****-****{}{}{}-{}", d[0], d[1], d[2], d[3])
}

pub fn public_status(st: &AppState, c: &Certificate) -> PublicStatus {
    super::cache::expired_on(stored_status(c), st.clock.today())
}

/// The public part of a certificate as stored (before its expiry is applied).
fn stored_status(c: &Certificate) -> PublicStatus {
    PublicStatus {
        status: c.status.clone(),
        number: Some(c.number.clone()),
        name: Some(c.full_name.clone()),
        name_ur: c.full_name_ur.clone(),
        cnic: Some(masked_cnic(&c.cnic_last4)),
        issued_on: Some(c.issued_on),
        expires_on: Some(c.expires_on),
    }
}

/// How long this process may answer verifications from memory.
pub fn cache_ttl(st: &AppState) -> chrono::Duration {
    chrono::Duration::seconds(st.config.certificates.verify_cache_seconds as i64)
}

/// The same day `years` later (28 February for 29 February).
fn years_after(d: NaiveDate, years: u32) -> NaiveDate {
    let y = d.year() + years as i32;
    d.with_year(y)
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
        .unwrap_or(d)
}

/// A new certificate number that no certificate has yet. Each is 40 random bits: a clash is
/// one in a trillion per pair, but among half a million certificates some pair clashes about one
/// time in nine (the load generator met one), so every new number is looked up first. Five
/// clashes in a row would leave the last to the unique constraint, which refuses it.
pub async fn unused_number(mut ex: Ex<'_>) -> psk_store::Result<CertNumber> {
    let mut number = CertNumber::from_random(random_bytes());
    for _ in 0..5 {
        if certificates::by_number(ex.reborrow(), number.as_str())
            .await?
            .is_none()
        {
            break;
        }
        number = CertNumber::from_random(random_bytes());
    }
    Ok(number)
}

/// Why a certificate is issued: it decides the dates and what the worker is told.
pub enum Issue {
    /// A pass of this attempt: dated today; "you passed the final test".
    Pass { attempt_id: Uuid },
    /// A correction: the replaced certificate's attempt and dates; "your certificate was reissued".
    Reissue {
        attempt_id: Option<Uuid>,
        issued: NaiveDate,
        expires: NaiveDate,
    },
}

/// Issues a certificate to `user_id` in the caller's transaction (the passing result's or the
/// reissue's), and queues the SMS (and email when verified). `signer` is fetched before the
/// transaction.
pub async fn issue(
    st: &AppState,
    mut ex: Ex<'_>,
    signer: &Signer,
    user_id: Uuid,
    why: Issue,
) -> AppResult<Certificate> {
    let user = psk_store::users::find(ex.reborrow(), user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let cnic = match &user.cnic_enc {
        Some(enc) => st
            .keys
            .decrypt_string(Field::Cnic, enc)
            .map_err(anyhow::Error::from)?,
        None => return Err(AppError::Gone("certificate_needs_cnic")),
    };
    let digits: String = cnic.chars().filter(char::is_ascii_digit).collect();
    let last4 = digits[digits.len().saturating_sub(4)..].to_owned();
    // A reissue keeps the dates of the certificate it replaces.
    let (attempt_id, issued, expires, message) = match why {
        Issue::Pass { attempt_id } => {
            let today = st.clock.today();
            let expires = years_after(today, st.config.certificates.validity_years);
            (Some(attempt_id), today, expires, Kind::CertificateIssued)
        }
        Issue::Reissue {
            attempt_id,
            issued,
            expires,
        } => (attempt_id, issued, expires, Kind::CertificateReissued),
    };
    let number = unused_number(ex.reborrow()).await?;
    let claims = Claims {
        number: number.to_string(),
        name: user.full_name.clone(),
        name_ur: user.full_name_ur.clone(),
        cnic_last4: last4.clone(),
        issued,
        expires,
        // The instant of issue (the date above is Pakistan's; midnight UTC of it could be
        // hours ahead of now).
        issued_at: st.clock.now().timestamp(),
    };
    let cert = Certificate {
        id: Uuid::new_v4(),
        number: number.to_string(),
        user_id,
        attempt_id,
        full_name: user.full_name.clone(),
        full_name_ur: user.full_name_ur.clone(),
        cnic_last4: last4,
        issued_on: issued,
        expires_on: expires,
        kid: signer.kid.clone(),
        qr_text: signer.seal(&claims),
        status: "valid".into(),
        status_reason: None,
        status_changed_at: None,
        superseded_by: None,
        created_at: st.clock.now(),
    };
    certificates::insert(ex.reborrow(), &cert).await?;
    Event::new("certificate.issued")
        .subject(user_id)
        .detail(json!({ "certificate": cert.id, "number": cert.number, "kid": cert.kid }))
        .record(st, ex.reborrow())
        .await?;
    let link = verify_link(st, &cert.number);
    tell_holder(
        st,
        ex,
        &user,
        message,
        &[("number", cert.number.clone()), ("link", link)],
    )
    .await?;
    Ok(cert)
}

/// Tells a certificate's holder of `kind` (a notice, an SMS, an email when verified), in their
/// language, in the caller's transaction.
pub(super) async fn tell_holder(
    st: &AppState,
    ex: Ex<'_>,
    user: &psk_store::users::UserRow,
    kind: Kind,
    args: &[(&str, String)],
) -> AppResult<()> {
    crate::notices::send(st, ex, user, kind, args, None).await?;
    Ok(())
}

/// The address printed on certificates and in the QR link.
pub fn verify_link(st: &AppState, number: &str) -> String {
    format!(
        "{}/verify?n={number}",
        st.config.public_url.trim_end_matches('/')
    )
}

/// Public check by number (as typed).
pub async fn check_number(st: &AppState, typed: &str) -> AppResult<PublicStatus> {
    let Ok(number) = CertNumber::parse(typed) else {
        return Ok(PublicStatus::unknown());
    };
    let (now, ttl, today) = (st.clock.now(), cache_ttl(st), st.clock.today());
    if let Some(s) = st.verify_cache.get(number.as_str(), now, ttl, today) {
        return Ok(s);
    }
    Ok(
        match certificates::by_number(st.db.ex(), number.as_str()).await? {
            Some(c) => {
                let stored = stored_status(&c);
                if ttl > chrono::Duration::zero() {
                    st.verify_cache.put(&c.number, stored.clone(), now, ttl);
                }
                super::cache::expired_on(stored, today)
            }
            None => PublicStatus::unknown(),
        },
    )
}

/// Check of a QR text: its signature against the published keys (offline-style), then the
/// register (revoked or superseded since issue).
pub async fn check_qr(st: &AppState, text: &str) -> AppResult<Result<PublicStatus, SealError>> {
    let keys: Vec<psk_cert::PublicKey> = super::keys::published(st)
        .await?
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let claims = match psk_cert::seal::verify(text, &keys, st.clock.today()) {
        Ok(c) => c,
        // Expired by its own dates: the register says so too.
        Err(SealError::Expired(c)) => *c,
        Err(e) => return Ok(Err(e)),
    };
    Ok(Ok(check_number(st, &claims.number).await?))
}
