//! No personal data in logs: a whole journey, with failures, logged at debug level, and the log
//! searched for every personal value used.

use std::io::Write;
use std::sync::{Arc, Mutex};

use serde_json::json;

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_never_hold_personal_data() {
    let buf = Buffer::default();
    let writer = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || writer.clone())
        .json()
        .finish();
    if tracing::subscriber::set_global_default(subscriber).is_err() {
        eprintln!("skipped: another test in this process installed a logger (run with nextest)");
        return;
    }
    let app = crate::harness::TestApp::spawn_sqlite().await;
    let t = app.trainee(95).await;
    app.post_api(
        "/api/v1/sessions",
        json!({ "identifier": t.cnic, "password": "wrong password here" }),
        None,
    )
    .await;
    app.post_api(
        "/api/v1/sessions",
        json!({ "identifier": t.mobile, "password": t.password }),
        None,
    )
    .await;
    let mut bad = crate::harness::Trainee::numbered(96).registration();
    bad["cnic"] = json!(t.cnic);
    app.post_api("/api/v1/registrations", bad, None).await;
    app.advance(61);
    app.post_api(
        "/api/v1/password-resets",
        json!({ "identifier": t.cnic }),
        None,
    )
    .await;
    app.next_code(&t.mobile_e164).await;
    let log = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    assert!(log.len() > 500, "the journey was logged");
    let digits = t.cnic.replace('-', "");
    for secret in [
        t.cnic.as_str(),
        digits.as_str(),
        t.passport.as_str(),
        t.mobile_e164.as_str(),
        &t.mobile[1..],
        t.name.as_str(),
        t.password.as_str(),
    ] {
        assert!(!log.contains(secret), "personal data in the log: {secret}");
    }
}
