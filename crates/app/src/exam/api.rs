//! The final test in the JSON API. The answer key never leaves the server.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::service::{self, AttemptView, TestResult, TestStatus};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(status))
        .routes(routes!(start))
        .routes(routes!(attempt))
        .routes(routes!(answer))
        .routes(routes!(submit))
        .routes(routes!(grant))
}

/// Whether the final test is open to me, my attempts, and when the next may start.
#[utoipa::path(get, path = "/api/v1/test", tag = "test", security(("bearer" = [])),
    responses((status = 200, body = TestStatus)))]
async fn status(State(st): State<AppState>, me: CurrentUser) -> AppResult<axum::Json<TestStatus>> {
    Ok(axum::Json(service::status(&st, &me).await?))
}

/// Start an attempt, or resume the one in progress (same answer on every device).
#[utoipa::path(post, path = "/api/v1/test/attempts", tag = "test", security(("bearer" = [])),
    responses((status = 201, body = AttemptView), (status = 410, body = ProblemDoc, description = "Not open: modules incomplete, passed already or no attempts left"), (status = 429, body = ProblemDoc, description = "Wait before the next attempt: retry_after")))]
async fn start(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
) -> AppResult<(StatusCode, axum::Json<AttemptView>)> {
    let id = service::start(&st, &me).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(service::view(&st, &me, id, ctx.lang.is_rtl()).await?),
    ))
}

/// An attempt: its questions, my saved answers and the seconds left on the server's clock.
#[utoipa::path(get, path = "/api/v1/test/attempts/{id}", tag = "test", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = AttemptView), (status = 404, body = ProblemDoc)))]
async fn attempt(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<AttemptView>> {
    Ok(axum::Json(
        service::view(&st, &me, id, ctx.lang.is_rtl()).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct AnswerIn {
    /// The option tokens of the view (in order for an ordering); empty clears the answer.
    options: Vec<String>,
}

/// Save one answer the moment it is given; it can be changed until submission. Refused (410
/// `test_time_over`) after the deadline.
#[utoipa::path(put, path = "/api/v1/test/attempts/{id}/answers/{question}", tag = "test", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("question" = String, Path)), request_body = AnswerIn,
    responses((status = 204), (status = 410, body = ProblemDoc, description = "Time is over or the attempt was submitted")))]
async fn answer(
    State(st): State<AppState>,
    me: CurrentUser,
    Path((id, question)): Path<(Uuid, String)>,
    ApiJson(body): ApiJson<AnswerIn>,
) -> AppResult<StatusCode> {
    service::answer(&st, &me, id, &question, &body.options).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Submit the attempt: the score, per module, and the certificate on a pass. Submitting again
/// returns the same result.
#[utoipa::path(post, path = "/api/v1/test/attempts/{id}/submission", tag = "test", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TestResult)))]
async fn submit(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<TestResult>> {
    Ok(axum::Json(
        service::submit(&st, &me, id, ctx.lang.is_rtl()).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct GrantIn {
    /// Why (kept in the audit log).
    reason: String,
}

#[derive(serde::Serialize, ToSchema)]
struct GrantOut {
    grant_id: Uuid,
}

/// Grant a trainee one more final-test attempt (support agents and administrators), with a
/// reason; used once, by the next attempt past the round's own. Audited.
#[utoipa::path(post, path = "/api/v1/support/users/{id}/test-grants", tag = "support", params(("id" = Uuid, Path)),
    request_body = GrantIn, security(("bearer" = [])),
    responses((status = 201, body = GrantOut), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn grant(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<GrantIn>,
) -> AppResult<(StatusCode, axum::Json<GrantOut>)> {
    let grant_id = super::attempts::grant(&st, &me, id, &body.reason, &ctx.client_ip).await?;
    Ok((StatusCode::CREATED, axum::Json(GrantOut { grant_id })))
}
