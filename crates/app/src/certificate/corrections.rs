//! Corrections to issued certificates, by administrators: revocation (with a reason, and an SMS
//! to the holder) and reissue after a corrected name (Latin or Urdu) or passport, which supersedes
//! the old certificate and tells the holder "your certificate was reissued".

use serde_json::json;

use psk_cert::CertNumber;
use psk_store::certificates::{self, Certificate};

use super::service::{Issue, issue, tell_holder};
use crate::audit::Event;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Who may revoke and reissue certificates.
pub const CERTIFICATE_ADMINS: &[psk_domain::role::Role] = &[psk_domain::role::Role::Administrator];

/// A reason for revoking or reissuing: required, at most 300 characters.
fn reason(text: &str) -> AppResult<String> {
    match psk_domain::profile::BoundedText::parse_optional(text, 300) {
        Ok(Some(t)) => Ok(t.as_str().to_owned()),
        Ok(None) => Err(psk_domain::FieldErrors::single("reason", "required").into()),
        Err(_) => Err(psk_domain::FieldErrors::single("reason", "too_long").into()),
    }
}

/// The certificate an administrator acts on: valid and not expired (or, to reissue after a
/// mistaken revocation, revoked).
async fn certificate_for(
    st: &AppState,
    number: &str,
    allow_revoked: bool,
) -> AppResult<Certificate> {
    let number = CertNumber::parse(number).map_err(|_| AppError::NotFound)?;
    let c = certificates::by_number(st.db.ex(), number.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let usable = c.status == "valid" || (allow_revoked && c.status == "revoked");
    if !usable || c.expires_on < st.clock.today() {
        return Err(AppError::Gone("certificate_not_valid"));
    }
    Ok(c)
}

/// Revokes a valid certificate with a reason (audited).
pub async fn revoke(
    st: &AppState,
    admin: &crate::auth::session::CurrentUser,
    number: &str,
    why: &str,
    ip: &str,
) -> AppResult<Certificate> {
    admin.require(CERTIFICATE_ADMINS)?;
    let why = reason(why)?;
    let c = certificate_for(st, number, false).await?;
    let mut tx = st.db.begin().await?;
    if !certificates::set_status(tx.ex(), c.id, "revoked", &why, None, st.clock.now()).await? {
        return Err(AppError::Gone("certificate_not_valid"));
    }
    Event::new("certificate.revoked")
        .actor(admin.id)
        .subject(c.user_id)
        .detail(json!({ "certificate": c.id, "number": c.number }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    let holder = psk_store::users::find(tx.ex(), c.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    tell_holder(
        st,
        tx.ex(),
        &holder,
        crate::notices::Kind::CertificateRevoked,
        &[("number", c.number.clone())],
    )
    .await?;
    tx.commit().await?;
    st.verify_cache.forget(&c.number);
    crate::notify::wake_worker(st);
    Ok(c)
}

/// The names an administrator corrects on a reissue, as typed (blank: unchanged).
#[derive(Default)]
pub struct Correction<'a> {
    pub full_name: Option<&'a str>,
    pub full_name_ur: Option<&'a str>,
    /// A corrected CNIC, already checked and unused: (encrypted, blind index). The certificate
    /// carries its last four digits.
    pub cnic: Option<(&'a [u8], &'a [u8])>,
}

/// Reissues a valid (or mistakenly revoked) certificate after a correction (the Latin name, the
/// Urdu name, the CNIC, or the passport): a new number and signature; the old one is marked superseded.
/// One transaction, audited; the worker is told "your certificate was reissued".
pub async fn reissue(
    st: &AppState,
    admin: &crate::auth::session::CurrentUser,
    number: &str,
    why: &str,
    correction: Correction<'_>,
    ip: &str,
) -> AppResult<Certificate> {
    use psk_domain::person::{PersonName, UrduName};
    admin.require(CERTIFICATE_ADMINS)?;
    let why = reason(why)?;
    let mut errors = psk_domain::FieldErrors::new();
    let name = match correction
        .full_name
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(n) => errors.take("full_name", PersonName::parse(n)),
        None => None,
    };
    let name_ur = errors
        .take(
            "full_name_ur",
            UrduName::parse_optional(correction.full_name_ur.unwrap_or("")),
        )
        .flatten();
    errors.into_result()?;
    let old = certificate_for(st, number, true).await?;
    let signer = super::keys::signer(st).await?;
    let mut tx = st.db.begin().await?;
    let now = st.clock.now();
    if let Some(n) = &name {
        psk_store::users::set_full_name(tx.ex(), old.user_id, n.as_str(), now).await?;
    }
    if let Some(n) = &name_ur {
        psk_store::users::set_full_name_ur(tx.ex(), old.user_id, Some(n.as_str()), now).await?;
    }
    if let Some((enc, hash)) = correction.cnic {
        let cnic = psk_store::users::Identity::Cnic { enc, hash };
        psk_store::users::set_identity(tx.ex(), old.user_id, cnic, now).await?;
    }
    let again = Issue::Reissue {
        attempt_id: old.attempt_id,
        issued: old.issued_on,
        expires: old.expires_on,
    };
    let new = issue(st, tx.ex(), &signer, old.user_id, again).await?;
    if !certificates::supersede(tx.ex(), old.id, &why, new.id, st.clock.now()).await? {
        return Err(AppError::Gone("certificate_not_valid"));
    }
    Event::new("certificate.reissued")
        .actor(admin.id)
        .subject(old.user_id)
        .detail(json!({ "old": old.number, "new": new.number, "name_corrected": name.is_some(), "urdu_name_corrected": name_ur.is_some() }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    st.verify_cache.forget(&old.number);
    crate::notify::wake_worker(st);
    Ok(new)
}
