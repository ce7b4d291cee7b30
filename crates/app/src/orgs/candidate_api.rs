//! Candidate search through the JSON API and in the browser (plain GET forms): an
//! organisation's search and profile view, the worker's skills and "who viewed my profile", and
//! the public page with the ranking rule.

use askama::Template;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::candidate::{SearchInput, SkillsInput};
use psk_domain::geo;
use psk_domain::profile::EducationLevel;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::candidates::{self, CandidateProfile, MySkills, ProfileView, Results};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::{ApiJson, FormPairs};
use crate::web::lists;
use crate::web::page::{Base, FormErrors, Opt, OptGroup, html};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(search))
        .routes(routes!(profile))
        .routes(routes!(views))
        .routes(routes!(skills, save_skills))
}

/// Certified workers who agreed to be found, best first under the rule on `/placement/ranking`
/// (an approved organisation's user; at least one criterion, else 422 `search_needs_criterion`).
#[utoipa::path(get, path = "/api/v1/organisation/candidates", tag = "organisations", security(("bearer" = [])), params(SearchInput),
    responses((status = 200, body = Results), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn search(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<SearchInput>,
) -> AppResult<axum::Json<Results>> {
    Ok(axum::Json(
        candidates::search(&st, &me, &q, &ctx.client_ip).await?,
    ))
}

/// One worker's profile, without name or contact details; recorded and shown to the worker;
/// 403 `profile_views_used_up` past `placement.profile_views_per_day` different profiles a day.
#[utoipa::path(get, path = "/api/v1/organisation/candidates/{id}", tag = "organisations", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 200, body = CandidateProfile), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn profile(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<axum::Json<CandidateProfile>> {
    Ok(axum::Json(
        candidates::open(&st, &me, id, &ctx.client_ip).await?,
    ))
}

/// Who viewed my profile: each opening by an organisation, newest first.
#[utoipa::path(get, path = "/api/v1/me/profile-views", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = Vec<ProfileView>)))]
async fn views(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<ProfileView>>> {
    Ok(axum::Json(candidates::viewed_mine(&st, &me).await?))
}

/// My skills, languages and driving licence, as employers searching see them.
#[utoipa::path(get, path = "/api/v1/me/skills", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = MySkills)))]
async fn skills(State(st): State<AppState>, me: CurrentUser) -> AppResult<axum::Json<MySkills>> {
    Ok(axum::Json(candidates::my_skills(&st, &me).await?))
}

/// Saves my skills (up to 500 characters), languages (codes from
/// `/api/v1/reference/languages`) and whether I hold a driving licence.
#[utoipa::path(put, path = "/api/v1/me/skills", tag = "me", security(("bearer" = [])), request_body = SkillsInput,
    responses((status = 204), (status = 422, body = ProblemDoc)))]
async fn save_skills(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(body): ApiJson<SkillsInput>,
) -> AppResult<StatusCode> {
    candidates::save_skills(&st, &me, &body, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The search form's choices and what was typed.
pub struct SearchForm {
    pub typed: SearchInput,
    pub occupations: Vec<OptGroup>,
    pub countries: Vec<OptGroup>,
    pub districts: Vec<OptGroup>,
    pub educations: Vec<Opt>,
    pub languages: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "candidates.html")]
struct SearchPage {
    tr: Tr,
    base: Base,
    form: SearchForm,
    errors: FormErrors,
    results: Option<Results>,
    /// The query string without `page`, for the page links.
    again: String,
}

fn language_options(tr: &Tr, current: &str) -> Vec<Opt> {
    Opt::list(
        geo::languages()
            .all()
            .iter()
            .map(|l| (l.code, l.name(tr.lang).to_owned())),
        current,
    )
}

/// `GET /organisation/candidates`: the search form, and the results once something is asked.
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<SearchInput>,
    RawQuery(raw): RawQuery,
) -> AppResult<Response> {
    candidates::my_org(&me)?;
    let tr = Tr::new(ctx.lang);
    let asked = raw.as_deref().is_some_and(|r| !r.is_empty());
    let (results, errors) = if asked {
        match candidates::search(&st, &me, &q, &ctx.client_ip).await {
            Ok(r) => (Some(r), FormErrors::default()),
            Err(e) => (None, FormErrors::from_error(&tr, e)?.1),
        }
    } else {
        (None, FormErrors::default())
    };
    let again = raw
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.starts_with("page=") && !p.is_empty())
        .collect::<Vec<_>>()
        .join("&");
    let levels = EducationLevel::ALL.map(|l| {
        let key = format!("education-{}", l.as_str().replace('_', "-"));
        (l.as_str(), tr.t(&key))
    });
    let failed = errors.any();
    let form = SearchForm {
        occupations: lists::occupation_groups(&tr, &q.occupation, ""),
        countries: lists::country_groups(&tr, &q.country, true),
        districts: lists::district_groups(tr.lang, &q.district),
        educations: Opt::list(levels, &q.education),
        languages: language_options(&tr, &q.languages),
        typed: q,
    };
    let mut res = html(&SearchPage {
        base: Base::new(&ctx, Some(&me)),
        tr,
        form,
        errors,
        results,
        again,
    })?
    .into_response();
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

#[derive(Template)]
#[template(path = "candidate.html")]
struct ProfilePage {
    tr: Tr,
    base: Base,
    c: CandidateProfile,
    /// My organisation's open demands, to shortlist the worker for.
    demands: Vec<Opt>,
}

/// `GET /organisation/candidates/{id}`.
pub async fn profile_page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let c = candidates::open(&st, &me, id, &ctx.client_ip).await?;
    let tr = Tr::new(ctx.lang);
    let today = st.clock.now().date_naive();
    let demands = super::demands::list_mine(&st, &me)
        .await?
        .into_iter()
        .filter(|d| d.status == "approved" && d.closes_on >= today)
        .map(|d| Opt {
            label: format!(
                "{} · {}",
                d.number,
                super::demand_pages::occupation_name(&tr, &d.occupation)
            ),
            value: d.id.to_string(),
            selected: false,
        })
        .collect();
    Ok(html(&ProfilePage {
        tr,
        base: Base::new(&ctx, Some(&me)),
        c,
        demands,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "profile_views.html")]
struct ViewsPage {
    tr: Tr,
    base: Base,
    views: Vec<ProfileView>,
}

/// `GET /my-data/profile-views`: who viewed my profile.
pub async fn views_page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
) -> AppResult<Response> {
    let views = candidates::viewed_mine(&st, &me).await?;
    Ok(html(&ViewsPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        views,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "skills.html")]
struct SkillsPage {
    tr: Tr,
    base: Base,
    skills: String,
    languages: Vec<(Opt, bool)>,
    driving_licence: bool,
    errors: FormErrors,
    saved: bool,
}

fn skills_page(
    ctx: &Ctx,
    me: &CurrentUser,
    s: MySkills,
    errors: FormErrors,
    saved: bool,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let languages = language_options(&tr, "")
        .into_iter()
        .map(|o| {
            let on = s.languages.contains(&o.value);
            (o, on)
        })
        .collect();
    let failed = errors.any();
    let mut res = html(&SkillsPage {
        base: Base::new(ctx, Some(me)),
        tr,
        skills: s.skills.unwrap_or_default(),
        languages,
        driving_licence: s.driving_licence,
        errors,
        saved,
    })?
    .into_response();
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

#[derive(serde::Deserialize)]
pub struct Saved {
    #[serde(default)]
    saved: String,
}

/// `GET /profile/skills`: what employers searching see of my skills.
pub async fn skills_form(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<Saved>,
) -> AppResult<Response> {
    let s = candidates::my_skills(&st, &me).await?;
    skills_page(&ctx, &me, s, FormErrors::default(), q.saved == "yes")
}

/// `POST /profile/skills`.
pub async fn skills_post(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    let input = SkillsInput {
        skills: f.get("skills").unwrap_or("").to_owned(),
        languages: f
            .0
            .iter()
            .filter(|(k, _)| k == "languages")
            .map(|(_, v)| v.clone())
            .collect(),
        driving_licence: f.get("driving_licence").is_some(),
    };
    match candidates::save_skills(&st, &me, &input, &ctx.client_ip).await {
        Ok(()) => Ok(Redirect::to("/profile/skills?saved=yes").into_response()),
        Err(e) => {
            let errors = FormErrors::from_error(&Tr::new(ctx.lang), e)?.1;
            let typed = MySkills {
                skills: Some(input.skills),
                languages: input.languages,
                driving_licence: input.driving_licence,
            };
            skills_page(&ctx, &me, typed, errors, false)
        }
    }
}

#[derive(Template)]
#[template(path = "ranking.html")]
struct RankingPage {
    tr: Tr,
    base: Base,
    points: [(&'static str, i32); 4],
    allowance: i64,
}

/// `GET /placement/ranking`: the public rule by which the search orders workers.
pub async fn ranking(
    State(st): State<AppState>,
    ctx: Ctx,
    crate::auth::session::MaybeUser(me): crate::auth::session::MaybeUser,
) -> AppResult<Response> {
    use psk_domain::candidate as c;
    Ok(html(&RankingPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, me.as_ref()),
        points: [
            ("wants-occupation", c::POINTS_WANTS_OCCUPATION),
            ("worked-in-occupation", c::POINTS_WORKED_IN_OCCUPATION),
            ("wants-destination", c::POINTS_WANTS_DESTINATION),
            ("years-of-work", c::POINTS_YEARS_CAP),
        ],
        allowance: st.config.placement.profile_views_per_day,
    })?
    .into_response())
}
