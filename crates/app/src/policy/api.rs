//! Policy versions through the JSON API: public history and texts, a worker's unread changes,
//! and publishing (administrators).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::{Document, NewVersion, VersionView};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(history))
        .routes(routes!(one))
        .routes(routes!(publish))
        .routes(routes!(pending))
        .routes(routes!(seen))
}

/// Every version of the privacy policy and the terms of use, newest first: date, whether it was
/// a material change, and its change summary (in the request's language).
#[utoipa::path(get, path = "/api/v1/policies", tag = "public",
    responses((status = 200, body = Vec<VersionView>)))]
async fn history(State(st): State<AppState>, ctx: Ctx) -> AppResult<axum::Json<Vec<VersionView>>> {
    Ok(axum::Json(super::history(&st, ctx.lang).await?))
}

/// One version with its text; `current` for the version in force.
#[utoipa::path(get, path = "/api/v1/policies/{document}/{version}", tag = "public",
    params(("document" = String, Path, description = "privacy or terms"), ("version" = String, Path, description = "a version, or current")),
    responses((status = 200, body = VersionView), (status = 404, body = ProblemDoc)))]
async fn one(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((document, version)): Path<(String, String)>,
) -> AppResult<axum::Json<VersionView>> {
    let document = Document::parse(&document).ok_or(AppError::NotFound)?;
    let version = (version != "current").then_some(version.as_str());
    Ok(axum::Json(
        super::version(&st, document, version, ctx.lang).await?,
    ))
}

/// Publishes a new version (administrators). A material one is announced to every worker; a new
/// wording of a purpose asks again for the consents given under the old one.
#[utoipa::path(post, path = "/api/v1/admin/policies", tag = "admin", security(("bearer" = [])),
    request_body = NewVersion,
    responses((status = 201, body = VersionView), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn publish(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(input): ApiJson<NewVersion>,
) -> AppResult<(StatusCode, axum::Json<VersionView>)> {
    let v = super::publish(&st, &me, &input, &ctx.client_ip).await?;
    Ok((StatusCode::CREATED, axum::Json(v)))
}

/// The material changes I have not acknowledged yet, oldest first (the app shows them).
#[utoipa::path(get, path = "/api/v1/me/policy-changes", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<VersionView>), (status = 401, body = ProblemDoc)))]
async fn pending(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<VersionView>>> {
    Ok(axum::Json(super::pending(&st, me.id, ctx.lang).await?))
}

/// I have read the changes shown to me.
#[utoipa::path(post, path = "/api/v1/me/policy-changes/seen", tag = "me", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ProblemDoc)))]
async fn seen(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<StatusCode> {
    super::acknowledge(&st, &me, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}
