//! Decisions on requests about a worker's data, by administrators: a correction applied (a name
//! on a valid certificate by reissuing it) or a request refused with its reason.

use psk_domain::profile::BoundedText;
use psk_store::data_requests::{self, EventRow};
use psk_store::users::{self, Identity};
use serde_json::json;
use uuid::Uuid;

use super::requests::DECIDERS;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::notices::Kind;
use crate::notify::{self};
use crate::state::AppState;

/// An administrator's decision on a correction (or a refused deletion): approve applies the
/// value (reissuing a valid certificate when the name changes); refuse needs a reason.
pub async fn decide(
    st: &AppState,
    admin: &CurrentUser,
    id: Uuid,
    approve: bool,
    note: &str,
    ip: &str,
) -> AppResult<()> {
    admin.require(DECIDERS)?;
    let r = data_requests::find(st.db.ex(), id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    if !matches!(r.status.as_str(), "received" | "in_progress") {
        return Err(AppError::Gone("request_decided"));
    }
    let note = match BoundedText::parse_optional(note, 300) {
        Ok(n) => n.map(|t| t.as_str().to_owned()),
        Err(e) => {
            return Err(AppError::field(
                "note",
                psk_domain::error::ErrorCode::code(&e),
            ));
        }
    };
    if !approve && note.is_none() {
        return Err(AppError::field("note", "required"));
    }
    if approve && !matches!(r.kind.as_str(), "correction" | "deletion") {
        return Err(AppError::field("decision", "request_cannot_approve"));
    }
    let user = users::find(st.db.ex(), r.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = st.clock.now();
    if approve && r.kind == "deletion" {
        // The history step and the audit entry first: after the erasure the worker's number is
        // gone, and the SMS goes out with it.
        let mut tx = st.db.begin().await?;
        data_requests::step(
            tx.ex(),
            &EventRow {
                id: Uuid::new_v4(),
                request_id: r.id,
                at: now,
                actor_id: Some(admin.id),
                status: "done".into(),
                note: note.clone(),
            },
        )
        .await?;
        Event::new("data_request.done")
            .actor(admin.id)
            .subject(r.user_id)
            .detail(json!({ "request": r.id, "kind": r.kind, "role": admin.role.as_str() }))
            .ip(ip)
            .record(st, tx.ex())
            .await?;
        tx.commit().await?;
        return super::erasure::erase(st, admin, &user, &r.number, ip).await;
    }
    if approve {
        let value = r
            .value_enc
            .as_ref()
            .map(|v| st.keys.decrypt_string(Field::RequestValue, v))
            .transpose()
            .map_err(anyhow::Error::from)?
            .unwrap_or_default();
        let field = r.field.clone().unwrap_or_default();
        apply(st, admin, &user, &field, &value, &r.number, ip).await?;
    }
    let status = if approve { "done" } else { "refused" };
    let mut tx = st.db.begin().await?;
    data_requests::step(
        tx.ex(),
        &EventRow {
            id: Uuid::new_v4(),
            request_id: r.id,
            at: now,
            actor_id: Some(admin.id),
            status: status.into(),
            note: note.clone(),
        },
    )
    .await?;
    Event::new(if approve {
        "data_request.done"
    } else {
        "data_request.refused"
    })
    .actor(admin.id)
    .subject(r.user_id)
    .detail(
        json!({ "request": r.id, "kind": r.kind, "field": r.field, "role": admin.role.as_str() }),
    )
    .ip(ip)
    .record(st, tx.ex())
    .await?;
    let kind = if approve {
        Kind::DataRequestDone
    } else {
        Kind::DataRequestRefused
    };
    crate::notices::send(
        st,
        tx.ex(),
        &user,
        kind,
        &[("number", r.number.clone())],
        None,
    )
    .await?;
    tx.commit().await?;
    notify::wake_worker(st);
    Ok(())
}

/// Applies an approved correction. A name on a valid certificate is corrected by reissuing it
/// (the old one superseded, the worker told); the rest is set on the account.
async fn apply(
    st: &AppState,
    admin: &CurrentUser,
    user: &users::UserRow,
    field: &str,
    value: &str,
    number: &str,
    ip: &str,
) -> AppResult<()> {
    let now = st.clock.now();
    let valid = psk_store::certificates::for_user(st.db.ex(), user.id)
        .await?
        .into_iter()
        .find(|c| c.status == "valid" && c.expires_on >= st.clock.today());
    let why = format!("correction {number}");
    match (field, valid) {
        ("full_name", Some(c)) => {
            let fix = crate::certificate::corrections::Correction {
                full_name: Some(value),
                full_name_ur: None,
                cnic: None,
            };
            crate::certificate::corrections::reissue(st, admin, &c.number, &why, fix, ip).await?;
        }
        ("full_name_ur", Some(c)) => {
            let fix = crate::certificate::corrections::Correction {
                full_name: None,
                full_name_ur: Some(value),
                cnic: None,
            };
            crate::certificate::corrections::reissue(st, admin, &c.number, &why, fix, ip).await?;
        }
        ("full_name", None) => {
            users::set_full_name(st.db.ex(), user.id, value, now).await?;
        }
        ("full_name_ur", None) => {
            users::set_full_name_ur(st.db.ex(), user.id, Some(value), now).await?;
        }
        ("guardian_name", _) => {
            users::set_identity(st.db.ex(), user.id, Identity::GuardianName(value), now).await?;
        }
        ("date_of_birth", _) => {
            let enc = st.keys.encrypt(Field::DateOfBirth, value.as_bytes());
            // With the worker's search row, which shows an age band.
            let mut tx = st.db.begin().await?;
            users::set_identity(tx.ex(), user.id, Identity::DateOfBirth(&enc), now).await?;
            tx.commit().await?;
        }
        ("cnic", valid) => {
            let enc = st.keys.encrypt(Field::Cnic, value.as_bytes());
            let hash = st.keys.blind_index(Field::Cnic, value);
            if users::index_taken(st.db.ex(), users::IndexColumn::Cnic, &hash).await? {
                return Err(AppError::field("value", "cnic_unusable"));
            }
            match valid {
                // The certificate carries the CNIC's last four digits: it is reissued with the
                // corrected one, in the same transaction as the correction.
                Some(c) => {
                    let fix = crate::certificate::corrections::Correction {
                        full_name: None,
                        full_name_ur: None,
                        cnic: Some((&enc, &hash)),
                    };
                    crate::certificate::corrections::reissue(st, admin, &c.number, &why, fix, ip)
                        .await?;
                }
                None => {
                    let cnic = Identity::Cnic {
                        enc: &enc,
                        hash: &hash,
                    };
                    users::set_identity(st.db.ex(), user.id, cnic, now).await?;
                }
            }
        }
        _ => return Err(AppError::field("field", "choose_option")),
    }
    Ok(())
}
