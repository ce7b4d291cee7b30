//! The job worker as operators stop it and as crashes meet it: SIGTERM finishes the job in hand
//! and exits cleanly; a code SMS is sent at most once, whatever happens mid-send; other messages
//! at least once.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Duration as Span;
use softskills::notify::Message;

use crate::on_both;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worker_stops_cleanly_on_sigterm() {
    let dir = std::env::temp_dir().join(format!("psk-worker-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_softskills"))
        .arg("worker")
        .current_dir(&dir)
        .env("SOFTSKILLS_DATA_DIR", dir.join("data"))
        .env("SOFTSKILLS_MEDIA__RENDER_ON_START", "false")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Started when its database exists and it has had a moment to enter its loop.
    let started = Instant::now();
    while !dir.join("data/softskills.db").exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(700));
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let asked = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            asked.elapsed() < Duration::from_secs(10),
            "still running 10 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = child.wait_with_output().unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        status.success(),
        "killed instead of stopping ({status:?}): {log}"
    );
    assert!(log.contains("stopped"), "{log}");
}

/// Queues `msg` to be due in 30 s, then claims it as a worker would 31 s from now (it is "in
/// hand"), and returns the job's id: the state a worker leaves when it is killed mid-send.
async fn claimed_then_killed(app: &crate::harness::TestApp, msg: &Message) -> uuid::Uuid {
    let st = &app.state;
    let json = serde_json::to_vec(msg).unwrap();
    let enc = st
        .keys
        .encrypt(softskills::crypto::Field::JobPayload, &json);
    let due = st.clock.now() + Span::seconds(30);
    let kind = if matches!(msg, Message::Code { .. }) {
        psk_store::jobs::AT_MOST_ONCE
    } else {
        "sms"
    };
    psk_store::jobs::enqueue(st.db.ex(), kind, &enc, due)
        .await
        .unwrap();
    let at = due + Span::seconds(1);
    let job = psk_store::jobs::claim(st.db.ex(), at, at + Span::seconds(60))
        .await
        .unwrap()
        .expect("the job is claimed");
    job.id
}

on_both! {
    async fn a_code_sms_is_sent_at_most_once_and_others_at_least_once(app) {
        let code = Message::Code { to: "+923001110001".into(), text: "PakSoftSkills code: 123456".into() };
        let news = Message::Sms { to: "+923001110002".into(), text: "PakSoftSkills: you passed".into() };
        claimed_then_killed(&app, &code).await;
        claimed_then_killed(&app, &news).await;
        // Long after both leases ended, the worker has run many times.
        app.advance(5 * 60);
        for _ in 0..5 {
            softskills::notify::worker::run_once(&app.state).await.unwrap();
        }
        let to = |n: &str| app.outbox().into_iter().filter(|m| m["to"] == n).count();
        // The message that may have left is sent again (at least once)...
        let _ = app.next_message("sms", "+923001110002").await;
        // ...the code never: at most one SMS per code; the person asks for a new one.
        assert_eq!(to("+923001110001"), 0, "a code SMS whose sending may have begun was sent again");
        assert_eq!(psk_store::jobs::count_by_status(app.state.db.ex(), "sending").await.unwrap(), 1);
    }
}
