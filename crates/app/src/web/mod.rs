//! The web shell: request context, page frame, errors, security headers, static files, the
//! language switch and the 404 fallback.

pub mod context;
pub mod cookies;
pub mod errors;
pub mod extract;
pub mod headers;
pub mod lists;
pub mod page;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use psk_domain::lang::Lang;
use serde::Deserialize;

use crate::auth::session::MaybeUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use context::Ctx;
use extract::WebForm;

const CSS: &str = include_str!("../../static/app.css");
const JS: &str = include_str!("../../static/app.js");
const OFFLINE_JS: &str = include_str!("../../static/offline.js");
const FONT: &[u8] = include_bytes!("../../static/fonts/NotoNastaliqUrdu-Regular.woff2");
const ICON: &str = include_str!("../../static/icon.svg");
/// The app icons Android's install prompt needs: full-bleed squares with the mark in the middle
/// 60%, so they also serve as maskable icons (drawn from icon.svg; see static/README.md).
/// Shown before play on a lesson video that has no rendered poster.
const POSTER: &str = include_str!("../../static/poster.svg");
const ICON_192: &[u8] = include_bytes!("../../static/icon-192.png");
const ICON_512: &[u8] = include_bytes!("../../static/icon-512.png");
const MANIFEST: &str = include_str!("../../static/manifest.webmanifest");
const SERVICE_WORKER: &str = include_str!("../../static/sw.js");

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/static/app.css",
            get(|| async { asset("text/css; charset=utf-8", CSS) }),
        )
        .route(
            "/static/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", JS) }),
        )
        .route(
            "/static/offline.js",
            get(|| async { asset("text/javascript; charset=utf-8", OFFLINE_JS) }),
        )
        .route(
            "/static/icon.svg",
            get(|| async { asset("image/svg+xml", ICON) }),
        )
        .route(
            "/static/poster.svg",
            get(|| async { asset("image/svg+xml", POSTER) }),
        )
        .route(
            "/static/icon-192.png",
            get(|| async { asset("image/png", ICON_192) }),
        )
        .route(
            "/static/icon-512.png",
            get(|| async { asset("image/png", ICON_512) }),
        )
        .route(
            "/static/manifest.webmanifest",
            get(|| async { asset("application/manifest+json", MANIFEST) }),
        )
        .route(
            "/static/fonts/NotoNastaliqUrdu-Regular.woff2",
            get(|| async { asset("font/woff2", FONT) }),
        )
        // At the root so its scope covers the lessons.
        .route(
            "/sw.js",
            get(|| async { asset("text/javascript; charset=utf-8", SERVICE_WORKER) }),
        )
        .route("/lang", post(switch_language))
}

fn asset(content_type: &'static str, body: impl IntoResponse) -> Response {
    let mut res = body.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res
}

#[derive(Deserialize)]
struct LangForm {
    lang: String,
    #[serde(default)]
    next: String,
    #[serde(rename = "_csrf")]
    csrf: Option<String>,
}

/// Only paths on this site: a `/` followed by plain path and query characters, never `//host`,
/// a backslash or a control character (browsers drop tabs and newlines, which would turn
/// `/\t/host` into `//host`).
pub fn safe_next(next: &str) -> &str {
    let plain = next
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"/-_.~?=&%#+".contains(&b));
    if plain && next.starts_with('/') && !next.starts_with("//") {
        next
    } else {
        "/"
    }
}

/// The language switch: remembered in a cookie, and on the account when signed in.
async fn switch_language(
    State(st): State<AppState>,
    ctx: Ctx,
    MaybeUser(user): MaybeUser,
    WebForm(f): WebForm<LangForm>,
) -> AppResult<Response> {
    ctx.check_csrf(f.csrf.as_deref())?;
    let lang = Lang::parse(&f.lang).map_err(|_| AppError::BadRequest("malformed_body"))?;
    if let Some(u) = &user {
        crate::account::service::set_language(&st, u, lang).await?;
    }
    let mut res = Redirect::to(safe_next(&f.next)).into_response();
    context::append_cookie(
        &mut res,
        &cookies::set(
            cookies::LANG,
            lang.code(),
            Some(365 * 86400),
            st.config.secure_cookies(),
        ),
    );
    Ok(res)
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[cfg(test)]
mod tests {
    /// The Urdu web font is cut down to the characters the portal's Urdu uses
    /// (`scripts/subset-font`); Urdu text that gains a character needs the font made again, or
    /// phones without Noto Nastaliq Urdu would draw that letter in another font.
    #[test]
    fn the_web_font_covers_every_urdu_character() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let covered = include_str!("../../static/fonts/subset-chars.txt");
        let mut files = vec![root.join("crates/app/locales/ur.ftl")];
        let mut dirs = vec![root.join("content"), root.join("crates/domain/data")];
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                let name = p.to_string_lossy().into_owned();
                if p.is_dir() {
                    dirs.push(p);
                } else if name.ends_with(".ur.md")
                    || name.ends_with(".toml")
                    || name.ends_with(".tsv")
                {
                    files.push(p);
                }
            }
        }
        let mut missing = std::collections::BTreeSet::new();
        for f in &files {
            for c in std::fs::read_to_string(f).unwrap().chars() {
                if c as u32 >= 0x600 && !covered.contains(c) {
                    missing.insert((c, f.display().to_string()));
                }
            }
        }
        assert!(files.len() > 20);
        assert!(missing.is_empty(), "run scripts/subset-font: {missing:?}");
    }

    #[test]
    fn next_stays_on_site() {
        assert_eq!(super::safe_next("/dashboard"), "/dashboard");
        assert_eq!(super::safe_next("//evil.example"), "/");
        assert_eq!(super::safe_next("https://evil.example"), "/");
        assert_eq!(super::safe_next("/\\evil.example"), "/");
        assert_eq!(super::safe_next("/\t/evil.example"), "/");
        assert_eq!(super::safe_next("/a\nb"), "/");
        assert_eq!(
            super::safe_next("/learn/lessons/com-1?x=1"),
            "/learn/lessons/com-1?x=1"
        );
    }
}
