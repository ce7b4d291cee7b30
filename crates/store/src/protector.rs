//! Protector of Emigrants offices and officers, certificate checks, protector stamps and the
//! machine clients of BE&OE.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Office {
    pub code: String,
    pub name_en: String,
    pub name_ur: String,
    pub active: bool,
}

pub async fn offices(ex: Ex<'_>) -> Result<Vec<Office>> {
    let sql = "SELECT code, name_en, name_ur, active FROM protector_offices ORDER BY code";
    Ok(run!(ex, |e| sqlx::query_as::<_, Office>(sql)
        .fetch_all(e)
        .await)?)
}

/// Adds or changes an office.
pub async fn put_office(ex: Ex<'_>, o: &Office, now: DateTime<Utc>) -> Result<()> {
    let sql = "INSERT INTO protector_offices (code, name_en, name_ur, active, updated_at) VALUES ($1, $2, $3, $4, $5) \
        ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en, name_ur = excluded.name_ur, active = excluded.active, updated_at = excluded.updated_at";
    run!(ex, |e| sqlx::query(sql)
        .bind(&o.code)
        .bind(&o.name_en)
        .bind(&o.name_ur)
        .bind(o.active)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_staff_office(ex: Ex<'_>, user_id: Uuid, office: &str) -> Result<()> {
    let sql = "INSERT INTO staff_offices (user_id, office_code) VALUES ($1, $2) \
        ON CONFLICT (user_id) DO UPDATE SET office_code = excluded.office_code";
    run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(office)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn staff_office(ex: Ex<'_>, user_id: Uuid) -> Result<Option<String>> {
    let sql = "SELECT office_code FROM staff_offices WHERE user_id = $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, String>(sql)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Check {
    pub id: Uuid,
    pub user_id: Uuid,
    pub certificate_id: Option<Uuid>,
    pub office_code: Option<String>,
    pub officer_id: Option<Uuid>,
    pub api_client_id: Option<Uuid>,
    pub via: String,
    pub checked_at: DateTime<Utc>,
}

pub async fn record_check(ex: Ex<'_>, c: &Check) -> Result<()> {
    let sql = "INSERT INTO certificate_checks (id, user_id, certificate_id, office_code, officer_id, api_client_id, via, checked_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    run!(ex, |e| sqlx::query(sql)
        .bind(c.id)
        .bind(c.user_id)
        .bind(c.certificate_id)
        .bind(&c.office_code)
        .bind(c.officer_id)
        .bind(c.api_client_id)
        .bind(&c.via)
        .bind(c.checked_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Who checked a person's certificate, newest first.
pub async fn checks_of(ex: Ex<'_>, user_id: Uuid, limit: i64) -> Result<Vec<Check>> {
    let sql = "SELECT id, user_id, certificate_id, office_code, officer_id, api_client_id, via, checked_at \
        FROM certificate_checks WHERE user_id = $1 ORDER BY checked_at DESC, id LIMIT $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, Check>(sql)
        .bind(user_id)
        .bind(limit)
        .fetch_all(e)
        .await)?)
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Stamp {
    pub id: Uuid,
    pub user_id: Uuid,
    pub certificate_id: Uuid,
    pub office_code: String,
    pub officer_id: Option<Uuid>,
    pub api_client_id: Option<Uuid>,
    pub protector_number: String,
    pub stamped_on: NaiveDate,
    pub destination: String,
    pub employer: String,
    pub visa_type: String,
    pub idempotency_key: Option<String>,
    pub created_at: DateTime<Utc>,
}

const STAMP_COLUMNS: &str = "id, user_id, certificate_id, office_code, officer_id, api_client_id, protector_number, stamped_on, destination, employer, visa_type, idempotency_key, created_at";

pub async fn insert_stamp(ex: Ex<'_>, s: &Stamp) -> Result<()> {
    let sql = format!(
        "INSERT INTO protector_stamps ({STAMP_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    );
    run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(s.id)
        .bind(s.user_id)
        .bind(s.certificate_id)
        .bind(&s.office_code)
        .bind(s.officer_id)
        .bind(s.api_client_id)
        .bind(&s.protector_number)
        .bind(s.stamped_on)
        .bind(&s.destination)
        .bind(&s.employer)
        .bind(&s.visa_type)
        .bind(&s.idempotency_key)
        .bind(s.created_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn stamp_by_number(ex: Ex<'_>, protector_number: &str) -> Result<Option<Stamp>> {
    let sql = format!("SELECT {STAMP_COLUMNS} FROM protector_stamps WHERE protector_number = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, Stamp>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(protector_number)
    .fetch_optional(e)
    .await)?)
}

/// The stamp a machine client made with an idempotency key.
pub async fn stamp_by_client_key(ex: Ex<'_>, client: Uuid, key: &str) -> Result<Option<Stamp>> {
    let sql = format!(
        "SELECT {STAMP_COLUMNS} FROM protector_stamps WHERE api_client_id = $1 AND idempotency_key = $2"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, Stamp>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(client)
    .bind(key)
    .fetch_optional(e)
    .await)?)
}

pub async fn stamps_of(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<Stamp>> {
    let sql = format!(
        "SELECT {STAMP_COLUMNS} FROM protector_stamps WHERE user_id = $1 ORDER BY created_at DESC"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, Stamp>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(user_id)
    .fetch_all(e)
    .await)?)
}

/// An office's stamps of one day.
pub async fn day_list(ex: Ex<'_>, office: &str, day: NaiveDate) -> Result<Vec<Stamp>> {
    let sql = format!(
        "SELECT {STAMP_COLUMNS} FROM protector_stamps WHERE office_code = $1 AND stamped_on = $2 ORDER BY created_at"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, Stamp>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(office)
    .bind(day)
    .fetch_all(e)
    .await)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiClient {
    pub id: Uuid,
    pub name: String,
    pub secret_hash: Vec<u8>,
    pub scopes: String,
    pub office_code: Option<String>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub async fn insert_client(ex: Ex<'_>, c: &ApiClient, by: Option<Uuid>) -> Result<()> {
    let sql = "INSERT INTO api_clients (id, name, secret_hash, scopes, office_code, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
    run!(ex, |e| sqlx::query(sql)
        .bind(c.id)
        .bind(&c.name)
        .bind(&c.secret_hash)
        .bind(&c.scopes)
        .bind(&c.office_code)
        .bind(by)
        .bind(c.created_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn client(ex: Ex<'_>, id: Uuid) -> Result<Option<ApiClient>> {
    let sql = "SELECT id, name, secret_hash, scopes, office_code, created_at, revoked_at FROM api_clients WHERE id = $1";
    Ok(run!(ex, |e| sqlx::query_as::<_, ApiClient>(sql)
        .bind(id)
        .fetch_optional(e)
        .await)?)
}

pub async fn revoke_client(ex: Ex<'_>, id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let sql = "UPDATE api_clients SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
