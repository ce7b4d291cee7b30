//! The trainee's certificate page and the public verification page.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::service::{self, PublicStatus};
use crate::auth::session::{CurrentUser, MaybeUser};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::context::Ctx;
use crate::web::page::{Base, html};

/// One certificate as its holder sees it.
pub struct Held {
    pub status: PublicStatus,
    pub qr_svg: String,
    pub text: String,
    pub link: String,
}

#[derive(Template)]
#[template(path = "certificate.html")]
struct MinePage {
    tr: Tr,
    base: Base,
    held: Vec<Held>,
}

pub async fn mine(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    let mut held = vec![];
    for c in psk_store::certificates::for_user(st.db.ex(), me.id).await? {
        let link = psk_cert::seal::link(&st.config.public_url, &c.qr_text)
            .ok_or_else(|| anyhow::anyhow!("a stored certificate text does not decode"))?;
        held.push(Held {
            status: service::public_status(&st, &c),
            qr_svg: super::qr::svg(&link)?,
            text: c.qr_text.clone(),
            link,
        });
    }
    Ok(html(&MinePage {
        base: Base::new(&ctx, Some(&me)),
        tr: Tr::new(ctx.lang),
        held,
    })?
    .into_response())
}

/// The QR code as a PNG, for the holder's phone.
pub async fn qr_png(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(number): Path<String>,
) -> AppResult<Response> {
    let c = psk_store::certificates::by_number(st.db.ex(), &number)
        .await?
        .filter(|c| c.user_id == me.id)
        .ok_or(AppError::NotFound)?;
    let link = psk_cert::seal::link(&st.config.public_url, &c.qr_text)
        .ok_or_else(|| anyhow::anyhow!("a stored certificate text does not decode"))?;
    let png = super::qr::png(&link, 8)?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.png\"", c.number),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        png,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct VerifyQuery {
    /// A number as typed.
    #[serde(default)]
    n: Option<String>,
    /// The signed bytes from the QR link.
    #[serde(default)]
    c: Option<String>,
}

#[derive(Template)]
#[template(path = "certificate_verify.html")]
struct VerifyPage {
    tr: Tr,
    base: Base,
    typed: String,
    result: Option<PublicStatus>,
    /// Why a QR code did not verify.
    problem: String,
    /// Checked from the signed QR code (not only the number).
    signed: bool,
}

/// `GET /verify`: anyone checks a certificate by its number or by the link in its QR code.
pub async fn verify(
    State(st): State<AppState>,
    ctx: Ctx,
    me: MaybeUser,
    Query(q): Query<VerifyQuery>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let mut page = VerifyPage {
        base: Base::new(&ctx, me.0.as_ref()),
        typed: q.n.clone().unwrap_or_default(),
        result: None,
        problem: String::new(),
        signed: false,
        tr,
    };
    if q.n.is_some() || q.c.is_some() {
        super::api::verify_limit(&st, &ctx).await?;
    }
    if let Some(c) = q.c.as_deref() {
        let link = format!("{}/verify?c={c}", st.config.public_url);
        match service::check_qr(&st, &link).await? {
            Ok(s) => {
                page.result = Some(s);
                page.signed = true;
            }
            Err(e) => {
                page.problem = page.tr.t(&format!(
                    "check-problem-{}",
                    super::api::problem_code(&e).replace('_', "-")
                ))
            }
        }
    } else if let Some(n) = q.n.as_deref().filter(|n| !n.trim().is_empty()) {
        page.result = Some(service::check_number(&st, n).await?);
    }
    Ok(html(&page)?.into_response())
}
