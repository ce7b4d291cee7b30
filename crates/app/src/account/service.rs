//! A signed-in person's own account: profile, contact details, language, consents, education,
//! employment, intended move, devices and sessions. Every lookup is scoped to the owner.

use chrono::{DateTime, NaiveDate, Utc};
use psk_domain::FieldErrors;
use psk_domain::contact::Email;
use psk_domain::geo::{self, District, Province};
use psk_domain::lang::Lang;
use psk_domain::profile::{
    Education, EducationInput, Employment, EmploymentInput, IntendedMove, IntendedMoveInput,
};
use psk_domain::registration::Consents;
use psk_store::profile::{EducationRow, EmploymentRow, IntendedMoveRow};
use psk_store::users::UserRow;
use psk_store::{consents, profile, users};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::access::registration::send_email_verification;
use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::crypto::{Field, Keys};
use crate::error::{AppError, AppResult};
use crate::notify;
use crate::state::AppState;

/// A person's account as they see it themselves (their own data, decrypted).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Profile {
    pub id: Uuid,
    pub role: String,
    pub full_name: String,
    pub guardian_name: Option<String>,
    pub guardian_relation: Option<String>,
    pub gender: Option<String>,
    /// `12345-1234567-1`
    pub cnic: Option<String>,
    pub passport_number: Option<String>,
    pub passport_expiry: Option<NaiveDate>,
    pub passport_expires_soon: bool,
    pub date_of_birth: Option<NaiveDate>,
    /// `0300 1234567`
    pub mobile: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub province: Option<String>,
    pub district: Option<String>,
    pub language: String,
    pub consents: Vec<ConsentView>,
    #[schema(value_type = Vec<Object>)]
    pub education: Vec<EducationRow>,
    #[schema(value_type = Vec<Object>)]
    pub employment: Vec<EmploymentRow>,
    #[schema(value_type = Option<Object>)]
    pub intended_move: Option<IntendedMoveRow>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsentView {
    pub purpose: String,
    pub granted: bool,
    pub policy_version: String,
    pub recorded_at: DateTime<Utc>,
}

fn decrypt_opt(keys: &Keys, field: Field, v: &Option<Vec<u8>>) -> AppResult<Option<String>> {
    v.as_ref()
        .map(|b| {
            keys.decrypt_string(field, b)
                .map_err(|e| AppError::Internal(e.into()))
        })
        .transpose()
}

/// Builds the profile of `user` (already loaded) with its related rows.
pub async fn profile_of(st: &AppState, u: &UserRow) -> AppResult<Profile> {
    let k = &st.keys;
    let cnic = decrypt_opt(k, Field::Cnic, &u.cnic_enc)?.map(|c| {
        psk_domain::cnic::Cnic::parse(&c)
            .map(|c| c.formatted())
            .unwrap_or(c)
    });
    let mobile = k
        .decrypt_string(Field::Mobile, &u.mobile_enc)
        .map_err(anyhow::Error::from)?;
    let mobile = psk_domain::contact::MobileNumber::parse(&mobile)
        .map(|m| m.national())
        .unwrap_or(mobile);
    let dob = decrypt_opt(k, Field::DateOfBirth, &u.dob_enc)?.and_then(|d| d.parse().ok());
    let today = st.clock.today();
    Ok(Profile {
        id: u.id,
        role: u.role.clone(),
        full_name: u.full_name.clone(),
        guardian_name: u.guardian_name.clone(),
        guardian_relation: u.guardian_relation.clone(),
        gender: u.gender.clone(),
        cnic,
        passport_number: decrypt_opt(k, Field::Passport, &u.passport_enc)?,
        passport_expiry: u.passport_expiry,
        passport_expires_soon: u.passport_expiry.is_some_and(|d| {
            today
                .checked_add_months(chrono::Months::new(6))
                .is_some_and(|l| d < l)
        }),
        date_of_birth: dob,
        mobile,
        email: u.email.clone(),
        email_verified: u.email_verified_at.is_some(),
        province: u.province.clone(),
        district: u.district.clone(),
        language: u.language.clone(),
        consents: consents::list(st.db.ex(), u.id)
            .await?
            .into_iter()
            .map(|c| ConsentView {
                purpose: c.purpose,
                granted: c.granted,
                policy_version: c.policy_version,
                recorded_at: c.recorded_at,
            })
            .collect(),
        education: profile::list_education(st.db.ex(), u.id).await?,
        employment: profile::list_employment(st.db.ex(), u.id).await?,
        intended_move: profile::intended_move(st.db.ex(), u.id).await?,
        created_at: u.created_at,
    })
}

pub async fn load_user(st: &AppState, id: Uuid) -> AppResult<UserRow> {
    users::find(st.db.ex(), id).await?.ok_or(AppError::NotFound)
}

pub async fn my_profile(st: &AppState, me: &CurrentUser) -> AppResult<Profile> {
    profile_of(st, &load_user(st, me.id).await?).await
}

/// The contact details a trainee can change themselves.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub district: String,
    #[serde(default, rename = "_csrf")]
    #[schema(ignore)]
    pub csrf: Option<String>,
}

pub async fn update_contact(
    st: &AppState,
    me: &CurrentUser,
    input: &ContactInput,
    ip: &str,
) -> AppResult<()> {
    let mut e = FieldErrors::new();
    let email = e.take("email", Email::parse_optional(&input.email));
    let province = e.take("province", Province::parse(&input.province));
    let district = e.take("district", District::parse(&input.district, province));
    e.into_result()?;
    let (email, province, district) = (
        email.expect("checked"),
        province.expect("checked"),
        district.expect("checked"),
    );
    let before = load_user(st, me.id).await?;
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    let new_email = email.as_ref().map(|e| e.as_str());
    users::set_contact(
        tx.ex(),
        me.id,
        new_email,
        province.code(),
        district.code(),
        now,
    )
    .await?;
    let email_changed = before.email.as_deref() != new_email;
    if let (true, Some(addr)) = (email_changed, new_email) {
        send_email_verification(
            st,
            &mut tx,
            me.id,
            addr,
            Lang::parse(&before.language).unwrap_or_default(),
        )
        .await?;
    }
    Event::new("profile.contact_updated")
        .actor(me.id)
        .subject(me.id)
        .detail(json!({ "email_changed": email_changed }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    notify::wake_worker(st);
    Ok(())
}

pub async fn set_language(st: &AppState, me: &CurrentUser, lang: Lang) -> AppResult<()> {
    users::set_language(st.db.ex(), me.id, lang.code(), st.clock.now()).await?;
    Ok(())
}

/// The all-in-one consent form (`PUT /api/v1/me/consents`): training consent cannot be withdrawn
/// here (it is the basis of the account: withdrawing it is a deletion request); the others go
/// through the consent ledger like the "My privacy" page's buttons.
pub async fn set_consents(
    st: &AppState,
    me: &CurrentUser,
    c: &Consents,
    channel: psk_domain::consent::Channel,
    ip: &str,
) -> AppResult<()> {
    if !c.training {
        return Err(AppError::field("consent_training", "consent_required"));
    }
    let changes: Vec<_> = crate::privacy::consent::registration_choices(c)
        .into_iter()
        .filter(|(p, _)| p.basis() == psk_domain::consent::Basis::Choice)
        .collect();
    crate::privacy::consent::set_many(st, me.id, &changes, channel, ip).await
}

/// Adds (`id` None) or changes an education entry of the user.
pub async fn save_education(
    st: &AppState,
    me: &CurrentUser,
    id: Option<Uuid>,
    input: &EducationInput,
) -> AppResult<Uuid> {
    let e = Education::parse(input, st.clock.today())?;
    let row = EducationRow {
        id: id.unwrap_or_else(Uuid::new_v4),
        level: e.level.as_str().into(),
        institution: e.institution.map(|t| t.as_str().to_owned()),
        year: e.year,
        hec_verification_requested: e.hec_verification_requested,
    };
    if let Some(id) = id {
        profile::find_education(st.db.ex(), id, me.id)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let mut tx = st.db.begin().await?;
    if !profile::upsert_education(tx.ex(), me.id, &row, st.clock.now()).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(row.id)
}

pub async fn delete_education(st: &AppState, me: &CurrentUser, id: Uuid) -> AppResult<()> {
    let mut tx = st.db.begin().await?;
    if profile::delete_education(tx.ex(), id, me.id, st.clock.now()).await? {
        Ok(tx.commit().await?)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn save_employment(
    st: &AppState,
    me: &CurrentUser,
    id: Option<Uuid>,
    input: &EmploymentInput,
) -> AppResult<Uuid> {
    let e = Employment::parse(input, st.clock.today())?;
    let row = EmploymentRow {
        id: id.unwrap_or_else(Uuid::new_v4),
        employer: e.employer.as_str().into(),
        job_title: e.job_title.as_str().into(),
        occupation: e.occupation.code().into(),
        country: e.country.code().into(),
        from_month: e.from,
        to_month: e.to,
    };
    if let Some(id) = id {
        profile::find_employment(st.db.ex(), id, me.id)
            .await?
            .ok_or(AppError::NotFound)?;
    }
    let mut tx = st.db.begin().await?;
    if !profile::upsert_employment(tx.ex(), me.id, &row, st.clock.now()).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(row.id)
}

pub async fn delete_employment(st: &AppState, me: &CurrentUser, id: Uuid) -> AppResult<()> {
    let mut tx = st.db.begin().await?;
    if profile::delete_employment(tx.ex(), id, me.id, st.clock.now()).await? {
        Ok(tx.commit().await?)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn save_intended_move(
    st: &AppState,
    me: &CurrentUser,
    input: &IntendedMoveInput,
) -> AppResult<()> {
    let m = IntendedMove::parse(input)?;
    let row = IntendedMoveRow {
        destination: m.destination.code().into(),
        occupation: m.occupation.code().into(),
        employer_or_oep: m.employer_or_oep.map(|t| t.as_str().to_owned()),
        salary_amount: m.salary.map(|s| s.0),
        salary_currency: m.salary.map(|s| s.1.to_owned()),
        benefits: m.benefits.map(|t| t.as_str().to_owned()),
        updated_at: st.clock.now(),
    };
    let mut tx = st.db.begin().await?;
    profile::set_intended_move(tx.ex(), me.id, &row).await?;
    Ok(tx.commit().await?)
}

/// Names from the bundled lists, for display.
pub fn place_name(lang: Lang, code: &Option<String>, list: &'static geo::List) -> String {
    code.as_deref()
        .and_then(|c| list.get(c))
        .map(|e| e.name(lang).to_owned())
        .unwrap_or_default()
}
