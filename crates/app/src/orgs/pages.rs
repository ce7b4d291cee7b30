//! Organisations in the browser, plain forms without JavaScript: the public application
//! (`/organisations/apply`), the applicant's link (`/organisations/applications/{number}`),
//! joining by invitation (`/organisations/join`) and an organisation's own page
//! (`/organisation`). OEC's side is `admin_pages`.

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::geo::countries;
use psk_domain::org::OrgKind;
use serde::Deserialize;

use super::apply::{self, Application, DOCUMENTS};
use super::members::{self, Join, NewMember};
use super::view::{self, OrgView};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::identity::evidence::read_files;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::WebForm;
use crate::web::page::{Base, FormErrors, Opt, html};

/// The application form, the applicant's view of it, and its confirmation.
#[derive(Template)]
#[template(path = "org_apply.html")]
struct ApplyPage {
    tr: Tr,
    base: Base,
    /// `form` (a new application), `done` (its number and link) or `status` (the link).
    step: &'static str,
    kinds: Vec<&'static str>,
    countries: Vec<Opt>,
    typed: Application,
    errors: FormErrors,
    max_mb: u64,
    org: Option<OrgView>,
    /// The private link (`done`) or its key (to post a correction).
    link: String,
    key: String,
}

fn apply_page(
    st: &AppState,
    ctx: &Ctx,
    step: &'static str,
    typed: Application,
    errors: FormErrors,
    (org, link, key): (Option<OrgView>, String, String),
) -> AppResult<Response> {
    let lang = ctx.lang;
    let list = countries()
        .all()
        .iter()
        .map(|c| (c.code, c.name(lang).to_owned()));
    let failed = errors.any();
    let mut res = html(&ApplyPage {
        tr: Tr::new(lang),
        base: Base::anonymous(ctx),
        step,
        kinds: OrgKind::ALL.iter().map(|k| k.as_str()).collect(),
        countries: Opt::list(list, typed.country.trim()),
        typed,
        errors,
        max_mb: st.config.placement.document_max_mb,
        org,
        link,
        key,
    })?
    .into_response();
    if failed {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

fn none() -> (Option<OrgView>, String, String) {
    (None, String::new(), String::new())
}

/// `GET /organisations/apply`.
pub async fn apply_form(State(st): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let typed = Application::default();
    apply_page(&st, &ctx, "form", typed, FormErrors::default(), none())
}

/// `POST /organisations/apply` (multipart, with the PDFs).
pub async fn apply(State(st): State<AppState>, ctx: Ctx, form: Multipart) -> AppResult<Response> {
    let cap = st.config.placement.document_max_mb;
    let tr = Tr::new(ctx.lang);
    let f = match read_files(&ctx, form, &DOCUMENTS, cap, true).await {
        Ok(f) => f,
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&tr, e)?;
            return apply_page(&st, &ctx, "form", Application::default(), errors, none());
        }
    };
    let typed = Application::from_form(&f);
    match apply::apply(&st, &typed, &f, ctx.lang, &ctx.client_ip).await {
        Ok(done) => {
            let link = super::tell::application_link(&st, &done.number, &done.key);
            let o = apply::by_key(&st, &done.number, &done.key).await?;
            let v = view::build(&st, o, false).await?;
            let page = (Some(v), link, done.key);
            apply_page(&st, &ctx, "done", typed, FormErrors::default(), page)
        }
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&tr, e)?;
            apply_page(&st, &ctx, "form", typed, errors, none())
        }
    }
}

#[derive(Deserialize)]
pub struct KeyQuery {
    #[serde(default)]
    key: String,
}

fn typed_from(v: &OrgView) -> Application {
    Application {
        organisation_kind: v.kind.clone(),
        legal_name: v.legal_name.clone(),
        country: v.country.clone(),
        address: v.address.clone(),
        contact_name: v.contact_name.clone(),
        contact_mobile: v.contact_mobile.clone(),
        contact_email: v.contact_email.clone().unwrap_or_default(),
        licence_number: v.licence_number.clone().unwrap_or_default(),
        licence_expires_on: v
            .licence_expires_on
            .map(|d| d.to_string())
            .unwrap_or_default(),
    }
}

/// `GET /organisations/applications/{number}?key=`: the applicant's view (and, when returned,
/// the form to correct it).
pub async fn application(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(number): Path<String>,
    Query(q): Query<KeyQuery>,
) -> AppResult<Response> {
    let o = apply::by_key(&st, &number, &q.key).await?;
    let v = view::build(&st, o, false).await?;
    let typed = typed_from(&v);
    let page = (Some(v), String::new(), q.key);
    apply_page(&st, &ctx, "status", typed, FormErrors::default(), page)
}

/// `POST /organisations/applications/{number}?key=`: the corrected application.
pub async fn resubmit(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(number): Path<String>,
    Query(q): Query<KeyQuery>,
    form: Multipart,
) -> AppResult<Response> {
    let cap = st.config.placement.document_max_mb;
    let f = read_files(&ctx, form, &DOCUMENTS, cap, true).await?;
    let typed = Application::from_form(&f);
    match apply::resubmit(&st, &number, &q.key, &typed, &f, ctx.lang, &ctx.client_ip).await {
        Ok(o) => Ok(Redirect::to(&format!(
            "/organisations/applications/{}?key={}",
            o.number, q.key
        ))
        .into_response()),
        Err(e) => {
            let (_, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            let o = apply::by_key(&st, &number, &q.key).await?;
            let v = view::build(&st, o, false).await?;
            apply_page(
                &st,
                &ctx,
                "status",
                typed,
                errors,
                (Some(v), String::new(), q.key),
            )
        }
    }
}

#[derive(Template)]
#[template(path = "org_join.html")]
struct JoinPage {
    tr: Tr,
    base: Base,
    mobile: String,
    joined: Option<String>,
    errors: FormErrors,
}

/// `GET /organisations/join`.
pub async fn join_form(ctx: Ctx) -> AppResult<Response> {
    Ok(html(&JoinPage {
        tr: Tr::new(ctx.lang),
        base: Base::anonymous(&ctx),
        mobile: String::new(),
        joined: None,
        errors: FormErrors::default(),
    })?
    .into_response())
}

#[derive(Deserialize)]
pub struct JoinForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    #[serde(flatten)]
    join: Join,
}

/// `POST /organisations/join`.
pub async fn join(
    State(st): State<AppState>,
    ctx: Ctx,
    WebForm(f): WebForm<JoinForm>,
) -> AppResult<Response> {
    let result = match ctx.check_csrf(f.csrf.as_deref()) {
        Ok(()) => members::join(&st, &f.join, ctx.lang, &ctx.client_ip).await,
        Err(e) => Err(e),
    };
    let tr = Tr::new(ctx.lang);
    let (status, joined, errors) = match result {
        Ok(j) => (
            axum::http::StatusCode::OK,
            Some(j.organisation),
            FormErrors::default(),
        ),
        Err(e) => {
            let (status, errors) = FormErrors::from_error(&tr, e)?;
            (status, None, errors)
        }
    };
    let page = html(&JoinPage {
        tr,
        base: Base::anonymous(&ctx),
        mobile: f.join.mobile,
        joined,
        errors,
    })?;
    Ok((status, page).into_response())
}

#[derive(Template)]
#[template(path = "org_mine.html")]
struct MinePage {
    tr: Tr,
    base: Base,
    org: OrgView,
    typed_name: String,
    typed_mobile: String,
    invited: bool,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct InvitedQuery {
    #[serde(default)]
    invited: Option<String>,
}

/// `GET /organisation`: an organisation user's page (the record, its users, the invitation
/// form).
pub async fn mine(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<InvitedQuery>,
) -> AppResult<Response> {
    let org = view::mine(&st, &me).await?;
    Ok(html(&MinePage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        org,
        typed_name: String::new(),
        typed_mobile: String::new(),
        invited: q.invited.is_some(),
        errors: FormErrors::default(),
    })?
    .into_response())
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    #[serde(flatten)]
    member: NewMember,
}

/// `POST /organisation`: invite a colleague.
pub async fn invite(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<InviteForm>,
) -> AppResult<Response> {
    let result = match ctx.check_csrf(f.csrf.as_deref()) {
        Ok(()) => members::invite(&st, &me, &f.member, &ctx.client_ip).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/organisation?invited=1").into_response()),
        Err(e) => {
            let tr = Tr::new(ctx.lang);
            let (status, errors) = FormErrors::from_error(&tr, e)?;
            let page = html(&MinePage {
                tr,
                base: Base::new(&ctx, Some(&me)),
                org: view::mine(&st, &me).await?,
                typed_name: f.member.full_name,
                typed_mobile: f.member.mobile,
                invited: false,
                errors,
            })?;
            Ok((status, page).into_response())
        }
    }
}
