//! A trainee's education, employment history and intended move. Every lookup and change is scoped
//! to the owner: another user's id answers like a missing one.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct EducationRow {
    pub id: Uuid,
    pub level: String,
    pub institution: Option<String>,
    pub year: Option<i32>,
    pub hec_verification_requested: bool,
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct EmploymentRow {
    pub id: Uuid,
    pub employer: String,
    pub job_title: String,
    pub occupation: String,
    pub country: String,
    pub from_month: NaiveDate,
    pub to_month: Option<NaiveDate>,
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct IntendedMoveRow {
    pub destination: String,
    pub occupation: String,
    pub employer_or_oep: Option<String>,
    pub salary_amount: Option<i64>,
    pub salary_currency: Option<String>,
    pub benefits: Option<String>,
    pub updated_at: DateTime<Utc>,
}

pub async fn list_education(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<EducationRow>> {
    let sql = "SELECT id, level, institution, year, hec_verification_requested FROM education \
        WHERE user_id = $1 ORDER BY created_at";
    Ok(run!(ex, |e| sqlx::query_as::<_, EducationRow>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

pub async fn find_education(ex: Ex<'_>, id: Uuid, user_id: Uuid) -> Result<Option<EducationRow>> {
    let sql = "SELECT id, level, institution, year, hec_verification_requested FROM education WHERE id = $1 AND user_id = $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, EducationRow>(sql)
        .bind(id)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}

/// Inserts (when `id` is new) or updates an owned entry; false when the id is someone else's.
pub async fn upsert_education(
    ex: Ex<'_>,
    user_id: Uuid,
    row: &EducationRow,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = "INSERT INTO education (id, user_id, level, institution, year, hec_verification_requested, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7) \
        ON CONFLICT (id) DO UPDATE SET level = excluded.level, institution = excluded.institution, \
        year = excluded.year, hec_verification_requested = excluded.hec_verification_requested \
        WHERE education.user_id = excluded.user_id";
    let mut ex = ex;
    let r = run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(row.id)
        .bind(user_id)
        .bind(&row.level)
        .bind(&row.institution)
        .bind(row.year)
        .bind(row.hec_verification_requested)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    if r == 1 {
        // A changed degree is checked again.
        crate::hec::drop_check(ex.reborrow(), row.id).await?;
        crate::candidates::refresh(ex, user_id, now).await?;
    }
    Ok(r == 1)
}

pub async fn delete_education(
    ex: Ex<'_>,
    id: Uuid,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let mut ex = ex;
    run!(ex.reborrow(), |e| sqlx::query(
        "DELETE FROM hec_checks WHERE education_id = $1 AND user_id = $2"
    )
    .bind(id)
    .bind(user_id)
    .execute(e)
    .await
    .map(|r| r.rows_affected()))?;
    delete_owned(
        ex,
        "DELETE FROM education WHERE id = $1 AND user_id = $2",
        id,
        user_id,
        now,
    )
    .await
}

/// Deletes an owned entry and refreshes the owner's search row; false when the id is not theirs.
async fn delete_owned(
    ex: Ex<'_>,
    sql: &'static str,
    id: Uuid,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    let mut ex = ex;
    let n = run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(id)
        .bind(user_id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    if n == 1 {
        crate::candidates::refresh(ex, user_id, now).await?;
    }
    Ok(n == 1)
}

pub async fn list_employment(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<EmploymentRow>> {
    let sql = "SELECT id, employer, job_title, occupation, country, from_month, to_month FROM employment \
        WHERE user_id = $1 ORDER BY from_month DESC";
    Ok(run!(ex, |e| sqlx::query_as::<_, EmploymentRow>(sql)
        .bind(user_id)
        .fetch_all(e)
        .await)?)
}

pub async fn find_employment(ex: Ex<'_>, id: Uuid, user_id: Uuid) -> Result<Option<EmploymentRow>> {
    let sql = "SELECT id, employer, job_title, occupation, country, from_month, to_month FROM employment \
        WHERE id = $1 AND user_id = $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, EmploymentRow>(sql)
        .bind(id)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}

/// Inserts or updates an owned entry; false when the id is someone else's.
pub async fn upsert_employment(
    ex: Ex<'_>,
    user_id: Uuid,
    row: &EmploymentRow,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = "INSERT INTO employment (id, user_id, employer, job_title, occupation, country, from_month, to_month, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
        ON CONFLICT (id) DO UPDATE SET employer = excluded.employer, job_title = excluded.job_title, \
        occupation = excluded.occupation, country = excluded.country, from_month = excluded.from_month, \
        to_month = excluded.to_month WHERE employment.user_id = excluded.user_id";
    let mut ex = ex;
    let r = run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(row.id)
        .bind(user_id)
        .bind(&row.employer)
        .bind(&row.job_title)
        .bind(&row.occupation)
        .bind(&row.country)
        .bind(row.from_month)
        .bind(row.to_month)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    if r == 1 {
        crate::candidates::refresh(ex, user_id, now).await?;
    }
    Ok(r == 1)
}

pub async fn delete_employment(
    ex: Ex<'_>,
    id: Uuid,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool> {
    delete_owned(
        ex,
        "DELETE FROM employment WHERE id = $1 AND user_id = $2",
        id,
        user_id,
        now,
    )
    .await
}

pub async fn intended_move(ex: Ex<'_>, user_id: Uuid) -> Result<Option<IntendedMoveRow>> {
    let sql = "SELECT destination, occupation, employer_or_oep, salary_amount, salary_currency, benefits, updated_at \
        FROM intended_moves WHERE user_id = $1";
    Ok(run!(ex, |e| sqlx::query_as::<_, IntendedMoveRow>(sql)
        .bind(user_id)
        .fetch_optional(e)
        .await)?)
}

pub async fn set_intended_move(ex: Ex<'_>, user_id: Uuid, m: &IntendedMoveRow) -> Result<()> {
    let mut ex = ex;
    let sql = "INSERT INTO intended_moves (user_id, destination, occupation, employer_or_oep, salary_amount, salary_currency, benefits, updated_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
        ON CONFLICT (user_id) DO UPDATE SET destination = excluded.destination, occupation = excluded.occupation, \
        employer_or_oep = excluded.employer_or_oep, salary_amount = excluded.salary_amount, \
        salary_currency = excluded.salary_currency, benefits = excluded.benefits, updated_at = excluded.updated_at";
    run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(user_id)
        .bind(&m.destination)
        .bind(&m.occupation)
        .bind(&m.employer_or_oep)
        .bind(m.salary_amount)
        .bind(&m.salary_currency)
        .bind(&m.benefits)
        .bind(m.updated_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    crate::candidates::refresh(ex, user_id, m.updated_at).await
}
