//! Identity over time (issue 13, item 9): a renewed passport (the old one kept in the history,
//! the protector's look-up works with both), a new mobile number (by the worker with a code to the
//! new number and their password, or by a support agent who checked the person), and the evidence
//! files behind them (`evidence`: recognised by content, capped, encrypted in the object store).

pub mod api;
pub mod evidence;
pub mod mobile;
pub mod pages;
pub mod passport;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;

/// The web routes. Uploads may be as large as the evidence cap (plus the form's other fields);
/// the cap itself is enforced while the file streams in.
pub fn router(st: &AppState) -> Router<AppState> {
    Router::new()
        .route("/my-data/identity", get(pages::page))
        .route(
            "/my-data/identity/passport",
            post(pages::renew).layer(upload_limit(st)),
        )
        .route("/my-data/identity/mobile", post(pages::start_mobile))
        .route(
            "/my-data/identity/mobile/{id}",
            get(pages::code).post(pages::confirm),
        )
}

/// The body limit of a route that takes an evidence file.
pub fn upload_limit(st: &AppState) -> DefaultBodyLimit {
    DefaultBodyLimit::max(
        (st.config.identity.evidence_max_mb as usize)
            .saturating_mul(1 << 20)
            .saturating_add(64 * 1024),
    )
}
