//! Job demands through the JSON API: an organisation's own, OEC's review, and the public check
//! by number.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use psk_domain::demand::DemandInput;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::demands::{self, DemandView, PublicDemand};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_mine, post))
        .routes(routes!(mine, correct))
        .routes(routes!(queue))
        .routes(routes!(review))
        .routes(routes!(public))
}

/// My organisation's demands, newest first, each with its history.
#[utoipa::path(get, path = "/api/v1/organisation/demands", tag = "organisations", security(("bearer" = [])),
    responses((status = 200, body = Vec<DemandView>), (status = 403, body = ProblemDoc)))]
async fn list_mine(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<DemandView>>> {
    Ok(axum::Json(demands::list_mine(&st, &me).await?))
}

/// Post a demand: every field checked and named at once; it waits for OEC's review.
#[utoipa::path(post, path = "/api/v1/organisation/demands", tag = "organisations", security(("bearer" = [])),
    request_body = DemandInput,
    responses((status = 201, body = DemandView), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn post(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(d): ApiJson<DemandInput>,
) -> AppResult<(StatusCode, axum::Json<DemandView>)> {
    let v = demands::post(&st, &me, &d, &ctx.client_ip).await?;
    Ok((StatusCode::CREATED, axum::Json(v)))
}

/// One of my organisation's demands (another organisation's is not found).
#[utoipa::path(get, path = "/api/v1/organisation/demands/{id}", tag = "organisations", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = DemandView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn mine(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<DemandView>> {
    Ok(axum::Json(demands::mine(&st, &me, id).await?))
}

/// A returned demand corrected and sent to OEC again (410 unless returned).
#[utoipa::path(put, path = "/api/v1/organisation/demands/{id}", tag = "organisations", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = DemandInput,
    responses((status = 200, body = DemandView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn correct(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(d): ApiJson<DemandInput>,
) -> AppResult<axum::Json<DemandView>> {
    Ok(axum::Json(
        demands::correct(&st, &me, id, &d, &ctx.client_ip).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
struct QueueQuery {
    /// submitted (the default), returned, approved, closed
    status: Option<String>,
}

/// OEC's demands to review (administrators).
#[utoipa::path(get, path = "/api/v1/admin/demands", tag = "organisations", security(("bearer" = [])),
    params(QueueQuery),
    responses((status = 200, body = Vec<DemandView>), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn queue(
    State(st): State<AppState>,
    me: CurrentUser,
    Query(q): Query<QueueQuery>,
) -> AppResult<axum::Json<Vec<DemandView>>> {
    Ok(axum::Json(
        demands::queue(&st, &me, q.status.as_deref()).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct Review {
    /// true: approve (the demand becomes visible); false: return it (a note is then required).
    approve: bool,
    #[serde(default)]
    review_note: String,
}

/// OEC approves a demand or returns it with a note.
#[utoipa::path(post, path = "/api/v1/admin/demands/{id}/review", tag = "organisations", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = Review,
    responses((status = 200, body = DemandView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn review(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(r): ApiJson<Review>,
) -> AppResult<axum::Json<DemandView>> {
    Ok(axum::Json(
        demands::review(&st, &me, id, r.approve, &r.review_note, &ctx.client_ip).await?,
    ))
}

/// Check a demand by the number printed on an offer: who posted it, where, as what, the salary
/// range, the positions left and the closing date. Only demands OEC approved are found; each
/// check counts against the address like the other public registers.
#[utoipa::path(get, path = "/api/v1/registers/demands/{number}", tag = "registers",
    params(("number" = String, Path)),
    responses((status = 200, body = PublicDemand), (status = 404, body = ProblemDoc), (status = 429, body = ProblemDoc)))]
async fn public(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(number): Path<String>,
) -> AppResult<axum::Json<PublicDemand>> {
    super::register::allowed(&st, &ctx.client_ip).await?;
    let found = demands::public(&st, &number).await;
    Ok(axum::Json(
        super::register::spent_if_missed(&st, &ctx.client_ip, found).await?,
    ))
}
