//! Taking one step of a placement, in one transaction: the rule's check, the new status and
//! details written only if nobody moved it meanwhile, the history row, the audit entry, the
//! position filled when an offer is accepted, and the worker told of the organisation's steps.

use chrono::{DateTime, Utc};
use psk_domain::placement::{Party, Status, Step, StepDetails, StepError};
use psk_store::Ex;
use psk_store::placements::{self as store, PlacementRow};
use serde_json::json;
use uuid::Uuid;

use super::status;
use crate::audit::Event;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub(super) fn refused(e: StepError) -> AppError {
    match e {
        StepError::Order => AppError::Gone("placement_step_order"),
        StepError::Party => AppError::Refused("placement_wrong_party"),
    }
}

/// Applies the step's details to the row.
fn apply(row: &mut PlacementRow, d: &StepDetails, to: Status, now: DateTime<Utc>) {
    row.status = to.as_str().into();
    row.updated_at = now;
    if let Some((at, mode, place)) = &d.interview {
        row.interview_at = Some(at.format("%Y-%m-%dT%H:%M").to_string());
        row.interview_mode = Some((*mode).into());
        row.interview_place = Some(place.clone());
    }
    if let Some((salary, currency)) = d.offer {
        row.offer_salary = Some(salary);
        row.offer_currency = Some(currency.into());
        row.offer_terms = d.note.clone();
    }
    if d.departed_on.is_some() {
        row.departed_on = d.departed_on;
    }
}

pub(super) async fn take(
    st: &AppState,
    mut row: PlacementRow,
    d: &StepDetails,
    party: Party,
    actor: Option<Uuid>,
    ip: &str,
) -> AppResult<PlacementRow> {
    let from = status(&row)?;
    let to = from.after(d.step, party).map_err(refused)?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    if d.step == Step::AcceptOffer {
        let held = store::of_user(tx.ex(), row.user_id)
            .await?
            .into_iter()
            .any(|p| p.id != row.id && Status::parse(&p.status).is_some_and(|s| s.holds_offer()));
        if held {
            return Err(AppError::Refused("placement_offer_held"));
        }
    }
    let was = row.status.clone();
    apply(&mut row, d, to, now);
    if !store::advance(tx.ex(), &row, &was).await? {
        return Err(AppError::Gone("placement_step_order"));
    }
    let note = match d.step {
        Step::Offer => None,
        _ => d.note.as_deref(),
    };
    store::add_event(tx.ex(), row.id, actor, to.as_str(), note, now).await?;
    if d.step == Step::AcceptOffer {
        store::fill_position(tx.ex(), row.demand_id, now).await?;
    }
    let action = format!("placement.{}", d.step.as_str());
    Event::new(&action)
        .actor(actor.unwrap_or(row.user_id))
        .subject(row.user_id)
        .ip(ip)
        .detail(json!({ "placement": row.id, "demand": row.demand_id, "organisation": row.organisation_id, "status": to.as_str() }))
        .record(st, tx.ex())
        .await?;
    if party == Party::Organisation
        && matches!(
            d.step,
            Step::Invite | Step::Offer | Step::NotSelected | Step::Withdraw
        )
    {
        tell_worker(st, tx.ex(), &row, d.step.as_str()).await?;
    }
    tx.commit().await?;
    crate::notify::wake_worker(st);
    Ok(row)
}

/// The worker hears of the organisation's steps that ask something of them or end the road,
/// and of a service charge to confirm (`what`: the step, or `service_charge`).
pub async fn tell_worker(
    st: &AppState,
    ex: Ex<'_>,
    row: &PlacementRow,
    what: &str,
) -> AppResult<()> {
    let mut ex = ex;
    let Some(user) = psk_store::users::find(ex.reborrow(), row.user_id).await? else {
        return Ok(());
    };
    let demand = psk_store::demands::find(ex.reborrow(), row.demand_id, None).await?;
    let org = psk_store::organisations::find(ex.reborrow(), row.organisation_id).await?;
    let link = format!("{}/p", st.config.public_url.trim_end_matches('/'));
    crate::notices::send(
        st,
        ex,
        &user,
        crate::notices::Kind::PlacementStep,
        &[
            ("step", what.into()),
            ("number", demand.map(|d| d.number).unwrap_or_default()),
            (
                "organisation",
                org.map(|o| o.legal_name).unwrap_or_default(),
            ),
            ("short_link", link),
        ],
        None,
    )
    .await?;
    Ok(())
}

/// The protector stamp clears the worker's accepted offer on its own (in the stamp's
/// transaction): the service takes the step, noted with the protector number.
pub async fn clear_on_stamp(
    st: &AppState,
    ex: Ex<'_>,
    user: Uuid,
    protector_number: &str,
) -> AppResult<()> {
    let mut ex = ex;
    let now = st.clock.now();
    for mut row in store::of_user(ex.reborrow(), user).await? {
        let from = status(&row)?;
        let Ok(to) = from.after(Step::Clear, Party::Service) else {
            continue;
        };
        let was = row.status.clone();
        row.status = to.as_str().into();
        row.updated_at = now;
        if store::advance(ex.reborrow(), &row, &was).await? {
            // The note is the protector number (the timeline says it was the stamp).
            let note = Some(protector_number);
            store::add_event(ex.reborrow(), row.id, None, to.as_str(), note, now).await?;
            Event::new("placement.clear")
                .subject(user)
                .detail(json!({ "placement": row.id, "demand": row.demand_id, "organisation": row.organisation_id }))
                .record(st, ex.reborrow())
                .await?;
        }
    }
    Ok(())
}
