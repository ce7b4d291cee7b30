//! Help without signing in (issue 13, item 7): a worker who cannot sign in (a lost SIM, a
//! forgotten password, a lock) opens a ticket with their CNIC and the mobile they have now. The
//! request waits, encrypted, for the code sent to that mobile; once it is confirmed the ticket is
//! the account's like any other, and its number and every reply also go to that mobile.
//!
//! Asking answers the same whether or not the CNIC has an account. Only after the code proves
//! the mobile is the person's does the answer say that no account uses the CNIC (the registration
//! form tells the same to whoever types a registered CNIC), and then nothing is kept.

use chrono::Duration;
use psk_domain::FieldErrors;
use psk_domain::cnic::Cnic;
use psk_domain::contact::MobileNumber;
use psk_domain::lang::Lang;
use psk_domain::ticket::Category;
use psk_store::help_drafts::{self, DraftRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::service::{NewTicket, Typed, create, parse};
use crate::auth::otp::{self, Purpose};
use crate::crypto::Field;
use crate::error::{AppError, AppResult, OtpProblem};
use crate::state::AppState;

/// A help request typed by someone not signed in.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct GuestTicket {
    /// The worker's CNIC.
    #[serde(default)]
    pub cnic: String,
    /// The mobile they have now (the code goes to it).
    #[serde(default)]
    pub mobile: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
}

/// What waits for the code (encrypted).
#[derive(Serialize, Deserialize)]
struct Draft {
    cnic: String,
    mobile: String,
    category: String,
    subject: String,
    message: String,
    lang: Lang,
}

/// Where the code went.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Started {
    pub draft_id: Uuid,
    /// `0300 ****567`
    pub sent_to: String,
}

/// Checks every field, keeps the request and sends a code to the typed mobile (the usual code
/// limits apply).
pub async fn start(st: &AppState, input: &GuestTicket, lang: Lang, ip: &str) -> AppResult<Started> {
    let mut e = FieldErrors::new();
    let cnic = e.take("cnic", Cnic::parse(&input.cnic));
    let mobile = e.take("mobile", MobileNumber::parse(&input.mobile));
    let typed = NewTicket {
        category: input.category.clone(),
        subject: input.subject.clone(),
        message: input.message.clone(),
        organisation: String::new(),
    };
    let parsed = match parse(&typed, None) {
        Ok((t, _)) => Some(t),
        Err(AppError::Fields(f)) => {
            e.0.extend(f.0);
            None
        }
        Err(other) => return Err(other),
    };
    e.into_result()?;
    let (Some(cnic), Some(mobile), Some(t)) = (cnic, mobile, parsed) else {
        return Err(AppError::BadRequest("malformed_body"));
    };
    otp::check_send_limits(st, &mobile, ip).await?;
    let draft = Draft {
        cnic: cnic.as_str().into(),
        mobile: mobile.e164().into(),
        category: t.category.as_str().into(),
        subject: t.subject,
        message: t.body,
        lang,
    };
    let json = serde_json::to_vec(&draft).map_err(anyhow::Error::from)?;
    let now = st.clock.now();
    let row = DraftRow {
        id: Uuid::new_v4(),
        payload_enc: st.keys.encrypt(Field::HelpDraft, &json),
        created_at: now,
        expires_at: now + Duration::seconds(st.config.otp.ttl_seconds),
    };
    let mut tx = st.db.begin().await?;
    help_drafts::insert(tx.ex(), &row).await?;
    otp::issue(st, &mut tx, Purpose::HelpTicket, row.id, &mobile, lang).await?;
    tx.commit().await?;
    st.metrics.count_otp("sent");
    crate::notify::wake_worker(st);
    Ok(Started {
        draft_id: row.id,
        sent_to: mobile.masked(),
    })
}

/// The ticket a confirmed request became.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Opened {
    /// `HD-` and eight letters and digits: also sent by SMS.
    pub number: String,
}

/// Confirms the code: the request becomes a ticket of the account the CNIC names.
pub async fn confirm(st: &AppState, draft_id: Uuid, code: &str, ip: &str) -> AppResult<Opened> {
    // The code's subject is the draft.
    let row = psk_store::otps::current(st.db.ex(), Purpose::HelpTicket.as_str(), draft_id).await?;
    let row = otp::check(st, Purpose::HelpTicket, row, code, ip).await?;
    let draft = help_drafts::find(st.db.ex(), draft_id, st.clock.now())
        .await?
        .ok_or(AppError::Otp(OtpProblem::Expired))?;
    let plain = st
        .keys
        .decrypt(Field::HelpDraft, &draft.payload_enc)
        .map_err(anyhow::Error::from)?;
    let d: Draft = serde_json::from_slice(&plain).map_err(anyhow::Error::from)?;
    // The code is spent and the request gone whatever follows: a second confirmation finds
    // nothing to open.
    let mut tx = st.db.begin().await?;
    otp::consume(st, tx.ex(), &row).await?;
    let fresh = help_drafts::delete(tx.ex(), draft_id).await?;
    tx.commit().await?;
    if !fresh {
        return Err(AppError::Otp(OtpProblem::Expired));
    }
    let hash = st.keys.blind_index(Field::Cnic, &d.cnic);
    let user = psk_store::users::find_by_cnic_hash(st.db.ex(), &hash)
        .await?
        .filter(|u| u.role == "trainee" && u.erased_at.is_none())
        .ok_or(AppError::Gone("help_no_account"))?;
    let typed = Typed {
        category: Category::parse(&d.category).map_err(|_| anyhow::anyhow!("stored category"))?,
        subject: d.subject,
        body: d.message,
        organisation: None,
    };
    let contact = st.keys.encrypt(Field::Mobile, d.mobile.as_bytes());
    let t = create(st, &user, typed, None, Some(&contact), ip).await?;
    Ok(Opened { number: t.number })
}
