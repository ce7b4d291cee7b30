//! Registrations waiting for their mobile number to be verified. The whole registration is one
//! encrypted payload; no account exists until the OTP is confirmed.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingRow {
    pub id: Uuid,
    pub payload_enc: Vec<u8>,
    pub mobile_hash: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(ex: Ex<'_>, row: &PendingRow) -> Result<()> {
    let sql = "INSERT INTO pending_registrations (id, payload_enc, mobile_hash, created_at, expires_at) \
        VALUES ($1, $2, $3, $4, $5)";
    run!(ex, |e| sqlx::query(sql)
        .bind(row.id)
        .bind(&row.payload_enc)
        .bind(&row.mobile_hash)
        .bind(row.created_at)
        .bind(row.expires_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A pending registration that has not expired.
pub async fn find_live(ex: Ex<'_>, id: Uuid, now: DateTime<Utc>) -> Result<Option<PendingRow>> {
    let sql = "SELECT id, payload_enc, mobile_hash, created_at, expires_at FROM pending_registrations \
        WHERE id = $1 AND expires_at > $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, PendingRow>(sql)
        .bind(id)
        .bind(now)
        .fetch_optional(e)
        .await)?)
}

/// Live pending registrations for a mobile number's blind index, newest first (at most 10).
pub async fn live_by_mobile_hash(
    ex: Ex<'_>,
    hash: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<PendingRow>> {
    let sql = "SELECT id, payload_enc, mobile_hash, created_at, expires_at FROM pending_registrations \
        WHERE mobile_hash = $1 AND expires_at > $2 ORDER BY created_at DESC LIMIT 10";
    Ok(run!(ex, |e| sqlx::query_as::<_, PendingRow>(sql)
        .bind(hash)
        .bind(now)
        .fetch_all(e)
        .await)?)
}

pub async fn delete(ex: Ex<'_>, id: Uuid) -> Result<()> {
    run!(ex, |e| sqlx::query(
        "DELETE FROM pending_registrations WHERE id = $1"
    )
    .bind(id)
    .execute(e)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Retention: unverified registrations are purged when they expire (30 days by default).
pub async fn purge_expired(ex: Ex<'_>, now: DateTime<Utc>) -> Result<u64> {
    let sql = "DELETE FROM pending_registrations WHERE expires_at <= $1";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}

pub async fn count(ex: Ex<'_>) -> Result<i64> {
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM pending_registrations"
    )
    .fetch_one(e)
    .await)?)
}
