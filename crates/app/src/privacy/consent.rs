//! The consent rules, in one place: a worker's purposes with their state, giving and withdrawing
//! one (appended to the ledger, audited), and the check every use of a purpose makes.
//!
//! A consent holds only under the wording it was given for: when an administrator publishes a new
//! wording of a purpose (with a policy version, `crate::policy`), consents given under the older
//! wording stop holding until the worker gives them again (the page asks).

use chrono::{DateTime, Utc};
use psk_domain::consent::{Basis, Channel, Purpose};
use psk_domain::lang::Lang;
use psk_domain::registration::Consents;
use psk_store::{Ex, consents};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::wording;
use crate::audit::Event;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// One purpose as the worker sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PurposeView {
    pub purpose: Purpose,
    /// `law`: the service needs it by law, shown but not a choice; `choice`: only with consent.
    pub basis: Basis,
    /// The version of the wording shown.
    pub version: i32,
    pub title: String,
    pub text: String,
    /// Whether the data is used for this purpose now (always true for the law's purposes).
    pub in_effect: bool,
    /// When the worker last gave or withdrew it.
    pub recorded_at: Option<DateTime<Utc>>,
    /// The worker gave it under older wording: it no longer holds until given again.
    pub ask_again: bool,
}

/// One entry of the worker's consent ledger.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LedgerEntry {
    pub purpose: String,
    pub granted: bool,
    pub purpose_version: i32,
    pub policy_version: String,
    /// `registration`, `web`, `api`, `staff`, or `before_ledger` for consents recorded before the ledger.
    pub channel: String,
    pub recorded_at: DateTime<Utc>,
}

/// The "My privacy" page's content.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PrivacyView {
    pub policy_version: String,
    pub purposes: Vec<PurposeView>,
    /// Every consent given or withdrawn, oldest first.
    pub ledger: Vec<LedgerEntry>,
}

pub async fn view(st: &AppState, user_id: Uuid, lang: Lang) -> AppResult<PrivacyView> {
    let current = consents::list(st.db.ex(), user_id).await?;
    let purposes = wording::current(st.db.ex())
        .await?
        .all()
        .iter()
        .map(|w| {
            let row = current.iter().find(|c| c.purpose == w.purpose.as_str());
            let (in_effect, ask_again) = match w.purpose.basis() {
                Basis::Law => (true, false),
                Basis::Choice => {
                    let given = row.is_some_and(|r| r.granted);
                    let current = row.is_some_and(|r| r.purpose_version >= w.version);
                    (given && current, given && !current)
                }
            };
            PurposeView {
                purpose: w.purpose,
                basis: w.purpose.basis(),
                version: w.version,
                title: w.title(lang).to_owned(),
                text: w.text(lang).to_owned(),
                in_effect,
                recorded_at: row.map(|r| r.recorded_at),
                ask_again,
            }
        })
        .collect();
    Ok(PrivacyView {
        policy_version: crate::policy::in_force(st.db.ex(), crate::policy::Document::Privacy)
            .await?,
        purposes,
        ledger: ledger(st, user_id).await?,
    })
}

pub async fn ledger(st: &AppState, user_id: Uuid) -> AppResult<Vec<LedgerEntry>> {
    Ok(consents::ledger(st.db.ex(), user_id)
        .await?
        .into_iter()
        .map(|r| LedgerEntry {
            purpose: r.purpose,
            granted: r.granted,
            purpose_version: r.purpose_version,
            policy_version: r.policy_version,
            channel: r.channel,
            recorded_at: r.recorded_at,
        })
        .collect())
}

/// Whether the worker's data may be used for `purpose` now: the law's purposes always; a choice
/// only while consent given under its current wording stands. Every use of a purpose (candidate
/// search, exports to organisations, optional messages) asks this on every request, so a
/// withdrawal takes effect on the next one.
pub async fn holds(ex: Ex<'_>, user_id: Uuid, purpose: Purpose) -> AppResult<bool> {
    Ok(match purpose.basis() {
        Basis::Law => true,
        Basis::Choice => consents::granted(ex, user_id, purpose.as_str()).await?,
    })
}

/// Appends one consent to the ledger in the caller's transaction, unless it would change nothing
/// (the same answer, under the current wording). Returns the wording version recorded, if it was.
pub async fn record(
    ex: Ex<'_>,
    user_id: Uuid,
    purpose: Purpose,
    granted: bool,
    channel: Channel,
    policy_version: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<i32>> {
    let mut ex = ex;
    let version = psk_store::policies::wording_version(ex.reborrow(), purpose.as_str()).await?;
    let now_state = consents::list(ex.reborrow(), user_id).await?;
    let same = now_state.iter().any(|c| {
        c.purpose == purpose.as_str() && c.granted == granted && c.purpose_version == version
    });
    if same {
        return Ok(None);
    }
    consents::record(
        ex,
        &consents::Entry {
            user_id,
            purpose: purpose.as_str(),
            purpose_version: version,
            granted,
            policy_version,
            channel: channel.as_str(),
            at: now,
        },
    )
    .await?;
    Ok(Some(version))
}

/// The worker gives (`granted`) or withdraws consent to one purpose; the law's purposes are
/// refused. Audited as `consent.given` or `consent.withdrawn`.
pub async fn set(
    st: &AppState,
    user_id: Uuid,
    purpose: Purpose,
    granted: bool,
    channel: Channel,
    ip: &str,
) -> AppResult<()> {
    set_many(st, user_id, &[(purpose, granted)], channel, ip).await
}

/// Several consents at once, in one transaction (the profile's older all-in-one form and
/// `PUT /api/v1/me/consents`).
pub async fn set_many(
    st: &AppState,
    user_id: Uuid,
    changes: &[(Purpose, bool)],
    channel: Channel,
    ip: &str,
) -> AppResult<()> {
    if changes.iter().any(|(p, _)| p.basis() == Basis::Law) {
        return Err(AppError::field("purpose", "consent_required_by_law"));
    }
    let now = st.clock.now();
    let policy = crate::policy::in_force(st.db.ex(), crate::policy::Document::Privacy).await?;
    let mut tx = st.db.begin().await?;
    for &(purpose, granted) in changes {
        if let Some(version) =
            record(tx.ex(), user_id, purpose, granted, channel, &policy, now).await?
        {
            Event::new(if granted {
                "consent.given"
            } else {
                "consent.withdrawn"
            })
            .actor(user_id)
            .subject(user_id)
            .detail(json!({
                "purpose": purpose.as_str(),
                "purpose_version": version,
                "policy_version": policy,
                "channel": channel.as_str(),
            }))
            .ip(ip)
            .record(st, tx.ex())
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// The registration form's consents, in the transaction that creates the account.
pub async fn record_registration(
    ex: Ex<'_>,
    user_id: Uuid,
    c: &Consents,
    policy_version: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let mut ex = ex;
    for (purpose, granted) in registration_choices(c) {
        record(
            ex.reborrow(),
            user_id,
            purpose,
            granted,
            Channel::Registration,
            policy_version,
            now,
        )
        .await?;
    }
    Ok(())
}

/// The purposes the registration form (and the older all-in-one consent form) asks about.
pub fn registration_choices(c: &Consents) -> [(Purpose, bool); 4] {
    [
        (Purpose::Training, c.training),
        (Purpose::ShareWithEmployers, c.share_with_employers),
        (Purpose::Research, c.research),
        (Purpose::News, c.news),
    ]
}
