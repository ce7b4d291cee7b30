//! Web pages for protector officers: look a worker up, record the stamp, the day's list.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::service::{self, Finding, StampInput, StampView, VISA_TYPES};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::FormPairs;
use crate::web::page::{Base, FormErrors, Opt, OptGroup, html};

#[derive(Template)]
#[template(path = "protector.html")]
struct LookupPage {
    tr: Tr,
    base: Base,
    office: String,
    cnic: String,
    passport: String,
    finding: Option<Finding>,
    errors: FormErrors,
    countries: Vec<OptGroup>,
    visas: Vec<Opt>,
    stamp: StampInput,
}

async fn office_name(st: &AppState, code: &str, urdu: bool) -> AppResult<String> {
    Ok(psk_store::protector::offices(st.db.ex())
        .await?
        .into_iter()
        .find(|o| o.code == code)
        .map(|o| if urdu { o.name_ur } else { o.name_en })
        .unwrap_or_default())
}

async fn lookup_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    finding: Option<Finding>,
    errors: FormErrors,
    stamp: StampInput,
) -> AppResult<LookupPage> {
    let who = service::officer(st, me).await?;
    let tr = Tr::new(ctx.lang);
    let urdu = tr.is_ur();
    let countries = crate::web::lists::country_groups(&tr, &stamp.destination, true);
    let visas = Opt::list(
        VISA_TYPES
            .iter()
            .map(|v| (*v, tr.t(&format!("visa-{}", v.replace('_', "-"))))),
        &stamp.visa_type,
    );
    Ok(LookupPage {
        office: office_name(st, &who.office, urdu).await?,
        base: Base::new(ctx, Some(me)),
        cnic: stamp.cnic.clone(),
        passport: stamp.passport_number.clone(),
        tr,
        finding,
        errors,
        countries,
        visas,
        stamp,
    })
}

pub async fn page(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    let p = lookup_page(
        &st,
        &ctx,
        &me,
        None,
        FormErrors::default(),
        StampInput::default(),
    )
    .await?;
    Ok(html(&p)?.into_response())
}

/// Look-up by CNIC + passport, or by pasted QR text.
pub async fn lookup(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(form.csrf())?;
    let who = service::officer(&st, &me).await?;
    let tr = Tr::new(ctx.lang);
    let input = StampInput {
        cnic: form.get("cnic").unwrap_or("").to_owned(),
        passport_number: form.get("passport_number").unwrap_or("").to_owned(),
        stamped_on: st.clock.today().to_string(),
        ..Default::default()
    };
    let qr = form.get("qr").unwrap_or("").trim();
    let result = if qr.is_empty() {
        service::lookup(
            &st,
            &who,
            &input.cnic,
            &input.passport_number,
            "lookup",
            &ctx.client_ip,
        )
        .await
    } else {
        service::lookup_qr(&st, &who, qr, &ctx.client_ip).await
    };
    let (finding, errors, status) = match result {
        Ok(f) => (Some(f), FormErrors::default(), StatusCode::OK),
        Err(AppError::BadRequest("qr_not_genuine")) => (
            None,
            FormErrors::general(tr.t("protector-qr-not-genuine")),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(e) => {
            let (status, errors) = FormErrors::from_error(&tr, e)?;
            (None, errors, status)
        }
    };
    let p = lookup_page(&st, &ctx, &me, finding, errors, input).await?;
    Ok((status, html(&p)?).into_response())
}

pub async fn stamp(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(form.csrf())?;
    let who = service::officer(&st, &me).await?;
    let get = |k: &str| form.get(k).unwrap_or("").to_owned();
    let input = StampInput {
        cnic: get("cnic"),
        passport_number: get("passport_number"),
        protector_number: get("protector_number"),
        stamped_on: get("stamped_on"),
        destination: get("destination"),
        employer: get("employer"),
        visa_type: get("visa_type"),
    };
    let tr = Tr::new(ctx.lang);
    let errors = match service::stamp(&st, &who, &input, None, &ctx.client_ip).await {
        Ok((s, _)) => {
            return Ok(
                Redirect::to(&format!("/protector/day?date={}&saved=1", s.stamped_on))
                    .into_response(),
            );
        }
        Err(AppError::NotFound) => FormErrors::general(tr.t("protector-not-found")),
        Err(e) => FormErrors::from_error(&tr, e)?.1,
    };
    // The form again with its messages; no new look-up (it would add a check the worker sees).
    let finding = Some(Finding::form_only());
    let p = lookup_page(&st, &ctx, &me, finding, errors, input).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html(&p)?).into_response())
}

#[derive(Template)]
#[template(path = "protector_day.html")]
struct DayPage {
    tr: Tr,
    base: Base,
    office: String,
    day: NaiveDate,
    stamps: Vec<StampView>,
    saved: bool,
}

#[derive(Deserialize)]
pub struct DayQuery {
    date: Option<NaiveDate>,
    #[serde(default)]
    saved: Option<String>,
}

pub async fn day(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<DayQuery>,
) -> AppResult<Response> {
    let who = service::officer(&st, &me).await?;
    let day = q.date.unwrap_or_else(|| st.clock.today());
    let tr = Tr::new(ctx.lang);
    let p = DayPage {
        office: office_name(&st, &who.office, tr.is_ur()).await?,
        stamps: service::day_list(&st, &who, day).await?,
        base: Base::new(&ctx, Some(&me)),
        tr,
        day,
        saved: q.saved.is_some(),
    };
    Ok(html(&p)?.into_response())
}

#[derive(Template)]
#[template(path = "protector_offline.html")]
struct OfflinePage {
    tr: Tr,
    base: Base,
}

/// `GET /protector/offline`: the check that works without internet (static/offline.js). Public
/// and the same for everyone (no name, no form token that matters): the service worker keeps it
/// for offline use, and serves it for a QR link opened offline.
pub async fn offline(ctx: Ctx) -> AppResult<Response> {
    let page = OfflinePage {
        tr: Tr::new(ctx.lang),
        base: Base::anonymous(&ctx),
    };
    let mut res = html(&page)?.into_response();
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("private, no-cache"),
    );
    Ok(res)
}
