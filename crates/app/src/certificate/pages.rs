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
    checks: Vec<crate::protector::service::CheckView>,
}

pub async fn mine(State(st): State<AppState>, ctx: Ctx, me: CurrentUser) -> AppResult<Response> {
    let mut held = vec![];
    for c in psk_store::certificates::for_user(st.db.ex(), me.id).await? {
        let link = psk_cert::link::link(&st.config.public_url, &c.qr_text)
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
        checks: crate::protector::service::my_checks(&st, &me, ctx.lang.is_rtl()).await?,
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
    let c = held_valid(&st, &me, &number).await?;
    let link = psk_cert::link::link(&st.config.public_url, &c.qr_text)
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

/// `GET /V/{digits}`: the link in a certificate's QR code, opened by a phone's camera.
pub async fn verify_link(
    State(st): State<AppState>,
    ctx: Ctx,
    me: MaybeUser,
    Path(digits): Path<String>,
) -> AppResult<Response> {
    let link = format!("{}/V/{digits}", st.config.public_url.trim_end_matches('/'));
    verify_page(&st, &ctx, me, VerifyQuery { n: None, c: None }, Some(link)).await
}

/// `GET /verify`: anyone checks a certificate by its number or by the link in its QR code.
pub async fn verify(
    State(st): State<AppState>,
    ctx: Ctx,
    me: MaybeUser,
    Query(q): Query<VerifyQuery>,
) -> AppResult<Response> {
    let link =
        q.c.as_deref()
            .map(|c| format!("{}/verify?c={c}", st.config.public_url));
    verify_page(&st, &ctx, me, q, link).await
}

async fn verify_page(
    st: &AppState,
    ctx: &Ctx,
    me: MaybeUser,
    q: VerifyQuery,
    link: Option<String>,
) -> AppResult<Response> {
    let tr = Tr::new(ctx.lang);
    let mut page = VerifyPage {
        base: Base::new(ctx, me.0.as_ref()),
        typed: q.n.clone().unwrap_or_default(),
        result: None,
        problem: String::new(),
        signed: false,
        tr,
    };
    // A scanned code whose signature verifies is never limited (certificate::api::verify_limit);
    // typed numbers and failed codes are.
    if let Some(link) = link {
        match service::check_qr(st, &link).await? {
            Ok(s) => {
                page.result = Some(s);
                page.signed = true;
            }
            Err(e) => {
                super::api::verify_limit(st, ctx).await?;
                super::api::verify_found(st, ctx, &PublicStatus::unknown()).await?;
                page.problem = page.tr.t(&format!(
                    "check-problem-{}",
                    super::api::problem_code(&e).replace('_', "-")
                ))
            }
        }
    } else if let Some(n) = q.n.as_deref().filter(|n| !n.trim().is_empty()) {
        super::api::verify_limit(st, ctx).await?;
        let s = service::check_number(st, n).await?;
        super::api::verify_found(st, ctx, &s).await?;
        page.result = Some(s);
    }
    Ok(html(&page)?.into_response())
}

/// The signed-in holder's certificate, if it is still in force (a revoked or replaced one is
/// not handed out as a clean document).
async fn held_valid(
    st: &AppState,
    me: &CurrentUser,
    number: &str,
) -> AppResult<psk_store::certificates::Certificate> {
    let c = psk_store::certificates::by_number(st.db.ex(), number)
        .await?
        .filter(|c| c.user_id == me.id)
        .ok_or(AppError::NotFound)?;
    if c.status != "valid" {
        return Err(AppError::Gone("certificate_not_valid"));
    }
    Ok(c)
}

/// The holder's certificate as an A4 PDF, in English and Urdu.
async fn sheet(st: &AppState, me: &CurrentUser, number: &str) -> AppResult<(String, Vec<u8>)> {
    let c = held_valid(st, me, number).await?;
    let link = psk_cert::link::link(&st.config.public_url, &c.qr_text)
        .ok_or_else(|| anyhow::anyhow!("a stored certificate text does not decode"))?;
    let (en, ur) = (
        Tr::new(psk_domain::lang::Lang::En),
        Tr::new(psk_domain::lang::Lang::Ur),
    );
    let both = |id: &str| (en.t(id), ur.t(id));
    let line = |id: &str, value: String| {
        let (e, u) = both(id);
        (e, u, value)
    };
    let sheet = super::pdf::Sheet {
        title_en: en.t("pdf-title"),
        title_ur: ur.t("pdf-title"),
        certifies_en: en.t("pdf-certifies"),
        certifies_ur: ur.t("pdf-certifies"),
        name: c.full_name.clone(),
        name_ur: c.full_name_ur.clone(),
        lines: vec![
            line(
                "certificate-cnic",
                super::service::masked_cnic(&c.cnic_last4),
            ),
            line("certificate-number", c.number.clone()),
            line("certificate-issued", c.issued_on.to_string()),
            line("certificate-expires", c.expires_on.to_string()),
        ],
        qr_modules: super::qr::modules(&link)?,
        verify_en: en.t("pdf-verify"),
        verify_ur: ur.t("pdf-verify"),
        link: super::service::verify_link(st, &c.number),
    };
    Ok((c.number, super::pdf::render(&sheet)?))
}

pub(crate) fn download(kind: &str, name: String, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// The certificate as an A4 PDF, for its holder.
pub async fn pdf(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(number): Path<String>,
) -> AppResult<Response> {
    let (number, bytes) = sheet(&st, &me, &number).await?;
    Ok(download("application/pdf", format!("{number}.pdf"), bytes))
}

/// The same certificate as a PNG, for a phone's gallery.
pub async fn png(
    State(st): State<AppState>,
    me: CurrentUser,
    Path(number): Path<String>,
) -> AppResult<Response> {
    let (number, bytes) = sheet(&st, &me, &number).await?;
    let png = tokio::task::spawn_blocking(move || super::pdf::to_png(bytes, super::pdf::PNG_SCALE))
        .await
        .map_err(anyhow::Error::from)??;
    Ok(download("image/png", format!("{number}.png"), png))
}
