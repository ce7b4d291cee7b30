//! Help requests waiting for their code: opened without signing in, kept encrypted until the
//! code sent to the typed mobile is confirmed, then turned into a ticket and removed.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DraftRow {
    pub id: Uuid,
    pub payload_enc: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(ex: Ex<'_>, d: &DraftRow) -> Result<()> {
    let sql =
        "INSERT INTO help_drafts (id, payload_enc, created_at, expires_at) VALUES ($1, $2, $3, $4)";
    run!(ex, |e| sqlx::query(sql)
        .bind(d.id)
        .bind(&d.payload_enc)
        .bind(d.created_at)
        .bind(d.expires_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The draft, while it has not expired.
pub async fn find(ex: Ex<'_>, id: Uuid, now: DateTime<Utc>) -> Result<Option<DraftRow>> {
    let sql = "SELECT id, payload_enc, created_at, expires_at FROM help_drafts WHERE id = $1 AND expires_at > $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, DraftRow>(sql)
        .bind(id)
        .bind(now)
        .fetch_optional(e)
        .await)?)
}

/// Removes the draft; false when it was already gone (confirmed twice at once).
pub async fn delete(ex: Ex<'_>, id: Uuid) -> Result<bool> {
    let sql = "DELETE FROM help_drafts WHERE id = $1";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Retention: drafts whose code ran out before `before`.
pub async fn purge_expired(ex: Ex<'_>, before: DateTime<Utc>) -> Result<u64> {
    let sql = "DELETE FROM help_drafts WHERE expires_at < $1";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(before)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}
