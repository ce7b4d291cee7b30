//! BE&OE machine clients: registered by administrators (the secret is shown once and stored as a
//! SHA-256 hash; secrets are 256 random bits, so a fast hash is enough), with scopes, an office,
//! and revocation. Clients authenticate with HTTP Basic (`client id:secret`).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use psk_domain::role::Role;
use psk_store::protector::{self, ApiClient};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::service::Checker;
use crate::audit::Event;
use crate::auth::rate::Limit;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

pub const SCOPES: &[&str] = &["certificates:read", "stamps:write"];

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NewClient {
    pub client_id: Uuid,
    /// Shown this once; only its hash is kept.
    pub client_secret: String,
    pub scopes: Vec<String>,
}

fn secret_hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Registers a client (administrators, or the command line with `by` = None).
pub async fn create(
    st: &AppState,
    by: Option<&crate::auth::session::CurrentUser>,
    name: &str,
    scopes: &[String],
    office: &str,
) -> AppResult<NewClient> {
    if let Some(me) = by {
        me.require(&[Role::Administrator])?;
    }
    let mut e = psk_domain::FieldErrors::new();
    let name = match psk_domain::profile::BoundedText::parse_optional(name, 100) {
        Ok(Some(n)) => Some(n.as_str().to_owned()),
        Ok(None) => {
            e.push("name", "required");
            None
        }
        Err(err) => {
            e.push("name", psk_domain::error::ErrorCode::code(&err));
            None
        }
    };
    if scopes.is_empty() || scopes.iter().any(|s| !SCOPES.contains(&s.as_str())) {
        e.push("scopes", "choose_option");
    }
    let office = office.trim().to_uppercase();
    let offices = protector::offices(st.db.ex()).await?;
    // Every client works for an office, and loses its rights when the office closes.
    if !offices.iter().any(|o| o.code == office && o.active) {
        e.push("office", "choose_option");
    }
    e.into_result()?;
    let secret = crate::crypto::new_token();
    let client = ApiClient {
        id: Uuid::new_v4(),
        name: name.expect("checked"),
        secret_hash: secret_hash(&secret),
        scopes: scopes.join(" "),
        office_code: (!office.is_empty()).then_some(office),
        created_at: st.clock.now(),
        revoked_at: None,
    };
    let mut tx = st.db.begin().await?;
    protector::insert_client(tx.ex(), &client, by.map(|m| m.id)).await?;
    let mut ev = Event::new("api_client.created")
        .detail(json!({ "client": client.id, "name": client.name, "scopes": client.scopes }));
    if let Some(me) = by {
        ev = ev.actor(me.id);
    }
    ev.record(st, tx.ex()).await?;
    tx.commit().await?;
    Ok(NewClient {
        client_id: client.id,
        client_secret: secret,
        scopes: scopes.to_vec(),
    })
}

pub async fn revoke(
    st: &AppState,
    by: Option<&crate::auth::session::CurrentUser>,
    id: Uuid,
) -> AppResult<()> {
    if let Some(me) = by {
        me.require(&[Role::Administrator])?;
    }
    let mut tx = st.db.begin().await?;
    if !protector::revoke_client(tx.ex(), id, st.clock.now()).await? {
        return Err(AppError::NotFound);
    }
    let mut ev = Event::new("api_client.revoked").detail(json!({ "client": id }));
    if let Some(me) = by {
        ev = ev.actor(me.id);
    }
    ev.record(st, tx.ex()).await?;
    tx.commit().await?;
    Ok(())
}

/// An authenticated machine client (HTTP Basic), rate limited per client.
pub struct Client(pub ApiClient);

impl Client {
    /// The client may act with `scope`: it holds the scope, and its office is open (a client of
    /// a closed office, or of none, has no rights at all, reads included).
    pub async fn require(&self, st: &AppState, scope: &str) -> AppResult<()> {
        if !self.0.scopes.split(' ').any(|s| s == scope) {
            return Err(AppError::Forbidden);
        }
        match &self.0.office_code {
            Some(office) if super::offices::office_active(st, office).await? => Ok(()),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The checker this client acts as (its office for stamps).
    pub fn checker(&self) -> Checker {
        Checker {
            officer: None,
            client: Some(self.0.id),
            office: self.0.office_code.clone().unwrap_or_default(),
        }
    }
}

impl FromRequestParts<AppState> for Client {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, AppError> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Basic "))
            .ok_or(AppError::Unauthorized)?;
        let decoded = STANDARD
            .decode(header.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or(AppError::Unauthorized)?;
        let (id, secret) = decoded.split_once(':').ok_or(AppError::Unauthorized)?;
        let id: Uuid = id.parse().map_err(|_| AppError::Unauthorized)?;
        let client = protector::client(st.db.ex(), id)
            .await?
            .filter(|c| c.revoked_at.is_none())
            .ok_or(AppError::Unauthorized)?;
        let given = secret_hash(secret);
        if !subtle_eq(&given, &client.secret_hash) {
            return Err(AppError::Unauthorized);
        }
        Limit {
            bucket: "api_client_minute",
            window: chrono::Duration::minutes(1),
            limit: 600,
        }
        .hit(st, client.id.as_bytes())
        .await?;
        Ok(Client(client))
    }
}

/// Compares two hashes in time that does not depend on where they differ.
fn subtle_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
