//! HEC verification of degrees: the queue (degrees the worker asked to have verified, with the
//! consent to send them to HEC under its newest wording), sending, and results.

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::consent::Purpose;
use uuid::Uuid;

use crate::{Ex, Result, run};

/// A degree the worker asked to have verified, with its check if there is one.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Waiting {
    pub education_id: Uuid,
    pub user_id: Uuid,
    pub level: String,
    pub institution: Option<String>,
    pub year: Option<i32>,
    /// None: not sent yet; `sent`, `verified`, `not_verified`.
    pub status: Option<String>,
    pub reference: Option<String>,
    pub result_on: Option<NaiveDate>,
}

const DEGREES: &str = "('bachelor', 'master', 'doctorate')";

/// Degrees asked for and consented to: those without a result (`open`), or all.
pub async fn queue(ex: Ex<'_>, open: bool, limit: i64) -> Result<Vec<Waiting>> {
    let sql = format!(
        "SELECT e.id AS education_id, e.user_id, e.level, e.institution, e.year, h.status, h.reference, h.result_on \
         FROM education e LEFT JOIN hec_checks h ON h.education_id = e.id \
         WHERE e.hec_verification_requested AND e.level IN {DEGREES} \
         AND EXISTS (SELECT 1 FROM consents c WHERE c.user_id = e.user_id AND c.purpose = $1 AND c.granted \
           AND c.purpose_version >= (SELECT COALESCE(MAX(version), 1) FROM purpose_wordings WHERE purpose = $1)) \
         AND (NOT $2 OR h.status IS NULL OR h.status = 'sent') \
         ORDER BY e.created_at, e.id LIMIT $3"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, Waiting>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(Purpose::HecVerification.as_str())
    .bind(open)
    .bind(limit)
    .fetch_all(e)
    .await)?)
}

/// A worker's degrees with their checks (whether or not the consent holds).
pub async fn of_user(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<Waiting>> {
    let sql = format!(
        "SELECT e.id AS education_id, e.user_id, e.level, e.institution, e.year, h.status, h.reference, h.result_on \
         FROM education e LEFT JOIN hec_checks h ON h.education_id = e.id \
         WHERE e.user_id = $1 AND e.level IN {DEGREES} ORDER BY e.created_at, e.id"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, Waiting>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(user_id)
    .fetch_all(e)
    .await)?)
}

/// A check's new state; the worker's search row follows (the "verified by HEC" mark).
#[derive(Debug, Clone)]
pub struct Outcome<'a> {
    pub education_id: Uuid,
    pub user_id: Uuid,
    pub status: &'a str,
    pub reference: Option<&'a str>,
    pub result_on: Option<NaiveDate>,
    pub recorded_by: Option<Uuid>,
    pub at: DateTime<Utc>,
}

pub async fn record(ex: Ex<'_>, o: &Outcome<'_>) -> Result<()> {
    let sql = "INSERT INTO hec_checks (education_id, user_id, status, reference, result_on, recorded_by, updated_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (education_id) DO UPDATE SET status = excluded.status, \
        reference = excluded.reference, result_on = excluded.result_on, recorded_by = excluded.recorded_by, \
        updated_at = excluded.updated_at";
    let mut ex = ex;
    run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(o.education_id)
        .bind(o.user_id)
        .bind(o.status)
        .bind(o.reference)
        .bind(o.result_on)
        .bind(o.recorded_by)
        .bind(o.at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    crate::candidates::refresh(ex, o.user_id, o.at).await
}

/// Drops the check of a degree that changed or went (before the education row changes).
pub async fn drop_check(ex: Ex<'_>, education_id: Uuid) -> Result<()> {
    run!(ex, |e| sqlx::query(
        "DELETE FROM hec_checks WHERE education_id = $1"
    )
    .bind(education_id)
    .execute(e)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
