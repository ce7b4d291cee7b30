//! Identity over time through the JSON API: the renewed passport (multipart, with the photo of
//! its data page), the mobile change by code, and a support agent's mobile change.

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::evidence::read_form;
use super::mobile::{self, Started, SupportChange};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes(st: &AppState) -> OpenApiRouter<AppState> {
    let uploads = OpenApiRouter::new()
        .routes(routes!(renew_passport))
        .routes(routes!(support_mobile_change))
        .layer(super::upload_limit(st));
    OpenApiRouter::new()
        .routes(routes!(start_mobile_change))
        .routes(routes!(confirm_mobile_change))
        .merge(uploads)
}

/// The multipart body of a passport renewal.
#[allow(dead_code)]
#[derive(ToSchema)]
struct PassportRenewal {
    /// Two letters and seven digits.
    passport_number: String,
    /// `YYYY-MM-DD`, in the future.
    passport_expiry: String,
    /// A photo (JPEG, PNG, WebP) or PDF of the new passport's data page.
    #[schema(format = Binary, value_type = String)]
    photo: Vec<u8>,
}

/// Record my renewed passport with a photo of its data page. The old one is kept in the history;
/// the protector's look-up finds me by either, saying when the old one was replaced.
#[utoipa::path(post, path = "/api/v1/me/passport", tag = "me", security(("bearer" = [])),
    request_body(content = PassportRenewal, content_type = "multipart/form-data"),
    responses((status = 204), (status = 413, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn renew_passport(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: Multipart,
) -> AppResult<StatusCode> {
    let form = read_form(&st, &ctx, form, "photo", false).await?;
    super::passport::renew(
        &st,
        &me,
        form.text("passport_number"),
        form.text("passport_expiry"),
        form.file.as_ref(),
        &ctx.client_ip,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct MobileChangeIn {
    /// The new number, e.g. `0300 1234567`.
    mobile: String,
    /// The password I sign in with.
    password: String,
}

/// Change my mobile number: my password, then a code sent to the new number.
#[utoipa::path(post, path = "/api/v1/me/mobile-changes", tag = "me", security(("bearer" = [])),
    request_body = MobileChangeIn,
    responses((status = 202, body = Started), (status = 422, body = ProblemDoc), (status = 429, body = ProblemDoc)))]
async fn start_mobile_change(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(body): ApiJson<MobileChangeIn>,
) -> AppResult<(StatusCode, axum::Json<Started>)> {
    let s = mobile::start(&st, &me, &body.mobile, &body.password, &ctx.client_ip).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(s)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct CodeIn {
    code: String,
}

/// The code from the SMS to the new number: the number changes, and both numbers are told.
#[utoipa::path(post, path = "/api/v1/me/mobile-changes/{id}/confirm", tag = "me", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = CodeIn,
    responses((status = 204), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn confirm_mobile_change(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<CodeIn>,
) -> AppResult<StatusCode> {
    mobile::confirm(&st, &me, id, &body.code, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The multipart body of a support agent's mobile change.
#[allow(dead_code)]
#[derive(ToSchema)]
struct SupportMobileChange {
    /// The new number.
    mobile: String,
    /// The CNIC on the card the agent checked: it must be the worker's.
    cnic: String,
    /// Why (kept in the audit log), at most 300 characters.
    reason: String,
    /// The document the agent checked (JPEG, PNG, WebP or PDF).
    #[schema(format = Binary, value_type = String)]
    evidence: Vec<u8>,
}

/// Change a worker's mobile for them when the old SIM is lost (support agents and
/// administrators): the CNIC checked, a document, a reason. Audited; both numbers are told.
#[utoipa::path(post, path = "/api/v1/support/users/{id}/mobile", tag = "support", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    request_body(content = SupportMobileChange, content_type = "multipart/form-data"),
    responses((status = 204), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 413, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn support_mobile_change(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    form: Multipart,
) -> AppResult<StatusCode> {
    me.require(&[
        psk_domain::role::Role::SupportAgent,
        psk_domain::role::Role::Administrator,
    ])?;
    let form = read_form(&st, &ctx, form, "evidence", false).await?;
    let change = SupportChange {
        mobile: form.text("mobile"),
        cnic: form.text("cnic"),
        reason: form.text("reason"),
        evidence: form.file.as_ref(),
    };
    mobile::by_support(&st, &me, id, change, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}
