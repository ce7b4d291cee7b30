//! The dashboard: the person's details, devices and the steps ahead.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use psk_domain::geo;
use serde::Deserialize;

use super::activity::{self, DeviceView};
use super::service::{self, Profile, place_name};
use crate::auth::session::CurrentUser;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::page::{Base, html};

/// One step of the journey on the dashboard.
pub struct Step {
    pub title: String,
    pub text: String,
    pub done: bool,
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
}

#[derive(Deserialize)]
pub struct DashboardQuery {
    #[serde(default)]
    welcome: Option<String>,
}

fn steps(tr: &Tr, p: &Profile) -> Vec<Step> {
    let profile_done = !p.education.is_empty() && p.intended_move.is_some();
    [
        ("register", true),
        ("profile", profile_done),
        ("learn", false),
        ("test", false),
        ("certificate", false),
        ("protector", false),
    ]
    .into_iter()
    .map(|(k, done)| Step {
        title: tr.t(&format!("step-{k}-title")),
        text: tr.t(&format!("step-{k}-text")),
        done,
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
    let page = DashboardPage {
        province: place_name(ctx.lang, &p.province, geo::provinces()),
        district: place_name(ctx.lang, &p.district, geo::districts()),
        devices: activity::my_devices(&st, &me).await?,
        steps: steps(&tr, &p),
        welcome: q.welcome.is_some(),
        is_trainee: !me.role.is_staff(),
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
