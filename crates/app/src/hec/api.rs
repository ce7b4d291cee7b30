//! HEC verification through the JSON API and in the browser: the worker's statuses
//! (`/profile/hec`), OEC's queue and results (`/admin/hec`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{DegreeStatus, ResultInput};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::{ApiJson, FormPairs};
use crate::web::page::{Base, FormErrors, html};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(mine))
        .routes(routes!(queue))
        .routes(routes!(record))
}

/// My degrees (bachelor and above) and where their HEC verification stands: `not_asked`,
/// `needs_consent` (asked, without the consent to send it to HEC), `waiting`, `sent`,
/// `verified`, `not_verified`.
#[utoipa::path(get, path = "/api/v1/me/hec", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<DegreeStatus>)))]
async fn mine(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<DegreeStatus>>> {
    Ok(axum::Json(super::mine(&st, &me).await?))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct QueueQuery {
    /// `yes`: with the results already recorded.
    #[serde(default)]
    pub all: String,
}

/// Degrees waiting for HEC's result (administrators and support agents).
#[utoipa::path(get, path = "/api/v1/admin/hec", tag = "admin", security(("bearer" = [])), params(QueueQuery),
    responses((status = 200, body = Vec<DegreeStatus>), (status = 403, body = ProblemDoc)))]
async fn queue(
    State(st): State<AppState>,
    me: CurrentUser,
    Query(q): Query<QueueQuery>,
) -> AppResult<axum::Json<Vec<DegreeStatus>>> {
    Ok(axum::Json(super::queue(&st, &me, q.all == "yes").await?))
}

/// Records HEC's result for a degree in the queue: `verified`, HEC's `reference`, the `date`.
#[utoipa::path(post, path = "/api/v1/admin/hec/{education_id}", tag = "admin", security(("bearer" = [])), params(("education_id" = Uuid, Path)), request_body = ResultInput,
    responses((status = 204), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn record(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<ResultInput>,
) -> AppResult<StatusCode> {
    super::record(&st, &me, id, &b, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Template)]
#[template(path = "hec.html")]
struct Page {
    tr: Tr,
    base: Base,
    degrees: Vec<DegreeStatus>,
    for_oec: bool,
    errors: FormErrors,
}

/// `GET /profile/hec`: my degrees' verification.
pub async fn my_page(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    let degrees = super::mine(&st, &me).await?;
    Ok(html(&Page {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        degrees,
        for_oec: false,
        errors: FormErrors::default(),
    })?
    .into_response())
}

async fn queue_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    errors: FormErrors,
) -> AppResult<Response> {
    let degrees = super::queue(st, me, false).await?;
    let failed = errors.any();
    let mut res = html(&Page {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        degrees,
        for_oec: true,
        errors,
    })?
    .into_response();
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /admin/hec`: the queue.
pub async fn admin_page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
) -> AppResult<Response> {
    queue_page(&st, &ctx, &me, FormErrors::default()).await
}

/// `POST /admin/hec/{education_id}`: a result.
pub async fn admin_post(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    let input = ResultInput {
        verified: f.get("verified") == Some("yes"),
        reference: f.get("reference").unwrap_or("").to_owned(),
        date: f.get("date").unwrap_or("").to_owned(),
    };
    match super::record(&st, &me, id, &input, &ctx.client_ip).await {
        Ok(()) => Ok(Redirect::to("/admin/hec").into_response()),
        Err(e) => {
            let errors = FormErrors::from_error(&Tr::new(ctx.lang), e)?.1;
            queue_page(&st, &ctx, &me, errors).await
        }
    }
}
