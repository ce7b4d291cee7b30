//! JSON endpoints for administrators and support agents.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use psk_domain::role::Role;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::service::{self, Actor, StaffInput};
use crate::account::service::Profile;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_user))
        .routes(routes!(read_user))
        .routes(routes!(change_role))
        .routes(routes!(user_audit))
}

#[derive(Serialize, ToSchema)]
struct Created {
    id: Uuid,
}

/// Create a staff account (administrators).
#[utoipa::path(post, path = "/api/v1/admin/users", tag = "admin", security(("bearer" = [])), request_body = StaffInput,
    responses((status = 201, body = Created), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn create_user(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(input): ApiJson<StaffInput>,
) -> AppResult<(StatusCode, axum::Json<Created>)> {
    me.require(&[Role::Administrator])?;
    let id = service::create_staff(&st, Actor::User(me.id), &input, Some(&ctx.client_ip)).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

/// Read a person's record (support agents, administrators). Audited.
#[utoipa::path(get, path = "/api/v1/admin/users/{id}", tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Profile), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn read_user(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<Profile>> {
    Ok(axum::Json(
        service::read_person(&st, &me, id, &ctx.client_ip).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct RoleIn {
    role: String,
}

/// Change a person's role (administrators). Audited.
#[utoipa::path(put, path = "/api/v1/admin/users/{id}/role", tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = RoleIn,
    responses((status = 204), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn change_role(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<RoleIn>,
) -> AppResult<StatusCode> {
    me.require(&[Role::Administrator])?;
    let role = Role::parse(&body.role).map_err(|_| AppError::field("role", "choose_option"))?;
    service::set_role(&st, Actor::User(me.id), id, role, Some(&ctx.client_ip)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
struct AuditEntry {
    at: chrono::DateTime<chrono::Utc>,
    action: String,
    actor_id: Option<Uuid>,
    detail: serde_json::Value,
}

/// The audit trail about a person (support agents, administrators). Audited.
#[utoipa::path(get, path = "/api/v1/admin/users/{id}/audit", tag = "admin", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<AuditEntry>), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn user_audit(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<Vec<AuditEntry>>> {
    let rows = service::person_audit(&st, &me, id, &ctx.client_ip).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|r| AuditEntry {
                at: r.at,
                action: r.action,
                actor_id: r.actor_id,
                detail: serde_json::from_str(&r.detail).unwrap_or(serde_json::Value::Null),
            })
            .collect(),
    ))
}
