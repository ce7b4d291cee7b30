//! Getting in: registration with OTP-verified mobile, sign-in, sign-out, password reset and email
//! verification, as web pages and as JSON API (`api.rs`). The rules live in `registration.rs`,
//! `signin.rs` and `reset.rs`; pages and API are thin.

pub mod api;
pub mod register_pages;
pub mod registration;
pub mod reset;
pub mod signin;
pub mod signin_pages;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/register",
            get(register_pages::register_form).post(register_pages::register_submit),
        )
        .route(
            "/register/verify",
            get(register_pages::verify_form).post(register_pages::verify_submit),
        )
        .route("/register/resend", post(register_pages::resend_submit))
        .route(
            "/sign-in",
            get(signin_pages::sign_in_form).post(signin_pages::sign_in_submit),
        )
        .route("/sign-out", post(signin_pages::sign_out))
        .route(
            "/password-reset",
            get(signin_pages::reset_form).post(signin_pages::reset_submit),
        )
        .route(
            "/password-reset/verify",
            get(signin_pages::reset_verify_form).post(signin_pages::reset_verify_submit),
        )
        .route("/email/verify", get(signin_pages::email_link))
}
