//! Identity over time: evidence files, the passports and mobile numbers an account had before,
//! and mobile changes waiting for their code. Numbers are stored encrypted with their blind index,
//! as on `users`.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EvidenceRow {
    pub id: Uuid,
    pub user_id: Uuid,
    /// `passport_renewal`, `mobile_change`, …
    pub purpose: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub object_key: String,
    pub uploaded_by: Uuid,
    pub created_at: DateTime<Utc>,
}

pub async fn insert_evidence(ex: Ex<'_>, r: &EvidenceRow) -> Result<()> {
    let sql = "INSERT INTO evidence (id, user_id, purpose, content_type, size_bytes, sha256, object_key, uploaded_by, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    run!(ex, |e| sqlx::query(sql)
        .bind(r.id)
        .bind(r.user_id)
        .bind(&r.purpose)
        .bind(&r.content_type)
        .bind(r.size_bytes)
        .bind(&r.sha256)
        .bind(&r.object_key)
        .bind(r.uploaded_by)
        .bind(r.created_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// One evidence file of `user_id` (None when it is someone else's).
pub async fn evidence_of(ex: Ex<'_>, user_id: Uuid, id: Uuid) -> Result<Option<EvidenceRow>> {
    let sql = "SELECT id, user_id, purpose, content_type, size_bytes, sha256, object_key, uploaded_by, created_at \
        FROM evidence WHERE id = $1 AND user_id = $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, EvidenceRow>(sql)
        .bind(id)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}

pub async fn evidence_for(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<EvidenceRow>> {
    let sql = "SELECT id, user_id, purpose, content_type, size_bytes, sha256, object_key, uploaded_by, created_at \
        FROM evidence WHERE user_id = $1 ORDER BY created_at";
    Ok(run!(ex, |e| sqlx::query_as::<_, EvidenceRow>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PassportHistoryRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub passport_enc: Vec<u8>,
    pub passport_hash: Vec<u8>,
    pub passport_expiry: Option<NaiveDate>,
    pub replaced_at: DateTime<Utc>,
    pub evidence_id: Option<Uuid>,
}

pub async fn insert_passport_history(ex: Ex<'_>, r: &PassportHistoryRow) -> Result<()> {
    let sql = "INSERT INTO passport_history (id, user_id, passport_enc, passport_hash, passport_expiry, replaced_at, evidence_id) \
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    run!(ex, |e| sqlx::query(sql)
        .bind(r.id)
        .bind(r.user_id)
        .bind(&r.passport_enc)
        .bind(&r.passport_hash)
        .bind(r.passport_expiry)
        .bind(r.replaced_at)
        .bind(r.evidence_id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn passport_history(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<PassportHistoryRow>> {
    let sql = "SELECT id, user_id, passport_enc, passport_hash, passport_expiry, replaced_at, evidence_id \
        FROM passport_history WHERE user_id = $1 ORDER BY replaced_at";
    Ok(run!(ex, |e| sqlx::query_as::<_, PassportHistoryRow>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

/// When `user_id`'s passport with blind index `hash` was replaced, if it was theirs before.
pub async fn passport_replaced_at(
    ex: Ex<'_>,
    user_id: Uuid,
    hash: &[u8],
) -> Result<Option<DateTime<Utc>>> {
    let sql =
        "SELECT MAX(replaced_at) FROM passport_history WHERE user_id = $1 AND passport_hash = $2";
    Ok(run!(ex, |e| {
        sqlx::query_scalar::<_, Option<DateTime<Utc>>>(sql)
            .bind(user_id)
            .bind(hash)
            .fetch_one(e)
            .await
    })?)
}

/// The account's current passport.
pub async fn set_passport(
    ex: Ex<'_>,
    user_id: Uuid,
    enc: &[u8],
    hash: &[u8],
    expiry: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "UPDATE users SET passport_enc = $2, passport_hash = $3, passport_expiry = $4, updated_at = $5 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(enc)
        .bind(hash)
        .bind(expiry)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MobileHistoryRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub mobile_enc: Vec<u8>,
    pub mobile_hash: Vec<u8>,
    pub replaced_at: DateTime<Utc>,
    /// The worker, or the support agent who made the change.
    pub changed_by: Uuid,
    pub evidence_id: Option<Uuid>,
}

pub async fn insert_mobile_history(ex: Ex<'_>, r: &MobileHistoryRow) -> Result<()> {
    let sql = "INSERT INTO mobile_history (id, user_id, mobile_enc, mobile_hash, replaced_at, changed_by, evidence_id) \
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    run!(ex, |e| sqlx::query(sql)
        .bind(r.id)
        .bind(r.user_id)
        .bind(&r.mobile_enc)
        .bind(&r.mobile_hash)
        .bind(r.replaced_at)
        .bind(r.changed_by)
        .bind(r.evidence_id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn mobile_history(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<MobileHistoryRow>> {
    let sql = "SELECT id, user_id, mobile_enc, mobile_hash, replaced_at, changed_by, evidence_id \
        FROM mobile_history WHERE user_id = $1 ORDER BY replaced_at";
    Ok(run!(ex, |e| sqlx::query_as::<_, MobileHistoryRow>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

/// The account's current mobile number.
pub async fn set_mobile(
    ex: Ex<'_>,
    user_id: Uuid,
    enc: &[u8],
    hash: &[u8],
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "UPDATE users SET mobile_enc = $2, mobile_hash = $3, updated_at = $4 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(enc)
        .bind(hash)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MobileChangeRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub mobile_enc: Vec<u8>,
    pub mobile_hash: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A new mobile change of the user; their earlier unconfirmed ones end.
pub async fn start_mobile_change(ex: Ex<'_>, r: &MobileChangeRow) -> Result<()> {
    let mut ex = ex;
    let clear = "DELETE FROM mobile_changes WHERE user_id = $1";
    run!(ex.reborrow(), |e| sqlx::query(clear)
        .bind(r.user_id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    let sql = "INSERT INTO mobile_changes (id, user_id, mobile_enc, mobile_hash, created_at, expires_at) \
        VALUES ($1, $2, $3, $4, $5, $6)";
    run!(ex, |e| sqlx::query(sql)
        .bind(r.id)
        .bind(r.user_id)
        .bind(&r.mobile_enc)
        .bind(&r.mobile_hash)
        .bind(r.created_at)
        .bind(r.expires_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The user's own mobile change `id` (None when it is someone else's or gone).
pub async fn mobile_change(ex: Ex<'_>, user_id: Uuid, id: Uuid) -> Result<Option<MobileChangeRow>> {
    let sql = "SELECT id, user_id, mobile_enc, mobile_hash, created_at, expires_at FROM mobile_changes \
        WHERE id = $1 AND user_id = $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, MobileChangeRow>(sql)
        .bind(id)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}

/// Ends a mobile change; false when it was already ended (a double submit).
pub async fn end_mobile_change(ex: Ex<'_>, id: Uuid) -> Result<bool> {
    let sql = "DELETE FROM mobile_changes WHERE id = $1";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Removes mobile changes whose code ran out before `before`; the count.
pub async fn purge_mobile_changes(ex: Ex<'_>, before: DateTime<Utc>) -> Result<u64> {
    let sql = "DELETE FROM mobile_changes WHERE expires_at < $1";
    Ok(run!(ex, |e| sqlx::query(sql)
        .bind(before)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?)
}
