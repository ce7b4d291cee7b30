//! OEC's side in the browser: the list of organisations (`/admin/organisations`), a record with
//! its documents, users and complaints, and the decision form (administrators; reading audited).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::org::{Decision, OrgStatus};
use serde::Deserialize;
use uuid::Uuid;

use super::view::{self, OrgLine, OrgView};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::WebForm;
use crate::web::page::{Base, FormErrors, html};

#[derive(Template)]
#[template(path = "admin_orgs.html")]
struct ListPage {
    tr: Tr,
    base: Base,
    statuses: Vec<&'static str>,
    status: String,
    orgs: Vec<OrgLine>,
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
}

/// `GET /admin/organisations?status=`.
pub async fn list(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let orgs = view::list(&st, &me, Some(q.status.as_str())).await?;
    Ok(html(&ListPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        statuses: OrgStatus::ALL.iter().map(|s| s.as_str()).collect(),
        status: q.status,
        orgs,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "admin_org.html")]
struct RecordPage {
    tr: Tr,
    base: Base,
    org: OrgView,
    decisions: Vec<&'static str>,
    typed_decision: String,
    typed_reason: String,
    errors: FormErrors,
}

/// `GET /admin/organisations/{id}` (audited).
pub async fn record(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let org = view::for_staff(&st, &me, id, &ctx.client_ip).await?;
    record_page(
        &ctx,
        &me,
        org,
        (String::new(), String::new()),
        FormErrors::default(),
    )
}

fn record_page(
    ctx: &Ctx,
    me: &CurrentUser,
    org: OrgView,
    (typed_decision, typed_reason): (String, String),
    errors: FormErrors,
) -> AppResult<Response> {
    let now = OrgStatus::parse(&org.status).unwrap_or(OrgStatus::Applied);
    Ok(html(&RecordPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        decisions: Decision::ALL
            .iter()
            .filter(|d| now.after(**d).is_ok())
            .map(|d| d.as_str())
            .collect(),
        org,
        typed_decision,
        typed_reason,
        errors,
    })?
    .into_response())
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    oep: String,
}

/// `POST /admin/organisations/{id}`: a decision with its reason.
pub async fn decide(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<DecisionForm>,
) -> AppResult<Response> {
    let result = match ctx.check_csrf(f.csrf.as_deref()) {
        Ok(()) => {
            super::decide::decide(&st, &me, id, &f.decision, &f.reason, &f.oep, &ctx.client_ip)
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/admin/organisations/{id}#history")).into_response()),
        Err(AppError::NotFound) => Err(AppError::NotFound),
        Err(e) => {
            let (status, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            let org = view::for_staff(&st, &me, id, &ctx.client_ip).await?;
            let res = record_page(&ctx, &me, org, (f.decision, f.reason), errors)?;
            Ok((status, res).into_response())
        }
    }
}

/// `GET /admin/organisations/{id}/documents/{doc}` (audited).
pub async fn document(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path((id, doc)): Path<(Uuid, Uuid)>,
) -> AppResult<Response> {
    super::api::document_download(&st, &ctx, &me, id, doc).await
}
