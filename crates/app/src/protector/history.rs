//! What the protector checks left behind, read back: an office's stamps of one day, and the
//! worker's "who checked my certificate".

use chrono::NaiveDate;
use psk_store::protector;
use serde::Serialize;

use super::service::Checker;
use super::stamps::{StampView, stamp_view};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;

/// An office's stamps of one day, with the workers' names.
pub async fn day_list(st: &AppState, who: &Checker, day: NaiveDate) -> AppResult<Vec<StampView>> {
    let mut out = vec![];
    for s in protector::day_list(st.db.ex(), &who.office, day).await? {
        out.push(stamp_view(st, &s).await?);
    }
    Ok(out)
}

/// "Who checked my certificate": office, when, how.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CheckView {
    pub checked_at: chrono::DateTime<chrono::Utc>,
    /// The office's name in the request's language (or the BE&OE system's).
    pub by: String,
    /// lookup, qr, api or stamp
    pub via: String,
}

pub async fn my_checks(st: &AppState, me: &CurrentUser, urdu: bool) -> AppResult<Vec<CheckView>> {
    let offices = protector::offices(st.db.ex()).await?;
    let mut out = vec![];
    for c in protector::checks_of(st.db.ex(), me.id, 50).await? {
        let office = c
            .office_code
            .as_ref()
            .and_then(|code| offices.iter().find(|o| &o.code == code));
        let by = match (office, c.api_client_id) {
            (Some(o), _) => {
                if urdu {
                    o.name_ur.clone()
                } else {
                    o.name_en.clone()
                }
            }
            (None, Some(id)) => psk_store::protector::client(st.db.ex(), id)
                .await?
                .map(|cl| cl.name)
                .unwrap_or_default(),
            _ => String::new(),
        };
        out.push(CheckView {
            checked_at: c.checked_at,
            by,
            via: c.via,
        });
    }
    Ok(out)
}
