//! OEC's decisions about an organisation (administrators, always with a reason, audited, the
//! contact person told), the licence check the worker job runs every day, and the record OEC
//! looks at: the application, its documents, its history, its users and the complaints made
//! about it at the help desk.

use psk_domain::org::{Decision, OrgStatus};
use psk_domain::profile::BoundedText;
use psk_domain::role::Role;
use psk_store::organisations::{self, OrgRow};
use serde_json::json;
use uuid::Uuid;

use super::apply::step;
use super::members;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Who decides about organisations.
pub const DECIDERS: &[Role] = &[Role::Administrator];

fn sms_for(status: OrgStatus, d: Decision) -> &'static str {
    match (status, d) {
        (_, Decision::Reinstate) => "sms-org-reinstated",
        (OrgStatus::Approved, _) => "sms-org-approved",
        (OrgStatus::Returned, _) => "sms-org-returned",
        (OrgStatus::Rejected, _) => "sms-org-rejected",
        (OrgStatus::Suspended, _) => "sms-org-suspended",
        _ => "sms-org-blacklisted",
    }
}

/// An administrator's decision. On approval the contact person is invited as the
/// organisation's first user.
pub async fn decide(
    st: &AppState,
    admin: &CurrentUser,
    id: Uuid,
    decision: &str,
    reason: &str,
    oep: &str,
    ip: &str,
) -> AppResult<OrgRow> {
    admin.require(DECIDERS)?;
    let row = organisations::find(st.db.ex(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut e = psk_domain::FieldErrors::new();
    let d = e.take("decision", Decision::parse(decision));
    let reason = if reason.trim().is_empty() {
        e.push("reason", "required");
        None
    } else {
        e.take("reason", BoundedText::parse(reason, 500))
    };
    let answered_by = if oep.trim().is_empty() {
        None
    } else if d != Some(Decision::Blacklist) || row.kind == "oep" {
        e.push("oep", "oep_not_applicable");
        None
    } else {
        match answering_oep(st, oep).await? {
            Some(id) => Some(id),
            None => {
                e.push("oep", "oep_unknown");
                None
            }
        }
    };
    e.into_result()?;
    let (Some(d), Some(reason)) = (d, reason) else {
        return Err(AppError::BadRequest("malformed_body"));
    };
    let now_status =
        OrgStatus::parse(&row.status).map_err(|_| anyhow::anyhow!("stored organisation status"))?;
    let next = now_status
        .after(d)
        .map_err(|e| AppError::field("decision", psk_domain::error::ErrorCode::code(&e)))?;
    let who = (Some(admin.id), Some(ip));
    apply_decision(st, &row, next, d, who, reason.as_str(), answered_by).await
}

/// An OEP by its OEC number or licence number.
async fn answering_oep(st: &AppState, named: &str) -> AppResult<Option<Uuid>> {
    let upper = named.trim().to_ascii_uppercase();
    if let Some(o) = organisations::by_number(st.db.ex(), &upper).await?
        && o.kind == "oep"
    {
        return Ok(Some(o.id));
    }
    Ok(match psk_domain::org::LicenceNumber::parse(named) {
        Ok(l) => organisations::with_licence(st.db.ex(), l.as_str())
            .await?
            .into_iter()
            .find(|o| o.kind == "oep")
            .map(|o| o.id),
        Err(_) => None,
    })
}

async fn apply_decision(
    st: &AppState,
    row: &OrgRow,
    next: OrgStatus,
    d: Decision,
    (actor, ip): (Option<Uuid>, Option<&str>),
    reason: &str,
    answered_by: Option<Uuid>,
) -> AppResult<OrgRow> {
    let mut tx = st.db.begin().await?;
    step(st, &mut tx, row, next, actor, Some(reason.to_owned())).await?;
    if let Some(oep) = answered_by {
        psk_store::org_extras::set_answered_by(tx.ex(), row.id, oep, actor, st.clock.now()).await?;
    }
    let mut ev = Event::new("organisation.decided")
        .detail(json!({ "organisation": row.id, "decision": d.as_str(), "status": next.as_str(), "answered_by": answered_by }));
    if let Some(ip) = ip {
        ev = ev.ip(ip);
    }
    if let Some(a) = actor {
        ev = ev.actor(a);
    }
    ev.record(st, tx.ex()).await?;
    let after = OrgRow {
        status: next.as_str().into(),
        status_reason: Some(reason.to_owned()),
        ..row.clone()
    };
    super::tell::applicant(st, tx.ex(), &after, sms_for(next, d), None).await?;
    // The contact person is the first user: invited when first approved.
    if d == Decision::Approve {
        members::invite_contact(st, &mut tx, &after, actor).await?;
    }
    tx.commit().await?;
    crate::notify::wake_worker(st);
    organisations::find(st.db.ex(), row.id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The worker job: every approved OEP whose BE&OE licence expired before today is suspended
/// (its users lose every right on their next request), with the date as the reason.
pub async fn suspend_expired_licences(st: &AppState) -> AppResult<usize> {
    let today = st.clock.now().date_naive();
    let due = organisations::licences_expired(st.db.ex(), today).await?;
    for row in &due {
        let expired = row
            .licence_expires_on
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let reason = format!("BE&OE licence expired on {expired}");
        apply_decision(
            st,
            row,
            OrgStatus::Suspended,
            Decision::Suspend,
            (None, None),
            &reason,
            None,
        )
        .await?;
    }
    Ok(due.len())
}
