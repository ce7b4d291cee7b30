//! Agreements through the JSON API (`/api/v1/admin/agreements`) and in the browser
//! (`/admin/agreements`), for OEC administrators.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::agreements::{self, AgreementView, NewAgreement};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::{ApiJson, FormPairs};
use crate::web::page::{Base, FormErrors, html};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, record))
        .routes(routes!(one))
        .routes(routes!(add_demand))
}

/// Every agreement with its demands and how far its quota is met.
#[utoipa::path(get, path = "/api/v1/admin/agreements", tag = "organisations", security(("bearer" = [])),
    responses((status = 200, body = Vec<AgreementView>), (status = 403, body = ProblemDoc)))]
async fn list(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<AgreementView>>> {
    Ok(axum::Json(agreements::list(&st, &me).await?))
}

/// Record an agreement: a partner organisation (`OR-` number) or a country, never both.
#[utoipa::path(post, path = "/api/v1/admin/agreements", tag = "organisations", security(("bearer" = [])),
    request_body = NewAgreement,
    responses((status = 201, body = AgreementView), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn record(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(n): ApiJson<NewAgreement>,
) -> AppResult<(StatusCode, axum::Json<AgreementView>)> {
    let v = agreements::record(&st, &me, &n, &ctx.client_ip).await?;
    Ok((StatusCode::CREATED, axum::Json(v)))
}

/// One agreement.
#[utoipa::path(get, path = "/api/v1/admin/agreements/{id}", tag = "organisations", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses((status = 200, body = AgreementView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn one(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<AgreementView>> {
    Ok(axum::Json(agreements::one(&st, &me, id).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct DemandRef {
    /// The demand's `JD-` number.
    #[serde(default)]
    demand: String,
}

/// Put a demand under the agreement (a partner organisation's agreement takes only its demands).
#[utoipa::path(post, path = "/api/v1/admin/agreements/{id}/demands", tag = "organisations", security(("bearer" = [])),
    params(("id" = Uuid, Path)), request_body = DemandRef,
    responses((status = 200, body = AgreementView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn add_demand(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(d): ApiJson<DemandRef>,
) -> AppResult<axum::Json<AgreementView>> {
    Ok(axum::Json(
        agreements::add_demand(&st, &me, id, &d.demand, &ctx.client_ip).await?,
    ))
}

#[derive(Template)]
#[template(path = "admin_agreements.html")]
struct Page {
    tr: Tr,
    base: Base,
    agreements: Vec<AgreementView>,
    typed: NewAgreement,
    errors: FormErrors,
}

/// `GET /admin/agreements`: every agreement and the form for a new one.
pub async fn page(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    Ok(html(&Page {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        agreements: agreements::list(&st, &me).await?,
        typed: NewAgreement::default(),
        errors: FormErrors::default(),
    })?
    .into_response())
}

/// `POST /admin/agreements`: a new agreement, or (`add_to` and `demand`) a demand put under one.
pub async fn post(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    let get = |k: &str| f.get(k).unwrap_or("").to_owned();
    let typed = NewAgreement {
        title: get("title"),
        partner_organisation: get("partner_organisation"),
        partner_country: get("partner_country"),
        sectors: get("sectors"),
        quota: get("quota"),
        starts_on: get("starts_on"),
        ends_on: get("ends_on"),
    };
    let result = match f.get("add_to").and_then(|s| s.parse::<Uuid>().ok()) {
        Some(id) => agreements::add_demand(&st, &me, id, &get("demand"), &ctx.client_ip).await,
        None => agreements::record(&st, &me, &typed, &ctx.client_ip).await,
    };
    match result {
        Ok(a) => Ok(Redirect::to(&format!("/admin/agreements#{}", a.number)).into_response()),
        Err(e) => {
            let tr = Tr::new(ctx.lang);
            let (status, errors) = FormErrors::from_error(&tr, e)?;
            let page = html(&Page {
                tr,
                base: Base::new(&ctx, Some(&me)),
                agreements: agreements::list(&st, &me).await?,
                typed,
                errors,
            })?;
            Ok((status, page).into_response())
        }
    }
}
