//! Consent per purpose. [`record`] appends to the ledger (`consent_ledger`, append-only: the
//! database refuses an update or a delete) and sets the current state (`consents`) in the same
//! transaction; every check of a consent reads the current state ([`granted`]).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsentRow {
    pub purpose: String,
    pub granted: bool,
    pub policy_version: String,
    pub purpose_version: i32,
    pub recorded_at: DateTime<Utc>,
}

/// One entry of the ledger.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LedgerRow {
    pub id: Uuid,
    pub purpose: String,
    pub purpose_version: i32,
    pub granted: bool,
    pub policy_version: String,
    pub channel: String,
    pub recorded_at: DateTime<Utc>,
}

/// A consent to record.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub user_id: Uuid,
    pub purpose: &'a str,
    pub purpose_version: i32,
    pub granted: bool,
    pub policy_version: &'a str,
    pub channel: &'a str,
    pub at: DateTime<Utc>,
}

/// Appends `e` to the ledger and makes it the current state of its purpose. Run it in a
/// transaction: the two writes belong together.
pub async fn record(ex: Ex<'_>, e: &Entry<'_>) -> Result<()> {
    let ledger = "INSERT INTO consent_ledger (id, user_id, purpose, purpose_version, granted, policy_version, channel, recorded_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    let current = "INSERT INTO consents (user_id, purpose, granted, policy_version, purpose_version, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) \
        ON CONFLICT (user_id, purpose) DO UPDATE SET granted = excluded.granted, \
        policy_version = excluded.policy_version, purpose_version = excluded.purpose_version, recorded_at = excluded.recorded_at";
    let mut ex = ex;
    run!(ex.reborrow(), |c| sqlx::query(ledger)
        .bind(Uuid::new_v4())
        .bind(e.user_id)
        .bind(e.purpose)
        .bind(e.purpose_version)
        .bind(e.granted)
        .bind(e.policy_version)
        .bind(e.channel)
        .bind(e.at)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    run!(ex.reborrow(), |c| sqlx::query(current)
        .bind(e.user_id)
        .bind(e.purpose)
        .bind(e.granted)
        .bind(e.policy_version)
        .bind(e.purpose_version)
        .bind(e.at)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    if e.purpose == psk_domain::consent::Purpose::ShareWithEmployers.as_str() {
        crate::candidates::refresh(ex, e.user_id, e.at).await?;
    }
    Ok(())
}

/// Whether `user_id` has given, and not withdrawn, consent to `purpose` under its newest wording
/// (`purpose_wordings`): one query, so a withdrawal or a new wording counts on the next request.
pub async fn granted(ex: Ex<'_>, user_id: Uuid, purpose: &str) -> Result<bool> {
    let sql = "SELECT granted FROM consents WHERE user_id = $1 AND purpose = $2 \
        AND purpose_version >= (SELECT COALESCE(MAX(version), 1) FROM purpose_wordings WHERE purpose = $2)";
    let row: Option<(bool,)> = run!(ex, |e| sqlx::query_as(sql)
        .bind(user_id)
        .bind(purpose)
        .fetch_optional(e)
        .await)?;
    Ok(row.is_some_and(|r| r.0))
}

/// The ledger of one worker, oldest first.
pub async fn ledger(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<LedgerRow>> {
    let sql = "SELECT id, purpose, purpose_version, granted, policy_version, channel, recorded_at \
        FROM consent_ledger WHERE user_id = $1 ORDER BY recorded_at, purpose";
    Ok(run!(ex, |e| sqlx::query_as::<_, LedgerRow>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

pub async fn list(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<ConsentRow>> {
    let sql = "SELECT purpose, granted, policy_version, purpose_version, recorded_at FROM consents WHERE user_id = $1 ORDER BY purpose";
    Ok(run!(ex, |e| sqlx::query_as::<_, ConsentRow>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}
