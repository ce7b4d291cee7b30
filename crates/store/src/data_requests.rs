//! Requests about a worker's data and their history.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestRow {
    pub id: Uuid,
    /// What the worker quotes: `DR-` and eight letters and digits.
    pub number: String,
    pub user_id: Uuid,
    /// access | correction | deletion | withdraw_consents
    pub kind: String,
    /// received | in_progress | done | refused
    pub status: String,
    /// A correction's field.
    pub field: Option<String>,
    /// A correction's right value, encrypted.
    pub value_enc: Option<Vec<u8>>,
    pub evidence_id: Option<Uuid>,
    pub assigned_to: Option<Uuid>,
    pub deadline_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, number, user_id, kind, status, field, value_enc, evidence_id, assigned_to, deadline_at, created_at, updated_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: Uuid,
    pub request_id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub status: String,
    pub note: Option<String>,
}

pub async fn insert(ex: Ex<'_>, r: &RequestRow) -> Result<()> {
    let sql = format!(
        "INSERT INTO data_requests ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    );
    run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(r.id)
        .bind(&r.number)
        .bind(r.user_id)
        .bind(&r.kind)
        .bind(&r.status)
        .bind(&r.field)
        .bind(&r.value_enc)
        .bind(r.evidence_id)
        .bind(r.assigned_to)
        .bind(r.deadline_at)
        .bind(r.created_at)
        .bind(r.updated_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records a step of the request's history and sets its status.
pub async fn step(ex: Ex<'_>, ev: &EventRow) -> Result<()> {
    let mut ex = ex;
    let sql = "INSERT INTO data_request_events (id, request_id, at, actor_id, status, note) VALUES ($1, $2, $3, $4, $5, $6)";
    run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(ev.id)
        .bind(ev.request_id)
        .bind(ev.at)
        .bind(ev.actor_id)
        .bind(&ev.status)
        .bind(&ev.note)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    let set = "UPDATE data_requests SET status = $2, updated_at = $3, assigned_to = COALESCE(assigned_to, $4) WHERE id = $1";
    run!(ex, |e| sqlx::query(set)
        .bind(ev.request_id)
        .bind(&ev.status)
        .bind(ev.at)
        .bind(ev.actor_id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A request by id; `owner` limits it to that worker's own.
pub async fn find(ex: Ex<'_>, id: Uuid, owner: Option<Uuid>) -> Result<Option<RequestRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM data_requests WHERE id = $1 AND ($2 IS NULL OR user_id = $2)"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, RequestRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(id)
    .bind(owner)
    .fetch_optional(e)
    .await)?)
}

pub async fn of_user(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<RequestRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM data_requests WHERE user_id = $1 ORDER BY created_at DESC");
    Ok(run!(ex, |e| sqlx::query_as::<_, RequestRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(user_id)
    .fetch_all(e)
    .await)?)
}

/// Requests still to handle, nearest deadline first.
pub async fn open(ex: Ex<'_>) -> Result<Vec<RequestRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM data_requests WHERE status IN ('received', 'in_progress') ORDER BY deadline_at LIMIT 500"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, RequestRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .fetch_all(e)
    .await)?)
}

pub async fn history(ex: Ex<'_>, request_id: Uuid) -> Result<Vec<EventRow>> {
    let sql = "SELECT id, request_id, at, actor_id, status, note FROM data_request_events WHERE request_id = $1 ORDER BY at, id";
    Ok(run!(ex, |e| sqlx::query_as::<_, EventRow>(sql)
        .bind(request_id)
        .fetch_all(e)
        .await)?)
}
