//! Body extractors whose failures become our own errors (problem+json or an error page) instead
//! of the framework's plain-text rejections.

use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON body; unknown fields are rejected by the target types.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(AppError::BadRequest("unsupported_media_type"))
            }
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::BadRequest("payload_too_large"))
            }
            // The rejection's text can quote the submitted values: it is not logged.
            Err(_) => Err(AppError::BadRequest("malformed_body")),
        }
    }
}

/// A JSON body that may be left out: an empty body is `None`; anything else must be JSON.
pub struct OptionalApiJson<T>(pub Option<T>);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for OptionalApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if req.headers().contains_key(axum::http::header::CONTENT_TYPE) {
            return ApiJson::from_request(req, state)
                .await
                .map(|ApiJson(v)| OptionalApiJson(Some(v)));
        }
        let body = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest("malformed_body"))?;
        if body.iter().all(u8::is_ascii_whitespace) {
            Ok(OptionalApiJson(None))
        } else {
            Err(AppError::BadRequest("unsupported_media_type"))
        }
    }
}

/// A URL-encoded form body.
pub struct WebForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for WebForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(WebForm(v)),
            Err(FormRejection::InvalidFormContentType(_)) => {
                Err(AppError::BadRequest("unsupported_media_type"))
            }
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::BadRequest("payload_too_large"))
            }
            Err(_) => Err(AppError::BadRequest("malformed_body")),
        }
    }
}

/// A form body as its key–value pairs, in order, repeated keys kept (checkboxes, orderings).
pub struct FormPairs(pub Vec<(String, String)>);

impl FormPairs {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The anti-forgery token of the form.
    pub fn csrf(&self) -> Option<&str> {
        self.get("_csrf")
    }

    /// Answers of a quiz or test form: `q_<question>` (one or several values) and, for
    /// orderings, `q_<question>__<position>`, put in position order. A question whose inputs
    /// were all left empty is present with no answer (so it can be cleared).
    pub fn answers(&self) -> std::collections::HashMap<String, Vec<String>> {
        let mut by_question: std::collections::HashMap<String, Vec<(u32, String)>> =
            Default::default();
        for (k, v) in &self.0 {
            let Some(rest) = k.strip_prefix("q_") else {
                continue;
            };
            let (qid, pos) = match rest.rsplit_once("__") {
                Some((q, p)) => (q.to_owned(), p.parse().unwrap_or(0)),
                None => (rest.to_owned(), 0),
            };
            let entry = by_question.entry(qid).or_default();
            if !v.is_empty() {
                entry.push((pos, v.clone()));
            }
        }
        by_question
            .into_iter()
            .map(|(q, mut v)| {
                v.sort_by_key(|(p, _)| *p);
                (q, v.into_iter().map(|(_, id)| id).collect())
            })
            .collect()
    }
}

impl<S: Send + Sync> FromRequest<S> for FormPairs {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| {
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::BadRequest("payload_too_large")
                } else {
                    AppError::BadRequest("malformed_body")
                }
            })?;
        serde_urlencoded::from_bytes(&body)
            .map(FormPairs)
            .map_err(|_| AppError::BadRequest("malformed_body"))
    }
}
