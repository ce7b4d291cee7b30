//! The signed-in person's own account: dashboard (profile, devices, the steps ahead), profile
//! editing (contact details, consents, education, employment, intended move) and devices, as web
//! pages and as JSON API. Rules in `service.rs`.

pub mod api;
pub mod pages;
pub mod service;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(pages::dashboard))
        .route("/profile", get(pages::profile))
        .route("/profile/contact", post(pages::save_contact))
        .route("/profile/consents", post(pages::save_consents))
        .route("/profile/education", post(pages::add_education))
        .route(
            "/profile/education/{id}/delete",
            post(pages::delete_education),
        )
        .route("/profile/employment", post(pages::add_employment))
        .route(
            "/profile/employment/{id}/delete",
            post(pages::delete_employment),
        )
        .route("/profile/move", post(pages::save_intended_move))
        .route("/devices/{id}/sign-out", post(pages::sign_out_device))
}
