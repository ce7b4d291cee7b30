//! The help desk in the browser: the worker's `/help` (their tickets, a new one) and
//! `/help/tickets/{id}` (the thread, a reply); the staff queue `/support/tickets` and a ticket
//! `/support/tickets/{id}`. Plain forms with file uploads: no JavaScript needed.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::ticket::{Category, Status};
use serde::Deserialize;
use uuid::Uuid;

use super::desk::{self, DESK, QueueQuery, StaffReply};
use super::replies::{self, Reply};
use super::service::{self, NewTicket, TicketView};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::identity::evidence::read_form;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::page::{Base, FormErrors, html};

/// A status's or category's name in the page's language.
fn label(tr: &Tr, what: &str, value: &str) -> String {
    tr.t(&format!("ticket-{what}-{}", value.replace('_', "-")))
}

fn with_status(mut res: Response, errors: &FormErrors) -> Response {
    if errors.general.is_some() {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    res
}

#[derive(Template)]
#[template(path = "help.html")]
struct HelpPage {
    tr: Tr,
    base: Base,
    tickets: Vec<TicketView>,
    categories: Vec<&'static str>,
    typed: NewTicket,
    errors: FormErrors,
    max_mb: u64,
}

async fn help_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    typed: NewTicket,
    errors: FormErrors,
) -> AppResult<Response> {
    let res = html(&HelpPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        tickets: service::list_mine(st, me).await?,
        categories: Category::ALL.iter().map(|c| c.as_str()).collect(),
        typed,
        errors: errors.clone(),
        max_mb: st.config.identity.evidence_max_mb,
    })?
    .into_response();
    Ok(with_status(res, &errors))
}

/// `GET /help`.
pub async fn help(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    help_page(&st, &ctx, &me, NewTicket::default(), FormErrors::default()).await
}

/// `POST /help` (multipart): a new ticket.
pub async fn open(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: Multipart,
) -> AppResult<Response> {
    let form = read_form(&st, &ctx, form, "file", true).await?;
    let typed = NewTicket {
        category: form.text("category").into(),
        subject: form.text("subject").into(),
        message: form.text("message").into(),
        organisation: form.text("organisation").into(),
    };
    match service::open(&st, &me, &typed, form.file.as_ref(), &ctx.client_ip).await {
        Ok(t) => Ok(Redirect::to(&format!("/help/tickets/{}?opened=1", t.id)).into_response()),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            help_page(&st, &ctx, &me, typed, errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "help_ticket.html")]
struct TicketPage {
    tr: Tr,
    base: Base,
    ticket: TicketView,
    status_label: String,
    opened: bool,
    errors: FormErrors,
    message: String,
    can_reply: bool,
}

#[derive(Deserialize, Default)]
pub struct Opened {
    #[serde(default)]
    opened: String,
}

async fn ticket_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    id: Uuid,
    (opened, message, errors): (bool, String, FormErrors),
) -> AppResult<Response> {
    let t = service::mine(st, me, id).await?;
    let can_reply = Status::parse(&t.status).is_ok_and(|s| s.accepts_messages());
    let res = html(&TicketPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        status_label: label(&Tr::new(ctx.lang), "status", &t.status),
        ticket: t,
        opened,
        errors: errors.clone(),
        message,
        can_reply,
    })?
    .into_response();
    Ok(with_status(res, &errors))
}

/// `GET /help/tickets/{id}`.
pub async fn ticket(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<Opened>,
) -> AppResult<Response> {
    ticket_page(
        &st,
        &ctx,
        &me,
        id,
        (!q.opened.is_empty(), String::new(), FormErrors::default()),
    )
    .await
}

/// `POST /help/tickets/{id}` (multipart): the worker writes again.
pub async fn reply(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    form: Multipart,
) -> AppResult<Response> {
    let form = read_form(&st, &ctx, form, "file", true).await?;
    let message = form.text("message").to_owned();
    match service::reply_mine(&st, &me, id, &message, form.file.as_ref(), &ctx.client_ip).await {
        Ok(()) => Ok(Redirect::to(&format!("/help/tickets/{id}#last")).into_response()),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            ticket_page(&st, &ctx, &me, id, (false, message, errors)).await
        }
    }
}

/// A file on a ticket, for its worker or for staff: sent as a download, never shown inline.
pub async fn file(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path((ticket, file)): Path<(Uuid, Uuid)>,
) -> AppResult<Response> {
    let (content_type, bytes) = desk::file(&st, &me, ticket, file, &ctx.client_ip).await?;
    Ok(crate::identity::evidence::download(content_type, bytes))
}

#[derive(Template)]
#[template(path = "desk_queue.html")]
struct QueuePage {
    tr: Tr,
    base: Base,
    q: QueueQuery,
    tickets: Vec<TicketView>,
    categories: Vec<&'static str>,
    statuses: Vec<&'static str>,
    now: chrono::DateTime<chrono::Utc>,
}

/// `GET /support/tickets`: the queue with its filters.
pub async fn queue(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<QueueQuery>,
) -> AppResult<Response> {
    me.require(DESK)?;
    let tickets = desk::queue(&st, &me, &q).await?;
    Ok(html(&QueuePage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        q,
        tickets,
        categories: Category::ALL.iter().map(|c| c.as_str()).collect(),
        statuses: Status::ALL.iter().map(|s| s.as_str()).collect(),
        now: st.clock.now(),
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "desk_ticket.html")]
struct DeskTicketPage {
    tr: Tr,
    base: Base,
    ticket: TicketView,
    status_label: String,
    category_label: String,
    replies: &'static [Reply],
    statuses: Vec<&'static str>,
    errors: FormErrors,
    message: String,
}

async fn desk_ticket_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    id: Uuid,
    (message, errors): (String, FormErrors),
) -> AppResult<Response> {
    let t = desk::read(st, me, id, &ctx.client_ip).await?;
    let res = html(&DeskTicketPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        status_label: label(&Tr::new(ctx.lang), "status", &t.status),
        category_label: label(&Tr::new(ctx.lang), "category", &t.category),
        ticket: t,
        replies: replies::all(),
        statuses: Status::ALL.iter().map(|s| s.as_str()).collect(),
        errors: errors.clone(),
        message,
    })?
    .into_response();
    Ok(with_status(res, &errors))
}

/// `GET /support/tickets/{id}`.
pub async fn desk_ticket(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    me.require(DESK)?;
    desk_ticket_page(&st, &ctx, &me, id, (String::new(), FormErrors::default())).await
}

/// `POST /support/tickets/{id}` (multipart): a reply, a note, a status, taking the ticket.
pub async fn answer(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    form: Multipart,
) -> AppResult<Response> {
    me.require(DESK)?;
    let form = read_form(&st, &ctx, form, "file", true).await?;
    let r = StaffReply {
        message: form.text("message").into(),
        canned: form.text("canned").into(),
        internal: form.text("internal") == "on",
        status: form.text("status").into(),
        assign_to_me: form.text("assign_to_me") == "on",
    };
    match desk::answer(&st, &me, id, &r, form.file.as_ref(), &ctx.client_ip).await {
        Ok(()) => Ok(Redirect::to(&format!("/support/tickets/{id}#last")).into_response()),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            desk_ticket_page(&st, &ctx, &me, id, (r.message, errors)).await
        }
    }
}
