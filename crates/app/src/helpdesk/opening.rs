//! Opening a ticket: the row, its first message, the organisation a complaint names, the audit
//! entry and the worker told its number, in one transaction (the caller's, for a fee dispute).

use chrono::Duration;
use psk_domain::ticket::Status;
use psk_store::tickets::{self, TicketRow};
use serde_json::json;
use uuid::Uuid;

use super::service::{Author, Typed, tell_worker, write_message};
use crate::audit::Event;
use crate::error::AppResult;
use crate::identity::evidence;
use crate::media::Spooled;
use crate::notify;
use crate::state::AppState;

/// Opens `user`'s ticket with its first message, audited, and tells them its number (also at
/// `contact`, a number verified by code when they could not sign in, kept with the ticket so the
/// replies reach it too).
pub(crate) async fn create(
    st: &AppState,
    user: &psk_store::users::UserRow,
    typed: Typed,
    file: Option<(&Spooled, evidence::Kind)>,
    contact: Option<&[u8]>,
    ip: &str,
) -> AppResult<TicketRow> {
    let org = match &typed.organisation {
        Some(named) => Some(crate::orgs::complained_about(st, named).await?),
        None => None,
    };
    let mut tx = st.db.begin().await?;
    let t = create_in(st, &mut tx, user, typed, org, file, contact, ip).await?;
    tx.commit().await?;
    notify::wake_worker(st);
    Ok(t)
}

/// [`create`] in the caller's transaction, the organisation already found (a fee dispute opens
/// its ticket with the worker's answer, all or nothing); wake the worker after the commit.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn create_in(
    st: &AppState,
    tx: &mut psk_store::Tx,
    user: &psk_store::users::UserRow,
    typed: Typed,
    org: Option<Uuid>,
    file: Option<(&Spooled, evidence::Kind)>,
    contact: Option<&[u8]>,
    ip: &str,
) -> AppResult<TicketRow> {
    let now = st.clock.now();
    let t = TicketRow {
        id: Uuid::new_v4(),
        number: crate::crypto::reference("HD"),
        user_id: user.id,
        category: typed.category.as_str().into(),
        subject: typed.subject,
        status: Status::New.as_str().into(),
        assigned_to: None,
        created_at: now,
        updated_at: now,
        due_at: now + Duration::hours(st.config.help.answer_hours),
        escalated_at: None,
    };
    tickets::insert(tx.ex(), &t).await?;
    if let Some(org) = org {
        tickets::set_organisation(tx.ex(), t.id, org).await?;
    }
    if let Some(mobile_enc) = contact {
        tickets::insert_contact(tx.ex(), t.id, mobile_enc, now).await?;
    }
    let by = Author {
        id: user.id,
        from_staff: false,
        internal: false,
        owner: user.id,
    };
    write_message(st, tx, t.id, by, typed.body, file).await?;
    Event::new("ticket.opened")
        .actor(user.id)
        .subject(user.id)
        .detail(json!({ "ticket": t.id, "number": t.number, "category": t.category, "signed_in": contact.is_none() }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tell_worker(
        st,
        tx.ex(),
        user,
        t.id,
        crate::notices::Kind::TicketOpened,
        &t.number,
    )
    .await?;
    Ok(t)
}
