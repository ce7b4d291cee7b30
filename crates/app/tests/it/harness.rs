//! Starts the real application on port 0 with a fresh database per test (SQLite in a temporary
//! directory, or a new PostgreSQL database when `TEST_DATABASE_URL` is set) and drives it over
//! HTTP. The development transports write SMS and email to the test's own `outbox.jsonl`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use reqwest::header::{COOKIE, HeaderMap, SET_COOKIE};
use reqwest::{Method, Response, StatusCode};
use serde_json::Value;
use softskills::config::Config;
use softskills::startup::Application;
use softskills::state::AppState;
use sqlx::Connection;
use tokio::sync::watch;

pub use crate::people::Trainee;
pub use crate::util::{error_codes, extract_between, join_all, with_database};

/// Runs the body once on SQLite and once on PostgreSQL (skipped, with a note, when
/// `TEST_DATABASE_URL` is not set).
#[macro_export]
macro_rules! on_both {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::harness::TestApp::spawn_sqlite().await;
                $body
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($app) = $crate::harness::TestApp::spawn_postgres().await else {
                    eprintln!("skipped: TEST_DATABASE_URL is not set");
                    return;
                };
                $body
            }
        }
    )*};
    // The same with the configuration changed first: `with(|cfg| ...) async fn name(app) {}`.
    ($(with($cfg:expr) async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::harness::TestApp::spawn_sqlite_with($cfg).await;
                $body
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($app) = $crate::harness::TestApp::spawn_postgres_with($cfg).await else {
                    eprintln!("skipped: TEST_DATABASE_URL is not set");
                    return;
                };
                $body
            }
        }
    )*};
}

mod forms;

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub dir: PathBuf,
    client: reqwest::Client,
    jar: Mutex<HashMap<String, String>>,
    sms_seen: Mutex<HashMap<String, usize>>,
    shutdown: watch::Sender<bool>,
    pg_drop: Option<(String, String)>,
}

fn temp_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("psk-test-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub fn test_config(dir: &std::path::Path, database_url: &str) -> Config {
    let env: Vec<(String, String)> = vec![
        ("SOFTSKILLS_BIND".into(), "127.0.0.1:0".into()),
        ("SOFTSKILLS_DATA_DIR".into(), dir.display().to_string()),
        ("DATABASE_URL".into(), database_url.into()),
        ("SOFTSKILLS_DATABASE_MAX_CONNECTIONS".into(), "8".into()),
        // Tests exercise the limits on purpose; the client limits are per test anyway.
        (
            "SOFTSKILLS_OTP__RESEND_INTERVAL_SECONDS".into(),
            "60".into(),
        ),
        // No quiet hours: a test's SMS leaves whatever the hour in Pakistan (the notices tests
        // set them and the clock).
        ("SOFTSKILLS_SMS__QUIET_FROM_HOUR".into(), "0".into()),
        ("SOFTSKILLS_SMS__QUIET_UNTIL_HOUR".into(), "0".into()),
        // Videos are rendered by the tests that want them, not by every app at start.
        ("SOFTSKILLS_MEDIA__RENDER_ON_START".into(), "false".into()),
        // Deterministic: reflections are accepted on submission unless a test samples them.
        (
            "SOFTSKILLS_LEARNING__REFLECTION_SAMPLE_PERCENT".into(),
            "0".into(),
        ),
    ];
    Config::load_from(None, &env).expect("test configuration")
}

impl TestApp {
    pub async fn spawn_sqlite() -> Self {
        Self::spawn_sqlite_with(|_| {}).await
    }

    pub async fn spawn_sqlite_with(change: impl FnOnce(&mut Config)) -> Self {
        let dir = temp_dir();
        let url = format!("sqlite://{}", dir.join("test.db").display());
        let mut cfg = test_config(&dir, &url);
        change(&mut cfg);
        Self::start(cfg, dir, None).await
    }

    pub async fn spawn_postgres() -> Option<Self> {
        Self::spawn_postgres_with(|_| {}).await
    }

    pub async fn spawn_postgres_with(change: impl FnOnce(&mut Config)) -> Option<Self> {
        let admin_url = std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|s| !s.is_empty())?;
        let name = format!("psk_t_{}", uuid::Uuid::new_v4().simple());
        let mut conn = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("TEST_DATABASE_URL reachable");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .expect("create test database");
        conn.close().await.ok();
        let url = with_database(&admin_url, &name);
        let dir = temp_dir();
        let mut cfg = test_config(&dir, &url);
        change(&mut cfg);
        Some(Self::start(cfg, dir, Some((admin_url, name))).await)
    }

    pub async fn start(cfg: Config, dir: PathBuf, pg_drop: Option<(String, String)>) -> Self {
        Self::start_with(cfg, dir, pg_drop).await
    }

    pub async fn start_with(cfg: Config, dir: PathBuf, pg_drop: Option<(String, String)>) -> Self {
        let app = Application::build(cfg).await.expect("application builds");
        let base = format!("http://{}", app.addr());
        let state = app.state.clone();
        let shutdown = app.shutdown_handle();
        tokio::spawn(app.run());
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self {
            base,
            state,
            dir,
            client,
            jar: Mutex::new(HashMap::new()),
            sms_seen: Mutex::new(HashMap::new()),
            shutdown,
            pg_drop,
        }
    }

    // ---- requests ----

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        token: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Response {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.expect("request sent")
    }

    pub async fn get_api(&self, path: &str, token: Option<&str>) -> Response {
        self.request(Method::GET, path, None, token, &[]).await
    }

    pub async fn post_api(&self, path: &str, body: Value, token: Option<&str>) -> Response {
        self.request(Method::POST, path, Some(body), token, &[])
            .await
    }

    fn cookie_header(&self) -> String {
        self.jar
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&self, headers: &HeaderMap) {
        let mut jar = self.jar.lock().unwrap();
        for v in headers.get_all(SET_COOKIE) {
            let s = v.to_str().unwrap();
            let (pair, attrs) = s.split_once(';').unwrap_or((s, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") || val.is_empty() {
                jar.remove(k);
            } else {
                jar.insert(k.to_owned(), val.to_owned());
            }
        }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar.lock().unwrap().get(name).cloned()
    }

    pub fn set_cookie(&self, name: &str, value: &str) {
        self.jar.lock().unwrap().insert(name.into(), value.into());
    }

    pub fn clear_cookies(&self) {
        self.jar.lock().unwrap().clear();
    }

    /// A browser-like GET: sends and keeps cookies.
    pub async fn get_page(&self, path: &str) -> (StatusCode, HeaderMap, String) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep_cookies(res.headers());
        let (s, h) = (res.status(), res.headers().clone());
        (s, h, res.text().await.unwrap())
    }

    /// A browser-like form POST.
    pub async fn post_form(
        &self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (StatusCode, HeaderMap, String) {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .form(fields)
            .send()
            .await
            .unwrap();
        self.keep_cookies(res.headers());
        let (s, h) = (res.status(), res.headers().clone());
        (s, h, res.text().await.unwrap())
    }

    /// The anti-forgery token of the form on `path` (fetching the page sets the cookie).
    pub async fn csrf(&self, path: &str) -> String {
        let (_, _, html) = self.get_page(path).await;
        extract_between(&html, "name=\"_csrf\" value=\"", "\"").expect("page has a form")
    }

    // ---- outbox ----

    pub fn outbox(&self) -> Vec<Value> {
        std::fs::read_to_string(self.dir.join("outbox.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// Waits for the next message to `to` (an E.164 number or an email address) on `channel`.
    pub async fn next_message(&self, channel: &str, to: &str) -> Value {
        let seen = *self
            .sms_seen
            .lock()
            .unwrap()
            .get(&format!("{channel}:{to}"))
            .unwrap_or(&0);
        for _ in 0..400 {
            let msgs: Vec<Value> = self
                .outbox()
                .into_iter()
                .filter(|m| m["channel"] == channel && m["to"] == to)
                .collect();
            if msgs.len() > seen {
                self.sms_seen
                    .lock()
                    .unwrap()
                    .insert(format!("{channel}:{to}"), seen + 1);
                return msgs[seen].clone();
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("no {channel} to {to} arrived within 10 s");
    }

    pub async fn next_code(&self, mobile_e164: &str) -> String {
        let m = self.next_message("sms", mobile_e164).await;
        let text = m["text"].as_str().unwrap();
        let digits: String = text
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take(6)
            .collect();
        assert_eq!(digits.len(), 6, "{text}");
        digits
    }

    // ---- database facts ----

    pub async fn count(&self, table: &str) -> i64 {
        self.count_where(table, "TRUE").await
    }

    /// The rows of `table` for which the SQL condition holds.
    pub async fn count_where(&self, table: &str, condition: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {condition}");
        psk_store::run!(self.state.db.ex(), |e| sqlx::query_scalar::<_, i64>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .fetch_one(e)
        .await)
        .unwrap()
    }

    pub async fn audit_actions(&self) -> Vec<String> {
        psk_store::run!(self.state.db.ex(), |e| sqlx::query_scalar::<_, String>(
            "SELECT action FROM audit_log ORDER BY at"
        )
        .fetch_all(e)
        .await)
        .unwrap()
    }

    /// Moves the clock to five seconds past the next full hour, so fixed rate-limit windows
    /// (minute, quarter hour, hour) all start together and a test cannot straddle a boundary.
    pub fn start_of_hour(&self) {
        use chrono::{DurationRound, Utc};
        let next = Utc::now()
            .duration_trunc(chrono::Duration::hours(1))
            .unwrap()
            + chrono::Duration::hours(1)
            + chrono::Duration::seconds(5);
        self.state.clock.set(next);
    }

    pub fn advance(&self, secs: i64) {
        self.state.clock.advance(chrono::Duration::seconds(secs));
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some((admin, name)) = self.pg_drop.take() {
            // Dropped from a plain thread: the test's runtime is shutting down.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&mut c)
                        .await;
                    }
                });
            })
            .join();
        }
    }
}
