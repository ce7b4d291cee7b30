//! Operations: liveness (`/healthz`), readiness (`/readyz`: the database answers) and Prometheus
//! metrics (`/metrics`).

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

async fn readyz(State(st): State<AppState>) -> impl IntoResponse {
    match st.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = format!("{e:#}"), "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

async fn metrics(State(st): State<AppState>) -> impl IntoResponse {
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
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body)
}
