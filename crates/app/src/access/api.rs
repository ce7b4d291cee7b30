//! JSON endpoints for registration, sign-in, sign-out, password reset and email verification.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use psk_domain::registration::RegistrationInput;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::registration::{self, Started};
use super::{reset, signin};
use crate::auth::session::{CurrentUser, DeviceInfo, Kind};
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(resend_code))
        .routes(routes!(verify_registration))
        .routes(routes!(create_session))
        .routes(routes!(delete_current_session))
        .routes(routes!(start_reset))
        .routes(routes!(complete_reset))
        .routes(routes!(complete_reset_by_identifier))
        .routes(routes!(verify_email))
}

/// A new session: send the token as `Authorization: Bearer <token>`.
#[derive(Serialize, ToSchema)]
pub struct SessionOut {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user_id: Uuid,
    pub role: String,
    pub language: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeIn {
    /// The six digits from the SMS.
    pub code: String,
}

/// Register a worker. Nothing is stored as an account until the mobile number is verified: the
/// answer carries the id to verify the code with.
#[utoipa::path(post, path = "/api/v1/registrations", tag = "accounts", request_body = RegistrationInput,
    responses((status = 202, body = Started), (status = 422, body = ProblemDoc, description = "A field is invalid"), (status = 429, body = ProblemDoc, description = "Too many codes sent")))]
async fn register(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(input): ApiJson<RegistrationInput>,
) -> AppResult<(StatusCode, axum::Json<Started>)> {
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(registration::start(&st, &input, &ctx.client_ip).await?),
    ))
}

/// Send a new code for a pending registration.
#[utoipa::path(post, path = "/api/v1/registrations/{id}/resend", tag = "accounts", params(("id" = Uuid, Path)),
    responses((status = 202, body = Started), (status = 410, body = ProblemDoc), (status = 429, body = ProblemDoc)))]
async fn resend_code(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<Uuid>,
) -> AppResult<(StatusCode, axum::Json<Started>)> {
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(registration::resend(&st, id, &ctx.client_ip).await?),
    ))
}

/// Verify the code: the account is created and signed in. Send `X-Device-Id`, `X-Device-Model`,
/// `X-Device-OS` and `X-App-Version` to have the device recorded.
#[utoipa::path(post, path = "/api/v1/registrations/{id}/verify", tag = "accounts", params(("id" = Uuid, Path)), request_body = CodeIn,
    responses((status = 201, body = SessionOut), (status = 422, body = ProblemDoc, description = "Wrong code (tries_left says how many remain) or the CNIC/passport was registered meanwhile"), (status = 410, body = ProblemDoc, description = "Code expired, used up, or registration expired")))]
async fn verify_registration(
    State(st): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<CodeIn>,
) -> AppResult<(StatusCode, axum::Json<SessionOut>)> {
    let device = DeviceInfo::from_request(&ctx, &headers);
    let v = registration::verify(&st, id, &body.code, &device, Kind::Api, &ctx.client_ip).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(SessionOut {
            token: v.session.token,
            expires_at: v.session.expires_at,
            user_id: v.user_id,
            role: "trainee".into(),
            language: v.language.code().into(),
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignInIn {
    /// CNIC (`12345-1234567-1`) or mobile number.
    pub identifier: String,
    pub password: String,
}

/// Sign in. Unknown accounts and wrong passwords get the same answer; repeated failures slow
/// down and then lock the identifier and the client address for a while.
#[utoipa::path(post, path = "/api/v1/sessions", tag = "accounts", request_body = SignInIn,
    responses((status = 201, body = SessionOut), (status = 401, body = ProblemDoc), (status = 429, body = ProblemDoc, description = "Locked after repeated failures")))]
async fn create_session(
    State(st): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    ApiJson(body): ApiJson<SignInIn>,
) -> AppResult<(StatusCode, axum::Json<SessionOut>)> {
    let device = DeviceInfo::from_request(&ctx, &headers);
    let (user, s) = signin::sign_in(
        &st,
        &body.identifier,
        &body.password,
        &device,
        Kind::Api,
        &ctx.client_ip,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(SessionOut {
            token: s.token,
            expires_at: s.expires_at,
            user_id: user.id,
            role: user.role,
            language: user.language,
        }),
    ))
}

/// Sign out (revokes the token).
#[utoipa::path(delete, path = "/api/v1/sessions/current", tag = "accounts", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ProblemDoc)))]
async fn delete_current_session(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
) -> AppResult<StatusCode> {
    signin::sign_out(&st, &me, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetIn {
    /// CNIC, or the mobile number when it serves one account only.
    pub identifier: String,
}

#[derive(Serialize, ToSchema)]
pub struct ResetOut {
    pub reset_id: Uuid,
}

/// Ask for a password-reset code by SMS. The answer is the same whether or not the account exists.
#[utoipa::path(post, path = "/api/v1/password-resets", tag = "accounts", request_body = ResetIn,
    responses((status = 202, body = ResetOut), (status = 429, body = ProblemDoc)))]
async fn start_reset(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<ResetIn>,
) -> AppResult<(StatusCode, axum::Json<ResetOut>)> {
    let id = reset::start(&st, &body.identifier, &ctx.client_ip).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(ResetOut { reset_id: id })))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetCompleteIn {
    pub code: String,
    pub password: String,
}

/// Set a new password with the code; every session of the account is signed out.
#[utoipa::path(post, path = "/api/v1/password-resets/{id}/complete", tag = "accounts", params(("id" = Uuid, Path)), request_body = ResetCompleteIn,
    responses((status = 204), (status = 422, body = ProblemDoc), (status = 410, body = ProblemDoc)))]
async fn complete_reset(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ResetCompleteIn>,
) -> AppResult<StatusCode> {
    reset::complete(&st, id, &body.code, &body.password, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetByIdentifierIn {
    /// CNIC, or the mobile number when it serves one account only.
    pub identifier: String,
    pub code: String,
    pub password: String,
}

/// Set a new password with the newest reset code of the account (a reset OEC support started,
/// or one whose id was lost); every session of the account is signed out.
#[utoipa::path(post, path = "/api/v1/password-resets/complete", tag = "accounts", request_body = ResetByIdentifierIn,
    responses((status = 204), (status = 422, body = ProblemDoc), (status = 410, body = ProblemDoc)))]
async fn complete_reset_by_identifier(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<ResetByIdentifierIn>,
) -> AppResult<StatusCode> {
    reset::complete_with_identifier(
        &st,
        &body.identifier,
        &body.code,
        &body.password,
        &ctx.client_ip,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailTokenIn {
    /// The token from the link in the email.
    pub token: String,
}

/// Confirm an email address with the token from the verification link.
#[utoipa::path(post, path = "/api/v1/email-verifications", tag = "accounts", request_body = EmailTokenIn,
    responses((status = 204), (status = 410, body = ProblemDoc)))]
async fn verify_email(
    State(st): State<AppState>,
    ApiJson(body): ApiJson<EmailTokenIn>,
) -> AppResult<StatusCode> {
    registration::confirm_email(&st, &body.token).await?;
    Ok(StatusCode::NO_CONTENT)
}
