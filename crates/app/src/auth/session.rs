//! Sessions: created at sign-in (with the device recorded), found from the `pss_session` cookie
//! on the web or the `Authorization: Bearer` header in the API, each token good for its own kind
//! only, expiring when idle and at the latest a fixed time after sign-in, revocable.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use chrono::Duration;
use psk_domain::role::Role;
use psk_store::Ex;
use psk_store::devices::SeenDevice;
use psk_store::sessions::{self, NewSession};
use uuid::Uuid;

use crate::crypto;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::web::context::Ctx;

/// Web (cookie) or app (bearer token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Web,
    Api,
    /// An organisation's API token (`orgs::tokens`): long-lived, for its own systems.
    OrgToken,
}

/// What an organisation's API token starts with ('.' is outside the other tokens' alphabet).
pub const ORG_TOKEN_PREFIX: &str = "psk.org.";

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Web => "web",
            Kind::Api => "api",
            Kind::OrgToken => "org_token",
        }
    }
}

/// The one device key of every app that does not name its device.
pub const UNIDENTIFIED_APP: &str = "unidentified-app";

/// The device details the mobile app sends as headers (`X-Device-Id`, `X-Device-Model`,
/// `X-Device-OS`, `X-App-Version`); browsers are known by the `pss_device` cookie.
#[derive(Debug, Clone, Default)]
pub struct DeviceInfo {
    pub key: String,
    pub kind: &'static str,
    pub model: Option<String>,
    pub os: Option<String>,
    pub app_version: Option<String>,
    pub user_agent: Option<String>,
}

impl DeviceInfo {
    pub fn from_request(ctx: &Ctx, headers: &axum::http::HeaderMap) -> Self {
        let get = |n: &str| {
            headers
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.trim().chars().take(100).collect::<String>())
                .filter(|s| !s.is_empty())
        };
        match get("x-device-id") {
            Some(id) => Self {
                key: id,
                kind: "app",
                model: get("x-device-model"),
                os: get("x-device-os"),
                app_version: get("x-app-version"),
                user_agent: ctx.user_agent.clone(),
            },
            // An app that does not name its device is one device, not a new one per sign-in.
            None if ctx.is_api => Self {
                key: UNIDENTIFIED_APP.into(),
                kind: "app",
                user_agent: ctx.user_agent.clone(),
                ..Default::default()
            },
            None => Self {
                key: ctx.device_key.clone(),
                kind: "browser",
                user_agent: ctx.user_agent.clone(),
                ..Default::default()
            },
        }
    }
}

/// A new session's secret token (given to the client once) and its expiry.
pub struct Issued {
    pub token: String,
    pub session_id: Uuid,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

pub fn idle_limit(st: &AppState, kind: Kind) -> Duration {
    match kind {
        Kind::Web => Duration::minutes(st.config.sessions.web_idle_minutes),
        Kind::Api => Duration::days(st.config.sessions.api_idle_days),
        Kind::OrgToken => Duration::days(st.config.placement.api_token_days),
    }
}

/// How long a session may last from sign-in, however often it is used.
pub fn absolute_limit(st: &AppState, kind: Kind) -> Duration {
    match kind {
        Kind::Web => Duration::hours(st.config.sessions.web_absolute_hours),
        Kind::Api => Duration::days(st.config.sessions.api_absolute_days),
        Kind::OrgToken => Duration::days(st.config.placement.api_token_days),
    }
}

/// Records the device and opens a session for `user_id`, in the caller's transaction.
pub async fn open(
    st: &AppState,
    mut ex: Ex<'_>,
    user_id: Uuid,
    kind: Kind,
    device: &DeviceInfo,
) -> AppResult<Issued> {
    let now = st.clock.now();
    let key_hash = crypto::token_hash(&format!("{}:{}", device.kind, device.key));
    let device_id = psk_store::devices::record(
        ex.reborrow(),
        &SeenDevice {
            user_id,
            key_hash: &key_hash,
            kind: device.kind,
            model: device.model.as_deref(),
            os: device.os.as_deref(),
            app_version: device.app_version.as_deref(),
            user_agent: device.user_agent.as_deref(),
            now,
        },
    )
    .await?;
    let token = crypto::new_token();
    let expires_at = now + idle_limit(st, kind).min(absolute_limit(st, kind));
    let session_id = Uuid::new_v4();
    sessions::insert(
        ex,
        &NewSession {
            id: session_id,
            token_hash: &crypto::token_hash(&token),
            user_id,
            kind: kind.as_str(),
            device_id: Some(device_id),
            now,
            expires_at,
        },
    )
    .await?;
    Ok(Issued {
        token,
        session_id,
        expires_at,
    })
}

/// The signed-in user of a request. Extracting it fails with 401 (the web answers with a
/// redirect to sign-in) when there is no live session.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: Uuid,
    pub session_id: Uuid,
    pub role: Role,
    pub full_name: String,
    pub language: String,
    pub kind: Kind,
    /// An organisation user's organisation (approved: checked on every request).
    pub organisation_id: Option<Uuid>,
}

impl CurrentUser {
    /// Refuses the request unless the user has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> AppResult<()> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(u) = parts.extensions.get::<CurrentUser>() {
            return Ok(u.clone());
        }
        let ctx = Ctx::from_request_parts(parts, st).await?;
        // The API takes bearer tokens only and the web cookies only, so a cookie can never
        // authorise an API call made by another site (no CSRF surface in the API).
        let (token, kind) = if ctx.is_api {
            let kind = match &ctx.bearer_token {
                Some(t) if t.starts_with(ORG_TOKEN_PREFIX) => Kind::OrgToken,
                _ => Kind::Api,
            };
            (ctx.bearer_token.clone(), kind)
        } else {
            (ctx.session_token.clone(), Kind::Web)
        };
        let token = token.ok_or(AppError::Unauthorized)?;
        let now = st.clock.now();
        // A token opens only a session of its own kind: a web cookie sent as a bearer token (or
        // the reverse) finds nothing, and an API call cannot stretch a web session.
        let absolute = absolute_limit(st, kind);
        let wanted = sessions::Wanted {
            token_hash: &crypto::token_hash(&token),
            kind: kind.as_str(),
            opened_after: now - absolute,
        };
        let live = sessions::find_live(st.db.ex(), &wanted, now)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let role = Role::parse(&live.role)
            .map_err(|_| AppError::Internal(anyhow::anyhow!("unknown role in database")))?;
        // A suspended, blacklisted (or not yet approved) organisation's users lose every right
        // on their next request.
        if role == Role::EmployerUser && live.organisation_status.as_deref() != Some("approved") {
            return Err(AppError::Refused("organisation_not_active"));
        }
        // Slide the idle expiry now and then, so most requests write nothing: every 1/24 of the
        // idle limit (5 minutes of the web's 2 hours), at least once a minute, at most hourly.
        // In a transaction, so on SQLite it queues with the other writers (store::Db).
        let limit = idle_limit(st, kind);
        let every = (limit / 24).clamp(Duration::seconds(60), Duration::hours(1));
        if now - live.last_seen_at > every {
            let until = (now + limit).min(live.created_at + absolute);
            let mut tx = st.db.begin().await?;
            sessions::touch(tx.ex(), live.id, now, until).await?;
            tx.commit().await?;
        }
        let user = CurrentUser {
            id: live.user_id,
            session_id: live.id,
            role,
            full_name: live.full_name,
            language: live.language,
            kind,
            organisation_id: live.organisation_id,
        };
        parts.extensions.insert(user.clone());
        Ok(user)
    }
}

/// The signed-in user if there is one (pages that look different when signed in).
#[derive(Debug, Clone)]
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Self::Rejection> {
        match CurrentUser::from_request_parts(parts, st).await {
            Ok(u) => Ok(MaybeUser(Some(u))),
            // A user whose organisation was suspended reads the public pages like anyone else.
            Err(AppError::Unauthorized | AppError::Refused(_)) => Ok(MaybeUser(None)),
            Err(e) => Err(e),
        }
    }
}
