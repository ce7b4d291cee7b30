//! Slow and idle clients, met with a raw socket: a half-sent head, an idle kept-alive connection
//! and a stalled body are cut off; connections beyond the cap wait their turn; a stop does not
//! wait for ever on a client that never finishes.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::harness::TestApp;

async fn app_with(change: impl FnOnce(&mut softskills::config::HttpConfig)) -> TestApp {
    TestApp::spawn_sqlite_with(|c| change(&mut c.http)).await
}

async fn connect(app: &TestApp) -> TcpStream {
    TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .unwrap()
}

/// Reads until the server closes the connection (or `limit` passes); returns what came and when
/// the connection closed, if it did.
async fn read_until_closed(s: &mut TcpStream, limit: Duration) -> (String, Option<Duration>) {
    let started = Instant::now();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while started.elapsed() < limit {
        match tokio::time::timeout(limit - started.elapsed(), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => {
                return (
                    String::from_utf8_lossy(&got).into(),
                    Some(started.elapsed()),
                );
            }
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => break,
        }
    }
    (String::from_utf8_lossy(&got).into(), None)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_sent_head_and_an_idle_connection_are_closed() {
    let app = app_with(|h| h.header_timeout_seconds = 1).await;
    // Slowloris: a head that never ends.
    let mut slow = connect(&app).await;
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: 1")
        .await
        .unwrap();
    let (_, closed) = read_until_closed(&mut slow, Duration::from_secs(5)).await;
    assert!(
        closed.is_some(),
        "a half-sent head held the connection for 5 s"
    );
    // Idle keep-alive: one request answered, then nothing.
    let mut idle = connect(&app).await;
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let (said, closed) = read_until_closed(&mut idle, Duration::from_secs(5)).await;
    assert!(said.starts_with("HTTP/1.1 200"), "{said}");
    assert!(
        closed.is_some(),
        "an idle kept-alive connection was held for 5 s"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_body_ends_the_request() {
    let app = app_with(|h| h.body_timeout_seconds = 1).await;
    let mut s = connect(&app).await;
    s.write_all(b"POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"identifier\":").await.unwrap();
    let started = Instant::now();
    let (said, _) = read_until_closed(&mut s, Duration::from_secs(5)).await;
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "waited {:?} on a stalled body",
        started.elapsed()
    );
    assert!(said.is_empty() || said.starts_with("HTTP/1.1 4"), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_wait_their_turn() {
    let app = app_with(|h| {
        h.max_connections = 3;
        h.header_timeout_seconds = 30;
    })
    .await;
    let mut held = vec![];
    for _ in 0..3 {
        held.push(connect(&app).await);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // A fourth connection is queued by the kernel, not served, while three are held...
    let mut fourth = connect(&app).await;
    fourth
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let (said, _) = read_until_closed(&mut fourth, Duration::from_millis(700)).await;
    assert!(said.is_empty(), "served beyond the cap: {said}");
    // ...and served as soon as one of them goes.
    drop(held.pop());
    let (said, _) = read_until_closed(&mut fourth, Duration::from_secs(5)).await;
    assert!(said.starts_with("HTTP/1.1 200"), "{said}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stop_does_not_wait_for_a_client_that_never_finishes() {
    let dir = std::env::temp_dir().join(format!("psk-stop-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut cfg =
        crate::harness::test_config(&dir, &format!("sqlite://{}", dir.join("t.db").display()));
    cfg.http.header_timeout_seconds = 60;
    cfg.http.shutdown_seconds = 1;
    let app = softskills::startup::Application::build(cfg).await.unwrap();
    let addr = app.addr();
    let stop = app.shutdown_handle();
    let running = tokio::spawn(app.run());
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let asked = Instant::now();
    stop.send(true).unwrap();
    let done = tokio::time::timeout(Duration::from_secs(10), running).await;
    assert!(
        done.is_ok(),
        "the stop waited more than 10 s for a half-sent request"
    );
    assert!(
        asked.elapsed() < Duration::from_secs(5),
        "{:?}",
        asked.elapsed()
    );
}
