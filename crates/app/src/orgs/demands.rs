//! Job demands (issue 14, item 3): an approved organisation's user posts one; OEC approves it or
//! returns it with a note (the organisation corrects and sends it again) before anyone sees it;
//! the worker job closes it on its closing date or once its positions are filled. Anyone can
//! check an approved demand by its number, printed on an offer (the public register).

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::demand::{Demand, DemandInput};
use psk_domain::profile::BoundedText;
use psk_domain::role::Role;
use psk_store::demands::{self, DemandRow, EventRow};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::decide::DECIDERS;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DemandStep {
    pub at: DateTime<Utc>,
    pub status: String,
    pub note: Option<String>,
}

/// A demand as its organisation and OEC see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DemandView {
    pub id: Uuid,
    pub number: String,
    pub organisation_id: Uuid,
    pub country: String,
    pub city: String,
    /// ISCO-08 unit group.
    pub occupation: String,
    pub positions: i32,
    pub positions_filled: i32,
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
    /// submitted, returned, approved, closed
    pub status: String,
    pub status_note: Option<String>,
    /// How many certified workers said they are interested.
    pub interested: i64,
    pub history: Vec<DemandStep>,
}

/// The stored benefits (comma-separated) as a list.
pub fn benefits(stored: &str) -> Vec<String> {
    stored
        .split(',')
        .filter(|b| !b.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn view(st: &AppState, d: DemandRow) -> AppResult<DemandView> {
    let history = demands::history(st.db.ex(), d.id)
        .await?
        .into_iter()
        .map(|h| DemandStep {
            at: h.at,
            status: h.status,
            note: h.note,
        })
        .collect();
    let interested = demands::interest_count(st.db.ex(), d.id).await?;
    Ok(DemandView {
        interested,
        id: d.id,
        number: d.number,
        organisation_id: d.organisation_id,
        country: d.country,
        city: d.city,
        occupation: d.occupation,
        positions: d.positions,
        positions_filled: d.positions_filled,
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
        status: d.status,
        status_note: d.status_note,
        history,
    })
}

async fn step(
    st: &AppState,
    ex: psk_store::Ex<'_>,
    id: Uuid,
    status: &str,
    (actor, note): (Option<Uuid>, Option<String>),
) -> AppResult<()> {
    demands::step(
        ex,
        &EventRow {
            id: Uuid::new_v4(),
            demand_id: id,
            at: st.clock.now(),
            actor_id: actor,
            status: status.into(),
            note,
        },
    )
    .await?;
    Ok(())
}

/// The caller's organisation (an `employer_user` of an approved one: the session checked it).
fn my_org(me: &CurrentUser) -> AppResult<Uuid> {
    me.require(&[Role::EmployerUser])?;
    me.organisation_id.ok_or(AppError::Forbidden)
}

fn terms(d: &Demand, row: &mut DemandRow) {
    row.country = d.country.clone();
    row.city = d.city.clone();
    row.occupation = d.occupation.clone();
    row.positions = d.positions;
    row.salary_min = d.salary_min;
    row.salary_max = d.salary_max;
    row.currency = d.currency.clone();
    row.contract_months = d.contract_months;
    row.benefits = d.benefits.join(",");
    row.experience_years = d.experience_years;
    row.education = d.education.clone();
    row.languages = d.languages.clone();
    row.driving_licence = d.driving_licence;
    row.age_min = d.age_range.map(|r| r.0);
    row.age_max = d.age_range.map(|r| r.1);
    row.closes_on = d.closes_on;
}

/// An organisation's user posts a demand; it waits for OEC.
pub async fn post(
    st: &AppState,
    me: &CurrentUser,
    input: &DemandInput,
    ip: &str,
) -> AppResult<DemandView> {
    let org = my_org(me)?;
    let now = st.clock.now();
    let d = Demand::parse(input, now.date_naive())?;
    let mut row = DemandRow {
        id: Uuid::new_v4(),
        number: crate::crypto::reference("JD"),
        organisation_id: org,
        posted_by: me.id,
        country: String::new(),
        city: String::new(),
        occupation: String::new(),
        positions: 0,
        positions_filled: 0,
        salary_min: 0,
        salary_max: 0,
        currency: String::new(),
        contract_months: 0,
        benefits: String::new(),
        experience_years: 0,
        education: None,
        languages: None,
        driving_licence: false,
        age_min: None,
        age_max: None,
        closes_on: d.closes_on,
        status: "submitted".into(),
        status_note: None,
        status_at: now,
        created_at: now,
        updated_at: now,
    };
    terms(&d, &mut row);
    let mut tx = st.db.begin().await?;
    demands::insert(tx.ex(), &row).await?;
    step(st, tx.ex(), row.id, "submitted", (Some(me.id), None)).await?;
    Event::new("demand.posted")
        .actor(me.id)
        .detail(json!({ "demand": row.id, "organisation": org }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    view(st, row).await
}

/// One of my organisation's demands (another's is not found).
pub async fn mine(st: &AppState, me: &CurrentUser, id: Uuid) -> AppResult<DemandView> {
    let org = my_org(me)?;
    let d = demands::find(st.db.ex(), id, Some(org))
        .await?
        .ok_or(AppError::NotFound)?;
    view(st, d).await
}

/// My organisation's demands, newest first.
pub async fn list_mine(st: &AppState, me: &CurrentUser) -> AppResult<Vec<DemandView>> {
    let org = my_org(me)?;
    let mut out = vec![];
    for d in demands::of_organisation(st.db.ex(), org).await? {
        out.push(view(st, d).await?);
    }
    Ok(out)
}

/// A returned demand corrected and sent to OEC again.
pub async fn correct(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    input: &DemandInput,
    ip: &str,
) -> AppResult<DemandView> {
    let org = my_org(me)?;
    let mut row = demands::find(st.db.ex(), id, Some(org))
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status != "returned" {
        return Err(AppError::Gone("demand_not_returned"));
    }
    let now = st.clock.now();
    let d = Demand::parse(input, now.date_naive())?;
    terms(&d, &mut row);
    row.updated_at = now;
    let mut tx = st.db.begin().await?;
    demands::update_terms(tx.ex(), &row).await?;
    step(st, tx.ex(), id, "submitted", (Some(me.id), None)).await?;
    Event::new("demand.corrected")
        .actor(me.id)
        .detail(json!({ "demand": id }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    mine(st, me, id).await
}

/// OEC's review queue (or the demands in another status).
pub async fn queue(
    st: &AppState,
    admin: &CurrentUser,
    status: Option<&str>,
) -> AppResult<Vec<DemandView>> {
    admin.require(DECIDERS)?;
    let status = status
        .filter(|s| !s.trim().is_empty())
        .unwrap_or("submitted");
    if !["submitted", "returned", "approved", "closed"].contains(&status) {
        return Err(AppError::field("status", "choose_option"));
    }
    let mut out = vec![];
    for d in demands::in_status(st.db.ex(), status).await? {
        out.push(view(st, d).await?);
    }
    Ok(out)
}

/// One demand for OEC (administrators).
pub async fn for_oec(st: &AppState, admin: &CurrentUser, id: Uuid) -> AppResult<DemandView> {
    admin.require(DECIDERS)?;
    let d = demands::find(st.db.ex(), id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    view(st, d).await
}

/// OEC approves a submitted demand (it becomes visible) or returns it with a note.
pub async fn review(
    st: &AppState,
    admin: &CurrentUser,
    id: Uuid,
    approve: bool,
    note: &str,
    ip: &str,
) -> AppResult<DemandView> {
    admin.require(DECIDERS)?;
    let d = demands::find(st.db.ex(), id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    if d.status != "submitted" {
        return Err(AppError::Gone("demand_not_submitted"));
    }
    let note = BoundedText::parse_optional(note, 500)
        .map_err(|e| AppError::field("review_note", psk_domain::error::ErrorCode::code(&e)))?
        .map(|n| n.as_str().to_owned());
    if !approve && note.is_none() {
        return Err(AppError::field("review_note", "required"));
    }
    let status = if approve { "approved" } else { "returned" };
    let mut tx = st.db.begin().await?;
    step(st, tx.ex(), id, status, (Some(admin.id), note)).await?;
    Event::new("demand.reviewed")
        .actor(admin.id)
        .detail(json!({ "demand": id, "status": status }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    let d = demands::find(st.db.ex(), id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    view(st, d).await
}

/// The worker job: approved demands past their closing date, or filled, are closed.
pub async fn close_due(st: &AppState) -> AppResult<usize> {
    let today = st.clock.now().date_naive();
    let due = demands::due_to_close(st.db.ex(), today).await?;
    for d in &due {
        let why = if d.positions_filled >= d.positions {
            "filled"
        } else {
            "closing_date"
        };
        let mut tx = st.db.begin().await?;
        step(st, tx.ex(), d.id, "closed", (None, Some(why.into()))).await?;
        tx.commit().await?;
    }
    Ok(due.len())
}

/// An approved (or closed) demand as anyone may check it by its number: who, where, as what,
/// for how much, how many positions are left, until when. Nothing about any worker.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicDemand {
    pub number: String,
    pub organisation: String,
    /// foreign_employer, recruitment_agency, oep
    pub organisation_kind: String,
    pub organisation_licence: Option<String>,
    pub country: String,
    pub city: String,
    pub occupation: String,
    pub salary_min: i64,
    pub salary_max: i64,
    pub currency: String,
    pub positions_left: i32,
    pub closes_on: NaiveDate,
    /// open or closed
    pub status: String,
}

/// A demand by its number, once OEC approved it; anything else is not found.
pub async fn public(st: &AppState, number: &str) -> AppResult<PublicDemand> {
    let d = demands::by_number(st.db.ex(), &number.trim().to_ascii_uppercase())
        .await?
        .filter(|d| d.status == "approved" || d.status == "closed")
        .ok_or(AppError::NotFound)?;
    let o = psk_store::organisations::find(st.db.ex(), d.organisation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(PublicDemand {
        number: d.number,
        organisation: o.legal_name,
        organisation_kind: o.kind,
        organisation_licence: o.licence_number,
        country: d.country,
        city: d.city,
        occupation: d.occupation,
        salary_min: d.salary_min,
        salary_max: d.salary_max,
        currency: d.currency,
        positions_left: (d.positions - d.positions_filled).max(0),
        closes_on: d.closes_on,
        status: if d.status == "approved" {
            "open"
        } else {
            "closed"
        }
        .into(),
    })
}
