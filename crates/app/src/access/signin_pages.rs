//! Web pages for sign-in, sign-out, password reset and the email verification link.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::register_pages::signed_in_redirect;
use super::{registration, reset, signin};
use crate::auth::session::{CurrentUser, DeviceInfo, Kind, MaybeUser};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::{Ctx, append_cookie};
use crate::web::extract::WebForm;
use crate::web::page::{Base, FormErrors, html};
use crate::web::{cookies, safe_next};

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    tr: Tr,
    base: Base,
    identifier: String,
    next: String,
    notice: Option<String>,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct SignInQuery {
    #[serde(default)]
    next: String,
    #[serde(default)]
    reset: Option<String>,
}

pub async fn sign_in_form(
    ctx: Ctx,
    MaybeUser(user): MaybeUser,
    Query(q): Query<SignInQuery>,
) -> AppResult<Response> {
    if user.is_some() {
        return Ok(Redirect::to("/dashboard").into_response());
    }
    let tr = Tr::new(ctx.lang);
    let notice = q.reset.map(|_| tr.t("reset-done"));
    let page = SignInPage {
        tr,
        base: Base::anonymous(&ctx),
        identifier: String::new(),
        next: safe_next(&q.next).to_owned(),
        notice,
        errors: FormErrors::default(),
    };
    Ok(html(&page)?.into_response())
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    identifier: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

pub async fn sign_in_submit(
    State(st): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    WebForm(f): WebForm<SignInForm>,
) -> AppResult<Response> {
    let result = match ctx.check_csrf(f.csrf.as_deref()) {
        Ok(()) if f.identifier.trim().is_empty() || f.password.is_empty() => {
            Err(AppError::InvalidCredentials)
        }
        Ok(()) => {
            signin::sign_in(
                &st,
                &f.identifier,
                &f.password,
                &DeviceInfo::from_request(&ctx, &headers),
                Kind::Web,
                &ctx.client_ip,
            )
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok((user, session)) => {
            let next = safe_next(&f.next);
            let to = if next == "/" { "/dashboard" } else { next };
            Ok(signed_in_redirect(&st, to, &session, &user.language))
        }
        Err(e) => {
            let tr = Tr::new(ctx.lang);
            let (status, errors) = FormErrors::from_error(&tr, e)?;
            let page = SignInPage {
                tr,
                base: Base::anonymous(&ctx),
                identifier: f.identifier,
                next: safe_next(&f.next).to_owned(),
                notice: None,
                errors,
            };
            Ok((status, html(&page)?).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

/// Signs out; a session that can no longer act (its organisation suspended) still leaves.
pub async fn sign_out(
    State(st): State<AppState>,
    ctx: Ctx,
    me: Result<CurrentUser, AppError>,
    WebForm(f): WebForm<CsrfOnly>,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf.as_deref())?;
    match me {
        Ok(me) => signin::sign_out(&st, &me, &ctx.client_ip).await?,
        Err(AppError::Refused(_)) => {}
        Err(e) => return Err(e),
    }
    let mut res = Redirect::to("/").into_response();
    let secure = st.config.secure_cookies();
    append_cookie(&mut res, &cookies::clear(cookies::SESSION, secure));
    append_cookie(
        &mut res,
        &cookies::set(cookies::CSRF, &crate::crypto::new_token(), None, secure),
    );
    Ok(res)
}

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage {
    tr: Tr,
    base: Base,
    identifier: String,
    errors: FormErrors,
}

pub async fn reset_form(ctx: Ctx) -> AppResult<Response> {
    let page = ResetPage {
        tr: Tr::new(ctx.lang),
        base: Base::anonymous(&ctx),
        identifier: String::new(),
        errors: FormErrors::default(),
    };
    Ok(html(&page)?.into_response())
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    identifier: String,
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

pub async fn reset_submit(
    State(st): State<AppState>,
    ctx: Ctx,
    WebForm(f): WebForm<ResetForm>,
) -> AppResult<Response> {
    let result = match ctx.check_csrf(f.csrf.as_deref()) {
        Ok(()) => reset::start(&st, &f.identifier, &ctx.client_ip).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/password-reset/verify?id={id}")).into_response()),
        Err(e) => {
            let tr = Tr::new(ctx.lang);
            let (status, errors) = FormErrors::from_error(&tr, e)?;
            Ok((
                status,
                html(&ResetPage {
                    tr,
                    base: Base::anonymous(&ctx),
                    identifier: f.identifier,
                    errors,
                })?,
            )
                .into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "reset_verify.html")]
struct ResetVerifyPage {
    tr: Tr,
    base: Base,
    /// The reset this browser started; `None`: the worker names their account (a reset OEC
    /// support started, or a lost page).
    id: Option<Uuid>,
    identifier: String,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct IdQuery {
    #[serde(default)]
    id: Option<Uuid>,
}

pub async fn reset_verify_form(ctx: Ctx, Query(q): Query<IdQuery>) -> AppResult<Response> {
    let page = ResetVerifyPage {
        tr: Tr::new(ctx.lang),
        base: Base::anonymous(&ctx),
        id: q.id,
        identifier: String::new(),
        errors: FormErrors::default(),
    };
    Ok(html(&page)?.into_response())
}

#[derive(Deserialize)]
pub struct ResetVerifyForm {
    #[serde(default)]
    id: Option<Uuid>,
    #[serde(default)]
    identifier: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

pub async fn reset_verify_submit(
    State(st): State<AppState>,
    ctx: Ctx,
    WebForm(f): WebForm<ResetVerifyForm>,
) -> AppResult<Response> {
    let ip = &ctx.client_ip;
    let result = match (ctx.check_csrf(f.csrf.as_deref()), f.id) {
        (Err(e), _) => Err(e),
        (Ok(()), Some(id)) => reset::complete(&st, id, &f.code, &f.password, ip).await,
        (Ok(()), None) => {
            reset::complete_with_identifier(&st, &f.identifier, &f.code, &f.password, ip).await
        }
    };
    match result {
        Ok(_) => Ok(Redirect::to("/sign-in?reset=1").into_response()),
        Err(e) => {
            let tr = Tr::new(ctx.lang);
            let (status, errors) = FormErrors::from_error(&tr, e)?;
            Ok((
                status,
                html(&ResetVerifyPage {
                    tr,
                    base: Base::anonymous(&ctx),
                    id: f.id,
                    identifier: f.identifier,
                    errors,
                })?,
            )
                .into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    tr: Tr,
    base: Base,
    title: String,
    body: String,
    link: String,
    link_text: String,
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

pub async fn email_link(
    State(st): State<AppState>,
    ctx: Ctx,
    MaybeUser(user): MaybeUser,
    Query(q): Query<TokenQuery>,
) -> AppResult<Response> {
    registration::confirm_email(&st, &q.token).await?;
    let tr = Tr::new(ctx.lang);
    let (link, link_text) = if user.is_some() {
        ("/dashboard", tr.t("nav-dashboard"))
    } else {
        ("/sign-in", tr.t("nav-sign-in"))
    };
    let page = MessagePage {
        title: tr.t("email-verified-title"),
        body: tr.t("email-verified-body"),
        link: link.into(),
        link_text,
        base: Base::new(&ctx, user.as_ref()),
        tr,
    };
    Ok(html(&page)?.into_response())
}
