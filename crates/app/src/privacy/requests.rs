//! Requests about my data (issue 13, item 4); the decisions are in `decisions.rs`. A worker files
//! one of:
//! - **access**: done at once; the download (`/my-data`, `GET /api/v1/me/export`) holds
//!   everything kept about them, and the "My data" pages show it;
//! - **withdraw_consents**: done at once; every choice is withdrawn through the consent ledger;
//! - **correction** of an identity field (name, Urdu name, father's or husband's name, date of
//!   birth, CNIC), with the right value and evidence: an administrator checks the evidence and
//!   applies it (a corrected name or CNIC on a valid certificate reissues the certificate) or
//!   refuses it with a reason;
//! - **deletion**: an administrator carries it out (`erasure.rs`: personal data erased, the
//!   certificate and stamps kept as the law requires) or refuses it with a reason.
//!
//! Each has a number, a status, a deadline (`help.data_request_days`), who handles it, and a
//! history the worker sees. The worker is told of the outcome by SMS.

use chrono::{DateTime, Duration, Utc};
use psk_domain::FieldErrors;
use psk_domain::consent::{Basis, Channel, Purpose};
use psk_domain::role::Role;
use psk_store::data_requests::{self, EventRow, RequestRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::identity::evidence;
use crate::media::Spooled;
use crate::state::AppState;

/// Who decides identity corrections and deletions.
pub const DECIDERS: &[Role] = &[Role::Administrator];
/// Who may see the requests to handle.
pub const HANDLERS: &[Role] = &[Role::SupportAgent, Role::Administrator];

pub const KINDS: [&str; 4] = ["access", "correction", "deletion", "withdraw_consents"];
pub const FIELDS: [&str; 5] = [
    "full_name",
    "full_name_ur",
    "guardian_name",
    "date_of_birth",
    "cnic",
];

/// A request as typed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewRequest {
    /// access, correction, deletion, withdraw_consents
    #[serde(default)]
    pub kind: String,
    /// For a correction: full_name, full_name_ur, guardian_name, date_of_birth, cnic.
    #[serde(default)]
    pub field: String,
    /// For a correction: the right value.
    #[serde(default)]
    pub value: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestView {
    pub id: Uuid,
    pub number: String,
    pub kind: String,
    pub status: String,
    pub field: Option<String>,
    pub deadline_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    /// Every step, oldest first: status, when, a note; `by_staff` when OEC staff took it.
    pub history: Vec<StepView>,
    /// Staff only: the value asked for, and the evidence file's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StepView {
    pub status: String,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
    pub by_staff: bool,
}

pub(super) async fn view(st: &AppState, r: RequestRow, staff: bool) -> AppResult<RequestView> {
    let history = data_requests::history(st.db.ex(), r.id)
        .await?
        .into_iter()
        .map(|e| StepView {
            status: e.status,
            at: e.at,
            note: e.note,
            by_staff: e.actor_id.is_some_and(|a| a != r.user_id),
        })
        .collect();
    let value = match (&r.value_enc, staff) {
        (Some(v), true) => Some(
            st.keys
                .decrypt_string(Field::RequestValue, v)
                .map_err(anyhow::Error::from)?,
        ),
        _ => None,
    };
    Ok(RequestView {
        id: r.id,
        number: r.number,
        kind: r.kind,
        status: r.status,
        field: r.field,
        deadline_at: r.deadline_at,
        created_at: r.created_at,
        history,
        value,
        evidence: if staff { r.evidence_id } else { None },
        user_id: staff.then_some(r.user_id),
    })
}

/// A corrected value, parsed by the field's own rules; returned as it will be stored.
fn parse_value(st: &AppState, field: &str, value: &str) -> Result<String, &'static str> {
    use psk_domain::error::ErrorCode;
    use psk_domain::person::{DateOfBirth, PersonName, UrduName};
    match field {
        "full_name" | "guardian_name" => PersonName::parse(value)
            .map(|n| n.as_str().to_owned())
            .map_err(|e| e.code()),
        "full_name_ur" => match UrduName::parse_optional(value) {
            Ok(Some(n)) => Ok(n.as_str().to_owned()),
            Ok(None) => Err("required"),
            Err(e) => Err(e.code()),
        },
        "date_of_birth" => {
            DateOfBirth::parse(value, st.clock.today(), st.config.registration.min_age)
                .map(|d| d.date().to_string())
                .map_err(|e| e.code())
        }
        "cnic" => psk_domain::cnic::Cnic::parse(value)
            .map(|c| c.as_str().to_owned())
            .map_err(|e| e.code()),
        _ => Err("choose_option"),
    }
}

/// The worker files a request; access and withdrawal are done at once.
pub async fn file(
    st: &AppState,
    me: &CurrentUser,
    input: &NewRequest,
    proof: Option<&Spooled>,
    channel: Channel,
    ip: &str,
) -> AppResult<RequestView> {
    me.require(&[Role::Trainee])?;
    let kind = KINDS
        .iter()
        .find(|k| **k == input.kind.trim())
        .copied()
        .ok_or_else(|| AppError::field("kind", "choose_option"))?;
    let mut e = FieldErrors::new();
    let (mut field, mut value, mut ev_kind) = (None, None, None);
    if kind == "correction" {
        match FIELDS.iter().find(|f| **f == input.field.trim()) {
            Some(f) => {
                field = Some(*f);
                match parse_value(st, f, &input.value) {
                    Ok(v) => value = Some(v),
                    Err(code) => e.push("value", code),
                }
            }
            None => e.push("field", "choose_option"),
        }
        match evidence::check("evidence", proof) {
            Ok(k) => ev_kind = Some(k),
            Err((f, c)) => e.push(f, c),
        }
    }
    e.into_result()?;
    let now = st.clock.now();
    let r = RequestRow {
        id: Uuid::new_v4(),
        number: crate::crypto::reference("DR"),
        user_id: me.id,
        kind: kind.into(),
        status: "received".into(),
        field: field.map(str::to_owned),
        value_enc: value
            .as_ref()
            .map(|v| st.keys.encrypt(Field::RequestValue, v.as_bytes())),
        evidence_id: None,
        assigned_to: None,
        deadline_at: now + Duration::days(st.config.help.data_request_days),
        created_at: now,
        updated_at: now,
    };
    let mut tx = st.db.begin().await?;
    let evidence_id = match (proof, ev_kind) {
        (Some(f), Some(k)) => Some(
            evidence::store(st, tx.ex(), f, k, (me.id, "correction", me.id), now)
                .await?
                .id,
        ),
        _ => None,
    };
    data_requests::insert(
        tx.ex(),
        &RequestRow {
            evidence_id,
            ..r.clone()
        },
    )
    .await?;
    let step = |status: &str, note: Option<&str>| EventRow {
        id: Uuid::new_v4(),
        request_id: r.id,
        at: now,
        actor_id: Some(me.id),
        status: status.into(),
        note: note.map(str::to_owned),
    };
    data_requests::step(tx.ex(), &step("received", None)).await?;
    Event::new("data_request.filed")
        .actor(me.id)
        .subject(me.id)
        .detail(json!({ "request": r.id, "number": r.number, "kind": kind, "field": field }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    let done_note = match kind {
        "access" => Some("download"),
        "withdraw_consents" => Some("consents_withdrawn"),
        _ => None,
    };
    if let Some(note) = done_note {
        data_requests::step(tx.ex(), &step("done", Some(note))).await?;
    }
    tx.commit().await?;
    if kind == "withdraw_consents" {
        let all: Vec<(Purpose, bool)> = Purpose::ALL
            .into_iter()
            .filter(|p| p.basis() == Basis::Choice)
            .map(|p| (p, false))
            .collect();
        crate::privacy::consent::set_many(st, me.id, &all, channel, ip).await?;
    }
    mine(st, me, r.id).await
}

pub async fn list_mine(st: &AppState, me: &CurrentUser) -> AppResult<Vec<RequestView>> {
    let mut out = vec![];
    for r in data_requests::of_user(st.db.ex(), me.id).await? {
        out.push(view(st, r, false).await?);
    }
    Ok(out)
}

pub async fn mine(st: &AppState, me: &CurrentUser, id: Uuid) -> AppResult<RequestView> {
    let r = data_requests::find(st.db.ex(), id, Some(me.id))
        .await?
        .ok_or(AppError::NotFound)?;
    view(st, r, false).await
}

/// Requests to handle, nearest deadline first.
pub async fn open_requests(st: &AppState, staff: &CurrentUser) -> AppResult<Vec<RequestView>> {
    staff.require(HANDLERS)?;
    let mut out = vec![];
    for r in data_requests::open(st.db.ex()).await? {
        out.push(view(st, r, true).await?);
    }
    Ok(out)
}

/// One request with the value asked for (audited as a read of the worker's record).
pub async fn read(
    st: &AppState,
    staff: &CurrentUser,
    id: Uuid,
    ip: &str,
) -> AppResult<RequestView> {
    staff.require(HANDLERS)?;
    let r = data_requests::find(st.db.ex(), id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    Event::new("data_request.read")
        .actor(staff.id)
        .subject(r.user_id)
        .detail(json!({ "request": r.id, "role": staff.role.as_str() }))
        .ip(ip)
        .record_alone(st)
        .await?;
    view(st, r, true).await
}
