//! The help desk through the JSON API: a worker's tickets (`/api/v1/me/tickets`) and the staff
//! queue (`/api/v1/support/tickets`). New tickets and messages are multipart (a file may come
//! with them).

use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::desk::{self, QueueQuery, StaffReply};
use super::service::{self, NewTicket, TicketView};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::identity::evidence::read_form;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes(st: &AppState) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_mine, open))
        .routes(routes!(mine, reply_mine))
        .routes(routes!(queue))
        .routes(routes!(read, answer))
        .routes(routes!(my_file))
        .routes(routes!(staff_file))
        .routes(routes!(guest_request))
        .routes(routes!(guest_confirm))
        .layer(crate::identity::upload_limit(st))
}

/// The multipart body of a new ticket.
#[allow(dead_code)]
#[derive(ToSchema)]
struct NewTicketForm {
    /// cannot_sign_in, course_or_video, test, certificate, complaint, data_request, other
    category: String,
    /// At most 150 characters.
    subject: String,
    /// At most 4,000 characters.
    message: String,
    /// For a complaint: the employer's or OEP's licence number or OEC number (`OR-…`).
    organisation: Option<String>,
    /// Optional: a photo (JPEG, PNG, WebP) or a PDF.
    #[schema(format = Binary, value_type = Option<String>)]
    file: Option<Vec<u8>>,
}

/// The multipart body of a message on a ticket.
#[allow(dead_code)]
#[derive(ToSchema)]
struct MessageForm {
    message: String,
    #[schema(format = Binary, value_type = Option<String>)]
    file: Option<Vec<u8>>,
}

/// My tickets, newest first.
#[utoipa::path(get, path = "/api/v1/me/tickets", tag = "help", security(("bearer" = [])),
    responses((status = 200, body = Vec<TicketView>), (status = 401, body = ProblemDoc)))]
async fn list_mine(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<TicketView>>> {
    Ok(axum::Json(service::list_mine(&st, &me).await?))
}

/// Open a ticket; its number comes back and by SMS.
#[utoipa::path(post, path = "/api/v1/me/tickets", tag = "help", security(("bearer" = [])),
    request_body(content = NewTicketForm, content_type = "multipart/form-data"),
    responses((status = 201, body = TicketView), (status = 403, body = ProblemDoc), (status = 413, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn open(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: Multipart,
) -> AppResult<(StatusCode, axum::Json<TicketView>)> {
    let form = read_form(&st, &ctx, form, "file", false).await?;
    let input = NewTicket {
        category: form.text("category").into(),
        subject: form.text("subject").into(),
        message: form.text("message").into(),
        organisation: form.text("organisation").into(),
    };
    let t = service::open(&st, &me, &input, form.file.as_ref(), &ctx.client_ip).await?;
    Ok((StatusCode::CREATED, axum::Json(t)))
}

/// One of my tickets with its messages (someone else's is not found).
#[utoipa::path(get, path = "/api/v1/me/tickets/{id}", tag = "help", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TicketView), (status = 404, body = ProblemDoc)))]
async fn mine(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<TicketView>> {
    Ok(axum::Json(service::mine(&st, &me, id).await?))
}

/// Write again on my ticket.
#[utoipa::path(post, path = "/api/v1/me/tickets/{id}", tag = "help", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body(content = MessageForm, content_type = "multipart/form-data"),
    responses((status = 204), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc), (status = 413, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn reply_mine(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    form: Multipart,
) -> AppResult<StatusCode> {
    let form = read_form(&st, &ctx, form, "file", false).await?;
    service::reply_mine(
        &st,
        &me,
        id,
        form.text("message"),
        form.file.as_ref(),
        &ctx.client_ip,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The queue (support agents and administrators), most overdue first.
#[utoipa::path(get, path = "/api/v1/support/tickets", tag = "help", security(("bearer" = [])), params(QueueQuery),
    responses((status = 200, body = Vec<TicketView>), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn queue(
    State(st): State<AppState>,
    me: CurrentUser,
    Query(q): Query<QueueQuery>,
) -> AppResult<axum::Json<Vec<TicketView>>> {
    Ok(axum::Json(desk::queue(&st, &me, &q).await?))
}

/// A ticket with every message and internal note (audited).
#[utoipa::path(get, path = "/api/v1/support/tickets/{id}", tag = "help", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = TicketView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn read(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<TicketView>> {
    Ok(axum::Json(desk::read(&st, &me, id, &ctx.client_ip).await?))
}

/// Answer a ticket: a reply (or a canned reply's key) told to the worker by SMS, or an internal
/// note; a new status; take the ticket.
#[utoipa::path(post, path = "/api/v1/support/tickets/{id}", tag = "help", security(("bearer" = [])), params(("id" = Uuid, Path)),
    request_body = StaffReply,
    responses((status = 204), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn answer(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(r): ApiJson<StaffReply>,
) -> AppResult<StatusCode> {
    desk::answer(&st, &me, id, &r, None, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A file attached to my ticket (sent as a download).
#[utoipa::path(get, path = "/api/v1/me/tickets/{id}/files/{file}", tag = "help", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("file" = Uuid, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 404, body = ProblemDoc)))]
async fn my_file(
    st: State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ids: Path<(Uuid, Uuid)>,
) -> AppResult<axum::response::Response> {
    super::pages::file(st, ctx, me, ids).await
}

/// A file attached to a ticket, for staff (audited; sent as a download).
#[utoipa::path(get, path = "/api/v1/support/tickets/{id}/files/{file}", tag = "help", security(("bearer" = [])),
    params(("id" = Uuid, Path), ("file" = Uuid, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn staff_file(
    st: State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ids: Path<(Uuid, Uuid)>,
) -> AppResult<axum::response::Response> {
    me.require(super::desk::DESK)?;
    super::pages::file(st, ctx, me, ids).await
}

/// Help without signing in: a worker who cannot sign in sends their CNIC, the mobile they have
/// now and the request; a code goes to that mobile (the usual code limits). The answer is the
/// same whether or not the CNIC has an account.
#[utoipa::path(post, path = "/api/v1/help/requests", tag = "help",
    request_body = super::guest::GuestTicket,
    responses((status = 202, body = super::guest::Started), (status = 422, body = ProblemDoc), (status = 429, body = ProblemDoc)))]
async fn guest_request(
    State(st): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<super::guest::GuestTicket>,
) -> AppResult<(StatusCode, axum::Json<super::guest::Started>)> {
    let s = super::guest::start(&st, &body, ctx.lang, &ctx.client_ip).await?;
    Ok((StatusCode::ACCEPTED, axum::Json(s)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct CodeIn {
    code: String,
}

/// Confirms the code: the request becomes a ticket of the account the CNIC names, its number
/// sent by SMS to the account's number and the confirmed one (410 `help_no_account` when no
/// account uses the CNIC: nothing is kept).
#[utoipa::path(post, path = "/api/v1/help/requests/{id}/confirm", tag = "help", params(("id" = Uuid, Path)),
    request_body = CodeIn,
    responses((status = 201, body = super::guest::Opened), (status = 410, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn guest_confirm(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<CodeIn>,
) -> AppResult<(StatusCode, axum::Json<super::guest::Opened>)> {
    let o = super::guest::confirm(&st, id, &body.code, &ctx.client_ip).await?;
    Ok((StatusCode::CREATED, axum::Json(o)))
}
