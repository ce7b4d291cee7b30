//! Registration: every field checked at once; nothing becomes an account until the mobile number
//! is verified by OTP. Until then the registration waits, encrypted, in `pending_registrations`.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use psk_domain::FieldErrors;
use psk_domain::contact::MobileNumber;
use psk_domain::lang::Lang;
use psk_domain::registration::{Consents, Registration, RegistrationInput};
use psk_domain::role::Role;
use psk_store::users::{IndexColumn, NewUser};
use psk_store::{StoreError, Tx, otps, pending, users};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::otp::{self, Purpose};
use crate::auth::password;
use crate::auth::session::{self, DeviceInfo, Issued, Kind};
use crate::crypto::{self, Field};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::notify::{self, Message};
use crate::state::AppState;

/// The registration as kept while it waits for its OTP (encrypted as a whole).
#[derive(Serialize, Deserialize)]
struct PendingPayload {
    cnic: String,
    passport_number: String,
    passport_expiry: NaiveDate,
    full_name: String,
    #[serde(default)]
    full_name_ur: Option<String>,
    guardian_name: String,
    guardian_relation: String,
    date_of_birth: NaiveDate,
    gender: String,
    mobile: String,
    email: Option<String>,
    province: String,
    district: String,
    language: Lang,
    password_hash: String,
    consents: Consents,
    policy_version: String,
    /// The CNIC or passport already had an account when this was started: its "code" SMS says
    /// so instead, and no code verifies it.
    #[serde(default)]
    taken: bool,
}

/// A registration waiting for its code.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Started {
    /// Quote it to verify the code or ask for another.
    pub registration_id: Uuid,
    /// Where the code went, masked (`0300 ****567`).
    pub mobile_masked: String,
    pub code_expires_at: DateTime<Utc>,
    /// The passport expires within six months: many destinations refuse a visa.
    pub passport_expires_soon: bool,
}

/// Checks a registration, stores it pending and sends the code.
#[tracing::instrument(skip_all)]
pub async fn start(st: &AppState, input: &RegistrationInput, ip: &str) -> AppResult<Started> {
    let today = st.clock.today();
    // Counted before anything is checked, so the uniqueness answers cannot be mined.
    let attempts = crate::auth::rate::Limit {
        bucket: "register_client_hour",
        window: Duration::hours(1),
        limit: st.config.registration.max_attempts_per_client_per_hour,
    };
    attempts
        .hit(st, &crate::auth::rate::client_key(st, ip))
        .await?;
    let reg = Registration::parse(input, today, st.config.registration.min_age)?;
    let keys = &st.keys;
    let cnic_hash = keys.blind_index(Field::Cnic, reg.cnic.as_str());
    let passport_hash = keys.blind_index(Field::Passport, reg.passport_number.as_str());
    let mobile_hash = keys.blind_index(Field::Mobile, reg.mobile.e164());
    let mut errs = FieldErrors::new();
    // A CNIC or passport that already has an account is not said on the page, which anyone may
    // fill with anyone's numbers: the registration goes on to the code step as usual, and only
    // the mobile number given is told by SMS (no code), so the answer is the number's owner's.
    let cnic_taken = users::index_taken(st.db.ex(), IndexColumn::Cnic, &cnic_hash).await?;
    let passport_taken =
        users::index_taken(st.db.ex(), IndexColumn::Passport, &passport_hash).await?;
    let taken = cnic_taken || passport_taken;
    if users::count_by_mobile_hash(st.db.ex(), &mobile_hash).await?
        >= st.config.registration.accounts_per_mobile
    {
        errs.push("mobile", "mobile_limit");
    }
    errs.into_result()?;
    otp::check_send_limits(st, &reg.mobile, ip).await?;

    let payload = PendingPayload {
        cnic: reg.cnic.as_str().into(),
        passport_number: reg.passport_number.as_str().into(),
        passport_expiry: reg.passport_expiry.date(),
        full_name: reg.full_name.as_str().into(),
        full_name_ur: reg.full_name_ur.as_ref().map(|n| n.as_str().to_owned()),
        guardian_name: reg.guardian_name.as_str().into(),
        guardian_relation: reg.guardian_relation.as_str().into(),
        date_of_birth: reg.date_of_birth.date(),
        gender: reg.gender.as_str().into(),
        mobile: reg.mobile.e164().into(),
        email: reg.email.as_ref().map(|e| e.as_str().to_owned()),
        province: reg.province.code().into(),
        district: reg.district.code().into(),
        language: reg.language,
        password_hash: password::hash(&reg.password).await?,
        consents: reg.consents,
        policy_version: crate::policy::in_force(st.db.ex(), crate::policy::Document::Privacy)
            .await?,
        taken,
    };
    let now = st.clock.now();
    let id = Uuid::new_v4();
    let json = serde_json::to_vec(&payload).map_err(anyhow::Error::from)?;
    let row = pending::PendingRow {
        id,
        payload_enc: keys.encrypt(Field::PendingRegistration, &json),
        mobile_hash,
        created_at: now,
        expires_at: now + Duration::days(st.config.registration.pending_days),
    };
    let mut tx = st.db.begin().await?;
    pending::insert(tx.ex(), &row).await?;
    let code = send_code(st, &mut tx, id, &reg.mobile, reg.language, taken).await?;
    let event = if taken {
        Event::new("registration.already_registered")
            .detail(json!({ "cnic": cnic_taken, "passport": passport_taken }))
    } else {
        Event::new("otp.sent").detail(json!({ "purpose": "register" }))
    };
    event.ip(ip).record(st, tx.ex()).await?;
    tx.commit().await?;
    notify::wake_worker(st);
    st.metrics.count_registration("started");
    st.metrics.count_otp("sent");
    Ok(Started {
        registration_id: id,
        mobile_masked: reg.mobile.masked(),
        code_expires_at: code.expires_at,
        passport_expires_soon: reg.passport_expiry.expires_soon(today),
    })
}

/// The code for a registration, or for one whose CNIC or passport is already registered, the
/// SMS that says so (and a code nobody knows).
async fn send_code(
    st: &AppState,
    tx: &mut Tx,
    id: Uuid,
    mobile: &MobileNumber,
    lang: Lang,
    taken: bool,
) -> AppResult<psk_store::otps::OtpRow> {
    if taken {
        let message = (lang, "sms-register-already-registered");
        otp::notice(st, tx, Purpose::Register, id, mobile, message).await
    } else {
        otp::issue(st, tx, Purpose::Register, id, mobile, lang).await
    }
}

async fn load(st: &AppState, id: Uuid) -> AppResult<PendingPayload> {
    let row = pending::find_live(st.db.ex(), id, st.clock.now())
        .await?
        .ok_or(AppError::Gone("registration_expired"))?;
    let plain = st
        .keys
        .decrypt(Field::PendingRegistration, &row.payload_enc)
        .map_err(anyhow::Error::from)?;
    Ok(serde_json::from_slice(&plain).map_err(anyhow::Error::from)?)
}

/// Where a pending registration's code went (for the verification page).
pub async fn masked_mobile(st: &AppState, id: Uuid) -> AppResult<String> {
    let p = load(st, id).await?;
    Ok(MobileNumber::parse(&p.mobile)
        .map(|m| m.masked())
        .map_err(|e| anyhow::anyhow!("stored mobile: {e}"))?)
}

/// Sends a new code for a pending registration (the old one stops working).
pub async fn resend(st: &AppState, id: Uuid, ip: &str) -> AppResult<Started> {
    let p = load(st, id).await?;
    let mobile =
        MobileNumber::parse(&p.mobile).map_err(|e| anyhow::anyhow!("stored mobile: {e}"))?;
    otp::check_send_limits(st, &mobile, ip).await?;
    let mut tx = st.db.begin().await?;
    let code = send_code(st, &mut tx, id, &mobile, p.language, p.taken).await?;
    Event::new("otp.sent")
        .detail(json!({ "purpose": "register", "resend": true }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    notify::wake_worker(st);
    st.metrics.count_otp("sent");
    Ok(Started {
        registration_id: id,
        mobile_masked: mobile.masked(),
        code_expires_at: code.expires_at,
        passport_expires_soon: false,
    })
}

/// An account created by a verified registration, signed in.
pub struct Verified {
    pub user_id: Uuid,
    pub language: Lang,
    pub session: Issued,
}

/// Checks the code and turns the pending registration into an account, signed in.
#[tracing::instrument(skip_all)]
pub async fn verify(
    st: &AppState,
    id: Uuid,
    code: &str,
    device: &DeviceInfo,
    kind: Kind,
    ip: &str,
) -> AppResult<Verified> {
    let p = load(st, id).await?;
    let current = otps::current(st.db.ex(), Purpose::Register.as_str(), id).await?;
    let code_row = otp::check(st, Purpose::Register, current, code, ip).await?;
    let keys = &st.keys;
    let now = st.clock.now();
    let user_id = Uuid::new_v4();
    let mobile_hash = keys.blind_index(Field::Mobile, &p.mobile);

    let mut tx = st.db.begin().await?;
    otp::consume(st, tx.ex(), &code_row).await?;
    if users::count_by_mobile_hash(tx.ex(), &mobile_hash).await?
        >= st.config.registration.accounts_per_mobile
    {
        return Err(AppError::field("mobile", "mobile_limit"));
    }
    let user = NewUser {
        id: user_id,
        role: Role::Trainee.as_str().into(),
        full_name: p.full_name.clone(),
        guardian_name: Some(p.guardian_name.clone()),
        guardian_relation: Some(p.guardian_relation.clone()),
        gender: Some(p.gender.clone()),
        cnic_enc: Some(keys.encrypt(Field::Cnic, p.cnic.as_bytes())),
        cnic_hash: Some(keys.blind_index(Field::Cnic, &p.cnic)),
        passport_enc: Some(keys.encrypt(Field::Passport, p.passport_number.as_bytes())),
        passport_hash: Some(keys.blind_index(Field::Passport, &p.passport_number)),
        passport_expiry: Some(p.passport_expiry),
        dob_enc: Some(keys.encrypt(Field::DateOfBirth, p.date_of_birth.to_string().as_bytes())),
        mobile_enc: keys.encrypt(Field::Mobile, p.mobile.as_bytes()),
        mobile_hash,
        email: p.email.clone(),
        province: Some(p.province.clone()),
        district: Some(p.district.clone()),
        language: p.language.code().into(),
        password_hash: p.password_hash.clone(),
        now,
    };
    users::insert(tx.ex(), &user)
        .await
        .map_err(conflict_to_field)?;
    if let Some(ur) = &p.full_name_ur {
        users::set_full_name_ur(tx.ex(), user_id, Some(ur), st.clock.now()).await?;
    }
    crate::privacy::consent::record_registration(
        tx.ex(),
        user_id,
        &p.consents,
        &p.policy_version,
        now,
    )
    .await?;
    pending::delete(tx.ex(), id).await?;
    Event::new("otp.verified")
        .subject(user_id)
        .detail(json!({ "purpose": "register" }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    Event::new("account.registered")
        .actor(user_id)
        .subject(user_id)
        .detail(json!({ "policy_version": p.policy_version, "consents": p.consents }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    if let Some(email) = &p.email {
        send_email_verification(st, &mut tx, user_id, email, p.language).await?;
    }
    let session = session::open(st, tx.ex(), user_id, kind, device).await?;
    Event::new("signin.succeeded")
        .actor(user_id)
        .subject(user_id)
        .detail(json!({ "kind": kind.as_str(), "via": "registration" }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    notify::wake_worker(st);
    st.metrics.count_registration("verified");
    Ok(Verified {
        user_id,
        language: p.language,
        session,
    })
}

/// A duplicate CNIC or passport that slipped in between the check and the insert.
fn conflict_to_field(e: StoreError) -> AppError {
    if e.is_conflict_on("users", "cnic_hash") {
        AppError::field("cnic", "cnic_taken")
    } else if e.is_conflict_on("users", "passport_hash") {
        AppError::field("passport_number", "passport_taken")
    } else {
        e.into()
    }
}

/// Queues the email with the verification link; the address receives nothing else until verified.
pub async fn send_email_verification(
    st: &AppState,
    tx: &mut Tx,
    user_id: Uuid,
    email: &str,
    lang: Lang,
) -> AppResult<()> {
    // A few links a day per person, so the portal cannot be used to mail strangers.
    let per_user = crate::auth::rate::Limit {
        bucket: "email_verify_user_day",
        window: Duration::days(1),
        limit: 5,
    };
    per_user.hit_with(st, tx.ex(), user_id.as_bytes()).await?;
    let now = st.clock.now();
    let token = crypto::new_token();
    psk_store::email_verifications::insert(
        tx.ex(),
        &crypto::token_hash(&token),
        user_id,
        email,
        now,
        now + Duration::days(7),
    )
    .await?;
    let tr = Tr::new(lang);
    let link = format!(
        "{}/email/verify?token={token}",
        st.config.public_url.trim_end_matches('/')
    );
    let msg = Message::Email {
        to: email.into(),
        subject: tr.plain("email-verify-subject", &[]),
        body: tr.plain("email-verify-body", &[("link", link)]),
    };
    notify::enqueue(st, tx.ex(), &msg).await
}

/// Follows a verification link.
pub async fn confirm_email(st: &AppState, token: &str) -> AppResult<Uuid> {
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let (user_id, email) =
        psk_store::email_verifications::consume(tx.ex(), &crypto::token_hash(token), now)
            .await?
            .ok_or(AppError::Gone("email_link_invalid"))?;
    if !users::mark_email_verified(tx.ex(), user_id, &email, now).await? {
        // The address was changed after the link was sent.
        return Err(AppError::Gone("email_link_invalid"));
    }
    Event::new("email.verified")
        .actor(user_id)
        .subject(user_id)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(user_id)
}
