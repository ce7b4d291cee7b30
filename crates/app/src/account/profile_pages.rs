//! The profile page and its forms: contact, intended move, education, employment, consents.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use psk_domain::geo;
use psk_domain::lang::Lang;
use psk_domain::profile::{
    CURRENCIES, EducationInput, EducationLevel, EmploymentInput, IntendedMoveInput,
};
use psk_domain::registration::{Consents, flag};
use serde::Deserialize;
use uuid::Uuid;

use super::service::{self, ContactInput, place_name};
use crate::accounts::signin;
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::WebForm;
use crate::web::page::{Base, FormErrors, Opt, OptGroup, html};

#[derive(Default)]
struct Values {
    contact: ContactInput,
    education: EducationInput,
    employment: EmploymentInput,
    intended: IntendedMoveInput,
}

/// A saved education or employment entry, ready to show.
pub struct Row {
    pub id: Uuid,
    pub text: String,
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    tr: Tr,
    base: Base,
    saved: String,
    contact_errors: FormErrors,
    move_errors: FormErrors,
    education_errors: FormErrors,
    employment_errors: FormErrors,
    consent_errors: FormErrors,
    contact: ContactInput,
    education: EducationInput,
    employment: EmploymentInput,
    intended: IntendedMoveInput,
    consents: Consents,
    provinces: Vec<Opt>,
    districts: Vec<OptGroup>,
    levels: Vec<Opt>,
    countries: Vec<Opt>,
    employment_countries: Vec<Opt>,
    occupations: Vec<OptGroup>,
    employment_occupations: Vec<OptGroup>,
    currencies: Vec<Opt>,
    education_rows: Vec<Row>,
    employment_rows: Vec<Row>,
}

fn occupation_groups(lang: Lang, current: &str) -> Vec<OptGroup> {
    geo::occupations()
        .all()
        .iter()
        .filter(|e| e.code.len() == 1)
        .map(|major| OptGroup {
            label: major.name(lang).to_owned(),
            options: Opt::list(
                geo::occupations()
                    .all()
                    .iter()
                    .filter(|e| e.code.len() == 4 && e.code.starts_with(major.code))
                    .map(|e| (e.code, format!("{} ({})", e.name(lang), e.code))),
                current,
            ),
        })
        .collect()
}

fn month(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

async fn render_profile(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    section: &str,
    saved: &str,
    errors: FormErrors,
    v: Option<Values>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let lang = ctx.lang;
    let p = service::my_profile(st, me).await?;
    let v = v.unwrap_or_else(|| Values {
        contact: ContactInput {
            email: p.email.clone().unwrap_or_default(),
            province: p.province.clone().unwrap_or_default(),
            district: p.district.clone().unwrap_or_default(),
            csrf: None,
        },
        intended: p
            .intended_move
            .as_ref()
            .map(|m| IntendedMoveInput {
                destination: m.destination.clone(),
                occupation: m.occupation.clone(),
                employer_or_oep: m.employer_or_oep.clone().unwrap_or_default(),
                salary_amount: m.salary_amount.map(|a| a.to_string()).unwrap_or_default(),
                salary_currency: m.salary_currency.clone().unwrap_or_default(),
                benefits: m.benefits.clone().unwrap_or_default(),
                csrf: None,
            })
            .unwrap_or_default(),
        ..Default::default()
    });
    let consents = Consents {
        training: true,
        share_with_employers: p
            .consents
            .iter()
            .any(|c| c.purpose == "share_with_employers" && c.granted),
        research: p
            .consents
            .iter()
            .any(|c| c.purpose == "research" && c.granted),
        news: p.consents.iter().any(|c| c.purpose == "news" && c.granted),
    };
    let country_items = || {
        geo::countries()
            .all()
            .iter()
            .filter(|c| c.code != "PK")
            .map(|c| (c.code, c.name(lang).to_owned()))
    };
    let level_name = |l: &str| tr.t(&format!("education-{l}"));
    let education_rows = p
        .education
        .iter()
        .map(|e| Row {
            id: e.id,
            text: [
                Some(level_name(&e.level)),
                e.institution.clone(),
                e.year.map(|y| y.to_string()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
        })
        .collect();
    let employment_rows = p
        .employment
        .iter()
        .map(|e| Row {
            id: e.id,
            text: format!(
                "{} · {} · {} · {} – {}",
                e.job_title,
                e.employer,
                place_name(lang, &Some(e.country.clone()), geo::countries()),
                month(e.from_month),
                e.to_month
                    .map(month)
                    .unwrap_or_else(|| tr.t("employment-current"))
            ),
        })
        .collect();
    let pick = |s: &str| {
        if s == section {
            errors.clone()
        } else {
            FormErrors::default()
        }
    };
    let page = ProfilePage {
        saved: saved.into(),
        contact_errors: pick("contact"),
        move_errors: pick("move"),
        education_errors: pick("education"),
        employment_errors: pick("employment"),
        consent_errors: pick("consents"),
        provinces: Opt::list(
            geo::provinces()
                .all()
                .iter()
                .map(|p| (p.code, p.name(lang).to_owned())),
            &v.contact.province,
        ),
        districts: geo::provinces()
            .all()
            .iter()
            .map(|pr| OptGroup {
                label: pr.name(lang).into(),
                options: Opt::list(
                    geo::districts()
                        .children(pr.code)
                        .map(|d| (d.code, d.name(lang).to_owned())),
                    &v.contact.district,
                ),
            })
            .collect(),
        levels: Opt::list(
            EducationLevel::ALL
                .iter()
                .map(|l| (l.as_str(), level_name(l.as_str()))),
            &v.education.level,
        ),
        countries: Opt::list(country_items(), &v.intended.destination),
        employment_countries: Opt::list(
            geo::countries()
                .all()
                .iter()
                .map(|c| (c.code, c.name(lang).to_owned())),
            &v.employment.country,
        ),
        occupations: occupation_groups(lang, &v.intended.occupation),
        employment_occupations: occupation_groups(lang, &v.employment.occupation),
        currencies: Opt::list(
            CURRENCIES.iter().map(|c| (*c, c.to_string())),
            &v.intended.salary_currency,
        ),
        contact: v.contact,
        education: v.education,
        employment: v.employment,
        intended: v.intended,
        consents,
        education_rows,
        employment_rows,
        base: Base::new(ctx, Some(me)),
        tr,
    };
    Ok(html(&page)?.into_response())
}

#[derive(Deserialize)]
pub struct ProfileQuery {
    #[serde(default)]
    saved: String,
}

pub async fn profile(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<ProfileQuery>,
) -> AppResult<Response> {
    render_profile(&st, &ctx, &me, "", &q.saved, FormErrors::default(), None).await
}

/// Runs a profile change; on a fixable error shows the page again with that section's errors.
async fn submit(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    section: &str,
    csrf: Option<&str>,
    values: Values,
    result: impl Future<Output = AppResult<()>>,
) -> AppResult<Response> {
    let outcome = match ctx.check_csrf(csrf) {
        Ok(()) => result.await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/profile?saved={section}#{section}")).into_response()),
        Err(e) => {
            let (status, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            let mut res = render_profile(st, ctx, me, section, "", errors, Some(values)).await?;
            *res.status_mut() = status;
            Ok(res)
        }
    }
}

pub async fn save_contact(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<ContactInput>,
) -> AppResult<Response> {
    let csrf = f.csrf.clone();
    let values = Values {
        contact: f.clone(),
        ..Default::default()
    };
    submit(
        &st,
        &ctx,
        &me,
        "contact",
        csrf.as_deref(),
        values,
        service::update_contact(&st, &me, &f, &ctx.client_ip),
    )
    .await
}

#[derive(Deserialize)]
pub struct ConsentForm {
    #[serde(default, deserialize_with = "flag")]
    share_with_employers: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    research: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    news: Option<bool>,
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

pub async fn save_consents(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<ConsentForm>,
) -> AppResult<Response> {
    let c = Consents {
        training: true,
        share_with_employers: f.share_with_employers.unwrap_or(false),
        research: f.research.unwrap_or(false),
        news: f.news.unwrap_or(false),
    };
    submit(
        &st,
        &ctx,
        &me,
        "consents",
        f.csrf.as_deref(),
        Values::default(),
        service::set_consents(&st, &me, &c, &ctx.client_ip),
    )
    .await
}

pub async fn add_education(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<EducationInput>,
) -> AppResult<Response> {
    let csrf = f.csrf.clone();
    let values = Values {
        education: f.clone(),
        ..Default::default()
    };
    submit(
        &st,
        &ctx,
        &me,
        "education",
        csrf.as_deref(),
        values,
        async {
            service::save_education(&st, &me, None, &f)
                .await
                .map(|_| ())
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

pub async fn delete_education(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<CsrfForm>,
) -> AppResult<Response> {
    submit(
        &st,
        &ctx,
        &me,
        "education",
        f.csrf.as_deref(),
        Values::default(),
        service::delete_education(&st, &me, id),
    )
    .await
}

pub async fn add_employment(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<EmploymentInput>,
) -> AppResult<Response> {
    let csrf = f.csrf.clone();
    let values = Values {
        employment: f.clone(),
        ..Default::default()
    };
    submit(
        &st,
        &ctx,
        &me,
        "employment",
        csrf.as_deref(),
        values,
        async {
            service::save_employment(&st, &me, None, &f)
                .await
                .map(|_| ())
        },
    )
    .await
}

pub async fn delete_employment(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<CsrfForm>,
) -> AppResult<Response> {
    submit(
        &st,
        &ctx,
        &me,
        "employment",
        f.csrf.as_deref(),
        Values::default(),
        service::delete_employment(&st, &me, id),
    )
    .await
}

pub async fn save_intended_move(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<IntendedMoveInput>,
) -> AppResult<Response> {
    let csrf = f.csrf.clone();
    let values = Values {
        intended: f.clone(),
        ..Default::default()
    };
    submit(
        &st,
        &ctx,
        &me,
        "move",
        csrf.as_deref(),
        values,
        service::save_intended_move(&st, &me, &f),
    )
    .await
}

pub async fn sign_out_device(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<CsrfForm>,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf.as_deref())?;
    signin::sign_out_device(&st, &me, id, &ctx.client_ip).await?;
    Ok(Redirect::to("/dashboard#devices").into_response())
}
