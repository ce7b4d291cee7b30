//! The profile page and its forms: contact, intended move, education, employment (consents are on "My privacy").

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use psk_domain::geo;
use psk_domain::profile::{
    CURRENCIES, EducationInput, EducationLevel, EmploymentInput, IntendedMoveInput,
};
use serde::Deserialize;
use uuid::Uuid;

use super::service::{self, ContactInput, place_name};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::lists;
use crate::web::page::{Base, FormErrors, Opt, OptGroup, html};

#[derive(Default)]
pub(super) struct Values {
    pub(super) contact: ContactInput,
    pub(super) education: EducationInput,
    pub(super) employment: EmploymentInput,
    pub(super) intended: IntendedMoveInput,
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
    contact: ContactInput,
    education: EducationInput,
    employment: EmploymentInput,
    intended: IntendedMoveInput,
    provinces: Vec<Opt>,
    districts: Vec<OptGroup>,
    levels: Vec<Opt>,
    countries: Vec<OptGroup>,
    employment_countries: Vec<OptGroup>,
    /// What was typed to find an occupation (the lists show only the matches).
    occupation_q: String,
    occupations: Vec<OptGroup>,
    employment_occupations: Vec<OptGroup>,
    currencies: Vec<Opt>,
    education_rows: Vec<Row>,
    employment_rows: Vec<Row>,
}

fn month(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

pub(super) async fn render_profile(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    section: &str,
    q: &ProfileQuery,
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
        saved: q.saved.clone(),
        contact_errors: pick("contact"),
        move_errors: pick("move"),
        education_errors: pick("education"),
        employment_errors: pick("employment"),
        provinces: Opt::list(
            geo::provinces()
                .all()
                .iter()
                .map(|p| (p.code, p.name(lang).to_owned())),
            &v.contact.province,
        ),
        districts: crate::web::lists::district_groups(lang, &v.contact.district),
        levels: Opt::list(
            EducationLevel::ALL
                .iter()
                .map(|l| (l.as_str(), level_name(l.as_str()))),
            &v.education.level,
        ),
        countries: lists::country_groups(&tr, &v.intended.destination, true),
        employment_countries: lists::country_groups(&tr, &v.employment.country, false),
        occupations: lists::occupation_groups(&tr, &v.intended.occupation, &q.occupation_q),
        employment_occupations: lists::occupation_groups(
            &tr,
            &v.employment.occupation,
            &q.occupation_q,
        ),
        occupation_q: q.occupation_q.clone(),
        currencies: Opt::list(
            CURRENCIES.iter().map(|c| (*c, c.to_string())),
            &v.intended.salary_currency,
        ),
        contact: v.contact,
        education: v.education,
        employment: v.employment,
        intended: v.intended,
        education_rows,
        employment_rows,
        base: Base::new(ctx, Some(me)),
        tr,
    };
    Ok(html(&page)?.into_response())
}

#[derive(Deserialize, Default)]
pub struct ProfileQuery {
    #[serde(default)]
    pub(super) saved: String,
    /// Words to find an occupation by (the search that works without JavaScript).
    #[serde(default)]
    pub(super) occupation_q: String,
}

pub async fn profile(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<ProfileQuery>,
) -> AppResult<Response> {
    render_profile(&st, &ctx, &me, "", &q, FormErrors::default(), None).await
}
