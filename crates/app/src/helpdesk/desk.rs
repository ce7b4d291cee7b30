//! The help desk's rules for staff: support agents and administrators work a queue, read a ticket
//! (audited), reply or add an internal note, pick a canned reply, set the status, take a ticket.
//! A ticket owed an answer past `help.answer_hours` is escalated by the worker job to the
//! administrators' queue.

use psk_domain::FieldErrors;
use psk_domain::lang::Lang;
use psk_domain::role::Role;
use psk_domain::ticket::{Category, Status};
use psk_store::tickets::{self, QueueFilter};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::service::{
    Author, TicketView, attachment, message_text, tell_worker, view, with_contact, write_message,
};
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::identity::evidence;
use crate::media::Spooled;
use crate::notify;
use crate::state::AppState;

/// Who works the queue.
pub const DESK: &[Role] = &[Role::SupportAgent, Role::Administrator];

/// The queue's filters, as typed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, utoipa::IntoParams)]
pub struct QueueQuery {
    /// A status; empty: every ticket not resolved or closed.
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub category: String,
    /// `me` (mine), `none` (nobody's), or empty.
    #[serde(default)]
    pub assigned: String,
    /// `yes`: escalated only.
    #[serde(default)]
    pub escalated: String,
}

/// The queue, most overdue first.
pub async fn queue(
    st: &AppState,
    agent: &CurrentUser,
    q: &QueueQuery,
) -> AppResult<Vec<TicketView>> {
    agent.require(DESK)?;
    let mut e = FieldErrors::new();
    let status = (!q.status.is_empty())
        .then(|| e.take("status", Status::parse(&q.status)))
        .flatten();
    let category = (!q.category.is_empty())
        .then(|| e.take("category", Category::parse(&q.category)))
        .flatten();
    e.into_result()?;
    let f = QueueFilter {
        status: status.map(|s| s.as_str()),
        category: category.map(|c| c.as_str()),
        assigned_to: (q.assigned == "me").then_some(agent.id),
        unassigned: q.assigned == "none",
        escalated: q.escalated == "yes",
    };
    Ok(tickets::queue(st.db.ex(), &f)
        .await?
        .into_iter()
        .map(|t| view(t, vec![], true))
        .collect())
}

/// A ticket with every message and note, for staff (audited as a read of the worker's record).
pub async fn read(st: &AppState, agent: &CurrentUser, id: Uuid, ip: &str) -> AppResult<TicketView> {
    agent.require(DESK)?;
    let t = tickets::find(st.db.ex(), id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    Event::new("ticket.read")
        .actor(agent.id)
        .subject(t.user_id)
        .detail(json!({ "ticket": t.id, "role": agent.role.as_str() }))
        .ip(ip)
        .record_alone(st)
        .await?;
    let msgs = tickets::messages(st.db.ex(), id, true).await?;
    with_contact(st, view(t, msgs, true)).await
}

/// What an agent sends: a message (or a canned reply's key), whether it is an internal note, a
/// new status, taking the ticket.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct StaffReply {
    #[serde(default)]
    pub message: String,
    /// A canned reply's key (`policy/replies.toml`), sent in the worker's language when the
    /// message is empty.
    #[serde(default)]
    pub canned: String,
    /// An internal note: the worker never sees it and is not told.
    #[serde(default)]
    pub internal: bool,
    /// The new status; empty: `waiting` after a reply, unchanged after a note.
    #[serde(default)]
    pub status: String,
    /// Take the ticket.
    #[serde(default)]
    pub assign_to_me: bool,
}

/// An agent answers (or notes, or only changes the status or takes the ticket). A reply is told
/// to the worker by SMS.
pub async fn answer(
    st: &AppState,
    agent: &CurrentUser,
    id: Uuid,
    r: &StaffReply,
    file: Option<&Spooled>,
    ip: &str,
) -> AppResult<()> {
    agent.require(DESK)?;
    let t = tickets::find(st.db.ex(), id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    let owner = psk_store::users::find(st.db.ex(), t.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = Lang::parse(&owner.language).unwrap_or_default();
    let mut e = FieldErrors::new();
    let status = (!r.status.is_empty())
        .then(|| e.take("status", Status::parse(&r.status)))
        .flatten();
    let text = if !r.message.trim().is_empty() {
        message_text(&r.message).map_err(|(f, c)| e.push(f, c)).ok()
    } else if !r.canned.is_empty() {
        match super::replies::get(&r.canned) {
            Some(c) => Some(c.text(lang).to_owned()),
            None => {
                e.push("canned", "choose_option");
                None
            }
        }
    } else {
        None
    };
    let kind = attachment(file)
        .map_err(|(f, c)| e.push(f, c))
        .ok()
        .flatten();
    if text.is_none() && file.is_some() {
        e.push("message", "required");
    }
    if text.is_none() && status.is_none() && !r.assign_to_me && e.is_empty() {
        e.push("message", "required");
    }
    e.into_result()?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    if r.assign_to_me {
        tickets::assign(tx.ex(), t.id, Some(agent.id), now).await?;
    }
    if let Some(body) = &text {
        let by = Author {
            id: agent.id,
            from_staff: true,
            internal: r.internal,
            owner: t.user_id,
        };
        write_message(st, &mut tx, t.id, by, body.clone(), file.zip(kind)).await?;
    }
    let replied = text.is_some() && !r.internal;
    let new_status = status.or(replied.then_some(Status::Waiting));
    if let Some(s) = new_status {
        tickets::set_status(tx.ex(), t.id, s.as_str(), None, now).await?;
    }
    Event::new(match (text.is_some(), r.internal) {
        (true, false) => "ticket.replied",
        (true, true) => "ticket.note_added",
        _ => "ticket.updated",
    })
    .actor(agent.id)
    .subject(t.user_id)
    .detail(json!({ "ticket": t.id, "status": new_status.map(|s| s.as_str()), "assigned": r.assign_to_me, "role": agent.role.as_str() }))
    .ip(ip)
    .record(st, tx.ex())
    .await?;
    if replied {
        tell_worker(
            st,
            tx.ex(),
            &owner,
            t.id,
            crate::notices::Kind::TicketReply,
            &t.number,
        )
        .await?;
    }
    tx.commit().await?;
    notify::wake_worker(st);
    Ok(())
}

/// The worker job: tickets owed an answer past their time go to the administrators' queue
/// (`escalated=yes`), each audited. Returns how many.
pub async fn escalate(st: &AppState) -> AppResult<usize> {
    let now = st.clock.now();
    let due = tickets::overdue(st.db.ex(), now).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let mut marked = 0;
    let mut tx = st.db.begin().await?;
    for t in &due {
        if !tickets::mark_escalated(tx.ex(), t.id, now).await? {
            continue;
        }
        marked += 1;
        Event::new("ticket.escalated")
            .subject(t.user_id)
            .detail(json!({ "ticket": t.id, "due_at": t.due_at }))
            .record(st, tx.ex())
            .await?;
    }
    tx.commit().await?;
    Ok(marked)
}

/// A file attached to a ticket: for its worker, or for staff (audited).
pub async fn file(
    st: &AppState,
    who: &CurrentUser,
    ticket: Uuid,
    file: Uuid,
    ip: &str,
) -> AppResult<(String, Vec<u8>)> {
    let staff = DESK.contains(&who.role);
    let owner = if staff { None } else { Some(who.id) };
    let t = tickets::find(st.db.ex(), ticket, owner)
        .await?
        .ok_or(AppError::NotFound)?;
    let msgs = tickets::messages(st.db.ex(), t.id, staff).await?;
    if !msgs.iter().any(|m| m.evidence_id == Some(file)) {
        return Err(AppError::NotFound);
    }
    let (row, bytes) = evidence::open(st, t.user_id, file).await?;
    if staff {
        Event::new("ticket.file_read")
            .actor(who.id)
            .subject(t.user_id)
            .detail(json!({ "ticket": t.id, "file": file, "role": who.role.as_str() }))
            .ip(ip)
            .record_alone(st)
            .await?;
    }
    Ok((row.content_type, bytes))
}
