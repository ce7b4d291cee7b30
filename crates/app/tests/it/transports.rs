//! The production transports against real protocol peers on loopback: an HTTP SMS gateway and an
//! SMTP server, each a few lines of Tokio here. And the worker's retry when a transport fails.

use std::sync::{Arc, Mutex};

use softskills::config::{EmailConfig, Secret, SmsConfig};
use softskills::notify::gateway::HttpSmsGateway;
use softskills::notify::smtp::SmtpMailer;
use softskills::notify::{EmailTransport, SmsTransport};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A one-request HTTP server that answers `status` and hands back the raw request.
async fn http_peer(status: u16) -> (String, tokio::task::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/send", listener.local_addr().unwrap());
    let handle = tokio::spawn(async move {
        let (mut sock, _) = listener.accept().await.unwrap();
        let mut buf = vec![0u8; 64 * 1024];
        let mut got = Vec::new();
        loop {
            let n = sock.read(&mut buf).await.unwrap();
            got.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&got).to_string();
            if let Some(h) = text.find("\r\n\r\n") {
                let len: usize = text[..h]
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse().unwrap())
                    })
                    .unwrap_or(0);
                if got.len() >= h + 4 + len {
                    break;
                }
            }
            if n == 0 {
                break;
            }
        }
        sock.write_all(
            format!("HTTP/1.1 {status} X\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok")
                .as_bytes(),
        )
        .await
        .unwrap();
        String::from_utf8_lossy(&got).to_string()
    });
    (url, handle)
}

#[tokio::test]
async fn sms_gateway_posts_json_with_basic_auth() {
    let (url, peer) = http_peer(200).await;
    let cfg = SmsConfig {
        transport: "http".into(),
        gateway_url: url,
        gateway_username: "oec".into(),
        gateway_password: Secret("s3cret".into()),
        sender_id: "PakSoftSkills".into(),
        ..SmsConfig::default()
    };
    HttpSmsGateway::new(&cfg)
        .send("+923001234567", "کوڈ 123456")
        .await
        .unwrap();
    let req = peer.await.unwrap();
    assert!(req.starts_with("POST /send HTTP/1.1"), "{req}");
    assert!(
        req.lines()
            .any(|l| l.eq_ignore_ascii_case("authorization: Basic b2VjOnMzY3JldA==")),
        "{req}"
    );
    let body: serde_json::Value =
        serde_json::from_str(&req[req.find("\r\n\r\n").unwrap() + 4..]).unwrap();
    assert_eq!(body["to"], "+923001234567");
    assert_eq!(body["from"], "PakSoftSkills");
    assert_eq!(body["text"], "کوڈ 123456");
}

#[tokio::test]
async fn sms_gateway_failure_is_an_error() {
    let (url, _peer) = http_peer(503).await;
    let cfg = SmsConfig {
        transport: "http".into(),
        gateway_url: url,
        ..Default::default()
    };
    let err = HttpSmsGateway::new(&cfg)
        .send("+923001234567", "x")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("503"), "{err}");
}

/// A minimal SMTP server: accepts one message and records the conversation.
async fn smtp_peer() -> (u16, Arc<Mutex<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let log = Arc::new(Mutex::new(String::new()));
    let seen = log.clone();
    tokio::spawn(async move {
        let (sock, _) = listener.accept().await.unwrap();
        let (r, mut w) = sock.into_split();
        let mut lines = BufReader::new(r).lines();
        w.write_all(b"220 test ESMTP\r\n").await.unwrap();
        let mut in_data = false;
        while let Ok(Some(line)) = lines.next_line().await {
            seen.lock().unwrap().push_str(&format!("{line}\n"));
            let reply: &[u8] = if in_data {
                if line == "." {
                    in_data = false;
                    b"250 queued\r\n"
                } else {
                    continue;
                }
            } else {
                match line
                    .split(' ')
                    .next()
                    .unwrap_or("")
                    .to_ascii_uppercase()
                    .as_str()
                {
                    "EHLO" | "HELO" => b"250 test\r\n",
                    "MAIL" | "RCPT" => b"250 ok\r\n",
                    "DATA" => {
                        in_data = true;
                        b"354 go\r\n"
                    }
                    "QUIT" => {
                        let _ = w.write_all(b"221 bye\r\n").await;
                        break;
                    }
                    _ => b"250 ok\r\n",
                }
            };
            w.write_all(reply).await.unwrap();
        }
    });
    (port, log)
}

#[tokio::test]
async fn smtp_transport_delivers_to_an_smtp_server() {
    let (port, log) = smtp_peer().await;
    let cfg = EmailConfig {
        transport: "smtp".into(),
        smtp_url: Secret(format!("smtp://127.0.0.1:{port}")),
        from: "PakSoftSkills <no-reply@paksoftskills.example>".into(),
    };
    SmtpMailer::new(&cfg)
        .unwrap()
        .send("asif@example.pk", "Confirm your email", "Open this link")
        .await
        .unwrap();
    let conversation = log.lock().unwrap().clone();
    assert!(
        conversation.contains("MAIL FROM:<no-reply@paksoftskills.example>"),
        "{conversation}"
    );
    assert!(
        conversation.contains("RCPT TO:<asif@example.pk>"),
        "{conversation}"
    );
    assert!(
        conversation.contains("Subject: Confirm your email"),
        "{conversation}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_send_is_retried_later_not_lost() {
    // The gateway answers 503: the job stays pending with its error and a later run time.
    let (url, _peer) = http_peer(503).await;
    let dir = std::env::temp_dir().join(format!("psk-retry-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut cfg =
        crate::harness::test_config(&dir, &format!("sqlite://{}", dir.join("t.db").display()));
    cfg.sms.transport = "http".into();
    cfg.sms.gateway_url = url;
    cfg.worker_in_process = false;
    let app = crate::harness::TestApp::start(cfg, dir, None).await;
    let t = crate::harness::Trainee::numbered(90);
    assert_eq!(
        app.post_api("/api/v1/registrations", t.registration(), None)
            .await
            .status(),
        202
    );
    assert!(
        softskills::notify::worker::run_once(&app.state)
            .await
            .unwrap()
    );
    let (status, attempts, err): (String, i32, Option<String>) = psk_store::run!(
        app.state.db.ex(),
        |e| sqlx::query_as("SELECT status, attempts, last_error FROM jobs")
            .fetch_one(e)
            .await
    )
    .unwrap();
    assert_eq!((status.as_str(), attempts), ("pending", 1));
    assert!(err.unwrap().contains("503"));
    // Not due again yet.
    assert!(
        !softskills::notify::worker::run_once(&app.state)
            .await
            .unwrap()
    );
}
