//! `/help/without-sign-in`: a help request from someone who cannot sign in, in three steps on
//! one page (the request, the code, the number), plain forms, no JavaScript.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::ticket::Category;
use serde::Deserialize;
use uuid::Uuid;

use super::guest::{self, GuestTicket};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::WebForm;
use crate::web::page::{Base, FormErrors, html};

#[derive(Template)]
#[template(path = "help_guest.html")]
struct GuestPage {
    tr: Tr,
    base: Base,
    /// `request`, `code` or `done`.
    step: &'static str,
    categories: Vec<&'static str>,
    typed: GuestTicket,
    draft: String,
    number: String,
    errors: FormErrors,
}

fn page(
    ctx: &Ctx,
    step: &'static str,
    (typed, draft, number): (GuestTicket, String, String),
    errors: FormErrors,
) -> AppResult<Response> {
    Ok(html(&GuestPage {
        tr: Tr::new(ctx.lang),
        base: Base::anonymous(ctx),
        step,
        categories: Category::ALL.iter().map(|c| c.as_str()).collect(),
        typed,
        draft,
        number,
        errors,
    })?
    .into_response())
}

/// `GET /help/without-sign-in` (`?id=` once the code is on its way).
pub async fn form(ctx: Ctx, Query(q): Query<DraftQuery>) -> AppResult<Response> {
    let step = if q.id.is_some() { "code" } else { "request" };
    let draft = q.id.map(|i| i.to_string()).unwrap_or_default();
    let none = (GuestTicket::default(), draft, String::new());
    page(&ctx, step, none, FormErrors::default())
}

#[derive(Deserialize)]
pub struct DraftQuery {
    #[serde(default)]
    id: Option<Uuid>,
}

#[derive(Deserialize)]
pub struct RequestForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    #[serde(flatten)]
    typed: GuestTicket,
}

/// `POST /help/without-sign-in`: the request; a code goes to the mobile.
pub async fn request(
    State(st): State<AppState>,
    ctx: Ctx,
    WebForm(f): WebForm<RequestForm>,
) -> AppResult<Response> {
    let typed = f.typed;
    let result = match ctx.check_csrf(f.csrf.as_deref()) {
        Ok(()) => guest::start(&st, &typed, ctx.lang, &ctx.client_ip).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(s) => {
            Ok(Redirect::to(&format!("/help/without-sign-in?id={}", s.draft_id)).into_response())
        }
        Err(e) => {
            let (status, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            let res = page(
                &ctx,
                "request",
                (typed, String::new(), String::new()),
                errors,
            )?;
            Ok((status, res).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    id: Uuid,
    #[serde(default)]
    code: String,
}

/// `POST /help/without-sign-in/confirm`: the code; the ticket's number is shown and sent.
pub async fn confirm(
    State(st): State<AppState>,
    ctx: Ctx,
    WebForm(f): WebForm<CodeForm>,
) -> AppResult<Response> {
    let result = match ctx.check_csrf(f.csrf.as_deref()) {
        Ok(()) => guest::confirm(&st, f.id, &f.code, &ctx.client_ip).await,
        Err(e) => Err(e),
    };
    let draft = f.id.to_string();
    match result {
        Ok(o) => page(
            &ctx,
            "done",
            (GuestTicket::default(), draft, o.number),
            FormErrors::default(),
        ),
        Err(e) => {
            let (status, errors) = FormErrors::from_error(&Tr::new(ctx.lang), e)?;
            let res = page(
                &ctx,
                "code",
                (GuestTicket::default(), draft, String::new()),
                errors,
            )?;
            Ok((status, res).into_response())
        }
    }
}
