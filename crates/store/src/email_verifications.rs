//! Email verification links: the token's hash, the address it verifies, and its expiry.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

pub async fn insert(
    ex: Ex<'_>,
    token_hash: &[u8],
    user_id: Uuid,
    email: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    let sql = "INSERT INTO email_verifications (token_hash, user_id, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
    run!(ex, |e| sqlx::query(sql)
        .bind(token_hash)
        .bind(user_id)
        .bind(email)
        .bind(now)
        .bind(expires_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Uses a live token once; returns the user and address it verifies.
pub async fn consume(
    ex: Ex<'_>,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> Result<Option<(Uuid, String)>> {
    let sql = "UPDATE email_verifications SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
        RETURNING user_id, email";
    Ok(run!(ex, |e| sqlx::query_as::<_, (Uuid, String)>(sql)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(e)
        .await)?)
}

/// Retention: links (and the addresses they name) are deleted once expired or used.
pub async fn purge_before(ex: Ex<'_>, before: DateTime<Utc>) -> Result<u64> {
    let sql = "DELETE FROM email_verifications WHERE expires_at < $1 OR used_at < $1";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(before)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}
