//! Organisations that recruit (issue 14, item 1): foreign employers, recruitment agencies and
//! licensed OEPs apply on a public form (`apply`), OEC administrators decide with a reason
//! (`decide`, which also suspends an OEP the day its licence expires), the contact person is
//! told (`tell`), an approved organisation's users join by invitation (`members`), and OEC reads
//! the whole record (`view`). A suspended or blacklisted organisation's users lose every right
//! on their next request (`auth::session`).

pub mod admin_pages;
pub mod agreement_api;
pub mod agreements;
pub mod api;
pub mod apply;
pub mod candidate_api;
pub mod candidate_labels;
pub mod candidates;
pub mod decide;
pub mod demand_api;
pub mod demand_pages;
pub mod demands;
pub mod documents;
pub mod fees;
pub mod fees_api;
pub mod jobs;
pub mod jobs_api;
pub mod members;
pub mod pages;
pub mod pipeline;
pub mod pipeline_api;
pub mod pool;
pub mod public;
pub mod receipt;
pub mod register;
pub mod stats;
pub mod stats_api;
pub mod tell;
pub mod tokens;
pub mod view;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The body limit of a route that takes the application's PDFs.
pub fn upload_limit(st: &AppState) -> DefaultBodyLimit {
    DefaultBodyLimit::max(
        (st.config.placement.document_max_mb as usize)
            .saturating_mul(2 << 20)
            .saturating_add(64 * 1024),
    )
}

pub fn router(st: &AppState) -> Router<AppState> {
    Router::new()
        .route(
            "/organisations/apply",
            get(pages::apply_form).post(pages::apply),
        )
        .route(
            "/organisations/applications/{number}",
            get(pages::application).post(pages::resubmit),
        )
        .route(
            "/organisations/join",
            get(pages::join_form).post(pages::join),
        )
        .route("/organisation", get(pages::mine).post(pages::invite))
        .route("/registers", get(public::page))
        .route("/registers/demands", get(public::demand_page))
        .route("/registers/demands/{number}", get(public::demand_page))
        .route("/registers/receipts", get(fees_api::page))
        .route("/registers/receipts/{number}", get(fees_api::page))
        .route(
            "/organisation/placements/{id}/service-charge",
            post(fees_api::org_form),
        )
        .route(
            "/organisation/placements/{id}/receipt.pdf",
            get(fees_api::org_receipt),
        )
        .route("/placements/{id}/service-charge", post(fees_api::my_form))
        .route("/placements/{id}/receipt.pdf", get(fees_api::my_receipt))
        .route("/jobs", get(jobs_api::page))
        .route(
            "/jobs/{id}",
            get(jobs_api::job_page).post(jobs_api::interest_form),
        )
        .route(
            "/organisation/demands",
            get(demand_pages::list).post(demand_pages::post),
        )
        .route(
            "/organisation/demands/{id}",
            get(demand_pages::mine).post(demand_pages::correct),
        )
        .route("/admin/demands", get(demand_pages::queue))
        .route("/organisation/candidates", get(candidate_api::page))
        .route(
            "/organisation/candidates/{id}",
            get(candidate_api::profile_page).post(pipeline_api::shortlist_form),
        )
        .route(
            "/organisation/demands/{id}/placements",
            get(pipeline_api::demand_list),
        )
        .route(
            "/organisation/placements/{id}",
            get(pipeline_api::org_page).post(pipeline_api::org_post),
        )
        .route("/placements", get(pipeline_api::my_list))
        .route(
            "/p",
            get(|| async { axum::response::Redirect::to("/placements") }),
        )
        .route(
            "/placements/{id}",
            get(pipeline_api::my_page).post(pipeline_api::my_post),
        )
        .route("/my-data/profile-views", get(candidate_api::views_page))
        .route(
            "/profile/skills",
            get(candidate_api::skills_form).post(candidate_api::skills_post),
        )
        .route("/placement/ranking", get(candidate_api::ranking))
        .route("/profile/hec", get(crate::hec::api::my_page))
        .route("/admin/placement-stats", get(stats_api::page))
        .route("/organisation/tokens", get(tokens::page).post(tokens::post))
        .route(
            "/organisation/tokens/{id}/revoke",
            axum::routing::post(tokens::revoke_form),
        )
        .route("/admin/hec", get(crate::hec::api::admin_page))
        .route(
            "/admin/hec/{id}",
            axum::routing::post(crate::hec::api::admin_post),
        )
        .route(
            "/admin/agreements",
            get(agreement_api::page).post(agreement_api::post),
        )
        .route(
            "/admin/demands/{id}",
            get(demand_pages::read).post(demand_pages::review),
        )
        .route("/admin/organisations", get(admin_pages::list))
        .route(
            "/admin/organisations/{id}",
            get(admin_pages::record).post(admin_pages::decide),
        )
        .route(
            "/admin/organisations/{id}/documents/{doc}",
            get(admin_pages::document),
        )
        .layer(upload_limit(st))
}

/// The organisation a complaint names, by its OEC number or its licence number; unknown is the
/// field's error.
pub async fn complained_about(st: &AppState, named: &str) -> AppResult<Uuid> {
    let upper = named.to_ascii_uppercase();
    if let Some(o) = psk_store::organisations::by_number(st.db.ex(), &upper).await? {
        return Ok(o.id);
    }
    if let Ok(l) = psk_domain::org::LicenceNumber::parse(named)
        && let Some(o) = psk_store::organisations::with_licence(st.db.ex(), l.as_str())
            .await?
            .into_iter()
            .next()
    {
        return Ok(o.id);
    }
    Err(AppError::field("organisation", "organisation_unknown"))
}
