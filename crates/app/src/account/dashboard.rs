//! The dashboard: the person's details, devices and the steps ahead.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use psk_domain::geo;
use serde::Deserialize;

use super::activity::{self, DeviceView};
use super::service::{self, Profile, place_name};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::page::{Base, html};

/// One step of the journey on the dashboard.
pub struct Step {
    pub title: String,
    pub text: String,
    pub done: bool,
    /// Where the step is taken (empty: nowhere on this site).
    pub href: &'static str,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    tr: Tr,
    base: Base,
    p: Profile,
    province: String,
    district: String,
    devices: Vec<DeviceView>,
    steps: Vec<Step>,
    welcome: bool,
    is_trainee: bool,
    role_label: String,
    /// For administrators: how many course settings still have no value (launch blockers).
    unset_settings: usize,
    /// Notices not read yet.
    unread: i64,
    /// Material policy changes the person has not acknowledged.
    policy_changes: Vec<PolicyChange>,
}

/// A policy change shown on the dashboard until acknowledged.
struct PolicyChange {
    v: crate::policy::VersionView,
    document: String,
    date: String,
}

#[derive(Deserialize)]
pub struct DashboardQuery {
    #[serde(default)]
    welcome: Option<String>,
}

/// Where a trainee is on the journey, read from what is stored (never from the browser).
#[derive(Default)]
struct Journey {
    learned: bool,
    passed: bool,
    certified: bool,
    stamped: bool,
}

impl Journey {
    async fn of(st: &AppState, me: &CurrentUser) -> AppResult<Journey> {
        let learned = match crate::learning::service::progress(st, me).await {
            Ok((_, progress)) => progress.all_complete,
            Err(AppError::Gone(_)) => false,
            Err(e) => return Err(e),
        };
        let passed = psk_store::exam::attempts(st.db.ex(), me.id)
            .await?
            .iter()
            .any(|a| a.passed == Some(true));
        let certified = psk_store::certificates::for_user(st.db.ex(), me.id)
            .await?
            .iter()
            .any(|c| c.status == "valid");
        let stamped = !psk_store::protector::stamps_of(st.db.ex(), me.id)
            .await?
            .is_empty();
        Ok(Journey {
            learned,
            passed,
            certified,
            stamped,
        })
    }
}

fn steps(tr: &Tr, p: &Profile, j: &Journey) -> Vec<Step> {
    let profile_done = !p.education.is_empty() && p.intended_move.is_some();
    [
        ("register", true, ""),
        ("profile", profile_done, "/profile"),
        ("learn", j.learned, "/learn"),
        ("test", j.passed, "/test"),
        ("certificate", j.certified, "/certificate"),
        ("protector", j.stamped, ""),
    ]
    .into_iter()
    .map(|(k, done, href)| Step {
        title: tr.t(&format!("step-{k}-title")),
        text: tr.t(&format!("step-{k}-text")),
        done,
        href,
    })
    .collect()
}

pub async fn dashboard(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<DashboardQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let p = service::my_profile(&st, &me).await?;
    let is_trainee = !me.role.is_staff();
    let journey = if is_trainee {
        Journey::of(&st, &me).await?
    } else {
        Journey::default()
    };
    let unset_settings = if me.role == psk_domain::role::Role::Administrator {
        match crate::admin::settings::unset(&st).await {
            Ok(keys) => keys.len(),
            Err(AppError::Gone(_)) => 0,
            Err(e) => return Err(e),
        }
    } else {
        0
    };
    let policy_changes = crate::policy::pending(&st, me.id, ctx.lang)
        .await?
        .into_iter()
        .map(|v| PolicyChange {
            document: tr.t(&format!("policy-document-{}", v.document.as_str())),
            date: crate::time::pakistan_date(v.published_at).to_string(),
            v,
        })
        .collect();
    let page = DashboardPage {
        unset_settings,
        unread: psk_store::notices::unread(st.db.ex(), me.id).await?,
        policy_changes,
        province: place_name(ctx.lang, &p.province, geo::provinces()),
        district: place_name(ctx.lang, &p.district, geo::districts()),
        devices: activity::my_devices(&st, &me).await?,
        steps: steps(&tr, &p, &journey),
        welcome: q.welcome.is_some(),
        is_trainee,
        role_label: tr.t(&format!("role-{}", me.role.as_str().replace('_', "-"))),
        base: Base::new(&ctx, Some(&me)),
        tr,
        p,
    };
    Ok(html(&page)?.into_response())
}

/// "Download my data": the same JSON as `GET /api/v1/me/export`, as a file.
pub async fn export(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    let data = activity::export(&st, &me, &ctx.client_ip).await?;
    let json = serde_json::to_vec_pretty(&data).map_err(anyhow::Error::from)?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "application/json"),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"paksoftskills-my-data.json\"",
            ),
        ],
        json,
    )
        .into_response())
}
