//! Authoring the course in the browser (content admins): edit the draft's files in both
//! languages with a preview, upload lesson videos and captions, publish the draft as a new
//! version, and export it back to the `content/` format. Rules in `service.rs`; `pages.rs`
//! is thin.

pub mod draft_actions;
pub mod edit_page;
pub mod media_upload;
pub mod pages;
pub mod service;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router(st: &AppState) -> Router<AppState> {
    // A question bank with its Urdu is a few hundred KB once form-encoded.
    let files_limit = DefaultBodyLimit::max(4 * service::MAX_FILE_BYTES);
    let upload_limit =
        DefaultBodyLimit::max((st.config.media.max_upload_mb as usize).saturating_mul(1 << 20));
    Router::new()
        .route("/author", get(pages::overview))
        .route(
            "/author/edit",
            get(pages::edit).post(pages::save).layer(files_limit),
        )
        .route("/author/new", post(pages::create).layer(files_limit))
        .route("/author/delete", post(pages::delete))
        .route("/author/publish", post(pages::publish))
        .route("/author/restart", post(pages::restart))
        .route("/author/export", get(pages::export))
        .route("/author/media", post(pages::upload).layer(upload_limit))
}
