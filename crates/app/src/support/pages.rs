//! The support desk in the browser (`/support`): the look-up form (a reason is required), what it
//! found, and a worker's journey with the audited actions (unlock sign-in, one more test
//! attempt, a new mobile number after checking the person). Plain forms: no JavaScript needed.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::service::{self, FindInput, Found, Journey, SUPPORT};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::WebForm;
use crate::web::page::{Base, FormErrors, html};

#[derive(Template)]
#[template(path = "support.html")]
struct SupportPage {
    tr: Tr,
    base: Base,
    q: FindInput,
    /// `reason=…`, for the links to each worker's journey.
    reason_query: String,
    found: Option<Vec<Found>>,
    errors: FormErrors,
    notice: String,
}

#[derive(Deserialize, Default)]
pub struct Notice {
    #[serde(default)]
    notice: String,
}

fn page_of(
    ctx: &Ctx,
    me: &CurrentUser,
    p: (FindInput, Option<Vec<Found>>, FormErrors, String),
) -> AppResult<Response> {
    let status = if p.2.general.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    let mut res = html(&SupportPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        reason_query: serde_urlencoded::to_string([("reason", &p.0.reason)]).unwrap_or_default(),
        q: p.0,
        found: p.1,
        errors: p.2,
        notice: p.3,
    })?
    .into_response();
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /support`: the look-up form.
pub async fn desk(ctx: Ctx, me: CurrentUser, Query(n): Query<Notice>) -> AppResult<Response> {
    me.require(SUPPORT)?;
    let notice = match n.notice.as_str() {
        "resent" => n.notice,
        _ => String::new(),
    };
    page_of(
        &ctx,
        &me,
        (FindInput::default(), None, FormErrors::default(), notice),
    )
}

#[derive(Deserialize)]
pub struct FindForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    #[serde(flatten)]
    q: FindInput,
}

/// `POST /support`: the look-up (a POST, so no CNIC or number lands in a URL or a log).
pub async fn find(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<FindForm>,
) -> AppResult<Response> {
    me.require(SUPPORT)?;
    ctx.check_csrf(f.csrf.as_deref())?;
    match service::find(&st, &me, &f.q, &ctx.client_ip).await {
        Ok(found) => page_of(
            &ctx,
            &me,
            (f.q, Some(found), FormErrors::default(), String::new()),
        ),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            page_of(&ctx, &me, (f.q, None, errors, String::new()))
        }
    }
}

#[derive(Template)]
#[template(path = "support_journey.html")]
struct JourneyPage {
    tr: Tr,
    base: Base,
    j: Journey,
    reason: String,
    notice: String,
    errors: FormErrors,
}

#[derive(Deserialize, Default)]
pub struct JourneyQuery {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    notice: String,
}

async fn journey_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    id: Uuid,
    (reason, notice, errors): (String, String, FormErrors),
) -> AppResult<Response> {
    let j = service::journey(st, me, id, &reason, &ctx.client_ip).await?;
    let notice = match notice.as_str() {
        "unlocked" | "granted" | "mobile" | "reset" => notice,
        _ => String::new(),
    };
    let status = if errors.general.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    let mut res = html(&JourneyPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        j,
        reason,
        notice,
        errors,
    })?
    .into_response();
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /support/users/{id}?reason=…`: the journey (the reason comes from the look-up).
pub async fn journey(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    Query(q): Query<JourneyQuery>,
) -> AppResult<Response> {
    me.require(SUPPORT)?;
    journey_page(
        &st,
        &ctx,
        &me,
        id,
        (q.reason, q.notice, FormErrors::default()),
    )
    .await
}

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    #[serde(default)]
    reason: String,
    /// The look-up's reason, to show the journey again.
    #[serde(default)]
    lookup_reason: String,
}

fn back(id: Uuid, lookup_reason: &str, notice: &str) -> Response {
    let query = serde_urlencoded::to_string([("reason", lookup_reason), ("notice", notice)])
        .unwrap_or_default();
    Redirect::to(&format!("/support/users/{id}?{query}")).into_response()
}

/// Shows the journey again with an action's error, or goes back to it with a notice.
async fn after(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    id: Uuid,
    lookup_reason: String,
    (result, notice): (AppResult<()>, &str),
) -> AppResult<Response> {
    match result {
        Ok(()) => Ok(back(id, &lookup_reason, notice)),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            journey_page(st, ctx, me, id, (lookup_reason, String::new(), errors)).await
        }
    }
}

/// `POST /support/users/{id}/unlock`.
pub async fn unlock(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<ReasonForm>,
) -> AppResult<Response> {
    me.require(SUPPORT)?;
    ctx.check_csrf(f.csrf.as_deref())?;
    let r = super::actions::unlock(&st, &me, id, &f.reason, &ctx.client_ip).await;
    after(&st, &ctx, &me, id, f.lookup_reason, (r, "unlocked")).await
}

/// `POST /support/users/{id}/password-reset`: a reset code to the worker's mobile.
pub async fn reset(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<ReasonForm>,
) -> AppResult<Response> {
    me.require(SUPPORT)?;
    ctx.check_csrf(f.csrf.as_deref())?;
    let r = super::actions::start_password_reset(&st, &me, id, &f.reason, &ctx.client_ip)
        .await
        .map(|_| ());
    after(&st, &ctx, &me, id, f.lookup_reason, (r, "reset")).await
}

/// `POST /support/users/{id}/test-grant`.
pub async fn grant(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<ReasonForm>,
) -> AppResult<Response> {
    me.require(SUPPORT)?;
    ctx.check_csrf(f.csrf.as_deref())?;
    let r = crate::exam::attempts::grant(&st, &me, id, &f.reason, &ctx.client_ip)
        .await
        .map(|_| ());
    after(&st, &ctx, &me, id, f.lookup_reason, (r, "granted")).await
}

/// `POST /support/users/{id}/mobile` (multipart): a lost SIM.
pub async fn mobile(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    form: Multipart,
) -> AppResult<Response> {
    me.require(SUPPORT)?;
    let form = crate::identity::evidence::read_form(&st, &ctx, form, "evidence", true).await?;
    let change = crate::identity::mobile::SupportChange {
        mobile: form.text("mobile"),
        cnic: form.text("cnic"),
        reason: form.text("reason"),
        evidence: form.file.as_ref(),
    };
    let r = crate::identity::mobile::by_support(&st, &me, id, change, &ctx.client_ip).await;
    let lookup_reason = form.text("lookup_reason").to_owned();
    after(&st, &ctx, &me, id, lookup_reason, (r, "mobile")).await
}

/// `POST /support/registrations/{id}/resend`.
pub async fn resend(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<ReasonForm>,
) -> AppResult<Response> {
    me.require(SUPPORT)?;
    ctx.check_csrf(f.csrf.as_deref())?;
    match super::actions::resend_registration_code(&st, &me, id, &f.reason, &ctx.client_ip).await {
        Ok(()) => Ok(Redirect::to("/support?notice=resent").into_response()),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            page_of(
                &ctx,
                &me,
                (FindInput::default(), None, errors, String::new()),
            )
        }
    }
}
