//! The authoring actions on the draft as a whole (content admins only): a new file, deleting a
//! file, starting again from the published version, publishing, and the `.tar.gz` export.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use super::pages::refused;
use super::service::{self, AUTHORS, Edit, Refused};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::FormPairs;
use crate::web::page::FormErrors;

pub async fn create(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    ctx.check_csrf(form.csrf())?;
    let path = form.get("path").unwrap_or("").trim().to_owned();
    let text = form.get("text").unwrap_or("").replace("\r\n", "\n");
    let edit = Edit {
        path: path.clone(),
        text: text.clone(),
        base: String::new(),
    };
    let tr = Tr::new(ctx.lang);
    let (problems, message) = match service::save(&st, &me, &[edit], &ctx.client_ip).await? {
        Ok(()) => return Ok(Redirect::to("/author?notice=created").into_response()),
        Err(Refused::Problems(ps)) => (ps, tr.t("author-file-problems")),
        Err(Refused::Conflict(_)) => (vec![], tr.t("author-exists")),
    };
    refused(
        &st,
        &ctx,
        &me,
        FormErrors::general(message),
        Some(problems),
        (path, text),
    )
    .await
}

pub async fn delete(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    ctx.check_csrf(form.csrf())?;
    service::delete(&st, &me, form.get("path").unwrap_or(""), &ctx.client_ip).await?;
    Ok(Redirect::to("/author?notice=deleted").into_response())
}

pub async fn restart(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    ctx.check_csrf(form.csrf())?;
    service::start_draft(&st, &me).await?;
    Ok(Redirect::to("/author?notice=restarted").into_response())
}

pub async fn publish(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    me.require(AUTHORS)?;
    ctx.check_csrf(form.csrf())?;
    match service::publish(&st, &me).await? {
        Ok(i) => {
            let notice = if i.new { "published" } else { "unchanged" };
            let version: String = crate::web::errors::urlencode(&i.label);
            Ok(Redirect::to(&format!("/author?notice={notice}&version={version}")).into_response())
        }
        Err(problems) => {
            let tr = Tr::new(ctx.lang);
            let msg = tr.t1("author-draft-problems", "count", problems.len());
            refused(
                &st,
                &ctx,
                &me,
                FormErrors::general(msg),
                Some(problems),
                Default::default(),
            )
            .await
        }
    }
}

/// The draft as `content/` files in a `.tar.gz`, for review (`git diff` after unpacking).
pub async fn export(State(st): State<AppState>, me: CurrentUser) -> AppResult<Response> {
    let files = service::draft(&st, &me).await?;
    let bytes = service::tar_gz(&files)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/gzip"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"content-draft.tar.gz\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        bytes,
    )
        .into_response())
}
