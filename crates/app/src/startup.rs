//! Building the application: connect and migrate the database, load keys, assemble the router,
//! bind the listener (port 0 in tests) and run until shut down.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use psk_store::Db;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::timeout::RequestBodyTimeoutLayer;

use crate::config::Config;
use crate::crypto::Keys;
use crate::notify::{Transports, worker};
use crate::state::AppState;
use crate::{access, account, admin, api, auth, home, learning, ops, web};

/// Opens the database named by the configuration (creating the data directory for SQLite) and
/// applies pending migrations.
pub async fn open_database(cfg: &Config) -> anyhow::Result<Db> {
    if cfg.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&cfg.data_dir)
            .with_context(|| format!("creating {}", cfg.data_dir.display()))?;
    }
    let sync = if cfg.database_sqlite_synchronous == "normal" {
        psk_store::SqliteSync::Normal
    } else {
        psk_store::SqliteSync::Full
    };
    let db = Db::connect(&cfg.database_url, cfg.database_max_connections, sync)
        .await
        .context("connecting to the database (check database_url / DATABASE_URL)")?;
    db.migrate().await.context("applying migrations")?;
    Ok(db)
}

/// The whole router with its middleware.
pub fn router(st: AppState) -> Router {
    Router::new()
        .merge(home::router())
        .merge(access::router())
        .merge(account::router())
        .merge(crate::privacy::router(&st))
        .merge(crate::notices::pages::router())
        .merge(crate::policy::pages::router())
        .merge(crate::identity::router(&st))
        .merge(crate::support::router(&st))
        .merge(crate::helpdesk::router(&st))
        .merge(crate::orgs::router(&st))
        .merge(admin::router())
        .merge(learning::router())
        .merge(crate::grading::router())
        .merge(crate::authoring::router(&st))
        .merge(crate::exam::router())
        .merge(crate::certificate::router())
        .merge(crate::protector::router())
        .merge(api::router(&st))
        .merge(web::router())
        .merge(ops::router())
        .fallback(web::not_found)
        // Inside the context middleware, so a panic becomes an ordinary 500 page or problem.
        .layer(CatchPanicLayer::custom(|_| {
            crate::error::AppError::Internal(anyhow::anyhow!("handler panicked"))
                .into_response_for_panic()
        }))
        .layer(axum::middleware::from_fn_with_state(
            st.clone(),
            web::context::middleware,
        ))
        // Videos are already compressed, and a compressed body would break range requests.
        .layer(
            CompressionLayer::new()
                .compress_when(DefaultPredicate::new().and(NotForContentType::const_new("video/"))),
        )
        .layer(DefaultBodyLimit::max(64 * 1024))
        // A body that stops coming (a slow or stalled client) ends the request.
        .layer(RequestBodyTimeoutLayer::new(Duration::from_secs(
            st.config.http.body_timeout_seconds,
        )))
        .with_state(st)
}

/// A running application: its address and a way to stop it.
pub struct Application {
    pub state: AppState,
    listener: TcpListener,
    shutdown_tx: watch::Sender<bool>,
    shutdown_rx: watch::Receiver<bool>,
}

impl Application {
    /// Connects, migrates, loads keys and binds `cfg.bind` (port 0 picks a free port).
    pub async fn build(cfg: Config) -> anyhow::Result<Self> {
        let db = open_database(&cfg).await?;
        Self::build_with(cfg, db).await
    }

    pub async fn build_with(cfg: Config, db: Db) -> anyhow::Result<Self> {
        crate::privacy::wording::check()?;
        crate::policy::check()?;
        crate::helpdesk::faq::check()?;
        crate::helpdesk::replies::check()?;
        let keys = Keys::load(&cfg)?;
        let transports = Transports::from_config(&cfg)?;
        let listener = TcpListener::bind(cfg.bind)
            .await
            .with_context(|| format!("binding {}", cfg.bind))?;
        auth::password::warm_up();
        let media = crate::media::open_store(&cfg)?;
        let state = AppState::new(db, cfg, keys, transports, media);
        crate::content::import_if_empty(&state).await?;
        crate::admin::settings::warn_unset(&state).await;
        crate::policy::seed(&state)
            .await
            .map_err(|e| anyhow::anyhow!("writing the first policy versions: {e}"))?;
        crate::protector::service::seed_offices(&state)
            .await
            .map_err(|e| anyhow::anyhow!("seeding the protector offices: {e}"))?;
        // The first signing key is made at start-up, not by whichever request comes first.
        crate::certificate::keys::signer(&state)
            .await
            .map_err(|e| anyhow::anyhow!("preparing the certificate signing key: {e}"))?;
        let (shutdown_tx, shutdown_rx) = watch::channel(false);
        Ok(Self {
            state,
            listener,
            shutdown_tx,
            shutdown_rx,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("bound listener has an address")
    }

    /// A handle that stops the server and the worker.
    pub fn shutdown_handle(&self) -> watch::Sender<bool> {
        self.shutdown_tx.clone()
    }

    /// Serves until `shutdown` or Ctrl-C/SIGTERM, finishing requests in flight.
    pub async fn run(self) -> anyhow::Result<()> {
        let st = self.state.clone();
        let worker = st
            .config
            .worker_in_process
            .then(|| tokio::spawn(worker::run(st.clone(), self.shutdown_rx.clone())));
        if st.config.worker_in_process {
            tokio::spawn(crate::media::background::render_missing(st.clone()));
        }
        st.pool.load_in_background(&st);
        let app = router(st.clone());
        let rx = self.shutdown_rx.clone();
        let tx = self.shutdown_tx.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            let _ = tx.send(true);
        });
        tracing::info!(addr = %self.addr(), backend = ?st.db.backend(), "serving");
        let addr = self.addr();
        crate::serve::serve(self.listener, app, &st.config.http, rx).await?;
        tracing::debug!(%addr, "no longer serving");
        if let Some(w) = worker {
            let _ = tokio::time::timeout(Duration::from_secs(10), w).await;
        }
        st.db.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Ctrl-C or SIGTERM (what `systemctl stop`, Docker and Kubernetes send).
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}
