//! Administration: staff accounts, role changes and reading another person's record. Every
//! change and every read of someone else's data goes to the audit log.

use psk_domain::FieldErrors;
use psk_domain::cnic::Cnic;
use psk_domain::contact::{Email, MobileNumber};
use psk_domain::lang::Lang;
use psk_domain::password::Password;
use psk_domain::person::PersonName;
use psk_domain::role::Role;
use psk_store::users::{self, IndexColumn, NewUser};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::account::service::{Profile, load_user, profile_of};
use crate::audit::Event;
use crate::auth::password;
use crate::auth::session::CurrentUser;
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A staff account to create.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffInput {
    pub role: String,
    pub full_name: String,
    /// Sign-in identifier (with the CNIC when given).
    pub mobile: String,
    #[serde(default)]
    pub cnic: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub language: String,
    pub password: String,
    /// For a protector officer: the code of their office (`/api/v1/protector/offices`).
    #[serde(default)]
    pub office: String,
}

/// Who did it: an administrator through the API, or an operator at the command line.
#[derive(Debug, Clone, Copy)]
pub enum Actor {
    User(Uuid),
    Cli,
}

impl Actor {
    fn id(&self) -> Option<Uuid> {
        match self {
            Actor::User(id) => Some(*id),
            Actor::Cli => None,
        }
    }
}

pub async fn create_staff(
    st: &AppState,
    actor: Actor,
    input: &StaffInput,
    ip: Option<&str>,
) -> AppResult<Uuid> {
    let mut e = FieldErrors::new();
    let role = e.take("role", Role::parse(&input.role));
    let name = e.take("full_name", PersonName::parse(&input.full_name));
    let mobile = e.take("mobile", MobileNumber::parse(&input.mobile));
    let cnic = if input.cnic.trim().is_empty() {
        Some(None)
    } else {
        e.take("cnic", Cnic::parse(&input.cnic)).map(Some)
    };
    let email = e.take("email", Email::parse_optional(&input.email));
    let language = if input.language.trim().is_empty() {
        Some(Lang::En)
    } else {
        e.take("language", Lang::parse(&input.language))
    };
    let pass = e.take(
        "password",
        Password::parse(&input.password, cnic.as_ref().and_then(|c| c.as_ref())),
    );
    let offices = psk_store::protector::offices(st.db.ex()).await?;
    let office = input.office.trim().to_uppercase();
    let office_needed = role == Some(Role::ProtectorOfficer);
    if office_needed && office.is_empty() {
        e.push("office", "required");
    } else if !office.is_empty() && !offices.iter().any(|o| o.code == office && o.active) {
        e.push("office", "choose_option");
    }
    e.into_result()?;
    let (role, name, mobile, cnic, email, language, pass) = (
        role.expect("checked"),
        name.expect("checked"),
        mobile.expect("checked"),
        cnic.expect("checked"),
        email.expect("checked"),
        language.expect("checked"),
        pass.expect("checked"),
    );
    let k = &st.keys;
    let cnic_hash = cnic
        .as_ref()
        .map(|c| k.blind_index(Field::Cnic, c.as_str()));
    if let Some(h) = &cnic_hash
        && users::index_taken(st.db.ex(), IndexColumn::Cnic, h).await?
    {
        return Err(AppError::field("cnic", "cnic_taken"));
    }
    let mobile_hash = k.blind_index(Field::Mobile, mobile.e164());
    if users::count_by_mobile_hash(st.db.ex(), &mobile_hash).await?
        >= st.config.registration.accounts_per_mobile
    {
        return Err(AppError::field("mobile", "mobile_limit"));
    }
    let id = Uuid::new_v4();
    let user = NewUser {
        id,
        role: role.as_str().into(),
        full_name: name.as_str().into(),
        guardian_name: None,
        guardian_relation: None,
        gender: None,
        cnic_enc: cnic
            .as_ref()
            .map(|c| k.encrypt(Field::Cnic, c.as_str().as_bytes())),
        cnic_hash,
        passport_enc: None,
        passport_hash: None,
        passport_expiry: None,
        dob_enc: None,
        mobile_enc: k.encrypt(Field::Mobile, mobile.e164().as_bytes()),
        mobile_hash,
        email: email.map(|e| e.as_str().to_owned()),
        province: None,
        district: None,
        language: language.code().into(),
        password_hash: password::hash(&pass).await?,
        now: st.clock.now(),
    };
    let mut tx = st.db.begin().await?;
    users::insert(tx.ex(), &user).await.map_err(|e| {
        if e.is_conflict_on("users", "cnic_hash") {
            AppError::field("cnic", "cnic_taken")
        } else {
            e.into()
        }
    })?;
    if !office.is_empty() {
        psk_store::protector::set_staff_office(tx.ex(), id, &office).await?;
    }
    let mut ev = Event::new("role.granted").subject(id).detail(
        json!({ "role": role.as_str(), "via": if actor.id().is_some() { "api" } else { "cli" } }),
    );
    if let Some(a) = actor.id() {
        ev = ev.actor(a);
    }
    if let Some(ip) = ip {
        ev = ev.ip(ip);
    }
    ev.record(st, tx.ex()).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes a person's role. An administrator cannot remove their own administrator role (so the
/// service is never left without one by accident).
pub async fn set_role(
    st: &AppState,
    actor: Actor,
    user_id: Uuid,
    role: Role,
    ip: Option<&str>,
) -> AppResult<()> {
    if actor.id() == Some(user_id) && role != Role::Administrator {
        return Err(AppError::Forbidden);
    }
    let before = load_user(st, user_id).await?;
    let mut tx = st.db.begin().await?;
    users::set_role(tx.ex(), user_id, role.as_str(), st.clock.now()).await?;
    let mut ev = Event::new("role.changed")
        .subject(user_id)
        .detail(json!({ "from": before.role, "to": role.as_str() }));
    if let Some(a) = actor.id() {
        ev = ev.actor(a);
    }
    if let Some(ip) = ip {
        ev = ev.ip(ip);
    }
    ev.record(st, tx.ex()).await?;
    tx.commit().await?;
    Ok(())
}

/// Reads another person's record (support agents and administrators); the read is audited.
pub async fn read_person(
    st: &AppState,
    me: &CurrentUser,
    user_id: Uuid,
    ip: &str,
) -> AppResult<Profile> {
    me.require(&[Role::SupportAgent, Role::Administrator])?;
    let user = load_user(st, user_id).await?;
    let profile = profile_of(st, &user).await?;
    Event::new("person.read")
        .actor(me.id)
        .subject(user_id)
        .detail(json!({ "role": me.role.as_str() }))
        .ip(ip)
        .record_alone(st)
        .await?;
    Ok(profile)
}

/// The last entries about a person in the audit log (support agents and administrators; audited).
pub async fn person_audit(
    st: &AppState,
    me: &CurrentUser,
    user_id: Uuid,
    ip: &str,
) -> AppResult<Vec<psk_store::audit::AuditRow>> {
    me.require(&[Role::SupportAgent, Role::Administrator])?;
    load_user(st, user_id).await?;
    let rows = psk_store::audit::for_subject(st.db.ex(), user_id, 100).await?;
    Event::new("person.audit_read")
        .actor(me.id)
        .subject(user_id)
        .ip(ip)
        .record_alone(st)
        .await?;
    Ok(rows)
}
