//! The help desk's rules for workers: a worker opens a ticket (a category, a subject, a message,
//! perhaps a file), gets its number by SMS, and sees replies in the app and by SMS; they see only
//! their own tickets, never internal notes. The staff side is in `desk.rs`.

use chrono::{DateTime, Duration, Utc};
use psk_domain::FieldErrors;
use psk_domain::contact::MobileNumber;
use psk_domain::profile::BoundedText;
use psk_domain::role::Role;
use psk_domain::ticket::{Category, Status};
use psk_store::tickets::{self, MessageRow, TicketRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::identity::evidence;
use crate::media::Spooled;
use crate::state::AppState;

/// A new ticket as typed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewTicket {
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
    /// For a complaint about an employer or an OEP: its licence number or its OEC number
    /// (`OR-…`), so the complaint is on that organisation's record.
    #[serde(default)]
    pub organisation: String,
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
    /// The mobile the ticket was asked from without signing in (`0333 5550720`), which every
    /// reply also goes to; absent for a ticket opened from the account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_also_to: Option<String>,
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

pub(super) fn view(t: TicketRow, msgs: Vec<MessageRow>, staff: bool) -> TicketView {
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
        reply_also_to: None,
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

pub(super) fn message_text(input: &str) -> Result<String, (&'static str, &'static str)> {
    BoundedText::parse(input, 4000)
        .map(|t| t.as_str().to_owned())
        .map_err(|e| ("message", psk_domain::error::ErrorCode::code(&e)))
}

/// An optional attachment: present and of an accepted kind.
pub(super) fn attachment(
    file: Option<&Spooled>,
) -> Result<Option<evidence::Kind>, (&'static str, &'static str)> {
    match file {
        None => Ok(None),
        f => evidence::check("file", f).map(Some),
    }
}

/// Tells the ticket's worker of `kind` (a notice, an SMS, an email); a ticket opened without
/// signing in also texts the number that opened it, when it is not the account's.
pub(super) async fn tell_worker(
    st: &AppState,
    ex: psk_store::Ex<'_>,
    user: &psk_store::users::UserRow,
    ticket: Uuid,
    kind: crate::notices::Kind,
    number: &str,
) -> AppResult<()> {
    let mut ex = ex;
    let contact = tickets::contact(ex.reborrow(), ticket).await?;
    let also = match contact {
        Some(c) => {
            let same = st.keys.decrypt(crate::crypto::Field::Mobile, &c).ok()
                == st
                    .keys
                    .decrypt(crate::crypto::Field::Mobile, &user.mobile_enc)
                    .ok();
            (!same).then_some(c)
        }
        None => None,
    };
    let args = [("number", number.to_owned())];
    crate::notices::send(st, ex, user, kind, &args, also.as_deref()).await?;
    Ok(())
}

/// Who writes a message on a ticket, and for whom its file is kept.
pub(super) struct Author {
    pub id: Uuid,
    pub from_staff: bool,
    pub internal: bool,
    /// The ticket's worker: files are theirs whoever uploads them.
    pub owner: Uuid,
}

/// Adds a message (with its file, stored as the worker's evidence) in the caller's transaction.
pub(super) async fn write_message(
    st: &AppState,
    tx: &mut psk_store::Tx,
    ticket_id: Uuid,
    by: Author,
    body: String,
    file: Option<(&Spooled, evidence::Kind)>,
) -> AppResult<()> {
    let now = st.clock.now();
    let evidence_id = match file {
        Some((f, k)) => Some(
            evidence::store(st, tx.ex(), f, k, (by.owner, "ticket", by.id), now)
                .await?
                .id,
        ),
        None => None,
    };
    tickets::add_message(
        tx.ex(),
        &MessageRow {
            id: Uuid::new_v4(),
            ticket_id,
            author_id: by.id,
            from_staff: by.from_staff,
            internal: by.internal,
            body,
            evidence_id,
            created_at: now,
        },
    )
    .await?;
    Ok(())
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
    let (typed, kind) = parse(input, file)?;
    let user = psk_store::users::find(st.db.ex(), me.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = create(st, &user, typed, file.zip(kind), None, ip).await?;
    mine(st, me, t.id).await
}

/// A new ticket's fields, every problem named at once.
pub(super) fn parse(
    input: &NewTicket,
    file: Option<&Spooled>,
) -> AppResult<(Typed, Option<evidence::Kind>)> {
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
    // The organisation is named only by a complaint.
    let organisation = Some(input.organisation.trim())
        .filter(|o| !o.is_empty() && matches!(category, Category::Complaint | Category::FeeDispute))
        .map(str::to_owned);
    Ok((
        Typed {
            category,
            subject: subject.as_str().into(),
            body,
            organisation,
        },
        kind,
    ))
}
/// A ticket's parsed fields.
pub(crate) struct Typed {
    pub category: Category,
    pub subject: String,
    pub body: String,
    /// A complaint's organisation as named (resolved when the ticket is created).
    pub organisation: Option<String>,
}

pub(crate) use super::opening::{create, create_in};

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
    with_contact(st, view(t, msgs, false)).await
}

/// Fills the mobile a ticket asked without signing in was confirmed with.
pub(super) async fn with_contact(st: &AppState, mut v: TicketView) -> AppResult<TicketView> {
    if let Some(enc) = tickets::contact(st.db.ex(), v.id).await? {
        let e164 = st
            .keys
            .decrypt_string(crate::crypto::Field::Mobile, &enc)
            .map_err(anyhow::Error::from)?;
        v.reply_also_to = MobileNumber::parse(&e164).ok().map(|m| m.national());
    }
    Ok(v)
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
    let by = Author {
        id: me.id,
        from_staff: false,
        internal: false,
        owner: me.id,
    };
    write_message(st, &mut tx, t.id, by, body, file.zip(kind)).await?;
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
