//! The placement pipeline: one row per demand and worker, and its history. Every lookup by an
//! organisation is scoped to it; the worker's to them.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlacementRow {
    pub id: Uuid,
    pub demand_id: Uuid,
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub status: String,
    /// `YYYY-MM-DDTHH:MM`, Pakistan time.
    pub interview_at: Option<String>,
    pub interview_mode: Option<String>,
    pub interview_place: Option<String>,
    pub offer_salary: Option<i64>,
    pub offer_currency: Option<String>,
    pub offer_terms: Option<String>,
    pub departed_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub status: String,
    pub note: Option<String>,
}

impl PlacementRow {
    /// A worker just shortlisted for `demand` of `organisation`.
    pub fn shortlisted(demand: Uuid, organisation: Uuid, user: Uuid, now: DateTime<Utc>) -> Self {
        Self {
            id: Uuid::new_v4(),
            demand_id: demand,
            organisation_id: organisation,
            user_id: user,
            status: "shortlisted".into(),
            interview_at: None,
            interview_mode: None,
            interview_place: None,
            offer_salary: None,
            offer_currency: None,
            offer_terms: None,
            departed_on: None,
            created_at: now,
            updated_at: now,
        }
    }
}

const COLUMNS: &str = "id, demand_id, organisation_id, user_id, status, interview_at, interview_mode, \
    interview_place, offer_salary, offer_currency, offer_terms, departed_on, created_at, updated_at";

/// Adds a worker to a demand's shortlist; false when they are on it already.
pub async fn insert(ex: Ex<'_>, p: &PlacementRow) -> Result<bool> {
    let sql = format!(
        "INSERT INTO placements ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
         ON CONFLICT (demand_id, user_id) DO NOTHING"
    );
    let n = run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(p.id)
        .bind(p.demand_id)
        .bind(p.organisation_id)
        .bind(p.user_id)
        .bind(&p.status)
        .bind(&p.interview_at)
        .bind(&p.interview_mode)
        .bind(&p.interview_place)
        .bind(p.offer_salary)
        .bind(&p.offer_currency)
        .bind(&p.offer_terms)
        .bind(p.departed_on)
        .bind(p.created_at)
        .bind(p.updated_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Writes a step: the new status and details, only if the row is still in `from` (so two steps
/// at once cannot both pass); false when it moved meanwhile.
pub async fn advance(ex: Ex<'_>, p: &PlacementRow, from: &str) -> Result<bool> {
    let sql = "UPDATE placements SET status = $2, interview_at = $3, interview_mode = $4, interview_place = $5, \
        offer_salary = $6, offer_currency = $7, offer_terms = $8, departed_on = $9, updated_at = $10 \
        WHERE id = $1 AND status = $11";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(p.id)
        .bind(&p.status)
        .bind(&p.interview_at)
        .bind(&p.interview_mode)
        .bind(&p.interview_place)
        .bind(p.offer_salary)
        .bind(&p.offer_currency)
        .bind(&p.offer_terms)
        .bind(p.departed_on)
        .bind(p.updated_at)
        .bind(from)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn add_event(
    ex: Ex<'_>,
    placement: Uuid,
    actor: Option<Uuid>,
    status: &str,
    note: Option<&str>,
    at: DateTime<Utc>,
) -> Result<()> {
    let sql = "INSERT INTO placement_events (id, placement_id, at, actor_id, status, note) VALUES ($1, $2, $3, $4, $5, $6)";
    run!(ex, |e| sqlx::query(sql)
        .bind(Uuid::new_v4())
        .bind(placement)
        .bind(at)
        .bind(actor)
        .bind(status)
        .bind(note)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn events(ex: Ex<'_>, placement: Uuid) -> Result<Vec<EventRow>> {
    let sql = "SELECT at, actor_id, status, note FROM placement_events WHERE placement_id = $1 ORDER BY at, id";
    Ok(run!(ex, |e| sqlx::query_as::<_, EventRow>(sql)
        .bind(placement)
        .fetch_all(e)
        .await)?)
}

/// One placement, as its organisation (`org`) or its worker (`user`) may see it.
pub async fn find(
    ex: Ex<'_>,
    id: Uuid,
    org: Option<Uuid>,
    user: Option<Uuid>,
) -> Result<Option<PlacementRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM placements WHERE id = $1 AND ($2 IS NULL OR organisation_id = $2) \
         AND ($3 IS NULL OR user_id = $3)"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, PlacementRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(id)
    .bind(org)
    .bind(user)
    .fetch_optional(e)
    .await)?)
}

/// A demand's placements (its organisation's), newest step first.
pub async fn of_demand(ex: Ex<'_>, demand: Uuid, org: Uuid) -> Result<Vec<PlacementRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM placements WHERE demand_id = $1 AND organisation_id = $2 ORDER BY updated_at DESC, id"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, PlacementRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(demand)
    .bind(org)
    .fetch_all(e)
    .await)?)
}

/// A worker's placements, newest step first.
pub async fn of_user(ex: Ex<'_>, user: Uuid) -> Result<Vec<PlacementRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM placements WHERE user_id = $1 ORDER BY updated_at DESC, id");
    Ok(run!(ex, |e| sqlx::query_as::<_, PlacementRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(user)
    .fetch_all(e)
    .await)?)
}

/// Counts a position as filled (an offer accepted).
pub async fn fill_position(ex: Ex<'_>, demand: Uuid, now: DateTime<Utc>) -> Result<()> {
    let sql =
        "UPDATE demands SET positions_filled = positions_filled + 1, updated_at = $2 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(demand)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}
