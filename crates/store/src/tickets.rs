//! Help-desk tickets and their messages.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TicketRow {
    pub id: Uuid,
    /// What the worker quotes: `HD-` and eight letters and digits.
    pub number: String,
    pub user_id: Uuid,
    pub category: String,
    pub subject: String,
    /// new | open | waiting | resolved | closed
    pub status: String,
    pub assigned_to: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub escalated_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, number, user_id, category, subject, status, assigned_to, created_at, updated_at, due_at, escalated_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub author_id: Uuid,
    pub from_staff: bool,
    /// A staff member's note the worker never sees.
    pub internal: bool,
    pub body: String,
    pub evidence_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(ex: Ex<'_>, t: &TicketRow) -> Result<()> {
    let sql = format!(
        "INSERT INTO tickets ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    );
    run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(t.id)
        .bind(&t.number)
        .bind(t.user_id)
        .bind(&t.category)
        .bind(&t.subject)
        .bind(&t.status)
        .bind(t.assigned_to)
        .bind(t.created_at)
        .bind(t.updated_at)
        .bind(t.due_at)
        .bind(t.escalated_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn add_message(ex: Ex<'_>, m: &MessageRow) -> Result<()> {
    let sql = "INSERT INTO ticket_messages (id, ticket_id, author_id, from_staff, internal, body, evidence_id, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    run!(ex, |e| sqlx::query(sql)
        .bind(m.id)
        .bind(m.ticket_id)
        .bind(m.author_id)
        .bind(m.from_staff)
        .bind(m.internal)
        .bind(&m.body)
        .bind(m.evidence_id)
        .bind(m.created_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A ticket by id; `owner` limits it to that worker's own (someone else's is None).
pub async fn find(ex: Ex<'_>, id: Uuid, owner: Option<Uuid>) -> Result<Option<TicketRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM tickets WHERE id = $1 AND ($2 IS NULL OR user_id = $2)");
    Ok(run!(ex, |e| sqlx::query_as::<_, TicketRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(id)
    .bind(owner)
    .fetch_optional(e)
    .await)?)
}

/// A worker's tickets, newest first.
pub async fn of_user(ex: Ex<'_>, user_id: Uuid) -> Result<Vec<TicketRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tickets WHERE user_id = $1 ORDER BY created_at DESC LIMIT 200"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, TicketRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(user_id)
    .fetch_all(e)
    .await)?)
}

/// What the queue shows: by status (None: every open one), category, assignee, escalated only;
/// the most overdue first.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter<'a> {
    pub status: Option<&'a str>,
    pub category: Option<&'a str>,
    pub assigned_to: Option<Uuid>,
    pub unassigned: bool,
    pub escalated: bool,
}

pub async fn queue(ex: Ex<'_>, f: &QueueFilter<'_>) -> Result<Vec<TicketRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tickets WHERE \
         (($1 IS NULL AND status NOT IN ('resolved', 'closed')) OR status = $1) \
         AND ($2 IS NULL OR category = $2) AND ($3 IS NULL OR assigned_to = $3) \
         AND (NOT $4 OR assigned_to IS NULL) AND (NOT $5 OR escalated_at IS NOT NULL) \
         ORDER BY due_at LIMIT 500"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, TicketRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(f.status)
    .bind(f.category)
    .bind(f.assigned_to)
    .bind(f.unassigned)
    .bind(f.escalated)
    .fetch_all(e)
    .await)?)
}

/// A ticket's messages, oldest first; internal notes only when `with_internal`.
pub async fn messages(ex: Ex<'_>, ticket_id: Uuid, with_internal: bool) -> Result<Vec<MessageRow>> {
    let sql = "SELECT id, ticket_id, author_id, from_staff, internal, body, evidence_id, created_at \
        FROM ticket_messages WHERE ticket_id = $1 AND ($2 OR NOT internal) ORDER BY created_at, id";
    Ok(run!(ex, |e| sqlx::query_as::<_, MessageRow>(sql)
        .bind(ticket_id)
        .bind(with_internal)
        .fetch_all(e)
        .await)?)
}

/// Sets the status (and the next due time when an answer is owed again).
pub async fn set_status(
    ex: Ex<'_>,
    id: Uuid,
    status: &str,
    due_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "UPDATE tickets SET status = $2, due_at = COALESCE($3, due_at), updated_at = $4 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(status)
        .bind(due_at)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn assign(ex: Ex<'_>, id: Uuid, to: Option<Uuid>, now: DateTime<Utc>) -> Result<()> {
    let sql = "UPDATE tickets SET assigned_to = $2, updated_at = $3 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(to)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Tickets still owed an answer past their due time and not yet escalated (a read: the worker
/// asks this often, and writes only when there is something to mark).
pub async fn overdue(ex: Ex<'_>, now: DateTime<Utc>) -> Result<Vec<TicketRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tickets WHERE status IN ('new', 'open') AND due_at < $1 AND escalated_at IS NULL LIMIT 200"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, TicketRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(now)
    .fetch_all(e)
    .await)?)
}

/// Marks one ticket escalated; false when another worker did first.
pub async fn mark_escalated(ex: Ex<'_>, id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let sql = "UPDATE tickets SET escalated_at = $2 WHERE id = $1 AND escalated_at IS NULL";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The number a ticket opened without signing in was confirmed with.
pub async fn insert_contact(
    ex: Ex<'_>,
    ticket_id: Uuid,
    mobile_enc: &[u8],
    at: DateTime<Utc>,
) -> Result<()> {
    let sql =
        "INSERT INTO ticket_contacts (ticket_id, mobile_enc, verified_at) VALUES ($1, $2, $3)";
    run!(ex, |e| sqlx::query(sql)
        .bind(ticket_id)
        .bind(mobile_enc)
        .bind(at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// That number, encrypted, for a ticket opened without signing in.
pub async fn contact(ex: Ex<'_>, ticket_id: Uuid) -> Result<Option<Vec<u8>>> {
    let sql = "SELECT mobile_enc FROM ticket_contacts WHERE ticket_id = $1";
    Ok(run!(ex, |e| sqlx::query_scalar::<_, Vec<u8>>(sql)
        .bind(ticket_id)
        .fetch_optional(e)
        .await)?)
}

/// Names the organisation a complaint is about: it shows on that organisation's record.
pub async fn set_organisation(ex: Ex<'_>, ticket_id: Uuid, org: Uuid) -> Result<()> {
    let sql = "UPDATE tickets SET organisation_id = $2 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(ticket_id)
        .bind(org)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The tickets about an organisation, newest first.
pub async fn about_organisation(ex: Ex<'_>, org: Uuid) -> Result<Vec<TicketRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tickets WHERE organisation_id = $1 ORDER BY created_at DESC LIMIT 500"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, TicketRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(org)
    .fetch_all(e)
    .await)?)
}
