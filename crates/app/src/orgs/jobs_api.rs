//! Jobs for workers through the JSON API (`/api/v1/me/jobs`) and in the browser (`/jobs`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::jobs::{self, Job, JobQuery, Jobs};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::FormPairs;
use crate::web::page::{Base, html};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(one))
        .routes(routes!(interest))
}

/// Open job demands for me (a valid certificate needed: 403 `jobs_need_certificate`): those
/// that fit my intended move, or all with `all=yes`.
#[utoipa::path(get, path = "/api/v1/me/jobs", tag = "me", security(("bearer" = [])), params(JobQuery),
    responses((status = 200, body = Jobs), (status = 403, body = ProblemDoc)))]
async fn list(
    State(st): State<AppState>,
    me: CurrentUser,
    Query(q): Query<JobQuery>,
) -> AppResult<axum::Json<Jobs>> {
    Ok(axum::Json(jobs::list(&st, &me, &q).await?))
}

/// One open job demand with its terms.
#[utoipa::path(get, path = "/api/v1/me/jobs/{id}", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Job), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn one(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<Job>> {
    Ok(axum::Json(jobs::one(&st, &me, id).await?))
}

/// I am interested in this job (saying it twice changes nothing).
#[utoipa::path(post, path = "/api/v1/me/jobs/{id}/interest", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc)))]
async fn interest(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    jobs::interest(&st, &me, id, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Template)]
#[template(path = "jobs.html")]
struct ListPage {
    tr: Tr,
    base: Base,
    list: Jobs,
}

/// `GET /jobs` (`?all=yes` for every open demand).
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<JobQuery>,
) -> AppResult<Response> {
    let list = jobs::list(&st, &me, &q).await?;
    Ok(html(&ListPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        list,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "job.html")]
struct OnePage {
    tr: Tr,
    base: Base,
    job: Job,
}

/// `GET /jobs/{id}`.
pub async fn job_page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let job = jobs::one(&st, &me, id).await?;
    Ok(html(&OnePage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        job,
    })?
    .into_response())
}

/// `POST /jobs/{id}`: I am interested.
pub async fn interest_form(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    jobs::interest(&st, &me, id, &ctx.client_ip).await?;
    Ok(Redirect::to(&format!("/jobs/{id}")).into_response())
}
