//! One-time passwords: stored as keyed hashes, with an expiry and a count of tries.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OtpRow {
    pub id: Uuid,
    pub purpose: String,
    pub subject: Uuid,
    pub code_hash: Vec<u8>,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub consumed_at: Option<DateTime<Utc>>,
}

/// Stores a new code and retires the subject's earlier ones (only the newest code works).
pub async fn replace(mut ex: Ex<'_>, row: &OtpRow) -> Result<()> {
    let retire = "UPDATE otps SET consumed_at = $3 WHERE purpose = $1 AND subject = $2 AND consumed_at IS NULL";
    run!(ex.reborrow(), |e| sqlx::query(retire)
        .bind(&row.purpose)
        .bind(row.subject)
        .bind(row.created_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    let sql = "INSERT INTO otps (id, purpose, subject, code_hash, attempts, created_at, expires_at) \
        VALUES ($1, $2, $3, $4, 0, $5, $6)";
    run!(ex, |e| sqlx::query(sql)
        .bind(row.id)
        .bind(&row.purpose)
        .bind(row.subject)
        .bind(&row.code_hash)
        .bind(row.created_at)
        .bind(row.expires_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The newest unconsumed code of a subject for a purpose.
pub async fn current(ex: Ex<'_>, purpose: &str, subject: Uuid) -> Result<Option<OtpRow>> {
    let sql = "SELECT id, purpose, subject, code_hash, attempts, created_at, expires_at, consumed_at \
        FROM otps WHERE purpose = $1 AND subject = $2 AND consumed_at IS NULL ORDER BY created_at DESC LIMIT 1";
    Ok(run!(ex, |e| sqlx::query_as::<_, OtpRow>(sql)
        .bind(purpose)
        .bind(subject)
        .fetch_optional(e)
        .await)?)
}

/// Spends one try before the code is compared, so parallel guesses cannot exceed `max`.
/// Returns the tries used including this one, or `None` when none were left.
pub async fn spend_attempt(ex: Ex<'_>, id: Uuid, max: i32) -> Result<Option<i32>> {
    let sql = "UPDATE otps SET attempts = attempts + 1 WHERE id = $1 AND attempts < $2 RETURNING attempts";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i32>(sql)
        .bind(id)
        .bind(max)
        .fetch_optional(e)
        .await)?)
}

/// A code by its own id (password resets hand the id to the client).
pub async fn find(ex: Ex<'_>, id: Uuid, purpose: &str) -> Result<Option<OtpRow>> {
    let sql = "SELECT id, purpose, subject, code_hash, attempts, created_at, expires_at, consumed_at \
        FROM otps WHERE id = $1 AND purpose = $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, OtpRow>(sql)
        .bind(id)
        .bind(purpose)
        .fetch_optional(e)
        .await)?)
}

/// Marks a code used; false if it was already used (a concurrent double submit).
pub async fn consume(ex: Ex<'_>, id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let sql = "UPDATE otps SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?
        == 1)
}

/// Retention: codes are kept a day after they expire, then deleted.
pub async fn purge_before(ex: Ex<'_>, before: DateTime<Utc>) -> Result<u64> {
    let sql = "DELETE FROM otps WHERE expires_at < $1";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(before)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}
