//! The bundled lists the forms use: provinces, districts, countries, occupations (ISCO-08),
//! languages.

use axum::extract::Query;
use psk_domain::geo::{self, Entry};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;
use crate::web::context::Ctx;

#[derive(Serialize, ToSchema)]
pub struct Item {
    pub code: String,
    pub parent: Option<String>,
    /// In the request's language.
    pub name: String,
}

fn items<'a>(ctx: &Ctx, it: impl Iterator<Item = &'a Entry>) -> axum::Json<Vec<Item>> {
    axum::Json(
        it.map(|e| Item {
            code: e.code.into(),
            parent: (!e.parent.is_empty()).then(|| e.parent.into()),
            name: e.name(ctx.lang).into(),
        })
        .collect(),
    )
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(provinces))
        .routes(routes!(districts))
        .routes(routes!(countries))
        .routes(routes!(occupations))
        .routes(routes!(languages))
}

/// Provinces and territories of Pakistan.
#[utoipa::path(get, path = "/api/v1/reference/provinces", tag = "reference", responses((status = 200, body = Vec<Item>)))]
async fn provinces(ctx: Ctx) -> axum::Json<Vec<Item>> {
    items(&ctx, geo::provinces().all().iter())
}

#[derive(Deserialize, IntoParams)]
struct DistrictQuery {
    /// Only the districts of this province.
    province: Option<String>,
}

/// Districts, optionally of one province.
#[utoipa::path(get, path = "/api/v1/reference/districts", tag = "reference", params(DistrictQuery), responses((status = 200, body = Vec<Item>)))]
async fn districts(ctx: Ctx, Query(q): Query<DistrictQuery>) -> axum::Json<Vec<Item>> {
    items(
        &ctx,
        geo::districts()
            .all()
            .iter()
            .filter(|d| q.province.as_deref().is_none_or(|p| d.parent == p)),
    )
}

/// Countries (ISO 3166-1 alpha-2).
#[utoipa::path(get, path = "/api/v1/reference/countries", tag = "reference", responses((status = 200, body = Vec<Item>)))]
async fn countries(ctx: Ctx) -> axum::Json<Vec<Item>> {
    items(&ctx, geo::countries().all().iter())
}

/// Occupations: ISCO-08 unit groups (4-digit codes).
#[utoipa::path(get, path = "/api/v1/reference/occupations", tag = "reference", responses((status = 200, body = Vec<Item>)))]
async fn occupations(ctx: Ctx) -> axum::Json<Vec<Item>> {
    items(
        &ctx,
        geo::occupations()
            .all()
            .iter()
            .filter(|o| o.code.len() == 4),
    )
}

/// Languages a worker can say they speak (ISO 639-1, or 639-3 where it has no shorter code).
#[utoipa::path(get, path = "/api/v1/reference/languages", tag = "reference", responses((status = 200, body = Vec<Item>)))]
async fn languages(ctx: Ctx) -> axum::Json<Vec<Item>> {
    items(&ctx, geo::languages().all().iter())
}
