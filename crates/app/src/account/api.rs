//! JSON endpoints for the signed-in person's own account (`/api/v1/me…`). Every id in a path is
//! looked up within the caller's own records: someone else's id answers 404.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use psk_domain::lang::Lang;
use psk_domain::profile::{EducationInput, EmploymentInput, IntendedMoveInput};
use psk_domain::registration::Consents;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::activity::{self, DeviceView, SessionView};
use super::service::{self, ContactInput, Profile};
use crate::access::signin;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(export))
        .routes(routes!(update_contact))
        .routes(routes!(update_language))
        .routes(routes!(update_consents))
        .routes(routes!(add_education))
        .routes(routes!(update_education, delete_education))
        .routes(routes!(add_employment))
        .routes(routes!(update_employment, delete_employment))
        .routes(routes!(put_intended_move))
        .routes(routes!(devices))
        .routes(routes!(sign_out_device))
        .routes(routes!(sessions))
        .routes(routes!(end_session))
        .routes(routes!(access_log))
}

/// My whole profile.
#[utoipa::path(get, path = "/api/v1/me", tag = "me", security(("bearer" = [])), responses((status = 200, body = Profile), (status = 401, body = ProblemDoc)))]
async fn me(State(st): State<AppState>, me: CurrentUser) -> AppResult<axum::Json<Profile>> {
    Ok(axum::Json(service::my_profile(&st, &me).await?))
}

/// Download all my data (the right of access): profile, devices, sessions and the audit trail
/// about me, including every time staff read my record.
#[utoipa::path(get, path = "/api/v1/me/export", tag = "me", security(("bearer" = [])), responses((status = 200, body = activity::DataExport), (status = 401, body = ProblemDoc)))]
async fn export(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
) -> AppResult<axum::Json<activity::DataExport>> {
    Ok(axum::Json(
        activity::export(&st, &me, &ctx.client_ip).await?,
    ))
}

/// Change email (verified again by link), province and district.
#[utoipa::path(put, path = "/api/v1/me/contact", tag = "me", security(("bearer" = [])), request_body = ContactInput,
    responses((status = 204), (status = 422, body = ProblemDoc)))]
async fn update_contact(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(input): ApiJson<ContactInput>,
) -> AppResult<StatusCode> {
    service::update_contact(&st, &me, &input, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct LanguageIn {
    /// `en` or `ur`
    language: String,
}

/// Change the preferred language (of SMS, email and pages).
#[utoipa::path(put, path = "/api/v1/me/language", tag = "me", security(("bearer" = [])), request_body = LanguageIn,
    responses((status = 204), (status = 422, body = ProblemDoc)))]
async fn update_language(
    State(st): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<LanguageIn>,
) -> AppResult<StatusCode> {
    let lang =
        Lang::parse(&body.language).map_err(|_| AppError::field("language", "choose_option"))?;
    service::set_language(&st, &me, lang).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Change consents; withdrawal takes effect at once. Training consent is required.
#[utoipa::path(put, path = "/api/v1/me/consents", tag = "me", security(("bearer" = [])), request_body = Consents,
    responses((status = 204), (status = 422, body = ProblemDoc)))]
async fn update_consents(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(c): ApiJson<Consents>,
) -> AppResult<StatusCode> {
    service::set_consents(
        &st,
        &me,
        &c,
        psk_domain::consent::Channel::Api,
        &ctx.client_ip,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, ToSchema)]
struct Created {
    id: Uuid,
}

/// Add an education entry.
#[utoipa::path(post, path = "/api/v1/me/education", tag = "me", security(("bearer" = [])), request_body = EducationInput,
    responses((status = 201, body = Created), (status = 422, body = ProblemDoc)))]
async fn add_education(
    State(st): State<AppState>,
    me: CurrentUser,
    ApiJson(input): ApiJson<EducationInput>,
) -> AppResult<(StatusCode, axum::Json<Created>)> {
    let id = service::save_education(&st, &me, None, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

/// Change one of my education entries.
#[utoipa::path(put, path = "/api/v1/me/education/{id}", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = EducationInput,
    responses((status = 204), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn update_education(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<EducationInput>,
) -> AppResult<StatusCode> {
    service::save_education(&st, &me, Some(id), &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete one of my education entries.
#[utoipa::path(delete, path = "/api/v1/me/education/{id}", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ProblemDoc)))]
async fn delete_education(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    service::delete_education(&st, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Add a job to my employment history.
#[utoipa::path(post, path = "/api/v1/me/employment", tag = "me", security(("bearer" = [])), request_body = EmploymentInput,
    responses((status = 201, body = Created), (status = 422, body = ProblemDoc)))]
async fn add_employment(
    State(st): State<AppState>,
    me: CurrentUser,
    ApiJson(input): ApiJson<EmploymentInput>,
) -> AppResult<(StatusCode, axum::Json<Created>)> {
    let id = service::save_employment(&st, &me, None, &input).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

/// Change a job in my employment history.
#[utoipa::path(put, path = "/api/v1/me/employment/{id}", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = EmploymentInput,
    responses((status = 204), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn update_employment(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(input): ApiJson<EmploymentInput>,
) -> AppResult<StatusCode> {
    service::save_employment(&st, &me, Some(id), &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Delete a job from my employment history.
#[utoipa::path(delete, path = "/api/v1/me/employment/{id}", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ProblemDoc)))]
async fn delete_employment(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    service::delete_employment(&st, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Set where and as what I intend to go.
#[utoipa::path(put, path = "/api/v1/me/intended-move", tag = "me", security(("bearer" = [])), request_body = IntendedMoveInput,
    responses((status = 204), (status = 422, body = ProblemDoc)))]
async fn put_intended_move(
    State(st): State<AppState>,
    me: CurrentUser,
    ApiJson(input): ApiJson<IntendedMoveInput>,
) -> AppResult<StatusCode> {
    service::save_intended_move(&st, &me, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The devices I signed in from, most recent first.
#[utoipa::path(get, path = "/api/v1/me/devices", tag = "me", security(("bearer" = [])), responses((status = 200, body = Vec<DeviceView>)))]
async fn devices(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<DeviceView>>> {
    Ok(axum::Json(activity::my_devices(&st, &me).await?))
}

/// Sign out every session opened from one of my devices.
#[utoipa::path(delete, path = "/api/v1/me/devices/{id}/sessions", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ProblemDoc)))]
async fn sign_out_device(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    signin::sign_out_device(&st, &me, id, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// My open sessions.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "me", security(("bearer" = [])), responses((status = 200, body = Vec<SessionView>)))]
async fn sessions(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<SessionView>>> {
    Ok(axum::Json(activity::my_sessions(&st, &me).await?))
}

/// End one of my sessions.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, body = ProblemDoc)))]
async fn end_session(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    signin::end_session(&st, &me, id, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who accessed my data: every read or change of my record by someone else, with their role and
/// office (never their name), newest first.
#[utoipa::path(get, path = "/api/v1/me/access-log", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = Vec<super::access_log::AccessEntry>)))]
async fn access_log(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<super::access_log::AccessEntry>>> {
    Ok(axum::Json(super::access_log::entries(&st, &me).await?))
}
