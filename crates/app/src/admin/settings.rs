//! Course settings: the facts lessons cite (helplines, fees, contacts), edited by administrators.
//! A value set here overrides the configuration file; every change is audited.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::profile::BoundedText;
use psk_domain::role::Role;
use serde_json::json;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::FormPairs;
use crate::web::page::{Base, FormErrors, html};

/// The values in force for `course`: the sourced values of its content, then configuration, then
/// what administrators set (a blank set by an administrator clears a value).
pub async fn effective(
    st: &AppState,
    course: &psk_course::Course,
) -> AppResult<BTreeMap<String, String>> {
    let mut values: BTreeMap<String, String> = course
        .setting_values
        .iter()
        .map(|(k, v)| (k.clone(), v.value.clone()))
        .collect();
    values.extend(st.config.course_settings.clone());
    values.extend(psk_store::course::setting_values(st.db.ex()).await?);
    values.retain(|_, v| !v.trim().is_empty());
    Ok(values)
}

/// The latest published course (settings are described there).
pub async fn latest_course(st: &AppState) -> AppResult<psk_course::Course> {
    let latest = psk_store::course::latest(st.db.ex())
        .await?
        .ok_or(AppError::Gone("course_unavailable"))?;
    Ok(serde_json::from_str(&latest.content).map_err(anyhow::Error::from)?)
}

/// The settings of the latest course that have no value: each is a launch blocker (a lesson
/// would send a worker to "the helpline" without its number). Keys with their English
/// descriptions.
pub async fn unset(st: &AppState) -> AppResult<Vec<(String, String)>> {
    let course = latest_course(st).await?;
    let values = effective(st, &course).await?;
    Ok(course
        .settings
        .iter()
        .filter(|(k, _)| !values.contains_key(k))
        .map(|(k, d)| (k.clone(), d.en.clone()))
        .collect())
}

/// One row of the form: key, description, value.
pub struct Row {
    pub key: String,
    pub description: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    tr: Tr,
    base: Base,
    rows: Vec<Row>,
    /// The descriptions of the settings without a value: launch blockers.
    unset: Vec<String>,
    saved: bool,
    errors: FormErrors,
}

async fn rows(st: &AppState, urdu: bool) -> AppResult<Vec<Row>> {
    let course = latest_course(st).await?;
    let values = effective(st, &course).await?;
    Ok(course
        .settings
        .iter()
        .map(|(k, d)| Row {
            key: k.clone(),
            description: d.get(urdu).to_owned(),
            value: values.get(k).cloned().unwrap_or_default(),
        })
        .collect())
}

fn unset_of(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter(|r| r.value.is_empty())
        .map(|r| r.description.clone())
        .collect()
}

/// Logs each setting without a value at start: a launch blocker for whoever runs the service.
pub async fn warn_unset(st: &AppState) {
    match unset(st).await {
        Ok(keys) => {
            for (key, description) in &keys {
                tracing::warn!(
                    key,
                    description,
                    "course setting has no value (launch blocker): set it at /admin/settings"
                );
            }
        }
        Err(AppError::Gone(_)) => {}
        Err(e) => tracing::warn!(error = %e, "could not read the course settings"),
    }
}

pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    axum::extract::Query(q): axum::extract::Query<BTreeMap<String, String>>,
) -> AppResult<Response> {
    me.require(&[Role::Administrator])?;
    let rows = rows(&st, ctx.lang.is_rtl()).await?;
    let page = SettingsPage {
        tr: Tr::new(ctx.lang),
        base: Base::new(&ctx, Some(&me)),
        unset: unset_of(&rows),
        rows,
        saved: q.contains_key("saved"),
        errors: FormErrors::default(),
    };
    Ok(html(&page)?.into_response())
}

pub async fn save(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    form: FormPairs,
) -> AppResult<Response> {
    me.require(&[Role::Administrator])?;
    ctx.check_csrf(form.csrf())?;
    let known: Vec<Row> = rows(&st, false).await?;
    let current = effective(&st, &latest_course(&st).await?).await?;
    let mut changes = vec![];
    for (k, v) in form
        .0
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("setting_").map(|k| (k, v)))
    {
        if !known.iter().any(|r| r.key == k) {
            return Err(AppError::BadRequest("malformed_body"));
        }
        let value = match BoundedText::parse_optional(v, 300) {
            Ok(v) => v.map(|t| t.as_str().to_owned()).unwrap_or_default(),
            Err(_) => {
                let tr = Tr::new(ctx.lang);
                let errors = FormErrors::general(tr.error("setting", "too_long"));
                let rows = rows(&st, ctx.lang.is_rtl()).await?;
                let page = SettingsPage {
                    tr,
                    base: Base::new(&ctx, Some(&me)),
                    unset: unset_of(&rows),
                    rows,
                    saved: false,
                    errors,
                };
                return Ok(
                    (axum::http::StatusCode::UNPROCESSABLE_ENTITY, html(&page)?).into_response()
                );
            }
        };
        if current.get(k).map(String::as_str).unwrap_or("") != value {
            changes.push((k.to_owned(), value));
        }
    }
    let mut tx = st.db.begin().await?;
    for (k, v) in &changes {
        psk_store::course::set_setting(tx.ex(), k, v, me.id, st.clock.now()).await?;
        Event::new("content.setting_changed")
            .actor(me.id)
            .detail(json!({ "key": k, "value": v }))
            .ip(&ctx.client_ip)
            .record(&st, tx.ex())
            .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to("/admin/settings?saved=1").into_response())
}
