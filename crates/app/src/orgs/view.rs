//! An organisation's record as its applicant and OEC see it. OEC's reading is audited; the
//! applicant reads through their private link.

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::contact::MobileNumber;
use psk_store::organisations::{self, OrgRow};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::decide::DECIDERS;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StepView {
    pub at: DateTime<Utc>,
    pub status: String,
    pub reason: Option<String>,
    /// `oec` for a decision by OEC staff, `applicant`, or `system` (the licence check).
    pub by: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentView {
    pub id: Uuid,
    /// registration | licence
    pub kind: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MemberView {
    pub id: Uuid,
    pub full_name: String,
    pub since: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComplaintView {
    pub ticket_id: Uuid,
    pub number: String,
    pub subject: String,
    pub status: String,
    pub at: DateTime<Utc>,
}

/// What OEC weighs before suspending a licence (issue 14, item 10): placements, complaints, fee
/// disputes, departures and early returns.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordView {
    pub placements: i64,
    /// Offers the workers accepted.
    pub selected: i64,
    pub departures: i64,
    pub returned_early: i64,
    pub complaints: i64,
    /// Service charges recorded, and those the worker disputed.
    pub charges: i64,
    pub fee_disputes: i64,
}

/// An organisation's record.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrgView {
    pub id: Uuid,
    pub number: String,
    pub kind: String,
    pub legal_name: String,
    pub country: String,
    pub address: String,
    pub contact_name: String,
    /// `0300 1234567`
    pub contact_mobile: String,
    pub contact_email: Option<String>,
    pub licence_number: Option<String>,
    pub licence_expires_on: Option<NaiveDate>,
    pub status: String,
    pub status_reason: Option<String>,
    pub status_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub history: Vec<StepView>,
    pub documents: Vec<DocumentView>,
    /// OEC only: its users and the complaints made about it at the help desk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<MemberView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complaints: Option<Vec<ComplaintView>>,
    /// OEC only: the figures of its record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordView>,
}

/// The record; `for_oec` adds the users and complaints.
pub async fn build(st: &AppState, o: OrgRow, for_oec: bool) -> AppResult<OrgView> {
    let ex = || st.db.ex();
    let history = organisations::history(ex(), o.id)
        .await?
        .into_iter()
        .enumerate()
        .map(|(i, h)| StepView {
            at: h.at,
            by: match (h.actor_id, i, h.status.as_str()) {
                (Some(_), _, _) => "oec",
                (None, _, "applied") => "applicant",
                _ => "system",
            }
            .into(),
            status: h.status,
            reason: h.reason,
        })
        .collect();
    let documents = organisations::documents(ex(), o.id)
        .await?
        .into_iter()
        .map(|d| DocumentView {
            id: d.id,
            kind: d.kind,
            size_bytes: d.size_bytes,
            sha256: d.sha256,
            at: d.created_at,
        })
        .collect();
    let (members, complaints) = if for_oec {
        let m = organisations::members(ex(), o.id)
            .await?
            .into_iter()
            .map(|m| MemberView {
                id: m.id,
                full_name: m.full_name,
                since: m.created_at,
            })
            .collect();
        let c = organisations::complaints(ex(), o.id)
            .await?
            .into_iter()
            .map(|t| ComplaintView {
                ticket_id: t.id,
                number: t.number,
                subject: t.subject,
                status: t.status,
                at: t.created_at,
            })
            .collect();
        (Some(m), Some(c))
    } else {
        (None, None)
    };
    let record = match for_oec {
        true => {
            let r = psk_store::service_charges::record(ex(), o.id).await?;
            Some(RecordView {
                placements: r.placements,
                selected: r.selected,
                departures: r.departures,
                returned_early: r.returned_early,
                complaints: r.complaints,
                charges: r.charges,
                fee_disputes: r.fee_disputes,
            })
        }
        false => None,
    };
    let mobile = st
        .keys
        .decrypt_string(Field::Mobile, &o.contact_mobile_enc)
        .map_err(anyhow::Error::from)?;
    Ok(OrgView {
        id: o.id,
        number: o.number,
        kind: o.kind,
        legal_name: o.legal_name,
        country: o.country,
        address: o.address,
        contact_name: o.contact_name,
        contact_mobile: MobileNumber::parse(&mobile)
            .map(|m| m.national())
            .unwrap_or(mobile),
        contact_email: o.contact_email,
        licence_number: o.licence_number,
        licence_expires_on: o.licence_expires_on,
        status: o.status,
        status_reason: o.status_reason,
        status_at: o.status_at,
        created_at: o.created_at,
        history,
        documents,
        members,
        complaints,
        record,
    })
}

/// OEC reads a record (audited).
pub async fn for_staff(
    st: &AppState,
    staff: &CurrentUser,
    id: Uuid,
    ip: &str,
) -> AppResult<OrgView> {
    staff.require(DECIDERS)?;
    let o = organisations::find(st.db.ex(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    Event::new("organisation.read")
        .actor(staff.id)
        .detail(json!({ "organisation": id, "role": staff.role.as_str() }))
        .ip(ip)
        .record_alone(st)
        .await?;
    build(st, o, true).await
}

/// An organisation's own record, for its users: with its users, without the complaints.
pub async fn mine(st: &AppState, me: &CurrentUser) -> AppResult<OrgView> {
    me.require(&[psk_domain::role::Role::EmployerUser])?;
    let id = me.organisation_id.ok_or(AppError::Forbidden)?;
    let o = organisations::find(st.db.ex(), id)
        .await?
        .ok_or(AppError::Forbidden)?;
    let mut v = build(st, o, true).await?;
    v.complaints = None;
    v.record = None;
    Ok(v)
}

/// A line of OEC's list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrgLine {
    pub id: Uuid,
    pub number: String,
    pub kind: String,
    pub legal_name: String,
    pub country: String,
    pub licence_number: Option<String>,
    pub status: String,
    pub status_at: DateTime<Utc>,
}

/// OEC's list: waiting for a decision by default, or in one status.
pub async fn list(
    st: &AppState,
    staff: &CurrentUser,
    status: Option<&str>,
) -> AppResult<Vec<OrgLine>> {
    staff.require(DECIDERS)?;
    let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(
            psk_domain::org::OrgStatus::parse(s)
                .map_err(|_| AppError::field("status", "choose_option"))?
                .as_str(),
        ),
        None => None,
    };
    Ok(organisations::list(st.db.ex(), status)
        .await?
        .into_iter()
        .map(|o| OrgLine {
            id: o.id,
            number: o.number,
            kind: o.kind,
            legal_name: o.legal_name,
            country: o.country,
            licence_number: o.licence_number,
            status: o.status,
            status_at: o.status_at,
        })
        .collect())
}
