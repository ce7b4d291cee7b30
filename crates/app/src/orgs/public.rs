//! The public registers in the browser (`/registers`) and the API (`/api/v1/registers/…`).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::register::{self, Entry};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::page::{Base, FormErrors, html};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(oeps))
        .routes(routes!(blacklisted))
}

#[derive(Deserialize, IntoParams)]
pub struct Search {
    /// A licence number, or at least three letters of the name.
    #[serde(default)]
    q: String,
}

/// OEPs by licence number or name, with their standing (valid, expired, suspended, blacklisted).
#[utoipa::path(get, path = "/api/v1/registers/oeps", tag = "registers", params(Search),
    responses((status = 200, body = Vec<Entry>), (status = 422, body = ProblemDoc), (status = 429, body = ProblemDoc)))]
async fn oeps(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(s): Query<Search>,
) -> AppResult<axum::Json<Vec<Entry>>> {
    Ok(axum::Json(register::oeps(&st, &s.q, &ctx.client_ip).await?))
}

/// The foreign employers and recruitment agencies OEC has blacklisted.
#[utoipa::path(get, path = "/api/v1/registers/blacklisted-employers", tag = "registers",
    responses((status = 200, body = Vec<Entry>), (status = 429, body = ProblemDoc)))]
async fn blacklisted(State(st): State<AppState>, ctx: Ctx) -> AppResult<axum::Json<Vec<Entry>>> {
    Ok(axum::Json(
        register::blacklisted(&st, &ctx.client_ip).await?,
    ))
}

#[derive(Template)]
#[template(path = "registers.html")]
struct RegisterPage {
    tr: Tr,
    base: Base,
    q: String,
    searched: bool,
    found: Vec<Entry>,
    blacklisted: Vec<Entry>,
    errors: FormErrors,
}

/// `GET /registers?q=`: search the OEPs; the blacklisted employers below.
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(s): Query<Search>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let searched = !s.q.trim().is_empty();
    let (found, errors, status) = if searched {
        match register::oeps(&st, &s.q, &ctx.client_ip).await {
            Ok(f) => (f, FormErrors::default(), axum::http::StatusCode::OK),
            Err(e) => {
                let (status, errors) = FormErrors::from_error(&tr, e)?;
                (vec![], errors, status)
            }
        }
    } else {
        (vec![], FormErrors::default(), axum::http::StatusCode::OK)
    };
    // One page view is one look-up: the search counts it; without a search, the list does.
    let blacklisted = if searched {
        register::blacklist(&st).await?
    } else {
        match register::blacklisted(&st, &ctx.client_ip).await {
            Ok(b) => b,
            Err(crate::error::AppError::RateLimited { .. }) => vec![],
            Err(e) => return Err(e),
        }
    };
    let page = html(&RegisterPage {
        tr,
        base: Base::anonymous(&ctx),
        q: s.q,
        searched,
        found,
        blacklisted,
        errors,
    })?;
    Ok((status, page).into_response())
}
