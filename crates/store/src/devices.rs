//! The devices a user signed in from: a cookie id for browsers, the app's own headers for the app.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeviceRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub model: Option<String>,
    pub os: Option<String>,
    pub app_version: Option<String>,
    pub user_agent: Option<String>,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

pub struct SeenDevice<'a> {
    pub user_id: Uuid,
    pub key_hash: &'a [u8],
    pub kind: &'a str,
    pub model: Option<&'a str>,
    pub os: Option<&'a str>,
    pub app_version: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// Records a sign-in from a device: inserted the first time, refreshed after. Returns its id.
pub async fn record(ex: Ex<'_>, d: &SeenDevice<'_>) -> Result<Uuid> {
    let sql = "INSERT INTO devices (id, user_id, device_key_hash, kind, model, os, app_version, user_agent, first_seen_at, last_seen_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
        ON CONFLICT (user_id, device_key_hash) DO UPDATE SET kind = excluded.kind, model = excluded.model, \
        os = excluded.os, app_version = excluded.app_version, user_agent = excluded.user_agent, last_seen_at = excluded.last_seen_at \
        RETURNING id";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, Uuid>(sql)
        .bind(Uuid::new_v4())
        .bind(d.user_id)
        .bind(d.key_hash)
        .bind(d.kind)
        .bind(d.model)
        .bind(d.os)
        .bind(d.app_version)
        .bind(d.user_agent)
        .bind(d.now)
        .fetch_one(e)
        .await)?)
}

/// A user's devices, most recently used first.
pub async fn list(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<DeviceRow>> {
    let sql = "SELECT id, user_id, kind, model, os, app_version, user_agent, first_seen_at, last_seen_at \
        FROM devices WHERE user_id = $1 ORDER BY last_seen_at DESC LIMIT 20";
    Ok(run!(ex, |e| sqlx::query_as::<_, DeviceRow>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

/// One device of a user: `None` when it does not exist or is someone else's.
pub async fn find_owned(ex: Ex<'_>, id: Uuid, user_id: Uuid) -> Result<Option<DeviceRow>> {
    let sql = "SELECT id, user_id, kind, model, os, app_version, user_agent, first_seen_at, last_seen_at \
        FROM devices WHERE id = $1 AND user_id = $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, DeviceRow>(sql)
        .bind(id)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}

/// Whether a user has signed in from this device before (by the hash of its key).
pub async fn known(ex: Ex<'_>, user_id: Uuid, key_hash: &[u8]) -> Result<bool> {
    let sql = "SELECT COUNT(*) FROM devices WHERE user_id = $1 AND device_key_hash = $2";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i64>(sql)
        .bind(user_id)
        .bind(key_hash)
        .fetch_one(e)
        .await)?
        > 0)
}

/// Retention: device records not seen since `before` that no session uses any more.
pub async fn purge_unseen_before(ex: Ex<'_>, before: DateTime<Utc>) -> Result<u64> {
    let sql = "DELETE FROM devices WHERE last_seen_at < $1 \
        AND id NOT IN (SELECT device_id FROM sessions WHERE device_id IS NOT NULL)";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(before)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}
