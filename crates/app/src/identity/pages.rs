//! "My passport and mobile" (`/my-data/identity`): the passport on record and the ones before it,
//! the renewal form (with the photo of the data page), the mobile change (password, then the code
//! sent to the new number). Plain forms: no JavaScript needed.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::{mobile, passport};
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::WebForm;
use crate::web::page::{Base, FormErrors, html};

#[derive(Template)]
#[template(path = "identity.html")]
struct IdentityPage {
    tr: Tr,
    base: Base,
    passport: String,
    expiry: Option<NaiveDate>,
    /// Earlier passports: the number and when it was replaced.
    earlier: Vec<(String, String)>,
    mobile: String,
    saved: String,
    passport_errors: FormErrors,
    mobile_errors: FormErrors,
    passport_number: String,
    passport_expiry: String,
    new_mobile: String,
    max_mb: u64,
}

#[derive(Deserialize, Default)]
pub struct Saved {
    #[serde(default)]
    saved: String,
}

/// The values typed into each form, shown again with its errors.
#[derive(Default)]
struct Typed {
    passport_number: String,
    passport_expiry: String,
    new_mobile: String,
}

async fn render(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    saved: &str,
    errors: (FormErrors, FormErrors),
    typed: Typed,
) -> AppResult<Response> {
    let user = psk_store::users::find(st.db.ex(), me.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let keys = &st.keys;
    let open = |f: Field, b: &[u8]| {
        keys.decrypt_string(f, b)
            .map_err(|e| AppError::Internal(e.into()))
    };
    let passport = match &user.passport_enc {
        Some(b) => open(Field::Passport, b)?,
        None => String::new(),
    };
    let mut earlier = vec![];
    for h in psk_store::identity::passport_history(st.db.ex(), me.id).await? {
        earlier.push((
            open(Field::Passport, &h.passport_enc)?,
            crate::time::shown(&h.replaced_at),
        ));
    }
    let mobile = open(Field::Mobile, &user.mobile_enc)?;
    let mobile = psk_domain::contact::MobileNumber::parse(&mobile)
        .map(|m| m.national())
        .unwrap_or(mobile);
    let saved = match saved {
        "passport" | "mobile" => saved.to_owned(),
        _ => String::new(),
    };
    let status = if errors.0.general.is_some() || errors.1.general.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    let page = IdentityPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        passport,
        expiry: user.passport_expiry,
        earlier,
        mobile,
        saved,
        passport_errors: errors.0,
        mobile_errors: errors.1,
        passport_number: typed.passport_number,
        passport_expiry: typed.passport_expiry,
        new_mobile: typed.new_mobile,
        max_mb: st.config.identity.evidence_max_mb,
    };
    let mut res = html(&page)?.into_response();
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /my-data/identity`.
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<Saved>,
) -> AppResult<Response> {
    render(
        &st,
        &ctx,
        &me,
        &q.saved,
        Default::default(),
        Typed::default(),
    )
    .await
}

/// `POST /my-data/identity/passport` (multipart): the renewed passport with its photo.
pub async fn renew(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: Multipart,
) -> AppResult<Response> {
    let form = super::evidence::read_form(&st, &ctx, form, "photo", true).await?;
    let (number, expiry) = (form.text("passport_number"), form.text("passport_expiry"));
    match passport::renew(&st, &me, number, expiry, form.file.as_ref(), &ctx.client_ip).await {
        Ok(()) => Ok(Redirect::to("/my-data/identity?saved=passport").into_response()),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            let typed = Typed {
                passport_number: number.to_owned(),
                passport_expiry: expiry.to_owned(),
                ..Default::default()
            };
            render(&st, &ctx, &me, "", (errors, Default::default()), typed).await
        }
    }
}

#[derive(Deserialize)]
pub struct MobileForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    #[serde(default)]
    mobile: String,
    #[serde(default)]
    password: String,
}

/// `POST /my-data/identity/mobile`: the new number and the password; the code goes out.
pub async fn start_mobile(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<MobileForm>,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf.as_deref())?;
    match mobile::start(&st, &me, &f.mobile, &f.password, &ctx.client_ip).await {
        Ok(s) => {
            Ok(Redirect::to(&format!("/my-data/identity/mobile/{}", s.change_id)).into_response())
        }
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            let typed = Typed {
                new_mobile: f.mobile.clone(),
                ..Default::default()
            };
            render(&st, &ctx, &me, "", (Default::default(), errors), typed).await
        }
    }
}

#[derive(Template)]
#[template(path = "identity_code.html")]
struct CodePage {
    tr: Tr,
    base: Base,
    id: Uuid,
    sent_to: String,
    errors: FormErrors,
}

async fn code_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    id: Uuid,
    errors: FormErrors,
) -> AppResult<Response> {
    let sent_to = mobile::pending_to(st, me, id).await?;
    let status = if errors.general.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    let mut res = html(&CodePage {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        id,
        sent_to,
        errors,
    })?
    .into_response();
    *res.status_mut() = status;
    Ok(res)
}

/// `GET /my-data/identity/mobile/{id}`: the code form.
pub async fn code(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    code_page(&st, &ctx, &me, id, Default::default()).await
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    #[serde(default)]
    code: String,
}

/// `POST /my-data/identity/mobile/{id}`: the code; the number changes.
pub async fn confirm(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    WebForm(f): WebForm<CodeForm>,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf.as_deref())?;
    match mobile::confirm(&st, &me, id, &f.code, &ctx.client_ip).await {
        Ok(()) => Ok(Redirect::to("/my-data/identity?saved=mobile").into_response()),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            code_page(&st, &ctx, &me, id, errors).await
        }
    }
}
