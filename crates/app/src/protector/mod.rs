//! The protector check: officers of the Protector of Emigrants offices and BE&OE systems look a
//! worker's certificate up and record the protector stamp (`service.rs`); machine clients
//! (`clients.rs`); web pages for officers (`pages.rs`); JSON (`api.rs`).

pub mod api;
pub mod clients;
pub mod history;
pub mod offices;
pub mod pages;
pub mod service;
pub mod stamps;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/protector", get(pages::page).post(pages::lookup))
        .route("/protector/stamp", post(pages::stamp))
        .route("/protector/day", get(pages::day))
        .route("/protector/offline", get(pages::offline))
}
