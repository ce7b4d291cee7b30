//! The help desk (issue 13, item 7): tickets, their messages and files, the staff queue with
//! canned replies (`policy/replies.toml`) and escalation, help without signing in (`guest.rs`),
//! the public FAQ (`faq.rs`). Rules in `service.rs`; `pages.rs` (web)
//! and `api.rs` (JSON) are thin.

pub mod api;
pub mod desk;
pub mod faq;
pub mod guest;
pub mod guest_pages;
mod opening;
pub mod pages;
pub mod replies;
pub mod service;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router(st: &AppState) -> Router<AppState> {
    let upload = crate::identity::upload_limit(st);
    Router::new()
        .route("/help", get(pages::help).post(pages::open).layer(upload))
        .route("/help/faq", get(faq::page))
        .route(
            "/help/without-sign-in",
            get(guest_pages::form).post(guest_pages::request),
        )
        .route("/help/without-sign-in/confirm", post(guest_pages::confirm))
        .route(
            "/help/tickets/{id}",
            get(pages::ticket).post(pages::reply).layer(upload),
        )
        .route("/help/tickets/{id}/files/{file}", get(pages::file))
        .route("/support/tickets", get(pages::queue))
        .route(
            "/support/tickets/{id}",
            get(pages::desk_ticket).post(pages::answer).layer(upload),
        )
        .route("/support/tickets/{id}/files/{file}", get(pages::file))
}
