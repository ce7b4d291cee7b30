//! The HTTP client of the scenarios: at most `connections` requests in flight (and so at most
//! that many keep-alive connections), each timed from when it was scheduled.

use std::sync::Arc;
use std::time::Instant;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio::sync::Semaphore;

use crate::stats::Recorder;

#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    base: String,
    slots: Arc<Semaphore>,
}

/// How a request authenticates.
pub enum Auth<'a> {
    None,
    Bearer(&'a str),
    Cookie(&'a str),
}

/// A request's answer, when it had the expected status.
pub struct Answer {
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> anyhow::Result<Value> {
        Ok(serde_json::from_slice(&self.body)?)
    }
}

impl Http {
    pub fn new(base: &str, connections: usize) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(connections)
            .tcp_nodelay(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()?;
        Ok(Self {
            client,
            base: base.trim_end_matches('/').to_owned(),
            slots: Arc::new(Semaphore::new(connections)),
        })
    }

    /// Sends one request scheduled at `scheduled`; records it under `label` as a success when
    /// the status is `expect`, otherwise as an error named by its status (and problem code).
    #[allow(clippy::too_many_arguments)]
    pub async fn call(
        &self,
        rec: &Recorder,
        label: &'static str,
        scheduled: Instant,
        method: Method,
        path: &str,
        auth: Auth<'_>,
        body: Option<&Value>,
        expect: StatusCode,
    ) -> Option<Answer> {
        let _slot = self.slots.acquire().await.expect("never closed");
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("accept-language", "en");
        req = match auth {
            Auth::None => req,
            Auth::Bearer(t) => req.bearer_auth(t),
            // As a browser would: pages come compressed (and cost the server that). The bytes
            // recorded are then the bytes on the wire.
            Auth::Cookie(t) => req
                .header("cookie", format!("pss_session={t}"))
                .header("accept-encoding", "gzip"),
        };
        if let Some(b) = body {
            req = req.json(b);
        }
        let outcome = match req.send().await {
            Ok(res) => {
                let status = res.status();
                match res.bytes().await {
                    Ok(body) if status == expect => Ok(body.to_vec()),
                    Ok(body) => {
                        let code = serde_json::from_slice::<Value>(&body)
                            .ok()
                            .and_then(|v| v["code"].as_str().map(str::to_owned))
                            .unwrap_or_default();
                        Err(format!("{label}: HTTP {} {code}", status.as_u16()))
                    }
                    Err(e) => Err(format!("{label}: {}", short(&e))),
                }
            }
            Err(e) => Err(format!("{label}: {}", short(&e))),
        };
        let latency = scheduled.elapsed();
        match outcome {
            Ok(body) => {
                rec.ok(label, latency, body.len());
                Some(Answer { body })
            }
            Err(what) => {
                rec.error(label, latency, what);
                None
            }
        }
    }
}

fn short(e: &reqwest::Error) -> &'static str {
    if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "connection error"
    }
}
