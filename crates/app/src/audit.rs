//! Writing to the append-only audit log. Entries name people by id; details never hold
//! personal data.

use psk_store::Ex;
use psk_store::audit::{self, Entry};
use serde_json::Value;
use uuid::Uuid;

use crate::error::AppResult;
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

    /// Appends the event using `ex` (a transaction when the event belongs to a change).
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
}
