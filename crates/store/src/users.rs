//! Accounts: trainees and staff. Personal data arrives here already encrypted, with its blind
//! indexes; this module never sees plain CNICs or numbers.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

/// An account as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub role: String,
    pub full_name: String,
    /// The name in Urdu script, when given.
    pub full_name_ur: Option<String>,
    pub guardian_name: Option<String>,
    pub guardian_relation: Option<String>,
    pub gender: Option<String>,
    pub cnic_enc: Option<Vec<u8>>,
    /// The CNIC's blind index (staff accounts have none).
    pub cnic_hash: Option<Vec<u8>>,
    pub passport_enc: Option<Vec<u8>>,
    pub passport_expiry: Option<NaiveDate>,
    pub dob_enc: Option<Vec<u8>>,
    pub mobile_enc: Vec<u8>,
    /// The mobile number's blind index.
    pub mobile_hash: Vec<u8>,
    pub email: Option<String>,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub province: Option<String>,
    pub district: Option<String>,
    pub language: String,
    pub password_hash: String,
    /// Raised by a support agent's unlock; sign-in limits are keyed on it.
    pub sign_in_epoch: i32,
    /// Set when the account's personal data was erased at the worker's request.
    pub erased_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, role, full_name, full_name_ur, guardian_name, guardian_relation, gender, cnic_enc, \
    cnic_hash, passport_enc, passport_expiry, dob_enc, mobile_enc, mobile_hash, email, email_verified_at, province, district, \
    language, password_hash, sign_in_epoch, erased_at, created_at, updated_at";

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub id: Uuid,
    pub role: String,
    pub full_name: String,
    pub guardian_name: Option<String>,
    pub guardian_relation: Option<String>,
    pub gender: Option<String>,
    pub cnic_enc: Option<Vec<u8>>,
    pub cnic_hash: Option<Vec<u8>>,
    pub passport_enc: Option<Vec<u8>>,
    pub passport_hash: Option<Vec<u8>>,
    pub passport_expiry: Option<NaiveDate>,
    pub dob_enc: Option<Vec<u8>>,
    pub mobile_enc: Vec<u8>,
    pub mobile_hash: Vec<u8>,
    pub email: Option<String>,
    pub province: Option<String>,
    pub district: Option<String>,
    pub language: String,
    pub password_hash: String,
    pub now: DateTime<Utc>,
}

#[tracing::instrument(skip_all, fields(user_id = %u.id))]
pub async fn insert(ex: Ex<'_>, u: &NewUser) -> Result<()> {
    let sql = "INSERT INTO users (id, role, full_name, guardian_name, guardian_relation, gender, \
        cnic_enc, cnic_hash, passport_enc, passport_hash, passport_expiry, dob_enc, mobile_enc, \
        mobile_hash, email, province, district, language, password_hash, created_at, updated_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20)";
    run!(ex, |e| sqlx::query(sql)
        .bind(u.id)
        .bind(&u.role)
        .bind(&u.full_name)
        .bind(&u.guardian_name)
        .bind(&u.guardian_relation)
        .bind(&u.gender)
        .bind(&u.cnic_enc)
        .bind(&u.cnic_hash)
        .bind(&u.passport_enc)
        .bind(&u.passport_hash)
        .bind(u.passport_expiry)
        .bind(&u.dob_enc)
        .bind(&u.mobile_enc)
        .bind(&u.mobile_hash)
        .bind(&u.email)
        .bind(&u.province)
        .bind(&u.district)
        .bind(&u.language)
        .bind(&u.password_hash)
        .bind(u.now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn find(ex: Ex<'_>, id: Uuid) -> Result<Option<UserRow>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, UserRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(id)
    .fetch_optional(e)
    .await)?)
}

pub async fn find_by_cnic_hash(ex: Ex<'_>, hash: &[u8]) -> Result<Option<UserRow>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE cnic_hash = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, UserRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(hash)
    .fetch_optional(e)
    .await)?)
}

/// Accounts sharing a mobile number (families share phones), oldest first.
pub async fn find_by_mobile_hash(ex: Ex<'_>, hash: &[u8]) -> Result<Vec<UserRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM users WHERE mobile_hash = $1 ORDER BY created_at LIMIT 10");
    Ok(run!(ex, |e| sqlx::query_as::<_, UserRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(hash)
    .fetch_all(e)
    .await)?)
}

pub async fn count_by_mobile_hash(ex: Ex<'_>, hash: &[u8]) -> Result<i64> {
    let sql = "SELECT COUNT(*) FROM users WHERE mobile_hash = $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i64>(sql)
        .bind(hash)
        .fetch_one(e)
        .await)?)
}

/// Is the blind index already used by an account? `column` is `cnic_hash` or `passport_hash`.
pub async fn index_taken(ex: Ex<'_>, column: IndexColumn, hash: &[u8]) -> Result<bool> {
    let sql = match column {
        IndexColumn::Cnic => "SELECT COUNT(*) FROM users WHERE cnic_hash = $1",
        IndexColumn::Passport => "SELECT COUNT(*) FROM users WHERE passport_hash = $1",
    };
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i64>(sql)
        .bind(hash)
        .fetch_one(e)
        .await)?
        > 0)
}

#[derive(Debug, Clone, Copy)]
pub enum IndexColumn {
    Cnic,
    Passport,
}

pub async fn set_password(ex: Ex<'_>, id: Uuid, hash: &str, now: DateTime<Utc>) -> Result<()> {
    let sql = "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(hash)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Lifts every sign-in lock on the account (the limits' keys include this number).
pub async fn bump_sign_in_epoch(ex: Ex<'_>, id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let sql = "UPDATE users SET sign_in_epoch = sign_in_epoch + 1, updated_at = $2 WHERE id = $1";
    let r = run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

pub async fn set_language(ex: Ex<'_>, id: Uuid, lang: &str, now: DateTime<Utc>) -> Result<()> {
    let sql = "UPDATE users SET language = $2, updated_at = $3 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(lang)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_role(ex: Ex<'_>, id: Uuid, role: &str, now: DateTime<Utc>) -> Result<bool> {
    let sql = "UPDATE users SET role = $2, updated_at = $3 WHERE id = $1";
    let mut ex = ex;
    let r = run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(id)
        .bind(role)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    crate::candidates::refresh(ex, id, now).await?;
    Ok(r == 1)
}

/// The editable contact details of a signed-in trainee.
pub async fn set_contact(
    ex: Ex<'_>,
    id: Uuid,
    email: Option<&str>,
    province: &str,
    district: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    // A changed email address must be verified again.
    let sql = "UPDATE users SET email_verified_at = CASE WHEN email = $2 THEN email_verified_at ELSE NULL END, \
        email = $2, province = $3, district = $4, updated_at = $5 WHERE id = $1";
    let mut ex = ex;
    run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(id)
        .bind(email)
        .bind(province)
        .bind(district)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    // The district is a search token and shown in results.
    crate::candidates::refresh(ex, id, now).await
}

pub async fn mark_email_verified(
    ex: Ex<'_>,
    id: Uuid,
    email: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql =
        "UPDATE users SET email_verified_at = $3, updated_at = $3 WHERE id = $1 AND email = $2";
    let r = run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(email)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

pub async fn count(ex: Ex<'_>) -> Result<i64> {
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM users"
    )
    .fetch_one(e)
    .await)?)
}

/// A corrected identity field of the account: `guardian_name`, or the encrypted date of birth,
/// or the encrypted CNIC with its blind index.
pub enum Identity<'a> {
    GuardianName(&'a str),
    DateOfBirth(&'a [u8]),
    Cnic { enc: &'a [u8], hash: &'a [u8] },
}

pub async fn set_identity(
    ex: Ex<'_>,
    id: Uuid,
    value: Identity<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut ex = ex;
    let dob = matches!(value, Identity::DateOfBirth(_));
    let n = match value {
        Identity::GuardianName(v) => run!(ex.reborrow(), |e| sqlx::query(
            "UPDATE users SET guardian_name = $2, updated_at = $3 WHERE id = $1"
        )
        .bind(id)
        .bind(v)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?,
        Identity::DateOfBirth(v) => run!(ex.reborrow(), |e| sqlx::query(
            "UPDATE users SET dob_enc = $2, updated_at = $3 WHERE id = $1"
        )
        .bind(id)
        .bind(v)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?,
        Identity::Cnic { enc, hash } => run!(ex.reborrow(), |e| sqlx::query(
            "UPDATE users SET cnic_enc = $2, cnic_hash = $3, updated_at = $4 WHERE id = $1"
        )
        .bind(id)
        .bind(enc)
        .bind(hash)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?,
    };
    let _ = n;
    // Search results show an age band.
    if dob {
        crate::candidates::refresh(ex, id, now).await?;
    }
    Ok(())
}

pub async fn set_full_name(ex: Ex<'_>, id: Uuid, name: &str, now: DateTime<Utc>) -> Result<bool> {
    let sql = "UPDATE users SET full_name = $2, updated_at = $3 WHERE id = $1";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(name)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Sets (or clears) the name in Urdu script.
pub async fn set_full_name_ur(
    ex: Ex<'_>,
    id: Uuid,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "UPDATE users SET full_name_ur = $2, updated_at = $3 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(name)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}
