//! Requests about my data through the JSON API.

use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use psk_domain::consent::Channel;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::requests::{self, NewRequest, RequestView};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::identity::evidence::read_form;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes(st: &AppState) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_mine, file))
        .routes(routes!(mine))
        .routes(routes!(open_requests))
        .routes(routes!(read))
        .routes(routes!(decide))
        .layer(crate::identity::upload_limit(st))
}

/// The multipart body of a request.
#[allow(dead_code)]
#[derive(ToSchema)]
struct RequestForm {
    /// access, correction, deletion, withdraw_consents
    kind: String,
    /// A correction's field: full_name, full_name_ur, guardian_name, date_of_birth, cnic.
    field: Option<String>,
    /// A correction's right value.
    value: Option<String>,
    /// A correction's evidence: a photo (JPEG, PNG, WebP) or a PDF.
    #[schema(format = Binary, value_type = Option<String>)]
    evidence: Option<Vec<u8>>,
}

/// My requests about my data, newest first, each with its history.
#[utoipa::path(get, path = "/api/v1/me/data-requests", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<RequestView>), (status = 401, body = ProblemDoc)))]
async fn list_mine(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<RequestView>>> {
    Ok(axum::Json(requests::list_mine(&st, &me).await?))
}

/// File a request: access and withdrawal of every consent are done at once; a correction (with
/// its evidence) and a deletion go to OEC with a deadline.
#[utoipa::path(post, path = "/api/v1/me/data-requests", tag = "me", security(("bearer" = [])),
    request_body(content = RequestForm, content_type = "multipart/form-data"),
    responses((status = 201, body = RequestView), (status = 403, body = ProblemDoc), (status = 413, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn file(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: Multipart,
) -> AppResult<(StatusCode, axum::Json<RequestView>)> {
    let form = read_form(&st, &ctx, form, "evidence", false).await?;
    let input = NewRequest {
        kind: form.text("kind").into(),
        field: form.text("field").into(),
        value: form.text("value").into(),
    };
    let r = requests::file(
        &st,
        &me,
        &input,
        form.file.as_ref(),
        Channel::Api,
        &ctx.client_ip,
    )
    .await?;
    Ok((StatusCode::CREATED, axum::Json(r)))
}

/// One of my requests with its history.
#[utoipa::path(get, path = "/api/v1/me/data-requests/{id}", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = RequestView), (status = 404, body = ProblemDoc)))]
async fn mine(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<RequestView>> {
    Ok(axum::Json(requests::mine(&st, &me, id).await?))
}

/// Requests to handle (support agents and administrators), nearest deadline first.
#[utoipa::path(get, path = "/api/v1/support/data-requests", tag = "support", security(("bearer" = [])),
    responses((status = 200, body = Vec<RequestView>), (status = 403, body = ProblemDoc)))]
async fn open_requests(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<RequestView>>> {
    Ok(axum::Json(requests::open_requests(&st, &me).await?))
}

/// One request with the value asked for and its evidence's id (audited).
#[utoipa::path(get, path = "/api/v1/support/data-requests/{id}", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = RequestView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn read(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<RequestView>> {
    Ok(axum::Json(
        requests::read(&st, &me, id, &ctx.client_ip).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct Decision {
    /// true: apply the correction; false: refuse it (a note is then required).
    approve: bool,
    #[serde(default)]
    note: String,
}

/// An administrator's decision: a correction applied (a corrected name reissues a valid
/// certificate) or a request refused with a reason. The worker is told by SMS.
#[utoipa::path(post, path = "/api/v1/support/data-requests/{id}/decision", tag = "support", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = Decision,
    responses((status = 204), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn decide(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(d): ApiJson<Decision>,
) -> AppResult<StatusCode> {
    super::decisions::decide(&st, &me, id, d.approve, &d.note, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}
