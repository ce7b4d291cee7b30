//! Administration: staff accounts and roles (also from the command line: `softskills admin …`),
//! audited reads of another person's record for support agents and administrators, and the course
//! settings (helplines, fees, contacts) lessons cite.

pub mod api;
pub mod certificates;
pub mod service;
pub mod settings;

use axum::Router;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/settings", get(settings::page).post(settings::save))
        .route(
            "/admin/certificates",
            get(certificates::page).post(certificates::act),
        )
}
