//! The development SMS outbox (`data/outbox.jsonl`, one JSON line a message) followed as the
//! server appends to it, so the `journey` scenario can read each trainee's OTP.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

/// OTPs read from the development outbox as the server writes them, by mobile number.
#[derive(Default)]
pub struct Codes {
    by_mobile: Mutex<HashMap<String, String>>,
}

impl Codes {
    pub async fn follow(self: Arc<Self>, path: PathBuf) {
        let mut offset = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let mut partial = String::new();
        loop {
            if let Ok(bytes) = std::fs::read(&path)
                && bytes.len() as u64 > offset
            {
                partial.push_str(&String::from_utf8_lossy(&bytes[offset as usize..]));
                offset = bytes.len() as u64;
                while let Some(end) = partial.find('\n') {
                    let line: String = partial.drain(..=end).collect();
                    let Ok(v) = serde_json::from_str::<Value>(&line) else {
                        continue;
                    };
                    let (Some(to), Some(text)) = (v["to"].as_str(), v["text"].as_str()) else {
                        continue;
                    };
                    let code: String = text
                        .split(|c: char| !c.is_ascii_digit())
                        .find(|w| w.len() == 6)
                        .unwrap_or_default()
                        .to_owned();
                    if v["channel"] == "sms" && !code.is_empty() {
                        self.by_mobile
                            .lock()
                            .expect("codes")
                            .insert(to.to_owned(), code);
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The code sent to `mobile`, waiting up to two minutes for it.
    pub async fn wait(&self, mobile: &str) -> Option<String> {
        for _ in 0..1200 {
            if let Some(c) = self.by_mobile.lock().expect("codes").remove(mobile) {
                return Some(c);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        None
    }
}
