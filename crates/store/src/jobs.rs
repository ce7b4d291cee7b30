//! The job queue: rows written in the same transaction as the change that caused them, claimed
//! by the worker after commit, retried with backoff. Claiming is the one place the dialects
//! differ: PostgreSQL uses `FOR UPDATE SKIP LOCKED` so several workers never take the same job;
//! SQLite has one writer at a time, so a plain conditional UPDATE is already exclusive.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobRow {
    pub id: Uuid,
    pub kind: String,
    pub payload_enc: Vec<u8>,
    pub attempts: i32,
}

/// Queues a job to run from `now`.
pub async fn enqueue(
    ex: Ex<'_>,
    kind: &str,
    payload_enc: &[u8],
    now: DateTime<Utc>,
) -> Result<Uuid> {
    enqueue_at(ex, kind, payload_enc, now, now).await
}

/// Queues a job that may not run before `run_at` (an SMS held over quiet hours).
pub async fn enqueue_at(
    ex: Ex<'_>,
    kind: &str,
    payload_enc: &[u8],
    now: DateTime<Utc>,
    run_at: DateTime<Utc>,
) -> Result<Uuid> {
    let id = Uuid::new_v4();
    let sql = "INSERT INTO jobs (id, kind, payload_enc, status, attempts, run_at, created_at) VALUES ($1, $2, $3, 'pending', 0, $4, $5)";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(kind)
        .bind(payload_enc)
        .bind(run_at)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(id)
}

/// The kind of job sent at most once (an SMS with a one-time code): claiming it marks it
/// `sending`, and a job in `sending` is never claimed again.
pub const AT_MOST_ONCE: &str = "sms_code";

/// Claims the oldest due job for `lease`: nobody else takes it until `locked_until`. An
/// at-most-once job leaves `pending` for `sending` as it is claimed, in the same statement.
pub async fn claim(
    ex: Ex<'_>,
    now: DateTime<Utc>,
    locked_until: DateTime<Utc>,
) -> Result<Option<JobRow>> {
    let pick = match ex.backend() {
        crate::Backend::Postgres => {
            "SELECT id FROM jobs WHERE status = 'pending' AND run_at <= $1 AND (locked_until IS NULL OR locked_until < $1) \
             ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED"
        }
        crate::Backend::Sqlite => {
            "SELECT id FROM jobs WHERE status = 'pending' AND run_at <= $1 AND (locked_until IS NULL OR locked_until < $1) \
             ORDER BY run_at LIMIT 1"
        }
    };
    let sql = format!(
        "UPDATE jobs SET locked_until = $2, attempts = attempts + 1, \
         status = CASE WHEN kind = '{AT_MOST_ONCE}' THEN 'sending' ELSE status END \
         WHERE id = ({pick}) RETURNING id, kind, payload_enc, attempts"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, JobRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(now)
    .bind(locked_until)
    .fetch_optional(e)
    .await)?)
}

pub async fn complete(ex: Ex<'_>, id: Uuid, now: DateTime<Utc>) -> Result<()> {
    let sql = "UPDATE jobs SET status = 'done', done_at = $2, locked_until = NULL WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or given up (`failed`) when `retry_at` is None.
pub async fn fail(
    ex: Ex<'_>,
    id: Uuid,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<()> {
    let sql = "UPDATE jobs SET status = CASE WHEN $3 IS NULL THEN 'failed' ELSE 'pending' END, \
        run_at = COALESCE($3, run_at), locked_until = NULL, last_error = $2 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(error)
        .bind(retry_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Jobs not yet done, by status (for `/metrics` and tests).
pub async fn count_by_status(ex: Ex<'_>, status: &str) -> Result<i64> {
    let sql = "SELECT COUNT(*) FROM jobs WHERE status = $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i64>(sql)
        .bind(status)
        .fetch_one(e)
        .await)?)
}

/// Retention: finished jobs (they hold encrypted phone numbers) are deleted after `before`.
pub async fn purge_done_before(ex: Ex<'_>, before: DateTime<Utc>) -> Result<u64> {
    // `sending`: an at-most-once job whose worker stopped mid-send, never sent again.
    let sql = "DELETE FROM jobs WHERE status IN ('done', 'failed', 'sending') AND created_at < $1";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(before)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}
