//! The public registers (issue 14, item 9), in both languages and without signing in, so that a
//! worker can check an agent before paying anyone: an OEP's standing by licence number or name,
//! and the foreign employers OEC has blacklisted. They show organisations only, never a worker
//! or a contact person; every look-up counts against the address like a certificate check.

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

/// Counts one public look-up against the address (the certificate checks' allowance).
pub(super) async fn count(st: &AppState, ip: &str) -> AppResult<()> {
    Limit {
        bucket: "public_register",
        window: chrono::Duration::hours(1),
        limit: st.config.certificates.verify_per_hour as i32,
    }
    .hit(st, &client_key(st, ip))
    .await
}

/// OEPs by licence number (exact) or by at least three letters of the name.
pub async fn oeps(st: &AppState, q: &str, ip: &str) -> AppResult<Vec<Entry>> {
    let q = q.trim();
    if q.chars().count() < 3 || q.chars().count() > 100 {
        return Err(AppError::field("q", "register_query"));
    }
    count(st, ip).await?;
    let licence = LicenceNumber::parse(q)
        .map(|l| l.as_str().to_owned())
        .unwrap_or_default();
    let today = st.clock.now().date_naive();
    Ok(organisations::register(st.db.ex(), &licence, &name_key(q))
        .await?
        .into_iter()
        .map(|o| entry(o, today))
        .collect())
}

/// The foreign employers and agencies OEC has blacklisted.
pub async fn blacklisted(st: &AppState, ip: &str) -> AppResult<Vec<Entry>> {
    count(st, ip).await?;
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
