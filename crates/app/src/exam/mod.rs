//! The final test: rules in `service.rs`, web pages in `pages.rs`, JSON in `api.rs`.

pub mod answers;
pub mod api;
pub mod attempts;
pub mod pages;
pub mod service;
pub mod submission;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/test", get(pages::overview).post(pages::start))
        .route("/test/{id}", get(pages::attempt).post(pages::save))
        .route("/test/{id}/answer", post(pages::answer_one))
}
