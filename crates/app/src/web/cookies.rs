//! Reading and writing cookies.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

pub const SESSION: &str = "pss_session";
pub const CSRF: &str = "pss_csrf";
pub const DEVICE: &str = "pss_device";
pub const LANG: &str = "pss_lang";

/// The value of cookie `name` in the request, if any.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name && !v.is_empty()).then(|| v.to_owned())
        })
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, path `/`, Secure outside local development.
pub fn set(name: &str, value: &str, max_age_secs: Option<i64>, secure: bool) -> String {
    let mut s = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age_secs {
        s.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        s.push_str("; Secure");
    }
    s
}

/// A `Set-Cookie` value that deletes the cookie.
pub fn clear(name: &str, secure: bool) -> String {
    set(name, "", Some(0), secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_builds() {
        let mut h = HeaderMap::new();
        h.insert(COOKIE, "a=1; pss_lang=ur; b=".parse().unwrap());
        assert_eq!(get(&h, LANG).as_deref(), Some("ur"));
        assert_eq!(get(&h, "b"), None);
        assert_eq!(
            set("x", "y", Some(5), true),
            "x=y; Path=/; HttpOnly; SameSite=Lax; Max-Age=5; Secure"
        );
    }
}
