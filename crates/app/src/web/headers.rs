//! Security and caching headers on every response (DESIGN.md section 7).

use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;

use crate::state::AppState;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

pub fn apply(st: &AppState, path: &str, res: &mut Response) {
    let too_large = res.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE;
    let h = res.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(header::CONTENT_SECURITY_POLICY, CSP);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=(), payment=()",
    );
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    // A body refused for its size was not read to its end, so the connection cannot carry another
    // request; saying so keeps a client from sending its next request down a closing socket.
    if too_large {
        set(header::CONNECTION, "close");
    }
    if st.config.public_url.starts_with("https://") {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    if !res.headers().contains_key(header::CACHE_CONTROL) {
        let h = res.headers_mut();
        let mut set = |name: HeaderName, value: &'static str| {
            h.insert(name, HeaderValue::from_static(value));
        };
        // Pages and API answers may carry personal data: never stored by shared caches or the
        // browser's back-forward cache. Static files are versioned by content and cached.
        if path.starts_with("/static/") {
            set(header::CACHE_CONTROL, "public, max-age=604800");
        } else {
            set(header::CACHE_CONTROL, "no-store");
        }
    }
}
