//! Certificates and the keys that sign them.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SigningKey {
    pub kid: String,
    pub public_key: Vec<u8>,
    pub private_key_enc: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub retired_at: Option<DateTime<Utc>>,
    /// Declared compromised: nothing the key signed verifies any more.
    pub compromised_at: Option<DateTime<Utc>>,
}

pub async fn insert_key(ex: Ex<'_>, k: &SigningKey) -> Result<()> {
    let sql = "INSERT INTO signing_keys (kid, public_key, private_key_enc, created_at, retired_at) VALUES ($1, $2, $3, $4, $5)";
    run!(ex, |e| sqlx::query(sql)
        .bind(&k.kid)
        .bind(&k.public_key)
        .bind(&k.private_key_enc)
        .bind(k.created_at)
        .bind(k.retired_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Every key, newest first.
pub async fn keys(ex: Ex<'_>) -> Result<Vec<SigningKey>> {
    let sql = "SELECT kid, public_key, private_key_enc, created_at, retired_at, compromised_at FROM signing_keys ORDER BY created_at DESC, kid";
    Ok(run!(ex, |e| sqlx::query_as::<_, SigningKey>(sql)
        .fetch_all(e)
        .await)?)
}

/// Declares a key compromised (and retired, if it still signed); false when there is no such key.
pub async fn compromise_key(ex: Ex<'_>, kid: &str, now: DateTime<Utc>) -> Result<bool> {
    let sql = "UPDATE signing_keys SET compromised_at = COALESCE(compromised_at, $2), retired_at = COALESCE(retired_at, $2) WHERE kid = $1";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(kid)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?
        == 1)
}

/// Retires every key but `keep`.
pub async fn retire_others(ex: Ex<'_>, keep: &str, now: DateTime<Utc>) -> Result<()> {
    let sql = "UPDATE signing_keys SET retired_at = $2 WHERE kid <> $1 AND retired_at IS NULL";
    run!(ex, |e| sqlx::query(sql)
        .bind(keep)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Certificate {
    pub id: Uuid,
    pub number: String,
    pub user_id: Uuid,
    pub attempt_id: Option<Uuid>,
    pub full_name: String,
    pub full_name_ur: Option<String>,
    pub cnic_last4: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub kid: String,
    pub qr_text: String,
    /// valid | revoked | superseded
    pub status: String,
    pub status_reason: Option<String>,
    pub status_changed_at: Option<DateTime<Utc>>,
    pub superseded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, number, user_id, attempt_id, full_name, full_name_ur, cnic_last4, issued_on, expires_on, kid, qr_text, status, status_reason, status_changed_at, superseded_by, created_at";

pub async fn insert(ex: Ex<'_>, c: &Certificate) -> Result<()> {
    let sql = format!(
        "INSERT INTO certificates ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
    );
    let mut ex = ex;
    run!(ex.reborrow(), |e| sqlx::query(sqlx::AssertSqlSafe(
        sql.as_str()
    ))
    .bind(c.id)
    .bind(&c.number)
    .bind(c.user_id)
    .bind(c.attempt_id)
    .bind(&c.full_name)
    .bind(&c.full_name_ur)
    .bind(&c.cnic_last4)
    .bind(c.issued_on)
    .bind(c.expires_on)
    .bind(&c.kid)
    .bind(&c.qr_text)
    .bind(&c.status)
    .bind(&c.status_reason)
    .bind(c.status_changed_at)
    .bind(c.superseded_by)
    .bind(c.created_at)
    .execute(e)
    .await
    .map(|r| r.rows_affected()))?;
    crate::candidates::refresh(ex, c.user_id, c.created_at).await
}

pub async fn by_number(ex: Ex<'_>, number: &str) -> Result<Option<Certificate>> {
    let sql = format!("SELECT {COLUMNS} FROM certificates WHERE number = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, Certificate>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(number)
    .fetch_optional(e)
    .await)?)
}

/// A person's certificates, newest first.
pub async fn for_user(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<Certificate>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM certificates WHERE user_id = $1 ORDER BY created_at DESC, id"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, Certificate>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(user_id)
    .fetch_all(e)
    .await)?)
}

/// Changes the status of a valid certificate (revoked or superseded); false if it was not valid.
pub async fn set_status(
    ex: Ex<'_>,
    id: Uuid,
    status: &str,
    reason: &str,
    superseded_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = "UPDATE certificates SET status = $2, status_reason = $3, superseded_by = $4, status_changed_at = $5 \
        WHERE id = $1 AND status = 'valid' RETURNING user_id";
    let mut ex = ex;
    let user: Option<Uuid> = run!(ex.reborrow(), |e| sqlx::query_scalar(sql)
        .bind(id)
        .bind(status)
        .bind(reason)
        .bind(superseded_by)
        .bind(now)
        .fetch_optional(e)
        .await)?;
    if let Some(u) = user {
        crate::candidates::refresh(ex, u, now).await?;
    }
    Ok(user.is_some())
}

/// Marks a valid or revoked certificate as replaced by `by` (a reissue).
pub async fn supersede(
    ex: Ex<'_>,
    id: Uuid,
    reason: &str,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = "UPDATE certificates SET status = 'superseded', status_reason = $2, superseded_by = $3, status_changed_at = $4 \
        WHERE id = $1 AND status IN ('valid', 'revoked') RETURNING user_id";
    let mut ex = ex;
    let user: Option<Uuid> = run!(ex.reborrow(), |e| sqlx::query_scalar(sql)
        .bind(id)
        .bind(reason)
        .bind(by)
        .bind(now)
        .fetch_optional(e)
        .await)?;
    if let Some(u) = user {
        crate::candidates::refresh(ex, u, now).await?;
    }
    Ok(user.is_some())
}

/// The numbers of certificates no longer in force, by status (`revoked`, `superseded`), in
/// number order: what the trust list publishes.
pub async fn numbers_not_in_force(ex: Ex<'_>) -> Result<Vec<(String, String)>> {
    let sql = "SELECT number, status FROM certificates WHERE status IN ('revoked', 'superseded') ORDER BY number";
    Ok(run!(ex, |e| sqlx::query_as::<_, (String, String)>(sql)
        .fetch_all(e)
        .await)?)
}
