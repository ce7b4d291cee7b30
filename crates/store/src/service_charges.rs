//! Service charges in the open (issue 14, item 10): what an OEP recorded for a selected worker,
//! the receipt's verification number, what the worker says they paid, and each OEP's record.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChargeRow {
    pub id: Uuid,
    pub placement_id: Uuid,
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    /// Whole rupees.
    pub amount: i64,
    /// The government cap in force when it was recorded.
    pub cap: i64,
    pub receipt_number: String,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
    /// What the worker says they paid, once they answered.
    pub paid: Option<i64>,
    pub paid_reported_at: Option<DateTime<Utc>>,
    /// The fee-dispute ticket a difference opened.
    pub ticket_id: Option<Uuid>,
}

const COLUMNS: &str = "id, placement_id, organisation_id, user_id, amount, cap, receipt_number, \
    recorded_by, recorded_at, paid, paid_reported_at, ticket_id";

/// Records a charge; false when the placement has one already.
pub async fn insert(ex: Ex<'_>, c: &ChargeRow) -> Result<bool> {
    let sql = format!(
        "INSERT INTO service_charges ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (placement_id) DO NOTHING"
    );
    let n = run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(c.id)
        .bind(c.placement_id)
        .bind(c.organisation_id)
        .bind(c.user_id)
        .bind(c.amount)
        .bind(c.cap)
        .bind(&c.receipt_number)
        .bind(c.recorded_by)
        .bind(c.recorded_at)
        .bind(c.paid)
        .bind(c.paid_reported_at)
        .bind(c.ticket_id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The charge recorded on a placement.
pub async fn of_placement(ex: Ex<'_>, placement: Uuid) -> Result<Option<ChargeRow>> {
    let sql = format!("SELECT {COLUMNS} FROM service_charges WHERE placement_id = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, ChargeRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(placement)
    .fetch_optional(e)
    .await)?)
}

/// A receipt by its verification number (the public check).
pub async fn by_receipt(ex: Ex<'_>, number: &str) -> Result<Option<ChargeRow>> {
    let sql = format!("SELECT {COLUMNS} FROM service_charges WHERE receipt_number = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, ChargeRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(number)
    .fetch_optional(e)
    .await)?)
}

/// The worker's answer: what they paid, and the dispute ticket when it differs; false when they
/// answered already.
pub async fn answer(
    ex: Ex<'_>,
    id: Uuid,
    paid: i64,
    ticket: Option<Uuid>,
    at: DateTime<Utc>,
) -> Result<bool> {
    let sql = "UPDATE service_charges SET paid = $2, ticket_id = $3, paid_reported_at = $4 \
        WHERE id = $1 AND paid IS NULL";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(paid)
        .bind(ticket)
        .bind(at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// An OEP's record for OEC: the basis for suspending a licence.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct OrgRecord {
    /// Workers shortlisted, ever.
    pub placements: i64,
    /// Offers the workers accepted.
    pub selected: i64,
    pub departures: i64,
    pub returned_early: i64,
    pub complaints: i64,
    /// Charges recorded, and those the worker disputed.
    pub charges: i64,
    pub fee_disputes: i64,
}

pub async fn record(ex: Ex<'_>, org: Uuid) -> Result<OrgRecord> {
    let sql = "SELECT \
        (SELECT COUNT(*) FROM placements WHERE organisation_id = $1) AS placements, \
        (SELECT COUNT(*) FROM placements WHERE organisation_id = $1 \
            AND status IN ('offer_accepted', 'visa', 'cleared', 'departed', 'returned_early')) AS selected, \
        (SELECT COUNT(*) FROM placements WHERE organisation_id = $1 AND departed_on IS NOT NULL) AS departures, \
        (SELECT COUNT(*) FROM placements WHERE organisation_id = $1 AND status = 'returned_early') AS returned_early, \
        (SELECT COUNT(*) FROM tickets WHERE organisation_id = $1) AS complaints, \
        (SELECT COUNT(*) FROM service_charges WHERE organisation_id = $1) AS charges, \
        (SELECT COUNT(*) FROM service_charges WHERE organisation_id = $1 AND ticket_id IS NOT NULL) AS fee_disputes";
    Ok(run!(ex, |e| sqlx::query_as::<_, OrgRecord>(sql)
        .bind(org)
        .fetch_one(e)
        .await)?)
}
