//! Requests about my data in the browser: the worker's `/my-data/requests` (their requests with
//! each step, and the form) and the staff's `/support/data-requests` (to handle, nearest deadline
//! first) and `/support/data-requests/{id}` (the value asked for, the evidence, the decision).

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::consent::Channel;
use serde::Deserialize;
use uuid::Uuid;

use super::requests::{self, FIELDS, HANDLERS, KINDS, NewRequest, RequestView};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::identity::evidence::read_form;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::WebForm;
use crate::web::page::{Base, FormErrors, html};

#[derive(Template)]
#[template(path = "data_requests.html")]
struct MinePage {
    tr: Tr,
    base: Base,
    requests: Vec<RequestView>,
    kinds: [&'static str; 4],
    fields: [&'static str; 5],
    typed: NewRequest,
    errors: FormErrors,
    max_mb: u64,
}

async fn mine_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    typed: NewRequest,
    errors: FormErrors,
) -> AppResult<Response> {
    let failed = errors.general.is_some();
    let mut res = html(&MinePage {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        requests: requests::list_mine(st, me).await?,
        kinds: KINDS,
        fields: FIELDS,
        typed,
        errors,
        max_mb: st.config.identity.evidence_max_mb,
    })?
    .into_response();
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /my-data/requests`.
pub async fn mine(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    mine_page(&st, &ctx, &me, NewRequest::default(), FormErrors::default()).await
}

/// `POST /my-data/requests` (multipart: a correction carries its evidence).
pub async fn file(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: Multipart,
) -> AppResult<Response> {
    let form = read_form(&st, &ctx, form, "evidence", true).await?;
    let typed = NewRequest {
        kind: form.text("kind").into(),
        field: form.text("field").into(),
        value: form.text("value").into(),
    };
    match requests::file(
        &st,
        &me,
        &typed,
        form.file.as_ref(),
        Channel::Web,
        &ctx.client_ip,
    )
    .await
    {
        Ok(r) => Ok(Redirect::to(&format!("/my-data/requests#r-{}", r.id)).into_response()),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            mine_page(&st, &ctx, &me, typed, errors).await
        }
    }
}

fn url_encoded(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|q| q.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "desk_requests.html")]
struct QueuePage {
    tr: Tr,
    base: Base,
    requests: Vec<RequestView>,
}

/// `GET /support/data-requests`.
pub async fn queue(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    me.require(HANDLERS)?;
    Ok(html(&QueuePage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        requests: requests::open_requests(&st, &me).await?,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "desk_request.html")]
struct RequestPage {
    tr: Tr,
    base: Base,
    r: RequestView,
    kind_label: String,
    status_label: String,
    /// `reason=…` for the link to the worker's journey.
    lookup: String,
    can_decide: bool,
    errors: FormErrors,
}

async fn request_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    id: Uuid,
    errors: FormErrors,
) -> AppResult<Response> {
    let failed = errors.general.is_some();
    let r = requests::read(st, me, id, &ctx.client_ip).await?;
    let tr = Tr::new(ctx.lang);
    let kind_label = tr.t(&format!("request-kind-{}", r.kind.replace('_', "-")));
    let status_label = tr.t(&format!("request-status-{}", r.status.replace('_', "-")));
    let lookup: String = url_encoded(&format!("data request {}", r.number));
    let mut res = html(&RequestPage {
        kind_label,
        status_label,
        lookup,
        tr,
        base: Base::new(ctx, Some(me)),
        can_decide: requests::DECIDERS.contains(&me.role)
            && matches!(r.status.as_str(), "received" | "in_progress"),
        r,
        errors,
    })?
    .into_response();
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /support/data-requests/{id}`.
pub async fn request(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    me.require(HANDLERS)?;
    request_page(&st, &ctx, &me, id, FormErrors::default()).await
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    note: String,
}

/// `POST /support/data-requests/{id}`: approve or refuse.
pub async fn decide(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<DecisionForm>,
) -> AppResult<Response> {
    me.require(HANDLERS)?;
    ctx.check_csrf(f.csrf.as_deref())?;
    match super::decisions::decide(
        &st,
        &me,
        id,
        f.decision == "approve",
        &f.note,
        &ctx.client_ip,
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/support/data-requests/{id}")).into_response()),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            request_page(&st, &ctx, &me, id, errors).await
        }
    }
}

/// `GET /support/data-requests/{id}/evidence`: the evidence file, as a download (audited by the
/// request's read).
pub async fn evidence(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    me.require(HANDLERS)?;
    let r = requests::read(&st, &me, id, &ctx.client_ip).await?;
    let (Some(file), Some(user)) = (r.evidence, r.user_id) else {
        return Err(crate::error::AppError::NotFound);
    };
    let (row, bytes) = crate::identity::evidence::open(&st, user, file).await?;
    Ok(crate::identity::evidence::download(row.content_type, bytes))
}
