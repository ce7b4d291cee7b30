//! Jobs for workers (issue 14, item 4): a worker with a valid certificate sees the open demands
//! that fit the destination and occupation they gave (or all open ones), reads the terms in
//! their language and says they are interested. A worker without a valid certificate sees no
//! demand at all.

use chrono::NaiveDate;
use psk_domain::role::Role;
use psk_store::demands::{self, DemandRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Whether a worker holds a valid certificate today.
pub async fn certified(st: &AppState, user: Uuid) -> AppResult<bool> {
    let today = st.clock.now().date_naive();
    Ok(psk_store::certificates::for_user(st.db.ex(), user)
        .await?
        .iter()
        .any(|c| c.status == "valid" && c.expires_on >= today))
}

async fn require_certified(st: &AppState, me: &CurrentUser) -> AppResult<()> {
    me.require(&[Role::Trainee])?;
    if certified(st, me.id).await? {
        Ok(())
    } else {
        Err(AppError::Refused("jobs_need_certificate"))
    }
}

/// A demand as a worker reads it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Job {
    pub id: Uuid,
    pub number: String,
    pub organisation: String,
    pub organisation_licence: Option<String>,
    pub country: String,
    pub city: String,
    pub occupation: String,
    pub positions_left: i32,
    pub salary_min: i64,
    pub salary_max: i64,
    pub currency: String,
    pub contract_months: i32,
    pub benefits: Vec<String>,
    pub experience_years: i32,
    pub education: Option<String>,
    pub languages: Option<String>,
    pub driving_licence: bool,
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
    pub closes_on: NaiveDate,
    /// Whether I said I am interested.
    pub interested: bool,
}

async fn job(st: &AppState, d: DemandRow, interested: bool) -> AppResult<Job> {
    let o = psk_store::organisations::find(st.db.ex(), d.organisation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Job {
        id: d.id,
        number: d.number,
        organisation: o.legal_name,
        organisation_licence: o.licence_number,
        country: d.country,
        city: d.city,
        occupation: d.occupation,
        positions_left: (d.positions - d.positions_filled).max(0),
        salary_min: d.salary_min,
        salary_max: d.salary_max,
        currency: d.currency,
        contract_months: d.contract_months,
        benefits: super::demands::benefits(&d.benefits),
        experience_years: d.experience_years,
        education: d.education,
        languages: d.languages,
        driving_licence: d.driving_licence,
        age_min: d.age_min,
        age_max: d.age_max,
        closes_on: d.closes_on,
        interested,
    })
}

/// Which jobs to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
pub struct JobQuery {
    /// `yes` for every open demand; otherwise those that fit my intended move.
    #[serde(default)]
    pub all: String,
}

/// The jobs I may see, and whether they are the ones that fit my intended move.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Jobs {
    /// True when narrowed to my intended destination and occupation.
    pub fitting: bool,
    pub jobs: Vec<Job>,
}

/// The open demands for a certified worker: those that fit the destination and occupation of
/// their intended move (when they gave one), or all of them.
pub async fn list(st: &AppState, me: &CurrentUser, q: &JobQuery) -> AppResult<Jobs> {
    require_certified(st, me).await?;
    let intended = psk_store::profile::intended_move(st.db.ex(), me.id).await?;
    let fitting = q.all != "yes" && intended.is_some();
    let (country, occupation) = match (&intended, fitting) {
        (Some(m), true) => (Some(m.destination.as_str()), Some(m.occupation.as_str())),
        _ => (None, None),
    };
    let today = st.clock.now().date_naive();
    let mine = demands::interests_of(st.db.ex(), me.id).await?;
    let mut jobs = vec![];
    for d in demands::open(st.db.ex(), today, country, occupation).await? {
        let interested = mine.contains(&d.id);
        jobs.push(job(st, d, interested).await?);
    }
    Ok(Jobs { fitting, jobs })
}

async fn open_demand(st: &AppState, id: Uuid) -> AppResult<DemandRow> {
    let today = st.clock.now().date_naive();
    demands::find(st.db.ex(), id, None)
        .await?
        .filter(|d| d.status == "approved" && d.closes_on >= today)
        .ok_or(AppError::NotFound)
}

/// One open demand for a certified worker.
pub async fn one(st: &AppState, me: &CurrentUser, id: Uuid) -> AppResult<Job> {
    require_certified(st, me).await?;
    let d = open_demand(st, id).await?;
    let interested = demands::interests_of(st.db.ex(), me.id)
        .await?
        .contains(&d.id);
    job(st, d, interested).await
}

/// A certified worker says they are interested (once; saying it again changes nothing).
pub async fn interest(st: &AppState, me: &CurrentUser, id: Uuid, ip: &str) -> AppResult<()> {
    require_certified(st, me).await?;
    let d = open_demand(st, id).await?;
    if d.positions_filled >= d.positions {
        return Err(AppError::Gone("demand_closed"));
    }
    let mut tx = st.db.begin().await?;
    if demands::add_interest(tx.ex(), d.id, me.id, st.clock.now()).await? {
        Event::new("demand.interest")
            .actor(me.id)
            .subject(me.id)
            .detail(json!({ "demand": d.id }))
            .ip(ip)
            .record(st, tx.ex())
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
