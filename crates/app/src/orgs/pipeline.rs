//! The placement pipeline (issue 14, item 6), per demand and worker: the organisation
//! shortlists a worker it found, invites them to an interview, records the result, makes an
//! offer, records the visa and the departure; the worker accepts or declines the invitation and
//! the offer; the protector stamp clears it on its own. `psk_domain::placement` says which
//! step may follow which and by whom; every step is a history row and an audit entry, and the
//! worker is told of the organisation's steps. The organisation sees the worker's name and
//! contact only once they accept the interview; before that, a worker who withdraws the consent
//! to be found (or loses the certificate) drops out of its shortlist on the next request.

use chrono::NaiveDate;
use psk_domain::placement::{Party, Status, Step, StepDetails, StepInput};
use psk_domain::role::Role;
use psk_store::placements::{self as store, PlacementRow};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::candidates::my_org;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// One step of the timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub status: String,
    /// `organisation`, `worker` or `service` (the protector stamp).
    pub by: String,
    pub note: Option<String>,
}

/// The worker's name and contact, shown to the organisation once they accepted an interview.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Contact {
    pub full_name: String,
    /// `0300 1234567`
    pub mobile: String,
    pub email: Option<String>,
}

/// A placement as its organisation or its worker sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlacementView {
    pub id: Uuid,
    pub demand_id: Uuid,
    pub demand_number: String,
    pub organisation: String,
    pub country: String,
    pub city: String,
    pub occupation: String,
    pub status: String,
    /// `YYYY-MM-DDTHH:MM`, Pakistan time.
    pub interview_at: Option<String>,
    /// `in_person` or `online`.
    pub interview_mode: Option<String>,
    pub interview_place: Option<String>,
    pub offer_salary: Option<i64>,
    pub offer_currency: Option<String>,
    pub offer_terms: Option<String>,
    pub departed_on: Option<NaiveDate>,
    /// The worker (for the organisation: their profile's id).
    pub candidate: Option<Uuid>,
    /// For the organisation, once the worker accepted the interview.
    pub contact: Option<Contact>,
    /// The steps the viewer may take now.
    pub next: Vec<Step>,
    pub timeline: Vec<TimelineEntry>,
    /// The service charge the OEP recorded, with its receipt (issue 14, item 10).
    pub service_charge: Option<super::fees::ChargeView>,
    /// For an OEP: whether it may record the charge now (a selected worker, none recorded yet).
    pub may_record_charge: bool,
    /// With `may_record_charge`: the government cap in force; null while it is not set, and
    /// then no charge can be recorded.
    pub charge_cap: Option<i64>,
}

fn status(row: &PlacementRow) -> AppResult<Status> {
    Status::parse(&row.status)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("unknown placement status")))
}

async fn view(st: &AppState, row: PlacementRow, party: Party) -> AppResult<PlacementView> {
    let ex = || st.db.ex();
    let d = psk_store::demands::find(ex(), row.demand_id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    let org = psk_store::organisations::find(ex(), row.organisation_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = status(&row)?;
    let contact = match party {
        Party::Organisation if now.contact_shared() => {
            let u = psk_store::users::find(ex(), row.user_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mobile = st
                .keys
                .decrypt_string(Field::Mobile, &u.mobile_enc)
                .map_err(anyhow::Error::from)?;
            let mobile = psk_domain::contact::MobileNumber::parse(&mobile)
                .map(|m| m.national())
                .unwrap_or(mobile);
            Some(Contact {
                full_name: u.full_name,
                mobile,
                email: u.email,
            })
        }
        _ => None,
    };
    let service_charge = psk_store::service_charges::of_placement(ex(), row.id).await?;
    let may_record_charge = party == Party::Organisation
        && org.kind == "oep"
        && service_charge.is_none()
        && super::fees::selected(&row.status);
    let charge_cap = match may_record_charge {
        true => super::fees::cap(st).await?,
        false => None,
    };
    let timeline = store::events(ex(), row.id)
        .await?
        .into_iter()
        .map(|e| TimelineEntry {
            at: e.at,
            by: match e.actor_id {
                None => "service",
                Some(a) if a == row.user_id => "worker",
                Some(_) => "organisation",
            }
            .into(),
            status: e.status,
            note: e.note,
        })
        .collect();
    Ok(PlacementView {
        id: row.id,
        demand_id: d.id,
        demand_number: d.number,
        organisation: org.legal_name,
        country: d.country,
        city: d.city,
        occupation: d.occupation,
        status: row.status,
        interview_at: row.interview_at,
        interview_mode: row.interview_mode,
        interview_place: row.interview_place,
        offer_salary: row.offer_salary,
        offer_currency: row.offer_currency,
        offer_terms: row.offer_terms,
        departed_on: row.departed_on,
        candidate: (party == Party::Organisation).then_some(row.user_id),
        contact,
        next: Step::ALL
            .into_iter()
            .filter(|s| now.after(*s, party).is_ok())
            .collect(),
        timeline,
        service_charge: service_charge.map(super::fees::view),
        may_record_charge,
        charge_cap,
    })
}

/// Whether the organisation may still see this placement: once the worker accepted the
/// interview, always; before, only while they are certified and consent to be found.
async fn visible_to_org(st: &AppState, row: &PlacementRow) -> AppResult<bool> {
    if status(row)?.contact_shared() {
        return Ok(true);
    }
    let today = st.clock.now().date_naive();
    Ok(
        !psk_store::candidates::still_shown(st.db.ex(), &[row.user_id], today)
            .await?
            .is_empty(),
    )
}

/// The organisation shortlists a worker it found for one of its open demands (again: the same).
pub async fn shortlist(
    st: &AppState,
    me: &CurrentUser,
    demand: Uuid,
    candidate: Uuid,
    ip: &str,
) -> AppResult<PlacementView> {
    let org = my_org(me)?;
    let today = st.clock.now().date_naive();
    let d = psk_store::demands::find(st.db.ex(), demand, Some(org))
        .await?
        .ok_or(AppError::NotFound)?;
    if d.status != "approved" || d.closes_on < today {
        return Err(AppError::Gone("demand_closed"));
    }
    if psk_store::candidates::still_shown(st.db.ex(), &[candidate], today)
        .await?
        .is_empty()
    {
        return Err(AppError::field("candidate", "candidate_unknown"));
    }
    let now = st.clock.now();
    let row = PlacementRow::shortlisted(d.id, org, candidate, now);
    let mut tx = st.db.begin().await?;
    if store::insert(tx.ex(), &row).await? {
        store::add_event(tx.ex(), row.id, Some(me.id), "shortlisted", None, now).await?;
        Event::new("placement.shortlisted")
            .actor(me.id)
            .subject(candidate)
            .ip(ip)
            .detail(json!({ "placement": row.id, "demand": d.id, "organisation": org }))
            .record(st, tx.ex())
            .await?;
    }
    tx.commit().await?;
    let existing = store::of_demand(st.db.ex(), d.id, org)
        .await?
        .into_iter()
        .find(|p| p.user_id == candidate)
        .ok_or(AppError::NotFound)?;
    view(st, existing, Party::Organisation).await
}

/// A demand's placements as its organisation sees them.
pub async fn of_demand(
    st: &AppState,
    me: &CurrentUser,
    demand: Uuid,
) -> AppResult<Vec<PlacementView>> {
    let org = my_org(me)?;
    psk_store::demands::find(st.db.ex(), demand, Some(org))
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = store::of_demand(st.db.ex(), demand, org).await?;
    // One check for all the workers who have not accepted an interview yet.
    let unanswered: Vec<Uuid> = rows
        .iter()
        .filter(|r| Status::parse(&r.status).is_some_and(|s| !s.contact_shared()))
        .map(|r| r.user_id)
        .collect();
    let today = st.clock.now().date_naive();
    let shown = psk_store::candidates::still_shown(st.db.ex(), &unanswered, today).await?;
    let mut out = vec![];
    for row in rows {
        if !unanswered.contains(&row.user_id) || shown.contains(&row.user_id) {
            out.push(view(st, row, Party::Organisation).await?);
        }
    }
    Ok(out)
}

pub(super) async fn org_row(st: &AppState, me: &CurrentUser, id: Uuid) -> AppResult<PlacementRow> {
    let org = my_org(me)?;
    let row = store::find(st.db.ex(), id, Some(org), None)
        .await?
        .ok_or(AppError::NotFound)?;
    if visible_to_org(st, &row).await? {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// One placement of my organisation's.
pub async fn org_one(st: &AppState, me: &CurrentUser, id: Uuid) -> AppResult<PlacementView> {
    let row = org_row(st, me, id).await?;
    view(st, row, Party::Organisation).await
}

/// My placements (a worker's), newest first.
pub async fn mine(st: &AppState, me: &CurrentUser) -> AppResult<Vec<PlacementView>> {
    me.require(&[Role::Trainee])?;
    let mut out = vec![];
    for row in store::of_user(st.db.ex(), me.id).await? {
        out.push(view(st, row, Party::Worker).await?);
    }
    Ok(out)
}

/// One of my placements (a worker's).
pub(super) async fn my_row(st: &AppState, me: &CurrentUser, id: Uuid) -> AppResult<PlacementRow> {
    me.require(&[Role::Trainee])?;
    store::find(st.db.ex(), id, None, Some(me.id))
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn my_one(st: &AppState, me: &CurrentUser, id: Uuid) -> AppResult<PlacementView> {
    let row = my_row(st, me, id).await?;
    view(st, row, Party::Worker).await
}

/// The OEP records the service charge it took from the worker (then the placement as it sees it).
pub async fn org_charge(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    amount: &str,
    ip: &str,
) -> AppResult<PlacementView> {
    let row = org_row(st, me, id).await?;
    super::fees::record(st, me, &row, amount, ip).await?;
    view(st, row, Party::Organisation).await
}

/// The worker answers the receipt with what they paid.
pub async fn my_charge_answer(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    paid: &str,
    ip: &str,
) -> AppResult<PlacementView> {
    let row = my_row(st, me, id).await?;
    super::fees::answer(st, me, &row, paid, ip).await?;
    view(st, row, Party::Worker).await
}

/// The organisation takes a step.
pub async fn org_step(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    input: &StepInput,
    ip: &str,
) -> AppResult<PlacementView> {
    let row = org_row(st, me, id).await?;
    allowed(&row, input, Party::Organisation)?;
    let d = StepDetails::parse(input, crate::time::pakistan_now(st))?;
    let row = take(st, row, &d, Party::Organisation, Some(me.id), ip).await?;
    view(st, row, Party::Organisation).await
}

/// The worker answers an invitation or an offer.
pub async fn worker_step(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    input: &StepInput,
    ip: &str,
) -> AppResult<PlacementView> {
    let row = my_row(st, me, id).await?;
    allowed(&row, input, Party::Worker)?;
    let d = StepDetails::parse(input, crate::time::pakistan_now(st))?;
    let row = take(st, row, &d, Party::Worker, Some(me.id), ip).await?;
    view(st, row, Party::Worker).await
}

/// A step that is not the party's or not now is refused before its details are read.
fn allowed(row: &PlacementRow, input: &StepInput, party: Party) -> AppResult<()> {
    match Step::parse(&input.step) {
        Some(s) => status(row)?.after(s, party).map(|_| ()).map_err(refused),
        None => Ok(()),
    }
}

#[path = "pipeline_step.rs"]
mod step;
pub use step::clear_on_stamp;
pub(super) use step::tell_worker;
use step::{refused, take};
