//! Job demands in the browser, plain forms without JavaScript: an organisation's user posts and
//! corrects them (`/organisation/demands`), OEC reviews them (`/admin/demands`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::demand::{BENEFITS, DemandInput};
use psk_domain::profile::EducationLevel;
use serde::Deserialize;
use uuid::Uuid;

use super::demands::{self, DemandView};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::FormPairs;
use crate::web::lists;
use crate::web::page::{Base, FormErrors, Opt, OptGroup, html};

/// The demand form's choices and what was typed.
pub struct FormParts {
    pub typed: DemandInput,
    pub countries: Vec<OptGroup>,
    pub occupations: Vec<OptGroup>,
    pub currencies: Vec<Opt>,
    pub educations: Vec<Opt>,
    pub benefits: Vec<&'static str>,
}

fn parts(tr: &Tr, typed: DemandInput) -> FormParts {
    let currency = psk_domain::intended_move::CURRENCIES.map(|c| (c, c.to_owned()));
    let levels = EducationLevel::ALL.map(|l| {
        let key = format!("education-{}", l.as_str().replace('_', "-"));
        (l.as_str(), tr.t(&key))
    });
    FormParts {
        countries: lists::country_groups(tr, &typed.country, true),
        occupations: lists::occupation_groups(tr, &typed.occupation, ""),
        currencies: Opt::list(currency, &typed.currency),
        educations: Opt::list(levels, &typed.education),
        benefits: BENEFITS.to_vec(),
        typed,
    }
}

fn from_pairs(f: &FormPairs) -> DemandInput {
    let get = |k: &str| f.get(k).unwrap_or("").to_owned();
    DemandInput {
        country: get("country"),
        city: get("city"),
        occupation: get("occupation"),
        positions: get("positions"),
        salary_min: get("salary_min"),
        salary_max: get("salary_max"),
        currency: get("currency"),
        contract_months: get("contract_months"),
        benefits: f
            .0
            .iter()
            .filter(|(k, _)| k == "benefits")
            .map(|(_, v)| v.clone())
            .collect(),
        experience_years: get("experience_years"),
        education: get("education"),
        languages: get("languages"),
        driving_licence: f.get("driving_licence").is_some(),
        age_min: get("age_min"),
        age_max: get("age_max"),
        closes_on: get("closes_on"),
    }
}

fn typed_from(d: &DemandView) -> DemandInput {
    DemandInput {
        country: d.country.clone(),
        city: d.city.clone(),
        occupation: d.occupation.clone(),
        positions: d.positions.to_string(),
        salary_min: d.salary_min.to_string(),
        salary_max: d.salary_max.to_string(),
        currency: d.currency.clone(),
        contract_months: d.contract_months.to_string(),
        benefits: d.benefits.clone(),
        experience_years: d.experience_years.to_string(),
        education: d.education.clone().unwrap_or_default(),
        languages: d.languages.clone().unwrap_or_default(),
        driving_licence: d.driving_licence,
        age_min: d.age_min.map(|a| a.to_string()).unwrap_or_default(),
        age_max: d.age_max.map(|a| a.to_string()).unwrap_or_default(),
        closes_on: d.closes_on.to_string(),
    }
}

#[derive(Template)]
#[template(path = "org_demands.html")]
struct ListPage {
    tr: Tr,
    base: Base,
    demands: Vec<DemandView>,
    form: FormParts,
    errors: FormErrors,
}

/// `GET /organisation/demands`: my organisation's demands and the form for a new one.
pub async fn list(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    list_page(
        &st,
        &ctx,
        &me,
        DemandInput::default(),
        FormErrors::default(),
    )
    .await
}

async fn list_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    typed: DemandInput,
    errors: FormErrors,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let failed = errors.any();
    let mut res = html(&ListPage {
        demands: demands::list_mine(st, me).await?,
        form: parts(&tr, typed),
        tr,
        base: Base::new(ctx, Some(me)),
        errors,
    })?
    .into_response();
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `POST /organisation/demands`: a new demand.
pub async fn post(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    let typed = from_pairs(&f);
    match demands::post(&st, &me, &typed, &ctx.client_ip).await {
        Ok(d) => Ok(Redirect::to(&format!("/organisation/demands/{}", d.id)).into_response()),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            list_page(&st, &ctx, &me, typed, errors).await
        }
    }
}

#[derive(Template)]
#[template(path = "demand.html")]
struct OnePage {
    tr: Tr,
    base: Base,
    demand: DemandView,
    /// OEC's view (the review form) or the organisation's (the correction form when returned).
    for_oec: bool,
    form: FormParts,
    errors: FormErrors,
}

fn one_page(
    ctx: &Ctx,
    me: &CurrentUser,
    d: DemandView,
    for_oec: bool,
    (typed, errors): (Option<DemandInput>, FormErrors),
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let form = parts(&tr, typed.unwrap_or_else(|| typed_from(&d)));
    let failed = errors.any();
    let mut res = html(&OnePage {
        tr,
        base: Base::new(ctx, Some(me)),
        demand: d,
        for_oec,
        form,
        errors,
    })?
    .into_response();
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /organisation/demands/{id}`.
pub async fn mine(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let d = demands::mine(&st, &me, id).await?;
    one_page(&ctx, &me, d, false, (None, FormErrors::default()))
}

/// `POST /organisation/demands/{id}`: the correction of a returned demand.
pub async fn correct(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    let typed = from_pairs(&f);
    match demands::correct(&st, &me, id, &typed, &ctx.client_ip).await {
        Ok(_) => Ok(Redirect::to(&format!("/organisation/demands/{id}")).into_response()),
        Err(AppError::Fields(fe)) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), AppError::Fields(fe))?;
            let d = demands::mine(&st, &me, id).await?;
            one_page(&ctx, &me, d, false, (Some(typed), errors))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "admin_demands.html")]
struct QueuePage {
    tr: Tr,
    base: Base,
    status: String,
    demands: Vec<DemandView>,
}

#[derive(Deserialize)]
pub struct QueueQuery {
    #[serde(default)]
    status: String,
}

/// `GET /admin/demands?status=`.
pub async fn queue(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<QueueQuery>,
) -> AppResult<Response> {
    let list = demands::queue(&st, &me, Some(q.status.as_str())).await?;
    Ok(html(&QueuePage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        status: q.status,
        demands: list,
    })?
    .into_response())
}

/// `GET /admin/demands/{id}`.
pub async fn read(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let d = demands::for_oec(&st, &me, id).await?;
    one_page(&ctx, &me, d, true, (None, FormErrors::default()))
}

/// `POST /admin/demands/{id}`: approve, or return with a note.
pub async fn review(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    let approve = f.get("decision") == Some("approve");
    let note = f.get("review_note").unwrap_or("");
    match demands::review(&st, &me, id, approve, note, &ctx.client_ip).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/demands/{id}")).into_response()),
        Err(AppError::Fields(fe)) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), AppError::Fields(fe))?;
            let d = demands::for_oec(&st, &me, id).await?;
            one_page(&ctx, &me, d, true, (None, errors))
        }
        Err(e) => Err(e),
    }
}

/// A country's name in the reader's language (the code if unknown).
pub fn country_name(tr: &Tr, code: &str) -> String {
    psk_domain::geo::countries()
        .get(code)
        .map(|e| e.name(tr.lang).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// An ISCO-08 occupation's name in the reader's language (the code if unknown).
pub fn occupation_name(tr: &Tr, code: &str) -> String {
    psk_domain::geo::occupations()
        .get(code)
        .map(|e| e.name(tr.lang).to_owned())
        .unwrap_or_else(|| code.to_owned())
}
