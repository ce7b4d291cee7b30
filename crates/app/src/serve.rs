//! The HTTP server loop: what `axum::serve` does, with the limits a public service needs against
//! slow and idle clients (issue 12):
//! - a request head must arrive whole within `http.header_timeout_seconds`, and a kept-alive
//!   connection that sends no new request within the same time is closed (hyper's header-read
//!   timer runs whenever a connection waits for a head): slowloris and idle connections go;
//! - a request body must keep coming: no gap longer than `http.body_timeout_seconds` between its
//!   chunks (`RequestBodyTimeoutLayer`, in the router);
//! - at most `http.max_connections` connections at once; further ones wait in the kernel's
//!   accept queue until one closes;
//! - on shutdown, connections finish their request in flight for at most
//!   `http.shutdown_seconds`, then are dropped: a half-sent request cannot hold a stop.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

use crate::config::HttpConfig;

/// Serves `app` on `listener` until `shutdown` turns true.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    cfg: &HttpConfig,
    mut shutdown: watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let slots = Arc::new(Semaphore::new(cfg.max_connections));
    let graceful = GracefulShutdown::new();
    let header_timeout = Duration::from_secs(cfg.header_timeout_seconds);
    loop {
        let permit = tokio::select! {
            p = slots.clone().acquire_owned() => p?,
            () = stopped(&mut shutdown) => break,
        };
        let (stream, addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait a little, as axum does.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = stopped(&mut shutdown) => break,
        };
        let _ = stream.set_nodelay(true);
        let svc = app
            .clone()
            .map_request(move |mut req: axum::http::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo::<SocketAddr>(addr));
                req
            });
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(svc));
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(error = %e, "connection ended with an error");
            }
            drop(permit);
        });
    }
    drop(listener);
    let deadline = Duration::from_secs(cfg.shutdown_seconds);
    if tokio::time::timeout(deadline, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            seconds = cfg.shutdown_seconds,
            "connections still open at the shutdown deadline were dropped"
        );
    }
    Ok(())
}

/// Waits for the stop (the guard `wait_for` returns is not kept across an await).
async fn stopped(rx: &mut watch::Receiver<bool>) {
    let _ = rx.wait_for(|v| *v).await;
}
