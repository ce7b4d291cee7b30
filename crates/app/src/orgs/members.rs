//! An approved organisation's users (role `employer_user`, bound to it). OEC's approval invites
//! the contact person; a user invites colleagues. An invitation is a code sent by SMS to the
//! invitee's mobile (`IN-XXXX-XXXX`, kept only as a keyed hash, used once, valid
//! `placement.invitation_days`); the invitee types it with that mobile and a password at
//! `/organisations/join` and signs in like everyone else.

use chrono::Duration;
use psk_domain::FieldErrors;
use psk_domain::contact::MobileNumber;
use psk_domain::lang::Lang;
use psk_domain::person::PersonName;
use psk_domain::role::Role;
use psk_store::organisations::{self, InvitationRow, OrgRow};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::admin::service::{Actor, StaffInput, create_staff};
use crate::audit::Event;
use crate::auth::rate::{Limit, client_key};
use crate::auth::session::CurrentUser;
use crate::crypto::{self, Field};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::notify::{self, Message};
use crate::state::AppState;

fn code_hash(st: &AppState, code: &str) -> Vec<u8> {
    let normal: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    st.keys.mac(&[b"org-invitation", normal.as_bytes()])
}

/// Stores an invitation and queues its SMS, in `tx`.
async fn send(
    st: &AppState,
    tx: &mut psk_store::Tx,
    org: &OrgRow,
    name: &str,
    mobile: &MobileNumber,
    by: Option<Uuid>,
) -> AppResult<()> {
    let code = crypto::reference("IN");
    let now = st.clock.now();
    organisations::invite(
        tx.ex(),
        &InvitationRow {
            id: Uuid::new_v4(),
            organisation_id: org.id,
            full_name: name.into(),
            mobile_enc: st.keys.encrypt(Field::Mobile, mobile.e164().as_bytes()),
            token_hash: code_hash(st, &code),
            invited_by: by,
            created_at: now,
            expires_at: now + Duration::days(st.config.placement.invitation_days),
            accepted_at: None,
            user_id: None,
        },
    )
    .await?;
    let tr = Tr::new(Lang::parse(&org.language).unwrap_or_default());
    let text = tr.plain("sms-org-invited", &[("code", code)]);
    notify::enqueue(
        st,
        tx.ex(),
        &Message::Code {
            to: mobile.e164().into(),
            text,
        },
    )
    .await?;
    Ok(())
}

/// OEC's approval invites the contact person.
pub(super) async fn invite_contact(
    st: &AppState,
    tx: &mut psk_store::Tx,
    org: &OrgRow,
    by: Option<Uuid>,
) -> AppResult<()> {
    let e164 = st
        .keys
        .decrypt_string(Field::Mobile, &org.contact_mobile_enc)
        .map_err(anyhow::Error::from)?;
    let mobile = MobileNumber::parse(&e164).map_err(|e| anyhow::anyhow!("stored mobile: {e}"))?;
    send(st, tx, org, &org.contact_name, &mobile, by).await
}

/// A colleague to invite.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    #[serde(default)]
    pub full_name: String,
    /// Their Pakistani mobile: the code goes to it and it is how they sign in.
    #[serde(default)]
    pub mobile: String,
}

/// A user of an approved organisation invites a colleague.
pub async fn invite(st: &AppState, me: &CurrentUser, m: &NewMember, ip: &str) -> AppResult<()> {
    me.require(&[Role::EmployerUser])?;
    let org_id = me.organisation_id.ok_or(AppError::Forbidden)?;
    let org = organisations::find(st.db.ex(), org_id)
        .await?
        .ok_or(AppError::Forbidden)?;
    let mut e = FieldErrors::new();
    let name = e.take("full_name", PersonName::parse(&m.full_name));
    let mobile = e.take("mobile", MobileNumber::parse(&m.mobile));
    e.into_result()?;
    let (Some(name), Some(mobile)) = (name, mobile) else {
        return Err(AppError::BadRequest("malformed_body"));
    };
    let mut tx = st.db.begin().await?;
    send(st, &mut tx, &org, name.as_str(), &mobile, Some(me.id)).await?;
    Event::new("organisation.invited")
        .actor(me.id)
        .detail(json!({ "organisation": org.id }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    notify::wake_worker(st);
    Ok(())
}

/// What an invitee types to join.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Join {
    /// The invitation code from the SMS, `IN-XXXX-XXXX`.
    #[serde(default)]
    pub invitation: String,
    /// The mobile the code was sent to.
    #[serde(default)]
    pub mobile: String,
    #[serde(default)]
    pub password: String,
}

/// Who joined.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Joined {
    pub user_id: Uuid,
    pub organisation: String,
}

/// Turns an invitation into an account. A wrong code, or the right code with another mobile,
/// answers the same and counts against the address.
pub async fn join(st: &AppState, j: &Join, lang: Lang, ip: &str) -> AppResult<Joined> {
    let mut e = FieldErrors::new();
    let mobile = e.take("mobile", MobileNumber::parse(&j.mobile));
    if j.invitation.trim().is_empty() {
        e.push("invitation", "required");
    }
    e.into_result()?;
    let mobile = mobile.ok_or(AppError::BadRequest("malformed_body"))?;
    Limit {
        bucket: "org_join",
        window: Duration::hours(1),
        limit: 10,
    }
    .hit(st, &client_key(st, ip))
    .await?;
    let now = st.clock.now();
    let inv = organisations::invitation(st.db.ex(), &code_hash(st, &j.invitation), now)
        .await?
        .filter(|i| {
            st.keys.decrypt_string(Field::Mobile, &i.mobile_enc).ok() == Some(mobile.e164().into())
        })
        .ok_or(AppError::field("invitation", "invitation_invalid"))?;
    let org = organisations::find(st.db.ex(), inv.organisation_id)
        .await?
        .filter(|o| o.status == "approved")
        .ok_or(AppError::Refused("organisation_not_active"))?;
    let input = StaffInput {
        role: Role::EmployerUser.as_str().into(),
        full_name: inv.full_name.clone(),
        mobile: mobile.e164().into(),
        language: lang.code().into(),
        password: j.password.clone(),
        ..StaffInput::default()
    };
    let actor = inv.invited_by.map(Actor::User).unwrap_or(Actor::Cli);
    let user_id = create_staff(st, actor, &input, Some(ip)).await?;
    let mut tx = st.db.begin().await?;
    organisations::set_member(tx.ex(), user_id, org.id).await?;
    if !organisations::accept(tx.ex(), inv.id, user_id, now).await? {
        return Err(AppError::field("invitation", "invitation_invalid"));
    }
    Event::new("organisation.joined")
        .actor(user_id)
        .subject(user_id)
        .detail(json!({ "organisation": org.id }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(Joined {
        user_id,
        organisation: org.legal_name,
    })
}
