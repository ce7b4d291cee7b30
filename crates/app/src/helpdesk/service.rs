//! The help desk's rules, in one place. A worker opens a ticket (a category, a subject, a
//! message, perhaps a file), gets its number by SMS, and sees replies in the app and by SMS; they
//! see only their own tickets, never internal notes. Support agents and administrators work a
//! queue: read (audited), reply or add an internal note, pick a canned reply, set the status,
//! take a ticket. A ticket owed an answer past `help.answer_hours` is escalated by the worker job
//! to the administrators' queue.

use chrono::{DateTime, Duration, Utc};
use psk_domain::FieldErrors;
use psk_domain::lang::Lang;
use psk_domain::profile::BoundedText;
use psk_domain::role::Role;
use psk_domain::ticket::{Category, Status};
use psk_store::tickets::{self, MessageRow, QueueFilter, TicketRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::identity::evidence;
use crate::media::Spooled;
use crate::notify::{self, Message};
use crate::state::AppState;

/// Who works the queue.
pub const DESK: &[Role] = &[Role::SupportAgent, Role::Administrator];

/// A new ticket as typed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewTicket {
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
}

/// A ticket as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TicketView {
    pub id: Uuid,
    pub number: String,
    pub category: String,
    pub subject: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Staff only: when an answer is due, whether it was escalated, who has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalated_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_to: Option<Uuid>,
    pub messages: Vec<MessageView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MessageView {
    pub id: Uuid,
    /// `worker` or `support` (never a staff member's name).
    pub from: String,
    /// Staff only: an internal note.
    pub internal: bool,
    pub body: String,
    /// The attached file's id, if any.
    pub file: Option<Uuid>,
    pub at: DateTime<Utc>,
}

fn view(t: TicketRow, msgs: Vec<MessageRow>, staff: bool) -> TicketView {
    TicketView {
        id: t.id,
        number: t.number,
        category: t.category,
        subject: t.subject,
        status: t.status,
        created_at: t.created_at,
        updated_at: t.updated_at,
        due_at: staff.then_some(t.due_at),
        escalated_at: if staff { t.escalated_at } else { None },
        assigned_to: if staff { t.assigned_to } else { None },
        messages: msgs
            .into_iter()
            .map(|m| MessageView {
                id: m.id,
                from: if m.from_staff { "support" } else { "worker" }.into(),
                internal: m.internal,
                body: m.body,
                file: m.evidence_id,
                at: m.created_at,
            })
            .collect(),
    }
}

/// `HD-` and eight Crockford base32 characters from random bytes.
fn new_number() -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bytes = crate::crypto::random_bytes::<8>();
    let s: String = bytes
        .iter()
        .map(|b| ALPHABET[(*b as usize) % 32] as char)
        .collect();
    format!("HD-{}-{}", &s[..4], &s[4..])
}

fn message_text(input: &str) -> Result<String, (&'static str, &'static str)> {
    BoundedText::parse(input, 4000)
        .map(|t| t.as_str().to_owned())
        .map_err(|e| ("message", psk_domain::error::ErrorCode::code(&e)))
}

/// An optional attachment: present and of an accepted kind.
fn attachment(
    file: Option<&Spooled>,
) -> Result<Option<evidence::Kind>, (&'static str, &'static str)> {
    match file {
        None => Ok(None),
        f => evidence::check("file", f).map(Some),
    }
}

async fn tell_worker(
    st: &AppState,
    ex: psk_store::Ex<'_>,
    user: &psk_store::users::UserRow,
    message_id: &str,
    number: &str,
) -> AppResult<()> {
    let lang = Lang::parse(&user.language).unwrap_or_default();
    let to = st
        .keys
        .decrypt_string(Field::Mobile, &user.mobile_enc)
        .map_err(anyhow::Error::from)?;
    let text = Tr::new(lang).plain(message_id, &[("number", number.to_owned())]);
    notify::enqueue(st, ex, &Message::Sms { to, text }).await
}

/// A worker opens a ticket; its number goes to them by SMS.
pub async fn open(
    st: &AppState,
    me: &CurrentUser,
    input: &NewTicket,
    file: Option<&Spooled>,
    ip: &str,
) -> AppResult<TicketView> {
    me.require(&[Role::Trainee])?;
    let mut e = FieldErrors::new();
    let category = e.take("category", Category::parse(&input.category));
    let subject = e.take("subject", BoundedText::parse(&input.subject, 150));
    let body = match message_text(&input.message) {
        Ok(b) => Some(b),
        Err((f, c)) => {
            e.push(f, c);
            None
        }
    };
    let kind = match attachment(file) {
        Ok(k) => k,
        Err((f, c)) => {
            e.push(f, c);
            None
        }
    };
    e.into_result()?;
    let (Some(category), Some(subject), Some(body)) = (category, subject, body) else {
        return Err(AppError::BadRequest("malformed_body"));
    };
    let user = psk_store::users::find(st.db.ex(), me.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = st.clock.now();
    let t = TicketRow {
        id: Uuid::new_v4(),
        number: new_number(),
        user_id: me.id,
        category: category.as_str().into(),
        subject: subject.as_str().into(),
        status: Status::New.as_str().into(),
        assigned_to: None,
        created_at: now,
        updated_at: now,
        due_at: now + Duration::hours(st.config.help.answer_hours),
        escalated_at: None,
    };
    let mut tx = st.db.begin().await?;
    tickets::insert(tx.ex(), &t).await?;
    let file_id = match (file, kind) {
        (Some(f), Some(k)) => Some(
            evidence::store(st, tx.ex(), f, k, (me.id, "ticket", me.id), now)
                .await?
                .id,
        ),
        _ => None,
    };
    tickets::add_message(
        tx.ex(),
        &MessageRow {
            id: Uuid::new_v4(),
            ticket_id: t.id,
            author_id: me.id,
            from_staff: false,
            internal: false,
            body,
            evidence_id: file_id,
            created_at: now,
        },
    )
    .await?;
    Event::new("ticket.opened")
        .actor(me.id)
        .subject(me.id)
        .detail(json!({ "ticket": t.id, "number": t.number, "category": t.category }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tell_worker(st, tx.ex(), &user, "sms-ticket-opened", &t.number).await?;
    tx.commit().await?;
    notify::wake_worker(st);
    mine(st, me, t.id).await
}

/// A worker's own tickets, newest first (without their messages).
pub async fn list_mine(st: &AppState, me: &CurrentUser) -> AppResult<Vec<TicketView>> {
    Ok(tickets::of_user(st.db.ex(), me.id)
        .await?
        .into_iter()
        .map(|t| view(t, vec![], false))
        .collect())
}

/// One of the worker's own tickets with its messages (never the internal notes); someone
/// else's is not found.
pub async fn mine(st: &AppState, me: &CurrentUser, id: Uuid) -> AppResult<TicketView> {
    let t = tickets::find(st.db.ex(), id, Some(me.id))
        .await?
        .ok_or(AppError::NotFound)?;
    let msgs = tickets::messages(st.db.ex(), id, false).await?;
    Ok(view(t, msgs, false))
}

/// The worker writes again on their ticket; a resolved or waiting ticket is open again and owed
/// an answer.
pub async fn reply_mine(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    message: &str,
    file: Option<&Spooled>,
    ip: &str,
) -> AppResult<()> {
    let t = tickets::find(st.db.ex(), id, Some(me.id))
        .await?
        .ok_or(AppError::NotFound)?;
    if !Status::parse(&t.status).is_ok_and(|s| s.accepts_messages()) {
        return Err(AppError::Gone("ticket_closed"));
    }
    let mut e = FieldErrors::new();
    let body = message_text(message).map_err(|(f, c)| e.push(f, c)).ok();
    let kind = attachment(file)
        .map_err(|(f, c)| e.push(f, c))
        .ok()
        .flatten();
    e.into_result()?;
    let body = body.unwrap_or_default();
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let file_id = match (file, kind) {
        (Some(f), Some(k)) => Some(
            evidence::store(st, tx.ex(), f, k, (me.id, "ticket", me.id), now)
                .await?
                .id,
        ),
        _ => None,
    };
    tickets::add_message(
        tx.ex(),
        &MessageRow {
            id: Uuid::new_v4(),
            ticket_id: t.id,
            author_id: me.id,
            from_staff: false,
            internal: false,
            body,
            evidence_id: file_id,
            created_at: now,
        },
    )
    .await?;
    if t.status != Status::New.as_str() {
        let due = now + Duration::hours(st.config.help.answer_hours);
        tickets::set_status(tx.ex(), t.id, Status::Open.as_str(), Some(due), now).await?;
    }
    Event::new("ticket.message")
        .actor(me.id)
        .subject(me.id)
        .detail(json!({ "ticket": t.id }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(())
}

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
        .record(st, st.db.ex())
        .await?;
    let msgs = tickets::messages(st.db.ex(), id, true).await?;
    Ok(view(t, msgs, true))
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
        let file_id = match (file, kind) {
            (Some(f), Some(k)) => Some(
                evidence::store(st, tx.ex(), f, k, (t.user_id, "ticket", agent.id), now)
                    .await?
                    .id,
            ),
            _ => None,
        };
        tickets::add_message(
            tx.ex(),
            &MessageRow {
                id: Uuid::new_v4(),
                ticket_id: t.id,
                author_id: agent.id,
                from_staff: true,
                internal: r.internal,
                body: body.clone(),
                evidence_id: file_id,
                created_at: now,
            },
        )
        .await?;
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
        tell_worker(st, tx.ex(), &owner, "sms-ticket-reply", &t.number).await?;
    }
    tx.commit().await?;
    notify::wake_worker(st);
    Ok(())
}

/// The worker job: tickets owed an answer past their time go to the administrators' queue
/// (`escalated=yes`), each audited. Returns how many.
pub async fn escalate(st: &AppState) -> AppResult<usize> {
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let due = tickets::escalate_overdue(tx.ex(), now).await?;
    for t in &due {
        Event::new("ticket.escalated")
            .subject(t.user_id)
            .detail(json!({ "ticket": t.id, "due_at": t.due_at }))
            .record(st, tx.ex())
            .await?;
    }
    tx.commit().await?;
    Ok(due.len())
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
            .record(st, st.db.ex())
            .await?;
    }
    Ok((row.content_type, bytes))
}
