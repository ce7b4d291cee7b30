//! Rendering errors: `application/problem+json` (RFC 9457) for the API, an HTML page (or a
//! redirect to sign-in) for the web, always in the request's language.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use psk_domain::FieldErrors;
use serde::Serialize;

use super::context::Ctx;
use super::page::Base;
use crate::error::Problem;
use crate::i18n::Tr;

/// One field error as the API reports it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    /// The request field (`cnic`, `mobile`, …).
    pub field: String,
    /// Stable code (`cnic_format`, `required`, …).
    pub code: String,
    /// The message in the request's language.
    pub message: String,
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemDoc {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    /// Stable error code; clients key on it.
    pub code: String,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tries_left: Option<i32>,
}

/// Errors raised outside our handlers (unknown route, wrong method, body too large, a body the
/// framework could not read) get the same treatment as our own.
pub fn implicit_problem(res: &Response) -> Option<Problem> {
    let ct = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if ct.starts_with("text/html")
        || ct.starts_with("application/json")
        || ct.starts_with("application/problem")
    {
        return None;
    }
    let code = match res.status() {
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => "malformed_body",
        _ => return None,
    };
    Some(Problem {
        status: res.status(),
        code,
        fields: FieldErrors::new(),
        retry_after_secs: None,
        tries_left: None,
    })
}

/// The message for a request-level problem.
pub fn detail(tr: &Tr, p: &Problem) -> String {
    match (p.retry_after_secs, p.tries_left) {
        (Some(secs), _) => tr.ta(
            &format!("error-{}", p.code.replace('_', "-")),
            &[
                ("minutes", ((secs + 59) / 60).to_string()),
                ("seconds", secs.to_string()),
            ],
        ),
        (_, Some(n)) => tr.t1("error-otp-invalid", "tries", n),
        _ => tr.t(&format!("error-{}", p.code.replace('_', "-"))),
    }
}

pub fn field_problems(tr: &Tr, fields: &FieldErrors) -> Vec<FieldProblem> {
    fields
        .0
        .iter()
        .map(|f| FieldProblem {
            field: f.field.into(),
            code: f.code.into(),
            message: tr.error(f.field, f.code),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    tr: Tr,
    base: Base,
    status: u16,
    title: String,
    detail: String,
    errors: Vec<FieldProblem>,
}

pub fn render(ctx: &Ctx, p: &Problem, original: Response) -> Response {
    let tr = Tr::new(ctx.lang);
    let mut res = if ctx.is_api {
        let doc = ProblemDoc {
            type_: format!("urn:paksoftskills:problem:{}", p.code),
            title: tr.t(&format!("title-{}", p.status.as_u16())),
            status: p.status.as_u16(),
            code: p.code.into(),
            detail: detail(&tr, p),
            errors: field_problems(&tr, &p.fields),
            retry_after: p.retry_after_secs,
            tries_left: p.tries_left,
        };
        let mut r = (p.status, axum::Json(doc)).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        r
    } else if p.code == "unauthorized" {
        if ctx.is_get {
            Redirect::to(&format!("/sign-in?next={}", urlencode(&ctx.path))).into_response()
        } else {
            Redirect::to("/sign-in").into_response()
        }
    } else {
        let page = ErrorPage {
            tr,
            base: Base::anonymous(ctx),
            status: p.status.as_u16(),
            title: tr.t(&format!("title-{}", p.status.as_u16())),
            detail: detail(&tr, p),
            errors: field_problems(&tr, &p.fields),
        };
        match page.render() {
            Ok(html) => (p.status, Html(super::page::finish(html))).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                (p.status, tr.t("error-internal")).into_response()
            }
        }
    };
    // Keep the cookies a handler set (sign-out clears the session even when it fails).
    for v in original.headers().get_all(header::SET_COOKIE) {
        res.headers_mut().append(header::SET_COOKIE, v.clone());
    }
    if let Some(secs) = p.retry_after_secs
        && let Ok(v) = HeaderValue::from_str(&secs.to_string())
    {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// What a URL component may hold as it is: RFC 3986's unreserved characters.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `s` as one component of a URL (a query value, a path segment).
pub fn urlencode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, COMPONENT).to_string()
}
