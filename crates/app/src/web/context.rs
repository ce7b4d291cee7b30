//! The request context every page and API call gets: language, client address, the anti-forgery
//! token and the browser's device id. One middleware builds it, refuses state-changing requests
//! another site made (by `Sec-Fetch-Site` or `Origin`), and on the way out renders errors, sets the
//! security headers and records metrics.

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::{ConnectInfo, FromRequestParts, MatchedPath, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use psk_domain::lang::Lang;

use super::{cookies, errors, headers};
use crate::crypto;
use crate::error::{AppError, Problem};
use crate::state::AppState;

/// What a handler knows about the request beyond its body.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub client_ip: String,
    pub csrf_token: String,
    pub device_key: String,
    pub session_token: Option<String>,
    pub bearer_token: Option<String>,
    pub user_agent: Option<String>,
    pub path: String,
    /// Whether the request is a GET (only those are worth returning to after signing in).
    pub is_get: bool,
    pub is_api: bool,
}

impl Ctx {
    /// Checks a form's anti-forgery token (constant time).
    pub fn check_csrf(&self, submitted: Option<&str>) -> Result<(), AppError> {
        let ok = submitted.is_some_and(|s| {
            let a = s.as_bytes();
            let b = self.csrf_token.as_bytes();
            a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
        });
        if ok { Ok(()) } else { Err(AppError::Csrf) }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("context middleware not installed")))
    }
}

fn header_str(parts: &axum::http::HeaderMap, name: header::HeaderName) -> Option<String> {
    parts
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn client_ip(st: &AppState, req: &Request) -> String {
    if st.config.trust_proxy_headers
        && let Some(ip) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next_back())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    {
        return ip;
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn changes_state(method: &str) -> bool {
    !matches!(method, "GET" | "HEAD" | "OPTIONS")
}

/// Whether the browser says a request was made by another site: `Sec-Fetch-Site` (every current
/// browser) other than same-origin or none (typed, bookmarked), or else an `Origin` that is not
/// this host or the public address. A request that sends neither (an old browser, a script) is
/// left to the form's anti-forgery token, which every state-changing form checks anyway.
fn from_another_site(st: &AppState, h: &axum::http::HeaderMap) -> bool {
    if let Some(site) = header_str(h, HeaderName::from_static("sec-fetch-site")) {
        return !matches!(site.as_str(), "same-origin" | "none");
    }
    let Some(origin) = header_str(h, header::ORIGIN) else {
        return false;
    };
    let authority = |url: &str| {
        url.split_once("://")
            .map(|(_, rest)| rest.split('/').next().unwrap_or("").to_ascii_lowercase())
    };
    let Some(from) = authority(&origin) else {
        return true; // "null" and anything unparsable
    };
    let host = header_str(h, header::HOST).map(|s| s.to_ascii_lowercase());
    let public = authority(&st.config.public_url);
    Some(&from) != host.as_ref() && Some(&from) != public.as_ref()
}

/// Builds the [`Ctx`], runs the handler, then renders errors, adds headers and cookies, and
/// counts the request.
pub async fn middleware(State(st): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let path = req.uri().path().to_owned();
    let is_api = path.starts_with("/api/");
    let h = req.headers();

    let lang_cookie = cookies::get(h, cookies::LANG).and_then(|v| Lang::parse(&v).ok());
    let accept = header_str(h, header::ACCEPT_LANGUAGE).unwrap_or_default();
    let lang = if is_api {
        Lang::from_accept_language(&accept)
    } else {
        lang_cookie.unwrap_or_else(|| Lang::from_accept_language(&accept))
    };

    let valid = |v: &String| {
        v.len() == 43
            && v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let csrf_cookie = cookies::get(h, cookies::CSRF).filter(valid);
    let device_cookie = cookies::get(h, cookies::DEVICE).filter(valid);
    let new_csrf = csrf_cookie.is_none().then(crypto::new_token);
    let new_device = device_cookie.is_none().then(crypto::new_token);
    let csrf_seed = csrf_cookie
        .or_else(|| new_csrf.clone())
        .expect("one of them is set");
    let bearer = header_str(h, header::AUTHORIZATION)
        .and_then(|v| v.strip_prefix("Bearer ").map(|t| t.trim().to_owned()));

    let ctx = Ctx {
        lang,
        client_ip: client_ip(&st, &req),
        csrf_token: URL_SAFE_NO_PAD.encode(st.keys.mac(&[b"csrf", csrf_seed.as_bytes()])),
        device_key: device_cookie
            .or_else(|| new_device.clone())
            .expect("one of them is set"),
        session_token: cookies::get(h, cookies::SESSION),
        bearer_token: bearer,
        user_agent: header_str(h, header::USER_AGENT).map(|ua| ua.chars().take(200).collect()),
        path: path.clone(),
        is_get: method == "GET",
        is_api,
    };
    let cross_site = !is_api && changes_state(&method) && from_another_site(&st, req.headers());
    req.extensions_mut().insert(ctx.clone());

    let mut res = if cross_site {
        tracing::warn!(path = %path, "cross-site state-changing request refused");
        AppError::CrossSite.into_response()
    } else if method == "GET" || method == "HEAD" {
        // A read that met an unavailable database (a connection lost under it, a restart) is
        // tried once more, on another connection; a write is not repeated behind the client's
        // back (its answer says nothing was saved, and to try again).
        let (parts, body) = req.into_parts();
        let again = Request::from_parts(parts.clone(), axum::body::Body::empty());
        let res = next.clone().run(Request::from_parts(parts, body)).await;
        let unavailable = res
            .extensions()
            .get::<Problem>()
            .is_some_and(|p| p.code == "service_unavailable");
        if unavailable {
            tracing::info!(path = %path, "read retried once after the database was unavailable");
            next.run(again).await
        } else {
            res
        }
    } else {
        next.run(req).await
    };

    let problem = res
        .extensions()
        .get::<Problem>()
        .cloned()
        .or_else(|| errors::implicit_problem(&res));
    if let Some(p) = problem {
        res = errors::render(&ctx, &p, res);
    }
    let secure = st.config.secure_cookies();
    if !is_api {
        if let Some(t) = new_csrf {
            append_cookie(&mut res, &cookies::set(cookies::CSRF, &t, None, secure));
        }
        if let Some(t) = new_device {
            append_cookie(
                &mut res,
                &cookies::set(cookies::DEVICE, &t, Some(2 * 365 * 86400), secure),
            );
        }
    }
    headers::apply(&st, &path, &mut res);
    st.metrics.observe_request(
        &method,
        route.as_deref().unwrap_or("unmatched"),
        res.status().as_u16(),
        started.elapsed(),
    );
    res
}

pub fn append_cookie(res: &mut Response, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}
