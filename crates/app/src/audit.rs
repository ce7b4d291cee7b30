//! Writing to the append-only audit log. Entries name people by id; details never hold
//! personal data.
//!
//! An entry that belongs to a change is written in that change's transaction
//! ([`Event::record`]). An entry that stands alone (a search, a look at a register) goes through
//! the [`Queue`]: one task writes every entry queued while its last commit ran in one
//! transaction, so a burst of searches makes one commit (and on SQLite one fsync and one writer
//! turn) instead of one each. The caller still waits for the commit, so a request that answered
//! has its entry stored.

use chrono::{DateTime, Utc};
use psk_store::audit::{self, Entry};
use psk_store::{Db, Ex};
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// What happened, to whom, by whom, from where.
pub struct Event<'a> {
    pub action: &'a str,
    pub actor: Option<Uuid>,
    pub subject: Option<Uuid>,
    pub detail: Value,
    pub ip: Option<&'a str>,
}

impl<'a> Event<'a> {
    pub fn new(action: &'a str) -> Self {
        Self {
            action,
            actor: None,
            subject: None,
            detail: Value::Object(Default::default()),
            ip: None,
        }
    }
    pub fn actor(mut self, id: Uuid) -> Self {
        self.actor = Some(id);
        self
    }
    pub fn subject(mut self, id: Uuid) -> Self {
        self.subject = Some(id);
        self
    }
    pub fn detail(mut self, v: Value) -> Self {
        self.detail = v;
        self
    }
    pub fn ip(mut self, ip: &'a str) -> Self {
        self.ip = Some(ip);
        self
    }

    /// Appends the event using `ex`, the transaction of the change it belongs to.
    pub async fn record(self, st: &AppState, ex: Ex<'_>) -> AppResult<()> {
        let entry = Entry {
            actor_id: self.actor,
            subject_id: self.subject,
            action: self.action,
            detail: self.detail,
            client_ip: self.ip,
            at: st.clock.now(),
        };
        audit::append(ex, &entry).await?;
        Ok(())
    }

    /// Appends an event that belongs to no other change, committed with the others queued
    /// beside it; returns once it is stored.
    pub async fn record_alone(self, st: &AppState) -> AppResult<()> {
        let (done, stored) = oneshot::channel();
        let queued = Queued {
            actor: self.actor,
            subject: self.subject,
            action: self.action.to_owned(),
            detail: self.detail,
            ip: self.ip.map(str::to_owned),
            at: st.clock.now(),
            done,
        };
        st.audit.sender(&st.db).send(queued).map_err(|_| gone())?;
        stored
            .await
            .map_err(|_| gone())?
            .map_err(|e| AppError::Internal(anyhow::anyhow!("writing audit entries: {e}")))
    }
}

fn gone() -> AppError {
    AppError::Internal(anyhow::anyhow!("the audit writer stopped"))
}

/// An entry waiting for the queue's next commit, and who waits for it.
struct Queued {
    actor: Option<Uuid>,
    subject: Option<Uuid>,
    action: String,
    detail: Value,
    ip: Option<String>,
    at: DateTime<Utc>,
    done: oneshot::Sender<Result<(), String>>,
}

impl Queued {
    fn entry(&self) -> Entry<'_> {
        Entry {
            actor_id: self.actor,
            subject_id: self.subject,
            action: &self.action,
            detail: self.detail.clone(),
            client_ip: self.ip.as_deref(),
            at: self.at,
        }
    }
}

/// The entries that stand alone, written together by one task (started by the first entry;
/// it ends when the state that owns the queue is dropped).
#[derive(Default)]
pub struct Queue {
    sender: std::sync::OnceLock<mpsc::UnboundedSender<Queued>>,
}

/// At most this many entries in one commit.
const MOST_AT_ONCE: usize = 1000;

impl Queue {
    fn sender(&self, db: &Db) -> &mpsc::UnboundedSender<Queued> {
        self.sender.get_or_init(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(write_queued(db.clone(), rx));
            tx
        })
    }
}

async fn write_queued(db: Db, mut rx: mpsc::UnboundedReceiver<Queued>) {
    let mut batch = Vec::new();
    while rx.recv_many(&mut batch, MOST_AT_ONCE).await > 0 {
        let together = write_all(&db, &batch).await;
        if together.is_err() && batch.len() > 1 {
            // One bad entry fails alone: the others are written one by one.
            for q in batch.drain(..) {
                let alone = write_all(&db, std::slice::from_ref(&q)).await;
                let _ = q.done.send(alone);
            }
        } else {
            for q in batch.drain(..) {
                let _ = q.done.send(together.clone());
            }
        }
    }
}

async fn write_all(db: &Db, batch: &[Queued]) -> Result<(), String> {
    let write = async {
        let mut tx = db.begin().await?;
        for q in batch {
            audit::append(tx.ex(), &q.entry()).await?;
        }
        tx.commit().await
    };
    write.await.map_err(|e: psk_store::StoreError| {
        tracing::error!(error = %e, entries = batch.len(), "writing audit entries failed");
        e.to_string()
    })
}
