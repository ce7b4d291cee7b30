//! The raw facts behind OEC's placement statistics (issue 14, item 8): every demand with its
//! grouping keys and first approval, and the dated events of a period. The figures are counted
//! from them in `softskills::orgs::stats`. Demands number in the thousands, so each query reads
//! the period's rows once.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

/// A demand with what it is grouped by.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DemandKey {
    pub id: Uuid,
    pub country: String,
    pub occupation: String,
    pub agreement: Option<String>,
    pub positions: i32,
    /// When OEC first approved it.
    pub approved_at: Option<DateTime<Utc>>,
    /// Its first departure.
    pub first_departure: Option<NaiveDate>,
}

pub async fn demands(ex: Ex<'_>) -> Result<Vec<DemandKey>> {
    let sql = "SELECT d.id, d.country, d.occupation, a.title AS agreement, d.positions, \
        (SELECT MIN(e.at) FROM demand_events e WHERE e.demand_id = d.id AND e.status = 'approved') AS approved_at, \
        (SELECT MIN(p.departed_on) FROM placements p WHERE p.demand_id = d.id AND p.departed_on IS NOT NULL) AS first_departure \
        FROM demands d LEFT JOIN agreements a ON a.id = d.agreement_id";
    Ok(run!(ex, |e| sqlx::query_as::<_, DemandKey>(sql)
        .fetch_all(e)
        .await)?)
}

/// The placement steps taken in `[from, to)`: (demand, status reached).
pub async fn steps(
    ex: Ex<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(Uuid, String)>> {
    let sql = "SELECT p.demand_id, e.status FROM placement_events e JOIN placements p ON p.id = e.placement_id \
        WHERE e.at >= $1 AND e.at < $2";
    Ok(run!(ex, |e| sqlx::query_as::<_, (Uuid, String)>(sql)
        .bind(from)
        .bind(to)
        .fetch_all(e)
        .await)?)
}

/// Workers' interest in demands, said in `[from, to)`: one demand id each.
pub async fn interests(ex: Ex<'_>, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<Uuid>> {
    let sql = "SELECT demand_id FROM demand_interests WHERE at >= $1 AND at < $2";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, Uuid>(sql)
        .bind(from)
        .bind(to)
        .fetch_all(e)
        .await)?)
}
