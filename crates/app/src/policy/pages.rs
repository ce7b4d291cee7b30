//! The policy pages: `/privacy` and `/terms` (the version in force), `/policies` (every version
//! with its date and change summary) and `/policies/{document}/{version}`, the dashboard's
//! "I have read it" (`POST /policies/seen`), and the administrators' `/admin/policies`.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use psk_domain::consent::{Basis, Purpose};
use psk_domain::role::Role;
use serde::Deserialize;

use super::{Block, Document, NewVersion, NewWording, VersionView};
use crate::auth::session::{CurrentUser, MaybeUser};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::WebForm;
use crate::web::page::{Base, FormErrors, Opt, html};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/privacy", get(privacy))
        .route("/terms", get(terms))
        .route("/policies", get(history))
        .route("/policies/{document}/{version}", get(one))
        .route("/policies/seen", post(seen))
        .route("/admin/policies", get(admin).post(publish))
}

#[derive(Template)]
#[template(path = "policy.html")]
struct PolicyPage {
    tr: Tr,
    base: Base,
    title: String,
    v: VersionView,
    blocks: Vec<Block>,
    in_force: bool,
}

async fn show(
    st: &AppState,
    ctx: &Ctx,
    user: Option<&CurrentUser>,
    document: Document,
    version: Option<&str>,
) -> AppResult<Response> {
    let v = super::version(st, document, version, ctx.lang).await?;
    let in_force = match version {
        None => true,
        Some(_) => super::version(st, document, None, ctx.lang).await?.version == v.version,
    };
    let tr = Tr::new(ctx.lang);
    Ok(html(&PolicyPage {
        title: tr.t(&format!("policy-document-{}", document.as_str())),
        base: Base::new(ctx, user),
        blocks: v.blocks(),
        tr,
        v,
        in_force,
    })?
    .into_response())
}

async fn privacy(
    State(st): State<AppState>,
    ctx: Ctx,
    MaybeUser(u): MaybeUser,
) -> AppResult<Response> {
    show(&st, &ctx, u.as_ref(), Document::Privacy, None).await
}

async fn terms(
    State(st): State<AppState>,
    ctx: Ctx,
    MaybeUser(u): MaybeUser,
) -> AppResult<Response> {
    show(&st, &ctx, u.as_ref(), Document::Terms, None).await
}

async fn one(
    State(st): State<AppState>,
    ctx: Ctx,
    MaybeUser(u): MaybeUser,
    Path((document, version)): Path<(String, String)>,
) -> AppResult<Response> {
    let document = Document::parse(&document).ok_or(AppError::NotFound)?;
    show(&st, &ctx, u.as_ref(), document, Some(&version)).await
}

/// A version in a list, with its document's name.
struct Row {
    v: VersionView,
    document: String,
}

#[derive(Template)]
#[template(path = "policies.html")]
struct HistoryPage {
    tr: Tr,
    base: Base,
    rows: Vec<Row>,
}

fn rows(tr: &Tr, versions: Vec<VersionView>) -> Vec<Row> {
    versions
        .into_iter()
        .map(|v| Row {
            document: tr.t(&format!("policy-document-{}", v.document.as_str())),
            v,
        })
        .collect()
}

async fn history(
    State(st): State<AppState>,
    ctx: Ctx,
    MaybeUser(u): MaybeUser,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    Ok(html(&HistoryPage {
        base: Base::new(&ctx, u.as_ref()),
        rows: rows(&tr, super::history(&st, ctx.lang).await?),
        tr,
    })?
    .into_response())
}

#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

/// `POST /policies/seen`: the worker read the changes on their dashboard.
async fn seen(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<CsrfOnly>,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf.as_deref())?;
    super::acknowledge(&st, &me, &ctx.client_ip).await?;
    Ok(Redirect::to("/dashboard").into_response())
}

/// The publishing form as typed (one new wording at most: the API takes several).
#[derive(Debug, Clone, Default, Deserialize)]
struct PublishForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    #[serde(default)]
    document: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    material: Option<String>,
    #[serde(default)]
    summary_en: String,
    #[serde(default)]
    summary_ur: String,
    #[serde(default)]
    body_en: String,
    #[serde(default)]
    body_ur: String,
    #[serde(default)]
    wording_purpose: String,
    #[serde(default)]
    wording_title_en: String,
    #[serde(default)]
    wording_title_ur: String,
    #[serde(default)]
    wording_text_en: String,
    #[serde(default)]
    wording_text_ur: String,
}

/// A text box of the publishing form.
struct Area {
    name: &'static str,
    label: String,
    rows: u32,
    value: String,
    error: String,
    rtl: bool,
}

impl Area {
    /// Box `name` (its label is `field-<name>` with dashes; `_ur` boxes are right-to-left).
    fn new(tr: &Tr, errors: &FormErrors, name: &'static str, rows: u32, value: &str) -> Self {
        Self {
            name,
            label: tr.t(&format!("field-{}", name.replace('_', "-"))),
            rows,
            value: value.to_owned(),
            error: errors.get(name).to_owned(),
            rtl: name.ends_with("_ur"),
        }
    }
}

#[derive(Template)]
#[template(path = "admin_policies.html")]
struct AdminPage {
    tr: Tr,
    base: Base,
    rows: Vec<Row>,
    documents: Vec<Opt>,
    purposes: Vec<Opt>,
    texts: Vec<Area>,
    wording_texts: Vec<Area>,
    typed: PublishForm,
    errors: FormErrors,
    published: bool,
}

async fn admin_page(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    typed: PublishForm,
    errors: FormErrors,
    published: bool,
) -> AppResult<Response> {
    me.require(&[Role::Administrator])?;
    let tr = Tr::new(ctx.lang);
    let documents = Opt::list(
        Document::ALL
            .iter()
            .map(|d| (d.as_str(), tr.t(&format!("policy-document-{}", d.as_str())))),
        &typed.document,
    );
    let wording = crate::privacy::wording::current(st.db.ex()).await?;
    let purposes = Opt::list(
        Purpose::ALL
            .iter()
            .filter(|p| p.basis() == Basis::Choice)
            .map(|p| (p.as_str(), wording.get(*p).title(ctx.lang).to_owned())),
        &typed.wording_purpose,
    );
    let t = &typed;
    let texts = vec![
        Area::new(&tr, &errors, "summary_en", 3, &t.summary_en),
        Area::new(&tr, &errors, "summary_ur", 3, &t.summary_ur),
        Area::new(&tr, &errors, "body_en", 14, &t.body_en),
        Area::new(&tr, &errors, "body_ur", 14, &t.body_ur),
    ];
    let wording_texts = vec![
        Area::new(&tr, &errors, "wording_text_en", 4, &t.wording_text_en),
        Area::new(&tr, &errors, "wording_text_ur", 4, &t.wording_text_ur),
    ];
    Ok(html(&AdminPage {
        base: Base::new(ctx, Some(me)),
        rows: rows(&tr, super::history(st, ctx.lang).await?),
        texts,
        wording_texts,
        documents,
        purposes,
        typed,
        errors,
        published,
        tr,
    })?
    .into_response())
}

async fn admin(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    admin_page(
        &st,
        &ctx,
        &me,
        PublishForm::default(),
        FormErrors::default(),
        false,
    )
    .await
}

async fn publish(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<PublishForm>,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf.as_deref())?;
    let wordings = if f.wording_purpose.trim().is_empty() {
        vec![]
    } else {
        vec![NewWording {
            purpose: f.wording_purpose.clone(),
            title_en: f.wording_title_en.clone(),
            title_ur: f.wording_title_ur.clone(),
            text_en: f.wording_text_en.clone(),
            text_ur: f.wording_text_ur.clone(),
        }]
    };
    let input = NewVersion {
        document: f.document.clone(),
        version: f.version.clone(),
        material: f.material.is_some(),
        summary_en: f.summary_en.clone(),
        summary_ur: f.summary_ur.clone(),
        body_en: f.body_en.clone(),
        body_ur: f.body_ur.clone(),
        wordings,
    };
    match super::publish(&st, &me, &input, &ctx.client_ip).await {
        Ok(_) => {
            admin_page(
                &st,
                &ctx,
                &me,
                PublishForm::default(),
                FormErrors::default(),
                true,
            )
            .await
        }
        Err(e) => {
            let (status, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            let page = admin_page(&st, &ctx, &me, f, errors, false).await?;
            Ok((status, page).into_response())
        }
    }
}
