//! The privacy policy's promises to the worker (docs/PRIVACY.md maps each one to its code and
//! test): the purposes their data is used for and the consent ledger (`consent`, worded in
//! `policy/purposes.toml` through `wording`), as the "My privacy" page and the JSON API.

pub mod api;
pub mod consent;
pub mod pages;
pub mod wording;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/my-data/privacy", get(pages::page))
        .route("/my-data/privacy/{purpose}", post(pages::choose))
}
