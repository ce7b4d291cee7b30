//! Support staff tools (issue 13, item 8): look up a worker (reason required, audited), see their
//! journey, act through audited paths only. Rules in `service.rs`; `pages.rs` (web) and `api.rs`
//! (JSON) are thin.

pub mod actions;
pub mod api;
pub mod pages;
pub mod service;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router(st: &AppState) -> Router<AppState> {
    Router::new()
        .route("/support", get(pages::desk).post(pages::find))
        .route("/support/users/{id}", get(pages::journey))
        .route("/support/users/{id}/unlock", post(pages::unlock))
        .route("/support/users/{id}/password-reset", post(pages::reset))
        .route("/support/users/{id}/test-grant", post(pages::grant))
        .route(
            "/support/users/{id}/mobile",
            post(pages::mobile).layer(crate::identity::upload_limit(st)),
        )
        .route("/support/registrations/{id}/resend", post(pages::resend))
}
