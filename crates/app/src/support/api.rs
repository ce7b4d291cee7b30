//! The support tools through the JSON API (support agents and administrators).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::service::{self, FindInput, Found, Journey};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(lookup))
        .routes(routes!(journey))
        .routes(routes!(unlock))
        .routes(routes!(password_reset))
        .routes(routes!(resend))
}

/// Find workers by exactly one of CNIC, mobile number or certificate number, with a reason.
/// Audited against every worker found. A mobile number also finds registrations still waiting
/// for their code.
#[utoipa::path(post, path = "/api/v1/support/lookups", tag = "support", security(("bearer" = [])),
    request_body = FindInput,
    responses((status = 200, body = Vec<Found>), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn lookup(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(q): ApiJson<FindInput>,
) -> AppResult<axum::Json<Vec<Found>>> {
    Ok(axum::Json(
        service::find(&st, &me, &q, &ctx.client_ip).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
struct ReasonQuery {
    /// Why the agent looks (kept in the audit log).
    #[serde(default)]
    reason: String,
}

/// A worker's journey: registration, identity changes, consents, course, attempts,
/// certificates, stamps, sign-in locks. Audited with the reason.
#[utoipa::path(get, path = "/api/v1/support/users/{id}/journey", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path), ReasonQuery),
    responses((status = 200, body = Journey), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn journey(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<ReasonQuery>,
) -> AppResult<axum::Json<Journey>> {
    Ok(axum::Json(
        service::journey(&st, &me, id, &q.reason, &ctx.client_ip).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ReasonIn {
    /// Why (kept in the audit log), at most 300 characters.
    reason: String,
}

/// Lift every sign-in lock on the worker's account. Audited with the reason.
#[utoipa::path(post, path = "/api/v1/support/users/{id}/unlock", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ReasonIn,
    responses((status = 204), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn unlock(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ReasonIn>,
) -> AppResult<StatusCode> {
    super::actions::unlock(&st, &me, id, &body.reason, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Send a registration still waiting for its code a new code (the usual limits apply; the
/// agent never sees it). Audited with the reason.
#[utoipa::path(post, path = "/api/v1/support/registrations/{id}/resend", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ReasonIn,
    responses((status = 204), (status = 403, body = ProblemDoc), (status = 410, body = ProblemDoc), (status = 422, body = ProblemDoc), (status = 429, body = ProblemDoc)))]
async fn resend(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ReasonIn>,
) -> AppResult<StatusCode> {
    super::actions::resend_registration_code(&st, &me, id, &body.reason, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(serde::Serialize, ToSchema)]
struct ResetStarted {
    /// The number the code went to, masked (`0300 ****567`).
    sent_to: String,
}

/// Send the worker a password-reset code by SMS (the usual limits apply; the agent never sees
/// it). The worker completes it with their CNIC or mobile, the code and a new password
/// (`POST /api/v1/password-resets/complete`, or `/password-reset/verify`). Audited with the reason.
#[utoipa::path(post, path = "/api/v1/support/users/{id}/password-reset", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = ReasonIn,
    responses((status = 202, body = ResetStarted), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc), (status = 429, body = ProblemDoc)))]
async fn password_reset(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ReasonIn>,
) -> AppResult<(StatusCode, axum::Json<ResetStarted>)> {
    let sent_to =
        super::actions::start_password_reset(&st, &me, id, &body.reason, &ctx.client_ip).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(ResetStarted { sent_to })))
}
