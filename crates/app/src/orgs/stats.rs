//! Placement statistics for OEC (issue 14, item 8): agreements, demands, positions, interest,
//! interviews, selections, offers accepted and departures, and the days from a demand's
//! approval to its first departure (median and 90th percentile), by destination country,
//! occupation or agreement, over a chosen period. Counts only, never a person; administrators
//! and analysts.

use std::collections::{BTreeMap, HashSet};

use chrono::{Days, NaiveDate};
use psk_domain::role::Role;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Which figures: a period and a grouping.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
pub struct StatsQuery {
    /// `YYYY-MM-DD`, the first day (default: a year before `to`).
    #[serde(default)]
    pub from: String,
    /// `YYYY-MM-DD`, the last day (default: today).
    #[serde(default)]
    pub to: String,
    /// `country` (default), `occupation` or `agreement`.
    #[serde(default)]
    pub by: String,
    /// `csv` for a download (API and page alike).
    #[serde(default)]
    pub format: String,
}

/// One group's figures.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Row {
    /// A country code, an ISCO-08 code or an agreement's title (`none` for demands without one).
    pub group: String,
    pub agreements: i64,
    /// Demands OEC first approved in the period, and their positions.
    pub demands: i64,
    pub positions: i64,
    /// Workers who said they are interested, in the period.
    pub interest: i64,
    /// Interviews held (passed or not selected), selections (offers made), offers accepted and
    /// departures recorded, in the period.
    pub interviews: i64,
    pub selections: i64,
    pub offers_accepted: i64,
    pub departures: i64,
    /// Days from a demand's approval to its first departure, for first departures in the period.
    pub median_days: Option<i64>,
    pub p90_days: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Stats {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub by: String,
    pub rows: Vec<Row>,
    pub total: Row,
}

/// A group's row, made on first use.
fn row<'a>(rows: &'a mut BTreeMap<String, Row>, k: &str) -> &'a mut Row {
    rows.entry(k.to_owned()).or_insert_with(|| Row {
        group: k.to_owned(),
        ..Default::default()
    })
}

/// The value at rank ⌈q·n⌉ of the sorted values (nearest rank).
fn percentile(sorted: &[i64], q: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

fn date(field: &'static str, s: &str, default: NaiveDate) -> AppResult<NaiveDate> {
    if s.trim().is_empty() {
        return Ok(default);
    }
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field(field, "date_format"))
}

pub async fn compute(st: &AppState, me: &CurrentUser, q: &StatsQuery) -> AppResult<Stats> {
    me.require(&[Role::Administrator, Role::Analyst])?;
    let today = st.clock.today();
    let to = date("to", &q.to, today)?;
    let from = date("from", &q.from, to - Days::new(365))?;
    if from > to {
        return Err(AppError::field("from", "period_order"));
    }
    let by = match q.by.as_str() {
        "" | "country" => "country",
        "occupation" => "occupation",
        "agreement" => "agreement",
        _ => return Err(AppError::field("by", "choose_option")),
    };
    let start = from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let end = (to + Days::new(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let ex = || st.db.ex();
    let demands = psk_store::placement_stats::demands(ex()).await?;
    // Each demand's group, looked up once per event.
    let groups: std::collections::HashMap<Uuid, String> = demands
        .iter()
        .map(|d| {
            let g = match by {
                "country" => d.country.clone(),
                "occupation" => d.occupation.clone(),
                _ => d.agreement.clone().unwrap_or_else(|| "none".into()),
            };
            (d.id, g)
        })
        .collect();
    let key = |id: &Uuid| groups.get(id).cloned();
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut agreements: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    let mut days: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for d in &demands {
        let Some(k) = key(&d.id) else { continue };
        if d.approved_at.is_some_and(|a| a >= start && a < end) {
            let r = row(&mut rows, &k);
            r.demands += 1;
            r.positions += i64::from(d.positions);
            if let Some(a) = &d.agreement {
                agreements.entry(k.clone()).or_default().insert(a.clone());
            }
        }
        if let (Some(approved), Some(first)) = (d.approved_at, d.first_departure)
            && first >= from
            && first <= to
        {
            let n = (first - crate::time::pakistan_date(approved))
                .num_days()
                .max(0);
            days.entry(k.clone()).or_default().push(n);
        }
    }
    for id in psk_store::placement_stats::interests(ex(), start, end).await? {
        if let Some(k) = key(&id) {
            let r = row(&mut rows, &k);
            r.interest += 1;
        }
    }
    for (id, status) in psk_store::placement_stats::steps(ex(), start, end).await? {
        let Some(k) = key(&id) else { continue };
        let r = row(&mut rows, &k);
        match status.as_str() {
            "interviewed" | "not_selected" => r.interviews += 1,
            "offered" => r.selections += 1,
            "offer_accepted" => r.offers_accepted += 1,
            "departed" => r.departures += 1,
            _ => {}
        }
    }
    let mut all_days = vec![];
    for (k, mut v) in days {
        v.sort_unstable();
        let r = row(&mut rows, &k);
        r.median_days = percentile(&v, 0.5);
        r.p90_days = percentile(&v, 0.9);
        all_days.extend(v);
    }
    all_days.sort_unstable();
    let mut total = Row {
        group: "total".into(),
        median_days: percentile(&all_days, 0.5),
        p90_days: percentile(&all_days, 0.9),
        ..Default::default()
    };
    let mut all_agreements = HashSet::new();
    let rows: Vec<Row> = rows
        .into_values()
        .map(|mut r| {
            let set = agreements.remove(&r.group).unwrap_or_default();
            r.agreements = set.len() as i64;
            all_agreements.extend(set);
            total.demands += r.demands;
            total.positions += r.positions;
            total.interest += r.interest;
            total.interviews += r.interviews;
            total.selections += r.selections;
            total.offers_accepted += r.offers_accepted;
            total.departures += r.departures;
            r
        })
        .collect();
    total.agreements = all_agreements.len() as i64;
    Ok(Stats {
        from,
        to,
        by: by.into(),
        rows,
        total,
    })
}

/// The table as CSV, one line per group and the total last.
pub fn csv(s: &Stats) -> String {
    let mut out = String::from(
        "group,agreements,demands,positions,interest,interviews,selections,offers_accepted,departures,median_days,p90_days\n",
    );
    let opt = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    for r in s.rows.iter().chain(std::iter::once(&s.total)) {
        let group = if r.group.contains([',', '"', '\n']) {
            format!("\"{}\"", r.group.replace('"', "\"\""))
        } else {
            r.group.clone()
        };
        out += &format!(
            "{group},{},{},{},{},{},{},{},{},{},{}\n",
            r.agreements,
            r.demands,
            r.positions,
            r.interest,
            r.interviews,
            r.selections,
            r.offers_accepted,
            r.departures,
            opt(r.median_days),
            opt(r.p90_days)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn percentiles_take_the_nearest_rank() {
        let v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        assert_eq!(super::percentile(&v, 0.5), Some(5));
        assert_eq!(super::percentile(&v, 0.9), Some(9));
        assert_eq!(super::percentile(&[7], 0.9), Some(7));
        assert_eq!(super::percentile(&[], 0.5), None);
    }
}
