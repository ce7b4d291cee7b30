//! Job demands and their history.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DemandRow {
    pub id: Uuid,
    /// `JD-` and eight letters and digits: printed on an offer so a worker can check it.
    pub number: String,
    pub organisation_id: Uuid,
    pub posted_by: Uuid,
    pub country: String,
    pub city: String,
    pub occupation: String,
    pub positions: i32,
    pub positions_filled: i32,
    pub salary_min: i64,
    pub salary_max: i64,
    pub currency: String,
    pub contract_months: i32,
    /// Comma-separated: accommodation, food, transport, medical, air_ticket.
    pub benefits: String,
    pub experience_years: i32,
    pub education: Option<String>,
    pub languages: Option<String>,
    pub driving_licence: bool,
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
    pub closes_on: NaiveDate,
    /// submitted | returned | approved | closed
    pub status: String,
    pub status_note: Option<String>,
    pub status_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, number, organisation_id, posted_by, country, city, occupation, positions, \
    positions_filled, salary_min, salary_max, currency, contract_months, benefits, experience_years, \
    education, languages, driving_licence, age_min, age_max, closes_on, status, status_note, \
    status_at, created_at, updated_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: Uuid,
    pub demand_id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub status: String,
    pub note: Option<String>,
}

pub async fn insert(ex: Ex<'_>, d: &DemandRow) -> Result<()> {
    let sql = format!(
        "INSERT INTO demands ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
         $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)"
    );
    run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(d.id)
        .bind(&d.number)
        .bind(d.organisation_id)
        .bind(d.posted_by)
        .bind(&d.country)
        .bind(&d.city)
        .bind(&d.occupation)
        .bind(d.positions)
        .bind(d.positions_filled)
        .bind(d.salary_min)
        .bind(d.salary_max)
        .bind(&d.currency)
        .bind(d.contract_months)
        .bind(&d.benefits)
        .bind(d.experience_years)
        .bind(&d.education)
        .bind(&d.languages)
        .bind(d.driving_licence)
        .bind(d.age_min)
        .bind(d.age_max)
        .bind(d.closes_on)
        .bind(&d.status)
        .bind(&d.status_note)
        .bind(d.status_at)
        .bind(d.created_at)
        .bind(d.updated_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A demand by id; with `org`, only that organisation's.
pub async fn find(ex: Ex<'_>, id: Uuid, org: Option<Uuid>) -> Result<Option<DemandRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM demands WHERE id = $1 AND ($2 IS NULL OR organisation_id = $2)"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, DemandRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(id)
    .bind(org)
    .fetch_optional(e)
    .await)?)
}

pub async fn by_number(ex: Ex<'_>, number: &str) -> Result<Option<DemandRow>> {
    let sql = format!("SELECT {COLUMNS} FROM demands WHERE number = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, DemandRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(number)
    .fetch_optional(e)
    .await)?)
}

/// An organisation's demands, newest first.
pub async fn of_organisation(ex: Ex<'_>, org: Uuid) -> Result<Vec<DemandRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM demands WHERE organisation_id = $1 ORDER BY created_at DESC LIMIT 500"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, DemandRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(org)
    .fetch_all(e)
    .await)?)
}

/// Demands in one status (OEC's review queue: `submitted`), oldest first.
pub async fn in_status(ex: Ex<'_>, status: &str) -> Result<Vec<DemandRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM demands WHERE status = $1 ORDER BY status_at LIMIT 500");
    Ok(run!(ex, |e| sqlx::query_as::<_, DemandRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(status)
    .fetch_all(e)
    .await)?)
}

/// The terms an organisation corrects after OEC returned the demand.
pub async fn update_terms(ex: Ex<'_>, d: &DemandRow) -> Result<()> {
    let sql = "UPDATE demands SET country = $2, city = $3, occupation = $4, positions = $5, \
        salary_min = $6, salary_max = $7, currency = $8, contract_months = $9, benefits = $10, \
        experience_years = $11, education = $12, languages = $13, driving_licence = $14, \
        age_min = $15, age_max = $16, closes_on = $17, updated_at = $18 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(d.id)
        .bind(&d.country)
        .bind(&d.city)
        .bind(&d.occupation)
        .bind(d.positions)
        .bind(d.salary_min)
        .bind(d.salary_max)
        .bind(&d.currency)
        .bind(d.contract_months)
        .bind(&d.benefits)
        .bind(d.experience_years)
        .bind(&d.education)
        .bind(&d.languages)
        .bind(d.driving_licence)
        .bind(d.age_min)
        .bind(d.age_max)
        .bind(d.closes_on)
        .bind(d.updated_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records a step and sets the status with its note.
pub async fn step(ex: Ex<'_>, ev: &EventRow) -> Result<()> {
    let mut ex = ex;
    let sql = "INSERT INTO demand_events (id, demand_id, at, actor_id, status, note) VALUES ($1, $2, $3, $4, $5, $6)";
    run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(ev.id)
        .bind(ev.demand_id)
        .bind(ev.at)
        .bind(ev.actor_id)
        .bind(&ev.status)
        .bind(&ev.note)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    let set = "UPDATE demands SET status = $2, status_note = $3, status_at = $4, updated_at = $4 WHERE id = $1";
    run!(ex, |e| sqlx::query(set)
        .bind(ev.demand_id)
        .bind(&ev.status)
        .bind(&ev.note)
        .bind(ev.at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn history(ex: Ex<'_>, id: Uuid) -> Result<Vec<EventRow>> {
    let sql = "SELECT id, demand_id, at, actor_id, status, note FROM demand_events \
        WHERE demand_id = $1 ORDER BY at, id";
    Ok(run!(ex, |e| sqlx::query_as::<_, EventRow>(sql)
        .bind(id)
        .fetch_all(e)
        .await)?)
}

/// Approved demands whose closing date has passed or whose positions are filled: the worker
/// job closes them.
pub async fn due_to_close(ex: Ex<'_>, today: NaiveDate) -> Result<Vec<DemandRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM demands WHERE status = 'approved' \
         AND (closes_on < $1 OR positions_filled >= positions) LIMIT 200"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, DemandRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(today)
    .fetch_all(e)
    .await)?)
}

/// Open demands a worker may see (approved, not past their closing date, not filled), soonest
/// closing first; `country` and `occupation` narrow them when given.
pub async fn open(
    ex: Ex<'_>,
    today: NaiveDate,
    country: Option<&str>,
    occupation: Option<&str>,
) -> Result<Vec<DemandRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM demands WHERE status = 'approved' AND closes_on >= $1 \
         AND positions_filled < positions AND ($2 IS NULL OR country = $2) \
         AND ($3 IS NULL OR occupation = $3) ORDER BY closes_on, number LIMIT 200"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, DemandRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(today)
    .bind(country)
    .bind(occupation)
    .fetch_all(e)
    .await)?)
}

/// Records a worker's interest; false when it was already recorded.
pub async fn add_interest(ex: Ex<'_>, demand: Uuid, user: Uuid, at: DateTime<Utc>) -> Result<bool> {
    let sql = "INSERT INTO demand_interests (demand_id, user_id, at) VALUES ($1, $2, $3) \
        ON CONFLICT (demand_id, user_id) DO NOTHING";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(demand)
        .bind(user)
        .bind(at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The demands a worker said they are interested in.
pub async fn interests_of(ex: Ex<'_>, user: Uuid) -> Result<Vec<Uuid>> {
    let sql = "SELECT demand_id FROM demand_interests WHERE user_id = $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, Uuid>(sql)
        .bind(user)
        .fetch_all(e)
        .await)?)
}

/// The workers who said they are interested in a demand.
pub async fn interested(ex: Ex<'_>, demand: Uuid) -> Result<Vec<Uuid>> {
    let sql = "SELECT user_id FROM demand_interests WHERE demand_id = $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, Uuid>(sql)
        .bind(demand)
        .fetch_all(e)
        .await)?)
}

/// How many workers said they are interested in a demand.
pub async fn interest_count(ex: Ex<'_>, demand: Uuid) -> Result<i64> {
    let sql = "SELECT COUNT(*) FROM demand_interests WHERE demand_id = $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, i64>(sql)
        .bind(demand)
        .fetch_one(e)
        .await)?)
}

/// A worker's interests with the demand's number, for their data download.
pub async fn interest_records(ex: Ex<'_>, user: Uuid) -> Result<Vec<(String, DateTime<Utc>)>> {
    let sql = "SELECT d.number, i.at FROM demand_interests i JOIN demands d ON d.id = i.demand_id \
        WHERE i.user_id = $1 ORDER BY i.at";
    Ok(run!(ex, |e| sqlx::query_as::<_, (String, DateTime<Utc>)>(
        sql
    )
    .bind(user)
    .fetch_all(e)
    .await)?)
}

/// The numbers of `org`'s demands that the worker said they are interested in.
pub async fn interests_in(ex: Ex<'_>, user: Uuid, org: Uuid) -> Result<Vec<String>> {
    let sql = "SELECT d.number FROM demand_interests i JOIN demands d ON d.id = i.demand_id \
        WHERE i.user_id = $1 AND d.organisation_id = $2 ORDER BY i.at";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, String>(sql)
        .bind(user)
        .bind(org)
        .fetch_all(e)
        .await)?)
}
