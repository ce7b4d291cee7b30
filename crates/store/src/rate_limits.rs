//! Fixed-window counters in the database, so every server process sees the same counts.

use chrono::{DateTime, Utc};

use crate::{Ex, Result, run};

/// Adds one to the counter of `(bucket, key)` in the window starting at `window_start`; returns
/// the new count.
pub async fn hit(ex: Ex<'_>, bucket: &str, key: &[u8], window_start: DateTime<Utc>) -> Result<i32> {
    let sql = "INSERT INTO rate_limits (bucket, key, window_start, count) VALUES ($1, $2, $3, 1) \
        ON CONFLICT (bucket, key, window_start) DO UPDATE SET count = rate_limits.count + 1 RETURNING count";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i32>(sql)
        .bind(bucket)
        .bind(key)
        .bind(window_start)
        .fetch_one(e)
        .await)?)
}

/// The count in the window, without adding to it.
pub async fn peek(
    ex: Ex<'_>,
    bucket: &str,
    key: &[u8],
    window_start: DateTime<Utc>,
) -> Result<i32> {
    let sql = "SELECT count FROM rate_limits WHERE bucket = $1 AND key = $2 AND window_start = $3";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i32>(sql)
        .bind(bucket)
        .bind(key)
        .bind(window_start)
        .fetch_optional(e)
        .await)?
    .unwrap_or(0))
}

/// Takes one event back from a window.
pub async fn refund(
    ex: Ex<'_>,
    bucket: &str,
    key: &[u8],
    window_start: DateTime<Utc>,
) -> Result<()> {
    let sql = "UPDATE rate_limits SET count = count - 1 WHERE bucket = $1 AND key = $2 AND window_start = $3 AND count > 0";
    run!(ex, |e| sqlx::query(sql)
        .bind(bucket)
        .bind(key)
        .bind(window_start)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Forgets a key's counts in a bucket (a successful sign-in clears its failures).
pub async fn clear(ex: Ex<'_>, bucket: &str, key: &[u8]) -> Result<()> {
    run!(ex, |e| sqlx::query(
        "DELETE FROM rate_limits WHERE bucket = $1 AND key = $2"
    )
    .bind(bucket)
    .bind(key)
    .execute(e)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn purge_before(ex: Ex<'_>, before: DateTime<Utc>) -> Result<u64> {
    let sql = "DELETE FROM rate_limits WHERE window_start < $1";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(before)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}
