//! The protector check (DESIGN.md section 6): an officer of a Protector of Emigrants office (or a
//! BE&OE system) looks a worker up by CNIC and passport number, or by the certificate's QR code,
//! sees the certificate's status, the full name and whether CNIC and passport match, and records
//! the protector stamp once per journey. Every look-up and stamp is audited and shown to the
//! worker ("who checked my certificate").

use chrono::NaiveDate;
use psk_domain::cnic::Cnic;
use psk_domain::passport::PassportNumber;
use psk_domain::profile::BoundedText;
use psk_domain::role::Role;
use psk_domain::{FieldErrors, geo};
use psk_store::protector::{self, Check, Stamp};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

use crate::audit::Event;
use crate::auth::session::CurrentUser;
use crate::certificate::service::{PublicStatus, public_status};
use crate::crypto::Field;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Who checks: an officer at an office, or a BE&OE machine client.
#[derive(Debug, Clone)]
pub struct Checker {
    pub officer: Option<Uuid>,
    pub client: Option<Uuid>,
    pub office: String,
}

/// The signed-in protector officer and their office.
pub async fn officer(st: &AppState, me: &CurrentUser) -> AppResult<Checker> {
    me.require(&[Role::ProtectorOfficer])?;
    let office = protector::staff_office(st.db.ex(), me.id)
        .await?
        .ok_or(AppError::Forbidden)?;
    // An officer of an office that was closed keeps the account but not the rights.
    if !office_active(st, &office).await? {
        return Err(AppError::Forbidden);
    }
    // Look-ups by CNIC could be used to harvest names: an officer's day has a ceiling.
    crate::auth::rate::Limit {
        bucket: "protector_officer_hour",
        window: chrono::Duration::hours(1),
        limit: 600,
    }
    .hit(st, me.id.as_bytes())
    .await?;
    Ok(Checker {
        officer: Some(me.id),
        client: None,
        office,
    })
}

/// Whether an office is on the list and active.
pub async fn office_active(st: &AppState, code: &str) -> AppResult<bool> {
    Ok(protector::offices(st.db.ex())
        .await?
        .iter()
        .any(|o| o.code == code && o.active))
}

/// Audits a look-up that found nothing to show (no worker, or a QR that is not genuine): the
/// outcome only, never the CNIC typed.
async fn audit_miss(
    st: &AppState,
    who: &Checker,
    via: &str,
    outcome: &str,
    ip: &str,
) -> AppResult<()> {
    let mut ev = Event::new("protector.lookup")
        .detail(
            json!({ "office": who.office, "via": via, "client": who.client, "outcome": outcome }),
        )
        .ip(ip);
    if let Some(o) = who.officer {
        ev = ev.actor(o);
    }
    ev.record(st, st.db.ex()).await
}

/// Seeds the bundled office list into an empty table (first start).
pub async fn seed_offices(st: &AppState) -> AppResult<()> {
    if !protector::offices(st.db.ex()).await?.is_empty() {
        return Ok(());
    }
    let now = st.clock.now();
    let mut tx = st.db.begin().await?;
    for o in geo::protector_offices().all() {
        protector::put_office(
            tx.ex(),
            &protector::Office {
                code: o.code.into(),
                name_en: o.name_en.into(),
                name_ur: o.name_ur.into(),
                active: true,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Adds or changes an office (administrators): a code of 2–10 capital letters or digits, both
/// names required. Audited.
pub async fn put_office(
    st: &AppState,
    me: &CurrentUser,
    code: &str,
    name_en: &str,
    name_ur: &str,
    active: bool,
    ip: &str,
) -> AppResult<()> {
    me.require(&[Role::Administrator])?;
    let mut e = FieldErrors::new();
    let code = code.trim().to_uppercase();
    if !(2..=10).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        e.push("office", "choose_option");
    }
    let mut name = |field: &'static str, v: &str| match BoundedText::parse_optional(v, 120) {
        Ok(Some(t)) => Some(t.as_str().to_owned()),
        Ok(None) => {
            e.push(field, "required");
            None
        }
        Err(_) => {
            e.push(field, "too_long");
            None
        }
    };
    let (en, ur) = (name("name", name_en), name("name", name_ur));
    e.into_result()?;
    let office = protector::Office {
        code,
        name_en: en.expect("checked"),
        name_ur: ur.expect("checked"),
        active,
    };
    let mut tx = st.db.begin().await?;
    protector::put_office(tx.ex(), &office, st.clock.now()).await?;
    Event::new("office.changed")
        .actor(me.id)
        .detail(json!({ "code": office.code, "name_en": office.name_en, "active": office.active }))
        .ip(ip)
        .record(st, tx.ex())
        .await?;
    tx.commit().await?;
    Ok(())
}

/// What an officer sees.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Finding {
    /// A registered worker was found.
    pub found: bool,
    pub full_name: Option<String>,
    /// The passport number given matches the one registered (None when not given: QR look-up).
    pub passport_matches: Option<bool>,
    /// The CNIC given matches (always true when found by CNIC; by QR, the certificate's holder).
    pub cnic_matches: Option<bool>,
    pub certificate: Option<PublicStatus>,
    /// Protector stamps already recorded for this worker.
    pub stamps: Vec<StampView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StampView {
    pub protector_number: String,
    pub stamped_on: NaiveDate,
    pub office: String,
    pub destination: String,
    pub employer: String,
    pub visa_type: String,
    pub full_name: Option<String>,
}

/// A stamp as shown, with the worker's name.
pub async fn stamp_view(st: &AppState, s: &Stamp) -> AppResult<StampView> {
    let name = psk_store::users::find(st.db.ex(), s.user_id)
        .await?
        .map(|u| u.full_name);
    Ok(view_of(s, name))
}

fn view_of(s: &Stamp, name: Option<String>) -> StampView {
    StampView {
        protector_number: s.protector_number.clone(),
        stamped_on: s.stamped_on,
        office: s.office_code.clone(),
        destination: s.destination.clone(),
        employer: s.employer.clone(),
        visa_type: s.visa_type.clone(),
        full_name: name,
    }
}

impl Finding {
    /// Nothing to show but the stamp form (a refused stamp shown again).
    pub fn form_only() -> Self {
        Finding {
            found: true,
            ..Finding::none()
        }
    }

    fn none() -> Self {
        Finding {
            found: false,
            full_name: None,
            passport_matches: None,
            cnic_matches: None,
            certificate: None,
            stamps: vec![],
        }
    }
}

/// CNIC and passport as typed, parsed (both errors at once).
fn identity(cnic: &str, passport: &str) -> AppResult<(Cnic, PassportNumber)> {
    let mut e = FieldErrors::new();
    let c = e.take("cnic", Cnic::parse(cnic));
    let p = e.take("passport_number", PassportNumber::parse(passport));
    e.into_result()?;
    Ok((c.expect("checked"), p.expect("checked")))
}

async fn finding_for(
    st: &AppState,
    who: &Checker,
    user: &psk_store::users::UserRow,
    passport: Option<&PassportNumber>,
    via: &str,
    ip: &str,
) -> AppResult<Finding> {
    let passport_matches = match passport {
        Some(p) => Some(match &user.passport_enc {
            Some(enc) => {
                st.keys
                    .decrypt_string(Field::Passport, enc)
                    .map_err(anyhow::Error::from)?
                    == p.as_str()
            }
            None => false,
        }),
        None => None,
    };
    // Only CNIC and passport together show the worker (DESIGN.md section 6): a CNIC with another
    // passport number learns that much and no more (and the attempt is recorded).
    let revealed = passport_matches != Some(false);
    let certs = psk_store::certificates::for_user(st.db.ex(), user.id).await?;
    // The newest certificate that is not superseded speaks for the worker.
    let current = certs.iter().find(|c| c.status != "superseded");
    let stamps = protector::stamps_of(st.db.ex(), user.id).await?;
    let mut tx = st.db.begin().await?;
    protector::record_check(
        tx.ex(),
        &Check {
            id: Uuid::new_v4(),
            user_id: user.id,
            certificate_id: current.map(|c| c.id),
            office_code: Some(who.office.clone()),
            officer_id: who.officer,
            api_client_id: who.client,
            via: via.into(),
            checked_at: st.clock.now(),
        },
    )
    .await?;
    let mut ev = Event::new("protector.lookup")
        .subject(user.id)
        .detail(json!({ "office": who.office, "via": via, "client": who.client, "outcome": if revealed { "found" } else { "passport_mismatch" } }))
        .ip(ip);
    if let Some(o) = who.officer {
        ev = ev.actor(o);
    }
    ev.record(st, tx.ex()).await?;
    tx.commit().await?;
    if !revealed {
        return Ok(Finding {
            found: true,
            passport_matches,
            ..Finding::none()
        });
    }
    Ok(Finding {
        found: true,
        full_name: Some(user.full_name.clone()),
        passport_matches,
        cnic_matches: Some(true),
        certificate: current.map(|c| public_status(st, c)),
        stamps: stamps.iter().map(|s| view_of(s, None)).collect(),
    })
}

/// Look-up by CNIC and passport number.
pub async fn lookup(
    st: &AppState,
    who: &Checker,
    cnic: &str,
    passport: &str,
    via: &str,
    ip: &str,
) -> AppResult<Finding> {
    let (cnic, passport) = identity(cnic, passport)?;
    let hash = st.keys.blind_index(Field::Cnic, cnic.as_str());
    match psk_store::users::find_by_cnic_hash(st.db.ex(), &hash).await? {
        Some(user) => finding_for(st, who, &user, Some(&passport), via, ip).await,
        None => {
            audit_miss(st, who, via, "not_found", ip).await?;
            Ok(Finding::none())
        }
    }
}

/// Look-up by the certificate's QR code (scanned or pasted): the signature first.
pub async fn lookup_qr(st: &AppState, who: &Checker, qr: &str, ip: &str) -> AppResult<Finding> {
    let keys: Vec<psk_cert::PublicKey> = crate::certificate::keys::published(st)
        .await?
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let claims = match psk_cert::seal::verify(qr, &keys, st.clock.today()) {
        Ok(c) => c,
        Err(psk_cert::SealError::Expired(c)) => *c,
        Err(_) => {
            audit_miss(st, who, "qr", "not_genuine", ip).await?;
            return Err(AppError::BadRequest("qr_not_genuine"));
        }
    };
    let Some(cert) = psk_store::certificates::by_number(st.db.ex(), &claims.number).await? else {
        audit_miss(st, who, "qr", "not_found", ip).await?;
        return Ok(Finding::none());
    };
    let user = psk_store::users::find(st.db.ex(), cert.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut f = finding_for(st, who, &user, None, "qr", ip).await?;
    // The QR names this certificate: show its own status (it may be superseded).
    f.certificate = Some(public_status(st, &cert));
    Ok(f)
}

/// The protector stamp as entered.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StampInput {
    pub cnic: String,
    pub passport_number: String,
    /// The protector (protectorate) number of this departure.
    pub protector_number: String,
    /// YYYY-MM-DD, not in the future.
    pub stamped_on: String,
    /// ISO country code of the destination.
    pub destination: String,
    /// The employer abroad, or the overseas employment promoter (OEP).
    pub employer: String,
    /// work, domestic_work, skilled_work, seasonal_work or other
    pub visa_type: String,
}

pub const VISA_TYPES: &[&str] = &[
    "work",
    "domestic_work",
    "skilled_work",
    "seasonal_work",
    "other",
];

struct ParsedStamp {
    cnic: Cnic,
    passport: PassportNumber,
    number: String,
    day: NaiveDate,
    destination: String,
    employer: String,
    visa: String,
}

fn parse_stamp(st: &AppState, i: &StampInput) -> AppResult<ParsedStamp> {
    let mut e = FieldErrors::new();
    let cnic = e.take("cnic", Cnic::parse(&i.cnic));
    let passport = e.take("passport_number", PassportNumber::parse(&i.passport_number));
    let number = i.protector_number.trim().to_uppercase();
    if number.is_empty() {
        e.push("protector_number", "required");
    } else if number.len() > 40
        || !number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'/')
    {
        e.push("protector_number", "protector_number_format");
    }
    let day = match NaiveDate::parse_from_str(i.stamped_on.trim(), "%Y-%m-%d") {
        Ok(d) if d <= st.clock.today() => Some(d),
        Ok(_) => {
            e.push("stamped_on", "date_in_future");
            None
        }
        Err(_) => {
            e.push("stamped_on", "date_format");
            None
        }
    };
    let destination = i.destination.trim().to_uppercase();
    if geo::countries().get(&destination).is_none() {
        e.push("destination", "choose_option");
    }
    let employer = match BoundedText::parse_optional(&i.employer, 200) {
        Ok(Some(t)) => Some(t.as_str().to_owned()),
        Ok(None) => {
            e.push("employer", "required");
            None
        }
        Err(_) => {
            e.push("employer", "too_long");
            None
        }
    };
    let visa = i.visa_type.trim().to_lowercase();
    if !VISA_TYPES.contains(&visa.as_str()) {
        e.push("visa_type", "choose_option");
    }
    e.into_result()?;
    Ok(ParsedStamp {
        cnic: cnic.expect("checked"),
        passport: passport.expect("checked"),
        number,
        day: day.expect("checked"),
        destination,
        employer: employer.expect("checked"),
        visa,
    })
}

/// Records the protector stamp: the worker must hold a valid certificate and the passport must
/// match. The same protector number again with the same details is the same stamp (returned,
/// `false`: nothing new); with other details it is refused.
pub async fn stamp(
    st: &AppState,
    who: &Checker,
    input: &StampInput,
    idempotency_key: Option<&str>,
    ip: &str,
) -> AppResult<(Stamp, bool)> {
    let p = parse_stamp(st, input)?;
    let hash = st.keys.blind_index(Field::Cnic, p.cnic.as_str());
    let user = psk_store::users::find_by_cnic_hash(st.db.ex(), &hash)
        .await?
        .ok_or(AppError::NotFound)?;
    let passport_ok = match &user.passport_enc {
        Some(enc) => {
            st.keys
                .decrypt_string(Field::Passport, enc)
                .map_err(anyhow::Error::from)?
                == p.passport.as_str()
        }
        None => false,
    };
    if !passport_ok {
        return Err(AppError::field("passport_number", "passport_mismatch"));
    }
    // A BE&OE client's retry with the same idempotency key is the stamp it made the first time.
    if let (Some(client), Some(key)) = (who.client, idempotency_key)
        && let Some(existing) = protector::stamp_by_client_key(st.db.ex(), client, key).await?
    {
        return if existing.protector_number == p.number && existing.user_id == user.id {
            Ok((existing, false))
        } else {
            Err(AppError::BadRequest("idempotency_key_reused"))
        };
    }
    if let Some(existing) = protector::stamp_by_number(st.db.ex(), &p.number).await? {
        let same = existing.user_id == user.id
            && existing.stamped_on == p.day
            && existing.destination == p.destination
            && existing.employer == p.employer
            && existing.visa_type == p.visa;
        return if same {
            Ok((existing, false))
        } else {
            Err(AppError::field("protector_number", "protector_number_used"))
        };
    }
    let cert = psk_store::certificates::for_user(st.db.ex(), user.id)
        .await?
        .into_iter()
        .find(|c| c.status == "valid" && c.expires_on >= st.clock.today())
        .ok_or(AppError::Gone("certificate_not_valid"))?;
    // No certificate, no stamp: a stamp cannot be dated before its certificate, nor more than
    // a month back.
    if p.day < cert.issued_on || p.day < st.clock.today() - chrono::Duration::days(31) {
        return Err(AppError::field("stamped_on", "stamp_date_too_early"));
    }
    let s = Stamp {
        id: Uuid::new_v4(),
        user_id: user.id,
        certificate_id: cert.id,
        office_code: who.office.clone(),
        officer_id: who.officer,
        api_client_id: who.client,
        protector_number: p.number,
        stamped_on: p.day,
        destination: p.destination,
        employer: p.employer,
        visa_type: p.visa,
        idempotency_key: idempotency_key.map(str::to_owned),
        created_at: st.clock.now(),
    };
    let mut tx = st.db.begin().await?;
    if let Err(e) = protector::insert_stamp(tx.ex(), &s).await {
        drop(tx);
        // Two officers stamped the same number at once: the other one won.
        if e.is_conflict_on("protector_stamps", "protector_number") {
            return Box::pin(stamp(st, who, input, idempotency_key, ip)).await;
        }
        return Err(e.into());
    }
    protector::record_check(
        tx.ex(),
        &Check {
            id: Uuid::new_v4(),
            user_id: user.id,
            certificate_id: Some(cert.id),
            office_code: Some(who.office.clone()),
            officer_id: who.officer,
            api_client_id: who.client,
            via: "stamp".into(),
            checked_at: s.created_at,
        },
    )
    .await?;
    let mut ev = Event::new("protector.stamped")
        .subject(user.id)
        .detail(json!({ "stamp": s.id, "office": s.office_code, "certificate": cert.id, "client": who.client }))
        .ip(ip);
    if let Some(o) = who.officer {
        ev = ev.actor(o);
    }
    ev.record(st, tx.ex()).await?;
    tx.commit().await?;
    Ok((s, true))
}

/// An office's stamps of one day, with the workers' names.
pub async fn day_list(st: &AppState, who: &Checker, day: NaiveDate) -> AppResult<Vec<StampView>> {
    let mut out = vec![];
    for s in protector::day_list(st.db.ex(), &who.office, day).await? {
        out.push(stamp_view(st, &s).await?);
    }
    Ok(out)
}

/// "Who checked my certificate": office, when, how.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CheckView {
    pub checked_at: chrono::DateTime<chrono::Utc>,
    /// The office's name in the request's language (or the BE&OE system's).
    pub by: String,
    /// lookup, qr, api or stamp
    pub via: String,
}

pub async fn my_checks(st: &AppState, me: &CurrentUser, urdu: bool) -> AppResult<Vec<CheckView>> {
    let offices = protector::offices(st.db.ex()).await?;
    let mut out = vec![];
    for c in protector::checks_of(st.db.ex(), me.id, 50).await? {
        let office = c
            .office_code
            .as_ref()
            .and_then(|code| offices.iter().find(|o| &o.code == code));
        let by = match (office, c.api_client_id) {
            (Some(o), _) => {
                if urdu {
                    o.name_ur.clone()
                } else {
                    o.name_en.clone()
                }
            }
            (None, Some(id)) => psk_store::protector::client(st.db.ex(), id)
                .await?
                .map(|cl| cl.name)
                .unwrap_or_default(),
            _ => String::new(),
        };
        out.push(CheckView {
            checked_at: c.checked_at,
            by,
            via: c.via,
        });
    }
    Ok(out)
}
