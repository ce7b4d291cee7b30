//! Agreements OEC signs with partner organisations or governments, and the demands under them.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AgreementRow {
    pub id: Uuid,
    /// `AG-` and eight letters and digits.
    pub number: String,
    pub title: String,
    pub partner_organisation_id: Option<Uuid>,
    /// ISO 3166-1 alpha-2, for a government-to-government agreement.
    pub partner_country: Option<String>,
    pub sectors: String,
    pub quota: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, number, title, partner_organisation_id, partner_country, sectors, quota, \
    starts_on, ends_on, created_by, created_at";

pub async fn insert(ex: Ex<'_>, a: &AgreementRow) -> Result<()> {
    let sql = format!(
        "INSERT INTO agreements ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    );
    run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(a.id)
        .bind(&a.number)
        .bind(&a.title)
        .bind(a.partner_organisation_id)
        .bind(&a.partner_country)
        .bind(&a.sectors)
        .bind(a.quota)
        .bind(a.starts_on)
        .bind(a.ends_on)
        .bind(a.created_by)
        .bind(a.created_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn find(ex: Ex<'_>, id: Uuid) -> Result<Option<AgreementRow>> {
    let sql = format!("SELECT {COLUMNS} FROM agreements WHERE id = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, AgreementRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(id)
    .fetch_optional(e)
    .await)?)
}

/// Every agreement, the latest ending first.
pub async fn list(ex: Ex<'_>) -> Result<Vec<AgreementRow>> {
    let sql = format!("SELECT {COLUMNS} FROM agreements ORDER BY ends_on DESC, number LIMIT 500");
    Ok(run!(ex, |e| sqlx::query_as::<_, AgreementRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .fetch_all(e)
    .await)?)
}

/// Puts a demand under an agreement.
pub async fn link_demand(ex: Ex<'_>, agreement: Uuid, demand: Uuid) -> Result<()> {
    let sql = "UPDATE demands SET agreement_id = $1 WHERE id = $2";
    run!(ex, |e| sqlx::query(sql)
        .bind(agreement)
        .bind(demand)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The demands under an agreement: (number, status, positions, positions filled).
pub async fn demands_of(ex: Ex<'_>, agreement: Uuid) -> Result<Vec<(String, String, i32, i32)>> {
    let sql = "SELECT number, status, positions, positions_filled FROM demands \
        WHERE agreement_id = $1 ORDER BY created_at";
    Ok(run!(ex, |e| {
        sqlx::query_as::<_, (String, String, i32, i32)>(sql)
            .bind(agreement)
            .fetch_all(e)
            .await
    })?)
}
