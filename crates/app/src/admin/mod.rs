//! Administration: staff accounts and roles (also from the command line: `softskills admin …`),
//! and audited reads of another person's record for support agents and administrators.

pub mod api;
pub mod service;

use axum::Router;

use crate::state::AppState;

/// The admin features are API-only for now; the router exists so pages can join later.
pub fn router() -> Router<AppState> {
    Router::new()
}
