//! A new mobile number. The worker changes it with their password and a code sent to the new
//! number; when the old SIM is lost and they cannot sign in, a support agent checks the person
//! (the CNIC seen, a document uploaded) and makes the change, with a reason. Either way the old
//! number goes to the history, the change is audited, and both numbers get an SMS saying so.

use chrono::Duration;
use psk_domain::FieldErrors;
use psk_domain::cnic::Cnic;
use psk_domain::contact::MobileNumber;
use psk_domain::lang::Lang;
use psk_domain::profile::BoundedText;
use psk_domain::role::Role;
use psk_store::Tx;
use psk_store::identity::{self, MobileChangeRow, MobileHistoryRow};
use psk_store::users::{self, UserRow};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use super::evidence;
use crate::audit::Event;
use crate::auth::otp::{self, Purpose};
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::{AppError, AppResult, OtpProblem};
use crate::media::Spooled;
use crate::notify::{self};
use crate::state::AppState;

/// A change waiting for its code.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Started {
    pub change_id: Uuid,
    /// The new number with most digits hidden: `0300 ****567`.
    pub sent_to: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

fn lang_of(u: &UserRow) -> Lang {
    Lang::parse(&u.language).unwrap_or_default()
}

/// The new number must differ from the current one and have room (numbers are shared by at most
/// `registration.accounts_per_mobile` accounts).
async fn check_new(st: &AppState, user: &UserRow, mobile: &MobileNumber) -> AppResult<Vec<u8>> {
    let hash = st.keys.blind_index(Field::Mobile, mobile.e164());
    if hash == user.mobile_hash {
        return Err(AppError::field("mobile", "mobile_same"));
    }
    if users::count_by_mobile_hash(st.db.ex(), &hash).await?
        >= st.config.registration.accounts_per_mobile
    {
        return Err(AppError::field("mobile", "mobile_limit"));
    }
    Ok(hash)
}

/// The worker asks to change their mobile: the password they sign in with, and a code sent to
/// the new number (limits as for every code).
pub async fn start(
    st: &AppState,
    me: &CurrentUser,
    mobile: &str,
    password: &str,
    ip: &str,
) -> AppResult<Started> {
    me.require(&[Role::Trainee])?;
    let mobile = MobileNumber::parse(mobile)
        .map_err(|e| AppError::field("mobile", psk_domain::error::ErrorCode::code(&e)))?;
    let user = users::find(st.db.ex(), me.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !crate::auth::password::verify(Some(user.password_hash.clone()), password).await? {
        Event::new("identity.mobile_change_refused")
            .actor(me.id)
            .subject(me.id)
            .detail(json!({ "why": "password" }))
            .ip(ip)
            .record_alone(st)
            .await?;
        return Err(AppError::field("password", "password_incorrect"));
    }
    let hash = check_new(st, &user, &mobile).await?;
    otp::check_send_limits(st, &mobile, ip).await?;
    let now = st.clock.now();
    let change = MobileChangeRow {
        id: Uuid::new_v4(),
        user_id: me.id,
        mobile_enc: st.keys.encrypt(Field::Mobile, mobile.e164().as_bytes()),
        mobile_hash: hash,
        created_at: now,
        expires_at: now + Duration::seconds(st.config.otp.ttl_seconds),
    };
    let mut tx = st.db.begin().await?;
    identity::start_mobile_change(tx.ex(), &change).await?;
    let row = otp::issue(
        st,
        &mut tx,
        Purpose::MobileChange,
        change.id,
        &mobile,
        lang_of(&user),
    )
    .await?;
    Event::new("otp.sent")
        .subject(me.id)
        .detail(json!({ "purpose": Purpose::MobileChange.as_str() }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    notify::wake_worker(st);
    Ok(Started {
        change_id: change.id,
        sent_to: mobile.masked(),
        expires_at: row.expires_at,
    })
}

/// The new number of a started change, hidden but for its last digits (for the code page).
pub async fn pending_to(st: &AppState, me: &CurrentUser, id: Uuid) -> AppResult<String> {
    let change = identity::mobile_change(st.db.ex(), me.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let number = st
        .keys
        .decrypt_string(Field::Mobile, &change.mobile_enc)
        .map_err(anyhow::Error::from)?;
    Ok(MobileNumber::parse(&number)
        .map(|m| m.masked())
        .unwrap_or_default())
}

/// The code from the SMS to the new number: the change is made.
pub async fn confirm(
    st: &AppState,
    me: &CurrentUser,
    id: Uuid,
    code: &str,
    ip: &str,
) -> AppResult<()> {
    let change = identity::mobile_change(st.db.ex(), me.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if change.expires_at <= st.clock.now() {
        return Err(AppError::Otp(OtpProblem::Expired));
    }
    let current =
        psk_store::otps::current(st.db.ex(), Purpose::MobileChange.as_str(), change.id).await?;
    let code_row = otp::check(st, Purpose::MobileChange, current, code, ip).await?;
    let user = users::find(st.db.ex(), me.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = st.db.begin().await?;
    otp::consume(st, tx.ex(), &code_row).await?;
    if !identity::end_mobile_change(tx.ex(), change.id).await? {
        return Err(AppError::Otp(OtpProblem::Expired));
    }
    let new = (change.mobile_enc.clone(), change.mobile_hash.clone());
    replace(st, &mut tx, &user, new, (me.id, None)).await?;
    Event::new("identity.mobile_changed")
        .actor(me.id)
        .subject(me.id)
        .detail(json!({ "by": "self" }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    notify::wake_worker(st);
    Ok(())
}

/// What a support agent gives to change a worker's mobile for them.
pub struct SupportChange<'a> {
    pub mobile: &'a str,
    /// The CNIC on the card the agent saw: it must be the worker's.
    pub cnic: &'a str,
    pub reason: &'a str,
    pub evidence: Option<&'a Spooled>,
}

/// A support agent (or an administrator) changes a worker's mobile after checking the person.
pub async fn by_support(
    st: &AppState,
    agent: &CurrentUser,
    user_id: Uuid,
    c: SupportChange<'_>,
    ip: &str,
) -> AppResult<()> {
    agent.require(&[Role::SupportAgent, Role::Administrator])?;
    let mut e = FieldErrors::new();
    let mobile = e.take("mobile", MobileNumber::parse(c.mobile));
    let cnic = e.take("cnic", Cnic::parse(c.cnic));
    let reason = e.take("reason", BoundedText::parse(c.reason, 300));
    let kind = match evidence::check("evidence", c.evidence) {
        Ok(k) => Some(k),
        Err((f, code)) => {
            e.push(f, code);
            None
        }
    };
    e.into_result()?;
    let (Some(mobile), Some(cnic), Some(reason), Some(kind), Some(file)) =
        (mobile, cnic, reason, kind, c.evidence)
    else {
        return Err(AppError::BadRequest("malformed_body"));
    };
    let user = users::find(st.db.ex(), user_id)
        .await?
        .filter(|u| u.role == Role::Trainee.as_str())
        .ok_or(AppError::NotFound)?;
    let cnic_hash = st.keys.blind_index(Field::Cnic, cnic.as_str());
    if user.cnic_hash.as_deref() != Some(cnic_hash.as_slice()) {
        return Err(AppError::field("cnic", "cnic_mismatch"));
    }
    let hash = check_new(st, &user, &mobile).await?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let proof = evidence::store(
        st,
        tx.ex(),
        file,
        kind,
        (user.id, "mobile_change", agent.id),
        now,
    )
    .await?;
    let new = (
        st.keys.encrypt(Field::Mobile, mobile.e164().as_bytes()),
        hash,
    );
    replace(st, &mut tx, &user, new, (agent.id, Some(proof.id))).await?;
    Event::new("identity.mobile_changed")
        .actor(agent.id)
        .subject(user.id)
        .detail(json!({ "by": "support", "reason": reason.as_str(), "evidence": proof.id }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    notify::wake_worker(st);
    Ok(())
}

/// Moves the current number to the history, sets the new one, and tells both numbers.
async fn replace(
    st: &AppState,
    tx: &mut Tx,
    user: &UserRow,
    (enc, hash): (Vec<u8>, Vec<u8>),
    (by, evidence_id): (Uuid, Option<Uuid>),
) -> AppResult<()> {
    let now = st.clock.now();
    identity::insert_mobile_history(
        tx.ex(),
        &MobileHistoryRow {
            id: Uuid::new_v4(),
            user_id: user.id,
            mobile_enc: user.mobile_enc.clone(),
            mobile_hash: user.mobile_hash.clone(),
            replaced_at: now,
            changed_by: by,
            evidence_id,
        },
    )
    .await?;
    identity::set_mobile(tx.ex(), user.id, &enc, &hash, now).await?;
    // Both numbers hear of it: the new one, and the old one in case the change was not theirs.
    let mut told = user.clone();
    told.mobile_enc = enc.clone();
    crate::notices::send(
        st,
        tx.ex(),
        &told,
        crate::notices::Kind::MobileChanged,
        &[],
        Some(&user.mobile_enc),
    )
    .await?;
    Ok(())
}
