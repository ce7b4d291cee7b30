//! Consent per purpose, with the privacy-policy version it was given under. Every change also goes
//! to the audit log, which keeps the history.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsentRow {
    pub purpose: String,
    pub granted: bool,
    pub policy_version: String,
    pub recorded_at: DateTime<Utc>,
}

pub async fn set(
    ex: Ex<'_>,
    user_id: Uuid,
    purpose: &str,
    granted: bool,
    version: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "INSERT INTO consents (user_id, purpose, granted, policy_version, recorded_at) VALUES ($1, $2, $3, $4, $5) \
        ON CONFLICT (user_id, purpose) DO UPDATE SET granted = excluded.granted, \
        policy_version = excluded.policy_version, recorded_at = excluded.recorded_at";
    run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(purpose)
        .bind(granted)
        .bind(version)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn list(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<ConsentRow>> {
    let sql = "SELECT purpose, granted, policy_version, recorded_at FROM consents WHERE user_id = $1 ORDER BY purpose";
    Ok(run!(ex, |e| sqlx::query_as::<_, ConsentRow>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}
