//! Messages to people (SMS and email). A message is a job row written in the transaction of the
//! change that caused it, encrypted (it holds a phone number or address); the worker sends it
//! after commit through a transport:
//!
//! - development (the default): [`outbox::FileOutbox`] appends one JSON line per message to
//!   `data/outbox.jsonl`;
//! - production: [`gateway::HttpSmsGateway`] for SMS and [`smtp::SmtpMailer`] for email.

pub mod gateway;
pub mod outbox;
pub mod parts;
pub mod smtp;
pub mod worker;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use psk_store::Ex;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::crypto::Field;
use crate::error::AppResult;
use crate::state::AppState;

pub type SendFuture<'a> = Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send + 'a>>;

/// A transport's error when the message surely did not leave (the gateway could not be reached,
/// or it refused the message): sending it again cannot make a duplicate. Any other error may
/// have come after the message left (a timeout while the gateway answered).
#[derive(Debug, thiserror::Error)]
#[error("not sent: {0:#}")]
pub struct NotSent(pub anyhow::Error);

/// Sends text messages to mobile numbers.
pub trait SmsTransport: Send + Sync {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> SendFuture<'a>;
}

/// Sends email.
pub trait EmailTransport: Send + Sync {
    fn send<'a>(&'a self, to: &'a str, subject: &'a str, body: &'a str) -> SendFuture<'a>;
}

#[derive(Clone)]
pub struct Transports {
    pub sms: Arc<dyn SmsTransport>,
    pub email: Arc<dyn EmailTransport>,
}

impl Transports {
    /// The transports the configuration names.
    pub fn from_config(cfg: &Config) -> anyhow::Result<Self> {
        let outbox = Arc::new(outbox::FileOutbox::new(cfg.outbox_path()));
        let sms: Arc<dyn SmsTransport> = match cfg.sms.transport.as_str() {
            "http" => Arc::new(gateway::HttpSmsGateway::new(&cfg.sms)),
            _ => outbox.clone(),
        };
        let email: Arc<dyn EmailTransport> = match cfg.email.transport.as_str() {
            "smtp" => Arc::new(smtp::SmtpMailer::new(&cfg.email)?),
            _ => outbox,
        };
        Ok(Self { sms, email })
    }
}

/// A message waiting in the job table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    Sms {
        to: String,
        text: String,
    },
    /// An SMS that carries a one-time code (or stands in for one): sent at most once. A job whose
    /// sending may have begun (the worker stopped mid-send, a timeout) is never sent again; the
    /// person asks for a new code. See `worker::run_once`.
    Code {
        to: String,
        text: String,
    },
    Email {
        to: String,
        subject: String,
        body: String,
    },
}

impl Message {
    fn kind(&self) -> &'static str {
        match self {
            Message::Sms { .. } => "sms",
            Message::Code { .. } => psk_store::jobs::AT_MOST_ONCE,
            Message::Email { .. } => "email",
        }
    }
}

/// Queues a message in the caller's transaction; the worker is woken after commit by
/// [`wake_worker`].
pub async fn enqueue(st: &AppState, ex: Ex<'_>, msg: &Message) -> AppResult<()> {
    enqueue_at(st, ex, msg, st.clock.now()).await.map(|_| ())
}

/// Queues a message that may not leave before `run_at`; returns its job's id.
pub async fn enqueue_at(
    st: &AppState,
    ex: Ex<'_>,
    msg: &Message,
    run_at: chrono::DateTime<chrono::Utc>,
) -> AppResult<uuid::Uuid> {
    let json = serde_json::to_vec(msg).map_err(anyhow::Error::from)?;
    let enc = st.keys.encrypt(Field::JobPayload, &json);
    Ok(psk_store::jobs::enqueue_at(ex, msg.kind(), &enc, st.clock.now(), run_at).await?)
}

/// Tells the in-process worker that committed jobs are waiting.
pub fn wake_worker(st: &AppState) {
    st.jobs_ready.notify_one();
}
