//! The protector check in the JSON API: officers (bearer token) and BE&OE systems (HTTP Basic,
//! scoped, with idempotency keys).

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::NaiveDate;
use psk_domain::role::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::clients::{self, Client, NewClient};
use super::service::{self, Finding, StampInput, StampView};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(officer_lookup))
        .routes(routes!(officer_stamp))
        .routes(routes!(officer_day))
        .routes(routes!(offices))
        .routes(routes!(beoe_status))
        .routes(routes!(beoe_stamp))
        .routes(routes!(create_client))
        .routes(routes!(revoke_client))
        .routes(routes!(my_checks))
        .routes(routes!(put_office))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct OfficeIn {
    name_en: String,
    name_ur: String,
    /// An inactive office keeps its history but takes no new officers or clients.
    active: bool,
}

/// Add or change a Protector of Emigrants office (administrators; audited).
#[utoipa::path(put, path = "/api/v1/admin/offices/{code}", tag = "admin", security(("bearer" = [])), params(("code" = String, Path)), request_body = OfficeIn,
    responses((status = 204), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn put_office(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    axum::extract::Path(code): axum::extract::Path<String>,
    ApiJson(body): ApiJson<OfficeIn>,
) -> AppResult<StatusCode> {
    service::put_office(
        &st,
        &me,
        &code,
        &body.name_en,
        &body.name_ur,
        body.active,
        &ctx.client_ip,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct LookupIn {
    /// With `passport_number`: look up by CNIC and passport.
    #[serde(default)]
    cnic: String,
    #[serde(default)]
    passport_number: String,
    /// Or: the certificate's QR code text.
    #[serde(default)]
    qr: String,
}

/// Look a worker up (protector officers): by CNIC + passport number, or by the QR code. Recorded
/// and shown to the worker.
#[utoipa::path(post, path = "/api/v1/protector/lookups", tag = "protector", security(("bearer" = [])), request_body = LookupIn,
    responses((status = 200, body = Finding), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn officer_lookup(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(body): ApiJson<LookupIn>,
) -> AppResult<axum::Json<Finding>> {
    let who = service::officer(&st, &me).await?;
    Ok(axum::Json(if body.qr.trim().is_empty() {
        service::lookup(
            &st,
            &who,
            &body.cnic,
            &body.passport_number,
            "lookup",
            &ctx.client_ip,
        )
        .await?
    } else {
        service::lookup_qr(&st, &who, &body.qr, &ctx.client_ip).await?
    }))
}

fn idempotency(headers: &HeaderMap) -> AppResult<Option<String>> {
    match headers.get("idempotency-key").map(|v| v.to_str()) {
        None => Ok(None),
        Some(Ok(k)) if !k.is_empty() && k.len() <= 100 => Ok(Some(k.to_owned())),
        Some(_) => Err(AppError::BadRequest("idempotency_key")),
    }
}

/// Record the protector stamp (protector officers): once per journey; the same protector number
/// with the same details again returns the stamp (200), a new one is 201.
#[utoipa::path(post, path = "/api/v1/protector/stamps", tag = "protector", security(("bearer" = [])), request_body = StampInput,
    responses((status = 201, body = StampView), (status = 200, body = StampView, description = "Recorded before"), (status = 403, body = ProblemDoc), (status = 410, body = ProblemDoc, description = "No valid certificate"), (status = 422, body = ProblemDoc)))]
async fn officer_stamp(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    headers: HeaderMap,
    ApiJson(body): ApiJson<StampInput>,
) -> AppResult<(StatusCode, axum::Json<StampView>)> {
    let who = service::officer(&st, &me).await?;
    stamped(
        &st,
        &who,
        &body,
        idempotency(&headers)?.as_deref(),
        &ctx.client_ip,
    )
    .await
}

async fn stamped(
    st: &AppState,
    who: &service::Checker,
    body: &StampInput,
    key: Option<&str>,
    ip: &str,
) -> AppResult<(StatusCode, axum::Json<StampView>)> {
    let (s, new) = service::stamp(st, who, body, key, ip).await?;
    let view = service::stamp_view(st, &s).await?;
    Ok((
        if new {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        axum::Json(view),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
struct DayQuery {
    /// YYYY-MM-DD (default: today)
    date: Option<NaiveDate>,
}

/// The officer's office's stamps of a day.
#[utoipa::path(get, path = "/api/v1/protector/stamps", tag = "protector", security(("bearer" = [])), params(DayQuery),
    responses((status = 200, body = Vec<StampView>), (status = 403, body = ProblemDoc)))]
async fn officer_day(
    State(st): State<AppState>,
    me: CurrentUser,
    Query(q): Query<DayQuery>,
) -> AppResult<axum::Json<Vec<StampView>>> {
    let who = service::officer(&st, &me).await?;
    let day = q.date.unwrap_or_else(|| st.clock.today());
    Ok(axum::Json(service::day_list(&st, &who, day).await?))
}

#[derive(Serialize, ToSchema)]
struct OfficeOut {
    code: String,
    name_en: String,
    name_ur: String,
    active: bool,
}

/// The offices of the Protector of Emigrants.
#[utoipa::path(get, path = "/api/v1/protector/offices", tag = "protector",
    responses((status = 200, body = Vec<OfficeOut>)))]
async fn offices(State(st): State<AppState>) -> AppResult<axum::Json<Vec<OfficeOut>>> {
    Ok(axum::Json(
        psk_store::protector::offices(st.db.ex())
            .await?
            .into_iter()
            .map(|o| OfficeOut {
                code: o.code,
                name_en: o.name_en,
                name_ur: o.name_ur,
                active: o.active,
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
struct StatusQuery {
    cnic: String,
    passport_number: String,
}

/// Certificate status by CNIC + passport (BE&OE systems, scope `certificates:read`, HTTP Basic
/// with the client id and secret). Recorded and shown to the worker.
#[utoipa::path(get, path = "/api/v1/beoe/certificate-status", tag = "beoe", security(("basic" = [])), params(StatusQuery),
    responses((status = 200, body = Finding), (status = 401, body = ProblemDoc), (status = 403, body = ProblemDoc), (status = 429, body = ProblemDoc)))]
async fn beoe_status(
    State(st): State<AppState>,
    ctx: Ctx,
    client: Client,
    Query(q): Query<StatusQuery>,
) -> AppResult<axum::Json<Finding>> {
    client.require(&st, "certificates:read").await?;
    Ok(axum::Json(
        service::lookup(
            &st,
            &client.checker(),
            &q.cnic,
            &q.passport_number,
            "api",
            &ctx.client_ip,
        )
        .await?,
    ))
}

/// Record a protector stamp (BE&OE systems, scope `stamps:write`). Send an `Idempotency-Key`;
/// a retry returns the stamp recorded the first time.
#[utoipa::path(post, path = "/api/v1/beoe/stamps", tag = "beoe", security(("basic" = [])), request_body = StampInput,
    params(("Idempotency-Key" = String, Header, description = "Required: the same key for retries of one stamp")),
    responses((status = 201, body = StampView), (status = 200, body = StampView), (status = 401, body = ProblemDoc), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn beoe_stamp(
    State(st): State<AppState>,
    ctx: Ctx,
    client: Client,
    headers: HeaderMap,
    ApiJson(body): ApiJson<StampInput>,
) -> AppResult<(StatusCode, axum::Json<StampView>)> {
    client.require(&st, "stamps:write").await?;
    let key = idempotency(&headers)?.ok_or(AppError::BadRequest("idempotency_key"))?;
    stamped(&st, &client.checker(), &body, Some(&key), &ctx.client_ip).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ClientIn {
    name: String,
    /// certificates:read, stamps:write
    scopes: Vec<String>,
    /// The office the client works for (required; stamps are recorded for it, and the client
    /// loses its rights when the office is set inactive).
    #[serde(default)]
    office: String,
}

/// Register a BE&OE machine client (administrators). The secret is shown only in this answer.
#[utoipa::path(post, path = "/api/v1/admin/api-clients", tag = "admin", security(("bearer" = [])), request_body = ClientIn,
    responses((status = 201, body = NewClient), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn create_client(
    State(st): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<ClientIn>,
) -> AppResult<(StatusCode, axum::Json<NewClient>)> {
    me.require(&[Role::Administrator])?;
    let c = clients::create(&st, Some(&me), &body.name, &body.scopes, &body.office).await?;
    Ok((StatusCode::CREATED, axum::Json(c)))
}

/// Revoke a machine client (administrators): its secret stops working at once.
#[utoipa::path(delete, path = "/api/v1/admin/api-clients/{id}", tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn revoke_client(
    State(st): State<AppState>,
    me: CurrentUser,
    axum::extract::Path(id): axum::extract::Path<Uuid>,
) -> AppResult<StatusCode> {
    clients::revoke(&st, Some(&me), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who checked my certificate: which office or system, when, how.
#[utoipa::path(get, path = "/api/v1/me/certificate-checks", tag = "certificates", security(("bearer" = [])),
    responses((status = 200, body = Vec<service::CheckView>)))]
async fn my_checks(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<service::CheckView>>> {
    Ok(axum::Json(
        service::my_checks(&st, &me, ctx.lang.is_rtl()).await?,
    ))
}
