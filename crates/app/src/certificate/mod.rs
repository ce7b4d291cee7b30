//! Certificates: issued with a pass (`service::issue`), signed (`keys`, `psk_cert`), drawn as a
//! QR code (`qr`), checked by anyone at `/verify` and in the API (`pages`, `api`), recent answers
//! kept a few seconds in memory (`cache`).

pub mod api;
pub mod cache;
pub mod corrections;
pub mod keys;
pub mod pages;
pub mod pdf;
pub mod qr;
pub mod service;
pub mod trust_list;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/certificate", get(pages::mine))
        .route("/certificate/{number}/qr.png", get(pages::qr_png))
        .route("/certificate/{number}/certificate.pdf", get(pages::pdf))
        .route("/certificate/{number}/certificate.png", get(pages::png))
        .route(
            "/api/v1/me/certificates/{number}/certificate.png",
            get(pages::png),
        )
        .route(
            "/api/v1/me/certificates/{number}/certificate.pdf",
            get(pages::pdf),
        )
        .route("/verify", get(pages::verify))
        // The QR code's link (psk_cert::link): as printed, and as a phone may lower its case.
        .route("/V/{digits}", get(pages::verify_link))
        .route("/v/{digits}", get(pages::verify_link))
        .route(
            "/api/v1/me/certificates/{number}/qr.png",
            get(pages::qr_png),
        )
}
