//! A content admin's upload is never held in memory whole: the role and the form's token are
//! checked before the file is read, the file streams to disk under a running cap and on to the
//! object store in parts. Sent over a raw socket, so the test itself holds no file either.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::harness::TestApp;

const BOUNDARY: &str = "psk-boundary-7MA4YWxkTrZu0gW";

/// Signs a content admin in; returns the cookie header and the form token.
async fn content_admin(app: &TestApp) -> (String, String) {
    let admin = app.staff("content_admin", 7).await;
    app.clear_cookies();
    let csrf = app.csrf("/sign-in").await;
    let (status, _, _) = app
        .post_form(
            "/sign-in",
            &[
                ("_csrf", &csrf),
                ("identifier", &admin.mobile),
                ("password", &admin.password),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let csrf = app.csrf("/author").await;
    let cookie = format!(
        "pss_session={}; pss_csrf={}",
        app.cookie("pss_session").unwrap(),
        app.cookie("pss_csrf").unwrap()
    );
    (cookie, csrf)
}

fn text_part(name: &str, value: &str) -> String {
    format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
}

/// Sends a multipart upload of `size` bytes of WebM-looking data, `before` and `after` the file
/// (form fields), a chunk at a time; returns the status line and how long the answer took.
async fn send(
    app: &TestApp,
    cookie: &str,
    before: &str,
    size: usize,
    after: &str,
) -> (String, Duration) {
    let head = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"v.webm\"\r\nContent-Type: video/webm\r\n\r\n"
    );
    let tail = format!("\r\n{after}--{BOUNDARY}--\r\n");
    let length = before.len() + head.len() + size + tail.len();
    let mut s = TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .unwrap();
    let request = format!(
        "POST /author/media HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n{before}{head}"
    );
    s.write_all(request.as_bytes()).await.unwrap();
    let started = Instant::now();
    let mut chunk = vec![0x42u8; 64 * 1024];
    chunk[..4].copy_from_slice(&[0x1A, 0x45, 0xDF, 0xA3]);
    let mut sent = 0;
    while sent < size {
        let n = chunk.len().min(size - sent);
        if s.write_all(&chunk[..n]).await.is_err() {
            break; // the server stopped reading: it has answered
        }
        chunk[..4].copy_from_slice(b"more");
        sent += n;
    }
    let _ = s.write_all(tail.as_bytes()).await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(30), s.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer).into_owned();
    (
        answer.lines().next().unwrap_or_default().to_owned(),
        started.elapsed(),
    )
}

/// The most memory this process has held (VmHWM), in bytes.
fn peak_memory() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let kb: u64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    kb * 1024
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_upload_streams_to_the_store_without_filling_memory() {
    let app = TestApp::spawn_sqlite_with(|c| c.media.max_upload_mb = 64).await;
    let course = crate::learning::with_course(&app).await;
    let lesson = course
        .modules
        .iter()
        .flat_map(|m| m.lessons.iter())
        .find(|l| l.kind == psk_course::LessonKind::Video)
        .unwrap()
        .id
        .clone();
    let (cookie, csrf) = content_admin(&app).await;
    let before = format!(
        "{}{}{}",
        text_part("_csrf", &csrf),
        text_part("lesson", &lesson),
        text_part("lang", "ur")
    );
    // A first, smaller upload starts what any upload starts once (the store's threads, their
    // allocator arenas), so the peak below grows only with what the large file costs.
    let (status, _) = send(
        &app,
        &cookie,
        &before,
        12 << 20,
        &text_part("duration_seconds", "60"),
    )
    .await;
    assert!(status.starts_with("HTTP/1.1 303"), "{status}");
    let peak = peak_memory();
    let (status, _) = send(
        &app,
        &cookie,
        &before,
        48 << 20,
        &text_part("duration_seconds", "60"),
    )
    .await;
    assert!(status.starts_with("HTTP/1.1 303"), "{status}");
    let grew = peak_memory().saturating_sub(peak);
    assert!(
        grew < 24 << 20,
        "a 48 MB upload raised the peak memory by {} MB",
        grew >> 20
    );
    let stored: i64 = psk_store::run!(app.state.db.ex(), |e| sqlx::query_scalar(
        "SELECT MAX(bytes) FROM media"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(stored, 48 << 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_or_oversized_upload_is_refused_before_it_is_read() {
    let app = TestApp::spawn_sqlite_with(|c| c.media.max_upload_mb = 2).await;
    let (cookie, csrf) = content_admin(&app).await;
    // No token before the file: refused at once, the 40 MB never read.
    let (status, took) = send(&app, &cookie, &text_part("lesson", "com-2"), 40 << 20, "").await;
    assert!(status.starts_with("HTTP/1.1 403"), "{status}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    let forged = text_part("_csrf", "forged-token-of-the-right-length-1234567890");
    let (status, _) = send(&app, &cookie, &forged, 40 << 20, "").await;
    assert!(status.starts_with("HTTP/1.1 403"), "{status}");
    // Over the cap: refused as soon as it passes it.
    let (status, _) = send(&app, &cookie, &text_part("_csrf", &csrf), 5 << 20, "").await;
    assert!(status.starts_with("HTTP/1.1 413"), "{status}");
    assert_eq!(app.count("media").await, 0);
}
