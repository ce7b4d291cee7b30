//! The notifications centre: a person's notices (kind and encrypted arguments, worded when read)
//! and, for each channel a notice also went by, its delivery row, kept up to date by the worker
//! as the job is sent, retried or given up ([`delivered`]).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NoticeRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub args_enc: Vec<u8>,
    pub urgent: bool,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeliveryRow {
    pub notice_id: Uuid,
    pub channel: String,
    pub job_id: Uuid,
    pub status: String,
    pub attempts: i32,
    pub not_before: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub async fn insert(ex: Ex<'_>, n: &NoticeRow) -> Result<()> {
    let sql = "INSERT INTO notices (id, user_id, kind, args_enc, urgent, created_at, read_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    run!(ex, |e| sqlx::query(sql)
        .bind(n.id)
        .bind(n.user_id)
        .bind(&n.kind)
        .bind(&n.args_enc)
        .bind(n.urgent)
        .bind(n.created_at)
        .bind(n.read_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records that notice `d.notice_id` also went by `d.channel` as job `d.job_id`.
pub async fn insert_delivery(ex: Ex<'_>, d: &DeliveryRow) -> Result<()> {
    let sql = "INSERT INTO notice_deliveries (notice_id, channel, job_id, status, attempts, not_before, updated_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    run!(ex, |e| sqlx::query(sql)
        .bind(d.notice_id)
        .bind(&d.channel)
        .bind(d.job_id)
        .bind(&d.status)
        .bind(d.attempts)
        .bind(d.not_before)
        .bind(d.updated_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The worker's report on job `job_id` (a message that is no notice changes nothing):
/// `sent`, `queued` (it failed and will be tried again) or `failed` (given up).
pub async fn delivered(
    ex: Ex<'_>,
    job_id: Uuid,
    status: &str,
    attempts: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "UPDATE notice_deliveries SET status = $2, attempts = $3, updated_at = $4 WHERE job_id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(job_id)
        .bind(status)
        .bind(attempts)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A person's newest notices, newest first.
pub async fn list(ex: Ex<'_>, user_id: Uuid, limit: i64) -> Result<Vec<NoticeRow>> {
    let sql = "SELECT id, user_id, kind, args_enc, urgent, created_at, read_at FROM notices \
        WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, NoticeRow>(sql)
        .bind(user_id)
        .bind(limit)
        .fetch_all(e)
        .await)?)
}

/// The deliveries of a person's notices, newest notice first.
pub async fn deliveries(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<DeliveryRow>> {
    let sql = "SELECT d.notice_id, d.channel, d.job_id, d.status, d.attempts, d.not_before, d.updated_at \
        FROM notice_deliveries d JOIN notices n ON n.id = d.notice_id WHERE n.user_id = $1 \
        ORDER BY n.created_at DESC, d.channel";
    Ok(run!(ex, |e| sqlx::query_as::<_, DeliveryRow>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

pub async fn unread(ex: Ex<'_>, user_id: Uuid) -> Result<i64> {
    let sql = "SELECT COUNT(*) FROM notices WHERE user_id = $1 AND read_at IS NULL";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i64>(sql)
        .bind(user_id)
        .fetch_one(e)
        .await)?)
}

/// Marks one of `user_id`'s notices read (`id: None`: all of them). Returns how many changed; a
/// notice of someone else's is never touched.
pub async fn mark_read(
    ex: Ex<'_>,
    user_id: Uuid,
    id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<u64> {
    let sql = "UPDATE notices SET read_at = $3 WHERE user_id = $1 AND read_at IS NULL AND ($2 IS NULL OR id = $2)";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(id)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}

/// Whether notice `id` is `user_id`'s.
pub async fn is_mine(ex: Ex<'_>, user_id: Uuid, id: Uuid) -> Result<bool> {
    let sql = "SELECT COUNT(*) FROM notices WHERE id = $1 AND user_id = $2";
    let n: i64 = run!(ex, |e| sqlx::query_scalar::<_, i64>(sql)
        .bind(id)
        .bind(user_id)
        .fetch_one(e)
        .await)?;
    Ok(n > 0)
}

/// Retention: notices (and their deliveries) older than `before`.
pub async fn purge_before(ex: Ex<'_>, before: DateTime<Utc>) -> Result<u64> {
    let mut ex = ex;
    let deliveries = "DELETE FROM notice_deliveries WHERE notice_id IN (SELECT id FROM notices WHERE created_at < $1)";
    run!(ex.reborrow(), |e| sqlx::query(deliveries)
        .bind(before)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    let sql = "DELETE FROM notices WHERE created_at < $1";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(before)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}
