//! A person's devices, sessions and the export of everything held about them (the right of
//! access).

use chrono::{DateTime, Utc};
use psk_store::{devices, sessions};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::service::{Profile, my_profile};
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::state::AppState;

/// A device as its owner sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeviceView {
    pub id: Uuid,
    /// `browser` or `app`
    pub kind: String,
    pub model: Option<String>,
    pub os: Option<String>,
    pub app_version: Option<String>,
    pub user_agent: Option<String>,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// Sessions still open from this device.
    pub signed_in: bool,
}

pub async fn my_devices(st: &AppState, me: &CurrentUser) -> AppResult<Vec<DeviceView>> {
    let live = sessions::list_live(st.db.ex(), me.id, st.clock.now()).await?;
    Ok(devices::list(st.db.ex(), me.id)
        .await?
        .into_iter()
        .map(|d| DeviceView {
            signed_in: live.iter().any(|s| s.device_id == Some(d.id)),
            id: d.id,
            kind: d.kind,
            model: d.model,
            os: d.os,
            app_version: d.app_version,
            user_agent: d.user_agent,
            first_seen_at: d.first_seen_at,
            last_seen_at: d.last_seen_at,
        })
        .collect())
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionView {
    pub id: Uuid,
    pub kind: String,
    pub device_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub current: bool,
}

pub async fn my_sessions(st: &AppState, me: &CurrentUser) -> AppResult<Vec<SessionView>> {
    Ok(sessions::list_live(st.db.ex(), me.id, st.clock.now())
        .await?
        .into_iter()
        .map(|s| SessionView {
            current: s.id == me.session_id,
            id: s.id,
            kind: s.kind,
            device_id: s.device_id,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            expires_at: s.expires_at,
        })
        .collect())
}

/// Everything the service holds about a person, for the right of access ("download my data").
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DataExport {
    pub exported_at: DateTime<Utc>,
    pub profile: Profile,
    pub devices: Vec<DeviceView>,
    pub sessions: Vec<SessionView>,
    /// Every consent I gave or withdrew (the consent ledger), oldest first.
    pub consent_ledger: Vec<crate::privacy::consent::LedgerEntry>,
    /// The audit trail about me: sign-ins, failures, changes, and every read of my record by staff.
    #[schema(value_type = Vec<Object>)]
    pub activity: Vec<psk_store::audit::AuditRow>,
}

pub async fn export(st: &AppState, me: &CurrentUser, ip: &str) -> AppResult<DataExport> {
    let export = DataExport {
        exported_at: st.clock.now(),
        profile: my_profile(st, me).await?,
        devices: my_devices(st, me).await?,
        sessions: my_sessions(st, me).await?,
        consent_ledger: crate::privacy::consent::ledger(st, me.id).await?,
        // Staff members' own addresses are theirs, not the trainee's.
        activity: psk_store::audit::for_subject(st.db.ex(), me.id, 1000)
            .await?
            .into_iter()
            .map(|mut a| {
                if a.actor_id != Some(me.id) {
                    a.client_ip = None;
                }
                a
            })
            .collect(),
    };
    Event::new("data.exported")
        .actor(me.id)
        .subject(me.id)
        .ip(ip)
        .record(st, st.db.ex())
        .await?;
    Ok(export)
}
