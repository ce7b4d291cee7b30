//! The signed-in person's own account: dashboard (profile, devices, the steps ahead), profile
//! editing (contact details, consents, education, employment, intended move) and devices, as web
//! pages and as JSON API. Rules in `service.rs`.

pub mod access_log;
pub mod activity;
pub mod api;
pub mod dashboard;
pub mod device_name;
pub mod profile_forms;
pub mod profile_pages;
pub mod service;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(dashboard::dashboard))
        .route("/my-data", get(dashboard::export))
        .route("/my-data/access", get(access_log::page))
        .route("/profile", get(profile_pages::profile))
        .route("/profile/contact", post(profile_forms::save_contact))
        .route("/profile/education", post(profile_forms::add_education))
        .route(
            "/profile/education/{id}/delete",
            post(profile_forms::delete_education),
        )
        .route("/profile/employment", post(profile_forms::add_employment))
        .route(
            "/profile/employment/{id}/delete",
            post(profile_forms::delete_employment),
        )
        .route("/profile/move", post(profile_forms::save_intended_move))
        .route(
            "/devices/{id}/sign-out",
            post(profile_forms::sign_out_device),
        )
}
