//! "Who accessed my data": every read or change of a worker's record by anyone else (protector
//! officers, BE&OE systems, support staff, administrators), from the audit log: when, what, and
//! the role and office of whoever did it, never their name or address.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::page::{Base, html};

/// One access to my record by someone else.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AccessEntry {
    pub at: DateTime<Utc>,
    /// What was done (`protector.lookup`, `person.read`, `certificate.revoked`, …).
    pub action: String,
    /// The role of whoever did it (`protector_officer`, `support_agent`, `administrator`, …), or
    /// `beoe_system` for a BE&OE machine client.
    pub by_role: String,
    /// Their office, where the action names one (a protector office code).
    pub office: Option<String>,
}

/// My record's accesses by others, newest first (at most 500).
pub async fn entries(st: &AppState, me: &CurrentUser) -> AppResult<Vec<AccessEntry>> {
    let rows = psk_store::audit::about_by_others(st.db.ex(), me.id, 500).await?;
    let mut roles: std::collections::HashMap<uuid::Uuid, String> = std::collections::HashMap::new();
    let mut out = vec![];
    for r in rows {
        let detail: serde_json::Value = serde_json::from_str(&r.detail).unwrap_or_default();
        let by_role = match r.actor_id {
            Some(a) => match roles.get(&a) {
                Some(role) => String::clone(role),
                None => {
                    let role = psk_store::users::find(st.db.ex(), a)
                        .await?
                        .map(|u| u.role)
                        .unwrap_or_else(|| "staff".into());
                    roles.insert(a, role.clone());
                    role
                }
            },
            // No person: a BE&OE system, when the entry names its client; the service's own
            // work (a sent message, a purge) is not an access.
            None if !detail["client"].is_null() => "beoe_system".into(),
            None => continue,
        };
        out.push(AccessEntry {
            at: r.at,
            action: r.action,
            by_role,
            office: detail["office"].as_str().map(str::to_owned),
        });
    }
    Ok(out)
}

#[derive(Template)]
#[template(path = "access_log.html")]
struct AccessPage {
    tr: Tr,
    base: Base,
    rows: Vec<(String, String, String)>,
}

/// `GET /my-data/access`: the page.
pub async fn page(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let rows = entries(&st, &me)
        .await?
        .into_iter()
        .map(|e| {
            let role = format!("role-{}", e.by_role.replace('_', "-"));
            let who = if tr.has(&role) {
                tr.t(&role)
            } else {
                e.by_role.clone()
            };
            let who = match &e.office {
                Some(o) => format!("{who} · {o}"),
                None => who,
            };
            let id = format!("access-{}", e.action.replace(['.', '_'], "-"));
            let what = tr.t(if tr.has(&id) { &id } else { "access-other" });
            (crate::time::shown(&e.at), who, what)
        })
        .collect();
    Ok(html(&AccessPage {
        base: Base::new(&ctx, Some(&me)),
        tr,
        rows,
    })?
    .into_response())
}
