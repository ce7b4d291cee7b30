//! "My privacy" (`/my-data/privacy`): each purpose in the worker's language with its state, the
//! law's purposes shown as such, a button per choice to give or withdraw it (no JavaScript), and
//! the ledger of every change.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use psk_domain::consent::{Basis, Channel, Purpose};
use serde::Deserialize;

use super::consent::{self, PurposeView};
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::extract::WebForm;
use crate::web::page::{Base, html};

/// One line of the ledger, ready to show.
struct Line {
    when: String,
    what: String,
    change: String,
    how: String,
}

#[derive(Template)]
#[template(path = "privacy_mine.html")]
struct MyPrivacyPage {
    tr: Tr,
    base: Base,
    law: Vec<PurposeView>,
    choices: Vec<PurposeView>,
    lines: Vec<Line>,
    policy_version: String,
    saved: String,
}

#[derive(Deserialize)]
pub struct Saved {
    #[serde(default)]
    saved: String,
}

/// `GET /my-data/privacy`.
pub async fn page(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Query(q): Query<Saved>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let v = consent::view(&st, me.id, ctx.lang).await?;
    let wording = super::wording::current(st.db.ex()).await?;
    let title = |key: &str| {
        Purpose::parse(key)
            .map(|p| wording.get(p).title(ctx.lang).to_owned())
            .unwrap_or_else(|_| key.to_owned())
    };
    let lines = v
        .ledger
        .iter()
        .rev()
        .map(|e| Line {
            when: crate::time::shown(&e.recorded_at),
            what: title(&e.purpose),
            change: tr.t(match (e.granted, e.channel.as_str()) {
                (true, _) => "consent-given",
                // A "no" on the registration form was never a consent to withdraw.
                (false, "registration") => "consent-declined",
                (false, _) => "consent-withdrawn",
            }),
            how: tr.t(&format!("consent-channel-{}", e.channel.replace('_', "-"))),
        })
        .collect();
    let (law, choices) = v.purposes.into_iter().partition(|p| p.basis == Basis::Law);
    // Only a purpose's own key comes back in the notice; anything else shows nothing.
    let saved = Purpose::parse_choice(&q.saved)
        .map(|p| wording.get(p).title(ctx.lang).to_owned())
        .unwrap_or_default();
    Ok(html(&MyPrivacyPage {
        base: Base::new(&ctx, Some(&me)),
        tr,
        law,
        choices,
        lines,
        policy_version: v.policy_version,
        saved,
    })?
    .into_response())
}

#[derive(Deserialize)]
pub struct ChoiceForm {
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
    #[serde(default)]
    granted: String,
}

/// `POST /my-data/privacy/{purpose}` with `granted=yes` or `granted=no`.
pub async fn choose(
    State(st): State<AppState>,
    ctx: Ctx,
    me: CurrentUser,
    Path(purpose): Path<String>,
    WebForm(f): WebForm<ChoiceForm>,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf.as_deref())?;
    let purpose = match Purpose::parse(&purpose) {
        Ok(p) => p,
        Err(_) => return Err(AppError::NotFound),
    };
    let granted = match f.granted.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::field("granted", "choose_option")),
    };
    consent::set(&st, me.id, purpose, granted, Channel::Web, &ctx.client_ip).await?;
    Ok(Redirect::to(&format!(
        "/my-data/privacy?saved={}#{}",
        purpose.as_str(),
        purpose.as_str()
    ))
    .into_response())
}
