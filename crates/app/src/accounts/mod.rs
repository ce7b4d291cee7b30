//! Getting in: registration with OTP-verified mobile, sign-in, sign-out, password reset and email
//! verification, as web pages and as JSON API (`api.rs`). The rules live in `registration.rs`,
//! `signin.rs` and `reset.rs`; pages and API are thin.

pub mod api;
pub mod pages;
pub mod registration;
pub mod reset;
pub mod signin;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/register",
            get(pages::register_form).post(pages::register_submit),
        )
        .route(
            "/register/verify",
            get(pages::verify_form).post(pages::verify_submit),
        )
        .route("/register/resend", post(pages::resend_submit))
        .route(
            "/sign-in",
            get(pages::sign_in_form).post(pages::sign_in_submit),
        )
        .route("/sign-out", post(pages::sign_out))
        .route(
            "/password-reset",
            get(pages::reset_form).post(pages::reset_submit),
        )
        .route(
            "/password-reset/verify",
            get(pages::reset_verify_form).post(pages::reset_verify_submit),
        )
        .route("/email/verify", get(pages::email_link))
}
