//! The privacy policy's promises to the worker (docs/PRIVACY.md maps each one to its code and
//! test): the purposes their data is used for and the consent ledger (`consent`, worded in
//! `policy/purposes.toml` through `wording`), as the "My privacy" page and the JSON API.

pub mod api;
pub mod consent;
pub mod decisions;
pub mod erasure;
pub mod pages;
pub mod request_api;
pub mod request_pages;
pub mod requests;
pub mod wording;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router(st: &AppState) -> Router<AppState> {
    let upload = crate::identity::upload_limit(st);
    Router::new()
        .route("/my-data/privacy", get(pages::page))
        .route("/my-data/privacy/{purpose}", post(pages::choose))
        .route(
            "/my-data/requests",
            get(request_pages::mine)
                .post(request_pages::file)
                .layer(upload),
        )
        .route("/support/data-requests", get(request_pages::queue))
        .route(
            "/support/data-requests/{id}",
            get(request_pages::request).post(request_pages::decide),
        )
        .route(
            "/support/data-requests/{id}/evidence",
            get(request_pages::evidence),
        )
}
