//! The home page: what the programme is, who must take it, and the steps.

use askama::Template;
use axum::Router;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::auth::session::MaybeUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::page::{Base, html};

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(home))
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    tr: Tr,
    base: Base,
    steps: Vec<(String, String)>,
}

async fn home(ctx: Ctx, MaybeUser(user): MaybeUser) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let steps = ["register", "learn", "test", "certificate", "protector"]
        .iter()
        .map(|k| {
            (
                tr.t(&format!("step-{k}-title")),
                tr.t(&format!("step-{k}-text")),
            )
        })
        .collect();
    Ok(html(&HomePage {
        tr,
        base: Base::new(&ctx, user.as_ref()),
        steps,
    })?
    .into_response())
}
