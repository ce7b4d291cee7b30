//! Sessions, stored in the database so several server processes share them. Only the SHA-256 of
//! the token is stored.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub device_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A live session with the role of its user, as the request extractor needs it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LiveSession {
    pub id: Uuid,
    pub user_id: Uuid,
    pub role: String,
    pub language: String,
    pub full_name: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// An organisation user's organisation and where it stands (`approved` to act).
    pub organisation_id: Option<Uuid>,
    pub organisation_status: Option<String>,
}

pub struct NewSession<'a> {
    pub id: Uuid,
    pub token_hash: &'a [u8],
    pub user_id: Uuid,
    pub kind: &'a str,
    pub device_id: Option<Uuid>,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(ex: Ex<'_>, s: &NewSession<'_>) -> Result<()> {
    let sql = "INSERT INTO sessions (id, token_hash, user_id, kind, device_id, created_at, last_seen_at, expires_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $6, $7)";
    run!(ex, |e| sqlx::query(sql)
        .bind(s.id)
        .bind(s.token_hash)
        .bind(s.user_id)
        .bind(s.kind)
        .bind(s.device_id)
        .bind(s.now)
        .bind(s.expires_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// What a token must be to open a session: of this kind (a web cookie is not an API token and
/// the reverse), and opened after `opened_after` (the absolute lifetime, whatever the use).
pub struct Wanted<'a> {
    pub token_hash: &'a [u8],
    pub kind: &'a str,
    pub opened_after: DateTime<Utc>,
}

/// The session a token opens, if it is of the wanted kind, neither expired nor revoked, and
/// within its absolute lifetime.
pub async fn find_live(
    ex: Ex<'_>,
    w: &Wanted<'_>,
    now: DateTime<Utc>,
) -> Result<Option<LiveSession>> {
    let sql = "SELECT s.id, s.user_id, u.role, u.language, u.full_name, s.created_at, s.last_seen_at, s.expires_at, \
        u.organisation_id, o.status AS organisation_status \
        FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN organisations o ON o.id = u.organisation_id \
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
        AND s.kind = $3 AND s.created_at > $4";
    Ok(run!(ex, |e| sqlx::query_as::<_, LiveSession>(sql)
        .bind(w.token_hash)
        .bind(now)
        .bind(w.kind)
        .bind(w.opened_after)
        .fetch_optional(e)
        .await)?)
}

/// Slides the expiry forward (idle timeout), at most once a minute per session.
pub async fn touch(
    ex: Ex<'_>,
    id: Uuid,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    let sql = "UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1 AND revoked_at IS NULL";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(now)
        .bind(expires_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Revokes one session of a user; false when it is not theirs or already revoked.
pub async fn revoke(ex: Ex<'_>, id: Uuid, user_id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let sql =
        "UPDATE sessions SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(user_id)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?
        == 1)
}

/// Revokes every session of a user (after a password reset), but `keep`.
pub async fn revoke_all(
    ex: Ex<'_>,
    user_id: Uuid,
    keep: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<u64> {
    let sql = "UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND ($3 IS NULL OR id <> $3)";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(now)
        .bind(keep)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}

/// Revokes the sessions opened from one device of a user.
pub async fn revoke_device(
    ex: Ex<'_>,
    user_id: Uuid,
    device_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64> {
    let sql = "UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND device_id = $2 AND revoked_at IS NULL";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(device_id)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}

/// A user's live sessions, newest first.
pub async fn list_live(ex: Ex<'_>, user_id: Uuid, now: DateTime<Utc>) -> Result<Vec<SessionRow>> {
    let sql = "SELECT id, user_id, kind, device_id, created_at, last_seen_at, expires_at, revoked_at FROM sessions \
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY last_seen_at DESC LIMIT 50";
    Ok(run!(ex, |e| sqlx::query_as::<_, SessionRow>(sql)
        .bind(user_id)
        .bind(now)
        .fetch_all(e)
        .await)?)
}

/// Retention: sessions are deleted a day after they end.
pub async fn purge_before(ex: Ex<'_>, before: DateTime<Utc>) -> Result<u64> {
    let sql = "DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(before)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}
