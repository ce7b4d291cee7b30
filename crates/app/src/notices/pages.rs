//! `/notices`: the worker's messages from the portal, newest first, unread ones marked, with a
//! button to mark one or all read (no JavaScript).

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use uuid::Uuid;

use super::NoticeView;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::WebForm;
use crate::web::page::{Base, html};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notices", get(page))
        .route("/notices/read", post(read))
}

#[derive(Template)]
#[template(path = "notices.html")]
struct NoticesPage {
    tr: Tr,
    base: Base,
    notices: Vec<NoticeView>,
    unread: usize,
}

/// `GET /notices`.
async fn page(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    let notices = super::list(&st, me.id, ctx.lang, false).await?;
    let unread = notices.iter().filter(|n| !n.read).count();
    Ok(html(&NoticesPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        notices,
        unread,
    })?
    .into_response())
}

#[derive(Deserialize)]
struct ReadForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    /// One notice; empty: all of them.
    #[serde(default)]
    id: String,
}

/// `POST /notices/read`: one notice (`id`) or all read.
async fn read(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    WebForm(f): WebForm<ReadForm>,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf.as_deref())?;
    let id = match f.id.trim() {
        "" => None,
        s => Some(Uuid::parse_str(s).map_err(|_| AppError::NotFound)?),
    };
    super::mark_read(&st, me.id, id).await?;
    Ok(Redirect::to("/notices").into_response())
}
