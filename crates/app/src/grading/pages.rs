//! The grading pages.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::service::{self, ToGrade};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::FormPairs;
use crate::web::page::{Base, FormErrors, html};

#[derive(Template)]
#[template(path = "grading.html")]
struct QueuePage {
    tr: Tr,
    base: Base,
    items: Vec<ToGrade>,
}

pub async fn queue(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    let items = service::queue(&st, &me, ctx.lang.is_rtl()).await?;
    Ok(html(&QueuePage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        items,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "grade.html")]
struct GradePage {
    tr: Tr,
    base: Base,
    item: ToGrade,
    errors: FormErrors,
}

pub async fn form(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<Response> {
    let item = service::one(&st, &me, id, ctx.lang.is_rtl()).await?;
    Ok(html(&GradePage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        item,
        errors: FormErrors::default(),
    })?
    .into_response())
}

pub async fn submit(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    form: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(form.csrf())?;
    let met = form
        .0
        .iter()
        .filter(|(k, _)| k.starts_with("criterion_"))
        .count();
    let accept = form.get("decision") == Some("accept");
    match service::decide(&st, &me, id, met, accept, form.get("note")).await {
        Ok(()) => Ok(Redirect::to("/grading").into_response()),
        Err(e) => {
            let tr = Tr::new(ctx.lang);
            let (status, errors) = FormErrors::from_error(&tr, e)?;
            let item = service::one(&st, &me, id, tr.is_ur()).await?;
            let mut res = html(&GradePage {
                tr,
                base: Base::new(&ctx, Some(&me)),
                item,
                errors,
            })?
            .into_response();
            *res.status_mut() = status;
            Ok(res)
        }
    }
}
