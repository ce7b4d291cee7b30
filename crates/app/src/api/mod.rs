//! The JSON API under `/api/v1` (the mobile app and machine clients use it) and its OpenAPI 3
//! document at `/api/openapi.json`, generated from the handlers' annotations. Errors are
//! `application/problem+json` (RFC 9457) with a stable `code` and per-field `errors`.

mod exact;
pub mod reference;

use axum::Router;
use axum::routing::get;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;

use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "PakSoftSkills API", version = "1", description = "Registration, sign-in and profile of the PakSoftSkills portal. Authenticate with `Authorization: Bearer <token>` from `POST /api/v1/sessions` or registration. Send `Accept-Language: ur` for Urdu messages. Errors are RFC 9457 problem documents with a stable `code`."),
    modifiers(&BearerAuth),
    components(schemas(crate::web::errors::ProblemDoc, crate::web::errors::FieldProblem))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "basic",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Basic).build()),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every API route, and the document describing them.
pub fn router(st: &AppState) -> Router<AppState> {
    let (router, doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(crate::access::api::routes())
        .merge(crate::account::api::routes())
        .merge(crate::privacy::api::routes())
        .merge(crate::notices::api::routes())
        .merge(crate::policy::api::routes())
        .merge(crate::helpdesk::faq::routes())
        .merge(crate::privacy::request_api::routes(st))
        .merge(crate::identity::api::routes(st))
        .merge(crate::support::api::routes())
        .merge(crate::helpdesk::api::routes(st))
        .merge(crate::orgs::api::routes(st))
        .merge(crate::orgs::public::routes())
        .merge(crate::orgs::demand_api::routes())
        .merge(crate::orgs::jobs_api::routes())
        .merge(crate::orgs::candidate_api::routes())
        .merge(crate::orgs::pipeline_api::routes())
        .merge(crate::orgs::fees_api::routes())
        .merge(crate::hec::api::routes())
        .merge(crate::orgs::stats_api::routes())
        .merge(crate::orgs::tokens::routes())
        .merge(crate::orgs::agreement_api::routes())
        .merge(crate::admin::api::routes())
        .merge(crate::learning::api::routes())
        .merge(crate::exam::api::routes())
        .merge(crate::certificate::api::routes())
        .merge(crate::protector::api::routes())
        .merge(reference::routes())
        .split_for_parts();
    let mut json = serde_json::to_value(&doc).expect("the OpenAPI document serialises");
    exact::exact(&mut json);
    let json = serde_json::to_string_pretty(&json).expect("the OpenAPI document serialises");
    router.route(
        "/api/openapi.json",
        get(move || {
            let json = json.clone();
            async move {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    json,
                )
            }
        }),
    )
}
