//! The placement pipeline through the JSON API and in the browser (plain forms): the
//! organisation's shortlist and steps, the worker's answers.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::placement::StepInput;
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::pipeline::{self, PlacementView};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::{ApiJson, FormPairs};
use crate::web::page::{Base, FormErrors, Opt, html};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(shortlist))
        .routes(routes!(of_demand))
        .routes(routes!(org_one))
        .routes(routes!(org_step))
        .routes(routes!(mine))
        .routes(routes!(my_one))
        .routes(routes!(my_step))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Shortlist {
    /// A worker's id from the candidate search.
    pub candidate: Uuid,
}

/// Shortlists a worker found in the search for one of my organisation's open demands (201; the
/// same again answers with the placement). A worker no longer certified or consenting: 422
/// `candidate_unknown`; a demand not open: 410 `demand_closed`.
#[utoipa::path(post, path = "/api/v1/organisation/demands/{id}/shortlist", tag = "organisations", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = Shortlist,
    responses((status = 201, body = PlacementView), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn shortlist(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<Shortlist>,
) -> AppResult<(StatusCode, axum::Json<PlacementView>)> {
    let p = pipeline::shortlist(&st, &me, id, b.candidate, &ctx.client_ip).await?;
    Ok((StatusCode::CREATED, axum::Json(p)))
}

/// A demand's shortlist and pipeline (my organisation's demand). A worker who withdrew the
/// consent before accepting an interview is no longer listed.
#[utoipa::path(get, path = "/api/v1/organisation/demands/{id}/placements", tag = "organisations", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<PlacementView>), (status = 404, body = ProblemDoc)))]
async fn of_demand(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<Vec<PlacementView>>> {
    Ok(axum::Json(pipeline::of_demand(&st, &me, id).await?))
}

/// One placement with its timeline; the worker's name and contact once they accepted the
/// interview.
#[utoipa::path(get, path = "/api/v1/organisation/placements/{id}", tag = "organisations", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PlacementView), (status = 404, body = ProblemDoc)))]
async fn org_one(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<PlacementView>> {
    Ok(axum::Json(pipeline::org_one(&st, &me, id).await?))
}

/// The organisation's step: `invite` (`interview_at`, `mode`, `place`), `interviewed`,
/// `not_selected`, `offer` (`salary`, `currency`, `note` the terms), `visa`, `departed`
/// (`departed_on`), `withdraw`. Out of order: 410 `placement_step_order`; the worker's step:
/// 403 `placement_wrong_party`.
#[utoipa::path(post, path = "/api/v1/organisation/placements/{id}/steps", tag = "organisations", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = StepInput,
    responses((status = 200, body = PlacementView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn org_step(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<StepInput>,
) -> AppResult<axum::Json<PlacementView>> {
    Ok(axum::Json(
        pipeline::org_step(&st, &me, id, &b, &ctx.client_ip).await?,
    ))
}

/// My job applications: every placement an organisation started with me, newest first.
#[utoipa::path(get, path = "/api/v1/me/placements", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<PlacementView>)))]
async fn mine(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<PlacementView>>> {
    Ok(axum::Json(pipeline::mine(&st, &me).await?))
}

#[utoipa::path(get, path = "/api/v1/me/placements/{id}", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = PlacementView), (status = 404, body = ProblemDoc)))]
async fn my_one(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<PlacementView>> {
    Ok(axum::Json(pipeline::my_one(&st, &me, id).await?))
}

/// My answer: `accept_invitation`, `decline_invitation`, `accept_offer`, `decline_offer`. A
/// second accepted offer while one is held: 403 `placement_offer_held`.
#[utoipa::path(post, path = "/api/v1/me/placements/{id}/steps", tag = "me", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = StepInput,
    responses((status = 200, body = PlacementView), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc), (status = 410, body = ProblemDoc)))]
async fn my_step(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(b): ApiJson<StepInput>,
) -> AppResult<axum::Json<PlacementView>> {
    Ok(axum::Json(
        pipeline::worker_step(&st, &me, id, &b, &ctx.client_ip).await?,
    ))
}

fn step_input(f: &FormPairs) -> StepInput {
    let get = |k: &str| f.get(k).unwrap_or("").to_owned();
    StepInput {
        step: get("step"),
        interview_at: get("interview_at"),
        mode: get("mode"),
        place: get("place"),
        salary: get("salary"),
        currency: get("currency"),
        note: get("note"),
        departed_on: get("departed_on"),
    }
}

#[derive(Template)]
#[template(path = "placement.html")]
struct OnePage {
    tr: Tr,
    base: Base,
    p: PlacementView,
    for_org: bool,
    /// Where the step forms post.
    action: String,
    typed: StepInput,
    /// The service charge or the amount paid, as typed (issue 14, item 10).
    typed_amount: String,
    currencies: Vec<Opt>,
    errors: FormErrors,
}

pub(super) fn one_page(
    ctx: &Ctx,
    me: &CurrentUser,
    p: PlacementView,
    for_org: bool,
    (typed, typed_amount): (StepInput, String),
    errors: FormErrors,
) -> AppResult<Response> {
    let failed = errors.any();
    let currencies = Opt::list(
        psk_domain::intended_move::CURRENCIES.map(|c| (c, c.to_owned())),
        &typed.currency,
    );
    let action = if for_org {
        format!("/organisation/placements/{}", p.id)
    } else {
        format!("/placements/{}", p.id)
    };
    let mut res = html(&OnePage {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        p,
        for_org,
        action,
        typed,
        typed_amount,
        currencies,
        errors,
    })?
    .into_response();
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /organisation/placements/{id}` and `GET /placements/{id}`.
pub async fn org_page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let p = pipeline::org_one(&st, &me, id).await?;
    one_page(
        &ctx,
        &me,
        p,
        true,
        Default::default(),
        FormErrors::default(),
    )
}

pub async fn my_page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let p = pipeline::my_one(&st, &me, id).await?;
    one_page(
        &ctx,
        &me,
        p,
        false,
        Default::default(),
        FormErrors::default(),
    )
}

/// `POST /organisation/placements/{id}` and `POST /placements/{id}`: a step.
pub async fn org_post(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    let typed = step_input(&f);
    match pipeline::org_step(&st, &me, id, &typed, &ctx.client_ip).await {
        Ok(_) => Ok(Redirect::to(&format!("/organisation/placements/{id}")).into_response()),
        Err(e) => {
            let errors = FormErrors::from_error(&Tr::new(ctx.lang), e)?.1;
            let p = pipeline::org_one(&st, &me, id).await?;
            one_page(&ctx, &me, p, true, (typed, String::new()), errors)
        }
    }
}

pub async fn my_post(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    let typed = step_input(&f);
    match pipeline::worker_step(&st, &me, id, &typed, &ctx.client_ip).await {
        Ok(_) => Ok(Redirect::to(&format!("/placements/{id}")).into_response()),
        Err(e) => {
            let errors = FormErrors::from_error(&Tr::new(ctx.lang), e)?.1;
            let p = pipeline::my_one(&st, &me, id).await?;
            one_page(&ctx, &me, p, false, (typed, String::new()), errors)
        }
    }
}

#[derive(Template)]
#[template(path = "placements.html")]
struct ListPage {
    tr: Tr,
    base: Base,
    list: Vec<PlacementView>,
    for_org: bool,
}

/// `GET /placements`: my job applications (`/p`, the SMS's short link, leads here).
pub async fn my_list(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    let list = pipeline::mine(&st, &me).await?;
    Ok(html(&ListPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        list,
        for_org: false,
    })?
    .into_response())
}

/// `GET /organisation/demands/{id}/placements`: a demand's shortlist.
pub async fn demand_list(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let list = pipeline::of_demand(&st, &me, id).await?;
    Ok(html(&ListPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        list,
        for_org: true,
    })?
    .into_response())
}

/// `POST /organisation/candidates/{id}`: shortlist the worker for one of my demands.
pub async fn shortlist_form(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(candidate): Path<Uuid>,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    let demand = f
        .get("demand")
        .and_then(|d| d.parse::<Uuid>().ok())
        .ok_or(crate::error::AppError::field("demand", "choose_option"))?;
    let p = pipeline::shortlist(&st, &me, demand, candidate, &ctx.client_ip).await?;
    Ok(Redirect::to(&format!("/organisation/placements/{}", p.id)).into_response())
}

/// A status, step or party in the reader's language (`placement-status-offer-accepted`, …).
pub fn label(tr: &Tr, prefix: &str, value: &str) -> String {
    tr.t(&format!("{prefix}-{}", value.replace('_', "-")))
}
