//! The append-only audit log (the database refuses UPDATE and DELETE on it). Entries name people
//! by id only; `detail` is a short JSON object without personal data.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct AuditRow {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub subject_id: Option<Uuid>,
    pub action: String,
    pub detail: String,
    pub client_ip: Option<String>,
}

pub struct Entry<'a> {
    pub actor_id: Option<Uuid>,
    pub subject_id: Option<Uuid>,
    pub action: &'a str,
    pub detail: serde_json::Value,
    pub client_ip: Option<&'a str>,
    pub at: DateTime<Utc>,
}

pub async fn append(ex: Ex<'_>, entry: &Entry<'_>) -> Result<()> {
    let sql = "INSERT INTO audit_log (id, at, actor_id, subject_id, action, detail, client_ip) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    let detail = entry.detail.to_string();
    run!(ex, |e| sqlx::query(sql)
        .bind(Uuid::new_v4())
        .bind(entry.at)
        .bind(entry.actor_id)
        .bind(entry.subject_id)
        .bind(entry.action)
        .bind(&detail)
        .bind(entry.client_ip)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The entries about one person, newest first.
pub async fn for_subject(ex: Ex<'_>, subject_id: Uuid, limit: i64) -> Result<Vec<AuditRow>> {
    let sql = "SELECT id, at, actor_id, subject_id, action, detail, client_ip FROM audit_log \
        WHERE subject_id = $1 ORDER BY at DESC LIMIT $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, AuditRow>(sql)
        .bind(subject_id)
        .bind(limit)
        .fetch_all(e)
        .await)?)
}

/// The entries about one person by anyone else (another person, or no person at all), newest
/// first: the source of "who accessed my data", so the person's own many entries never crowd
/// the others out of the limit.
pub async fn about_by_others(ex: Ex<'_>, subject_id: Uuid, limit: i64) -> Result<Vec<AuditRow>> {
    let sql = "SELECT id, at, actor_id, subject_id, action, detail, client_ip FROM audit_log \
        WHERE subject_id = $1 AND (actor_id IS NULL OR actor_id <> $1) ORDER BY at DESC LIMIT $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, AuditRow>(sql)
        .bind(subject_id)
        .bind(limit)
        .fetch_all(e)
        .await)?)
}

/// Entries with a given action, newest first (for operators and tests).
pub async fn by_action(ex: Ex<'_>, action: &str, limit: i64) -> Result<Vec<AuditRow>> {
    let sql = "SELECT id, at, actor_id, subject_id, action, detail, client_ip FROM audit_log \
        WHERE action = $1 ORDER BY at DESC LIMIT $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, AuditRow>(sql)
        .bind(action)
        .bind(limit)
        .fetch_all(e)
        .await)?)
}

/// When `action` was last recorded about `subject_id`.
pub async fn last_for_subject(
    ex: Ex<'_>,
    subject_id: Uuid,
    action: &str,
) -> Result<Option<DateTime<Utc>>> {
    let sql = "SELECT MAX(at) FROM audit_log WHERE subject_id = $1 AND action = $2";
    Ok(run!(ex, |e| {
        sqlx::query_scalar::<_, Option<DateTime<Utc>>>(sql)
            .bind(subject_id)
            .bind(action)
            .fetch_one(e)
            .await
    })?)
}

pub async fn count(ex: Ex<'_>) -> Result<i64> {
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM audit_log"
    )
    .fetch_one(e)
    .await)?)
}
