//! Operations: liveness (`/healthz`), readiness (`/readyz`: the database answers) and Prometheus
//! metrics (`/metrics`, only with the bearer token `secrets.metrics_token`: the counts describe
//! the service's traffic and are not for anyone who asks).

pub mod metrics;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

/// The process is up. The cheapest endpoint: the performance baseline.
async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database answers and takes a write (one small transaction): a full disk or a
/// read-only database is not ready, though it still answers `SELECT 1`.
async fn readyz(State(st): State<AppState>) -> impl IntoResponse {
    if let Err(e) = st.db.ping().await {
        tracing::warn!(error = format!("{e:#}"), "database not reachable");
        return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable");
    }
    match st.db.probe_write(st.clock.now()).await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = format!("{e:#}"), "database does not take writes");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "database does not take writes",
            )
        }
    }
}

async fn metrics(
    State(st): State<AppState>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    let want = st.config.secrets.metrics_token.0.as_bytes();
    if want.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("")
        .as_bytes();
    let same = given.len() == want.len()
        && given
            .iter()
            .zip(want)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if !same {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
        )
            .into_response();
    }
    let pending = psk_store::jobs::count_by_status(st.db.ex(), "pending")
        .await
        .unwrap_or(-1);
    let failed = psk_store::jobs::count_by_status(st.db.ex(), "failed")
        .await
        .unwrap_or(-1);
    let body = st.metrics.render(&[
        (
            "jobs_pending",
            "Jobs waiting to be sent (-1: database unreachable)",
            pending,
        ),
        (
            "jobs_failed",
            "Jobs given up after all retries (-1: database unreachable)",
            failed,
        ),
    ]);
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
}
