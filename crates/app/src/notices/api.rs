//! The notifications centre through the JSON API.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::NoticeView;
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(mine))
        .routes(routes!(read_one))
        .routes(routes!(read_all))
}

#[derive(Serialize, ToSchema)]
struct Notices {
    unread: usize,
    /// Newest first, the last 100, in the account's language (or `Accept-Language`).
    notices: Vec<NoticeView>,
}

/// My notices: every message the portal sent me (codes excepted), read or not.
#[utoipa::path(get, path = "/api/v1/me/notices", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Notices), (status = 401, body = ProblemDoc)))]
async fn mine(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
) -> AppResult<axum::Json<Notices>> {
    let notices = super::list(&st, me.id, ctx.lang, false).await?;
    Ok(axum::Json(Notices {
        unread: notices.iter().filter(|n| !n.read).count(),
        notices,
    }))
}

/// Marks one of my notices read.
#[utoipa::path(post, path = "/api/v1/me/notices/{id}/read", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ProblemDoc)))]
async fn read_one(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    super::mark_read(&st, me.id, Some(id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Marks all my notices read.
#[utoipa::path(post, path = "/api/v1/me/notices/read", tag = "me", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ProblemDoc)))]
async fn read_all(State(st): State<AppState>, me: CurrentUser) -> AppResult<StatusCode> {
    super::mark_read(&st, me.id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}
