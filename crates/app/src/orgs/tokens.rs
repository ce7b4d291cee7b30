//! API tokens for an organisation's own systems (issue 14, item 11). A user of an approved
//! organisation makes a named token (shown once), which acts as that user: it reaches only the
//! organisation's own demands, candidates it may see, and placements, and it stops with the
//! organisation's approval, the user's sign-out everywhere, its revocation or its end
//! (`placement.api_token_days`). A token cannot make more tokens.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use psk_domain::profile::BoundedText;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::candidates::my_org;
use crate::audit::Event;
use crate::auth::session::{CurrentUser, Kind, ORG_TOKEN_PREFIX};
use crate::crypto;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::errors::ProblemDoc;
use crate::web::extract::{ApiJson, FormPairs};
use crate::web::page::{Base, FormErrors, html};

/// A token as listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TokenView {
    pub id: Uuid,
    pub name: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked: bool,
}

/// A new token: `token` is shown this once.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NewToken {
    pub id: Uuid,
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenInput {
    /// What the token is for, such as "Our recruitment system".
    #[serde(default)]
    pub name: String,
}

fn not_with_a_token(me: &CurrentUser) -> AppResult<Uuid> {
    let org = my_org(me)?;
    if me.kind == Kind::OrgToken {
        return Err(AppError::Refused("token_cannot_manage_tokens"));
    }
    Ok(org)
}

pub async fn create(
    st: &AppState,
    me: &CurrentUser,
    input: &TokenInput,
    ip: &str,
) -> AppResult<NewToken> {
    let org = not_with_a_token(me)?;
    let name = BoundedText::parse(&input.name, 100)
        .map_err(|e| AppError::field("name", psk_domain::error::ErrorCode::code(&e)))?;
    let now = st.clock.now();
    let token = format!("{ORG_TOKEN_PREFIX}{}", crypto::new_token());
    let id = Uuid::new_v4();
    let expires_at = now + Duration::days(st.config.placement.api_token_days);
    let mut tx = st.db.begin().await?;
    psk_store::sessions::insert(
        tx.ex(),
        &psk_store::sessions::NewSession {
            id,
            token_hash: &crypto::token_hash(&token),
            user_id: me.id,
            kind: Kind::OrgToken.as_str(),
            device_id: None,
            now,
            expires_at,
        },
    )
    .await?;
    psk_store::org_extras::add_token(tx.ex(), id, org, name.as_str(), me.id).await?;
    Event::new("organisation.token_created")
        .actor(me.id)
        .ip(ip)
        .detail(json!({ "organisation": org, "token": id }))
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(NewToken {
        id,
        token,
        expires_at,
    })
}

pub async fn list(st: &AppState, me: &CurrentUser) -> AppResult<Vec<TokenView>> {
    let org = not_with_a_token(me)?;
    Ok(psk_store::org_extras::tokens(st.db.ex(), org)
        .await?
        .into_iter()
        .map(|t| TokenView {
            id: t.id,
            name: t.name,
            created_by: t.created_by,
            created_at: t.created_at,
            last_used_at: t.last_seen_at,
            expires_at: t.expires_at,
            revoked: t.revoked_at.is_some(),
        })
        .collect())
}

pub async fn revoke(st: &AppState, me: &CurrentUser, id: Uuid, ip: &str) -> AppResult<()> {
    let org = not_with_a_token(me)?;
    let mut tx = st.db.begin().await?;
    if !psk_store::org_extras::revoke_token(tx.ex(), id, org, st.clock.now()).await? {
        return Err(AppError::NotFound);
    }
    Event::new("organisation.token_revoked")
        .actor(me.id)
        .ip(ip)
        .detail(json!({ "organisation": org, "token": id }))
        .record(st, tx.ex())
        .await?;
    Ok(tx.commit().await?)
}

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api_list, api_create))
        .routes(routes!(api_revoke))
}

/// My organisation's API tokens (never the tokens themselves).
#[utoipa::path(get, path = "/api/v1/organisation/tokens", tag = "organisations", security(("bearer" = [])),
    responses((status = 200, body = Vec<TokenView>), (status = 403, body = ProblemDoc)))]
async fn api_list(
    State(st): State<AppState>,
    me: CurrentUser,
) -> AppResult<axum::Json<Vec<TokenView>>> {
    Ok(axum::Json(list(&st, &me).await?))
}

/// Makes a token for my organisation's own systems (`Authorization: Bearer psk.org.…`), shown
/// once; it acts as me and reaches only my organisation's data. A token cannot make tokens
/// (403 `token_cannot_manage_tokens`).
#[utoipa::path(post, path = "/api/v1/organisation/tokens", tag = "organisations", security(("bearer" = [])), request_body = TokenInput,
    responses((status = 201, body = NewToken), (status = 403, body = ProblemDoc), (status = 422, body = ProblemDoc)))]
async fn api_create(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    ApiJson(b): ApiJson<TokenInput>,
) -> AppResult<(StatusCode, axum::Json<NewToken>)> {
    Ok((
        StatusCode::CREATED,
        axum::Json(create(&st, &me, &b, &ctx.client_ip).await?),
    ))
}

/// Revokes one of my organisation's tokens (204); it stops on its next request.
#[utoipa::path(delete, path = "/api/v1/organisation/tokens/{id}", tag = "organisations", security(("bearer" = [])), params(("id" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ProblemDoc), (status = 404, body = ProblemDoc)))]
async fn api_revoke(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> AppResult<StatusCode> {
    revoke(&st, &me, id, &ctx.client_ip).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Template)]
#[template(path = "org_tokens.html")]
struct Page {
    tr: Tr,
    base: Base,
    tokens: Vec<TokenView>,
    made: Option<NewToken>,
    errors: FormErrors,
}

async fn page_with(
    st: &AppState,
    ctx: &Ctx,
    me: &CurrentUser,
    made: Option<NewToken>,
    errors: FormErrors,
) -> AppResult<Response> {
    let failed = errors.any();
    let mut res = html(&Page {
        tr: Tr::new(ctx.lang),
        base: Base::new(ctx, Some(me)),
        tokens: list(st, me).await?,
        made,
        errors,
    })?
    .into_response();
    if failed {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// `GET /organisation/tokens`.
pub async fn page(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    page_with(&st, &ctx, &me, None, FormErrors::default()).await
}

/// `POST /organisation/tokens`: a new token, shown on the page this once.
pub async fn post(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    let input = TokenInput {
        name: f.get("name").unwrap_or("").to_owned(),
    };
    match create(&st, &me, &input, &ctx.client_ip).await {
        Ok(t) => page_with(&st, &ctx, &me, Some(t), FormErrors::default()).await,
        Err(e) => {
            let errors = FormErrors::from_error(&Tr::new(ctx.lang), e)?.1;
            page_with(&st, &ctx, &me, None, errors).await
        }
    }
}

/// `POST /organisation/tokens/{id}/revoke`.
pub async fn revoke_form(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    f: FormPairs,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf())?;
    revoke(&st, &me, id, &ctx.client_ip).await?;
    Ok(Redirect::to("/organisation/tokens").into_response())
}
