//! What belongs to an organisation beside its record: the OEP that answered for a blacklisted
//! employer or agency, and the API tokens its users make.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

/// Records the OEP that answered for a blacklisted employer or agency.
pub async fn set_answered_by(
    ex: Ex<'_>,
    org: Uuid,
    oep: Uuid,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "INSERT INTO organisation_sponsors (organisation_id, oep_id, recorded_by, recorded_at) VALUES ($1, $2, $3, $4) \
        ON CONFLICT (organisation_id) DO UPDATE SET oep_id = excluded.oep_id, recorded_by = excluded.recorded_by, \
        recorded_at = excluded.recorded_at";
    run!(ex, |e| sqlx::query(sql)
        .bind(org)
        .bind(oep)
        .bind(by)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Every organisation's answering OEP: (organisation, the OEP's name, its licence).
pub async fn answered_by(ex: Ex<'_>) -> Result<Vec<(Uuid, String, Option<String>)>> {
    let sql = "SELECT s.organisation_id, o.legal_name, o.licence_number FROM organisation_sponsors s \
        JOIN organisations o ON o.id = s.oep_id";
    Ok(run!(ex, |e| sqlx::query_as::<
        _,
        (Uuid, String, Option<String>),
    >(sql)
    .fetch_all(e)
    .await)?)
}

/// An organisation's API token, as listed (never the token itself).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: Uuid,
    pub name: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Names a token session as the organisation's.
pub async fn add_token(ex: Ex<'_>, session: Uuid, org: Uuid, name: &str, by: Uuid) -> Result<()> {
    let sql = "INSERT INTO organisation_tokens (session_id, organisation_id, name, created_by) VALUES ($1, $2, $3, $4)";
    run!(ex, |e| sqlx::query(sql)
        .bind(session)
        .bind(org)
        .bind(name)
        .bind(by)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The organisation's tokens, newest first.
pub async fn tokens(ex: Ex<'_>, org: Uuid) -> Result<Vec<TokenRow>> {
    let sql = "SELECT s.id, t.name, u.full_name AS created_by, s.created_at, s.last_seen_at, s.expires_at, s.revoked_at \
        FROM organisation_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = t.created_by \
        WHERE t.organisation_id = $1 ORDER BY s.created_at DESC, s.id";
    Ok(run!(ex, |e| sqlx::query_as::<_, TokenRow>(sql)
        .bind(org)
        .fetch_all(e)
        .await)?)
}

/// Revokes one of the organisation's tokens; false when it is not theirs or already revoked.
pub async fn revoke_token(ex: Ex<'_>, id: Uuid, org: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let sql = "UPDATE sessions SET revoked_at = $3 WHERE id = $1 AND revoked_at IS NULL \
        AND id IN (SELECT session_id FROM organisation_tokens WHERE organisation_id = $2)";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(org)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?
        == 1)
}
