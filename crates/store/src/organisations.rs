//! Organisations that recruit (foreign employers, recruitment agencies, licensed OEPs), OEC's
//! decisions about them, their documents and their users' invitations.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrgRow {
    pub id: Uuid,
    /// What the applicant and OEC quote: `OR-` and eight letters and digits.
    pub number: String,
    /// foreign_employer | recruitment_agency | oep
    pub kind: String,
    pub legal_name: String,
    /// The name lower-cased with single spaces, for the public register's look-up.
    pub name_key: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub address: String,
    pub contact_name: String,
    pub contact_mobile_enc: Vec<u8>,
    pub contact_email: Option<String>,
    /// The language the applicant wrote in: OEC's messages to them use it.
    pub language: String,
    /// An OEP's BE&OE licence (public).
    pub licence_number: Option<String>,
    pub licence_expires_on: Option<NaiveDate>,
    /// applied | returned | approved | rejected | suspended | blacklisted
    pub status: String,
    /// The reason of the last decision.
    pub status_reason: Option<String>,
    pub status_at: DateTime<Utc>,
    /// The keyed hash of the applicant's link key.
    pub access_hash: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, number, kind, legal_name, name_key, country, address, contact_name, \
    contact_mobile_enc, contact_email, language, licence_number, licence_expires_on, status, status_reason, \
    status_at, access_hash, created_at, updated_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub status: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    /// registration | licence
    pub kind: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub object_key: String,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(ex: Ex<'_>, o: &OrgRow) -> Result<()> {
    let sql = format!(
        "INSERT INTO organisations ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)"
    );
    run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(o.id)
        .bind(&o.number)
        .bind(&o.kind)
        .bind(&o.legal_name)
        .bind(&o.name_key)
        .bind(&o.country)
        .bind(&o.address)
        .bind(&o.contact_name)
        .bind(&o.contact_mobile_enc)
        .bind(&o.contact_email)
        .bind(&o.language)
        .bind(&o.licence_number)
        .bind(o.licence_expires_on)
        .bind(&o.status)
        .bind(&o.status_reason)
        .bind(o.status_at)
        .bind(&o.access_hash)
        .bind(o.created_at)
        .bind(o.updated_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The applicant's corrections to a returned application (every field they typed).
pub async fn update_application(ex: Ex<'_>, o: &OrgRow) -> Result<()> {
    let sql = "UPDATE organisations SET kind = $2, legal_name = $3, name_key = $4, country = $5, \
        address = $6, contact_name = $7, contact_mobile_enc = $8, contact_email = $9, \
        licence_number = $10, licence_expires_on = $11, updated_at = $12 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(o.id)
        .bind(&o.kind)
        .bind(&o.legal_name)
        .bind(&o.name_key)
        .bind(&o.country)
        .bind(&o.address)
        .bind(&o.contact_name)
        .bind(&o.contact_mobile_enc)
        .bind(&o.contact_email)
        .bind(&o.licence_number)
        .bind(o.licence_expires_on)
        .bind(o.updated_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn find(ex: Ex<'_>, id: Uuid) -> Result<Option<OrgRow>> {
    let sql = format!("SELECT {COLUMNS} FROM organisations WHERE id = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, OrgRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(id)
    .fetch_optional(e)
    .await)?)
}

pub async fn by_number(ex: Ex<'_>, number: &str) -> Result<Option<OrgRow>> {
    let sql = format!("SELECT {COLUMNS} FROM organisations WHERE number = $1");
    Ok(run!(ex, |e| sqlx::query_as::<_, OrgRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(number)
    .fetch_optional(e)
    .await)?)
}

/// OEC's list: in one status (or the ones waiting for a decision), oldest decision first.
pub async fn list(ex: Ex<'_>, status: Option<&str>) -> Result<Vec<OrgRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM organisations \
         WHERE ($1 IS NULL AND status = 'applied') OR status = $1 ORDER BY status_at LIMIT 500"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, OrgRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(status)
    .fetch_all(e)
    .await)?)
}

/// Organisations holding `licence` that are not rejected (one licence, one live record).
pub async fn with_licence(ex: Ex<'_>, licence: &str) -> Result<Vec<OrgRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM organisations WHERE licence_number = $1 AND status <> 'rejected'"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, OrgRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(licence)
    .fetch_all(e)
    .await)?)
}

/// Records a decision (or the applicant's resubmission) and sets the status with its reason.
pub async fn step(ex: Ex<'_>, ev: &EventRow) -> Result<()> {
    let mut ex = ex;
    let sql = "INSERT INTO organisation_events (id, organisation_id, at, actor_id, status, reason) VALUES ($1, $2, $3, $4, $5, $6)";
    run!(ex.reborrow(), |e| sqlx::query(sql)
        .bind(ev.id)
        .bind(ev.organisation_id)
        .bind(ev.at)
        .bind(ev.actor_id)
        .bind(&ev.status)
        .bind(&ev.reason)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    let set = "UPDATE organisations SET status = $2, status_reason = $3, status_at = $4, updated_at = $4 WHERE id = $1";
    run!(ex, |e| sqlx::query(set)
        .bind(ev.organisation_id)
        .bind(&ev.status)
        .bind(&ev.reason)
        .bind(ev.at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn history(ex: Ex<'_>, id: Uuid) -> Result<Vec<EventRow>> {
    let sql = "SELECT id, organisation_id, at, actor_id, status, reason FROM organisation_events \
        WHERE organisation_id = $1 ORDER BY at, id";
    Ok(run!(ex, |e| sqlx::query_as::<_, EventRow>(sql)
        .bind(id)
        .fetch_all(e)
        .await)?)
}

pub async fn add_document(ex: Ex<'_>, d: &DocumentRow) -> Result<()> {
    let sql = "INSERT INTO organisation_documents (id, organisation_id, kind, size_bytes, sha256, object_key, created_at) \
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    run!(ex, |e| sqlx::query(sql)
        .bind(d.id)
        .bind(d.organisation_id)
        .bind(&d.kind)
        .bind(d.size_bytes)
        .bind(&d.sha256)
        .bind(&d.object_key)
        .bind(d.created_at)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn documents(ex: Ex<'_>, id: Uuid) -> Result<Vec<DocumentRow>> {
    let sql = "SELECT id, organisation_id, kind, size_bytes, sha256, object_key, created_at \
        FROM organisation_documents WHERE organisation_id = $1 ORDER BY created_at, id";
    Ok(run!(ex, |e| sqlx::query_as::<_, DocumentRow>(sql)
        .bind(id)
        .fetch_all(e)
        .await)?)
}

/// Approved OEPs whose licence ran out before `today`: the worker job suspends them.
pub async fn licences_expired(ex: Ex<'_>, today: NaiveDate) -> Result<Vec<OrgRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM organisations WHERE status = 'approved' AND kind = 'oep' \
         AND licence_expires_on < $1 LIMIT 200"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, OrgRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(today)
    .fetch_all(e)
    .await)?)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub full_name: String,
    pub mobile_enc: Vec<u8>,
    pub token_hash: Vec<u8>,
    pub invited_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    pub user_id: Option<Uuid>,
}

const INVITATION_COLUMNS: &str = "id, organisation_id, full_name, mobile_enc, token_hash, \
    invited_by, created_at, expires_at, accepted_at, user_id";

pub async fn invite(ex: Ex<'_>, i: &InvitationRow) -> Result<()> {
    let sql = format!(
        "INSERT INTO organisation_invitations ({INVITATION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    );
    run!(ex, |e| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(i.id)
        .bind(i.organisation_id)
        .bind(&i.full_name)
        .bind(&i.mobile_enc)
        .bind(&i.token_hash)
        .bind(i.invited_by)
        .bind(i.created_at)
        .bind(i.expires_at)
        .bind(i.accepted_at)
        .bind(i.user_id)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// An invitation by its link key's hash, while unused and unexpired.
pub async fn invitation(
    ex: Ex<'_>,
    token_hash: &[u8],
    now: DateTime<Utc>,
) -> Result<Option<InvitationRow>> {
    let sql = format!(
        "SELECT {INVITATION_COLUMNS} FROM organisation_invitations \
         WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, InvitationRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(e)
    .await)?)
}

/// Marks an invitation used by `user_id`; false when it was used meanwhile.
pub async fn accept(ex: Ex<'_>, id: Uuid, user_id: Uuid, now: DateTime<Utc>) -> Result<bool> {
    let sql = "UPDATE organisation_invitations SET accepted_at = $3, user_id = $2 WHERE id = $1 AND accepted_at IS NULL";
    let n = run!(ex, |e| sqlx::query(sql)
        .bind(id)
        .bind(user_id)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub async fn invitations(ex: Ex<'_>, org: Uuid) -> Result<Vec<InvitationRow>> {
    let sql = format!(
        "SELECT {INVITATION_COLUMNS} FROM organisation_invitations WHERE organisation_id = $1 ORDER BY created_at DESC LIMIT 200"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, InvitationRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(org)
    .fetch_all(e)
    .await)?)
}

/// A member of an organisation, as its other members and OEC see them.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberRow {
    pub id: Uuid,
    pub full_name: String,
    pub created_at: DateTime<Utc>,
}

pub async fn members(ex: Ex<'_>, org: Uuid) -> Result<Vec<MemberRow>> {
    let sql = "SELECT id, full_name, created_at FROM users WHERE organisation_id = $1 ORDER BY created_at";
    Ok(run!(ex, |e| sqlx::query_as::<_, MemberRow>(sql)
        .bind(org)
        .fetch_all(e)
        .await)?)
}

pub async fn set_member(ex: Ex<'_>, user_id: Uuid, org: Uuid) -> Result<()> {
    let sql = "UPDATE users SET organisation_id = $2 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(org)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The complaints about an organisation (help-desk tickets naming it), newest first.
pub async fn complaints(ex: Ex<'_>, org: Uuid) -> Result<Vec<crate::tickets::TicketRow>> {
    crate::tickets::about_organisation(ex, org).await
}

/// The public register of OEPs OEC has approved (now or before): by exact licence number, or by
/// a part of the name (`name_key`), at most 20.
pub async fn register(ex: Ex<'_>, licence: &str, name_part: &str) -> Result<Vec<OrgRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM organisations WHERE kind = 'oep' \
         AND status IN ('approved', 'suspended', 'blacklisted') \
         AND (licence_number = $1 OR name_key LIKE $2) ORDER BY name_key LIMIT 20"
    );
    let like = format!("%{}%", name_part.replace(['%', '_', '\\'], ""));
    Ok(run!(ex, |e| sqlx::query_as::<_, OrgRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .bind(licence)
    .bind(&like)
    .fetch_all(e)
    .await)?)
}

/// Blacklisted foreign employers and recruitment agencies, most recent first.
pub async fn blacklisted_employers(ex: Ex<'_>) -> Result<Vec<OrgRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM organisations WHERE status = 'blacklisted' \
         AND kind IN ('foreign_employer', 'recruitment_agency') ORDER BY status_at DESC LIMIT 500"
    );
    Ok(run!(ex, |e| sqlx::query_as::<_, OrgRow>(
        sqlx::AssertSqlSafe(sql.as_str())
    )
    .fetch_all(e)
    .await)?)
}
