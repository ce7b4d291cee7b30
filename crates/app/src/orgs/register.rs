//! The public registers (issue 14, item 9), in both languages and without signing in, so that a
//! worker can check an agent before paying anyone: an OEP's standing by licence number or name,
//! and the foreign employers OEC has blacklisted. They show organisations only, never a worker
//! or a contact person; like certificate checks, a look-up is refused once the address has
//! spent its allowance, and one that finds nothing spends it.

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::org::LicenceNumber;
use psk_store::organisations::{self, OrgRow};
use serde::Serialize;
use utoipa::ToSchema;

use super::apply::name_key;
use crate::auth::rate::{Limit, client_key};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// One organisation as the public sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Entry {
    pub legal_name: String,
    /// oep, foreign_employer, recruitment_agency
    pub kind: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub licence_number: Option<String>,
    pub licence_expires_on: Option<NaiveDate>,
    /// valid, expired, suspended, blacklisted
    pub standing: String,
    /// Since when it stands so (OEC's last decision).
    pub since: DateTime<Utc>,
    /// A blacklisted employer's or agency's OEP that answered for it: name and licence.
    pub answered_by: Option<String>,
}

fn entry(o: OrgRow, today: NaiveDate) -> Entry {
    let standing = match o.status.as_str() {
        "approved" if o.licence_expires_on.is_some_and(|d| d < today) => "expired",
        "approved" => "valid",
        other => other,
    };
    Entry {
        standing: standing.into(),
        legal_name: o.legal_name,
        kind: o.kind,
        country: o.country,
        licence_number: o.licence_number,
        licence_expires_on: o.licence_expires_on,
        since: o.status_at,
        answered_by: None,
    }
}

fn bucket(st: &AppState) -> Limit {
    Limit {
        bucket: "public_register",
        window: chrono::Duration::hours(1),
        limit: st.config.certificates.verify_per_hour as i32,
    }
}

/// The address's cache key for the registers' allowance (beside the certificate checks').
fn cache_key(st: &AppState, ip: &str) -> Vec<u8> {
    let mut key = b"register:".to_vec();
    key.extend(client_key(st, ip));
    key
}

/// Refuses a look-up once the address has spent its allowance (the certificate checks'); the
/// reading is kept as long as verification answers are (see certificate::cache).
pub(super) async fn allowed(st: &AppState, ip: &str) -> AppResult<()> {
    let key = client_key(st, ip);
    crate::certificate::api::within_allowance(st, &bucket(st), &cache_key(st, ip), &key).await
}

/// Spends one of the allowance on a look-up that found nothing: the registers are public by
/// design, and what the allowance stops is guessing numbers and names, as with certificates.
pub(super) async fn missed(st: &AppState, ip: &str) -> AppResult<()> {
    st.verify_cache.forget_used(&cache_key(st, ip));
    bucket(st).hit(st, &client_key(st, ip)).await
}

/// `found`, spending the allowance when it is "not found" (the caller checked `allowed`).
pub(super) async fn spent_if_missed<T>(
    st: &AppState,
    ip: &str,
    found: AppResult<T>,
) -> AppResult<T> {
    if matches!(found, Err(AppError::NotFound)) {
        missed(st, ip).await?;
    }
    found
}

/// OEPs by licence number (exact) or by at least three letters of the name.
pub async fn oeps(st: &AppState, q: &str, ip: &str) -> AppResult<Vec<Entry>> {
    let q = q.trim();
    if q.chars().count() < 3 || q.chars().count() > 100 {
        return Err(AppError::field("q", "register_query"));
    }
    allowed(st, ip).await?;
    let licence = LicenceNumber::parse(q)
        .map(|l| l.as_str().to_owned())
        .unwrap_or_default();
    let today = st.clock.now().date_naive();
    let found: Vec<Entry> = organisations::register(st.db.ex(), &licence, &name_key(q))
        .await?
        .into_iter()
        .map(|o| entry(o, today))
        .collect();
    if found.is_empty() {
        missed(st, ip).await?;
    }
    Ok(found)
}

/// The foreign employers and agencies OEC has blacklisted.
pub async fn blacklisted(st: &AppState, ip: &str) -> AppResult<Vec<Entry>> {
    allowed(st, ip).await?;
    blacklist(st).await
}

/// The blacklist without counting (the register page counts its one look-up itself).
pub(super) async fn blacklist(st: &AppState) -> AppResult<Vec<Entry>> {
    let today = st.clock.now().date_naive();
    let oeps = psk_store::org_extras::answered_by(st.db.ex()).await?;
    Ok(organisations::blacklisted_employers(st.db.ex())
        .await?
        .into_iter()
        .map(|o| {
            let by = oeps
                .iter()
                .find(|(id, _, _)| *id == o.id)
                .map(|(_, name, licence)| match licence {
                    Some(l) => format!("{name} · {l}"),
                    None => name.clone(),
                });
            Entry {
                answered_by: by,
                ..entry(o, today)
            }
        })
        .collect())
}
