//! `/api/v1/me/privacy` and `/api/v1/me/consents/{purpose}`: the "My privacy" page for the app.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use psk_domain::consent::{Channel, Purpose};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::consent::{self, PrivacyView};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::ApiJson;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(privacy))
        .routes(routes!(set_consent))
}

/// My privacy: every purpose my data is used for, in my language, with its state (the law's
/// purposes are marked `law` and are not a choice), and the ledger of every consent I gave or
/// withdrew.
#[utoipa::path(get, path = "/api/v1/me/privacy", tag = "me", security(("bearer" = [])),
    responses((status = 200, body = PrivacyView), (status = 401, body = ProblemDoc)))]
async fn privacy(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
) -> AppResult<axum::Json<PrivacyView>> {
    Ok(axum::Json(consent::view(&st, me.id, ctx.lang).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
struct ConsentChoice {
    /// `true` to give the consent, `false` to withdraw it.
    granted: bool,
}

/// Give or withdraw one consent. It takes effect on the next request everywhere. The law's
/// purposes (`training`, `protector_check`) answer 422 `consent_required_by_law`.
#[utoipa::path(put, path = "/api/v1/me/consents/{purpose}", tag = "me", security(("bearer" = [])),
    params(("purpose" = Purpose, Path)), request_body = ConsentChoice,
    responses((status = 204), (status = 404, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn set_consent(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(purpose): Path<String>,
    ApiJson(body): ApiJson<ConsentChoice>,
) -> AppResult<StatusCode> {
    let purpose = Purpose::parse(&purpose).map_err(|_| AppError::NotFound)?;
    consent::set(
        &st,
        me.id,
        purpose,
        body.granted,
        Channel::Api,
        &ctx.client_ip,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
