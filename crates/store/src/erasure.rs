//! Erasing an account's personal data (a worker's deletion request, carried out by an
//! administrator). The account row stays with every personal field emptied, so the certificate
//! and protector stamps the law requires still have their owner; everything else personal goes.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{Ex, Result, run};

/// The statements, in an order the foreign keys accept. `$1` is the account.
const REMOVE: [&str; 19] = [
    "DELETE FROM ticket_contacts WHERE ticket_id IN (SELECT id FROM tickets WHERE user_id = $1)",
    "DELETE FROM notice_deliveries WHERE notice_id IN (SELECT id FROM notices WHERE user_id = $1)",
    "DELETE FROM notices WHERE user_id = $1",
    "DELETE FROM sessions WHERE user_id = $1",
    "DELETE FROM devices WHERE user_id = $1",
    "DELETE FROM hec_checks WHERE user_id = $1",
    "DELETE FROM education WHERE user_id = $1",
    "DELETE FROM employment WHERE user_id = $1",
    "DELETE FROM intended_moves WHERE user_id = $1",
    "DELETE FROM demand_interests WHERE user_id = $1",
    "DELETE FROM email_verifications WHERE user_id = $1",
    "DELETE FROM passport_history WHERE user_id = $1",
    "DELETE FROM mobile_history WHERE user_id = $1",
    "DELETE FROM mobile_changes WHERE user_id = $1",
    "UPDATE ticket_messages SET body = '', evidence_id = NULL WHERE ticket_id IN (SELECT id FROM tickets WHERE user_id = $1)",
    "UPDATE tickets SET subject = '' WHERE user_id = $1",
    "UPDATE data_requests SET value_enc = NULL, evidence_id = NULL WHERE user_id = $1",
    "UPDATE task_submissions SET answer = '' WHERE user_id = $1",
    "DELETE FROM evidence WHERE user_id = $1",
];

/// Removes the account's personal data in the caller's transaction; returns the evidence
/// objects' keys to delete from the object store once it commits.
pub async fn erase(
    ex: Ex<'_>,
    user_id: Uuid,
    (mobile_enc, mobile_hash, password_hash): (&[u8], &[u8], &str),
    now: DateTime<Utc>,
) -> Result<Vec<String>> {
    let mut ex = ex;
    let keys: Vec<String> = run!(ex.reborrow(), |e| sqlx::query_scalar(
        "SELECT object_key FROM evidence WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_all(e)
    .await)?;
    crate::candidates::erase(ex.reborrow(), user_id).await?;
    for sql in REMOVE {
        run!(ex.reborrow(), |e| sqlx::query(sql)
            .bind(user_id)
            .execute(e)
            .await
            .map(|r| r.rows_affected()))?;
    }
    let sql = "UPDATE users SET full_name = '', full_name_ur = NULL, guardian_name = NULL, guardian_relation = NULL, \
        gender = NULL, cnic_enc = NULL, cnic_hash = NULL, passport_enc = NULL, passport_hash = NULL, passport_expiry = NULL, \
        dob_enc = NULL, mobile_enc = $2, mobile_hash = $3, email = NULL, email_verified_at = NULL, province = NULL, \
        district = NULL, password_hash = $4, erased_at = $5, updated_at = $5 WHERE id = $1";
    run!(ex, |e| sqlx::query(sql)
        .bind(user_id)
        .bind(mobile_enc)
        .bind(mobile_hash)
        .bind(password_hash)
        .bind(now)
        .execute(e)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(keys)
}
