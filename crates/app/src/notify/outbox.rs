//! The development transport: each message becomes one JSON line in `data/outbox.jsonl`
//! (`{"channel","to","text"|"subject"+"body","at"}`), so a developer or a test can read the OTP.

use std::path::PathBuf;

use anyhow::Context;
use tokio::io::AsyncWriteExt;
use tokio::sync::Mutex;

use super::{EmailTransport, SendFuture, SmsTransport};

pub struct FileOutbox {
    path: PathBuf,
    // One writer at a time, so lines never interleave.
    lock: Mutex<()>,
}

impl FileOutbox {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            lock: Mutex::new(()),
        }
    }

    async fn append(&self, value: serde_json::Value) -> anyhow::Result<()> {
        let _g = self.lock.lock().await;
        if let Some(dir) = self.path.parent() {
            tokio::fs::create_dir_all(dir).await.ok();
        }
        let mut line = serde_json::to_vec(&value)?;
        line.push(b'\n');
        let mut f = tokio::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .await
            .with_context(|| format!("opening {}", self.path.display()))?;
        f.write_all(&line).await?;
        f.flush().await?;
        Ok(())
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl SmsTransport for FileOutbox {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> SendFuture<'a> {
        Box::pin(
            self.append(
                serde_json::json!({ "channel": "sms", "to": to, "text": text, "at": now() }),
            ),
        )
    }
}

impl EmailTransport for FileOutbox {
    fn send<'a>(&'a self, to: &'a str, subject: &'a str, body: &'a str) -> SendFuture<'a> {
        Box::pin(self.append(serde_json::json!({ "channel": "email", "to": to, "subject": subject, "text": body, "at": now() })))
    }
}
