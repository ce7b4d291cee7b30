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

#[derive(Deserialize)]
pub struct DemandQuery {
    #[serde(default)]
    number: String,
}

#[derive(Template)]
#[template(path = "register_demand.html")]
struct DemandPage {
    tr: Tr,
    base: Base,
    number: String,
    /// Asked, and whether OEC approved a demand with that number.
    asked: bool,
    found: Option<super::demands::PublicDemand>,
    errors: FormErrors,
}

/// `GET /registers/demands?number=` and `GET /registers/demands/{number}` (the link printed on
/// an offer): is this job demand real? Counted per address like the other registers.
pub async fn demand_page(
    State(st): State<AppState>,
    ctx: Ctx,
    number: Option<axum::extract::Path<String>>,
    Query(q): Query<DemandQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let number = number.map(|p| p.0).unwrap_or(q.number).trim().to_owned();
    let asked = !number.is_empty();
    let (found, errors, status) = if asked {
        match register::allowed(&st, &ctx.client_ip).await {
            Ok(()) => match register::spent_if_missed(
                &st,
                &ctx.client_ip,
                super::demands::public(&st, &number).await,
            )
            .await
            {
                Ok(d) => (Some(d), FormErrors::default(), axum::http::StatusCode::OK),
                Err(crate::error::AppError::NotFound) => (
                    None,
                    FormErrors::default(),
                    axum::http::StatusCode::NOT_FOUND,
                ),
                Err(e) => return Err(e),
            },
            Err(e) => {
                let (status, errors) = FormErrors::from_error(&tr, e)?;
                (None, errors, status)
            }
        }
    } else {
        (None, FormErrors::default(), axum::http::StatusCode::OK)
    };
    let page = html(&DemandPage {
        tr,
        base: Base::anonymous(&ctx),
        number,
        asked: asked && !errors.any(),
        found,
        errors,
    })?;
    Ok((status, page).into_response())
}
