//! A renewed passport: the worker gives the new number and expiry with a photo of its data page;
//! the old passport goes to the history (the protector's look-up still finds the worker by it,
//! saying it was replaced), the new one is the account's passport from the next request.

use psk_domain::FieldErrors;
use psk_domain::passport::{PassportExpiry, PassportNumber};
use psk_domain::role::Role;
use psk_store::identity::{self, PassportHistoryRow};
use psk_store::users::{self, IndexColumn};
use serde_json::json;
use uuid::Uuid;

use super::evidence;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::media::Spooled;
use crate::state::AppState;

/// Records the worker's renewed passport (`number`, `expiry` as typed) with the photo `file`.
/// Every problem is named at once; a refused renewal changes nothing.
pub async fn renew(
    st: &AppState,
    me: &CurrentUser,
    number: &str,
    expiry: &str,
    file: Option<&Spooled>,
    ip: &str,
) -> AppResult<()> {
    me.require(&[Role::Trainee])?;
    let mut e = FieldErrors::new();
    let number = e.take("passport_number", PassportNumber::parse(number));
    let expiry = e.take(
        "passport_expiry",
        PassportExpiry::parse(expiry, st.clock.today()),
    );
    let kind = match evidence::check("photo", file) {
        Ok(k) => Some(k),
        Err((f, code)) => {
            e.push(f, code);
            None
        }
    };
    e.into_result()?;
    let (number, expiry, kind, file) = match (number, expiry, kind, file) {
        (Some(n), Some(x), Some(k), Some(f)) => (n, x, k, f),
        _ => return Err(AppError::BadRequest("malformed_body")),
    };
    let user = users::find(st.db.ex(), me.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let old = match &user.passport_enc {
        Some(enc) => Some(
            st.keys
                .decrypt_string(Field::Passport, enc)
                .map_err(anyhow::Error::from)?,
        ),
        None => None,
    };
    if old.as_deref() == Some(number.as_str()) {
        return Err(AppError::field("passport_number", "passport_same"));
    }
    let hash = st.keys.blind_index(Field::Passport, number.as_str());
    if users::index_taken(st.db.ex(), IndexColumn::Passport, &hash).await? {
        return Err(AppError::field("passport_number", "passport_unusable"));
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let proof = evidence::store(
        st,
        tx.ex(),
        file,
        kind,
        (me.id, "passport_renewal", me.id),
        now,
    )
    .await?;
    if let (Some(old), Some(enc)) = (&old, &user.passport_enc) {
        identity::insert_passport_history(
            tx.ex(),
            &PassportHistoryRow {
                id: Uuid::new_v4(),
                user_id: me.id,
                passport_enc: enc.clone(),
                passport_hash: st.keys.blind_index(Field::Passport, old),
                passport_expiry: user.passport_expiry,
                replaced_at: now,
                evidence_id: Some(proof.id),
            },
        )
        .await?;
    }
    identity::set_passport(
        tx.ex(),
        me.id,
        &st.keys.encrypt(Field::Passport, number.as_str().as_bytes()),
        &hash,
        expiry.date(),
        now,
    )
    .await
    .map_err(|e| match e {
        // Taken by someone else between the check and the write.
        psk_store::StoreError::Conflict { .. } => {
            AppError::field("passport_number", "passport_unusable")
        }
        e => e.into(),
    })?;
    Event::new("identity.passport_renewed")
        .actor(me.id)
        .subject(me.id)
        .detail(json!({ "evidence": proof.id, "expiry": expiry.date() }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A passport the worker had before, for the protector's look-up: when it was replaced.
pub async fn replaced_at(
    st: &AppState,
    user_id: Uuid,
    number: &PassportNumber,
) -> AppResult<Option<chrono::DateTime<chrono::Utc>>> {
    let hash = st.keys.blind_index(Field::Passport, number.as_str());
    Ok(identity::passport_replaced_at(st.db.ex(), user_id, &hash).await?)
}
