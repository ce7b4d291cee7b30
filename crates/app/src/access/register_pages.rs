//! Web pages for registration and its OTP step.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::geo;
use psk_domain::lang::Lang;
use psk_domain::person::Gender;
use psk_domain::registration::RegistrationInput;
use serde::Deserialize;
use uuid::Uuid;

use super::registration;
use crate::auth::session::{DeviceInfo, Issued, Kind, MaybeUser};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::{Ctx, append_cookie};
use crate::web::cookies;
use crate::web::extract::WebForm;
use crate::web::page::{Base, FormErrors, Opt, OptGroup, html};

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    tr: Tr,
    base: Base,
    v: RegistrationInput,
    errors: FormErrors,
    provinces: Vec<Opt>,
    districts: Vec<OptGroup>,
    genders: Vec<Opt>,
    relations: Vec<Opt>,
    languages: Vec<Opt>,
}

impl RegisterPage {
    fn new(ctx: &Ctx, v: RegistrationInput, errors: FormErrors) -> Self {
        let tr = Tr::new(ctx.lang);
        let lang = ctx.lang;
        let provinces = Opt::list(
            geo::provinces()
                .all()
                .iter()
                .map(|p| (p.code, p.name(lang).to_owned())),
            &v.province,
        );
        let districts = crate::web::lists::district_groups(lang, &v.district);
        let genders = Opt::list(
            Gender::ALL
                .iter()
                .map(|g| (g.as_str(), tr.t(&format!("gender-{}", g.as_str())))),
            &v.gender,
        );
        let relations = Opt::list(
            ["father", "husband"].map(|r| (r, tr.t(&format!("relation-{r}")))),
            &v.guardian_relation,
        );
        let current_lang = if v.language.is_empty() {
            lang.code().to_owned()
        } else {
            v.language.clone()
        };
        let languages = Opt::list(
            Lang::ALL
                .iter()
                .map(|l| (l.code(), tr.t(&format!("language-{}", l.code())))),
            &current_lang,
        );
        Self {
            tr,
            base: Base::anonymous(ctx),
            v,
            errors,
            provinces,
            districts,
            genders,
            relations,
            languages,
        }
    }
}

pub async fn register_form(ctx: Ctx, MaybeUser(user): MaybeUser) -> AppResult<Response> {
    if user.is_some() {
        return Ok(Redirect::to("/dashboard").into_response());
    }
    Ok(html(&RegisterPage::new(
        &ctx,
        RegistrationInput::default(),
        FormErrors::default(),
    ))?
    .into_response())
}

pub async fn register_submit(
    State(st): State<AppState>,
    ctx: Ctx,
    WebForm(mut v): WebForm<RegistrationInput>,
) -> AppResult<Response> {
    let result = match ctx.check_csrf(v.csrf.as_deref()) {
        Ok(()) => registration::start(&st, &v, &ctx.client_ip).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(started) => {
            let mut url = format!("/register/verify?id={}", started.registration_id);
            if started.passport_expires_soon {
                url.push_str("&passport_soon=1");
            }
            Ok(Redirect::to(&url).into_response())
        }
        Err(e) => {
            let (status, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            v.password.clear();
            Ok((status, html(&RegisterPage::new(&ctx, v, errors))?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage {
    tr: Tr,
    base: Base,
    id: Uuid,
    mobile: String,
    passport_soon: bool,
    resent: bool,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct VerifyQuery {
    id: Uuid,
    #[serde(default)]
    passport_soon: Option<String>,
    #[serde(default)]
    resent: Option<String>,
}

pub async fn verify_form(
    State(st): State<AppState>,
    ctx: Ctx,
    Query(q): Query<VerifyQuery>,
) -> AppResult<Response> {
    let mobile = registration::masked_mobile(&st, q.id).await?;
    let page = VerifyPage {
        tr: Tr::new(ctx.lang),
        base: Base::anonymous(&ctx),
        id: q.id,
        mobile,
        passport_soon: q.passport_soon.is_some(),
        resent: q.resent.is_some(),
        errors: FormErrors::default(),
    };
    Ok(html(&page)?.into_response())
}

#[derive(Deserialize)]
pub struct CodeForm {
    id: Uuid,
    #[serde(default)]
    code: String,
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

/// Sets the session cookie (and the account's language) after a successful sign-in.
pub(super) fn signed_in_redirect(
    st: &AppState,
    to: &str,
    session: &Issued,
    lang: &str,
) -> Response {
    let mut res = Redirect::to(to).into_response();
    let secure = st.config.secure_cookies();
    append_cookie(
        &mut res,
        &cookies::set(cookies::SESSION, &session.token, None, secure),
    );
    append_cookie(
        &mut res,
        &cookies::set(cookies::LANG, lang, Some(365 * 86400), secure),
    );
    // A new anti-forgery seed at sign-in: a token seen before (planted or read) no longer works.
    append_cookie(
        &mut res,
        &cookies::set(cookies::CSRF, &crate::crypto::new_token(), None, secure),
    );
    res
}

pub async fn verify_submit(
    State(st): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    WebForm(f): WebForm<CodeForm>,
) -> AppResult<Response> {
    let result = match ctx.check_csrf(f.csrf.as_deref()) {
        Ok(()) => {
            registration::verify(
                &st,
                f.id,
                &f.code,
                &DeviceInfo::from_request(&ctx, &headers),
                Kind::Web,
                &ctx.client_ip,
            )
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(v) => Ok(signed_in_redirect(
            &st,
            "/dashboard?welcome=1",
            &v.session,
            v.language.code(),
        )),
        Err(e) => verify_again(&st, &ctx, f.id, e).await,
    }
}

/// The code page again, with what went wrong (a wrong code, too many tries, a resend too soon).
async fn verify_again(st: &AppState, ctx: &Ctx, id: Uuid, e: AppError) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let (status, errors) = FormErrors::from_error(&tr, e)?;
    let mobile = registration::masked_mobile(st, id).await?;
    let page = VerifyPage {
        tr,
        base: Base::anonymous(ctx),
        id,
        mobile,
        passport_soon: false,
        resent: false,
        errors,
    };
    Ok((status, html(&page)?).into_response())
}

#[derive(Deserialize)]
pub struct ResendForm {
    id: Uuid,
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

pub async fn resend_submit(
    State(st): State<AppState>,
    ctx: Ctx,
    WebForm(f): WebForm<ResendForm>,
) -> AppResult<Response> {
    let result = match ctx.check_csrf(f.csrf.as_deref()) {
        Ok(()) => registration::resend(&st, f.id, &ctx.client_ip).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => {
            Ok(Redirect::to(&format!("/register/verify?id={}&resent=1", f.id)).into_response())
        }
        Err(e) => verify_again(&st, &ctx, f.id, e).await,
    }
}
